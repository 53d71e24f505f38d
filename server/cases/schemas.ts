/** Payload pieces the `applications` and `approvals` functions share. */
import * as z from 'zod/mini';
import { startsWithRealDay, zFen, zId, zText } from '../api/schemas';
import { FILE_ID_PATTERN } from './common';
import {
  CAUSES,
  GOVERNMENT_ASSISTANCE,
  HOUSEHOLD_CATEGORIES,
  MATERIAL_KINDS,
  RELATIONSHIPS,
  RELIEF_FORMS,
  type Cause,
  type GovernmentAssistance,
  type HouseholdCategory,
  type MaterialKind,
  type Relationship,
  type ReliefForm,
} from '../../miniprogram/domain/relief';
import { REFERRAL_KINDS, type ReferralKind } from '../../miniprogram/domain/case';

const tuple = <T extends string>(values: readonly T[]) => values as unknown as [T, ...T[]];

export const zCause = z
  .enum(tuple<Cause>(CAUSES))
  .check(z.describe('困难原因：majorIllness 重大疾病 / accident 意外事故 / other 其他'));
export const zAssistance = z
  .array(z.enum(tuple<GovernmentAssistance>(GOVERNMENT_ASSISTANCE)))
  .check(
    z.maxLength(3),
    z.describe('正在享受的政府救助：dibao 低保 / tekun 特困 / temporary 临时救助；没有则为空数组'),
  );
export const zCategory = z
  .enum(tuple<HouseholdCategory>(HOUSEHOLD_CATEGORIES))
  .check(
    z.describe(
      '家庭类别：nearDibao 低保边缘 / relapseMonitored 返贫监测 / expenditureHardship 支出型困难 / other 都不是 / unsure 不清楚，入户核实',
    ),
  );
export const zHukou = z
  .enum(['beneficiary', 'coResidentFamily', 'none'])
  .check(z.describe('本村户籍：beneficiary 救助对象本人 / coResidentFamily 共同生活的家庭成员 / none 都不是'));
export const zRelationship = z
  .enum(tuple<Relationship>(RELATIONSHIPS))
  .check(
    z.describe(
      '救助对象是申请人的：self 本人 / spouse 配偶 / parent / child / sibling / grandparent / grandchild / otherRelative',
    ),
  );
export const zName = z.string().check(z.trim(), z.minLength(1), z.maxLength(20), z.describe('姓名'));
export const zIdNumberInput = z
  .string()
  .check(z.minLength(15), z.maxLength(24), z.describe('身份证号码（18 位，校验位按国家标准核对）'));
export const zPhone = z
  .string()
  .check(z.trim(), z.regex(/^(?:1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/), z.describe('手机号码或固定电话'));
export const zFileId = z
  .string()
  .check(z.regex(FILE_ID_PATTERN), z.describe('文件编号（上传到云存储后得到的 fileID）'));
export const zMaterialKind = z.enum(tuple<MaterialKind>(MATERIAL_KINDS)).check(z.describe('材料类别'));
export const zMaterials = z
  .array(z.strictObject({ kind: zMaterialKind, fileId: zFileId }))
  .check(z.maxLength(30), z.describe('材料照片：[{ kind, fileId }]'));
export const zSeen = z
  ._default(z.array(zId).check(z.maxLength(100)), [])
  .check(z.describe('页面已向经办人展示的同一原因既往案件编号（重复救助提示）'));
export const zForm = z
  .enum(tuple<ReliefForm>(RELIEF_FORMS))
  .check(z.describe('救助形式：cash 现金 / inKind 实物 / referral 转介服务'));
export const zTierId = z.string().check(z.regex(/^[a-z0-9][a-z0-9-]{0,15}$/), z.describe('互助社救助档次编号'));
export const zAmountFen = z
  .number()
  .check(z.int(), z.minimum(0), z.maximum(100_000_000_00), z.describe('金额（分）；转介服务为 0'));
export const zReferralKind = z.enum(tuple<ReferralKind>(REFERRAL_KINDS)).check(z.describe('转介类别'));
export const zInstant = z.string().check(
  z.regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}:\d{2})$/),
  z.refine((text) => startsWithRealDay(text) && !Number.isNaN(Date.parse(text)), {
    message: '不是真实的时间',
  }),
  z.describe('时间（ISO 8601，含时区，如 2026-12-01T09:30:00+08:00）'),
);

export const situationShape = {
  hukou: zHukou,
  cause: zCause,
  description: zText(1000, '发生了什么：困难情况的简要说明'),
  assistance: zAssistance,
  category: zCategory,
  livingAtRisk: z.boolean().check(z.describe('基本生活是否因此陷入困境')),
};

/** The consent's fields, for a payload that adds its own (an officer's record of how consent was given). */
export const consentShape = {
  processing: z.boolean(),
  publicNotice: z.boolean(),
  textVersion: z.string().check(z.maxLength(40)),
};

export const zConsent = z
  .strictObject(consentShape)
  .check(z.describe('知情同意：{ processing, publicNotice, textVersion }（告知文本版本见 CONSENT_TEXT_VERSION）'));

export const zOpinion = {
  recommend: z.enum(['grant', 'deny']).check(z.describe('grant 建议救助 / deny 建议不予救助')),
  form: z.optional(z.nullable(zForm)),
  amountFen: z.optional(z.nullable(zAmountFen)),
  tierId: z.optional(z.nullable(zTierId)),
  reason: zText(1000, '意见和理由'),
};

export { zFen, zId };
