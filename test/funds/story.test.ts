/**
 * The "done when" story at the use-case level: a new society raises 10,000 from the
 * county, 8,000 from the collective and 12,000 in invited donations, activates, pays relief,
 * reverses a mistaken entry, and its fund report, meeting pack and monthly report all agree with
 * the ledger to the fen; an uninvited pledge is refused; the county dashboard shows it move from
 * preparing to active.
 */
import { createTestBackend, type TestBackend } from '../support/test-backend';
import { COLLECTIONS } from '../../server/collections';
import { findAll } from '../../server/ports/store';
import { recordLedgerEntry, type LedgerEntryDoc } from '../../server/ledger/ledger';
import { actorOf, timerCaller } from '../../server/access/caller';
import {
  activateSociety,
  countyDashboard,
  createSociety,
  dashboardVillages,
  updateSociety,
} from '../../server/registry/societies';
import { acceptInvitation, createInvitation } from '../../server/registry/members';
import { confirmReceipt, makePledge } from '../../server/pledges/usecases';
import { fundReport, recordEntry, reverseEntry } from '../../server/funds/usecases';
import { publishMeetingPack, scheduleMeeting } from '../../server/funds/meetings';
import { runMonthlyReports, listMonthlyReports } from '../../server/reports/monthly';
import { verifyLedger } from '../../server/reports/statement';
import { codeOf, rid } from './support';

let backend: TestBackend;
beforeAll(async () => {
  backend = await createTestBackend();
});
afterAll(() => backend.close());

const as = (openid: string | null) => backend.contextFor(openid);
const SOCIETY = 'soc-dongling';

/** 东岭村's state on its township's page, and 河口乡's counters (issue 15) agreeing with it. */
async function stateOnDashboard(): Promise<string> {
  const hekou = (await countyDashboard(await as('demo-county'))).townships.find(
    (row) => row.townshipId === 'area-hekou',
  )!;
  const page = await dashboardVillages(await as('demo-county'), { townshipId: 'area-hekou', offset: 0, limit: 50 });
  const state = page.villages.find((row) => row.villageId === 'area-dongling')!.state;
  const counted = { none: hekou.none, preparing: hekou.preparing, active: hekou.active };
  expect(counted).toEqual({
    none: state === 'none' ? 1 : 0,
    preparing: state === 'preparing' ? 3 : 2,
    active: state === 'active' ? 1 : 0,
  });
  return state;
}

