/** The pure functions behind the visit, decision and disbursement pages: no rendering. */
import type { DeadlineView, OfficerCaseView, ReliefPlanView } from '../../miniprogram/domain/case';
import { CONSENT_TEXT_VERSION, DEFAULT_RELIEF_TIERS } from '../../miniprogram/domain/relief';
import {
  beijingDayAndTime,
  caseHead,
  caseUrl,
  dayBefore,
  RECUSAL_MESSAGE,
  serverNowOf,
} from '../../miniprogram/packages/officer/case-step';
import {
  AMOUNT_MESSAGE,
  FINDINGS_MESSAGE,
  REASON_MESSAGE,
  TIER_MESSAGE,
  TWO_VISITORS_MESSAGE,
  eligibilityFor,
  initialVisitForm,
  pickTier as pickVisitTier,
  toggleAssistance,
  toOpinion,
  toVisitInput,
  toVisitScreen,
  visitModeOf,
  visitProblems,
  type VisitForm,
} from '../../miniprogram/packages/officer/pages/visit/view';
import {
  ADJUST_MESSAGE,
  adjustProblem,
  adjustTierChoices,
  initialAdjustment,
  pickAdjustTier,
  toApproveInput,
  APPROVER_ONLY_MESSAGE,
  NOT_PROPOSED_MESSAGE,
  REJECT_REASON_MESSAGE,
  VISIT_FIRST_MESSAGE,
  decisionModeOf,
  explanationProblem,
  rejectProblem,
  repeatWarningOf,
  seenRepeatCaseIds,
  toDecisionScreen,
} from '../../miniprogram/packages/officer/pages/decision/view';
import {
  GOODS_MESSAGE,
  RECEIPT_PHOTO_MESSAGE,
  REFERRAL_MESSAGE,
  URGENCY_MESSAGE,
  disburseModeOf,
  disburseProblems,
  initialDisburseForm,
  methodsFor,
  pickTier as pickDisburseTier,
  toDisburseInput,
  toDisburseScreen,
  toReliefFirstInput,
  type DisburseForm,
} from '../../miniprogram/packages/officer/pages/disburse/view';

const visitDeadline = (overrides: Partial<DeadlineView> = {}): DeadlineView => ({
  kind: 'visit',
  label: '入户核查和审核意见',
  dueAt: '2026-12-01T06:00:00.000Z',
  doneAt: null,
  overdue: false,
  met: null,
  wallMs: 24 * 3_600_000,
  workingMs: 8 * 3_600_000,
  text: '截止 12月1日 14:00，剩余 1天',
  provisional: false,
  provisionalNote: null,
  ...overrides,
});

const plan = (overrides: Partial<ReliefPlanView> = {}): ReliefPlanView => ({
  recommend: 'grant',
  reliefType: 'supplementary',
  reliefTypeLabel: '补充救助',
  form: 'cash',
  formLabel: '现金（含转账）',
  amountFen: 300_00,
  tierId: 's2',
  tierLabel: '二档（较重困难）',
  reason: '情况属实，建议按二档救助',
  byName: '刘芳',
  at: '2026-11-30T07:00:00.000Z',
  ...overrides,
});

