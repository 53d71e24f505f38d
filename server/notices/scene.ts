/**
 * Scene tokens for the board code: opaque, random, at most 32 characters (wxacode.getUnlimited's
 * `scene` limit), letters and digits only so a token is the same URL-encoded or not. A token
 * says nothing about its society; only the stored mapping does.
 */
import { randomBytes } from 'node:crypto';

export const SCENE_LENGTH = 20;
export const SCENE_PATTERN = /^[A-Za-z0-9]{1,32}$/;
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';

/** ~115 bits from a 57-letter alphabet, without modulo bias (bytes ≥ 228 are skipped). */
export function newSceneToken(length = SCENE_LENGTH): string {
  const limit = 256 - (256 % ALPHABET.length);
  let token = '';
  while (token.length < length) {
    for (const byte of randomBytes(length * 2)) {
      if (byte >= limit) continue;
      token += ALPHABET[byte % ALPHABET.length];
      if (token.length === length) break;
    }
  }
  return token;
}
