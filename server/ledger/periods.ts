/**
 * Per-month aggregates of a society's ledger (`fundPeriods/{societyId}:{YYYY-MM}`, Beijing
 * month of the entry), updated by `recordLedgerEntry` in the same transaction as each entry.
 * A fund statement for any run of months reads one aggregate per month (O(months)), never the
 * entries, and still reconciles to them to the fen (statement.ts checks it).
 */
import type { Doc } from '../ports/store';
import {
  ORIGINAL_ENTRY_TYPES,
  RELIEF_KINDS,
  addMonths,
  beijingMonthOf,
  halfYearMonths,
  halfYearOf,
  type Month,
  type OriginalEntryType,
  type ReliefKind,
} from '../../miniprogram/domain/funds';
import type { LedgerEntryDoc } from './ledger';

/** Relief with no kind recorded (e.g. entries from before kinds were kept) is shown apart. */
export type ReliefBucket = ReliefKind | 'unspecified';
const RELIEF_BUCKETS: readonly ReliefBucket[] = [...RELIEF_KINDS, 'unspecified'];

export interface FundPeriodDoc extends Doc {
  societyId: string;
  month: Month;
  /** Net fen by the original entry's type: a reversal counts, negated, under the type it reverses. */
  netByType: Record<OriginalEntryType, number>;
  /** Entries by original type, +1 each, −1 for each reversal of one recorded this month. */
  countByType: Record<OriginalEntryType, number>;
  /** Relief paid out this month by kind, as positive fen, net of reversals. */
  reliefFenByKind: Record<ReliefBucket, number>;
  reliefCountByKind: Record<ReliefBucket, number>;
  reversalCount: number;
  entryCount: number;
  netFen: number;
  firstSeq: number;
  lastSeq: number;
  /** The balance after this month's last entry. */
  closingBalanceFen: number;
  updatedAt: string;
}

function zeroes<K extends string>(keys: readonly K[]): Record<K, number> {
  return Object.fromEntries(keys.map((key) => [key, 0])) as Record<K, number>;
}

export function periodId(societyId: string, recordedAt: string): string {
  return `${societyId}:${beijingMonthOf(recordedAt)}`;
}

export function emptyPeriod(societyId: string, recordedAt: string): FundPeriodDoc {
  const month = beijingMonthOf(recordedAt);
  return {
    _id: `${societyId}:${month}`,
    societyId,
    month,
    netByType: zeroes(ORIGINAL_ENTRY_TYPES),
    countByType: zeroes(ORIGINAL_ENTRY_TYPES),
    reliefFenByKind: zeroes(RELIEF_BUCKETS),
    reliefCountByKind: zeroes(RELIEF_BUCKETS),
    reversalCount: 0,
    entryCount: 0,
    netFen: 0,
    firstSeq: 0,
    lastSeq: 0,
    closingBalanceFen: 0,
    updatedAt: recordedAt,
  };
}

/** Pure: the month's aggregate after one more entry. */
export function applyEntryToPeriod(period: FundPeriodDoc, entry: LedgerEntryDoc): FundPeriodDoc {
  const originalType: OriginalEntryType = entry.reverses ? entry.reverses.type : (entry.type as OriginalEntryType);
  const step = entry.reverses ? -1 : 1;
  const next: FundPeriodDoc = {
    ...period,
    // A month aggregated before a type existed (reliefRecovery) has no bucket for it: it starts at 0.
    netByType: { ...period.netByType, [originalType]: (period.netByType[originalType] ?? 0) + entry.amountFen },
    countByType: { ...period.countByType, [originalType]: (period.countByType[originalType] ?? 0) + step },
    reversalCount: period.reversalCount + (entry.reverses ? 1 : 0),
    entryCount: period.entryCount + 1,
    netFen: period.netFen + entry.amountFen,
    firstSeq: period.firstSeq || entry.seq,
    lastSeq: entry.seq,
    closingBalanceFen: entry.balanceAfterFen,
    updatedAt: entry.recordedAt,
  };
  if (originalType === 'reliefPayout') {
    const bucket: ReliefBucket = entry.reliefType ?? 'unspecified';
    next.reliefFenByKind = { ...period.reliefFenByKind, [bucket]: period.reliefFenByKind[bucket] - entry.amountFen };
    next.reliefCountByKind = { ...period.reliefCountByKind, [bucket]: period.reliefCountByKind[bucket] + step };
  }
  return next;
}

/**
 * The fund's recent months (issue 15): every month's aggregate from `from` up to the latest
 * entry's month, kept on the fund document in every entry's transaction (which writes the fund
 * anyway), so a fund report of those months reads the fund alone. `openingFen` and `openingSeq`
 * are the balance and the entry number before `from`. Months without entries have no aggregate,
 * as in `fundPeriods`; entries never go back in time, so nothing after the latest month exists.
 */
export interface RecentMonths {
  from: Month;
  openingFen: number;
  openingSeq: number;
  months: FundPeriodDoc[];
}

/** The first month kept: the start of the half-year before the one of `month` (at most 12 months). */
export function recentFrom(month: Month): Month {
  return halfYearMonths(halfYearOf(addMonths(month, -6))).from;
}

/**
 * Pure: the recent months after an entry whose month's aggregate is now `period` (its whole month,
 * this entry included). A fund without them (new, or from before they were kept) starts them at
 * this month, opening at the balance before it; later months drop off the front, carrying their
 * closing balance into the opening.
 */
export function keepRecentMonth(recent: RecentMonths | null | undefined, period: FundPeriodDoc): RecentMonths {
  const base: RecentMonths = recent ?? {
    from: period.month,
    openingFen: period.closingBalanceFen - period.netFen,
    openingSeq: period.firstSeq - 1,
    months: [],
  };
  const months = [...base.months.filter((kept) => kept.month < period.month), period];
  const from = recentFrom(period.month) > base.from ? recentFrom(period.month) : base.from;
  const dropped = months.filter((kept) => kept.month < from);
  const lastDropped = dropped[dropped.length - 1];
  return {
    from,
    openingFen: lastDropped ? lastDropped.closingBalanceFen : base.openingFen,
    openingSeq: lastDropped ? lastDropped.lastSeq : base.openingSeq,
    months: months.filter((kept) => kept.month >= from),
  };
}
