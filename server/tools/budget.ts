/**
 * The mini program's size budget: an estimate of what WeChat DevTools uploads, per package.
 *
 * DevTools compiles our TypeScript (useCompilerPlugins: typescript), builds npm into
 * miniprogram/miniprogram_npm (packNpmManually: tdesign-miniprogram's miniprogram_dist, copied as
 * it is) and, with ignoreUploadUnusedFiles, uploads only the files reachable from app.json. This
 * module models that without DevTools: it walks the dependency graph from app.json (pages,
 * subpackage pages, global components, each page/component's usingComponents, .wxml imports,
 * includes and wxs, .wxss @imports, .wxs and script requires, static images), places each file in
 * the package WeChat would (a subpackage's root, else the main package: our shared code and all of
 * miniprogram_npm) and sizes it: our .ts as esbuild's minified CommonJS, everything else raw.
 *
 * Files are named by their upload path, relative to the mini program root ("pages/home/index.js",
 * "miniprogram_npm/tdesign-miniprogram/button/button.js"); `source` is where the bytes come from
 * (our .ts, or node_modules for npm). Run by `npm run budget` (scripts/budget.mjs).
 */
import { transformSync } from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';

const posix = path.posix;

export const KB = 1024;
export const MB = 1024 * KB;

export interface BudgetLimits {
  /** Bytes allowed for the main package (WeChat: 2 MB). */
  mainPackage: number;
  /** Bytes allowed for each subpackage (WeChat: 2 MB). */
  subPackage: number;
  /** Bytes allowed for the whole app, every package together (WeChat: 20 MB). */
  total: number;
}

export const WECHAT_LIMITS: BudgetLimits = { mainPackage: 2 * MB, subPackage: 2 * MB, total: 20 * MB };

/**
 * Ours, within WeChat's: the main package at most 1 MB (issue 11), so the first open over a weak
 * village signal stays quick; subpackages and the whole app as WeChat allows.
 */
export const PROJECT_LIMITS: BudgetLimits = { ...WECHAT_LIMITS, mainPackage: 1 * MB };

export const MAIN_PACKAGE = 'main';
export const OUR_CODE = 'our code';

export interface UploadFile {
  /** Upload path, relative to the mini program root, with '/' (our .ts appear as .js). */
  path: string;
  /** Absolute path of the file the bytes come from. */
  source: string;
  /** Estimated uploaded bytes. */
  bytes: number;
  /** MAIN_PACKAGE or a subpackage's name. */
  package: string;
  /** OUR_CODE, `tdesign-miniprogram/<dir>`, `npm/<package>`, or the subpackage root. */
  group: string;
}

export interface PackageFigures {
  name: string;
  /** '' for the main package, else the subpackage root from app.json. */
  root: string;
  bytes: number;
  files: UploadFile[];
}

export interface BudgetAnalysis {
  packages: PackageFigures[];
  totalBytes: number;
  fileCount: number;
  /** Every counted file by upload path (each file once). */
  files: Map<string, UploadFile>;
  /** References that could not be resolved, or that cross packages the way WeChat forbids. */
  warnings: string[];
}

export interface BudgetOptions {
  /** The project folder (project.config.json, package.json, node_modules). */
  projectRoot: string;
  /** Defaults to project.config.json's miniprogramRoot, else "miniprogram". */
  miniprogramRoot?: string;
  /** Defaults to <projectRoot>/node_modules. */
  nodeModules?: string;
}

export interface GroupFigures {
  group: string;
  bytes: number;
  files: number;
}

interface AppJson {
  pages?: string[];
  subPackages?: Array<{ root: string; name?: string; pages?: string[] }>;
  subpackages?: Array<{ root: string; name?: string; pages?: string[] }>;
  usingComponents?: Record<string, string>;
  sitemapLocation?: string;
  themeLocation?: string;
  tabBar?: { list?: Array<{ iconPath?: string; selectedIconPath?: string }> };
}

