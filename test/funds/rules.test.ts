/** Pure rules of the money side, shared by the pages and the cloud. */
import {
  activationChecklist,
  mayInvite,
  normalizeInvitationCode,
  invitationPath,
} from '../../miniprogram/domain/registry';
import {
  addMonths,
  beijingMonthOf,
  halfYearMonths,
  halfYearOf,
  meetingNoticeOk,
  monthStartIso,
  monthsBetween,
  periodLabel,
  pledgeChannelsFor,
} from '../../miniprogram/domain/funds';
import { applyEntryToPeriod, emptyPeriod } from '../../server/ledger/periods';
import type { LedgerEntryDoc } from '../../server/ledger/ledger';

const ready = {
  hasCharter: true,
  place: '村委会一楼',
  officers: { president: 1, secretary: 1, supervisor: 3 },
  raisedByChannel: { countySubsidy: 10_000_00, collectiveFund: 8_000_00, donation: 12_000_00 },
};

describe('R-ORG-2: the activation checklist', () => {
  it('R-ORG-2: charter, place, president, secretary, supervisor and 30,000 yuan make a society ready', () => {
    const checklist = activationChecklist(ready);
    expect(checklist).toMatchObject({ ready: true, raisedFen: 30_000_00, shortfallFen: 0 });
  });

  it('R-ORG-2: 29,999.99 yuan is not enough, and the shortfall says by how much', () => {
    const checklist = activationChecklist({
      ...ready,
      raisedByChannel: { ...ready.raisedByChannel, donation: 11_999_99 },
    });
    expect(checklist.ready).toBe(false);
    expect(checklist.shortfallFen).toBe(1);
    expect(checklist.items.find((item) => item.key === 'funds')).toMatchObject({ ok: false, detail: '还差 0.01 元' });
  });

  it('R-ORG-2: each missing condition is named', () => {
    const checklist = activationChecklist({
      hasCharter: false,
      place: '  ',
      officers: { president: 1, secretary: 0, supervisor: 0 },
      raisedByChannel: { countySubsidy: 10_000_00, collectiveFund: 0, donation: 0 },
    });
    expect(checklist.items.filter((item) => !item.ok).map((item) => item.key)).toEqual([
      'charter',
      'place',
      'secretary',
      'supervisor',
      'funds',
    ]);
    expect(checklist.shortfallFen).toBe(20_000_00);
  });
});

describe('who may invite whom', () => {
  it.each([
    ['township', 'president', 'registered', true],
    ['county', 'supervisor', 'filed', true],
    ['president', 'secretary', 'registered', true],
    ['president', 'president', 'registered', false],
    ['secretary', 'member', 'registered', true],
    ['secretary', 'donor', 'filed', true],
    ['secretary', 'supervisor', 'registered', false],
    ['federation', 'donor', 'filed', true],
    ['federation', 'donor', 'registered', false],
    ['member', 'donor', 'registered', false],
    ['donor', 'donor', 'registered', false],
  ] as const)('%s inviting a %s to a %s society: %s', (inviter, role, form, allowed) => {
    expect(mayInvite(inviter, role, form)).toBe(allowed);
  });

  it('reads a code as typed on a card and builds the page link', () => {
    expect(normalizeInvitationCode(' wjhz-2026 donor ')).toBe('WJHZ2026DONOR');
    expect(invitationPath('ABC234')).toBe('/pages/invite/index?code=ABC234');
  });
});

describe('R-FUND-2: pledge channels follow the society form (R-ORG-1)', () => {
  it('a registered society takes transfers to its own account; a filed one to the federation sub-account', () => {
    expect(pledgeChannelsFor('registered')).toEqual(['bankToSociety', 'cash']);
    expect(pledgeChannelsFor('filed')).toEqual(['bankToFederation', 'cash']);
  });
});

describe('Beijing months and half-years', () => {
  it('puts an instant in its Beijing month, whatever the machine time zone', () => {
    expect(beijingMonthOf('2026-11-30T16:00:00Z')).toBe('2026-12');
    expect(beijingMonthOf('2026-11-30T15:59:59Z')).toBe('2026-11');
    expect(monthStartIso('2026-12')).toBe('2026-11-30T16:00:00.000Z');
  });

  it('counts months across years', () => {
    expect(addMonths('2026-11', 2)).toBe('2027-01');
    expect(addMonths('2026-01', -1)).toBe('2025-12');
    expect(monthsBetween('2026-11', '2027-02')).toEqual(['2026-11', '2026-12', '2027-01', '2027-02']);
    expect(halfYearOf('2026-07')).toBe('2026-H2');
    expect(halfYearMonths('2026-H1')).toEqual({ from: '2026-01', to: '2026-06' });
    expect(periodLabel('2026-07', '2026-12')).toBe('2026年7月至12月');
  });
});

describe('R-OVS-4: general meetings are announced at least 10 days ahead', () => {
  const now = new Date('2026-11-30T14:00:00+08:00');
  it('R-OVS-4: exactly 10 days is enough, a minute less is not', () => {
    expect(meetingNoticeOk(now, new Date('2026-12-10T14:00:00+08:00'))).toBe(true);
    expect(meetingNoticeOk(now, new Date('2026-12-10T13:59:00+08:00'))).toBe(false);
  });
});

describe('R-OVS-4: a month aggregate follows its entries', () => {
  const entry = (over: Partial<LedgerEntryDoc>): LedgerEntryDoc => ({
    _id: 'e',
    societyId: 's',
    seq: 1,
    type: 'donation',
    amountFen: 100_00,
    reverses: null,
    sourceRef: '',
    memo: '',
    counterparty: null,
    reliefType: null,
    recordedBy: { userId: null, openid: null, name: null, role: null },
    recordedAt: '2026-11-02T02:00:00.000Z',
    balanceAfterFen: 100_00,
    ...over,
  });

  it('R-FUND-3: a reversal nets into the type and relief kind it reverses', () => {
    let period = emptyPeriod('s', '2026-11-02T02:00:00.000Z');
    period = applyEntryToPeriod(period, entry({}));
    period = applyEntryToPeriod(
      period,
      entry({ seq: 2, type: 'reliefPayout', amountFen: -40_00, reliefType: 'emergency', balanceAfterFen: 60_00 }),
    );
    period = applyEntryToPeriod(
      period,
      entry({
        seq: 3,
        type: 'reversal',
        amountFen: 40_00,
        reverses: { entryId: 'x', type: 'reliefPayout' },
        reliefType: 'emergency',
        balanceAfterFen: 100_00,
      }),
    );
    expect(period).toMatchObject({
      month: '2026-11',
      netFen: 100_00,
      entryCount: 3,
      reversalCount: 1,
      firstSeq: 1,
      lastSeq: 3,
      closingBalanceFen: 100_00,
      netByType: { donation: 100_00, reliefPayout: 0 },
      countByType: { donation: 1, reliefPayout: 0 },
      reliefFenByKind: { emergency: 0 },
      reliefCountByKind: { emergency: 0 },
    });
  });
});
