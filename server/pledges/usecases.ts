/**
 * Donation pledges (R-FUND-2). A village society has no public-fundraising qualification, so
 * there is no public listing and no open "donate" button: a pledge is made only on a personal
 * donor invitation (a code or link from the society, or from the federation for a filed
 * society). The donor pledges an amount, a channel and whether to be named on public views; the
 * secretary (for a transfer to the federation's account, also the federation) confirms receipt,
 * which records the donation entry in the ledger — once, whatever the retries — and never for
 * their own pledge. The donor sees their pledges, the receipt, and the society's relief since.
 */
import { AppError } from '../errors';
import { requestIdReused } from '../api/request-ids';
import type { ActionContext } from '../context';
import { COLLECTIONS, type AreaDoc, type SocietyDoc } from '../collections';
import { type Actor, actorName } from '../access/caller';
import { requireActing } from '../access/rules';
import { loadSociety } from '../registry/load';
import { openBankAccount } from '../registry/bank-account';
import { appendAudit, pendingAuditEvent } from '../audit/trail';
import { recordLedgerEntry, type LedgerEntryDoc } from '../ledger/ledger';
import { isStoreError, type Store, type Transaction } from '../ports/store';
import { getCountySettings } from '../funds/settings';
import { acceptInTx, findInvitationByCode, type InvitationDoc } from '../registry/members';
import { hashInvitationCode, userIdForOpenid } from '../registry/invitations';
import { reliefSince } from '../reports/statement';
import { giftReceivedMessage } from '../messages/people-messages';
import { keepOutbound, type KeepsOutbound } from '../outbound';
import {
  PLEDGE_CHANNEL_LABELS,
  PLEDGE_STATUS_LABELS,
  pledgeChannelsFor,
  type MyPledgeView,
  type PaymentInstructions,
  type PledgeChannel,
  type PledgeListItem,
  type PledgeReceipt,
  type PledgeStatus,
  type PledgeView,
} from '../../miniprogram/domain/funds';

/** A pledge keeps the audit event and the donor's message of its receipt until handed on (server/outbound.ts). */
export interface PledgeDoc extends KeepsOutbound {
  societyId: string;
  invitationId: string;
  donorUserId: string;
  donorName: string;
  anonymous: boolean;
  amountFen: number;
  channel: PledgeChannel;
  message: string;
  status: PledgeStatus;
  pledgedAt: string;
  receipt: (PledgeReceipt & { confirmedBy: Actor; slip: string }) | null;
  /** Receipts whose donation entry was later reversed (a mistyped amount), kept. */
  pastReceipts: Array<PledgeReceipt & { reversedByEntryId: string }>;
  cancelledAt: string | null;
  cancelledBy: Actor | null;
  cancelReason: string | null;
}

export const PLEDGE_SOURCE_PREFIX = 'pledge:';

export interface PledgeInput {
  requestId: string;
  /** The invitation's code (first pledge, or any time) … */
  code?: string;
  /** … or its id, for a donor who already accepted it. */
  invitationId?: string;
  amountFen: number;
  channel: PledgeChannel;
  anonymous: boolean;
  message?: string;
  /** A new donor's name (person or company); defaults to the name on the invitation. */
  donorName?: string;
}

function refuseNoInvitation(detail: string): never {
  throw new AppError(
    'FORBIDDEN',
    `pledge refused: ${detail}`,
    '互助社不开展公开募捐：请通过互助社发给您的邀请码或邀请链接认捐',
  );
}

