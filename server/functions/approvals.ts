/** The `approvals` cloud function: the officers' side of a relief case, and its oversight. */
import * as z from 'zod/mini';
import { action, defineFunction } from '../api/define';
import { zDate, zFen, zId, zRequestId, zText } from '../api/schemas';
import { acceptCase, addOfficerMaterials, declineCase, openDiscovery } from '../cases/intake';
import { approveCase, proposeDecision, recordVisit, rejectCase } from '../cases/review';
import {
  addReferral,
  closeCase,
  disburse,
  fileExplanation,
  recordReceipt,
  reliefFirst,
  updateReferral,
} from '../cases/payouts';
import { getCase, overdueCases, queue, QUEUE_PAGE_SIZE } from '../cases/queries';
import { recordTownshipReferralOutcome, referToTownship, settleUnratified } from '../cases/township';
import { caseFile, exportCaseFile } from '../cases/case-file';
import { getReliefSettings, setReliefSettings } from '../cases/settings';
import {
  approveAsTownship,
  explainAsTownship,
  getTownshipDecision,
  rejectAsTownship,
} from '../cases/township-decision';
import { getCaseRules, setDecisionWorkingDays } from '../cases/county-rules';
import { closeClue, getClue, listClues } from '../clues/usecases';
import { answerDataRequest, dataRequests } from '../privacy/data-requests';
import { listProgrammeHelps, recordProgrammeHelp, updateProgrammeHelp } from '../clues/helps';
import { HELP_OUTCOMES, PROGRAMMES } from '../../miniprogram/domain/clues';
import { DECISION_WORKING_DAYS_MAX, DECISION_WORKING_DAYS_MIN } from '../../miniprogram/domain/case';
import {
  consentShape,
  situationShape,
  zAmountFen,
  zAssistance,
  zCategory,
  zFileId,
  zForm,
  zHukou,
  zIdNumberInput,
  zInstant,
  zMaterialKind,
  zMaterials,
  zName,
  zOpinion,
  zPhone,
  zReferralKind,
  zRelationship,
  zSeen,
  zTierId,
} from '../cases/schemas';

const OFFICERS = ['secretary', 'president'] as const;
const READERS = ['secretary', 'president', 'supervisor'] as const;
const zCaseId = zId.check(z.describe('案件编号'));
const zReferral = {
  kind: zReferralKind,
  description: zText(500, '转介内容'),
  ownerName: zName.check(z.describe('负责人')),
  ownerUserId: z.optional(z.nullable(zId)).check(z.describe('负责人的用户编号（如已登记）')),
  followUpDate: zDate.check(z.describe('跟进日期')),
};
const zTier = z.strictObject({ id: zTierId, label: zText(20, '档次名称'), amountFen: zAmountFen });