const officerView = (overrides: Partial<OfficerCaseView> = {}): OfficerCaseView => ({
  id: 'case-1',
  caseNo: '2026-005',
  societyId: 'soc-wangjia',
  societyName: '王家村救急难互助社',
  origin: 'application',
  originLabel: '本人或家属申请',
  state: 'accepted',
  stateLabel: '已受理，待入户核查',
  causeLabel: '重大疾病',
  reliefType: 'supplementary',
  reliefTypeLabel: '补充救助',
  amountFen: null,
  createdAt: '2026-11-30T01:00:00.000Z',
  nextDeadline: visitDeadline(),
  villageId: 'area-wangjia',
  applicant: { userId: 'u-lixiuying', name: '李秀英', phone: null },
  person: {
    name: '张国强',
    maskedName: '张*强',
    idNumber: '999999196805183511',
    maskedIdNumber: '999999********3511',
    phone: null,
    relationship: 'spouse',
    relationshipLabel: '配偶',
    hukou: 'beneficiary',
    hukouLabel: '救助对象本人是本村户籍',
  },
  situation: {
    cause: 'majorIllness',
    causeLabel: '重大疾病',
    description: '尿毒症，每周三次透析',
    assistance: ['dibao'],
    assistanceLabels: ['最低生活保障（低保）'],
    category: 'other',
    categoryLabel: '以上都不是',
    livingAtRisk: true,
  },
  eligibility: {
    outcome: 'eligible',
    reliefType: 'supplementary',
    reliefTypeLabel: '补充救助',
    capFen: 500_00,
    summary: '可以申请补充救助，每人次最多 500元',
    reasons: [],
    ruleIds: ['R-ELIG-3', 'R-CAP-1'],
  },
  listCheck: {
    listedLabels: [],
    importedLabels: [],
    mismatches: [],
    summary: '本村尚未导入困难群众名单，以申请人填报和入户核实为准',
  },
  consent: {
    processing: true,
    publicNotice: true,
    textVersion: CONSENT_TEXT_VERSION,
    method: 'app',
    at: '2026-11-29T12:15:00.000Z',
  },
  discovery: null,
  checklist: [
    { kind: 'applicationForm', label: '救急难互助社申请审核审批表', required: true, note: '', originalChecked: false },
    { kind: 'householdBook', label: '户口簿', required: true, note: '', originalChecked: true },
  ],
  materials: [],
  deadlines: [visitDeadline()],
  visit: null,
  proposal: null,
  decision: null,
  payout: null,
  reliefFirst: null,
  receipt: null,
  referrals: [],
  endReason: null,
  repeatCases: [],
  timeline: [],
  actions: ['recordVisit', 'reliefFirst'],
  recused: false,
  decisionWait: null,
  decider: null,
  tiers: DEFAULT_RELIEF_TIERS,
  ...overrides,
});

describe('the step pages share', () => {
  it('the case page they return to', () => {
    expect(caseUrl('demo-case-04')).toBe('/packages/officer/pages/case/index?caseId=demo-case-04');
  });

  it("R-PROC-3: reads the cloud's now back from a deadline (due − wallMs); the phone's clock without one", () => {
    const phone = new Date('2030-01-01T00:00:00Z');
    expect(serverNowOf(officerView(), phone).toISOString()).toBe('2026-11-30T06:00:00.000Z');
    expect(serverNowOf(officerView({ deadlines: [] }), phone)).toBe(phone);
  });

  it('Beijing days: 23:30 UTC is the next morning in Beijing', () => {
    expect(beijingDayAndTime(new Date('2026-11-29T23:30:00Z'))).toEqual({ day: '2026-11-30', time: '07:30' });
    expect(dayBefore('2026-12-01')).toBe('2026-11-30');
  });

  it('the head shows the running deadlines asked for; else the first met one', () => {
    const explanation = visitDeadline({ kind: 'explanation', label: '先行救助补办说明', text: '截止 12月1日 15:00' });
    const both = officerView({ deadlines: [visitDeadline(), explanation] });
    expect(caseHead(both, ['visit', 'explanation']).deadlines.map((line) => line.text)).toEqual([
      '入户核查和审核意见：截止 12月1日 14:00，剩余 1天',
      '先行救助补办说明：截止 12月1日 15:00',
    ]);
    const met = officerView({
      deadlines: [visitDeadline({ doneAt: '2026-11-30T06:00:00.000Z', met: true, text: '已按时完成' })],
    });
    expect(caseHead(met, ['visit']).deadlines).toEqual([
      { text: '入户核查和审核意见：已按时完成', note: '', overdue: false },
    ]);
    // R-PROC-3: a deadline counted across a year without its holiday arrangement says why it is 暂定.
    const provisional = officerView({
      deadlines: [
        visitDeadline({
          text: '截止 1月4日 17:00（暂定），剩余 8小时',
          provisional: true,
          provisionalNote: '2027年的放假调休安排还未录入',
        }),
      ],
    });
    expect(caseHead(provisional, ['visit']).deadlines).toEqual([
      {
        text: '入户核查和审核意见：截止 1月4日 17:00（暂定），剩余 8小时',
        note: '2027年的放假调休安排还未录入',
        overdue: false,
      },
    ]);
    expect(caseHead(officerView(), ['payout']).deadlines).toEqual([]);
    const late = officerView({ deadlines: [visitDeadline({ overdue: true, text: '已超时 2小时' })] });
    expect(caseHead(late, ['visit']).deadlines[0]!.overdue).toBe(true);
    expect(caseHead(officerView(), ['visit'])).toMatchObject({
      title: '张国强 · 重大疾病',
      caseNo: '编号 2026-005 · 本人或家属申请',
    });
  });
});

