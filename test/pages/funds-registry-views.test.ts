/** The pure functions of the registry, invitation, pledge and ledger pages (issue 6): no rendering. */
import {
  checkAmount,
  AMOUNT_NEGATIVE_MESSAGE,
  AMOUNT_TOO_LARGE_MESSAGE,
  AMOUNT_ZERO_MESSAGE,
} from '../../miniprogram/utils/amount';
import { activationChecklist, type MemberView, type SocietySettingsView } from '../../miniprogram/domain/registry';
import type { FundEntryView, InvitationView, MyPledgeView, PledgeListItem } from '../../miniprogram/domain/funds';
import {
  ACCOUNT_INCOMPLETE_MESSAGE,
  mayRevoke,
  reasonProblem,
  settingsPermissions,
  toSettingsScreen,
  toUpdateInput,
  editFormOf,
} from '../../miniprogram/packages/officer/pages/society-settings/view';
import {
  groupCode,
  invitableRoles,
  toInviteInput,
  emptyInviteForm,
} from '../../miniprogram/packages/officer/pages/invite/view';
import {
  CHANNEL_REQUIRED_MESSAGE,
  decodeCode,
  paymentLines,
  toInvitationScreen,
  toPledgeInput,
} from '../../miniprogram/pages/invite/view';
import { reliefSinceText, toPledgeRow } from '../../miniprogram/pages/my-pledges/view';
import { toPledgeScreen } from '../../miniprogram/pages/pledge/view';
import {
  mayConfirm,
  toConfirmInput,
  SLIP_REQUIRED_MESSAGE,
  DATE_FORMAT_MESSAGE,
} from '../../miniprogram/packages/officer/pages/pledges/view';
import {
  LEDGER_PAGE_ROLES,
  SOURCE_REQUIRED_MESSAGE,
  ledgerFrom,
  mayKeepBooks,
  mayReverse,
  toEntryInput,
  toEntryRows,
} from '../../miniprogram/packages/officer/pages/ledger/view';
import { rolesFor } from '../../miniprogram/packages/officer/utils/access';
import { entryLinks, HOME_ENTRIES, WORKBENCH_ENTRIES } from '../../miniprogram/domain/entries';

function settings(overrides: Partial<SocietySettingsView> = {}): SocietySettingsView {
  const raisedByChannel = { countySubsidy: 10_000_00, collectiveFund: 6_000_00, donation: 5_000_00 };
  return {
    id: 'soc-shiqiao',
    name: '石桥社区救急难互助社',
    form: 'registered',
    formLabel: '登记',
    status: 'preparing',
    statusLabel: '筹备中',
    registrationNumber: null,
    hasCharter: true,
    place: null,
    bankAccount: null,
    subAccountCode: null,
    checklist: activationChecklist({
      hasCharter: true,
      place: null,
      officers: { president: 1, secretary: 1, supervisor: 0 },
      raisedByChannel,
    }),
    raisedByChannel,
    ...overrides,
  };
}

const pledgeBase: MyPledgeView = {
  id: 'p-1',
  societyId: 'soc-wangjia',
  societyName: '王家村救急难互助社',
  donorName: '青石建材有限公司（孙伟）',
  anonymous: false,
  amountFen: 5_000_00,
  channel: 'bankToSociety',
  channelLabel: '银行转账至互助社账户',
  status: 'pledged',
  statusLabel: '已认捐，待到账',
  pledgedAt: '2026-11-21T02:05:00.000Z',
  payment: {
    channel: 'bankToSociety',
    channelLabel: '银行转账至互助社账户',
    account: {
      accountName: '王家村救急难互助社',
      bankName: '清溪农村商业银行王家支行',
      accountNumber: '6230 9999 0000 0001',
    },
    transferNote: null,
    text: '请转账至王家村救急难互助社（清溪农村商业银行王家支行），附言注明“捐赠”。',
  },
  receipt: null,
  cancelledAt: null,
  reliefSince: null,
};

