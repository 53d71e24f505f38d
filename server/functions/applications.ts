/** The `applications` cloud function: the applicant's side of a relief case. */
import * as z from 'zod/mini';
import { action, defineFunction } from '../api/define';
import { zId, zRequestId, zText } from '../api/schemas';
import { addMyMaterials, submitApplication, withdrawApplication } from '../cases/intake';
import { confirmReceiptByTap } from '../cases/payouts';
import { eligibilityCheck, getMyCase, myCases } from '../cases/queries';
import { myClues, reportClue } from '../clues/usecases';
import { fileDataRequest, myDataRequests } from '../privacy/data-requests';
import { DATA_REQUEST_KINDS, type DataRequestKind } from '../../miniprogram/domain/data-requests';
import {
  situationShape,
  zAssistance,
  zCategory,
  zCause,
  zConsent,
  zFileId,
  zHukou,
  zIdNumberInput,
  zMaterials,
  zName,
  zPhone,
  zRelationship,
} from '../cases/schemas';

export const applicationsFunction = defineFunction(
  'applications',
  '救助申请：申请前自查、提交、补充材料、查看本人案件进度',
  {
    checkEligibility: action({
      summary: '申请前自查：按户籍、困难原因、政府救助和家庭类别，说明可申请哪类救助、上限多少和理由，并列出所需材料',
      access: 'anyone',
      payload: z.strictObject({
        societyId: z.optional(zId).check(z.describe('互助社编号（给出时一并返回该社的救助档次）')),
        hukou: zHukou,
        cause: zCause,
        assistance: zAssistance,
        category: zCategory,
        livingAtRisk: z.boolean().check(z.describe('基本生活是否因此陷入困境')),
        relationship: z._default(zRelationship, 'self'),
      }),
      errors: ['NOT_FOUND'],
      handler: (ctx, payload) => eligibilityCheck(ctx, payload),
    }),
    submit: action({
      summary: '提交救助申请（本人或共同生活的家庭成员）；同一请求编号重试不会重复立案',
      access: 'anyone',
      payload: z.strictObject({
        requestId: zRequestId,
        societyId: zId.check(z.describe('互助社编号')),
        applicantName: z.optional(zName).check(z.describe('申请人姓名（首次申请且不是为本人申请时必填）')),
        applicantPhone: z.optional(z.nullable(zPhone)).check(z.describe('申请人电话')),
        beneficiary: z
          .strictObject({
            name: zName,
            idNumber: zIdNumberInput,
            phone: z.optional(z.nullable(zPhone)),
            relationship: zRelationship,
          })
          .check(z.describe('救助对象：{ name, idNumber, phone?, relationship }')),
        ...situationShape,
        consent: zConsent,
        materials: z.optional(zMaterials),
      }),
      errors: ['NOT_FOUND', 'NOT_ELIGIBLE', 'INVALID_STATE'],
      handler: (ctx, payload) => submitApplication(ctx, payload),
    }),
    myCases: action({
      summary: '我的救助申请（只有本人提交的）',
      access: 'known',
      payload: z.strictObject({}),
      errors: ['FORBIDDEN'],
      handler: async (ctx) => ({ items: await myCases(ctx) }),
    }),
    getMyCase: action({
      summary: '我的一个案件：填报内容、材料、进度时间轴、办理时限、决定和发放',
      access: 'known',
      payload: z.strictObject({ caseId: zId.check(z.describe('案件编号')) }),
      errors: ['NOT_FOUND', 'FORBIDDEN'],
      handler: (ctx, { caseId }) => getMyCase(ctx, caseId),
    }),
    addMaterials: action({
      summary: '补充材料照片（审批决定之前）',
      access: 'known',
      payload: z.strictObject({
        caseId: zId.check(z.describe('案件编号')),
        materials: zMaterials.check(z.minLength(1)),
      }),
      errors: ['NOT_FOUND', 'FORBIDDEN', 'INVALID_STATE'],
      handler: (ctx, { caseId, materials }) => addMyMaterials(ctx, caseId, materials),
    }),
    withdraw: action({
      summary: '撤回尚未受理的申请',
      access: 'known',
      payload: z.strictObject({
        caseId: zId.check(z.describe('案件编号')),
        reason: z._default(z.string().check(z.trim(), z.maxLength(200)), '').check(z.describe('撤回原因（可不填）')),
      }),
      errors: ['NOT_FOUND', 'FORBIDDEN', 'INVALID_STATE'],
      handler: (ctx, { caseId, reason }) => withdrawApplication(ctx, caseId, reason),
    }),
    confirmReceipt: action({
      summary: '确认已收到救助（领款人本人或申请人点一下确认）',
      access: 'known',
      payload: z.strictObject({ caseId: zId.check(z.describe('案件编号')) }),
      errors: ['NOT_FOUND', 'FORBIDDEN', 'INVALID_STATE'],
      handler: (ctx, { caseId }) => confirmReceiptByTap(ctx, caseId),
    }),
    reportClue: action({
      summary: '反映线索：告诉互助社谁可能需要帮助、发生了什么（可附照片、可匿名）；每人每天最多 3 条',
      access: 'anyone',
      payload: z.strictObject({
        requestId: zRequestId,
        societyId: zId.check(z.describe('互助社编号')),
        personHint: z
          .string()
          .check(z.trim(), z.minLength(2), z.maxLength(100), z.describe('谁可能需要帮助（就您所知：姓名、住在哪里）')),
        whatHappened: z.string().check(z.trim(), z.minLength(4), z.maxLength(500), z.describe('发生了什么')),
        photoFileId: z.optional(z.nullable(zFileId)).check(z.describe('照片（可不附）')),
        anonymous: z.boolean().check(z.describe('匿名反映：互助社看不到反映人是谁')),
        reporterName: z.optional(zName).check(z.describe('反映人姓名（实名反映且首次使用时填写）')),
      }),
      errors: ['NOT_FOUND', 'INVALID_STATE'],
      handler: (ctx, payload) => reportClue(ctx, payload),
    }),
    fileDataRequest: action({
      summary: '个人信息申请：请互助社让本人查阅复制、更正补充或删除其掌握的本人信息；15 个工作日内答复',
      access: 'known',
      payload: z.strictObject({
        requestId: zRequestId,
        societyId: zId.check(z.describe('互助社编号')),
        kind: z
          .enum(DATA_REQUEST_KINDS as unknown as [DataRequestKind, ...DataRequestKind[]])
          .check(z.describe('access 查阅复制 / correction 更正补充 / deletion 删除')),
        details: zText(500, '申请内容（要查阅、更正或删除哪些信息）'),
      }),
      errors: ['NOT_FOUND', 'DUPLICATE'],
      handler: (ctx, payload) => fileDataRequest(ctx, payload),
    }),
    myDataRequests: action({
      summary: '我的个人信息申请和互助社的答复',
      access: 'anyone',
      payload: z.strictObject({}),
      errors: [],
      handler: (ctx) => myDataRequests(ctx),
    }),
    myClues: action({
      summary: '我的线索：本人反映的线索和处理结果（已救助、已转介、未予救助等，不含他人信息）',
      access: 'anyone',
      payload: z.strictObject({}),
      errors: [],
      handler: async (ctx) => ({ items: await myClues(ctx) }),
    }),
  },
);
