/**
 * The Notifier port: one WeChat subscribe message (订阅消息) to one person. In the cloud it is
 * `cloud.openapi.subscribeMessage.send` (server/adapters/cloudbase/notifier.ts); on the local stack
 * and in tests nothing leaves the machine, and the `outbox` collection, which records every
 * message in both places, is what the preview's 消息 panel reads.
 */

/** A subscribe message as WeChat takes it: the template's keywords, each a short string. */
export interface SubscribeMessage {
  /** The addressee's OPENID. */
  touser: string;
  templateId: string;
  /** The mini program page the message opens, with its query. */
  page: string;
  data: Record<string, { value: string }>;
}

/** What WeChat answered: errCode 0 is sent; anything else is kept on the outbox record. */
export type SendResult = { ok: true } | { ok: false; errCode: number; errMsg: string };

export interface Notifier {
  /** 'cloud': WeChat delivers; 'local': recorded in the outbox only. */
  readonly kind: 'cloud' | 'local';
  /** Never throws for WeChat's refusals: they come back as errCode. */
  send(message: SubscribeMessage): Promise<SendResult>;
}

/** The local stack and tests: the outbox record is the delivery. */
export const outboxNotifier: Notifier = {
  kind: 'local',
  send: () => Promise.resolve({ ok: true }),
};
