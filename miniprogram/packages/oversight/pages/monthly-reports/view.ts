/**
 * The monthly reports a township or the federation received (R-PROC-8): by month, one line per
 * society with its latest version, closing balance and whether it agrees with the ledger. Pure.
 */
import { formatYuan } from '../../../../domain/money';
import type { MonthlyReportView } from '../../../../domain/funds';
import { MONTHLY_REPORT_DETAIL_PATH } from '../../../../utils/fund-format';

export const NOT_A_RECEIVER_MESSAGE = '月报由乡镇、县民政局和县慈善协会互助社联合会查看';
export const NO_REPORTS_MESSAGE = '还没有收到月报（每月1日各互助社自动报送上月月报）';

export interface ReceivedReportRow {
  id: string;
  societyName: string;
  townshipName: string;
  versionText: string;
  figuresText: string;
  casesText: string;
  reconciled: boolean;
  reconciledLabel: string;
  url: string;
}

export interface ReceivedMonth {
  month: string;
  monthLabel: string;
  rows: ReceivedReportRow[];
}

export interface ReceivedReportsScreen {
  months: ReceivedMonth[];
  /** 共 3 份月报，来自 2 个互助社 */
  summary: string;
}

export function toReceivedRow(view: MonthlyReportView): ReceivedReportRow {
  return {
    id: view.id,
    societyName: view.societyName,
    townshipName: view.townshipName,
    versionText: view.version > 1 ? `第${view.version}版（更正）` : '第1版',
    figuresText: `收入 ${formatYuan(view.ledger.inFen)}，支出 ${formatYuan(view.ledger.outFen)}，月末余额 ${formatYuan(
      view.ledger.closingFen,
    )}`,
    casesText: `收到申请 ${view.cases.received} 件，发放 ${view.cases.paid} 人次，超过时限 ${view.cases.deadlinesMissed} 项`,
    reconciled: view.ledger.reconciled,
    reconciledLabel: view.ledger.reconciled ? '与台账一致' : '与台账不一致',
    url: `${MONTHLY_REPORT_DETAIL_PATH}?reportId=${encodeURIComponent(view.id)}`,
  };
}

/** Latest versions, newest month first (the cloud's order), grouped by month. */
export function toReceivedReportsScreen(reports: MonthlyReportView[]): ReceivedReportsScreen {
  const months: ReceivedMonth[] = [];
  for (const report of reports) {
    let group = months.find((candidate) => candidate.month === report.month);
    if (!group) {
      group = { month: report.month, monthLabel: report.monthLabel, rows: [] };
      months.push(group);
    }
    group.rows.push(toReceivedRow(report));
  }
  const societies = new Set(reports.map((report) => report.societyId)).size;
  return {
    months,
    summary: reports.length === 0 ? '' : `共 ${reports.length} 份月报，来自 ${societies} 个互助社`,
  };
}
