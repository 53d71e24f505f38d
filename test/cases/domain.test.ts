import {
  DEFAULT_RELIEF_TIERS,
  RELIEF_CAP_FEN,
  checkEligibility,
  checkReliefAmount,
  materialsChecklist,
  tierProblems,
  type EligibilityInput,
} from '../../miniprogram/domain/relief';
import {
  CASE_TRANSITIONS,
  availableSteps,
  formatBeijingTime,
  formatDuration,
  transitionFor,
  type CaseProgress,
  type CaseState,
} from '../../miniprogram/domain/case';
import { createWorkCalendar } from '../../server/domain/workdays';
import {
  completeDeadline,
  deadlineOutcome,
  deadlineView,
  dueAfter,
  nextOpenDeadline,
  startDeadline,
} from '../../server/domain/case-deadlines';
import { personKeyOf, seal, unseal } from '../../server/cases/pii';
import { makeIdNumber } from '../../miniprogram/domain/id-number';

const base: EligibilityInput = {
  hukou: 'beneficiary',
  cause: 'majorIllness',
  assistance: [],
  category: 'nearDibao',
  livingAtRisk: true,
};

describe('eligibility (R-ELIG)', () => {
  it('R-ELIG-1: without household registration of the person or a co-resident family member, not eligible', () => {
    const result = checkEligibility({ ...base, hukou: 'none' });
    expect(result).toMatchObject({ outcome: 'ineligible', reliefType: null, capFen: null });
    expect(result.ruleIds).toContain('R-ELIG-1');
    expect(result.reasons.join('')).toContain('本村户籍');
    expect(checkEligibility({ ...base, hukou: 'coResidentFamily' }).outcome).toBe('eligible');
  });

  it('R-ELIG-2: basic living not at risk is not eligible', () => {
    const result = checkEligibility({ ...base, livingAtRisk: false });
    expect(result.outcome).toBe('ineligible');
    expect(result.ruleIds).toEqual(['R-ELIG-2']);
  });

  it.each([['dibao'], ['tekun'], ['temporary']] as const)(
    'R-ELIG-3, R-CAP-1: a household receiving %s gets supplementary relief, up to 500 yuan',
    (assistance) => {
      const result = checkEligibility({ ...base, assistance: [assistance], category: 'nearDibao' });
      expect(result).toMatchObject({ outcome: 'eligible', reliefType: 'supplementary', capFen: 500_00 });
      expect(result.summary).toBe('可以申请补充救助，每人次最多 500元');
      expect(result.ruleIds).toEqual(expect.arrayContaining(['R-ELIG-3', 'R-CAP-1']));
    },
  );

  it.each([['nearDibao'], ['relapseMonitored'], ['expenditureHardship']] as const)(
    'R-ELIG-4, R-CAP-2: a %s household without government assistance gets emergency relief, up to 1,000 yuan',
    (category) => {
      const result = checkEligibility({ ...base, category });
      expect(result).toMatchObject({ outcome: 'eligible', reliefType: 'emergency', capFen: 1_000_00 });
      expect(result.reasons[0]).toContain('可以申请应急救助');
    },
  );

  it('R-ELIG-4: a household in none of the categories may apply; the visit decides (emergency cap)', () => {
    const result = checkEligibility({ ...base, category: 'other' });
    expect(result).toMatchObject({ outcome: 'needsReview', reliefType: 'emergency', capFen: 1_000_00 });
    expect(result.summary).toContain('入户核实');
  });

  it('R-ELIG-4: 不清楚 the category is never a refusal: may apply, the home visit verifies the category and so the relief type', () => {
    const result = checkEligibility({ ...base, category: 'unsure' });
    expect(result).toMatchObject({ outcome: 'needsReview', summary: '可以申请，入户核实后确定救助类型' });
    expect(result.ruleIds).toEqual(expect.arrayContaining(['R-ELIG-1', 'R-ELIG-2', 'R-ELIG-4']));
    expect(result.reasons.join('')).toContain('入户核实');
    // Receiving 低保 decides the type whatever the category (R-ELIG-3); no village hukou still refuses (R-ELIG-1).
    expect(checkEligibility({ ...base, category: 'unsure', assistance: ['dibao'] })).toMatchObject({
      outcome: 'eligible',
      reliefType: 'supplementary',
    });
    expect(checkEligibility({ ...base, category: 'unsure', hukou: 'none' }).outcome).toBe('ineligible');
    // Nothing to prove a category the applicant does not know: the village verifies it.
    const checklist = materialsChecklist({ cause: 'other', assistance: [], category: 'unsure', relationship: 'self' });
    expect(checklist.map((item) => item.kind)).not.toContain('categoryProof');
  });
});

