/**
 * 本社登记与成员 (R-ORG-1, R-ORG-2): the society's form, status, charter, place, account, the
 * activation checklist with the money per start-up channel, and the roster. Pure.
 */
import { formatYuan } from '../../../../domain/money';
import { formatBeijingTime } from '../../../../domain/case';
import { LEDGER_ENTRY_LABELS, RAISING_TYPES } from '../../../../domain/funds';
import type { BankAccount, MemberView, SocietySettingsView } from '../../../../domain/registry';
import type { Role, SocietyStatus } from '../../../../domain/society';
import { holdsAny } from '../../utils/access';
import { textLength } from '../../../../utils/amount';

export const REASON_REQUIRED_MESSAGE = '请写明原因';
export const REGISTRATION_REQUIRED_MESSAGE = '请填写登记证号或备案号';
export const PLACE_TOO_LONG_MESSAGE = '场所最多 100 字';
export const ACCOUNT_INCOMPLETE_MESSAGE = '银行账户的户名、开户行和账号要填全（不设账户就都不填）';
export const ACCOUNT_NUMBER_MESSAGE = '账号只能是 8 到 40 位数字（可有空格）';

const STATUS_THEMES: Record<SocietyStatus, string> = { preparing: 'warning', active: 'success', suspended: 'danger' };

export interface ChecklistRow {
  key: string;
  label: string;
  ok: boolean;
  mark: string;
  detail: string;
}

export interface SettingsScreen {
  id: string;
  name: string;
  formLabel: string;
  formText: string;
  statusLabel: string;
  statusTheme: string;
  registrationTitle: string;
  registrationText: string;
  charterText: string;
  placeText: string;
  accountTitle: string;
  accountText: string;
  showChecklist: boolean;
  ready: boolean;
  readyText: string;
  checklist: ChecklistRow[];
  raisedText: string;
  shortfallText: string;
  progressPercent: number;
  channels: Array<{ key: string; label: string; amountText: string }>;
}

function accountText(account: BankAccount | null): string {
  return account ? `${account.accountName}，${account.bankName}，${account.accountNumber}` : '尚未登记银行账户';
}

export function toSettingsScreen(view: SocietySettingsView): SettingsScreen {
  const registered = view.form === 'registered';
  const { checklist } = view;
  return {
    id: view.id,
    name: view.name,
    formLabel: view.formLabel,
    formText: registered
      ? '登记：在县民政局登记，资金存入互助社自己的银行账户'
      : '备案：在乡镇备案，资金存放在县慈善协会联合会的本村分账户',
    statusLabel: view.statusLabel,
    statusTheme: STATUS_THEMES[view.status],
    registrationTitle: registered ? '登记证号' : '备案号',
    registrationText: view.registrationNumber ?? (registered ? '尚未登记' : '尚未备案'),
    charterText: view.hasCharter ? '已制定' : '尚未制定',
    placeText: view.place ?? '尚未确定',
    accountTitle: registered ? '银行账户' : '联合会分账户',
    accountText: registered
      ? accountText(view.bankAccount)
      : view.subAccountCode
        ? `分账户代码 ${view.subAccountCode}`
        : '联合会尚未设定分账户',
    showChecklist: view.status === 'preparing',
    ready: checklist.ready,
    readyText: checklist.ready ? '启动条件已经齐备，可以申请启动' : '以下条件全部齐备后才能启动',
    checklist: checklist.items.map((item) => ({
      key: item.key,
      label: item.label,
      ok: item.ok,
      mark: item.ok ? '✓' : '✗',
      detail: item.detail,
    })),
    raisedText: `已筹集 ${formatYuan(checklist.raisedFen)}，目标 ${formatYuan(checklist.targetFen)}`,
    shortfallText: checklist.shortfallFen > 0 ? `还差 ${formatYuan(checklist.shortfallFen)}` : '启动资金已达到 3 万元',
    progressPercent: Math.min(100, Math.floor((checklist.raisedFen * 100) / checklist.targetFen)),
    channels: RAISING_TYPES.map((type) => ({
      key: type,
      label: LEDGER_ENTRY_LABELS[type],
      amountText: formatYuan(view.raisedByChannel?.[type] ?? 0),
    })),
  };
}

export interface SettingsPermissions {
  canEdit: boolean;
  /** The public phone (联系互助社): the president or the secretary. */
  canSetPhone: boolean;
  canActivate: boolean;
  canSuspend: boolean;
  canResume: boolean;
  authorityText: string;
}

/** Edit: the president (or the township or county). Status: the county for a registered society, the township for a filed one. */
export function settingsPermissions(view: SocietySettingsView, roles: readonly Role[]): SettingsPermissions {
  const authority: Role = view.form === 'registered' ? 'county' : 'township';
  const decides = roles.includes(authority);
  return {
    canEdit: holdsAny(roles, ['president', 'township', 'county']),
    canSetPhone: holdsAny(roles, ['president', 'secretary']),
    canActivate: decides && view.status === 'preparing',
    canSuspend: decides && view.status === 'active',
    canResume: decides && view.status === 'suspended',
    authorityText: view.form === 'registered' ? '启动、暂停和恢复由县民政局办理' : '启动、暂停和恢复由所在乡镇办理',
  };
}

