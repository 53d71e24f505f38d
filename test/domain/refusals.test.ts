/** miniprogram/domain/refusals.ts: every refused step of a relief case says why and what to do next. */
import {
  CASE_STATE_LABELS,
  CASE_STEP_LABELS,
  transitionFor,
  type CaseProgress,
  type CaseState,
  type CaseStep,
} from '../../miniprogram/domain/case';
import { refusalMessage, STEP_REFUSALS } from '../../miniprogram/domain/refusals';

const STATES = Object.keys(CASE_STATE_LABELS) as CaseState[];
const STEPS = Object.keys(CASE_STEP_LABELS) as CaseStep[];
const FLAGS = ['reliefFirst', 'visitRecorded', 'explanationFiled', 'receiptConfirmed', 'moneyPaid'] as const;

/** Every state with every combination of the guards' flags. */
function everyProgress(): CaseProgress[] {
  const all: CaseProgress[] = [];
  for (const state of STATES) {
    for (let bits = 0; bits < 1 << FLAGS.length; bits += 1) {
      const progress = { state } as CaseProgress;
      FLAGS.forEach((flag, i) => (progress[flag] = (bits & (1 << i)) !== 0));
      all.push(progress);
    }
  }
  return all;
}

const base: CaseProgress = {
  state: 'submitted',
  reliefFirst: false,
  visitRecorded: false,
  explanationFiled: false,
  receiptConfirmed: false,
  moneyPaid: false,
};
const at = (state: CaseState, more: Partial<CaseProgress> = {}): CaseProgress => ({ ...base, state, ...more });

describe('the refusal table', () => {
  it('has an explanation for every step of the transition table', () => {
    expect(Object.keys(STEP_REFUSALS).sort()).toEqual([...STEPS].sort());
  });

  it('every (step, state) the transition table refuses has a Chinese message with no English and no generic wording', () => {
    let refused = 0;
    for (const progress of everyProgress()) {
      for (const step of STEPS) {
        if (transitionFor(progress, step)) continue;
        refused += 1;
        const message = refusalMessage(step, progress);
        const where = `${step} at ${JSON.stringify(progress)}`;
        expect({ where, message }).toEqual({
          where,
          message: expect.stringMatching(/^[^A-Za-z]*[\u4e00-\u9fa5][^A-Za-z]*$/),
        });
        expect({ where, message }).not.toEqual({ where, message: expect.stringContaining('当前状态下不能进行此操作') });
      }
    }
    expect(refused).toBeGreaterThan(STATES.length * STEPS.length);
  });

  it('withdrawing after acceptance: cannot withdraw alone, ask the village secretary', () => {
    expect(refusalMessage('withdraw', at('accepted'))).toBe('申请已受理，不能自行撤回；如需撤回，请联系村秘书长');
    expect(refusalMessage('withdraw', at('proposed'))).toBe('申请已受理，不能自行撤回；如需撤回，请联系村秘书长');
    expect(refusalMessage('withdraw', at('paid', { moneyPaid: true }))).toContain('救助已经发放，不能撤回');
    expect(refusalMessage('withdraw', at('withdrawn'))).toBe('申请已经撤回过了，不需要再撤回');
  });

  it('approving or rejecting a case already decided says it was decided, and how', () => {
    expect(refusalMessage('approve', at('approved'))).toBe('这个案件已经审批过了（已批准），不能重复审批');
    expect(refusalMessage('reject', at('paid', { moneyPaid: true }))).toBe(
      '这个案件已经审批过了（已批准），不能重复审批',
    );
    expect(refusalMessage('approve', at('rejected'))).toBe('这个案件已经审批过了（未予批准），不能重复审批');
    expect(refusalMessage('approve', at('accepted'))).toContain('还没有提出审批意见');
  });

  it('R-PROC-4: paying twice, or before approval, says so; before approval it points at 先行救助 (R-PROC-5)', () => {
    expect(refusalMessage('disburse', at('paid', { moneyPaid: true }))).toBe('这笔救助已经发放过了，不能重复发放');
    expect(refusalMessage('disburse', at('proposed'))).toBe('救助还没有批准，不能发放；请等待审批');
    expect(refusalMessage('disburse', at('accepted'))).toContain('先行救助');
  });

  it('closing names what is missing: the receipt, or the 先行救助 explanation', () => {
    expect(refusalMessage('close', at('paid', { moneyPaid: true }))).toBe(
      '还没有领款人确认（收据照片或本人确认），不能结案',
    );
    expect(
      refusalMessage(
        'close',
        at('paid', { reliefFirst: true, visitRecorded: true, moneyPaid: true, receiptConfirmed: true }),
      ),
    ).toBe('先行救助还没有补办说明和审批，不能结案');
    expect(refusalMessage('close', at('approved'))).toContain('救助还没有发放');
  });

  it('a case that is over says so, whatever is tried', () => {
    for (const step of ['accept', 'addMaterials', 'recordVisit', 'disburse', 'close'] as const) {
      expect(refusalMessage(step, at('declined'))).toMatch(/不予受理/);
      expect(refusalMessage(step, at('withdrawn'))).toMatch(/撤回/);
    }
  });
});
