/**
 * What goes to the township and comes back, through the real dispatch over the SQLite store:
 * 先行救助 not ratified (R-PROC-5: recovery or write-off, money through the one ledger, R-FUND-3)
 * and cases beyond the society's authority handed to the township's 临时救助 (R-CAP-1/2).
 */
import ExcelJS from 'exceljs';
import { REQUEST_REUSED_MESSAGE } from '../../server/api/request-ids';
import { createTestBackend, DEMO_NOW, type TestBackend } from '../support/test-backend';
import type { FundEntriesPage, MonthlyReportView } from '../../miniprogram/domain/funds';
import { COLLECTIONS, type MembershipDoc, type UserDoc } from '../../server/collections';
import { findAll } from '../../server/ports/store';
import type { LedgerEntryDoc } from '../../server/ledger/ledger';
import { verifyLedger } from '../../server/reports/statement';
import { caseMonthStats } from '../../server/cases/reports';
import type { AuditEventDoc } from '../../server/audit/trail';
import type { OfficerCaseView, TownshipReferralView, UnratifiedOutcomeView } from '../../miniprogram/domain/case';
import type { FourPublicSheet, TownshipOverview } from '../../miniprogram/domain/oversight';
import { balanceOf, caller, discovery, footprint, SOCIETY, visit } from './helpers';

let backend: TestBackend;
let api: ReturnType<typeof caller>;
const OTHER_TOWNSHIP = 'test-hekou-township';

beforeAll(async () => {
  backend = await createTestBackend();
  api = caller(backend);
  // 河口乡's civil-affairs office: a township, but not the one covering 王家村.
  await backend.ports.store.insert<UserDoc>(COLLECTIONS.users, {
    _id: 'u-hekou-mz',
    openid: OTHER_TOWNSHIP,
    name: '河口乡民政办',
    createdAt: '2026-01-01T00:00:00.000Z',
  });
  await backend.ports.store.insert<MembershipDoc>(COLLECTIONS.memberships, {
    _id: 'm-hekou-mz',
    userId: 'u-hekou-mz',
    role: 'township',
    societyId: null,
    areaId: 'area-hekou',
    grantedAt: '2026-01-01T00:00:00.000Z',
    grantedBy: 'seed',
  });
});
afterAll(() => backend.close());

/** A discovery paid first (1,000 yuan emergency relief), visited, and not ratified by the president. */
async function unratifiedCase(tag: string): Promise<{ caseId: string; paidFen: number }> {
  const opened = await api.ok<OfficerCaseView>(
    'approvals',
    'openDiscovery',
    discovery({ requestId: `disc-${tag}`, cause: 'accident', description: '房屋失火', category: 'nearDibao' }),
    'demo-secretary',
  );
  await api.ok(
    'approvals',
    'reliefFirst',
    {
      caseId: opened.id,
      requestId: `first-${tag}`,
      method: 'cash',
      amountFen: 1_000_00,
      tierId: 'e3',
      urgency: '当晚无处安身',
    },
    'demo-secretary',
  );
  await api.ok(
    'approvals',
    'recordVisit',
    visit(opened.id, { recommend: 'deny', reason: '核查发现房屋为他人所有，损失已由保险赔付' }),
    'demo-secretary',
  );
  const filed = await api.ok<OfficerCaseView>(
    'approvals',
    'fileExplanation',
    { caseId: opened.id, explanation: '损失已由保险赔付，不予追认', ratified: false },
    'demo-president',
  );
  expect(filed.reliefFirst!.explanation!.ratified).toBe(false);
  return { caseId: opened.id, paidFen: 1_000_00 };
}

const recovery = (caseId: string, requestId: string, extra: Record<string, unknown> = {}) => ({
  caseId,
  requestId,
  outcome: 'recovery',
  recoveredFen: 300_00,
  recoveredOn: '2026-11-30',
  reason: '已与受助人协商，退回部分款项',
  ...extra,
});

