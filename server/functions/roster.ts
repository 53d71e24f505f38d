/** The `roster` cloud function: assistance lists, the roster of at-risk households and its visits (R-OVS-1). */
import { z } from 'zod';
import { action, defineFunction } from '../api/define';
import { zDate, zId, zRequestId } from '../api/schemas';
import { zFileId, zName, zText } from '../cases/schemas';
import { applyListImport, listTemplate, previewListImport } from '../roster/lists';
import {
  dueRosterVisits,
  getRosterLevels,
  recordRosterVisit,
  rosterEntry,
  rosterOf,
  setRosterLevel,
  setRosterLevels,
} from '../roster/roster';
import { LIST_KINDS, MAX_DIFFICULTY_LEVELS, type ListKind } from '../../miniprogram/domain/roster';

const OFFICERS = ['secretary', 'president'] as const;
const READERS = ['secretary', 'president', 'supervisor'] as const;
const zListKind = z
  .enum(LIST_KINDS as unknown as [ListKind, ...ListKind[]])
  .describe(
    '名单：dibao 低保 / tekun 特困 / nearDibao 低保边缘 / relapseMonitored 防止返贫监测 / expenditureHardship 支出型困难',
  );
const zRosterId = zId.describe('花名册记录编号');
const importShape = {
  societyId: zId.nullable().optional().describe('导入本村名单时：互助社编号'),
  townshipId: zId.nullable().optional().describe('乡镇导入全乡镇名单时：乡镇编号'),
  kind: zListKind,
  fileId: zFileId.describe('上传的 xlsx 文件编号'),
};

export const rosterFunction = defineFunction('roster', '困难群众名单导入、重点对象花名册与定期走访', {
  listTemplate: action({
    summary: '名单导入模板（xlsx）：列名、示例行和填写说明',
    access: [...OFFICERS, 'township'],
    payload: z.strictObject({ kind: zListKind }),
    errors: [],
    handler: (ctx, { kind }) => listTemplate(ctx, kind),
  }),
  previewListImport: action({
    summary:
      '预览名单导入：有错误的行逐行列出、整表不导入；无误时列出新增、移出和变更的人数及打码姓名，返回确认用的令牌',
    access: [...OFFICERS, 'township'],
    payload: z.strictObject(importShape),
    errors: ['NOT_FOUND', 'FORBIDDEN'],
    handler: (ctx, payload) => previewListImport(ctx, payload),
  }),
  applyListImport: action({
    summary: '确认导入名单（须带预览令牌，名单有变化时须重新预览），记入操作记录并更新花名册',
    access: [...OFFICERS, 'township'],
    payload: z.strictObject({
      ...importShape,
      token: z
        .string()
        .regex(/^[0-9a-f]{20}$/)
        .describe('预览令牌'),
    }),
    errors: ['NOT_FOUND', 'FORBIDDEN', 'INVALID_STATE'],
    handler: (ctx, payload) => applyListImport(ctx, payload),
  }),
  roster: action({
    summary: '本社重点对象花名册：按名单类别和困难等级统计，按下次走访日期排序',
    access: [...READERS],
    payload: z.strictObject({ societyId: zId.describe('互助社编号') }),
    errors: ['NOT_FOUND', 'FORBIDDEN'],
    handler: (ctx, { societyId }) => rosterOf(ctx, societyId),
  }),
  rosterEntry: action({
    summary: '花名册中的一户：身份、住址、所在名单、困难等级和历次走访记录',
    access: [...READERS],
    payload: z.strictObject({ rosterId: zRosterId }),
    errors: ['NOT_FOUND', 'FORBIDDEN'],
    handler: (ctx, { rosterId }) => rosterEntry(ctx, rosterId),
  }),
  recordVisit: action({
    summary: '记录一次走访（走访情况、照片、走访人），下次走访日期随之顺延',
    access: [...OFFICERS],
    payload: z.strictObject({
      requestId: zRequestId,
      rosterId: zRosterId,
      visitDay: zDate.nullable().optional().describe('走访日期，不填为今天'),
      visitors: z.array(zName.describe('走访人')).min(1).max(6).describe('走访人姓名'),
      findings: zText(1000, '走访情况'),
      photoFileIds: z.array(zFileId).max(9).default([]).describe('走访照片'),
    }),
    errors: ['NOT_FOUND', 'FORBIDDEN', 'INVALID_STATE'],
    handler: (ctx, payload) => recordRosterVisit(ctx, payload),
  }),
  setLevel: action({
    summary: '调整一户的困难等级（走访周期随之改变）',
    access: [...OFFICERS],
    payload: z.strictObject({
      rosterId: zRosterId,
      levelId: z
        .string()
        .regex(/^[a-z0-9][a-z0-9-]{0,15}$/)
        .describe('困难等级编号'),
    }),
    errors: ['NOT_FOUND', 'FORBIDDEN'],
    handler: (ctx, payload) => setRosterLevel(ctx, payload),
  }),
  dueVisits: action({
    summary: '近 7 天应走访和已逾期的走访（工作台一社、乡镇和县看所辖各社），只含打码姓名',
    access: [...READERS, 'township', 'county'],
    payload: z.strictObject({ societyId: zId.nullable().optional().describe('只看一个互助社时给出') }),
    errors: ['NOT_FOUND', 'FORBIDDEN'],
    handler: (ctx, payload) => dueRosterVisits(ctx, payload),
  }),
  levels: action({
    summary: '县里设定的困难等级和走访周期（未设定时为默认值）',
    access: 'known',
    payload: z.strictObject({ countyId: zId.describe('县编号') }),
    errors: [],
    handler: (ctx, { countyId }) => getRosterLevels(ctx, countyId),
  }),
  setLevels: action({
    summary: '县民政局设定困难等级和各级走访周期，花名册的走访计划随之调整',
    access: ['county'],
    payload: z.strictObject({
      countyId: zId.describe('县编号'),
      levels: z
        .array(
          z.strictObject({
            id: z
              .string()
              .regex(/^[a-z0-9][a-z0-9-]{0,15}$/)
              .describe('等级编号'),
            label: zText(20, '等级名称'),
            visitEveryDays: z.number().int().min(7).max(366).describe('走访周期（天）'),
          }),
        )
        .min(1)
        .max(MAX_DIFFICULTY_LEVELS)
        .describe('各困难等级'),
    }),
    errors: ['FORBIDDEN'],
    handler: (ctx, payload) => setRosterLevels(ctx, payload),
  }),
});
