/**
 * The pure functions that shape the oversight screens — the supervision committee's view of its
 * society (R-OVS-2), a case's 四公布 sheet (R-OVS-3), the audit trail (R-OVS-5) and the township
 * overview — with no rendering.
 */
import type { TimelineEntry } from '../../miniprogram/domain/case';
import type { FundEntryView } from '../../miniprogram/domain/funds';
import type { ObjectionView } from '../../miniprogram/domain/notices';
import type { MeView } from '../../miniprogram/domain/society';
import type {
  AuditEventView,
  AuditScopeItem,
  AuditVerification,
  CaseFlagView,
  FourPublicSheet,
  SupervisedCaseItem,
  SupervisionOverview,
  TownshipOverview,
} from '../../miniprogram/domain/oversight';
import { entryLinks, OVERSIGHT_ENTRIES } from '../../miniprogram/domain/entries';
import {
  appendPage,
  canFlagFor,
  isSupervisionTab,
  signedYuan,
  toCaseCard,
  toFlagRow,
  toLedgerRow,
  toObjectionRow,
  toSupervisionHeader,
} from '../../miniprogram/packages/oversight/pages/supervision/view';
import {
  EMPTY_FLAG_MESSAGE,
  FLAG_TOO_LONG_MESSAGE,
  flagProblems,
  remainingText,
  toCaseSheetScreen,
} from '../../miniprogram/packages/oversight/pages/case-sheet/view';
import {
  pickScope,
  targetText,
  toAuditRow,
  toScopeChoices,
  toVerifyResult,
} from '../../miniprogram/packages/oversight/pages/audit/view';
import {
  EMPTY_NOTE_MESSAGE,
  noteProblems,
  supervisionUrl,
  toTownshipScreen,
} from '../../miniprogram/packages/oversight/pages/township/view';

const step = (
  seq: number,
  label: string,
  at: string,
  actorRoleLabel = '秘书长',
  actorName = '刘芳',
): TimelineEntry => ({
  seq,
  type: 'accept',
  label,
  at,
  actorName,
  actorRoleLabel,
  summary: `${label}摘要`,
});

const fireCase: SupervisedCaseItem = {
  id: 'demo-case-03',
  caseNo: '2026-003',
  name: '陈大山',
  maskedName: '陈*山',
  maskedIdNumber: '999***********0179',
  state: 'paid',
  stateLabel: '已发放',
  causeLabel: '意外事故',
  reliefTypeLabel: '应急救助',
  amountFen: 1_000_00,
  createdAt: '2026-11-23T00:30:00.000Z',
  paidAt: '2026-11-24T06:00:00.000Z',
  overdue: true,
  noticeState: 'live',
  noticeStateLabel: '公示中',
  openObjections: 1,
  flagged: true,
  steps: [
    step(2, '入户核查', '2026-11-23T02:30:00.000Z'),
    step(1, '主动发现并立案', '2026-11-23T00:30:00.000Z'),
    step(3, '批准', '2026-11-23T08:00:00.000Z', '社长', '王建国'),
  ],
};

const flag: CaseFlagView = {
  id: 'flag-1',
  societyId: 'soc-wangjia',
  societyName: '王家村救急难互助社',
  caseId: 'demo-case-03',
  caseNo: '2026-003',
  maskedName: '陈*山',
  comment: '请乡镇复核档次',
  byName: '赵德明',
  at: '2026-11-30T06:00:00.000Z',
  status: 'open',
  statusLabel: '待乡镇处理',
  resolution: null,
};