/** R-FUND-2: pledge on a valid personal donor invitation, accepting it on the way if needed. */
export async function makePledge(ctx: ActionContext, input: PledgeInput): Promise<PledgeView> {
  if (!ctx.caller.openid) throw new AppError('UNAUTHENTICATED', 'pledging needs an OPENID');
  if ((input.code === undefined) === (input.invitationId === undefined)) {
    refuseNoInvitation('give exactly one of code and invitationId');
  }
  let invitation: InvitationDoc | null;
  let codeHash: string | null = null;
  if (input.code !== undefined) {
    invitation = await findInvitationByCode(ctx, input.code).catch(() => null);
    codeHash = hashInvitationCode(input.code);
  } else {
    invitation = await ctx.store.get<InvitationDoc>(COLLECTIONS.invitations, input.invitationId!);
    // Without the code, only the person who accepted the invitation may use it.
    if (invitation && invitation.acceptedBy?.userId !== ctx.caller.user?._id) invitation = null;
  }
  if (!invitation) refuseNoInvitation('no such invitation for this caller');
  if (invitation.role !== 'donor') {
    throw new AppError('FORBIDDEN', `invitation ${invitation._id} is for ${invitation.role}`, '该邀请不是捐赠邀请');
  }
  const society = await loadSociety(ctx.store, invitation.societyId);
  if (society.status === 'suspended') {
    throw new AppError('INVALID_STATE', `society ${society._id} is suspended`, '互助社已暂停，暂不接受认捐');
  }
  if (!pledgeChannelsFor(society.form).includes(input.channel)) {
    throw new AppError(
      'BAD_REQUEST',
      `channel ${input.channel} not available to a ${society.form} society`,
      society.form === 'registered'
        ? '该互助社有自己的账户，请选择转账至互助社账户或现金'
        : '该互助社资金存放在县慈善协会分账户，请选择转账至县慈善协会或现金',
    );
  }
  const now = ctx.clock.now();
  const invitationId = invitation._id;
  const stored = await ctx.store.transaction(async (tx) => {
    const existing = await tx.get<PledgeDoc>(COLLECTIONS.pledges, input.requestId);
    if (existing) {
      const same =
        existing.donorUserId === (ctx.caller.user?._id ?? userIdForOpenid(ctx.caller.openid!)) &&
        existing.invitationId === invitationId &&
        existing.amountFen === input.amountFen &&
        existing.channel === input.channel &&
        existing.anonymous === input.anonymous;
      if (!same) throw requestIdReused(`pledge ${input.requestId}`);
      return existing;
    }
    const accepted = await acceptInTx(tx, ctx.caller, invitationId, codeHash, input.donorName, now);
    const pledge: PledgeDoc = {
      _id: input.requestId,
      societyId: society._id,
      invitationId,
      donorUserId: accepted.userId,
      donorName: accepted.userName,
      anonymous: input.anonymous,
      amountFen: input.amountFen,
      channel: input.channel,
      message: input.message?.trim() ?? '',
      status: 'pledged',
      pledgedAt: now.toISOString(),
      receipt: null,
      pastReceipts: [],
      cancelledAt: null,
      cancelledBy: null,
      cancelReason: null,
    };
    await tx.insert(COLLECTIONS.pledges, pledge);
    await appendAudit(tx, {
      scopeId: society._id,
      actor: { userId: accepted.userId, openid: ctx.caller.openid, name: accepted.userName, role: 'donor' },
      action: 'pledge.create',
      target: `${COLLECTIONS.pledges}/${pledge._id}`,
      details: { amountFen: pledge.amountFen, channel: pledge.channel, anonymous: pledge.anonymous, invitationId },
      at: now,
    });
    return pledge;
  });
  return pledgeView(ctx.store, stored, society);
}

export interface ConfirmReceiptInput {
  pledgeId: string;
  /** Client-chosen: the donation entry's id, so a retried confirmation records once. */
  entryId: string;
  /** What actually arrived; defaults to the pledged amount. */
  amountFen?: number;
  /** Bank slip or receipt number. */
  slip: string;
}

/**
 * Records the donation entry and marks the pledge received, in one transaction that reads the
 * pledge once and checks the caller in it (issue 15); the pledge's audit event names the entry.
 */
