/**
 * The county's holiday arrangements (R-PROC-3, R-PROC-4), shaped for the screen: per year, whether
 * the official arrangement is known (else deadlines are 暂定, and why), the statutory holidays the
 * law gives, and the entry form pre-filled from what was entered or from the law. Pure.
 */
import { formatBeijingTime } from '../../../../domain/case';
import {
  CALENDAR_SOURCE_LABELS,
  formatDayList,
  parseDayList,
  type WorkCalendarView,
  type WorkCalendarYearView,
} from '../../../../domain/work-calendar';
import type { Role } from '../../../../domain/society';

export const NOT_COUNTY_LEVEL_MESSAGE = '放假调休安排由县民政局录入，乡镇和联合会可以查看';
export const INTRO_TEXT =
  '救助的办理时限按工作日计算。国务院每年公布下一年的放假调休安排后，请县民政局在此录入；未录入的年份按法定节假日推算，时限显示为“暂定”。';
export const FORMAT_HINT = '按国务院通知填写，例：1月1日至3日、2月5日至13日；日期之间用顿号、逗号或换行分开';

export interface CalendarYearCard {
  year: number;
  statusLabel: string;
  statusTheme: 'success' | 'warning';
  provisional: boolean;
  /** Why deadlines in the year are 暂定, in one line; empty when not. */
  provisionalText: string;
  statutoryLines: string[];
  substituteText: string;
  enteredLines: string[];
  canEdit: boolean;
  editLabel: string;
}

export interface WorkCalendarScreen {
  cards: CalendarYearCard[];
}

function statusTheme(year: WorkCalendarYearView): CalendarYearCard['statusTheme'] {
  return year.provisional ? 'warning' : 'success';
}

export function toWorkCalendarScreen(view: WorkCalendarView, roles: readonly Role[]): WorkCalendarScreen {
  const canEdit = roles.includes('county');
  return {
    cards: view.years.map((year) => ({
      year: year.year,
      statusLabel: CALENDAR_SOURCE_LABELS[year.source],
      statusTheme: statusTheme(year),
      provisional: year.provisional,
      provisionalText: year.provisional
        ? `${year.year}年的放假调休安排还未录入：办理时限只避开法定节假日，不知道哪些周末调休上班，都标为“暂定”；录入后在办案件的时限会自动重新计算。`
        : '',
      statutoryLines: year.statutory.map((holiday) => `${holiday.label}：${formatDayList(holiday.days)}`),
      substituteText:
        year.provisional && year.estimatedSubstituteDays.length > 0
          ? `法定节假日逢周末须补假，暂按其后的工作日推算：${formatDayList(year.estimatedSubstituteDays)}`
          : '',
      enteredLines: year.entered
        ? [
            `放假：${formatDayList(year.entered.holidays)}（共 ${year.entered.holidays.length} 天）`,
            `调休上班：${year.entered.workdays.length > 0 ? formatDayList(year.entered.workdays) : '无'}`,
            `${year.entered.recordedByName ?? '县民政局'} 录入于 ${formatBeijingTime(year.entered.recordedAt, true)}`,
          ]
        : [],
      canEdit,
      editLabel: year.entered ? `修改${year.year}年安排` : `录入${year.year}年安排`,
    })),
  };
}

export interface CalendarForm {
  year: number;
  holidaysText: string;
  workdaysText: string;
}

/** The form starts from what was entered, or from the statutory days and the estimated 补假. */
export function initialForm(year: WorkCalendarYearView): CalendarForm {
  if (year.entered) {
    return {
      year: year.year,
      holidaysText: formatDayList(year.entered.holidays),
      workdaysText: formatDayList(year.entered.workdays),
    };
  }
  const statutory = year.statutory.flatMap((holiday) => holiday.days);
  return { year: year.year, holidaysText: formatDayList(statutory), workdaysText: '' };
}

export type FormCheck =
  | { ok: true; schedule: { year: number; holidays: string[]; workdays: string[] }; summary: string }
  | { ok: false; problems: string[] };

/** What the page can tell before sending: dates it cannot read. The server checks the rest (the year, the law's days, weekends). */
export function checkForm(form: CalendarForm): FormCheck {
  const holidays = parseDayList(form.holidaysText, form.year);
  const workdays = parseDayList(form.workdaysText, form.year);
  const problems = [
    ...holidays.problems.map((problem) => `放假日期中${problem}`),
    ...workdays.problems.map((problem) => `调休上班日期中${problem}`),
  ];
  if (holidays.days.length === 0) problems.push('请填写放假日期');
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    schedule: { year: form.year, holidays: holidays.days, workdays: workdays.days },
    summary: `放假 ${holidays.days.length} 天，调休上班 ${workdays.days.length} 天`,
  };
}
