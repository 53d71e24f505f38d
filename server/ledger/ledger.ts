/**
 * The one ledger (R-FUND-3): one per society (for a filed society it is the federation's
 * sub-account for that village). Relief payouts, donations, subsidies and corrections all
 * record through `recordLedgerEntry`, inside the caller's transaction, so the money moves
 * together with the change that causes it, once.
 *
 * - Entries are append-only; a mistake is corrected by a reversing entry naming the entry it
 *   reverses, and an entry can be reversed once; a reversal cannot itself be reversed.
 * - The balance is the sum of the entries, held as a stored figure on the fund document and
 *   updated in the same transaction as the entry; it is never negative.
 * - Every entry has a client-chosen id: a retried call finds its entry and records nothing new.
 * - Every entry also updates its Beijing month's aggregate (`fundPeriods`, periods.ts) in the
 *   same transaction, so a fund report for any period costs O(months), not O(entries).
 * - Entries of one society are numbered (`seq`) and never dated before the one before them:
 *   under clock skew between function instances an entry takes its predecessor's time, so time
 *   order and recording order agree and each month's closing balance is its last entry's.
 */
import { AppError } from '../errors';
import { requestIdReused } from '../api/request-ids';
import { COLLECTIONS } from '../collections';
import type { Doc, Transaction } from '../ports/store';
import type { Actor } from '../access/caller';
import { appendAudit } from '../audit/trail';
import {
  INFLOW_TYPES,
  LEDGER_ENTRY_LABELS,
  OUTFLOW_TYPES,
  RAISING_TYPES,
  type LedgerEntryType,
  type OriginalEntryType,
  type ReliefKind,
} from '../../miniprogram/domain/funds';
import {
  applyEntryToPeriod,
  emptyPeriod,
  keepRecentMonth,
  periodId,
  type FundPeriodDoc,
  type RecentMonths,
} from './periods';
import { seal } from '../cases/pii';

export { INFLOW_TYPES, LEDGER_ENTRY_LABELS, OUTFLOW_TYPES, RAISING_TYPES };
export type { LedgerEntryType, OriginalEntryType, ReliefKind };

/** Who paid or received: a relief recipient (masked on every member view), a donor (named or anonymous), a payer. */
export interface Counterparty {
  name: string;
  /** A donor who gives anonymously; a relief recipient who withheld the public-notice consent. */
  anonymous?: boolean;
}

export interface LedgerEntryDoc extends Doc {
  societyId: string;
  /** 1, 2, 3 … per society, in recording order (= time order). */
  seq: number;
  type: LedgerEntryType;
  /** Signed fen: positive in, negative out. */
  amountFen: number;
  /** For a reversal: the entry it reverses and that entry's type, so totals by type stay true. */
  reverses: { entryId: string; type: OriginalEntryType } | null;
  /** What caused it: a pledge, a case, a bank slip number. */
  sourceRef: string;
  memo: string;
  /** Who paid or received; a reversal carries its original's. */
  counterparty: Counterparty | null;
  /** For relief payouts (and their reversals): supplementary or emergency. */
  reliefType: ReliefKind | null;
  recordedBy: Actor;
  recordedAt: string;
  balanceAfterFen: number;
}

/** The society's fund: the stored balance and totals, updated with every entry. */
export interface FundDoc extends Doc {
  societyId: string;
  balanceFen: number;
  /** Net of reversals, by the type of the original entry. */
  totalsByType: Record<OriginalEntryType, number>;
  entryCount: number;
  updatedAt: string;
  /** The time of the latest entry (absent on funds with none yet). */
  lastEntryAt?: string | null;
  /**
   * The month of the latest entry: the same aggregate as its `fundPeriods` document, written with
   * it in every entry's transaction, so an entry need not read it (issue 15). Null on a fund with
   * no entry yet; absent on a fund written before it was kept (the period is read then).
   */
  month?: FundPeriodDoc | null;
  /**
   * The aggregates of this half-year and the one before, up to the latest entry's month, kept in
   * every entry's transaction (periods.ts), so the fund report reads the fund alone (issue 15).
   * Absent on a fund with no entry yet, or from before they were kept: its next entry starts them.
   */
  recentMonths?: RecentMonths;
}

export function emptyFund(societyId: string, at: Date): FundDoc {
  return {
    _id: societyId,
    societyId,
    balanceFen: 0,
    totalsByType: {
      countySubsidy: 0,
      collectiveFund: 0,
      donation: 0,
      bankInterest: 0,
      reliefPayout: 0,
      reliefRecovery: 0,
    },
    entryCount: 0,
    updatedAt: at.toISOString(),
    lastEntryAt: null,
    month: null,
  };
}

