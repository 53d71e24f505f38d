/**
 * The pure functions of the fund report, general meeting, monthly report, county dashboard and
 * federation pages (R-OVS-4, R-PROC-8, R-ORG-1/2): no rendering.
 */
import type { FundReportView, MeetingView, MonthlyReportView, Reconciliation } from '../../miniprogram/domain/funds';
import type {
  CountyDashboardView,
  DashboardTownship,
  FederationOverviewView,
  TownshipVillagesPage,
} from '../../miniprogram/domain/registry';
import type { MeView } from '../../miniprogram/domain/society';
import {
  PERIOD_ORDER_MESSAGE,
  entriesCountText,
  periodProblem,
  toEntryRow,
  toFundReportScreen,
} from '../../miniprogram/pages/fund-report/view';
import {
  MISSING_PLACE_MESSAGE,
  MISSING_TIME_MESSAGE,
  noticeText,
  rolesIn,
  scheduleProblems,
  startsAtOf,
  toMeetingsScreen,
} from '../../miniprogram/pages/meetings/view';
import { toMeetingScreen } from '../../miniprogram/pages/meeting/view';
import {
  MISSING_NOTE_MESSAGE,
  correctionProblem,
  generatedText,
  lastMonth,
  toOfficerReportsScreen,
} from '../../miniprogram/packages/officer/pages/monthly-reports/view';
import { toReceivedReportsScreen } from '../../miniprogram/packages/oversight/pages/monthly-reports/view';
import {
  toCountyDashboardScreen,
  withVillagesPage,
} from '../../miniprogram/packages/oversight/pages/county-dashboard/view';
import {
  accountProblems,
  fundraisingProblems,
  toFederationScreen,
  subAccountCodeProblems,
  subAccountConfirmation,
} from '../../miniprogram/packages/oversight/pages/federation/view';
import { reconciliationText, toReportCard } from '../../miniprogram/utils/fund-format';

const reconciled: Reconciliation = {
  ok: true,
  openingFen: 35_700_00,
  closingFen: 34_200_00,
  entryCount: 2,
  ledgerOpeningFen: 35_700_00,
  ledgerClosingFen: 34_200_00,
  ledgerEntryCount: 2,
  balanceMatches: true,
  problems: [],
};

const statement = {
  societyId: 'soc-wangjia',
  societyName: '王家村救急难互助社',
  from: '2026-07',
  to: '2026-11',
  periodLabel: '2026年7月至11月',
  openingFen: 35_700_00,
  closingFen: 34_200_00,
  inFen: 0,
  outFen: 1_500_00,
  inByChannel: [
    { key: 'countySubsidy' as const, label: '县财政补助', fen: 0, count: 0 },
    { key: 'collectiveFund' as const, label: '村集体资金', fen: 0, count: 0 },
    { key: 'donation' as const, label: '社会捐赠', fen: 0, count: 0 },
    { key: 'bankInterest' as const, label: '银行利息', fen: 0, count: 0 },
  ],
  outByRelief: [
    { key: 'supplementary' as const, label: '补充救助', fen: 500_00, count: 1 },
    { key: 'emergency' as const, label: '应急救助', fen: 1_000_05, count: 1 },
  ],
  reliefCount: 2,
  reliefFen: 1_500_05,
  reversalCount: 0,
  entryCount: 2,
  reconciliation: reconciled,
};

const report: FundReportView = {
  ...statement,
  currentBalanceFen: 34_200_01,
  raisedFen: 36_000_00,
  generatedAt: '2026-11-30T06:00:00.000Z',
  account: {
    text: '王家村救急难互助社，清溪农村商业银行王家支行，尾号0088',
    changedText: '社长王建国于2026年11月2日 10:00填写',
  },
};

