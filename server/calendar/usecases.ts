/**
 * The county's working-day calendar (R-PROC-3, R-PROC-4): the chinese-days package's holidays and
 * make-up days, replaced for a year by the official schedule the county bureau stores. Use cases
 * that compute deadlines load it here, so a stored schedule takes effect everywhere at once.
 */
import { AppError } from '../api/errors';
import type { ActionContext } from '../api/context';
import { COLLECTIONS, type AreaDoc } from '../collections';
import type { Role } from '../../miniprogram/domain/society';
import { actorOf } from '../access/caller';
import { appendAudit } from '../audit/trail';
import { findAll, type Doc, type Store } from '../ports/store';
import {
  beijingDayOf,
  createWorkCalendar,
  lastYearWithPackageData,
  validateYearSchedule,
  type DataCoverage,
  type WorkCalendar,
  type YearSchedule,
} from '../domain/workdays';

export interface WorkCalendarDoc extends Doc, YearSchedule {
  countyId: string;
  recordedBy: ReturnType<typeof actorOf>;
  recordedAt: string;
}

function scheduleId(countyId: string, year: number): string {
  return `${countyId}:${year}`;
}

export async function loadWorkCalendar(store: Store, countyId: string): Promise<WorkCalendar> {
  const docs = await findAll<WorkCalendarDoc>(store, COLLECTIONS.workCalendars, { where: { countyId } });
  return createWorkCalendar({
    overrides: docs.map(({ year, holidays, workdays }) => ({ year, holidays, workdays })),
  });
}

export interface CalendarStatus {
  countyId: string;
  lastPackageYear: number;
  years: DataCoverage[];
}

/** Whether this year and next have an official calendar, or deadlines fall back to Mon–Fri. */
export async function workCalendarStatus(ctx: ActionContext): Promise<CalendarStatus> {
  const countyId = await callerCountyId(ctx, ['county', 'township', 'federation']);
  const calendar = await loadWorkCalendar(ctx.store, countyId);
  const thisYear = Number(beijingDayOf(ctx.clock.now()).slice(0, 4));
  return {
    countyId,
    lastPackageYear: lastYearWithPackageData(),
    years: [thisYear, thisYear + 1].map((year) => calendar.dataCoverage(year)),
  };
}

/** The county bureau stores a year's official schedule (国务院办公厅 notice), replacing the package's data. */
export async function setWorkCalendar(ctx: ActionContext, input: YearSchedule): Promise<DataCoverage> {
  const countyId = await callerCountyId(ctx, ['county']);
  const check = validateYearSchedule(input);
  if (!check.ok) {
    throw new AppError(
      'BAD_REQUEST',
      `invalid year schedule: ${check.errors.map((error) => error.code + (error.day ? ` ${error.day}` : '')).join(', ')}`,
      `年度工作日安排有误：${check.errors
        .slice(0, 3)
        .map((error) => error.message)
        .join('；')}`,
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
  return (await loadWorkCalendar(ctx.store, countyId)).dataCoverage(check.schedule.year);
}

/** The county a county-level caller works for; a township officer reads its county's calendar. */
async function callerCountyId(ctx: ActionContext, roles: readonly Role[]): Promise<string> {
  const grant = ctx.caller.grants.find((g) => roles.includes(g.role) && g.areaId !== null);
  if (!grant?.areaId) throw new AppError('FORBIDDEN', `caller holds none of [${roles.join(',')}] for the calendar`);
  if (grant.role !== 'township') return grant.areaId;
  const township = await ctx.store.get<AreaDoc>(COLLECTIONS.areas, grant.areaId);
  if (!township) throw new AppError('NOT_FOUND', `township ${grant.areaId} not found`);
  return township.countyId;
}
