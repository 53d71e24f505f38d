/**
 * The county's working-day calendar as the pages see it (R-PROC-3, R-PROC-4): whether a year's
 * official holiday arrangement is known, the statutory holidays the law gives, and the entry of an
 * arrangement as the county bureau types it from the 国务院办公厅 notice. Pure: no wx.
 */

/** Where a year's working days come from (see server/domain/workdays.ts). */
export type CalendarSource = 'package' | 'county' | 'statutory' | 'none';

export const CALENDAR_SOURCE_LABELS: Record<CalendarSource, string> = {
  package: '已有官方安排（系统内置）',
  county: '已录入官方安排',
  statutory: '未录入：按法定节假日推算（暂定）',
  none: '未录入：按周一至周五计算（暂定）',
};

export interface StatutoryHolidayView {
  name: string;
  label: string;
  days: string[];
}

export interface WorkCalendarYearView {
  year: number;
  source: CalendarSource;
  /** Deadlines in this year are 暂定 until its arrangement is entered. */
  provisional: boolean;
  statutory: StatutoryHolidayView[];
  estimatedSubstituteDays: string[];
  entered: { holidays: string[]; workdays: string[]; recordedAt: string; recordedByName: string | null } | null;
}

export interface WorkCalendarView {
  countyId: string;
  lastPackageYear: number;
  years: WorkCalendarYearView[];
}

export interface SetWorkCalendarResult {
  coverage: { year: number; source: CalendarSource; provisional: boolean };
  recomputedCases: number;
  /** Open objections whose answer deadline moved. */
  recomputedObjections: number;
}

export interface DayListParse {
  days: string[];
  /** Chinese, one per bad piece of text. */
  problems: string[];
}

const pad = (n: number) => String(n).padStart(2, '0');

function isRealDay(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** '2027-02-05', '2027/2/5', '2月5日', '2-5', '2.5' (the year given) → '2027-02-05', or null. */
function parseDay(text: string, year: number): string | null {
  const full = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(text);
  const short = /^(\d{1,2})[-/.月](\d{1,2})日?$/.exec(text);
  const [y, m, d] = full
    ? [Number(full[1]), Number(full[2]), Number(full[3])]
    : short
      ? [year, Number(short[1]), Number(short[2])]
      : [NaN, NaN, NaN];
  if (!isRealDay(y, m, d)) return null;
  return `${y}-${pad(m)}-${pad(d)}`;
}

function addDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

/**
 * The dates a county officer types, as the State Council's notice writes them: separated by
 * commas, 、, spaces or lines; a range with 至 or ~ ('2月5日至2月13日', '2027-10-01~2027-10-07', and
 * '2月5日至13日' within a month). Dates outside `year` are left to the server's check, which says so.
 */
export function parseDayList(text: string, year: number): DayListParse {
  const days: string[] = [];
  const problems: string[] = [];
  const pieces = text
    .split(/[\s,，、;；]+/)
    .map((piece) => piece.trim())
    .filter(Boolean);
  for (const piece of pieces) {
    const range = /^(.+?)(?:至|~|～|到)(.+)$/.exec(piece);
    if (!range) {
      const day = parseDay(piece, year);
      if (day) days.push(day);
      else problems.push(`看不懂的日期：${piece}`);
      continue;
    }
    const start = parseDay(range[1]!, year);
    let endText = range[2]!;
    // '2月5日至13日': the end is a day of the start's month.
    const dayOnly = /^(\d{1,2})日?$/.exec(endText);
    if (start && dayOnly) endText = `${start.slice(0, 7)}-${pad(Number(dayOnly[1]))}`;
    const end = parseDay(endText, year);
    if (!start || !end || end < start) {
      problems.push(`看不懂的日期范围：${piece}`);
      continue;
    }
    if (Date.parse(end) - Date.parse(start) > 40 * 86_400_000) {
      problems.push(`日期范围太长：${piece}`);
      continue;
    }
    for (let day = start; day <= end; day = addDay(day)) days.push(day);
  }
  return { days, problems };
}

/** ['2027-02-05', '2027-02-06', '2027-02-07', '2027-04-05'] → 「2月5日至7日、4月5日」. */
export function formatDayList(days: readonly string[]): string {
  const sorted = [...new Set(days)].sort();
  const parts: string[] = [];
  let i = 0;
  while (i < sorted.length) {
    let j = i;
    while (j + 1 < sorted.length && addDay(sorted[j]!) === sorted[j + 1]) j += 1;
    const start = sorted[i]!;
    const end = sorted[j]!;
    const label = (day: string) => `${Number(day.slice(5, 7))}月${Number(day.slice(8, 10))}日`;
    if (i === j) parts.push(label(start));
    else if (start.slice(0, 7) === end.slice(0, 7)) parts.push(`${label(start)}至${Number(end.slice(8, 10))}日`);
    else parts.push(`${label(start)}至${label(end)}`);
    i = j + 1;
  }
  return parts.join('、');
}
