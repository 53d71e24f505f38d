import {
  cloudInitOptions,
  recordedCalls,
  resetBoundary,
  routeCloudTo,
  setCloudCaller,
  setNetworkDown,
} from '../support/simulate-setup';
import { silenceConsoleError } from '../support/simulate-pages';
import { config } from '../../miniprogram/config';
import {
  BAD_RESPONSE_MESSAGE,
  CloudCallError,
  NETWORK_ERROR_MESSAGE,
  callCloud,
  errorMessage,
  initCloud,
  setDemoCaller,
} from '../../miniprogram/services/cloud';
import { fetchSocieties } from '../../miniprogram/services/societies';

const ok = (data: unknown) => async () => ({ ok: true, data });
const forbidden = async () => ({ ok: false, error: { code: 'FORBIDDEN', message: '您没有权限进行此操作' } });

beforeEach(() => {
  resetBoundary();
  config.developBackend = 'local';
});

afterAll(() => {
  config.developBackend = 'local';
});

async function caught(promise: Promise<unknown>): Promise<CloudCallError> {
  const error = await promise.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(error).toBeInstanceOf(CloudCallError);
  return error as CloudCallError;
}

describe.each(['local', 'cloud'] as const)('callCloud in %s mode', (backend) => {
  beforeEach(() => {
    config.developBackend = backend;
  });

  it('sends { action, ...payload } and answers the data of an ok envelope', async () => {
    routeCloudTo(ok({ items: [] }));

    await expect(callCloud('societies', 'list', { townshipId: 'area-qingshi' })).resolves.toEqual({ items: [] });
    expect(recordedCalls().map((call) => [call.via, call.name, call.event])).toEqual([
      [backend === 'cloud' ? 'cloud' : 'request', 'societies', { action: 'list', townshipId: 'area-qingshi' }],
    ]);
  });

  it('turns an error envelope into a CloudCallError with its code and Chinese message', async () => {
    routeCloudTo(forbidden);

    const error = await caught(callCloud('societies', 'list', {}));
    expect(error.code).toBe('FORBIDDEN');
    expect(error.message).toBe('您没有权限进行此操作');
    expect(errorMessage(error)).toBe('您没有权限进行此操作');
  });

  it('turns a network failure into NETWORK with a Chinese message', async () => {
    const logged = silenceConsoleError();
    routeCloudTo(ok({}));
    setNetworkDown(true);

    const error = await caught(callCloud('societies', 'me', {}));
    expect(error.code).toBe('NETWORK');
    expect(error.message).toBe(NETWORK_ERROR_MESSAGE);
    expect(logged).toHaveBeenCalled();
  });

  it('treats an answer that is not an envelope as BAD_RESPONSE', async () => {
    silenceConsoleError();
    routeCloudTo(async () => 'Internal Server Error');

    const error = await caught(callCloud('societies', 'me', {}));
    expect([error.code, error.message]).toEqual(['BAD_RESPONSE', BAD_RESPONSE_MESSAGE]);
  });
});

describe('local mode', () => {
  it('POSTs to the local stack with the stored demo caller as x-openid', async () => {
    routeCloudTo(ok({}));
    setDemoCaller('demo-president');

    await callCloud('societies', 'me', {});

    const [call] = recordedCalls();
    expect(call?.url).toBe('http://127.0.0.1:8787/functions/societies');
    expect(call?.header?.['x-openid']).toBe('demo-president');
    expect(call?.openid).toBe('demo-president');
  });

  it('falls back to config.defaultDemoCaller when none is stored', async () => {
    routeCloudTo(ok({}));

    await callCloud('societies', 'me', {});

    expect(recordedCalls()[0]?.header?.['x-openid']).toBe(config.defaultDemoCaller);
  });
});

describe('cloud mode', () => {
  it('initialises wx.cloud with the configured environment, once', () => {
    config.developBackend = 'cloud';
    const savedEnv = config.cloudEnv;
    config.cloudEnv = 'jj-test-1a2b3c';
    try {
      initCloud();
      initCloud();
      expect(cloudInitOptions()).toEqual([{ env: 'jj-test-1a2b3c', traceUser: true }]);
    } finally {
      config.cloudEnv = savedEnv;
    }
  });

  it('lets the platform say who calls: no x-openid is sent', async () => {
    config.developBackend = 'cloud';
    setCloudCaller('demo-county');
    routeCloudTo(ok({ items: [] }));

    await fetchSocieties();

    expect(recordedCalls().map((call) => [call.openid, call.header, call.event])).toEqual([
      ['demo-county', undefined, { action: 'list' }],
    ]);
  });
});

describe('local mode does not touch wx.cloud', () => {
  it('initCloud is a no-op', () => {
    initCloud();
    expect(cloudInitOptions()).toEqual([]);
  });
});
