/**
 * Issue 15: a step that writes only its case takes no transaction (server/cases/common.ts
 * `keptStep`): it reads the case once and writes it once, if it is still the version read. Its
 * audit event and the applicant's message wait on the case (`outbound`) until handed on
 * (server/outbound.ts), by the minute timer or by whoever reads a trail.
 */
import { createTestBackend, type TestBackend } from '../support/test-backend';
import { COLLECTIONS, type SocietyDoc } from '../../server/collections';
import { findAll, type Store } from '../../server/ports/store';
import type { CaseDoc } from '../../server/cases/model';
import type { AuditEventDoc } from '../../server/audit/trail';
import type { OutboxDoc } from '../../server/messages/outbox';
import { handOnWaiting } from '../../server/outbound';
import { KeptCaseWriter, keptStep } from '../../server/cases/common';
import { commitStep } from '../../server/cases/model';
import type { MyCaseView, OfficerCaseView } from '../../miniprogram/domain/case';
import type { Envelope } from '../../server/errors';
import { sealedChain } from '../support/audit';
import { FakeCloudDatabase } from '../support/fake-cloudbase-db';
import { CloudBaseStore } from '../../server/adapters/cloudbase/store';
import { seedDemoCounty } from '../../server/seed/demo-county';
import { FUNCTIONS } from '../../server/functions';
import { dispatch } from '../../server/api/dispatch';
import { application, caller, SOCIETY, visit } from './helpers';

let backend: TestBackend;
let api: ReturnType<typeof caller>;
beforeEach(async () => {
  backend = await createTestBackend();
  api = caller(backend);
});
afterEach(() => backend.close());

const caseOf = async (caseId: string) => (await backend.ports.store.get<CaseDoc>(COLLECTIONS.cases, caseId))!;

async function submitted(): Promise<string> {
  const view = await api.ok<MyCaseView>('applications', 'submit', application(), 'demo-applicant');
  await handOnWaiting(backend.ports.store);
  return view.id;
}

async function caseAudit(caseId: string): Promise<string[]> {
  const { events } = await sealedChain(backend.ports.store, SOCIETY);
  return events.filter((event) => event.target === `cases/${caseId}`).map((event) => event.action);
}

const outboxOfCase = (caseId: string) =>
  findAll<OutboxDoc>(backend.ports.store, COLLECTIONS.outbox, { where: { caseId } });

