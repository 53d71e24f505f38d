/**
 * The two scripts that hand a mini program to miniprogram-simulate in the browser: one for TDesign
 * (built once), one for our miniprogram/ (rebuilt when a file there changes). Each fills
 * `window.__FILE_MAP__` (simulate's file system in the browser) with, per component:
 *   `<path>.json`  its JSON, `usingComponents` pointing at TDesign's virtual miniprogram_npm folder;
 *   `<path>.wxml`  the template function from the official WXML compiler (wcc) run here in Node;
 *   `<path>.wxss`  its stylesheet (simulate prefixes classes; the patched build scales rpx);
 *   `<path>.js`    one line that runs the component's module, which calls `Component()`;
 * and defines every module the components need (see modules.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import { compileModuleGraph, moduleDefinitions, type CompiledModule } from './modules';
import { listFiles, TDESIGN_PACKAGE, TDESIGN_VIRTUAL_ROOT, type PreviewPaths } from './paths';
import { stripIconFont } from './icons';
import { OWN_WXML_GLOBALS } from './wxml-globals';

// The official WXML compiler (a native wcc binary) that miniprogram-simulate depends on; untyped.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const wxmlCompiler = require('miniprogram-compiler') as {
  wxmlToJs(rootPath: string, options?: { wxmlList?: string[]; wxsList?: string[] }): string;
};

/** The global the browser runtime defines (preview/src/phone/registry.ts). */
export const REGISTRY = 'window.__jjPreview';

/** What WeChat reports below the home indicator of a 375×812 phone. */
const SAFE_AREA_BOTTOM_PX = 34;

export interface BuiltPackage {
  script: string;
  moduleIds: Set<string>;
  millis: number;
}

interface PackageSource {
  dir: string;
  /** Where the package sits in the preview's virtual file system ('' = the mini program root). */
  virtualRoot: string;
  files: string[];
}

const withoutExtension = (file: string) => file.slice(0, file.length - path.extname(file).length);

function readJson(file: string): Record<string, unknown> {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
}

/** Components and pages: a JSON file beside a script (app.json is the app, not a component). */
function componentsOf(source: PackageSource): Array<{ base: string; script: string }> {
  const present = new Set(source.files);
  return source.files
    .filter((file) => file.endsWith('.json') && file !== 'app.json')
    .map((file) => withoutExtension(file))
    .flatMap((base) => {
      const script = [`${base}.ts`, `${base}.js`].find((candidate) => present.has(candidate));
      return script ? [{ base, script }] : [];
    });
}

function compileTemplates(source: PackageSource): string {
  const wxmlList = source.files.filter((file) => file.endsWith('.wxml'));
  const wxsList = source.files.filter((file) => file.endsWith('.wxs'));
  if (wxmlList.length === 0) return 'function () { return undefined; }';
  return `function () {\n${OWN_WXML_GLOBALS}${wxmlCompiler.wxmlToJs(source.dir, { wxmlList, wxsList })}\n}`;
}

function adjustWxss(css: string): string {
  return css.replace(/(?:env|constant)\(\s*safe-area-inset-bottom\s*\)/g, `${SAFE_AREA_BOTTOM_PX}px`);
}

/** Inlines `@import` so app.wxss can be put in front of every page's own stylesheet. */
function inlineImports(file: string, seen = new Set<string>()): string {
  if (seen.has(file) || !fs.existsSync(file)) return '';
  seen.add(file);
  return fs
    .readFileSync(file, 'utf8')
    .replace(/@import\s+(?:"([^"]+)"|'([^']+)')\s*;/g, (_all, double?: string, single?: string) =>
      inlineImports(path.resolve(path.dirname(file), double ?? single ?? ''), seen),
    );
}

function usingComponentPath(target: string): string {
  if (target.startsWith(`${TDESIGN_PACKAGE}/`))
    return `${TDESIGN_VIRTUAL_ROOT}/${target.slice(TDESIGN_PACKAGE.length + 1)}`;
  return target;
}

interface FileEntry {
  path: string;
  /** A JS expression. */
  value: string;
}

function buildScript(parts: {
  name: string;
  templates: string;
  entries: FileEntry[];
  modules: CompiledModule[];
  extra?: string;
}): string {
  const mark = JSON.stringify(`preview:${parts.name}`);
  const lines = [
    '(function (__jjP) {',
    `performance.mark(${mark});`,
    `var __jjGwx = (${parts.templates})();`,
    `performance.measure(${JSON.stringify(`preview:${parts.name} templates`)}, ${mark});`,
    ...parts.entries.map((entry) => `__jjP.files[${JSON.stringify(entry.path)}] = ${entry.value};`),
    moduleDefinitions(parts.modules, '__jjP'),
    parts.extra ?? '',
    `performance.measure(${JSON.stringify(`preview:${parts.name}`)}, ${mark});`,
    `})(${REGISTRY});`,
  ];
  return lines.join('\n');
}

