/** The pure screen shaping of the township's decisions (R-PROC-5, R-CAP-1/2), without rendering. */
import {
  answerProblem,
  emptyAnswerForm,
  emptySettleForm,
  settleProblem,
  toAnswerInput,
  toReferralRow,
  toSettleInput,
  toUnratifiedRow,
} from '../../miniprogram/packages/oversight/pages/township/view';
import {
  REFER_AMOUNT_MESSAGE,
  REFER_REASON_MESSAGE,
  referProblem,
  toDecisionScreen,
  toReferInput,
} from '../../miniprogram/packages/officer/pages/decision/view';
import { toCaseSheetScreen } from '../../miniprogram/packages/oversight/pages/case-sheet/view';
import { caseStatsLines } from '../../miniprogram/utils/fund-format';
import { unratifiedText } from '../../miniprogram/packages/officer/case-step';
import type { FourPublicSheet } from '../../miniprogram/domain/oversight';
import type { OfficerCaseView, ReferralView } from '../../miniprogram/domain/case';

describe('township: 先行救助 not ratified (R-PROC-5)', () => {
  it('R-PROC-5: a row says what was paid first and why it was not ratified, masked', () => {
    const row = toUnratifiedRow({
      caseId: 'c1',
      caseNo: '2026-006',
      societyId: 'soc-wangjia',
      societyName: '王家村救急难互助社',
      maskedName: '孙*珍',
      paidFen: 1_000_00,
      methodLabel: '现金',
      paidAt: '2026-11-30T06:00:00.000Z',
      urgency: '房屋失火',
      explanation: '损失已由保险赔付',
      explainedByName: '王建国',
      explainedAt: '2026-12-01T02:00:00.000Z',
    });
    expect(row).toEqual({
      caseId: 'c1',
      title: '王家村救急难互助社 · 案件 2026-006 · 孙*珍',
      paidFen: 1_000_00,
      paidText: '2026年11月30日 14:00 先行发放 现金 1000元',
      urgencyText: '紧急情况：房屋失火',
      explanationText: '不予追认（王建国，2026年12月1日 10:00）：损失已由保险赔付',
    });
  });

  it('R-PROC-5: a recovery needs an amount up to what was paid, a date and a reason; a write-off only a reason', () => {
    const form = { ...emptySettleForm('c1', '2026-12-01'), reason: '协商退回' };
    expect(settleProblem(form, 1_000_00)).toBe('请填写追回金额（元，大于 0）');
    expect(settleProblem({ ...form, amountYuan: 'abc' }, 1_000_00)).toBe('请填写追回金额（元，大于 0）');
    expect(settleProblem({ ...form, amountYuan: '1000.01' }, 1_000_00)).toBe('追回金额不能超过先行发放的 1000元');
    expect(settleProblem({ ...form, amountYuan: '300', recoveredOn: '12/01' }, 1_000_00)).toBe(
      '请按 2026-12-01 的格式填写追回日期',
    );
    expect(settleProblem({ ...form, amountYuan: '300', reason: ' ' }, 1_000_00)).toBe('请写明追回的理由');
    expect(settleProblem({ ...form, amountYuan: '300.5' }, 1_000_00)).toBe('');
    expect(toSettleInput({ ...form, amountYuan: '300.5' }, 'settle-req-1')).toEqual({
      requestId: 'settle-req-1',
      caseId: 'c1',
      outcome: 'recovery',
      recoveredFen: 300_50,
      recoveredOn: '2026-12-01',
      reason: '协商退回',
    });
    const writeOff = { ...form, outcome: 'writeOff' as const, amountYuan: '300' };
    expect(settleProblem({ ...writeOff, reason: '' }, 1_000_00)).toBe('请写明核销的理由');
    expect(toSettleInput(writeOff, 'settle-req-2')).toEqual({
      requestId: 'settle-req-2',
      caseId: 'c1',
      outcome: 'writeOff',
      reason: '协商退回',
    });
  });

  it('R-PROC-5: the officer pages say what the township decided, or that it is pending', () => {
    expect(unratifiedText(null)).toBe('待乡镇处理（追回或核销）');
    expect(
      unratifiedText({
        kind: 'writeOff',
        label: '核销',
        recoveredFen: 0,
        recoveredOn: null,
        reason: '确无能力退还',
        byName: '青石镇民政办',
        at: '2026-12-01T02:00:00.000Z',
        ledgerEntryId: null,
      }),
    ).toBe('已核销：确无能力退还（青石镇民政办，2026年12月1日 10:00）');
  });

  it('R-OVS-3: the 四公布 sheet shows it under the decision', () => {
    const sheet = {
      caseId: 'c1',
      caseNo: '2026-006',
      societyId: 'soc-wangjia',
      societyName: '王家村救急难互助社',
      name: '孙秀珍',
      maskedName: '孙*珍',
      stateLabel: '已发放',
      reason: { causeLabel: '意外事故', published: '因意外', record: '失火', eligibility: '' },
      findings: { published: null, record: null, visitedAt: null, visitors: [], originalsChecked: [] },
      decision: {
        outcomeLabel: '不予批准',
        reliefTypeLabel: '应急救助',
        formLabel: '现金',
        tierLabel: null,
        reason: '保险已赔付',
        byName: '王建国',
        at: '2026-12-01T02:00:00.000Z',
        reliefFirst: true,
      },
      unratified: {
        outcomeLabel: '未予追认，乡镇已追回 300元（先行发放 1000元）',
        pending: false,
        paidFen: 1_000_00,
        recoveredFen: 300_00,
        recoveredOn: '2026-12-01',
        reason: '协商退回',
        byName: '青石镇民政办',
        at: '2026-12-01T03:00:00.000Z',
        ledgerEntryId: 'recovery-c1',
      },
      amount: null,
      notice: null,
      flags: [],
      steps: [],
      generatedAt: '2026-12-01T04:00:00.000Z',
    } satisfies FourPublicSheet;
    const decision = toCaseSheetScreen(sheet).sections.find((section) => section.key === 'decision')!;
    expect(decision.rows.slice(-5)).toEqual([
      { label: '未追认的款项', value: '未予追认，乡镇已追回 300元（先行发放 1000元）' },
      { label: '追回日期', value: '2026-12-01' },
      { label: '乡镇处理理由', value: '协商退回' },
      { label: '乡镇处理人', value: '青石镇民政办，2026年12月1日 11:00' },
      { label: '追回入账', value: 'recovery-c1' },
    ]);
  });

  it('R-PROC-8: the monthly figures carry a 先行救助未追认 line when there was any', () => {
    const base = {
      received: 1,
      accepted: 1,
      paid: 1,
      paidFenByType: { supplementary: 0, emergency: 1_000_00 },
      deadlinesMet: 1,
      deadlinesMissed: 0,
    };
    const none = { count: 0, paidFen: 0, recovered: 0, recoveredFen: 0, writtenOff: 0, writtenOffFen: 0, pending: 0 };
    expect(caseStatsLines(base).map((line) => line.key)).not.toContain('unratified');
    expect(caseStatsLines({ ...base, unratified: none }).map((line) => line.key)).not.toContain('unratified');
    const lines = caseStatsLines({
      ...base,
      unratified: { ...none, count: 2, paidFen: 1_600_00, recovered: 1, recoveredFen: 300_00, pending: 1 },
    });
    expect(lines.at(-1)).toEqual({
      key: 'unratified',
      label: '先行救助未追认',
      value: '2 件，先行发放 ¥1,600.00；追回 1 件 ¥300.00，核销 0 件，待乡镇处理 1 件',
    });
  });
});

