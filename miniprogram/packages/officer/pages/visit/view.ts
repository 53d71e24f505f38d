/**
 * 入户核查 (R-PROC-3): the home visit record and the review opinion (审核意见) — the form, its
 * checks, the payloads it sends and the screen it shows. Pure: tested without rendering.
 *
 * The relief type is not chosen here: it follows from the facts (R-ELIG-3/4) and the cloud works
 * it out again. The amount is entered in yuan within the society's tiers; the caps (R-CAP-1/2)
 * and tier standards (R-CAP-3) are shown, and enforced by the cloud whatever the page sends.
 */
import { formatYuanShort, fenToYuanInput, yuanToFen } from '../../../../domain/money';
import {
  GOVERNMENT_ASSISTANCE,
  GOVERNMENT_ASSISTANCE_LABELS,
  HOUSEHOLD_CATEGORIES,
  HOUSEHOLD_CATEGORY_LABELS,
  HUKOU_HOLDER_LABELS,
  RELIEF_CAP_FEN,
  RELIEF_FORMS,
  RELIEF_FORM_LABELS,
  RELIEF_TYPE_LABELS,
  checkEligibility,
  formOfMethod,
  type EligibilityResult,
  type GovernmentAssistance,
  type HouseholdCategory,
  type HukouHolder,
  type MaterialKind,
  type ReliefForm,
  type ReliefType,
} from '../../../../domain/relief';
import type { OfficerCaseView, ReliefPlanView } from '../../../../domain/case';
import type { OpinionInput, VisitInput } from '../../../../services/cases';
import { beijingDayAndTime, beijingText, caseHead, dayBefore, RECUSAL_MESSAGE, type CaseHead } from '../../case-step';

export const MIN_VISITORS = 2;
export const MAX_VISITORS = 6;
export const MAX_VISIT_PHOTOS = 9;

export const TWO_VISITORS_MESSAGE = '入户核查须由至少两人进行，请填写两位不同的核查人';
export const FINDINGS_MESSAGE = '请填写核查情况';
export const REASON_MESSAGE = '请填写审核意见和理由';
export const TIER_MESSAGE = '请选择救助档次';
export const AMOUNT_MESSAGE = '请填写正确的救助金额（元，最多两位小数，大于 0）';
export const DATE_MESSAGE = '请填写正确的核查日期（如 2026-11-30）和时间（如 09:30）';
export const NOT_NOW_MESSAGE = '这个案件现在不需要入户核查或提出审批意见';
export const NOT_OFFICER_MESSAGE = '入户核查和审批意见由本社秘书长或社长办理，您可以在案件详情查看';
export const NO_RELIEF_TYPE_MESSAGE = '按核实的情况不符合救助条件，只能提出不予救助的意见';

/**
 * - visitAndPropose: an accepted case — record the visit, then propose the opinion to the president;
 * - proposeOnly: the visit is on file (e.g. the proposal failed last time) — propose;
 * - visitOnly: 先行救助 paid first (R-PROC-5) — file the visit; the president files the decision;
 * - none: nothing to do here now (message says why).
 */
export type VisitMode = 'visitAndPropose' | 'proposeOnly' | 'visitOnly' | 'none';

export function visitModeOf(view: Pick<OfficerCaseView, 'actions' | 'state'>): VisitMode {
  if (view.actions.includes('recordVisit')) return view.state === 'paid' ? 'visitOnly' : 'visitAndPropose';
  if (view.actions.includes('propose')) return 'proposeOnly';
  return 'none';
}

export interface VisitForm {
  /** YYYY-MM-DD, Beijing. */
  visitDate: string;
  /** HH:MM, Beijing. */
  visitTime: string;
  visitors: string[];
  findings: string;
  photoFileIds: string[];
  originals: MaterialKind[];
  recommend: 'grant' | 'deny';
  form: ReliefForm;
  /** '' while none is chosen. */
  tierId: string;
  amountYuan: string;
  reason: string;
  /** The facts as the visit found them (R-ELIG-1..4): they decide the relief type and cap. */
  hukou: HukouHolder;
  assistance: GovernmentAssistance[];
  category: HouseholdCategory;
  livingAtRisk: boolean;
}

