/**
 * The township's overview of its societies (R-OVS-2 from above; the county sees every township):
 * live notices, open and overdue objections, overdue case deadlines (the cases' own list) and
 * the cases the supervision committees flagged; and what awaits the township's own decision: 先行救助
 * the societies did not ratify (R-PROC-5) and cases handed to its 临时救助. Masked names only, as on
 * a notice.
 */
import type { ActionContext } from '../context';
import { COLLECTIONS, type AreaDoc } from '../collections';
import { findAll } from '../ports/store';
import { overdueCases } from '../cases/queries';
import { townshipDecisionItems } from '../cases/township-decision';
import { SOCIETY_STATUS_LABELS, type Role } from '../../miniprogram/domain/society';
import { liveSince, noticeTitle } from '../../miniprogram/domain/notices';
import type {
  TownshipOverview,
  TownshipReferralItem,
  TownshipSocietyRow,
  UnratifiedReliefItem,
} from '../../miniprogram/domain/oversight';
import { openTownshipReferral, unratifiedPending, type CaseDoc, type ReferralRecord } from '../cases/model';
import { PAYOUT_METHOD_LABELS, RELIEF_TYPE_LABELS } from '../../miniprogram/domain/relief';
import { formatYuanShort } from '../../miniprogram/domain/money';
import { getMany, type CaseFlagDoc, type NoticeDoc, type ObjectionDoc } from '../notices/model';
import { countAwaitingNotice } from '../notices/case-source';
import { flagView } from './flags';
import { covers, holdsAnyRole, overseenSocieties, placeOfArea, requirePlace } from '../access/rules';

/** R-PROC-5: money paid first that the society did not ratify; the township recovers or writes it off. */
function unratifiedItem(doc: CaseDoc, societyName: string): UnratifiedReliefItem {
  const first = doc.reliefFirst!;
  const payout = doc.payout!;
  return {
    caseId: doc._id,
    caseNo: doc.caseNo,
    societyId: doc.societyId,
    societyName,
    maskedName: doc.person.maskedName,
    paidFen: payout.amountFen,
    methodLabel: PAYOUT_METHOD_LABELS[payout.method],
    paidAt: payout.paidAt,
    urgency: first.urgency,
    explanation: first.explanation!.text,
    explainedByName: first.explanation!.by.name ?? '',
    explainedAt: first.explanation!.at,
  };
}

/** What the society itself decided or paid, beside what it asks of the township. */
function societyReliefText(doc: CaseDoc): string {
  const paid = doc.payout;
  if (paid) {
    return `${RELIEF_TYPE_LABELS[paid.reliefType]} ${formatYuanShort(paid.amountFen)}（已发放）`;
  }
  const decision = doc.decision;
  if (decision?.outcome === 'approved' && decision.reliefType) {
    return `${RELIEF_TYPE_LABELS[decision.reliefType]} ${formatYuanShort(decision.amountFen)}（已批准）`;
  }
  return '';
}

function townshipReferralItem(doc: CaseDoc, referral: ReferralRecord, societyName: string): TownshipReferralItem {
  return {
    caseId: doc._id,
    caseNo: doc.caseNo,
    societyId: doc.societyId,
    societyName,
    maskedName: doc.person.maskedName,
    referralId: referral.id,
    askedFen: referral.township!.askedFen,
    reason: referral.description,
    byName: referral.createdBy.name ?? '',
    at: referral.createdAt,
    societyReliefText: societyReliefText(doc),
  };
}

export const TOWNSHIP_READERS: readonly Role[] = ['township', 'county'];

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
  const nowIso = now.toISOString();
  const ids = societies.map((society) => society._id).slice(0, 1000);
  const townshipIds = new Set(societies.map((society) => society.townshipId));
  const [live, open, flags, overdue, places, awaiting, decisions] = await Promise.all([
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
    // The townships and the villages in one read (issue 15).
    getMany<AreaDoc>(ctx.store, COLLECTIONS.areas, [...townshipIds, ...societies.map((society) => society.villageId)]),
    ids.length
      ? findAll<CaseDoc>(ctx.store, COLLECTIONS.cases, {
          where: { awaitingTownship: true, societyId: { $in: ids } },
          orderBy: [['updatedAt', 'asc']],
        })
      : Promise.resolve([]),
    townshipDecisionItems(ctx, societies),
  ]);
  const areas = places.filter((area) => townshipIds.has(area._id));
  const areaName = new Map(places.map((area) => [area._id, area.name]));
  const covered = new Set(ids);
  const overdueHere = overdue.filter((item) => covered.has(item.societyId));
  // The cases waiting for their notice, counted for every society at once (one count each).
  const unpublished = await Promise.all(societies.map((society) => countAwaitingNotice(ctx.store, society._id)));
  const rows: TownshipSocietyRow[] = [];
  for (const [index, society] of societies.entries()) {
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
      unpublishedNotices: unpublished[index]!,
    });
  }
  const names = new Map(societies.map((society) => [society._id, society.name]));
  const unratified = awaiting
    .filter(unratifiedPending)
    .map((doc) => unratifiedItem(doc, names.get(doc.societyId) ?? ''));
  const referrals = awaiting.flatMap((doc) => {
    const referral = openTownshipReferral(doc);
    return referral ? [townshipReferralItem(doc, referral, names.get(doc.societyId) ?? '')] : [];
  });
  const sum = (pick: (row: TownshipSocietyRow) => number) => rows.reduce((total, row) => total + pick(row), 0);
  return {
    areas: areas.map((area) => ({ id: area._id, name: area.name })).sort((a, b) => a.id.localeCompare(b.id)),
    societies: rows,
    overdueCases: overdueHere,
    decisions,
    openFlags: flags.map((doc) => flagView(doc, names.get(doc.societyId) ?? '')),
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
    generatedAt: nowIso,
  };
}
