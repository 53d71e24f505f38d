/**
 * Personal information at rest (PIPL; DESIGN "rules the plan implies"): ID numbers, phone numbers
 * and the free-text descriptions that may name an illness are stored sealed with AES-256-GCM, and
 * a person is found again (repeat-relief warning, 一人一档) by a keyed hash of their ID number,
 * never by the number itself.
 *
 * The key comes from the JJN_PII_KEY environment variable (any long random string; set it in the
 * cloud function's environment, see cloudbaserc.json). Without it a fixed development key is
 * used, which is fine for the local stack and tests and NOT for production: rotate by setting
 * the variable before the first real case is stored.
 */
import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes } from 'node:crypto';

const DEVELOPMENT_SECRET = 'jijinan-local-development-key-not-for-production';
const VERSION = 'v1';

export type Sealed = string;

function secret(): string {
  const fromEnv = process.env.JJN_PII_KEY;
  return fromEnv && fromEnv.length >= 16 ? fromEnv : DEVELOPMENT_SECRET;
}

function derive(purpose: string): Buffer {
  return createHash('sha256').update(`${purpose}|${secret()}`).digest();
}

/** Whether the development key is in use (the local stack may say so; production must not). */
export function usingDevelopmentKey(): boolean {
  return secret() === DEVELOPMENT_SECRET;
}

export function seal(plain: string): Sealed {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', derive('seal'), iv);
  const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return [VERSION, iv.toString('base64'), cipher.getAuthTag().toString('base64'), data.toString('base64')].join(':');
}

export function sealOrNull(plain: string | null | undefined): Sealed | null {
  return plain === null || plain === undefined || plain === '' ? null : seal(plain);
}

export function unseal(sealed: Sealed): string {
  const [version, iv, tag, data] = sealed.split(':');
  if (version !== VERSION || !iv || !tag || data === undefined) throw new Error('not a sealed value');
  const decipher = createDecipheriv('aes-256-gcm', derive('seal'), Buffer.from(iv, 'base64'));
  decipher.setAuthTag(Buffer.from(tag, 'base64'));
  return Buffer.concat([decipher.update(Buffer.from(data, 'base64')), decipher.final()]).toString('utf8');
}

export function unsealOrNull(sealed: Sealed | null | undefined): string | null {
  return sealed ? unseal(sealed) : null;
}

/** The same person gives the same key in every case of a county; the number cannot be read back from it. */
export function personKeyOf(idNumber: string): string {
  return createHmac('sha256', derive('person')).update(idNumber).digest('hex').slice(0, 32);
}

/** A short stable id from parts (case ids from request ids), not a secret. */
export function shortHash(...parts: string[]): string {
  return createHash('sha256').update(parts.join('|')).digest('hex').slice(0, 20);
}
