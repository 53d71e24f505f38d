/**
 * The screens of the decision clock and of the township's decisions, without rendering: the
 * officer's case head and queue row, the officer's decision page when someone else decides, the
 * township's list and decision page, the county's setting, and the working-time wording.
 */
import {
  formatWorkingDuration,
  type CaseQueueItem,
  type CountyCaseRulesView,
  type DeciderView,
  type OfficerCaseView,
  type TownshipDecisionView,
} from '../../miniprogram/domain/case';
import type { TownshipOverview } from '../../miniprogram/domain/oversight';
import { deciderText } from '../../miniprogram/packages/officer/pages/case/view';
import { toQueueRow } from '../../miniprogram/packages/officer/pages/cases/view';
import { toDecisionScreen } from '../../miniprogram/packages/officer/pages/decision/view';
import { decisionUrl, toTownshipScreen } from '../../miniprogram/packages/oversight/pages/township/view';
import {
  EXPLANATION_MESSAGE,
  REJECT_REASON_MESSAGE,
  explanationProblem,
  rejectProblem,
  seenRepeatCaseIds,
  toTownshipDecisionScreen,
} from '../../miniprogram/packages/oversight/pages/decision/view';
import { toCaseRulesScreen } from '../../miniprogram/packages/oversight/pages/county-dashboard/case-rules';

const TOWNSHIP: DeciderView = { kind: 'township', name: '青石镇', reason: '本案社长需回避，由青石镇审批' };
const PRESIDENT: DeciderView = { kind: 'president', name: '社长王建国', reason: '' };
const wait = {
  since: '2026-11-30T06:00:00.000Z',
  workingMs: 27 * 3_600_000,
  text: '已等待审批 1个工作日3小时',
  provisional: false,
  provisionalNote: null,
  overdue: true,
};

describe('working time on screen', () => {
  it('R-PROC-4 (decision clock): counts whole working days of 24 working hours, then hours, then minutes', () => {
    expect(formatWorkingDuration(27 * 3_600_000)).toBe('1个工作日3小时');
    expect(formatWorkingDuration(48 * 3_600_000)).toBe('2个工作日');
    expect(formatWorkingDuration(200 * 60_000)).toBe('3小时20分');
    expect(formatWorkingDuration(5 * 60_000)).toBe('5分钟');
    expect(formatWorkingDuration(-1)).toBe('0分钟');
  });
});

describe("the officer's pages", () => {
  it('the case head says who decides: the president by name, or why not and who instead', () => {
    expect(deciderText({ decider: PRESIDENT })).toBe('由社长王建国审批');
    expect(deciderText({ decider: TOWNSHIP })).toBe('本案社长需回避，由青石镇审批');
    expect(deciderText({ decider: null })).toBe('');
  });

  it('a proposed row shows how long it has waited, and a tag when someone other than the president decides', () => {
    const item = {
      id: 'case-9',
      caseNo: '2026-009',
      societyId: 'soc-wangjia',
      societyName: '王家村救急难互助社',
      origin: 'discovery',
      originLabel: '主动发现',
      state: 'proposed',
      stateLabel: '待社长审批',
      causeLabel: '突发意外事故',
      reliefType: 'emergency',
      reliefTypeLabel: '应急救助',
      amountFen: null,
      createdAt: '2026-11-30T01:00:00.000Z',
      nextDeadline: null,
      name: '王小梅',
      maskedIdNumber: '999999********4127',
      decisionWait: wait,
      decider: TOWNSHIP,
      flags: { reliefFirstPending: false, receiptMissing: false, repeat: false, openReferrals: 0 },
    } satisfies CaseQueueItem;
    const row = toQueueRow(item);
    expect(row.waitText).toBe('已等待审批 1个工作日3小时');
    expect(row.tags.map((tag) => tag.text)).toContain('由青石镇审批');
    const normal = toQueueRow({ ...item, decider: PRESIDENT });
    expect(normal.tags.map((tag) => tag.key)).not.toContain('decider');
    expect(toQueueRow({ ...item, state: 'approved', decider: null }).waitText).toBe('');
  });

  it("the decision page tells the secretary who decides instead of 'only the president'", () => {
    const view = {
      state: 'proposed',
      recused: false,
      actions: [],
      decision: null,
      reliefFirst: null,
      decider: TOWNSHIP,
    } as unknown as OfficerCaseView;
    // Only the fields readOnlyMessage looks at; the head needs deadlines and a person.
    const screen = toDecisionScreen({
      ...view,
      deadlines: [],
      person: { name: '王小梅' },
      caseNo: '2026-009',
      originLabel: '主动发现',
      stateLabel: '待社长审批',
      causeLabel: '突发意外事故',
      eligibility: { summary: '' },
      listCheck: {
        listedLabels: [],
        importedLabels: [],
        mismatches: [],
        summary: '本村尚未导入名单，以申请人填报和入户核实为准',
      },
      proposal: null,
      visit: null,
      repeatCases: [],
      referrals: [],
    } as unknown as OfficerCaseView);
    expect(screen.readOnlyMessage).toBe('本案社长需回避，由青石镇审批。审批结果会记入办理过程，批准后由本社按时发放。');
  });
});

