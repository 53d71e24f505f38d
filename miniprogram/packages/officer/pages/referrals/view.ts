/**
 * After relief, further help (R-CAP-3, item 8 of the plan): referrals with an owner and a follow-up
 * date, their follow-up, and closing the case. Pure: tested without rendering.
 */
import {
  REFERRAL_KINDS,
  REFERRAL_KIND_LABELS,
  REFERRAL_STATUS_LABELS,
  type OfficerCaseView,
  type ReferralInput,
  type ReferralKind,
  type ReferralStatus,
} from '../../../../domain/case';
import { formatBeijingTime } from '../../../../domain/case';
import { formatYuan } from '../../../../domain/money';

export const MISSING_CASE_MESSAGE = '缺少案件编号，请从案件详情进入';
export const NOT_AN_OFFICER_MESSAGE = '只有本互助社的秘书长、社长和村监督委员会可以查看转介帮扶';
export const REFERRAL_ADDED_TOAST = '已添加转介';
export const REFERRAL_UPDATED_TOAST = '已记录跟进情况';
export const CASE_CLOSED_TOAST = '已结案';
export const CLOSE_DIALOG = {
  title: '确定结案吗？',
  placeholderText: '结案说明（可不填）',
  confirmText: '结案',
} as const;

export interface Option {
  value: string;
  label: string;
}

export const KIND_OPTIONS: Option[] = REFERRAL_KINDS.map((value) => ({ value, label: REFERRAL_KIND_LABELS[value] }));
export const STATUS_OPTIONS: Option[] = (['open', 'done', 'dropped'] as const).map((value) => ({
  value,
  label: REFERRAL_STATUS_LABELS[value],
}));

export interface ReferralForm {
  kind: ReferralKind;
  description: string;
  ownerName: string;
  followUpDate: string;
}

export interface UpdateForm {
  referralId: string;
  status: ReferralStatus;
  note: string;
  followUpDate: string;
}

export function emptyReferralForm(ownerName = ''): ReferralForm {
  return { kind: 'resourceLinking', description: '', ownerName, followUpDate: '' };
}

export interface ReferralRow {
  id: string;
  kindLabel: string;
  description: string;
  ownerText: string;
  followUpText: string;
  status: ReferralStatus;
  statusLabel: string;
  statusTheme: 'primary' | 'success' | 'default';
  notes: Array<{ key: string; text: string; meta: string }>;
  /** A referral to the township's 临时救助: what was asked and the township's answer ('' otherwise). */
  townshipText: string;
  /** The township records its outcome: the officer only adds follow-up notes. */
  isTownship: boolean;
}

export interface ReferralsScreen {
  title: string;
  caseNo: string;
  stateLabel: string;
  payoutText: string;
  rows: ReferralRow[];
  emptyText: string;
  canAdd: boolean;
  canUpdate: boolean;
  canClose: boolean;
  /** Why the case cannot be closed yet, when it is paid but not closable; else ''. */
  closeHint: string;
}

const STATUS_THEMES: Record<ReferralStatus, ReferralRow['statusTheme']> = {
  open: 'primary',
  done: 'success',
  dropped: 'default',
};

function closeHintOf(view: OfficerCaseView): string {
  if (view.state !== 'paid' || view.actions.includes('close')) return '';
  if (view.recused) return '您与救助对象同户，须回避，由其他经办人结案';
  if (view.payout && view.payout.method !== 'referral' && !view.receipt)
    return '领款人确认收到（或上传签字收据）后才能结案';
  if (view.reliefFirst && !view.reliefFirst.explanation) return '先行救助补办审批说明后才能结案';
  return '';
}

