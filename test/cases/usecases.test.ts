/** Use cases over the real store: the seed, retries and concurrency, not enough money, the monthly figures. */
import { createTestBackend, type TestBackend } from '../support/test-backend';
import { COLLECTIONS, type MembershipDoc, type SocietyDoc } from '../../server/collections';
import { findAll } from '../../server/ports/store';
import { emptyFund, recordLedgerEntry, type LedgerEntryDoc } from '../../server/ledger/ledger';
import { caseMonthStats } from '../../server/cases/reports';
import { submitApplication } from '../../server/cases/intake';
import { approveCase, proposeDecision, recordVisit } from '../../server/cases/review';
import { disburse } from '../../server/cases/payouts';
import { acceptCase, openDiscovery } from '../../server/cases/intake';
import type { CaseDoc } from '../../server/cases/model';
import { AppError } from '../../server/errors';
import { application, balanceOf, caller, discovery, footprint, visit } from './helpers';
import { caseEventsOf } from '../support/case-events';

let backend: TestBackend;
beforeAll(async () => {
  backend = await createTestBackend();
});
afterAll(() => backend.close());

function codeOf(promise: Promise<unknown>): Promise<string> {
  return promise.then(
    () => 'ok',
    (error: unknown) => (error instanceof AppError ? error.code : `unexpected ${String(error)}`),
  );
}

describe('the demo seed', () => {
  it('holds the four demo cases, their payouts pointing at the seeded ledger entries (nothing paid twice)', async () => {
    const { store } = backend.ports;
    const cases = await findAll<CaseDoc>(store, COLLECTIONS.cases, {
      where: { societyId: 'soc-wangjia' },
      orderBy: [['caseNo', 'asc']],
    });
    expect(
      cases.map((doc) => [doc._id, doc.state, doc.payout?.amountFen ?? null, doc.payout?.ledgerEntryId ?? null]),
    ).toEqual([
      ['demo-case-01', 'closed', 300_00, 'seed-wj-08'],
      ['demo-case-02', 'closed', 500_00, 'seed-wj-09'],
      ['demo-case-03', 'paid', 1_000_00, 'seed-wj-10'],
      ['demo-case-04', 'accepted', null, null],
    ]);
    expect(cases.map((doc) => doc.payout?.reliefType ?? null)).toEqual([
      'supplementary',
      'supplementary',
      'emergency',
      null,
    ]);
    const payouts = await findAll<LedgerEntryDoc>(store, COLLECTIONS.ledgerEntries, {
      where: { societyId: 'soc-wangjia', type: 'reliefPayout' },
    });
    expect(payouts.map((entry) => [entry._id, entry.sourceRef, entry.amountFen])).toEqual([
      ['seed-wj-08', 'case:demo-case-01', -300_00],
      ['seed-wj-09', 'case:demo-case-02', -500_00],
      ['seed-wj-10', 'case:demo-case-03', -1_000_00],
    ]);
    expect(await balanceOf(backend)).toBe(34_200_00);
    const four = cases[3]!;
    expect(four).toMatchObject({
      applicantUserId: 'u-lixiuying',
      householdId: 'hh-wangjia-zhang-guoqiang',
      caseNo: '2026-004',
    });
    expect(four.deadlines.visit).toEqual({
      dueAt: '2026-12-01T01:30:00.000Z',
      startedAt: '2026-11-30T01:30:00.000Z',
      doneAt: null,
    });
    const events = await caseEventsOf(store, 'demo-case-03');
    expect(events.map((event) => event.type)).toEqual([
      'discover',
      'recordVisit',
      'propose',
      'approve',
      'disburse',
      'addReferral',
    ]);
    expect(events[4]!.details.notice).toMatchObject({
      maskedName: '陈*山',
      amountFen: 1_000_00,
      ledgerEntryId: 'seed-wj-10',
    });
  });

  it('R-PROC-8: month figures for the funds report (November 2026 and May 2026 of the seed)', async () => {
    expect(
      await caseMonthStats(backend.ports.store, 'soc-wangjia', '2026-10-31T16:00:00.000Z', '2026-11-30T16:00:00.000Z'),
    ).toEqual({
      received: 2,
      accepted: 2,
      paid: 1,
      paidFenByType: { supplementary: 0, emergency: 1_000_00 },
      deadlinesMet: 2,
      deadlinesMissed: 0,
      unratified: { count: 0, paidFen: 0, recovered: 0, recoveredFen: 0, writtenOff: 0, writtenOffFen: 0, pending: 0 },
    });
    expect(
      await caseMonthStats(backend.ports.store, 'soc-wangjia', '2026-04-30T16:00:00.000Z', '2026-05-31T16:00:00.000Z'),
    ).toMatchObject({ received: 1, paid: 1, paidFenByType: { supplementary: 300_00, emergency: 0 }, deadlinesMet: 2 });
    // December: demo-case-04's visit is due 1 Dec 09:30; not done and past due by the end of the month.
    expect(
      await caseMonthStats(backend.ports.store, 'soc-wangjia', '2026-11-30T16:00:00.000Z', '2026-12-31T16:00:00.000Z'),
    ).toMatchObject({ deadlinesMet: 0, deadlinesMissed: 1 });
    expect(
      await caseMonthStats(
        backend.ports.store,
        'soc-wangjia',
        '2026-11-30T16:00:00.000Z',
        '2026-12-31T16:00:00.000Z',
        '2026-11-30T06:00:00.000Z',
      ),
    ).toMatchObject({ deadlinesMet: 0, deadlinesMissed: 0 });
  });
});

