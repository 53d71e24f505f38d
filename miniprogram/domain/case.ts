/**
 * A relief case from application (or discovery) to closing: its states, the one transition
 * table every step goes through, the events that record each step, the deadlines
 * (R-PROC-3/4/5) and the shapes the pages receive. Pure: no wx, no I/O.
 */
import type { Role } from './society';
import type { CaseListCheck, RosterEntryView } from './roster';
import { formatYuanShort, type Fen } from './money';
import type {
  Cause,
  GovernmentAssistance,
  HouseholdCategory,
  HukouHolder,
  MaterialItem,
  MaterialKind,
  PayoutMethod,
  Relationship,
  ReliefForm,
  ReliefTier,
  ReliefTiers,
  ReliefType,
  EligibilityResult,
} from './relief';

/** R-PROC-1: an application from WeChat, or a case an officer opens for someone (主动发现). */
export type CaseOrigin = 'application' | 'discovery';
export const CASE_ORIGIN_LABELS: Record<CaseOrigin, string> = {
  application: '本人或家属申请',
  discovery: '主动发现',
};

export type CaseState =
  | 'submitted'
  | 'accepted'
  | 'visited'
  | 'proposed'
  | 'approved'
  | 'paid'
  | 'closed'
  | 'rejected'
  | 'declined'
  | 'withdrawn';

export const CASE_STATE_LABELS: Record<CaseState, string> = {
  submitted: '已提交，待受理',
  accepted: '已受理，待入户核查',
  visited: '已入户核查，待提出审批意见',
  proposed: '待社长审批',
  approved: '已批准，待发放',
  paid: '已发放',
  closed: '已结案',
  rejected: '未予批准',
  declined: '不予受理',
  withdrawn: '已撤回',
};

/** States in which nothing more happens to the case itself (referrals may still follow up). */
export const FINAL_STATES: readonly CaseState[] = ['closed', 'rejected', 'declined', 'withdrawn'];
export const OPEN_STATES: readonly CaseState[] = ['submitted', 'accepted', 'visited', 'proposed', 'approved', 'paid'];

/** Everything that can happen to a case; 'submit' and 'discover' create it. */
export type CaseStep =
  | 'submit'
  | 'discover'
  | 'accept'
  | 'decline'
  | 'withdraw'
  | 'addMaterials'
  | 'recordVisit'
  | 'propose'
  | 'approve'
  | 'reject'
  | 'disburse'
  | 'reliefFirst'
  | 'fileExplanation'
  | 'confirmReceipt'
  | 'addReferral'
  | 'updateReferral'
  | 'settleUnratified'
  | 'referTownship'
  | 'townshipReferralOutcome'
  | 'close';

export const CASE_STEP_LABELS: Record<CaseStep, string> = {
  submit: '提交申请',
  discover: '主动发现并立案',
  accept: '受理',
  decline: '不予受理',
  withdraw: '撤回申请',
  addMaterials: '补充材料',
  recordVisit: '入户核查',
  propose: '提出审批意见',
  approve: '批准',
  reject: '不予批准',
  disburse: '发放救助',
  reliefFirst: '先行救助',
  fileExplanation: '补办说明和审批',
  confirmReceipt: '确认收到',
  addReferral: '转介帮扶',
  updateReferral: '转介跟进',
  settleUnratified: '乡镇处理未追认的先行救助',
  referTownship: '转乡镇临时救助',
  townshipReferralOutcome: '乡镇答复临时救助',
  close: '结案',
};

/**
 * Who takes a step: the applicant (own case only); an officer (secretary or president of the
 * society, not of their own household); the approver (the president, or the second officer the
 * society named, never the one who proposed or paid first); or either an officer or the
 * applicant (materials; the receipt: a receipt photo by an officer or a tap by the recipient);
 * or the township covering the society (what is beyond the society: unratified 先行救助 money,
 * 临时救助 referrals).
 */
export type StepActor = 'applicant' | 'officer' | 'approver' | 'officerOrApplicant' | 'township';

/** What the table's guards look at besides the state. */
export interface CaseProgress {
  state: CaseState;
  /** Paid first (先行救助, R-PROC-5): visit and decision follow. */
  reliefFirst: boolean;
  visitRecorded: boolean;
  explanationFiled: boolean;
  receiptConfirmed: boolean;
  /** The payout moved money (cash, transfer, goods), so a receipt is due; false for a referral. */
  moneyPaid: boolean;
  /** R-PROC-5: paid first, not ratified, and the township has not yet recorded recovery or write-off. */
  unratifiedPending?: boolean;
}

