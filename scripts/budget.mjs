// `npm run budget`: prints an estimate of what WeChat DevTools would upload, per package, then each
// cloud function's bundle (run `npm run build` first). It exits with 1 when a package is over 2 MB,
// the whole app over 20 MB, a function over 1 MB, one other than `spreadsheets` carries the xlsx
// library, or one carries full zod (schemas use zod/mini). The analysis is server/tools/budget.ts (also tested by test/project/budget.test.ts), bundled here with esbuild
// into dist/tools/budget.js. `--json` prints the figures as JSON instead of the table.
import { build } from 'esbuild';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outfile = path.join(root, 'dist/tools/budget.js');

await build({
  entryPoints: [path.join(root, 'server/tools/budget.ts')],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['esbuild'],
  logLevel: 'warning',
  legalComments: 'none',
});
const {
  analyseBudget,
  analyseFunctionBundles,
  checkBudget,
  checkFunctionBundles,
  contributors,
  formatBudgetReport,
  formatFunctionBundles,
  PROJECT_LIMITS,
} = createRequire(import.meta.url)(outfile);

const analysis = analyseBudget({ projectRoot: root });
const bundles = analyseFunctionBundles(root);
const failures = [...checkBudget(analysis, PROJECT_LIMITS), ...checkFunctionBundles(bundles)];

if (process.argv.includes('--json')) {
  const figures = {
    estimate: true,
    limits: PROJECT_LIMITS,
    packages: analysis.packages.map((pkg) => ({
      name: pkg.name,
      root: pkg.root,
      bytes: pkg.bytes,
      files: pkg.files.length,
      contributors: contributors(pkg),
    })),
    totalBytes: analysis.totalBytes,
    fileCount: analysis.fileCount,
    functionBundles: bundles,
    warnings: analysis.warnings,
    failures,
  };
  console.log(JSON.stringify(figures, null, 2));
} else {
  console.log(formatBudgetReport(analysis, PROJECT_LIMITS));
  console.log('');
  console.log(formatFunctionBundles(bundles));
}

if (failures.length > 0) {
  console.error(`\nSize budget broken (${failures.length} limit${failures.length === 1 ? '' : 's'}):`);
  for (const failure of failures) console.error(`  ${failure}`);
  process.exitCode = 1;
}
