/**
 * The first-start code: `npm run deploy` prints it once, and whoever types it becomes the county
 * bureau's administrator (R-ORG-1: the county bureau registers societies, so someone must be it
 * first). Only its hash and its expiry are deployed, as the `societies` function's
 * JJN_FIRST_START variable (`<sha-256>:<expiry ISO>`); it is used once.
 */
import { createHash, randomInt } from 'node:crypto';
import { INVITATION_CODE_ALPHABET } from '../../miniprogram/domain/registry';

export const FIRST_START_ENV = 'JJN_FIRST_START';
export const FIRST_START_CODE_LENGTH = 12;
export const FIRST_START_VALID_HOURS = 72;

export function newFirstStartCode(): string {
  let code = '';
  for (let i = 0; i < FIRST_START_CODE_LENGTH; i += 1) {
    code += INVITATION_CODE_ALPHABET[randomInt(INVITATION_CODE_ALPHABET.length)];
  }
  return code;
}

export function normalizeFirstStartCode(code: string): string {
  return code.replace(/[\s-]/g, '').toUpperCase();
}

export function hashFirstStartCode(code: string): string {
  return createHash('sha256')
    .update(`jjn-first-start:${normalizeFirstStartCode(code)}`)
    .digest('hex');
}

/** What the deploy stores for the function: the hash and the expiry, never the code. */
export function firstStartValue(code: string, now: Date): string {
  const expiresAt = new Date(now.getTime() + FIRST_START_VALID_HOURS * 3600 * 1000);
  return `${hashFirstStartCode(code)}:${expiresAt.toISOString()}`;
}

/** The code as printed: groups of four. */
export function formatFirstStartCode(code: string): string {
  return code.replace(/(.{4})(?=.)/g, '$1-');
}

export interface IssuedFirstStart {
  codeHash: string;
  expiresAt: string;
}

/** Reads the deployed value; null when none was issued (or it is malformed). */
export function parseFirstStartValue(value: string | undefined): IssuedFirstStart | null {
  const match = /^([0-9a-f]{64}):(\d{4}-\d{2}-\d{2}T[\d:.]+Z)$/.exec(value ?? '');
  return match ? { codeHash: match[1]!, expiresAt: match[2]! } : null;
}
