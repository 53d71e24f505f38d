/**
 * Issue 15, audit verify from a verified checkpoint (R-OVS-5): the nightly timer verifies each
 * chain's new events and moves its checkpoint on; a verify then reads only the events after it.
 * A break after the checkpoint is reported at once; a break behind it by the monthly full pass,
 * which sends the checkpoint back so that every verify reports it from then on.
 */
import { COLLECTIONS } from '../../server/collections';
import { findAll } from '../../server/ports/store';
import { hashAuditEvent, type AuditEventDoc, type AuditHeadDoc } from '../../server/audit/trail';
import { advanceAuditCheckpoints, type AuditCheckpointDoc } from '../../server/audit/checkpoints';
import { createTestBackend, type TestBackend } from '../support/test-backend';
import type { AuditVerification } from '../../miniprogram/domain/oversight';
import { api, WANGJIA } from './support';
import { sealedChain } from '../support/audit';

const TIMER = { Type: 'Timer', TriggerName: 'checkpoints', Time: '2026-12-04T20:00:00Z', Message: '' };

let backend: TestBackend;
let call: ReturnType<typeof api>;
beforeEach(async () => {
  backend = await createTestBackend();
  call = api(backend);
});
afterEach(() => backend.close());

const verify = () => call.notices.ok<AuditVerification>('verifyAudit', { scopeId: WANGJIA }, 'demo-supervisor');

async function eventsOf(scopeId: string): Promise<AuditEventDoc[]> {
  return (await sealedChain(backend.ports.store, scopeId)).events;
}

/** Rewrites an event as a careful forger would: new content, its own hash recomputed. */
async function forge(event: AuditEventDoc): Promise<void> {
  const { _id, hash: _hash, ...body } = { ...event, details: { ...event.details, forged: true } };
  await backend.ports.store.transaction((tx) =>
    tx.set(COLLECTIONS.auditEvents, { _id, ...body, hash: hashAuditEvent(body) }),
  );
}

describe('audit chains verified from a checkpoint (issue 15, R-OVS-5)', () => {
  it('the nightly timer checkpoints every chain; a verify then reads only the events after it', async () => {
    const events = await eventsOf(WANGJIA);
    expect(events.length).toBeGreaterThan(3);
    expect(await verify()).toMatchObject({ ok: true, count: events.length, fromSeq: 0 });

    const timer = await backend.call('scheduler', TIMER, null);
    expect(timer).toMatchObject({ ok: true, data: { full: false, brokenChains: 0, brokenLedgers: 0, more: false } });
    const heads = await findAll<AuditHeadDoc>(backend.ports.store, COLLECTIONS.auditHeads, {});
    const checkpoints = await findAll<AuditCheckpointDoc>(backend.ports.store, COLLECTIONS.auditCheckpoints, {});
    expect(checkpoints.map((doc) => [doc._id, doc.seq, doc.hash]).sort()).toEqual(
      heads.map((head) => [head._id, head.seq, head.hash]).sort(),
    );
    expect(await verify()).toMatchObject({ ok: true, count: events.length, fromSeq: events.length });

    // A run with nothing new reads no events and changes no checkpoint.
    const again = await advanceAuditCheckpoints(backend.ports.store, { now: backend.ports.clock.now() });
    expect(again).toEqual({ checked: 0, events: 0, broken: [], more: false });
  });

  it('goes on in batches within its budget, and the next run finishes', async () => {
    const events = await eventsOf(WANGJIA);
    const store = backend.ports.store;
    const first = await advanceAuditCheckpoints(store, { now: backend.ports.clock.now(), batch: 2, budget: 3 });
    expect(first.more).toBe(true);
    expect(first.events).toBe(3);
    let run = first;
    while (run.more) run = await advanceAuditCheckpoints(store, { now: backend.ports.clock.now(), batch: 2 });
    const checkpoint = await store.get<AuditCheckpointDoc>(COLLECTIONS.auditCheckpoints, WANGJIA);
    expect(checkpoint?.seq).toBe(events.length);
  });

  it('a forged event after the checkpoint is reported by the next verify', async () => {
    await backend.call('scheduler', TIMER, null);
    // New events after the checkpoint: a ledger entry by the secretary.
    await call.ok(
      'funds',
      'recordEntry',
      {
        societyId: WANGJIA,
        entryId: 'chk-entry-0001',
        type: 'bankInterest',
        amountFen: 12_34,
        sourceRef: '银行回单 2026-12-0001',
      },
      'demo-secretary',
    );
    const events = await eventsOf(WANGJIA);
    const last = events[events.length - 1]!;
    expect(await verify()).toMatchObject({ ok: true, count: events.length, fromSeq: events.length - 1 });
    await forge(last);
    // Its own hash recomputed, the last event no longer matches the chain's head.
    expect(await verify()).toMatchObject({ ok: false, brokenAtSeq: last.seq + 1 });
  });

  it('a forged event behind the checkpoint is found by the monthly full pass, and reported from then on', async () => {
    await backend.call('scheduler', TIMER, null);
    const events = await eventsOf(WANGJIA);
    const target = events[1]!;
    await forge(target);
    // The incremental verify starts after the checkpoint: it cannot see the forgery yet.
    expect(await verify()).toMatchObject({ ok: true, fromSeq: events.length });
    const incremental = await advanceAuditCheckpoints(backend.ports.store, { now: backend.ports.clock.now() });
    expect(incremental.broken).toEqual([]);

    const full = await advanceAuditCheckpoints(backend.ports.store, { now: backend.ports.clock.now(), full: true });
    expect(full.broken).toEqual([WANGJIA]);
    const result = await verify();
    expect(result).toMatchObject({ ok: false, brokenAtSeq: target.seq + 1, fromSeq: 0 });
  });
});
