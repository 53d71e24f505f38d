/**
 * Who hears of a case, and when: the applicant (or whoever applied for them) on each step of
 * their own case; the society's secretary and president on a new application and before each
 * deadline; the township when a deadline has passed. Each message's id is deterministic: the
 * case event it follows, or the deadline and its due time.
 */
import { COLLECTIONS, type MembershipDoc } from '../collections';
import type { Store, Transaction } from '../ports/store';
import type { CaseEventType } from '../../miniprogram/domain/case';
import type { Role } from '../../miniprogram/domain/society';
import type { CaseDoc } from '../cases/model';
import { composeMessage, type ApplicantMessageKind, type MessageFacts, type OfficerMessageKind } from './compose';
import { outboxDoc, queueInTransaction, queueMessages, type OutboxDoc } from './outbox';

const APPLICANT_MESSAGES: Partial<Record<CaseEventType, ApplicantMessageKind>> = {
  accept: 'caseAccepted',
  decline: 'caseDeclined',
  recordVisit: 'caseVisited',
  approve: 'caseApproved',
  reject: 'caseRejected',
  disburse: 'casePaid',
  reliefFirst: 'casePaid',
};

export const OFFICER_ROLES: readonly Role[] = ['secretary', 'president'];

export function factsOf(doc: CaseDoc, at: Date): MessageFacts {
  return { caseId: doc._id, caseNo: doc.caseNo, at: at.toISOString() };
}

/** The person who sees the case as theirs: who applied (for themselves or for someone else). */
export function applicantUserOf(doc: Pick<CaseDoc, 'applicantUserId' | 'applicant'>): string | null {
  return doc.applicantUserId ?? doc.applicant?.userId ?? null;
}

/** In the step's transaction: the applicant's message about the step just recorded as event `seq`. */
export async function queueApplicantMessage(
  tx: Transaction,
  doc: CaseDoc,
  step: CaseEventType,
  seq: number,
  at: Date,
): Promise<void> {
  const kind = APPLICANT_MESSAGES[step];
  const userId = applicantUserOf(doc);
  if (!kind || !userId) return;
  const amountFen =
    kind === 'caseApproved'
      ? (doc.decision?.amountFen ?? null)
      : kind === 'casePaid'
        ? (doc.payout?.amountFen ?? null)
        : null;
  const message = composeMessage(kind, { ...factsOf(doc, at), amountFen });
  await queueInTransaction(
    tx,
    outboxDoc(
      `case-${doc._id}-${String(seq).padStart(4, '0')}-${userId}`,
      message,
      { userId, societyId: doc.societyId, caseId: doc._id },
      at,
    ),
    // The event `seq` was inserted in this transaction: its message cannot exist yet.
    { firstTime: true },
  );
}

/** Everyone holding one of `roles` in the society (or, with `areaId`, in that area), once each. */
export async function holdersOf(
  store: Store,
  where: { societyId: string } | { areaId: string },
  roles: readonly Role[],
): Promise<string[]> {
  const memberships = await store.find<MembershipDoc>(COLLECTIONS.memberships, {
    where: { ...where, role: { $in: [...roles] }, revokedAt: null },
    limit: 200,
  });
  return [...new Set(memberships.map((membership) => membership.userId))].sort();
}

/** One message to each of `userIds`, its id `${base}-${userId}`. */
export function officerMessages(
  base: string,
  kind: OfficerMessageKind,
  facts: MessageFacts,
  to: { userIds: readonly string[]; societyId: string },
  at: Date,
): OutboxDoc[] {
  const message = composeMessage(kind, facts);
  return to.userIds.map((userId) =>
    outboxDoc(`${base}-${userId}`, message, { userId, societyId: to.societyId, caseId: facts.caseId }, at),
  );
}

/**
 * After an application is stored: its society's secretary and president hear of it. Also called
 * when the same request comes again, so a call that died between the two still notifies (once).
 */
export async function queueNewApplication(store: Store, doc: CaseDoc, at: Date): Promise<void> {
  const userIds = (await holdersOf(store, { societyId: doc.societyId }, OFFICER_ROLES)).filter(
    (userId) => userId !== applicantUserOf(doc),
  );
  const facts = factsOf(doc, new Date(doc.createdAt));
  await queueMessages(
    store,
    officerMessages(`new-${doc._id}`, 'newApplication', facts, { userIds, societyId: doc.societyId }, at),
  );
}
