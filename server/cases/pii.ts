/**
 * Personal information at rest (PIPL; DESIGN "rules the plan implies"): ID numbers, phone numbers
 * and the free-text descriptions that may name an illness are stored sealed with AES-256-GCM, and
 * a person is found again (repeat-relief warning, 一人一档) by a keyed hash of their ID number,
 * never by the number itself.
 *
 * Keys: JJN_PII_KEY (a long random string) is the current key; JJN_PII_KEYS_PREVIOUS (comma
 * separated) are keys still accepted for reading while a rotation re-seals everything
 * (`resealPersonalData`). Each purpose's key is derived from it with HKDF-SHA256, and every sealed
 * value records the id of the key that sealed it (`v2:<keyId>:…`), so a rotation knows what is
 * left. In the cloud a function that handles personal data refuses to run without JJN_PII_KEY
 * (server/cloud/entry.ts); the local stack and the tests fall back to a development key.
 *
 * The person key (`personKeyOf`) has a key of its own, JJN_PERSON_KEY, independent of the PII
 * key: the lists, the roster and the cases of one person carry it, some inside document ids, so
 * a PII-key rotation must not change it. Changing JJN_PERSON_KEY itself is a re-key
 * (cases/rekey.ts), which recomputes every person key from the sealed ID numbers. It too is
 * required in the cloud and falls back to a development key only locally.
 */
import { createCipheriv, createDecipheriv, createHash, createHmac, hkdfSync, randomBytes } from 'node:crypto';

const DEVELOPMENT_SECRET = 'jijinan-local-development-key-not-for-production';
const DEVELOPMENT_PERSON_SECRET = 'jijinan-local-development-person-key-not-for-production';
/** A key shorter than this is refused in the cloud: it is a password, not a key. */
export const MIN_PII_KEY_LENGTH = 32;
const HKDF_SALT = 'jijinan-pii-v2';
const VERSION = 'v2';
/** Values sealed before key ids (sha256(purpose|secret) keys): still read, re-sealed by a rotation. */
const LEGACY_VERSION = 'v1';

export type Sealed = string;

interface PiiKey {
  id: string;
  secret: string;
  seal: Buffer;
}

interface PersonKey {
  id: string;
  hmac: Buffer;
}

function hkdf(secret: string, purpose: string): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, HKDF_SALT, purpose, 32));
}

function keyOf(secret: string): PiiKey {
  return {
    id: hkdf(secret, 'key-id').subarray(0, 6).toString('hex'),
    secret,
    seal: hkdf(secret, 'seal'),
  };
}

const PERSON_HKDF_SALT = 'jijinan-person-v1';
const personKeyCache = new Map<string, PersonKey>();
function cachedPersonKey(secret: string): PersonKey {
  let key = personKeyCache.get(secret);
  if (!key) {
    const derive = (purpose: string) => Buffer.from(hkdfSync('sha256', secret, PERSON_HKDF_SALT, purpose, 32));
    key = { id: derive('key-id').subarray(0, 6).toString('hex'), hmac: derive('person') };
    personKeyCache.set(secret, key);
  }
  return key;
}

const keyCache = new Map<string, PiiKey>();
function cachedKey(secret: string): PiiKey {
  let key = keyCache.get(secret);
  if (!key) {
    key = keyOf(secret);
    keyCache.set(secret, key);
  }
  return key;
}

function configuredSecret(): string | null {
  const fromEnv = process.env.JJN_PII_KEY;
  return fromEnv && fromEnv.length >= 16 ? fromEnv : null;
}

function currentKey(): PiiKey {
  return cachedKey(configuredSecret() ?? DEVELOPMENT_SECRET);
}

/** The current key first, then the previous ones (for reading during a rotation). */
function readableKeys(): PiiKey[] {
  const previous = (process.env.JJN_PII_KEYS_PREVIOUS ?? '')
    .split(',')
    .map((secret) => secret.trim())
    .filter((secret) => secret.length >= 16);
  return [currentKey(), ...previous.map(cachedKey)];
}

function configuredPersonSecret(): string | null {
  const fromEnv = process.env.JJN_PERSON_KEY;
  return fromEnv && fromEnv.length >= 16 ? fromEnv : null;
}

function currentPersonKey(): PersonKey {
  return cachedPersonKey(configuredPersonSecret() ?? DEVELOPMENT_PERSON_SECRET);
}

/** Whether the development key is in use (the local stack may say so; production must not). */
export function usingDevelopmentKey(): boolean {
  return configuredSecret() === null;
}

