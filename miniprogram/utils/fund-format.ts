/**
 * Screen shaping shared by the fund report, the meeting pack and the monthly reports (officer and
 * oversight packages): amount lines, the reconciliation line, a monthly report as a card, and
 * refusals that mean "you may not see this". Pure: no wx. Amounts in yuan with two decimals.
 */
import { formatYuan } from '../domain/money';
import { formatBeijingTime } from '../domain/case';
import type {
  AmountLine,
  CaseMonthStatsView,
  MonthlyReportView,
  Reconciliation,
  UnratifiedMonthStats,
} from '../domain/funds';
import { RELIEF_KIND_LABELS, UNRATIFIED_MONTH_LABEL } from '../domain/funds';
import type { HelpStatsView } from '../domain/clues';
import { CloudCallError } from '../services/cloud';

export interface AmountRow {
  key: string;
  label: string;
  amountText: string;
  /** 3 笔 / 2 人次 */
  countText: string;
}

/** Money in by channel: 笔 (entries). */
export function inRows(lines: ReadonlyArray<AmountLine>): AmountRow[] {
  return lines.map((line) => ({
    key: line.key,
    label: line.label,
    amountText: formatYuan(line.fen),
    countText: `${line.count} 笔`,
  }));
}

/** Money out by relief type: 人次 (person-times, R-CAP-1/2). */
export function outRows(lines: ReadonlyArray<AmountLine>): AmountRow[] {
  return lines.map((line) => ({
    key: line.key,
    label: line.key === 'unspecified' ? '未注明类型' : line.label,
    amountText: formatYuan(line.fen),
    countText: `${line.count} 人次`,
  }));
}

export const RECONCILED_TEXT = '与台账逐笔核对一致';

/** R-FUND-3: whether the statement agrees with the ledger entries, in a line a member can read. */
export function reconciliationText(reconciliation: Reconciliation): string {
  if (reconciliation.ok) {
    return `${RECONCILED_TEXT}：期初 ${formatYuan(reconciliation.ledgerOpeningFen)}，期末 ${formatYuan(
      reconciliation.ledgerClosingFen,
    )}，共 ${reconciliation.ledgerEntryCount} 笔`;
  }
  const problems = reconciliation.problems.length > 0 ? `：${reconciliation.problems.join('；')}` : '';
  return `与台账核对不一致，请联系秘书长和村监督委员会${problems}`;
}

export interface CaseStatsScreen {
  lines: Array<{ key: string; label: string; value: string }>;
}

export function caseStatsLines(cases: CaseMonthStatsView): CaseStatsScreen['lines'] {
  return [
    { key: 'received', label: '收到申请', value: `${cases.received} 件` },
    { key: 'accepted', label: '受理', value: `${cases.accepted} 件` },
    { key: 'paid', label: '发放', value: `${cases.paid} 人次` },
    {
      key: 'supplementary',
      label: RELIEF_KIND_LABELS.supplementary,
      value: formatYuan(cases.paidFenByType.supplementary),
    },
    { key: 'emergency', label: RELIEF_KIND_LABELS.emergency, value: formatYuan(cases.paidFenByType.emergency) },
    { key: 'deadlinesMet', label: '按时办结', value: `${cases.deadlinesMet} 项` },
    { key: 'deadlinesMissed', label: '超过时限', value: `${cases.deadlinesMissed} 项` },
    // R-PROC-5: shown when there was any, with what the township decided about the money.
    ...(cases.unratified && cases.unratified.count > 0
      ? [{ key: 'unratified', label: UNRATIFIED_MONTH_LABEL, value: unratifiedValue(cases.unratified) }]
      : []),
    ...(cases.helps ? [{ key: 'helps', label: HELPS_LABEL, value: helpsValue(cases.helps) }] : []),
  ];
}

export const HELPS_LABEL = '帮办政府救助';

