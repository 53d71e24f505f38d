/**
 * Who hears what beyond a case's own people (issue 14): whoever raised an objection, when it is
 * answered; a donor, when their gift is confirmed received and when relief is paid from the fund
 * it went into; the society's members, when a general meeting is scheduled. Each message's id is
 * deterministic (the objection, the receipt's ledger entry, the payout's ledger entry, the
 * meeting, and the addressee), so a retried call or a replayed request queues it once.
 */
import { COLLECTIONS } from '../collections';
import type { Store, Transaction } from '../ports/store';
import type { Role } from '../../miniprogram/domain/society';
import { halfYearLabel } from '../../miniprogram/domain/funds';
import type { CaseDoc } from '../cases/model';
import type { ObjectionDoc } from '../notices/model';
import type { PledgeDoc } from '../pledges/usecases';
import type { MeetingDoc } from '../funds/meetings';
import { composeDonorMessage, composeMeetingScheduled, composeObjectionAnswered } from './compose';
import { outboxDoc, queueInTransaction, queueMessages, type OutboxDoc } from './outbox';
import { holdersOf } from './case-messages';

/** R-OVS-4: who is told of a general meeting — the society's members and its officers and supervisors. */
export const MEETING_ADDRESSEES: readonly Role[] = ['member', 'secretary', 'president', 'supervisor'];
/** At most this many donors hear of one payout (the pledges read for it in one query). */
const MAX_DONORS_TOLD = 200;

/** In the answer's transaction: the objector hears the outcome (one who raised it without a user record cannot be told). */
export async function queueObjectionAnswered(tx: Transaction, objection: ObjectionDoc, at: Date): Promise<void> {
  const userId = objection.raisedByUserId;
  if (!userId || !objection.answer) return;
  const message = composeObjectionAnswered({ outcome: objection.answer.outcome, at: objection.answer.at });
  await queueInTransaction(
    tx,
    outboxDoc(
      `objection-${objection._id}-${userId}`,
      message,
      { userId, societyId: objection.societyId, caseId: null },
      at,
    ),
  );
}

/**
 * The donor's message when the gift is confirmed received: kept on the pledge and handed on with
 * it (server/outbound.ts). Its id follows the ledger entry, so it is queued once.
 */
export function giftReceivedMessage(
  pledge: Pick<PledgeDoc, '_id' | 'donorUserId' | 'societyId'>,
  receipt: { entryId: string; amountFen: number; receivedAt: string; societyName: string },
  at: Date,
): OutboxDoc {
  const message = composeDonorMessage('giftReceived', {
    societyName: receipt.societyName,
    amountFen: receipt.amountFen,
    at: receipt.receivedAt,
  });
  return outboxDoc(
    `gift-${receipt.entryId}-${pledge.donorUserId}`,
    message,
    { userId: pledge.donorUserId, societyId: pledge.societyId, caseId: null },
    at,
  );
}

/**
 * After a payout that moved money out of the fund: each donor whose gift was received before it
 * hears that the fund paid relief (as 我的认捐 counts "relief since" from the receipt). Run when
 * the payout is handed on (server/outbound.ts), which may run more than once: each message once.
 */
export async function queueFundRelief(store: Store, doc: CaseDoc, societyName: string, at: Date): Promise<string[]> {
  const payout = doc.payout;
  if (!payout?.ledgerEntryId || payout.amountFen <= 0) return [];
  const pledges = await store.find<PledgeDoc>(COLLECTIONS.pledges, {
    where: { societyId: doc.societyId, status: 'received' },
    limit: 1000,
  });
  const donors = [
    ...new Set(
      pledges
        .filter((pledge) => pledge.receipt && pledge.receipt.receivedAt <= payout.paidAt)
        .map((pledge) => pledge.donorUserId),
    ),
  ]
    .sort()
    .slice(0, MAX_DONORS_TOLD);
  const message = composeDonorMessage('fundRelief', { societyName, amountFen: payout.amountFen, at: payout.paidAt });
  return queueMessages(
    store,
    donors.map((userId) =>
      outboxDoc(
        `fund-${payout.ledgerEntryId}-${userId}`,
        message,
        { userId, societyId: doc.societyId, caseId: null },
        at,
      ),
    ),
  );
}

/** R-OVS-4: after a meeting is scheduled (or the same request comes again), its members hear of it once. */
export async function queueMeetingScheduled(store: Store, meeting: MeetingDoc, at: Date): Promise<void> {
  const userIds = (await holdersOf(store, { societyId: meeting.societyId }, MEETING_ADDRESSEES)).filter(
    (userId) => userId !== meeting.scheduledBy.userId,
  );
  const message = composeMeetingScheduled({
    meetingId: meeting._id,
    halfLabel: halfYearLabel(meeting.half),
    startsAt: meeting.startsAt,
  });
  await queueMessages(
    store,
    userIds.map((userId) =>
      outboxDoc(
        `meeting-${meeting._id}-${userId}`,
        message,
        { userId, societyId: meeting.societyId, caseId: null },
        at,
      ),
    ),
  );
}
