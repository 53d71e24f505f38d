/**
 * The one ledger (R-FUND-3): one per society (for a filed society it is the federation's
 * sub-account for that village). Relief payouts, donations, subsidies and corrections all
 * record through `recordLedgerEntry`, inside the caller's transaction, so the money moves
 * together with the change that causes it, once.
 *
 * - Entries are append-only; a mistake is corrected by a reversing entry naming the entry it
 *   reverses, and an entry can be reversed once.
 * - The balance is the sum of the entries, held as a stored figure on the fund document and
 *   updated in the same transaction as the entry; it is never negative.
 * - Every entry has a client-chosen id: a retried call finds its entry and records nothing new.
 */
import { AppError } from '../api/errors';
import { COLLECTIONS } from '../collections';
import type { Doc, Transaction } from '../ports/store';
import type { Actor } from '../access/caller';
import { appendAudit } from '../audit/trail';

export type LedgerEntryType =
  'countySubsidy' | 'collectiveFund' | 'donation' | 'bankInterest' | 'reliefPayout' | 'reversal';

/** Entry types that bring money in (R-FUND-1) or take it out; a reversal takes the opposite sign of what it reverses. */
export const INFLOW_TYPES = ['countySubsidy', 'collectiveFund', 'donation', 'bankInterest'] as const;
export const OUTFLOW_TYPES = ['reliefPayout'] as const;

/** R-FUND-1, R-ORG-2: the start-up channels whose money counts toward the 30,000 yuan. */
export const RAISING_TYPES: readonly LedgerEntryType[] = ['countySubsidy', 'collectiveFund', 'donation'];

export const LEDGER_ENTRY_LABELS: Record<LedgerEntryType, string> = {
  countySubsidy: '县财政补助',
  collectiveFund: '村集体资金',
  donation: '社会捐赠',
  bankInterest: '银行利息',
  reliefPayout: '救助支出',
  reversal: '冲正',
};

export type OriginalEntryType = Exclude<LedgerEntryType, 'reversal'>;

export interface LedgerEntryDoc extends Doc {
  societyId: string;
  type: LedgerEntryType;
  /** Signed fen: positive in, negative out. */
  amountFen: number;
  /** For a reversal: the entry it reverses and that entry's type, so totals by type stay true. */
  reverses: { entryId: string; type: OriginalEntryType } | null;
  /** What caused it: a pledge, a case, a bank slip number. */
  sourceRef: string;
  memo: string;
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
}

export function emptyFund(societyId: string, at: Date): FundDoc {
  return {
    _id: societyId,
    societyId,
    balanceFen: 0,
    totalsByType: { countySubsidy: 0, collectiveFund: 0, donation: 0, bankInterest: 0, reliefPayout: 0 },
    entryCount: 0,
    updatedAt: at.toISOString(),
  };
}

/** R-ORG-2: money raised through the start-up channels. */
export function raisedFen(fund: FundDoc): number {
  return RAISING_TYPES.reduce((sum, type) => sum + fund.totalsByType[type as OriginalEntryType], 0);
}

export type LedgerEntryInput =
  | { entryId: string; type: OriginalEntryType; amountFen: number; sourceRef: string; memo?: string }
  | { entryId: string; type: 'reversal'; reversesEntryId: string; sourceRef: string; memo?: string };

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
    totalsByType: { ...fund.totalsByType, [totalsType]: fund.totalsByType[totalsType] + signedAmountFen },
    entryCount: fund.entryCount + 1,
    updatedAt: at.toISOString(),
  };
}

export function signedAmount(type: OriginalEntryType, amountFen: number): number {
  if (!Number.isSafeInteger(amountFen) || amountFen <= 0) {
    throw new AppError('BAD_REQUEST', `ledger amounts are positive integers of fen, got ${amountFen}`);
  }
  return (OUTFLOW_TYPES as readonly string[]).includes(type) ? -amountFen : amountFen;
}

interface ReversalMarker extends Doc {
  reversalEntryId: string;
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
): Promise<{ entry: LedgerEntryDoc; fund: FundDoc; replayed: boolean }> {
  const existing = await tx.get<LedgerEntryDoc>(COLLECTIONS.ledgerEntries, input.entryId);
  const fund = await tx.get<FundDoc>(COLLECTIONS.funds, societyId);
  if (!fund) throw new AppError('NOT_FOUND', `no fund for society ${societyId}`);
  if (existing) {
    if (!sameEntry(existing, societyId, input)) {
      throw new AppError('DUPLICATE', `ledger entry id ${input.entryId} already used for another entry`);
    }
    return { entry: existing, fund, replayed: true };
  }

  let signed: number;
  let totalsType: OriginalEntryType;
  let reverses: LedgerEntryDoc['reverses'] = null;
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
  } else {
    signed = signedAmount(input.type, input.amountFen);
    totalsType = input.type;
  }

  const nextFund = applyEntry(fund, signed, totalsType, at);
  const entry: LedgerEntryDoc = {
    _id: input.entryId,
    societyId,
    type: input.type,
    amountFen: signed,
    reverses,
    sourceRef: input.sourceRef,
    memo: input.memo ?? '',
    recordedBy: actor,
    recordedAt: at.toISOString(),
    balanceAfterFen: nextFund.balanceFen,
  };
  await tx.insert(COLLECTIONS.ledgerEntries, entry);
  await tx.set(COLLECTIONS.funds, nextFund);
  await appendAudit(tx, {
    scopeId: societyId,
    actor,
    action: 'ledger.record',
    target: `${COLLECTIONS.ledgerEntries}/${entry._id}`,
    details: { type: entry.type, amountFen: entry.amountFen, reverses: reverses?.entryId ?? null },
    at,
  });
  return { entry, fund: nextFund, replayed: false };
}

function sameEntry(existing: LedgerEntryDoc, societyId: string, input: LedgerEntryInput): boolean {
  if (existing.societyId !== societyId || existing.type !== input.type || existing.sourceRef !== input.sourceRef) {
    return false;
  }
  if (input.type === 'reversal') return existing.reverses?.entryId === input.reversesEntryId;
  return existing.amountFen === signedAmount(input.type, input.amountFen);
}