export async function confirmReceipt(ctx: ActionContext, input: ConfirmReceiptInput): Promise<PledgeView> {
  const now = ctx.clock.now();
  const { stored, society } = await ctx.store
    .transaction(async (tx) => {
      const current = await tx.get<PledgeDoc>(COLLECTIONS.pledges, input.pledgeId);
      if (!current) throw new AppError('NOT_FOUND', `pledge ${input.pledgeId} not found`, '没有找到这笔认捐');
      const society = await loadSociety(ctx.store, current.societyId);
      const roles =
        society.form === 'filed' && current.channel === 'bankToFederation'
          ? (['secretary', 'federation'] as const)
          : (['secretary'] as const);
      const { actor } = requireActing(
        ctx.caller,
        roles,
        society,
        '只有本社秘书长（转入联合会分账户的也可由联合会）确认到账',
      );
      if (ctx.caller.user?._id === current.donorUserId) {
        throw new AppError(
          'FORBIDDEN',
          `user ${current.donorUserId} confirming own pledge`,
          '不能确认自己的捐赠到账，请由他人确认',
        );
      }
      if (current.status === 'received' && current.receipt?.entryId === input.entryId) {
        return { stored: current, society };
      }
      if (current.status !== 'pledged') {
        throw new AppError(
          'INVALID_STATE',
          `pledge ${current._id} is ${current.status}`,
          current.status === 'received' ? '该认捐已确认到账' : '该认捐已取消',
        );
      }
      const amountFen = input.amountFen ?? current.amountFen;
      const { entry } = await recordLedgerEntry(
        tx,
        current.societyId,
        {
          entryId: input.entryId,
          type: 'donation',
          amountFen,
          sourceRef: `${PLEDGE_SOURCE_PREFIX}${current._id}`,
          memo: `${current.anonymous ? '匿名捐赠' : `${current.donorName}捐赠`}（${PLEDGE_CHANNEL_LABELS[current.channel]}，${input.slip}）`,
          counterparty: { name: current.donorName, anonymous: current.anonymous },
        },
        actor,
        now,
        // The pledge's audit event below names the entry: one audit event for the action. The
        // entry is new: the pledge is received once, in this transaction (a used id fails it).
        { audited: true, fresh: true },
      );
      const receipt = {
        entryId: entry._id,
        amountFen,
        receivedAt: entry.recordedAt,
        confirmedByName: actor.name ?? '',
        societyName: society.name,
        registrationNumber: society.registrationNumber,
        sourceRef: entry.sourceRef,
        confirmedBy: actor,
        slip: input.slip,
      };
      // The audit event and the donor's message are kept on the pledge (server/outbound.ts).
      const kept = keepOutbound(
        current,
        [
          pendingAuditEvent({
            scopeId: current.societyId,
            actor,
            action: 'pledge.confirm',
            target: `${COLLECTIONS.pledges}/${current._id}`,
            details: { entryId: entry._id, type: entry.type, amountFen, slip: input.slip },
            at: now,
          }),
        ],
        [giftReceivedMessage(current, receipt, now)],
      );
      await tx.update(COLLECTIONS.pledges, current._id, {
        status: 'received',
        receipt,
        outbound: kept.outbound,
        outboundAt: kept.outboundAt,
      });
      return { stored: { ...current, status: 'received' as const, receipt }, society };
    })
    .catch((error: unknown) => {
      // The entry id the page chose is already a ledger entry (of an earlier receipt, since reversed).
      if (isStoreError(error, 'DUPLICATE_ID')) throw requestIdReused(`ledger entry ${input.entryId}`);
      throw error;
    });
  return pledgeView(ctx.store, stored, society);
}

/**
 * Called by the ledger's reversal of a pledge's donation entry (in the same transaction): the
 * pledge goes back to awaiting receipt, the reversed receipt kept, so it can be confirmed again.
 */