describe('the visit page', () => {
  const now = new Date('2026-11-30T06:00:00Z');
  const filled = (overrides: Partial<VisitForm> = {}): VisitForm => ({
    ...initialVisitForm(officerView(), now, '刘芳'),
    visitors: ['刘芳', '王建军'],
    findings: '情况属实',
    tierId: 's2',
    amountYuan: '300',
    reason: '建议救助',
    ...overrides,
  });

  it('R-PROC-3: defaults to today at the cloud’s now, the caller as first visitor, a grant', () => {
    expect(initialVisitForm(officerView(), now, '刘芳')).toMatchObject({
      visitDate: '2026-11-30',
      visitTime: '14:00',
      visitors: ['刘芳', ''],
      recommend: 'grant',
      form: 'cash',
    });
  });

  it('reopened after the visit, the form holds the earlier opinion', () => {
    const view = officerView({
      state: 'visited',
      actions: ['propose'],
      visit: {
        visitedAt: '2026-11-30T02:00:00.000Z',
        visitors: ['刘芳', '王建军'],
        findings: '属实',
        photoFileIds: [],
        originalsChecked: ['householdBook'],
        originalsCheckedLabels: ['户口簿'],
        verified: { ...officerView().situation, hukou: 'beneficiary' },
        opinion: plan({ amountFen: 250_00 }),
        recordedByName: '刘芳',
        recordedAt: '2026-11-30T03:00:00.000Z',
      },
    });
    expect(visitModeOf(view)).toBe('proposeOnly');
    expect(initialVisitForm(view, now, null)).toMatchObject({ tierId: 's2', amountYuan: '250.00' });
    const screen = toVisitScreen(view, initialVisitForm(view, now, null), '2026-11-30');
    expect(screen).toMatchObject({ showVisitForm: false, showOpinion: true, submitText: '提出审批意见报社长审批' });
    expect(screen.record).toMatchObject({
      visitors: '刘芳、王建军',
      originals: '户口簿',
      visitedAt: '2026年11月30日 10:00',
    });
  });

  it('R-ELIG-4: for a household that answered 不清楚, the visit offers the four verifiable categories and none is chosen', () => {
    const view = officerView({ situation: { ...officerView().situation, assistance: [], category: 'unsure' } });
    const unverified = toVisitScreen(view, initialVisitForm(view, now, '刘芳'), '2026-11-30');
    expect(unverified.categoryChoices.map((choice) => choice.value)).toEqual([
      'nearDibao',
      'relapseMonitored',
      'expenditureHardship',
      'other',
    ]);
    expect(unverified.categoryChoices.filter((choice) => choice.on)).toEqual([]);
    expect(unverified.eligibilityText).toBe('可以申请，入户核实后确定救助类型');
    const verified = toVisitScreen(
      view,
      { ...initialVisitForm(view, now, '刘芳'), category: 'nearDibao' },
      '2026-11-30',
    );
    expect(verified).toMatchObject({ reliefTypeLabel: '应急救助', factsChanged: true });
  });

  it('R-PROC-3: at least two different visitors, findings, a reason; a tier and an amount for cash', () => {
    expect(visitProblems(filled(), 'visitAndPropose')).toEqual([]);
    expect(visitProblems(filled({ visitors: ['刘芳', ' 刘芳 '] }), 'visitAndPropose')).toEqual([TWO_VISITORS_MESSAGE]);
    expect(visitProblems(filled({ visitors: ['刘芳', ''] }), 'visitAndPropose')).toEqual([TWO_VISITORS_MESSAGE]);
    expect(visitProblems(filled({ findings: ' ' }), 'visitAndPropose')).toEqual([FINDINGS_MESSAGE]);
    expect(visitProblems(filled({ reason: '' }), 'proposeOnly')).toEqual([REASON_MESSAGE]);
    expect(visitProblems(filled({ tierId: '', amountYuan: '3.333' }), 'proposeOnly')).toEqual([
      TIER_MESSAGE,
      AMOUNT_MESSAGE,
    ]);
    // Proposing only: the visit part is on file already.
    expect(visitProblems(filled({ visitors: [] }), 'proposeOnly')).toEqual([]);
    // A referral and a denial carry no amount.
    expect(visitProblems(filled({ form: 'referral', tierId: '', amountYuan: '' }), 'proposeOnly')).toEqual([]);
    expect(visitProblems(filled({ recommend: 'deny', tierId: '', amountYuan: '' }), 'proposeOnly')).toEqual([]);
  });

  it('R-CAP-1: the page warns over the cap and over the tier, but leaves the refusal to the cloud', () => {
    const view = officerView();
    const over = toVisitScreen(view, filled({ tierId: 's3', amountYuan: '600' }), '2026-11-30');
    expect(over.amountWarning).toBe('超过补充救助每人次 500元 的上限（R-CAP），提交会被退回');
    expect(visitProblems(filled({ tierId: 's3', amountYuan: '600' }), 'visitAndPropose')).toEqual([]);
    expect(toVisitScreen(view, filled({ tierId: 's1', amountYuan: '250' }), '2026-11-30').amountWarning).toBe(
      '超过「一档（一般困难）」的标准 200元',
    );
    expect(toVisitScreen(view, filled(), '2026-11-30').amountWarning).toBe('');
  });

  it('R-CAP-2: an emergency case shows the 1,000 yuan cap and its own tiers', () => {
    const view = officerView({
      situation: { ...officerView().situation, assistance: [], category: 'expenditureHardship' },
      eligibility: { ...officerView().eligibility, reliefType: 'emergency', reliefTypeLabel: '应急救助' },
    });
    const screen = toVisitScreen(view, initialVisitForm(view, now, null), '2026-11-30');
    expect(screen.reliefTypeLabel).toBe('应急救助');
    expect(screen.capText).toBe('每人次最多 1000元（R-CAP-2）');
    expect(screen.tierChoices.map((tier) => `${tier.label} ${tier.amountText}`)).toEqual([
      '一档（一般困难） 300元',
      '二档（较重困难） 600元',
      '三档（特别困难） 1000元',
    ]);
  });

  it('picking a tier fills in its standard amount', () => {
    expect(pickVisitTier(filled({ tierId: '', amountYuan: '' }), 's3', officerView())).toMatchObject({
      tierId: 's3',
      amountYuan: '500.00',
    });
    expect(pickVisitTier(filled(), 'nope', officerView()).tierId).toBe('s2');
  });

  it('sends the visit with Beijing time, distinct visitors and the opinion in fen', () => {
    const form = filled({ visitTime: '09:30', visitors: [' 刘芳 ', '王建军', '', '刘芳'], amountYuan: '299.5' });
    expect(toVisitInput(officerView(), form)).toEqual({
      caseId: 'case-1',
      visitedAt: '2026-11-30T09:30:00+08:00',
      visitors: [{ name: '刘芳' }, { name: '王建军' }],
      findings: '情况属实',
      photoFileIds: [],
      originalsChecked: [],
      opinion: { recommend: 'grant', form: 'cash', amountFen: 299_50, tierId: 's2', reason: '建议救助' },
    });
    expect(toOpinion(filled({ form: 'referral' }))).toEqual({
      recommend: 'grant',
      form: 'referral',
      amountFen: 0,
      tierId: null,
      reason: '建议救助',
    });
    expect(toOpinion(filled({ recommend: 'deny' }))).toMatchObject({ recommend: 'deny', form: null, amountFen: null });
  });

  it('R-ELIG-3/4, R-CAP-1/2: facts verified at the visit decide the relief type and cap; only changes are sent', () => {
    // Declared: no assistance, a near-低保 household → emergency relief, cap 1,000 yuan.
    const declared = officerView({
      situation: { ...officerView().situation, assistance: [], category: 'nearDibao' },
      eligibility: { ...officerView().eligibility, reliefType: 'emergency', reliefTypeLabel: '应急救助' },
    });
    const form = { ...filled(), ...initialVisitForm(declared, now, '刘芳'), visitors: ['刘芳', '王建军'] };
    expect(eligibilityFor(declared, form).reliefType).toBe('emergency');
    expect(toVisitScreen(declared, form, '2026-11-30')).toMatchObject({
      factsChanged: false,
      reliefTypeLabel: '应急救助',
    });
    expect(toVisitInput(declared, form).verified).toBeUndefined();

    // The visit finds the household on 低保: supplementary relief, cap 500 yuan.
    const found = { ...form, assistance: toggleAssistance(form.assistance, 'dibao') };
    const screen = toVisitScreen(declared, found, '2026-11-30');
    expect(screen).toMatchObject({
      factsChanged: true,
      reliefTypeLabel: '补充救助',
      capText: '每人次最多 500元（R-CAP-1）',
    });
    expect(screen.assistanceChoices.find((choice) => choice.value === 'dibao')!.on).toBe(true);
    expect(toVisitInput(declared, found).verified).toEqual({ assistance: ['dibao'] });

    // Basic living not at risk after all: no relief type at all (R-ELIG-2).
    const notAtRisk = toVisitScreen(declared, { ...form, livingAtRisk: false }, '2026-11-30');
    expect(notAtRisk.reliefTypeLabel).toBe('按核实的情况不符合救助条件，只能提出不予救助的意见');
    expect(notAtRisk.tierChoices).toEqual([]);
  });

  it('R-PROC-5: after 先行救助 only the visit is filed; the opinion starts from what was paid', () => {
    const view = officerView({
      state: 'paid',
      actions: ['recordVisit'],
      payout: {
        method: 'goods',
        methodLabel: '实物',
        amountFen: 200_00,
        goodsDescription: '大米',
        recipientName: '张国强',
        paidAt: '2026-11-30T05:00:00.000Z',
        paidByName: '刘芳',
        reliefFirst: true,
        ledgerEntryId: 'payout-case-1',
      },
    });
    expect(visitModeOf(view)).toBe('visitOnly');
    const form = initialVisitForm(view, now, null);
    expect(form).toMatchObject({ form: 'inKind', amountYuan: '200.00' });
    const screen = toVisitScreen(view, form, '2026-11-30');
    expect(screen.submitText).toBe('保存入户核查记录');
    expect(screen.reliefFirstNote).toContain('R-PROC-5');
  });

  it('nothing to do: recused, or the visit done, or not an officer', () => {
    const form = initialVisitForm(officerView(), now, null);
    expect(toVisitScreen(officerView({ actions: [], recused: true }), form, '2026-11-30').blockedMessage).toBe(
      RECUSAL_MESSAGE,
    );
    expect(toVisitScreen(officerView({ actions: [] }), form, '2026-11-30')).toMatchObject({
      mode: 'none',
      showOpinion: false,
      blockedMessage: '入户核查和审批意见由本社秘书长或社长办理，您可以在案件详情查看',
    });
  });
});