/** R-ORG-2: money raised through the start-up channels. */
export function raisedFen(fund: FundDoc): number {
  return RAISING_TYPES.reduce((sum, type) => sum + fund.totalsByType[type], 0);
}

/** Optional fields every entry may carry (added after the first callers; all optional). */
interface EntryExtras {
  memo?: string;
  counterparty?: Counterparty;
}

export type LedgerEntryInput =
  | (EntryExtras & {
      entryId: string;
      type: OriginalEntryType;
      amountFen: number;
      sourceRef: string;
      /** For relief payouts: which kind of relief (fund reports show money out by kind). */
      reliefType?: ReliefKind;
    })
  | (EntryExtras & { entryId: string; type: 'reversal'; reversesEntryId: string; sourceRef: string });

/** Pure: the entry's signed amount and the fund after it, or why it cannot be recorded. */
export function applyEntry(fund: FundDoc, signedAmountFen: number, totalsType: OriginalEntryType, at: Date): FundDoc {
  if (!Number.isSafeInteger(signedAmountFen) || signedAmountFen === 0) {
    throw new AppError('BAD_REQUEST', `ledger amount must be a non-zero integer number of fen, got ${signedAmountFen}`);
  }
  const balanceFen = fund.balanceFen + signedAmountFen;
  if (balanceFen < 0) {
    throw new AppError(
      'INSUFFICIENT_FUNDS',
      `society ${fund.societyId} balance ${fund.balanceFen} fen cannot cover ${-signedAmountFen} fen`,
    );
  }
  return {
    ...fund,
    balanceFen,
    // A fund from before a type existed (reliefRecovery) has no bucket for it yet: it starts at 0.
    totalsByType: { ...fund.totalsByType, [totalsType]: (fund.totalsByType[totalsType] ?? 0) + signedAmountFen },
    entryCount: fund.entryCount + 1,
    updatedAt: at.toISOString(),
    lastEntryAt: at.toISOString(),
  };
}

export function signedAmount(type: OriginalEntryType, amountFen: number): number {
  if (!Number.isSafeInteger(amountFen) || amountFen <= 0) {
    throw new AppError('BAD_REQUEST', `ledger amounts are positive integers of fen, got ${amountFen}`);
  }
  return (OUTFLOW_TYPES as readonly string[]).includes(type) ? -amountFen : amountFen;
}

/** `ledgerReversals/{reversed entry id}`: an entry is reversed at most once. */
export interface ReversalMarker extends Doc {
  reversalEntryId: string;
}

/**
 * The month's aggregate before `entry`. The fund keeps the month of its latest entry: the same
 * month is that; a later month (entries never go back in time, entryTime) has none yet; so does a
 * fund with no entry (`month: null`). Only a fund from before the month was kept reads the period.
 */
async function periodBefore(tx: Transaction, fund: FundDoc, entry: LedgerEntryDoc): Promise<FundPeriodDoc> {
  const id = periodId(fund.societyId, entry.recordedAt);
  if (fund.month?._id === id) return fund.month;
  if (fund.month === null || (fund.month && fund.month._id < id)) return emptyPeriod(fund.societyId, entry.recordedAt);
  return (await tx.get<FundPeriodDoc>(COLLECTIONS.fundPeriods, id)) ?? emptyPeriod(fund.societyId, entry.recordedAt);
}

/** Never before the previous entry of the same ledger (see the header). */
function entryTime(fund: FundDoc, at: Date): Date {
  const last = fund.lastEntryAt ? Date.parse(fund.lastEntryAt) : Number.NEGATIVE_INFINITY;
  return at.getTime() < last ? new Date(last) : at;
}

/**
 * How an entry is recorded as part of a larger step (a payout, a pledge received, issue 15):
 * - `fresh`: the step has already made sure, in this transaction, that its entry id is new (the
 *   case is paid once; the pledge is received once), so the entry is not looked up first. Should
 *   it exist after all, its insert fails and the whole transaction with it: nothing moves twice.
 * - `audited`: the step's own audit event names the entry (its id, type and amount), so the
 *   entry appends none of its own: one audit event per action.
 */
export interface EntryInStep {
  fresh?: boolean;
  audited?: boolean;
}

/**
 * Records one entry inside `tx`. Retrying with the same entry id and the same content returns
 * the entry recorded the first time (`replayed: true`); the same id with other content is refused.
 */