describe('R-PROC-5: 先行救助 not ratified gets the township’s decision', () => {
  let caseId: string;

  beforeAll(async () => {
    ({ caseId } = await unratifiedCase('unratified-1'));
  });

  it('R-PROC-5: the township covering the society lists it as awaiting its decision (masked)', async () => {
    const overview = await api.ok<TownshipOverview>('notices', 'townshipOverview', {}, 'demo-township');
    const item = overview.unratified.find((entry) => entry.caseId === caseId)!;
    expect(item).toMatchObject({
      societyName: '王家村救急难互助社',
      maskedName: '孙*珍',
      paidFen: 1_000_00,
      explanation: '损失已由保险赔付，不予追认',
      explainedByName: '王建国',
    });
    expect(overview.totals.unratified).toBe(overview.unratified.length);
    expect(overview.canDecide).toBe(true);
    const county = await api.ok<TownshipOverview>('notices', 'townshipOverview', {}, 'demo-county');
    expect(county.unratified.map((entry) => entry.caseId)).toContain(caseId);
    expect(county.canDecide).toBe(false);
    const other = await api.ok<TownshipOverview>('notices', 'townshipOverview', {}, OTHER_TOWNSHIP);
    expect(other.unratified.map((entry) => entry.caseId)).not.toContain(caseId);
    const sheet = await api.ok<FourPublicSheet>('notices', 'caseSheet', { caseId }, 'demo-supervisor');
    expect(sheet.unratified).toMatchObject({ pending: true, paidFen: 1_000_00 });
  });

  it('R-PROC-5: officers, another township and the county cannot record it; bad amounts are refused; nothing is written', async () => {
    const before = await footprint(backend);
    for (const who of ['demo-secretary', 'demo-president', 'demo-supervisor', 'demo-county', OTHER_TOWNSHIP]) {
      expect(await api.refused('approvals', 'settleUnratified', recovery(caseId, `bad-${who}`), who)).toMatchObject({
        code: 'FORBIDDEN',
      });
    }
    const overPaid = await api.refused(
      'approvals',
      'settleUnratified',
      recovery(caseId, 'bad-over', { recoveredFen: 1_000_01 }),
      'demo-township',
    );
    expect(overPaid).toMatchObject({ code: 'BAD_REQUEST', message: '追回金额须大于 0 且不超过先行发放的 1000元' });
    expect(
      await api.refused(
        'approvals',
        'settleUnratified',
        recovery(caseId, 'bad-future', { recoveredOn: '2026-12-01' }),
        'demo-township',
      ),
    ).toMatchObject({ code: 'BAD_REQUEST' });
    expect(
      await api.refused(
        'approvals',
        'settleUnratified',
        recovery(caseId, 'bad-nodate', { recoveredOn: null }),
        'demo-township',
      ),
    ).toMatchObject({ code: 'BAD_REQUEST' });
    expect(
      await api.refused(
        'approvals',
        'settleUnratified',
        { caseId, requestId: 'bad-writeoff', outcome: 'writeOff', recoveredFen: 100, reason: '核销' },
        'demo-township',
      ),
    ).toMatchObject({ code: 'BAD_REQUEST' });
    expect(await footprint(backend)).toEqual(before);
  });

  it('R-PROC-5, R-FUND-3: a recovery comes back into the ledger once, however often it is sent; the payout stays', async () => {
    const balance = await balanceOf(backend);
    const first = await api.ok<UnratifiedOutcomeView>(
      'approvals',
      'settleUnratified',
      recovery(caseId, 'settle-1'),
      'demo-township',
    );
    expect(first).toMatchObject({
      kind: 'recovery',
      label: '追回',
      recoveredFen: 300_00,
      recoveredOn: '2026-11-30',
      byName: '青石镇民政办',
      ledgerEntryId: `recovery-${caseId}`,
    });
    const again = await api.ok<UnratifiedOutcomeView>(
      'approvals',
      'settleUnratified',
      recovery(caseId, 'settle-1'),
      'demo-township',
    );
    expect(again).toEqual(first);
    expect(await balanceOf(backend)).toBe(balance + 300_00);

    // The same request id with another amount is not a retry: refused, not answered with the first.
    const reused = await api.refused(
      'approvals',
      'settleUnratified',
      recovery(caseId, 'settle-1', { recoveredFen: 200_00 }),
      'demo-township',
    );
    expect(reused).toEqual({ code: 'DUPLICATE', message: REQUEST_REUSED_MESSAGE });
    expect(await balanceOf(backend)).toBe(balance + 300_00);

    const before = await footprint(backend);
    const other = await api.refused(
      'approvals',
      'settleUnratified',
      recovery(caseId, 'settle-2', { recoveredFen: 1_000_00 }),
      'demo-township',
    );
    expect(other).toMatchObject({ code: 'INVALID_STATE', message: '这笔先行救助款的处理结果已经记录过' });
    expect(await footprint(backend)).toEqual(before);

    const entries = await findAll<LedgerEntryDoc>(backend.ports.store, COLLECTIONS.ledgerEntries, {
      where: { sourceRef: `case:${caseId}` },
    });
    expect(entries.map((entry) => [entry.type, entry.amountFen]).sort()).toEqual([
      ['reliefPayout', -1_000_00],
      ['reliefRecovery', 300_00],
    ]);
    expect(entries.find((entry) => entry.type === 'reliefRecovery')!.recordedBy).toMatchObject({
      name: '青石镇民政办',
      role: 'township',
    });
    expect(await verifyLedger(backend.ports.store, SOCIETY)).toMatchObject({ ok: true, problems: [] });

    // Members see whom the money came back from as they saw whom it went to: masked, never in full.
    const page = await api.ok<FundEntriesPage>(
      'funds',
      'fundEntries',
      { societyId: SOCIETY, from: '2026-11', to: '2026-11', limit: 50 },
      'demo-member',
    );
    const parties = Object.fromEntries(page.items.map((item) => [item.id, item.party]));
    expect(parties[`recovery-${caseId}`]).toBe('孙*珍');
    expect(parties[`recovery-${caseId}`]).toBe(parties[`payout-${caseId}`]);
  });

  it('R-PROC-5, R-OVS-5: it is on the case timeline, in the society’s and the township’s audit, on the sheet, off the list', async () => {
    const view = await api.ok<OfficerCaseView>('approvals', 'getCase', { caseId }, 'demo-supervisor');
    const last = view.timeline.at(-1)!;
    expect(last).toMatchObject({ type: 'settleUnratified', actorName: '青石镇民政办', actorRoleLabel: '乡镇' });
    expect(last.summary).toContain('追回 300元');
    expect(view.reliefFirst!.outcome).toMatchObject({ kind: 'recovery', recoveredFen: 300_00 });
    const audits = await findAll<AuditEventDoc>(backend.ports.store, COLLECTIONS.auditEvents, {
      where: { scopeId: 'area-qingshi' },
    });
    expect(audits.map((event) => event.action)).toContain('township.settleUnratified');
    const sheet = await api.ok<FourPublicSheet>('notices', 'caseSheet', { caseId }, 'demo-supervisor');
    expect(sheet.unratified).toMatchObject({
      pending: false,
      outcomeLabel: '未予追认，乡镇已追回 300元（先行发放 1000元）',
      reason: '已与受助人协商，退回部分款项',
      byName: '青石镇民政办',
    });
    const overview = await api.ok<TownshipOverview>('notices', 'townshipOverview', {}, 'demo-township');
    expect(overview.unratified.map((entry) => entry.caseId)).not.toContain(caseId);
  });

  it('R-PROC-5: a write-off moves no money; two decisions sent at once settle it once', async () => {
    const { caseId: other } = await unratifiedCase('unratified-2');
    const balance = await balanceOf(backend);
    const [a, b] = await Promise.all([
      backend.call(
        'approvals',
        {
          action: 'settleUnratified',
          caseId: other,
          requestId: 'race-writeoff',
          outcome: 'writeOff',
          reason: '受助人确无能力退还',
        },
        'demo-township',
      ),
      backend.call('approvals', { action: 'settleUnratified', ...recovery(other, 'race-recovery') }, 'demo-township'),
    ]);
    expect([a.ok, b.ok].filter(Boolean)).toHaveLength(1);
    const view = await api.ok<OfficerCaseView>('approvals', 'getCase', { caseId: other }, 'demo-supervisor');
    const outcome = view.reliefFirst!.outcome!;
    expect(await balanceOf(backend)).toBe(balance + outcome.recoveredFen);
    expect(view.timeline.filter((entry) => entry.type === 'settleUnratified')).toHaveLength(1);
    expect(await verifyLedger(backend.ports.store, SOCIETY)).toMatchObject({ ok: true });
  });

  it('R-PROC-8: the monthly report and its xlsx carry 先行救助未追认 and the money recovered', async () => {
    backend.ports.clock.set('2026-12-01T09:00:00+08:00');
    try {
      const report = await api.ok<MonthlyReportView>(
        'funds',
        'generateMonthlyReport',
        { societyId: SOCIETY, month: '2026-11' },
        'demo-secretary',
      );
      expect(report.cases.unratified).toMatchObject({ count: 2, paidFen: 2_000_00, pending: 0 });
      const recovered = report.ledger.inByChannel.find((line) => line.key === 'reliefRecovery')!;
      expect(recovered).toMatchObject({ label: '追回先行救助款', count: report.cases.unratified!.recovered });
      expect(recovered.fen).toBe(report.cases.unratified!.recoveredFen);
      const exported = await api.ok<{ fileId: string }>(
        'spreadsheets',
        'exportMonthlyReport',
        { reportId: report.id },
        'demo-township',
      );
      const file = await backend.ports.files.get(exported.fileId);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(file!.content as unknown as ArrayBuffer);
      const rows = new Map<string, [unknown, unknown]>();
      workbook
        .getWorksheet('月报')!
        .eachRow((row) => rows.set(String(row.getCell(1).value), [row.getCell(2).value, row.getCell(3).value]));
      expect(rows.get('先行救助未追认（先行发放，元）')).toEqual([2_000, 2]);
      expect(rows.get('其中乡镇追回（元）')).toEqual([
        report.cases.unratified!.recoveredFen / 100,
        report.cases.unratified!.recovered,
      ]);
      expect(rows.get('其中待乡镇处理')).toEqual([0, null]);
      expect(rows.get('收入：追回先行救助款')?.[0]).toBe(recovered.fen / 100);
    } finally {
      backend.ports.clock.set(DEMO_NOW);
    }
  });

  it('R-PROC-8: the month’s figures count 先行救助未追认 with the township’s outcome', async () => {
    const stats = await caseMonthStats(
      backend.ports.store,
      SOCIETY,
      '2026-10-31T16:00:00.000Z',
      '2026-11-30T16:00:00.000Z',
    );
    expect(stats.unratified.count).toBe(2);
    expect(stats.unratified.paidFen).toBe(2_000_00);
    expect(stats.unratified.recovered + stats.unratified.writtenOff).toBe(2);
    expect(stats.unratified.pending).toBe(0);
    expect(stats.unratified.recoveredFen).toBeGreaterThanOrEqual(300_00);
  });
});

