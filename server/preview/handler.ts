/**
 * The browser preview of the mini program, served by the local stack at `/`.
 *
 *   GET  /                       the frame: phone, page path, caller switcher, reset, notice
 *   GET  /preview/phone.html     the phone (an iframe of the frame): simulate + TDesign + our pages
 *   GET  /preview/{frame,phone}.js, {frame,phone}.css   the preview's own browser code and styles
 *   GET  /preview/simulate.js    miniprogram-simulate's browser build, rpx scaled for 375 px
 *   GET  /preview/tdesign.js     TDesign's components (templates, styles, modules)
 *   GET  /preview/app.js         our miniprogram/, recompiled when a file in it changed
 *   GET  /preview/icons.css      TDesign's icons from its SVG set, no CDN
 *   GET  /preview/mp/<file>      an image of miniprogram/ (what `<image src="/…">` shows)
 *   POST /preview/upload?path=   a file chosen in the preview → the Files port (wx.uploadFile)
 *
 * Everything is compiled on request and cached until the files it came from change, so a page
 * edited in miniprogram/ shows the change on the next reload of the browser.
 */
import fs from 'node:fs';
import path from 'node:path';
import type http from 'node:http';
import type { Ports } from '../context';
import { receiveUpload } from '../local/upload';
import { bundleBrowserCode, type BrowserEntry } from './browser-code';
import { frameHtml, phoneHtml } from './html';
import { buildIconStylesheet } from './icons';
import { buildAppPackage, buildTdesignPackage, REGISTRY, type BuiltPackage } from './packages';
import { findPreviewPaths, folderSignature, type PreviewPaths } from './paths';
import { readPatchedSimulate } from './simulate';

const IMAGE_TYPES: Record<string, string> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.svg': 'image/svg+xml',
  '.webp': 'image/webp',
};

type Body = string | Buffer;

interface Reply {
  status: number;
  type: string;
  body: Body;
  /** Long-cached: the URL carries the package versions. */
  immutable?: boolean;
}

/** Keeps a build until the signature of its sources changes; concurrent requests share one build. */
class Cached<T> {
  private signature: string | null = null;
  private value: Promise<T> | null = null;

  get(signature: string, make: () => Promise<T>): Promise<T> {
    if (this.value === null || this.signature !== signature) {
      this.signature = signature;
      this.value = make();
      this.value.catch(() => {
        // A failed build is retried on the next request.
        if (this.signature === signature) this.value = null;
      });
    }
    return this.value;
  }
}

function packageVersion(root: string, name: string): string {
  const file = path.join(root, 'node_modules', name, 'package.json');
  return (JSON.parse(fs.readFileSync(file, 'utf8')) as { version: string }).version;
}

export class Preview {
  readonly paths: PreviewPaths;
  readonly version: string;
  private readonly tdesign = new Cached<BuiltPackage>();
  private readonly app = new Cached<BuiltPackage>();
  private readonly browser = new Map<BrowserEntry, Cached<string>>();
  private readonly statics = new Cached<{ simulate: string; icons: string }>();

  constructor(paths: PreviewPaths = findPreviewPaths()) {
    this.paths = paths;
    this.version = ['tdesign-miniprogram', 'miniprogram-simulate', '@iconify-json/tdesign']
      .map((name) => packageVersion(paths.root, name))
      .join('-');
  }

  tdesignPackage(): Promise<BuiltPackage> {
    return this.tdesign.get(this.version, () => buildTdesignPackage(this.paths));
  }

  async appPackage(): Promise<BuiltPackage> {
    const tdesign = await this.tdesignPackage();
    return this.app.get(folderSignature(this.paths.miniprogram), () => buildAppPackage(this.paths, tdesign.moduleIds));
  }

  browserCode(entry: BrowserEntry): Promise<string> {
    let cached = this.browser.get(entry);
    if (!cached) {
      cached = new Cached<string>();
      this.browser.set(entry, cached);
    }
    // The preview's browser code imports a few pure modules of the mini program (config, callers).
    const signature = folderSignature(this.paths.browserSource) + folderSignature(this.paths.miniprogram);
    return cached.get(signature, () => bundleBrowserCode(this.paths.browserSource, entry));
  }