export interface CaseTransition {
  step: CaseStep;
  /** null: the step creates the case. */
  from: CaseState | null;
  to: CaseState;
  actor: StepActor;
  /** Only when this holds. */
  when?: (progress: CaseProgress) => boolean;
}

const reliefFirstVisitDue = (p: CaseProgress) => p.reliefFirst && !p.visitRecorded;
const reliefFirstDecisionDue = (p: CaseProgress) => p.reliefFirst && p.visitRecorded && !p.explanationFiled;
const receiptDue = (p: CaseProgress) => p.moneyPaid && !p.receiptConfirmed;
const closable = (p: CaseProgress) => (!p.moneyPaid || p.receiptConfirmed) && (!p.reliefFirst || p.explanationFiled);

/** Where a case may be handed to the township's 临时救助: from acceptance on, and after it ends unpaid or paid. */
const TOWNSHIP_REFERRAL_STATES = ['accepted', 'visited', 'proposed', 'approved', 'paid', 'closed', 'rejected'] as const;

/**
 * THE transition table. Normal path: submitted → accepted → visited → proposed → approved → paid
 * → closed. A discovery starts accepted. 先行救助 goes accepted → paid, and the visit and the
 * decision are filed afterwards while the case stays paid.
 */
export const CASE_TRANSITIONS: readonly CaseTransition[] = [
  { step: 'submit', from: null, to: 'submitted', actor: 'applicant' },
  { step: 'discover', from: null, to: 'accepted', actor: 'officer' },
  { step: 'accept', from: 'submitted', to: 'accepted', actor: 'officer' },
  { step: 'decline', from: 'submitted', to: 'declined', actor: 'officer' },
  { step: 'withdraw', from: 'submitted', to: 'withdrawn', actor: 'applicant' },
  ...(['submitted', 'accepted', 'visited', 'proposed'] as const).map((state): CaseTransition => ({
    step: 'addMaterials',
    from: state,
    to: state,
    actor: 'officerOrApplicant',
  })),
  { step: 'recordVisit', from: 'accepted', to: 'visited', actor: 'officer' },
  { step: 'recordVisit', from: 'paid', to: 'paid', actor: 'officer', when: reliefFirstVisitDue },
  { step: 'propose', from: 'visited', to: 'proposed', actor: 'officer' },
  { step: 'approve', from: 'proposed', to: 'approved', actor: 'approver' },
  { step: 'reject', from: 'proposed', to: 'rejected', actor: 'approver' },
  { step: 'disburse', from: 'approved', to: 'paid', actor: 'officer' },
  { step: 'reliefFirst', from: 'accepted', to: 'paid', actor: 'officer' },
  { step: 'fileExplanation', from: 'paid', to: 'paid', actor: 'approver', when: reliefFirstDecisionDue },
  { step: 'confirmReceipt', from: 'paid', to: 'paid', actor: 'officerOrApplicant', when: receiptDue },
  ...(['paid', 'closed', 'rejected'] as const).flatMap((state): CaseTransition[] => [
    { step: 'addReferral', from: state, to: state, actor: 'officer' },
    { step: 'updateReferral', from: state, to: state, actor: 'officer' },
  ]),
  { step: 'close', from: 'paid', to: 'closed', actor: 'officer', when: closable },
  // R-PROC-5: money paid first and not ratified gets the township's decision (recovery or write-off),
  // before or after the case is closed: closing never waits for it, and it never goes missing.
  ...(['paid', 'closed'] as const).map((state): CaseTransition => ({
    step: 'settleUnratified',
    from: state,
    to: state,
    actor: 'township',
    when: (p) => p.unratifiedPending === true,
  })),
  // Beyond the society's authority (R-CAP-1/2): handed to the township's 临时救助 as a tracked
  // referral, whatever the society itself grants alongside; the township answers it.
  ...TOWNSHIP_REFERRAL_STATES.flatMap((state): CaseTransition[] => [
    { step: 'referTownship', from: state, to: state, actor: 'officer' },
    { step: 'townshipReferralOutcome', from: state, to: state, actor: 'township' },
  ]),
  // Its follow-up notes, while the case itself goes on (after relief, the row above covers it).
  ...(['accepted', 'visited', 'proposed', 'approved'] as const).map((state): CaseTransition => ({
    step: 'updateReferral',
    from: state,
    to: state,
    actor: 'officer',
  })),
];

