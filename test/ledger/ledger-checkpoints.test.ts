/**
 * Issue 15, the ledger check from a verified checkpoint (R-FUND-3): the nightly timer checks each
 * society's new entries and moves its checkpoint on; `funds.auditLedger` then reads only the
 * entries since. A problem after the checkpoint is reported at once; one behind it by the
 * monthly full check, which sends the checkpoint back so every check after it reports it too.
 */
import { COLLECTIONS } from '../../server/collections';
import { findAll } from '../../server/ports/store';
import type { FundDoc, LedgerEntryDoc } from '../../server/ledger/ledger';
import { advanceLedgerCheckpoints, type LedgerCheckpointDoc } from '../../server/ledger/checkpoints';
import { verifyLedger } from '../../server/reports/statement';
import { createTestBackend, type TestBackend } from '../support/test-backend';
import type { LedgerVerification } from '../../miniprogram/domain/funds';
import { api, WANGJIA } from '../notices/support';

let backend: TestBackend;
let call: ReturnType<typeof api>;
beforeEach(async () => {
  backend = await createTestBackend();
  call = api(backend);
});
afterEach(() => backend.close());

const check = () => call.ok<LedgerVerification>('funds', 'auditLedger', { societyId: WANGJIA }, 'demo-supervisor');
const now = () => backend.ports.clock.now();

async function entries(): Promise<LedgerEntryDoc[]> {
  return findAll<LedgerEntryDoc>(backend.ports.store, COLLECTIONS.ledgerEntries, {
    where: { societyId: WANGJIA },
    orderBy: [['seq', 'asc']],
  });
}

async function record(entryId: string, amountFen: number): Promise<void> {
  await call.ok(
    'funds',
    'recordEntry',
    { societyId: WANGJIA, entryId, type: 'bankInterest', amountFen, sourceRef: `银行回单 ${entryId}` },
    'demo-secretary',
  );
}

async function alter(entry: LedgerEntryDoc, amountFen: number): Promise<void> {
  await backend.ports.store.transaction((tx) => tx.set(COLLECTIONS.ledgerEntries, { ...entry, amountFen }));
}

describe('ledger checks from a nightly checkpoint (issue 15, R-FUND-3)', () => {
  it('R-FUND-3: the timer checkpoints every ledger; a check then reads only the entries since, with the same answer', async () => {
    const all = await entries();
    expect(all.length).toBeGreaterThan(3);
    const before = await check();
    expect(before).toMatchObject({ ok: true, entryCount: all.length, fromSeq: 0, problems: [] });

    const run = await advanceLedgerCheckpoints(backend.ports.store, { now: now() });
    expect(run.broken).toEqual([]);
    const funds = await findAll<FundDoc>(backend.ports.store, COLLECTIONS.funds, {});
    const checkpoints = await findAll<LedgerCheckpointDoc>(backend.ports.store, COLLECTIONS.ledgerCheckpoints, {});
    expect(checkpoints.map((doc) => [doc._id, doc.seq, doc.balanceFen]).sort()).toEqual(
      funds
        .filter((fund) => fund.entryCount > 0)
        .map((fund) => [fund._id, fund.entryCount, fund.balanceFen])
        .sort(),
    );
    expect(await check()).toEqual({ ...before, fromSeq: all.length });

    await record('chk-ledger-0001', 12_34);
    await record('chk-ledger-0002', 56);
    const after = await check();
    expect(after).toMatchObject({
      ok: true,
      entryCount: all.length + 2,
      balanceFen: before.balanceFen + 12_90,
      fromSeq: all.length,
    });
    // The same answer as a check from the first entry.
    const { next: _next, ...full } = await verifyLedger(backend.ports.store, WANGJIA);
    expect({ ...full, fromSeq: all.length }).toEqual(after);
    // A run with nothing new checks nothing.
    await advanceLedgerCheckpoints(backend.ports.store, { now: now() });
    expect(await advanceLedgerCheckpoints(backend.ports.store, { now: now() })).toEqual({ checked: 0, broken: [] });
  });

  it('an entry altered after the checkpoint is reported by the next check', async () => {
    await advanceLedgerCheckpoints(backend.ports.store, { now: now() });
    await record('chk-ledger-0003', 1_00);
    const last = (await entries()).at(-1)!;
    await alter(last, 100_00);
    const result = await check();
    expect(result.ok).toBe(false);
    expect(result.problems.join('\n')).toContain(`entry ${last._id}: balance after`);
  });

  it('an entry altered behind the checkpoint is found by the monthly full check, and reported from then on', async () => {
    await advanceLedgerCheckpoints(backend.ports.store, { now: now() });
    const first = (await entries())[0]!;
    await alter(first, first.amountFen + 1);
    expect((await check()).ok).toBe(true);
    expect((await advanceLedgerCheckpoints(backend.ports.store, { now: now() })).broken).toEqual([]);

    const full = await advanceLedgerCheckpoints(backend.ports.store, { now: now(), full: true });
    expect(full.broken).toEqual([WANGJIA]);
    const result = await check();
    expect(result).toMatchObject({ ok: false, fromSeq: 0 });
    expect(result.problems.join('\n')).toContain(`entry ${first._id}: balance after`);
  });
});