/** Why personal data may not be handled here (English, for the logs), or null when the key is fine for production. */
export function piiKeyProblem(): string | null {
  const secret = process.env.JJN_PII_KEY;
  if (!secret) return 'JJN_PII_KEY is not set';
  if (secret.length < MIN_PII_KEY_LENGTH) return `JJN_PII_KEY is shorter than ${MIN_PII_KEY_LENGTH} characters`;
  if (secret === DEVELOPMENT_SECRET) return 'JJN_PII_KEY is the development key';
  const person = process.env.JJN_PERSON_KEY;
  if (!person) return 'JJN_PERSON_KEY is not set';
  if (person.length < MIN_PII_KEY_LENGTH) return `JJN_PERSON_KEY is shorter than ${MIN_PII_KEY_LENGTH} characters`;
  if (person === DEVELOPMENT_PERSON_SECRET) return 'JJN_PERSON_KEY is the development key';
  if (person === secret) return 'JJN_PERSON_KEY is the same as JJN_PII_KEY';
  return null;
}

/** The id of the key person keys are computed with now (JJN_PERSON_KEY). */
export function currentPersonKeyId(): string {
  return currentPersonKey().id;
}

/** The id of the key values are sealed with now. */
export function currentKeyId(): string {
  return currentKey().id;
}

/** The key id a sealed value records ('legacy' for values sealed before key ids). */
export function keyIdOf(sealed: Sealed): string {
  const [version, keyId] = sealed.split(':');
  if (version === VERSION && keyId) return keyId;
  if (version === LEGACY_VERSION) return 'legacy';
  throw new Error('not a sealed value');
}

export function seal(plain: string): Sealed {
  const key = currentKey();
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key.seal, iv);
  const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return [VERSION, key.id, iv.toString('base64'), cipher.getAuthTag().toString('base64'), data.toString('base64')].join(
    ':',
  );
}

export function sealOrNull(plain: string | null | undefined): Sealed | null {
  return plain === null || plain === undefined || plain === '' ? null : seal(plain);
}

function open(aesKey: Buffer, iv: string, tag: string, data: string): string {
  const decipher = createDecipheriv('aes-256-gcm', aesKey, Buffer.from(iv, 'base64'));
  decipher.setAuthTag(Buffer.from(tag, 'base64'));
  return Buffer.concat([decipher.update(Buffer.from(data, 'base64')), decipher.final()]).toString('utf8');
}

export function unseal(sealed: Sealed): string {
  const parts = sealed.split(':');
  if (parts[0] === VERSION && parts.length === 5) {
    const [, keyId, iv, tag, data] = parts as [string, string, string, string, string];
    const key = readableKeys().find((candidate) => candidate.id === keyId);
    if (!key) throw new Error(`sealed with key ${keyId}, which is neither JJN_PII_KEY nor in JJN_PII_KEYS_PREVIOUS`);
    return open(key.seal, iv, tag, data);
  }
  if (parts[0] === LEGACY_VERSION && parts.length === 4) {
    const [, iv, tag, data] = parts as [string, string, string, string];
    for (const key of readableKeys()) {
      try {
        return open(createHash('sha256').update(`seal|${key.secret}`).digest(), iv, tag, data);
      } catch {
        // Not this key: try the next one.
      }
    }
    throw new Error('sealed (v1) with a key that is neither JJN_PII_KEY nor in JJN_PII_KEYS_PREVIOUS');
  }
  throw new Error('not a sealed value');
}

export function unsealOrNull(sealed: Sealed | null | undefined): string | null {
  return sealed ? unseal(sealed) : null;
}

/** Whether a stored value is sealed (by any key), rather than a value still in clear. */
export function isSealed(value: string): boolean {
  const parts = value.split(':');
  return (parts[0] === VERSION && parts.length === 5) || (parts[0] === LEGACY_VERSION && parts.length === 4);
}

/**
 * A field sealed since documents were first written (names, the society's bank account): opened
 * when sealed, taken as it is while a document written before is still in clear (the re-seal,
 * ./reseal.ts, seals those).
 */
export function openStored(value: string): string {
  return isSealed(value) ? unseal(value) : value;
}

export function openStoredOrNull(value: string | null | undefined): string | null {
  return value ? openStored(value) : null;
}

/** Whether a sealed value needs re-sealing with the current key. */
export function needsReseal(sealed: Sealed | null | undefined): boolean {
  return !!sealed && keyIdOf(sealed) !== currentKeyId();
}

/**
 * The same person gives the same key in every case, list and roster entry of a county; the number
 * cannot be read back from it. Keyed by JJN_PERSON_KEY only: rotating JJN_PII_KEY leaves it alone.
 */
export function personKeyOf(idNumber: string): string {
  return createHmac('sha256', currentPersonKey().hmac).update(idNumber).digest('hex').slice(0, 32);
}

/** A short stable id from parts (case ids from request ids), not a secret. */
export function shortHash(...parts: string[]): string {
  return createHash('sha256').update(parts.join('|')).digest('hex').slice(0, 20);
}