/** The transition a step takes from where the case is, or null when the step is not allowed now. */
export function transitionFor(progress: CaseProgress | null, step: CaseStep): CaseTransition | null {
  const from = progress?.state ?? null;
  return (
    CASE_TRANSITIONS.find(
      (t) => t.step === step && t.from === from && (!t.when || (progress !== null && t.when(progress))),
    ) ?? null
  );
}

/** The steps allowed now, whoever may take them. */
export function availableSteps(progress: CaseProgress): CaseStep[] {
  const steps = CASE_TRANSITIONS.filter((t) => t.from === progress.state && (!t.when || t.when(progress))).map(
    (t) => t.step,
  );
  return [...new Set(steps)];
}

export function stepActor(step: CaseStep): StepActor {
  return CASE_TRANSITIONS.find((t) => t.step === step)?.actor ?? 'officer';
}

// ---------------------------------------------------------------------------------------------
// Deadlines (R-PROC-3, R-PROC-4, R-PROC-5)

export type DeadlineKind = 'visit' | 'decision' | 'payout' | 'explanation';
export const DEADLINE_KINDS: readonly DeadlineKind[] = ['visit', 'decision', 'payout', 'explanation'];
export const DEADLINE_LABELS: Record<DeadlineKind, string> = {
  visit: '入户核查和审核意见',
  decision: '审批决定',
  payout: '发放救助',
  explanation: '先行救助补办说明',
};
/**
 * Working days allowed: 1 each (R-PROC-3 from acceptance, R-PROC-4 from approval, R-PROC-5 from
 * the payout). The decision's is the default of a county setting (our reading of "no case
 * stalls": a proposal waiting longer is overdue to the township); the county may set another.
 */
export const DEADLINE_WORKING_DAYS: Record<DeadlineKind, number> = { visit: 1, decision: 1, payout: 1, explanation: 1 };
/** The county setting's bounds for the decision clock, in working days. */
export const DECISION_WORKING_DAYS_MIN = 1;
export const DECISION_WORKING_DAYS_MAX = 5;

export interface Deadline {
  dueAt: string;
  /** When the clock started (the step that starts it); absent on deadlines stored before it was kept. */
  startedAt?: string;
  /** The working days allowed when a county setting replaces the default (the decision clock). */
  workingDays?: number;
  /** When the step was done; null while it is not. */
  doneAt: string | null;
}
export type CaseDeadlines = Partial<Record<DeadlineKind, Deadline>>;

export interface DeadlineView {
  kind: DeadlineKind;
  label: string;
  dueAt: string;
  doneAt: string | null;
  /** Not done and past due. */
  overdue: boolean;
  /** Done: on time or late; not done: null. */
  met: boolean | null;
  /** Wall-clock ms from now to due (negative when past). */
  wallMs: number;
  /** Working-day ms from now to due (negative when past), the measure the rule counts in. */
  workingMs: number;
  /** 「截止 12月1日 09:30，剩余 19小时30分」 / 「已超时 2小时」 / 「已按时完成」; 「（暂定）」 after the time when provisional. */
  text: string;
  /** Running, and counted across a year whose official holiday arrangement is not entered (暂定). */
  provisional: boolean;
  /** The one plain line why, for the page, when provisional. */
  provisionalNote: string | null;
}

/** 「2027年的放假调休安排还未录入，截止时间按法定节假日推算（暂定），录入后会自动重新计算」. */
export function provisionalNote(years: readonly number[]): string | null {
  if (years.length === 0) return null;
  return `${years.join('、')}年的放假调休安排还未录入，截止时间按法定节假日推算（暂定），录入后会自动重新计算`;
}

const BEIJING_OFFSET_MS = 8 * 3_600_000;

/** 2026-12-01T01:30:00Z → 「12月1日 09:30」 (with the year when `withYear`). */
export function formatBeijingTime(iso: string, withYear = false): string {
  const shifted = new Date(Date.parse(iso) + BEIJING_OFFSET_MS);
  const hh = String(shifted.getUTCHours()).padStart(2, '0');
  const mm = String(shifted.getUTCMinutes()).padStart(2, '0');
  const date = `${shifted.getUTCMonth() + 1}月${shifted.getUTCDate()}日`;
  return `${withYear ? `${shifted.getUTCFullYear()}年` : ''}${date} ${hh}:${mm}`;
}

