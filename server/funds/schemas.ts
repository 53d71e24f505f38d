/** Payload pieces the funds, pledges, societies and scheduler functions share. */
import * as z from 'zod/mini';
import { MAX_ENTRY_FEN } from '../../miniprogram/domain/funds';
import { MAX_YEAR, MIN_YEAR, zText } from '../api/schemas';

const inYearRange = (text: string) => {
  const year = Number(text.slice(0, 4));
  return year >= MIN_YEAR && year <= MAX_YEAR;
};

export const zMonth = z
  .string()
  .check(
    z.regex(/^\d{4}-(0[1-9]|1[0-2])$/),
    z.refine(inYearRange, { message: `年份应在 ${MIN_YEAR}–${MAX_YEAR} 之间` }),
    z.describe('月份（北京时间，YYYY-MM）'),
  );

export const zHalf = z
  .string()
  .check(
    z.regex(/^\d{4}-H[12]$/),
    z.refine(inYearRange, { message: `年份应在 ${MIN_YEAR}–${MAX_YEAR} 之间` }),
    z.describe('半年度（YYYY-H1 上半年，YYYY-H2 下半年）'),
  );

/** One entry or one pledge: positive whole fen, at most one million yuan. */
export const zEntryFen = z
  .number()
  .check(z.int(), z.positive(), z.maximum(MAX_ENTRY_FEN), z.describe('金额（分），单笔不超过 100 万元'));

export const zBankAccount = z
  .strictObject({
    accountName: zText(60, '户名'),
    bankName: zText(60, '开户行'),
    accountNumber: z.string().check(z.regex(/^[0-9 ]{8,40}$/), z.describe('账号')),
  })
  .check(z.describe('银行账户'));

/** As printed on the invitation card or carried in the link; case, spaces and dashes do not matter. */
export const zInvitationCode = z.string().check(z.regex(/^[A-Za-z0-9 -]{6,24}$/), z.describe('邀请码'));