describe('fund report (R-OVS-4)', () => {
  it('R-FUND-2: members see where the money is kept and who set the account', () => {
    const screen = toFundReportScreen(report);
    expect(screen.accountText).toBe('收款账户：王家村救急难互助社，清溪农村商业银行王家支行，尾号0088');
    expect(screen.accountChangedText).toBe('社长王建国于2026年11月2日 10:00填写');
    expect(toFundReportScreen({ ...report, account: null })).toMatchObject({ accountText: '', accountChangedText: '' });
  });

  it('R-OVS-4: yuan with two decimals, relief in 人次, and the reconciliation line', () => {
    const screen = toFundReportScreen(report);
    expect(screen.balanceText).toBe('¥34,200.01');
    expect(screen.outRows.map((row) => [row.label, row.amountText, row.countText])).toEqual([
      ['补充救助', '¥500.00', '1 人次'],
      ['应急救助', '¥1,000.05', '1 人次'],
    ]);
    expect(screen.inRows[0]).toMatchObject({ label: '县财政补助', amountText: '¥0.00', countText: '0 笔' });
    expect(screen.reliefText).toBe('本期救助 2 人次，共 ¥1,500.05');
    expect(screen.reconciliationText).toBe('与台账逐笔核对一致：期初 ¥35,700.00，期末 ¥34,200.00，共 2 笔');
    expect(screen.generatedText).toBe('数据截至 2026年11月30日 14:00');
  });

  it('R-FUND-3: a statement that does not agree with the ledger says so, with the problems', () => {
    expect(reconciliationText({ ...reconciled, ok: false, problems: ['余额不符'] })).toBe(
      '与台账核对不一致，请联系秘书长和村监督委员会：余额不符',
    );
  });

  it('entries: signed amounts, masked party kept as given, reversals noted', () => {
    const row = toEntryRow({
      id: 'e-1',
      seq: 9,
      type: 'reliefPayout',
      typeLabel: '救助支出',
      amountFen: -500_00,
      balanceAfterFen: 35_200_00,
      recordedAt: '2026-08-06T02:20:00.000Z',
      recordedByName: '刘芳',
      party: '张*强',
      reliefKind: 'supplementary',
      reliefKindLabel: '补充救助',
      memo: '',
      reverses: null,
      reversedBy: 'e-2',
    });
    expect(row).toMatchObject({
      title: '救助支出 · 补充救助',
      party: '张*强',
      amountText: '-¥500.00',
      incoming: false,
      balanceText: '余额 ¥35,200.00',
      note: '此笔已冲正',
      dateText: '2026年8月6日 10:20',
    });
    expect(entriesCountText(20, 35)).toBe('已显示 20 笔，共 35 笔');
  });

  it('a period that ends before it starts is refused before asking', () => {
    expect(periodProblem('2026-09', '2026-07')).toBe(PERIOD_ORDER_MESSAGE);
    expect(periodProblem('2026-07', '2026-07')).toBe('');
    expect(periodProblem('2026-7', '2026-09')).not.toBe('');
  });
});

const meeting: MeetingView = {
  id: 'seed-meeting-wj-2026h2',
  societyId: 'soc-wangjia',
  title: '王家村救急难互助社2026年下半年会员大会',
  half: '2026-H2',
  halfLabel: '2026年下半年',
  startsAt: '2026-12-20T01:00:00.000Z',
  place: '王家村村民委员会二楼会议室',
  agenda: '一、资金报告\n\n二、救助情况',
  status: 'scheduled',
  scheduledByName: '王建国',
  scheduledAt: '2026-11-25T02:00:00.000Z',
  daysUntil: 20,
  started: false,
  pack: null,
  files: [],
};

const president: MeView = {
  openid: 'demo-president',
  userId: 'u-1',
  name: '王建国',
  roles: [{ role: 'president', roleLabel: '社长', societyId: 'soc-wangjia', scopeName: '王家村救急难互助社' }],
  activities: [],
};

