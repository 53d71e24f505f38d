/**
 * The one place notices read the relief cases (issue 4): a paid case and the facts its payout
 * event carries for the notice (`PayoutNoticeFacts` on the 'disburse' or 'reliefFirst' event).
 * Nothing in the cases code calls into notices. "Paid cases without a published notice", the
 * officers' to-do, is the cases marked `awaitingNotice` (set by the payout step, cleared by the
 * publication): one page and a count, however many payouts the society has made (issue 15).
 */
import { COLLECTIONS } from '../collections';
import type { Store } from '../ports/store';
import { beijingDayOf } from '../domain/workdays';
import { eventsOf, type CaseDoc, type CaseEventDoc } from '../cases/model';
import { noticeFacts } from '../cases/views';
import type { CaseState, PayoutNoticeFacts } from '../../miniprogram/domain/case';
import type { NoticeVisitFacts } from '../../miniprogram/domain/notices';

/** Case steps whose event records a payout (and carries the notice facts). */
export const PAYOUT_STEPS = ['disburse', 'reliefFirst'] as const;

export interface PaidCase {
  caseId: string;
  caseNo: string;
  societyId: string;
  villageId: string;
  state: CaseState;
  facts: PayoutNoticeFacts;
  /** Beijing day of the decision; for 先行救助, of the payment made first. */
  decisionDate: string | null;
  /** The recorded home visit as a notice may speak of it (counts and kinds); null while not filed. */
  visit: NoticeVisitFacts | null;
  /** For recusal (an officer never acts on a case of their own household). */
  householdId: string;
  applicantUserId: string | null;
  /** The case document, for the oversight views that read it whole (supervision committee). */
  doc: CaseDoc;
}

function decisionDateOf(doc: CaseDoc, facts: PayoutNoticeFacts): string | null {
  if (doc.decision?.outcome === 'approved') return beijingDayOf(new Date(doc.decision.at));
  if (facts.reliefFirst) return beijingDayOf(new Date(facts.paidAt));
  return null;
}

function paidCaseOf(doc: CaseDoc, event: CaseEventDoc | undefined): PaidCase | null {
  if (!doc.payout) return null;
  // The facts as the case itself holds them when no payout event carries them.
  const facts = event?.details.notice ?? noticeFacts(doc, doc.payout);
  return {
    caseId: doc._id,
    caseNo: doc.caseNo,
    societyId: doc.societyId,
    villageId: doc.villageId,
    state: doc.state,
    // The consent as the case holds it now wins over the one copied into the event.
    facts: { ...facts, noticeConsented: doc.consent.publicNotice },
    decisionDate: decisionDateOf(doc, facts),
    // Never the visit's findings (sealed) or its visitors' names: only how many and what was checked.
    visit: doc.visit ? { visitorCount: doc.visit.visitors.length, originalsChecked: doc.visit.originalsChecked } : null,
    householdId: doc.householdId,
    applicantUserId: doc.applicantUserId,
    doc,
  };
}

async function payoutEventOf(store: Store, doc: CaseDoc): Promise<CaseEventDoc | undefined> {
  const events = await eventsOf(store, doc);
  return [...events]
    .reverse()
    .find((event) => (PAYOUT_STEPS as readonly string[]).includes(event.type) && event.details.notice);
}

export async function loadCaseDoc(store: Store, caseId: string): Promise<CaseDoc | null> {
  return store.get<CaseDoc>(COLLECTIONS.cases, caseId);
}

/** The case if it was paid, with its notice facts; null when it does not exist or was not paid. */
export async function paidCase(store: Store, caseId: string): Promise<PaidCase | null> {
  const doc = await loadCaseDoc(store, caseId);
  if (!doc || !doc.payout) return null;
  return paidCaseOf(doc, await payoutEventOf(store, doc));
}

/** How many paid cases of the society wait for their notice to be published (R-PROC-6). */
export function countAwaitingNotice(store: Store, societyId: string): Promise<number> {
  return store.count(COLLECTIONS.cases, { societyId, awaitingNotice: true });
}

/** How many cases of the society were ever paid. */
export function countPaid(store: Store, societyId: string): Promise<number> {
  return store.count(COLLECTIONS.cases, { societyId, paidAt: { $gt: '' } });
}

/**
 * The paid cases waiting for their notice, longest waiting first, at most `limit` (R-PROC-6), and
 * how many wait in all: counted only when the page is full, else it is the page (issue 15).
 */
export async function awaitingNotice(
  store: Store,
  societyId: string,
  limit: number,
): Promise<{ cases: PaidCase[]; total: number }> {
  const docs = await store.find<CaseDoc>(COLLECTIONS.cases, {
    where: { societyId, awaitingNotice: true },
    orderBy: [['paidAt', 'asc']],
    limit,
  });
  const total = docs.length < limit ? docs.length : await countAwaitingNotice(store, societyId);
  // The facts as the case holds them: the payout event carries the same ones (payouts.ts).
  return { cases: docs.flatMap((doc) => paidCaseOf(doc, undefined) ?? []), total };
}
