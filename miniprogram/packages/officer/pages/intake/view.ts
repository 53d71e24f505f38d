/**
 * 主动发现登记 (R-PROC-1): the form an officer fills for someone who cannot apply. The situation,
 * the eligibility helper, the checklist and the consent texts are the apply page's own (one
 * source): the officer answers the same questions a villager would, plus how the case came to
 * light and how the person consented. Pure: tested without rendering.
 */
import type { ClueQueueItem } from '../../../../domain/clues';
import { isValidIdNumber, normalizeIdNumber } from '../../../../domain/id-number';
import { CONSENT_TEXT_VERSION, checkEligibility } from '../../../../domain/relief';
import type { DiscoveryInput } from '../../../../services/cases';
import { OPTIONS as APPLY_OPTIONS, emptyForm, toApplyScreen } from '../../../../pages/apply/view';
import type { ApplyForm, ApplyScreen, Option } from '../../../../pages/apply/view';

export const FORBIDDEN_INTAKE_MESSAGE = '只有本互助社的秘书长或社长可以登记主动发现的案件';
export const MISSING_SOCIETY_MESSAGE = '缺少互助社编号，请从救助案件列表进入';
export const BAD_ID_NUMBER_MESSAGE = '身份证号码有误，请核对后重新填写';
export const BAD_PHONE_MESSAGE = '联系电话格式有误，请填写手机号码或固定电话';

export type ConsentMethod = 'signed' | 'verbal';

/** The apply form's fields (same meaning, same helper) plus what only an officer records. */
export interface IntakeForm extends ApplyForm {
  /** 如何发现：入户走访、村民反映、医院告知… */
  discoveredHow: string;
  /** How the beneficiary (or their family) consented: a signed form, or orally before witnesses. */
  consentMethod: ConsentMethod;
}

export function emptyIntakeForm(): IntakeForm {
  return { ...emptyForm(), discoveredHow: '', consentMethod: 'signed' };
}

export const INTAKE_OPTIONS = {
  ...APPLY_OPTIONS,
  consentMethod: [
    { value: 'signed', label: '书面签字（告知书已签字或按手印）' },
    { value: 'verbal', label: '口头同意（已当面宣读告知书）' },
  ] as Option[],
  discoveredHowHints: ['入户走访', '村民反映', '医院告知', '低保对象定期走访'],
};

/** The apply page's screen, plus the consent text's version, which the officer reads out (villagers never see it). */
export type IntakeScreen = ApplyScreen & { consentVersionText: string };

/** The apply page's screen (eligibility R-ELIG-1..4 / R-CAP-1/2, checklist R-PROC-2, consent texts). */
export function toIntakeScreen(form: IntakeForm): IntakeScreen {
  return { ...toApplyScreen(form, 2), consentVersionText: `告知书版本：${CONSENT_TEXT_VERSION}` };
}

const PHONE = /^(?:1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/;

/** The first thing to fix before sending, in Chinese; '' when the form may go. Checked before any call. */
export function intakeProblem(form: IntakeForm, today?: Date): string {
  if (!form.name.trim()) return '请填写救助对象的姓名';
  if (!form.idNumber.trim()) return '请填写救助对象的身份证号码';
  if (!isValidIdNumber(normalizeIdNumber(form.idNumber), today ? { today } : {})) return BAD_ID_NUMBER_MESSAGE;
  if (form.phone.trim() && !PHONE.test(form.phone.trim())) return BAD_PHONE_MESSAGE;
  if (!form.description.trim()) return '请简单说明发生了什么';
  if (!form.discoveredHow.trim()) return '请填写是如何发现的（如入户走访、村民反映）';
  const eligibility = checkEligibility(form);
  if (eligibility.outcome === 'ineligible') return `${eligibility.summary}：${eligibility.reasons.join('')}`;
  if (!form.consentProcessing)
    return '请向救助对象宣读告知书，取得个人信息处理的同意后勾选（是否同意公示姓名由本人决定）';
  return '';
}

export function toDiscoveryInput(form: IntakeForm, requestId: string, societyId: string, clueId = ''): DiscoveryInput {
  return {
    requestId,
    societyId,
    ...(clueId ? { clueId } : {}),
    person: {
      name: form.name.trim(),
      idNumber: normalizeIdNumber(form.idNumber),
      phone: form.phone.trim() || null,
      relationship: form.relationship,
    },
    hukou: form.hukou,
    cause: form.cause,
    description: form.description.trim(),
    assistance: form.assistance,
    category: form.category,
    livingAtRisk: form.livingAtRisk,
    discoveredHow: form.discoveredHow.trim(),
    consent: {
      processing: form.consentProcessing,
      publicNotice: form.consentNotice,
      textVersion: CONSENT_TEXT_VERSION,
      method: form.consentMethod,
    },
    ...(form.materials.length ? { materials: form.materials.map(({ kind, fileId }) => ({ kind, fileId })) } : {}),
  };
}

/** What the officer sees of the clue a case is opened from (issue 13); the reporter only if named. */
export interface ClueBox {
  sourceLabel: string;
  reporter: string;
  personHint: string;
  whatHappened: string;
}

export function toClueBox(clue: ClueQueueItem): ClueBox {
  return {
    sourceLabel: clue.sourceLabel,
    reporter: clue.reporterName ? `反映人：${clue.reporterName}` : '反映人：匿名',
    personHint: clue.personHint,
    whatHappened: clue.whatHappened,
  };
}