describe('caps and tiers (R-CAP)', () => {
  const tiers = DEFAULT_RELIEF_TIERS;
  it('R-CAP-1: supplementary relief is capped at 500 yuan per person-time', () => {
    expect(RELIEF_CAP_FEN.supplementary).toBe(500_00);
    expect(
      checkReliefAmount({ reliefType: 'supplementary', form: 'cash', amountFen: 500_00, tierId: 's3', tiers }).ok,
    ).toBe(true);
    const over = checkReliefAmount({
      reliefType: 'supplementary',
      form: 'cash',
      amountFen: 500_01,
      tierId: 's3',
      tiers: { ...tiers, supplementary: [{ id: 's3', label: '越限', amountFen: 900_00 }] },
    });
    expect(over).toMatchObject({ ok: false, code: 'OVER_CAP' });
  });

  it('R-CAP-2: emergency relief is capped at 1,000 yuan per person-time', () => {
    expect(
      checkReliefAmount({ reliefType: 'emergency', form: 'inKind', amountFen: 1_000_00, tierId: 'e3', tiers }).ok,
    ).toBe(true);
    expect(
      checkReliefAmount({ reliefType: 'emergency', form: 'cash', amountFen: 1_000_01, tierId: 'e3', tiers }),
    ).toMatchObject({ ok: false, code: 'OVER_CAP' });
  });

  it('R-CAP-3: an amount is at most the chosen tier; a referral moves no money', () => {
    expect(
      checkReliefAmount({ reliefType: 'supplementary', form: 'cash', amountFen: 300_01, tierId: 's2', tiers }),
    ).toMatchObject({ ok: false, code: 'OVER_CAP' });
    expect(
      checkReliefAmount({ reliefType: 'supplementary', form: 'cash', amountFen: 250_00, tierId: 's2', tiers }).ok,
    ).toBe(true);
    expect(
      checkReliefAmount({ reliefType: 'emergency', form: 'cash', amountFen: 100_00, tierId: null, tiers }).ok,
    ).toBe(false);
    expect(checkReliefAmount({ reliefType: 'emergency', form: 'referral', amountFen: 0, tierId: null, tiers }).ok).toBe(
      true,
    );
    expect(checkReliefAmount({ reliefType: 'emergency', form: 'referral', amountFen: 1, tierId: null, tiers }).ok).toBe(
      false,
    );
  });

  it('R-CAP-3: a society cannot set tiers above the caps', () => {
    expect(tierProblems(DEFAULT_RELIEF_TIERS)).toEqual([]);
    const problems = tierProblems({
      supplementary: [{ id: 's1', label: '一档', amountFen: 600_00 }],
      emergency: [
        { id: 'e1', label: '一档', amountFen: 300_00 },
        { id: 'e1', label: '二档', amountFen: 500_00 },
      ],
    });
    expect(problems).toHaveLength(2);
    expect(problems[0]).toContain('超过每人次 500元 的上限');
  });
});

describe('materials checklist (R-PROC-2)', () => {
  it('asks for the form, household book, ID, proof of hardship and finances, plus what the household type needs', () => {
    const illness = materialsChecklist({
      cause: 'majorIllness',
      assistance: ['dibao'],
      category: 'other',
      relationship: 'spouse',
    });
    expect(illness.map((item) => item.kind)).toEqual([
      'applicationForm',
      'householdBook',
      'idCard',
      'hardshipProof',
      'financialStatement',
      'assistanceProof',
    ]);
    expect(illness.find((item) => item.kind === 'hardshipProof')!.note).toContain('诊断证明');
    expect(illness.find((item) => item.kind === 'householdBook')!.originalChecked).toBe(true);
    const fire = materialsChecklist({
      cause: 'accident',
      assistance: [],
      category: 'expenditureHardship',
      relationship: 'self',
    });
    expect(fire.find((item) => item.kind === 'categoryProof')).toMatchObject({ required: true });
    expect(fire.find((item) => item.kind === 'hardshipProof')!.note).toContain('事故证明');
  });
});

