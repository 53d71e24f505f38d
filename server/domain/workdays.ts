/**
 * The working-day clock for R-PROC-3 (home visit and review opinion within 1 working day of
 * acceptance) and R-PROC-4 (disbursement within 1 working day of approval). Working days follow
 * the national holiday calendar with make-up working days (调休), in Beijing time (UTC+8).
 *
 * Data: the chinese-days package's own data file, read directly rather than through its
 * functions. Its functions build their tables with the process's local time zone, and west of UTC
 * they are off by one day (with TZ=America/New_York, isWorkday(2026-10-10, a make-up Saturday)
 * is false); the data file is plain 'YYYY-MM-DD' keys. A county may store the official schedule
 * of a year (YearSchedule), which replaces the package's data for that year. The package stops at
 * its last year; a year neither it nor the county covers has its statutory holidays computed by law
 * (./statutory-holidays.ts), and its deadlines are provisional (暂定) until the county enters the
 * year's official arrangement, because only that says which weekends are worked (调休).
 *
 * Beijing has no daylight saving time, so a fixed +8 h offset is exact; all arithmetic is on
 * UTC fields, never the machine's zone.
 */
import packageCalendarJson from 'chinese-days/dist/chinese-days.json';
import { FIRST_STATUTORY_YEAR, LAST_STATUTORY_YEAR, statutoryDaysOff, statutoryHolidays } from './statutory-holidays';

/** A Beijing calendar day, 'YYYY-MM-DD'. */
export type Day = string;

/** The county's stored official schedule of one year; replaces the package's data for that year. */
export interface YearSchedule {
  year: number;
  /** Days off, weekends inside a holiday included or not. */
  holidays: Day[];
  /** Make-up working days (调休上班), always a Saturday or Sunday. */
  workdays: Day[];
}

/**
 * Where a year's working days come from: the official arrangement in the package's data or as the
 * county entered it; the statutory holidays computed by law (no 调休 known); or, before the first
 * year the law is computed for, plain Mon–Fri.
 */
export type CoverageSource = 'package' | 'county' | 'statutory' | 'none';

export interface DataCoverage {
  year: number;
  source: CoverageSource;
  /** True unless the year's official arrangement is known: deadlines in it are 暂定, and the pages say why. */
  provisional: boolean;
}

export interface TimeLeft {
  /** now is past due (at due exactly, not yet overdue). */
  overdue: boolean;
  /** due − now on the wall clock; negative when overdue. */
  wallMs: number;
  /** Working-day time between now and due, the measure the deadline is made of; negative when overdue. */
  workingMs: number;
}

export interface WorkCalendar {
  /** An instant is read as its Beijing calendar day. */
  isWorkday(date: Date | Day): boolean;
  /** The first working day strictly after `day`. */
  nextWorkday(day: Day): Day;
  /**
   * The deadline n working days after `from` (R-PROC-3, R-PROC-4). The rule, in "working time"
   * (time that passes on working days only), 1 working day being 24 hours of it:
   * - `from` on a working day: the same Beijing clock time on the n-th following working day
   *   (Fri 15:00 → Mon 15:00; 2026-09-30 17:00 → 2026-10-08 17:00 across National Day).
   * - `from` on a non-working day: counting starts at 00:00 of the next working day, so the
   *   deadline is 00:00 of the n-th working day after that one (Sat 10:00 → Tue 00:00, i.e.
   *   all of Monday). Of the instants with the same working time the latest is returned, which is
   *   also why 00:00 on a working day counts as that day.
   * n = 0 gives `from` itself, or the start of the next working day.
   */
  addWorkingDays(from: Date, n: number): Date;
  /** Working-day time in [from, to), in ms; negative when to < from. */
  workingTimeBetween(from: Date, to: Date): number;
  /** For "剩余 / 已超时" displays. */
  remainingTime(due: Date, now: Date): TimeLeft;
  /** Where the calendar of a year comes from, and whether it is the Mon–Fri fallback. */
  dataCoverage(year: number): DataCoverage;
  /** dataCoverage of every Beijing year from `from` to `to`, for flagging a deadline that crossed a fallback year. */
  coverageBetween(from: Date, to: Date): DataCoverage[];
}

