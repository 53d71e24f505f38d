/** Schema pieces every function's payloads share. */
import { z } from 'zod';

/** Our document ids: letters, digits and - _ : only, so an id can never be an operator or a path. */
export const zId = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_:-]{0,63}$/)
  .describe('记录编号');

/** A client-chosen request id: a retried call with the same id is done once (it becomes the document id). */
export const zRequestId = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_-]{7,63}$/)
  .describe('客户端生成的请求编号（8–64 位字母数字），重试时保持不变');

/** Money in integer fen, positive. */
export const zFen = z.number().int().positive().max(100_000_000_00).describe('金额（分）');

/** A calendar date in Beijing time. */
export const zDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .describe('日期（北京时间，YYYY-MM-DD）');

export const zEmpty = z.strictObject({});
