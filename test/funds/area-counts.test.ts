/**
 * The county dashboard's counters (issue 15) over the real SQLite store: kept in the transaction of
 * every registry write (a society started, activated, suspended, resumed; villages imported), a
 * retry counts nothing twice, and a county without counters is counted once from its areas by the
 * next reader, unless a write overtook that count.
 */
import ExcelJS from 'exceljs';
import { createTestBackend, type TestBackend } from '../support/test-backend';
import { COLLECTIONS, type AreaDoc, type SocietyDoc } from '../../server/collections';
import type { CountyDashboardView, DashboardCounts } from '../../miniprogram/domain/registry';
import { loadAreaCounts, type AreaCountsDoc } from '../../server/registry/area-counts';
import { createSociety } from '../../server/registry/societies';
import { CountingStore } from '../../server/ports/counting-store';
import type { FindQuery, Doc, Store } from '../../server/ports/store';
import { FIRST_START_ENV, firstStartValue } from '../../server/registry/first-start-code';
import { data, refusal, snapshot } from './support';

const COUNTY = 'area-qingxi';

let backend: TestBackend;
afterEach(() => backend.close());

const dashboard = (openid = 'demo-county') =>
  data<CountyDashboardView>(backend, 'societies', { action: 'countyDashboard' }, openid);

const countsDoc = () => backend.ports.store.get<AreaCountsDoc>(COLLECTIONS.areaCounts, COUNTY);

function townshipOf(view: CountyDashboardView, name: string): DashboardCounts {
  const row = view.townships.find((township) => township.townshipName === name);
  if (!row) throw new Error(`no township ${name}`);
  const { townshipId: _id, townshipName: _name, ...counts } = row;
  return counts;
}

describe('counters kept by the registry writes (seeded county)', () => {
  beforeEach(async () => {
    backend = await createTestBackend();
  });

  it('R-ORG-1: a society started counts as preparing in its township, in the same transaction; a retry counts nothing', async () => {
    const before = await countsDoc();
    expect(before?.complete).toBe(true);
    expect(townshipOf(await dashboard(), '河口乡')).toMatchObject({ villages: 3, none: 1, preparing: 2, filed: 1 });

    await data(backend, 'societies', { action: 'create', villageId: 'area-dongling', form: 'filed' }, 'demo-county');
    const after = await countsDoc();
    // One write, one step of the counters: their version moved by one with the society.
    expect(after!.version).toBe(before!.version + 1);
    expect(townshipOf(await dashboard(), '河口乡')).toMatchObject({ villages: 3, none: 0, preparing: 3, filed: 2 });

    // The same start again finds the first society and writes nothing, the counters included.
    await data(backend, 'societies', { action: 'create', villageId: 'area-dongling', form: 'filed' }, 'demo-county');
    // Two starts racing: the second transaction fails on the society's id and counts nothing.
    const ctx = await backend.contextFor('demo-county');
    const racing = { ...ctx, store: withoutFinding(ctx.store, COLLECTIONS.societies) };
    await createSociety(racing, { villageId: 'area-dongling', form: 'filed' });
    expect((await countsDoc())!.version).toBe(after!.version);
    expect((await dashboard()).summary).toEqual({
      villages: 5,
      none: 0,
      preparing: 3,
      active: 2,
      suspended: 0,
      registered: 2,
      filed: 3,
    });
  });

  it('R-ORG-2: suspending and resuming moves the society between active and suspended; a refusal counts nothing', async () => {
    const reason = { societyId: 'soc-wangjia', reason: '审计整改' };
    await data(backend, 'societies', { action: 'suspend', ...reason }, 'demo-county');
    expect(townshipOf(await dashboard(), '青石镇')).toMatchObject({ active: 1, suspended: 1, registered: 1 });
    expect((await dashboard('demo-township')).summary).toMatchObject({ active: 1, suspended: 1 });

    const before = await snapshot(backend);
    const counters = await countsDoc();
    expect((await refusal(backend, 'societies', { action: 'suspend', ...reason }, 'demo-county')).code).toBe(
      'INVALID_STATE',
    );
    expect(await snapshot(backend)).toEqual(before);
    expect(await countsDoc()).toEqual(counters);

    await data(backend, 'societies', { action: 'resume', ...reason }, 'demo-county');
    expect(townshipOf(await dashboard(), '青石镇')).toMatchObject({ active: 2, suspended: 0, registered: 1 });
  });

  it('the first view reads the counters, not the villages: the same documents with 40 more villages', async () => {
    const counting = new CountingStore(backend.ports.store);
    const ctxFor = async () => ({ ...(await backend.contextFor('demo-county')), store: counting });
    const { countyDashboard } = await import('../../server/registry/societies');
    counting.reset();
    await countyDashboard(await ctxFor());
    const small = counting.reset();
    const village = (await backend.ports.store.get<AreaDoc>(COLLECTIONS.areas, 'area-dongling'))!;
    await backend.ports.store.transaction(async (tx) => {
      for (let i = 0; i < 40; i += 1) {
        await tx.insert<AreaDoc>(COLLECTIONS.areas, { ...village, _id: `area-more-${i}`, name: `新村${i}` });
      }
    });
    await countyDashboard(await ctxFor());
    expect(counting.reset().docsRead).toBe(small.docsRead);
  });
});