/** 「新办 2 件（低保 1、医疗救助 1），获批 1 件，未获批 0 件，期末办理中 1 件」 */
export function helpsValue(stats: HelpStatsView): string {
  const programmes = stats.byProgramme
    .filter((row) => row.recorded > 0)
    .map((row) => `${row.label} ${row.recorded}`)
    .join('、');
  return (
    `新办 ${stats.recorded} 件${programmes ? `（${programmes}）` : ''}，` +
    `获批 ${stats.approved} 件，未获批 ${stats.refused} 件，期末办理中 ${stats.pendingAtEnd} 件`
  );
}

/** 「2 件，先行发放 ¥1,500.00；追回 1 件 ¥300.00，核销 1 件，待乡镇处理 0 件」 */
function unratifiedValue(stats: UnratifiedMonthStats): string {
  return (
    `${stats.count} 件，先行发放 ${formatYuan(stats.paidFen)}；` +
    `追回 ${stats.recovered} 件 ${formatYuan(stats.recoveredFen)}，核销 ${stats.writtenOff} 件，待乡镇处理 ${stats.pending} 件`
  );
}

export const TRIGGER_LABELS: Record<MonthlyReportView['trigger'], string> = {
  timer: '每月1日自动报送',
  manual: '手动生成报送',
  correction: '更正',
};

export interface ReportCard {
  id: string;
  month: string;
  title: string;
  societyName: string;
  townshipName: string;
  /** 第2版（更正） */
  versionText: string;
  latest: boolean;
  sentText: string;
  correctionNote: string;
  cases: Array<{ key: string; label: string; value: string }>;
  ledger: Array<{ key: string; label: string; value: string }>;
  inRows: AmountRow[];
  outRows: AmountRow[];
  reconciledText: string;
  reconciled: boolean;
  detailUrl: string;
}

export const MONTHLY_REPORT_DETAIL_PATH = '/packages/oversight/pages/monthly-report/index';

/** R-PROC-8: one monthly report as it is shown (list row and detail). */
export function toReportCard(view: MonthlyReportView): ReportCard {
  const version = `第${view.version}版${view.version > 1 ? '（更正）' : ''}${view.latest ? '' : '，已被更正'}`;
  return {
    id: view.id,
    month: view.month,
    title: `${view.monthLabel}月报`,
    societyName: view.societyName,
    townshipName: view.townshipName,
    versionText: version,
    latest: view.latest,
    sentText: `${formatBeijingTime(view.generatedAt, true)} ${view.generatedByName} ${
      TRIGGER_LABELS[view.trigger]
    }，已报送${view.sentTo.join('、')}`,
    correctionNote: view.correctionNote ? `更正说明：${view.correctionNote}` : '',
    cases: caseStatsLines(view.cases),
    ledger: [
      { key: 'opening', label: '月初余额', value: formatYuan(view.ledger.openingFen) },
      { key: 'in', label: '本月收入', value: formatYuan(view.ledger.inFen) },
      { key: 'out', label: '本月支出', value: formatYuan(view.ledger.outFen) },
      { key: 'closing', label: '月末余额', value: formatYuan(view.ledger.closingFen) },
    ],
    inRows: inRows(view.ledger.inByChannel),
    outRows: outRows(view.ledger.outByRelief),
    reconciled: view.ledger.reconciled,
    reconciledText: view.ledger.reconciled ? RECONCILED_TEXT : '与台账核对不一致',
    detailUrl: `${MONTHLY_REPORT_DETAIL_PATH}?reportId=${encodeURIComponent(view.id)}`,
  };
}

/** A refusal by the cloud: the page shows its "not for you" state instead of an error. */
export function isForbidden(err: unknown): boolean {
  return err instanceof CloudCallError && err.code === 'FORBIDDEN';
}

/** Runs `fetch`; a FORBIDDEN answer becomes 'forbidden' (for loadScreen). */
export async function orForbidden<T>(fetch: () => Promise<T>): Promise<T | 'forbidden'> {
  try {
    return await fetch();
  } catch (err) {
    if (isForbidden(err)) return 'forbidden';
    throw err;
  }
}
