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
  HOUSEHOLD_CATEGORY_HINTS,
  HOUSEHOLD_CATEGORY_LABELS,
  HUKOU_HOLDER_LABELS,
  MATERIAL_KINDS,
  MATERIAL_KIND_LABELS,
  RELATIONSHIPS,
  RELATIONSHIP_LABELS,
  checkEligibility,
  materialsChecklist,
  type Cause,
  type EligibilityOutcome,
  type GovernmentAssistance,
  type HouseholdCategory,
  type HukouHolder,
  type MaterialKind,
  type Relationship,
} from '../../domain/relief';
import type { ApplicationInput, MaterialInput } from '../../services/cases';
import { photoSrc } from '../../services/files';

export const DRAFT_KEY = 'apply-draft';
export const NO_SOCIETY_MESSAGE = '没有找到您所在村的互助社，请扫描村务公开栏上的二维码或联系村委会';
export const STEP_TITLES = ['第 1 步：困难情况', '第 2 步：救助对象', '第 3 步：材料和同意'];
export const APPLICANT_NAME_NEEDED = '请填写您本人（申请人）的姓名';
export const CONSENT_PROCESSING_NEEDED = '请阅读告知书，勾选同意个人信息处理后提交（是否同意公示姓名由您决定）';

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
  /** The one applying, when it is not the person in need (a first application needs it). */
  applicantName: string;
  consentProcessing: boolean;
  consentNotice: boolean;
  /** Photos already uploaded, by the checklist item they prove (R-PROC-2). */
  materials: MaterialInput[];
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
    applicantName: '',
    consentProcessing: false,
    consentNotice: false,
    materials: [],
  };
}

/** Only well-formed photo entries survive a stored draft. */
function readMaterials(stored: unknown): MaterialInput[] {
  if (!Array.isArray(stored)) return [];
  return stored.filter(
    (item): item is MaterialInput =>
      typeof item === 'object' &&
      item !== null &&
      MATERIAL_KINDS.includes((item as MaterialInput).kind) &&
      typeof (item as MaterialInput).fileId === 'string' &&
      (item as MaterialInput).fileId !== '',
  );
}

/** A stored draft, or null when there is none or it is not one of ours. */
export function readDraft(stored: unknown): ApplyDraft | null {
  if (!stored || typeof stored !== 'object') return null;
  const draft = stored as Partial<ApplyDraft>;
  if (!draft.form || typeof draft.requestId !== 'string' || !draft.requestId) return null;
  const step = typeof draft.step === 'number' && draft.step >= 0 && draft.step <= 2 ? draft.step : 0;
  const form = { ...emptyForm(), ...draft.form };
  return { form: { ...form, materials: readMaterials(form.materials) }, step, requestId: draft.requestId };
}

export interface Option {
  value: string;
  label: string;
  /** One plain line under the label, where a word needs explaining. */
  hint?: string;
}

const options = <T extends string>(values: readonly T[], labels: Record<T, string>): Option[] =>
  values.map((value) => ({ value, label: labels[value] }));

export const OPTIONS = {
  hukou: options(['beneficiary', 'coResidentFamily', 'none'] as const, HUKOU_HOLDER_LABELS),
  cause: options(CAUSES, CAUSE_LABELS),
  assistance: options(GOVERNMENT_ASSISTANCE, GOVERNMENT_ASSISTANCE_LABELS),
  category: HOUSEHOLD_CATEGORIES.map((value) => ({
    value,
    label: HOUSEHOLD_CATEGORY_LABELS[value],
    hint: HOUSEHOLD_CATEGORY_HINTS[value],
  })),
  relationship: options(RELATIONSHIPS, RELATIONSHIP_LABELS),
  livingAtRisk: [
    { value: 'yes', label: '是，基本生活已陷入困境' },
    { value: 'no', label: '否' },
  ],
};

export interface PhotoThumb {
  fileId: string;
  src: string;
}

export interface ChecklistRow {
  kind: MaterialKind;
  label: string;
  note: string;
  requiredText: string;
  photos: PhotoThumb[];
  /** 「已上传 2 张」, or '' before any. */
  photoCountText: string;
}

export const ADD_PHOTO_TEXT = '拍照或选照片';
export const UPLOADING_TEXT = '正在上传…';
export const MATERIALS_LATER_NOTE = '照片可以现在上传，也可以在入户核查时交给秘书长拍照留存。';
export const PHOTO_REMOVED_TEXT = '已删除这张照片';

export interface ApplyScreen {
  stepTitle: string;
  eligibility: { outcome: EligibilityOutcome; summary: string; reasons: string[]; capText: string };
  checklist: ChecklistRow[];
  /** The eligibility block stands on step 1 only. */
  showEligibility: boolean;
  /** Asked on step 2 when someone applies for another person. */
  askApplicantName: boolean;
  consentText: string;
  consentItems: { processing: string; publicNotice: string };
  canSubmit: boolean;
  /** Which assistance chips are selected (WXML cannot call indexOf). */
  assistanceOn: Record<string, boolean>;
}

