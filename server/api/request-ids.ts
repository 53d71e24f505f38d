/**
 * Request ids: a page makes one per request and keeps it across retries, so a retried call
 * answers what was done instead of doing it twice. The same id must always stand for the same
 * request: a fingerprint of what was asked is kept beside what was done, and the id reused for
 * another request is refused with a plain message (never silently answered with the first).
 */
import { createHash } from 'node:crypto';
import { AppError } from '../errors';

/** JSON with object keys sorted, so the same request always gives the same text. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonical(item)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** A digest of what a request asked for: a request id always stands for the same request. */
export function requestFingerprint(input: unknown): string {
  return createHash('sha256').update(canonical(input)).digest('hex').slice(0, 32);
}

export const REQUEST_REUSED_MESSAGE = '这个请求编号已经用于另一份不同的内容，请刷新页面后重新提交';

/**
 * A retry (same request id, same request) answers what was done; the same request id with a
 * different request is refused, never silently answered with the first one. Records from before
 * fingerprints (none stored) are taken as retries.
 */
export function requireSameRequest(stored: string | undefined, fingerprint: string, what: string): void {
  if (stored !== undefined && stored !== fingerprint) throw requestIdReused(what);
}

/** The refusal for a request id already used for something else, where the record is compared field by field. */
export function requestIdReused(what: string): AppError {
  return new AppError('DUPLICATE', `request id of ${what} reused with a different payload`, REQUEST_REUSED_MESSAGE);
}