describe('supervision view (R-OVS-2)', () => {
  it('R-OVS-2: a case card carries every step oldest first, with who, role and Beijing time, and its warnings', () => {
    const card = toCaseCard(fireCase);
    expect(card.title).toBe('陈大山（999***********0179）');
    expect(card.amountText).toBe('¥1,000.00');
    expect(card.causeLine).toBe('意外事故 · 应急救助');
    expect(card.dateLine).toBe('立案 2026年11月23日 08:30，发放 2026年11月24日 14:00');
    expect(card.noticeStateLabel).toBe('公示：公示中');
    expect(card.alerts).toEqual(['办理期限已超时', '待答复异议 1 条', '已提请乡镇关注']);
    expect(card.steps.map((row) => row.label)).toEqual(['主动发现并立案', '入户核查', '批准']);
    expect(card.steps[2]).toEqual({
      key: '3',
      label: '批准',
      timeText: '2026年11月23日 16:00',
      who: '社长 王建国',
      summary: '批准摘要',
    });
    expect(card.sheetUrl).toBe('/packages/oversight/pages/case-sheet/index?caseId=demo-case-03');
  });

  it('a case without a decision says the amount is pending and has no warnings', () => {
    const card = toCaseCard({
      ...fireCase,
      amountFen: null,
      reliefTypeLabel: null,
      paidAt: null,
      overdue: false,
      openObjections: 0,
      flagged: false,
    });
    expect(card.amountText).toBe('金额待定');
    expect(card.causeLine).toBe('意外事故 · 救助类别待定');
    expect(card.dateLine).toBe('立案 2026年11月23日 08:30');
    expect(card.alerts).toEqual([]);
  });

  it('ledger rows are signed yuan with the balance after, the masked party and the reversal links', () => {
    const payout: FundEntryView = {
      id: 'seed-wj-10',
      seq: 10,
      type: 'reliefPayout',
      typeLabel: '救助支出',
      amountFen: -1_000_00,
      balanceAfterFen: 34_200_00,
      recordedAt: '2026-11-24T06:00:00.000Z',
      recordedByName: '刘芳',
      party: '陈*山',
      reliefKind: 'emergency',
      reliefKindLabel: '应急救助',
      memo: '',
      reverses: null,
      reversedBy: null,
    };
    expect(toLedgerRow(payout)).toEqual({
      id: 'seed-wj-10',
      typeLabel: '救助支出',
      amountText: '-¥1,000.00',
      outflow: true,
      balanceText: '余额 ¥34,200.00',
      timeText: '2026年11月24日 14:00',
      party: '陈*山',
      detail: '应急救助',
      who: '记账：刘芳',
      reversalNote: '',
    });
    expect(toLedgerRow({ ...payout, amountFen: 2_000_00, reversedBy: 'seed-wj-06' })).toMatchObject({
      amountText: '+¥2,000.00',
      outflow: false,
      reversalNote: '已被冲正（seed-wj-06）',
    });
    expect(toLedgerRow({ ...payout, reverses: 'seed-wj-05' }).reversalNote).toBe('冲正记录 seed-wj-05');
    expect(signedYuan(0)).toBe('¥0.00');
  });

  it('an objection shows its answer, or when it is due', () => {
    const open: ObjectionView = {
      id: 'obj-1',
      noticeId: 'notice-demo-case-03',
      noticeTitle: '王家村第三村民小组 陈*山 应急救助 1000元',
      text: '卧室还能住',
      contact: '村东头',
      raisedAt: '2026-11-30T01:10:00.000Z',
      dueAt: '2026-12-07T01:10:00.000Z',
      dueText: '12月7日 09:10 前答复',
      dueNote: null,
      overdue: false,
      status: 'open',
      statusLabel: '待答复',
      answer: null,
    };
    expect(toObjectionRow(open)).toMatchObject({
      contactText: '联系方式：村东头',
      raisedText: '提出于 2026年11月30日 09:10',
      dueText: '12月7日 09:10 前答复',
      answer: null,
    });
    const answered = toObjectionRow({
      ...open,
      contact: null,
      status: 'answered',
      answer: {
        text: '已复核',
        outcome: 'notUpheld',
        outcomeLabel: '异议不成立，已说明情况',
        byName: '刘芳',
        at: '2026-12-08T02:00:00.000Z',
        late: true,
      },
    });
    expect(answered.contactText).toBe('');
    expect(answered.answer).toEqual({
      text: '已复核',
      line: '异议不成立，已说明情况 · 刘芳 · 2026年12月8日 10:00（超时答复）',
      late: true,
    });
  });

  it('the header counts flag what needs attention', () => {
    const overview: SupervisionOverview = {
      society: { id: 'soc-wangjia', name: '王家村救急难互助社', villageName: '王家村', statusLabel: '运行中' },
      cases: { total: 4, open: 2, paid: 3, overdue: 1 },
      notices: { live: 1, archived: 2, unpublished: 0, notPostedOnPaper: 1 },
      objections: { total: 1, open: 1, overdue: 0 },
      flags: { total: 0, open: 0 },
      fund: { balanceFen: 34_200_00, entryCount: 10 },
      audit: { count: 35, lastAt: null },
      generatedAt: '2026-11-30T06:00:00.000Z',
    };
    const header = toSupervisionHeader(overview);
    const byKey = Object.fromEntries(header.counts.map((cell) => [cell.key, cell]));
    expect(byKey.cases).toMatchObject({ value: '4', alert: false });
    expect(byKey.overdueCases).toMatchObject({ value: '1', alert: true });
    expect(byKey.overdueObjections).toMatchObject({ value: '0', alert: false });
    expect(byKey.balance?.value).toBe('¥34,200.00');
    expect(byKey.audit?.value).toBe('35 条');
  });

  it('only the society’s own supervision committee may flag its cases', () => {
    const me = (role: 'supervisor' | 'secretary', societyId: string): MeView => ({
      openid: 'x',
      userId: 'u',
      name: '赵德明',
      roles: [{ role, roleLabel: '', societyId, scopeName: '' }],
      activities: [],
    });
    expect(canFlagFor(me('supervisor', 'soc-wangjia'), 'soc-wangjia')).toBe(true);
    expect(canFlagFor(me('supervisor', 'soc-liutang'), 'soc-wangjia')).toBe(false);
    expect(canFlagFor(me('secretary', 'soc-wangjia'), 'soc-wangjia')).toBe(false);
  });

  it('pages append until the total is shown', () => {
    const first = appendPage([], { items: [1, 2], total: 3 }, '笔');
    expect(first).toEqual({ items: [1, 2], total: 3, hasMore: true, summary: '共 3 笔，已显示 2 笔' });
    const second = appendPage(first.items, { items: [3], total: 3 }, '笔');
    expect(second.hasMore).toBe(false);
    // A total that shrank under us never leaves a button that loads nothing.
    expect(appendPage(second.items, { items: [], total: 5 }, '笔').hasMore).toBe(false);
    expect(isSupervisionTab('ledger')).toBe(true);
    expect(isSupervisionTab('edit')).toBe(false);
  });

  it('a resolved flag says how the township handled it', () => {
    expect(toFlagRow(flag)).toMatchObject({ title: '案件 2026-003 · 陈*山', open: true, resolutionText: '' });
    const resolved = toFlagRow({
      ...flag,
      status: 'resolved',
      statusLabel: '乡镇已处理',
      resolution: { note: '档次符合规定', byName: '青石镇民政办', at: '2026-12-01T02:00:00.000Z' },
    });
    expect(resolved.open).toBe(false);
    expect(resolved.resolutionText).toBe('处理情况：档次符合规定（青石镇民政办，2026年12月1日 10:00）');
  });
});

