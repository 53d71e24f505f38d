/** R-FUND-3, R-OVS-4: recording by hand, the safety rules, and the fund report that reconciles to the fen. */
import { createTestBackend, type TestBackend } from '../support/test-backend';
import { COLLECTIONS } from '../../server/collections';
import { recordLedgerEntry, type FundDoc } from '../../server/ledger/ledger';
import type { Actor } from '../../server/access/caller';
import { verifyLedger } from '../../server/reports/statement';
import type { FundEntriesPage, FundReportView } from '../../miniprogram/domain/funds';
import { codeOf, data, refusal, rid, snapshot } from './support';

let backend: TestBackend;
beforeEach(async () => {
  backend = await createTestBackend();
});
afterEach(() => backend.close());

const secretary: Actor = { userId: 'u-liufang', openid: 'demo-secretary', name: '刘芳', role: 'secretary' };
const record = (payload: Record<string, unknown>, openid = 'demo-secretary') =>
  backend.call(
    'funds',
    {
      action: 'recordEntry',
      societyId: 'soc-wangjia',
      entryId: rid('entry'),
      type: 'bankInterest',
      amountFen: 12_34,
      sourceRef: '银行结息单',
      ...payload,
    },
    openid,
  );
const balance = async (societyId = 'soc-wangjia') =>
  (await backend.ports.store.get<FundDoc>(COLLECTIONS.funds, societyId))!.balanceFen;

