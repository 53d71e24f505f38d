/**
 * The key commands through their entry, as a county's administrator runs them: the built local
 * stack (`npm run rotate-pii-key` = `--reseal-only`, `npm run rekey-persons` = `--rekey-persons`)
 * on a data folder, with the keys in the environment. Each prints what it rewrote by collection,
 * and a second run rewrites none. Needs `npm run build` (as `npm test` does first).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SqliteStore } from '../../server/adapters/sqlite/store';
import { COLLECTIONS, INDEXES } from '../../server/collections';
import { findAll } from '../../server/ports/store';
import type { CaseDoc } from '../../server/cases/model';

const root = path.resolve(__dirname, '../..');
const server = path.join(root, 'dist/local/server.js');
const PII_A = 'key-commands-pii-A-0123456789abcdef0123456789ab';
const PII_B = 'key-commands-pii-B-fedcba9876543210fedcba987654';
const PERSON_A = 'key-commands-person-A-0123456789abcdef01234567';
const PERSON_B = 'key-commands-person-B-fedcba9876543210fedcba98';

let dataDir = '';
beforeAll(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jj-keys-'));
});
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

function run(flag: string, keys: Record<string, string>): string {
  return execFileSync(process.execPath, [server, flag], {
    cwd: root,
    env: { PATH: process.env.PATH, TZ: 'Asia/Shanghai', DATA_DIR: dataDir, ...keys },
    encoding: 'utf8',
    timeout: 120_000,
  });
}

async function cases(): Promise<CaseDoc[]> {
  const store = SqliteStore.open({ file: path.join(dataDir, 'local.sqlite'), indexes: INDEXES });
  try {
    return await findAll<CaseDoc>(store, COLLECTIONS.cases);
  } finally {
    store.close();
  }
}

describe('npm run rotate-pii-key and npm run rekey-persons', () => {
  it('re-seal: a new key rewrites the sealed documents and says how many of each; run again, none', async () => {
    // The first run seeds the demo county under key A: nothing to rewrite.
    const seeded = run('--reseal-only', { JJN_PII_KEY: PII_A, JJN_PERSON_KEY: PERSON_A });
    expect(seeded).toContain('rewritten: none');
    const before = await cases();
    const rotated = run('--reseal-only', {
      JJN_PII_KEY: PII_B,
      JJN_PII_KEYS_PREVIOUS: PII_A,
      JJN_PERSON_KEY: PERSON_A,
    });
    expect(rotated).toMatch(new RegExp(`rewritten: cases ${before.length}\\b`));
    const after = await cases();
    expect(after.map((doc) => doc.person.idNumber.split(':')[1])).not.toContain(
      before[0]!.person.idNumber.split(':')[1],
    );
    // The person keys did not move with the PII key.
    expect(after.map((doc) => doc.personKey)).toEqual(before.map((doc) => doc.personKey));
    expect(run('--reseal-only', { JJN_PII_KEY: PII_B, JJN_PERSON_KEY: PERSON_A })).toContain('rewritten: none');
  });

  it('re-key: a new person key recomputes every person key and says how many; run again, none', async () => {
    const before = await cases();
    const rekeyed = run('--rekey-persons', { JJN_PII_KEY: PII_B, JJN_PERSON_KEY: PERSON_B });
    expect(rekeyed).toMatch(new RegExp(`rewritten: cases ${before.length}\\b`));
    const after = await cases();
    for (const [index, doc] of after.entries()) expect(doc.personKey).not.toBe(before[index]!.personKey);
    // The same person still shares one key across cases.
    const samePerson = (docs: CaseDoc[]) =>
      docs.map((doc) => docs.filter((other) => other.personKey === doc.personKey).length);
    expect(samePerson(after)).toEqual(samePerson(before));
    expect(run('--rekey-persons', { JJN_PII_KEY: PII_B, JJN_PERSON_KEY: PERSON_B })).toContain('rewritten: none');
  });
});
