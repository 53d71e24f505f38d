/** The `societies` cloud function: the registry of societies and who holds which role. */
import * as z from 'zod/mini';
import { action, defineFunction } from '../api/define';
import { zDate, zId, zRequestId, zText } from '../api/schemas';
import { setWorkCalendar, workCalendarStatus } from '../calendar/usecases';
import { describeCaller, getSocietyPublicView, listSocieties } from '../societies/usecases';
import {
  activateSociety,
  changeSocietyStatus,
  countyDashboard,
  createSociety,
  dashboardVillages,
  federationOverview,
  getSocietySettings,
  setSubAccount,
  updateSociety,
  setPublicPhone,
} from '../registry/societies';
import {
  acceptInvitation,
  createInvitation,
  listInvitations,
  listMembers,
  openInvitation,
  revokeInvitation,
  revokeRole,
} from '../registry/members';
import { zBankAccount, zInvitationCode } from '../funds/schemas';
import {
  DASHBOARD_VILLAGES_PAGE,
  INVITABLE_ROLES,
  INVITATION_MAX_DAYS,
  type AcceptResult,
} from '../../miniprogram/domain/registry';
import {
  acceptAreaInvitation,
  areaTree,
  claimCountyAdmin,
  createAreaInvitation,
  firstStartOpen,
  issuedFirstStart,
  openAreaInvitation,
} from '../registry/first-start';
import { AREA_INVITABLE_ROLES } from '../../miniprogram/domain/first-start';
import { SUBSCRIBE_MOMENTS, recordSubscriptions, subscriptionRequest } from '../messages/subscriptions';
import { fileLinks, MAX_LINKS_PER_CALL, PRIVATE_FILE_KINDS, requestUpload, UPLOAD_EXTENSIONS } from '../files/private';
import { zFileId, zPhone } from '../cases/schemas';