/** Today at the cloud's now (Beijing), the caller as first visitor, the earlier opinion if any. */
export function initialVisitForm(view: OfficerCaseView, now: Date, myName: string | null): VisitForm {
  const { day, time } = beijingDayAndTime(now);
  const earlier: ReliefPlanView | null = view.visit?.opinion ?? null;
  const base: VisitForm = {
    visitDate: day,
    visitTime: time,
    visitors: [myName ?? '', ''],
    findings: '',
    photoFileIds: [],
    originals: [],
    recommend: 'grant',
    form: 'cash',
    tierId: '',
    amountYuan: '',
    reason: '',
    hukou: view.person.hukou,
    assistance: [...view.situation.assistance],
    category: view.situation.category,
    livingAtRisk: view.situation.livingAtRisk,
  };
  const paid = view.payout;
  if (!earlier && paid && paid.method !== 'referral') {
    // 先行救助: the opinion on file describes what was paid first.
    return { ...base, form: formOfMethod(paid.method), amountYuan: fenToYuanInput(paid.amountFen) };
  }
  if (!earlier) return base;
  return {
    ...base,
    recommend: earlier.recommend,
    form: earlier.form ?? 'cash',
    tierId: earlier.tierId ?? '',
    amountYuan: earlier.form && earlier.form !== 'referral' ? fenToYuanInput(earlier.amountFen) : '',
    reason: earlier.reason,
  };
}

export function toggleOriginal(list: readonly MaterialKind[], kind: MaterialKind): MaterialKind[] {
  return list.includes(kind) ? list.filter((item) => item !== kind) : [...list, kind];
}

/** Whether the visit form itself records the facts (else they are on file already). */
function recordsFacts(view: Pick<OfficerCaseView, 'actions' | 'state'>): boolean {
  const mode = visitModeOf(view);
  return mode === 'visitAndPropose' || mode === 'visitOnly';
}

/**
 * R-ELIG-1..4 on the facts as verified: while the visit is being recorded, on what the form says
 * (the cloud applies the same rule to what it receives); afterwards, the cloud's own answer.
 */
export function eligibilityFor(view: OfficerCaseView, form: VisitForm): EligibilityResult {
  if (!recordsFacts(view)) return view.eligibility;
  return checkEligibility({
    hukou: form.hukou,
    cause: view.situation.cause,
    assistance: form.assistance,
    category: form.category,
    livingAtRisk: form.livingAtRisk,
  });
}

export function toggleAssistance(list: readonly GovernmentAssistance[], item: GovernmentAssistance) {
  return list.includes(item) ? list.filter((entry) => entry !== item) : [...list, item];
}

/** Picking a tier fills in its standard amount (less may still be typed, never more). */
export function pickTier(form: VisitForm, tierId: string, view: OfficerCaseView): VisitForm {
  const type = eligibilityFor(view, form).reliefType;
  const tier = type ? view.tiers[type].find((candidate) => candidate.id === tierId) : undefined;
  return tier ? { ...form, tierId, amountYuan: fenToYuanInput(tier.amountFen) } : form;
}

/** Amount typed in yuan → fen, or null when it is not an amount. */
export function amountFenOf(amountYuan: string): number | null {
  try {
    return yuanToFen(amountYuan);
  } catch {
    return null;
  }
}

/** What keeps the form from being sent, in Chinese; the cloud checks everything again. */
export function visitProblems(form: VisitForm, mode: VisitMode): string[] {
  const problems: string[] = [];
  if (mode === 'visitAndPropose' || mode === 'visitOnly') {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(form.visitDate.trim()) || !/^\d{2}:\d{2}$/.test(form.visitTime.trim())) {
      problems.push(DATE_MESSAGE);
    } else if (Number.isNaN(Date.parse(visitedAtOf(form)))) problems.push(DATE_MESSAGE);
    const names = new Set(form.visitors.map((name) => name.trim()).filter(Boolean));
    if (names.size < MIN_VISITORS) problems.push(TWO_VISITORS_MESSAGE);
    if (!form.findings.trim()) problems.push(FINDINGS_MESSAGE);
  }
  if (form.recommend === 'grant' && form.form !== 'referral') {
    if (!form.tierId) problems.push(TIER_MESSAGE);
    const fen = amountFenOf(form.amountYuan);
    if (fen === null || fen <= 0) problems.push(AMOUNT_MESSAGE);
  }
  if (!form.reason.trim()) problems.push(REASON_MESSAGE);
  return problems;
}

export function visitedAtOf(form: Pick<VisitForm, 'visitDate' | 'visitTime'>): string {
  return `${form.visitDate.trim()}T${form.visitTime.trim()}:00+08:00`;
}