describe('四公布 sheet view (R-OVS-3)', () => {
  const sheet: FourPublicSheet = {
    caseId: 'demo-case-03',
    caseNo: '2026-003',
    societyId: 'soc-wangjia',
    societyName: '王家村救急难互助社',
    name: '陈大山',
    maskedName: '陈*山',
    stateLabel: '已发放',
    reason: { causeLabel: '意外事故', published: '因意外', record: '房屋失火', eligibility: '可以申请应急救助' },
    findings: {
      published: '经2人入户核查，情况属实',
      record: '两间房屋过火',
      visitedAt: '2026-11-23T02:30:00.000Z',
      visitors: ['刘芳', '王建军'],
      originalsChecked: ['户口簿', '身份证'],
    },
    decision: {
      outcomeLabel: '批准',
      reliefTypeLabel: '应急救助',
      formLabel: '现金（含转账）',
      tierLabel: '三档（特别困难）',
      reason: '同意',
      byName: '王建国',
      at: '2026-11-23T08:00:00.000Z',
      reliefFirst: false,
    },
    unratified: null,
    amount: {
      amountFen: 1_000_00,
      methodLabel: '现金',
      paidAt: '2026-11-24T06:00:00.000Z',
      paidByName: '刘芳',
      ledgerEntryId: 'seed-wj-10',
      receiptConfirmed: true,
    },
    notice: {
      id: 'notice-demo-case-03',
      statusLabel: '公示中',
      publishedAt: '2026-11-24T09:00:00.000Z',
      periodText: '11月24日 17:00 至 12月1日 17:00',
      lines: ['救助对象：王家村第三村民小组 陈*山'],
      objectionCount: 1,
      openObjectionCount: 1,
      postedOnPaper: false,
    },
    flags: [flag],
    steps: [step(2, '入户核查', '2026-11-23T02:30:00.000Z'), step(1, '主动发现并立案', '2026-11-23T00:30:00.000Z')],
    generatedAt: '2026-11-30T06:00:00.000Z',
  };

  it('R-OVS-3: reason, findings, decision and amount, each published beside recorded, then the notice and every step', () => {
    const screen = toCaseSheetScreen(sheet);
    expect(screen.sections.map((section) => section.title)).toEqual([
      '一、申请原因',
      '二、核查情况',
      '三、审批决定',
      '四、救助金额',
      '公示',
    ]);
    const rows = Object.fromEntries(
      screen.sections.map((section) => [section.key, Object.fromEntries(section.rows.map((r) => [r.label, r.value]))]),
    );
    expect(rows.reason).toEqual({
      困难原因: '意外事故',
      公示写法: '因意外',
      申请陈述: '房屋失火',
      资格自查: '可以申请应急救助',
    });
    expect(rows.findings).toMatchObject({
      公示写法: '经2人入户核查，情况属实',
      核查记录: '两间房屋过火',
      核查人: '刘芳、王建军',
      核查时间: '2026年11月23日 10:30',
    });
    expect(rows.decision).toMatchObject({
      决定: '批准',
      档次: '三档（特别困难）',
      审批人: '王建国，2026年11月23日 16:00',
    });
    expect(rows.decision).not.toHaveProperty('先行救助');
    expect(rows.amount).toMatchObject({ 金额: '¥1,000.00', 台账记录: 'seed-wj-10', 领款确认: '已确认收到' });
    expect(rows.notice).toMatchObject({ 状态: '公示中', 异议: '1 条，待答复 1 条', 公示栏张贴: '未上传张贴照片' });
    expect(screen.noticeLines).toEqual(['救助对象：王家村第三村民小组 陈*山']);
    expect(screen.steps.map((row) => row.label)).toEqual(['主动发现并立案', '入户核查']);
    expect(screen.flags).toHaveLength(1);
    expect(screen.sections.every((section) => section.empty === '')).toBe(true);
  });

  it('a case not yet decided says what is still missing', () => {
    const screen = toCaseSheetScreen({
      ...sheet,
      findings: { published: null, record: null, visitedAt: null, visitors: [], originalsChecked: [] },
      decision: null,
      amount: null,
      notice: null,
      flags: [],
    });
    const empty = Object.fromEntries(screen.sections.map((section) => [section.key, section.empty]));
    expect(empty).toEqual({
      reason: '',
      findings: '',
      decision: '尚未审批',
      amount: '尚未发放',
      notice: '未发放，无需公示',
    });
    expect(screen.sections[1]?.rows).toEqual([{ label: '公示写法', value: '尚未公示' }]);
  });

  it('R-OVS-2: a flag needs a comment of at most 500 characters', () => {
    expect(flagProblems('   ')).toEqual([EMPTY_FLAG_MESSAGE]);
    expect(flagProblems('字'.repeat(501))).toEqual([FLAG_TOO_LONG_MESSAGE]);
    expect(flagProblems(' 请复核档次 ')).toEqual([]);
    expect(remainingText('请复核')).toBe('还可以写 497 字');
  });
});