  private staticScripts() {
    return this.statics.get(this.version, async () => ({
      simulate: readPatchedSimulate(this.paths.simulateBuild),
      icons: buildIconStylesheet(this.paths.iconSet).css,
    }));
  }

  /** Answers a GET of the preview, or null when the path is not the preview's. */
  async get(pathname: string): Promise<Reply | null> {
    const js = 'text/javascript; charset=utf-8';
    switch (pathname) {
      case '/':
      case '/index.html':
        void this.tdesignPackage().catch(() => undefined); // warm up while the frame loads
        return { status: 200, type: 'text/html; charset=utf-8', body: frameHtml() };
      case '/preview/phone.html':
        return { status: 200, type: 'text/html; charset=utf-8', body: phoneHtml(this.version) };
      case '/preview/frame.js':
      case '/preview/phone.js':
        return this.script(() => this.browserCode(pathname.slice('/preview/'.length) as BrowserEntry));
      case '/preview/frame.css':
      case '/preview/phone.css': {
        const file = path.join(this.paths.browserStyles, pathname.slice('/preview/'.length));
        return { status: 200, type: 'text/css; charset=utf-8', body: fs.readFileSync(file) };
      }
      case '/preview/simulate.js':
        return { status: 200, type: js, body: (await this.staticScripts()).simulate, immutable: true };
      case '/preview/icons.css':
        return {
          status: 200,
          type: 'text/css; charset=utf-8',
          body: (await this.staticScripts()).icons,
          immutable: true,
        };
      case '/preview/tdesign.js':
        return this.script(async () => (await this.tdesignPackage()).script, true);
      case '/preview/app.js':
        return this.script(async () => (await this.appPackage()).script);
      default:
        return pathname.startsWith('/preview/mp/')
          ? this.miniprogramImage(pathname.slice('/preview/mp/'.length))
          : null;
    }
  }

  /** A build error reaches the phone's screen instead of a blank page. */
  private async script(make: () => Promise<string>, immutable = false): Promise<Reply> {
    try {
      return { status: 200, type: 'text/javascript; charset=utf-8', body: await make(), immutable };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const body = `${REGISTRY} ? ${REGISTRY}.buildError(${JSON.stringify(message)}) : console.error(${JSON.stringify(message)});`;
      return { status: 200, type: 'text/javascript; charset=utf-8', body };
    }
  }

  private miniprogramImage(relative: string): Reply {
    const file = path.resolve(this.paths.miniprogram, decodeURIComponent(relative));
    const type = IMAGE_TYPES[path.extname(file).toLowerCase()];
    if (!type || !file.startsWith(this.paths.miniprogram + path.sep) || !fs.existsSync(file)) {
      return { status: 404, type: 'text/plain; charset=utf-8', body: 'not found' };
    }
    return { status: 200, type, body: fs.readFileSync(file) };
  }

  /** wx.uploadFile / wx.cloud.uploadFile of the preview: the file into the Files port. */
  async upload(request: http.IncomingMessage, query: URLSearchParams, ports: Ports): Promise<Reply> {
    const reply = await receiveUpload(request, query, ports);
    return { status: reply.status, type: 'application/json; charset=utf-8', body: JSON.stringify(reply.body) };
  }
}

let shared: Preview | null = null;

/**
 * The local stack's one hook: answers the request if it is the preview's and returns true;
 * otherwise returns false and leaves the response alone.
 */
export async function handlePreview(
  request: http.IncomingMessage,
  response: http.ServerResponse,
  ports: Ports,
): Promise<boolean> {
  const url = new URL(request.url ?? '/', 'http://127.0.0.1');
  const isUpload = request.method === 'POST' && url.pathname === '/preview/upload';
  if (!isUpload && request.method !== 'GET' && request.method !== 'HEAD') return false;
  if (!isUpload && url.pathname !== '/' && url.pathname !== '/index.html' && !url.pathname.startsWith('/preview/')) {
    return false;
  }
  shared ??= new Preview();
  const reply = isUpload ? await shared.upload(request, url.searchParams, ports) : await shared.get(url.pathname);
  if (!reply) return false;
  response.writeHead(reply.status, {
    'content-type': reply.type,
    'cache-control': reply.immutable && url.searchParams.has('v') ? 'public, max-age=31536000, immutable' : 'no-store',
  });
  response.end(request.method === 'HEAD' ? undefined : reply.body);
  return true;
}
