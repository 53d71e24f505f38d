/**
 * Shapes the township's (or county's) overview of its societies (R-OVS-2 from above): per society
 * its live notices, open and overdue objections, overdue case deadlines and open flags; the
 * overdue cases; the flags the supervision committees raised, which the township handles with a
 * note; what awaits the township's own decision — 先行救助 a society did not ratify (R-PROC-5:
 * recover or write off the money) and cases handed to its 临时救助 (R-CAP-1/2: accept with an
 * amount or decline with a reason). Masked names only, as on a notice. Pure: tested without rendering.
 */
import type {
  TownshipOverview,
  TownshipReferralItem,
  TownshipSocietyRow,
  UnratifiedReliefItem,
} from '../../../../domain/oversight';
import type {
  SettleUnratifiedInput,
  TownshipReferralOutcomeInput,
  UnratifiedOutcomeKind,
} from '../../../../domain/case';
import { formatBeijingTime } from '../../../../domain/case';
import { formatYuanShort, yuanToFen } from '../../../../domain/money';
import { toFlagRow, type CountCell, type FlagRow } from '../supervision/view';

export const NOT_TOWNSHIP_MESSAGE = '只有乡镇和县民政局可以查看乡镇监督';
export const NO_SOCIETIES_MESSAGE = '辖区内还没有互助社';
export const NO_OVERDUE_MESSAGE = '没有超时的案件';
/** Beside 接收超时提醒: what one authorisation buys, and that nothing depends on it. */
export const OVERDUE_ALERTS_NOTE =
  '每点一次“接收超时提醒”并同意，辖区内有案件超过办理期限时可收到一条提醒；不订阅也可以在这里查看全部超时案件。';
export const OVERDUE_ALERTS_SUBSCRIBED = '已订阅，有案件超时会提醒您';
export const NO_FLAGS_MESSAGE = '没有待处理的监督提请';
/** Proposed cases waiting for a decision past the county's limit are marked on the overdue list. */
export const WAITING_FOR_DECISION_TAG = '待审批';
export const EMPTY_NOTE_MESSAGE = '请写明处理情况';
export const NOTE_MAX = 500;
export const NOTE_TOO_LONG_MESSAGE = `处理情况不能超过 ${NOTE_MAX} 字`;
export const RESOLVED_MESSAGE = '已处理';
export const NO_UNRATIFIED_MESSAGE = '没有待处理的未追认先行救助';
export const NO_REFERRALS_MESSAGE = '没有待答复的临时救助转介';
export const SETTLED_MESSAGE = '已记录处理结果';
export const ANSWERED_MESSAGE = '已答复';
export const REASON_MAX = 500;

export function supervisionUrl(societyId: string): string {
  return `/packages/oversight/pages/supervision/index?societyId=${encodeURIComponent(societyId)}`;
}

export interface SocietyRowScreen {
  id: string;
  name: string;
  place: string;
  statusLabel: string;
  noticeTitles: string[];
  /** 「公示中 1 · 待答复异议 1 · 超时案件 0 · 待处理提请 0」 */
  stats: string;
  /** Warnings: overdue objections, overdue cases, open flags, unpublished notices. */
  alerts: string[];
  url: string;
}

export function toSocietyRowScreen(row: TownshipSocietyRow): SocietyRowScreen {
  const alerts: string[] = [];
  if (row.overdueObjections > 0) alerts.push(`超时未答复异议 ${row.overdueObjections} 条`);
  if (row.overdueCases > 0) alerts.push(`超时案件 ${row.overdueCases} 件`);
  if (row.openFlags > 0) alerts.push(`待处理提请 ${row.openFlags} 条`);
  if (row.unpublishedNotices > 0) alerts.push(`已发放未公示 ${row.unpublishedNotices} 件`);
  return {
    id: row.id,
    name: row.name,
    place: [row.townshipName, row.villageName].filter(Boolean).join(' · '),
    statusLabel: row.statusLabel,
    noticeTitles: row.liveNoticeTitles,
    stats: [
      `公示中 ${row.liveNotices}`,
      `待答复异议 ${row.openObjections}`,
      `超时案件 ${row.overdueCases}`,
      `待处理提请 ${row.openFlags}`,
    ].join(' · '),
    alerts,
    url: supervisionUrl(row.id),
  };
}

export function decisionUrl(caseId: string): string {
  return `/packages/oversight/pages/decision/index?caseId=${encodeURIComponent(caseId)}`;
}

