/**
 * A society's digest (R-OVS-2, issue 15): what the supervision overview and the township overview
 * show of one society, counted from its documents and kept in `societyDigests/{societyId}`. So
 * the supervision overview reads the society, its digest and its fund, and the township overview
 * the township's societies and their digests, however many cases, notices and objections there
 * are.
 *
 * A digest is counted again, whole, never incremented, so nothing can drift:
 * - Sealing marks it (`digestQueue/{societyId}`) in the transaction that chains an event of the
 *   society: one in its own chain, or one in an area's chain that names it (`details.societyId`,
 *   e.g. the township deciding a case or handling a flag). Every action is audited, so every
 *   change to what a digest shows marks it; a new calendar audits each deadline it moves.
 * - The minute timer counts the marked digests after sealing (scheduler `sealAudit`). It keeps a
 *   count, and clears its mark, only if nobody marked the society again while it counted (then
 *   the next run counts it). The local stack does the same after each call.
 * So an overview is at most about a minute behind the society's last action (its `countedAt`).
 *
 * Its size is bounded: counts, and at most LIST_KEPT of each list (the most overdue cases, the
 * newest open flags, what waits for the township), plus the notices still up (a week's worth).
 * Counts that change with time alone (a deadline or an objection falling due, a notice coming
 * down) are as of `countedAt`, and the digest says when the first of them changes
 * (`nextChangeAt`). The minute timer marks a digest past that time to be counted again, and until
 * it has, a reader counts the society itself (not written): an overview is never wrong with
 * time, only dearer for that minute. A society without a digest yet (just created) is counted
 * when read too.
 */
import { COLLECTIONS, type AreaDoc, type SocietyDoc } from '../collections';
import { findAll, findIn, type Doc, type Store, type Where } from '../ports/store';
import { markDigests, type DigestMarkDoc } from './digest-marks';
import { lastAuditAt, type AuditHeadDoc } from '../audit/trail';
import { NO_DEADLINE } from '../domain/case-deadlines';
import { caseDigest, openTownshipReferral, unratifiedPending, type CaseDigest, type CaseDoc } from '../cases/model';
import { townshipDecisionCases, type TownshipDecisionCase } from '../cases/township-decision';
import type { CaseFlagDoc, NoticeDoc, ObjectionDoc } from '../notices/model';
import { OPEN_STATES } from '../../miniprogram/domain/case';
import { liveSince, noticeEndsAt, noticeTitle } from '../../miniprogram/domain/notices';
import type { TownshipReferralItem, UnratifiedReliefItem } from '../../miniprogram/domain/oversight';
import { townshipReferralItem, unratifiedItem } from './township-items';

/** At most this many of each list are kept in a digest (and shown per society). */
export const LIST_KEPT = 50;

export interface DigestNotice {
  _id: string;
  publishedAt: string;
  title: string;
  /** Its paper notice photographed on the board. */
  posted: boolean;
}

export interface SocietyDigestDoc extends Doc {
  societyId: string;
  townshipId: string;
  countyId: string;
  villageName: string;
  townshipName: string;
  /** When it was counted: the counts that change with time are as of then. */
  countedAt: string;
  /** The first instant after `countedAt` at which one of those counts changes; NO_DEADLINE: none. */
  nextChangeAt: string;
  cases: { total: number; open: number; paid: number; awaitingNotice: number; overdue: number };
  /** The most overdue cases, at most LIST_KEPT. */
  overdue: CaseDigest[];
  /** Every notice, and those still up, newest first. */
  notices: { total: number; live: DigestNotice[] };
  objections: { total: number; open: number; overdue: number };
  /** Open flags: how many, and the newest, at most LIST_KEPT. */
  flags: { total: number; open: number; newestOpen: CaseFlagDoc[] };
  /** What waits for the township (each at most LIST_KEPT): decisions nobody in the society may take, 先行救助 not ratified, 临时救助 referrals. */
  township: {
    decisions: TownshipDecisionCase[];
    unratified: UnratifiedReliefItem[];
    referrals: TownshipReferralItem[];
  };
  audit: { count: number; lastAt: string | null };
}

