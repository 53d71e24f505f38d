/**
 * The society's monthly reports for its secretary and president (R-PROC-8): what was sent to the
 * township and the federation, every version kept; generate a past month on demand, correct a
 * sent one with a note. Pure: tested without rendering.
 */
import {
  addMonths,
  beijingMonthOf,
  isMonth,
  monthLabel,
  type Month,
  type MonthlyReportView,
} from '../../../../domain/funds';
import type { MeView, Role } from '../../../../domain/society';
import { toReportCard, type ReportCard } from '../../../../utils/fund-format';

export const MISSING_SOCIETY_MESSAGE = '缺少互助社编号，请从工作台进入';
export const NOT_AN_OFFICER_MESSAGE = '月报仅向本社秘书长、社长和监督委员会以及乡镇、联合会公开';
export const NO_REPORTS_MESSAGE = '还没有报送过月报（每月1日自动生成上月月报）';
export const MISSING_NOTE_MESSAGE = '请写明更正的原因';
export const NOTE_MAX = 300;
export const REPORT_WRITERS: readonly Role[] = ['secretary', 'president'];

export interface OfficerReportRow extends ReportCard {
  canCorrect: boolean;
}

export interface OfficerReportsScreen {
  rows: OfficerReportRow[];
  canWrite: boolean;
}

export function rolesIn(me: MeView, societyId: string): Role[] {
  return [...new Set(me.roles.filter((grant) => grant.societyId === societyId).map((grant) => grant.role))];
}

export function toOfficerReportsScreen(reports: MonthlyReportView[], roles: readonly Role[]): OfficerReportsScreen {
  const canWrite = roles.some((role) => REPORT_WRITERS.includes(role));
  return {
    canWrite,
    rows: reports.map((report) => ({ ...toReportCard(report), canCorrect: canWrite && report.latest })),
  };
}

/** The month the 1st's run reports on: last month (Beijing), the default to generate. */
export function lastMonth(now: Date): Month {
  return addMonths(beijingMonthOf(now), -1);
}

export function generatedText(report: MonthlyReportView & { created: boolean }): string {
  return report.created
    ? `${report.monthLabel}月报已生成并报送${report.sentTo.join('、')}`
    : `${report.monthLabel}月报已报送过，如有错误请更正`;
}

export function monthText(month: Month): string {
  return isMonth(month) ? monthLabel(month) : '选择月份';
}

export function correctionProblem(note: string): string {
  const text = note.trim();
  if (!text) return MISSING_NOTE_MESSAGE;
  return Array.from(text).length > NOTE_MAX ? `更正说明最多 ${NOTE_MAX} 字` : '';
}
