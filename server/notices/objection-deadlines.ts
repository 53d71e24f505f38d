/**
 * Objection answer deadlines recounted when the county enters a year's holiday arrangement
 * (called by server/calendar/usecases.ts; kept apart from ./objections.ts, which loads the calendar).
 */
import type { Actor } from '../access/caller';
import { appendAudit } from '../audit/trail';
import { COLLECTIONS, type SocietyDoc } from '../collections';
import type { WorkCalendar } from '../domain/workdays';
import { findAll, type Store } from '../ports/store';
import { objectionAnswerDays, type ObjectionDoc } from './model';
/**
 * When the county enters a year's holiday arrangement, the answer deadlines of open objections are
 * counted again from when each was raised, with the days the society allowed then (R-OVS-3: an
 * objection is answered in time; the deadline is 暂定 until the arrangement is known). Each move is
 * audited; an objection answered meanwhile is left as it is.
 */
export async function recomputeObjectionDeadlines(
  store: Store,
  input: { countyId: string; calendar: WorkCalendar; actor: Actor; at: Date },
): Promise<number> {
  const societies = await findAll<SocietyDoc>(store, COLLECTIONS.societies, { where: { countyId: input.countyId } });
  let moved = 0;
  for (const society of societies) {
    const open = await findAll<ObjectionDoc>(store, COLLECTIONS.noticeObjections, {
      where: { societyId: society._id, status: 'open' },
    });
    if (open.length === 0) continue;
    const current = await objectionAnswerDays(store, society);
    for (const candidate of open) {
      const days = candidate.answerDays ?? current;
      const dueAt = input.calendar.addWorkingDays(new Date(candidate.raisedAt), days).toISOString();
      if (dueAt === candidate.dueAt) continue;
      const changed = await store.transaction(async (tx) => {
        const doc = await tx.get<ObjectionDoc>(COLLECTIONS.noticeObjections, candidate._id);
        if (!doc || doc.status !== 'open' || doc.dueAt !== candidate.dueAt) return false;
        await tx.update(COLLECTIONS.noticeObjections, doc._id, { dueAt, answerDays: days });
        await appendAudit(tx, {
          scopeId: society._id,
          actor: input.actor,
          action: 'notice.objectionDeadline',
          target: `${COLLECTIONS.noticeObjections}/${doc._id}`,
          details: { from: doc.dueAt, to: dueAt },
          at: input.at,
        });
        return true;
      });
      if (changed) moved += 1;
    }
  }
  return moved;
}