describe('money typed on the forms', () => {
  it('R-FUND-3: 0, negative and over a million yuan are Chinese errors; yuan with two decimals become exact fen', () => {
    expect(checkAmount('0')).toEqual({ ok: false, problem: AMOUNT_ZERO_MESSAGE });
    expect(checkAmount('0.00')).toEqual({ ok: false, problem: AMOUNT_ZERO_MESSAGE });
    expect(checkAmount('-5')).toEqual({ ok: false, problem: AMOUNT_NEGATIVE_MESSAGE });
    expect(checkAmount('1000000.01')).toEqual({ ok: false, problem: AMOUNT_TOO_LARGE_MESSAGE });
    expect(checkAmount('99999999999999999')).toEqual({ ok: false, problem: AMOUNT_TOO_LARGE_MESSAGE });
    expect(checkAmount('12.345').ok).toBe(false);
    expect(checkAmount('abc').ok).toBe(false);
    expect(checkAmount('').ok).toBe(false);
    expect(checkAmount('0.29')).toEqual({ ok: true, fen: 29 });
    expect(checkAmount('1,000,000')).toEqual({ ok: true, fen: 1_000_000_00 });
  });
});

describe('society settings (R-ORG-1, R-ORG-2)', () => {
  it('R-ORG-2: a preparing society shows what is missing and how far from 30,000 yuan, per channel', () => {
    const screen = toSettingsScreen(settings());
    expect(screen.showChecklist).toBe(true);
    expect(screen.ready).toBe(false);
    expect(screen.checklist.filter((item) => !item.ok).map((item) => item.key)).toEqual([
      'place',
      'supervisor',
      'funds',
    ]);
    expect(screen.raisedText).toBe('已筹集 ¥21,000.00，目标 ¥30,000.00');
    expect(screen.shortfallText).toBe('还差 ¥9,000.00');
    expect(screen.progressPercent).toBe(70);
    expect(screen.channels.map((c) => `${c.label}${c.amountText}`)).toEqual([
      '县财政补助¥10,000.00',
      '村集体资金¥6,000.00',
      '社会捐赠¥5,000.00',
    ]);
  });

  it('R-ORG-1: registered societies show the registration number and own account; filed ones the federation sub-account', () => {
    const filed = toSettingsScreen(
      settings({ form: 'filed', formLabel: '备案', subAccountCode: 'QXLH-004', status: 'active' }),
    );
    expect(filed.registrationTitle).toBe('备案号');
    expect(filed.accountText).toBe('分账户代码 QXLH-004');
    expect(filed.showChecklist).toBe(false);
    const registered = toSettingsScreen(settings({ registrationNumber: '清民社登 2026-01' }));
    expect(registered.registrationText).toBe('清民社登 2026-01');
    expect(registered.accountText).toBe('尚未登记银行账户');
  });

  it('R-ORG-1: activation is the county for a registered society, the township for a filed one; the president edits', () => {
    expect(settingsPermissions(settings(), ['county']).canActivate).toBe(true);
    expect(settingsPermissions(settings(), ['township']).canActivate).toBe(false);
    expect(settingsPermissions(settings({ form: 'filed' }), ['township']).canActivate).toBe(true);
    expect(settingsPermissions(settings({ status: 'active' }), ['county'])).toMatchObject({
      canSuspend: true,
      canResume: false,
    });
    expect(settingsPermissions(settings(), ['president'])).toMatchObject({ canEdit: true, canActivate: false });
    expect(settingsPermissions(settings(), ['secretary'])).toMatchObject({ canEdit: false, canActivate: false });
  });

  it('a bank account is all three parts or none; filed societies send none', () => {
    const form = { ...editFormOf(settings()), accountName: '石桥社区救急难互助社' };
    expect(toUpdateInput(settings(), form)).toEqual({ ok: false, problem: ACCOUNT_INCOMPLETE_MESSAGE });
    const full = { ...form, bankName: '清溪农商行', accountNumber: '6230 9999 0000 0003', place: ' 石桥社区服务中心 ' };
    expect(toUpdateInput(settings(), full)).toEqual({
      ok: true,
      input: {
        societyId: 'soc-shiqiao',
        hasCharter: true,
        place: '石桥社区服务中心',
        bankAccount: {
          accountName: '石桥社区救急难互助社',
          bankName: '清溪农商行',
          accountNumber: '6230 9999 0000 0003',
        },
      },
    });
    const filed = toUpdateInput(settings({ form: 'filed' }), full);
    expect(filed.ok && 'bankAccount' in filed.input).toBe(false);
  });

  it('R-OVS-5: revoking needs a reason; the president may not revoke the president, anyone may resign', () => {
    expect(reasonProblem('  ')).toBe('请写明原因');
    const member = (role: MemberView['role'], userId = 'u-x'): MemberView => ({
      membershipId: `m-${role}`,
      userId,
      name: '某人',
      role,
      roleLabel: role,
      grantedAt: '2026-01-01T00:00:00.000Z',
      grantedByName: '王建国',
      revokedAt: null,
      revokedByName: null,
      revokeReason: null,
    });
    expect(mayRevoke(member('member'), ['president'], 'u-me')).toBe(true);
    expect(mayRevoke(member('president'), ['president'], 'u-me')).toBe(false);
    expect(mayRevoke(member('president'), ['county'], 'u-me')).toBe(true);
    expect(mayRevoke(member('secretary', 'u-me'), ['secretary'], 'u-me')).toBe(true);
    expect(mayRevoke(member('member'), ['secretary'], 'u-me')).toBe(false);
    expect(mayRevoke({ ...member('member'), revokedAt: '2026-02-01T00:00:00.000Z' }, ['county'], null)).toBe(false);
  });
});