describe('the case transition table', () => {
  const progress = (state: CaseState, extra: Partial<CaseProgress> = {}): CaseProgress => ({
    state,
    reliefFirst: false,
    visitRecorded: false,
    explanationFiled: false,
    receiptConfirmed: false,
    moneyPaid: false,
    ...extra,
  });

  it('R-PROC-1: a case starts from an application (submitted) or a discovery (accepted)', () => {
    expect(transitionFor(null, 'submit')?.to).toBe('submitted');
    expect(transitionFor(null, 'discover')?.to).toBe('accepted');
    expect(transitionFor(null, 'accept')).toBeNull();
  });

  it('walks the normal path and nothing skips a step', () => {
    const path: Array<[CaseState, Parameters<typeof transitionFor>[1], CaseState]> = [
      ['submitted', 'accept', 'accepted'],
      ['accepted', 'recordVisit', 'visited'],
      ['visited', 'propose', 'proposed'],
      ['proposed', 'approve', 'approved'],
      ['approved', 'disburse', 'paid'],
    ];
    for (const [from, step, to] of path) expect(transitionFor(progress(from), step)?.to).toBe(to);
    expect(transitionFor(progress('accepted'), 'approve')).toBeNull();
    expect(transitionFor(progress('visited'), 'disburse')).toBeNull();
    expect(transitionFor(progress('submitted'), 'reliefFirst')).toBeNull();
    expect(transitionFor(progress('proposed'), 'reject')?.to).toBe('rejected');
  });

  it('R-PROC-5: 先行救助 goes accepted → paid; the visit and the decision follow, then it can close', () => {
    expect(transitionFor(progress('accepted'), 'reliefFirst')?.to).toBe('paid');
    const paidFirst = progress('paid', { reliefFirst: true, moneyPaid: true, receiptConfirmed: true });
    expect(availableSteps(paidFirst)).toEqual(expect.arrayContaining(['recordVisit']));
    expect(availableSteps(paidFirst)).not.toContain('fileExplanation');
    expect(availableSteps(paidFirst)).not.toContain('close');
    const visited = { ...paidFirst, visitRecorded: true };
    expect(availableSteps(visited)).toContain('fileExplanation');
    expect(availableSteps(visited)).not.toContain('recordVisit');
    expect(availableSteps({ ...visited, explanationFiled: true })).toContain('close');
  });

  it('a paid case closes only after the recipient confirmed; a referral needs no receipt', () => {
    expect(availableSteps(progress('paid', { moneyPaid: true }))).toEqual(
      expect.arrayContaining(['confirmReceipt', 'addReferral']),
    );
    expect(availableSteps(progress('paid', { moneyPaid: true }))).not.toContain('close');
    expect(availableSteps(progress('paid', { moneyPaid: false }))).toContain('close');
  });

  it('final states allow nothing but follow-up referrals (the township’s among them)', () => {
    for (const state of ['withdrawn', 'declined'] as const) expect(availableSteps(progress(state))).toEqual([]);
    expect(availableSteps(progress('closed'))).toEqual([
      'addReferral',
      'updateReferral',
      'referTownship',
      'townshipReferralOutcome',
    ]);
    expect(CASE_TRANSITIONS.filter((t) => t.from === 'closed' && t.to !== 'closed')).toEqual([]);
  });

  it('R-PROC-5: money paid first and not ratified awaits the township, paid or closed, once', () => {
    const unratified = { reliefFirst: true, visitRecorded: true, explanationFiled: true, moneyPaid: true };
    for (const state of ['paid', 'closed'] as const) {
      expect(
        transitionFor(progress(state, { ...unratified, unratifiedPending: true }), 'settleUnratified'),
      ).toMatchObject({ to: state, actor: 'township' });
      expect(
        transitionFor(progress(state, { ...unratified, unratifiedPending: false }), 'settleUnratified'),
      ).toBeNull();
    }
    expect(transitionFor(progress('approved', { unratifiedPending: true }), 'settleUnratified')).toBeNull();
  });

  it('R-CAP-1/2: a case goes to the township’s 临时救助 from acceptance on, and only the township answers', () => {
    expect(transitionFor(progress('submitted'), 'referTownship')).toBeNull();
    for (const state of ['accepted', 'visited', 'proposed', 'approved', 'paid', 'closed', 'rejected'] as const) {
      expect(transitionFor(progress(state), 'referTownship')).toMatchObject({ to: state, actor: 'officer' });
      expect(transitionFor(progress(state), 'townshipReferralOutcome')).toMatchObject({ to: state, actor: 'township' });
    }
  });
});