export function toOpinion(form: VisitForm): OpinionInput {
  const reason = form.reason.trim();
  if (form.recommend === 'deny') return { recommend: 'deny', form: null, amountFen: null, tierId: null, reason };
  if (form.form === 'referral') return { recommend: 'grant', form: 'referral', amountFen: 0, tierId: null, reason };
  return {
    recommend: 'grant',
    form: form.form,
    amountFen: amountFenOf(form.amountYuan) ?? 0,
    tierId: form.tierId || null,
    reason,
  };
}

/** Only what the visit found different from what was declared. */
export function verifiedOf(view: OfficerCaseView, form: VisitForm): VisitInput['verified'] {
  const verified: NonNullable<VisitInput['verified']> = {};
  if (form.hukou !== view.person.hukou) verified.hukou = form.hukou;
  const declared = [...view.situation.assistance].sort().join(',');
  if ([...form.assistance].sort().join(',') !== declared) verified.assistance = [...form.assistance];
  if (form.category !== view.situation.category) verified.category = form.category;
  if (form.livingAtRisk !== view.situation.livingAtRisk) verified.livingAtRisk = form.livingAtRisk;
  return Object.keys(verified).length > 0 ? verified : undefined;
}

export function toVisitInput(view: OfficerCaseView, form: VisitForm): VisitInput {
  const visitors = form.visitors.map((name) => name.trim()).filter(Boolean);
  const verified = verifiedOf(view, form);
  return {
    caseId: view.id,
    visitedAt: visitedAtOf(form),
    visitors: [...new Set(visitors)].map((name) => ({ name })),
    findings: form.findings.trim(),
    photoFileIds: form.photoFileIds,
    originalsChecked: form.originals,
    ...(verified ? { verified } : {}),
    opinion: toOpinion(form),
  };
}

export interface Choice {
  value: string;
  label: string;
  on: boolean;
}

export interface VisitScreen {
  head: CaseHead;
  mode: VisitMode;
  /** Why nothing can be done here ('' when something can). */
  blockedMessage: string;
  /** Part 1 (the visit record) is shown as a form. */
  showVisitForm: boolean;
  /** Part 2 (the opinion) is shown. */
  showOpinion: boolean;
  submitText: string;
  /** 先行救助: what remains after the visit. */
  reliefFirstNote: string;
  eligibilityText: string;
  /** The visit changed the facts: the relief type may differ from the application's. */
  factsChanged: boolean;
  hukouChoices: Choice[];
  assistanceChoices: Choice[];
  categoryChoices: Choice[];
  livingChoices: Choice[];
  reliefTypeLabel: string;
  capText: string;
  dateChoices: Choice[];
  /** One input per visitor (keyed by position). */
  visitorRows: Array<{ key: string; name: string; placeholder: string }>;
  canAddVisitor: boolean;
  originals: Choice[];
  photoCount: string;
  canAddPhoto: boolean;
  recommendChoices: Choice[];
  formChoices: Choice[];
  tierChoices: Array<Choice & { amountText: string }>;
  showAmount: boolean;
  /** A warning before the cloud refuses: over the cap or over the tier. */
  amountWarning: string;
  /** The visit already on file (proposeOnly). */
  record: { visitedAt: string; visitors: string; findings: string; originals: string; by: string } | null;
}

function amountWarningOf(type: ReliefType | null, form: VisitForm, view: OfficerCaseView): string {
  if (!type || form.recommend !== 'grant' || form.form === 'referral') return '';
  const fen = amountFenOf(form.amountYuan);
  if (fen === null || fen <= 0) return '';
  const cap = RELIEF_CAP_FEN[type];
  if (fen > cap) return `超过${RELIEF_TYPE_LABELS[type]}每人次 ${formatYuanShort(cap)} 的上限（R-CAP），提交会被退回`;
  const tier = view.tiers[type].find((candidate) => candidate.id === form.tierId);
  if (tier && fen > tier.amountFen) return `超过「${tier.label}」的标准 ${formatYuanShort(tier.amountFen)}`;
  return '';
}

function blockedMessageOf(view: OfficerCaseView, mode: VisitMode): string {
  if (mode !== 'none') return '';
  if (view.recused) return RECUSAL_MESSAGE;
  if (view.visit && view.state !== 'accepted')
    return `入户核查已于 ${beijingText(view.visit.visitedAt)} 完成（${view.stateLabel}）`;
  if (view.state === 'accepted' || view.state === 'visited') return NOT_OFFICER_MESSAGE;
  return NOT_NOW_MESSAGE;
}