export interface OverdueRow {
  id: string;
  title: string;
  stateLabel: string;
  deadlineText: string;
  /** Why the deadline is 暂定; '' when it is not. */
  deadlineNote: string;
  /** 「已等待审批 2个工作日」 when it waits for a decision (tagged 待审批); '' otherwise. */
  waitingText: string;
}

export interface UnratifiedRow {
  caseId: string;
  /** 「王家村救急难互助社 · 案件 2026-006 · 孙*珍」 */
  title: string;
  paidFen: number;
  /** 「11月30日 14:00 先行发放 现金 1000元」 */
  paidText: string;
  urgencyText: string;
  explanationText: string;
}

export interface ReferralRow {
  caseId: string;
  referralId: string;
  title: string;
  /** 「申请临时救助 5000元」 */
  askedText: string;
  reasonText: string;
  /** 「互助社已给予：应急救助 1000元（已发放）」, or '' */
  societyReliefText: string;
  meta: string;
}

/** A case nobody in its society may decide, waiting for the township (recusal). */
export interface DecisionRow {
  id: string;
  title: string;
  /** 「审批」 or 「先行救助补办审批」 */
  stepLabel: string;
  reason: string;
  waitText: string;
  overdue: boolean;
  /** '' for the county, which sees the list and does not decide. */
  url: string;
}

export interface TownshipScreen {
  title: string;
  totals: CountCell[];
  societies: SocietyRowScreen[];
  overdue: OverdueRow[];
  decisions: DecisionRow[];
  flags: FlagRow[];
  unratified: UnratifiedRow[];
  referrals: ReferralRow[];
  /** The township records recovery, write-off and answers; the county reads the same lists. */
  canDecide: boolean;
  /** The server's Beijing day when the overview was made: the recovery date's default (the phone's clock may differ). */
  today: string;
}

function caseTitle(item: { societyName: string; caseNo: string; maskedName: string }): string {
  return `${item.societyName} · 案件 ${item.caseNo} · ${item.maskedName}`;
}

export function toUnratifiedRow(item: UnratifiedReliefItem): UnratifiedRow {
  return {
    caseId: item.caseId,
    title: caseTitle(item),
    paidFen: item.paidFen,
    paidText: `${formatBeijingTime(item.paidAt, true)} 先行发放 ${item.methodLabel} ${formatYuanShort(item.paidFen)}`,
    urgencyText: `紧急情况：${item.urgency}`,
    explanationText: `不予追认（${item.explainedByName}，${formatBeijingTime(item.explainedAt, true)}）：${item.explanation}`,
  };
}

export function toReferralRow(item: TownshipReferralItem): ReferralRow {
  return {
    caseId: item.caseId,
    referralId: item.referralId,
    title: caseTitle(item),
    askedText: `申请临时救助 ${formatYuanShort(item.askedFen)}`,
    reasonText: `理由：${item.reason}`,
    societyReliefText: item.societyReliefText ? `互助社已给予：${item.societyReliefText}` : '',
    meta: `${item.byName} 转来，${formatBeijingTime(item.at, true)}`,
  };
}

export function toTownshipScreen(view: TownshipOverview): TownshipScreen {
  const { totals } = view;
  const cell = (key: string, label: string, value: number, alert: boolean): CountCell => ({
    key,
    label,
    value: String(value),
    alert: alert && value > 0,
  });
  return {
    title: view.areas.map((area) => area.name).join('、') || '辖区',
    totals: [
      cell('liveNotices', '公示中', totals.liveNotices, false),
      cell('openObjections', '待答复异议', totals.openObjections, true),
      cell('overdueObjections', '超时未答复', totals.overdueObjections, true),
      cell('overdueCases', '超时案件', totals.overdueCases, true),
      cell('openFlags', '待处理提请', totals.openFlags, true),
      cell('unratified', '未追认待处理', totals.unratified, true),
      cell('referrals', '转介待答复', totals.referrals, true),
    ],
    societies: view.societies.map(toSocietyRowScreen),
    overdue: view.overdueCases.map((item) => ({
      id: item.id,
      title: `${item.societyName} · 案件 ${item.caseNo} · ${item.maskedName}`,
      stateLabel: item.stateLabel,
      deadlineText: `${item.deadline.label}：${item.deadline.text}`,
      deadlineNote: item.deadline.provisionalNote ?? '',
      waitingText: item.waitingForDecision,
    })),
    decisions: view.decisions.map((item) => ({
      id: item.id,
      title: `${item.societyName} · 案件 ${item.caseNo} · ${item.maskedName} · ${item.causeLabel}`,
      stepLabel: item.stepLabel,
      reason: item.reason,
      waitText: item.waitText,
      overdue: item.overdue,
      url: item.canDecide ? decisionUrl(item.id) : '',
    })),
    flags: view.openFlags.map(toFlagRow),
    unratified: view.unratified.map(toUnratifiedRow),
    referrals: view.referrals.map(toReferralRow),
    canDecide: view.canDecide,
    today: beijingToday(Date.parse(view.generatedAt)),
  };
}

