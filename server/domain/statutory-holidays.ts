/**
 * The statutory holidays (法定节假日) of any year, by the 全国年节及纪念日放假办法 in force that year,
 * so that a deadline in a year whose official arrangement (国务院办公厅 notice) is not entered still
 * skips them (R-PROC-3, R-PROC-4). Lunar dates and the 清明 solar term come from tyme4ts, which
 * computes them astronomically for any year (no table that ends).
 *
 * The 办法 in force:
 * - from 2008 (国务院令第513号): 元旦 1, 春节 3 (除夕, 正月初一, 初二), 清明 1, 劳动节 1, 端午 1, 中秋 1, 国庆 3;
 * - from 2014 (国务院令第644号): 春节 正月初一 to 初三;
 * - from 2025 (国务院令第795号): 春节 除夕 to 正月初三 (4), 劳动节 5月1日–2日 (2).
 * Art. 6 of the 办法: a holiday of all citizens that falls on a Saturday or Sunday is made up on a
 * working day (补假). Which day is the State Council's choice; our estimate, used only while the
 * year's arrangement is missing, is the first weekdays after the holiday (see `substituteDaysOff`).
 * What no law fixes — make-up working days and bridging days (调休) — is left to the arrangement the
 * county enters; until then a deadline in that year is provisional (暂定).
 */
import { LunarDay, SolarDay, SolarTerm } from 'tyme4ts';

/** A Beijing calendar day, 'YYYY-MM-DD'. */
type Day = string;

export type StatutoryHolidayName =
  'newYear' | 'springFestival' | 'qingming' | 'labourDay' | 'dragonBoat' | 'midAutumn' | 'nationalDay';

export const STATUTORY_HOLIDAY_LABELS: Record<StatutoryHolidayName, string> = {
  newYear: '元旦',
  springFestival: '春节',
  qingming: '清明节',
  labourDay: '劳动节',
  dragonBoat: '端午节',
  midAutumn: '中秋节',
  nationalDay: '国庆节',
};

export interface StatutoryHoliday {
  name: StatutoryHolidayName;
  label: string;
  /** The days the 办法 gives, in order. */
  days: Day[];
}

/** The first year the 2008 办法 (清明, 端午, 中秋 as holidays) applies; no earlier year is computed. */
export const FIRST_STATUTORY_YEAR = 2008;
/** tyme4ts computes lunar dates far beyond this; the bound only keeps input sane. */
export const LAST_STATUTORY_YEAR = 2199;

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function dayOf(solar: SolarDay): Day {
  return `${solar.getYear()}-${pad(solar.getMonth())}-${pad(solar.getDay())}`;
}

function solar(year: number, month: number, day: number): Day {
  return `${year}-${pad(month)}-${pad(day)}`;
}

/** The solar days of lunar month/day `from`..`to` (inclusive) of lunar year `year`; day 0 is 除夕 (the day before 正月初一). */
function lunarDays(year: number, month: number, from: number, to: number): Day[] {
  const first = LunarDay.fromYmd(year, month, 1).getSolarDay();
  const days: Day[] = [];
  for (let d = from; d <= to; d += 1) days.push(dayOf(first.next(d - 1)));
  return days;
}

function qingming(year: number): Day {
  return dayOf(SolarTerm.fromName(year, '清明').getJulianDay().getSolarDay());
}

function checkYear(year: number): void {
  if (!Number.isInteger(year) || year < FIRST_STATUTORY_YEAR || year > LAST_STATUTORY_YEAR) {
    throw new RangeError(`no statutory holidays computed for year ${year}`);
  }
}

/**
 * The statutory holidays of a Gregorian year by the 办法 in force then. 春节 belongs to the year of
 * its 正月初一; a 除夕 in the previous December never happens (正月初一 is between 21 Jan and 20 Feb).
 */
export function statutoryHolidays(year: number): StatutoryHoliday[] {
  checkYear(year);
  const springFestival =
    year >= 2025 ? lunarDays(year, 1, 0, 3) : year >= 2014 ? lunarDays(year, 1, 1, 3) : lunarDays(year, 1, 0, 2);
  const labourDay = year >= 2025 ? [solar(year, 5, 1), solar(year, 5, 2)] : [solar(year, 5, 1)];
  const list: Array<[StatutoryHolidayName, Day[]]> = [
    ['newYear', [solar(year, 1, 1)]],
    ['springFestival', springFestival],
    ['qingming', [qingming(year)]],
    ['labourDay', labourDay],
    ['dragonBoat', lunarDays(year, 5, 5, 5)],
    ['midAutumn', lunarDays(year, 8, 15, 15)],
    ['nationalDay', [solar(year, 10, 1), solar(year, 10, 2), solar(year, 10, 3)]],
  ];
  return list.map(([name, days]) => ({ name, label: STATUTORY_HOLIDAY_LABELS[name], days }));
}

function weekdayOf(day: Day): number {
  return new Date(`${day}T00:00:00Z`).getUTCDay();
}

function nextDay(day: Day): Day {
  return new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

/**
 * 补假 (art. 6), estimated: each statutory day that falls on a Saturday or Sunday, or on another
 * statutory day, is made up on the first weekday after the run of days off it belongs to that is
 * not itself a holiday. The official arrangement may choose another day; the deadline says 暂定.
 */
export function substituteDaysOff(year: number): Day[] {
  const holidays = statutoryHolidays(year);
  const seen = new Set<Day>();
  const owedByRunEnd = new Map<Day, number>();
  for (const holiday of holidays) {
    const owed: Day[] = [];
    for (const day of holiday.days) {
      const weekday = weekdayOf(day);
      if (weekday === 0 || weekday === 6 || seen.has(day)) owed.push(day);
      seen.add(day);
    }
    if (owed.length === 0) continue;
    const last = holiday.days[holiday.days.length - 1]!;
    owedByRunEnd.set(last, (owedByRunEnd.get(last) ?? 0) + owed.length);
  }
  const off = new Set(seen);
  const substitutes: Day[] = [];
  for (const [runEnd, count] of [...owedByRunEnd.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    let day = runEnd;
    for (let given = 0; given < count;) {
      day = nextDay(day);
      const weekday = weekdayOf(day);
      if (weekday === 0 || weekday === 6 || off.has(day)) continue;
      off.add(day);
      substitutes.push(day);
      given += 1;
    }
  }
  return substitutes.sort();
}

/** Every day off a year without an entered arrangement is assumed to have: statutory days and their 补假. */
export function statutoryDaysOff(year: number): Day[] {
  const days = statutoryHolidays(year).flatMap((holiday) => holiday.days);
  return [...new Set([...days, ...substituteDaysOff(year)])].sort();
}