export const approvalsFunction = defineFunction(
  'approvals',
  '救助审核审批：受理、入户核查、审批、发放、先行救助、转介、一人一档',
  {
    queue: action({
      summary: '本社案件列表（分页），按当前办理时限由近到远排序（无时限的在后），附总件数和超时件数',
      access: [...READERS],
      payload: z.strictObject({
        societyId: zId.check(z.describe('互助社编号')),
        filter: z
          ._default(z.enum(['open', 'final', 'all']), 'open')
          .check(z.describe('open 在办 / final 已结束 / all 全部')),
        offset: z
          ._default(z.number().check(z.int(), z.minimum(0), z.maximum(100_000)), 0)
          .check(z.describe('从第几件开始（上一页返回的 nextOffset）')),
        limit: z
          ._default(z.number().check(z.int(), z.minimum(1), z.maximum(100)), QUEUE_PAGE_SIZE)
          .check(z.describe('每页件数')),
      }),
      errors: ['NOT_FOUND', 'FORBIDDEN'],
      handler: (ctx, { societyId, filter, offset, limit }) => queue(ctx, societyId, filter, { offset, limit }),
    }),
    getCase: action({
      summary: '案件详情：全部信息、时限、重复救助提示、办理过程，以及当前用户可以办理的环节',
      access: [...READERS],
      payload: z.strictObject({ caseId: zCaseId }),
      errors: ['NOT_FOUND', 'FORBIDDEN'],
      handler: (ctx, { caseId }) => getCase(ctx, caseId),
    }),
    openDiscovery: action({
      summary: '主动发现：为无法自行申请的困难群众立案（立案即受理，开始计时）',
      access: [...OFFICERS],
      payload: z.strictObject({
        requestId: zRequestId,
        societyId: zId.check(z.describe('互助社编号')),
        person: z
          .strictObject({
            name: zName,
            idNumber: zIdNumberInput,
            phone: z.optional(z.nullable(zPhone)),
            relationship: z._default(zRelationship, 'self'),
          })
          .check(z.describe('救助对象：{ name, idNumber, phone? }')),
        ...situationShape,
        discoveredHow: zText(200, '如何发现（入户走访、村民反映、医院告知等）'),
        householdOfUserId: z.optional(z.nullable(zId)).check(z.describe('救助对象与哪位已登记用户同户（用于回避）')),
        // Not z.extend(zConsent, …): in zod/mini a description is a check, and extend keeps it.
        consent: z.extend(z.strictObject(consentShape), { method: z.enum(['signed', 'verbal']) }),
        materials: z.optional(zMaterials),
        seenRepeatCaseIds: zSeen,
        clueId: z.optional(z.nullable(zId)).check(z.describe('由哪条线索立案（线索随之标为已立案）')),
      }),
      errors: ['NOT_FOUND', 'FORBIDDEN', 'NOT_ELIGIBLE', 'INVALID_STATE'],
      handler: (ctx, payload) => openDiscovery(ctx, payload),
    }),
    accept: action({
      summary: '受理申请：开始计时，入户核查和审核意见须在 1 个工作日内完成',
      access: [...OFFICERS],
      payload: z.strictObject({ caseId: zCaseId, seenRepeatCaseIds: zSeen }),
      errors: ['NOT_FOUND', 'FORBIDDEN', 'INVALID_STATE'],
      handler: (ctx, { caseId, seenRepeatCaseIds }) => acceptCase(ctx, caseId, seenRepeatCaseIds),
    }),
    decline: action({
      summary: '不予受理（须写明理由，申请人可见）',
      access: [...OFFICERS],
      payload: z.strictObject({ caseId: zCaseId, reason: zText(500, '不予受理的理由') }),
      errors: ['NOT_FOUND', 'FORBIDDEN', 'INVALID_STATE'],
      handler: (ctx, { caseId, reason }) => declineCase(ctx, caseId, reason),
    }),
    addMaterials: action({
      summary: '经办人补充材料照片（审批决定之前）',
      access: [...OFFICERS],
      payload: z.strictObject({ caseId: zCaseId, materials: zMaterials.check(z.minLength(1)) }),
      errors: ['NOT_FOUND', 'FORBIDDEN', 'INVALID_STATE'],
      handler: (ctx, { caseId, materials }) => addOfficerMaterials(ctx, caseId, materials),
    }),
    recordVisit: action({
      summary: '入户核查记录：至少两人、核查情况、照片、核验的原件，以及审核意见（救助形式、档次、金额）',
      access: [...OFFICERS],
      payload: z.strictObject({
        caseId: zCaseId,
        visitedAt: zInstant.check(z.describe('入户时间')),
        visitors: z
          .array(z.strictObject({ name: zName, userId: z.optional(z.nullable(zId)) }))
          .check(z.minLength(2), z.maxLength(6), z.describe('核查人（至少两人）')),
        findings: zText(2000, '核查情况'),
        photoFileIds: z._default(z.array(zFileId).check(z.maxLength(20)), []).check(z.describe('入户照片')),
        originalsChecked: z
          ._default(z.array(zMaterialKind).check(z.maxLength(8)), [])
          .check(z.describe('已核验原件的材料')),
        verified: z
          .optional(
            z.strictObject({
              hukou: z.optional(zHukou),
              assistance: z.optional(zAssistance),
              category: z.optional(zCategory),
              livingAtRisk: z.optional(z.boolean()),
            }),
          )
          .check(z.describe('核实后与申报不同的情况（决定救助类型）')),
        opinion: z
          .strictObject(zOpinion)
          .check(z.describe('审核意见：{ recommend, form?, amountFen?, tierId?, reason }')),
      }),
      errors: ['NOT_FOUND', 'FORBIDDEN', 'INVALID_STATE', 'OVER_CAP', 'NOT_ELIGIBLE'],
      handler: (ctx, payload) => recordVisit(ctx, payload),
    }),
    propose: action({
      summary: '提出审批意见报社长审批（救助类型由核实情况决定，金额不超过上限和档次标准）',
      access: [...OFFICERS],
      payload: z.strictObject({ caseId: zCaseId, ...zOpinion }),
      errors: ['NOT_FOUND', 'FORBIDDEN', 'INVALID_STATE', 'OVER_CAP', 'NOT_ELIGIBLE'],
      handler: (ctx, { caseId, ...opinion }) => proposeDecision(ctx, caseId, opinion),
    }),
    approve: action({
      summary: '批准（社长或本社指定的第二审批人；本户案件须回避，不能审批自己提出的意见）；发放须在 1 个工作日内完成',
      access: [...OFFICERS],
      payload: z.strictObject({
        caseId: zCaseId,
        seenRepeatCaseIds: zSeen,
        form: z.optional(z.nullable(zForm)).check(z.describe('改变救助形式时填写')),
        amountFen: z.optional(z.nullable(zAmountFen)).check(z.describe('改变金额时填写')),
        tierId: z.optional(z.nullable(zTierId)).check(z.describe('改变档次时填写')),
        note: z._default(z.string().check(z.trim(), z.maxLength(1000)), '').check(z.describe('审批意见')),
      }),
      errors: ['NOT_FOUND', 'FORBIDDEN', 'INVALID_STATE', 'OVER_CAP', 'NOT_ELIGIBLE'],
      handler: (ctx, payload) => approveCase(ctx, payload),
    }),
    reject: action({
      summary: '不予批准（须写明理由，申请人可见）',
      access: [...OFFICERS],
      payload: z.strictObject({ caseId: zCaseId, reason: zText(1000, '不予批准的理由'), seenRepeatCaseIds: zSeen }),
      errors: ['NOT_FOUND', 'FORBIDDEN', 'INVALID_STATE'],
      handler: (ctx, { caseId, reason, seenRepeatCaseIds }) => rejectCase(ctx, caseId, reason, seenRepeatCaseIds),
    }),
    townshipCase: action({
      summary:
        '乡镇查看本乡镇互助社中无人可以审批（社长回避等）而交由乡镇审批的案件：审批意见、入户核查、重复救助提示（不含身份证号、电话、住址）',
      access: ['township'],
      payload: z.strictObject({ caseId: zCaseId }),
      errors: ['NOT_FOUND', 'FORBIDDEN'],
      handler: (ctx, { caseId }) => getTownshipDecision(ctx, caseId),
    }),
    townshipApprove: action({
      summary: '乡镇按审批意见批准交由乡镇审批的案件（以乡镇名义记录）；发放须在 1 个工作日内完成',
      access: ['township'],
      payload: z.strictObject({
        caseId: zCaseId,
        seenRepeatCaseIds: zSeen,
        note: z._default(z.string().check(z.trim(), z.maxLength(1000)), '').check(z.describe('审批意见')),
      }),
      errors: ['NOT_FOUND', 'FORBIDDEN', 'INVALID_STATE', 'OVER_CAP', 'NOT_ELIGIBLE'],
      handler: (ctx, payload) => approveAsTownship(ctx, payload),
    }),
    townshipReject: action({
      summary: '乡镇对交由乡镇审批的案件不予批准（须写明理由，申请人可见）',
      access: ['township'],
      payload: z.strictObject({ caseId: zCaseId, reason: zText(1000, '不予批准的理由'), seenRepeatCaseIds: zSeen }),
      errors: ['NOT_FOUND', 'FORBIDDEN', 'INVALID_STATE'],
      handler: (ctx, payload) => rejectAsTownship(ctx, payload),
    }),
    townshipExplain: action({
      summary: '乡镇为本社无人可以审批的先行救助补办审批说明（予以追认或不予追认，以乡镇名义记录）',
      access: ['township'],
      payload: z.strictObject({
        caseId: zCaseId,
        explanation: zText(1000, '说明'),
        ratified: z.boolean().check(z.describe('是否予以追认')),
      }),
      errors: ['NOT_FOUND', 'FORBIDDEN', 'INVALID_STATE'],
      handler: (ctx, payload) => explainAsTownship(ctx, payload),
    }),
    getCaseRules: action({
      summary: '县里的案件规则：审批意见提出后多少个工作日内须作出决定，逾期即列入乡镇的超时清单',
      access: ['county', 'township'],
      payload: z.strictObject({}),
      errors: ['FORBIDDEN'],
      handler: (ctx) => getCaseRules(ctx),
    }),
    setDecisionWorkingDays: action({
      summary: '县民政局设置审批时限（工作日，默认 1）；对此后提出的审批意见生效',
      access: ['county'],
      payload: z.strictObject({
        days: z
          .number()
          .check(
            z.int(),
            z.minimum(DECISION_WORKING_DAYS_MIN),
            z.maximum(DECISION_WORKING_DAYS_MAX),
            z.describe('审批时限（工作日）'),
          ),
      }),
      errors: ['FORBIDDEN'],
      handler: (ctx, { days }) => setDecisionWorkingDays(ctx, days),
    }),
    disburse: action({
      summary: '发放救助：现金、转账、实物（名称和价值）或转介；现金和实物从互助资金支出，重试只发放一次',
      access: [...OFFICERS],
      payload: z.strictObject({
        requestId: zRequestId,
        caseId: zCaseId,
        method: z
          .enum(['cash', 'transfer', 'goods', 'referral'])
          .check(z.describe('cash 现金 / transfer 转账 / goods 实物 / referral 转介')),
        amountFen: zAmountFen.check(z.describe('发放金额或实物价值（分）；转介为 0')),
        goodsDescription: z
          .optional(z.nullable(z.string().check(z.trim(), z.maxLength(200))))
          .check(z.describe('实物名称和数量')),
        recipientName: z.optional(z.nullable(zName)).check(z.describe('领取人（默认救助对象本人）')),
        receiptFileId: z.optional(z.nullable(zFileId)).check(z.describe('签字收据照片')),
        referral: z
          .optional(z.nullable(z.strictObject(zReferral)))
          .check(z.describe('转介：{ kind, description, ownerName, followUpDate }')),
      }),
      errors: ['NOT_FOUND', 'FORBIDDEN', 'INVALID_STATE', 'OVER_CAP', 'INSUFFICIENT_FUNDS', 'DUPLICATE'],
      handler: (ctx, payload) => disburse(ctx, payload),
    }),
    reliefFirst: action({
      summary: '先行救助：紧急情况下先发放，入户核查记录和审批说明须在 1 个工作日内补办',
      access: [...OFFICERS],
      payload: z.strictObject({
        requestId: zRequestId,
        caseId: zCaseId,
        method: z.enum(['cash', 'transfer', 'goods']).check(z.describe('cash 现金 / transfer 转账 / goods 实物')),
        amountFen: zAmountFen,
        tierId: zTierId,
        goodsDescription: z
          .optional(z.nullable(z.string().check(z.trim(), z.maxLength(200))))
          .check(z.describe('实物名称和数量')),
        recipientName: z.optional(z.nullable(zName)).check(z.describe('领取人（默认救助对象本人）')),
        receiptFileId: z.optional(z.nullable(zFileId)).check(z.describe('签字收据照片')),
        urgency: zText(500, '为什么必须先行救助'),
      }),
      errors: [
        'NOT_FOUND',
        'FORBIDDEN',
        'INVALID_STATE',
        'OVER_CAP',
        'INSUFFICIENT_FUNDS',
        'NOT_ELIGIBLE',
        'DUPLICATE',
      ],
      handler: (ctx, payload) => reliefFirst(ctx, payload),
    }),
    fileExplanation: action({
      summary: '补办先行救助的审批说明（社长或第二审批人，须先补录入户核查；先行发放的人不能自己追认）',
      access: [...OFFICERS],
      payload: z.strictObject({
        caseId: zCaseId,
        explanation: zText(1000, '说明'),
        ratified: z.boolean().check(z.describe('是否予以追认')),
      }),
      errors: ['NOT_FOUND', 'FORBIDDEN', 'INVALID_STATE'],
      handler: (ctx, { caseId, explanation, ratified }) => fileExplanation(ctx, caseId, explanation, ratified),
    }),
    settleUnratified: action({
      summary:
        '乡镇处理未予追认的先行救助款（该互助社所在乡镇）：追回（金额不超过先行发放的金额，记入互助资金，重试只记一次）或核销，须写明理由',
      access: ['township'],
      payload: z.strictObject({
        requestId: zRequestId,
        caseId: zCaseId,
        outcome: z.enum(['recovery', 'writeOff']).check(z.describe('recovery 追回 / writeOff 核销')),
        recoveredFen: z.optional(z.nullable(zFen)).check(z.describe('追回金额（分），追回时必填')),
        recoveredOn: z.optional(z.nullable(zDate)).check(z.describe('追回日期，追回时必填')),
        reason: zText(500, '理由'),
      }),
      errors: ['NOT_FOUND', 'FORBIDDEN', 'INVALID_STATE', 'DUPLICATE'],
      handler: (ctx, payload) => settleUnratified(ctx, payload),
    }),
    referTownship: action({
      summary:
        '超出互助社权限（补充救助 500 元、应急救助 1,000 元上限）：转乡镇临时救助，写明申请金额和理由，乡镇答复后可查看结果',
      access: [...OFFICERS],
      payload: z.strictObject({
        caseId: zCaseId,
        requestId: zRequestId,
        askedFen: zFen.check(z.describe('申请乡镇临时救助的金额（分）')),
        reason: zText(500, '为什么超出互助社权限、需要什么帮助'),
        followUpDate: z.optional(z.nullable(zDate)).check(z.describe('跟进日期（默认一周后）')),
      }),
      errors: ['NOT_FOUND', 'FORBIDDEN', 'INVALID_STATE'],
      handler: (ctx, payload) => referToTownship(ctx, payload),
    }),
    townshipReferralOutcome: action({
      summary: '乡镇答复临时救助转介（该互助社所在乡镇）：受理并给予金额，或不予受理并写明理由',
      access: ['township'],
      payload: z.strictObject({
        caseId: zCaseId,
        referralId: zId.check(z.describe('转介编号')),
        accepted: z.boolean().check(z.describe('true 受理 / false 不予受理')),
        amountFen: zAmountFen.check(z.describe('给予的临时救助金额（分）；不予受理为 0')),
        reason: z
          ._default(z.string().check(z.trim(), z.maxLength(500)), '')
          .check(z.describe('说明（不予受理时必填）')),
      }),
      errors: ['NOT_FOUND', 'FORBIDDEN', 'INVALID_STATE'],
      handler: (ctx, payload) => recordTownshipReferralOutcome(ctx, payload),
    }),
    recordReceipt: action({
      summary: '上传领款人签字的收据照片（领款确认）',
      access: [...OFFICERS],
      payload: z.strictObject({ caseId: zCaseId, fileId: zFileId }),
      errors: ['NOT_FOUND', 'FORBIDDEN', 'INVALID_STATE'],
      handler: (ctx, { caseId, fileId }) => recordReceipt(ctx, caseId, fileId),
    }),
    addReferral: action({
      summary: '救助后转介帮扶：其他捐赠、心理疏导、资源链接、能力提升、社会融入、帮办政府救助；有负责人和跟进日期',
      access: [...OFFICERS],
      payload: z.strictObject({ caseId: zCaseId, requestId: zRequestId, ...zReferral }),
      errors: ['NOT_FOUND', 'FORBIDDEN', 'INVALID_STATE'],
      handler: (ctx, { caseId, ...referral }) => addReferral(ctx, caseId, referral),
    }),
    updateReferral: action({
      summary: '记录转介跟进情况',
      access: [...OFFICERS],
      payload: z.strictObject({
        caseId: zCaseId,
        referralId: zId.check(z.describe('转介编号')),
        status: z.enum(['open', 'done', 'dropped']).check(z.describe('open 跟进中 / done 已完成 / dropped 已终止')),
        note: zText(500, '跟进情况'),
        followUpDate: z.optional(z.nullable(zDate)).check(z.describe('下次跟进日期')),
      }),
      errors: ['NOT_FOUND', 'FORBIDDEN', 'INVALID_STATE'],
      handler: (ctx, { caseId, ...update }) => updateReferral(ctx, caseId, update),
    }),
    close: action({
      summary: '结案（须已确认领款；先行救助须已补办审批）',
      access: [...OFFICERS],
      payload: z.strictObject({
        caseId: zCaseId,
        note: z._default(z.string().check(z.trim(), z.maxLength(500)), '').check(z.describe('结案说明')),
      }),
      errors: ['NOT_FOUND', 'FORBIDDEN', 'INVALID_STATE'],
      handler: (ctx, { caseId, note }) => closeCase(ctx, caseId, note),
    }),
    caseFile: action({
      summary: '一人一档：该救助对象在本社的全部案件、每一步、材料和决定',
      access: [...READERS],
      payload: z.strictObject({ caseId: zCaseId.check(z.describe('该对象任一案件的编号')) }),
      errors: ['NOT_FOUND', 'FORBIDDEN'],
      handler: (ctx, { caseId }) => caseFile(ctx, caseId),
    }),
    exportCaseFile: action({
      summary: '导出一人一档为可打印的文档（存入云存储，返回打开地址）',
      access: [...READERS],
      payload: z.strictObject({ caseId: zCaseId.check(z.describe('该对象任一案件的编号')) }),
      errors: ['NOT_FOUND', 'FORBIDDEN'],
      handler: (ctx, { caseId }) => exportCaseFile(ctx, caseId),
    }),
    overdue: action({
      summary: '超时未办的案件（乡镇、县、联合会看辖区内；互助社看本社）：只显示打码姓名',
      access: ['secretary', 'president', 'supervisor', 'township', 'county', 'federation'],
      payload: z.strictObject({ societyId: z.optional(zId).check(z.describe('只看这个互助社')) }),
      errors: ['NOT_FOUND', 'FORBIDDEN'],
      handler: async (ctx, { societyId }) => ({ items: await overdueCases(ctx, societyId) }),
    }),
    getSettings: action({
      summary: '本社救助档次和第二审批人',
      access: [...READERS],
      payload: z.strictObject({ societyId: zId.check(z.describe('互助社编号')) }),
      errors: ['NOT_FOUND', 'FORBIDDEN'],
      handler: (ctx, { societyId }) => getReliefSettings(ctx, societyId),
    }),
    setSettings: action({
      summary: '社长设置救助档次（不超过补充救助 500 元、应急救助 1,000 元的上限）和第二审批人',
      access: ['president'],
      payload: z.strictObject({
        societyId: zId.check(z.describe('互助社编号')),
        tiers: z
          .strictObject({
            supplementary: z.array(zTier).check(z.minLength(1), z.maxLength(6)),
            emergency: z.array(zTier).check(z.minLength(1), z.maxLength(6)),
          })
          .check(z.describe('{ supplementary: [{ id, label, amountFen }], emergency: [...] }')),
        secondApproverUserId: z.nullable(zId).check(z.describe('第二审批人（本社秘书长等），没有则为 null')),
      }),
      errors: ['NOT_FOUND', 'FORBIDDEN'],
      handler: (ctx, payload) => setReliefSettings(ctx, payload),
    }),
    listClues: action({
      summary: '线索队列：村民和志愿者反映的线索（待处理的在前），匿名线索不显示反映人',
      access: [...READERS],
      payload: z.strictObject({ societyId: zId.check(z.describe('互助社编号')) }),
      errors: ['NOT_FOUND', 'FORBIDDEN'],
      handler: (ctx, { societyId }) => listClues(ctx, societyId),
    }),
    getClue: action({
      summary: '一条线索的内容（立案时参考）',
      access: [...READERS],
      payload: z.strictObject({ clueId: zId.check(z.describe('线索编号')) }),
      errors: ['NOT_FOUND', 'FORBIDDEN'],
      handler: (ctx, { clueId }) => getClue(ctx, clueId),
    }),
    closeClue: action({
      summary: '关闭线索（无需立案，须写明理由；反映人只看到「已核实，未立案」）',
      access: [...OFFICERS],
      payload: z.strictObject({ clueId: zId.check(z.describe('线索编号')), reason: zText(300, '关闭的理由') }),
      errors: ['NOT_FOUND', 'FORBIDDEN', 'INVALID_STATE'],
      handler: (ctx, { clueId, reason }) => closeClue(ctx, clueId, reason),
    }),
    dataRequests: action({
      summary: '个人信息申请（查阅、更正、删除）：本社的由秘书长、社长办理；乡镇看所辖各社的办理期限（打码姓名）',
      access: [...OFFICERS, 'township'],
      payload: z.strictObject({
        societyId: z.optional(z.nullable(zId)).check(z.describe('互助社编号；乡镇看全部时不填')),
      }),
      errors: ['NOT_FOUND', 'FORBIDDEN'],
      handler: (ctx, payload) => dataRequests(ctx, payload),
    }),
    answerDataRequest: action({
      summary: '答复个人信息申请：已办理（写明办理情况）或不予办理（写明理由），记入操作记录',
      access: [...OFFICERS],
      payload: z.strictObject({
        dataRequestId: zId.check(z.describe('个人信息申请编号')),
        outcome: z.enum(['accepted', 'refused']).check(z.describe('accepted 已办理 / refused 不予办理')),
        answer: zText(500, '办理情况或不予办理的理由'),
      }),
      errors: ['NOT_FOUND', 'FORBIDDEN', 'INVALID_STATE'],
      handler: (ctx, payload) => answerDataRequest(ctx, payload),
    }),
    listHelps: action({
      summary: '帮办台账：帮助群众申请低保、特困、临时救助、医疗救助、大病保险等的记录',
      access: [...READERS],
      payload: z.strictObject({ societyId: zId.check(z.describe('互助社编号')) }),
      errors: ['NOT_FOUND', 'FORBIDDEN'],
      handler: async (ctx, { societyId }) => ({ items: await listProgrammeHelps(ctx, societyId) }),
    }),
    recordHelp: action({
      summary: '登记帮办：为谁、帮办哪项政府救助、申请日期、跟进日期，可关联救助案件',
      access: [...OFFICERS],
      payload: z.strictObject({
        requestId: zRequestId,
        societyId: zId.check(z.describe('互助社编号')),
        personName: zName.check(z.describe('帮办对象姓名')),
        programme: z
          .enum(PROGRAMMES)
          .check(
            z.describe(
              '帮办项目：dibao 低保 / tekun 特困 / temporary 临时救助 / medical 医疗救助 / seriousIllness 大病保险 / other 其他',
            ),
          ),
        programmeNote: z
          ._default(z.string().check(z.trim(), z.maxLength(100)), '')
          .check(z.describe('项目说明（选「其他」时必填）')),
        appliedOn: zDate.check(z.describe('申请日期')),
        followUpOn: z.optional(z.nullable(zDate)).check(z.describe('跟进日期')),
        caseId: z.optional(z.nullable(zId)).check(z.describe('关联的救助案件（如有）')),
      }),
      errors: ['NOT_FOUND', 'FORBIDDEN', 'INVALID_STATE'],
      handler: (ctx, payload) => recordProgrammeHelp(ctx, payload),
    }),
    updateHelp: action({
      summary: '更新帮办结果：办理中 / 已获批 / 未获批（附说明）和下次跟进日期',
      access: [...OFFICERS],
      payload: z.strictObject({
        helpId: zId.check(z.describe('帮办编号')),
        outcome: z.enum(HELP_OUTCOMES).check(z.describe('pending 办理中 / approved 已获批 / refused 未获批')),
        outcomeText: z._default(z.string().check(z.trim(), z.maxLength(300)), '').check(z.describe('结果说明')),
        followUpOn: z.nullable(zDate).check(z.describe('下次跟进日期，无需再跟进为 null')),
      }),
      errors: ['NOT_FOUND', 'FORBIDDEN'],
      handler: (ctx, payload) => updateProgrammeHelp(ctx, payload),
    }),
  },
);
