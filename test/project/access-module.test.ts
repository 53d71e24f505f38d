/**
 * Issue 15, one access module: who may do what is decided in server/access/rules.ts alone. Society
 * access and recusal were written in four places, one with a different rule; a check written
 * anywhere else again is caught here, by the two things every such check has to touch: the
 * caller's grants and the household a case belongs to.
 */
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '../..');
const ACCESS = 'server/access/';

function sources(dir: string): string[] {
  const found: string[] = [];
  for (const entry of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
    const rel = path.posix.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...sources(rel));
    else if (entry.name.endsWith('.ts')) found.push(rel);
  }
  return found;
}

/** `file:line: text` for every line outside server/access/ that matches `pattern`. */
function outsideAccess(pattern: RegExp): string[] {
  return sources('server')
    .filter((file) => !file.startsWith(ACCESS))
    .flatMap((file) =>
      fs
        .readFileSync(path.join(root, file), 'utf8')
        .split('\n')
        .flatMap((line, index) => (pattern.test(line) ? [`${file}:${index + 1}: ${line.trim()}`] : [])),
    );
}

describe('one access module (issue 15)', () => {
  it("reads the caller's grants only in server/access/", () => {
    expect(outsideAccess(/\.grants\b/)).toEqual([]);
  });

  it('decides recusal (own household, own application) only in server/access/', () => {
    expect(outsideAccess(/householdId\s*===\s*householdOf|function householdOf|function isRecused/)).toEqual([]);
  });

  it('grants and revokes roles only in server/access/ (and the demo seed), so the kept grants stay true', () => {
    const writes = /\.(insert|set|update)(<[^>]*>)?\(\s*COLLECTIONS\.memberships/;
    expect(outsideAccess(writes).filter((line) => !line.startsWith('server/seed/'))).toEqual([]);
    // The check sees a write written the usual way.
    expect(writes.test('await tx.update(COLLECTIONS.memberships, id, { revokedAt })')).toBe(true);
  });

  it('names each way to require a role once', () => {
    const rules = fs.readFileSync(path.join(root, ACCESS, 'rules.ts'), 'utf8');
    for (const name of ['requireRole', 'requireActing', 'requireOfficer', 'requireNotRecused', 'coversSociety']) {
      expect(rules).toContain(`export function ${name}(`);
      expect(outsideAccess(new RegExp(`function ${name}\\(`))).toEqual([]);
    }
    // The modules the rules were spread over are gone.
    for (const gone of ['server/notices/access.ts', 'server/registry/acting.ts', 'server/cases/access.ts']) {
      expect(fs.existsSync(path.join(root, gone))).toBe(false);
    }
  });
});