describe('general meetings (R-OVS-4)', () => {
  it('R-OVS-4: the next meeting with its date, place and notice; only the president schedules', () => {
    const screen = toMeetingsScreen({ items: [meeting], next: meeting }, rolesIn(president, 'soc-wangjia'));
    expect(screen.next).toMatchObject({
      dateText: '2026年12月20日 09:00',
      place: '王家村村民委员会二楼会议室',
      noticeText: '还有 20 天召开',
      agendaLines: ['一、资金报告', '二、救助情况'],
    });
    expect(screen.canSchedule).toBe(true);
    expect(toMeetingsScreen({ items: [], next: null }, ['member']).canSchedule).toBe(false);
    expect(rolesIn(president, 'soc-liutang')).toEqual([]);
    expect(noticeText({ ...meeting, daysUntil: 0, started: true })).toBe('已召开');
    expect(noticeText({ ...meeting, daysUntil: 0 })).toBe('今天召开');
  });

  it('the scheduling form: Beijing time with its offset; time and place required', () => {
    expect(startsAtOf('2026-12-20 09:00')).toBe('2026-12-20T09:00:00+08:00');
    expect(startsAtOf('')).toBeNull();
    expect(scheduleProblems({ time: '', place: ' ', agenda: '' })).toEqual([
      MISSING_TIME_MESSAGE,
      MISSING_PLACE_MESSAGE,
    ]);
    expect(scheduleProblems({ time: '2026-12-20 09:00', place: '村委会', agenda: '' })).toEqual([]);
  });

  it('R-OVS-4: officer controls follow the meeting: publish before a pack, minutes after it starts, cancel before', () => {
    const src = (id: string) => `src:${id}`;
    const upcoming = toMeetingScreen(meeting, ['president'], src);
    expect(upcoming).toMatchObject({ canPublish: true, canAttach: false, canCancel: true, statusLabel: '即将召开' });
    const asMember = toMeetingScreen(meeting, ['member'], src);
    expect(asMember).toMatchObject({ canPublish: false, canAttach: false, canCancel: false });
    const held = toMeetingScreen(
      {
        ...meeting,
        daysUntil: -1,
        started: true,
        files: [
          {
            fileId: 'local:meetings/a.jpg',
            kind: 'minutes',
            kindLabel: '会议纪要',
            title: '纪要',
            attachedAt: meeting.startsAt,
          },
        ],
      },
      ['secretary'],
      src,
    );
    expect(held).toMatchObject({ canAttach: true, canCancel: false, statusLabel: '已召开' });
    expect(held.files[0]).toMatchObject({ src: 'src:local:meetings/a.jpg', label: '会议纪要：纪要' });
    const withPack = toMeetingScreen(
      {
        ...meeting,
        pack: {
          publishedAt: '2026-11-30T06:00:00.000Z',
          publishedByName: '王建国',
          cutoffMonth: '2026-10',
          statement,
          cases: null,
        },
      },
      ['president'],
      src,
    );
    expect(withPack.canPublish).toBe(false);
    expect(withPack.pack).toMatchObject({
      cutoffText: '材料截至2026年10月底，发布后不再改变',
      reliefText: '救助 2 人次，共 ¥1,500.05',
    });
  });
});

const monthly: MonthlyReportView = {
  id: 'soc-wangjia:2026-08:v2',
  societyId: 'soc-wangjia',
  societyName: '王家村救急难互助社',
  townshipName: '青石镇',
  month: '2026-08',
  monthLabel: '2026年8月',
  version: 2,
  latest: true,
  trigger: 'correction',
  correctionNote: '补记银行利息',
  generatedAt: '2026-11-30T06:00:00.000Z',
  generatedByName: '刘芳',
  sentTo: ['青石镇', '县慈善协会互助社联合会'],
  cases: {
    received: 1,
    accepted: 1,
    paid: 1,
    paidFenByType: { supplementary: 500_00, emergency: 0 },
    deadlinesMet: 2,
    deadlinesMissed: 0,
  },
  ledger: {
    openingFen: 35_700_00,
    inFen: 0,
    outFen: 500_00,
    closingFen: 35_200_00,
    inByChannel: statement.inByChannel,
    outByRelief: statement.outByRelief,
    reconciled: true,
  },
};

