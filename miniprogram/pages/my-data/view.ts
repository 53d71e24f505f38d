/**
 * 个人信息 (PIPL): what a villager may ask of the society about their own data, and their requests
 * with the answers, shaped for the screen. Pure.
 */
import { formatBeijingTime } from '../../domain/case';
import {
  DATA_REQUEST_KINDS,
  DATA_REQUEST_KIND_LABELS,
  DATA_REQUEST_WORKING_DAYS,
  type DataRequestKind,
  type MyDataRequestItem,
} from '../../domain/data-requests';

export const INTRO_TEXT = `互助社为办理救助保存了您的姓名、身份证号码、家庭情况等信息。您可以申请查阅、复制这些信息，更正或补充不准确的信息，或在不再需要时删除。互助社须在 ${DATA_REQUEST_WORKING_DAYS} 个工作日内答复；不予办理的，会写明理由。`;
export const NO_SOCIETY_TEXT = '从村里互助社的页面进入后，可以向该互助社提出申请';
export const EMPTY_TEXT = '您还没有提出过个人信息申请';
export const FILED_TOAST = '已提交，互助社会在期限内答复';

export const KIND_OPTIONS: ReadonlyArray<{ value: DataRequestKind; label: string }> = DATA_REQUEST_KINDS.map(
  (kind) => ({ value: kind, label: DATA_REQUEST_KIND_LABELS[kind] }),
);

export interface MyDataRequestRow {
  id: string;
  title: string;
  statusLabel: string;
  tagTheme: 'warning' | 'success' | 'danger';
  lines: string[];
  answerText: string;
}

const THEMES = { open: 'warning', accepted: 'success', refused: 'danger' } as const;

export function toMyDataRequestRow(item: MyDataRequestItem): MyDataRequestRow {
  return {
    id: item.id,
    title: item.kindLabel,
    statusLabel: item.statusLabel,
    tagTheme: THEMES[item.status],
    lines: [
      `向${item.societyName}申请，${formatBeijingTime(item.filedAt)} 提交`,
      item.status === 'open' ? `应在 ${formatBeijingTime(item.dueAt)} 前答复` : '',
      `申请内容：${item.details}`,
    ].filter(Boolean),
    answerText: item.answer ? `${item.status === 'refused' ? '不予办理的理由' : '办理情况'}：${item.answer}` : '',
  };
}

export function detailsProblem(details: string): string {
  return details.trim() ? '' : '请写明要查阅、更正或删除哪些信息';
}
