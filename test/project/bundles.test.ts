/**
 * Issue 15, bundles: every cloud function's bundle stays within 1 MB, only the `spreadsheets`
 * function carries the xlsx library (it had been in six bundles of 3.6 MB each), and none carries
 * full zod (the schemas use zod/mini; full zod was about 460 KB of each bundle). Reads the bundles
 * `npm run build` wrote (npm test builds first); `npm run budget` prints the figures.
 */
import path from 'node:path';
import { buildSync } from 'esbuild';
import {
  analyseFunctionBundles,
  checkFunctionBundles,
  FULL_ZOD_MARKER,
  FUNCTION_BUNDLE_LIMIT,
  SPREADSHEETS_FUNCTION,
} from '../../server/tools/budget';
import { FUNCTIONS } from '../../server/functions';

const root = path.resolve(__dirname, '../..');

/** A one-schema program bundled as scripts/build.mjs bundles a function (minified, names kept). */
function bundleOf(source: string): string {
  const result = buildSync({
    stdin: { contents: source, resolveDir: root, loader: 'ts' },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node16',
    minify: true,
    keepNames: true,
    write: false,
    logLevel: 'silent',
  });
  return result.outputFiles[0]!.text;
}

describe('cloud function bundles (issue 15)', () => {
  it('has a built bundle for every function, each within its limit, xlsx only in spreadsheets, no full zod', () => {
    const bundles = analyseFunctionBundles(root);
    expect(bundles.map((bundle) => bundle.name).sort()).toEqual(Object.keys(FUNCTIONS).sort());
    expect(checkFunctionBundles(bundles)).toEqual([]);
    expect(bundles.filter((bundle) => bundle.carriesXlsx).map((bundle) => bundle.name)).toEqual([
      SPREADSHEETS_FUNCTION,
    ]);
    expect(bundles.filter((bundle) => bundle.carriesFullZod).map((bundle) => bundle.name)).toEqual([]);
  });

  it('refuses a bundle over 1 MB, the xlsx library outside the spreadsheets function, and full zod', () => {
    expect(
      checkFunctionBundles([
        { name: 'approvals', bytes: FUNCTION_BUNDLE_LIMIT + 1, carriesXlsx: false, carriesFullZod: false },
        { name: 'funds', bytes: 1000, carriesXlsx: true, carriesFullZod: false },
        { name: SPREADSHEETS_FUNCTION, bytes: FUNCTION_BUNDLE_LIMIT * 2, carriesXlsx: true, carriesFullZod: false },
        { name: 'notices', bytes: 1000, carriesXlsx: false, carriesFullZod: true },
      ]),
    ).toEqual([
      'The approvals function bundle is 1024.0 KB, over its limit of 1024.0 KB.',
      'The funds function bundle carries the xlsx library: only spreadsheets may.',
      'The notices function bundle carries full zod: import schemas from zod/mini.',
    ]);
  });

  it('tells full zod from zod/mini in a minified bundle by its marker', () => {
    const full = bundleOf("import { z } from 'zod'; export const id = z.string().regex(/^a$/);");
    const mini = bundleOf("import * as z from 'zod/mini'; export const id = z.string().check(z.regex(/^a$/));");
    expect(full).toContain(FULL_ZOD_MARKER);
    expect(mini).not.toContain(FULL_ZOD_MARKER);
    // The difference the issue is about: full zod's classic API is hundreds of KB more.
    expect(full.length - mini.length).toBeGreaterThan(200 * 1024);
  });
});