describe('township: 临时救助 referrals (R-CAP-1/2)', () => {
  it('R-CAP-2: a row says what is asked, why, and what the society itself gave', () => {
    const row = toReferralRow({
      caseId: 'c2',
      caseNo: '2026-007',
      societyId: 'soc-wangjia',
      societyName: '王家村救急难互助社',
      maskedName: '孙*珍',
      referralId: 'ref-1',
      askedFen: 8_000_00,
      reason: '手术费用超出上限',
      byName: '刘芳',
      at: '2026-11-30T06:00:00.000Z',
      societyReliefText: '应急救助 1000元（已发放）',
    });
    expect(row).toMatchObject({
      askedText: '申请临时救助 8000元',
      reasonText: '理由：手术费用超出上限',
      societyReliefText: '互助社已给予：应急救助 1000元（已发放）',
      meta: '刘芳 转来，2026年11月30日 14:00',
    });
  });

  it('R-CAP-2: an acceptance names an amount; a decline names a reason', () => {
    const form = emptyAnswerForm('c2', 'ref-1');
    expect(answerProblem(form)).toBe('请填写给予的临时救助金额（元，大于 0）');
    expect(answerProblem({ ...form, amountYuan: '0' })).toBe('请填写给予的临时救助金额（元，大于 0）');
    expect(toAnswerInput({ ...form, amountYuan: '5000' })).toEqual({
      caseId: 'c2',
      referralId: 'ref-1',
      accepted: true,
      amountFen: 5_000_00,
      reason: '',
    });
    const decline = { ...form, accepted: false, amountYuan: '5000' };
    expect(answerProblem(decline)).toBe('请写明不予受理的理由');
    expect(toAnswerInput({ ...decline, reason: ' 已享受过 ' })).toMatchObject({
      accepted: false,
      amountFen: 0,
      reason: '已享受过',
    });
  });

  it('R-CAP-2: the decision page offers the referral while none waits for the township', () => {
    expect(referProblem('', '超出上限')).toBe(REFER_AMOUNT_MESSAGE);
    expect(referProblem('8000', ' ')).toBe(REFER_REASON_MESSAGE);
    expect(referProblem('8000', '超出上限')).toBe('');
    expect(toReferInput({ id: 'c2' }, '8,000', ' 超出上限 ', 'refer-req-1')).toEqual({
      caseId: 'c2',
      requestId: 'refer-req-1',
      askedFen: 8_000_00,
      reason: '超出上限',
    });
    const waiting: ReferralView = {
      id: 'ref-1',
      kind: 'temporaryAssistance',
      kindLabel: '转乡镇临时救助',
      description: '超出上限',
      ownerName: '青石镇',
      followUpDate: '2026-12-07',
      status: 'open',
      statusLabel: '跟进中',
      notes: [],
      createdAt: '2026-11-30T06:00:00.000Z',
      township: {
        townshipName: '青石镇',
        askedFen: 8_000_00,
        reason: '超出上限',
        byName: '刘芳',
        outcome: null,
        statusText: '等待青石镇答复',
      },
    };
    const view = (extra: Partial<OfficerCaseView>) => ({ ...officerCaseView(), ...extra }) as OfficerCaseView;
    expect(toDecisionScreen(view({ actions: ['recordVisit'] })).township).toBeNull();
    expect(toDecisionScreen(view({ actions: ['referTownship'] })).township).toMatchObject({ canRefer: true, rows: [] });
    expect(toDecisionScreen(view({ actions: ['referTownship'], referrals: [waiting] })).township).toMatchObject({
      canRefer: false,
      rows: [{ id: 'ref-1', statusText: '等待青石镇答复' }],
    });
  });
});

/** The smallest officer view the decision screen reads. */
function officerCaseView(): Partial<OfficerCaseView> {
  return {
    id: 'c2',
    caseNo: '2026-007',
    state: 'accepted',
    stateLabel: '已受理，待入户核查',
    causeLabel: '重大疾病',
    person: { name: '孙秀珍' } as OfficerCaseView['person'],
    eligibility: { summary: '可以申请应急救助' } as OfficerCaseView['eligibility'],
    listCheck: {
      listedLabels: [],
      importedLabels: [],
      mismatches: [],
      summary: '本村尚未导入名单，以申请人填报和入户核实为准',
    },
    deadlines: [],
    referrals: [],
    repeatCases: [],
    proposal: null,
    visit: null,
    decision: null,
    reliefFirst: null,
    payout: null,
    recused: false,
    actions: [],
  };
}
