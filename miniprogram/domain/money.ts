/**
 * Money is integer fen everywhere; yuan appear only on screen (DESIGN, "Rules the plan implies").
 * Shared by the phone and the cloud, so no Node APIs and no Intl (number formatting is done by
 * hand because Intl is not reliable on every WeChat client).
 */

/** An amount in fen (分): a safe integer. Negative only for reversing ledger entries (R-FUND-3). */
export type Fen = number;

export function isFen(value: unknown): value is Fen {
  return typeof value === 'number' && Number.isSafeInteger(value);
}

/** Throws unless `value` is a safe integer: catches a yuan amount or a float slipping into fen. */
export function assertFen(value: unknown, label = 'amount'): asserts value is Fen {
  if (!isFen(value)) {
    throw new RangeError(`${label} must be an integer number of fen, got ${String(value)}`);
  }
}

export interface YuanToFenOptions {
  /** Allow a leading minus (reversing entries). Forms leave it off: users never type a negative grant. */
  allowNegative?: boolean;
}

// Digits with optional comma grouping in threes ("1,000,000"), then up to two decimals.
const YUAN_PATTERN = /^(-)?(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?$/;
/** 90,071,992,547,409.91 yuan is the largest safe fen amount; 14 integer digits bound it. */
const MAX_YUAN_INTEGER_DIGITS = 14;

/**
 * Parses what a person typed ("500", "500.5", "1,000.00", "¥500", "500元") into exact fen.
 * Works on the decimal string, never multiplies a float by 100, so "0.29" is 29 fen, not 28.
 * A number argument is read through its shortest decimal form, so 0.1 + 0.2 (0.30000000000000004)
 * is rejected rather than silently rounded. More than two decimals always throws.
 */
export function yuanToFen(input: string | number, options: YuanToFenOptions = {}): Fen {
  let text: string;
  if (typeof input === 'number') {
    if (!Number.isFinite(input)) throw new RangeError(`not a finite amount: ${String(input)}`);
    text = String(input);
  } else if (typeof input === 'string') {
    text = input
      .trim()
      .replace(/^[¥￥]\s*/, '')
      .replace(/\s*元$/, '');
  } else {
    throw new TypeError('amount must be a string or a number');
  }
  const match = YUAN_PATTERN.exec(text);
  if (!match) {
    throw new RangeError(`not an amount in yuan with at most 2 decimals: "${String(input)}"`);
  }
  const [, minus, integerPart = '', decimals = ''] = match;
  if (minus && !options.allowNegative) throw new RangeError(`amount must not be negative: "${String(input)}"`);
  const integerDigits = integerPart.replace(/,/g, '').replace(/^0+(?=\d)/, '');
  if (integerDigits.length > MAX_YUAN_INTEGER_DIGITS) throw new RangeError(`amount too large: "${String(input)}"`);
  const fen = Number(integerDigits) * 100 + Number(decimals.padEnd(2, '0'));
  if (!Number.isSafeInteger(fen)) throw new RangeError(`amount too large: "${String(input)}"`);
  // `-0` would be a surprise in a ledger; keep zero positive.
  return minus && fen !== 0 ? -fen : fen;
}

function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

function splitFen(fen: Fen): { sign: string; yuan: string; cents: string } {
  assertFen(fen);
  const abs = Math.abs(fen);
  return {
    sign: fen < 0 ? '-' : '',
    yuan: String(Math.floor(abs / 100)),
    cents: String(abs % 100).padStart(2, '0'),
  };
}

export interface FormatYuanOptions {
  /** Prefix "¥" (default true). */
  withSymbol?: boolean;
}

/** 100000 → "¥1,000.00"; -5000 → "-¥50.00"; for balances, ledgers and fund reports. */
export function formatYuan(fen: Fen, options: FormatYuanOptions = {}): string {
  const { sign, yuan, cents } = splitFen(fen);
  const symbol = options.withSymbol === false ? '' : '¥';
  return `${sign}${symbol}${groupThousands(yuan)}.${cents}`;
}

/** 100000 → "1000元", 50050 → "500.5元", 5 → "0.05元": the plain style of a village notice (R-PROC-6). */
export function formatYuanShort(fen: Fen): string {
  const { sign, yuan, cents } = splitFen(fen);
  const decimals = cents.replace(/0+$/, '');
  return `${sign}${yuan}${decimals ? `.${decimals}` : ''}元`;
}

/** 50050 → "500.50": the value to put back into an amount input (no grouping, no symbol). */
export function fenToYuanInput(fen: Fen): string {
  const { sign, yuan, cents } = splitFen(fen);
  return `${sign}${yuan}.${cents}`;
}

/** Exact sum of fen amounts; throws if any is not integer fen or the total leaves the safe range. */
export function sumFen(amounts: readonly Fen[]): Fen {
  let total = 0;
  amounts.forEach((amount, index) => {
    assertFen(amount, `amount #${index}`);
    total += amount;
    // Checked at every step: once past 2^53 a later subtraction could land back in range, wrong.
    assertFen(total, 'running total');
  });
  return total;
}