export async function reopenPledgeAfterReversal(
  tx: Transaction,
  original: LedgerEntryDoc,
  reversalEntryId: string,
): Promise<void> {
  if (!original.sourceRef.startsWith(PLEDGE_SOURCE_PREFIX)) return;
  const pledge = await tx.get<PledgeDoc>(COLLECTIONS.pledges, original.sourceRef.slice(PLEDGE_SOURCE_PREFIX.length));
  if (!pledge || pledge.receipt?.entryId !== original._id) return;
  const { confirmedBy: _by, slip: _slip, ...receipt } = pledge.receipt;
  await tx.update(COLLECTIONS.pledges, pledge._id, {
    status: 'pledged',
    receipt: null,
    pastReceipts: [...pledge.pastReceipts, { ...receipt, reversedByEntryId: reversalEntryId }],
  });
}

/** The donor withdraws a pledge not yet received, or the secretary closes one that never came. */
export async function cancelPledge(ctx: ActionContext, pledgeId: string, reason: string): Promise<PledgeView> {
  const pledge = await loadPledge(ctx.store, pledgeId);
  const society = await loadSociety(ctx.store, pledge.societyId);
  const own = ctx.caller.user?._id === pledge.donorUserId;
  const actor: Actor = own
    ? { userId: ctx.caller.user!._id, openid: ctx.caller.openid, name: ctx.caller.user!.name, role: 'donor' }
    : requireActing(ctx.caller, ['secretary'], society).actor;
  const now = ctx.clock.now();
  const stored = await ctx.store.transaction(async (tx) => {
    const current = await tx.get<PledgeDoc>(COLLECTIONS.pledges, pledgeId);
    if (current?.status !== 'pledged') {
      throw new AppError('INVALID_STATE', `pledge ${pledgeId} is ${current?.status}`, '只能取消尚未到账的认捐');
    }
    const patch = {
      status: 'cancelled' as const,
      cancelledAt: now.toISOString(),
      cancelledBy: actor,
      cancelReason: reason,
    };
    await tx.update(COLLECTIONS.pledges, pledgeId, patch);
    await appendAudit(tx, {
      scopeId: current.societyId,
      actor,
      action: 'pledge.cancel',
      target: `${COLLECTIONS.pledges}/${pledgeId}`,
      details: { reason },
      at: now,
    });
    return { ...current, ...patch };
  });
  return pledgeView(ctx.store, stored, society);
}

async function loadPledge(store: Store, pledgeId: string): Promise<PledgeDoc> {
  const pledge = await store.get<PledgeDoc>(COLLECTIONS.pledges, pledgeId);
  if (!pledge) throw new AppError('NOT_FOUND', `pledge ${pledgeId} not found`, '没有找到这笔认捐');
  return pledge;
}

export async function paymentInstructions(
  store: Store,
  society: SocietyDoc,
  channel: PledgeChannel,
): Promise<PaymentInstructions> {
  const base = { channel, channelLabel: PLEDGE_CHANNEL_LABELS[channel] };
  if (channel === 'cash') {
    return {
      ...base,
      account: null,
      transferNote: null,
      text: `请将现金交给${society.name}秘书长（出纳），并索取收据。`,
    };
  }
  if (channel === 'bankToSociety') {
    const account = openBankAccount(society);
    return {
      ...base,
      account,
      transferNote: null,
      text: account
        ? `请转账至${account.accountName}（${account.bankName}），附言注明“捐赠”。`
        : '互助社尚未登记银行账户，请联系秘书长。',
    };
  }
  const settings = await getCountySettings(store, society.countyId);
  const village = await store.get<AreaDoc>(COLLECTIONS.areas, society.villageId);
  const note = `${society.subAccountCode ?? society._id} ${village?.name ?? ''}互助社捐赠`.trim();
  return {
    ...base,
    account: settings.federationAccount,
    transferNote: note,
    text: settings.federationAccount
      ? `请转账至${settings.federationAccount.accountName}（${settings.federationAccount.bankName}），附言填写“${note}”，款项记入本村分账户。`
      : '县慈善协会尚未登记账户，请联系秘书长。',
  };
}

function receiptOf(pledge: PledgeDoc): PledgeReceipt | null {
  if (!pledge.receipt) return null;
  const { confirmedBy: _by, slip: _slip, ...receipt } = pledge.receipt;
  return receipt;
}

