/**
 * Subscribe messages (订阅消息): WeChat shows its dialog only inside a tap, so a page asks in the
 * tap handler itself, with template ids it fetched beforehand, and reports the accepts once the
 * person is known to the cloud (after submitting). Declining changes nothing else: everything is
 * still in the app. Never throws: a message is a courtesy, not a step of the procedure.
 */
import { callCloud } from './cloud';

export type SubscribeMoment = 'applied' | 'workbench' | 'objected' | 'pledged' | 'meetings';

/** The template ids to ask for at this moment; none when nothing is configured or the call fails. */
export async function fetchMessageTemplates(moment: SubscribeMoment): Promise<string[]> {
  try {
    const { templateIds } = await callCloud('societies', 'messageSubscriptions', { moment });
    return templateIds;
  } catch {
    return [];
  }
}

/** Shows WeChat's subscribe dialog (call it synchronously inside a tap); answers the ids accepted. */
export function askToSubscribe(templateIds: readonly string[]): Promise<string[]> {
  if (templateIds.length === 0 || typeof wx.requestSubscribeMessage !== 'function') return Promise.resolve([]);
  return new Promise((resolve) => {
    wx.requestSubscribeMessage({
      tmplIds: [...templateIds],
      success: (result) => {
        const answers = result as unknown as Record<string, string>;
        resolve(templateIds.filter((id) => answers[id] === 'accept'));
      },
      fail: () => resolve([]),
    });
  });
}

/** Tells the cloud which templates were accepted: one message each may then be sent. */
export async function recordSubscriptions(acceptedTemplateIds: readonly string[]): Promise<void> {
  if (acceptedTemplateIds.length === 0) return;
  try {
    await callCloud('societies', 'recordSubscriptions', { acceptedTemplateIds: [...acceptedTemplateIds] });
  } catch {
    // Not counted: the person is asked again next time, and sees everything in the app.
  }
}
