/**
 * 审批: the president (or the society's second approver) reads the proposal, the home visit and
 * the repeat-relief warning, then approves or rejects with a written reason; after 先行救助
 * (R-PROC-5) they file the explanation (追认 or not) here. The cloud applies recusal and the
 * four-eyes rule; the page only shows what the view says the caller may do. Pure.
 */
import { fenToYuanInput, formatYuanShort, yuanToFen } from '../../../../domain/money';
import type { OfficerCaseView, ReliefPlanView } from '../../../../domain/case';
import { RELIEF_CAP_FEN, RELIEF_TYPE_LABELS } from '../../../../domain/relief';
import type { ApproveInput } from '../../../../services/cases';
import { beijingText, caseHead, RECUSAL_MESSAGE, unratifiedText, type CaseHead } from '../../case-step';

export const ADJUST_MESSAGE = '调整批准内容时，请选择档次并填写金额（元，大于 0）';
export const REJECT_REASON_MESSAGE = '请写明不予批准的理由（申请人可以看到）';
export const EXPLANATION_MESSAGE = '请填写先行救助的审批说明';
export const APPROVER_ONLY_MESSAGE =
  '审批由社长（或互助社指定的审批人）办理，提出审批意见或先行发放的人不能再审批同一案件。您可以在这里查看审批意见和入户核查记录。';
export const NOT_PROPOSED_MESSAGE = '还没有提出审批意见：请先完成入户核查并报社长审批';
export const VISIT_FIRST_MESSAGE = '本案已先行救助：请先补录入户核查记录，再由社长补办审批说明';

/**
 * - decide: approve or reject the proposal;
 * - explain: file the explanation of a payment made first;
 * - readOnly: nothing for this caller to do here (message says why).
 */
export type DecisionMode = 'decide' | 'explain' | 'readOnly';

export function decisionModeOf(view: Pick<OfficerCaseView, 'actions'>): DecisionMode {
  if (view.actions.includes('approve') || view.actions.includes('reject')) return 'decide';
  if (view.actions.includes('fileExplanation')) return 'explain';
  return 'readOnly';
}

export interface PlanRows {
  title: string;
  rows: Array<{ label: string; value: string }>;
}

function planRows(title: string, plan: ReliefPlanView): PlanRows {
  const rows = [
    { label: '意见', value: plan.recommend === 'grant' ? '建议给予救助' : '建议不予救助' },
    { label: '救助类型', value: plan.reliefTypeLabel ?? '—' },
  ];
  if (plan.recommend === 'grant') {
    rows.push({ label: '救助形式', value: plan.formLabel ?? '—' });
    if (plan.form !== 'referral') {
      rows.push({ label: '金额', value: formatYuanShort(plan.amountFen) });
      if (plan.tierLabel) rows.push({ label: '档次', value: plan.tierLabel });
    }
  }
  rows.push(
    { label: '理由', value: plan.reason },
    { label: '提出人', value: `${plan.byName}，${beijingText(plan.at)}` },
  );
  return { title, rows };
}

export interface RepeatWarning {
  text: string;
  items: Array<{ id: string; text: string }>;
}

/** The earlier cases of the same person for the same cause: shown, and their ids sent as seen. */
export function repeatWarningOf(view: Pick<OfficerCaseView, 'repeatCases'>): RepeatWarning | null {
  if (view.repeatCases.length === 0) return null;
  return {
    text: `重复救助提示：此人因同一原因已有 ${view.repeatCases.length} 个案件，请核实是否重复救助`,
    items: view.repeatCases.map((earlier) => ({
      id: earlier.id,
      text: [
        `编号 ${earlier.caseNo}`,
        earlier.stateLabel,
        earlier.reliefTypeLabel ?? '',
        earlier.amountFen !== null ? formatYuanShort(earlier.amountFen) : '',
        earlier.paidAt ? `发放于 ${beijingText(earlier.paidAt)}` : `立案于 ${beijingText(earlier.createdAt)}`,
      ]
        .filter(Boolean)
        .join(' · '),
    })),
  };
}

export function seenRepeatCaseIds(view: Pick<OfficerCaseView, 'repeatCases'>): string[] {
  return view.repeatCases.map((earlier) => earlier.id);
}

export interface VisitRecord {
  visitedAt: string;
  visitors: string;
  findings: string;
  originals: string;
  photoFileIds: string[];
  by: string;
}