/** 70 minutes → 「1小时10分」, 2 days 3 hours → 「2天3小时」. */
export function formatDuration(ms: number): string {
  const minutes = Math.max(0, Math.floor(Math.abs(ms) / 60_000));
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const rest = minutes % 60;
  if (days > 0) return hours > 0 ? `${days}天${hours}小时` : `${days}天`;
  if (hours > 0) return rest > 0 ? `${hours}小时${rest}分` : `${hours}小时`;
  return `${rest}分钟`;
}

/** Working-day time (24 h of it a working day) → 「1个工作日3小时」, 「3小时20分」, 「2个工作日」. */
export function formatWorkingDuration(workingMs: number): string {
  const minutes = Math.max(0, Math.floor(workingMs / 60_000));
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const rest = minutes % 60;
  if (days > 0) return hours > 0 ? `${days}个工作日${hours}小时` : `${days}个工作日`;
  if (hours > 0) return rest > 0 ? `${hours}小时${rest}分` : `${hours}小时`;
  return `${rest}分钟`;
}

export function deadlineText(deadline: Deadline, wallMs: number, provisional = false): string {
  if (deadline.doneAt) return deadline.doneAt <= deadline.dueAt ? '已按时完成' : '已完成（超时）';
  const due = `${formatBeijingTime(deadline.dueAt)}${provisional ? '（暂定）' : ''}`;
  if (wallMs < 0) return `已超时 ${formatDuration(wallMs)}（截止 ${due}）`;
  return `截止 ${due}，剩余 ${formatDuration(wallMs)}`;
}

// ---------------------------------------------------------------------------------------------
// Events: every step is one, with who, in which role, when (R-OVS-5)

/** Every step is an event; so is a deadline moved by the county's holiday arrangement, which changes no state. */
export type CaseEventType = CaseStep | 'recomputeDeadlines';
export const CASE_EVENT_LABELS: Record<CaseEventType, string> = {
  ...CASE_STEP_LABELS,
  recomputeDeadlines: '按放假安排重新计算时限',
};

export interface CaseEventActor {
  userId: string | null;
  name: string | null;
  role: Role | null;
}

/**
 * What the public notice (R-PROC-6) needs, carried by the payout event ('disburse' or
 * 'reliefFirst'): no ID number, phone, address or diagnosis, only what a notice shows.
 */
export interface PayoutNoticeFacts {
  caseId: string;
  societyId: string;
  villageId: string;
  /** 张*华 */
  maskedName: string;
  reliefType: ReliefType;
  cause: Cause;
  method: PayoutMethod;
  amountFen: Fen;
  /** ISO instant of the payout. */
  paidAt: string;
  reliefFirst: boolean;
  /** The recipient agreed to a masked public notice (recorded with the consent). */
  noticeConsented: boolean;
  /** The ledger entry the money left by; null for a referral. */
  ledgerEntryId: string | null;
}

/**
 * One step of one case, stored in `caseEvents` as `{caseId}:{seq}` in the same transaction as
 * the case. `summary` is Chinese and holds no personal information beyond officers' names, so
 * the applicant's timeline can show it as it is.
 */
export interface CaseEvent {
  caseId: string;
  societyId: string;
  /** 1, 2, 3 … per case. */
  seq: number;
  type: CaseEventType;
  from: CaseState | null;
  to: CaseState;
  at: string;
  actor: CaseEventActor;
  summary: string;
  /** Step-specific facts (no ID numbers, phones or illness details); payout events carry `notice`. */
  details: Record<string, unknown> & { notice?: PayoutNoticeFacts };
}

// ---------------------------------------------------------------------------------------------
// What the pages receive

export interface TimelineEntry {
  seq: number;
  type: CaseEventType;
  label: string;
  at: string;
  actorName: string;
  actorRoleLabel: string;
  summary: string;
}

export interface CaseMaterialView {
  kind: MaterialKind;
  label: string;
  fileId: string;
  addedAt: string;
  addedByName: string;
}

export interface CasePersonView {
  name: string;
  maskedName: string;
  idNumber: string;
  maskedIdNumber: string;
  phone: string | null;
  relationship: Relationship;
  relationshipLabel: string;
  hukou: HukouHolder;
  hukouLabel: string;
}