export const societiesFunction = defineFunction('societies', '互助社登记备案、成员与角色', {
  getPublicPage: action({
    summary: '互助社公开页面：名称、所在村、登记/备案、状态、互助资金余额（任何人可看）',
    access: 'anyone',
    ignoresCaller: true,
    payload: z.strictObject({ societyId: zId.check(z.describe('互助社编号')) }),
    errors: ['NOT_FOUND'],
    handler: (ctx, { societyId }) => getSocietyPublicView(ctx, societyId),
  }),
  me: action({
    summary: '当前用户的姓名与在各互助社、乡镇、县的角色',
    access: 'anyone',
    payload: z.strictObject({}),
    errors: [],
    handler: async (ctx) => {
      const me = await describeCaller(ctx);
      // Only a caller with no role is offered the first start (issue 12).
      return me.roles.length === 0 && (await firstStartOpen(ctx, issuedFirstStart()))
        ? { ...me, firstStartOpen: true }
        : me;
    },
  }),
  messageSubscriptions: action({
    summary:
      '某个时机（提交申请、提出异议、认捐之后，工作台、乡镇监督总览、会员大会页面上）应请用户订阅的消息模板编号，页面据此调用 wx.requestSubscribeMessage；未配置模板时为空',
    // Template ids are no secret (pages hold them); asked before a first application, when nobody knows the caller yet.
    access: 'anyone',
    payload: z.strictObject({
      moment: z
        .enum(SUBSCRIBE_MOMENTS)
        .check(
          z.describe(
            '时机：applied 提交申请后，workbench 工作台或乡镇监督总览，objected 提出异议后，pledged 认捐后，meetings 会员大会页面',
          ),
        ),
    }),
    errors: [],
    handler: (ctx, { moment }) => subscriptionRequest(ctx, moment),
  }),
  recordSubscriptions: action({
    summary: '记录用户在 wx.requestSubscribeMessage 中同意的模板：每同意一次，可向其发送一条该模板的消息',
    access: 'known',
    payload: z.strictObject({
      acceptedTemplateIds: z
        .array(z.string().check(z.minLength(1), z.maxLength(64)))
        .check(z.maxLength(10), z.describe('用户同意的模板编号')),
    }),
    errors: ['FORBIDDEN'],
    handler: (ctx, { acceptedTemplateIds }) => recordSubscriptions(ctx, acceptedTemplateIds),
  }),
  list: action({
    summary: '乡镇、县民政局、联合会查看其辖区内的互助社',
    access: ['township', 'county', 'federation'],
    payload: z.strictObject({ townshipId: z.optional(zId).check(z.describe('只看这个乡镇')) }),
    errors: ['FORBIDDEN'],
    handler: async (ctx, { townshipId }) => ({ items: await listSocieties(ctx, townshipId) }),
  }),
  workCalendarStatus: action({
    summary: '本年和下一年的放假调休安排是否已录入（未录入时按法定节假日推算，办理时限为暂定），以及法定节假日',
    access: ['county', 'township', 'federation'],
    payload: z.strictObject({}),
    errors: ['FORBIDDEN'],
    handler: (ctx) => workCalendarStatus(ctx),
  }),
  setWorkCalendar: action({
    summary: '县民政局录入某一年国务院公布的放假与调休上班日期（须含全部法定节假日），在办案件的时限随之重新计算',
    access: ['county'],
    payload: z.strictObject({
      year: z.number().check(z.int(), z.minimum(2008), z.maximum(2199), z.describe('年份')),
      holidays: z.array(zDate).check(z.minLength(1), z.maxLength(366), z.describe('放假日期')),
      workdays: z.array(zDate).check(z.maxLength(366), z.describe('调休上班日期（周六或周日）')),
    }),
    errors: ['FORBIDDEN', 'BAD_REQUEST'],
    handler: (ctx, schedule) => setWorkCalendar(ctx, schedule),
  }),
  // --- registry, members and roles (issue 6) ---
  settings: action({
    summary: '互助社设置与启动条件清单（章程、场所、社长、秘书长、监督委员会、3 万元启动资金）',
    access: ['president', 'secretary', 'supervisor', 'township', 'county', 'federation'],
    payload: z.strictObject({ societyId: zId }),
    errors: ['FORBIDDEN', 'NOT_FOUND'],
    handler: (ctx, { societyId }) => getSocietySettings(ctx, societyId),
  }),
  create: action({
    summary: '乡镇或县民政局为一个村（社区）筹建互助社：登记（自有账户）或备案（资金存联合会分账户）；每村一个',
    access: ['township', 'county'],
    payload: z.strictObject({
      villageId: zId.check(z.describe('村（社区）编号')),
      form: z.enum(['registered', 'filed']).check(z.describe('registered 登记 / filed 备案')),
      name: z
        .optional(z.string().check(z.trim(), z.minLength(2), z.maxLength(40)))
        .check(z.describe('名称（默认：××村救急难互助社）')),
    }),
    errors: ['FORBIDDEN', 'NOT_FOUND', 'DUPLICATE'],
    handler: (ctx, input) => createSociety(ctx, input),
  }),
  update: action({
    summary: '社长（筹备期间也可由乡镇、县）填写章程、场所、名称和（登记的互助社）银行账户',
    access: ['president', 'township', 'county'],
    payload: z.strictObject({
      societyId: zId,
      name: z.optional(z.string().check(z.trim(), z.minLength(2), z.maxLength(40))).check(z.describe('名称')),
      hasCharter: z.optional(z.boolean()).check(z.describe('章程已制定')),
      place: z.optional(z.nullable(z.string().check(z.trim(), z.maxLength(100)))).check(z.describe('固定场所')),
      bankAccount: z.optional(z.nullable(zBankAccount)),
    }),
    errors: ['FORBIDDEN', 'NOT_FOUND'],
    handler: (ctx, input) => updateSociety(ctx, input),
  }),
  setPublicPhone: action({
    summary: '社长或秘书长填写互助社的公开联系电话（互助社页面和申请人的案件页显示“联系互助社”拨号按钮）；填 null 清除',
    access: ['president', 'secretary'],
    payload: z.strictObject({
      societyId: zId,
      publicPhone: z.nullable(zPhone).check(z.describe('互助社联系电话（手机或固定电话）')),
    }),
    errors: ['FORBIDDEN', 'NOT_FOUND'],
    handler: (ctx, { societyId, publicPhone }) => setPublicPhone(ctx, societyId, publicPhone),
  }),
  setSubAccount: action({
    summary: '联合会为备案的互助社开设分账户或调整分账户代码（捐赠转账时写在附言里；代码在本县唯一，登记的互助社不设）',
    access: ['federation'],
    payload: z.strictObject({
      societyId: zId,
      subAccountCode: z.string().check(z.regex(/^[A-Za-z0-9-]{2,30}$/), z.describe('分账户代码')),
    }),
    errors: ['FORBIDDEN', 'NOT_FOUND', 'INVALID_STATE', 'DUPLICATE'],
    handler: (ctx, { societyId, subAccountCode }) => setSubAccount(ctx, societyId, subAccountCode),
  }),
  activate: action({
    summary:
      '启动互助社：登记的由县民政局、备案的由乡镇办理；须有章程、场所、社长、秘书长、监督委员会和 3 万元启动资金',
    access: ['county', 'township'],
    payload: z.strictObject({ societyId: zId, registrationNumber: zText(40, '登记证号或备案号') }),
    errors: ['FORBIDDEN', 'NOT_FOUND', 'INVALID_STATE'],
    handler: (ctx, { societyId, registrationNumber }) => activateSociety(ctx, societyId, registrationNumber),
  }),
  suspend: action({
    summary: '暂停运行中的互助社（登记的由县民政局、备案的由乡镇）',
    access: ['county', 'township'],
    payload: z.strictObject({ societyId: zId, reason: zText(200, '原因') }),
    errors: ['FORBIDDEN', 'NOT_FOUND', 'INVALID_STATE'],
    handler: (ctx, { societyId, reason }) => changeSocietyStatus(ctx, societyId, 'suspended', reason),
  }),
  resume: action({
    summary: '恢复已暂停的互助社',
    access: ['county', 'township'],
    payload: z.strictObject({ societyId: zId, reason: zText(200, '原因') }),
    errors: ['FORBIDDEN', 'NOT_FOUND', 'INVALID_STATE'],
    handler: (ctx, { societyId, reason }) => changeSocietyStatus(ctx, societyId, 'active', reason),
  }),
  countyDashboard: action({
    summary:
      '县级总览：全县（乡镇看本乡镇）各乡镇的村数——尚未成立、筹备中、运行中、已暂停，登记或备案（由计数读出，不逐村读取）；节假日数据是否齐备',
    access: ['county', 'federation', 'township'],
    payload: z.strictObject({}),
    errors: ['FORBIDDEN'],
    handler: (ctx) => countyDashboard(ctx),
  }),
  dashboardVillages: action({
    summary:
      '县级总览中一个乡镇的村（分页，按村名）：尚未成立、筹备中（差多少、各渠道多少）、运行中，登记或备案；乡镇只能看本乡镇',
    access: ['county', 'federation', 'township'],
    payload: z.strictObject({
      townshipId: zId.check(z.describe('乡镇编号')),
      offset: z
        ._default(z.number().check(z.int(), z.minimum(0), z.maximum(100_000)), 0)
        .check(z.describe('从第几个村开始（上一页返回的 nextOffset）')),
      limit: z
        ._default(z.number().check(z.int(), z.minimum(1), z.maximum(100)), DASHBOARD_VILLAGES_PAGE)
        .check(z.describe('每页村数')),
    }),
    errors: ['FORBIDDEN', 'NOT_FOUND'],
    handler: (ctx, input) => dashboardVillages(ctx, input),
  }),
  federationOverview: action({
    summary: '联合会分账户总览：备案互助社的分账户余额，合计即联合会代管总额',
    access: ['federation', 'county'],
    payload: z.strictObject({}),
    errors: ['FORBIDDEN'],
    handler: (ctx) => federationOverview(ctx),
  }),
  createInvitation: action({
    summary:
      '发出邀请（邀请码和小程序链接，只显示这一次）：乡镇/县任命社长等，社长邀请干部和会员，秘书长邀请会员和捐赠人，联合会为备案互助社邀请捐赠人',
    access: ['president', 'secretary', 'township', 'county', 'federation'],
    payload: z.strictObject({
      requestId: zRequestId,
      societyId: zId,
      role: z.enum(INVITABLE_ROLES).check(z.describe('邀请担任的角色')),
      inviteeName: zText(60, '被邀请人姓名或单位名称'),
      message: z.optional(z.string().check(z.trim(), z.maxLength(200))).check(z.describe('邀请留言')),
      validDays: z
        .optional(z.number().check(z.int(), z.minimum(1), z.maximum(INVITATION_MAX_DAYS)))
        .check(z.describe('有效天数（默认 14 天）')),
    }),
    errors: ['FORBIDDEN', 'NOT_FOUND', 'INVALID_STATE', 'DUPLICATE'],
    handler: (ctx, input) => createInvitation(ctx, input),
  }),
  openInvitation: action({
    summary: '凭邀请码查看邀请：哪个互助社、什么角色、谁邀请、有效期；捐赠邀请附可选的捐赠方式',
    access: 'anyone',
    payload: z.strictObject({ code: zInvitationCode }),
    errors: ['NOT_FOUND'],
    handler: async (ctx, { code }) => (await openAreaInvitation(ctx, code)) ?? openInvitation(ctx, code),
  }),
  acceptInvitation: action({
    summary: '接受邀请：把当前微信身份绑定为该互助社的相应角色（新用户同时登记姓名）',
    access: 'anyone',
    payload: z.strictObject({
      code: zInvitationCode,
      name: z
        .optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(60)))
        .check(z.describe('新用户的姓名（默认为邀请上的姓名）')),
    }),
    errors: ['NOT_FOUND', 'FORBIDDEN', 'INVALID_STATE'],
    handler: async (ctx, { code, name }): Promise<AcceptResult> =>
      (await acceptAreaInvitation(ctx, code, name)) ?? acceptInvitation(ctx, code, name),
  }),
  revokeInvitation: action({
    summary: '撤销尚未接受的邀请（邀请人本人，或社长、乡镇、县）',
    access: ['president', 'secretary', 'township', 'county', 'federation'],
    payload: z.strictObject({ invitationId: zId }),
    errors: ['FORBIDDEN', 'NOT_FOUND', 'INVALID_STATE'],
    handler: (ctx, { invitationId }) => revokeInvitation(ctx, invitationId),
  }),
  listInvitations: action({
    summary: '本社发出的邀请及其状态（不含邀请码）',
    access: ['president', 'secretary', 'supervisor', 'township', 'county', 'federation'],
    payload: z.strictObject({ societyId: zId }),
    errors: ['FORBIDDEN', 'NOT_FOUND'],
    handler: (ctx, { societyId }) => listInvitations(ctx, societyId),
  }),
  listMembers: action({
    summary: '成员名册：社长、秘书长、监督委员会、会员、捐赠人，含角色变动记录',
    access: ['president', 'secretary', 'supervisor', 'township', 'county', 'federation'],
    payload: z.strictObject({
      societyId: zId,
      includeRevoked: z.optional(z.boolean()).check(z.describe('包括已卸任、已撤销的角色')),
    }),
    errors: ['FORBIDDEN', 'NOT_FOUND'],
    handler: (ctx, { societyId, includeRevoked }) => listMembers(ctx, societyId, includeRevoked ?? false),
  }),
  revokeRole: action({
    summary: '撤销角色（本人辞去，或社长撤销社长以外的角色，或乡镇、县）；记录保留，不删除',
    access: 'known',
    payload: z.strictObject({ membershipId: zId, reason: zText(200, '原因') }),
    errors: ['FORBIDDEN', 'NOT_FOUND', 'INVALID_STATE'],
    handler: (ctx, { membershipId, reason }) => revokeRole(ctx, membershipId, reason),
  }),
  requestUpload: action({
    summary:
      '上传文件前申请上传位置：服务器按案件、互助社或乡镇确定存放路径（证件、材料、入户、收据、公示栏、会议纪要、花名册走访、线索照片、名单表格）',
    access: 'anyone',
    payload: z
      .strictObject({
        kind: z.enum(PRIVATE_FILE_KINDS).check(z.describe('文件类别')),
        caseId: z.optional(zId).check(z.describe('案件编号（案件的材料、入户照片、收据）')),
        societyId: z
          .optional(zId)
          .check(z.describe('互助社编号（申请时的材料、公示栏照片、会议纪要、花名册走访、线索照片、本村名单）')),
        townshipId: z.optional(zId).check(z.describe('乡镇编号（乡镇导入全乡镇名单时）')),
        extension: z.optional(z.enum(UPLOAD_EXTENSIONS)).check(z.describe('文件扩展名')),
      })
      .check(
        z.refine(
          (payload) =>
            payload.caseId !== undefined || payload.societyId !== undefined || payload.townshipId !== undefined,
          { message: '请说明是哪个案件、哪个互助社或哪个乡镇的文件', path: ['caseId'] },
        ),
      ),
    errors: ['UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'INVALID_STATE', 'BAD_REQUEST'],
    handler: (ctx, payload) => requestUpload(ctx, payload),
  }),
  fileLinks: action({
    summary: '查看照片和文件：核对查看权限后给出短时有效的地址（约 10 分钟）',
    access: 'anyone',
    payload: z.strictObject({
      fileIds: z.array(zFileId).check(z.minLength(1), z.maxLength(MAX_LINKS_PER_CALL), z.describe('文件编号列表')),
    }),
    errors: ['FORBIDDEN', 'NOT_FOUND'],
    handler: (ctx, { fileIds }) => fileLinks(ctx, fileIds),
  }),
  // --- first start (issue 12) ---
  claimCountyAdmin: action({
    summary:
      '县级管理员初始化：凭部署时显示的一次性初始化码，成为县民政局管理员并建立本县（初始化码只能使用一次，有效期 72 小时）',
    access: 'anyone',
    payload: z.strictObject({
      firstStartCode: z.string().check(z.regex(/^[A-Za-z0-9 -]{12,20}$/), z.describe('初始化码')),
      name: zText(60, '您的姓名'),
      countyName: z.string().check(z.trim(), z.minLength(2), z.maxLength(30), z.describe('县（市、区）名称')),
      countyCode: z.string().check(z.regex(/^\d{6}$/), z.describe('本县统计用区划代码（6 位）')),
    }),
    errors: ['UNAUTHENTICATED', 'NOT_FOUND', 'FORBIDDEN', 'INVALID_STATE'],
    handler: (ctx, { firstStartCode, ...input }) =>
      claimCountyAdmin(ctx, { code: firstStartCode, ...input }, issuedFirstStart()),
  }),
  areas: action({
    summary: '本县的乡镇和村（社区），以及哪些村已有互助社',
    access: ['county', 'township', 'federation'],
    payload: z.strictObject({}),
    errors: ['FORBIDDEN'],
    handler: (ctx) => areaTree(ctx),
  }),
  createAreaInvitation: action({
    summary: '县民政局邀请乡镇干部、联合会或县民政局的工作人员（邀请码只显示这一次，在邀请页面接受）',
    access: ['county'],
    payload: z.strictObject({
      requestId: zRequestId,
      role: z.enum(AREA_INVITABLE_ROLES).check(z.describe('邀请担任的角色')),
      areaId: zId.check(z.describe('乡镇编号（邀请乡镇干部时），或本县编号')),
      inviteeName: zText(60, '被邀请人姓名'),
      validDays: z
        .optional(z.number().check(z.int(), z.minimum(1), z.maximum(INVITATION_MAX_DAYS)))
        .check(z.describe('有效天数（默认 14 天）')),
    }),
    errors: ['FORBIDDEN', 'BAD_REQUEST', 'DUPLICATE', 'INVALID_STATE'],
    handler: (ctx, input) => createAreaInvitation(ctx, input),
  }),
});