export interface WorkCalendarOptions {
  overrides?: readonly YearSchedule[];
}

export type YearScheduleErrorCode =
  | 'shape'
  | 'year'
  | 'malformed-date'
  | 'outside-year'
  | 'duplicate'
  | 'holiday-and-workday'
  | 'workday-not-weekend'
  | 'statutory-day-missing';

export interface YearScheduleError {
  code: YearScheduleErrorCode;
  /** The offending day, when there is one. */
  day?: string;
  message: string;
}

export type YearScheduleCheck = { ok: true; schedule: YearSchedule } | { ok: false; errors: YearScheduleError[] };

const DAY_MS = 86_400_000;
const BEIJING_OFFSET_MS = 8 * 3_600_000;
/** A run of non-working days longer than this means broken data, not a holiday. */
const MAX_DAYS_WITHOUT_WORK = 60;
const MIN_SCHEDULE_YEAR = FIRST_STATUTORY_YEAR;
const MAX_SCHEDULE_YEAR = LAST_STATUTORY_YEAR;

interface DayTable {
  holidays: ReadonlySet<Day>;
  workdays: ReadonlySet<Day>;
}

interface PackageCalendarData {
  holidays: Record<Day, string>;
  workdays: Record<Day, string>;
}

const packageCalendar: PackageCalendarData = packageCalendarJson;

const packageYears = Object.keys(packageCalendar.holidays)
  .concat(Object.keys(packageCalendar.workdays))
  .map((day) => Number(day.slice(0, 4)));
const FIRST_PACKAGE_YEAR = Math.min(...packageYears);
const LAST_PACKAGE_YEAR = Math.max(...packageYears);

/** The first year the installed chinese-days has holiday data for. */
export function firstYearWithPackageData(): number {
  return FIRST_PACKAGE_YEAR;
}

/** The last year the installed chinese-days has holiday data for (read from its data, so an upgrade moves it). */
export function lastYearWithPackageData(): number {
  return LAST_PACKAGE_YEAR;
}

const packageTable: DayTable = {
  holidays: new Set(Object.keys(packageCalendar.holidays)),
  workdays: new Set(Object.keys(packageCalendar.workdays)),
};

/** Days since 1970-01-01 of a Beijing calendar day. */
function dayNumber(day: Day): number {
  return Date.parse(`${day}T00:00:00Z`) / DAY_MS;
}

function dayOfNumber(n: number): Day {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}

function beijingDayNumber(instant: Date): number {
  return Math.floor((instant.getTime() + BEIJING_OFFSET_MS) / DAY_MS);
}

/** 0 = Sunday … 6 = Saturday; 1970-01-01 was a Thursday. */
function weekdayOf(n: number): number {
  return (((n + 4) % 7) + 7) % 7;
}