interface ComponentJson {
  usingComponents?: Record<string, string>;
  componentGenerics?: Record<string, boolean | { default?: string }>;
}

interface NpmPackage {
  dir: string;
  /** tdesign-miniprogram's "miniprogram": "miniprogram_dist": copied as it is. */
  miniprogramDir: string | null;
  /** For an ordinary package packNpm builds index.js from its main entry. */
  main: string;
}

const readJson = <T>(file: string): T => JSON.parse(fs.readFileSync(file, 'utf8')) as T;
const isFile = (file: string) => {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
};
const stripBlockComments = (text: string) => text.replace(/\/\*[\s\S]*?\*\//g, '');
const isExternalUrl = (ref: string) => /^(?:[a-z][a-z0-9+.-]*:|\/\/)/i.test(ref);

/** Walks the mini program from app.json the way ignoreUploadUnusedFiles does and sizes what it reaches. */
export function analyseBudget(options: BudgetOptions): BudgetAnalysis {
  const projectRoot = path.resolve(options.projectRoot);
  const projectConfigFile = path.join(projectRoot, 'project.config.json');
  const configuredRoot = isFile(projectConfigFile)
    ? readJson<{ miniprogramRoot?: string }>(projectConfigFile).miniprogramRoot
    : undefined;
  const mpRoot = path.resolve(projectRoot, options.miniprogramRoot ?? configuredRoot ?? 'miniprogram');
  const nodeModules = path.resolve(options.nodeModules ?? path.join(projectRoot, 'node_modules'));

  const npmPackages = new Map<string, NpmPackage | null>();
  const rootDependencies = (() => {
    const file = path.join(projectRoot, 'package.json');
    return isFile(file) ? Object.keys(readJson<{ dependencies?: object }>(file).dependencies ?? {}) : [];
  })();
  const npmPackage = (name: string): NpmPackage | null => {
    if (npmPackages.has(name)) return npmPackages.get(name)!;
    let found: NpmPackage | null = null;
    const dir = path.join(nodeModules, name);
    if (rootDependencies.includes(name) && isFile(path.join(dir, 'package.json'))) {
      const pkg = readJson<{ miniprogram?: string; main?: string }>(path.join(dir, 'package.json'));
      const miniprogramDir = pkg.miniprogram ? path.join(dir, pkg.miniprogram) : null;
      let main = path.join(dir, pkg.main ?? 'index.js');
      if (!isFile(main) && isFile(`${main}.js`)) main = `${main}.js`;
      if (!isFile(main)) main = path.join(main, 'index.js');
      found = { dir, miniprogramDir, main };
    }
    npmPackages.set(name, found);
    return found;
  };

  /** Where the bytes of an upload path come from, or null when DevTools would not have such a file. */
  const locate = (uploadPath: string): string | null => {
    if (uploadPath.startsWith('miniprogram_npm/')) {
      const parts = uploadPath.split('/').slice(1);
      const nameLength = parts[0]?.startsWith('@') ? 2 : 1;
      const name = parts.slice(0, nameLength).join('/');
      const rest = parts.slice(nameLength).join('/');
      const pkg = npmPackage(name);
      if (!pkg || !rest) return null;
      if (pkg.miniprogramDir) {
        const file = path.join(pkg.miniprogramDir, rest);
        return isFile(file) ? file : null;
      }
      if (rest === 'index.js') return isFile(pkg.main) ? pkg.main : null;
      const file = path.join(pkg.dir, rest);
      return isFile(file) ? file : null;
    }
    if (uploadPath.endsWith('.js')) {
      const ts = path.join(mpRoot, `${uploadPath.slice(0, -3)}.ts`);
      if (isFile(ts)) return ts;
    }
    const file = path.join(mpRoot, uploadPath);
    return isFile(file) ? file : null;
  };

  const app = readJson<AppJson>(path.join(mpRoot, 'app.json'));
  const subPackages = (app.subPackages ?? app.subpackages ?? []).map((pkg) => ({
    name: pkg.name ?? pkg.root,
    root: pkg.root.replace(/^\/+|\/+$/g, ''),
    pages: pkg.pages ?? [],
  }));
  const packageOf = (uploadPath: string) =>
    subPackages.find((pkg) => uploadPath.startsWith(`${pkg.root}/`))?.name ?? MAIN_PACKAGE;
  const groupOf = (uploadPath: string): string => {
    const parts = uploadPath.split('/');
    if (parts[0] === 'miniprogram_npm') {
      const nameLength = parts[1]?.startsWith('@') ? 2 : 1;
      const name = parts.slice(1, 1 + nameLength).join('/');
      const rest = parts.slice(1 + nameLength);
      if (name !== 'tdesign-miniprogram') return `npm/${name}`;
      if (rest[0] === 'miniprogram_npm') return `tdesign-miniprogram/miniprogram_npm/${rest[1]}`;
      return rest.length > 1 ? `tdesign-miniprogram/${rest[0]}` : 'tdesign-miniprogram';
    }
    return subPackages.find((pkg) => uploadPath.startsWith(`${pkg.root}/`))?.root ?? OUR_CODE;
  };

  const files = new Map<string, UploadFile>();
  const warnings: string[] = [];
  const queue: string[] = [];
  /** The file whose references are being followed (null for app.json's own entries). */
  let current: string | null = null;

  /** Counts an upload path once and queues it for its own dependencies; false when it does not exist. */
  const add = (uploadPath: string): boolean => {
    const source = files.get(uploadPath)?.source ?? locate(uploadPath);
    if (!source) return false;
    // WeChat forbids the main package, or another subpackage, reaching into a subpackage.
    const target = packageOf(uploadPath);
    if (current !== null && target !== MAIN_PACKAGE && target !== packageOf(current)) {
      warnings.push(`${current} (${packageOf(current)}) uses ${uploadPath} from subpackage ${target}`);
    }
    if (files.has(uploadPath)) return true;
    files.set(uploadPath, {
      path: uploadPath,
      source,
      bytes: 0,
      package: packageOf(uploadPath),
      group: groupOf(uploadPath),
    });
    queue.push(uploadPath);
    return true;
  };

  /** Resolves a path written in a file: absolute from the mini program root, else relative to the file. */
  const fromFile = (uploadPath: string, ref: string) =>
    ref.startsWith('/') ? posix.normalize(ref.slice(1)) : posix.join(posix.dirname(uploadPath), ref);

  /** The miniprogram_npm folders a bare request may be found in, nearest first. */
  const npmCandidates = (uploadPath: string, request: string) => {
    const candidates: string[] = [];
    let dir = posix.dirname(uploadPath);
    for (;;) {
      candidates.push(posix.join(dir === '.' ? '' : dir, 'miniprogram_npm', request));
      if (dir === '.' || dir === '') break;
      dir = posix.dirname(dir);
    }
    return candidates;
  };

  const componentFiles = (base: string) => ['.json', '.js', '.wxml', '.wxss'].map((ext) => base + ext);
  const componentExists = (base: string) => locate(`${base}.json`) !== null && locate(`${base}.js`) !== null;

  /** A usingComponents / componentGenerics entry: relative, absolute, or an npm path. */
  const addComponent = (fromJson: string, ref: string) => {
    if (isExternalUrl(ref)) return; // plugin://, plugin-private://
    const bases =
      ref.startsWith('/') || ref.startsWith('.')
        ? [fromFile(fromJson, ref)]
        : [posix.join(posix.dirname(fromJson), ref), ...npmCandidates(fromJson, ref)];
    for (const base of bases.flatMap((candidate) => [candidate, posix.join(candidate, 'index')])) {
      if (componentExists(base)) {
        componentFiles(base).forEach(add);
        return;
      }
    }
    warnings.push(`${fromJson}: component "${ref}" not found`);
  };

  const addPage = (page: string) => {
    const base = page.replace(/^\/+/, '');
    const found = componentFiles(base).filter(add);
    if (!found.includes(`${base}.js`)) warnings.push(`page ${base}: no .ts/.js file`);
  };

  /** require()/import of a script: relative, absolute, or an npm package found in miniprogram_npm. */
  const addScript = (fromScript: string, request: string) => {
    const bases =
      request.startsWith('/') || request.startsWith('.')
        ? [fromFile(fromScript, request)]
        : [...npmCandidates(fromScript, request), posix.join(posix.dirname(fromScript), request)];
    for (const base of bases) {
      for (const candidate of [base, `${base}.js`, posix.join(base, 'index.js')]) {
        if (locate(candidate) && add(candidate)) return;
      }
    }
    warnings.push(`${fromScript}: cannot resolve "${request}"`);
  };

  /** A file referenced by path (wxml import/include/wxs, wxss @import, images). */
  const addReferenced = (fromPath: string, ref: string, defaultExt?: string) => {
    const clean = ref.trim().split(/[?#]/)[0]!;
    if (!clean || isExternalUrl(clean) || clean.includes('{{')) return;
    const target = fromFile(fromPath, clean);
    if (add(target)) return;
    if (defaultExt && !posix.extname(target) && add(target + defaultExt)) return;
    warnings.push(`${fromPath}: "${ref}" not found`);
  };

  // The app itself: app.json, its script and style, pages, subpackage pages, global components.
  add('app.json');
  add('app.js');
  add('app.wxss');
  if (app.sitemapLocation) addReferenced('app.json', `/${app.sitemapLocation.replace(/^\/+/, '')}`);
  if (app.themeLocation) addReferenced('app.json', `/${app.themeLocation.replace(/^\/+/, '')}`);
  for (const item of app.tabBar?.list ?? []) {
    for (const icon of [item.iconPath, item.selectedIconPath]) if (icon) addReferenced('app.json', `/${icon}`);
  }
  for (const ref of Object.values(app.usingComponents ?? {})) addComponent('app.json', ref);
  for (const page of app.pages ?? []) addPage(page);
  for (const pkg of subPackages) for (const page of pkg.pages) addPage(posix.join(pkg.root, page));

  for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
    current = next;
    const file = files.get(next)!;
    const ext = posix.extname(next);
    if (ext === '.js') {
      const source = fs.readFileSync(file.source, 'utf8');
      let requires: string;
      if (file.source.endsWith('.ts')) {
        // As DevTools' TypeScript plugin would emit it, minified: type-only imports disappear.
        const out = transformSync(source, { loader: 'ts', format: 'cjs', minify: true, sourcefile: file.source });
        file.bytes = Buffer.byteLength(out.code);
        requires = out.code;
      } else {
        file.bytes = fs.statSync(file.source).size;
        requires = transformSync(source, { loader: 'js', format: 'cjs', sourcefile: file.source }).code;
      }
      for (const match of requires.matchAll(/\brequire\(\s*(["'`])([^"'`]+)\1\s*\)/g)) addScript(next, match[2]!);
      continue;
    }
    file.bytes = fs.statSync(file.source).size;
    if (ext === '.json' && next !== 'app.json') {
      let json: ComponentJson;
      try {
        json = readJson<ComponentJson>(file.source);
      } catch (error) {
        warnings.push(`${next}: not valid JSON (${(error as Error).message})`);
        continue;
      }
      for (const ref of Object.values(json.usingComponents ?? {})) addComponent(next, ref);
      for (const generic of Object.values(json.componentGenerics ?? {})) {
        if (typeof generic === 'object' && generic.default) addComponent(next, generic.default);
      }
    } else if (ext === '.wxml') {
      const text = fs.readFileSync(file.source, 'utf8').replace(/<!--[\s\S]*?-->/g, '');
      for (const tag of text.matchAll(/<(import|include|wxs)\b[^>]*?\bsrc\s*=\s*(["'])(.*?)\2/g)) {
        addReferenced(next, tag[3]!, tag[1] === 'wxs' ? '.wxs' : '.wxml');
      }
      // Inline <wxs module="m">…</wxs> may require .wxs files too.
      for (const inline of text.matchAll(/<wxs\b[^>]*>([\s\S]*?)<\/wxs>/g)) {
        for (const match of inline[1]!.matchAll(/\brequire\(\s*(["'])([^"']+)\1\s*\)/g)) addReferenced(next, match[2]!);
      }
      // Static images: src="/images/x.png" (never src="{{…}}" or a URL, which addReferenced skips).
      for (const tag of text.matchAll(/<(?:image|cover-image)\b[^>]*?\bsrc\s*=\s*(["'])(.*?)\1/g)) {
        addReferenced(next, tag[2]!);
      }
    } else if (ext === '.wxss') {
      const text = stripBlockComments(fs.readFileSync(file.source, 'utf8'));
      for (const rule of text.matchAll(/@import\s+(?:url\(\s*)?(["']?)([^"')\s;]+)\1\s*\)?\s*;/g)) {
        addReferenced(next, rule[2]!, '.wxss');
      }
      for (const url of text.matchAll(/url\(\s*(["']?)([^"')]+)\1\s*\)/g)) {
        if (!/\.wxss$/.test(url[2]!) && !url[2]!.startsWith('data:')) addReferenced(next, url[2]!);
      }
    } else if (ext === '.wxs') {
      const text = stripBlockComments(fs.readFileSync(file.source, 'utf8'));
      for (const match of text.matchAll(/\brequire\(\s*(["'])([^"']+)\1\s*\)/g)) addReferenced(next, match[2]!);
    }
  }

  const packages: PackageFigures[] = [
    { name: MAIN_PACKAGE, root: '', bytes: 0, files: [] },
    ...subPackages.map((pkg) => ({ name: pkg.name, root: pkg.root, bytes: 0, files: [] as UploadFile[] })),
  ];
  for (const file of [...files.values()].sort((a, b) => a.path.localeCompare(b.path))) {
    const pkg = packages.find((candidate) => candidate.name === file.package)!;
    pkg.files.push(file);
    pkg.bytes += file.bytes;
  }
  return {
    packages,
    totalBytes: packages.reduce((sum, pkg) => sum + pkg.bytes, 0),
    fileCount: files.size,
    files,
    warnings,
  };
}

/** A package's files grouped (OUR_CODE, each TDesign component dir, each npm package), biggest first. */
export function contributors(pkg: PackageFigures): GroupFigures[] {
  const groups = new Map<string, GroupFigures>();
  for (const file of pkg.files) {
    const group = groups.get(file.group) ?? { group: file.group, bytes: 0, files: 0 };
    group.bytes += file.bytes;
    group.files += 1;
    groups.set(file.group, group);
  }
  return [...groups.values()].sort((a, b) => b.bytes - a.bytes || a.group.localeCompare(b.group));
}

const kb = (bytes: number) => `${(bytes / KB).toFixed(1)} KB`;
const bytesText = (bytes: number) => `${bytes.toLocaleString('en-US')} bytes`;
const limitText = (bytes: number) => (bytes % MB === 0 ? `${bytes / MB} MB` : kb(bytes));
const packageLabel = (pkg: PackageFigures) => (pkg.root ? `${pkg.name} (${pkg.root})` : 'main package');
const limitOf = (pkg: PackageFigures, limits: BudgetLimits) => (pkg.root ? limits.subPackage : limits.mainPackage);

/** One message per broken limit; empty when the app fits. */
export function checkBudget(analysis: BudgetAnalysis, limits: BudgetLimits = WECHAT_LIMITS): string[] {
  const failures: string[] = [];
  for (const pkg of analysis.packages) {
    const limit = limitOf(pkg, limits);
    if (pkg.bytes > limit) {
      failures.push(
        `The ${packageLabel(pkg)} is ${bytesText(pkg.bytes)} (${kb(pkg.bytes)}), over its limit of ` +
          `${bytesText(limit)} (${limitText(limit)}) by ${bytesText(pkg.bytes - limit)}.`,
      );
    }
  }
  if (analysis.totalBytes > limits.total) {
    failures.push(
      `The whole app is ${bytesText(analysis.totalBytes)} (${kb(analysis.totalBytes)}), over its limit of ` +
        `${bytesText(limits.total)} (${limitText(limits.total)}) by ${bytesText(analysis.totalBytes - limits.total)}.`,
    );
  }
  return failures;
}

/** The printed table: packages, the main package's biggest contributors, the whole app, the verdict. */
export function formatBudgetReport(
  analysis: BudgetAnalysis,
  limits: BudgetLimits = WECHAT_LIMITS,
  topContributors = 8,
): string {
  const lines: string[] = [];
  const row = (cells: string[], widths: number[]) =>
    cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ');
  const widths = [32, 11, 6, 7, 22];
  const headroom = (bytes: number, limit: number) =>
    `${kb(limit - bytes)} (${(((limit - bytes) / limit) * 100).toFixed(1)}%)`;

  lines.push('Mini program size budget: an ESTIMATE of what WeChat DevTools uploads');
  lines.push('(files reachable from app.json, as with ignoreUploadUnusedFiles; our TypeScript compiled and');
  lines.push("minified by esbuild, TDesign's files as shipped; DevTools' own minification may differ a little)");
  lines.push('');
  lines.push(row(['package', 'size', 'files', 'limit', 'headroom'], widths));
  for (const pkg of analysis.packages) {
    const limit = limitOf(pkg, limits);
    lines.push(
      row(
        [packageLabel(pkg), kb(pkg.bytes), String(pkg.files.length), limitText(limit), headroom(pkg.bytes, limit)],
        widths,
      ),
    );
  }
  lines.push(
    row(
      [
        'whole app',
        kb(analysis.totalBytes),
        String(analysis.fileCount),
        limitText(limits.total),
        headroom(analysis.totalBytes, limits.total),
      ],
      widths,
    ),
  );

  const main = analysis.packages.find((pkg) => pkg.name === MAIN_PACKAGE)!;
  const groups = contributors(main);
  lines.push('');
  lines.push(`Biggest contributors to the main package (${kb(main.bytes)}):`);
  for (const group of groups.slice(0, topContributors)) {
    lines.push(row([`  ${group.group}`, kb(group.bytes), String(group.files)], [46, 11, 6]));
  }
  const rest = groups.slice(topContributors);
  if (rest.length > 0) {
    const bytes = rest.reduce((sum, group) => sum + group.bytes, 0);
    const count = rest.reduce((sum, group) => sum + group.files, 0);
    lines.push(row([`  ${rest.length} more groups`, kb(bytes), String(count)], [46, 11, 6]));
  }

  if (analysis.warnings.length > 0) {
    lines.push('');
    lines.push(`Warnings (${analysis.warnings.length}):`);
    for (const warning of analysis.warnings) lines.push(`  ${warning}`);
  }

  lines.push('');
  const failures = checkBudget(analysis, limits);
  if (failures.length > 0) {
    for (const failure of failures) lines.push(`FAIL: ${failure}`);
  } else {
    const near = analysis.packages.filter((pkg) => pkg.bytes > limitOf(pkg, limits) * 0.9);
    for (const pkg of near) lines.push(`Note: the ${packageLabel(pkg)} uses over 90% of its limit.`);
    lines.push('OK: every package and the whole app are within WeChat’s limits.');
  }
  return lines.join('\n');
}

// ---------------------------------------------------------------------------------------------
// Cloud function bundles (issue 15): each function's index.js, as `npm run build` writes it, is
// what a cold start reads. The xlsx library is carried by the `spreadsheets` function alone, and
// no function carries full zod: the schemas are written with `zod/mini` (26–30 KB of a bundle
// where full zod was about 460 KB).
// ---------------------------------------------------------------------------------------------

/** Every function but the spreadsheets one stays within 1 MB. */
export const FUNCTION_BUNDLE_LIMIT = 1 * MB;
/** The function that reads and makes xlsx files: it carries exceljs, so it has a limit of its own. */
export const SPREADSHEETS_FUNCTION = 'spreadsheets';
export const SPREADSHEETS_BUNDLE_LIMIT = 3 * MB;
/** A string only the xlsx library puts in a bundle (the workbook part's path). */
const XLSX_MARKER = 'xl/workbook.xml';
/**
 * A string only full zod's classic API puts in a bundle: the `isNullable()` method every classic
 * schema has (zod/mini and zod's core have no such name). Any classic schema brings it in.
 */
export const FULL_ZOD_MARKER = 'isNullable';

export interface FunctionBundle {
  name: string;
  bytes: number;
  carriesXlsx: boolean;
  carriesFullZod: boolean;
}

/** The built bundle of each function under cloudfunctions/ that has a src/index.ts. */
export function analyseFunctionBundles(projectRoot: string): FunctionBundle[] {
  const dir = path.join(projectRoot, 'cloudfunctions');
  return fs
    .readdirSync(dir)
    .filter((name) => fs.existsSync(path.join(dir, name, 'src/index.ts')))
    .sort()
    .map((name) => {
      const file = path.join(dir, name, 'index.js');
      if (!fs.existsSync(file)) throw new Error(`cloudfunctions/${name}/index.js is missing: run npm run build first`);
      const text = fs.readFileSync(file, 'utf8');
      return {
        name,
        bytes: Buffer.byteLength(text),
        carriesXlsx: text.includes(XLSX_MARKER),
        carriesFullZod: text.includes(FULL_ZOD_MARKER),
      };
    });
}

export function checkFunctionBundles(bundles: FunctionBundle[]): string[] {
  return bundles.flatMap((bundle) => {
    const spreadsheets = bundle.name === SPREADSHEETS_FUNCTION;
    const limit = spreadsheets ? SPREADSHEETS_BUNDLE_LIMIT : FUNCTION_BUNDLE_LIMIT;
    const failures: string[] = [];
    if (bundle.bytes > limit) {
      failures.push(`The ${bundle.name} function bundle is ${kb(bundle.bytes)}, over its limit of ${kb(limit)}.`);
    }
    if (!spreadsheets && bundle.carriesXlsx) {
      failures.push(`The ${bundle.name} function bundle carries the xlsx library: only ${SPREADSHEETS_FUNCTION} may.`);
    }
    if (bundle.carriesFullZod) {
      failures.push(`The ${bundle.name} function bundle carries full zod: import schemas from zod/mini.`);
    }
    return failures;
  });
}

export function formatFunctionBundles(bundles: FunctionBundle[]): string {
  const lines = ['Cloud function bundles (cloudfunctions/<name>/index.js):'];
  for (const bundle of bundles) {
    const limit = bundle.name === SPREADSHEETS_FUNCTION ? SPREADSHEETS_BUNDLE_LIMIT : FUNCTION_BUNDLE_LIMIT;
    lines.push(
      `  ${bundle.name.padEnd(14)} ${kb(bundle.bytes).padStart(10)}  of ${kb(limit)}${bundle.carriesXlsx ? '  (xlsx)' : ''}${bundle.carriesFullZod ? '  (full zod)' : ''}`,
    );
  }
  return lines.join('\n');
}
