// `npm run screenshots`: bundles server/preview/screenshots.ts (the local stack, the preview and
// playwright-core) with esbuild and runs it: one PNG per page and caller in docs/screenshots/.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outfile = path.join(root, 'dist/tools/screenshots.js');

await build({
  entryPoints: [path.join(root, 'server/preview/screenshots.ts')],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  logLevel: 'warning',
  legalComments: 'none',
  external: ['better-sqlite3', 'wx-server-sdk', 'esbuild', 'miniprogram-compiler', 'playwright-core'],
});
execFileSync(process.execPath, [outfile], { stdio: 'inherit' });