export interface DecisionScreen {
  head: CaseHead;
  mode: DecisionMode;
  /** Why the caller cannot decide ('' when they can). */
  readOnlyMessage: string;
  /** 先行救助 without a visit yet, and the caller may record it. */
  canGoVisit: boolean;
  goVisitText: string;
  eligibilityText: string;
  /** R-ELIG-3/4: what the imported lists say, and where it differs from the applicant's answer. */
  listText: string;
  listMismatches: string[];
  proposal: PlanRows | null;
  visit: VisitRecord | null;
  repeat: RepeatWarning | null;
  /** The decision on file (approved or rejected). */
  decision: PlanRows | null;
  reliefFirst: { rows: Array<{ label: string; value: string }> } | null;
  /** Beyond the society's authority (R-CAP-1/2): referrals to the township's 临时救助 and whether one may be made now. */
  township: TownshipReferralSection | null;
}

export interface TownshipReferralSection {
  capText: string;
  rows: Array<{ id: string; text: string; statusText: string }>;
  /** The caller may hand the case over now (no referral is waiting for the township). */
  canRefer: boolean;
}

export const REFER_CAP_TEXT =
  `互助社的权限：${RELIEF_TYPE_LABELS.supplementary}每人次最多 ${formatYuanShort(RELIEF_CAP_FEN.supplementary)}，` +
  `${RELIEF_TYPE_LABELS.emergency}每人次最多 ${formatYuanShort(RELIEF_CAP_FEN.emergency)}。` +
  '困难超出这个范围的，可以转乡镇临时救助；互助社自己的救助照常办理。';
export const REFER_AMOUNT_MESSAGE = '请填写申请乡镇临时救助的金额（元，大于 0）';
export const REFER_REASON_MESSAGE = '请写明为什么超出互助社权限、需要什么帮助';
export const REFERRED_TOAST = '已转乡镇临时救助';

function townshipSectionOf(view: OfficerCaseView): TownshipReferralSection | null {
  const referrals = view.referrals.filter((referral) => referral.township !== null);
  const canRefer = view.actions.includes('referTownship') && !referrals.some((item) => !item.township!.outcome);
  if (referrals.length === 0 && !view.actions.includes('referTownship')) return null;
  return {
    capText: REFER_CAP_TEXT,
    rows: referrals.map((referral) => ({
      id: referral.id,
      text: `${formatYuanShort(referral.township!.askedFen)}：${referral.township!.reason}（${referral.township!.byName}，${beijingText(referral.createdAt)}）`,
      statusText: referral.township!.statusText,
    })),
    canRefer,
  };
}

/** What is wrong with a referral to the township; '' when it can be sent. */
export function referProblem(askedYuan: string, reason: string): string {
  const fen = fenOf(askedYuan.trim());
  if (fen === null || fen <= 0) return REFER_AMOUNT_MESSAGE;
  if (!reason.trim()) return REFER_REASON_MESSAGE;
  if (reason.trim().length > 500) return '理由不能超过 500 字';
  return '';
}

export function toReferInput(view: Pick<OfficerCaseView, 'id'>, askedYuan: string, reason: string, requestId: string) {
  return { caseId: view.id, requestId, askedFen: fenOf(askedYuan.trim()) ?? 0, reason: reason.trim() };
}

/** Who decides this proposal instead of the caller: 「本案社长需回避，由青石镇审批。…」. */
function deciderMessage(decider: NonNullable<OfficerCaseView['decider']>, paidFirst: boolean): string {
  if (decider.kind === 'township') {
    return paidFirst
      ? `${decider.reason}（先行救助的补办审批说明），结果会记入办理过程。`
      : `${decider.reason}。审批结果会记入办理过程，批准后由本社按时发放。`;
  }
  return `本案${decider.reason || `由${decider.name}审批`}；提出审批意见或先行发放的人不能再审批同一案件。您可以在这里查看审批意见和入户核查记录。`;
}

function readOnlyMessageOf(view: OfficerCaseView, mode: DecisionMode): string {
  if (mode !== 'readOnly') return '';
  if (view.recused) return view.decider ? `${RECUSAL_MESSAGE}。${view.decider.reason}。` : RECUSAL_MESSAGE;
  if (view.decision) return '';
  if (view.reliefFirst && !view.visit) return VISIT_FIRST_MESSAGE;
  if ((view.state === 'proposed' || view.reliefFirst) && view.decider) {
    return deciderMessage(view.decider, view.reliefFirst !== null);
  }
  if (view.state === 'proposed' || view.reliefFirst) return APPROVER_ONLY_MESSAGE;
  return NOT_PROPOSED_MESSAGE;
}

