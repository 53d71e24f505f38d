// `npm run bench:fund-report [sizes…]`: bundles bench/fund-report.ts with esbuild and runs it
// (default sizes 100 and 100000). Prints the fund report's cost at each size; asserts nothing.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outfile = path.join(root, 'dist/bench/fund-report.js');
await build({
  entryPoints: [path.join(root, 'bench/fund-report.ts')],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  logLevel: 'warning',
  external: ['better-sqlite3', 'exceljs'],
});
execFileSync(process.execPath, [outfile, ...process.argv.slice(2)], { stdio: 'inherit' });
