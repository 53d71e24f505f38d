/** Shapes one public notice for its detail page. Pure: tested without rendering. */
import {
  OBJECTION_PENDING_LABEL,
  noticeTitle,
  type MyObjectionView,
  type PublicNoticeView,
} from '../../domain/notices';

export interface NoticeScreen {
  id: string;
  societyName: string;
  /** 「王家村第三村民小组 陈*山 应急救助 1000元」 (masked). */
  title: string;
  statusLabel: string;
  periodText: string;
  lines: string[];
  /** R-OVS-3: 有异议处理中 while an objection is open. */
  pendingLabel: string;
  canObject: boolean;
  objectionUrl: string;
  /** 「您对这条公示提出过 1 条异议，1 条待答复」 when the caller has objected to it; else empty. */
  mineText: string;
}

export const MY_OBJECTIONS_URL = '/pages/my-objections/index';

export const MISSING_NOTICE_MESSAGE = '缺少公示编号，请从互助社公示页重新打开';

export function objectionUrl(noticeId: string): string {
  return `/pages/objection/index?noticeId=${encodeURIComponent(noticeId)}`;
}

/** What the caller has raised against this notice, in one line (empty when nothing). */
export function mineText(noticeId: string, mine: readonly MyObjectionView[]): string {
  const here = mine.filter((objection) => objection.noticeId === noticeId);
  if (here.length === 0) return '';
  const open = here.filter((objection) => objection.status === 'open').length;
  const answered = here.length - open;
  const parts = [answered > 0 ? `${answered} 条已答复` : '', open > 0 ? `${open} 条待答复` : ''].filter(Boolean);
  return `您对这条公示提出过 ${here.length} 条异议，${parts.join('，')}`;
}

export function toNoticeScreen(notice: PublicNoticeView, mine: readonly MyObjectionView[] = []): NoticeScreen {
  return {
    id: notice.id,
    societyName: notice.content.societyName,
    title: noticeTitle(notice.content),
    statusLabel: notice.statusLabel,
    periodText: `公示期：${notice.periodText}`,
    lines: notice.lines,
    pendingLabel: notice.objectionPending ? OBJECTION_PENDING_LABEL : '',
    canObject: notice.canObject,
    objectionUrl: objectionUrl(notice.id),
    mineText: mineText(notice.id, mine),
  };
}
