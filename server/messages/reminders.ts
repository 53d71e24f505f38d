/**
 * The scheduler's half-hourly run (cloudfunctions/scheduler/config.json, `deadlineMessages`):
 * a reminder to the society's secretary and president when a running deadline has 4 working
 * hours or less left (R-PROC-3 visit, the decision, R-PROC-4 payout, R-PROC-5 explanation),
 * counted on the county's working-day calendar, so a deadline on Monday is reminded on Monday,
 * not over the weekend; and, once it has passed, an escalation to the township (no case stalls).
 * Each is queued under the deadline's kind and due time: a second run, or a run after one that
 * died halfway, finds it queued and sends nothing twice. Then everything queued goes out.
 */
import { COLLECTIONS, type SocietyDoc } from '../collections';
import type { WorkCalendar } from '../domain/workdays';
import { DEADLINE_KINDS } from '../../miniprogram/domain/case';
import type { CaseDoc } from '../cases/model';
import { calendarFor } from '../cases/common';
import { OFFICER_ROLES, holdersOf, officerMessages } from './case-messages';
import { deliverPending, queueMessages, type MessagePorts } from './outbox';

/** R-PROC-3/4: remind this much working time before a deadline. */
export const REMINDER_WORKING_MS = 4 * 60 * 60 * 1000;
/** 4 working hours can lie across a weekend and the longest holiday (国庆, 春节: up to 9 days off). */
const LOOKAHEAD_MS = 16 * 24 * 60 * 60 * 1000;
/** A deadline missed longer ago than this was escalated then (or before the scheduler ran at all). */
const LOOKBACK_MS = 30 * 24 * 60 * 60 * 1000;

export interface DeadlineMessagesResult {
  reminders: number;
  escalations: number;
  delivered: Record<string, number>;
}

export async function sendDeadlineMessages(ports: MessagePorts): Promise<DeadlineMessagesResult> {
  const now = ports.clock.now();
  const cases = await ports.store.find<CaseDoc>(COLLECTIONS.cases, {
    where: {
      nextDueAt: {
        $gte: new Date(now.getTime() - LOOKBACK_MS).toISOString(),
        $lte: new Date(now.getTime() + LOOKAHEAD_MS).toISOString(),
      },
    },
    orderBy: [['nextDueAt', 'asc']],
    limit: 2000,
  });
  const societies = new Map<string, { society: SocietyDoc; calendar: WorkCalendar; officers: string[] }>();
  const townships = new Map<string, string[]>();
  let reminders = 0;
  let escalations = 0;
  for (const doc of cases) {
    let place = societies.get(doc.societyId);
    if (!place) {
      const society = await ports.store.get<SocietyDoc>(COLLECTIONS.societies, doc.societyId);
      if (!society) continue;
      place = {
        society,
        calendar: await calendarFor(ports.store, society),
        officers: await holdersOf(ports.store, { societyId: society._id }, OFFICER_ROLES),
      };
      societies.set(doc.societyId, place);
    }
    const { society, calendar, officers } = place;
    for (const kind of DEADLINE_KINDS) {
      const deadline = doc.deadlines[kind];
      if (!deadline || deadline.doneAt) continue;
      const left = calendar.remainingTime(new Date(deadline.dueAt), now);
      const facts = {
        caseId: doc._id,
        caseNo: doc.caseNo,
        at: now.toISOString(),
        deadlineKind: kind,
        dueAt: deadline.dueAt,
      };
      const base = `${doc._id}-${kind}-${Date.parse(deadline.dueAt).toString(36)}`;
      if (left.overdue) {
        let township = townships.get(society.townshipId);
        if (!township) {
          township = await holdersOf(ports.store, { areaId: society.townshipId }, ['township']);
          townships.set(society.townshipId, township);
        }
        const to = { userIds: township, societyId: society._id };
        escalations += (
          await queueMessages(ports.store, officerMessages(`overdue-${base}`, 'caseOverdue', facts, to, now))
        ).length;
      } else if (left.workingMs <= REMINDER_WORKING_MS) {
        const to = { userIds: officers, societyId: society._id };
        reminders += (
          await queueMessages(ports.store, officerMessages(`remind-${base}`, 'deadlineReminder', facts, to, now))
        ).length;
      }
    }
  }
  const delivered = await deliverPending(ports, 200);
  if (reminders || escalations) ports.log.info('deadline messages', { reminders, escalations, ...delivered });
  return { reminders, escalations, delivered };
}
