/**
 * Who hears of a case, and when: the applicant (or whoever applied for them) on each step of
 * their own case; the society's secretary and president on a new application and before each
 * deadline; the township when a deadline has passed. Each message's id is deterministic: the
 * case event it follows, or the deadline and its due time.
 */
import { COLLECTIONS, type MembershipDoc } from '../collections';
import type { Store } from '../ports/store';
import type { CaseEventType } from '../../miniprogram/domain/case';
import type { Role } from '../../miniprogram/domain/society';
import type { CaseDoc } from '../cases/model';
import { composeMessage, type ApplicantMessageKind, type MessageFacts, type OfficerMessageKind } from './compose';
import { outboxDoc, queueMessages, type OutboxDoc } from './outbox';

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

/**
 * The applicant's message about the step just recorded as event `seq`, if the step is one they
 * hear of; kept on the case and handed on by server/outbound.ts.
 */
export function applicantMessageOf(doc: CaseDoc, step: CaseEventType, seq: number, at: Date): OutboxDoc | null {
  const kind = APPLICANT_MESSAGES[step];
  const userId = applicantUserOf(doc);
  if (!kind || !userId) return null;
  const amountFen =
    kind === 'caseApproved'
      ? (doc.decision?.amountFen ?? null)
      : kind === 'casePaid'
        ? (doc.payout?.amountFen ?? null)
        : null;
  const message = composeMessage(kind, { ...factsOf(doc, at), amountFen });
  return outboxDoc(
    `case-${doc._id}-${String(seq).padStart(4, '0')}-${userId}`,
    message,
    { userId, societyId: doc.societyId, caseId: doc._id },
    at,
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
 * A new application's society's secretary and president hear of it: when the case is handed on
 * (server/outbound.ts), which may run more than once and queues each message once.
 */
export async function queueNewApplication(store: Store, doc: CaseDoc, at: Date): Promise<string[]> {
  const userIds = (await holdersOf(store, { societyId: doc.societyId }, OFFICER_ROLES)).filter(
    (userId) => userId !== applicantUserOf(doc),
  );
  const facts = factsOf(doc, new Date(doc.createdAt));
  return queueMessages(
    store,
    officerMessages(`new-${doc._id}`, 'newApplication', facts, { userIds, societyId: doc.societyId }, at),
  );
}
