/** The preview's own browser code (preview/src, TypeScript) bundled by esbuild, one script per entry. */
import { build } from 'esbuild';
import path from 'node:path';

export const BROWSER_ENTRIES = {
  'frame.js': 'frame/main.ts',
  'phone.js': 'phone/main.ts',
} as const;

export type BrowserEntry = keyof typeof BROWSER_ENTRIES;

export async function bundleBrowserCode(sourceDir: string, entry: BrowserEntry): Promise<string> {
  const result = await build({
    entryPoints: [path.join(sourceDir, BROWSER_ENTRIES[entry])],
    bundle: true,
    write: false,
    format: 'iife',
    target: 'es2020',
    platform: 'browser',
    sourcemap: 'inline',
    logLevel: 'silent',
  });
  const output = result.outputFiles[0];
  if (!output) throw new Error(`preview: esbuild produced nothing for ${entry}`);
  return output.text;
}
