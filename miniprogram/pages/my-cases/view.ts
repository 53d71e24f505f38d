/** Shapes the caller's own cases for 我的申请. Pure: tested without rendering. */
import { formatYuan } from '../../domain/money';
import { formatBeijingTime, type MyCaseItem } from '../../domain/case';

export interface MyCaseRow {
  id: string;
  title: string;
  stateLabel: string;
  amountText: string;
  deadlineText: string;
  /** Why the deadline is 暂定; '' when it is not. */
  deadlineNote: string;
  createdText: string;
  url: string;
}

export const NO_CASES_MESSAGE = '您还没有提交过救助申请';

export function toMyCaseRow(item: MyCaseItem): MyCaseRow {
  return {
    id: item.id,
    title: `${item.beneficiaryName}（${item.relationshipLabel}）· ${item.causeLabel}`,
    stateLabel: item.stateLabel,
    amountText: item.amountFen === null ? '金额待定' : formatYuan(item.amountFen),
    deadlineText: item.nextDeadline ? `${item.nextDeadline.label}：${item.nextDeadline.text}` : '',
    deadlineNote: item.nextDeadline?.provisionalNote ?? '',
    createdText: `申请时间 ${formatBeijingTime(item.createdAt)}`,
    url: `/pages/case/index?caseId=${encodeURIComponent(item.id)}`,
  };
}
