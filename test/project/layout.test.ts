/** Guards what the CloudBase CLI and the mini program package need (pages: test/pages/app-shell.test.ts). */
import fs from 'node:fs';
import path from 'node:path';
import { FUNCTIONS } from '../../server/functions';

const root = path.resolve(__dirname, '../..');
const readJson = <T = Record<string, unknown>>(file: string): T =>
  JSON.parse(fs.readFileSync(path.join(root, file), 'utf8')) as T;
const exists = (file: string) => fs.existsSync(path.join(root, file));

describe('the mini program package', () => {
  it('ships only runtime packages to the phone: dependencies are what the mini program imports', () => {
    const pkg = readJson<{ dependencies: Record<string, string> }>('package.json');
    expect(Object.keys(pkg.dependencies).sort()).toEqual(['dayjs', 'tdesign-miniprogram']);
  });

  it('holds TypeScript sources only: DevTools compiles them, a stray .js would shadow one', () => {
    const strays: string[] = [];
    const walk = (dir: string) => {
      for (const entry of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
        const rel = path.posix.join(dir, entry.name);
        if (entry.isDirectory() && entry.name !== 'miniprogram_npm') walk(rel);
        else if (entry.name.endsWith('.js')) strays.push(rel);
      }
    };
    walk('miniprogram');
    expect(strays).toEqual([]);
  });
});

describe('cloud functions', () => {
  const folders = fs
    .readdirSync(path.join(root, 'cloudfunctions'), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  const cloudbaserc = readJson<{ functionRoot: string; functions: Array<{ name: string; handler: string }> }>(
    'cloudbaserc.json',
  );

  it('has one folder per function definition, each described in cloudbaserc.json', () => {
    expect(folders).toEqual(Object.keys(FUNCTIONS).sort());
    expect(cloudbaserc.functionRoot).toBe('./cloudfunctions');
    expect(cloudbaserc.functions.map((fn) => fn.name).sort()).toEqual(folders);
    for (const fn of cloudbaserc.functions) expect(fn.handler).toBe('index.main');
  });

  it.each(folders)(
    '%s: a TypeScript entry under src/, never beside the built index.js, and only wx-server-sdk to install',
    (name) => {
      expect(exists(`cloudfunctions/${name}/src/index.ts`)).toBe(true);
      expect(exists(`cloudfunctions/${name}/index.ts`)).toBe(false);
      expect(exists(`cloudfunctions/${name}/config.json`)).toBe(true);
      const pkg = readJson<{ main: string; dependencies: Record<string, string> }>(
        `cloudfunctions/${name}/package.json`,
      );
      expect(pkg.main).toBe('index.js');
      expect(Object.keys(pkg.dependencies)).toEqual(['wx-server-sdk']);
      const entry = fs.readFileSync(path.join(root, `cloudfunctions/${name}/src/index.ts`), 'utf8');
      expect(entry.split('\n').filter((line) => line.trim()).length).toBeLessThanOrEqual(6);
    },
  );
});