/** A caller the cloud does not know yet (no user record): their first application names them. */
export function needsApplicantName(form: ApplyForm, newApplicant: boolean): boolean {
  return newApplicant && form.relationship !== 'self';
}

/**
 * R-ELIG-1..4, R-CAP-1/2, R-PROC-2: what the screen shows for this form.
 * @param newApplicant the caller has no user record yet (their first application).
 */
export function toApplyScreen(form: ApplyForm, step: number, newApplicant = false): ApplyScreen {
  const result = checkEligibility(form);
  const checklist = materialsChecklist(form);
  const photosOf = (kind: MaterialKind): PhotoThumb[] =>
    form.materials
      .filter((item) => item.kind === kind)
      .map((item) => ({ fileId: item.fileId, src: photoSrc(item.fileId) }));
  const row = (kind: MaterialKind, label: string, note: string, requiredText: string): ChecklistRow => {
    const photos = photosOf(kind);
    return {
      kind,
      label,
      note,
      requiredText,
      photos,
      photoCountText: photos.length ? `已上传 ${photos.length} 张` : '',
    };
  };
  // Photos of a kind the checklist no longer asks for (the situation changed) stay visible and are sent.
  const listed = new Set(checklist.map((item) => item.kind));
  const orphanKinds = [...new Set(form.materials.map((item) => item.kind))].filter((kind) => !listed.has(kind));
  return {
    stepTitle: STEP_TITLES[step] ?? STEP_TITLES[0]!,
    eligibility: {
      outcome: result.outcome,
      summary: result.summary,
      reasons: result.reasons,
      capText: result.reliefTypeLabel ? `适用：${result.reliefTypeLabel}` : '',
    },
    checklist: [
      ...checklist.map((item) => row(item.kind, item.label, item.note, item.required ? '必须' : '如有')),
      ...orphanKinds.map((kind) => row(kind, MATERIAL_KIND_LABELS[kind], '', '已上传')),
    ],
    showEligibility: step === 0,
    askApplicantName: needsApplicantName(form, newApplicant),
    // The version code is recorded with the consent, never shown to villagers.
    consentText: CONSENT_TEXT,
    consentItems: { processing: CONSENT_ITEMS.processing, publicNotice: CONSENT_ITEMS.publicNotice },
    canSubmit: result.outcome !== 'ineligible' && form.consentProcessing,
    assistanceOn: Object.fromEntries(form.assistance.map((value) => [value, true])),
  };
}

/** What the page must ask for before leaving a step; empty when it may go on. */
export function stepProblem(form: ApplyForm, step: number, newApplicant = false): string {
  if (step === 0 && checkEligibility(form).outcome === 'ineligible') return '按照互助社的规定，暂不符合申请条件';
  if (step === 1) {
    if (!form.name.trim()) return '请填写救助对象的姓名';
    if (!form.idNumber.trim()) return '请填写救助对象的身份证号码';
    if (needsApplicantName(form, newApplicant) && !form.applicantName.trim()) return APPLICANT_NAME_NEEDED;
    if (!form.description.trim()) return '请简单说明发生了什么';
  }
  if (step === 2 && !form.consentProcessing) return CONSENT_PROCESSING_NEEDED;
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
    ...(form.relationship !== 'self' && form.applicantName.trim() ? { applicantName: form.applicantName.trim() } : {}),
    consent: {
      processing: form.consentProcessing,
      publicNotice: form.consentNotice,
      textVersion: CONSENT_TEXT_VERSION,
    },
    ...(form.materials.length ? { materials: form.materials.map(({ kind, fileId }) => ({ kind, fileId })) } : {}),
  };
}

/** Adds newly uploaded photos of one kind (a file id only once). */
export function addPhotos(materials: MaterialInput[], kind: MaterialKind, fileIds: string[]): MaterialInput[] {
  const known = new Set(materials.map((item) => item.fileId));
  const fresh = [...new Set(fileIds)].filter((fileId) => !known.has(fileId)).map((fileId) => ({ kind, fileId }));
  return [...materials, ...fresh];
}

export function removePhoto(materials: MaterialInput[], fileId: string): MaterialInput[] {
  return materials.filter((item) => item.fileId !== fileId);
}

/** How many more photos one pick may add for a kind (at most MAX per kind). */
export const MAX_PHOTOS_PER_KIND = 9;
export function photosLeft(materials: MaterialInput[], kind: MaterialKind): number {
  return Math.max(0, MAX_PHOTOS_PER_KIND - materials.filter((item) => item.kind === kind).length);
}

export function caseUrl(caseId: string): string {
  return `/pages/case/index?caseId=${encodeURIComponent(caseId)}`;
}
