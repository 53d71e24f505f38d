/** The size budget (`npm run budget`): what ignoreUploadUnusedFiles would upload, per package, within WeChat's limits. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  analyseBudget,
  checkBudget,
  contributors,
  formatBudgetReport,
  MAIN_PACKAGE,
  MB,
  OUR_CODE,
  PROJECT_LIMITS,
  WECHAT_LIMITS,
  type BudgetAnalysis,
} from '../../server/tools/budget';

const root = path.resolve(__dirname, '../..');
const mp = path.join(root, 'miniprogram');
const readJson = <T>(file: string): T => JSON.parse(fs.readFileSync(file, 'utf8')) as T;

interface AppJson {
  pages: string[];
  subPackages: Array<{ root: string; name: string; pages: string[] }>;
}
const app = readJson<AppJson>(path.join(mp, 'app.json'));
const allPages = [
  ...app.pages.map((page) => ({ page, pkg: MAIN_PACKAGE })),
  ...app.subPackages.flatMap((sub) => sub.pages.map((page) => ({ page: `${sub.root}/${page}`, pkg: sub.name }))),
];
const pageJsons = allPages.map(({ page }) => path.join(mp, `${page}.json`)).filter((file) => fs.existsSync(file));

const tdesign = (p: string) => `miniprogram_npm/tdesign-miniprogram/${p}`;

const write = (file: string, text: string) => {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
};

describe('the size budget of the mini program', () => {
  let analysis: BudgetAnalysis;
  beforeAll(() => {
    analysis = analyseBudget({ projectRoot: root });
  });

  it('reaches every page of app.json, with its files, in its own package', () => {
    for (const { page, pkg } of allPages) {
      const script = analysis.files.get(`${page}.js`);
      expect(script).toMatchObject({ package: pkg, source: path.join(mp, `${page}.ts`) });
      for (const ext of ['.json', '.wxml', '.wxss']) {
        if (fs.existsSync(path.join(mp, page + ext))) expect(analysis.files.get(page + ext)?.package).toBe(pkg);
      }
    }
    expect(analysis.files.has('app.js')).toBe(true);
    expect(analysis.files.has('app.json')).toBe(true);
  });

  it('places a subpackage page and the code beside it in that subpackage, and nothing of a subpackage in main', () => {
    for (const sub of app.subPackages) {
      const figures = analysis.packages.find((pkg) => pkg.name === sub.name)!;
      expect(figures.root).toBe(sub.root);
      expect(figures.files.length).toBeGreaterThan(0);
      for (const file of figures.files) expect(file.path.startsWith(`${sub.root}/`)).toBe(true);
      const first = `${sub.root}/${sub.pages[0]}`;
      expect(figures.files.map((file) => file.path)).toEqual(
        expect.arrayContaining([`${first}.js`, `${first}.wxml`, `${first}.json`]),
      );
    }
    const main = analysis.packages.find((pkg) => pkg.name === MAIN_PACKAGE)!;
    for (const file of main.files) {
      for (const sub of app.subPackages) expect(file.path.startsWith(`${sub.root}/`)).toBe(false);
    }
    // Shared code and all of miniprogram_npm are in the main package, however many pages use them.
    expect(analysis.files.get('services/cloud.js')?.package).toBe(MAIN_PACKAGE);
    expect(analysis.files.get(tdesign('button/button.js'))?.package).toBe(MAIN_PACKAGE);
  });

  it('includes every TDesign component a page uses, with what t-button needs from its dir and beyond', () => {
    const used = new Set(
      pageJsons.flatMap((file) =>
        Object.values(readJson<{ usingComponents?: Record<string, string> }>(file).usingComponents ?? {}),
      ),
    );
    const fromTdesign = [...used].filter((ref) => ref.startsWith('tdesign-miniprogram/'));
    expect(fromTdesign).toContain('tdesign-miniprogram/button/button');
    for (const ref of fromTdesign) {
      for (const ext of ['.js', '.json', '.wxml', '.wxss'])
        expect(analysis.files.has(`miniprogram_npm/${ref}${ext}`)).toBe(true);
    }
    const button = [...analysis.files.keys()].filter((file) => file.startsWith(tdesign('button/')));
    expect(button.sort()).toEqual(
      ['button.js', 'button.json', 'button.wxml', 'button.wxss', 'props.js'].map((file) => tdesign(`button/${file}`)),
    );
    // Its usingComponents, script imports, <import>/<wxs> and @import, and tslib from TDesign's own miniprogram_npm.
    for (const file of [
      'icon/icon.js',
      'loading/loading.wxml',
      'common/src/index.js',
      'common/template/icon.wxml',
      'common/utils.wxs',
      'common/style/index.wxss',
      'miniprogram_npm/tslib/index.js',
    ]) {
      expect(analysis.files.has(tdesign(file))).toBe(true);
    }
    expect(contributors(analysis.packages[0]!).map((group) => group.group)).toEqual(
      expect.arrayContaining([OUR_CODE, 'tdesign-miniprogram/button', 'tdesign-miniprogram/icon']),
    );
  });

  it('does not count a TDesign component no page uses, nor the type declarations', () => {
    // color-picker: shipped in miniprogram_dist, used by no page or component here.
    expect(fs.existsSync(path.join(root, 'node_modules/tdesign-miniprogram/miniprogram_dist/color-picker'))).toBe(true);
    const jsons = [...analysis.files.values()].filter((file) => file.path.endsWith('.json'));
    for (const file of jsons) expect(fs.readFileSync(file.source, 'utf8')).not.toContain('color-picker');
    expect([...analysis.files.keys()].filter((file) => file.includes('color-picker'))).toEqual([]);
    expect([...analysis.files.keys()].filter((file) => file.endsWith('.d.ts') || file.endsWith('.ts'))).toEqual([]);
  });

  it('counts each file once, and the figures add up', () => {
    const counted = analysis.packages.flatMap((pkg) => pkg.files.map((file) => file.path));
    expect(new Set(counted).size).toBe(counted.length);
    expect(counted.length).toBe(analysis.fileCount);
    expect(analysis.packages.reduce((sum, pkg) => sum + pkg.bytes, 0)).toBe(analysis.totalBytes);
    for (const pkg of analysis.packages) {
      expect(pkg.files.reduce((sum, file) => sum + file.bytes, 0)).toBe(pkg.bytes);
    }
    // Our TypeScript is sized as minified JavaScript, not as source.
    const relief = analysis.files.get('domain/relief.js')!;
    expect(relief.bytes).toBeGreaterThan(0);
    expect(relief.bytes).toBeLessThan(fs.statSync(path.join(mp, 'domain/relief.ts')).size);
  });

  it('resolves every reference, without the main package reaching into a subpackage', () => {
    expect(analysis.warnings).toEqual([]);
  });

  it('is within WeChat’s limits: 2 MB main package, 2 MB per subpackage, 20 MB in all', () => {
    expect(WECHAT_LIMITS).toEqual({ mainPackage: 2_097_152, subPackage: 2_097_152, total: 20 * MB });
    expect(checkBudget(analysis)).toEqual([]);
    const report = formatBudgetReport(analysis);
    expect(report).toContain('ESTIMATE');
    expect(report).toContain('OK:');
    for (const sub of app.subPackages) expect(report).toContain(sub.root);
  });

  it('issue 11: keeps the main package within 1 MB (npm run budget checks this limit)', () => {
    expect(PROJECT_LIMITS).toEqual({ ...WECHAT_LIMITS, mainPackage: MB });
    expect(checkBudget(analysis, PROJECT_LIMITS)).toEqual([]);
    expect(analysis.packages[0]!.bytes).toBeLessThanOrEqual(MB);
  });

  it('reports a broken limit in plain English', () => {
    const main = analysis.packages[0]!;
    const failures = checkBudget(analysis, { mainPackage: 1024, subPackage: 2 * MB, total: 20 * MB });
    expect(failures).toHaveLength(1);
    expect(failures[0]).toContain('main package');
    expect(failures[0]).toContain('over its limit of 1,024 bytes');
    expect(failures[0]).toContain(`by ${(main.bytes - 1024).toLocaleString('en-US')} bytes`);

    const everything = checkBudget(analysis, { mainPackage: 1, subPackage: 1, total: 1 });
    expect(everything).toHaveLength(analysis.packages.length + 1);
    expect(everything.at(-1)).toMatch(/^The whole app is .* over its limit/);
    expect(formatBudgetReport(analysis, { mainPackage: 1024, subPackage: 2 * MB, total: 20 * MB })).toContain(
      'FAIL: The main package',
    );
  });
});

describe('the budget on a copy of the mini program', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jjn-budget-'));
    fs.cpSync(mp, path.join(dir, 'miniprogram'), {
      recursive: true,
      filter: (source) => !source.includes('miniprogram_npm'),
    });
    for (const file of ['package.json', 'project.config.json'])
      fs.copyFileSync(path.join(root, file), path.join(dir, file));
    fs.symlinkSync(path.join(root, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('does not count a file nobody reaches, and counts it once a page imports it', () => {
    const orphan = path.join(dir, 'miniprogram/utils/budget-orphan.ts');
    write(orphan, `export const PADDING = ${JSON.stringify('x'.repeat(50_000))};\n`);
    const before = analyseBudget({ projectRoot: dir });
    expect(before.files.has('utils/budget-orphan.js')).toBe(false);

    const home = path.join(dir, 'miniprogram/pages/home/index.ts');
    fs.writeFileSync(
      home,
      `import { PADDING } from '../../utils/budget-orphan';\nconsole.log(PADDING);\n${fs.readFileSync(home, 'utf8')}`,
    );
    const after = analyseBudget({ projectRoot: dir });
    expect(after.files.get('utils/budget-orphan.js')?.package).toBe(MAIN_PACKAGE);
    expect(after.packages[0]!.bytes - before.packages[0]!.bytes).toBeGreaterThan(50_000);
    expect(after.packages.slice(1).map((pkg) => pkg.bytes)).toEqual(before.packages.slice(1).map((pkg) => pkg.bytes));
  });
});

describe('the budget on a small fixture', () => {
  let dir: string;
  let analysis: BudgetAnalysis;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jjn-budget-fixture-'));
    const m = (file: string) => path.join(dir, 'miniprogram', file);
    write(path.join(dir, 'package.json'), JSON.stringify({ dependencies: {} }));
    write(
      m('app.json'),
      JSON.stringify({
        pages: ['pages/a/index'],
        subPackages: [{ root: 'sub', name: 'sub', pages: ['pages/b/index'] }],
        usingComponents: { 'x-card': '/components/card/index' },
        sitemapLocation: 'sitemap.json',
      }),
    );
    write(m('app.ts'), 'App({});\n');
    write(m('sitemap.json'), '{}');
    write(m('types.ts'), 'export interface Unused { a: number }\n');
    write(m('shared/index.ts'), "import type { Unused } from '../types';\nexport const one = (u: Unused) => u.a;\n");
    write(m('pages/a/index.ts'), "import { one } from '../../shared';\nPage({ one });\n");
    write(m('pages/a/index.json'), JSON.stringify({ usingComponents: { 'x-sub': '/sub/components/c/c' } }));
    write(
      m('pages/a/index.wxml'),
      '<include src="part.wxml"/><wxs src="./f.wxs" module="f"/><image src="/img/logo.png"/>' +
        '<wxs module="h">var h = require("../../wxs/h.wxs"); module.exports = h;</wxs>',
    );
    write(m('pages/a/part.wxml'), '<view/>');
    write(m('pages/a/f.wxs'), "var g = require('./g.wxs');\nmodule.exports = g;\n");
    write(m('pages/a/g.wxs'), 'module.exports = {};\n');
    write(m('wxs/h.wxs'), 'module.exports = {};\n');
    write(m('pages/a/index.wxss'), "@import '../../styles/base.wxss';\n");
    write(m('styles/base.wxss'), 'page { color: red; }\n');
    write(m('img/logo.png'), 'png');
    write(m('img/unused.png'), 'png');
    write(m('components/card/index.ts'), 'Component({});\n');
    write(m('components/card/index.json'), '{"component":true}');
    write(m('components/card/index.wxml'), '<view/>');
    write(m('sub/pages/b/index.ts'), "import { one } from '../../../shared/index';\nPage({ one });\n");
    write(m('sub/pages/b/index.json'), JSON.stringify({ usingComponents: { 'x-c': '../../components/c/c' } }));
    write(m('sub/pages/b/index.wxml'), '<x-c/>');
    write(m('sub/components/c/c.ts'), 'Component({});\n');
    write(m('sub/components/c/c.json'), '{"component":true}');
    write(m('sub/components/c/c.wxml'), '<view/>');
    write(m('sub/unused.ts'), 'export const nobody = 1;\n');
    analysis = analyseBudget({ projectRoot: dir });
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('follows wxml include/wxs, wxs require, wxss @import, static images, components and script imports', () => {
    const byPackage = Object.fromEntries(
      analysis.packages.map((pkg) => [pkg.name, pkg.files.map((file) => file.path)]),
    );
    expect(byPackage[MAIN_PACKAGE]).toEqual(
      [
        'app.js',
        'app.json',
        'components/card/index.js',
        'components/card/index.json',
        'components/card/index.wxml',
        'img/logo.png',
        'pages/a/f.wxs',
        'pages/a/g.wxs',
        'pages/a/index.js',
        'pages/a/index.json',
        'pages/a/index.wxml',
        'pages/a/index.wxss',
        'pages/a/part.wxml',
        'shared/index.js',
        'sitemap.json',
        'styles/base.wxss',
        'wxs/h.wxs',
      ].sort((a, b) => a.localeCompare(b)),
    );
    expect(byPackage.sub).toEqual(
      [
        'sub/components/c/c.js',
        'sub/components/c/c.json',
        'sub/components/c/c.wxml',
        'sub/pages/b/index.js',
        'sub/pages/b/index.json',
        'sub/pages/b/index.wxml',
      ].sort((a, b) => a.localeCompare(b)),
    );
    // A type-only import is gone from the compiled script, as in DevTools' output.
    expect(analysis.files.has('types.js')).toBe(false);
  });

  it('warns when the main package reaches into a subpackage', () => {
    expect(analysis.warnings).toEqual([
      expect.stringContaining('pages/a/index.json (main) uses sub/components/c/c.json from subpackage sub'),
      expect.stringContaining('uses sub/components/c/c.js from subpackage sub'),
      expect.stringContaining('uses sub/components/c/c.wxml from subpackage sub'),
    ]);
  });
});