/** Counts a society's digest from its documents, as of `now`. */
export async function countDigest(store: Store, society: SocietyDoc, now: Date): Promise<SocietyDigestDoc> {
  const societyId = society._id;
  const nowIso = now.toISOString();
  const count = (collection: string, where: Where) => store.count(collection, { societyId, ...where });
  const first = <T extends Doc>(collection: string, where: Where, orderBy: [string, 'asc' | 'desc'], limit: number) =>
    store.find<T>(collection, { where: { societyId, ...where }, orderBy: [orderBy], limit });
  const [areas, counts, overdue, nextDue, live, nextObjection, newestFlags, awaiting, decisions, head] =
    await Promise.all([
      findIn<AreaDoc>(store, COLLECTIONS.areas, '_id', [society.villageId, society.townshipId]),
      Promise.all([
        count(COLLECTIONS.cases, {}),
        count(COLLECTIONS.cases, { state: { $in: [...OPEN_STATES] } }),
        count(COLLECTIONS.cases, { paidAt: { $gt: '' } }),
        count(COLLECTIONS.cases, { awaitingNotice: true }),
        count(COLLECTIONS.cases, { nextDueAt: { $lt: nowIso } }),
        count(COLLECTIONS.notices, {}),
        count(COLLECTIONS.noticeObjections, {}),
        count(COLLECTIONS.noticeObjections, { status: 'open' }),
        count(COLLECTIONS.noticeObjections, { status: 'open', dueAt: { $lt: nowIso } }),
        count(COLLECTIONS.caseFlags, {}),
        count(COLLECTIONS.caseFlags, { status: 'open' }),
      ]),
      first<CaseDoc>(COLLECTIONS.cases, { nextDueAt: { $lt: nowIso } }, ['nextDueAt', 'asc'], LIST_KEPT),
      first<CaseDoc>(COLLECTIONS.cases, { nextDueAt: { $gte: nowIso, $lt: NO_DEADLINE } }, ['nextDueAt', 'asc'], 1),
      // The notices still up: a week's worth, few by nature.
      findAll<NoticeDoc>(store, COLLECTIONS.notices, {
        where: { societyId, publishedAt: { $gt: liveSince(now) } },
        orderBy: [['publishedAt', 'desc']],
      }),
      first<ObjectionDoc>(
        COLLECTIONS.noticeObjections,
        { status: 'open', dueAt: { $gte: nowIso } },
        ['dueAt', 'asc'],
        1,
      ),
      first<CaseFlagDoc>(COLLECTIONS.caseFlags, { status: 'open' }, ['at', 'desc'], LIST_KEPT),
      first<CaseDoc>(COLLECTIONS.cases, { awaitingTownship: true }, ['updatedAt', 'asc'], LIST_KEPT),
      townshipDecisionCases(store, society),
      store.get<AuditHeadDoc>(COLLECTIONS.auditHeads, societyId),
    ]);
  const [
    total,
    open,
    paid,
    awaitingNotice,
    overdueCount,
    notices,
    objections,
    openObjections,
    overdueObjections,
    flags,
    openFlags,
  ] = counts as number[];
  const nameOf = (id: string) => areas.find((area) => area._id === id)?.name ?? '';
  const changes = [
    nextDue[0]?.nextDueAt,
    nextObjection[0]?.dueAt,
    ...live.map((doc) => noticeEndsAt(doc.publishedAt)),
  ].filter((at): at is string => at !== undefined);
  return {
    _id: societyId,
    societyId,
    townshipId: society.townshipId,
    countyId: society.countyId,
    villageName: nameOf(society.villageId),
    townshipName: nameOf(society.townshipId),
    countedAt: nowIso,
    nextChangeAt: changes.reduce((soonest, at) => (at < soonest ? at : soonest), NO_DEADLINE),
    cases: { total: total!, open: open!, paid: paid!, awaitingNotice: awaitingNotice!, overdue: overdueCount! },
    overdue: overdue.map(caseDigest),
    notices: {
      total: notices!,
      live: live.map((doc) => ({
        _id: doc._id,
        publishedAt: doc.publishedAt,
        title: noticeTitle(doc.content),
        posted: doc.boardPhoto !== null,
      })),
    },
    objections: { total: objections!, open: openObjections!, overdue: overdueObjections! },
    flags: { total: flags!, open: openFlags!, newestOpen: newestFlags },
    township: {
      decisions: decisions.slice(0, LIST_KEPT),
      unratified: awaiting.filter(unratifiedPending).map((doc) => unratifiedItem(doc, society.name)),
      referrals: awaiting.flatMap((doc) => {
        const referral = openTownshipReferral(doc);
        return referral ? [townshipReferralItem(doc, referral, society.name)] : [];
      }),
    },
    audit: { count: head?.seq ?? 0, lastAt: await lastAuditAt(store, societyId, head) },
  };
}

/**
 * Whether a kept digest holds at `now`: nothing in it has changed with time since it was counted
 * (and it was not counted after `now`, as by a clock ahead of this one).
 */
export function holdsAt(digest: SocietyDigestDoc, now: Date): boolean {
  const at = now.toISOString();
  return digest.countedAt <= at && at < digest.nextChangeAt;
}

function sameCounts(a: SocietyDigestDoc, b: SocietyDigestDoc): boolean {
  return JSON.stringify({ ...a, countedAt: '' }) === JSON.stringify({ ...b, countedAt: '' });
}

/**
 * Counts one society's digest and keeps it unless it says the same. With a mark: only if the
 * society was not marked again while counting (then the count may miss that change, and the
 * next run counts it), and the mark is cleared in the same transaction. Answers whether it wrote.
 */