describe('a step kept on its case (issue 15)', () => {
  it('writes the case once with its audit event and message on it, and nothing else', async () => {
    const caseId = await submitted();
    const before = await caseOf(caseId);
    const auditBefore = await backend.ports.store.count(COLLECTIONS.auditEvents);
    const outboxBefore = await backend.ports.store.count(COLLECTIONS.outbox);

    await api.ok<OfficerCaseView>('approvals', 'accept', { caseId }, 'demo-secretary');

    const after = await caseOf(caseId);
    expect(after.version).toBe(before.version + 1);
    expect(after.outbound?.audit.map((event) => event.action)).toEqual(['case.accept']);
    expect(after.outbound?.messages.map((message) => message.kind)).toEqual(['caseAccepted']);
    expect(after.outboundAt).toBe(after.outbound!.audit[0]!.at);
    expect(await backend.ports.store.count(COLLECTIONS.auditEvents)).toBe(auditBefore);
    expect(await backend.ports.store.count(COLLECTIONS.outbox)).toBe(outboxBefore);
  });

  it('is handed on once, however often the hand-on runs, and the case is left without it', async () => {
    const caseId = await submitted();
    await api.ok<OfficerCaseView>('approvals', 'accept', { caseId }, 'demo-secretary');
    const runs = await Promise.all([handOnWaiting(backend.ports.store), handOnWaiting(backend.ports.store)]);
    await handOnWaiting(backend.ports.store);
    expect(runs.reduce((sum, run) => sum + run.audit, 0)).toBe(1);

    const after = await caseOf(caseId);
    expect(after.outbound ?? null).toBeNull();
    expect(after.outboundAt ?? null).toBeNull();
    expect(await caseAudit(caseId)).toEqual(['case.submit', 'case.accept']);
    const messages = (await outboxOfCase(caseId)).filter((message) => message.kind === 'caseAccepted');
    expect(messages).toHaveLength(1);
  });

  it('keeps what a step added while the hand-on was at work, for the next run', async () => {
    const caseId = await submitted();
    await api.ok<OfficerCaseView>('approvals', 'accept', { caseId }, 'demo-secretary');
    // The hand-on reads the case; a step lands before it clears it.
    const store = backend.ports.store;
    let stepped = false;
    const racing: Store = Object.create(store) as Store;
    racing.insert = async (collection, doc) => {
      await store.insert(collection, doc);
      if (!stepped && collection === COLLECTIONS.auditEvents) {
        stepped = true;
        const visited = await backend.call(
          'approvals',
          {
            action: 'recordVisit',
            ...visit(caseId, { recommend: 'grant', form: 'cash', amountFen: 300_00, tierId: 's2' }),
          },
          'demo-secretary',
        );
        expect(visited).toMatchObject({ ok: true });
      }
    };
    await handOnWaiting(racing);
    const between = await caseOf(caseId);
    expect(between.outbound?.audit.map((event) => event.action)).toEqual(['case.recordVisit']);

    await handOnWaiting(store);
    expect((await caseOf(caseId)).outbound ?? null).toBeNull();
    expect(await caseAudit(caseId)).toEqual(['case.submit', 'case.accept', 'case.recordVisit']);
  });

  it('one case that cannot be handed on holds up neither the others nor the minute timer', async () => {
    const stuck = await submitted();
    const other = await submitted();
    await api.ok<OfficerCaseView>('approvals', 'accept', { caseId: stuck }, 'demo-secretary');
    await api.ok<OfficerCaseView>('approvals', 'accept', { caseId: other }, 'demo-secretary');
    const store = backend.ports.store;
    const failing: Store = Object.create(store) as Store;
    failing.insert = async (collection, doc) => {
      if (collection === COLLECTIONS.auditEvents && (doc as { target?: string }).target === `cases/${stuck}`) {
        throw new Error('the database refused it');
      }
      return store.insert(collection, doc);
    };
    const run = await handOnWaiting(failing);
    expect(run.failed).toEqual([`cases/${stuck}: the database refused it`]);
    expect((await caseOf(stuck)).outbound?.audit.map((event) => event.action)).toEqual(['case.accept']);
    expect((await caseOf(other)).outbound ?? null).toBeNull();
    // The next run, with the database willing again, hands the stuck one on too.
    const timer = await backend.call(
      'scheduler',
      { Type: 'Timer', TriggerName: 'sealAudit', Time: '2026-12-04T07:00:00Z', Message: '' },
      null,
    );
    expect(timer).toMatchObject({ ok: true, data: { handedOn: 1, handOnFailed: 0 } });
    expect(await caseAudit(stuck)).toEqual(['case.submit', 'case.accept']);
  });

  it('of two steps at once one lands; the other runs again on the new version and is refused', async () => {
    const caseId = await submitted();
    const answers: Envelope[] = await Promise.all([
      backend.call('approvals', { action: 'accept', caseId }, 'demo-secretary'),
      backend.call('approvals', { action: 'accept', caseId }, 'demo-secretary'),
    ]);
    expect(answers.filter((answer) => answer.ok)).toHaveLength(1);
    expect(answers.find((answer) => !answer.ok)).toMatchObject({ ok: false, error: { code: 'INVALID_STATE' } });
    const after = await caseOf(caseId);
    expect(after.events!.map((event) => event.type)).toEqual(['submit', 'accept']);
    expect(after.outbound?.audit).toHaveLength(1);
  });

  it('a refused step writes nothing', async () => {
    const caseId = await submitted();
    const mark = backend.ports.store.commitMark();
    const refused = await backend.call(
      'approvals',
      { action: 'propose', caseId, recommend: 'grant', form: 'cash', amountFen: 300_00, reason: '建议' },
      'demo-secretary',
    );
    expect(refused).toMatchObject({ ok: false, error: { code: 'INVALID_STATE' } });
    expect(backend.ports.store.commitMark()).toBe(mark);
  });

  it('refuses to write anything but its case, its audit events and messages', async () => {
    const caseId = await submitted();
    const ctx = await backend.contextFor('demo-secretary');
    const mark = backend.ports.store.commitMark();
    await expect(
      keptStep(ctx, caseId, async (tx) => {
        await tx.insert(COLLECTIONS.ledgerEntries, { _id: 'not-here', amountFen: 1 });
      }),
    ).rejects.toThrow(/writes only its case/);
    await expect(
      keptStep(ctx, caseId, async (tx, doc) => {
        await tx.set(COLLECTIONS.cases, doc);
      }),
    ).rejects.toThrow(/without a new version/);
    expect(backend.ports.store.commitMark()).toBe(mark);
    const writer = new KeptCaseWriter(backend.ports.store, await caseOf(caseId));
    await expect(writer.update(COLLECTIONS.funds, SOCIETY)).rejects.toThrow(/writes only its case/);
  });

  it('takes a case that was changed after it was read as the new version, and steps that one', async () => {
    const caseId = await submitted();
    const ctx = await backend.contextFor('demo-secretary');
    const actor = { userId: 'u-test', openid: null, name: '测试', role: 'secretary' as const };
    let runs = 0;
    const result = await keptStep(ctx, caseId, async (tx, doc) => {
      runs += 1;
      if (runs === 1) {
        // Someone else's step lands between this step's read and its write.
        await backend.ports.store.transaction(async (other) => {
          const current = (await other.get<CaseDoc>(COLLECTIONS.cases, caseId))!;
          await other.set(COLLECTIONS.cases, { ...current, version: current.version + 1, updatedAt: 'x' });
        });
      }
      return commitStep(tx, doc, 'accept', actor, ctx.clock.now(), { patch: {}, summary: '受理' });
    });
    expect(runs).toBe(2);
    const after = await caseOf(caseId);
    expect(after).toMatchObject({ version: result.version, state: 'accepted', updatedAt: result.updatedAt });
    expect(after.version).toBe(3);
  });
});

