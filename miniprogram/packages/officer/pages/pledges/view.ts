/**
 * 认捐到账确认 (R-FUND-2, R-FUND-3): the society's pledges by status; the secretary confirms what
 * arrived, which writes the donation entry in the ledger (once per entry id). Pure.
 */
import { formatBeijingTime } from '../../../../domain/case';
import { fenToYuanInput, formatYuan } from '../../../../domain/money';
import type { PledgeListItem, PledgeStatus } from '../../../../domain/funds';
import type { Role, SocietyForm } from '../../../../domain/society';
import { checkAmount, textLength } from '../../../../utils/amount';

export const SLIP_REQUIRED_MESSAGE = '请填写银行回单号或收据号';

export type PledgeFilter = PledgeStatus | 'all';

export const PLEDGE_FILTERS: Array<{ value: PledgeFilter; label: string }> = [
  { value: 'pledged', label: '待到账' },
  { value: 'received', label: '已到账' },
  { value: 'cancelled', label: '已取消' },
  { value: 'all', label: '全部' },
];

const THEMES: Record<PledgeStatus, string> = { pledged: 'warning', received: 'success', cancelled: 'default' };

export interface SocietyPledgeRow {
  id: string;
  donorText: string;
  amountText: string;
  statusLabel: string;
  statusTheme: string;
  detail: string;
  receiptText: string;
  canConfirm: boolean;
  /** What the confirm form starts with: the pledged amount in yuan. */
  amountInput: string;
}

/** The secretary confirms; for a transfer into the federation's account of a filed society, the federation too. */
export function mayConfirm(pledge: PledgeListItem, roles: readonly Role[], form: SocietyForm): boolean {
  if (pledge.status !== 'pledged') return false;
  if (roles.includes('secretary')) return true;
  return form === 'filed' && pledge.channel === 'bankToFederation' && roles.includes('federation');
}

export function toSocietyPledgeRows(
  items: PledgeListItem[],
  roles: readonly Role[],
  form: SocietyForm,
): SocietyPledgeRow[] {
  return items.map((pledge) => ({
    id: pledge.id,
    donorText: `${pledge.donorName}${pledge.anonymous ? '（公开时匿名）' : ''}`,
    amountText: formatYuan(pledge.amountFen),
    statusLabel: pledge.statusLabel,
    statusTheme: THEMES[pledge.status],
    detail: `${formatBeijingTime(pledge.pledgedAt, true)} 认捐 · ${pledge.channelLabel} · 邀请人 ${pledge.invitedByName || '—'}`,
    receiptText: pledge.receipt
      ? `${formatBeijingTime(pledge.receipt.receivedAt, true)} 确认到账 ${formatYuan(pledge.receipt.amountFen)}（${pledge.receipt.confirmedByName}，记账编号 ${pledge.receipt.entryId}）`
      : '',
    canConfirm: mayConfirm(pledge, roles, form),
    amountInput: fenToYuanInput(pledge.amountFen),
  }));
}

export interface ConfirmForm {
  amount: string;
  slip: string;
  /** The day the money arrived as the bank slip says (YYYY-MM-DD), optional: kept with the slip number. */
  date: string;
}

export const DATE_FORMAT_MESSAGE = '到账日期请写成 2026-11-28 这样的格式';

function isCalendarDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/**
 * What to send: the amount received and the slip. The cloud stamps the confirmation time; the
 * day on the bank slip, when given, travels with the slip number into the donation entry's memo.
 */
export function toConfirmInput(
  form: ConfirmForm,
): { ok: true; amountFen: number; slip: string } | { ok: false; problem: string } {
  const amount = checkAmount(form.amount);
  if (!amount.ok) return amount;
  const number = form.slip.trim();
  if (number === '') return { ok: false, problem: SLIP_REQUIRED_MESSAGE };
  const date = form.date.trim();
  if (date !== '' && !isCalendarDate(date)) return { ok: false, problem: DATE_FORMAT_MESSAGE };
  const slip = date ? `${number}，到账日期 ${date}` : number;
  if (textLength(slip) > 100) return { ok: false, problem: '回单号或收据号最多 100 字' };
  return { ok: true, amountFen: amount.fen, slip };
}
