/**
 * The deployable artifact itself: cloudfunctions/<name>/index.js as `npm run build` bundles it,
 * called through its real `main` with wx-server-sdk replaced at the boundary by an in-memory
 * CloudBase database and a WX context whose OPENID we choose.
 */
import fs from 'node:fs';
import path from 'node:path';
import { FakeCloudDatabase } from '../support/fake-cloudbase-db';
import { CloudBaseStore } from '../../server/adapters/cloudbase/store';
import { seedDemoCounty } from '../../server/seed/demo-county';
import { FUNCTIONS } from '../../server/functions';

const fakeDb = new FakeCloudDatabase();
const wx = { OPENID: '' };
const DYNAMIC_CURRENT_ENV = Symbol('DYNAMIC_CURRENT_ENV');
const init = jest.fn();

jest.mock('wx-server-sdk', () => ({
  DYNAMIC_CURRENT_ENV,
  init,
  database: () => fakeDb,
  getWXContext: () => ({ OPENID: wx.OPENID, APPID: 'wx-test', UNIONID: '' }),
  uploadFile: jest.fn(),
  downloadFile: jest.fn(),
  getTempFileURL: jest.fn(),
}));

const root = path.resolve(__dirname, '../..');
type Main = (event: unknown, context?: unknown) => Promise<unknown>;

function loadMain(name: string): Main {
  const built = path.join(root, 'cloudfunctions', name, 'index.js');
  if (!fs.existsSync(built)) throw new Error(`${built} is missing: run \`npm run build\` first`);
  // The bundle is plain CommonJS loaded at run time, so jest's mock of wx-server-sdk applies inside it.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require(built) as { main: Main }).main;
}

const logLines: string[] = [];
/** A production key: without one, no function runs in the cloud (see the last describe). */
const PII_KEY = 'cloud-entry-test-key-0123456789abcdef0123456789';
const PERSON_KEY = 'cloud-entry-test-person-key-0123456789abcdef0123';
beforeAll(async () => {
  process.env.JJN_PII_KEY = PII_KEY;
  process.env.JJN_PERSON_KEY = PERSON_KEY;
  await seedDemoCounty(new CloudBaseStore(fakeDb));
  jest.spyOn(console, 'log').mockImplementation((line: string) => void logLines.push(line));
  jest.spyOn(console, 'error').mockImplementation((line: string) => void logLines.push(line));
});
afterAll(() => {
  delete process.env.JJN_PII_KEY;
  delete process.env.JJN_PERSON_KEY;
  jest.restoreAllMocks();
});

describe.each(Object.keys(FUNCTIONS))('the built %s function', (name) => {
  it('bundles the shared code, leaves wx-server-sdk to the cloud, and never carries the SQLite store', () => {
    const source = fs.readFileSync(path.join(root, 'cloudfunctions', name, 'index.js'), 'utf8');
    expect(source).toContain('require("wx-server-sdk")');
    expect(source).not.toMatch(/require\("better-sqlite3"\)|not-in-the-cloud|SqliteStore/);
    expect(source).not.toMatch(/require\("(zod|chinese-days|dayjs)"\)/);
  });

  it('answers a malformed event with an envelope, never a crash', async () => {
    const main = loadMain(name);
    for (const event of [undefined, null, 'x', { action: 42 }, { action: 'nope' }]) {
      await expect(main(event, {})).resolves.toMatchObject({ ok: false, error: { code: expect.any(String) } });
    }
  });
});

describe('the built societies function', () => {
  const main = () => loadMain('societies');

  it('reads the seeded society from CloudBase for anyone', async () => {
    wx.OPENID = 'o-someone-from-a-qr-code';
    const result = await main()({ action: 'getPublicPage', societyId: 'soc-wangjia' }, {});
    expect(result).toMatchObject({ ok: true, data: { name: '王家村救急难互助社', fund: { balanceFen: 34_200_00 } } });
    expect(init).toHaveBeenCalledWith({ env: DYNAMIC_CURRENT_ENV });
  });

  it('takes the caller from the WX context, not from anything in the event', async () => {
    wx.OPENID = 'demo-resident';
    const claimed = await main()({ action: 'list', userInfo: { openId: 'demo-county' } }, {});
    expect(claimed).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const smuggled = await main()({ action: 'list', openid: 'demo-county' }, {});
    expect(smuggled).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });

    wx.OPENID = 'demo-township';
    const listed = await main()({ action: 'list' }, {});
    expect(listed).toMatchObject({ ok: true, data: { items: [expect.anything(), expect.anything()] } });
  });

  it('initialises the SDK once for many calls', async () => {
    wx.OPENID = 'demo-member';
    await main()({ action: 'me' }, {});
    // Every bundle initialises its own SDK once; later calls of this one must not init again.
    const initsBefore = init.mock.calls.length;
    await main()({ action: 'me' }, {});
    await main()({ action: 'me' }, {});
    expect(init.mock.calls.length).toBe(initsBefore);
  });

  it('logs one JSON line per call for the CloudBase log view, in English', () => {
    const calls = logLines
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .filter((entry) => entry.message === 'call');
    expect(calls.length).toBeGreaterThan(3);
    expect(calls[0]).toMatchObject({
      level: 'info',
      fn: 'societies',
      action: expect.any(String),
      ms: expect.any(Number),
    });
  });
});

describe('without the keys of personal data (sealing and person key)', () => {
  it.each(Object.keys(FUNCTIONS))(
    'the built %s function refuses to run, says why in the log, and touches nothing',
    async (name) => {
      const main = loadMain(name);
      wx.OPENID = 'demo-county';
      const problems: Array<[pii: string | undefined, person: string | undefined]> = [
        [undefined, PERSON_KEY],
        ['too-short-a-key', PERSON_KEY],
        ['jijinan-local-development-key-not-for-production', PERSON_KEY],
        // The person key is a key of its own (JJN_PERSON_KEY): missing, short, the development one, or the PII key.
        [PII_KEY, undefined],
        [PII_KEY, 'too-short-a-person-key'],
        [PII_KEY, 'jijinan-local-development-person-key-not-for-production'],
        [PII_KEY, PII_KEY],
      ];
      for (const [key, person] of problems) {
        if (key === undefined) delete process.env.JJN_PII_KEY;
        else process.env.JJN_PII_KEY = key;
        if (person === undefined) delete process.env.JJN_PERSON_KEY;
        else process.env.JJN_PERSON_KEY = person;
        const before = logLines.length;
        await expect(main({ action: 'me' }, {})).resolves.toEqual({
          ok: false,
          error: { code: 'UNAVAILABLE', message: '服务尚未配置完成，暂时不能使用，请联系县民政局' },
        });
        const logged = logLines.slice(before).map((line) => JSON.parse(line) as Record<string, unknown>);
        expect(logged).toEqual([
          expect.objectContaining({ level: 'error', message: 'refused: misconfigured', fn: name }),
        ]);
      }
      process.env.JJN_PII_KEY = PII_KEY;
      process.env.JJN_PERSON_KEY = PERSON_KEY;
    },
  );
});