export interface CaseSituationView {
  cause: Cause;
  causeLabel: string;
  description: string;
  assistance: GovernmentAssistance[];
  assistanceLabels: string[];
  category: HouseholdCategory;
  categoryLabel: string;
  livingAtRisk: boolean;
}

export interface ReliefPlanView {
  recommend: 'grant' | 'deny';
  reliefType: ReliefType | null;
  reliefTypeLabel: string | null;
  form: ReliefForm | null;
  formLabel: string | null;
  amountFen: Fen;
  tierId: string | null;
  tierLabel: string | null;
  reason: string;
  byName: string;
  at: string;
}

export interface VisitView {
  visitedAt: string;
  visitors: string[];
  findings: string;
  photoFileIds: string[];
  originalsChecked: MaterialKind[];
  originalsCheckedLabels: string[];
  /** The facts as the visit found them (they decide the relief type). */
  verified: CaseSituationView & { hukou: HukouHolder };
  opinion: ReliefPlanView;
  recordedByName: string;
  recordedAt: string;
}

export interface DecisionView extends ReliefPlanView {
  outcome: 'approved' | 'rejected';
  /** Earlier cases of the same person for the same cause shown to the approver, and which were acknowledged. */
  repeatCaseIds: string[];
  repeatSeenCaseIds: string[];
}

/**
 * What a payout (disburse, 先行救助) answers: the page goes back to the case, which it reads
 * again, so the answer is the case's new state and the payout, not the whole case (issue 15).
 */
export interface PayoutDone {
  id: string;
  caseNo: string;
  state: CaseState;
  stateLabel: string;
  payout: PayoutView;
}

/**
 * What a proposal answers: like a payout, the page goes back to the case and reads it again, so
 * the answer is the case's new state and the proposal, not the whole case (issue 15).
 */
export interface ProposalDone {
  id: string;
  caseNo: string;
  state: CaseState;
  stateLabel: string;
  proposal: ReliefPlanView;
}

export interface PayoutView {
  method: PayoutMethod;
  methodLabel: string;
  amountFen: Fen;
  goodsDescription: string | null;
  recipientName: string;
  paidAt: string;
  paidByName: string;
  reliefFirst: boolean;
  ledgerEntryId: string | null;
}

export interface ReliefFirstView {
  urgency: string;
  byName: string;
  at: string;
  explanation: { text: string; ratified: boolean; byName: string; at: string } | null;
  /** Not ratified: the township's decision on the money (null while it is pending, or when ratified). */
  outcome: UnratifiedOutcomeView | null;
}

export interface ReceiptView {
  method: 'photo' | 'tap';
  fileId: string | null;
  byName: string;
  at: string;
}

export type ReferralKind =
  | 'otherDonors'
  | 'counselling'
  | 'resourceLinking'
  | 'capacityBuilding'
  | 'socialIntegration'
  | 'governmentProgramme'
  | 'temporaryAssistance';
/**
 * The kinds an officer adds after relief (R-CAP-3). 'temporaryAssistance' is not among them: a case
 * beyond the society's authority goes to the township through its own step (referTownship), with
 * what is asked and why, and the township records the outcome.
 */
export const REFERRAL_KINDS: readonly ReferralKind[] = [
  'otherDonors',
  'counselling',
  'resourceLinking',
  'capacityBuilding',
  'socialIntegration',
  'governmentProgramme',
];
export const REFERRAL_KIND_LABELS: Record<ReferralKind, string> = {
  otherDonors: '链接其他捐赠（资金或物资）',
  counselling: '心理疏导',
  resourceLinking: '资源链接',
  capacityBuilding: '能力提升',
  socialIntegration: '社会融入',
  governmentProgramme: '帮办政府救助',
  temporaryAssistance: '转乡镇临时救助',
};
export type ReferralStatus = 'open' | 'done' | 'dropped';
export const REFERRAL_STATUS_LABELS: Record<ReferralStatus, string> = {
  open: '跟进中',
  done: '已完成',
  dropped: '已终止',
};

export interface ReferralView {
  id: string;
  kind: ReferralKind;
  kindLabel: string;
  description: string;
  ownerName: string;
  followUpDate: string;
  status: ReferralStatus;
  statusLabel: string;
  notes: Array<{ text: string; byName: string; at: string }>;
  createdAt: string;
  /** For a 临时救助 referral: what was asked of which township, and its answer. */
  township: TownshipReferralView | null;
}