describe('invitations (R-FUND-2)', () => {
  it('the secretary invites members, donors and volunteers (issue 13); the president also officers but not a president', () => {
    expect(invitableRoles(['secretary'], 'registered').map((r) => r.value)).toEqual(['donor', 'member', 'volunteer']);
    expect(invitableRoles(['president'], 'registered').map((r) => r.value)).toEqual([
      'donor',
      'member',
      'volunteer',
      'supervisor',
      'secretary',
    ]);
    expect(invitableRoles(['member'], 'registered')).toEqual([]);
    expect(invitableRoles(['federation'], 'filed').map((r) => r.value)).toEqual(['donor']);
  });

  it('the invitation form needs a role and a name; valid days 1 to 60', () => {
    expect(toInviteInput(emptyInviteForm()).ok).toBe(false);
    expect(toInviteInput({ ...emptyInviteForm('donor'), inviteeName: ' ' })).toEqual({
      ok: false,
      problem: '请填写被邀请人的姓名或单位名称',
    });
    expect(toInviteInput({ ...emptyInviteForm('donor'), inviteeName: '王志强', validDays: '61' }).ok).toBe(false);
    expect(toInviteInput({ ...emptyInviteForm('donor'), inviteeName: ' 王志强 ' })).toEqual({
      ok: true,
      input: { role: 'donor', inviteeName: '王志强', validDays: 14 },
    });
  });

  it('the code is shown in groups of four, and reads back however it was written', () => {
    expect(groupCode('ABCDEFGHJK')).toBe('ABCD EFGH JK');
    expect(decodeCode('WJHZ-2026-DONOR')).toBe('WJHZ-2026-DONOR');
    expect(decodeCode(encodeURIComponent('AB CD'))).toBe('AB CD');
  });

  const invitation: InvitationView = {
    id: 'inv-1',
    societyId: 'soc-wangjia',
    societyName: '王家村救急难互助社',
    role: 'donor',
    roleLabel: '捐赠人',
    inviteeName: '王志强（在外乡贤）',
    message: '感谢您支持王家村救急难互助社',
    invitedByName: '刘芳',
    expiresAt: '2027-11-26T01:00:00.000Z',
    status: 'open',
    pledgeChannels: [
      { channel: 'bankToSociety', label: '银行转账至互助社账户' },
      { channel: 'cash', label: '现金交秘书长（出纳）' },
    ],
    publicFundraising: null,
  };

  it('R-FUND-2: a revoked or expired invitation shows why and no form', () => {
    expect(toInvitationScreen(invitation).closedMessage).toBe('');
    expect(toInvitationScreen({ ...invitation, status: 'revoked' }).closedMessage).toBe('该邀请已被撤销，请联系互助社');
    expect(toInvitationScreen({ ...invitation, status: 'expired' }).closedMessage).toMatch(/已过期/);
  });

  it('R-FUND-2: the pledge needs a positive amount and one of the channels the invitation offers', () => {
    const screen = toInvitationScreen(invitation);
    const form = { amount: '1000', channel: 'bankToFederation' as const, anonymous: true, donorName: '', message: '' };
    expect(toPledgeInput(form, screen.channels)).toEqual({ ok: false, problem: CHANNEL_REQUIRED_MESSAGE });
    expect(toPledgeInput({ ...form, amount: '0' }, screen.channels)).toEqual({
      ok: false,
      problem: AMOUNT_ZERO_MESSAGE,
    });
    expect(toPledgeInput({ ...form, channel: 'cash' }, screen.channels)).toEqual({
      ok: true,
      input: { amountFen: 1000_00, channel: 'cash', anonymous: true },
    });
  });

  it('payment lines give the account and the federation transfer note', () => {
    expect(paymentLines(pledgeBase.payment)).toEqual([
      '捐赠方式：银行转账至互助社账户',
      '户名：王家村救急难互助社',
      '开户行：清溪农村商业银行王家支行',
      '账号：6230 9999 0000 0001',
    ]);
    expect(
      paymentLines({ ...pledgeBase.payment, channel: 'bankToFederation', transferNote: 'QXLH-002 柳塘村互助社捐赠' }),
    ).toContain('转账附言：QXLH-002 柳塘村互助社捐赠');
  });
});