export async function recordLedgerEntry(
  tx: Transaction,
  societyId: string,
  input: LedgerEntryInput,
  actor: Actor,
  at: Date,
  step: EntryInStep = {},
): Promise<{ entry: LedgerEntryDoc; fund: FundDoc; replayed: boolean }> {
  const existing = step.fresh ? null : await tx.get<LedgerEntryDoc>(COLLECTIONS.ledgerEntries, input.entryId);
  const fund = await tx.get<FundDoc>(COLLECTIONS.funds, societyId);
  if (!fund) throw new AppError('NOT_FOUND', `no fund for society ${societyId}`);
  if (existing) {
    if (!sameEntry(existing, societyId, input)) {
      throw requestIdReused(`ledger entry ${input.entryId}`);
    }
    return { entry: existing, fund, replayed: true };
  }

  let signed: number;
  let totalsType: OriginalEntryType;
  let reverses: LedgerEntryDoc['reverses'] = null;
  let reliefType: ReliefKind | null = null;
  let counterparty: Counterparty | null = input.counterparty ? cleanCounterparty(input.counterparty) : null;
  if (input.type === 'reversal') {
    const original = await tx.get<LedgerEntryDoc>(COLLECTIONS.ledgerEntries, input.reversesEntryId);
    if (!original || original.societyId !== societyId) {
      throw new AppError('NOT_FOUND', `entry ${input.reversesEntryId} to reverse not found in society ${societyId}`);
    }
    if (original.type === 'reversal' || original.reverses) {
      throw new AppError('INVALID_STATE', `entry ${original._id} is itself a reversal`, '冲正记录不能再次冲正');
    }
    const marker = await tx.get<ReversalMarker>(COLLECTIONS.ledgerReversals, original._id);
    if (marker) {
      throw new AppError(
        'INVALID_STATE',
        `entry ${original._id} was already reversed by ${marker.reversalEntryId}`,
        '该笔记录已经冲正过',
      );
    }
    await tx.insert<ReversalMarker>(COLLECTIONS.ledgerReversals, { _id: original._id, reversalEntryId: input.entryId });
    signed = -original.amountFen;
    totalsType = original.type;
    reverses = { entryId: original._id, type: original.type };
    reliefType = original.reliefType ?? null;
    counterparty = counterparty ?? original.counterparty ?? null;
  } else {
    signed = signedAmount(input.type, input.amountFen);
    totalsType = input.type;
    if (input.reliefType !== undefined) {
      if (input.type !== 'reliefPayout') {
        throw new AppError('BAD_REQUEST', `reliefType is for relief payouts, not ${input.type}`);
      }
      reliefType = input.reliefType;
    }
  }

  const when = entryTime(fund, at);
  const nextFund = applyEntry(fund, signed, totalsType, when);
  const entry: LedgerEntryDoc = {
    _id: input.entryId,
    societyId,
    seq: nextFund.entryCount,
    type: input.type,
    amountFen: signed,
    reverses,
    sourceRef: input.sourceRef,
    memo: input.memo ?? '',
    counterparty,
    reliefType,
    recordedBy: actor,
    recordedAt: when.toISOString(),
    balanceAfterFen: nextFund.balanceFen,
  };
  const period = applyEntryToPeriod(await periodBefore(tx, fund, entry), entry);
  await tx.insert(COLLECTIONS.ledgerEntries, entry);
  await tx.set<FundDoc>(COLLECTIONS.funds, {
    ...nextFund,
    month: period,
    recentMonths: keepRecentMonth(fund.recentMonths, period),
  });
  await tx.set(COLLECTIONS.fundPeriods, period);
  if (!step.audited) {
    await appendAudit(tx, {
      scopeId: societyId,
      actor,
      action: 'ledger.record',
      target: `${COLLECTIONS.ledgerEntries}/${entry._id}`,
      details: { type: entry.type, amountFen: entry.amountFen, reverses: reverses?.entryId ?? null, reliefType },
      at,
    });
  }
  return { entry, fund: nextFund, replayed: false };
}

/** The name is sealed at rest (issue 12 Keys); `reports/statement.ts` opens it for the views. */
function cleanCounterparty(party: Counterparty): Counterparty {
  const name = seal(String(party.name).trim().slice(0, 60));
  return party.anonymous ? { name, anonymous: true } : { name };
}

function sameEntry(existing: LedgerEntryDoc, societyId: string, input: LedgerEntryInput): boolean {
  if (
    existing.societyId !== societyId ||
    existing.type !== input.type ||
    existing.sourceRef !== input.sourceRef ||
    existing.memo !== (input.memo ?? '')
  ) {
    return false;
  }
  if (input.type === 'reversal') return existing.reverses?.entryId === input.reversesEntryId;
  return existing.amountFen === signedAmount(input.type, input.amountFen);
}
