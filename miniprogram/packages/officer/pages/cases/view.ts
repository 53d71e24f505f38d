/** The society's case queue for its officers: rows in the order the cloud sorts them (deadline first). Pure. */
import type { CaseQueueItem } from '../../../../domain/case';
import { OFFICER_ROLES, type MeView } from '../../../../domain/society';
import type { QueueFilter } from '../../../../services/cases';

export const FORBIDDEN_QUEUE_MESSAGE = '您不是本互助社的工作人员，不能查看救助案件';
export const MISSING_SOCIETY_MESSAGE = '缺少互助社编号，请从工作台进入';

export const QUEUE_FILTERS: ReadonlyArray<{ value: QueueFilter; label: string }> = [
  { value: 'open', label: '在办' },
  { value: 'final', label: '已结束' },
  { value: 'all', label: '全部' },
];

export const EMPTY_QUEUE_TEXT: Record<QueueFilter, string> = {
  open: '目前没有在办的救助案件',
  final: '还没有已结束的救助案件',
  all: '还没有救助案件',
};

/** Short origin labels for a row (R-PROC-1, R-PROC-5). */
export const ORIGIN_SHORT_LABELS = { application: '申请', discovery: '主动发现' } as const;
export const RELIEF_FIRST_LABEL = '先行救助';

export interface QueueTag {
  key: string;
  text: string;
  theme: 'primary' | 'warning' | 'danger' | 'default' | 'success';
}

export interface QueueRow {
  id: string;
  caseNo: string;
  name: string;
  causeLabel: string;
  stateLabel: string;
  /** 「入户核查和审核意见：截止 12月1日 09:30，剩余 19小时30分」 or 「…：已超时 2小时（截止 …）」; '' when nothing runs. */
  deadlineText: string;
  /** Why the deadline is 暂定 (the year's holiday arrangement is not entered); '' when it is not. */
  deadlineNote: string;
  overdue: boolean;
  /** While proposed: 「已等待审批 1个工作日3小时」 ('' otherwise). */
  waitText: string;
  tags: QueueTag[];
  url: string;
}

export interface QueueScreen {
  rows: QueueRow[];
  emptyText: string;
  overdueCount: number;
  /** 「3 件在办，1 件已超时」 */
  summary: string;
  /** One line above the list when any deadline in it is 暂定. */
  provisionalNote: string;
  /** Where the next page starts (加载更多), or null when every case is shown. */
  nextOffset: number | null;
  /** 「已显示 30 件，共 120 件」 beside 加载更多; '' on the last page. */
  moreText: string;
}

export function caseDetailUrl(caseId: string): string {
  return `/packages/officer/pages/case/index?caseId=${encodeURIComponent(caseId)}`;
}

export function intakeUrl(societyId: string): string {
  return `/packages/officer/pages/intake/index?societyId=${encodeURIComponent(societyId)}`;
}

export function toQueueRow(item: CaseQueueItem): QueueRow {
  const deadline = item.nextDeadline;
  const overdue = deadline?.overdue ?? false;
  const tags: QueueTag[] = [{ key: 'origin', text: ORIGIN_SHORT_LABELS[item.origin], theme: 'default' }];
  if (item.flags.reliefFirstPending) tags.push({ key: 'reliefFirst', text: RELIEF_FIRST_LABEL, theme: 'warning' });
  if (item.flags.repeat) tags.push({ key: 'repeat', text: '曾因同一原因救助', theme: 'warning' });
  if (item.flags.receiptMissing) tags.push({ key: 'receipt', text: '待签收', theme: 'primary' });
  if (item.decider && item.decider.kind !== 'president') {
    tags.push({ key: 'decider', text: `由${item.decider.name}审批`, theme: 'warning' });
  }
  if (item.flags.openReferrals > 0) {
    tags.push({ key: 'referrals', text: `转介跟进 ${item.flags.openReferrals}`, theme: 'primary' });
  }
  return {
    id: item.id,
    caseNo: `编号 ${item.caseNo}`,
    name: item.name,
    causeLabel: item.causeLabel,
    stateLabel: item.stateLabel,
    deadlineText: deadline ? `${deadline.label}：${deadline.text}` : '',
    deadlineNote: deadline?.provisionalNote ?? '',
    overdue,
    waitText: item.state === 'proposed' && item.decisionWait ? item.decisionWait.text : '',
    tags,
    url: caseDetailUrl(item.id),
  };
}

/** Keeps the cloud's order: the most urgent deadline first (R-PROC-3/4/5), nothing running last. */
/**
 * The queue screen from the pages loaded so far (`items`, in the cloud's order) and the totals of
 * the whole queue: the head counts every case, not just the ones on screen.
 */
export function toQueueScreen(
  items: CaseQueueItem[],
  filter: QueueFilter,
  totals: { total: number; overdueTotal: number; nextOffset: number | null },
): QueueScreen {
  const rows = items.map(toQueueRow);
  const label = QUEUE_FILTERS.find((entry) => entry.value === filter)?.label ?? '';
  const overdueCount = totals.overdueTotal;
  return {
    rows,
    emptyText: EMPTY_QUEUE_TEXT[filter],
    overdueCount,
    summary: `${label} ${totals.total} 件${overdueCount > 0 ? `，${overdueCount} 件已超时` : ''}`,
    provisionalNote: rows.find((row) => row.deadlineNote)?.deadlineNote ?? '',
    nextOffset: totals.nextOffset,
    moreText: totals.nextOffset === null ? '' : `已显示 ${rows.length} 件，共 ${totals.total} 件`,
  };
}

/** The screen after 加载更多: the next page's rows after the ones shown, with the fresh totals. */
export function appendQueuePage(
  screen: QueueScreen,
  items: CaseQueueItem[],
  filter: QueueFilter,
  totals: { total: number; overdueTotal: number; nextOffset: number | null },
): QueueScreen {
  const next = toQueueScreen(items, filter, totals);
  const rows = [...screen.rows, ...next.rows];
  return {
    ...next,
    rows,
    provisionalNote: screen.provisionalNote || next.provisionalNote,
    moreText: totals.nextOffset === null ? '' : `已显示 ${rows.length} 件，共 ${totals.total} 件`,
  };
}

export function isQueueFilter(value: unknown): value is QueueFilter {
  return value === 'open' || value === 'final' || value === 'all';
}

/** Whether the caller is a secretary or president of this society (who may open a discovery). */
export function isOfficerOf(me: MeView, societyId: string): boolean {
  return me.roles.some((grant) => OFFICER_ROLES.includes(grant.role) && grant.societyId === societyId);
}