describe('audit events kept on a case reach the trail before anyone reads it', () => {
  it('the trail page shows the step at once, chained', async () => {
    const caseId = await submitted();
    await api.ok<OfficerCaseView>('approvals', 'accept', { caseId }, 'demo-secretary');
    const trail = await api.ok<{ items: Array<{ action: string }> }>(
      'notices',
      'auditTrail',
      { scopeId: SOCIETY, offset: 0, limit: 50 },
      'demo-supervisor',
    );
    expect(trail.items.map((item) => item.action)).toContain('case.accept');
    const events = await findAll<AuditEventDoc>(backend.ports.store, COLLECTIONS.auditEvents, {
      where: { scopeId: SOCIETY, action: 'case.accept', target: `cases/${caseId}` },
    });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ seq: expect.any(Number), hash: expect.any(String) });
  });
});

describe('a new case takes its number from its society (issue 15)', () => {
  const payloads = new Map<string, Record<string, unknown>>();
  /** The same request id sends the same application (`application()` draws a new person each time). */
  const submit = (requestId: string) => {
    if (!payloads.has(requestId)) payloads.set(requestId, application({ requestId }));
    return backend.call('applications', { action: 'submit', ...payloads.get(requestId) }, 'demo-applicant');
  };

  it('numbers applications made at once one after another, each once', async () => {
    const answers = await Promise.all(['req-number-1', 'req-number-2', 'req-number-3'].map(submit));
    const numbers = answers.map((answer) => (answer.ok ? (answer.data as MyCaseView).caseNo : answer.error.code));
    expect([...numbers].sort()).toEqual(['2026-005', '2026-006', '2026-007']);
    const society = await backend.ports.store.get<SocietyDoc>(COLLECTIONS.societies, SOCIETY);
    expect(society?.caseCounter).toEqual({ year: 2026, seq: 7 });
    expect(await backend.ports.store.count(COLLECTIONS.caseCounters)).toBe(0);
  });

  it('a society written before goes on from its counter document, then keeps the counter itself', async () => {
    const store = backend.ports.store;
    await store.transaction(async (tx) => {
      const { caseCounter: _dropped, ...before } = (await tx.get<SocietyDoc>(COLLECTIONS.societies, SOCIETY))!;
      await tx.set(COLLECTIONS.societies, before);
      await tx.insert(COLLECTIONS.caseCounters, { _id: `${SOCIETY}:2026`, societyId: SOCIETY, year: 2026, seq: 17 });
    });
    expect(await submit('req-legacy-1')).toMatchObject({ ok: true, data: { caseNo: '2026-018' } });
    await store.transaction((tx) => tx.update(COLLECTIONS.caseCounters, `${SOCIETY}:2026`, { seq: 99 }));
    expect(await submit('req-legacy-2')).toMatchObject({ ok: true, data: { caseNo: '2026-019' } });
  });

  it('a retried application answers the case it made, even when it would be refused now', async () => {
    const first = await submit('req-retry-1');
    expect(first.ok).toBe(true);
    await backend.ports.store.transaction((tx) => tx.update(COLLECTIONS.societies, SOCIETY, { status: 'suspended' }));
    const again = await submit('req-retry-1');
    expect(again).toEqual(first);
    expect(await submit('req-retry-2')).toMatchObject({ ok: false, error: { code: 'INVALID_STATE' } });
  });
});

describe('kept steps over the CloudBase adapter (the fake CloudBase database)', () => {
  it('accepts once of two at once, keeps the audit on the case, and hands it on into the sealed trail', async () => {
    const store = new CloudBaseStore(new FakeCloudDatabase());
    await seedDemoCounty(store);
    const ports = { ...backend.ports, store };
    const call = (fn: string, event: Record<string, unknown>, openid: string) =>
      dispatch(FUNCTIONS[fn]!, event, openid, ports);
    const submittedCase = await call('applications', { action: 'submit', ...application() }, 'demo-applicant');
    expect(submittedCase.ok).toBe(true);
    const caseId = (submittedCase as { data: MyCaseView }).data.id;

    const answers = await Promise.all([
      call('approvals', { action: 'accept', caseId }, 'demo-secretary'),
      call('approvals', { action: 'accept', caseId }, 'demo-secretary'),
    ]);
    expect(answers.filter((answer) => answer.ok)).toHaveLength(1);
    const stored = (await store.get<CaseDoc>(COLLECTIONS.cases, caseId))!;
    expect(stored).toMatchObject({ state: 'accepted', version: 2 });
    expect(stored.outbound?.audit.map((event) => event.action)).toEqual(['case.submit', 'case.accept']);

    await handOnWaiting(store);
    const cleared = (await store.get<CaseDoc>(COLLECTIONS.cases, caseId))!;
    expect(cleared.outbound ?? null).toBeNull();
    const { events } = await sealedChain(store, SOCIETY);
    expect(events.filter((event) => event.target === `cases/${caseId}`).map((event) => event.action)).toEqual([
      'case.submit',
      'case.accept',
    ]);
  });
});
