import fs from 'node:fs';
import path from 'node:path';
import { generatedFiles } from '../../server/tools/generated-files';

const root = path.resolve(__dirname, '../..');
// Once per file: the API contract asks the TypeScript checker over the whole server (seconds).
const files = generatedFiles();

describe('generated files', () => {
  it.each(files.map(([file, content]) => [file, content]))(
    '%s is current (run `npm run build` and commit it)',
    (file, content) => {
      expect(fs.readFileSync(path.join(root, file), 'utf8')).toBe(content);
    },
  );

  it('the API reference documents every action with who may call it', () => {
    const doc = files.find(([file]) => file === 'docs/api.md')![1];
    for (const heading of ['`societies` / `getPublicPage`', '`societies` / `me`', '`societies` / `list`']) {
      expect(doc).toContain(heading);
    }
    expect(doc).toContain('**Who may call:** 乡镇 (`township`)');
  });

  it('closes every collection to direct client reads and writes', () => {
    const rules = JSON.parse(files.find(([file]) => file === 'database/security-rules.json')![1]) as {
      collections: Record<string, { read: boolean; write: boolean }>;
    };
    expect(Object.keys(rules.collections).length).toBeGreaterThan(5);
    for (const rule of Object.values(rules.collections)) expect(rule).toEqual({ read: false, write: false });
  });
});
