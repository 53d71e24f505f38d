/**
 * R-PROC-8 through the deployable artifact: cloudfunctions/scheduler/index.js as `npm run build`
 * bundles it, called the way CloudBase's timer trigger calls it (no OPENID, a Timer event), over
 * an in-memory CloudBase database seeded with the demo county.
 */
import fs from 'node:fs';
import path from 'node:path';
import { FakeCloudDatabase } from '../support/fake-cloudbase-db';
import { CloudBaseStore } from '../../server/adapters/cloudbase/store';
import { seedDemoCounty } from '../../server/seed/demo-county';
import { COLLECTIONS, type SocietyDoc } from '../../server/collections';
import { findAll } from '../../server/ports/store';
import type { LedgerEntryDoc } from '../../server/ledger/ledger';

const fakeDb = new FakeCloudDatabase();
const wx = { OPENID: '' };

jest.mock('wx-server-sdk', () => ({
  DYNAMIC_CURRENT_ENV: Symbol('DYNAMIC_CURRENT_ENV'),
  init: jest.fn(),
  database: () => fakeDb,
  getWXContext: () => ({ OPENID: wx.OPENID, APPID: 'wx-test', UNIONID: '' }),
  uploadFile: jest.fn(),
  downloadFile: jest.fn(),
  getTempFileURL: jest.fn(),
}));

type Main = (event: unknown, context?: unknown) => Promise<{ ok: boolean; data?: unknown; error?: { code: string } }>;
const root = path.resolve(__dirname, '../..');

function loadMain(): Main {
  const built = path.join(root, 'cloudfunctions/scheduler/index.js');
  if (!fs.existsSync(built)) throw new Error(`${built} is missing: run \`npm run build\` first`);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require(built) as { main: Main }).main;
}

const store = new CloudBaseStore(fakeDb);
beforeAll(async () => {
  process.env.JJN_PII_KEY = 'scheduler-bundle-test-key-0123456789abcdef';
  process.env.JJN_PERSON_KEY = 'scheduler-bundle-test-person-key-0123456789abcdef';
  await seedDemoCounty(store);
  jest.spyOn(console, 'log').mockImplementation(() => undefined);
  jest.spyOn(console, 'error').mockImplementation(() => undefined);
});
afterAll(() => {
  delete process.env.JJN_PII_KEY;
  delete process.env.JJN_PERSON_KEY;
  jest.restoreAllMocks();
});

describe('the built scheduler function', () => {
  it('declares the monthly timer trigger: 02:00 on the 1st (CloudBase cron, seconds first), the half-hourly deadline messages, the nightly checkpoints and the audit seal every minute', () => {
    const config = JSON.parse(fs.readFileSync(path.join(root, 'cloudfunctions/scheduler/config.json'), 'utf8')) as {
      triggers: Array<{ name: string; type: string; config: string }>;
    };
    expect(config.triggers).toEqual([
      { name: 'monthlyReports', type: 'timer', config: '0 0 2 1 * * *' },
      { name: 'resealPersonalData', type: 'timer', config: '0 30 3 * * * *' },
      { name: 'deadlineMessages', type: 'timer', config: '0 */30 * * * * *' },
      { name: 'checkpoints', type: 'timer', config: '0 0 4 * * * *' },
      { name: 'sealAudit', type: 'timer', config: '0 * * * * * *' },
    ]);
  });

  it("R-PROC-8: a timer event (no OPENID) sends last month's reports of the running societies, once", async () => {
    wx.OPENID = '';
    const event = { Type: 'Timer', TriggerName: 'monthlyReports', Time: '2026-12-01T02:00:00Z', Message: '' };
    const first = await loadMain()(event, {});
    expect(first).toMatchObject({ ok: true, data: { failed: [] } });
    const generated = (first.data as { generated: string[] }).generated;
    expect(generated.map((id) => id.split(':')[0])).toEqual(['soc-liutang', 'soc-wangjia']);
    expect(await store.count(COLLECTIONS.monthlyReports)).toBe(2);
    const again = await loadMain()(event, {});
    expect(again).toMatchObject({ ok: true, data: { generated: [], alreadySent: generated } });
  });

  it('a villager who sends a Timer-shaped event from the mini program is refused: a person is never the timer', async () => {
    wx.OPENID = 'demo-resident';
    // Without the timer's standing it is an event with no action at all.
    expect(await loadMain()({ Type: 'Timer', TriggerName: 'monthlyReports' }, {})).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST' },
    });
    expect(await loadMain()({ action: 'runMonthlyReports' }, {})).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
  });

  it('a call with no caller that is not the timer event is refused', async () => {
    wx.OPENID = '';
    expect(await loadMain()({ action: 'runMonthlyReports' }, {})).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHENTICATED' },
    });
  });

  it('the nightly key timer re-seals under a new JJN_PII_KEY and re-keys under a new JJN_PERSON_KEY; then has nothing to do', async () => {
    wx.OPENID = '';
    const event = { Type: 'Timer', TriggerName: 'resealPersonalData', Time: '2026-12-02T03:30:00Z', Message: '' };
    const cases = await store.count(COLLECTIONS.cases);
    // What holds a sealed value: every case, a society's bank account, a ledger entry's counterparty name.
    const sealedDocs =
      cases +
      (await findAll<SocietyDoc>(store, COLLECTIONS.societies)).filter((doc) => doc.bankAccount).length +
      (await findAll<LedgerEntryDoc>(store, COLLECTIONS.ledgerEntries)).filter((doc) => doc.counterparty).length;
    expect(await loadMain()(event, {})).toMatchObject({ ok: true, data: { resealed: 0, rekeyed: 0, more: false } });
    const pii = process.env.JJN_PII_KEY!;
    const person = process.env.JJN_PERSON_KEY!;
    process.env.JJN_PII_KEY = 'scheduler-bundle-test-key-2-0123456789abcdef';
    process.env.JJN_PII_KEYS_PREVIOUS = pii;
    process.env.JJN_PERSON_KEY = 'scheduler-bundle-test-person-key-2-0123456789abcdef';
    try {
      expect(await loadMain()(event, {})).toMatchObject({
        ok: true,
        data: { resealed: sealedDocs, rekeyed: cases, more: false },
      });
      expect(await loadMain()(event, {})).toMatchObject({ ok: true, data: { resealed: 0, rekeyed: 0, more: false } });
    } finally {
      process.env.JJN_PII_KEY = pii;
      process.env.JJN_PERSON_KEY = person;
      delete process.env.JJN_PII_KEYS_PREVIOUS;
    }
  });
});
