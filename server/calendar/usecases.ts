/**
 * The county's working-day calendar (R-PROC-3, R-PROC-4): the chinese-days package's holidays and
 * make-up days, replaced for a year by the official schedule the county bureau enters; a year that
 * neither covers has its statutory holidays computed by law and its deadlines are 暂定. Use cases
 * that compute deadlines load it here, so an entered schedule takes effect everywhere at once, and
 * entering one recounts the deadlines still running.
 */
import { AppError } from '../errors';
import type { ActionContext } from '../context';
import { COLLECTIONS, type SocietyDoc } from '../collections';
import { actorOf } from '../access/caller';
import { appendAudit } from '../audit/trail';
import { findAll, type Doc, type Store } from '../ports/store';
import { recomputeOpenDeadlines } from '../cases/deadlines';
import { recomputeObjectionDeadlines } from '../notices/objection-deadlines';
import {
  beijingDayOf,
  createWorkCalendar,
  lastYearWithPackageData,
  validateYearSchedule,
  type WorkCalendar,
  type YearSchedule,
} from '../domain/workdays';
import { statutoryHolidays, substituteDaysOff } from '../domain/statutory-holidays';
import type { SetWorkCalendarResult, WorkCalendarView } from '../../miniprogram/domain/work-calendar';
import { callerCounty } from '../access/rules';
import { enteredYears, keepCountyOnSocieties } from '../registry/county-copies';

export interface WorkCalendarDoc extends Doc, YearSchedule {
  countyId: string;
  recordedBy: ReturnType<typeof actorOf>;
  recordedAt: string;
}

function scheduleId(countyId: string, year: number): string {
  return `${countyId}:${year}`;
}

export async function loadWorkCalendar(store: Store, countyId: string): Promise<WorkCalendar> {
  return createWorkCalendar({ overrides: await enteredYears(store, countyId) });
}

/** A society's calendar: its county's, from the copy the society keeps (no read), else read. */
export async function calendarOfSociety(
  store: Store,
  society: Pick<SocietyDoc, 'countyId' | 'calendarYears'>,
): Promise<WorkCalendar> {
  if (society.calendarYears) return createWorkCalendar({ overrides: society.calendarYears });
  return loadWorkCalendar(store, society.countyId);
}

/** This year and next: whether each has its official arrangement (else deadlines in it are 暂定), and what the law gives. */
export async function workCalendarStatus(ctx: ActionContext): Promise<WorkCalendarView> {
  const countyId = (await callerCounty(ctx.store, ctx.caller, ['county', 'township', 'federation'])).countyId;
  const [calendar, docs] = await Promise.all([
    loadWorkCalendar(ctx.store, countyId),
    findAll<WorkCalendarDoc>(ctx.store, COLLECTIONS.workCalendars, { where: { countyId } }),
  ]);
  const thisYear = Number(beijingDayOf(ctx.clock.now()).slice(0, 4));
  return {
    countyId,
    lastPackageYear: lastYearWithPackageData(),
    years: [thisYear, thisYear + 1].map((year) => {
      const doc = docs.find((candidate) => candidate.year === year);
      return {
        ...calendar.dataCoverage(year),
        statutory: statutoryHolidays(year),
        estimatedSubstituteDays: substituteDaysOff(year),
        entered: doc
          ? {
              holidays: doc.holidays,
              workdays: doc.workdays,
              recordedAt: doc.recordedAt,
              recordedByName: doc.recordedBy.name,
            }
          : null,
      };
    }),
  };
}

/**
 * The county bureau enters a year's official arrangement (国务院办公厅 notice), replacing the
 * package's data or the statutory estimate; the deadlines still running are then counted again.
 */
export async function setWorkCalendar(ctx: ActionContext, input: YearSchedule): Promise<SetWorkCalendarResult> {
  const countyId = (await callerCounty(ctx.store, ctx.caller, ['county'])).countyId;
  const check = validateYearSchedule(input);
  if (!check.ok) {
    throw new AppError(
      'BAD_REQUEST',
      `invalid year schedule: ${check.errors.map((error) => error.code + (error.day ? ` ${error.day}` : '')).join(', ')}`,
      `年度放假安排有误：${check.errors
        .slice(0, 3)
        .map((error) => error.message)
        .join('；')}${check.errors.length > 3 ? `（另有 ${check.errors.length - 3} 处）` : ''}`,
    );
  }
  const now = ctx.clock.now();
  const actor = actorOf(ctx.caller, 'county');
  await ctx.store.transaction(async (tx) => {
    const doc: WorkCalendarDoc = {
      _id: scheduleId(countyId, check.schedule.year),
      countyId,
      ...check.schedule,
      recordedBy: actor,
      recordedAt: now.toISOString(),
    };
    await tx.set(COLLECTIONS.workCalendars, doc);
    await appendAudit(tx, {
      scopeId: countyId,
      actor,
      action: 'calendar.set',
      target: `${COLLECTIONS.workCalendars}/${doc._id}`,
      details: { year: doc.year, holidays: doc.holidays.length, workdays: doc.workdays.length },
      at: now,
    });
  });
  await keepCountyOnSocieties(ctx.store, countyId);
  const calendar = await loadWorkCalendar(ctx.store, countyId);
  const recomputed = await recomputeOpenDeadlines(ctx.store, {
    countyId,
    calendar,
    actor,
    at: now,
    reason: `县民政局录入${check.schedule.year}年放假安排`,
  });
  const recomputedObjections = await recomputeObjectionDeadlines(ctx.store, { countyId, calendar, actor, at: now });
  ctx.log.info('work calendar set', {
    countyId,
    year: check.schedule.year,
    recomputedCases: recomputed.length,
    recomputedObjections,
  });
  return {
    coverage: calendar.dataCoverage(check.schedule.year),
    recomputedCases: recomputed.length,
    recomputedObjections,
  };
}
