/** 线索 for the officers: the queue of clues, open first, each with what can be done with it. Pure. */
import { formatBeijingTime } from '../../../../domain/case';
import type { ClueQueueItem, ClueStatus } from '../../../../domain/clues';
import { caseDetailUrl } from '../cases/view';

export const MISSING_SOCIETY_MESSAGE = '缺少互助社编号，请从工作台进入';
export const FORBIDDEN_CLUES_MESSAGE = '您不是本互助社的工作人员或监督委员会成员，不能查看线索';
export const NO_CLUES_MESSAGE = '还没有村民或志愿者反映的线索。';
export const CLOSE_REASON_MAX = 300;

export const CLUE_STATUS_THEMES: Record<ClueStatus, string> = {
  open: 'warning',
  caseOpened: 'success',
  closed: 'default',
};

export interface ClueRow {
  id: string;
  statusLabel: string;
  statusTheme: string;
  sourceLabel: string;
  /** 「反映人：钱大妈」 or 「反映人：匿名」 */
  reporterText: string;
  personHint: string;
  whatHappened: string;
  photoFileId: string;
  reportedText: string;
  open: boolean;
  /** What became of it: 「已立案（刘芳 11月30日 14:00）」, 「已关闭：理由」; '' while open. */
  handledText: string;
  intakeUrl: string;
  caseUrl: string;
}

export interface CluesScreen {
  openCount: number;
  summary: string;
  rows: ClueRow[];
}

export function intakeFromClueUrl(societyId: string, clueId: string): string {
  return (
    `/packages/officer/pages/intake/index?societyId=${encodeURIComponent(societyId)}` +
    `&clueId=${encodeURIComponent(clueId)}`
  );
}

function handledText(item: ClueQueueItem): string {
  const by = item.handledAt ? `（${item.handledByName ?? ''} ${formatBeijingTime(item.handledAt)}）` : '';
  if (item.status === 'caseOpened') return `已立案${by}`;
  if (item.status === 'closed') return `已关闭${by}：${item.closedReason ?? ''}`;
  return '';
}

export function toCluesScreen(view: { items: ClueQueueItem[]; openCount: number }): CluesScreen {
  return {
    openCount: view.openCount,
    summary: view.openCount > 0 ? `待处理 ${view.openCount} 条` : '没有待处理的线索',
    rows: view.items.map((item) => ({
      id: item.id,
      statusLabel: item.statusLabel,
      statusTheme: CLUE_STATUS_THEMES[item.status],
      sourceLabel: item.sourceLabel,
      reporterText: `反映人：${item.reporterName ?? '匿名'}`,
      personHint: item.personHint,
      whatHappened: item.whatHappened,
      photoFileId: item.photoFileId ?? '',
      reportedText: `${formatBeijingTime(item.reportedAt, true)} 反映`,
      open: item.status === 'open',
      handledText: handledText(item),
      intakeUrl: intakeFromClueUrl(item.societyId, item.id),
      caseUrl: item.caseId ? caseDetailUrl(item.caseId) : '',
    })),
  };
}

export function closeProblem(reason: string): string {
  return reason.trim() ? '' : '请写明关闭的理由（如：已核实无需救助、已纳入低保）';
}
