/**
 * 个人信息申请 (PIPL art. 50), shaped for the screen: the society's officers see each request with
 * its deadline and answer it; the township sees its societies' requests by masked name. Pure.
 */
import { formatBeijingTime } from '../../../../domain/case';
import type { DataRequestItem, DataRequestsView } from '../../../../domain/data-requests';

export const FORBIDDEN_MESSAGE = '个人信息申请由本社秘书长、社长办理，乡镇可以查看办理期限';
export const EMPTY_TEXT = '还没有个人信息申请';
export const ANSWERED_TOAST = '已答复，申请人可以在“个人信息”里看到';

export interface DataRequestRow {
  id: string;
  title: string;
  statusLabel: string;
  tagTheme: 'warning' | 'success' | 'danger';
  lines: string[];
  dueText: string;
  overdue: boolean;
  open: boolean;
}

const THEMES = { open: 'warning', accepted: 'success', refused: 'danger' } as const;

function rowOf(item: DataRequestItem, township: boolean): DataRequestRow {
  return {
    id: item.id,
    title: `${item.requesterName}：${item.kindLabel}`,
    statusLabel: item.overdue ? '已超期' : item.statusLabel,
    tagTheme: item.overdue ? 'danger' : THEMES[item.status],
    lines: [
      township ? item.societyName : '',
      `${formatBeijingTime(item.filedAt)} 提交`,
      item.details ? `申请内容：${item.details}` : '',
      item.answer ? `${item.status === 'refused' ? '不予办理的理由' : '办理情况'}：${item.answer}` : '',
      item.answeredAt ? `${item.answeredByName ?? ''} ${formatBeijingTime(item.answeredAt)} 答复` : '',
    ].filter(Boolean),
    dueText:
      item.status === 'open'
        ? `${item.overdue ? '已超过' : '应在'} ${formatBeijingTime(item.dueAt)} ${item.overdue ? '的答复期限' : '前答复（15 个工作日）'}`
        : '',
    overdue: item.overdue,
    open: item.status === 'open',
  };
}

export interface DataRequestsScreen {
  summary: string;
  rows: DataRequestRow[];
  canAnswer: boolean;
}

export function toDataRequestsScreen(view: DataRequestsView): DataRequestsScreen {
  return {
    summary: `待答复 ${view.open} 件${view.overdue ? `，其中已超期 ${view.overdue} 件` : ''}`,
    rows: view.items.map((item) => rowOf(item, !view.canAnswer)),
    canAnswer: view.canAnswer,
  };
}

export function answerProblem(outcome: 'accepted' | 'refused', answer: string): string {
  if (answer.trim()) return '';
  return outcome === 'refused' ? '不予办理须写明理由' : '请写明办理情况（如已提供复印件、已更正、已删除）';
}
