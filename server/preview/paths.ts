/** Where the preview finds the mini program, TDesign, miniprogram-simulate and its own browser code. */
import fs from 'node:fs';
import path from 'node:path';

export interface PreviewPaths {
  root: string;
  miniprogram: string;
  tdesignDist: string;
  /** What TDesign's own bare imports (tslib, dayjs…) resolve to, as in WeChat's miniprogram_npm. */
  tdesignNpm: string;
  simulateBuild: string;
  iconSet: string;
  /** The browser side of the preview (its own tsconfig): preview/src, preview/styles. */
  browserSource: string;
  browserStyles: string;
}

/** The virtual folder TDesign lives in inside the preview, as after DevTools' 构建 npm. */
export const TDESIGN_VIRTUAL_ROOT = '/miniprogram_npm/tdesign-miniprogram';
export const TDESIGN_PACKAGE = 'tdesign-miniprogram';

/** Walks up from this file (server/preview in tests, dist/local when bundled) to the repository. */
export function findPreviewPaths(start: string = __dirname): PreviewPaths {
  let dir = path.resolve(start);
  for (;;) {
    if (fs.existsSync(path.join(dir, 'miniprogram', 'app.json')) && fs.existsSync(path.join(dir, 'node_modules'))) {
      return pathsAt(dir);
    }
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`preview: no repository (miniprogram/app.json) above ${start}`);
    dir = parent;
  }
}

function pathsAt(root: string): PreviewPaths {
  const tdesignDist = path.join(root, 'node_modules', TDESIGN_PACKAGE, 'miniprogram_dist');
  return {
    root,
    miniprogram: path.join(root, 'miniprogram'),
    tdesignDist,
    tdesignNpm: path.join(tdesignDist, 'miniprogram_npm'),
    simulateBuild: path.join(root, 'node_modules', 'miniprogram-simulate', 'build.js'),
    iconSet: path.join(root, 'node_modules', '@iconify-json', 'tdesign', 'icons.json'),
    browserSource: path.join(root, 'preview', 'src'),
    browserStyles: path.join(root, 'preview', 'styles'),
  };
}

/** Every file under `dir` (relative, forward slashes), skipping what DevTools or npm put there. */
export function listFiles(dir: string, skip: readonly string[] = ['miniprogram_npm', 'node_modules']): string[] {
  const found: string[] = [];
  const walk = (relative: string) => {
    for (const entry of fs.readdirSync(path.join(dir, relative), { withFileTypes: true })) {
      if (entry.name.startsWith('.') || skip.includes(entry.name)) continue;
      const child = relative ? `${relative}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(child);
      else if (entry.isFile()) found.push(child);
    }
  };
  walk('');
  return found.sort();
}

/** Changes whenever a file under `dir` is added, removed or written: the key of the compile caches. */
export function folderSignature(dir: string, skip?: readonly string[]): string {
  return listFiles(dir, skip)
    .map((file) => {
      const stat = fs.statSync(path.join(dir, file));
      return `${file}:${stat.size}:${stat.mtimeMs}`;
    })
    .join('|');
}