async function pledgeView(store: Store, pledge: PledgeDoc, society: SocietyDoc): Promise<PledgeView> {
  return {
    id: pledge._id,
    societyId: society._id,
    societyName: society.name,
    donorName: pledge.donorName,
    anonymous: pledge.anonymous,
    amountFen: pledge.amountFen,
    channel: pledge.channel,
    channelLabel: PLEDGE_CHANNEL_LABELS[pledge.channel],
    status: pledge.status,
    statusLabel: PLEDGE_STATUS_LABELS[pledge.status],
    pledgedAt: pledge.pledgedAt,
    payment: await paymentInstructions(store, society, pledge.channel),
    receipt: receiptOf(pledge),
    cancelledAt: pledge.cancelledAt,
  };
}

/** The caller's own pledges, each with its receipt and the society's relief since it was pledged. */
export async function myPledges(ctx: ActionContext): Promise<{ items: MyPledgeView[] }> {
  const userId = ctx.caller.user?._id;
  if (!userId) return { items: [] };
  const pledges = await ctx.store.find<PledgeDoc>(COLLECTIONS.pledges, {
    where: { donorUserId: userId },
    orderBy: [['pledgedAt', 'desc']],
    limit: 100,
  });
  const societies = new Map<string, SocietyDoc>();
  for (const id of new Set(pledges.map((p) => p.societyId))) societies.set(id, await loadSociety(ctx.store, id));
  const items: MyPledgeView[] = [];
  for (const pledge of pledges) {
    const society = societies.get(pledge.societyId)!;
    const view = await pledgeView(ctx.store, pledge, society);
    const since = pledge.receipt?.receivedAt ?? null;
    items.push({ ...view, reliefSince: since ? await reliefSince(ctx.store, society._id, since) : null });
  }
  return { items };
}

/** One pledge: its donor, or the officers, supervisor and (filed societies) federation. */
export async function getPledge(ctx: ActionContext, pledgeId: string): Promise<MyPledgeView> {
  const pledge = await loadPledge(ctx.store, pledgeId);
  const society = await loadSociety(ctx.store, pledge.societyId);
  if (ctx.caller.user?._id !== pledge.donorUserId) {
    requireActing(ctx.caller, pledgeReaders(society), society);
  }
  const view = await pledgeView(ctx.store, pledge, society);
  const since = pledge.receipt?.receivedAt ?? null;
  return { ...view, reliefSince: since ? await reliefSince(ctx.store, society._id, since) : null };
}

function pledgeReaders(society: SocietyDoc) {
  return society.form === 'filed'
    ? (['secretary', 'president', 'supervisor', 'federation'] as const)
    : (['secretary', 'president', 'supervisor'] as const);
}

/** The society's pledges for the secretary to confirm, newest first. */
export async function listPledges(
  ctx: ActionContext,
  societyId: string,
  status: PledgeStatus | undefined,
): Promise<{ items: PledgeListItem[] }> {
  const society = await loadSociety(ctx.store, societyId);
  requireActing(ctx.caller, pledgeReaders(society), society);
  const pledges = await ctx.store.find<PledgeDoc>(COLLECTIONS.pledges, {
    where: status ? { societyId, status } : { societyId },
    orderBy: [['pledgedAt', 'desc']],
    limit: 500,
  });
  const invitationIds = [...new Set(pledges.map((p) => p.invitationId))];
  const invitations = invitationIds.length
    ? await ctx.store.find<InvitationDoc>(COLLECTIONS.invitations, {
        where: { _id: { $in: invitationIds } },
        limit: invitationIds.length,
      })
    : [];
  const inviter = new Map(invitations.map((inv) => [inv._id, actorName(inv.createdBy)]));
  const items: PledgeListItem[] = [];
  for (const pledge of pledges) {
    items.push({
      ...(await pledgeView(ctx.store, pledge, society)),
      invitedByName: inviter.get(pledge.invitationId) ?? '',
    });
  }
  return { items };
}