/** A case beyond the society's authority (R-CAP-1/2) handed to the township's 临时救助. */
export interface TownshipReferralView {
  townshipName: string;
  askedFen: Fen;
  reason: string;
  byName: string;
  outcome: TownshipReferralOutcomeView | null;
  /** 「等待青石镇答复」 / 「青石镇已受理，临时救助 2,000 元」 / 「青石镇不予受理：…」 */
  statusText: string;
}

export interface TownshipReferralOutcomeView {
  accepted: boolean;
  amountFen: Fen;
  reason: string;
  byName: string;
  at: string;
}

/** What the township records about a 临时救助 referral. */
export interface TownshipReferralOutcomeInput {
  caseId: string;
  referralId: string;
  accepted: boolean;
  /** The 临时救助 granted (fen, > 0) when accepted; 0 when declined. */
  amountFen: number;
  /** Why (required when declined). */
  reason: string;
}

/** What an officer sends to hand a case to the township's 临时救助. */
export interface TownshipReferralInput {
  caseId: string;
  requestId: string;
  /** What the household needs from the township, in fen. */
  askedFen: number;
  /** Why it is beyond the society (the caps, R-CAP-1/2, or eligibility). */
  reason: string;
  /** YYYY-MM-DD; a week from today when left out. */
  followUpDate?: string | null;
}

export function townshipReferralStatusText(view: Omit<TownshipReferralView, 'statusText'>): string {
  const outcome = view.outcome;
  if (!outcome) return `等待${view.townshipName}答复`;
  return outcome.accepted
    ? `${view.townshipName}已受理，给予临时救助 ${formatYuanShort(outcome.amountFen)}`
    : `${view.townshipName}不予受理：${outcome.reason}`;
}

// ---------------------------------------------------------------------------------------------
// 先行救助 not ratified (R-PROC-5): the township decides what happens to the money paid

export type UnratifiedOutcomeKind = 'recovery' | 'writeOff';
export const UNRATIFIED_OUTCOME_LABELS: Record<UnratifiedOutcomeKind, string> = {
  recovery: '追回',
  writeOff: '核销',
};

export interface UnratifiedOutcomeView {
  kind: UnratifiedOutcomeKind;
  label: string;
  /** What came back into the fund (0 for a write-off). */
  recoveredFen: Fen;
  /** The Beijing day the money came back (recovery only). */
  recoveredOn: string | null;
  reason: string;
  byName: string;
  at: string;
  ledgerEntryId: string | null;
}

/** What the township records about money paid first and not ratified. */
export interface SettleUnratifiedInput {
  requestId: string;
  caseId: string;
  outcome: UnratifiedOutcomeKind;
  /** For a recovery: fen recovered, > 0 and ≤ what was paid. */
  recoveredFen?: number | null;
  /** For a recovery: YYYY-MM-DD (Beijing), not before the payout, not in the future. */
  recoveredOn?: string | null;
  reason: string;
}

/** An earlier case of the same person for the same cause (repeat-relief warning). */
export interface RepeatCaseView {
  id: string;
  caseNo: string;
  stateLabel: string;
  createdAt: string;
  reliefTypeLabel: string | null;
  amountFen: Fen | null;
  paidAt: string | null;
}

/** How long a proposal has waited for its decision (the decision clock), in working time. */
export interface DecisionWaitView {
  /** When it was proposed. */
  since: string;
  workingMs: number;
  /** 「已等待审批 1个工作日3小时」, or once decided 「审批用时 …」. */
  text: string;
  /** Still waiting and past the county's limit: overdue to the township. */
  overdue: boolean;
}

/**
 * Who decides a proposed case (no case stalls on recusal): the president; else, when the
 * president may not (own household, own proposal, no president), the approver the society
 * designated; else the township of the society.
 */
export type DeciderKind = 'president' | 'secondApprover' | 'township';
export interface DeciderView {
  kind: DeciderKind;
  /** 「社长王建国」, 「审批人刘芳」, 「青石镇」 */
  name: string;
  /** Why it is not the president: 「本案社长需回避，由青石镇审批」; '' when the president decides. */
  reason: string;
}

