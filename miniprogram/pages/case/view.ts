/** Shapes the caller's own case for its progress page. Pure: tested without rendering. */
import { formatYuan } from '../../domain/money';
import { formatBeijingTime, type MyCaseView } from '../../domain/case';

export interface TimelineRow {
  key: string;
  label: string;
  timeText: string;
  who: string;
  summary: string;
}

export interface CaseScreen {
  caseNo: string;
  title: string;
  stateLabel: string;
  amountText: string;
  deadlineText: string;
  /** Newest first. */
  timeline: TimelineRow[];
}

export const MISSING_CASE_MESSAGE = '缺少申请编号，请从「我的申请」进入';

export function toCaseScreen(view: MyCaseView): CaseScreen {
  return {
    caseNo: `编号 ${view.caseNo}`,
    title: `${view.beneficiaryName}（${view.relationshipLabel}）· ${view.causeLabel}`,
    stateLabel: view.stateLabel,
    amountText: view.amountFen === null ? '金额待定' : formatYuan(view.amountFen),
    deadlineText: view.nextDeadline ? `${view.nextDeadline.label}：${view.nextDeadline.text}` : '',
    timeline: [...view.timeline]
      .sort((a, b) => b.seq - a.seq)
      .map((entry) => ({
        key: String(entry.seq),
        label: entry.label,
        timeText: formatBeijingTime(entry.at, true),
        who: `${entry.actorRoleLabel} ${entry.actorName}`.trim(),
        summary: entry.summary,
      })),
  };
}
