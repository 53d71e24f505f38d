/**
 * The `notices` cloud function: public notices after relief (R-PROC-6), each society's public
 * page with its 三公开 (R-OVS-3), objections, the supervision committee's read-only view and its
 * flags (R-OVS-2), the township's overview, and the audit trail with its verification (R-OVS-5).
 */
import * as z from 'zod/mini';
import { action, defineFunction } from '../api/define';
import { zId, zRequestId } from '../api/schemas';
import { zFileId } from '../cases/schemas';
import { SCENE_PATTERN } from '../notices/scene';
import { attachBoardPhoto, officerNotices, officerTodo, previewNotice, publishNotice } from '../notices/publish';
import { getNotice, noticeArchive, publicPage, resolveScene } from '../notices/public';
import { answerObjection, listObjections, myObjections, raiseObjection } from '../notices/objections';
import { boardPoster } from '../notices/board';
import { exportBoardPoster } from '../notices/poster-file';
import { getNoticeSettings, setNoticeSettings } from '../notices/settings';
import { fourPublicSheet, supervisedCases, supervisionLedger, supervisionOverview } from '../oversight/supervision';
import { flagCase, listFlags, resolveFlag } from '../oversight/flags';
import { townshipOverview } from '../oversight/township';
import { auditScopes, readAuditTrail, verifyAuditScope } from '../audit/usecases';
import {
  MAX_OBJECTION_ANSWER_DAYS,
  OBJECTION_ANSWER_MAX,
  OBJECTION_CONTACT_MAX,
  OBJECTION_TEXT_MAX,
  VILLAGE_GROUP_MAX,
} from '../../miniprogram/domain/notices';
import { FLAG_COMMENT_MAX } from '../../miniprogram/domain/oversight';

const OFFICERS = ['secretary', 'president'] as const;
const ARCHIVE_READERS = ['member', 'secretary', 'president', 'supervisor', 'township', 'county'] as const;
const OBJECTION_READERS = ['secretary', 'president', 'supervisor', 'township', 'county'] as const;
const CASE_SUPERVISORS = ['supervisor', 'secretary', 'president'] as const;
const AUDIT_READERS = ['supervisor', 'township', 'county'] as const;

const zSocietyId = zId.check(z.describe('互助社编号'));
const zNoticeId = zId.check(z.describe('公示编号'));
const zOffset = z
  ._default(z.number().check(z.int(), z.minimum(0), z.maximum(100_000)), 0)
  .check(z.describe('跳过的条数'));
const zLimit = z
  ._default(z.number().check(z.int(), z.minimum(1), z.maximum(50)), 20)
  .check(z.describe('每页条数（默认 20，最多 50）'));
const zFilter = z
  ._default(z.enum(['live', 'archived', 'all']), 'all')
  .check(z.describe('live 公示中 / archived 公示期满 / all 全部'));
const noticeInput = {
  caseId: zId.check(z.describe('已发放的救助案件编号')),
  // Issue 12: no free text. The notice is built from the case's structured facts; the payload is
  // strict, so a `checkFinding` or `villageGroup` text sent by an old page is BAD_REQUEST.
  villageGroupNo: z
    ._default(z.nullable(z.number().check(z.int(), z.minimum(1), z.maximum(VILLAGE_GROUP_MAX))), null)
    .check(z.describe(`村民小组序号（1–${VILLAGE_GROUP_MAX}，公示为「第三村民小组」；null 不写）`)),
};

