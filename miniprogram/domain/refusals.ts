/**
 * Why a step of a relief case is refused where the case stands, and what the person can do next,
 * in words a villager reads: the one table beside the transition table of ./case.ts. The cloud
 * answers these when CASE_TRANSITIONS has no transition for the step (INVALID_STATE); a page may
 * show the same before asking. Pure: no wx.
 */
import type { CaseProgress, CaseState, CaseStep } from './case';

/** The case is over: nothing more happens to it (referrals aside). */
const ENDED: Partial<Record<CaseState, string>> = {
  closed: '案件已经结案',
  rejected: '申请未予批准，案件已办结',
  declined: '申请不予受理，案件已办结',
  withdrawn: '申请已经撤回，案件已办结',
};

const ASK_SECRETARY = '如有疑问，请联系村秘书长';

/** What a case in `state` is waiting for, as the reason a step cannot be taken yet. */
const WAITING_FOR: Record<CaseState, string> = {
  submitted: '申请还没有受理',
  accepted: '申请已受理，还没有入户核查',
  visited: '已入户核查，还没有提出审批意见',
  proposed: '审批意见已提交，正在等待审批',
  approved: '救助已批准，正在等待发放',
  paid: '救助已经发放',
  closed: '案件已经结案',
  rejected: '申请未予批准，案件已办结',
  declined: '申请不予受理，案件已办结',
  withdrawn: '申请已经撤回，案件已办结',
};

function ended(state: CaseState): string | null {
  return ENDED[state] ?? null;
}

/** A case that already exists cannot be created again. */
function created(): string {
  return '这个案件已经存在，不能重复提交；请在“我的申请”或案件列表中查看办理进度';
}

function acceptOrDecline(progress: CaseProgress, verb: string): string {
  const over = ended(progress.state);
  if (progress.state === 'withdrawn') return `申请人已经撤回申请，不能再${verb}`;
  if (progress.state === 'declined') return '这份申请已经决定不予受理，不能再次处理';
  if (over) return `${over}，不能再${verb}`;
  return `这份申请已经受理过了，不能再${verb}；请继续入户核查和审批`;
}

function withdraw(progress: CaseProgress): string {
  const { state } = progress;
  if (state === 'withdrawn') return '申请已经撤回过了，不需要再撤回';
  const over = ended(state);
  if (over) return `${over}，不能撤回；${ASK_SECRETARY}`;
  if (state === 'paid') return `救助已经发放，不能撤回；${ASK_SECRETARY}`;
  if (state === 'approved') return '申请已批准，不能自行撤回；如不再需要救助，请联系村秘书长';
  return '申请已受理，不能自行撤回；如需撤回，请联系村秘书长';
}

function addMaterials(progress: CaseProgress): string {
  const over = ended(progress.state);
  if (over) return `${over}，不能再补充材料；${ASK_SECRETARY}`;
  return `${WAITING_FOR[progress.state]}，材料已不能再补充；如有新情况，请联系村秘书长`;
}

function recordVisit(progress: CaseProgress): string {
  const { state } = progress;
  if (state === 'submitted') return '申请还没有受理，请先受理再入户核查';
  const over = ended(state);
  if (over) return `${over}，不需要再入户核查`;
  if (state === 'paid' && progress.reliefFirst) return '先行救助后的入户核查已经记录过了，请补办说明和审批';
  return '这个案件已经入户核查过了，不能重复记录';
}

function propose(progress: CaseProgress): string {
  const { state } = progress;
  if (state === 'submitted') return '申请还没有受理，请先受理并入户核查';
  if (state === 'accepted') return '还没有入户核查，请先完成入户核查再提出审批意见';
  if (state === 'proposed') return '审批意见已经提交过了，正在等待审批';
  if (state === 'withdrawn' || state === 'declined') return `${WAITING_FOR[state]}，不能提出审批意见`;
  return '这个案件已经审批过了，不能再提出审批意见';
}

/** Approving or rejecting (the approver's decision). */
function decide(progress: CaseProgress): string {
  const { state } = progress;
  if (state === 'submitted' || state === 'accepted' || state === 'visited') {
    return '还没有提出审批意见，不能审批；请等待秘书长入户核查并提出审批意见';
  }
  if (state === 'approved' || state === 'paid' || state === 'closed') {
    return '这个案件已经审批过了（已批准），不能重复审批';
  }
  if (state === 'rejected') return '这个案件已经审批过了（未予批准），不能重复审批';
  return `${WAITING_FOR[state]}，不能审批`;
}

function disburse(progress: CaseProgress): string {
  const { state } = progress;
  if (state === 'paid' || state === 'closed') return '这笔救助已经发放过了，不能重复发放';
  if (state === 'proposed') return '救助还没有批准，不能发放；请等待审批';
  const over = ended(state);
  if (over) return `${over}，不能发放`;
  return '救助还没有审批，不能发放；情况紧急的，可在受理后先行救助';
}

