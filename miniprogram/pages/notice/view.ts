/** Shapes one public notice for its detail page. Pure: tested without rendering. */
import { OBJECTION_PENDING_LABEL, noticeTitle, type PublicNoticeView } from '../../domain/notices';

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
}

export const MISSING_NOTICE_MESSAGE = '缺少公示编号，请从互助社公示页重新打开';

export function objectionUrl(noticeId: string): string {
  return `/pages/objection/index?noticeId=${encodeURIComponent(noticeId)}`;
}

export function toNoticeScreen(notice: PublicNoticeView): NoticeScreen {
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
  };
}
