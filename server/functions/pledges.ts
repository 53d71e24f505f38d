/** The `pledges` cloud function: donation pledges by invitation only (R-FUND-2), receipts, and what the donor's money did. */
import * as z from 'zod/mini';
import { action, defineFunction } from '../api/define';
import { zId, zRequestId, zText } from '../api/schemas';
import { cancelPledge, confirmReceipt, getPledge, listPledges, makePledge, myPledges } from '../pledges/usecases';
import { zEntryFen, zInvitationCode } from '../funds/schemas';

export const pledgesFunction = defineFunction('pledges', '捐赠认捐（仅凭邀请）、到账确认与捐赠回执', {
  pledge: action({
    summary: '受邀捐赠人凭邀请码（或已接受的邀请）认捐：金额、方式、是否匿名；互助社不开展公开募捐，没有邀请不能认捐',
    access: 'anyone',
    payload: z.strictObject({
      requestId: zRequestId,
      code: z.optional(zInvitationCode),
      invitationId: z.optional(zId).check(z.describe('已接受的邀请编号（不带邀请码时）')),
      amountFen: zEntryFen,
      channel: z
        .enum(['bankToSociety', 'bankToFederation', 'cash'])
        .check(z.describe('bankToSociety 转账至互助社 / bankToFederation 转账至联合会分账户 / cash 现金')),
      anonymous: z.boolean().check(z.describe('在公开信息中匿名')),
      message: z.optional(z.string().check(z.trim(), z.maxLength(200))).check(z.describe('留言')),
      donorName: z
        .optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(60)))
        .check(z.describe('新捐赠人的名称（个人或企业）')),
    }),
    errors: ['FORBIDDEN', 'NOT_FOUND', 'INVALID_STATE', 'DUPLICATE'],
    handler: (ctx, input) => makePledge(ctx, input),
  }),
  myPledges: action({
    summary: '我的认捐：状态、付款方式、到账回执，以及到账以来互助社的救助情况（脱敏）',
    access: 'known',
    payload: z.strictObject({}),
    errors: [],
    handler: (ctx) => myPledges(ctx),
  }),
  getPledge: action({
    summary: '一笔认捐（捐赠人本人，或本社干部、监督委员会；备案互助社还有联合会）',
    access: 'known',
    payload: z.strictObject({ pledgeId: zId }),
    errors: ['FORBIDDEN', 'NOT_FOUND'],
    handler: (ctx, { pledgeId }) => getPledge(ctx, pledgeId),
  }),
  listPledges: action({
    summary: '本社的认捐（秘书长据此确认到账）',
    access: ['secretary', 'president', 'supervisor', 'federation'],
    payload: z.strictObject({
      societyId: zId,
      status: z.optional(z.enum(['pledged', 'received', 'cancelled'])).check(z.describe('只看某个状态')),
    }),
    errors: ['FORBIDDEN', 'NOT_FOUND'],
    handler: (ctx, { societyId, status }) => listPledges(ctx, societyId, status),
  }),
  confirmReceipt: action({
    summary:
      '秘书长确认捐款到账并记入台账（转入联合会分账户的也可由联合会确认）；不能确认自己的捐赠；同一记账编号重试只记一次',
    access: ['secretary', 'federation'],
    payload: z.strictObject({
      pledgeId: zId,
      entryId: zRequestId.check(z.describe('客户端生成的记账编号，重试时保持不变')),
      amountFen: z.optional(zEntryFen).check(z.describe('实际到账金额（分），默认为认捐金额')),
      slip: zText(100, '银行回单号或收据号'),
    }),
    errors: ['FORBIDDEN', 'NOT_FOUND', 'INVALID_STATE', 'DUPLICATE', 'CONFLICT'],
    handler: (ctx, input) => confirmReceipt(ctx, input),
  }),
  cancelPledge: action({
    summary: '取消尚未到账的认捐（捐赠人本人或秘书长）',
    access: 'known',
    payload: z.strictObject({ pledgeId: zId, reason: zText(200, '取消原因') }),
    errors: ['FORBIDDEN', 'NOT_FOUND', 'INVALID_STATE'],
    handler: (ctx, { pledgeId, reason }) => cancelPledge(ctx, pledgeId, reason),
  }),
});
