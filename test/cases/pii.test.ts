/**
 * Keys for personal data at rest: derived with HKDF, recorded per sealed value, rotated by
 * re-sealing with the current key while the previous one is still accepted for reading.
 */
import { createCipheriv, createHash, randomBytes } from 'node:crypto';
import { createTestBackend, type TestBackend } from '../support/test-backend';
import { COLLECTIONS } from '../../server/collections';
import { findAll } from '../../server/ports/store';
import type { CaseDoc } from '../../server/cases/model';
import { resealPersonalData } from '../../server/cases/reseal';
import {
  currentKeyId,
  currentPersonKeyId,
  keyIdOf,
  personKeyOf,
  piiKeyProblem,
  seal,
  unseal,
  usingDevelopmentKey,
} from '../../server/cases/pii';
import type { OfficerCaseView } from '../../miniprogram/domain/case';
import { makeIdNumber } from '../../miniprogram/domain/id-number';
import { caller } from './helpers';

const KEY_A = 'county-key-A-0123456789abcdef0123456789abcdef';
const KEY_B = 'county-key-B-fedcba9876543210fedcba9876543210';

const PERSON_A = 'person-key-A-0123456789abcdef0123456789abcdef';
const PERSON_B = 'person-key-B-fedcba9876543210fedcba9876543210';

function usePersonKey(key: string | undefined): void {
  if (key === undefined) delete process.env.JJN_PERSON_KEY;
  else process.env.JJN_PERSON_KEY = key;
}

function useKeys(current: string | undefined, previous?: string): void {
  if (current === undefined) delete process.env.JJN_PII_KEY;
  else process.env.JJN_PII_KEY = current;
  if (previous === undefined) delete process.env.JJN_PII_KEYS_PREVIOUS;
  else process.env.JJN_PII_KEYS_PREVIOUS = previous;
}

afterEach(() => {
  useKeys(undefined);
  usePersonKey(undefined);
});

const id = makeIdNumber({ birthDate: '1968-05-18', sequence: 35 });

describe('keys for personal data', () => {
  it('each sealed value records the id of the key that sealed it', () => {
    useKeys(KEY_A);
    const sealed = seal(id);
    expect(sealed.split(':')[0]).toBe('v2');
    expect(keyIdOf(sealed)).toBe(currentKeyId());
    expect(keyIdOf(sealed)).toMatch(/^[0-9a-f]{12}$/);
    useKeys(KEY_B);
    expect(currentKeyId()).not.toBe(keyIdOf(sealed));
  });

  it('a value sealed with a previous key is read while that key is listed, and refused, saying so, once it is not', () => {
    useKeys(KEY_A);
    const sealed = seal(id);
    const personA = personKeyOf(id);
    useKeys(KEY_B, `${KEY_A}`);
    expect(unseal(sealed)).toBe(id);
    // The person key has its own key (JJN_PERSON_KEY): a PII-key rotation leaves it as it was.
    expect(personKeyOf(id)).toBe(personA);
    useKeys(KEY_B);
    expect(() => unseal(sealed)).toThrow(/neither JJN_PII_KEY nor in JJN_PII_KEYS_PREVIOUS/);
  });

  it('derives a separate key per purpose with HKDF: the sealing key is not the person-key key, nor sha256 of the secret', () => {
    useKeys(KEY_A);
    const sealed = seal(id);
    const [, , iv, tag, data] = sealed.split(':') as [string, string, string, string, string];
    const tryKey = (key: Buffer) => {
      const cipher = createCipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64'));
      const again = Buffer.concat([cipher.update(id, 'utf8'), cipher.final()]).toString('base64');
      return again === data && cipher.getAuthTag().toString('base64') === tag;
    };
    expect(tryKey(createHash('sha256').update(`seal|${KEY_A}`).digest())).toBe(false);
    expect(tryKey(createHash('sha256').update(KEY_A).digest())).toBe(false);
    expect(tryKey(randomBytes(32))).toBe(false);
    // The person key is an HMAC under another derived key: not a plain hash of the number.
    expect(personKeyOf(id)).not.toBe(createHash('sha256').update(id).digest('hex').slice(0, 32));
  });

  it('still reads values sealed before key ids (v1), with the current or a previous key', () => {
    const legacy = (secret: string) => {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', createHash('sha256').update(`seal|${secret}`).digest(), iv);
      const data = Buffer.concat([cipher.update(id, 'utf8'), cipher.final()]);
      return ['v1', iv.toString('base64'), cipher.getAuthTag().toString('base64'), data.toString('base64')].join(':');
    };
    useKeys(KEY_B, KEY_A);
    expect(unseal(legacy(KEY_A))).toBe(id);
    expect(unseal(legacy(KEY_B))).toBe(id);
    expect(keyIdOf(legacy(KEY_A))).toBe('legacy');
  });

  it('the person key follows JJN_PERSON_KEY alone, with a key id of its own', () => {
    useKeys(KEY_A);
    usePersonKey(PERSON_A);
    const underA = personKeyOf(id);
    const idA = currentPersonKeyId();
    expect(idA).toMatch(/^[0-9a-f]{12}$/);
    expect(idA).not.toBe(currentKeyId());
    useKeys(KEY_B);
    expect(personKeyOf(id)).toBe(underA);
    expect(currentPersonKeyId()).toBe(idA);
    usePersonKey(PERSON_B);
    expect(personKeyOf(id)).not.toBe(underA);
    expect(currentPersonKeyId()).not.toBe(idA);
    expect(personKeyOf(id)).toMatch(/^[0-9a-f]{32}$/);
    // Locally, without JJN_PERSON_KEY, a development key (not the PII key) stands in.
    usePersonKey(undefined);
    const development = personKeyOf(id);
    useKeys(KEY_A);
    expect(personKeyOf(id)).toBe(development);
    expect(development).not.toBe(underA);
  });

  it('says what is wrong with the key for the cloud: missing, short, or the development key', () => {
    usePersonKey(PERSON_A);
    useKeys(undefined);
    expect(piiKeyProblem()).toBe('JJN_PII_KEY is not set');
    expect(usingDevelopmentKey()).toBe(true);
    useKeys('short-key-1234567');
    expect(piiKeyProblem()).toMatch(/shorter than 32/);
    useKeys('jijinan-local-development-key-not-for-production');
    expect(piiKeyProblem()).toBe('JJN_PII_KEY is the development key');
    useKeys(KEY_A);
    expect(piiKeyProblem()).toBeNull();
    expect(usingDevelopmentKey()).toBe(false);
  });

  it('refuses the cloud without a person key of its own: missing, short, the development key, or the PII key', () => {
    useKeys(KEY_A);
    usePersonKey(undefined);
    expect(piiKeyProblem()).toBe('JJN_PERSON_KEY is not set');
    usePersonKey('short-key-1234567');
    expect(piiKeyProblem()).toMatch(/JJN_PERSON_KEY is shorter than 32/);
    usePersonKey('jijinan-local-development-person-key-not-for-production');
    expect(piiKeyProblem()).toBe('JJN_PERSON_KEY is the development key');
    usePersonKey(KEY_A);
    expect(piiKeyProblem()).toBe('JJN_PERSON_KEY is the same as JJN_PII_KEY');
    usePersonKey(PERSON_A);
    expect(piiKeyProblem()).toBeNull();
  });
});

