/**
 * 资金台账 (R-FUND-3): one ledger per society, nothing deleted, a mistake corrected by a
 * reversing entry naming it. The entries with the balance after each, the hand-entry form (county
 * subsidy, collective funds, bank interest — donations come through pledges, payouts through
 * cases) and the reversal form. Pure.
 */
import { formatBeijingTime } from '../../../../domain/case';
import { formatYuan } from '../../../../domain/money';
import {
  LEDGER_ENTRY_LABELS,
  MANUAL_ENTRY_TYPES,
  addMonths,
  type FundEntryView,
  type ManualEntryType,
  type Month,
} from '../../../../domain/funds';
import type { Role, SocietyForm } from '../../../../domain/society';
import { checkAmount, textLength } from '../../../../utils/amount';

export const LEDGER_PAGE_SIZE = 20;
export const SOURCE_REQUIRED_MESSAGE = '请填写凭证：文号、决议或银行回单号';
export const TYPE_REQUIRED_MESSAGE = '请选择收入类别';
export const REVERSE_REASON_MESSAGE = '请写明冲正原因';
export const NOT_A_BOOKKEEPER_NOTE = '只有本社秘书长可以记账和冲正；您可以查看台账。';

/** Who opens the ledger page: the society's officers and supervisor, and the overseers — not members (they read the fund report). */
export const LEDGER_PAGE_ROLES: readonly Role[] = [
  'secretary',
  'president',
  'supervisor',
  'township',
  'county',
  'federation',
];

/** Who records and reverses: the secretary; for a filed society also the federation (the money is in its account). */
export function mayKeepBooks(roles: readonly Role[], form: SocietyForm): boolean {
  return roles.includes('secretary') || (form === 'filed' && roles.includes('federation'));
}

/** The last ten years the cloud lets one query span, ending this month (the device's month, for the query only). */
export function ledgerFrom(thisMonth: Month): Month {
  return addMonths(thisMonth, -118);
}

export const ENTRY_TYPE_OPTIONS: Array<{ value: ManualEntryType; label: string }> = MANUAL_ENTRY_TYPES.map((type) => ({
  value: type,
  label: LEDGER_ENTRY_LABELS[type],
}));

export interface EntryRow {
  id: string;
  title: string;
  amountText: string;
  amountClass: string;
  balanceText: string;
  detail: string;
  memo: string;
  note: string;
  canReverse: boolean;
}

function signed(fen: number): string {
  return fen > 0 ? `+${formatYuan(fen)}` : formatYuan(fen);
}

/** A reversal cannot be reversed, an entry is reversed once, and relief payouts are corrected within their case. */
export function mayReverse(entry: FundEntryView): boolean {
  return (
    entry.type !== 'reversal' && entry.reverses === null && entry.reversedBy === null && entry.type !== 'reliefPayout'
  );
}

export function entryName(entry: Pick<FundEntryView, 'seq' | 'typeLabel' | 'amountFen'>): string {
  return `第 ${entry.seq} 笔 ${entry.typeLabel} ${signed(entry.amountFen)}`;
}

export function toEntryRows(entries: FundEntryView[], canKeepBooks: boolean): EntryRow[] {
  const seqOf = new Map(entries.map((entry) => [entry.id, entry.seq]));
  const named = (id: string) => (seqOf.has(id) ? `第 ${seqOf.get(id)} 笔` : `记账编号 ${id}`);
  return entries.map((entry) => ({
    id: entry.id,
    title: `第 ${entry.seq} 笔 · ${entry.typeLabel}`,
    amountText: signed(entry.amountFen),
    amountClass: entry.amountFen < 0 ? 'entry__amount--out' : 'entry__amount--in',
    balanceText: `余额 ${formatYuan(entry.balanceAfterFen)}`,
    detail: [
      formatBeijingTime(entry.recordedAt, true),
      entry.party,
      entry.reliefKindLabel,
      `经办 ${entry.recordedByName}`,
    ]
      .filter(Boolean)
      .join(' · '),
    memo: entry.memo,
    note: entry.reverses
      ? `冲正${named(entry.reverses)}`
      : entry.reversedBy
        ? `已被冲正（${named(entry.reversedBy)}）`
        : '',
    canReverse: canKeepBooks && mayReverse(entry),
  }));
}

export interface EntryForm {
  type: ManualEntryType | '';
  amount: string;
  sourceRef: string;
  payerName: string;
  memo: string;
}

export function emptyEntryForm(): EntryForm {
  return { type: '', amount: '', sourceRef: '', payerName: '', memo: '' };
}

export type EntryInput = {
  type: ManualEntryType;
  amountFen: number;
  sourceRef: string;
  payerName?: string;
  memo?: string;
};

/** The entry to record, or the first problem in Chinese (before any call). */
export function toEntryInput(form: EntryForm): { ok: true; input: EntryInput } | { ok: false; problem: string } {
  if (!form.type) return { ok: false, problem: TYPE_REQUIRED_MESSAGE };
  const amount = checkAmount(form.amount);
  if (!amount.ok) return amount;
  const sourceRef = form.sourceRef.trim();
  if (sourceRef === '') return { ok: false, problem: SOURCE_REQUIRED_MESSAGE };
  if (textLength(sourceRef) > 100) return { ok: false, problem: '凭证最多 100 字' };
  if (textLength(form.payerName) > 60) return { ok: false, problem: '付款方最多 60 字' };
  if (textLength(form.memo) > 200) return { ok: false, problem: '摘要最多 200 字' };
  const payerName = form.payerName.trim();
  const memo = form.memo.trim();
  return {
    ok: true,
    input: {
      type: form.type,
      amountFen: amount.fen,
      sourceRef,
      ...(payerName ? { payerName } : {}),
      ...(memo ? { memo } : {}),
    },
  };
}

export function reverseReasonProblem(reason: string): string | null {
  if (textLength(reason) === 0) return REVERSE_REASON_MESSAGE;
  if (textLength(reason) > 200) return '冲正原因最多 200 字';
  return null;
}

export function balanceText(fen: number): string {
  return formatYuan(fen);
}