describe('R-CAP-1/2: beyond the society’s authority, a tracked referral to the township’s 临时救助', () => {
  let caseId: string;
  let referralId: string;
  const refer = (requestId: string) => ({
    caseId,
    requestId,
    askedFen: 5_000_00,
    reason: '住院手术费用约 3 万元，超出互助社应急救助 1000 元上限',
  });

  beforeAll(async () => {
    const opened = await api.ok<OfficerCaseView>(
      'approvals',
      'openDiscovery',
      discovery({ requestId: 'disc-township-ref' }),
      'demo-secretary',
    );
    caseId = opened.id;
  });

  it('R-CAP-2: an officer hands it over with what is asked and why; a retry does not hand it twice', async () => {
    const first = await api.ok<OfficerCaseView>(
      'approvals',
      'referTownship',
      refer('township-ref-1'),
      'demo-secretary',
    );
    const again = await api.ok<OfficerCaseView>(
      'approvals',
      'referTownship',
      refer('township-ref-1'),
      'demo-secretary',
    );
    expect(again.referrals).toHaveLength(1);
    const referral = first.referrals[0]!;
    referralId = referral.id;
    expect(referral).toMatchObject({
      kind: 'temporaryAssistance',
      kindLabel: '转乡镇临时救助',
      ownerName: '青石镇',
      status: 'open',
      followUpDate: '2026-12-07',
      township: { townshipName: '青石镇', askedFen: 5_000_00, outcome: null, statusText: '等待青石镇答复' },
    });
    expect(first.timeline.at(-1)).toMatchObject({ type: 'referTownship', actorName: '刘芳' });
    // The society's own relief within its caps goes on alongside.
    expect(first.actions).toEqual(expect.arrayContaining(['recordVisit', 'reliefFirst']));
    expect(await api.refused('approvals', 'referTownship', refer('township-ref-2'), 'demo-secretary')).toMatchObject({
      code: 'INVALID_STATE',
      message: '已转乡镇临时救助，正在等待乡镇答复',
    });
  });

  it('R-CAP-2: the township sees the referrals addressed to it; another township does not', async () => {
    const overview = await api.ok<TownshipOverview>('notices', 'townshipOverview', {}, 'demo-township');
    expect(overview.referrals.find((item) => item.caseId === caseId)).toMatchObject({
      referralId,
      maskedName: '孙*珍',
      askedFen: 5_000_00,
      byName: '刘芳',
      societyReliefText: '',
    });
    const other = await api.ok<TownshipOverview>('notices', 'townshipOverview', {}, OTHER_TOWNSHIP);
    expect(other.referrals.map((item) => item.caseId)).not.toContain(caseId);
  });

  it('R-CAP-2: officers, another township and the county cannot answer it; the officer cannot close it; nothing is written', async () => {
    const before = await footprint(backend);
    const answer = { caseId, referralId, accepted: true, amountFen: 3_000_00, reason: '' };
    for (const who of ['demo-secretary', 'demo-president', 'demo-county', OTHER_TOWNSHIP]) {
      expect(await api.refused('approvals', 'townshipReferralOutcome', answer, who)).toMatchObject({
        code: 'FORBIDDEN',
      });
    }
    expect(
      await api.refused(
        'approvals',
        'updateReferral',
        { caseId, referralId, status: 'done', note: '乡镇已办' },
        'demo-secretary',
      ),
    ).toMatchObject({ code: 'FORBIDDEN' });
    expect(
      await api.refused(
        'approvals',
        'townshipReferralOutcome',
        { caseId, referralId, accepted: false, amountFen: 0, reason: '' },
        'demo-township',
      ),
    ).toMatchObject({ code: 'BAD_REQUEST', message: '不予受理时请写明理由' });
    expect(
      await api.refused(
        'approvals',
        'townshipReferralOutcome',
        { caseId, referralId, accepted: true, amountFen: 0, reason: '' },
        'demo-township',
      ),
    ).toMatchObject({ code: 'BAD_REQUEST' });
    expect(await footprint(backend)).toEqual(before);
  });

  it('R-CAP-2: the township accepts with an amount; the officer’s case shows it; the list no longer holds it', async () => {
    const answer = { caseId, referralId, accepted: true, amountFen: 3_000_00, reason: '按临时救助标准给予' };
    const view = await api.ok<TownshipReferralView>('approvals', 'townshipReferralOutcome', answer, 'demo-township');
    expect(view).toMatchObject({
      outcome: { accepted: true, amountFen: 3_000_00, byName: '青石镇民政办' },
      statusText: '青石镇已受理，给予临时救助 3000元',
    });
    expect(await api.ok('approvals', 'townshipReferralOutcome', answer, 'demo-township')).toEqual(view);
    expect(
      await api.refused(
        'approvals',
        'townshipReferralOutcome',
        { ...answer, accepted: false, amountFen: 0, reason: '改变主意' },
        'demo-township',
      ),
    ).toMatchObject({ code: 'INVALID_STATE' });
    const officer = await api.ok<OfficerCaseView>('approvals', 'getCase', { caseId }, 'demo-secretary');
    expect(officer.referrals[0]).toMatchObject({ status: 'done', statusLabel: '已完成' });
    expect(officer.referrals[0]!.township!.statusText).toBe('青石镇已受理，给予临时救助 3000元');
    expect(officer.timeline.at(-1)).toMatchObject({ type: 'townshipReferralOutcome', actorName: '青石镇民政办' });
    const overview = await api.ok<TownshipOverview>('notices', 'townshipOverview', {}, 'demo-township');
    expect(overview.referrals.map((item) => item.caseId)).not.toContain(caseId);
  });

  it('R-CAP-2: a declined referral says why, and a new one may follow', async () => {
    await api.ok('approvals', 'referTownship', refer('township-ref-3'), 'demo-secretary');
    const officer = await api.ok<OfficerCaseView>('approvals', 'getCase', { caseId }, 'demo-secretary');
    const second = officer.referrals.find((item) => item.id !== referralId)!;
    const view = await api.ok<TownshipReferralView>(
      'approvals',
      'townshipReferralOutcome',
      { caseId, referralId: second.id, accepted: false, amountFen: 0, reason: '本年度已享受过临时救助' },
      'demo-township',
    );
    expect(view.statusText).toBe('青石镇不予受理：本年度已享受过临时救助');
  });
});
