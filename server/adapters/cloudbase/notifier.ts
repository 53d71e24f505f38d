/**
 * The Notifier in the cloud: `cloud.openapi.subscribeMessage.send` through wx-server-sdk (each
 * function's config.json grants `subscribeMessage.send`). WeChat answers a refusal by throwing
 * an error carrying errCode; it comes back as a SendResult so the outbox records it.
 */
import type { Notifier, SendResult, SubscribeMessage } from '../../ports/notifier';

/** The narrow part of `cloud.openapi` used here. */
export interface SubscribeMessageApi {
  subscribeMessage: {
    send(param: SubscribeMessage & { miniprogramState?: 'developer' | 'trial' | 'formal'; lang?: 'zh_CN' }): Promise<{
      errCode?: number;
      errMsg?: string;
    }>;
  };
}

/** The SDK's code for a failure that carried no WeChat code (network, timeout): worth retrying. */
export const NO_ERROR_CODE = -1;

export function openApiNotifier(api: () => SubscribeMessageApi): Notifier {
  return {
    kind: 'cloud',
    async send(message): Promise<SendResult> {
      try {
        const answer = await api().subscribeMessage.send({ ...message, miniprogramState: 'formal', lang: 'zh_CN' });
        const errCode = answer.errCode ?? 0;
        return errCode === 0 ? { ok: true } : { ok: false, errCode, errMsg: String(answer.errMsg ?? '') };
      } catch (error) {
        const { errCode, errMsg, message: text } = (error ?? {}) as Record<string, unknown>;
        return {
          ok: false,
          errCode: typeof errCode === 'number' ? errCode : NO_ERROR_CODE,
          errMsg: String(errMsg ?? text ?? error).slice(0, 200),
        };
      }
    },
  };
}
