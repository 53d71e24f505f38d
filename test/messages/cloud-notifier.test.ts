/** The Notifier in the cloud: `subscribeMessage.send`'s answers and thrown errors become a SendResult with WeChat's errCode. */
import { NO_ERROR_CODE, openApiNotifier, type SubscribeMessageApi } from '../../server/adapters/cloudbase/notifier';
import type { SubscribeMessage } from '../../server/ports/notifier';

const message: SubscribeMessage = {
  touser: 'o-openid',
  templateId: 'tmpl-1',
  page: '/pages/case/index?caseId=c1',
  data: { phrase2: { value: '已受理' } },
};

function api(send: SubscribeMessageApi['subscribeMessage']['send']): () => SubscribeMessageApi {
  return () => ({ subscribeMessage: { send } });
}

describe('openApiNotifier', () => {
  it('sends the message as WeChat takes it, to the formal version, in Chinese', async () => {
    const send = jest.fn().mockResolvedValue({ errCode: 0, errMsg: 'openapi.subscribeMessage.send:ok' });
    expect(await openApiNotifier(api(send)).send(message)).toEqual({ ok: true });
    expect(send).toHaveBeenCalledWith({ ...message, miniprogramState: 'formal', lang: 'zh_CN' });
  });

  it("keeps WeChat's error code when the SDK throws (43101: the user refused)", async () => {
    const send = jest.fn().mockRejectedValue({ errCode: 43101, errMsg: 'user refuse to accept the msg' });
    expect(await openApiNotifier(api(send)).send(message)).toEqual({
      ok: false,
      errCode: 43101,
      errMsg: 'user refuse to accept the msg',
    });
  });

  it('an answer with a non-zero code is a failure; an error without a code is -1 (worth retrying)', async () => {
    const answered = jest.fn().mockResolvedValue({ errCode: 47003, errMsg: 'argument invalid' });
    expect(await openApiNotifier(api(answered)).send(message)).toEqual({
      ok: false,
      errCode: 47003,
      errMsg: 'argument invalid',
    });
    const network = jest.fn().mockRejectedValue(new Error('socket hang up'));
    expect(await openApiNotifier(api(network)).send(message)).toEqual({
      ok: false,
      errCode: NO_ERROR_CODE,
      errMsg: 'socket hang up',
    });
  });
});
