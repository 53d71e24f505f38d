import { REQUEST_REUSED_MESSAGE } from '../../server/api/request-ids';
import {
  applyEntry,
  emptyFund,
  recordLedgerEntry,
  raisedFen,
  type FundDoc,
  type LedgerEntryDoc,
} from '../../server/ledger/ledger';
import { AppError } from '../../server/errors';
import { COLLECTIONS } from '../../server/collections';
import { findAll } from '../../server/ports/store';
import { CountingStore } from '../../server/ports/counting-store';
import { verifyAuditChain } from '../../server/audit/trail';
import type { Actor } from '../../server/access/caller';
import { createTestBackend, type TestBackend } from '../support/test-backend';
import type { FundPeriodDoc } from '../../server/ledger/periods';
import { fundStatement, keptStatement, verifyLedger } from '../../server/reports/statement';
import { sealedChain } from '../support/audit';

const SOCIETY = 'soc-ledger-test';
const actor: Actor = { userId: 'u-test', openid: 'test-openid', name: '测试员', role: 'secretary' };
const at = new Date('2026-11-30T10:00:00+08:00');

function codeOf(promise: Promise<unknown>): Promise<string> {
  return promise.then(
    () => 'resolved',
    (error: unknown) => (error instanceof AppError ? error.code : `unexpected ${String(error)}`),
  );
}

describe('ledger rules (pure)', () => {
  it('R-FUND-3: the balance never goes negative', () => {
    const fund = applyEntry(emptyFund(SOCIETY, at), 500_00, 'donation', at);
    expect(() => applyEntry(fund, -500_01, 'reliefPayout', at)).toThrow(
      expect.objectContaining({ code: 'INSUFFICIENT_FUNDS' }),
    );
    expect(applyEntry(fund, -500_00, 'reliefPayout', at).balanceFen).toBe(0);
  });

  it('R-FUND-3: amounts are whole fen, never fractions', () => {
    expect(() => applyEntry(emptyFund(SOCIETY, at), 10.5, 'donation', at)).toThrow(
      expect.objectContaining({ code: 'BAD_REQUEST' }),
    );
  });

  it('R-ORG-2: only county subsidy, collective funds and donations count as raised', () => {
    let fund: FundDoc = emptyFund(SOCIETY, at);
    fund = applyEntry(fund, 10_000_00, 'countySubsidy', at);
    fund = applyEntry(fund, 5_000_00, 'collectiveFund', at);
    fund = applyEntry(fund, 2_000_00, 'donation', at);
    fund = applyEntry(fund, 12_34, 'bankInterest', at);
    fund = applyEntry(fund, -300_00, 'reliefPayout', at);
    expect(raisedFen(fund)).toBe(17_000_00);
    expect(fund.balanceFen).toBe(17_000_00 + 12_34 - 300_00);
  });
});