describe('audit view (R-OVS-5)', () => {
  const event: AuditEventView = {
    id: 'soc-wangjia:0000000033',
    scopeId: 'soc-wangjia',
    seq: 33,
    at: '2026-11-24T09:00:00.000Z',
    actorName: '刘芳',
    actorRole: 'secretary',
    actorRoleLabel: '秘书长',
    action: 'notice.publish',
    actionLabel: '发布公示',
    target: 'notices/notice-demo-case-03',
    details: { caseNo: '2026-003' },
    hash: 'h',
    prevHash: 'p',
  };

  it('R-OVS-5: an event says who, in which role, did what in Chinese, when and to what', () => {
    expect(toAuditRow(event)).toEqual({
      id: 'soc-wangjia:0000000033',
      seqText: '第 33 条',
      what: '发布公示',
      who: '秘书长 刘芳',
      timeText: '2026年11月24日 17:00',
      target: '对象：公示 2026-003',
    });
    expect(toAuditRow({ ...event, actorRoleLabel: '', actorName: '未登记的微信用户' }).who).toBe('未登记的微信用户');
    expect(targetText('ledgerEntries/seed-wj-10')).toBe('资金记录 seed-wj-10');
    expect(targetText('somethingNew/x1')).toBe('somethingNew x1');
  });

  it('R-OVS-5: verification reads 「完整，共 N 条」 or where the chain first breaks', () => {
    const base: AuditVerification = {
      scopeId: 'soc-wangjia',
      scopeName: '王家村救急难互助社',
      ok: true,
      count: 35,
      brokenAtSeq: null,
      brokenEventId: null,
      reason: null,
      fromSeq: 0,
      checkedAt: '2026-11-30T06:00:00.000Z',
    };
    expect(toVerifyResult({ ...base, fromSeq: 30 }).detail).toBe(
      '王家村救急难互助社 · 核验于 2026年11月30日 14:00；前 30 条已由每晚核验确认',
    );
    expect(toVerifyResult(base)).toEqual({
      ok: true,
      headline: '完整，共 35 条',
      detail: '王家村救急难互助社 · 核验于 2026年11月30日 14:00',
    });
    const broken = toVerifyResult({ ...base, ok: false, brokenAtSeq: 31, reason: '记录内容被改动' });
    expect(broken).toMatchObject({ ok: false, headline: '第 31 条起被改动' });
    expect(broken.detail).toContain('记录内容被改动');
  });

  it('opens the scope asked for when the caller reads it, else the first with events', () => {
    const scopes: AuditScopeItem[] = [
      { scopeId: 'area-qingshi', name: '青石镇', kind: 'township', kindLabel: '乡镇', eventCount: 0 },
      { scopeId: 'soc-wangjia', name: '王家村救急难互助社', kind: 'society', kindLabel: '互助社', eventCount: 35 },
    ];
    expect(pickScope(scopes, '')).toBe('soc-wangjia');
    expect(pickScope(scopes, 'area-qingshi')).toBe('area-qingshi');
    expect(pickScope(scopes, 'soc-liutang')).toBe('soc-wangjia');
    expect(pickScope([], '')).toBeNull();
    expect(toScopeChoices(scopes, 'soc-wangjia').map((choice) => [choice.label, choice.current])).toEqual([
      ['青石镇（乡镇）', false],
      ['王家村救急难互助社（互助社）', true],
    ]);
  });
});