describe('monthly reports (R-PROC-8)', () => {
  it('R-PROC-8: a report card: version, who sent it to whom, ledger and cases', () => {
    const card = toReportCard(monthly);
    expect(card).toMatchObject({
      title: '2026年8月月报',
      versionText: '第2版（更正）',
      correctionNote: '更正说明：补记银行利息',
      sentText: '2026年11月30日 14:00 刘芳 更正，已报送青石镇、县慈善协会互助社联合会',
      reconciledText: '与台账逐笔核对一致',
      detailUrl: '/packages/oversight/pages/monthly-report/index?reportId=soc-wangjia%3A2026-08%3Av2',
    });
    expect(card.ledger.map((line) => `${line.label} ${line.value}`)).toEqual([
      '月初余额 ¥35,700.00',
      '本月收入 ¥0.00',
      '本月支出 ¥500.00',
      '月末余额 ¥35,200.00',
    ]);
    expect(toReportCard({ ...monthly, version: 1, latest: false }).versionText).toBe('第1版，已被更正');
  });

  it('R-PROC-8: only the latest version can be corrected, and only by the secretary or president', () => {
    const old = { ...monthly, id: 'soc-wangjia:2026-08:v1', version: 1, latest: false };
    const screen = toOfficerReportsScreen([monthly, old], ['secretary']);
    expect(screen.rows.map((row) => row.canCorrect)).toEqual([true, false]);
    expect(toOfficerReportsScreen([monthly], ['supervisor']).rows[0]?.canCorrect).toBe(false);
    expect(correctionProblem('  ')).toBe(MISSING_NOTE_MESSAGE);
    expect(correctionProblem('补记利息')).toBe('');
    expect(generatedText({ ...monthly, created: false })).toBe('2026年8月月报已报送过，如有错误请更正');
    expect(lastMonth(new Date('2026-11-30T16:30:00.000Z'))).toBe('2026-11'); // 00:30 on 1 Dec in Beijing
  });

  it('received reports grouped by month', () => {
    const screen = toReceivedReportsScreen([
      monthly,
      { ...monthly, id: 'x', societyId: 'soc-liutang', societyName: '柳塘村救急难互助社' },
    ]);
    expect(screen.summary).toBe('共 2 份月报，来自 2 个互助社');
    expect(screen.months).toHaveLength(1);
    expect(screen.months[0]?.rows[0]?.figuresText).toBe('收入 ¥0.00，支出 ¥500.00，月末余额 ¥35,200.00');
  });
});

describe('federation sub-account form (R-ORG-1)', () => {
  it('checks the code as the cloud does, in Chinese, and asks nothing for an unchanged code', () => {
    expect(subAccountCodeProblems('  ', '')).toEqual(['请填写分账户代码']);
    expect(subAccountCodeProblems('东岭 1号', '')).toEqual([
      '分账户代码须为 2 到 30 位字母、数字或短横线，例如 QXLH-005',
    ]);
    expect(subAccountCodeProblems('QXLH-002', 'QXLH-002')).toEqual(['代码没有改变']);
    expect(subAccountCodeProblems(' QXLH-005 ', '')).toEqual([]);
  });

  it('the confirmation says what is opened or changed, and what donors must write', () => {
    expect(subAccountConfirmation('东岭村救急难互助社', '', ' QXLH-005 ')).toEqual({
      title: '开设分账户',
      content: '为东岭村救急难互助社开设分账户 QXLH-005？捐赠人转账到联合会账户时，须在附言中写明这个代码。',
      confirmText: '确认开设',
    });
    const change = subAccountConfirmation('柳塘村救急难互助社', 'QXLH-002', 'QXLH-012');
    expect(change.title).toBe('调整分账户代码');
    expect(change.content).toContain('由 QXLH-002 改为 QXLH-012');
    expect(change.content).toContain('请通知已告知旧代码的捐赠人');
  });
});