describe("the township's pages", () => {
  it('lists the cases waiting for its decision (a button for the township, none for the county) and marks overdue decisions', () => {
    const view: TownshipOverview = {
      areas: [{ id: 'area-qingshi', name: '青石镇' }],
      societies: [],
      overdueCases: [
        {
          id: 'case-8',
          caseNo: '2026-008',
          societyId: 'soc-wangjia',
          societyName: '王家村救急难互助社',
          maskedName: '孙*珍',
          stateLabel: '待社长审批',
          deadline: {
            kind: 'decision',
            label: '审批决定',
            dueAt: '2026-12-01T06:00:00.000Z',
            doneAt: null,
            overdue: true,
            met: null,
            wallMs: -3_600_000,
            workingMs: -3_600_000,
            text: '已超时 1小时（截止 12月1日 14:00）',
            provisional: false,
            provisionalNote: null,
          },
          waitingForDecision: '已等待审批 1个工作日1小时',
        },
      ],
      decisions: [
        {
          id: 'case-9',
          caseNo: '2026-009',
          societyId: 'soc-wangjia',
          societyName: '王家村救急难互助社',
          maskedName: '王*梅',
          causeLabel: '突发意外事故',
          stepLabel: '审批',
          reason: '本案社长需回避，由青石镇审批',
          waitText: '已等待审批 3小时',
          overdue: false,
          canDecide: true,
        },
      ],
      openFlags: [],
      totals: {
        liveNotices: 0,
        openObjections: 0,
        overdueObjections: 0,
        overdueCases: 1,
        openFlags: 0,
        unratified: 0,
        referrals: 0,
      },
      unratified: [],
      referrals: [],
      canDecide: true,
      generatedAt: '2026-12-01T07:00:00.000Z',
    };
    const screen = toTownshipScreen(view);
    expect(screen.overdue[0]).toMatchObject({
      waitingText: '已等待审批 1个工作日1小时',
      deadlineText: '审批决定：已超时 1小时（截止 12月1日 14:00）',
    });
    expect(screen.decisions).toEqual([
      {
        id: 'case-9',
        title: '王家村救急难互助社 · 案件 2026-009 · 王*梅 · 突发意外事故',
        stepLabel: '审批',
        reason: '本案社长需回避，由青石镇审批',
        waitText: '已等待审批 3小时',
        overdue: false,
        url: '/packages/oversight/pages/decision/index?caseId=case-9',
      },
    ]);
    const county = toTownshipScreen({ ...view, decisions: [{ ...view.decisions[0]!, canDecide: false }] });
    expect(county.decisions[0]!.url).toBe('');
    expect(decisionUrl('a b')).toBe('/packages/oversight/pages/decision/index?caseId=a%20b');
  });

  it('the decision page shows the proposal and the visit, decides while routed to it, then shows the result', () => {
    const proposal = {
      recommend: 'grant' as const,
      reliefType: 'emergency' as const,
      reliefTypeLabel: '应急救助',
      form: 'cash' as const,
      formLabel: '现金（含转账）',
      amountFen: 600_00,
      tierId: 'e2',
      tierLabel: '二档',
      reason: '情况属实',
      byName: '刘芳',
      at: '2026-11-30T06:00:00.000Z',
    };
    const view: TownshipDecisionView = {
      id: 'case-9',
      caseNo: '2026-009',
      societyId: 'soc-wangjia',
      societyName: '王家村救急难互助社',
      state: 'proposed',
      stateLabel: '待社长审批',
      name: '王小梅',
      causeLabel: '突发意外事故',
      eligibilitySummary: '支出型困难家庭，可给予应急救助',
      visit: {
        visitedAt: '2026-11-30T03:00:00.000Z',
        visitors: ['刘芳', '赵德明'],
        findings: '住院属实',
        verifiedLabels: ['本人户籍', '支出型困难家庭'],
        recordedByName: '刘芳',
      },
      proposal,
      decision: null,
      reliefFirst: null,
      payout: null,
      explanationDeadline: null,
      repeatCases: [],
      decider: TOWNSHIP,
      decisionWait: { ...wait, overdue: false, text: '已等待审批 3小时' },
      actions: ['approve', 'reject'],
    };
    const screen = toTownshipDecisionScreen(view);
    expect(screen).toMatchObject({
      title: '王小梅 · 突发意外事故',
      caseNo: '王家村救急难互助社 · 编号 2026-009',
      reason: '本案社长需回避，由青石镇审批',
      waitText: '已等待审批 3小时',
      canDecide: true,
      repeat: null,
    });
    expect(screen.proposal).toContainEqual({ label: '金额', value: '600元' });
    expect(screen.visit).toContainEqual({ label: '核查情况', value: '住院属实' });

    const decided = toTownshipDecisionScreen({
      ...view,
      state: 'approved',
      stateLabel: '已批准，待发放',
      decider: null,
      actions: [],
      decision: { ...proposal, byName: '青石镇民政办', outcome: 'approved', repeatCaseIds: [], repeatSeenCaseIds: [] },
    });
    expect(decided.canDecide).toBe(false);
    expect(decided.decision?.title).toBe('审批结果：已批准');
    expect(decided.decision?.rows).toContainEqual({ label: '审批人', value: '青石镇民政办，2026年11月30日 14:00' });
    expect(screen.mode).toBe('decide');
    expect(decided.mode).toBe('readOnly');

    // R-PROC-5: a payment made first, to be explained by the township.
    const paidFirst = toTownshipDecisionScreen({
      ...view,
      state: 'paid',
      stateLabel: '已发放',
      proposal: null,
      actions: ['fileExplanation'],
      reliefFirst: {
        urgency: '住院急需押金',
        byName: '刘芳',
        at: '2026-11-30T06:00:00.000Z',
        explanation: null,
        outcome: null,
      },
      payout: {
        method: 'cash',
        methodLabel: '现金',
        amountFen: 600_00,
        goodsDescription: null,
        recipientName: '王小梅',
        paidAt: '2026-11-30T06:00:00.000Z',
        paidByName: '刘芳',
        reliefFirst: true,
        ledgerEntryId: 'payout-case-9',
      },
      explanationDeadline: {
        kind: 'explanation',
        label: '先行救助补办说明',
        dueAt: '2026-12-01T06:00:00.000Z',
        doneAt: null,
        overdue: false,
        met: null,
        wallMs: 3_600_000,
        workingMs: 3_600_000,
        text: '截止 12月1日 14:00，剩余 1小时',
        provisional: false,
        provisionalNote: null,
      },
    });
    expect(paidFirst).toMatchObject({
      mode: 'explain',
      canDecide: true,
      waitText: '补办审批：截止 12月1日 14:00，剩余 1小时',
    });
    expect(paidFirst.reliefFirst).toEqual([
      { label: '先行救助', value: '刘芳，2026年11月30日 14:00' },
      { label: '先行原因', value: '住院急需押金' },
      { label: '已发放', value: '现金 600元' },
      { label: '审批说明', value: '尚未补办' },
    ]);
    expect(explanationProblem('')).toBe(EXPLANATION_MESSAGE);
    expect(rejectProblem(' ')).toBe(REJECT_REASON_MESSAGE);
    expect(rejectProblem('另有收入')).toBe('');
    expect(seenRepeatCaseIds(view)).toEqual([]);
  });
});

describe("the county's decision clock", () => {
  it('shows the limit and whether it is the default; only the county bureau gets the choices', () => {
    const rules: CountyCaseRulesView = {
      countyId: 'area-qingxi',
      decisionWorkingDays: 1,
      defaulted: true,
      canEdit: true,
      updatedAt: null,
    };
    const screen = toCaseRulesScreen(rules);
    expect(screen.text).toBe('审批意见提出后 1 个工作日内作出决定（默认）');
    expect(screen.options.map((option) => option.value)).toEqual([1, 2, 3, 4, 5]);
    expect(toCaseRulesScreen({ ...rules, decisionWorkingDays: 2, defaulted: false, canEdit: false })).toMatchObject({
      text: '审批意见提出后 2 个工作日内作出决定（县民政局设定）',
      canEdit: false,
    });
  });
});