describe('pledges of the donor', () => {
  const received: MyPledgeView = {
    ...pledgeBase,
    status: 'received',
    statusLabel: '已到账',
    receipt: {
      entryId: 'don-1',
      amountFen: 5_000_00,
      receivedAt: '2026-11-30T06:00:00.000Z',
      confirmedByName: '刘芳',
      societyName: '王家村救急难互助社',
      registrationNumber: '清民社登 2025-003',
      sourceRef: 'pledge:p-1',
    },
    reliefSince: {
      since: '2026-11-30T06:00:00.000Z',
      count: 2,
      fen: 1_500_00,
      byKind: [
        { key: 'supplementary', label: '补充救助', fen: 500_00, count: 1 },
        { key: 'emergency', label: '应急救助', fen: 1_000_00, count: 1 },
      ],
      recent: [{ date: '2026-12-01T02:00:00.000Z', party: '陈*山', kindLabel: '应急救助', amountFen: 1_000_00 }],
    },
  };

  it('R-FUND-2: the receipt once confirmed and what the relief has been since', () => {
    const row = toPledgeRow(received);
    expect(row.receiptText).toBe('2026年11月30日 14:00 到账 ¥5,000.00，回执编号 don-1');
    expect(row.reliefText).toBe('到账以来，本社已救助 2 人次，共 ¥1,500.00');
    expect(row.url).toBe('/pages/pledge/index?pledgeId=p-1');
    const screen = toPledgeScreen(received);
    expect(screen.canCancel).toBe(false);
    expect(screen.paymentLines).toEqual([]);
    expect(screen.receiptLines).toContain('回执编号（台账记账编号）：don-1');
    expect(screen.reliefRecent[0]?.text).toBe('12月1日 10:00 陈*山 应急救助 ¥1,000.00');
    expect(reliefSinceText({ ...received.reliefSince!, count: 0, fen: 0 })).toBe('到账以来，本社暂无新的救助支出');
  });

  it('an unconfirmed pledge shows how to pay and can be cancelled', () => {
    const screen = toPledgeScreen(pledgeBase);
    expect(screen.canCancel).toBe(true);
    expect(screen.paymentLines).toContain('账号：6230 9999 0000 0001');
    expect(toPledgeRow(pledgeBase).receiptText).toBe('');
  });
});