export interface MemberRow {
  membershipId: string;
  name: string;
  roleLabel: string;
  grantedText: string;
  revokedText: string;
  revoked: boolean;
  canRevoke: boolean;
  revokeLabel: string;
}

/** The president may end any role but the president's; the township or county any; anyone may resign their own. */
export function mayRevoke(member: MemberView, roles: readonly Role[], myUserId: string | null): boolean {
  if (member.revokedAt) return false;
  if (myUserId !== null && member.userId === myUserId) return true;
  if (holdsAny(roles, ['township', 'county'])) return true;
  return member.role !== 'president' && roles.includes('president');
}

export function toMemberRows(members: MemberView[], roles: readonly Role[], myUserId: string | null): MemberRow[] {
  return members.map((member) => {
    const own = myUserId !== null && member.userId === myUserId;
    return {
      membershipId: member.membershipId,
      name: member.name || '（未填姓名）',
      roleLabel: member.roleLabel,
      grantedText: `${formatBeijingTime(member.grantedAt, true)} 由${member.grantedByName || '系统'}授予`,
      revokedText: member.revokedAt
        ? `${formatBeijingTime(member.revokedAt, true)} 由${member.revokedByName ?? '系统'}撤销：${member.revokeReason ?? ''}`
        : '',
      revoked: member.revokedAt !== null,
      canRevoke: mayRevoke(member, roles, myUserId),
      revokeLabel: own ? '辞去' : '撤销',
    };
  });
}

export interface EditForm {
  hasCharter: boolean;
  place: string;
  accountName: string;
  bankName: string;
  accountNumber: string;
}

export function editFormOf(view: SocietySettingsView): EditForm {
  return {
    hasCharter: view.hasCharter,
    place: view.place ?? '',
    accountName: view.bankAccount?.accountName ?? '',
    bankName: view.bankAccount?.bankName ?? '',
    accountNumber: view.bankAccount?.accountNumber ?? '',
  };
}

export type UpdateInput = {
  societyId: string;
  hasCharter: boolean;
  place: string | null;
  bankAccount?: BankAccount | null;
};

/** The update to send, or the first problem in Chinese. Filed societies have no account of their own. */
export function toUpdateInput(
  view: SocietySettingsView,
  form: EditForm,
): { ok: true; input: UpdateInput } | { ok: false; problem: string } {
  if (textLength(form.place) > 100) return { ok: false, problem: PLACE_TOO_LONG_MESSAGE };
  const input: UpdateInput = { societyId: view.id, hasCharter: form.hasCharter, place: form.place.trim() || null };
  if (view.form === 'registered') {
    const parts = [form.accountName.trim(), form.bankName.trim(), form.accountNumber.trim()];
    const filled = parts.filter((part) => part !== '').length;
    if (filled > 0 && filled < 3) return { ok: false, problem: ACCOUNT_INCOMPLETE_MESSAGE };
    if (filled === 3 && !/^[0-9 ]{8,40}$/.test(parts[2]!)) return { ok: false, problem: ACCOUNT_NUMBER_MESSAGE };
    input.bankAccount = filled === 3 ? { accountName: parts[0]!, bankName: parts[1]!, accountNumber: parts[2]! } : null;
  }
  return { ok: true, input };
}

/** A reason (suspend, resume, revoke): required, at most 200 characters. */
export function reasonProblem(reason: string): string | null {
  if (textLength(reason) === 0) return REASON_REQUIRED_MESSAGE;
  if (textLength(reason) > 200) return '原因最多 200 字';
  return null;
}

export function registrationProblem(number: string): string | null {
  if (textLength(number) === 0) return REGISTRATION_REQUIRED_MESSAGE;
  if (textLength(number) > 40) return '登记证号或备案号最多 40 字';
  return null;
}

/** A Chinese mobile (11 digits from 13–19) or landline with its area code, as the cloud checks it. */
const PUBLIC_PHONE = /^(?:1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/;
export const BAD_PUBLIC_PHONE_MESSAGE = '请填写正确的手机号码（11位）或带区号的固定电话，如 0571-12345678';
export const NO_PUBLIC_PHONE_TEXT = '未填写：互助社页面和申请人的案件页不显示“联系互助社”';

/** The public phone as the page shows it. */
export function publicPhoneText(view: SocietySettingsView): string {
  return view.publicPhone ? `${view.publicPhone}（互助社页面和申请人的案件页可一键拨打）` : NO_PUBLIC_PHONE_TEXT;
}

/** The number to send (null clears it), or the problem to show; checked before any call. */
export function toPublicPhone(text: string): { ok: true; phone: string | null } | { ok: false; problem: string } {
  const phone = text.trim();
  if (!phone) return { ok: true, phone: null };
  return PUBLIC_PHONE.test(phone) ? { ok: true, phone } : { ok: false, problem: BAD_PUBLIC_PHONE_MESSAGE };
}