/** A store whose finds in `collection` come back empty: the use case's look before writing misses. */
function withoutFinding(store: Store, collection: string): Store {
  return new Proxy(store, {
    get(target, key, receiver) {
      if (key === 'find') {
        return async <T extends Doc>(name: string, query?: FindQuery): Promise<T[]> =>
          name === collection ? [] : target.find<T>(name, query);
      }
      const value: unknown = Reflect.get(target, key, receiver);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

describe('a county without counters', () => {
  const CODE = 'K7PM-Q2XR-9HTW';
  const NEW_COUNTY = 'area-331099';
  const saved = process.env[FIRST_START_ENV];

  beforeEach(async () => {
    backend = await createTestBackend({ seed: false });
    process.env[FIRST_START_ENV] = firstStartValue(CODE, backend.ports.clock.now());
    await data(
      backend,
      'societies',
      { action: 'claimCountyAdmin', firstStartCode: CODE, name: '周建华', countyName: '清溪县', countyCode: '331099' },
      'county-admin',
    );
  });
  afterEach(() => {
    if (saved === undefined) delete process.env[FIRST_START_ENV];
    else process.env[FIRST_START_ENV] = saved;
  });

  async function importRows(rows: string[][]): Promise<void> {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('填写');
    for (const row of [['乡镇（街道）', '村（社区）', '村代码'], ...rows]) sheet.addRow(row);
    const fileBase64 = Buffer.from((await book.xlsx.writeBuffer()) as ArrayBuffer).toString('base64');
    await data(backend, 'spreadsheets', { action: 'importAreas', fileBase64 }, 'county-admin');
  }

  const newCounts = () => backend.ports.store.get<AreaCountsDoc>(COLLECTIONS.areaCounts, NEW_COUNTY);
  const newDashboard = () =>
    data<CountyDashboardView>(backend, 'societies', { action: 'countyDashboard' }, 'county-admin');

  it('an import before any count marks them; the next reader counts once and writes; later imports add in their transaction; a re-import adds nothing', async () => {
    await importRows([
      ['青石镇', '王家村', '331099101201'],
      ['青石镇', '柳塘村', '331099101202'],
    ]);
    expect(await newCounts()).toMatchObject({ complete: false, version: 1 });

    const first = await newDashboard();
    expect(first.countyName).toBe('清溪县');
    expect(first.townships).toEqual([
      expect.objectContaining({ townshipId: 'area-331099101', townshipName: '青石镇', villages: 2, none: 2 }),
    ]);
    expect(await newCounts()).toMatchObject({ complete: true, version: 2 });

    await importRows([
      ['青石镇', '王家村', '331099101201'],
      ['河口乡', '白沙村', '331099102201'],
    ]);
    expect(await newCounts()).toMatchObject({ complete: true, version: 3 });
    const second = await newDashboard();
    expect(second.townships.map((row) => [row.townshipName, row.villages])).toEqual([
      ['河口乡', 1],
      ['青石镇', 2],
    ]);
    expect(second.summary).toMatchObject({ villages: 3, none: 3 });

    // The same file again: nothing is inserted, so nothing is counted.
    await importRows([['河口乡', '白沙村', '331099102201']]);
    expect(await newCounts()).toMatchObject({ version: 3 });
  });

  it('a count that a write overtook is not written: the next reader counts again', async () => {
    await importRows([['青石镇', '王家村', '331099101201']]);
    const raw = backend.ports.store;
    const village = (await raw.get<AreaDoc>(COLLECTIONS.areas, 'area-331099101201'))!;
    const society: SocietyDoc = {
      _id: 'soc-331099101201',
      name: '王家村救急难互助社',
      villageId: village._id,
      townshipId: village.townshipId!,
      countyId: NEW_COUNTY,
      form: 'registered',
      status: 'preparing',
      registrationNumber: null,
      hasCharter: false,
      place: null,
      createdAt: '2026-11-30T06:00:00.000Z',
    };
    // While the reader counts the societies, a society is started (its write marks the counters).
    const { countSocietyChange } = await import('../../server/registry/area-counts');
    let overtaken = false;
    const racing = new Proxy(raw, {
      get(target, key, receiver) {
        if (key === 'find') {
          return async <T extends Doc>(name: string, query?: FindQuery): Promise<T[]> => {
            const found = await target.find<T>(name, query);
            if (name === COLLECTIONS.societies && !overtaken) {
              overtaken = true;
              await target.transaction(async (tx) => {
                await tx.insert(COLLECTIONS.societies, society);
                await countSocietyChange(tx, NEW_COUNTY, null, society);
              });
            }
            return found;
          };
        }
        const value: unknown = Reflect.get(target, key, receiver);
        return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
      },
    }) as Store;
    const stale = await loadAreaCounts(racing, NEW_COUNTY, backend.ports.clock.now());
    expect(overtaken).toBe(true);
    expect(stale.townships[0]).toMatchObject({ villages: 1, preparing: 0 });
    expect(await newCounts()).toMatchObject({ complete: false });

    expect((await newDashboard()).summary).toMatchObject({ villages: 1, none: 0, preparing: 1, registered: 1 });
    expect(await newCounts()).toMatchObject({ complete: true });
  });
});
