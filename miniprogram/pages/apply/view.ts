/** The apply form's state, its eligibility helper and the payload it submits. Pure: tested without rendering. */
import {
  CAUSES,
  CAUSE_LABELS,
  CONSENT_ITEMS,
  CONSENT_TEXT,
  CONSENT_TEXT_VERSION,
  GOVERNMENT_ASSISTANCE,
  GOVERNMENT_ASSISTANCE_LABELS,
  HOUSEHOLD_CATEGORIES,
  HOUSEHOLD_CATEGORY_LABELS,
  HUKOU_HOLDER_LABELS,
  RELATIONSHIPS,
  RELATIONSHIP_LABELS,
  checkEligibility,
  materialsChecklist,
  type Cause,
  type EligibilityOutcome,
  type GovernmentAssistance,
  type HouseholdCategory,
  type HukouHolder,
  type Relationship,
} from '../../domain/relief';
import type { ApplicationInput } from '../../services/cases';

export const DRAFT_KEY = 'apply-draft';
export const NO_SOCIETY_MESSAGE = '没有找到您所在村的互助社，请扫描村务公开栏上的二维码或联系村委会';
export const STEP_TITLES = ['第 1 步：困难情况', '第 2 步：救助对象', '第 3 步：材料和同意'];

export interface ApplyForm {
  hukou: HukouHolder;
  cause: Cause;
  description: string;
  assistance: GovernmentAssistance[];
  category: HouseholdCategory;
  livingAtRisk: boolean;
  name: string;
  idNumber: string;
  phone: string;
  relationship: Relationship;
  consentProcessing: boolean;
  consentNotice: boolean;
}

export interface ApplyDraft {
  form: ApplyForm;
  step: number;
  requestId: string;
}

export function emptyForm(): ApplyForm {
  return {
    hukou: 'beneficiary',
    cause: 'majorIllness',
    description: '',
    assistance: [],
    category: 'other',
    livingAtRisk: true,
    name: '',
    idNumber: '',
    phone: '',
    relationship: 'self',
    consentProcessing: false,
    consentNotice: false,
  };
}

/** A stored draft, or null when there is none or it is not one of ours. */
export function readDraft(stored: unknown): ApplyDraft | null {
  if (!stored || typeof stored !== 'object') return null;
  const draft = stored as Partial<ApplyDraft>;
  if (!draft.form || typeof draft.requestId !== 'string' || !draft.requestId) return null;
  const step = typeof draft.step === 'number' && draft.step >= 0 && draft.step <= 2 ? draft.step : 0;
  return { form: { ...emptyForm(), ...draft.form }, step, requestId: draft.requestId };
}

export interface Option {
  value: string;
  label: string;
}

const options = <T extends string>(values: readonly T[], labels: Record<T, string>): Option[] =>
  values.map((value) => ({ value, label: labels[value] }));

export const OPTIONS = {
  hukou: options(['beneficiary', 'coResidentFamily', 'none'] as const, HUKOU_HOLDER_LABELS),
  cause: options(CAUSES, CAUSE_LABELS),
  assistance: options(GOVERNMENT_ASSISTANCE, GOVERNMENT_ASSISTANCE_LABELS),
  category: options(HOUSEHOLD_CATEGORIES, HOUSEHOLD_CATEGORY_LABELS),
  relationship: options(RELATIONSHIPS, RELATIONSHIP_LABELS),
  livingAtRisk: [
    { value: 'yes', label: '是，基本生活已陷入困境' },
    { value: 'no', label: '否' },
  ],
};

export interface ApplyScreen {
  stepTitle: string;
  eligibility: { outcome: EligibilityOutcome; summary: string; reasons: string[]; capText: string };
  checklist: Array<{ kind: string; label: string; note: string; requiredText: string }>;
  consentText: string;
  consentVersionText: string;
  consentItems: { processing: string; publicNotice: string };
  canSubmit: boolean;
  /** Which assistance chips are selected (WXML cannot call indexOf). */
  assistanceOn: Record<string, boolean>;
}

/** R-ELIG-1..4, R-CAP-1/2, R-PROC-2: what the screen shows for this form. */
export function toApplyScreen(form: ApplyForm, step: number): ApplyScreen {
  const result = checkEligibility(form);
  const checklist = materialsChecklist(form);
  return {
    stepTitle: STEP_TITLES[step] ?? STEP_TITLES[0]!,
    eligibility: {
      outcome: result.outcome,
      summary: result.summary,
      reasons: result.reasons,
      capText: result.reliefTypeLabel ? `适用：${result.reliefTypeLabel}` : '',
    },
    checklist: checklist.map((item) => ({
      kind: item.kind,
      label: item.label,
      note: item.note,
      requiredText: item.required ? '必须' : '如有',
    })),
    consentText: CONSENT_TEXT,
    consentVersionText: `告知书版本：${CONSENT_TEXT_VERSION}`,
    consentItems: { processing: CONSENT_ITEMS.processing, publicNotice: CONSENT_ITEMS.publicNotice },
    canSubmit: result.outcome !== 'ineligible' && form.consentProcessing && form.consentNotice,
    assistanceOn: Object.fromEntries(form.assistance.map((value) => [value, true])),
  };
}

/** What the page must ask for before leaving a step; empty when it may go on. */
export function stepProblem(form: ApplyForm, step: number): string {
  if (step === 0 && checkEligibility(form).outcome === 'ineligible') return '按照互助社的规定，暂不符合申请条件';
  if (step === 1) {
    if (!form.name.trim()) return '请填写救助对象的姓名';
    if (!form.idNumber.trim()) return '请填写救助对象的身份证号码';
    if (!form.description.trim()) return '请简单说明发生了什么';
  }
  if (step === 2 && !(form.consentProcessing && form.consentNotice)) return '请阅读告知书并勾选两项同意';
  return '';
}

export function toggleAssistance(list: GovernmentAssistance[], value: GovernmentAssistance): GovernmentAssistance[] {
  return list.includes(value) ? list.filter((item) => item !== value) : [...list, value];
}

export function toApplicationInput(form: ApplyForm, requestId: string, societyId: string): ApplicationInput {
  return {
    requestId,
    societyId,
    hukou: form.hukou,
    cause: form.cause,
    description: form.description.trim(),
    assistance: form.assistance,
    category: form.category,
    livingAtRisk: form.livingAtRisk,
    beneficiary: {
      name: form.name.trim(),
      idNumber: form.idNumber.trim().toUpperCase(),
      phone: form.phone.trim() || null,
      relationship: form.relationship,
    },
    consent: {
      processing: form.consentProcessing,
      publicNotice: form.consentNotice,
      textVersion: CONSENT_TEXT_VERSION,
    },
  };
}

export function caseUrl(caseId: string): string {
  return `/pages/case/index?caseId=${encodeURIComponent(caseId)}`;
}
