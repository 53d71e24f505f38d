/**
 * Fund statements (R-OVS-4) from the per-month aggregates: O(months) reads plus a few indexed
 * look-ups of boundary entries, whatever the number of entries; and the checks that tie them to
 * the ledger to the fen. `verifyLedger` checks the entries themselves: all of them (O(entries)), or
 * those after the nightly checkpoint.
 */
import { COLLECTIONS } from '../collections';
import { findAll, type Store } from '../ports/store';
import type { FundDoc, LedgerEntryDoc, ReversalMarker } from '../ledger/ledger';
import { emptyPeriod, applyEntryToPeriod, type FundPeriodDoc, type ReliefBucket } from '../ledger/periods';
import {
  INFLOW_TYPES,
  LEDGER_ENTRY_LABELS,
  RELIEF_KIND_LABELS,
  addMonths,
  beijingMonthOf,
  monthStartIso,
  periodLabel,
  type AmountLine,
  type FundEntriesPage,
  type FundEntryView,
  type FundStatement,
  type InflowType,
  type LedgerVerification,
  type Month,
  type Reconciliation,
  type ReliefKind,
  type ReliefSinceView,
} from '../../miniprogram/domain/funds';
import { maskName } from '../../miniprogram/domain/masking';
import { openStored } from '../cases/pii';
import { beijingDayOf } from '../domain/workdays';
import { canonicalJson } from '../audit/trail';

export type { LedgerVerification };

const RELIEF_BUCKET_LABELS: Record<ReliefBucket, string> = { ...RELIEF_KIND_LABELS, unspecified: '救助（未分类）' };

async function periodsIn(store: Store, societyId: string, from: Month, to: Month): Promise<FundPeriodDoc[]> {
  return findAll<FundPeriodDoc>(store, COLLECTIONS.fundPeriods, {
    where: { societyId, month: { $gte: from, $lte: to } },
    orderBy: [['month', 'asc']],
  });
}

async function lastPeriodBefore(store: Store, societyId: string, month: Month): Promise<FundPeriodDoc | null> {
  const [period] = await store.find<FundPeriodDoc>(COLLECTIONS.fundPeriods, {
    where: { societyId, month: { $lt: month } },
    orderBy: [['month', 'desc']],
    limit: 1,
  });
  return period ?? null;
}

/** The last entry recorded before `beforeIso` (or the latest of all), by time and then number. */
async function lastEntryBefore(store: Store, societyId: string, beforeIso?: string): Promise<LedgerEntryDoc | null> {
  const [entry] = await store.find<LedgerEntryDoc>(COLLECTIONS.ledgerEntries, {
    where: beforeIso ? { societyId, recordedAt: { $lt: beforeIso } } : { societyId },
    orderBy: [
      ['recordedAt', 'desc'],
      ['seq', 'desc'],
    ],
    limit: 1,
  });
  return entry ?? null;
}

