/**
 * The mini program's TypeScript and TDesign's JavaScript as CommonJS modules for the browser.
 *
 * esbuild finds the module graph (a bundle pass whose output is thrown away, for its metafile), then
 * transforms each file on its own. Every module keeps its identity (its path from the repository
 * root), so a module shared by several pages runs once, as in WeChat; only a component's entry runs
 * again each time simulate registers the component (see preview/src/phone/modules.ts).
 */
import { build, transform, type Loader, type Plugin } from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { TDESIGN_PACKAGE } from './paths';

export interface CompiledModule {
  /** Path from the repository root, forward slashes: `miniprogram/pages/home/index.ts`. */
  id: string;
  /** Each specifier the code requires → the id it resolves to. */
  deps: Record<string, string>;
  code: string;
}

export interface GraphOptions {
  root: string;
  tdesignDist: string;
  tdesignNpm: string;
  entryFiles: string[];
}

const LOADERS: Record<string, Loader> = { '.ts': 'ts', '.js': 'js', '.mjs': 'js', '.cjs': 'js', '.json': 'json' };

/**
 * Resolves bare imports the way WeChat's miniprogram_npm does: `tdesign-miniprogram/x` from our
 * code → TDesign's miniprogram_dist/x; a bare import inside TDesign → its own miniprogram_npm.
 */
function miniprogramNpm(options: GraphOptions): Plugin {
  const firstExisting = (candidates: string[]) => candidates.find((file) => fs.existsSync(file));
  return {
    name: 'miniprogram-npm',
    setup(builder) {
      builder.onResolve({ filter: /^[^./]/ }, (args) => {
        if (args.path.startsWith(`${TDESIGN_PACKAGE}/`)) {
          const base = path.join(options.tdesignDist, args.path.slice(TDESIGN_PACKAGE.length + 1));
          const file = firstExisting([base, `${base}.js`, path.join(base, 'index.js')]);
          return file ? { path: file } : undefined;
        }
        if (args.importer.startsWith(options.tdesignDist)) {
          const base = path.join(options.tdesignNpm, args.path);
          const file = firstExisting([`${base}.js`, path.join(base, 'index.js')]);
          return file ? { path: file } : undefined;
        }
        return undefined;
      });
    },
  };
}

function moduleId(root: string, file: string): string {
  return path.relative(root, path.resolve(root, file)).split(path.sep).join('/');
}

export async function compileModuleGraph(options: GraphOptions): Promise<CompiledModule[]> {
  if (options.entryFiles.length === 0) return [];
  const result = await build({
    absWorkingDir: options.root,
    entryPoints: options.entryFiles,
    bundle: true,
    write: false,
    metafile: true,
    format: 'esm',
    platform: 'neutral',
    mainFields: ['module', 'main'],
    outdir: path.join(options.root, 'dist', 'preview-graph'),
    logLevel: 'silent',
    plugins: [miniprogramNpm(options)],
  });
  const inputs = Object.entries(result.metafile.inputs);
  return Promise.all(
    inputs.map(async ([input, meta]) => {
      const file = path.resolve(options.root, input);
      const loader = LOADERS[path.extname(file)] ?? 'js';
      const output = await transform(fs.readFileSync(file, 'utf8'), {
        loader,
        format: 'cjs',
        target: 'es2020',
        sourcefile: input,
      });
      const deps: Record<string, string> = {};
      for (const dependency of meta.imports) {
        if (dependency.original && !dependency.external)
          deps[dependency.original] = moduleId(options.root, dependency.path);
      }
      return { id: moduleId(options.root, input), deps, code: output.code };
    }),
  );
}

/** `define(id, deps, factory)` calls for the browser's module table. */
export function moduleDefinitions(modules: readonly CompiledModule[], registry: string): string {
  return modules
    .map(
      (module) =>
        `${registry}.define(${JSON.stringify(module.id)}, ${JSON.stringify(module.deps)}, function (module, exports, require) {\n${module.code}\n});`,
    )
    .join('\n');
}