describe('retries and concurrency', () => {
  it('concurrent submissions with one request id make one case', async () => {
    const ctx = await backend.contextFor('demo-applicant');
    const payload = application({ requestId: 'req-concurrent-1' });
    const before = await backend.ports.store.count(COLLECTIONS.cases);
    const views = await Promise.all([0, 1, 2].map(() => submitApplication(ctx, payload as never)));
    expect(new Set(views.map((view) => view.id)).size).toBe(1);
    expect(await backend.ports.store.count(COLLECTIONS.cases)).toBe(before + 1);
  });

  it('concurrent payouts of one case, with different request ids, pay once', async () => {
    const officer = await backend.contextFor('demo-secretary');
    const president = await backend.contextFor('demo-president');
    const opened = await openDiscovery(officer, discovery({ requestId: 'disc-race-0001' }) as never);
    await recordVisit(
      officer,
      visit(opened.id, { recommend: 'grant', form: 'cash', amountFen: 600_00, tierId: 'e2' }) as never,
    );
    await proposeDecision(officer, opened.id, {
      recommend: 'grant',
      form: 'cash',
      amountFen: 600_00,
      tierId: 'e2',
      reason: '属实',
    });
    await approveCase(president, { caseId: opened.id, seenRepeatCaseIds: [], note: '' });
    const balance = await balanceOf(backend);
    const outcomes = await Promise.all(
      ['race-pay-0001', 'race-pay-0002', 'race-pay-0003'].map((requestId) =>
        codeOf(disburse(officer, { caseId: opened.id, requestId, method: 'cash', amountFen: 600_00 })),
      ),
    );
    expect(outcomes.sort()).toEqual(['INVALID_STATE', 'INVALID_STATE', 'ok']);
    expect(await balanceOf(backend)).toBe(balance - 600_00);
    const entries = await findAll<LedgerEntryDoc>(backend.ports.store, COLLECTIONS.ledgerEntries, {
      where: { sourceRef: `case:${opened.id}` },
    });
    expect(entries).toHaveLength(1);
    const events = (await caseEventsOf(backend.ports.store, opened.id)).filter((event) => event.type === 'disburse');
    expect(events).toHaveLength(1);
  });
});

