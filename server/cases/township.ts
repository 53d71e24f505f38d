/**
 * What goes beyond a village society and comes back from the township covering it:
 *
 * - R-PROC-5 先行救助 not ratified: the township records what happens to the money paid — 追回
 *   (recovery: an amount up to what was paid comes back into the society's fund as a ledger entry
 *   of its own, the payout untouched, R-FUND-3) or 核销 (write-off) — with a reason. Once per case:
 *   the ledger entry's id is derived from the case (`recovery-<caseId>`) and the case is written
 *   in the same transaction, so a retry (same request id) answers what was done and any other
 *   attempt finds the case settled and moves no money.
 * - Beyond the society's authority (R-CAP-1 500 yuan, R-CAP-2 1,000 yuan, or not its kind of
 *   relief): an officer hands the case to the township's 临时救助 as a tracked referral (what is
 *   asked, why); the township records accepted with an amount, or declined with a reason. The
 *   society's own relief within its caps may be granted alongside.
 *
 * Only the township covering the society decides; the county reads. Each decision is a step on
 * the case (timeline, society's audit chain) and is also kept in the township's own audit chain.
 */
import { AppError } from '../errors';
import { requestFingerprint, requireSameRequest } from '../api/request-ids';
import type { ActionContext } from '../context';
import { COLLECTIONS, type AreaDoc, type SocietyDoc } from '../collections';
import type { Actor } from '../access/caller';
import type { Transaction } from '../ports/store';
import { requireTownshipOf } from '../access/rules';
import { loadSociety } from '../registry/load';
import { appendAudit } from '../audit/trail';
import { recordLedgerEntry } from '../ledger/ledger';
import { beijingDayOf } from '../domain/workdays';
import { openStored, shortHash } from './pii';
import { caseStep, officerStep } from './common';
import { officerCaseView } from './queries';
import { MAX_REFERRALS_PER_CASE } from './payouts';
import { referralsView, unratifiedOutcomeView } from './views';
import {
  commitStep,
  eventActor,
  openTownshipReferral,
  requireStep,
  type CaseDoc,
  type ReferralRecord,
  type UnratifiedOutcomeRecord,
} from './model';
import {
  type OfficerCaseView,
  type SettleUnratifiedInput,
  type TownshipReferralInput,
  type TownshipReferralOutcomeInput,
  type TownshipReferralView,
  type UnratifiedOutcomeView,
} from '../../miniprogram/domain/case';
import { formatYuanShort } from '../../miniprogram/domain/money';

export function recoveryEntryId(caseId: string): string {
  return `recovery-${caseId}`;
}

const TOWNSHIP_ONLY = '只有该互助社所在乡镇可以记录处理结果';

/**
 * The township's step on a case of a society it covers (caseStep in ./common: the case read once,
 * in the transaction, the checks and the step's own reads in it).
 */
async function townshipStep<R>(
  ctx: ActionContext,
  caseId: string,
  work: (tx: Transaction, found: { doc: CaseDoc; society: SocietyDoc; actor: Actor }) => Promise<R>,
): Promise<R> {
  return caseStep(ctx, caseId, async (tx, doc) => {
    const society = await loadSociety(ctx.store, doc.societyId);
    const actor = requireTownshipOf(ctx.caller, society, TOWNSHIP_ONLY);
    return work(tx, { doc, society, actor });
  });
}