export function toVisitScreen(view: OfficerCaseView, form: VisitForm, today: string): VisitScreen {
  const mode = visitModeOf(view);
  const eligibility = eligibilityFor(view, form);
  const type = eligibility.reliefType;
  const kinds = mode === 'visitOnly' ? (['visit', 'explanation'] as const) : (['visit'] as const);
  const showVisitForm = mode === 'visitAndPropose' || mode === 'visitOnly';
  const grant = form.recommend === 'grant';
  const visit = view.visit;
  return {
    head: caseHead(view, kinds),
    mode,
    blockedMessage: blockedMessageOf(view, mode),
    showVisitForm,
    showOpinion: mode !== 'none',
    submitText:
      mode === 'visitAndPropose'
        ? '保存核查记录并报社长审批'
        : mode === 'proposeOnly'
          ? '提出审批意见报社长审批'
          : '保存入户核查记录',
    reliefFirstNote:
      mode === 'visitOnly'
        ? '本案已先行救助（R-PROC-5）。补录入户核查后，由社长（或指定审批人）补办审批说明，须在先行发放后 1 个工作日内完成。'
        : '',
    eligibilityText: eligibility.summary,
    factsChanged: showVisitForm && verifiedOf(view, form) !== undefined,
    hukouChoices: (['beneficiary', 'coResidentFamily', 'none'] as const).map((value) => ({
      value,
      label: HUKOU_HOLDER_LABELS[value],
      on: form.hukou === value,
    })),
    assistanceChoices: GOVERNMENT_ASSISTANCE.map((value) => ({
      value,
      label: GOVERNMENT_ASSISTANCE_LABELS[value],
      on: form.assistance.includes(value),
    })),
    // 不清楚 is the applicant's answer; the visit verifies one of the others (R-ELIG-4).
    categoryChoices: HOUSEHOLD_CATEGORIES.filter((value) => value !== 'unsure').map((value) => ({
      value,
      label: HOUSEHOLD_CATEGORY_LABELS[value],
      on: form.category === value,
    })),
    livingChoices: [
      { value: 'yes', label: '基本生活陷入困境', on: form.livingAtRisk },
      { value: 'no', label: '基本生活没有陷入困境', on: !form.livingAtRisk },
    ],
    reliefTypeLabel: type ? RELIEF_TYPE_LABELS[type] : NO_RELIEF_TYPE_MESSAGE,
    capText: type
      ? `每人次最多 ${formatYuanShort(RELIEF_CAP_FEN[type])}（R-CAP-${type === 'supplementary' ? 1 : 2}）`
      : '',
    dateChoices: [
      { value: today, label: `今天（${today}）`, on: form.visitDate === today },
      { value: dayBefore(today), label: `昨天（${dayBefore(today)}）`, on: form.visitDate === dayBefore(today) },
    ],
    visitorRows: form.visitors.map((name, index) => ({
      key: `visitor-${index}`,
      name,
      placeholder: `第 ${index + 1} 位核查人姓名`,
    })),
    canAddVisitor: form.visitors.length < MAX_VISITORS,
    originals: view.checklist.map((item) => ({
      value: item.kind,
      label: item.originalChecked ? `${item.label}（须核验原件）` : item.label,
      on: form.originals.includes(item.kind),
    })),
    photoCount: `已添加 ${form.photoFileIds.length} 张，最多 ${MAX_VISIT_PHOTOS} 张`,
    canAddPhoto: form.photoFileIds.length < MAX_VISIT_PHOTOS,
    recommendChoices: [
      { value: 'grant', label: '建议给予救助', on: grant },
      { value: 'deny', label: '建议不予救助', on: !grant },
    ],
    formChoices: RELIEF_FORMS.map((value) => ({ value, label: RELIEF_FORM_LABELS[value], on: form.form === value })),
    tierChoices: type
      ? view.tiers[type].map((tier) => ({
          value: tier.id,
          label: tier.label,
          amountText: formatYuanShort(tier.amountFen),
          on: form.tierId === tier.id,
        }))
      : [],
    showAmount: grant && form.form !== 'referral',
    amountWarning: amountWarningOf(type, form, view),
    record:
      mode === 'proposeOnly' && visit
        ? {
            visitedAt: beijingText(visit.visitedAt),
            visitors: visit.visitors.join('、'),
            findings: visit.findings,
            originals: visit.originalsCheckedLabels.join('、') || '未记录',
            by: visit.recordedByName,
          }
        : null,
  };
}