async function countAndKeep(store: Store, society: SocietyDoc, now: Date, mark?: DigestMarkDoc): Promise<boolean> {
  const counted = await countDigest(store, society, now);
  return store.transaction(async (tx) => {
    if (mark) {
      const current = await tx.get<DigestMarkDoc>(COLLECTIONS.digestQueue, mark._id);
      if (current?.token !== mark.token) return false;
      await tx.update(COLLECTIONS.digestQueue, mark._id, { waiting: false });
    }
    const kept = await tx.get<SocietyDigestDoc>(COLLECTIONS.societyDigests, society._id);
    if (kept && sameCounts(kept, counted)) return false;
    await tx.set<SocietyDigestDoc>(COLLECTIONS.societyDigests, counted);
    return true;
  });
}

/** Counts and keeps the digests of these societies; answers how many it wrote. */
export async function keepDigests(store: Store, societyIds: readonly string[], now: Date): Promise<number> {
  if (societyIds.length === 0) return 0;
  return keepDigestsOf(
    store,
    await findIn<SocietyDoc>(store, COLLECTIONS.societies, '_id', [...new Set(societyIds)]),
    now,
  );
}

/** Every society's digest counted again (the demo seed; a test standing for the minute timer). */
export async function keepAllDigests(store: Store, now: Date): Promise<number> {
  return keepDigestsOf(store, await findAll<SocietyDoc>(store, COLLECTIONS.societies, { where: {} }), now);
}

async function keepDigestsOf(store: Store, societies: readonly SocietyDoc[], now: Date): Promise<number> {
  let written = 0;
  for (const society of societies) if (await countAndKeep(store, society, now)) written += 1;
  return written;
}

export interface DigestRun {
  /** Marks taken this run. */
  counted: number;
  /** Digests written (a count that says what the digest said already is not written). */
  written: number;
  more: boolean;
}

/** Marks taken per timer run: beyond it, the rest are counted on the next run. */
export const DIGEST_BUDGET = 200;

/**
 * Counts the marked digests, oldest mark first, each kept and its mark cleared in one
 * transaction. A mark that names no society (an area's scope) is cleared without counting.
 */
export async function keepMarkedDigests(store: Store, now: Date, budget = DIGEST_BUDGET): Promise<DigestRun> {
  const marks = await store.find<DigestMarkDoc>(COLLECTIONS.digestQueue, {
    where: { waiting: true },
    orderBy: [['markedAt', 'asc']],
    limit: budget + 1,
  });
  const batch = marks.slice(0, budget);
  const societies = new Map(
    (
      await findIn<SocietyDoc>(
        store,
        COLLECTIONS.societies,
        '_id',
        batch.map((mark) => mark._id),
      )
    ).map((society) => [society._id, society]),
  );
  let written = 0;
  for (const mark of batch) {
    const society = societies.get(mark._id);
    if (society) {
      if (await countAndKeep(store, society, now, mark)) written += 1;
      continue;
    }
    await store.transaction(async (tx) => {
      const current = await tx.get<DigestMarkDoc>(COLLECTIONS.digestQueue, mark._id);
      if (current?.token === mark.token) await tx.update(COLLECTIONS.digestQueue, mark._id, { waiting: false });
    });
  }
  return { counted: batch.length, written, more: marks.length > budget };
}

/**
 * The digests of these societies: as kept, and counted now (not written) for any without one or
 * whose counts have changed with time since (the timer has not counted it again yet).
 */
export async function digestsOf(
  store: Store,
  societies: readonly SocietyDoc[],
  now: Date,
): Promise<Map<string, SocietyDigestDoc>> {
  const kept = await findIn<SocietyDigestDoc>(
    store,
    COLLECTIONS.societyDigests,
    '_id',
    societies.map((society) => society._id),
  );
  const digests = new Map(kept.filter((digest) => holdsAt(digest, now)).map((digest) => [digest._id, digest]));
  for (const society of societies) {
    if (!digests.has(society._id)) digests.set(society._id, await countDigest(store, society, now));
  }
  return digests;
}

/**
 * Marks the digests whose counts have changed with time (`nextChangeAt` passed), at most `budget`,
 * for keepMarkedDigests to count again. Answers how many it marked.
 */
export async function markChangedDigests(store: Store, now: Date, budget = DIGEST_BUDGET): Promise<number> {
  const due = await store.find<SocietyDigestDoc>(COLLECTIONS.societyDigests, {
    where: { nextChangeAt: { $lte: now.toISOString() } },
    orderBy: [['nextChangeAt', 'asc']],
    limit: budget,
  });
  for (let start = 0; start < due.length; start += 50) {
    const batch = due.slice(start, start + 50).map((digest) => digest._id);
    await store.transaction((tx) => markDigests(tx, batch, now.toISOString()));
  }
  return due.length;
}

/**
 * The minute timer's part (scheduler `sealAudit`, after sealing; the local stack after each call):
 * marks the digests changed with time, then counts every marked one, at most `budget`.
 */
export async function countDigestsDue(store: Store, now: Date, budget = DIGEST_BUDGET): Promise<DigestRun> {
  await markChangedDigests(store, now, budget);
  return keepMarkedDigests(store, now, budget);
}