function isCalendarDay(text: unknown): text is Day {
  if (typeof text !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const ms = Date.parse(`${text}T00:00:00Z`);
  return !Number.isNaN(ms) && new Date(ms).toISOString().slice(0, 10) === text;
}

function assertValidInstant(instant: Date, label: string): void {
  if (!(instant instanceof Date) || Number.isNaN(instant.getTime()))
    throw new RangeError(`${label} is not a valid date`);
}

/** The Beijing calendar day of an instant, whatever the machine's time zone. */
export function beijingDayOf(instant: Date): Day {
  assertValidInstant(instant, 'instant');
  return dayOfNumber(beijingDayNumber(instant));
}

/** The instant of 00:00 Beijing time on `day`. */
export function beijingStartOf(day: Day): Date {
  if (!isCalendarDay(day)) throw new RangeError(`not a calendar day: ${String(day)}`);
  return new Date(dayNumber(day) * DAY_MS - BEIJING_OFFSET_MS);
}

/** Checks a county-entered schedule and returns it sorted and de-duplicated. */
export function validateYearSchedule(input: unknown): YearScheduleCheck {
  const errors: YearScheduleError[] = [];
  if (typeof input !== 'object' || input === null) {
    return { ok: false, errors: [{ code: 'shape', message: '年度安排必须是对象' }] };
  }
  const { year, holidays, workdays } = input as Record<string, unknown>;
  const yearIsValid =
    typeof year === 'number' && Number.isInteger(year) && year >= MIN_SCHEDULE_YEAR && year <= MAX_SCHEDULE_YEAR;
  if (!yearIsValid) {
    errors.push({ code: 'year', message: `年份无效：${String(year)}` });
  }
  const isDayList = (list: unknown): list is unknown[] => Array.isArray(list);
  if (!isDayList(holidays) || !isDayList(workdays)) {
    errors.push({ code: 'shape', message: 'holidays 和 workdays 必须是日期数组' });
    return { ok: false, errors };
  }
  const seen = new Set<string>();
  const checkList = (list: unknown[], label: string): Day[] => {
    const good: Day[] = [];
    for (const entry of list) {
      if (isCalendarDay(entry) && seen.has(entry)) {
        errors.push({ code: 'duplicate', day: entry, message: `${entry} 填了不止一次` });
        continue;
      }
      if (isCalendarDay(entry)) seen.add(entry);
      if (!isCalendarDay(entry)) {
        errors.push({
          code: 'malformed-date',
          day: String(entry),
          message: `${label}日期格式无效（应为 YYYY-MM-DD）：${String(entry)}`,
        });
      } else if (yearIsValid && Number(entry.slice(0, 4)) !== year) {
        errors.push({ code: 'outside-year', day: entry, message: `${label}日期 ${entry} 不在 ${String(year)} 年内` });
      } else {
        good.push(entry);
      }
    }
    return good.sort();
  };
  const holidayDays = checkList(holidays, '放假');
  const holidaySet = new Set(holidayDays);
  const workDays = checkList(
    workdays.filter((day) => {
      if (!isCalendarDay(day) || !holidaySet.has(day)) return true;
      errors.push({ code: 'holiday-and-workday', day, message: `${day} 不能既放假又上班` });
      return false;
    }),
    '调休上班',
  );
  for (const day of workDays) {
    const weekday = weekdayOf(dayNumber(day));
    if (weekday !== 0 && weekday !== 6) {
      errors.push({ code: 'workday-not-weekend', day, message: `调休上班日 ${day} 不是周六或周日` });
    }
  }
  // An arrangement always gives every statutory day off (全国年节及纪念日放假办法): one missing is a typo.
  if (yearIsValid) {
    for (const holiday of statutoryHolidays(year)) {
      for (const day of holiday.days) {
        if (!holidaySet.has(day)) {
          errors.push({
            code: 'statutory-day-missing',
            day,
            message: `${day}（${holiday.label}）是法定节假日，应在放假日期中`,
          });
        }
      }
    }
  }
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, schedule: { year: year as number, holidays: holidayDays, workdays: workDays } };
}