describe('the decision page', () => {
  const proposed = (overrides: Partial<OfficerCaseView> = {}) =>
    officerView({ state: 'proposed', stateLabel: '待社长审批', proposal: plan(), actions: [], ...overrides });

  it('the approver decides; anyone else reads, told why', () => {
    expect(decisionModeOf(proposed({ actions: ['approve', 'reject'] }))).toBe('decide');
    expect(toDecisionScreen(proposed({ actions: ['approve', 'reject'] })).readOnlyMessage).toBe('');
    expect(toDecisionScreen(proposed()).readOnlyMessage).toBe(APPROVER_ONLY_MESSAGE);
    expect(toDecisionScreen(proposed({ recused: true })).readOnlyMessage).toBe(RECUSAL_MESSAGE);
    expect(toDecisionScreen(officerView({ actions: [] })).readOnlyMessage).toBe(NOT_PROPOSED_MESSAGE);
  });

  it('shows the proposal as rows, with the amount and tier', () => {
    const screen = toDecisionScreen(proposed({ actions: ['approve', 'reject'] }));
    expect(screen.proposal!.rows).toEqual([
      { label: '意见', value: '建议给予救助' },
      { label: '救助类型', value: '补充救助' },
      { label: '救助形式', value: '现金（含转账）' },
      { label: '金额', value: '300元' },
      { label: '档次', value: '二档（较重困难）' },
      { label: '理由', value: '情况属实，建议按二档救助' },
      { label: '提出人', value: '刘芳，2026年11月30日 15:00' },
    ]);
  });

  it('the repeat warning lists the earlier cases, and those ids are sent as seen', () => {
    const view = proposed({
      repeatCases: [
        {
          id: 'demo-case-01',
          caseNo: '2026-001',
          stateLabel: '已结案',
          createdAt: '2026-05-13T01:00:00.000Z',
          reliefTypeLabel: '补充救助',
          amountFen: 300_00,
          paidAt: '2026-05-14T03:00:00.000Z',
        },
      ],
    });
    expect(repeatWarningOf(view)).toEqual({
      text: '重复救助提示：此人因同一原因已有 1 个案件，请核实是否重复救助',
      items: [{ id: 'demo-case-01', text: '编号 2026-001 · 已结案 · 补充救助 · 300元 · 发放于 2026年5月14日 11:00' }],
    });
    expect(seenRepeatCaseIds(view)).toEqual(['demo-case-01']);
    expect(repeatWarningOf(proposed())).toBeNull();
  });

  it('R-CAP-3: approving as proposed sends no amount; an adjustment sends form, tier and amount', () => {
    const view = proposed({ actions: ['approve', 'reject'] });
    const adjust = initialAdjustment(view);
    expect(adjust).toEqual({ on: false, tierId: 's2', amountYuan: '300.00' });
    expect(toApproveInput(view, ' 同意 ', adjust)).toEqual({ caseId: 'case-1', seenRepeatCaseIds: [], note: '同意' });
    const lower = pickAdjustTier({ ...adjust, on: true }, 's1', view);
    expect(adjustTierChoices(view, lower).find((choice) => choice.on)!.label).toBe('一档（一般困难） · 200元');
    expect(adjustProblem(lower)).toBe('');
    expect(toApproveInput(view, '', lower)).toMatchObject({ form: 'cash', amountFen: 200_00, tierId: 's1' });
    expect(adjustProblem({ on: true, tierId: '', amountYuan: '100' })).toBe(ADJUST_MESSAGE);
    expect(adjustProblem({ on: true, tierId: 's1', amountYuan: 'abc' })).toBe(ADJUST_MESSAGE);
    // A deny proposal can still be approved, once the approver gives the amount.
    expect(initialAdjustment(proposed({ proposal: plan({ recommend: 'deny', form: null }) })).amountYuan).toBe('');
  });

  it('rejecting and explaining need written words', () => {
    expect(rejectProblem('  ')).toBe(REJECT_REASON_MESSAGE);
    expect(rejectProblem('家中另有收入')).toBe('');
    expect(explanationProblem('')).toBe('请填写先行救助的审批说明');
    expect(explanationProblem('属实')).toBe('');
  });

  it('R-PROC-5: after 先行救助 the approver files the explanation once the visit is on file', () => {
    const first = {
      urgency: '房屋失火',
      byName: '刘芳',
      at: '2026-11-30T05:00:00.000Z',
      explanation: null,
      outcome: null,
    };
    const noVisit = toDecisionScreen(officerView({ state: 'paid', reliefFirst: first, actions: ['recordVisit'] }));
    expect(noVisit).toMatchObject({
      readOnlyMessage: VISIT_FIRST_MESSAGE,
      canGoVisit: true,
      goVisitText: '补录入户核查',
    });
    expect(toDecisionScreen(officerView({ actions: ['recordVisit'] }))).toMatchObject({
      readOnlyMessage: NOT_PROPOSED_MESSAGE,
      goVisitText: '去入户核查',
    });
    const screen = toDecisionScreen(officerView({ state: 'paid', reliefFirst: first, actions: ['fileExplanation'] }));
    expect(screen.mode).toBe('explain');
    expect(screen.reliefFirst!.rows).toContainEqual({ label: '审批说明', value: '尚未补办' });
  });

  it('a decided case shows the decision and who made it', () => {
    const screen = toDecisionScreen(
      officerView({
        state: 'approved',
        proposal: plan(),
        decision: {
          ...plan({ byName: '王建国', at: '2026-11-30T08:00:00.000Z', reason: '同意' }),
          outcome: 'approved',
          repeatCaseIds: [],
          repeatSeenCaseIds: [],
        },
      }),
    );
    expect(screen.decision!.title).toBe('审批结果：已批准');
    expect(screen.decision!.rows).toContainEqual({ label: '审批人', value: '王建国，2026年11月30日 16:00' });
    expect(screen.readOnlyMessage).toBe('');
  });
});

