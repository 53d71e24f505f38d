/**
 * An amount typed in yuan on a money form (pledge, receipt, ledger entry), checked before any
 * call: positive, at most two decimals, at most one million yuan (the cloud's own bound).
 */
import { yuanToFen, type Fen } from '../domain/money';
import { MAX_ENTRY_FEN } from '../domain/funds';

export const AMOUNT_EMPTY_MESSAGE = '请填写金额（元）';
export const AMOUNT_FORMAT_MESSAGE = '金额请填写数字（元），最多两位小数';
export const AMOUNT_NEGATIVE_MESSAGE = '金额不能是负数';
export const AMOUNT_ZERO_MESSAGE = '金额必须大于 0 元';
export const AMOUNT_TOO_LARGE_MESSAGE = '单笔金额不能超过 100 万元';

export type AmountCheck = { ok: true; fen: Fen } | { ok: false; problem: string };

export function checkAmount(text: string): AmountCheck {
  const typed = text.trim();
  if (typed === '') return { ok: false, problem: AMOUNT_EMPTY_MESSAGE };
  let fen: Fen;
  try {
    fen = yuanToFen(typed, { allowNegative: true });
  } catch (err) {
    const tooLarge = err instanceof RangeError && err.message.includes('too large');
    return { ok: false, problem: tooLarge ? AMOUNT_TOO_LARGE_MESSAGE : AMOUNT_FORMAT_MESSAGE };
  }
  if (fen < 0) return { ok: false, problem: AMOUNT_NEGATIVE_MESSAGE };
  if (fen === 0) return { ok: false, problem: AMOUNT_ZERO_MESSAGE };
  if (fen > MAX_ENTRY_FEN) return { ok: false, problem: AMOUNT_TOO_LARGE_MESSAGE };
  return { ok: true, fen };
}

/** Counts characters as a person does (a Chinese character is one). */
export function textLength(text: string): number {
  return Array.from(text.trim()).length;
}
