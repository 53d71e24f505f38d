/**
 * A case's events as the product keeps them (issue 15): on the case itself, or, for a case
 * written before, in `caseEvents` (server/cases/model.ts `eventsOf`).
 */
import { COLLECTIONS } from '../../server/collections';
import { findAll, type Store } from '../../server/ports/store';
import { eventsOf, type CaseDoc, type CaseEventDoc } from '../../server/cases/model';

export async function caseEventsOf(store: Store, caseId: string): Promise<CaseEventDoc[]> {
  const doc = await store.get<CaseDoc>(COLLECTIONS.cases, caseId);
  if (!doc) throw new Error(`no case ${caseId}`);
  return eventsOf(store, doc);
}

/** Every case's events, counted: what each step adds one to, and a refused call leaves as it was. */
export async function countCaseEvents(store: Store): Promise<number> {
  const cases = await findAll<CaseDoc>(store, COLLECTIONS.cases, {});
  return cases.reduce((sum, doc) => sum + doc.eventCount, 0);
}
