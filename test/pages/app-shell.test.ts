/**
 * What WeChat DevTools would reject or silently get wrong, checked without DevTools: every page
 * in app.json exists, every usingComponents entry resolves, every t-/jj- tag a template uses is
 * declared, and no text is set below 32rpx (elderly readers).
 */
import * as fs from 'fs';
import * as path from 'path';
import { MINIPROGRAM_ROOT } from '../support/simulate-pages';

const ROOT = path.resolve(MINIPROGRAM_ROOT, '..');
const TDESIGN_DIST = path.join(ROOT, 'node_modules/tdesign-miniprogram/miniprogram_dist');

interface AppJson {
  pages: string[];
  subPackages?: Array<{ root: string; name: string; pages: string[] }>;
  lazyCodeLoading?: string;
  style?: string;
  sitemapLocation?: string;
}

const readJson = <T>(file: string): T => JSON.parse(fs.readFileSync(file, 'utf8')) as T;
const app = readJson<AppJson>(path.join(MINIPROGRAM_ROOT, 'app.json'));

const pagePaths = [
  ...app.pages,
  ...(app.subPackages ?? []).flatMap((pkg) => pkg.pages.map((page) => path.posix.join(pkg.root, page))),
];

function componentDirs(): string[] {
  const dir = path.join(MINIPROGRAM_ROOT, 'components');
  return fs.readdirSync(dir).map((name) => `components/${name}/index`);
}

function resolveComponent(from: string, target: string): string {
  if (target.startsWith('tdesign-miniprogram/'))
    return path.join(TDESIGN_DIST, target.slice('tdesign-miniprogram/'.length));
  if (target.startsWith('/')) return path.join(MINIPROGRAM_ROOT, target);
  return path.join(MINIPROGRAM_ROOT, path.dirname(from), target);
}

describe('app.json', () => {
  it('has the main pages and the officer and oversight subpackages', () => {
    expect(app.pages.slice(0, 2)).toEqual(['pages/home/index', 'pages/society/index']);
    // What a notice-board code leads to: notice detail and the objection form, in the main package.
    expect(app.pages).toEqual(expect.arrayContaining(['pages/notice/index', 'pages/objection/index']));
    expect(pagePaths).toContain('packages/officer/pages/workbench/index');
    expect(pagePaths).toContain('packages/oversight/pages/overview/index');
    expect(app).toMatchObject({ lazyCodeLoading: 'requiredComponents', style: 'v2', sitemapLocation: 'sitemap.json' });
    expect(fs.existsSync(path.join(MINIPROGRAM_ROOT, 'sitemap.json'))).toBe(true);
  });

  it.each(pagePaths)('%s has index.ts, .json, .wxml and .wxss', (page) => {
    for (const ext of ['ts', 'json', 'wxml', 'wxss']) {
      expect(fs.existsSync(path.join(MINIPROGRAM_ROOT, `${page}.${ext}`))).toBe(true);
    }
  });
});

describe.each([...pagePaths, ...componentDirs()])('%s', (component) => {
  const json = readJson<{ usingComponents?: Record<string, string> }>(path.join(MINIPROGRAM_ROOT, `${component}.json`));
  const using = json.usingComponents ?? {};

  it('declares components that exist', () => {
    for (const [tag, target] of Object.entries(using)) {
      expect([tag, fs.existsSync(`${resolveComponent(component, target)}.json`)]).toEqual([tag, true]);
    }
  });

  it('declares every t- and jj- tag its template uses, and uses what it declares', () => {
    const wxml = fs.readFileSync(path.join(MINIPROGRAM_ROOT, `${component}.wxml`), 'utf8');
    const used = new Set(Array.from(wxml.matchAll(/<((?:t|jj)-[a-z-]+)/g), (match) => match[1]));
    expect([...used].sort()).toEqual(Object.keys(using).sort());
  });

  it('sets no text below 32rpx', () => {
    const wxss = fs.readFileSync(path.join(MINIPROGRAM_ROOT, `${component}.wxss`), 'utf8');
    const sizes = Array.from(wxss.matchAll(/font-size:\s*(\d+)rpx/g), (match) => Number(match[1]));
    expect(sizes.filter((size) => size < 32)).toEqual([]);
  });
});

describe('project.config.json', () => {
  const project = readJson<Record<string, unknown> & { setting: Record<string, unknown> }>(
    path.join(ROOT, 'project.config.json'),
  );

  it('points DevTools at the mini program and the cloud functions, compiling TypeScript', () => {
    expect(project).toMatchObject({
      miniprogramRoot: 'miniprogram/',
      cloudfunctionRoot: 'cloudfunctions/',
      compileType: 'miniprogram',
      setting: {
        useCompilerPlugins: ['typescript'],
        urlCheck: false,
        ignoreUploadUnusedFiles: true,
        packNpmManually: true,
        packNpmRelationList: [{ packageJsonPath: './package.json', miniprogramNpmDistDir: './miniprogram/' }],
      },
    });
  });
});