describe('working-day deadlines (R-PROC-3/4/5)', () => {
  const calendar = createWorkCalendar();
  const at = (iso: string) => new Date(iso);

  it('R-PROC-3: accepted 2026-09-30 17:00 → visit due 2026-10-08 17:00 across the National Day holiday', () => {
    expect(dueAfter(calendar, 'visit', at('2026-09-30T17:00:00+08:00'))).toBe(
      at('2026-10-08T17:00:00+08:00').toISOString(),
    );
  });

  it('R-PROC-4: approved on Friday afternoon → payout due Monday at the same time; a make-up Saturday counts', () => {
    expect(dueAfter(calendar, 'payout', at('2026-11-27T15:00:00+08:00'))).toBe(
      at('2026-11-30T15:00:00+08:00').toISOString(),
    );
    // 2026-10-10 is a make-up working Saturday (调休).
    expect(dueAfter(calendar, 'payout', at('2026-10-09T10:00:00+08:00'))).toBe(
      at('2026-10-10T10:00:00+08:00').toISOString(),
    );
  });

  it('R-PROC-5: paid first on a Saturday → explanation due by the end of Monday', () => {
    expect(dueAfter(calendar, 'explanation', at('2026-11-28T10:00:00+08:00'))).toBe(
      at('2026-12-01T00:00:00+08:00').toISOString(),
    );
  });

  it('shows time left, overdue, met and missed', () => {
    const deadlines = startDeadline({}, calendar, 'visit', at('2026-11-30T09:30:00+08:00'));
    const running = deadlineView(calendar, 'visit', deadlines.visit!, at('2026-11-30T14:00:00+08:00'));
    expect(running).toMatchObject({ overdue: false, met: null, text: '截止 12月1日 09:30，剩余 19小时30分' });
    const late = deadlineView(calendar, 'visit', deadlines.visit!, at('2026-12-01T11:30:00+08:00'));
    expect(late).toMatchObject({ overdue: true, text: '已超时 2小时（截止 12月1日 09:30）' });
    const done = completeDeadline(deadlines, 'visit', at('2026-12-01T09:00:00+08:00'));
    expect(deadlineView(calendar, 'visit', done.visit!, at('2026-12-05T00:00:00+08:00'))).toMatchObject({
      overdue: false,
      met: true,
      text: '已按时完成',
    });
    expect(deadlineOutcome(done.visit!, '2027-01-01T00:00:00Z')).toBe('met');
    expect(deadlineOutcome(deadlines.visit!, '2026-12-02T00:00:00Z')).toBe('missed');
    expect(deadlineOutcome(deadlines.visit!, '2026-11-30T12:00:00Z')).toBe('pending');
    expect(nextOpenDeadline(done)).toBeNull();
  });

  it('formats Beijing times and durations in Chinese', () => {
    expect(formatBeijingTime('2026-09-30T09:00:00Z', true)).toBe('2026年9月30日 17:00');
    expect(formatDuration(26 * 3_600_000 + 5 * 60_000)).toBe('1天2小时');
    expect(formatDuration(45 * 60_000)).toBe('45分钟');
  });
});

describe('personal information at rest', () => {
  it('seals ID numbers (no plain text stored) and finds the same person by a keyed hash', () => {
    const id = makeIdNumber({ birthDate: '1968-05-18', sequence: 35 });
    const sealed = seal(id);
    expect(sealed).not.toContain(id);
    expect(seal(id)).not.toBe(sealed);
    expect(unseal(sealed)).toBe(id);
    expect(personKeyOf(id)).toBe(personKeyOf(id));
    expect(personKeyOf(id)).not.toBe(personKeyOf(makeIdNumber({ birthDate: '1968-05-18', sequence: 37 })));
    expect(personKeyOf(id)).not.toContain(id.slice(6, 14));
  });
});