describe('receipt confirmation', () => {
  const item: PledgeListItem = { ...pledgeBase, invitedByName: '刘芳' };

  it('the secretary confirms; the federation only transfers into its account for a filed society', () => {
    expect(mayConfirm(item, ['secretary'], 'registered')).toBe(true);
    expect(mayConfirm(item, ['president'], 'registered')).toBe(false);
    expect(mayConfirm({ ...item, channel: 'bankToFederation' }, ['federation'], 'filed')).toBe(true);
    expect(mayConfirm({ ...item, channel: 'cash' }, ['federation'], 'filed')).toBe(false);
    expect(mayConfirm({ ...item, status: 'received' }, ['secretary'], 'registered')).toBe(false);
  });

  it('the confirmation needs the amount received and a slip number; the slip date is checked and kept with it', () => {
    const form = { amount: '5000.00', slip: '', date: '' };
    expect(toConfirmInput(form)).toEqual({ ok: false, problem: SLIP_REQUIRED_MESSAGE });
    expect(toConfirmInput({ ...form, amount: '-1', slip: 'x' })).toEqual({
      ok: false,
      problem: AMOUNT_NEGATIVE_MESSAGE,
    });
    expect(toConfirmInput({ ...form, amount: '4999.5', slip: ' 回单 1130-02 ' })).toEqual({
      ok: true,
      amountFen: 4999_50,
      slip: '回单 1130-02',
    });
    expect(toConfirmInput({ ...form, slip: '回单 1130-02', date: '2026-02-30' })).toEqual({
      ok: false,
      problem: DATE_FORMAT_MESSAGE,
    });
    expect(toConfirmInput({ ...form, slip: '回单 1130-02', date: '11月28日' }).ok).toBe(false);
    expect(toConfirmInput({ ...form, slip: '回单 1130-02', date: ' 2026-11-28 ' })).toEqual({
      ok: true,
      amountFen: 5000_00,
      slip: '回单 1130-02，到账日期 2026-11-28',
    });
  });
});

