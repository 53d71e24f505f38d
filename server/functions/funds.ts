/** The `funds` cloud function: the ledger's hand entries and corrections, fund reports, general meetings, monthly reports and county fund settings. */
import * as z from 'zod/mini';
import { action, defineFunction } from '../api/define';
import { startsWithRealDay, zId, zRequestId, zText } from '../api/schemas';
import { FUND_READERS, MEETING_READERS } from '../access/rules';
import { auditLedger, fundReport, listFundEntries, recordEntry, reverseEntry } from '../funds/usecases';
import {
  attachMeetingFile,
  cancelMeeting,
  getMeeting,
  listMeetings,
  publishMeetingPack,
  scheduleMeeting,
} from '../funds/meetings';
import { correctReport, generateOnDemand, getMonthlyReport, listMonthlyReports } from '../reports/monthly';
import { readCountySettings, setFederationAccount, setPublicFundraising } from '../funds/settings';
import { MANUAL_ENTRY_TYPES } from '../../miniprogram/domain/funds';
import { zBankAccount, zEntryFen, zHalf, zMonth } from '../funds/schemas';
import type { Role } from '../../miniprogram/domain/society';

const zFileId = z.string().check(z.maxLength(512), z.regex(/^(local:|cloud:\/\/)\S+$/), z.describe('已上传文件的编号'));

const REPORT_READERS: Role[] = ['secretary', 'president', 'supervisor', 'township', 'county', 'federation'];

