/**
 * Issue 15, R-OVS-2: the supervision and township overviews read each society's digest
 * (server/oversight/digest.ts). Here the digests are kept only by the minute timer, as in
 * production: sealing marks a society's digest when it chains an event that concerns it, and the
 * timer counts the marked ones. What changes with time alone is worked out when read.
 */
import { createTestBackend, type TestBackend } from '../support/test-backend';
import { COLLECTIONS, type SocietyDoc } from '../../server/collections';
import { findAll, type Store } from '../../server/ports/store';
import {
  LIST_KEPT,
  countDigest,
  keepAllDigests,
  keepMarkedDigests,
  type SocietyDigestDoc,
} from '../../server/oversight/digest';
import { CountingStore } from '../../server/ports/counting-store';
import { markDigests, type DigestMarkDoc } from '../../server/oversight/digest-marks';
import { supervisionOverview } from '../../server/oversight/supervision';
import type { SupervisionOverview, TownshipOverview } from '../../miniprogram/domain/oversight';
import type { CaseFlagView } from '../../miniprogram/domain/oversight';
import { api, payCase, WANGJIA } from '../notices/support';

const MINUTE = { Type: 'Timer', TriggerName: 'sealAudit', Time: '2026-12-04T07:00:00Z', Message: '' };

let backend: TestBackend;
beforeEach(async () => {
  backend = await createTestBackend({ digests: 'timer' });
});
afterEach(() => backend.close());

async function minuteTimer(): Promise<Record<string, unknown>> {
  const result = await backend.call('scheduler', MINUTE, null);
  if (!result.ok) throw new Error(`timer failed: ${result.error.message}`);
  return result.data as Record<string, unknown>;
}

const overview = (openid = 'demo-supervisor') =>
  api(backend).ok<SupervisionOverview>('notices', 'supervisionOverview', { societyId: WANGJIA }, openid);
const township = () => api(backend).ok<TownshipOverview>('notices', 'townshipOverview', {}, 'demo-township');

async function waitingMarks(store: Store): Promise<string[]> {
  const marks = await findAll<DigestMarkDoc>(store, COLLECTIONS.digestQueue, { where: { waiting: true } });
  return marks.map((mark) => mark._id).sort();
}

/** The overview as a digest counted from scratch now would give it. */
async function freshOverview(): Promise<SupervisionOverview> {
  await keepAllDigests(backend.ports.store, backend.ports.clock.now());
  return overview();
}

describe('the minute timer keeps the overviews', () => {
  it('a paid case shows after the timer, not before, and then as a fresh count would', async () => {
    const before = await overview();
    await payCase(backend, { name: '李大山' });
    // Kept on the case, not yet handed on or sealed: the counts are as they were; the fund, read
    // as it is, has paid already.
    const meanwhile = await overview();
    expect({ ...meanwhile, fund: before.fund }).toEqual(before);
    expect(meanwhile.fund.balanceFen).toBe(before.fund.balanceFen - 600_00);
    const run = await minuteTimer();
    expect(run.digests).toBeGreaterThanOrEqual(1);
    const after = await overview();
    expect(after.cases.total).toBe(before.cases.total + 1);
    expect(after.cases.paid).toBe(before.cases.paid + 1);
    expect(after.notices.unpublished).toBe(before.notices.unpublished + 1);
    expect(after.audit.count).toBeGreaterThan(before.audit.count);
    expect(await waitingMarks(backend.ports.store)).toEqual([]);
    expect(await freshOverview()).toEqual(after);
  });

  it('the township handling a flag (its own chain, naming the society) reaches the overviews', async () => {
    const { ok } = api(backend);
    const flag = await ok<CaseFlagView>(
      'notices',
      'flagCase',
      { requestId: 'flag-digest-0001', caseId: 'demo-case-03', comment: '请乡镇复核档次。' },
      'demo-supervisor',
    );
    await minuteTimer();
    expect((await township()).openFlags.map((item) => item.id)).toEqual([flag.id]);
    expect((await overview()).flags).toMatchObject({ open: 1 });

    await ok('notices', 'resolveFlag', { flagId: flag.id, note: '已复核，档次无误' }, 'demo-township');
    expect((await township()).openFlags.map((item) => item.id)).toEqual([flag.id]);
    await minuteTimer();
    expect((await township()).openFlags).toEqual([]);
    expect((await overview()).flags).toMatchObject({ open: 0 });
  });

  it('a trail read seals the events first: the digest is marked all the same', async () => {
    await payCase(backend, { name: '张小河' });
    // The supervision committee reads the trail: that seals the society's events (and marks it).
    await api(backend).ok('notices', 'auditTrail', { scopeId: WANGJIA, offset: 0, limit: 20 }, 'demo-supervisor');
    expect(await waitingMarks(backend.ports.store)).toContain(WANGJIA);
    const before = await overview();
    await minuteTimer();
    expect((await overview()).cases.paid).toBe(before.cases.paid + 1);
  });
});