const now0 = (docs: CaseDoc[], caseId: string) => docs.find((one) => one._id === caseId)?.personKey;

describe('rotating the key over the stored cases', () => {
  let backend: TestBackend;
  afterEach(() => backend.close());

  async function sealedFields(): Promise<string[]> {
    const cases = await findAll<CaseDoc>(backend.ports.store, COLLECTIONS.cases);
    return cases.flatMap((doc) =>
      [
        doc.person.idNumber,
        doc.person.phone,
        doc.situation.description,
        doc.applicant?.phone,
        doc.visit?.findings,
      ].filter((value): value is string => !!value),
    );
  }

  it('re-seals every case with the new key, keeps the person keys, and the old key can then go', async () => {
    useKeys(KEY_A);
    backend = await createTestBackend();
    const api = caller(backend);
    const before = await api.ok<OfficerCaseView>('approvals', 'getCase', { caseId: 'demo-case-04' }, 'demo-secretary');
    const cases = await findAll<CaseDoc>(backend.ports.store, COLLECTIONS.cases);
    expect(cases.length).toBeGreaterThan(3);
    const versions = cases.map((doc) => `${doc._id}@${doc.version}`);

    useKeys(KEY_B, KEY_A);
    const newKey = currentKeyId();
    const first = await resealPersonalData(backend.ports.store, { batch: 2 });
    expect(first).toEqual({ checked: expect.any(Number), resealed: 2, byCollection: { cases: 2 }, more: true });
    let rest = await resealPersonalData(backend.ports.store);
    expect(rest.more).toBe(false);
    expect(first.resealed + (rest.byCollection.cases ?? 0)).toBe(cases.length);
    expect((await sealedFields()).every((value) => keyIdOf(value) === newKey)).toBe(true);
    // A second run finds nothing to do.
    const checked = rest.checked;
    rest = await resealPersonalData(backend.ports.store);
    expect(rest).toEqual({ checked, resealed: 0, byCollection: {}, more: false });

    // Without the old key, everything still reads the same, and the person is still found by the new person key.
    useKeys(KEY_B);
    const after = await api.ok<OfficerCaseView>('approvals', 'getCase', { caseId: 'demo-case-04' }, 'demo-secretary');
    expect(after.person).toEqual(before.person);
    expect(after.situation).toEqual(before.situation);
    const doc = await backend.ports.store.get<CaseDoc>(COLLECTIONS.cases, 'demo-case-04');
    expect(doc?.personKey).toBe(personKeyOf(before.person.idNumber));
    expect(now0(cases, 'demo-case-04')).toBe(doc?.personKey);
    // Versions are untouched: re-sealing is not a step of the case.
    const now = await findAll<CaseDoc>(backend.ports.store, COLLECTIONS.cases);
    expect(now.map((one) => `${one._id}@${one.version}`)).toEqual(versions);
  });
});