describe('Bad input and safety: each a clear error that writes nothing', () => {
  it('R-FUND-3: a member (or donor, supervisor, president, township) cannot touch the ledger', async () => {
    const before = await snapshot(backend);
    for (const openid of ['demo-member', 'demo-donor', 'demo-supervisor', 'demo-president', 'demo-township', null]) {
      const result = await record({}, openid as string);
      expect(result).toMatchObject({ ok: false });
      expect(!result.ok && ['FORBIDDEN', 'UNAUTHENTICATED']).toContain(!result.ok && result.error.code);
    }
    expect(
      (
        await refusal(
          backend,
          'funds',
          {
            action: 'reverseEntry',
            societyId: 'soc-wangjia',
            entryId: rid(),
            reversesEntryId: 'seed-wj-07',
            reason: 'x',
          },
          'demo-member',
        )
      ).code,
    ).toBe('FORBIDDEN');
    // Another society's secretary is no secretary here.
    expect((await record({ societyId: 'soc-shiqiao' })).ok).toBe(false);
    expect(await snapshot(backend)).toEqual(before);
  });

  it('R-FUND-3: amounts are positive whole fen within bounds; donations and payouts are not typed in by hand', async () => {
    const before = await snapshot(backend);
    for (const amountFen of [0, -100, 10.5, 1_000_000_01, '100']) {
      expect(await record({ amountFen })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    }
    expect(await record({ type: 'donation' })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(await record({ type: 'reliefPayout' })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(await snapshot(backend)).toEqual(before);
  });

  it('R-FUND-3: a reversal of a reversal is refused, and so is reversing twice', async () => {
    const before = await snapshot(backend);
    const error = await refusal(
      backend,
      'funds',
      {
        action: 'reverseEntry',
        societyId: 'soc-wangjia',
        entryId: rid(),
        reversesEntryId: 'seed-wj-06',
        reason: '再冲',
      },
      'demo-secretary',
    );
    expect(error).toEqual({ code: 'INVALID_STATE', message: '冲正记录不能再次冲正' });
    expect(
      (
        await refusal(
          backend,
          'funds',
          {
            action: 'reverseEntry',
            societyId: 'soc-wangjia',
            entryId: rid(),
            reversesEntryId: 'seed-wj-05',
            reason: 'x',
          },
          'demo-secretary',
        )
      ).message,
    ).toBe('该笔记录已经冲正过');
    expect(await snapshot(backend)).toEqual(before);
  });

  it('R-FUND-3: anything that would drive the balance negative is refused', async () => {
    // 白沙村 holds 10,000 (the county subsidy); nothing was paid: reversing it is fine; a payout of more than is there is not.
    const before = await snapshot(backend);
    const overdraw = await codeOf(
      backend.ports.store.transaction((tx) =>
        recordLedgerEntry(
          tx,
          'soc-baisha',
          { entryId: rid(), type: 'reliefPayout', amountFen: 10_000_01, sourceRef: 'case:x' },
          secretary,
          new Date(),
        ),
      ),
    );
    expect(overdraw).toBe('INSUFFICIENT_FUNDS');
    // 王家村 paid relief out of its 36,000: reversing the first 10,000 donation would leave 24,200 — fine; reversing the county
    // subsidy after that would go below zero? No: balance 24,200 − 10,000 = 14,200. Pay it down first to make it bite.
    await backend.ports.store.transaction((tx) =>
      recordLedgerEntry(
        tx,
        'soc-wangjia',
        { entryId: 'big-payout', type: 'reliefPayout', amountFen: 30_000_00, sourceRef: 'adjust' },
        secretary,
        new Date(),
      ),
    );
    const mid = await snapshot(backend);
    const error = await refusal(
      backend,
      'funds',
      {
        action: 'reverseEntry',
        societyId: 'soc-wangjia',
        entryId: rid(),
        reversesEntryId: 'seed-wj-01',
        reason: '误录',
      },
      'demo-secretary',
    );
    expect(error).toEqual({ code: 'INSUFFICIENT_FUNDS', message: '互助资金余额不足，无法支出' });
    expect(await snapshot(backend)).toEqual(mid);
    expect({ ...mid, ledgerEntries: before.ledgerEntries }).not.toEqual(before);
  });

  it('R-FUND-3: two concurrent payouts that together exceed the balance: exactly one succeeds', async () => {
    const start = await balance();
    const pay = (id: string) =>
      backend.ports.store.transaction((tx) =>
        recordLedgerEntry(
          tx,
          'soc-wangjia',
          { entryId: id, type: 'reliefPayout', amountFen: 20_000_00, sourceRef: `case:${id}`, reliefType: 'emergency' },
          secretary,
          new Date(),
        ),
      );
    const results = await Promise.allSettled([pay('concurrent-a'), pay('concurrent-b')]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(rejected.reason).toMatchObject({ code: 'INSUFFICIENT_FUNDS' });
    expect(await balance()).toBe(start - 20_000_00);
    expect((await verifyLedger(backend.ports.store, 'soc-wangjia')).ok).toBe(true);
  });

  it('R-FUND-3: a retried entry is recorded once; the same id for other content is refused', async () => {
    const entryId = rid('entry');
    const first = await data<{ replayed: boolean; balanceFen: number }>(
      backend,
      'funds',
      {
        action: 'recordEntry',
        societyId: 'soc-wangjia',
        entryId,
        type: 'collectiveFund',
        amountFen: 2_000_00,
        sourceRef: '村民代表会议决议 2026-11',
      },
      'demo-secretary',
    );
    const again = await data<{ replayed: boolean; balanceFen: number }>(
      backend,
      'funds',
      {
        action: 'recordEntry',
        societyId: 'soc-wangjia',
        entryId,
        type: 'collectiveFund',
        amountFen: 2_000_00,
        sourceRef: '村民代表会议决议 2026-11',
      },
      'demo-secretary',
    );
    expect([first.replayed, again.replayed]).toEqual([false, true]);
    expect(await balance()).toBe(34_200_00 + 2_000_00);
    const before = await snapshot(backend);
    expect(
      (await record({ entryId, type: 'collectiveFund', amountFen: 20_000_00, sourceRef: '村民代表会议决议 2026-11' }))
        .ok,
    ).toBe(false);
    expect(await snapshot(backend)).toEqual(before);
  });

  it('a relief payout of a case is corrected within its case, not by a hand reversal', async () => {
    const before = await snapshot(backend);
    expect(
      (
        await refusal(
          backend,
          'funds',
          {
            action: 'reverseEntry',
            societyId: 'soc-wangjia',
            entryId: rid(),
            reversesEntryId: 'seed-wj-10',
            reason: 'x',
          },
          'demo-secretary',
        )
      ).message,
    ).toBe('救助支出请在对应的救助案件中更正');
    expect(await snapshot(backend)).toEqual(before);
  });
});

describe('R-OVS-4: the fund report for members', () => {
  it('R-OVS-4: 王家村 in 2026: in by channel, out by relief kind, balance, reconciled to the ledger', async () => {
    const report = await data<FundReportView>(
      backend,
      'funds',
      { action: 'fundReport', societyId: 'soc-wangjia', from: '2026-01', to: '2026-12' },
      'demo-member',
    );
    expect(report).toMatchObject({
      periodLabel: '2026年1月至12月',
      openingFen: 0,
      closingFen: 34_200_00,
      currentBalanceFen: 34_200_00,
      raisedFen: 36_000_00,
      inFen: 36_000_00,
      outFen: 1_800_00,
      reliefCount: 3,
      reliefFen: 1_800_00,
      reversalCount: 1,
      entryCount: 10,
    });
    expect(report.inByChannel.map((line) => [line.key, line.fen, line.count])).toEqual([
      ['countySubsidy', 10_000_00, 1],
      ['collectiveFund', 8_000_00, 1],
      ['donation', 18_000_00, 3], // four donations, one of them reversed
      ['bankInterest', 0, 0],
    ]);
    expect(report.outByRelief.map((line) => [line.key, line.fen, line.count])).toEqual([
      ['supplementary', 800_00, 2],
      ['emergency', 1_000_00, 1],
    ]);
    expect(report.reconciliation).toMatchObject({
      ok: true,
      ledgerClosingFen: 34_200_00,
      ledgerEntryCount: 10,
      balanceMatches: true,
      problems: [],
    });
  });

  it('R-OVS-4: a period in the middle opens at the balance before it (May–August: one 300 and one 500 payout)', async () => {
    const report = await data<FundReportView>(
      backend,
      'funds',
      { action: 'fundReport', societyId: 'soc-wangjia', from: '2026-05', to: '2026-08' },
      'demo-supervisor',
    );
    expect(report).toMatchObject({
      openingFen: 36_000_00,
      closingFen: 35_200_00,
      inFen: 0,
      outFen: 800_00,
      entryCount: 2,
    });
    expect(report.reconciliation.ok).toBe(true);
  });

  it('R-OVS-4: the default period is this half-year up to this month', async () => {
    const report = await data<FundReportView>(
      backend,
      'funds',
      { action: 'fundReport', societyId: 'soc-wangjia' },
      'demo-member',
    );
    expect([report.from, report.to]).toEqual(['2026-07', '2026-11']);
  });

  it('R-OVS-4: a fund from before it kept its recent months reports the same, from the aggregates and the ledger', async () => {
    const periods: Array<Record<string, string>> = [
      {},
      { from: '2026-01', to: '2026-12' },
      { from: '2026-05', to: '2026-08' },
    ];
    const report = (period: Record<string, string>) =>
      data<FundReportView>(
        backend,
        'funds',
        { action: 'fundReport', societyId: 'soc-wangjia', ...period },
        'demo-member',
      );
    const kept = await Promise.all(periods.map(report));
    await backend.ports.store.transaction(async (tx) => {
      const { recentMonths, ...older } = (await tx.get<FundDoc>(COLLECTIONS.funds, 'soc-wangjia'))!;
      expect(recentMonths).toMatchObject({ from: '2026-03', openingSeq: 0 }); // its first entry: nothing before
      await tx.set(COLLECTIONS.funds, older);
    });
    expect(await Promise.all(periods.map(report))).toEqual(kept);
  });

  it('R-OVS-4: the entries are paged, newest first, recipients masked, no relief memo shown', async () => {
    await backend.ports.store.transaction((tx) =>
      recordLedgerEntry(
        tx,
        'soc-wangjia',
        {
          entryId: 'pay-named',
          type: 'reliefPayout',
          amountFen: 400_00,
          sourceRef: 'case:y',
          reliefType: 'supplementary',
          counterparty: { name: '欧阳娜娜' },
          memo: '尿毒症透析',
        },
        secretary,
        backend.ports.clock.now(),
      ),
    );
    const page = await data<FundEntriesPage>(
      backend,
      'funds',
      { action: 'fundEntries', societyId: 'soc-wangjia', from: '2026-01', to: '2026-12', limit: 3 },
      'demo-member',
    );
    expect(page.total).toBe(11);
    expect(page.items.map((item) => item.id)).toEqual(['pay-named', 'seed-wj-10', 'seed-wj-09']);
    expect(page.items[0]).toMatchObject({ party: '欧**娜', memo: '', reliefKindLabel: '补充救助', amountFen: -400_00 });
    expect(JSON.stringify(page)).not.toMatch(/欧阳娜娜|尿毒症/);
    const next = await data<FundEntriesPage>(
      backend,
      'funds',
      { action: 'fundEntries', societyId: 'soc-wangjia', from: '2026-03', to: '2026-03', offset: 2, limit: 3 },
      'demo-member',
    );
    expect(next.items.map((item) => [item.id, item.reversedBy, item.reverses])).toEqual([
      ['seed-wj-05', 'seed-wj-06', null],
      ['seed-wj-04', null, null],
      ['seed-wj-03', null, null],
    ]);
  });

  it("R-OVS-4: residents and donors do not get the members' report", async () => {
    for (const openid of ['demo-resident', 'demo-donor', 'demo-applicant']) {
      expect((await refusal(backend, 'funds', { action: 'fundReport', societyId: 'soc-wangjia' }, openid)).code).toBe(
        'FORBIDDEN',
      );
    }
  });

  it('R-FUND-3: the full audit of the ledger finds nothing wrong with the seeded history', async () => {
    const audit = await data<{ ok: boolean; entryCount: number; balanceFen: number }>(
      backend,
      'funds',
      { action: 'auditLedger', societyId: 'soc-wangjia' },
      'demo-supervisor',
    );
    expect(audit).toMatchObject({ ok: true, entryCount: 10, balanceFen: 34_200_00 });
  });
});
