/**
 * 邀请会员与捐赠人: who the caller may invite (mayInvite, R-FUND-2: donors by invitation only),
 * the invitation form's checks, the code shown big once, and the list with statuses. Pure.
 */
import { formatBeijingTime } from '../../../../domain/case';
import {
  INVITABLE_ROLES,
  INVITATION_DEFAULT_DAYS,
  INVITATION_MAX_DAYS,
  mayInvite,
  type CreatedInvitation,
  type InvitableRole,
  type InvitationListItem,
} from '../../../../domain/registry';
import { ROLE_LABELS, type Role, type SocietyForm } from '../../../../domain/society';
import { textLength } from '../../../../utils/amount';

export const INVITEE_REQUIRED_MESSAGE = '请填写被邀请人的姓名或单位名称';
export const ROLE_REQUIRED_MESSAGE = '请选择邀请的角色';
export const DAYS_MESSAGE = `有效天数请填写 1 到 ${INVITATION_MAX_DAYS} 之间的整数`;
export const CANNOT_INVITE_MESSAGE = '您不能为本社发出邀请';

/** Donors and members first: what a secretary sends most. */
const ROLE_ORDER: InvitableRole[] = ['donor', 'member', 'volunteer', 'supervisor', 'secretary', 'president'];

export function invitableRoles(
  roles: readonly Role[],
  form: SocietyForm,
): Array<{ value: InvitableRole; label: string }> {
  return ROLE_ORDER.filter((role) => INVITABLE_ROLES.includes(role))
    .filter((role) => roles.some((held) => mayInvite(held, role, form)))
    .map((role) => ({ value: role, label: ROLE_LABELS[role] }));
}

export interface InviteForm {
  role: InvitableRole | '';
  inviteeName: string;
  message: string;
  validDays: string;
}

export function emptyInviteForm(role: InvitableRole | '' = ''): InviteForm {
  return { role, inviteeName: '', message: '', validDays: String(INVITATION_DEFAULT_DAYS) };
}

export type InviteInput = { role: InvitableRole; inviteeName: string; message?: string; validDays: number };

export function toInviteInput(form: InviteForm): { ok: true; input: InviteInput } | { ok: false; problem: string } {
  if (!form.role) return { ok: false, problem: ROLE_REQUIRED_MESSAGE };
  const name = form.inviteeName.trim();
  if (name === '') return { ok: false, problem: INVITEE_REQUIRED_MESSAGE };
  if (textLength(name) > 60) return { ok: false, problem: '姓名或单位名称最多 60 字' };
  if (textLength(form.message) > 200) return { ok: false, problem: '邀请留言最多 200 字' };
  const days = Number(form.validDays.trim());
  if (!/^\d+$/.test(form.validDays.trim()) || days < 1 || days > INVITATION_MAX_DAYS) {
    return { ok: false, problem: DAYS_MESSAGE };
  }
  const message = form.message.trim();
  return { ok: true, input: { role: form.role, inviteeName: name, validDays: days, ...(message ? { message } : {}) } };
}

/** "ABCD EFGH JK": groups of four, easier to read out over the phone (spaces do not matter when typed). */
export function groupCode(code: string): string {
  return code.replace(/(.{4})(?=.)/g, '$1 ');
}

export interface CreatedScreen {
  codeText: string;
  code: string;
  path: string;
  headline: string;
  expiresText: string;
  roleLabel: string;
}

export function toCreatedScreen(created: CreatedInvitation): CreatedScreen {
  return {
    codeText: groupCode(created.code),
    code: created.code,
    path: created.path,
    headline: `邀请 ${created.inviteeName} 成为${created.roleLabel}`,
    roleLabel: created.roleLabel,
    expiresText: `有效期至 ${formatBeijingTime(created.expiresAt, true)}；邀请码只显示这一次，请现在抄下或复制`,
  };
}

const STATUS_TEXT: Record<InvitationListItem['status'], { label: string; theme: string }> = {
  open: { label: '待接受', theme: 'warning' },
  accepted: { label: '已接受', theme: 'success' },
  revoked: { label: '已撤销', theme: 'default' },
  expired: { label: '已过期', theme: 'default' },
};

export interface InvitationRow {
  id: string;
  title: string;
  statusLabel: string;
  statusTheme: string;
  detail: string;
  canRevoke: boolean;
}

export function toInvitationRows(items: InvitationListItem[]): InvitationRow[] {
  return items.map((item) => ({
    id: item.id,
    title: `${item.inviteeName} · ${item.roleLabel}`,
    statusLabel:
      item.status === 'accepted' && item.acceptedByName
        ? `已接受（${item.acceptedByName}）`
        : STATUS_TEXT[item.status].label,
    statusTheme: STATUS_TEXT[item.status].theme,
    detail: `${item.createdByName} ${formatBeijingTime(item.createdAt, true)} 发出，有效期至 ${formatBeijingTime(item.expiresAt, true)}`,
    canRevoke: item.status === 'open',
  }));
}

/**
 * What the 发给对方 button shares: a card that opens the invite page with its code, so the invitee
 * taps instead of copying a path (R-FUND-2: the invitation goes to one person, not a public list).
 * Shared from the menu instead, the card is the app's home page: nothing of the invitation.
 */
export function inviteShareCard(
  created: Pick<CreatedScreen, 'path' | 'roleLabel'> | null,
  societyName: string,
  from: string,
): { title: string; path: string } {
  if (from !== 'button' || !created) return { title: '村级救急难互助社', path: '/pages/home/index' };
  return { title: `${societyName}邀请您成为${created.roleLabel}`, path: created.path };
}