describe('what changes with time alone', () => {
  it('a deadline passing or a notice coming down is never shown wrong: read anew until the timer counts it', async () => {
    const { store, clock } = backend.ports;
    const caseId = await payCase(backend, { name: '王秋月' });
    await api(backend).ok('notices', 'publishNotice', { caseId, villageGroupNo: 3 }, 'demo-secretary');
    await minuteTimer();
    const digest = (await store.get<SocietyDigestDoc>(COLLECTIONS.societyDigests, WANGJIA))!;
    const now = await overview();
    expect(now.notices.live).toBeGreaterThanOrEqual(1);
    // The digest knows when its first count changes with time: here, within the week.
    expect(digest.nextChangeAt > digest.countedAt).toBe(true);
    expect(Date.parse(digest.nextChangeAt) - Date.parse(digest.countedAt)).toBeLessThanOrEqual(7 * 24 * 3600_000);

    // A week and a day later, nothing counted again: the overview counts the society itself, and
    // writes nothing; the notices are down, the deadlines due by then are overdue.
    clock.set(new Date(clock.now().getTime() + 8 * 24 * 3600 * 1000));
    const counting = new CountingStore(store);
    const ctx = { ...(await backend.contextFor('demo-supervisor')), store: counting };
    const later = await supervisionOverview(ctx, WANGJIA);
    expect(counting.reset().roundTrips).toBeGreaterThan(4);
    expect(await store.get<SocietyDigestDoc>(COLLECTIONS.societyDigests, WANGJIA)).toEqual(digest);
    expect(later.notices.live).toBe(0);
    expect(later.notices.archived).toBe(now.notices.archived + now.notices.live);
    expect(later.cases.overdue).toBeGreaterThan(now.cases.overdue);

    // The timer marks it and counts it: then the overview reads the digest again, with the same answer.
    const run = await minuteTimer();
    expect(run.digests).toBeGreaterThanOrEqual(1);
    expect(await supervisionOverview(ctx, WANGJIA)).toEqual(later);
    expect(counting.reset().roundTrips).toBe(3);
    expect(await freshOverview()).toEqual(later);
  });

  it('a digest stays the same size at any number of overdue cases: the most overdue, and the count', async () => {
    const { store, clock } = backend.ports;
    const society = (await store.get<SocietyDoc>(COLLECTIONS.societies, WANGJIA))!;
    const [template] = await store.find<{ _id: string } & Record<string, unknown>>(COLLECTIONS.cases, {
      where: { societyId: WANGJIA, state: 'accepted' },
      limit: 1,
    });
    expect(template).toBeDefined();
    await store.transaction(async (tx) => {
      for (let i = 0; i < LIST_KEPT + 20; i += 1) {
        await tx.insert(COLLECTIONS.cases, {
          ...template!,
          _id: `overdue-${i}`,
          caseNo: `2026-9${String(i).padStart(3, '0')}`,
          nextDueAt: new Date(Date.parse('2026-11-01T00:00:00Z') + i * 60_000).toISOString(),
        });
      }
    });
    const digest = await countDigest(store, society, clock.now());
    expect(digest.cases.overdue).toBeGreaterThanOrEqual(LIST_KEPT + 20);
    expect(digest.overdue).toHaveLength(LIST_KEPT);
    expect(digest.overdue[0]!._id).toBe('overdue-0');
  });
});

describe('counting and marking race safely', () => {
  it('a society marked again while it is counted keeps its mark, and the next run counts it', async () => {
    const { store, clock } = backend.ports;
    await payCase(backend, { name: '赵春生' });
    // Seal by hand so the society is marked.
    await minuteTimer();
    await payCase(backend, { name: '钱冬梅' });
    const { sealPendingAudit } = await import('../../server/audit/seal');
    await sealPendingAudit(store);
    expect(await waitingMarks(store)).toContain(WANGJIA);

    // While the timer counts, another action's sealing marks the society again.
    let remarked = false;
    const racing: Store = Object.create(store, {
      count: {
        value: async (collection: string, where?: Record<string, unknown>) => {
          if (!remarked) {
            remarked = true;
            await store.transaction((tx) => markDigests(tx, [WANGJIA], clock.now().toISOString()));
          }
          return store.count(collection, where as never);
        },
      },
    });
    const kept = await store.get<SocietyDigestDoc>(COLLECTIONS.societyDigests, WANGJIA);
    const run = await keepMarkedDigests(racing, clock.now());
    expect(run.written).toBe(0);
    expect(await store.get<SocietyDigestDoc>(COLLECTIONS.societyDigests, WANGJIA)).toEqual(kept);
    expect(await waitingMarks(store)).toContain(WANGJIA);

    const next = await keepMarkedDigests(store, clock.now());
    expect(next.written).toBe(1);
    expect(await waitingMarks(store)).toEqual([]);
    const society = (await store.get<SocietyDoc>(COLLECTIONS.societies, WANGJIA))!;
    const { countedAt: _at, ...counted } = await countDigest(store, society, clock.now());
    const { countedAt: _keptAt, ...stored } = (await store.get<SocietyDigestDoc>(COLLECTIONS.societyDigests, WANGJIA))!;
    expect(stored).toEqual(counted);
  });

  it('a mark of an area (a township event naming no society) is cleared uncounted', async () => {
    const { store, clock } = backend.ports;
    await store.transaction((tx) => markDigests(tx, ['area-qingshi'], clock.now().toISOString()));
    expect(await keepMarkedDigests(store, clock.now())).toMatchObject({ counted: 1, written: 0, more: false });
    expect(await waitingMarks(store)).toEqual([]);
  });
});

describe('a society without a digest', () => {
  it('is counted when read, and nothing is written', async () => {
    const { store } = backend.ports;
    await api(backend).ok('societies', 'create', { villageId: 'area-dongling', form: 'registered' }, 'demo-county');
    expect(await store.get(COLLECTIONS.societyDigests, 'soc-dongling')).toBeNull();
    const ctx = await backend.contextFor('demo-county');
    const read = await supervisionOverview(ctx, 'soc-dongling');
    expect(read).toMatchObject({ cases: { total: 0 }, society: { villageName: '东岭村' } });
    expect(await store.get(COLLECTIONS.societyDigests, 'soc-dongling')).toBeNull();
    const rows = (await township()).societies.map((row) => row.id);
    expect(rows).not.toContain('soc-dongling'); // another township's
    await minuteTimer();
    expect(await store.get(COLLECTIONS.societyDigests, 'soc-dongling')).toMatchObject({ villageName: '东岭村' });
  });
});