// ---------------------------------------------------------------------------------------------
// R-PROC-5: recover or write off 先行救助 money not ratified

export interface SettleForm {
  caseId: string;
  outcome: UnratifiedOutcomeKind;
  amountYuan: string;
  /** YYYY-MM-DD */
  recoveredOn: string;
  reason: string;
}

export function emptySettleForm(caseId = '', today = ''): SettleForm {
  return { caseId, outcome: 'recovery', amountYuan: '', recoveredOn: today, reason: '' };
}

export const OUTCOME_OPTIONS: Array<{ value: UnratifiedOutcomeKind; label: string }> = [
  { value: 'recovery', label: '追回（款项退回互助资金）' },
  { value: 'writeOff', label: '核销（不再追回）' },
];

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** What was typed, in fen, or null when it is not an amount. */
function fenOf(amountYuan: string): number | null {
  try {
    return yuanToFen(amountYuan.trim());
  } catch {
    return null;
  }
}

/** What is wrong with the form; '' when it can be sent (the cloud checks again). */
export function settleProblem(form: SettleForm, paidFen: number): string {
  if (form.outcome === 'recovery') {
    const fen = fenOf(form.amountYuan);
    if (fen === null || fen <= 0) return '请填写追回金额（元，大于 0）';
    if (fen > paidFen) return `追回金额不能超过先行发放的 ${formatYuanShort(paidFen)}`;
    if (!DAY.test(form.recoveredOn.trim())) return '请按 2026-12-01 的格式填写追回日期';
  }
  const reason = form.reason.trim();
  if (!reason) return form.outcome === 'recovery' ? '请写明追回的理由' : '请写明核销的理由';
  if (reason.length > REASON_MAX) return `理由不能超过 ${REASON_MAX} 字`;
  return '';
}

export function toSettleInput(form: SettleForm, requestId: string): SettleUnratifiedInput {
  const base = { requestId, caseId: form.caseId, outcome: form.outcome, reason: form.reason.trim() };
  return form.outcome === 'recovery'
    ? { ...base, recoveredFen: fenOf(form.amountYuan) ?? 0, recoveredOn: form.recoveredOn.trim() }
    : base;
}

// ---------------------------------------------------------------------------------------------
// R-CAP-1/2: answer a 临时救助 referral

export interface AnswerForm {
  caseId: string;
  referralId: string;
  accepted: boolean;
  amountYuan: string;
  reason: string;
}

export function emptyAnswerForm(caseId = '', referralId = ''): AnswerForm {
  return { caseId, referralId, accepted: true, amountYuan: '', reason: '' };
}

export function answerProblem(form: AnswerForm): string {
  if (form.accepted) {
    const fen = fenOf(form.amountYuan);
    if (fen === null || fen <= 0) return '请填写给予的临时救助金额（元，大于 0）';
  } else if (!form.reason.trim()) {
    return '请写明不予受理的理由';
  }
  if (form.reason.trim().length > REASON_MAX) return `说明不能超过 ${REASON_MAX} 字`;
  return '';
}

export function toAnswerInput(form: AnswerForm): TownshipReferralOutcomeInput {
  return {
    caseId: form.caseId,
    referralId: form.referralId,
    accepted: form.accepted,
    amountFen: form.accepted ? (fenOf(form.amountYuan) ?? 0) : 0,
    reason: form.reason.trim(),
  };
}

/** YYYY-MM-DD of the Beijing day of the instant `nowMs`. */
export function beijingToday(nowMs: number): string {
  return new Date(nowMs + 8 * 3_600_000).toISOString().slice(0, 10);
}

/** What is wrong with a resolution note; [] when it can be sent. */
export function noteProblems(note: string): string[] {
  const text = note.trim();
  if (text === '') return [EMPTY_NOTE_MESSAGE];
  if (text.length > NOTE_MAX) return [NOTE_TOO_LONG_MESSAGE];
  return [];
}