describe('the disbursement page', () => {
  const approved = (overrides: Partial<OfficerCaseView> = {}) =>
    officerView({
      state: 'approved',
      stateLabel: '已批准，待发放',
      proposal: plan(),
      decision: { ...plan({ byName: '王建国' }), outcome: 'approved', repeatCaseIds: [], repeatSeenCaseIds: [] },
      deadlines: [visitDeadline({ kind: 'payout', label: '发放救助' })],
      actions: ['disburse'],
      ...overrides,
    });
  const form = (view: OfficerCaseView, overrides: Partial<DisburseForm> = {}): DisburseForm => ({
    ...initialDisburseForm(view, disburseModeOf(view, ''), '刘芳'),
    ...overrides,
  });

  it('R-PROC-4: cash pays exactly the approved amount; the fund balance before and after is shown', () => {
    const view = approved();
    const screen = toDisburseScreen(view, form(view), 'disburse', '', 34_200_00);
    expect(screen.head.deadlines[0]!.text).toMatch(/^发放救助：/);
    expect(screen.fixedAmountText).toBe('发放金额：300元（与批准金额一致）');
    expect(screen.balanceText).toBe('互助资金余额：¥34,200.00');
    expect(screen.afterText).toBe('发放后余额：¥33,900.00');
    expect(screen.methodChoices.map((choice) => choice.label)).toEqual(['现金', '银行转账']);
    expect(toDisburseScreen(view, form(view), 'disburse', '', 100_00)).toMatchObject({
      afterText: '余额不足：还差 ¥200.00',
      afterShort: true,
    });
    expect(toDisburseScreen(view, form(view), 'disburse', '', null).balanceText).toBe('');
  });

  it('R-PROC-4: the request id is the one kept by the page; the recipient defaults to the person', () => {
    const view = approved();
    expect(toDisburseInput(view, form(view, { receiptWay: 'tap' }), 'pay-abc12345')).toEqual({
      requestId: 'pay-abc12345',
      caseId: 'case-1',
      method: 'cash',
      recipientName: null,
      amountFen: 300_00,
      goodsDescription: null,
      receiptFileId: null,
    });
    expect(
      toDisburseInput(view, form(view, { recipientName: '李秀英', receiptFileId: 'local:receipts/r.jpg' }), 'p-1'),
    ).toMatchObject({ recipientName: '李秀英', receiptFileId: 'local:receipts/r.jpg' });
  });

  it('goods need a description and a value; a referral its follow-up; a photo unless confirmed otherwise', () => {
    const goodsView = approved({
      decision: {
        ...plan({ form: 'inKind', formLabel: '实物' }),
        outcome: 'approved',
        repeatCaseIds: [],
        repeatSeenCaseIds: [],
      },
    });
    expect(methodsFor(goodsView, 'disburse')).toEqual(['goods']);
    // The value starts at the approved amount; cleared, it is asked for.
    expect(form(goodsView).amountYuan).toBe('300.00');
    expect(disburseProblems(goodsView, form(goodsView, { receiptWay: 'later', amountYuan: '' }), 'disburse')).toEqual([
      GOODS_MESSAGE,
      '请填写实物价值（元，大于 0）',
    ]);
    const goods = form(goodsView, { goodsDescription: '大米 50 斤', amountYuan: '280', receiptWay: 'later' });
    expect(disburseProblems(goodsView, goods, 'disburse')).toEqual([]);
    expect(toDisburseInput(goodsView, goods, 'p-2')).toMatchObject({
      method: 'goods',
      amountFen: 280_00,
      goodsDescription: '大米 50 斤',
    });

    const view = approved();
    expect(disburseProblems(view, form(view), 'disburse')).toEqual([RECEIPT_PHOTO_MESSAGE]);
    expect(disburseProblems(view, form(view, { receiptWay: 'later' }), 'disburse')).toEqual([]);

    const referral = form(view, { method: 'referral' });
    expect(disburseProblems(view, referral, 'disburse')).toEqual([REFERRAL_MESSAGE]);
    const filled = { ...referral, referralDescription: '链接县医院减免', referralFollowUp: '2026-12-05' };
    expect(disburseProblems(view, filled, 'disburse')).toEqual([]);
    expect(toDisburseInput(view, filled, 'p-3')).toMatchObject({
      amountFen: 0,
      referral: { kind: 'resourceLinking', ownerName: '刘芳', followUpDate: '2026-12-05' },
    });
  });

  it('the tap confirmation is offered only when an applicant can tap in WeChat', () => {
    const view = approved();
    expect(toDisburseScreen(view, form(view), 'disburse', '', null).receiptChoices.map((c) => c.value)).toEqual([
      'photo',
      'tap',
      'later',
    ]);
    const discovered = approved({ applicant: null });
    expect(
      toDisburseScreen(discovered, form(discovered), 'disburse', '', null).receiptChoices.map((c) => c.value),
    ).toEqual(['photo', 'later']);
  });

  it('R-PROC-5: 先行救助 needs a tier, an amount and the urgency; it pays within the tier of the relief type', () => {
    const view = officerView({ origin: 'discovery', applicant: null });
    expect(disburseModeOf(view, 'reliefFirst')).toBe('reliefFirst');
    expect(disburseModeOf(view, '')).toBe('done');
    const empty = form(view, { receiptWay: 'later' });
    expect(disburseProblems(view, empty, 'reliefFirst')).toEqual([
      '请选择救助档次',
      '请填写正确的救助金额（元，最多两位小数，大于 0）',
      URGENCY_MESSAGE,
    ]);
    const filled = { ...pickDisburseTier(empty, 's1', view), urgency: '房屋失火' };
    expect(disburseProblems(view, filled, 'reliefFirst')).toEqual([]);
    expect(toReliefFirstInput(view, filled, 'rf-12345678')).toEqual({
      requestId: 'rf-12345678',
      caseId: 'case-1',
      method: 'cash',
      amountFen: 200_00,
      tierId: 's1',
      goodsDescription: null,
      recipientName: null,
      receiptFileId: null,
      urgency: '房屋失火',
    });
    const screen = toDisburseScreen(view, filled, 'reliefFirst', 'reliefFirst', 1_000_00);
    expect(screen.note).toContain('1 个工作日内');
    expect(screen.reliefTypeText).toBe('补充救助，每人次最多 500元');
    expect(screen.methodChoices.map((choice) => choice.value)).toEqual(['cash', 'transfer', 'goods']);
    expect(screen.afterText).toBe('发放后余额：¥800.00');
  });

  it('after payment: the receipt photo is due, or everything is done', () => {
    const payout = {
      method: 'cash' as const,
      methodLabel: '现金',
      amountFen: 300_00,
      goodsDescription: null,
      recipientName: '张国强',
      paidAt: '2026-11-30T07:00:00.000Z',
      paidByName: '刘芳',
      reliefFirst: false,
      ledgerEntryId: 'payout-case-1',
    };
    const paid = approved({ state: 'paid', payout, actions: ['confirmReceipt', 'addReferral'] });
    expect(disburseModeOf(paid, '')).toBe('receipt');
    const screen = toDisburseScreen(paid, form(paid), 'receipt', '', 33_900_00);
    expect(screen.payout).toContainEqual({ label: '经办人', value: '刘芳' });
    expect(screen.receiptText).toContain('尚未确认');
    expect(screen.afterText).toBe('');
    expect(disburseProblems(paid, form(paid), 'receipt')).toEqual([RECEIPT_PHOTO_MESSAGE]);
    const done = approved({
      state: 'paid',
      payout,
      receipt: { method: 'tap', fileId: null, byName: '李秀英', at: '2026-11-30T08:00:00.000Z' },
      actions: [],
    });
    expect(toDisburseScreen(done, form(done), 'done', '', null)).toMatchObject({
      doneMessage: '救助已发放，领款人已确认',
      receiptText: '领款确认：本人已在微信确认（2026年11月30日 16:00）',
    });
    expect(toDisburseScreen(officerView({ actions: [] }), form(officerView()), 'done', '', null).doneMessage).toBe(
      '这个案件还没有批准，不能发放；紧急情况可从案件详情选择「先行救助」',
    );
  });
});
