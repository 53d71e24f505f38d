/**
 * What every society keeps of its county's rules (issue 15), so that a call that reads the society
 * reads neither the county's calendar nor its settings:
 * - `calendarYears`: the year arrangements the county bureau entered (R-PROC-3);
 * - `decisionWorkingDays`: how long a proposal may wait for its decision (cases/county-rules.ts).
 * Both are written to every society of the county whenever the county changes either, in
 * transactions of at most KEEP_BATCH societies, and to a society when it is created. A society
 * that lacks one (written before it was kept, or while a change is being spread) reads the
 * county's own document instead.
 */
import { COLLECTIONS, type SocietyDoc } from '../collections';
import { findAll, type Store } from '../ports/store';
import type { YearSchedule } from '../domain/workdays';
import type { WorkCalendarDoc } from '../calendar/usecases';
import type { CountySettingsDoc } from '../funds/settings';
import { DEADLINE_WORKING_DAYS } from '../../miniprogram/domain/case';

export type CountyCopies = Required<Pick<SocietyDoc, 'calendarYears' | 'decisionWorkingDays'>>;

/** The county's entered arrangements, oldest year first. */
export async function enteredYears(store: Store, countyId: string): Promise<YearSchedule[]> {
  const docs = await findAll<WorkCalendarDoc>(store, COLLECTIONS.workCalendars, {
    where: { countyId },
    orderBy: [['year', 'asc']],
  });
  return docs.map(({ year, holidays, workdays }) => ({ year, holidays, workdays }));
}

async function countyCopiesOf(store: Store, countyId: string): Promise<CountyCopies> {
  const [calendarYears, settings] = await Promise.all([
    enteredYears(store, countyId),
    store.get<CountySettingsDoc>(COLLECTIONS.countySettings, countyId),
  ]);
  return { calendarYears, decisionWorkingDays: settings?.decisionWorkingDays ?? DEADLINE_WORKING_DAYS.decision };
}

function holds(society: Partial<CountyCopies>, copies: CountyCopies): boolean {
  return (
    society.decisionWorkingDays === copies.decisionWorkingDays &&
    JSON.stringify(society.calendarYears) === JSON.stringify(copies.calendarYears)
  );
}

/** Keeps the county's rules on one society (a new one) unless it holds them already. */
export async function keepCountyOnSociety(
  store: Store,
  society: Pick<SocietyDoc, '_id' | 'countyId'> & Partial<CountyCopies>,
): Promise<void> {
  const copies = await countyCopiesOf(store, society.countyId);
  if (holds(society, copies)) return;
  await store.transaction((tx) => tx.update(COLLECTIONS.societies, society._id, { ...copies }));
}

/** Societies whose copy is written per transaction. */
const KEEP_BATCH = 50;

/**
 * Keeps the county's rules on each of its societies; a society already holding them is not
 * written. Should it die halfway, changing the rule again (or running it again) finishes it.
 * Returns how many societies were written.
 */
export async function keepCountyOnSocieties(store: Store, countyId: string): Promise<number> {
  const [copies, societies] = await Promise.all([
    countyCopiesOf(store, countyId),
    findAll<SocietyDoc>(store, COLLECTIONS.societies, { where: { countyId } }),
  ]);
  const stale = societies.filter((society) => !holds(society, copies));
  for (let start = 0; start < stale.length; start += KEEP_BATCH) {
    await store.transaction(async (tx) => {
      for (const society of stale.slice(start, start + KEEP_BATCH)) {
        await tx.update(COLLECTIONS.societies, society._id, { ...copies });
      }
    });
  }
  return stale.length;
}
