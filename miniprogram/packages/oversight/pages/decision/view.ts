/**
 * 乡镇审批: a case nobody in its society may decide (the president's own household, proposed by
 * the secretary…) is decided by the township. The page shows what deciding needs — the proposal,
 * the home visit's findings, the repeat warning — and approves as proposed or rejects with a
 * reason; for a payment made first (先行救助, R-PROC-5) it files the explanation, ratified or
 * not. The cloud decides who may (server/cases/decider.ts); the page shows what it says. Pure.
 */
import { formatBeijingTime, type ReliefPlanView, type TownshipDecisionView } from '../../../../domain/case';
import { formatYuanShort } from '../../../../domain/money';

export const MISSING_CASE_MESSAGE = '缺少案件编号，请从乡镇监督页进入';
export const NOT_FOR_TOWNSHIP_MESSAGE = '这个案件不由您所在的乡镇审批，不能查看';
export const REJECT_REASON_MESSAGE = '请写明不予批准的理由（申请人可以看到）';
export const APPROVED_TOAST = '已批准，互助社须在 1 个工作日内发放';
export const REJECTED_TOAST = '已作出不予批准的决定';
export const EXPLANATION_MESSAGE = '请填写先行救助的审批说明';
export const RATIFIED_TOAST = '已追认先行救助';
export const NOT_RATIFIED_TOAST = '已记录不予追认';

/** decide: approve or reject a proposal; explain: file the explanation of a payment made first. */
export type TownshipDecisionMode = 'decide' | 'explain' | 'readOnly';

export interface Row {
  label: string;
  value: string;
}

export interface TownshipDecisionScreen {
  title: string;
  caseNo: string;
  stateLabel: string;
  /** 「本案社长需回避，由青石镇审批」 */
  reason: string;
  waitText: string;
  waitOverdue: boolean;
  eligibilityText: string;
  proposal: Row[];
  visit: Row[];
  repeat: { text: string; items: string[] } | null;
  /** The decision on file, once taken. */
  decision: { title: string; rows: Row[] } | null;
  /** 先行救助: why, what was paid, the explanation (R-PROC-5). */
  reliefFirst: Row[];
  mode: TownshipDecisionMode;
  canDecide: boolean;
}

function beijing(iso: string): string {
  return formatBeijingTime(iso, true);
}

function planRows(plan: ReliefPlanView, byLabel: string): Row[] {
  const rows: Row[] = [
    { label: '意见', value: plan.recommend === 'grant' ? '建议给予救助' : '建议不予救助' },
    { label: '救助类型', value: plan.reliefTypeLabel ?? '—' },
  ];
  if (plan.recommend === 'grant') {
    rows.push({ label: '救助形式', value: plan.formLabel ?? '—' });
    if (plan.form !== 'referral') rows.push({ label: '金额', value: formatYuanShort(plan.amountFen) });
    if (plan.tierLabel) rows.push({ label: '档次', value: plan.tierLabel });
  }
  rows.push({ label: '理由', value: plan.reason }, { label: byLabel, value: `${plan.byName}，${beijing(plan.at)}` });
  return rows;
}

export function toTownshipDecisionScreen(view: TownshipDecisionView): TownshipDecisionScreen {
  const decision = view.decision;
  const first = view.reliefFirst;
  const mode: TownshipDecisionMode = view.actions.includes('approve')
    ? 'decide'
    : view.actions.includes('fileExplanation')
      ? 'explain'
      : 'readOnly';
  const explanationLine = view.explanationDeadline ? `补办审批：${view.explanationDeadline.text}` : '';
  return {
    title: `${view.name} · ${view.causeLabel}`,
    caseNo: `${view.societyName} · 编号 ${view.caseNo}`,
    stateLabel: view.stateLabel,
    reason: view.decider?.reason ?? '',
    waitText: first ? explanationLine : (view.decisionWait?.text ?? ''),
    waitOverdue: first ? (view.explanationDeadline?.overdue ?? false) : (view.decisionWait?.overdue ?? false),
    eligibilityText: view.eligibilitySummary,
    proposal: view.proposal ? planRows(view.proposal, '提出人') : [],
    visit: view.visit
      ? [
          { label: '时间', value: beijing(view.visit.visitedAt) },
          { label: '核查人', value: view.visit.visitors.join('、') },
          { label: '核查情况', value: view.visit.findings },
          { label: '核实情况', value: view.visit.verifiedLabels.join('、') },
          { label: '记录人', value: view.visit.recordedByName },
        ]
      : [],
    repeat: view.repeatCases.length
      ? {
          text: `重复救助提示：此人因同一原因已有 ${view.repeatCases.length} 个案件，请核实是否重复救助`,
          items: view.repeatCases.map((earlier) =>
            [
              `编号 ${earlier.caseNo}`,
              earlier.stateLabel,
              earlier.amountFen !== null ? formatYuanShort(earlier.amountFen) : '',
              earlier.paidAt ? `发放于 ${beijing(earlier.paidAt)}` : `立案于 ${beijing(earlier.createdAt)}`,
            ]
              .filter(Boolean)
              .join(' · '),
          ),
        }
      : null,
    decision: decision
      ? {
          title: decision.outcome === 'approved' ? '审批结果：已批准' : '审批结果：不予批准',
          rows: planRows(decision, '审批人').filter((row) => row.label !== '意见'),
        }
      : null,
    reliefFirst: first
      ? [
          { label: '先行救助', value: `${first.byName}，${beijing(first.at)}` },
          { label: '先行原因', value: first.urgency },
          ...(view.payout
            ? [{ label: '已发放', value: `${view.payout.methodLabel} ${formatYuanShort(view.payout.amountFen)}` }]
            : []),
          {
            label: '审批说明',
            value: first.explanation
              ? `${first.explanation.ratified ? '予以追认' : '不予追认'}：${first.explanation.text}（${first.explanation.byName}）`
              : '尚未补办',
          },
        ]
      : [],
    mode,
    canDecide: mode !== 'readOnly',
  };
}

export function explanationProblem(text: string): string {
  return text.trim() ? '' : EXPLANATION_MESSAGE;
}

export function rejectProblem(reason: string): string {
  return reason.trim() ? '' : REJECT_REASON_MESSAGE;
}

/** The earlier cases shown on the page, sent as seen with the decision. */
export function seenRepeatCaseIds(view: Pick<TownshipDecisionView, 'repeatCases'>): string[] {
  return view.repeatCases.map((earlier) => earlier.id);
}
