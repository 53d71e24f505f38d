/**
 * The township's overview of its societies (R-OVS-2 from above; the county sees every township):
 * live notices, open and overdue objections, overdue case deadlines (the cases' own list) and
 * the cases the supervision committees flagged; and what awaits the township's own decision: 先行救助
 * the societies did not ratify (R-PROC-5) and cases handed to its 临时救助. Masked names only, as on
 * a notice.
 */
import type { ActionContext } from '../context';
import { COLLECTIONS, type AreaDoc } from '../collections';
import { overdueItem } from '../cases/queries';
import { townshipDecisionItem } from '../cases/township-decision';
import { calendarOfSociety } from '../calendar/usecases';
import type { WorkCalendar } from '../domain/workdays';
import { SOCIETY_STATUS_LABELS, type Role } from '../../miniprogram/domain/society';
import type { OverdueCaseItem, TownshipDecisionItem } from '../../miniprogram/domain/case';
import type { TownshipOverview, TownshipSocietyRow } from '../../miniprogram/domain/oversight';
import { flagView } from './flags';
import { digestsOf } from './digest';
import { covers, holdsAnyRole, isTownshipOf, overseenSocieties, placeOfArea, requirePlace } from '../access/rules';

export const TOWNSHIP_READERS: readonly Role[] = ['township', 'county'];

/**
 * Read from the societies and their digests (./digest.ts, issue 15): the same few reads at any
 * number of cases, at most about a minute behind the societies' last actions. The lists show at
 * most LIST_KEPT of each society's (the most overdue, the newest flags); the counts are whole.
 */
export async function townshipOverview(ctx: ActionContext, townshipId?: string): Promise<TownshipOverview> {
  let societies = await overseenSocieties(ctx.store, ctx.caller, TOWNSHIP_READERS);
  if (townshipId) {
    // Its own township officer, or the county bureau of the township's county (read only then).
    if (!covers(ctx.caller, ['township'], { townshipId, countyId: null })) {
      const township = await ctx.store.get<AreaDoc>(COLLECTIONS.areas, townshipId);
      const place = township?.kind === 'township' ? placeOfArea(township) : { townshipId, countyId: null };
      requirePlace(ctx.caller, TOWNSHIP_READERS, place);
    }
    societies = societies.filter((society) => society.townshipId === townshipId);
  }
  const now = ctx.clock.now();
  const digests = await digestsOf(ctx.store, societies, now);
  const calendars = new Map<string, WorkCalendar>();
  const rows: TownshipSocietyRow[] = [];
  const overdueCases: Array<OverdueCaseItem & { dueAt: string }> = [];
  const decisions: Array<TownshipDecisionItem & { dueAt: string }> = [];
  const areas = new Map<string, string>();
  for (const society of societies) {
    const digest = digests.get(society._id)!;
    let calendar = calendars.get(society.countyId);
    if (!calendar) {
      calendar = await calendarOfSociety(ctx.store, society);
      calendars.set(society.countyId, calendar);
    }
    areas.set(society.townshipId, digest.townshipName);
    for (const doc of digest.overdue) {
      const item = overdueItem(doc, society.name, calendar, now);
      if (item) overdueCases.push({ ...item, dueAt: doc.nextDueAt });
    }
    const canDecide = isTownshipOf(ctx.caller, society);
    for (const entry of digest.township.decisions) {
      decisions.push({
        ...townshipDecisionItem(entry, society, calendar, now, canDecide),
        dueAt: entry.doc.nextDueAt,
      });
    }
    rows.push({
      id: society._id,
      name: society.name,
      villageName: digest.villageName,
      townshipId: society.townshipId,
      townshipName: digest.townshipName,
      statusLabel: SOCIETY_STATUS_LABELS[society.status],
      liveNotices: digest.notices.live.length,
      liveNoticeTitles: digest.notices.live.map((notice) => notice.title),
      openObjections: digest.objections.open,
      overdueObjections: digest.objections.overdue,
      overdueCases: digest.cases.overdue,
      openFlags: digest.flags.open,
      unpublishedNotices: digest.cases.awaitingNotice,
    });
  }
  const byDue = <T extends { dueAt: string }>(items: T[]) =>
    items.sort((a, b) => a.dueAt.localeCompare(b.dueAt)).map(({ dueAt: _dueAt, ...item }) => item);
  const all = [...digests.values()];
  const names = new Map(societies.map((society) => [society._id, society.name]));
  const openFlags = all
    .flatMap((digest) => digest.flags.newestOpen)
    .sort((a, b) => b.at.localeCompare(a.at))
    .map((doc) => flagView(doc, names.get(doc.societyId) ?? ''));
  const unratified = all
    .flatMap((digest) => digest.township.unratified)
    .sort((a, b) => a.paidAt.localeCompare(b.paidAt));
  const referrals = all.flatMap((digest) => digest.township.referrals).sort((a, b) => a.at.localeCompare(b.at));
  const sum = (pick: (row: TownshipSocietyRow) => number) => rows.reduce((total, row) => total + pick(row), 0);
  return {
    areas: [...areas].map(([id, name]) => ({ id, name })).sort((a, b) => a.id.localeCompare(b.id)),
    societies: rows,
    overdueCases: byDue(overdueCases),
    decisions: byDue(decisions),
    openFlags,
    unratified,
    referrals,
    canDecide: holdsAnyRole(ctx.caller, ['township']),
    totals: {
      liveNotices: sum((row) => row.liveNotices),
      openObjections: sum((row) => row.openObjections),
      overdueObjections: sum((row) => row.overdueObjections),
      overdueCases: sum((row) => row.overdueCases),
      openFlags: sum((row) => row.openFlags),
      unratified: unratified.length,
      referrals: referrals.length,
    },
    generatedAt: now.toISOString(),
  };
}
