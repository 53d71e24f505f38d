/** Schema pieces every function's payloads share. */
import * as z from 'zod/mini';

/** Our document ids: letters, digits and - _ : only, so an id can never be an operator or a path. */
export const zId = z.string().check(z.regex(/^[A-Za-z0-9][A-Za-z0-9_:-]{0,63}$/), z.describe('记录编号'));

/** A client-chosen request id: a retried call with the same id is done once (it becomes the document id). */
export const zRequestId = z
  .string()
  .check(
    z.regex(/^[A-Za-z0-9][A-Za-z0-9_-]{7,63}$/),
    z.describe('客户端生成的请求编号（8–64 位字母数字），重试时保持不变'),
  );

/** Money in integer fen, positive. */
export const zFen = z.number().check(z.int(), z.positive(), z.maximum(100_000_000_00), z.describe('金额（分）'));

/** Dates the product deals with: nothing before 2000 or after 2100 is a real date of a case or a fund. */
export const MIN_YEAR = 2000;
export const MAX_YEAR = 2100;

/** A real day of the Gregorian calendar within MIN_YEAR..MAX_YEAR (2026-02-30 and 2026-13-01 are not). */
export function isRealDay(year: number, month: number, day: number): boolean {
  if (!Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR) return false;
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** 'YYYY-MM-DD…' at the start of a text: a real day within range. */
export function startsWithRealDay(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(text);
  return match !== null && isRealDay(Number(match[1]), Number(match[2]), Number(match[3]));
}

/** A calendar date in Beijing time. */
export const zDate = z
  .string()
  .check(
    z.regex(/^\d{4}-\d{2}-\d{2}$/),
    z.refine(startsWithRealDay, { message: `不是 ${MIN_YEAR}–${MAX_YEAR} 年间的真实日期` }),
    z.describe('日期（北京时间，YYYY-MM-DD）'),
  );

export const zEmpty = z.strictObject({});

/**
 * Control characters other than tab and line breaks: never typed by a person, and a NUL or an
 * escape code in a stored text breaks exports and the printed notices.
 */
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

/** Text a person types: trimmed, not empty, at most `max` characters, no control characters. */
export const zText = (max: number, description: string) =>
  z.string().check(
    z.trim(),
    z.minLength(1),
    z.maxLength(max),
    z.refine((text) => !CONTROL_CHARACTERS.test(text), { message: 'contains control characters' }),
    z.describe(description),
  );
