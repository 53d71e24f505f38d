/**
 * The invitation a donor or member opens from a link or code (R-FUND-2: no public listing, no
 * open donate button — without a valid code there is no form). Who invites whom for what, the
 * pledge form's checks, and what to do next once pledged. Pure.
 */
import { formatBeijingTime } from '../../domain/case';
import { formatYuan } from '../../domain/money';
import type { InvitationView, PaymentInstructions, PledgeChannel, PledgeView } from '../../domain/funds';
import type { AcceptResult } from '../../domain/registry';
import { checkAmount, textLength } from '../../utils/amount';

export const MISSING_CODE_MESSAGE = '没有邀请码：互助社不开展公开募捐，请通过互助社发给您的邀请链接或邀请码打开';
export const CHANNEL_REQUIRED_MESSAGE = '请选择捐赠方式';
export const NAME_TOO_LONG_MESSAGE = '姓名或单位名称最多 60 字';
export const MESSAGE_TOO_LONG_MESSAGE = '留言最多 200 字';

const CLOSED_MESSAGES: Record<'revoked' | 'expired', string> = {
  revoked: '该邀请已被撤销，请联系互助社',
  expired: '该邀请已过期，请联系互助社重新邀请',
};

/** Query values reach onLoad undecoded, as in WeChat. */
export function decodeCode(raw: string): string {
  try {
    return decodeURIComponent(raw).trim();
  } catch {
    return raw.trim();
  }
}

export interface InvitationScreen {
  societyName: string;
  headline: string;
  inviteeName: string;
  invitedByText: string;
  message: string;
  expiresText: string;
  isDonor: boolean;
  /** Set when the invitation can no longer be used: shown instead of any form. */
  closedMessage: string;
  acceptedNote: string;
  channels: Array<{ value: PledgeChannel; label: string }>;
  publicFundraisingText: string;
  publicFundraisingUrl: string;
}

export function toInvitationScreen(view: InvitationView): InvitationScreen {
  const isDonor = view.role === 'donor';
  const closed = view.status === 'revoked' || view.status === 'expired' ? CLOSED_MESSAGES[view.status] : '';
  const link = view.publicFundraising;
  return {
    societyName: view.societyName,
    headline: isDonor
      ? `${view.societyName}邀请您支持本村救急难互助资金`
      : `${view.societyName}邀请您担任${view.roleLabel}`,
    inviteeName: view.inviteeName,
    invitedByText: `邀请人：${view.invitedByName}`,
    message: view.message,
    expiresText: `有效期至 ${formatBeijingTime(view.expiresAt, true)}`,
    isDonor,
    closedMessage: closed,
    acceptedNote:
      view.status === 'accepted' ? (isDonor ? '该邀请已接受：接受邀请的捐赠人可以再次认捐' : '该邀请已接受') : '',
    channels: view.pledgeChannels.map((option) => ({ value: option.channel, label: option.label })),
    publicFundraisingText: link
      ? `${link.qualificationHolder}在${link.platformName}开展的公开募捐项目“${link.projectName}”`
      : '',
    publicFundraisingUrl: link?.url ?? '',
  };
}

export interface PledgeForm {
  amount: string;
  channel: PledgeChannel | '';
  anonymous: boolean;
  donorName: string;
  message: string;
}

export function emptyPledgeForm(channels: ReadonlyArray<{ value: PledgeChannel }>): PledgeForm {
  return { amount: '', channel: channels[0]?.value ?? '', anonymous: false, donorName: '', message: '' };
}

export interface PledgeInput {
  amountFen: number;
  channel: PledgeChannel;
  anonymous: boolean;
  donorName?: string;
  message?: string;
}

/** The pledge to send, or the first problem in Chinese (before any call). */
export function toPledgeInput(
  form: PledgeForm,
  channels: ReadonlyArray<{ value: PledgeChannel }>,
): { ok: true; input: PledgeInput } | { ok: false; problem: string } {
  const amount = checkAmount(form.amount);
  if (!amount.ok) return { ok: false, problem: amount.problem };
  if (!form.channel || !channels.some((option) => option.value === form.channel)) {
    return { ok: false, problem: CHANNEL_REQUIRED_MESSAGE };
  }
  if (textLength(form.donorName) > 60) return { ok: false, problem: NAME_TOO_LONG_MESSAGE };
  if (textLength(form.message) > 200) return { ok: false, problem: MESSAGE_TOO_LONG_MESSAGE };
  const donorName = form.donorName.trim();
  const message = form.message.trim();
  return {
    ok: true,
    input: {
      amountFen: amount.fen,
      channel: form.channel,
      anonymous: form.anonymous,
      ...(donorName ? { donorName } : {}),
      ...(message ? { message } : {}),
    },
  };
}

/** Account holder, bank, number and the transfer note, one line each, for copying. */
export function paymentLines(payment: PaymentInstructions): string[] {
  const lines = [`捐赠方式：${payment.channelLabel}`];
  if (payment.account) {
    lines.push(`户名：${payment.account.accountName}`);
    lines.push(`开户行：${payment.account.bankName}`);
    lines.push(`账号：${payment.account.accountNumber}`);
  }
  if (payment.transferNote) lines.push(`转账附言：${payment.transferNote}`);
  return lines;
}

export interface PledgedScreen {
  title: string;
  amountText: string;
  statusLabel: string;
  shownAs: string;
  paymentLines: string[];
  paymentText: string;
  accountNumber: string;
  pledgeUrl: string;
}

export function toPledgedScreen(pledge: PledgeView): PledgedScreen {
  return {
    title: `感谢您向${pledge.societyName}认捐`,
    amountText: formatYuan(pledge.amountFen),
    statusLabel: pledge.statusLabel,
    shownAs: pledge.anonymous ? '公开信息中显示为：匿名捐赠' : `公开信息中显示为：${pledge.donorName}`,
    paymentLines: paymentLines(pledge.payment),
    paymentText: `${pledge.payment.text}款项到账、秘书长确认后，您可在“我的认捐”查看捐赠回执。`,
    accountNumber: pledge.payment.account?.accountNumber ?? '',
    pledgeUrl: `/pages/pledge/index?pledgeId=${encodeURIComponent(pledge.id)}`,
  };
}

export function acceptedText(result: AcceptResult): string {
  return `您已成为${result.societyName}的${result.roleLabel}`;
}