export const fundsFunction = defineFunction('funds', '互助资金台账、资金报告、会员大会与月报', {
  recordEntry: action({
    summary: '秘书长登记县财政补助、村集体资金或银行利息（备案的互助社也可由联合会登记）；同一记账编号重试只记一次',
    access: ['secretary', 'federation'],
    payload: z.strictObject({
      societyId: zId,
      entryId: zRequestId.check(z.describe('客户端生成的记账编号，重试时保持不变')),
      type: z
        .enum(MANUAL_ENTRY_TYPES)
        .check(z.describe('countySubsidy 县财政补助 / collectiveFund 村集体资金 / bankInterest 银行利息')),
      amountFen: zEntryFen,
      sourceRef: zText(100, '凭证：文号、决议、银行回单号'),
      memo: z.optional(z.string().check(z.trim(), z.maxLength(200))).check(z.describe('摘要')),
      payerName: z.optional(z.string().check(z.trim(), z.maxLength(60))).check(z.describe('付款方，如 清溪县财政局')),
    }),
    errors: ['FORBIDDEN', 'NOT_FOUND', 'DUPLICATE', 'CONFLICT'],
    handler: (ctx, input) => recordEntry(ctx, input),
  }),
  reverseEntry: action({
    summary: '秘书长冲正一笔记错的记录（冲正记录不能再冲正，一笔只能冲正一次，余额不能为负）',
    access: ['secretary', 'federation'],
    payload: z.strictObject({
      societyId: zId,
      entryId: zRequestId.check(z.describe('客户端生成的冲正记账编号，重试时保持不变')),
      reversesEntryId: zId.check(z.describe('被冲正的记账编号')),
      reason: zText(200, '冲正原因'),
    }),
    errors: ['FORBIDDEN', 'NOT_FOUND', 'DUPLICATE', 'INVALID_STATE', 'INSUFFICIENT_FUNDS', 'CONFLICT'],
    handler: (ctx, input) => reverseEntry(ctx, input),
  }),
  fundReport: action({
    summary: '会员查看互助资金报告：余额、按渠道的收入、按救助类型的支出、与台账核对（默认本半年）',
    access: FUND_READERS,
    payload: z.strictObject({ societyId: zId, from: z.optional(zMonth), to: z.optional(zMonth) }),
    errors: ['FORBIDDEN', 'NOT_FOUND'],
    handler: (ctx, { societyId, from, to }) => fundReport(ctx, societyId, from, to),
  }),
  fundEntries: action({
    summary: '互助资金明细（分页，最新在前；救助对象姓名脱敏，匿名捐赠不显示姓名）',
    access: FUND_READERS,
    payload: z.strictObject({
      societyId: zId,
      from: z.optional(zMonth),
      to: z.optional(zMonth),
      offset: z.optional(z.number().check(z.int(), z.minimum(0), z.maximum(100_000))).check(z.describe('跳过的条数')),
      limit: z
        .optional(z.number().check(z.int(), z.minimum(1), z.maximum(50)))
        .check(z.describe('每页条数（默认 20）')),
    }),
    errors: ['FORBIDDEN', 'NOT_FOUND'],
    handler: (ctx, input) => listFundEntries(ctx, input),
  }),
  auditLedger: action({
    summary: '逐笔核对台账：编号连续、余额逐笔相符、月度汇总与明细一致（监督委员会、乡镇、县、联合会）',
    access: ['supervisor', 'secretary', 'president', 'township', 'county', 'federation'],
    payload: z.strictObject({ societyId: zId }),
    errors: ['FORBIDDEN', 'NOT_FOUND'],
    handler: (ctx, { societyId }) => auditLedger(ctx, societyId),
  }),
  scheduleMeeting: action({
    summary: '社长召集半年度会员大会（须至少提前 10 天）',
    access: ['president'],
    payload: z.strictObject({
      requestId: zRequestId,
      societyId: zId,
      startsAt: z.iso
        .datetime({ offset: true })
        .check(
          z.refine(startsWithRealDay, { message: '不是真实的时间' }),
          z.describe('开会时间（ISO 8601，含时区，如 2026-12-15T09:00:00+08:00）'),
        ),
      place: zText(100, '地点'),
      agenda: z.optional(z.string().check(z.trim(), z.maxLength(1000))).check(z.describe('议程')),
      title: z
        .optional(z.string().check(z.trim(), z.maxLength(60)))
        .check(z.describe('会议名称（默认：××互助社2026年下半年会员大会）')),
      half: z.optional(zHalf).check(z.describe('报告的半年度（默认：召集时所在的半年）')),
    }),
    errors: ['FORBIDDEN', 'NOT_FOUND', 'INVALID_STATE', 'DUPLICATE'],
    handler: (ctx, input) => scheduleMeeting(ctx, input),
  }),
  listMeetings: action({
    summary: '本社的会员大会（含下一次会议的通知和已发布的会议材料）',
    access: MEETING_READERS,
    payload: z.strictObject({ societyId: zId }),
    errors: ['FORBIDDEN', 'NOT_FOUND'],
    handler: (ctx, { societyId }) => listMeetings(ctx, societyId),
  }),
  getMeeting: action({
    summary: '一次会员大会：时间地点、会议材料（资金报告与救助情况）、纪要和决议',
    access: MEETING_READERS,
    payload: z.strictObject({ meetingId: zId }),
    errors: ['FORBIDDEN', 'NOT_FOUND'],
    handler: (ctx, { meetingId }) => getMeeting(ctx, meetingId),
  }),
  publishMeetingPack: action({
    summary: '发布会议材料：本半年截至上月底的资金报告与救助情况，发布后冻结不变',
    access: ['president', 'secretary'],
    payload: z.strictObject({ meetingId: zId }),
    errors: ['FORBIDDEN', 'NOT_FOUND', 'INVALID_STATE'],
    handler: (ctx, { meetingId }) => publishMeetingPack(ctx, meetingId),
  }),
  attachMeetingFile: action({
    summary: '会后上传会议纪要或决议',
    access: ['president', 'secretary'],
    payload: z.strictObject({
      meetingId: zId,
      fileId: zFileId,
      kind: z.enum(['minutes', 'resolution']).check(z.describe('minutes 纪要 / resolution 决议')),
      title: zText(60, '文件标题'),
    }),
    errors: ['FORBIDDEN', 'NOT_FOUND', 'INVALID_STATE'],
    handler: (ctx, input) => attachMeetingFile(ctx, input),
  }),
  cancelMeeting: action({
    summary: '社长取消尚未召开的会员大会',
    access: ['president'],
    payload: z.strictObject({ meetingId: zId, reason: zText(200, '取消原因') }),
    errors: ['FORBIDDEN', 'NOT_FOUND', 'INVALID_STATE'],
    handler: (ctx, { meetingId, reason }) => cancelMeeting(ctx, meetingId, reason),
  }),
  generateMonthlyReport: action({
    summary: '生成并报送某个已结束月份的月报（默认上月；已报送的直接返回）',
    access: ['secretary', 'president'],
    payload: z.strictObject({ societyId: zId, month: z.optional(zMonth) }),
    errors: ['FORBIDDEN', 'NOT_FOUND', 'INVALID_STATE'],
    handler: (ctx, { societyId, month }) => generateOnDemand(ctx, societyId, month),
  }),
  correctMonthlyReport: action({
    summary: '更正已报送的月报：按当前数据生成新版本并说明原因，原版本保留',
    access: ['secretary', 'president'],
    payload: z.strictObject({ societyId: zId, month: zMonth, note: zText(300, '更正说明') }),
    errors: ['FORBIDDEN', 'NOT_FOUND', 'INVALID_STATE'],
    handler: (ctx, { societyId, month, note }) => correctReport(ctx, societyId, month, note),
  }),
  listMonthlyReports: action({
    summary: '月报列表：乡镇看本乡镇、县和联合会看全县，本社干部和监督委员会看本社',
    access: REPORT_READERS,
    payload: z.strictObject({
      societyId: z.optional(zId).check(z.describe('只看这个互助社')),
      month: z.optional(zMonth),
      allVersions: z.optional(z.boolean()).check(z.describe('包括被更正的旧版本')),
    }),
    errors: ['FORBIDDEN', 'NOT_FOUND'],
    handler: (ctx, input) => listMonthlyReports(ctx, input),
  }),
  getMonthlyReport: action({
    summary: '一份月报的内容',
    access: REPORT_READERS,
    payload: z.strictObject({ reportId: zId }),
    errors: ['FORBIDDEN', 'NOT_FOUND'],
    handler: (ctx, { reportId }) => getMonthlyReport(ctx, reportId),
  }),
  getSettings: action({
    summary: '县里的资金设置：联合会账户、公开募捐资格与项目链接',
    access: ['county', 'federation', 'township'],
    payload: z.strictObject({}),
    errors: ['FORBIDDEN'],
    handler: (ctx) => readCountySettings(ctx),
  }),
  setFederationAccount: action({
    summary: '联合会登记其银行账户（备案互助社的捐赠转入此账户的本村分账户）',
    access: ['federation'],
    payload: z.strictObject({ account: z.nullable(zBankAccount) }),
    errors: ['FORBIDDEN'],
    handler: (ctx, { account }) => setFederationAccount(ctx, account),
  }),
  setPublicFundraising: action({
    summary: '县民政局登记联合会具有公开募捐资格及其在指定平台上的项目（互助社页面只显示链接）；传 null 清除',
    access: ['county'],
    payload: z.strictObject({
      link: z.nullable(
        z.strictObject({
          qualificationHolder: zText(60, '具有公开募捐资格的组织'),
          platformName: zText(40, '指定的互联网公开募捐信息平台'),
          projectName: zText(60, '募捐项目名称'),
          url: z.string().check(z.maxLength(500), z.describe('项目网址（https）')),
        }),
      ),
    }),
    errors: ['FORBIDDEN'],
    handler: (ctx, { link }) => setPublicFundraising(ctx, link),
  }),
});