function componentEntries(
  source: PackageSource,
  base: string,
  script: string,
  json: Record<string, unknown>,
  root: string,
) {
  const virtual = `${source.virtualRoot}/${base}`;
  const moduleId = path.relative(root, path.join(source.dir, script)).split(path.sep).join('/');
  return [
    { path: `${virtual}.json`, value: JSON.stringify(JSON.stringify(json)) },
    { path: `${virtual}.wxml`, value: `__jjGwx(${JSON.stringify(`${base}.wxml`)})` },
    { path: `${virtual}.js`, value: JSON.stringify(`__jjPreview.runComponent(${JSON.stringify(moduleId)})`) },
  ];
}

/** TDesign's miniprogram_dist, every component of it. */
export async function buildTdesignPackage(paths: PreviewPaths): Promise<BuiltPackage> {
  const started = Date.now();
  const source: PackageSource = {
    dir: paths.tdesignDist,
    virtualRoot: TDESIGN_VIRTUAL_ROOT,
    files: listFiles(paths.tdesignDist, ['miniprogram_npm']),
  };
  const components = componentsOf(source);
  const entries: FileEntry[] = [];
  for (const { base, script } of components) {
    entries.push(
      ...componentEntries(source, base, script, readJson(path.join(source.dir, `${base}.json`)), paths.root),
    );
  }
  for (const file of source.files.filter((name) => name.endsWith('.wxss'))) {
    let css = fs.readFileSync(path.join(source.dir, file), 'utf8');
    if (file === 'icon/icon.wxss') css = stripIconFont(css);
    entries.push({ path: `${source.virtualRoot}/${file}`, value: JSON.stringify(adjustWxss(css)) });
  }
  const modules = await compileModuleGraph({
    root: paths.root,
    tdesignDist: paths.tdesignDist,
    tdesignNpm: paths.tdesignNpm,
    entryFiles: components.map(({ script }) => path.join(source.dir, script)),
  });
  const script = buildScript({ name: 'tdesign.js', templates: compileTemplates(source), entries, modules });
  return { script, moduleIds: new Set(modules.map((module) => module.id)), millis: Date.now() - started };
}

export interface AppJson {
  pages: string[];
  subPackages?: Array<{ root: string; pages: string[] }>;
  subpackages?: Array<{ root: string; pages: string[] }>;
  usingComponents?: Record<string, string>;
  window?: Record<string, unknown>;
  tabBar?: { list?: Array<{ pagePath: string }> };
}

export function pageRoutes(app: AppJson): string[] {
  const packages = app.subPackages ?? app.subpackages ?? [];
  return [
    ...app.pages,
    ...packages.flatMap((sub) => sub.pages.map((page) => `${sub.root.replace(/\/$/, '')}/${page}`)),
  ];
}

/** Our miniprogram/: pages, components, app.ts and app.json. */
export async function buildAppPackage(
  paths: PreviewPaths,
  tdesignModuleIds: ReadonlySet<string>,
): Promise<BuiltPackage> {
  const started = Date.now();
  const source: PackageSource = { dir: paths.miniprogram, virtualRoot: '', files: listFiles(paths.miniprogram) };
  const app = readJson(path.join(source.dir, 'app.json')) as unknown as AppJson;
  const pages = new Set(pageRoutes(app));
  const appWxss = adjustWxss(inlineImports(path.join(source.dir, 'app.wxss')));
  const globalComponents = app.usingComponents ?? {};

  const components = componentsOf(source);
  const entries: FileEntry[] = [];
  for (const { base, script } of components) {
    const json = readJson(path.join(source.dir, `${base}.json`));
    const using = { ...globalComponents, ...((json.usingComponents as Record<string, string> | undefined) ?? {}) };
    json.usingComponents = Object.fromEntries(
      Object.entries(using).map(([tag, target]) => [tag, usingComponentPath(target)]),
    );
    entries.push(...componentEntries(source, base, script, json, paths.root));
    const wxssFile = path.join(source.dir, `${base}.wxss`);
    const own = fs.existsSync(wxssFile) ? adjustWxss(inlineImports(wxssFile)) : '';
    // app.wxss applies to every page (not to components), before the page's own rules.
    const css = pages.has(base) ? `${appWxss}\n${own}` : own;
    entries.push({ path: `/${base}.wxss`, value: JSON.stringify(css) });
  }

  const appScript = ['app.ts', 'app.js'].find((file) => source.files.includes(file));
  const entryFiles = [...(appScript ? [appScript] : []), ...components.map(({ script }) => script)].map((file) =>
    path.join(source.dir, file),
  );
  const modules = (
    await compileModuleGraph({
      root: paths.root,
      tdesignDist: paths.tdesignDist,
      tdesignNpm: paths.tdesignNpm,
      entryFiles,
    })
  ).filter((module) => !tdesignModuleIds.has(module.id));
  const appModule = appScript ? `miniprogram/${appScript}` : null;
  const extra = `__jjP.app = ${JSON.stringify({ json: app, module: appModule, routes: [...pages] })};`;
  const script = buildScript({ name: 'app.js', templates: compileTemplates(source), entries, modules, extra });
  return { script, moduleIds: new Set(modules.map((module) => module.id)), millis: Date.now() - started };
}