it('a new society raises 30,000, activates, pays relief, corrects a mistake, and every report agrees with the ledger', async () => {
  const clock = backend.ports.clock;
  clock.set('2026-10-08T09:00:00+08:00');
  expect(await stateOnDashboard()).toBe('none');

  // The county bureau starts 东岭村's society and appoints its president; the president brings in the others.
  await createSociety(await as('demo-county'), { villageId: 'area-dongling', form: 'registered' });
  const presidentInvite = await createInvitation(await as('demo-county'), {
    requestId: rid(),
    societyId: SOCIETY,
    role: 'president',
    inviteeName: '赵东岭',
  });
  await acceptInvitation(await as('dl-president'), presidentInvite.code, undefined);
  for (const [role, openid, name] of [
    ['secretary', 'dl-secretary', '钱秀兰'],
    ['supervisor', 'dl-supervisor', '孙守义'],
  ] as const) {
    const invitation = await createInvitation(await as('dl-president'), {
      requestId: rid(),
      societyId: SOCIETY,
      role,
      inviteeName: name,
    });
    await acceptInvitation(await as(openid), invitation.code, undefined);
  }
  await updateSociety(await as('dl-president'), {
    societyId: SOCIETY,
    hasCharter: true,
    place: '东岭村党群服务中心',
    bankAccount: {
      accountName: '东岭村救急难互助社',
      bankName: '清溪农村商业银行河口支行',
      accountNumber: '6230 9999 0000 0077',
    },
  });
  expect(await stateOnDashboard()).toBe('preparing');
  expect(await codeOf(activateSociety(await as('demo-county'), SOCIETY, '清民社登字〔2026〕第010号'))).toBe(
    'INVALID_STATE',
  );

  // The money: the county subsidy, the collective funds (first mistyped as 80,000 and reversed), invited donations.
  const secretary = await as('dl-secretary');
  await recordEntry(secretary, {
    societyId: SOCIETY,
    entryId: 'dl-county-01',
    type: 'countySubsidy',
    amountFen: 10_000_00,
    sourceRef: '清财社〔2026〕31号',
  });
  clock.set('2026-10-12T10:00:00+08:00');
  await recordEntry(secretary, {
    societyId: SOCIETY,
    entryId: 'dl-collective-wrong',
    type: 'collectiveFund',
    amountFen: 80_000_00,
    sourceRef: '村民代表会议决议 2026-10',
  });
  await reverseEntry(secretary, {
    societyId: SOCIETY,
    entryId: 'dl-collective-reversal',
    reversesEntryId: 'dl-collective-wrong',
    reason: '金额多录一个零',
  });
  await recordEntry(secretary, {
    societyId: SOCIETY,
    entryId: 'dl-collective-01',
    type: 'collectiveFund',
    amountFen: 8_000_00,
    sourceRef: '村民代表会议决议 2026-10',
  });

  // An uninvited pledge is refused.
  expect(
    await codeOf(
      makePledge(await as('passer-by'), {
        requestId: rid(),
        amountFen: 100_000_00,
        channel: 'bankToSociety',
        anonymous: false,
      }),
    ),
  ).toBe('FORBIDDEN');
  const gifts: Array<[string, string, number, boolean]> = [
    ['dl-donor-a', '东岭籍企业家 周海', 7_000_00, false],
    ['dl-donor-b', '一位村民', 5_000_00, true],
  ];
  for (const [openid, name, amountFen, anonymous] of gifts) {
    const invitation = await createInvitation(await as('dl-secretary'), {
      requestId: rid(),
      societyId: SOCIETY,
      role: 'donor',
      inviteeName: name,
    });
    const pledge = await makePledge(await as(openid), {
      requestId: rid(),
      code: invitation.code,
      amountFen,
      channel: 'bankToSociety',
      anonymous,
    });
    clock.set(new Date(clock.now().getTime() + 3600_000));
    await confirmReceipt(await as('dl-secretary'), { pledgeId: pledge.id, entryId: rid('gift'), slip: `回单 ${name}` });
  }

  // 30,000 raised: the county bureau registers it.
  clock.set('2026-10-20T10:00:00+08:00');
  await activateSociety(await as('demo-county'), SOCIETY, '清民社登字〔2026〕第010号');
  expect(await stateOnDashboard()).toBe('active');

  // Relief in November (paid by the cases flow through the same ledger door).
  const officer = actorOf((await as('dl-secretary')).caller, 'secretary');
  for (const [id, kind, fen, day] of [
    ['dl-pay-01', 'supplementary', 500_00, '2026-11-05'],
    ['dl-pay-02', 'emergency', 1_000_00, '2026-11-18'],
  ] as const) {
    clock.set(`${day}T15:00:00+08:00`);
    await backend.ports.store.transaction((tx) =>
      recordLedgerEntry(
        tx,
        SOCIETY,
        {
          entryId: id,
          type: 'reliefPayout',
          amountFen: fen,
          sourceRef: `case:${id}`,
          reliefType: kind,
          counterparty: { name: '东岭村民' },
        },
        officer,
        clock.now(),
      ),
    );
  }

  // The president calls the half-year meeting; on 1 December the timer sends November's reports and the pack is published.
  clock.set('2026-11-30T14:00:00+08:00');
  const meeting = await scheduleMeeting(await as('dl-president'), {
    requestId: rid(),
    societyId: SOCIETY,
    startsAt: '2026-12-20T09:00:00+08:00',
    place: '东岭村党群服务中心',
  });
  clock.set('2026-12-01T02:00:00+08:00');
  await runMonthlyReports({ ...(await as(null)), caller: timerCaller('monthlyReports') }, '2026-10');
  await runMonthlyReports({ ...(await as(null)), caller: timerCaller('monthlyReports') }, undefined);
  const pack = (await publishMeetingPack(await as('dl-president'), meeting.id)).pack!;

  // Everything agrees with the ledger, to the fen.
  const entries = await findAll<LedgerEntryDoc>(backend.ports.store, COLLECTIONS.ledgerEntries, {
    where: { societyId: SOCIETY },
  });
  const ledgerBalance = entries.reduce((sum, entry) => sum + entry.amountFen, 0);
  expect(ledgerBalance).toBe(28_500_00);
  expect(await verifyLedger(backend.ports.store, SOCIETY)).toMatchObject({
    ok: true,
    entryCount: 8,
    balanceFen: ledgerBalance,
  });

  const report = await fundReport(await as('dl-supervisor'), SOCIETY, '2026-10', '2026-11');
  expect(report).toMatchObject({
    openingFen: 0,
    closingFen: ledgerBalance,
    currentBalanceFen: ledgerBalance,
    raisedFen: 30_000_00,
    reconciliation: { ok: true },
  });
  expect(report.inByChannel.map((line) => [line.key, line.fen])).toEqual([
    ['countySubsidy', 10_000_00],
    ['collectiveFund', 8_000_00],
    ['donation', 12_000_00],
    ['bankInterest', 0],
  ]);
  expect(report.outByRelief.map((line) => [line.key, line.fen, line.count])).toEqual([
    ['supplementary', 500_00, 1],
    ['emergency', 1_000_00, 1],
  ]);

  expect(pack.cutoffMonth).toBe('2026-11');
  expect(pack.statement).toMatchObject({
    openingFen: 0,
    inFen: report.inFen,
    outFen: report.outFen,
    closingFen: ledgerBalance,
    reconciliation: { ok: true },
  });

  // What the federation received (河口乡 has no demo caller; the federation gets every report too).
  const { items } = await listMonthlyReports(await as('demo-federation'), { societyId: SOCIETY });
  const byMonth = Object.fromEntries(items.map((item) => [item.month, item.ledger]));
  expect(byMonth['2026-10']).toMatchObject({
    openingFen: 0,
    inFen: 30_000_00,
    outFen: 0,
    closingFen: 30_000_00,
    reconciled: true,
  });
  expect(byMonth['2026-11']).toMatchObject({
    openingFen: 30_000_00,
    inFen: 0,
    outFen: 1_500_00,
    closingFen: ledgerBalance,
    reconciled: true,
  });
  expect(byMonth['2026-10']!.closingFen).toBe(byMonth['2026-11']!.openingFen);
});