function reliefFirst(progress: CaseProgress): string {
  const { state } = progress;
  if (state === 'submitted') return '申请还没有受理，请先受理再先行救助';
  if (state === 'visited' || state === 'proposed') return `${WAITING_FOR[state]}，不能再先行救助；请尽快完成审批`;
  if (state === 'approved') return '救助已批准，请直接发放，不需要先行救助';
  if (state === 'paid' || state === 'closed') return '这笔救助已经发放过了，不能重复发放';
  return `${ended(state) ?? WAITING_FOR[state]}，不能先行救助`;
}

function fileExplanation(progress: CaseProgress): string {
  if (!progress.reliefFirst) return '只有先行救助的案件才需要补办说明和审批';
  if (progress.explanationFiled) return '先行救助的说明和审批已经补办过了';
  if (!progress.visitRecorded) return '请先补录入户核查记录，再补办说明和审批';
  return `${ended(progress.state) ?? WAITING_FOR[progress.state]}，不能补办说明和审批`;
}

function confirmReceipt(progress: CaseProgress): string {
  const { state } = progress;
  if (state === 'paid') {
    if (!progress.moneyPaid) return '这次救助是转介服务，没有发放钱物，不需要确认收到';
    return '已经确认收到过了，不需要再确认';
  }
  if (state === 'closed') return '案件已经结案，不需要再确认收到';
  if (state === 'rejected' || state === 'declined' || state === 'withdrawn') {
    return `${WAITING_FOR[state]}，没有发放救助，不需要确认收到`;
  }
  return '救助还没有发放，不能确认收到；发放后再确认';
}

function referral(progress: CaseProgress): string {
  const over = ended(progress.state);
  if (over) return `${over}，不能再转介帮扶`;
  return '救助发放后才能转介帮扶；请先完成审批和发放';
}

function close(progress: CaseProgress): string {
  const { state } = progress;
  if (state === 'closed') return '案件已经结案了';
  if (state === 'paid') {
    if (progress.moneyPaid && !progress.receiptConfirmed) {
      return '还没有领款人确认（收据照片或本人确认），不能结案';
    }
    if (progress.reliefFirst && !progress.explanationFiled) return '先行救助还没有补办说明和审批，不能结案';
  }
  const over = ended(state);
  if (over) return `${over}，不需要再结案`;
  return '救助还没有发放，不能结案；请先完成审批和发放';
}

/** R-PROC-5: the township settles only money paid first that the approver did not ratify, once. */
function settleUnratified(progress: CaseProgress): string {
  if (!progress.reliefFirst) return '只有先行救助的案件才会有未追认款项需要乡镇处理';
  if (!progress.explanationFiled) return '先行救助还没有补办说明和审批，是否追认尚未决定';
  if (progress.state === 'paid' || progress.state === 'closed') {
    return '这笔先行救助已经追认，或乡镇已经处理过，不需要再处理';
  }
  return `${ended(progress.state) ?? WAITING_FOR[progress.state]}，没有需要乡镇处理的先行救助款项`;
}

/** Beyond the society's authority: a referral to the township's 临时救助, from acceptance on. */
function township(progress: CaseProgress): string {
  const { state } = progress;
  if (state === 'submitted') return '申请还没有受理，请先受理再转乡镇临时救助';
  return `${ended(state) ?? WAITING_FOR[state]}，不能转乡镇临时救助`;
}

/**
 * THE table: for each step, why it is refused for a case at `progress`, and what to do next.
 * Typed by CaseStep, so a new step cannot be added without its explanation.
 */
export const STEP_REFUSALS: Record<CaseStep, (progress: CaseProgress) => string> = {
  submit: created,
  discover: created,
  accept: (progress) => acceptOrDecline(progress, '受理'),
  decline: (progress) => acceptOrDecline(progress, '决定不予受理'),
  withdraw,
  addMaterials,
  recordVisit,
  propose,
  approve: decide,
  reject: decide,
  disburse,
  reliefFirst,
  fileExplanation,
  confirmReceipt,
  addReferral: referral,
  updateReferral: referral,
  close,
  settleUnratified,
  referTownship: township,
  townshipReferralOutcome: (progress) =>
    progress.state === 'submitted' ? '申请还没有受理，没有转来的临时救助需要答复' : township(progress),
};

/** Why `step` cannot be taken now (no progress: the case does not exist yet). */
export function refusalMessage(step: CaseStep, progress: CaseProgress | null): string {
  if (!progress) return '没有找到这个救助案件，请刷新后重试';
  return STEP_REFUSALS[step](progress);
}
