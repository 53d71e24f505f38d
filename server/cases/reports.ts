/**
 * Case figures for the monthly report (R-PROC-8), for the funds issue's report to the township
 * and the federation. A period is [fromIso, toIso).
 *
 * - received: cases created in the period (applications submitted and discoveries opened);
 * - accepted: cases accepted in the period (a discovery is accepted when opened);
 * - paid / paidFenByType: payouts made in the period, by relief type (goods at their value,
 *   referrals count as paid with 0 fen);
 * - deadlinesMet / deadlinesMissed: the working-day deadlines (visit, decision, payout, 先行救助
 *   explanation) that fell due in the period: met when done by their due time; missed when done
 *   late, or not done and already past due at `asOf` (default: the end of the period, i.e. a
 *   report made on the 1st for the month before). One not yet due at `asOf` counts in neither;
 * - unratified: 先行救助 not ratified in the period (R-PROC-5), with the township's recovery or
 *   write-off as recorded when the figures are read, or pending.
 *
 * A village society has tens of cases a year: the society's cases are read whole (one indexed
 * query) rather than kept as running aggregates.
 */
import { COLLECTIONS } from '../collections';
import { findAll, type Store } from '../ports/store';
import { deadlineOutcome } from '../domain/case-deadlines';
import type { CaseDoc } from './model';
import { DEADLINE_KINDS } from '../../miniprogram/domain/case';
import type { ReliefType } from '../../miniprogram/domain/relief';
import type { UnratifiedMonthStats } from '../../miniprogram/domain/funds';

export interface CaseMonthStats {
  received: number;
  accepted: number;
  paid: number;
  paidFenByType: Record<ReliefType, number>;
  deadlinesMet: number;
  deadlinesMissed: number;
  unratified: UnratifiedMonthStats;
}

export async function caseMonthStats(
  store: Store,
  societyId: string,
  fromIso: string,
  toIso: string,
  asOf: string = toIso,
): Promise<CaseMonthStats> {
  const from = new Date(fromIso).toISOString();
  const to = new Date(toIso).toISOString();
  const reference = new Date(asOf).toISOString();
  const within = (iso: string | null | undefined) => !!iso && iso >= from && iso < to;
  const cases = await findAll<CaseDoc>(store, COLLECTIONS.cases, {
    where: { societyId, createdAt: { $lt: to } },
  });
  const stats: CaseMonthStats = {
    received: 0,
    accepted: 0,
    paid: 0,
    paidFenByType: { supplementary: 0, emergency: 0 },
    deadlinesMet: 0,
    deadlinesMissed: 0,
    unratified: { count: 0, paidFen: 0, recovered: 0, recoveredFen: 0, writtenOff: 0, writtenOffFen: 0, pending: 0 },
  };
  for (const doc of cases) {
    if (within(doc.createdAt)) stats.received += 1;
    if (within(doc.acceptedAt)) stats.accepted += 1;
    if (doc.payout && within(doc.payout.paidAt)) {
      stats.paid += 1;
      stats.paidFenByType[doc.payout.reliefType] += doc.payout.amountFen;
    }
    // R-PROC-5: not ratified in the period; the township's decision as it stands now.
    const explanation = doc.reliefFirst?.explanation;
    if (doc.payout && explanation && !explanation.ratified && within(explanation.at)) {
      const unratified = stats.unratified;
      const outcome = doc.reliefFirst!.outcome;
      unratified.count += 1;
      unratified.paidFen += doc.payout.amountFen;
      if (!outcome) unratified.pending += 1;
      else if (outcome.kind === 'recovery') {
        unratified.recovered += 1;
        unratified.recoveredFen += outcome.recoveredFen;
      } else {
        unratified.writtenOff += 1;
        unratified.writtenOffFen += doc.payout.amountFen;
      }
    }
    for (const kind of DEADLINE_KINDS) {
      const deadline = doc.deadlines[kind];
      if (!deadline || !within(deadline.dueAt)) continue;
      const outcome = deadlineOutcome(deadline, reference);
      if (outcome === 'met') stats.deadlinesMet += 1;
      if (outcome === 'missed') stats.deadlinesMissed += 1;
    }
  }
  return stats;
}
