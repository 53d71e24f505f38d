/**
 * The case figures of a monthly report and a meeting pack (R-PROC-8, R-OVS-4) come from the
 * relief-cases domain, which owns cases and their deadlines; this is the one place that asks it.
 */
import type { Store } from '../ports/store';
import { caseMonthStats } from '../cases/reports';
import type { CaseMonthStatsView } from '../../miniprogram/domain/funds';

/** Cases of a society received, accepted and paid in [fromIso, toIso), amounts by relief type, deadlines met and missed. */
export async function caseStatsBetween(
  store: Store,
  societyId: string,
  fromIso: string,
  toIso: string,
): Promise<CaseMonthStatsView> {
  const stats = await caseMonthStats(store, societyId, fromIso, toIso);
  return {
    received: stats.received,
    accepted: stats.accepted,
    paid: stats.paid,
    paidFenByType: { supplementary: stats.paidFenByType.supplementary, emergency: stats.paidFenByType.emergency },
    deadlinesMet: stats.deadlinesMet,
    deadlinesMissed: stats.deadlinesMissed,
    unratified: { ...stats.unratified },
  };
}