/** 「待社长审批」, or who decides instead: 「待青石镇审批」, 「待审批人刘芳审批」. */
export function proposedStateLabel(decider: DeciderView | null): string {
  return !decider || decider.kind === 'president' ? CASE_STATE_LABELS.proposed : `待${decider.name}审批`;
}

interface CaseSummaryBase {
  id: string;
  caseNo: string;
  societyId: string;
  societyName: string;
  origin: CaseOrigin;
  originLabel: string;
  state: CaseState;
  stateLabel: string;
  causeLabel: string;
  reliefType: ReliefType | null;
  reliefTypeLabel: string | null;
  /** Decided amount, or the paid amount once paid. */
  amountFen: Fen | null;
  createdAt: string;
  /** The deadline running now, if any. */
  nextDeadline: DeadlineView | null;
}

/** A row of "my cases" (the applicant's own only). */
export interface MyCaseItem extends CaseSummaryBase {
  beneficiaryName: string;
  relationshipLabel: string;
}

/** The applicant's own case: their data, the progress timeline, what they can still do. */
export interface MyCaseView extends MyCaseItem {
  person: CasePersonView;
  situation: CaseSituationView;
  eligibility: EligibilityResult;
  checklist: MaterialItem[];
  materials: CaseMaterialView[];
  decision: { outcome: 'approved' | 'rejected'; amountFen: Fen; reason: string; at: string } | null;
  payout: PayoutView | null;
  receipt: ReceiptView | null;
  /** Why it was declined or withdrawn, if it was. */
  endReason: string | null;
  timeline: TimelineEntry[];
  can: { addMaterials: boolean; withdraw: boolean; confirmReceipt: boolean };
  /** The society's public phone for 联系互助社; null when its officers set none. */
  societyPhone?: string | null;
}

/** A row of an officer's queue: masked ID, sorted by the deadline running now. */
export interface CaseQueueItem extends CaseSummaryBase {
  name: string;
  maskedIdNumber: string;
  /** While proposed: how long it has waited, and who decides. */
  decisionWait: DecisionWaitView | null;
  decider: DeciderView | null;
  flags: {
    reliefFirstPending: boolean;
    receiptMissing: boolean;
    repeat: boolean;
    openReferrals: number;
  };
}

/** One page of the officer queue (approvals.queue). */
export interface CaseQueuePage {
  items: CaseQueueItem[];
  /** Cases under the filter, all pages. */
  total: number;
  /** Of those, cases past their current deadline (0 for the ended ones). */
  overdueTotal: number;
  /** Where the next page starts, or null on the last page. */
  nextOffset: number | null;
}

/** The whole case, for the society's officers and supervisor. */
export interface OfficerCaseView extends CaseSummaryBase {
  villageId: string;
  applicant: { userId: string | null; name: string; phone: string | null } | null;
  person: CasePersonView;
  situation: CaseSituationView;
  eligibility: EligibilityResult;
  /** What the imported 低保 / 特困 / … lists say about the person, and where it differs from the applicant's answer. */
  listCheck: CaseListCheck;
  consent: { processing: boolean; publicNotice: boolean; textVersion: string; method: string; at: string };
  discovery: { how: string; byName: string } | null;
  checklist: MaterialItem[];
  materials: CaseMaterialView[];
  deadlines: DeadlineView[];
  visit: VisitView | null;
  proposal: ReliefPlanView | null;
  decision: DecisionView | null;
  payout: PayoutView | null;
  reliefFirst: ReliefFirstView | null;
  receipt: ReceiptView | null;
  referrals: ReferralView[];
  endReason: string | null;
  repeatCases: RepeatCaseView[];
  timeline: TimelineEntry[];
  /** Steps the caller may take now (recusal and approver rules applied). */
  actions: CaseStep[];
  /** The caller must stay out of this case (own household). */
  recused: boolean;
  /** From proposal to decision: how long it waited (or is waiting). */
  decisionWait: DecisionWaitView | null;
  /** While a decision is due (proposed, or 先行救助 to be explained): who decides, and why when not the president. */
  decider: DeciderView | null;
  /** Tiers the society uses now, for the visit, proposal and payout forms. */
  tiers: ReliefTiers;
}