describe('county dashboard and federation (R-ORG-1, R-ORG-2)', () => {
  const hekou: DashboardTownship = {
    townshipId: 'area-hekou',
    townshipName: '河口乡',
    villages: 2,
    none: 1,
    preparing: 1,
    active: 0,
    suspended: 0,
    registered: 1,
    filed: 0,
  };
  const dashboard: CountyDashboardView = {
    countyId: 'area-qingxi',
    countyName: '清溪县',
    summary: { villages: 2, none: 1, preparing: 1, active: 0, suspended: 0, registered: 1, filed: 0 },
    townships: [hekou],
    ownTownshipId: null,
    workCalendar: { complete: true, years: [] },
  };
  const page: TownshipVillagesPage = {
    townshipId: 'area-hekou',
    townshipName: '河口乡',
    nextOffset: null,
    villages: [
      {
        villageId: 'area-dongling',
        villageName: '东岭村',
        townshipId: 'area-hekou',
        townshipName: '河口乡',
        state: 'none',
        stateLabel: '尚未成立互助社',
        society: null,
      },
      {
        villageId: 'area-shiqiao',
        villageName: '石桥社区',
        townshipId: 'area-hekou',
        townshipName: '河口乡',
        state: 'preparing',
        stateLabel: '筹备中（登记）',
        society: {
          id: 'soc-shiqiao',
          name: '石桥社区救急难互助社',
          form: 'registered',
          formLabel: '登记',
          registrationNumber: null,
          balanceFen: 21_000_00,
          raisedByChannel: { countySubsidy: 10_000_00, collectiveFund: 6_000_00, donation: 5_000_00 },
          checklist: {
            ready: false,
            items: [
              { key: 'charter', label: '章程', ok: true, detail: '已制定' },
              { key: 'funds', label: '启动资金', ok: false, detail: '还差 9,000 元' },
            ],
            raisedFen: 21_000_00,
            targetFen: 30_000_00,
            shortfallFen: 9_000_00,
          },
        },
      },
    ],
  };

  it('R-ORG-2: a preparing society shows how far from 30,000 yuan and from which channels; a village without one says so', () => {
    const screen = toCountyDashboardScreen(dashboard);
    expect(screen.townships).toEqual([
      {
        townshipId: 'area-hekou',
        townshipName: '河口乡',
        countText: '2 个村，已成立 1 个，尚未成立 1 个',
        stateText: '筹备中 1 · 登记 1',
      },
    ]);
    const township = withVillagesPage(null, hekou, page, 0);
    expect(township).toMatchObject({ countText: '2 个村，已成立 1 个，尚未成立 1 个', endText: '已显示全部 2 个村' });
    const [dongling, shiqiao] = township.villages;
    expect(dongling).toMatchObject({ stateLabel: '尚未成立互助社', stateTheme: 'danger', societyName: '' });
    expect(shiqiao).toMatchObject({
      showProgress: true,
      progressPercent: 70,
      progressRemainder: '还差 ¥9,000.00 达到启动资金',
      channelsText: '县财政补助 ¥10,000.00 · 村集体资金 ¥6,000.00 · 社会捐赠 ¥5,000.00',
      registrationText: '尚未登记',
      missingText: '还差 9,000 元',
    });
    expect(screen.summaryLines[0]).toBe('全县 2 个村（社区）：尚未成立 1 个，筹备中 1 个，运行中 0 个');
  });

  it('R-ORG-1: the federation total is checked against the sum of its sub-accounts', () => {
    const overview: FederationOverviewView = {
      countyId: 'area-qingxi',
      account: null,
      subAccounts: [
        {
          societyId: 'a',
          societyName: '甲',
          villageName: '甲村',
          townshipName: '乙镇',
          subAccountCode: 'QX-1',
          status: 'active',
          statusLabel: '运行中',
          balanceFen: 100_01,
          raisedFen: 100_01,
        },
        {
          societyId: 'b',
          societyName: '乙',
          villageName: '乙村',
          townshipName: '乙镇',
          subAccountCode: null,
          status: 'preparing',
          statusLabel: '筹备中',
          balanceFen: 200_00,
          raisedFen: 200_00,
        },
      ],
      totalFen: 300_01,
    };
    const settings = { countyId: 'area-qingxi', federationAccount: null, publicFundraising: null, updatedAt: null };
    const screen = toFederationScreen(overview, settings, ['federation']);
    expect(screen).toMatchObject({
      totalText: '¥300.01',
      sumMatches: true,
      sumText: '2 个分账户之和 ¥300.01，与合计一致',
      canEditAccount: true,
      canEditPublicFundraising: false,
    });
    expect(screen.rows[1]?.codeText).toBe('尚未开设分账户');
    // R-ORG-1: the federation opens the missing one and adjusts an existing code; the county bureau reads.
    expect(screen.canEditSubAccounts).toBe(true);
    expect(screen.rows.map((row) => [row.code, row.actionLabel])).toEqual([
      ['QX-1', '调整分账户代码'],
      ['', '开设分账户'],
    ]);
    const county = toFederationScreen(overview, settings, ['county']);
    expect(county.canEditSubAccounts).toBe(false);
    expect(county.rows.map((row) => row.actionLabel)).toEqual(['', '']);
    expect(toFederationScreen({ ...overview, totalFen: 300_00 }, settings, ['county']).sumMatches).toBe(false);
    expect(accountProblems({ accountName: '清溪县慈善协会', bankName: '农商行', accountNumber: '6230 12' })).toEqual([
      '账号须为 8 到 40 位数字（可含空格）',
    ]);
    expect(
      fundraisingProblems({
        qualificationHolder: '县慈善协会',
        platformName: '平台',
        projectName: '项目',
        url: 'http://x',
      }),
    ).toEqual(['项目链接须为 https 开头的网址']);
  });
});
