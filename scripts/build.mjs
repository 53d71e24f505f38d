// Builds what runs outside the mini program, with esbuild:
//  - each cloudfunctions/<name>/src/index.ts → cloudfunctions/<name>/index.js (shared code bundled,
//    wx-server-sdk external), so each folder deploys as it is from DevTools or the CloudBase CLI;
//  - the local stack → dist/local/server.js; the deploy tool → dist/tools/deploy.js;
//  - the generated files: docs/api.md and database/indexes.json.
// `--docs-only` regenerates the generated files alone.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const docsOnly = process.argv.includes('--docs-only');
const started = Date.now();

const common = { bundle: true, platform: 'node', format: 'cjs', logLevel: 'warning', legalComments: 'none' };

await build({
  ...common,
  entryPoints: [path.join(root, 'server/tools/generate.ts')],
  outfile: path.join(root, 'dist/tools/generate.js'),
  target: 'node20',
  // The API contract (server/tools/contract.ts) asks the TypeScript checker, loaded from node_modules.
  external: ['typescript'],
});
execFileSync(process.execPath, [path.join(root, 'dist/tools/generate.js'), root], { stdio: 'inherit' });

if (!docsOnly) {
  const functionsDir = path.join(root, 'cloudfunctions');
  const names = fs
    .readdirSync(functionsDir)
    .filter((name) => fs.existsSync(path.join(functionsDir, name, 'src/index.ts')));
  await Promise.all(
    names.map((name) =>
      build({
        ...common,
        entryPoints: [path.join(functionsDir, name, 'src/index.ts')],
        outfile: path.join(functionsDir, name, 'index.js'),
        // CloudBase's Node.js 16.13 runtime; the SDK is installed in the cloud from the function's package.json.
        target: 'node16',
        // Minified (names kept for stack traces): the holiday calendar is most of a bundle (schemas use zod/mini),
        // and a function's code package is read on every cold start (issue 15: ≤ 1 MB each).
        minify: true,
        keepNames: true,
        external: ['wx-server-sdk'],
        // The embedded store must never reach a cloud function.
        alias: { 'better-sqlite3': path.join(root, 'scripts/not-in-the-cloud.cjs') },
      }),
    ),
  );
  await build({
    ...common,
    entryPoints: [path.join(root, 'server/local/main.ts')],
    outfile: path.join(root, 'dist/local/server.js'),
    target: 'node20',
    // The preview compiles on request with esbuild and the official WXML compiler (a native binary).
    external: ['better-sqlite3', 'wx-server-sdk', 'esbuild', 'miniprogram-compiler'],
  });
  await build({
    ...common,
    entryPoints: [path.join(root, 'server/tools/deploy-main.ts')],
    outfile: path.join(root, 'dist/tools/deploy.js'),
    target: 'node20',
    // `npm run deploy`: CloudBase's management library is loaded from node_modules.
    external: ['@cloudbase/manager-node'],
  });
  console.log(
    `built ${names.length} cloud function(s) [${names.join(', ')}] and the local stack in ${Date.now() - started} ms`,
  );
}