export function createWorkCalendar(options: WorkCalendarOptions = {}): WorkCalendar {
  const countyTables = new Map<number, DayTable>();
  for (const override of options.overrides ?? []) {
    const check = validateYearSchedule(override);
    if (!check.ok) {
      throw new RangeError(`invalid schedule: ${check.errors.map((error) => error.message).join('; ')}`);
    }
    const { schedule } = check;
    if (countyTables.has(schedule.year)) throw new RangeError(`two schedules for ${schedule.year}`);
    countyTables.set(schedule.year, { holidays: new Set(schedule.holidays), workdays: new Set(schedule.workdays) });
  }

  function dataCoverage(year: number): DataCoverage {
    if (!Number.isInteger(year)) throw new RangeError(`not a year: ${year}`);
    if (countyTables.has(year)) return { year, source: 'county', provisional: false };
    if (year >= FIRST_PACKAGE_YEAR && year <= LAST_PACKAGE_YEAR) return { year, source: 'package', provisional: false };
    if (year >= FIRST_STATUTORY_YEAR && year <= LAST_STATUTORY_YEAR) {
      return { year, source: 'statutory', provisional: true };
    }
    return { year, source: 'none', provisional: true };
  }

  const statutoryTables = new Map<number, DayTable>();
  function tableFor(year: number): DayTable | null {
    const county = countyTables.get(year);
    if (county) return county;
    if (year >= FIRST_PACKAGE_YEAR && year <= LAST_PACKAGE_YEAR) return packageTable;
    if (year < FIRST_STATUTORY_YEAR || year > LAST_STATUTORY_YEAR) return null;
    let table = statutoryTables.get(year);
    if (!table) {
      table = { holidays: new Set(statutoryDaysOff(year)), workdays: new Set() };
      statutoryTables.set(year, table);
    }
    return table;
  }

  // Same rule as chinese-days' own isWorkday: a listed make-up day works, else Mon–Fri unless a holiday.
  function isWorkdayNumber(n: number): boolean {
    const day = dayOfNumber(n);
    const weekday = weekdayOf(n);
    const table = tableFor(Number(day.slice(0, 4)));
    if (table?.workdays.has(day)) return true;
    return weekday >= 1 && weekday <= 5 && !table?.holidays.has(day);
  }

  function nextWorkdayNumber(n: number): number {
    for (let next = n + 1; next <= n + MAX_DAYS_WITHOUT_WORK; next += 1) {
      if (isWorkdayNumber(next)) return next;
    }
    throw new RangeError(`no working day within ${MAX_DAYS_WITHOUT_WORK} days after ${dayOfNumber(n)}`);
  }

  function workingTimeForward(from: number, to: number): number {
    let total = 0;
    for (let n = Math.floor((from + BEIJING_OFFSET_MS) / DAY_MS); n * DAY_MS - BEIJING_OFFSET_MS < to; n += 1) {
      if (!isWorkdayNumber(n)) continue;
      const start = Math.max(from, n * DAY_MS - BEIJING_OFFSET_MS);
      const end = Math.min(to, (n + 1) * DAY_MS - BEIJING_OFFSET_MS);
      if (end > start) total += end - start;
    }
    return total;
  }

  function workingTimeBetween(from: Date, to: Date): number {
    assertValidInstant(from, 'from');
    assertValidInstant(to, 'to');
    const a = from.getTime();
    const b = to.getTime();
    return b >= a ? workingTimeForward(a, b) : -workingTimeForward(b, a);
  }

  return {
    isWorkday(date) {
      if (date instanceof Date) {
        assertValidInstant(date, 'date');
        return isWorkdayNumber(beijingDayNumber(date));
      }
      if (!isCalendarDay(date)) throw new RangeError(`not a calendar day: ${String(date)}`);
      return isWorkdayNumber(dayNumber(date));
    },

    nextWorkday(day) {
      if (!isCalendarDay(day)) throw new RangeError(`not a calendar day: ${String(day)}`);
      return dayOfNumber(nextWorkdayNumber(dayNumber(day)));
    },

    addWorkingDays(from, n) {
      assertValidInstant(from, 'from');
      if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`working days must be a whole number ≥ 0: ${n}`);
      const local = from.getTime() + BEIJING_OFFSET_MS;
      let day = Math.floor(local / DAY_MS);
      let timeOfDay = local - day * DAY_MS;
      if (!isWorkdayNumber(day)) {
        day = nextWorkdayNumber(day);
        timeOfDay = 0;
      }
      for (let i = 0; i < n; i += 1) day = nextWorkdayNumber(day);
      return new Date(day * DAY_MS + timeOfDay - BEIJING_OFFSET_MS);
    },

    workingTimeBetween,

    remainingTime(due, now) {
      const workingMs = workingTimeBetween(now, due);
      const wallMs = due.getTime() - now.getTime();
      return { overdue: wallMs < 0, wallMs, workingMs };
    },

    dataCoverage,

    coverageBetween(from, to) {
      const firstYear = Number(beijingDayOf(from).slice(0, 4));
      const lastYear = Number(beijingDayOf(to).slice(0, 4));
      const years: DataCoverage[] = [];
      for (let year = Math.min(firstYear, lastYear); year <= Math.max(firstYear, lastYear); year += 1) {
        years.push(dataCoverage(year));
      }
      return years;
    },
  };
}