export function toReferralsScreen(view: OfficerCaseView): ReferralsScreen {
  return {
    title: `${view.person.name} · ${view.causeLabel}`,
    caseNo: `编号 ${view.caseNo}`,
    stateLabel: view.stateLabel,
    payoutText: view.payout
      ? `${formatBeijingTime(view.payout.paidAt, true)} 已发放 ${view.payout.methodLabel}` +
        (view.payout.amountFen ? ` ${formatYuan(view.payout.amountFen)}` : '')
      : '',
    rows: view.referrals.map((referral) => ({
      id: referral.id,
      kindLabel: referral.kindLabel,
      description: referral.description,
      ownerText: `负责人 ${referral.ownerName}`,
      followUpText: `跟进日期 ${referral.followUpDate}`,
      status: referral.status,
      statusLabel: referral.statusLabel,
      statusTheme: STATUS_THEMES[referral.status],
      notes: referral.notes.map((note, index) => ({
        key: `${referral.id}-${index}`,
        text: note.text,
        meta: `${formatBeijingTime(note.at, true)} · ${note.byName}`,
      })),
      townshipText: referral.township
        ? `申请临时救助 ${formatYuan(referral.township.askedFen)} · ${referral.township.statusText}`
        : '',
      isTownship: referral.township !== null,
    })),
    emptyText:
      '还没有转介。救助发放后，可以为困难家庭链接其他捐赠、心理疏导、资源链接、能力提升、社会融入或帮办政府救助。',
    canAdd: view.actions.includes('addReferral'),
    canUpdate: view.actions.includes('updateReferral'),
    canClose: view.actions.includes('close'),
    closeHint: closeHintOf(view),
  };
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar date written YYYY-MM-DD. */
export function isDate(text: string): boolean {
  const match = DATE.exec(text.trim());
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const probe = new Date(Date.UTC(year, month - 1, day));
  return probe.getUTCFullYear() === year && probe.getUTCMonth() === month - 1 && probe.getUTCDate() === day;
}

export function referralProblem(form: ReferralForm): string {
  if (!REFERRAL_KINDS.includes(form.kind)) return '请选择转介类别';
  if (!form.description.trim()) return '请写明转介内容';
  if (form.description.trim().length > 500) return '转介内容不能超过 500 字';
  if (!form.ownerName.trim()) return '请填写负责人';
  if (form.ownerName.trim().length > 20) return '负责人姓名不能超过 20 字';
  if (!isDate(form.followUpDate)) return '请按 2026-12-08 的格式填写跟进日期';
  return '';
}

export function toReferralInput(form: ReferralForm): ReferralInput {
  return {
    kind: form.kind,
    description: form.description.trim(),
    ownerName: form.ownerName.trim(),
    followUpDate: form.followUpDate.trim(),
  };
}

export function updateProblem(form: UpdateForm): string {
  if (!form.note.trim()) return '请写明跟进情况';
  if (form.note.trim().length > 500) return '跟进情况不能超过 500 字';
  if (form.followUpDate.trim() && !isDate(form.followUpDate)) return '请按 2026-12-08 的格式填写下次跟进日期';
  return '';
}

export function toUpdateInput(form: UpdateForm): {
  status: ReferralStatus;
  note: string;
  followUpDate?: string | null;
} {
  return {
    status: form.status,
    note: form.note.trim(),
    ...(form.followUpDate.trim() ? { followUpDate: form.followUpDate.trim() } : {}),
  };
}

export function closeNote(content: string | undefined): string {
  return (content ?? '').trim().slice(0, 500);
}

/** YYYY-MM-DD of the Beijing day `days` after the instant `nowMs` (quick picks for the follow-up date). */
export function beijingDatePlus(nowMs: number, days: number): string {
  const shifted = new Date(nowMs + 8 * 3_600_000 + days * 86_400_000);
  const mm = String(shifted.getUTCMonth() + 1).padStart(2, '0');
  const dd = String(shifted.getUTCDate()).padStart(2, '0');
  return `${shifted.getUTCFullYear()}-${mm}-${dd}`;
}

export function quickDates(nowMs: number): Option[] {
  return [
    { value: beijingDatePlus(nowMs, 7), label: '一周后' },
    { value: beijingDatePlus(nowMs, 14), label: '两周后' },
    { value: beijingDatePlus(nowMs, 30), label: '一个月后' },
  ];
}
