/** One monthly report in full (R-PROC-8), for whoever received it or sent it. Pure. */
import type { MonthlyReportView } from '../../../../domain/funds';
import { toReportCard, type ReportCard } from '../../../../utils/fund-format';

export const MISSING_REPORT_MESSAGE = '缺少月报编号，请从月报列表进入';
export const NOT_A_READER_MESSAGE = '月报仅向本社干部、监督委员会以及乡镇、县民政局和联合会公开';
export const SUPERSEDED_MESSAGE = '这一版已被更正，请以最新版本为准';

export interface MonthlyReportScreen {
  card: ReportCard;
  superseded: boolean;
}

export function toMonthlyReportScreen(view: MonthlyReportView): MonthlyReportScreen {
  return { card: toReportCard(view), superseded: !view.latest };
}