describe('ledger (R-FUND-3)', () => {
  const entry = (overrides: Partial<FundEntryView>): FundEntryView => ({
    id: 'e-1',
    seq: 1,
    type: 'countySubsidy',
    typeLabel: '县财政补助',
    amountFen: 10_000_00,
    balanceAfterFen: 10_000_00,
    recordedAt: '2026-03-02T02:00:00.000Z',
    recordedByName: '刘芳',
    party: '清溪县财政局',
    reliefKind: null,
    reliefKindLabel: '',
    memo: '',
    reverses: null,
    reversedBy: null,
    ...overrides,
  });

  it('R-FUND-3: a reversal, a reversed entry and a relief payout offer no 冲正 button', () => {
    expect(mayReverse(entry({}))).toBe(true);
    expect(mayReverse(entry({ type: 'reversal', reverses: 'e-0' }))).toBe(false);
    expect(mayReverse(entry({ reversedBy: 'e-9' }))).toBe(false);
    expect(mayReverse(entry({ type: 'reliefPayout', amountFen: -300_00 }))).toBe(false);
  });

  it('R-FUND-3: rows name what a reversal reverses, and money out is negative', () => {
    const rows = toEntryRows(
      [
        entry({
          id: 'e-6',
          seq: 6,
          type: 'reversal',
          typeLabel: '冲正（社会捐赠）',
          amountFen: -20_000_00,
          reverses: 'e-5',
        }),
        entry({ id: 'e-5', seq: 5, type: 'donation', typeLabel: '社会捐赠', amountFen: 20_000_00, reversedBy: 'e-6' }),
      ],
      true,
    );
    expect(rows.map((row) => row.note)).toEqual(['冲正第 5 笔', '已被冲正（第 6 笔）']);
    expect(rows[0]?.amountText).toBe('-¥20,000.00');
    expect(rows[1]?.amountText).toBe('+¥20,000.00');
    expect(rows.every((row) => !row.canReverse)).toBe(true);
    expect(toEntryRows([entry({})], false)[0]?.canReverse).toBe(false);
  });

  it('R-FUND-3: recording needs a type, a positive amount up to a million and a source reference', () => {
    const form = { type: 'bankInterest' as const, amount: '12.34', sourceRef: '', payerName: '', memo: '' };
    expect(toEntryInput({ ...form, type: '' }).ok).toBe(false);
    expect(toEntryInput({ ...form, sourceRef: 'x', amount: '0' })).toEqual({ ok: false, problem: AMOUNT_ZERO_MESSAGE });
    expect(toEntryInput({ ...form, sourceRef: 'x', amount: '2000000' })).toEqual({
      ok: false,
      problem: AMOUNT_TOO_LARGE_MESSAGE,
    });
    expect(toEntryInput(form)).toEqual({ ok: false, problem: SOURCE_REQUIRED_MESSAGE });
    expect(toEntryInput({ ...form, sourceRef: ' 回单 1130 ' })).toEqual({
      ok: true,
      input: { type: 'bankInterest', amountFen: 12_34, sourceRef: '回单 1130' },
    });
  });

  it('R-FUND-3: members do not open the ledger page; the secretary (and the federation for filed) keep the books', () => {
    expect(LEDGER_PAGE_ROLES).not.toContain('member');
    expect(mayKeepBooks(['president'], 'registered')).toBe(false);
    expect(mayKeepBooks(['secretary'], 'registered')).toBe(true);
    expect(mayKeepBooks(['federation'], 'filed')).toBe(true);
    expect(mayKeepBooks(['federation'], 'registered')).toBe(false);
    expect(ledgerFrom('2026-11')).toBe('2017-01');
  });

  it('roles for a society: its own grants and the area roles, not another society’s', () => {
    const me = {
      openid: 'x',
      userId: 'u-x',
      name: 'x',
      roles: [
        { role: 'member' as const, roleLabel: '会员', societyId: 'soc-a', scopeName: 'A' },
        { role: 'secretary' as const, roleLabel: '秘书长', societyId: 'soc-b', scopeName: 'B' },
        { role: 'county' as const, roleLabel: '县民政局', societyId: null, scopeName: '清溪县' },
      ],
      activities: [],
    };
    expect(rolesFor(me, 'soc-a')).toEqual(['member', 'county']);
  });
});

describe('entries', () => {
  it('a donor finds 我的认捐 on home; officers find the four funds pages on the workbench for their society', () => {
    expect(entryLinks(HOME_ENTRIES, ['donor'], 'soc-wangjia').filter((link) => link.key === 'myPledges')).toEqual([
      {
        key: 'myPledges',
        title: '我的认捐',
        description: '认捐记录与捐赠回执',
        url: '/pages/my-pledges/index',
        forSociety: false,
      },
    ]);
    const urls = entryLinks(WORKBENCH_ENTRIES, ['secretary'], 'soc-wangjia').map((link) => link.url);
    expect(urls).toEqual(
      expect.arrayContaining([
        '/packages/officer/pages/society-settings/index?societyId=soc-wangjia',
        '/packages/officer/pages/invite/index?societyId=soc-wangjia',
        '/packages/officer/pages/pledges/index?societyId=soc-wangjia',
        '/packages/officer/pages/ledger/index?societyId=soc-wangjia',
      ]),
    );
    expect(entryLinks(WORKBENCH_ENTRIES, ['member'], 'soc-wangjia').map((link) => link.key)).not.toContain('ledger');
  });
});