export const noticesFunction = defineFunction(
  'notices',
  '救助公示、三公开、异议、村监督委员会监督、乡镇总览与操作记录核验',
  {
    // --- anyone, no login ---
    publicPage: action({
      summary:
        '互助社公开页（任何人，无需登录）：三公开（救助对象、标准和档次、程序和时限）、正在公示的救助、今年救助合计',
      access: 'anyone',
      ignoresCaller: true,
      payload: z.strictObject({ societyId: zSocietyId }),
      errors: ['NOT_FOUND'],
      handler: (ctx, { societyId }) => publicPage(ctx, societyId),
    }),
    resolveScene: action({
      summary: '公示栏二维码打开时：由二维码里的场景值找到互助社（场景值不含任何信息）',
      access: 'anyone',
      ignoresCaller: true,
      payload: z.strictObject({
        scene: z.string().check(z.regex(SCENE_PATTERN), z.describe('二维码场景值（1–32 位字母数字）')),
      }),
      errors: ['NOT_FOUND'],
      handler: (ctx, { scene }) => resolveScene(ctx, scene),
    }),
    getNotice: action({
      summary: '一条公示：公示期内任何人可看；公示期满后只有本社会员、监督委员会、乡镇和县可看',
      access: 'anyone',
      payload: z.strictObject({ noticeId: zNoticeId }),
      errors: ['NOT_FOUND'],
      handler: (ctx, { noticeId }) => getNotice(ctx, noticeId),
    }),
    raiseObjection: action({
      summary: '对公示期内的公示提出异议（任何人；内容经安全检查；可留联系方式，只有本社干部和监督委员会可见）',
      access: 'anyone',
      payload: z.strictObject({
        requestId: zRequestId,
        noticeId: zNoticeId,
        text: z
          .string()
          .check(
            z.trim(),
            z.minLength(1),
            z.maxLength(OBJECTION_TEXT_MAX),
            z.describe(`异议内容（最多 ${OBJECTION_TEXT_MAX} 字）`),
          ),
        contact: z
          .optional(z.nullable(z.string().check(z.trim(), z.maxLength(OBJECTION_CONTACT_MAX))))
          .check(z.describe('联系方式（可不填）')),
      }),
      errors: ['NOT_FOUND', 'INVALID_STATE', 'CONTENT_REJECTED', 'DUPLICATE'],
      handler: (ctx, input) => raiseObjection(ctx, input),
    }),
    myObjections: action({
      summary: '我提出的异议和答复（按微信身份）',
      access: 'anyone',
      payload: z.strictObject({}),
      errors: [],
      handler: (ctx) => myObjections(ctx),
    }),
    // --- officers ---
    officerTodo: action({
      summary: '公示待办：已发放未公示的案件、未上传张贴照片的公示、待答复的异议',
      access: [...OFFICERS],
      payload: z.strictObject({ societyId: zSocietyId }),
      errors: ['NOT_FOUND', 'FORBIDDEN'],
      handler: (ctx, { societyId }) => officerTodo(ctx, societyId),
    }),
    previewNotice: action({
      summary: '公示预览：返回将要发布的内容（与发布后完全一致），不写入任何数据；未同意公示的只显示类别和金额',
      access: [...OFFICERS],
      payload: z.strictObject(noticeInput),
      errors: ['NOT_FOUND', 'FORBIDDEN', 'INVALID_STATE'],
      handler: (ctx, { caseId, ...input }) => previewNotice(ctx, caseId, input),
    }),
    publishNotice: action({
      summary: '发布公示（公示 7 天）；同一案件只公示一次，重试返回第一次的结果',
      access: [...OFFICERS],
      payload: z.strictObject(noticeInput),
      errors: ['NOT_FOUND', 'FORBIDDEN', 'INVALID_STATE', 'DUPLICATE'],
      handler: (ctx, { caseId, ...input }) => publishNotice(ctx, caseId, input),
    }),
    attachBoardPhoto: action({
      summary: '上传纸质公示张贴在村务公开栏的照片（上传后才算已张贴）',
      access: [...OFFICERS],
      payload: z.strictObject({ noticeId: zNoticeId, fileId: zFileId }),
      errors: ['NOT_FOUND', 'FORBIDDEN'],
      handler: (ctx, { noticeId, fileId }) => attachBoardPhoto(ctx, noticeId, fileId),
    }),
    officerNotices: action({
      summary: '本社已发布的公示（干部视图：案件编号、张贴照片、异议数）',
      access: [...OFFICERS],
      payload: z.strictObject({ societyId: zSocietyId, filter: zFilter, offset: zOffset, limit: zLimit }),
      errors: ['NOT_FOUND', 'FORBIDDEN'],
      handler: (ctx, input) => officerNotices(ctx, input),
    }),
    answerObjection: action({
      summary: '答复异议（本社秘书长或社长，须在规定的工作日内）；答复后不能修改',
      access: [...OFFICERS],
      payload: z.strictObject({
        objectionId: zId.check(z.describe('异议编号')),
        answer: z.string().check(z.trim(), z.minLength(1), z.maxLength(OBJECTION_ANSWER_MAX), z.describe('答复内容')),
        outcome: z.enum(['upheld', 'notUpheld']).check(z.describe('upheld 异议成立 / notUpheld 异议不成立')),
      }),
      errors: ['NOT_FOUND', 'FORBIDDEN', 'INVALID_STATE'],
      handler: (ctx, input) => answerObjection(ctx, input),
    }),
    boardPoster: action({
      summary: '公示栏海报：互助社二维码（首次生成后保持不变）、名称和异议方式',
      access: [...OFFICERS],
      payload: z.strictObject({ societyId: zSocietyId }),
      errors: ['NOT_FOUND', 'FORBIDDEN'],
      handler: (ctx, { societyId }) => boardPoster(ctx, societyId),
    }),
    exportBoardPoster: action({
      summary:
        '导出公示栏海报打印版（一页 A4 网页：标题、互助社名称和村、二维码图片、异议方式、村监督委员会），存入文件并记入操作记录',
      access: [...OFFICERS],
      payload: z.strictObject({ societyId: zSocietyId }),
      errors: ['NOT_FOUND', 'FORBIDDEN'],
      handler: (ctx, { societyId }) => exportBoardPoster(ctx, societyId),
    }),
    getSettings: action({
      summary: '公示设置：异议答复时限（工作日，默认 3 个）',
      access: [...OBJECTION_READERS],
      payload: z.strictObject({ societyId: zSocietyId }),
      errors: ['NOT_FOUND', 'FORBIDDEN'],
      handler: (ctx, { societyId }) => getNoticeSettings(ctx, societyId),
    }),
    setSettings: action({
      summary: '社长设置异议答复时限（1–15 个工作日）',
      access: ['president'],
      payload: z.strictObject({
        societyId: zSocietyId,
        objectionAnswerDays: z
          .number()
          .check(z.int(), z.minimum(1), z.maximum(MAX_OBJECTION_ANSWER_DAYS), z.describe('答复时限（工作日）')),
      }),
      errors: ['NOT_FOUND', 'FORBIDDEN'],
      handler: (ctx, { societyId, objectionAnswerDays }) => setNoticeSettings(ctx, societyId, objectionAnswerDays),
    }),
    // --- archive and objections ---
    archive: action({
      summary: '公示档案：本社全部公示（含公示期满的），会员、监督委员会、乡镇、县可看',
      access: [...ARCHIVE_READERS],
      payload: z.strictObject({ societyId: zSocietyId, filter: zFilter, offset: zOffset, limit: zLimit }),
      errors: ['NOT_FOUND', 'FORBIDDEN'],
      handler: (ctx, input) => noticeArchive(ctx, input),
    }),
    listObjections: action({
      summary: '本社全部异议和答复（干部、监督委员会、乡镇、县；联系方式只给本社干部和监督委员会）',
      access: [...OBJECTION_READERS],
      payload: z.strictObject({
        societyId: zSocietyId,
        noticeId: z.optional(zNoticeId).check(z.describe('只看这条公示的')),
        status: z
          ._default(z.enum(['open', 'answered', 'all']), 'all')
          .check(z.describe('open 待答复 / answered 已答复 / all 全部')),
        offset: zOffset,
        limit: zLimit,
      }),
      errors: ['NOT_FOUND', 'FORBIDDEN'],
      handler: (ctx, input) => listObjections(ctx, input),
    }),
    // --- supervision committee (read-only, and flags) ---
    supervisionOverview: action({
      summary: '监督总览：案件、公示、异议、提请、资金和操作记录的数量（只读）',
      access: ['supervisor', 'secretary', 'president', 'township', 'county'],
      payload: z.strictObject({ societyId: zSocietyId }),
      errors: ['NOT_FOUND', 'FORBIDDEN'],
      handler: (ctx, { societyId }) => supervisionOverview(ctx, societyId),
    }),
    supervisedCases: action({
      summary: '监督委员会查看本社每个案件和每一步（只读，含公示和异议状态）',
      access: [...CASE_SUPERVISORS],
      payload: z.strictObject({ societyId: zSocietyId, offset: zOffset, limit: zLimit }),
      errors: ['NOT_FOUND', 'FORBIDDEN'],
      handler: (ctx, input) => supervisedCases(ctx, input),
    }),
    supervisionLedger: action({
      summary: '监督委员会查看本社每一笔资金记录（只读，最新在前，救助对象姓名脱敏）',
      access: ['supervisor', 'secretary', 'president', 'township', 'county'],
      payload: z.strictObject({ societyId: zSocietyId, offset: zOffset, limit: zLimit }),
      errors: ['NOT_FOUND', 'FORBIDDEN'],
      handler: (ctx, input) => supervisionLedger(ctx, input),
    }),
    caseSheet: action({
      summary: '四公布表：一个案件的申请原因、核查情况、审批决定、救助金额（公示内容与档案记录对照）',
      access: [...CASE_SUPERVISORS],
      payload: z.strictObject({ caseId: zId.check(z.describe('案件编号')) }),
      errors: ['NOT_FOUND', 'FORBIDDEN'],
      handler: (ctx, { caseId }) => fourPublicSheet(ctx, caseId),
    }),
    flagCase: action({
      summary: '监督委员会就某个案件提请乡镇关注（附意见）；这是监督委员会唯一的写操作',
      access: ['supervisor'],
      payload: z.strictObject({
        requestId: zRequestId,
        caseId: zId.check(z.describe('案件编号')),
        comment: z.string().check(z.trim(), z.minLength(1), z.maxLength(FLAG_COMMENT_MAX), z.describe('意见')),
      }),
      errors: ['NOT_FOUND', 'FORBIDDEN', 'DUPLICATE'],
      handler: (ctx, input) => flagCase(ctx, input),
    }),
    listFlags: action({
      summary: '监督提请列表（监督委员会看本社，乡镇看本乡镇，县看全县）',
      access: ['supervisor', 'township', 'county'],
      payload: z.strictObject({
        societyId: z.optional(zSocietyId).check(z.describe('只看这个互助社')),
        status: z
          ._default(z.enum(['open', 'resolved', 'all']), 'all')
          .check(z.describe('open 待处理 / resolved 已处理 / all 全部')),
      }),
      errors: ['NOT_FOUND', 'FORBIDDEN'],
      handler: (ctx, input) => listFlags(ctx, input),
    }),
    resolveFlag: action({
      summary: '乡镇（或县）处理监督提请并写明处理情况',
      access: ['township', 'county'],
      payload: z.strictObject({
        flagId: zId.check(z.describe('提请编号')),
        note: z.string().check(z.trim(), z.minLength(1), z.maxLength(FLAG_COMMENT_MAX), z.describe('处理情况')),
      }),
      errors: ['NOT_FOUND', 'FORBIDDEN', 'INVALID_STATE'],
      handler: (ctx, { flagId, note }) => resolveFlag(ctx, flagId, note),
    }),
    townshipOverview: action({
      summary: '乡镇总览：各互助社正在公示的救助、待答复和超时的异议、超时的案件、监督提请',
      access: ['township', 'county'],
      payload: z.strictObject({ townshipId: z.optional(zId).check(z.describe('只看这个乡镇（县可选）')) }),
      errors: ['FORBIDDEN'],
      handler: (ctx, { townshipId }) => townshipOverview(ctx, townshipId),
    }),
    // --- audit trail (R-OVS-5) ---
    auditScopes: action({
      summary: '可以查看操作记录的范围（监督委员会：本社；乡镇：本乡镇及其互助社；县：全县）',
      access: [...AUDIT_READERS],
      payload: z.strictObject({}),
      errors: ['FORBIDDEN'],
      handler: (ctx) => auditScopes(ctx),
    }),
    auditTrail: action({
      summary: '操作记录：谁、以什么角色、什么时间、对什么做了什么（最新在前）',
      access: [...AUDIT_READERS],
      payload: z.strictObject({ scopeId: zId.check(z.describe('互助社或地区编号')), offset: zOffset, limit: zLimit }),
      errors: ['NOT_FOUND', 'FORBIDDEN'],
      handler: (ctx, input) => readAuditTrail(ctx, input),
    }),
    verifyAudit: action({
      summary: '核验操作记录链：逐条核对哈希，报告第一处被删除、插入或改动的记录',
      access: [...AUDIT_READERS],
      payload: z.strictObject({ scopeId: zId.check(z.describe('互助社或地区编号')) }),
      errors: ['NOT_FOUND', 'FORBIDDEN'],
      handler: (ctx, { scopeId }) => verifyAuditScope(ctx, scopeId),
    }),
  },
);