function alreadySettled(caseId: string): AppError {
  return new AppError(
    'INVALID_STATE',
    `case ${caseId}: unratified relief already settled`,
    '这笔先行救助款的处理结果已经记录过',
  );
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** R-PROC-5: the township records recovery (追回) or write-off (核销) of money paid first and not ratified. */
export async function settleUnratified(
  ctx: ActionContext,
  input: SettleUnratifiedInput,
): Promise<UnratifiedOutcomeView> {
  const fingerprint = requestFingerprint(input);
  const at = ctx.clock.now();
  const next = await townshipStep(ctx, input.caseId, async (tx, { doc, society, actor }) => {
    if (doc.reliefFirst?.outcome?.requestId === input.requestId) {
      requireSameRequest(doc.reliefFirst.outcome.requestFingerprint, fingerprint, `settlement of ${doc._id}`);
      return doc;
    }
    if (doc.reliefFirst?.outcome) throw alreadySettled(doc._id);
    if (doc.reliefFirst?.explanation?.ratified !== false) {
      throw new AppError(
        'INVALID_STATE',
        `case ${doc._id}: no unratified relief-first payment`,
        '这个案件没有未予追认的先行救助，无需处理',
      );
    }
    requireStep(doc, 'settleUnratified');
    const payout = doc.payout!;
    const reason = input.reason.trim();
    let recoveredFen = 0;
    let recoveredOn: string | null = null;
    if (input.outcome === 'recovery') {
      recoveredFen = input.recoveredFen ?? 0;
      if (!Number.isSafeInteger(recoveredFen) || recoveredFen <= 0 || recoveredFen > payout.amountFen) {
        throw new AppError(
          'BAD_REQUEST',
          `case ${doc._id}: recovery ${recoveredFen} fen outside 1..${payout.amountFen}`,
          `追回金额须大于 0 且不超过先行发放的 ${formatYuanShort(payout.amountFen)}`,
        );
      }
      recoveredOn = input.recoveredOn ?? '';
      if (
        !DAY.test(recoveredOn) ||
        recoveredOn < beijingDayOf(new Date(payout.paidAt)) ||
        recoveredOn > beijingDayOf(at)
      ) {
        throw new AppError(
          'BAD_REQUEST',
          `case ${doc._id}: recovery date ${recoveredOn} out of range`,
          '追回日期须在发放之后、今天或之前',
        );
      }
    } else if (input.recoveredFen || input.recoveredOn) {
      throw new AppError('BAD_REQUEST', 'a write-off recovers nothing', '核销不追回款项，请不要填写追回金额和日期');
    }

    let ledgerEntryId: string | null = null;
    if (recoveredFen > 0) {
      const { entry } = await recordLedgerEntry(
        tx,
        doc.societyId,
        {
          entryId: recoveryEntryId(doc._id),
          type: 'reliefRecovery',
          amountFen: recoveredFen,
          sourceRef: `case:${doc._id}`,
          memo: `追回未予追认的先行救助款 ${doc.caseNo}（${recoveredOn}）`,
          counterparty: { name: openStored(payout.recipientName), anonymous: !doc.consent.publicNotice },
        },
        actor,
        at,
      );
      ledgerEntryId = entry._id;
    }
    const outcome: UnratifiedOutcomeRecord = {
      requestId: input.requestId,
      requestFingerprint: fingerprint,
      kind: input.outcome,
      recoveredFen,
      recoveredOn,
      reason,
      ledgerEntryId,
      by: eventActor(actor),
      at: at.toISOString(),
    };
    const what =
      input.outcome === 'recovery'
        ? `追回 ${formatYuanShort(recoveredFen)}（共先行发放 ${formatYuanShort(payout.amountFen)}，${recoveredOn} 收回，已记入互助资金）`
        : `核销先行发放的 ${formatYuanShort(payout.amountFen)}`;
    await appendAudit(tx, {
      scopeId: society.townshipId,
      actor,
      action: 'township.settleUnratified',
      target: `${COLLECTIONS.cases}/${doc._id}`,
      details: { societyId: society._id, outcome: input.outcome, recoveredFen, ledgerEntryId },
      at,
    });
    return commitStep(tx, doc, 'settleUnratified', actor, at, {
      patch: { reliefFirst: { ...doc.reliefFirst!, outcome } },
      summary: `乡镇处理未予追认的先行救助：${what}。理由：${reason}`,
      details: { outcome: input.outcome, recoveredFen, recoveredOn, ledgerEntryId },
      audit: { outcome: input.outcome, recoveredFen, ledgerEntryId },
    });
  });
  return unratifiedOutcomeView(next)!;
}

function addDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** R-CAP-1/2: an officer hands a case beyond the society's authority to the township's 临时救助. */
export async function referToTownship(ctx: ActionContext, input: TownshipReferralInput): Promise<OfficerCaseView> {
  const fingerprint = requestFingerprint(input);
  const at = ctx.clock.now();
  const { next, society } = await officerStep(ctx, input.caseId, async (tx, { doc, society, actor }) => {
    const id = `ref-${shortHash(doc._id, input.requestId).slice(0, 12)}`;
    const replay = doc.referrals.find((referral) => referral.id === id);
    if (replay) {
      requireSameRequest(replay.requestFingerprint, fingerprint, `referral ${id}`);
      return { next: doc, society };
    }
    requireStep(doc, 'referTownship');
    const today = beijingDayOf(at);
    const followUpDate = input.followUpDate ?? addDays(today, 7);
    if (followUpDate < today) {
      throw new AppError('BAD_REQUEST', 'follow-up date in the past', '跟进日期不能早于今天');
    }
    const township = await ctx.store.get<AreaDoc>(COLLECTIONS.areas, society.townshipId);
    const townshipName = township?.name ?? '乡镇';
    const reason = input.reason.trim();
    const referral: ReferralRecord = {
      id,
      requestId: input.requestId,
      requestFingerprint: fingerprint,
      kind: 'temporaryAssistance',
      description: reason,
      ownerName: townshipName,
      ownerUserId: null,
      followUpDate,
      status: 'open',
      notes: [],
      createdBy: eventActor(actor),
      createdAt: at.toISOString(),
      township: { townshipId: society.townshipId, townshipName, askedFen: input.askedFen, outcome: null },
    };
    if (doc.referrals.length >= MAX_REFERRALS_PER_CASE) {
      throw new AppError('BAD_REQUEST', 'too many referrals', `每个案件最多 ${MAX_REFERRALS_PER_CASE} 项转介`);
    }
    if (openTownshipReferral(doc)) {
      throw new AppError(
        'INVALID_STATE',
        `case ${doc._id} already waits for the township`,
        '已转乡镇临时救助，正在等待乡镇答复',
      );
    }
    const referred = await commitStep(tx, doc, 'referTownship', actor, at, {
      patch: { referrals: [...doc.referrals, referral] },
      summary: `超出互助社权限，转${townshipName}临时救助：申请 ${formatYuanShort(input.askedFen)}。理由：${reason}`,
      details: { referralId: id, townshipId: society.townshipId, askedFen: input.askedFen },
      audit: { referralId: id, askedFen: input.askedFen },
    });
    return { next: referred, society };
  });
  return officerCaseView(ctx, next, society);
}

function sameOutcome(referral: ReferralRecord, input: TownshipReferralOutcomeInput): boolean {
  const outcome = referral.township?.outcome;
  return (
    !!outcome &&
    outcome.accepted === input.accepted &&
    outcome.amountFen === input.amountFen &&
    outcome.reason === input.reason.trim()
  );
}

function townshipReferralOf(doc: CaseDoc, referralId: string): ReferralRecord {
  const referral = doc.referrals.find((item) => item.id === referralId);
  if (!referral || referral.kind !== 'temporaryAssistance' || !referral.township) {
    throw new AppError(
      'NOT_FOUND',
      `no township referral ${referralId} on case ${doc._id}`,
      '没有找到这项临时救助转介',
    );
  }
  return referral;
}

/** The township answers a 临时救助 referral: accepted with the amount it grants, or declined with a reason. */
export async function recordTownshipReferralOutcome(
  ctx: ActionContext,
  input: TownshipReferralOutcomeInput,
): Promise<TownshipReferralView> {
  const viewOf = (current: CaseDoc) =>
    referralsView(current).find((referral) => referral.id === input.referralId)!.township!;
  const at = ctx.clock.now();
  const next = await townshipStep(ctx, input.caseId, async (tx, { doc, society, actor }) => {
    const referral = townshipReferralOf(doc, input.referralId);
    if (sameOutcome(referral, input)) return doc;
    const reason = input.reason.trim();
    if (input.accepted && (!Number.isSafeInteger(input.amountFen) || input.amountFen <= 0)) {
      throw new AppError('BAD_REQUEST', 'an accepted referral names its amount', '受理时请填写给予的临时救助金额');
    }
    if (!input.accepted && (input.amountFen !== 0 || !reason)) {
      throw new AppError('BAD_REQUEST', 'a declined referral has a reason and no amount', '不予受理时请写明理由');
    }
    requireStep(doc, 'townshipReferralOutcome');
    if (referral.township!.outcome) {
      throw new AppError('INVALID_STATE', `referral ${referral.id} answered already`, '这项临时救助转介已经答复过');
    }
    const outcome = {
      accepted: input.accepted,
      amountFen: input.amountFen,
      reason,
      by: eventActor(actor),
      at: at.toISOString(),
    };
    const updated: ReferralRecord = {
      ...referral,
      status: input.accepted ? 'done' : 'dropped',
      township: { ...referral.township!, outcome },
    };
    const what = input.accepted
      ? `受理，给予临时救助 ${formatYuanShort(input.amountFen)}${reason ? `。${reason}` : ''}`
      : `不予受理。理由：${reason}`;
    await appendAudit(tx, {
      scopeId: society.townshipId,
      actor,
      action: 'township.referralOutcome',
      target: `${COLLECTIONS.cases}/${doc._id}`,
      details: {
        societyId: society._id,
        referralId: referral.id,
        accepted: input.accepted,
        amountFen: input.amountFen,
      },
      at,
    });
    return commitStep(tx, doc, 'townshipReferralOutcome', actor, at, {
      patch: { referrals: doc.referrals.map((item) => (item.id === referral.id ? updated : item)) },
      summary: `${referral.township!.townshipName}答复临时救助转介：${what}`,
      details: { referralId: referral.id, accepted: input.accepted, amountFen: input.amountFen },
      audit: { referralId: referral.id, accepted: input.accepted, amountFen: input.amountFen },
    });
  });
  return viewOf(next);
}