describe('recording ledger entries over the SQLite store', () => {
  let backend: TestBackend;
  beforeEach(async () => {
    backend = await createTestBackend({ seed: false });
    await backend.ports.store.insert(COLLECTIONS.funds, emptyFund(SOCIETY, at));
  });
  afterEach(() => backend.close());

  const record = (input: Parameters<typeof recordLedgerEntry>[2]) =>
    backend.ports.store.transaction((tx) => recordLedgerEntry(tx, SOCIETY, input, actor, at));

  it('R-FUND-3, issue 15: an entry recorded as part of a step that knows it is new looks for none; one that exists fails the whole step', async () => {
    const input = { entryId: 'req-donation-f', type: 'donation' as const, amountFen: 800_00, sourceRef: '收据 f' };
    const inStep = () =>
      backend.ports.store.transaction((tx) =>
        recordLedgerEntry(tx, SOCIETY, input, actor, at, { fresh: true, audited: true }),
      );
    await inStep();
    const fund = await backend.ports.store.get<FundDoc>(COLLECTIONS.funds, SOCIETY);
    // The step's own audit event names the entry: the ledger appended none.
    expect(await backend.ports.store.count(COLLECTIONS.auditEvents)).toBe(0);
    // A step that wrongly thought its entry new: the insert fails and nothing moves a second time.
    await expect(inStep()).rejects.toMatchObject({ code: 'DUPLICATE_ID' });
    expect(await backend.ports.store.get<FundDoc>(COLLECTIONS.funds, SOCIETY)).toEqual(fund);
    expect(await backend.ports.store.count(COLLECTIONS.ledgerEntries)).toBe(1);
  });

  it('R-FUND-3: a retried entry with the same id records once', async () => {
    const input = { entryId: 'req-donation-1', type: 'donation' as const, amountFen: 800_00, sourceRef: '收据 1' };
    const first = await record(input);
    const again = await record(input);
    expect(first.replayed).toBe(false);
    expect(again.replayed).toBe(true);
    expect(again.entry).toEqual(first.entry);
    const fund = await backend.ports.store.get<FundDoc>(COLLECTIONS.funds, SOCIETY);
    expect(fund?.balanceFen).toBe(800_00);
    expect(await backend.ports.store.count(COLLECTIONS.ledgerEntries)).toBe(1);
  });

  it('R-FUND-3: the same entry id with other content is refused and changes nothing', async () => {
    await record({ entryId: 'req-donation-1', type: 'donation', amountFen: 800_00, sourceRef: '收据 1' });
    expect(
      await codeOf(record({ entryId: 'req-donation-1', type: 'donation', amountFen: 8_000_00, sourceRef: '收据 1' })),
    ).toBe('DUPLICATE');
    expect((await backend.ports.store.get<FundDoc>(COLLECTIONS.funds, SOCIETY))?.balanceFen).toBe(800_00);
  });

  it('R-FUND-3: the same entry id with another memo is another entry: refused, nothing recorded', async () => {
    await record({
      entryId: 'req-donation-2',
      type: 'donation',
      amountFen: 500_00,
      sourceRef: '收据 2',
      memo: '张三捐赠',
    });
    const again = await record({
      entryId: 'req-donation-2',
      type: 'donation',
      amountFen: 500_00,
      sourceRef: '收据 2',
      memo: '张三捐赠',
    });
    expect(again.replayed).toBe(true);
    await expect(
      record({ entryId: 'req-donation-2', type: 'donation', amountFen: 500_00, sourceRef: '收据 2', memo: '李四捐赠' }),
    ).rejects.toMatchObject({ code: 'DUPLICATE', userMessage: REQUEST_REUSED_MESSAGE });
    expect(await backend.ports.store.count(COLLECTIONS.ledgerEntries)).toBe(1);
  });

  it('R-FUND-3: a mistake is corrected by a reversing entry, once, and nothing is deleted', async () => {
    await record({ entryId: 'req-wrong', type: 'donation', amountFen: 20_000_00, sourceRef: '收据 24' });
    const reversal = await record({
      entryId: 'req-reverse',
      type: 'reversal',
      reversesEntryId: 'req-wrong',
      sourceRef: '收据 24',
    });
    expect(reversal.entry.amountFen).toBe(-20_000_00);
    expect(reversal.fund.balanceFen).toBe(0);
    expect(reversal.fund.totalsByType.donation).toBe(0);
    expect(
      await codeOf(
        record({ entryId: 'req-reverse-2', type: 'reversal', reversesEntryId: 'req-wrong', sourceRef: 'x' }),
      ),
    ).toBe('INVALID_STATE');
    expect(
      await codeOf(
        record({ entryId: 'req-reverse-3', type: 'reversal', reversesEntryId: 'req-reverse', sourceRef: 'x' }),
      ),
    ).toBe('INVALID_STATE');
    expect(await backend.ports.store.count(COLLECTIONS.ledgerEntries)).toBe(2);
  });

  it('R-FUND-3: a reversal that would make the balance negative is refused', async () => {
    await record({ entryId: 'req-in', type: 'donation', amountFen: 1_000_00, sourceRef: 'a' });
    await record({ entryId: 'req-out', type: 'reliefPayout', amountFen: 800_00, sourceRef: 'case:1' });
    expect(
      await codeOf(record({ entryId: 'req-rev', type: 'reversal', reversesEntryId: 'req-in', sourceRef: 'a' })),
    ).toBe('INSUFFICIENT_FUNDS');
    expect(await backend.ports.store.get(COLLECTIONS.ledgerReversals, 'req-in')).toBeNull();
  });

  it('R-FUND-3: concurrent payouts never overdraw the fund nor lose an entry', async () => {
    await record({ entryId: 'req-in', type: 'donation', amountFen: 1_000_00, sourceRef: 'a' });
    const results = await Promise.allSettled(
      Array.from({ length: 6 }, (_, i) =>
        record({ entryId: `req-pay-${i}`, type: 'reliefPayout', amountFen: 300_00, sourceRef: `case:${i}` }),
      ),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(3);
    const fund = await backend.ports.store.get<FundDoc>(COLLECTIONS.funds, SOCIETY);
    const entries = await findAll<LedgerEntryDoc>(backend.ports.store, COLLECTIONS.ledgerEntries, {
      where: { societyId: SOCIETY },
    });
    expect(fund?.balanceFen).toBe(100_00);
    expect(entries.reduce((sum, e) => sum + e.amountFen, 0)).toBe(fund?.balanceFen);
  });

  it('R-OVS-5: every entry is attributed in the audit trail, and tampering is detected', async () => {
    await record({ entryId: 'req-a', type: 'countySubsidy', amountFen: 10_000_00, sourceRef: '清财社 12' });
    await record({ entryId: 'req-b', type: 'reliefPayout', amountFen: 500_00, sourceRef: 'case:2' });
    const { events, head } = await sealedChain(backend.ports.store, SOCIETY);
    expect(events.map((e) => [e.action, e.actor.name])).toEqual([
      ['ledger.record', '测试员'],
      ['ledger.record', '测试员'],
    ]);
    expect(verifyAuditChain(events, head)).toEqual({ ok: true, count: 2 });
    const altered = events.map((e) => (e.seq === 1 ? { ...e, details: { ...e.details, amountFen: 1 } } : e));
    expect(verifyAuditChain(altered, head)).toMatchObject({ ok: false, brokenAtSeq: 1, reason: 'event altered' });
    expect(verifyAuditChain(events.slice(0, 1), head)).toMatchObject({ ok: false, brokenAtSeq: 2 });
    expect(verifyAuditChain([events[1]!], head)).toMatchObject({ ok: false, brokenAtSeq: 1, reason: 'event missing' });
  });
});

describe('per-month aggregates and entry order (R-FUND-3, R-OVS-4)', () => {
  let backend: TestBackend;
  beforeEach(async () => {
    backend = await createTestBackend({ seed: false });
    await backend.ports.store.insert(COLLECTIONS.funds, emptyFund(SOCIETY, at));
  });
  afterEach(() => backend.close());

  const recordAt = (input: Parameters<typeof recordLedgerEntry>[2], when: string) =>
    backend.ports.store.transaction((tx) => recordLedgerEntry(tx, SOCIETY, input, actor, new Date(when)));

  it('R-FUND-3: entries are numbered in order and each month keeps its sums, updated with the entry', async () => {
    await recordAt(
      { entryId: 'e-1', type: 'countySubsidy', amountFen: 10_000_00, sourceRef: 'a' },
      '2026-10-31T23:30:00+08:00',
    );
    await recordAt(
      { entryId: 'e-2', type: 'reliefPayout', amountFen: 300_00, sourceRef: 'case:1', reliefType: 'supplementary' },
      '2026-11-01T00:10:00+08:00',
    );
    await codeOf(
      recordAt(
        { entryId: 'e-3', type: 'reliefPayout', amountFen: 99_999_00, sourceRef: 'case:2' },
        '2026-11-02T10:00:00+08:00',
      ),
    );
    const periods = await findAll<FundPeriodDoc>(backend.ports.store, COLLECTIONS.fundPeriods, {
      where: { societyId: SOCIETY },
      orderBy: [['month', 'asc']],
    });
    expect(periods.map((p) => [p.month, p.netFen, p.entryCount, p.closingBalanceFen, p.firstSeq, p.lastSeq])).toEqual([
      ['2026-10', 10_000_00, 1, 10_000_00, 1, 1],
      ['2026-11', -300_00, 1, 9_700_00, 2, 2],
    ]);
    expect(periods[1]!.reliefFenByKind.supplementary).toBe(300_00);
    expect((await verifyLedger(backend.ports.store, SOCIETY)).ok).toBe(true);
  });

  it('R-FUND-3: the fund keeps its latest month, equal to the stored one, so an entry reads no period', async () => {
    const counting = new CountingStore(backend.ports.store);
    counting.trace = [];
    const recordCounted = (input: Parameters<typeof recordLedgerEntry>[2], when: string) =>
      counting.transaction((tx) => recordLedgerEntry(tx, SOCIETY, input, actor, new Date(when)));
    const kept = async () => (await backend.ports.store.get<FundDoc>(COLLECTIONS.funds, SOCIETY))!.month;
    const stored = (month: string) =>
      backend.ports.store.get<FundPeriodDoc>(COLLECTIONS.fundPeriods, `${SOCIETY}:${month}`);

    expect(await kept()).toBeNull();
    await recordCounted(
      { entryId: 'e-1', type: 'donation', amountFen: 500_00, sourceRef: 'a' },
      '2026-10-30T10:00:00+08:00',
    );
    await recordCounted(
      { entryId: 'e-2', type: 'donation', amountFen: 100_00, sourceRef: 'b' },
      '2026-10-31T10:00:00+08:00',
    );
    expect(await kept()).toEqual(await stored('2026-10'));
    await recordCounted(
      { entryId: 'e-3', type: 'bankInterest', amountFen: 1_00, sourceRef: 'c' },
      '2026-11-01T10:00:00+08:00',
    );
    expect(await kept()).toEqual(await stored('2026-11'));
    expect((await stored('2026-10'))!.entryCount).toBe(2);
    expect(counting.trace.filter((line) => line.includes('get fundPeriods'))).toEqual([]);
    expect((await verifyLedger(backend.ports.store, SOCIETY)).ok).toBe(true);
  });

  it('R-FUND-3: a fund from before the month was kept reads its period once, then keeps it', async () => {
    await recordAt(
      { entryId: 'e-1', type: 'donation', amountFen: 500_00, sourceRef: 'a' },
      '2026-11-02T10:00:00+08:00',
    );
    await backend.ports.store.transaction(async (tx) => {
      const { month: _month, ...older } = (await tx.get<FundDoc>(COLLECTIONS.funds, SOCIETY))!;
      await tx.set(COLLECTIONS.funds, older);
    });
    await recordAt(
      { entryId: 'e-2', type: 'donation', amountFen: 100_00, sourceRef: 'b' },
      '2026-11-03T10:00:00+08:00',
    );
    const period = await backend.ports.store.get<FundPeriodDoc>(COLLECTIONS.fundPeriods, `${SOCIETY}:2026-11`);
    expect(period).toMatchObject({ entryCount: 2, netFen: 600_00 });
    expect((await backend.ports.store.get<FundDoc>(COLLECTIONS.funds, SOCIETY))!.month).toEqual(period);
    expect((await verifyLedger(backend.ports.store, SOCIETY)).ok).toBe(true);
  });

  it('R-FUND-3: an entry is never dated before the one before it (clock skew between instances)', async () => {
    await recordAt(
      { entryId: 'e-1', type: 'donation', amountFen: 100_00, sourceRef: 'a' },
      '2026-11-30T10:00:00+08:00',
    );
    const { entry } = await recordAt(
      { entryId: 'e-2', type: 'donation', amountFen: 100_00, sourceRef: 'b' },
      '2026-11-30T09:59:59+08:00',
    );
    expect(entry.recordedAt).toBe(new Date('2026-11-30T10:00:00+08:00').toISOString());
    expect(entry.seq).toBe(2);
  });

  it('R-OVS-4: the fund keeps this half-year and the one before; older months carry into the opening', async () => {
    const fund = async () => (await backend.ports.store.get<FundDoc>(COLLECTIONS.funds, SOCIETY))!;
    const stored = (month: string) =>
      backend.ports.store.get<FundPeriodDoc>(COLLECTIONS.fundPeriods, `${SOCIETY}:${month}`);
    expect((await fund()).recentMonths).toBeUndefined();
    await recordAt(
      { entryId: 'e-1', type: 'countySubsidy', amountFen: 10_000_00, sourceRef: 'a' },
      '2025-05-10T10:00:00+08:00',
    );
    expect((await fund()).recentMonths).toEqual({
      from: '2025-05',
      openingFen: 0,
      openingSeq: 0,
      months: [await stored('2025-05')],
    });
    // Nothing before the first entry: any earlier period reads from the fund.
    expect(keptStatement(await fund(), { _id: SOCIETY, name: '测试社' }, '2024-01', '2025-06')).toEqual(
      await fundStatement(backend.ports.store, { _id: SOCIETY, name: '测试社' }, '2024-01', '2025-06'),
    );
    await recordAt(
      { entryId: 'e-2', type: 'donation', amountFen: 500_00, sourceRef: 'b' },
      '2025-12-01T10:00:00+08:00',
    );
    await recordAt(
      { entryId: 'e-3', type: 'reliefPayout', amountFen: 300_00, sourceRef: 'case:1', reliefType: 'emergency' },
      '2026-03-02T10:00:00+08:00',
    );
    // An entry of 2026-H1 keeps 2025-H2 on: 2025-05 drops off into the opening balance.
    expect((await fund()).recentMonths).toEqual({
      from: '2025-07',
      openingFen: 10_000_00,
      openingSeq: 1,
      months: [await stored('2025-12'), await stored('2026-03')],
    });
    // An entry of 2026-H2 keeps 2026-01 on: 2025's months drop off.
    await recordAt(
      { entryId: 'e-4', type: 'bankInterest', amountFen: 12_34, sourceRef: 'c' },
      '2026-08-20T10:00:00+08:00',
    );
    await recordAt(
      { entryId: 'e-5', type: 'donation', amountFen: 100_00, sourceRef: 'd' },
      '2026-08-21T10:00:00+08:00',
    );
    expect((await fund()).recentMonths).toEqual({
      from: '2026-01',
      openingFen: 10_500_00,
      openingSeq: 2,
      months: [await stored('2026-03'), await stored('2026-08')],
    });
    // Every period it covers reads as the aggregates and the ledger give it; one before it does not.
    const society = { _id: SOCIETY, name: '测试社' };
    for (const [from, to] of [
      ['2026-01', '2026-12'],
      ['2026-04', '2026-07'],
      ['2026-08', '2026-08'],
      ['2026-09', '2027-02'],
      ['2026-03', '2026-03'],
    ] as const) {
      expect(keptStatement(await fund(), society, from, to)).toEqual(
        await fundStatement(backend.ports.store, society, from, to),
      );
    }
    expect(keptStatement(await fund(), society, '2025-12', '2026-12')).toBeNull();
  });

  it('R-OVS-4: a fund from before it kept its recent months starts them at its next entry', async () => {
    await recordAt(
      { entryId: 'e-1', type: 'donation', amountFen: 500_00, sourceRef: 'a' },
      '2026-10-02T10:00:00+08:00',
    );
    await recordAt(
      { entryId: 'e-2', type: 'donation', amountFen: 200_00, sourceRef: 'b' },
      '2026-11-02T10:00:00+08:00',
    );
    await backend.ports.store.transaction(async (tx) => {
      const { recentMonths: _recent, ...older } = (await tx.get<FundDoc>(COLLECTIONS.funds, SOCIETY))!;
      await tx.set(COLLECTIONS.funds, older);
    });
    const society = { _id: SOCIETY, name: '测试社' };
    const fund = async () => (await backend.ports.store.get<FundDoc>(COLLECTIONS.funds, SOCIETY))!;
    expect(keptStatement(await fund(), society, '2026-11', '2026-11')).toBeNull();
    await recordAt(
      { entryId: 'e-3', type: 'donation', amountFen: 100_00, sourceRef: 'c' },
      '2026-11-03T10:00:00+08:00',
    );
    expect((await fund()).recentMonths).toMatchObject({ from: '2026-11', openingFen: 500_00, openingSeq: 1 });
    expect(keptStatement(await fund(), society, '2026-11', '2026-12')).toEqual(
      await fundStatement(backend.ports.store, society, '2026-11', '2026-12'),
    );
    expect(keptStatement(await fund(), society, '2026-10', '2026-11')).toBeNull();
  });

  it('R-OVS-4: kept months that disagree with the stored balance are not used', async () => {
    await recordAt(
      { entryId: 'e-1', type: 'donation', amountFen: 500_00, sourceRef: 'a' },
      '2026-11-02T10:00:00+08:00',
    );
    const fund = (await backend.ports.store.get<FundDoc>(COLLECTIONS.funds, SOCIETY))!;
    const society = { _id: SOCIETY, name: '测试社' };
    expect(keptStatement(fund, society, '2026-11', '2026-11')).not.toBeNull();
    expect(keptStatement({ ...fund, balanceFen: 400_00 }, society, '2026-11', '2026-11')).toBeNull();
    expect(keptStatement({ ...fund, entryCount: 2 }, society, '2026-11', '2026-11')).toBeNull();
  });

  it('R-FUND-3: the full check notices a month aggregate that disagrees with its entries', async () => {
    await recordAt(
      { entryId: 'e-1', type: 'donation', amountFen: 100_00, sourceRef: 'a' },
      '2026-11-30T10:00:00+08:00',
    );
    await backend.ports.store.transaction(async (tx) => {
      const period = await tx.get<FundPeriodDoc>(COLLECTIONS.fundPeriods, `${SOCIETY}:2026-11`);
      await tx.set(COLLECTIONS.fundPeriods, { ...period!, netFen: 99_00 });
    });
    expect(await verifyLedger(backend.ports.store, SOCIETY)).toMatchObject({
      ok: false,
      problems: ['month 2026-11: aggregate differs from its entries'],
    });
  });
});