function sum(values: number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

/** Money in by channel and out by relief kind over some months' aggregates. */
export function summarizePeriods(
  periods: readonly FundPeriodDoc[],
): Pick<
  FundStatement,
  'inByChannel' | 'outByRelief' | 'inFen' | 'outFen' | 'reliefCount' | 'reliefFen' | 'reversalCount' | 'entryCount'
> & { netFen: number } {
  const inByChannel: Array<AmountLine<InflowType>> = INFLOW_TYPES.map((type) => ({
    key: type,
    label: LEDGER_ENTRY_LABELS[type],
    fen: sum(periods.map((p) => p.netByType[type] ?? 0)),
    count: sum(periods.map((p) => p.countByType[type] ?? 0)),
  }))
    // Recovered 先行救助 money (R-PROC-5) is rare: its line shows only when there was some.
    .filter((line) => line.key !== 'reliefRecovery' || line.fen !== 0 || line.count !== 0);
  const buckets: ReliefBucket[] = ['supplementary', 'emergency', 'unspecified'];
  const outByRelief = buckets
    .map((bucket) => ({
      key: bucket,
      label: RELIEF_BUCKET_LABELS[bucket],
      fen: sum(periods.map((p) => p.reliefFenByKind[bucket])),
      count: sum(periods.map((p) => p.reliefCountByKind[bucket])),
    }))
    .filter((line) => line.key !== 'unspecified' || line.fen !== 0 || line.count !== 0);
  return {
    inByChannel,
    outByRelief,
    inFen: sum(inByChannel.map((line) => line.fen)),
    outFen: -sum(periods.map((p) => p.netByType.reliefPayout)),
    reliefCount: sum(outByRelief.map((line) => line.count)),
    reliefFen: sum(outByRelief.map((line) => line.fen)),
    reversalCount: sum(periods.map((p) => p.reversalCount)),
    entryCount: sum(periods.map((p) => p.entryCount)),
    netFen: sum(periods.map((p) => p.netFen)),
  };
}

/**
 * The statement of months `from`..`to`: opening and closing balances, money in by channel, out
 * by relief kind, and its reconciliation with the ledger entries at both boundaries and with
 * the stored balance. Reads are not one snapshot: if an entry lands meanwhile the check may
 * disagree, so it is computed again once before it reports a problem.
 */
export async function fundStatement(
  store: Store,
  society: { _id: string; name: string },
  from: Month,
  to: Month,
): Promise<FundStatement> {
  let statement = await computeStatement(store, society, from, to);
  if (!statement.reconciliation.ok) statement = await computeStatement(store, society, from, to);
  return statement;
}

async function computeStatement(
  store: Store,
  society: { _id: string; name: string },
  from: Month,
  to: Month,
): Promise<FundStatement> {
  const societyId = society._id;
  const startIso = monthStartIso(from);
  const endIso = monthStartIso(addMonths(to, 1));
  const [periods, before, ledgerBefore, ledgerEnd, balance] = await Promise.all([
    periodsIn(store, societyId, from, to),
    lastPeriodBefore(store, societyId, from),
    lastEntryBefore(store, societyId, startIso),
    lastEntryBefore(store, societyId, endIso),
    balanceCheck(store, societyId),
  ]);
  const summary = summarizePeriods(periods);
  const openingFen = before?.closingBalanceFen ?? 0;
  const closingFen = periods.length ? periods[periods.length - 1]!.closingBalanceFen : openingFen;
  const reconciliation: Reconciliation = {
    ok: true,
    openingFen,
    closingFen,
    entryCount: summary.entryCount,
    ledgerOpeningFen: ledgerBefore?.balanceAfterFen ?? 0,
    ledgerClosingFen: ledgerEnd?.balanceAfterFen ?? 0,
    ledgerEntryCount: (ledgerEnd?.seq ?? 0) - (ledgerBefore?.seq ?? 0),
    balanceMatches: balance.ok,
    problems: [...balance.problems],
  };
  const problems = reconciliation.problems;
  if (openingFen + summary.netFen !== closingFen) problems.push('期初余额加本期收支不等于期末余额');
  if (openingFen + summary.inFen - summary.outFen !== closingFen) problems.push('收入、支出与余额变动不一致');
  if (reconciliation.ledgerOpeningFen !== openingFen) problems.push('期初余额与台账不一致');
  if (reconciliation.ledgerClosingFen !== closingFen) problems.push('期末余额与台账不一致');
  if (reconciliation.ledgerEntryCount !== summary.entryCount) problems.push('记账笔数与台账不一致');
  reconciliation.ok = problems.length === 0;
  const { netFen: _net, ...lines } = summary;
  return {
    societyId,
    societyName: society.name,
    from,
    to,
    periodLabel: periodLabel(from, to),
    openingFen,
    closingFen,
    ...lines,
    reconciliation,
  };
}

/**
 * The statement of months `from`..`to` from the fund document alone (issue 15), when its recent
 * months (ledger/periods.ts) reach back to `from` (or to its first entry); null when they do not, or when the kept figures
 * do not agree among themselves and with the stored balance (the caller then reads the aggregates
 * and the ledger, `fundStatement`). The recent months are written in the same transaction as the
 * entries they sum, so each month's last number and closing balance are its last entry's: the
 * boundaries the ledger gives. The entries themselves are checked by `verifyLedger`.
 */
export function keptStatement(
  fund: FundDoc | null,
  society: { _id: string; name: string },
  from: Month,
  to: Month,
): FundStatement | null {
  const recent = fund?.recentMonths;
  // Before `from` of a fund whose first entry is kept (opening number 0) there is nothing.
  if (!fund || !recent || (from < recent.from && recent.openingSeq !== 0)) return null;
  let seq = recent.openingSeq;
  let balance = recent.openingFen;
  for (const month of recent.months) {
    if (month.firstSeq !== seq + 1 || month.lastSeq - seq !== month.entryCount) return null;
    if (balance + month.netFen !== month.closingBalanceFen) return null;
    seq = month.lastSeq;
    balance = month.closingBalanceFen;
  }
  if (seq !== fund.entryCount || balance !== fund.balanceFen) return null;
  const periods = recent.months.filter((month) => month.month >= from && month.month <= to);
  const before = recent.months.filter((month) => month.month < from).pop();
  const opening = before
    ? { fen: before.closingBalanceFen, seq: before.lastSeq }
    : { fen: recent.openingFen, seq: recent.openingSeq };
  const last = periods[periods.length - 1];
  const closing = last ? { fen: last.closingBalanceFen, seq: last.lastSeq } : opening;
  const { netFen, ...lines } = summarizePeriods(periods);
  if (opening.fen + netFen !== closing.fen || opening.fen + lines.inFen - lines.outFen !== closing.fen) return null;
  if (closing.seq - opening.seq !== lines.entryCount) return null;
  return {
    societyId: society._id,
    societyName: society.name,
    from,
    to,
    periodLabel: periodLabel(from, to),
    openingFen: opening.fen,
    closingFen: closing.fen,
    ...lines,
    reconciliation: {
      ok: true,
      openingFen: opening.fen,
      closingFen: closing.fen,
      entryCount: lines.entryCount,
      ledgerOpeningFen: opening.fen,
      ledgerClosingFen: closing.fen,
      ledgerEntryCount: closing.seq - opening.seq,
      balanceMatches: true,
      problems: [],
    },
  };
}

/** The stored balance = the balance after the latest entry = the latest month's closing; counts agree. */
async function balanceCheck(store: Store, societyId: string): Promise<{ ok: boolean; problems: string[] }> {
  const [fund, latestEntry, [latestPeriod]] = await Promise.all([
    store.get<FundDoc>(COLLECTIONS.funds, societyId),
    lastEntryBefore(store, societyId),
    store.find<FundPeriodDoc>(COLLECTIONS.fundPeriods, {
      where: { societyId },
      orderBy: [['month', 'desc']],
      limit: 1,
    }),
  ]);
  const problems: string[] = [];
  const balance = fund?.balanceFen ?? 0;
  if ((latestEntry?.balanceAfterFen ?? 0) !== balance) problems.push('当前余额与最后一笔记账后余额不一致');
  if ((latestPeriod?.closingBalanceFen ?? 0) !== balance) problems.push('当前余额与月度汇总不一致');
  if ((latestEntry?.seq ?? 0) !== (fund?.entryCount ?? 0)) problems.push('记账笔数与资金账户不一致');
  return { ok: problems.length === 0, problems };
}

// ---------------------------------------------------------------------------------------------
// Entries as members see them

/** What members, donors and reports show instead of a non-consenting recipient's name. */
export const WITHHELD_RECIPIENT_TEXT = '救助对象（未同意公示姓名）';

function partyOf(entry: LedgerEntryDoc): string {
  const stored = entry.counterparty;
  const party = stored ? { ...stored, name: openStored(stored.name) } : null;
  const originalType = entry.reverses?.type ?? entry.type;
  if (originalType === 'reliefPayout' || originalType === 'reliefRecovery') {
    // No name, masked or not, for a recipient who withheld the notice consent; a recovery names
    // whom the money came back from as its payout named them.
    if (party?.anonymous) return WITHHELD_RECIPIENT_TEXT;
    return party ? maskName(party.name) : '';
  }
  if (originalType === 'donation' && party?.anonymous) return '匿名捐赠人';
  return party?.name ?? '';
}

export function entryView(entry: LedgerEntryDoc, reversedBy: string | null): FundEntryView {
  const isRelief = (entry.reverses?.type ?? entry.type) === 'reliefPayout';
  const kind = entry.reliefType ?? null;
  return {
    id: entry._id,
    seq: entry.seq,
    type: entry.type,
    typeLabel: entry.reverses
      ? `${LEDGER_ENTRY_LABELS.reversal}（${LEDGER_ENTRY_LABELS[entry.reverses.type]}）`
      : LEDGER_ENTRY_LABELS[entry.type],
    amountFen: entry.amountFen,
    balanceAfterFen: entry.balanceAfterFen,
    recordedAt: entry.recordedAt,
    recordedByName: entry.recordedBy.name ?? '',
    party: partyOf(entry),
    reliefKind: kind,
    reliefKindLabel: kind ? RELIEF_KIND_LABELS[kind] : '',
    // Relief memos may name a cause; members see the kind and the masked recipient only.
    memo: isRelief ? '' : entry.memo,
    reverses: entry.reverses?.entryId ?? null,
    reversedBy,
  };
}

/** One page of the entries of months `from`..`to`, newest first; the total comes from the aggregates. */
export async function fundEntries(
  store: Store,
  societyId: string,
  from: Month,
  to: Month,
  offset: number,
  limit: number,
): Promise<FundEntriesPage> {
  const [entries, periods] = await Promise.all([
    store.find<LedgerEntryDoc>(COLLECTIONS.ledgerEntries, {
      where: {
        societyId,
        recordedAt: { $gte: monthStartIso(from), $lt: monthStartIso(addMonths(to, 1)) },
      },
      orderBy: [
        ['recordedAt', 'desc'],
        ['seq', 'desc'],
      ],
      offset,
      limit,
    }),
    periodsIn(store, societyId, from, to),
  ]);
  const markers = entries.length
    ? await store.find<ReversalMarker>(COLLECTIONS.ledgerReversals, {
        where: { _id: { $in: entries.map((entry) => entry._id) } },
        limit: entries.length,
      })
    : [];
  const reversedBy = new Map(markers.map((marker) => [marker._id, marker.reversalEntryId]));
  return {
    items: entries.map((entry) => entryView(entry, reversedBy.get(entry._id) ?? null)),
    total: sum(periods.map((p) => p.entryCount)),
    offset,
    limit,
  };
}

/** The society's relief since an instant: counts and amounts by kind, the latest few with masked names. */
export async function reliefSince(store: Store, societyId: string, sinceIso: string): Promise<ReliefSinceView> {
  const entries = await findAll<LedgerEntryDoc>(
    store,
    COLLECTIONS.ledgerEntries,
    {
      where: { societyId, type: { $in: ['reliefPayout', 'reversal'] }, recordedAt: { $gte: sinceIso } },
      orderBy: [['recordedAt', 'desc']],
    },
    5_000,
  );
  const relief = entries.filter((entry) => (entry.reverses?.type ?? entry.type) === 'reliefPayout');
  const reversed = new Set(relief.flatMap((entry) => (entry.reverses ? [entry.reverses.entryId] : [])));
  const byKind = new Map<ReliefKind | 'unspecified', { fen: number; count: number }>();
  for (const entry of relief) {
    const bucket = entry.reliefType ?? 'unspecified';
    const line = byKind.get(bucket) ?? { fen: 0, count: 0 };
    line.fen -= entry.amountFen;
    line.count += entry.reverses ? -1 : 1;
    byKind.set(bucket, line);
  }
  const lines = [...byKind.entries()].map(([key, line]) => ({ key, label: RELIEF_BUCKET_LABELS[key], ...line }));
  return {
    since: sinceIso,
    count: sum(lines.map((line) => line.count)),
    fen: sum(lines.map((line) => line.fen)),
    byKind: lines,
    recent: relief
      .filter((entry) => !entry.reverses && !reversed.has(entry._id))
      .slice(0, 10)
      .map((entry) => ({
        date: beijingDayOf(new Date(entry.recordedAt)),
        party: partyOf(entry),
        kindLabel: entry.reliefType ? RELIEF_KIND_LABELS[entry.reliefType] : LEDGER_ENTRY_LABELS.reliefPayout,
        amountFen: -entry.amountFen,
      })),
  };
}

// ---------------------------------------------------------------------------------------------
// The full check

/**
 * Where a ledger check starts: the beginning, or a verified checkpoint (issue 15) — the last
 * verified entry's number, the running sums after it, and its month rebuilt from its entries so
 * far. The nightly timer keeps one per society (./ledger-checkpoints.ts).
 */
export interface LedgerCheckpoint {
  seq: number;
  balanceFen: number;
  lastAt: string;
  totals: Record<string, number>;
  /** The month of the entry at `seq`, rebuilt from its entries up to it; null at the beginning. */
  month: FundPeriodDoc | null;
}

export const LEDGER_START: LedgerCheckpoint = { seq: 0, balanceFen: 0, lastAt: '', totals: {}, month: null };

/**
 * Checks a society's entries after `from` (all of them from the beginning: O(entries)): numbers
 * without gaps, times in order, each balance-after the running sum, the stored fund equal to the
 * sums, and every month's aggregate from `from`'s month on equal to the aggregate rebuilt from
 * its entries (the months before were checked when the checkpoint was made). `next` is where
 * the next check may start when this one holds.
 */
export async function verifyLedger(
  store: Store,
  societyId: string,
  from: LedgerCheckpoint = LEDGER_START,
): Promise<LedgerVerification & { next: LedgerCheckpoint }> {
  const firstMonth = from.month?.month ?? null;
  const [fund, entries, periods] = await Promise.all([
    store.get<FundDoc>(COLLECTIONS.funds, societyId),
    findAll<LedgerEntryDoc>(store, COLLECTIONS.ledgerEntries, {
      where: from.seq > 0 ? { societyId, seq: { $gt: from.seq } } : { societyId },
      orderBy: [['seq', 'asc']],
    }),
    findAll<FundPeriodDoc>(store, COLLECTIONS.fundPeriods, {
      where: firstMonth ? { societyId, month: { $gte: firstMonth } } : { societyId },
    }),
  ]);
  const problems: string[] = [];
  let balance = from.balanceFen;
  let lastAt = from.lastAt;
  const rebuilt = new Map<string, FundPeriodDoc>(from.month ? [[from.month.month, from.month]] : []);
  const totals: Record<string, number> = { ...from.totals };
  entries.forEach((entry, index) => {
    const expected = from.seq + index + 1;
    if (entry.seq !== expected) problems.push(`entry ${entry._id}: number ${entry.seq}, expected ${expected}`);
    if (entry.recordedAt < lastAt) problems.push(`entry ${entry._id}: recorded before the entry before it`);
    lastAt = entry.recordedAt;
    balance += entry.amountFen;
    if (entry.balanceAfterFen !== balance)
      problems.push(`entry ${entry._id}: balance after ${entry.balanceAfterFen}, sum ${balance}`);
    if (balance < 0) problems.push(`entry ${entry._id}: balance negative`);
    const type = entry.reverses?.type ?? entry.type;
    totals[type] = (totals[type] ?? 0) + entry.amountFen;
    const month = beijingMonthOf(entry.recordedAt);
    rebuilt.set(month, applyEntryToPeriod(rebuilt.get(month) ?? emptyPeriod(societyId, entry.recordedAt), entry));
  });
  const entryCount = from.seq + entries.length;
  if ((fund?.balanceFen ?? 0) !== balance)
    problems.push(`stored balance ${fund?.balanceFen ?? 0}, entries sum ${balance}`);
  if ((fund?.entryCount ?? 0) !== entryCount)
    problems.push(`stored count ${fund?.entryCount ?? 0}, entries ${entryCount}`);
  if (fund) {
    for (const [type, total] of Object.entries(fund.totalsByType)) {
      if ((totals[type] ?? 0) !== total)
        problems.push(`stored total for ${type} ${total}, entries ${totals[type] ?? 0}`);
    }
  }
  const stored = new Map(periods.map((period) => [period.month, period]));
  for (const month of new Set([...stored.keys(), ...rebuilt.keys()])) {
    const a = stored.get(month);
    const b = rebuilt.get(month);
    if (!a || !b) {
      problems.push(`month ${month}: aggregate ${a ? 'without entries' : 'missing'}`);
      continue;
    }
    // A month aggregated before a type existed (reliefRecovery) lacks its zero buckets: same figures.
    const zero = emptyPeriod(societyId, a.updatedAt);
    const { updatedAt: _ua, ...left } = {
      ...a,
      netByType: { ...zero.netByType, ...a.netByType },
      countByType: { ...zero.countByType, ...a.countByType },
    };
    const { updatedAt: _ub, ...right } = b;
    if (canonicalJson(left) !== canonicalJson(right))
      problems.push(`month ${month}: aggregate differs from its entries`);
  }
  const last = entries[entries.length - 1];
  const next: LedgerCheckpoint = last
    ? {
        seq: last.seq,
        balanceFen: balance,
        lastAt,
        totals,
        month: rebuilt.get(beijingMonthOf(last.recordedAt)) ?? null,
      }
    : from;
  return { ok: problems.length === 0, entryCount, balanceFen: balance, problems, fromSeq: from.seq, next };
}
