/**
 * What one person was sent, or would have been sent, from the outbox: the preview's 消息 panel
 * (no WeChat locally, so the panel is where a reviewer sees the messages of each demo caller).
 */
import { COLLECTIONS, type UserDoc } from '../collections';
import type { Store } from '../ports/store';
import { formatBeijingTime } from '../../miniprogram/domain/case';
import type { OutboxDoc, OutboxStatus } from './outbox';
import { handOnWaiting } from '../outbound';
import { TEMPLATES } from './templates';

export const OUTBOX_STATUS_LABELS: Record<OutboxStatus, string> = {
  queued: '待发送',
  sending: '发送中',
  sent: '已发送',
  failed: '发送失败',
  retry: '待重试',
  unsubscribed: '未订阅，仅在小程序内可见',
  unconfigured: '模板未配置，未发送',
};

export interface InboxItem {
  id: string;
  kind: string;
  template: string;
  title: string;
  page: string;
  status: OutboxStatus;
  statusLabel: string;
  errCode: number | null;
  queuedAt: string;
  timeText: string;
}

export async function inboxOf(store: Store, openid: string, limit = 50): Promise<InboxItem[]> {
  // What actions kept on their cases and pledges is in the outbox once handed on (server/outbound.ts).
  await handOnWaiting(store);
  const [user] = await store.find<UserDoc>(COLLECTIONS.users, { where: { openid }, limit: 1 });
  if (!user) return [];
  const docs = await store.find<OutboxDoc>(COLLECTIONS.outbox, {
    where: { userId: user._id },
    orderBy: [
      ['queuedAt', 'desc'],
      ['_id', 'desc'],
    ],
    limit,
  });
  return docs.map((doc) => ({
    id: doc._id,
    kind: doc.kind,
    template: TEMPLATES[doc.templateKey].title,
    title: doc.title,
    page: doc.page,
    status: doc.status,
    statusLabel: OUTBOX_STATUS_LABELS[doc.status],
    errCode: doc.errCode,
    queuedAt: doc.queuedAt,
    timeText: formatBeijingTime(doc.queuedAt, true),
  }));
}
