/**
 * Issue 15, R-OVS-5: an action keeps its audit event pending (one insert, no read of the chain's
 * head), and sealing chains the pending events: the minute timer, and every reader of a trail
 * first. Over SQLite (the local stack) and the fake CloudBase database (snapshot transactions
 * that conflict), sealers that run at once chain every event exactly once.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { COLLECTIONS, INDEXES } from '../../server/collections';
import { findAll, type Store } from '../../server/ports/store';
import { SqliteStore } from '../../server/adapters/sqlite/store';
import { CloudBaseStore } from '../../server/adapters/cloudbase/store';
import { FakeCloudDatabase } from '../support/fake-cloudbase-db';
import {
  appendAudit,
  verifyAuditChain,
  type AuditEventDoc,
  type AuditHeadDoc,
  type PendingAuditEventDoc,
} from '../../server/audit/trail';
import { sealPendingAudit, sealScope, SEAL_BATCH } from '../../server/audit/seal';
import type { Actor } from '../../server/access/caller';
import { createTestBackend, type TestBackend } from '../support/test-backend';
import type { AuditPage, AuditVerification } from '../../miniprogram/domain/oversight';
import { api, WANGJIA } from './support';

const ACTOR: Actor = { userId: 'u-1', openid: 'o-1', name: '测试员', role: 'secretary' };
const AT = new Date('2026-12-05T02:00:00Z');

function append(store: Store, scopeId: string, action: string, at = AT): Promise<void> {
  return store.transaction((tx) => appendAudit(tx, { scopeId, actor: ACTOR, action, target: `t/${action}`, at }));
}

async function chain(store: Store, scopeId: string) {
  const [events, head, pending] = await Promise.all([
    findAll<AuditEventDoc>(store, COLLECTIONS.auditEvents, {
      where: { scopeId, seq: { $gt: 0 } },
      orderBy: [['seq', 'asc']],
    }),
    store.get<AuditHeadDoc>(COLLECTIONS.auditHeads, scopeId),
    store.count(COLLECTIONS.auditEvents, { scopeId, pending: true }),
  ]);
  return { events, head, pending };
}

const stores: Array<[string, () => { store: Store; close: () => void }]> = [
  [
    'SQLite',
    () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jjn-seal-'));
      const store = SqliteStore.open({ file: path.join(dir, 'seal.sqlite'), indexes: INDEXES });
      return { store, close: () => (store.close(), fs.rmSync(dir, { recursive: true, force: true })) };
    },
  ],
  ['the fake CloudBase database', () => ({ store: new CloudBaseStore(new FakeCloudDatabase()), close: () => {} })],
];

describe.each(stores)('sealing the audit chains over %s (issue 15, R-OVS-5)', (_name, open) => {
  let store: Store;
  let close: () => void;
  beforeEach(() => ({ store, close } = open()));
  afterEach(() => close());

  it('an action keeps its event pending, with who, what and when, and touches no head', async () => {
    await append(store, 's1', 'a.one');
    const [pending] = await findAll<PendingAuditEventDoc>(store, COLLECTIONS.auditEvents, { where: { scopeId: 's1' } });
    expect(pending).toMatchObject({
      scopeId: 's1',
      action: 'a.one',
      actor: ACTOR,
      pending: true,
      at: AT.toISOString(),
    });
    expect(pending).not.toHaveProperty('seq');
    expect(await store.get(COLLECTIONS.auditHeads, 's1')).toBeNull();
  });

  it('sealing chains the pending events oldest first, keeps their ids, and an action’s events in its order', async () => {
    await append(store, 's1', 'a.later', new Date(AT.getTime() + 60_000));
    // One action appends two events at the same time (a payout: the ledger entry, then the case step).
    await store.transaction(async (tx) => {
      await appendAudit(tx, { scopeId: 's1', actor: ACTOR, action: 'ledger.record', target: 't', at: AT });
      await appendAudit(tx, { scopeId: 's1', actor: ACTOR, action: 'case.disburse', target: 't', at: AT });
    });
    const ids = (await findAll<PendingAuditEventDoc>(store, COLLECTIONS.auditEvents, {})).map((doc) => doc._id);
    expect(await sealScope(store, 's1')).toBe(3);
    const { events, head, pending } = await chain(store, 's1');
    expect(pending).toBe(0);
    expect(events.map((event) => [event.seq, event.action])).toEqual([
      [1, 'ledger.record'],
      [2, 'case.disburse'],
      [3, 'a.later'],
    ]);
    expect(events.map((event) => event._id).sort()).toEqual(ids.sort());
    expect(events.every((event) => !('pending' in event))).toBe(true);
    expect(verifyAuditChain(events, head)).toEqual({ ok: true, count: 3 });
    expect(head).toMatchObject({ seq: 3, hash: events[2]!.hash, lastId: events[2]!._id, lastAt: events[2]!.at });

    // Later events go on from the head; nothing is sealed twice.
    await append(store, 's1', 'a.next', new Date(AT.getTime() + 120_000));
    expect(await sealScope(store, 's1')).toBe(1);
    expect(await sealScope(store, 's1')).toBe(0);
    const after = await chain(store, 's1');
    expect(after.events.map((event) => event.seq)).toEqual([1, 2, 3, 4]);
    expect(verifyAuditChain(after.events, after.head)).toEqual({ ok: true, count: 4 });
  });

  it('sealers that run at once chain every event exactly once', async () => {
    const count = SEAL_BATCH + 7;
    for (let i = 0; i < count; i += 1) {
      await append(store, i % 2 ? 's1' : 's2', `a.${i}`, new Date(AT.getTime() + i * 1000));
    }
    const runs = await Promise.all([
      sealPendingAudit(store),
      sealPendingAudit(store),
      sealScope(store, 's1'),
      sealScope(store, 's2'),
    ]);
    const sealed = runs.reduce<number>((sum, run) => sum + (typeof run === 'number' ? run : run.sealed), 0);
    // A sealer that lost a race may leave the rest to the next minute; the timer finishes them.
    const rest = await sealPendingAudit(store);
    expect(sealed + rest.sealed).toBe(count);
    for (const scopeId of ['s1', 's2']) {
      const { events, head, pending } = await chain(store, scopeId);
      expect(pending).toBe(0);
      expect(verifyAuditChain(events, head)).toEqual({ ok: true, count: scopeId === 's1' ? 28 : 29 });
      expect(new Set(events.map((event) => event.action)).size).toBe(events.length);
    }
  });

  it('the timer seals within its budget and says when some are left', async () => {
    for (let i = 0; i < 5; i += 1) await append(store, `s${i % 3}`, `a.${i}`);
    expect(await sealPendingAudit(store, 3)).toMatchObject({ sealed: 3, more: true });
    expect(await sealPendingAudit(store, 3)).toMatchObject({ sealed: 2, more: false });
    expect(await sealPendingAudit(store)).toEqual({
      handedOn: { docs: 0, audit: 0, queued: [], failed: [], more: false },
      sealed: 0,
      scopes: 0,
      more: false,
    });
  });
});

describe('sealing through the product (issue 15, R-OVS-5)', () => {
  let backend: TestBackend;
  let call: ReturnType<typeof api>;
  beforeEach(async () => {
    backend = await createTestBackend();
    call = api(backend);
  });
  afterEach(() => backend.close());

  const ledgerEntry = (entryId: string) =>
    call.ok(
      'funds',
      'recordEntry',
      { societyId: WANGJIA, entryId, type: 'bankInterest', amountFen: 1_00, sourceRef: `银行回单 ${entryId}` },
      'demo-secretary',
    );

  it('the demo county starts sealed; an entry leaves its event pending until the supervisor reads the trail', async () => {
    const { store } = backend.ports;
    expect(await store.count(COLLECTIONS.auditEvents, { pending: true })).toBe(0);
    const before = await store.get<AuditHeadDoc>(COLLECTIONS.auditHeads, WANGJIA);
    await ledgerEntry('seal-entry-01');
    expect(await store.get<AuditHeadDoc>(COLLECTIONS.auditHeads, WANGJIA)).toEqual(before);
    expect(await store.count(COLLECTIONS.auditEvents, { scopeId: WANGJIA, pending: true })).toBe(1);

    const trail = await call.notices.ok<AuditPage>('auditTrail', { scopeId: WANGJIA, limit: 5 }, 'demo-supervisor');
    expect(trail.total).toBe(before!.seq + 1);
    expect(trail.items[0]).toMatchObject({ seq: before!.seq + 1, action: 'ledger.record', actorName: '刘芳' });
    expect(await store.count(COLLECTIONS.auditEvents, { pending: true })).toBe(0);
    const verified = await call.notices.ok<AuditVerification>('verifyAudit', { scopeId: WANGJIA }, 'demo-supervisor');
    expect(verified).toMatchObject({ ok: true, count: before!.seq + 1 });
  });

  it('the supervision overview says when the last event was done, from the head, or for an older head from the event', async () => {
    await ledgerEntry('seal-entry-03');
    const overview = () =>
      call.notices.ok<{ audit: { count: number; lastAt: string | null } }>(
        'supervisionOverview',
        { societyId: WANGJIA },
        'demo-supervisor',
      );
    await call.notices.ok('auditTrail', { scopeId: WANGJIA, limit: 1 }, 'demo-supervisor');
    const head = (await backend.ports.store.get<AuditHeadDoc>(COLLECTIONS.auditHeads, WANGJIA))!;
    const last = await backend.ports.store.get<AuditEventDoc>(COLLECTIONS.auditEvents, head.lastId!);
    expect(last).toMatchObject({ seq: head.seq, action: 'ledger.record' });
    expect(await overview()).toMatchObject({ audit: { count: head.seq, lastAt: last!.at } });
    // A head from before it kept the time: the overview reads the last event.
    const { lastAt: _kept, ...older } = head;
    await backend.ports.store.transaction((tx) => tx.set(COLLECTIONS.auditHeads, older));
    expect(await overview()).toMatchObject({ audit: { count: head.seq, lastAt: last!.at } });
  });

  it('the minute timer seals every scope; a person cannot run it', async () => {
    await ledgerEntry('seal-entry-02');
    const timer = { Type: 'Timer', TriggerName: 'sealAudit', Time: '2026-12-05T02:01:00Z', Message: '' };
    const run = await backend.call('scheduler', timer, null);
    expect(run).toMatchObject({ ok: true, data: { more: false } });
    expect((run as { data: { sealed: number } }).data.sealed).toBeGreaterThanOrEqual(1);
    expect(await backend.ports.store.count(COLLECTIONS.auditEvents, { pending: true })).toBe(0);
    expect(await backend.call('scheduler', { action: 'sealAudit' }, 'demo-county')).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
  });
});