/** An overdue deadline, for the township and the supervision committee: no personal data beyond a masked name. */
export interface OverdueCaseItem {
  id: string;
  caseNo: string;
  societyId: string;
  societyName: string;
  maskedName: string;
  stateLabel: string;
  deadline: DeadlineView;
  /** Proposed and past the decision clock: 「已等待审批 2个工作日」 ('' otherwise). */
  waitingForDecision: string;
}

/** A case the township decides because nobody in the society may (recusal), on the township's page. */
export interface TownshipDecisionItem {
  id: string;
  caseNo: string;
  societyId: string;
  societyName: string;
  maskedName: string;
  causeLabel: string;
  /** 「审批」, or 「先行救助补办审批」 for a payment made first (R-PROC-5). */
  stepLabel: string;
  /** 「本案社长需回避，由青石镇审批」 */
  reason: string;
  /** 「已等待审批 3小时」; for 先行救助, its explanation deadline. */
  waitText: string;
  overdue: boolean;
  /** The caller is an officer of that township (the county sees the list, and does not decide). */
  canDecide: boolean;
}

/**
 * What the township sees to decide a case referred to it: the proposal, the home visit's
 * findings and verified facts, the repeat warning. The person by name only: no ID number, phone,
 * address, the applicant's own description or the material photos.
 */
export interface TownshipDecisionView {
  id: string;
  caseNo: string;
  societyId: string;
  societyName: string;
  state: CaseState;
  stateLabel: string;
  name: string;
  causeLabel: string;
  eligibilitySummary: string;
  visit: {
    visitedAt: string;
    visitors: string[];
    findings: string;
    verifiedLabels: string[];
    recordedByName: string;
  } | null;
  proposal: ReliefPlanView | null;
  decision: DecisionView | null;
  /** Paid first (R-PROC-5): why, what was paid, and the explanation once filed. */
  reliefFirst: ReliefFirstView | null;
  payout: PayoutView | null;
  repeatCases: RepeatCaseView[];
  decider: DeciderView | null;
  decisionWait: DecisionWaitView | null;
  /** The explanation deadline of a payment made first, while it runs. */
  explanationDeadline: DeadlineView | null;
  /** approve / reject, or fileExplanation, when the township may decide it now. */
  actions: CaseStep[];
}

/** The county's case rules (a county setting): the decision clock. */
export interface CountyCaseRulesView {
  countyId: string;
  /** Working days a proposal may wait for its decision before it is overdue to the township. */
  decisionWorkingDays: number;
  /** True while the county has not set it (the default, 1). */
  defaulted: boolean;
  /** The caller (the county bureau) may change it. */
  canEdit: boolean;
  updatedAt: string | null;
}

/** 一人一档 (R-PROC-7): one person, every case of theirs in the society, each with every step. */
export interface CaseFileView {
  societyId: string;
  societyName: string;
  person: { name: string; idNumber: string; maskedIdNumber: string };
  cases: OfficerCaseView[];
  /** R-OVS-1: the person's place on the roster of at-risk households and its visits, if any. */
  roster: RosterEntryView | null;
  generatedAt: string;
}

export interface ReliefSettingsView {
  societyId: string;
  tiers: ReliefTiers;
  /** True while no president has saved the society's own tiers. */
  defaults: boolean;
  secondApprover: { userId: string; name: string } | null;
  updatedAt: string | null;
}

export type { ReliefTier };

/** What an officer sends to record a referral for further help after relief. */
export interface ReferralInput {
  kind: ReferralKind;
  description: string;
  ownerName: string;
  ownerUserId?: string | null;
  /** YYYY-MM-DD */
  followUpDate: string;
}

/** What an officer sends to pay an approved case (R-PROC-4). */
export interface DisburseInput {
  requestId: string;
  caseId: string;
  method: PayoutMethod;
  /** The approved amount for cash/transfer; the goods' value (≤ approved); 0 for a referral. */
  amountFen: number;
  goodsDescription?: string | null;
  recipientName?: string | null;
  receiptFileId?: string | null;
  /** For a referral: who follows it up and when. */
  referral?: ReferralInput | null;
}

/** R-PROC-5 先行救助: what an officer sends to pay an accepted case at once. */
export interface ReliefFirstInput {
  requestId: string;
  caseId: string;
  method: Exclude<PayoutMethod, 'referral'>;
  amountFen: number;
  tierId: string;
  goodsDescription?: string | null;
  recipientName?: string | null;
  receiptFileId?: string | null;
  /** Why it could not wait for the visit and the decision. */
  urgency: string;
}