describe('not enough money in the fund', () => {
  it('is INSUFFICIENT_FUNDS before anything is written; the case stays approved', async () => {
    const { store } = backend.ports;
    // A small active society of its own: 200 yuan in the fund, the demo secretary and president as its officers.
    const society: SocietyDoc = {
      _id: 'soc-small',
      name: '小河村救急难互助社',
      villageId: 'area-wangjia',
      townshipId: 'area-qingshi',
      countyId: 'area-qingxi',
      form: 'filed',
      status: 'active',
      registrationNumber: '测试',
      hasCharter: true,
      place: '村部',
      createdAt: '2026-03-01T00:00:00Z',
    };
    await store.insert(COLLECTIONS.societies, society);
    await store.insert(COLLECTIONS.funds, emptyFund('soc-small', new Date('2026-03-01T00:00:00Z')));
    for (const [userId, role] of [
      ['u-small-sec', 'secretary'],
      ['u-small-pres', 'president'],
    ] as const) {
      await store.insert(COLLECTIONS.users, {
        _id: userId,
        openid: `test-${userId}`,
        name: userId,
        createdAt: society.createdAt,
      });
      await store.insert<MembershipDoc>(COLLECTIONS.memberships, {
        _id: `m-${userId}`,
        userId,
        role,
        societyId: 'soc-small',
        areaId: null,
        grantedAt: society.createdAt,
        grantedBy: 'test',
      });
    }
    await store.transaction((tx) =>
      recordLedgerEntry(
        tx,
        'soc-small',
        { entryId: 'small-donation-1', type: 'donation', amountFen: 200_00, sourceRef: 'test' },
        { userId: null, openid: null, name: 'test', role: null },
        new Date('2026-11-01T00:00:00Z'),
      ),
    );
    const api = caller(backend);
    const opened = await api.ok<{ id: string }>(
      'approvals',
      'openDiscovery',
      discovery({ requestId: 'disc-small-001', societyId: 'soc-small' }),
      'test-u-small-sec',
    );
    await api.ok(
      'approvals',
      'recordVisit',
      visit(opened.id, { recommend: 'grant', form: 'cash', amountFen: 300_00, tierId: 'e1' }),
      'test-u-small-sec',
    );
    await api.ok(
      'approvals',
      'propose',
      { caseId: opened.id, recommend: 'grant', form: 'cash', amountFen: 300_00, tierId: 'e1', reason: '属实' },
      'test-u-small-sec',
    );
    await api.ok('approvals', 'approve', { caseId: opened.id }, 'test-u-small-pres');
    const before = await footprint(backend, 'soc-small');
    expect(
      await api.refused(
        'approvals',
        'disburse',
        { caseId: opened.id, requestId: 'small-pay-001', method: 'cash', amountFen: 300_00 },
        'test-u-small-sec',
      ),
    ).toEqual({ code: 'INSUFFICIENT_FUNDS', message: '互助资金余额不足，无法支出' });
    expect(await footprint(backend, 'soc-small')).toEqual(before);
    expect((await store.get<CaseDoc>(COLLECTIONS.cases, opened.id))!.state).toBe('approved');
    expect(await codeOf(acceptCase(await backend.contextFor('test-u-small-sec'), opened.id, []))).toBe('INVALID_STATE');
  });
});

describe('deadlines through the use cases (R-PROC-3/4), across the 2026 National Day holiday', () => {
  it('R-PROC-3, R-PROC-4: accepted 2026-09-30 17:00 → visit due 10-08 17:00; approved 10-09 10:00 → payout due Saturday 10-10 (调休) 10:00', async () => {
    const { clock } = backend.ports;
    const api = caller(backend);
    try {
      clock.set('2026-09-30T17:00:00+08:00');
      const opened = await api.ok<{ id: string; nextDeadline: { dueAt: string } }>(
        'approvals',
        'openDiscovery',
        discovery({ requestId: 'disc-national-day' }),
        'demo-secretary',
      );
      expect(opened.nextDeadline.dueAt).toBe(new Date('2026-10-08T17:00:00+08:00').toISOString());
      clock.set('2026-10-08T16:00:00+08:00');
      await api.ok(
        'approvals',
        'recordVisit',
        visit(
          opened.id,
          { recommend: 'grant', form: 'cash', amountFen: 300_00, tierId: 'e1' },
          { visitedAt: '2026-10-08T15:00:00+08:00' },
        ),
        'demo-secretary',
      );
      await api.ok(
        'approvals',
        'propose',
        { caseId: opened.id, recommend: 'grant', form: 'cash', amountFen: 300_00, tierId: 'e1', reason: '属实' },
        'demo-secretary',
      );
      clock.set('2026-10-09T10:00:00+08:00');
      const approved = await api.ok<{
        nextDeadline: { dueAt: string };
        deadlines: Array<{ kind: string; met: boolean | null }>;
      }>('approvals', 'approve', { caseId: opened.id }, 'demo-president');
      expect(approved.nextDeadline.dueAt).toBe(new Date('2026-10-10T10:00:00+08:00').toISOString());
      expect(approved.deadlines).toEqual([
        expect.objectContaining({ kind: 'visit', met: true }),
        // Proposed Thu 8 Oct 16:00, decided Fri 9 Oct 10:00: within its 1 working day.
        expect.objectContaining({ kind: 'decision', met: true }),
        expect.objectContaining({ kind: 'payout', met: null }),
      ]);
      const october = await caseMonthStats(
        backend.ports.store,
        'soc-wangjia',
        '2026-09-30T16:00:00.000Z',
        '2026-10-31T16:00:00.000Z',
      );
      // The visit and the decision (proposed 10-08, decided 10-09) met; the payout, never made, missed.
      expect(october).toMatchObject({ deadlinesMet: 1 + 1, deadlinesMissed: 1 });
    } finally {
      clock.set('2026-11-30T14:00:00+08:00');
    }
  });
});
