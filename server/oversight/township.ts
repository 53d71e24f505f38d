/**
 * The township's overview of its societies (R-OVS-2 from above; the county sees every township):
 * live notices, open and overdue objections, overdue case deadlines (the cases' own list) and
 * the cases the supervision committees flagged. Masked names only, as on a notice.
 */
import { AppError } from '../api/errors';
import type { ActionContext } from '../api/context';
import { COLLECTIONS, type AreaDoc } from '../collections';
import { findAll } from '../ports/store';
import { overdueCases } from '../cases/queries';
import { townshipDecisionItems } from '../cases/township-decision';
import { SOCIETY_STATUS_LABELS, type Role } from '../../miniprogram/domain/society';
import { liveSince, noticeTitle } from '../../miniprogram/domain/notices';
import type { TownshipOverview, TownshipSocietyRow } from '../../miniprogram/domain/oversight';
import { getMany, type CaseFlagDoc, type NoticeDoc, type ObjectionDoc } from '../notices/model';
import { unpublishedCases } from '../notices/publish';
import { flagView, overseenSocieties } from './flags';

export const TOWNSHIP_READERS: readonly Role[] = ['township', 'county'];

export async function townshipOverview(ctx: ActionContext, townshipId?: string): Promise<TownshipOverview> {
  let societies = await overseenSocieties(ctx, TOWNSHIP_READERS);
  if (townshipId) {
    societies = societies.filter((society) => society.townshipId === townshipId);
    const covers = ctx.caller.grants.some(
      (grant) => (grant.role === 'township' && grant.areaId === townshipId) || grant.role === 'county',
    );
    if (!covers) throw new AppError('FORBIDDEN', `caller does not oversee township ${townshipId}`);
  }
  const now = ctx.clock.now();
  const nowIso = now.toISOString();
  const ids = societies.map((society) => society._id).slice(0, 1000);
  const [live, open, flags, overdue, areas, decisions] = await Promise.all([
    ids.length
      ? findAll<NoticeDoc>(ctx.store, COLLECTIONS.notices, {
          where: { societyId: { $in: ids }, publishedAt: { $gt: liveSince(now) } },
          orderBy: [['publishedAt', 'desc']],
        })
      : Promise.resolve([]),
    ids.length
      ? findAll<ObjectionDoc>(ctx.store, COLLECTIONS.noticeObjections, {
          where: { societyId: { $in: ids }, status: 'open' },
        })
      : Promise.resolve([]),
    ids.length
      ? findAll<CaseFlagDoc>(ctx.store, COLLECTIONS.caseFlags, {
          where: { societyId: { $in: ids }, status: 'open' },
          orderBy: [['at', 'desc']],
        })
      : Promise.resolve([]),
    overdueCases(ctx, undefined),
    getMany<AreaDoc>(ctx.store, COLLECTIONS.areas, [...new Set(societies.map((society) => society.townshipId))]),
    townshipDecisionItems(ctx, societies),
  ]);
  const places = await getMany<AreaDoc>(
    ctx.store,
    COLLECTIONS.areas,
    societies.map((society) => society.villageId),
  );
  const areaName = new Map([...areas, ...places].map((area) => [area._id, area.name]));
  const covered = new Set(ids);
  const overdueHere = overdue.filter((item) => covered.has(item.societyId));
  const rows: TownshipSocietyRow[] = [];
  for (const society of societies) {
    const notices = live.filter((doc) => doc.societyId === society._id);
    const objections = open.filter((doc) => doc.societyId === society._id);
    rows.push({
      id: society._id,
      name: society.name,
      villageName: areaName.get(society.villageId) ?? '',
      townshipId: society.townshipId,
      townshipName: areaName.get(society.townshipId) ?? '',
      statusLabel: SOCIETY_STATUS_LABELS[society.status],
      liveNotices: notices.length,
      liveNoticeTitles: notices.map((doc) => noticeTitle(doc.content)),
      openObjections: objections.length,
      overdueObjections: objections.filter((doc) => doc.dueAt < nowIso).length,
      overdueCases: overdueHere.filter((item) => item.societyId === society._id).length,
      openFlags: flags.filter((doc) => doc.societyId === society._id).length,
      unpublishedNotices: (await unpublishedCases(ctx, society)).length,
    });
  }
  const names = new Map(societies.map((society) => [society._id, society.name]));
  const sum = (pick: (row: TownshipSocietyRow) => number) => rows.reduce((total, row) => total + pick(row), 0);
  return {
    areas: areas.map((area) => ({ id: area._id, name: area.name })).sort((a, b) => a.id.localeCompare(b.id)),
    societies: rows,
    overdueCases: overdueHere,
    decisions,
    openFlags: flags.map((doc) => flagView(doc, names.get(doc.societyId) ?? '')),
    totals: {
      liveNotices: sum((row) => row.liveNotices),
      openObjections: sum((row) => row.openObjections),
      overdueObjections: sum((row) => row.overdueObjections),
      overdueCases: sum((row) => row.overdueCases),
      openFlags: sum((row) => row.openFlags),
    },
    generatedAt: nowIso,
  };
}