describe('township view', () => {
  it('R-OVS-2: each society shows live notices, open objections, overdue cases and flags, and opens its supervision page', () => {
    const view: TownshipOverview = {
      areas: [{ id: 'area-qingshi', name: '青石镇' }],
      societies: [
        {
          id: 'soc-wangjia',
          name: '王家村救急难互助社',
          villageName: '王家村',
          townshipId: 'area-qingshi',
          townshipName: '青石镇',
          statusLabel: '运行中',
          liveNotices: 1,
          liveNoticeTitles: ['王家村第三村民小组 陈*山 应急救助 1000元'],
          openObjections: 1,
          overdueObjections: 1,
          overdueCases: 1,
          openFlags: 1,
          unpublishedNotices: 0,
        },
      ],
      overdueCases: [
        {
          id: 'demo-case-04',
          caseNo: '2026-004',
          societyId: 'soc-wangjia',
          societyName: '王家村救急难互助社',
          maskedName: '张*强',
          stateLabel: '已受理，待入户核查',
          deadline: {
            kind: 'visit',
            label: '入户核查',
            dueAt: '2026-12-01T01:30:00.000Z',
            doneAt: null,
            overdue: true,
            met: null,
            wallMs: -9_000_000,
            workingMs: -9_000_000,
            text: '已超时 2小时30分（截止 12月1日 09:30）',
            provisional: false,
            provisionalNote: null,
          },
          waitingForDecision: '',
        },
      ],
      decisions: [],
      openFlags: [flag],
      unratified: [],
      referrals: [],
      canDecide: true,
      totals: {
        liveNotices: 1,
        openObjections: 1,
        overdueObjections: 1,
        overdueCases: 1,
        openFlags: 1,
        unratified: 0,
        referrals: 0,
      },
      generatedAt: '2026-12-01T04:00:00.000Z',
    };
    const screen = toTownshipScreen(view);
    expect(screen.title).toBe('青石镇');
    expect(screen.totals.map((cell) => [cell.label, cell.value, cell.alert])).toEqual([
      ['公示中', '1', false],
      ['待答复异议', '1', true],
      ['超时未答复', '1', true],
      ['超时案件', '1', true],
      ['待处理提请', '1', true],
      ['未追认待处理', '0', false],
      ['转介待答复', '0', false],
    ]);
    expect(screen.societies[0]).toMatchObject({
      place: '青石镇 · 王家村',
      stats: '公示中 1 · 待答复异议 1 · 超时案件 1 · 待处理提请 1',
      noticeTitles: ['王家村第三村民小组 陈*山 应急救助 1000元'],
      alerts: ['超时未答复异议 1 条', '超时案件 1 件', '待处理提请 1 条'],
      url: supervisionUrl('soc-wangjia'),
    });
    expect(screen.overdue).toEqual([
      {
        id: 'demo-case-04',
        title: '王家村救急难互助社 · 案件 2026-004 · 张*强',
        waitingText: '',
        stateLabel: '已受理，待入户核查',
        deadlineText: '入户核查：已超时 2小时30分（截止 12月1日 09:30）',
        deadlineNote: '',
      },
    ]);
    expect(screen.flags.map((row) => row.id)).toEqual(['flag-1']);
    expect(supervisionUrl('soc-wangjia')).toBe('/packages/oversight/pages/supervision/index?societyId=soc-wangjia');
  });

  it('a resolution needs a note', () => {
    expect(noteProblems(' ')).toEqual([EMPTY_NOTE_MESSAGE]);
    expect(noteProblems('已复核')).toEqual([]);
  });
});

describe('oversight entries', () => {
  it('R-OVS-2: the supervisor opens 监督本社 for their society and 操作记录; the township 乡镇监督 and 操作记录', () => {
    expect(entryLinks(OVERSIGHT_ENTRIES, ['supervisor'], 'soc-wangjia').map((link) => link.url)).toEqual(
      expect.arrayContaining([
        '/packages/oversight/pages/supervision/index?societyId=soc-wangjia',
        '/packages/oversight/pages/audit/index',
      ]),
    );
    const township = entryLinks(OVERSIGHT_ENTRIES, ['township'], null).map((link) => link.url);
    expect(township).toEqual(
      expect.arrayContaining(['/packages/oversight/pages/township/index', '/packages/oversight/pages/audit/index']),
    );
    expect(township).not.toContain('/packages/oversight/pages/supervision/index');
    // The backend reads neither the audit trail nor the township overview to the federation.
    const federation = entryLinks(OVERSIGHT_ENTRIES, ['federation'], null).map((link) => link.url);
    expect(federation).not.toContain('/packages/oversight/pages/audit/index');
    expect(federation).not.toContain('/packages/oversight/pages/township/index');
  });
});