export function toDecisionScreen(view: OfficerCaseView): DecisionScreen {
  const mode = decisionModeOf(view);
  const decided = view.decision;
  const first = view.reliefFirst;
  return {
    head: caseHead(view, view.reliefFirst ? ['explanation'] : ['decision', 'payout', 'visit']),
    mode,
    readOnlyMessage: readOnlyMessageOf(view, mode),
    canGoVisit: mode === 'readOnly' && view.actions.includes('recordVisit'),
    goVisitText: view.reliefFirst ? '补录入户核查' : '去入户核查',
    eligibilityText: view.eligibility.summary,
    listText: view.listCheck.summary,
    listMismatches: view.listCheck.mismatches,
    proposal: view.proposal ? planRows('审批意见（秘书长提出）', view.proposal) : null,
    visit: view.visit
      ? {
          visitedAt: beijingText(view.visit.visitedAt),
          visitors: view.visit.visitors.join('、'),
          findings: view.visit.findings,
          originals: view.visit.originalsCheckedLabels.join('、') || '未记录',
          photoFileIds: view.visit.photoFileIds,
          by: view.visit.recordedByName,
        }
      : null,
    repeat: repeatWarningOf(view),
    decision: decided
      ? {
          ...planRows(decided.outcome === 'approved' ? '审批结果：已批准' : '审批结果：不予批准', decided),
          rows: [
            ...planRows('', decided).rows.filter((row) => row.label !== '意见' && row.label !== '提出人'),
            { label: '审批人', value: `${decided.byName}，${beijingText(decided.at)}` },
          ],
        }
      : null,
    reliefFirst: first
      ? {
          rows: [
            { label: '先行救助', value: `${first.byName}，${beijingText(first.at)}` },
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
            // R-PROC-5: money not ratified goes to the township, which recovers or writes it off.
            ...(first.explanation?.ratified === false
              ? [{ label: '乡镇处理', value: unratifiedText(first.outcome) }]
              : []),
          ],
        }
      : null,
    township: townshipSectionOf(view),
  };
}

/** What keeps a decision from being sent: reject and explanation need a written reason. */
export function rejectProblem(reason: string): string {
  return reason.trim() ? '' : REJECT_REASON_MESSAGE;
}

export function explanationProblem(text: string): string {
  return text.trim() ? '' : EXPLANATION_MESSAGE;
}

/** The approver may approve less, or another tier, than proposed (the cloud checks caps and tiers again). */
export interface Adjustment {
  on: boolean;
  tierId: string;
  amountYuan: string;
}

export function initialAdjustment(view: Pick<OfficerCaseView, 'proposal'>): Adjustment {
  const proposal = view.proposal;
  const amount = proposal && proposal.recommend === 'grant' && proposal.form !== 'referral' ? proposal.amountFen : 0;
  return { on: false, tierId: proposal?.tierId ?? '', amountYuan: amount > 0 ? fenToYuanInput(amount) : '' };
}

export function pickAdjustTier(adjust: Adjustment, tierId: string, view: OfficerCaseView): Adjustment {
  const type = view.eligibility.reliefType;
  const tier = type ? view.tiers[type].find((candidate) => candidate.id === tierId) : undefined;
  return tier ? { ...adjust, tierId, amountYuan: fenToYuanInput(tier.amountFen) } : adjust;
}

export function adjustTierChoices(view: OfficerCaseView, adjust: Adjustment) {
  const type = view.eligibility.reliefType;
  return type
    ? view.tiers[type].map((tier) => ({
        value: tier.id,
        label: `${tier.label} · ${formatYuanShort(tier.amountFen)}`,
        on: adjust.tierId === tier.id,
      }))
    : [];
}

function fenOf(amountYuan: string): number | null {
  try {
    return yuanToFen(amountYuan);
  } catch {
    return null;
  }
}

export function adjustProblem(adjust: Adjustment): string {
  if (!adjust.on) return '';
  const fen = fenOf(adjust.amountYuan);
  return adjust.tierId && fen !== null && fen > 0 ? '' : ADJUST_MESSAGE;
}

/** As proposed, or adjusted (a cash grant of the amount and tier given; an in-kind proposal stays in kind). */
export function toApproveInput(view: OfficerCaseView, note: string, adjust: Adjustment): ApproveInput {
  const base = { caseId: view.id, seenRepeatCaseIds: seenRepeatCaseIds(view), note: note.trim() };
  if (!adjust.on) return base;
  const proposed = view.proposal?.form;
  return {
    ...base,
    form: proposed === 'inKind' ? 'inKind' : 'cash',
    amountFen: fenOf(adjust.amountYuan) ?? 0,
    tierId: adjust.tierId,
  };
}
