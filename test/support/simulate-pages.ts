/**
 * Loading and opening our pages in miniprogram-simulate, with the real TDesign components.
 *
 * simulate skips `tdesign-miniprogram/...` entries of usingComponents (they only resolve after
 * DevTools builds miniprogram_npm), so each TDesign component a page (or one of our jj- components)
 * declares is loaded from node_modules/tdesign-miniprogram/miniprogram_dist and handed over by id.
 * Jest ignores simulate's require-cache trick, so every path is loaded once per test file: both
 * maps below are per file (jest gives each file its own module registry).
 */
import * as fs from 'fs';
import * as path from 'path';
import simulate from 'miniprogram-simulate';
import type { RootComponent } from 'j-component';
import { pushPage } from './simulate-setup';
import { OWN_WXML_GLOBALS } from '../../server/preview/wxml-globals';

// Each compiled WXML root gets its own expression tables (see server/preview/wxml-globals.ts).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const wxmlCompiler = require('miniprogram-compiler') as {
  wxmlToJs(rootPath: string, options?: unknown): string;
};
const compileRoot = wxmlCompiler.wxmlToJs.bind(wxmlCompiler);
wxmlCompiler.wxmlToJs = (rootPath, options) => `${OWN_WXML_GLOBALS}${compileRoot(rootPath, options)}`;

export const MINIPROGRAM_ROOT = path.resolve(__dirname, '../../miniprogram');
const TDESIGN_DIST = path.resolve(__dirname, '../../node_modules/tdesign-miniprogram/miniprogram_dist');
const TDESIGN_PREFIX = 'tdesign-miniprogram/';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type PageComponent = RootComponent<any, any, any>;

const tdesignIds = new Map<string, string>();
const ownComponentIds = new Map<string, string>();
const pageIds = new Map<string, string>();

function readUsingComponents(componentPath: string): Record<string, string> {
  const json = JSON.parse(fs.readFileSync(`${componentPath}.json`, 'utf8')) as {
    usingComponents?: Record<string, string>;
  };
  return json.usingComponents ?? {};
}

/** Every TDesign component (tag → package path) used by a component and the jj- components it nests. */
function tdesignUsedBy(componentPath: string, found = new Map<string, string>()): Map<string, string> {
  for (const [tag, target] of Object.entries(readUsingComponents(componentPath))) {
    if (target.startsWith(TDESIGN_PREFIX)) found.set(tag, target.slice(TDESIGN_PREFIX.length));
    else {
      const nested = target.startsWith('/')
        ? path.join(MINIPROGRAM_ROOT, target)
        : path.join(path.dirname(componentPath), target);
      tdesignUsedBy(nested, found);
    }
  }
  return found;
}

function registerTDesign(tag: string, packagePath: string): string {
  let id = tdesignIds.get(packagePath);
  if (!id) {
    id = simulate.load(path.join(TDESIGN_DIST, packagePath), tag, { rootPath: TDESIGN_DIST });
    tdesignIds.set(packagePath, id);
  }
  return id;
}

function ownComponentPath(from: string, target: string): string {
  return target.startsWith('/') ? path.join(MINIPROGRAM_ROOT, target) : path.join(path.dirname(from), target);
}

/**
 * The ids of the components `componentPath` declares: TDesign's and our own jj- ones. Ours are
 * registered once per file too: simulate would load a shared one (jj-screen-state is on every page)
 * again for each page, and the second load never registers under jest.
 */
function componentIdsFor(componentPath: string): Record<string, string> {
  const ids: Record<string, string> = {};
  for (const [tag, packagePath] of tdesignUsedBy(componentPath)) ids[tag] = registerTDesign(tag, packagePath);
  for (const [tag, target] of Object.entries(readUsingComponents(componentPath))) {
    if (target.startsWith(TDESIGN_PREFIX)) continue;
    const ownPath = ownComponentPath(componentPath, target);
    let id = ownComponentIds.get(ownPath);
    if (!id) {
      id = simulate.load(ownPath, tag, { rootPath: MINIPROGRAM_ROOT, usingComponents: componentIdsFor(ownPath) });
      ownComponentIds.set(ownPath, id);
    }
    ids[tag] = id;
  }
  return ids;
}

/** Loads a page (path under miniprogram/, e.g. 'pages/society/index') once per test file. */
export function loadPage(pagePath: string): string {
  const cached = pageIds.get(pagePath);
  if (cached) return cached;
  const componentPath = path.join(MINIPROGRAM_ROOT, pagePath);
  const id = simulate.load(componentPath, {
    rootPath: MINIPROGRAM_ROOT,
    usingComponents: componentIdsFor(componentPath),
  });
  pageIds.set(pagePath, id);
  return id;
}

/**
 * Opens a page the way WeChat does for a page built with Component(): query parameters become
 * properties, the page attaches, then `onLoad(query)` runs. Resolves once `ready(page)` holds.
 */
export async function openPage(
  pagePath: string,
  query: Record<string, string> = {},
  ready: (page: PageComponent) => boolean = (page) => page.data.state !== 'loading',
): Promise<PageComponent> {
  const page = simulate.render(loadPage(pagePath), query) as PageComponent;
  page.attach(document.createElement('parent-wrapper'));
  pushPage(page.instance as unknown as WechatMiniprogram.Component.TrivialInstance);
  const instance = page.instance as unknown as { onLoad?: (query: Record<string, string>) => void };
  instance.onLoad?.(query);
  await waitFor(() => ready(page));
  return page;
}

/** Polls (one macrotask at a time) until `condition` holds; fails the test after `timeoutMs`. */
export async function waitFor(condition: () => boolean, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`waitFor: condition not met within ${timeoutMs} ms`);
    await simulate.sleep(5);
  }
  await simulate.sleep(0);
}

/** The page's visible text, whitespace collapsed. */
export function textOf(page: PageComponent): string {
  return (page.dom?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/** Texts of the rendered elements matching a (rewritten) class selector, e.g. '.t-tag--t-tag__text'. */
export function textsOf(page: PageComponent, selector: string): string[] {
  return Array.from(page.dom?.querySelectorAll(selector) ?? []).map((element) =>
    (element.textContent ?? '').replace(/\s+/g, ' ').trim(),
  );
}

/** The first rendered element matching `selector` whose text contains `text`. */
export function findByText(page: PageComponent, selector: string, text: string): Element {
  const found = Array.from(page.dom?.querySelectorAll(selector) ?? []).find((element) =>
    (element.textContent ?? '').includes(text),
  );
  if (!found) throw new Error(`no ${selector} containing "${text}" in: ${textOf(page)}`);
  return found;
}

/**
 * Taps a rendered element as a finger would: j-component turns touchstart + touchend into `tap`.
 * Works on the inner nodes of TDesign components, which have no host node (virtualHost).
 */
export async function tap(element: Element): Promise<void> {
  const touch = () => new Touch({ identifier: 1, target: element, clientX: 0, clientY: 0, pageX: 0, pageY: 0 });
  const init = (touches: Touch[]) => ({ bubbles: true, cancelable: true, touches, changedTouches: [touch()] });
  element.dispatchEvent(new TouchEvent('touchstart', init([touch()])));
  element.dispatchEvent(new TouchEvent('touchend', init([])));
  await simulate.sleep(0);
}

/** For tests that provoke failures: the services log them with console.error; keep the output clean. */
export function silenceConsoleError(): jest.SpyInstance {
  const spy = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  afterEachOnce(() => spy.mockRestore());
  return spy;
}

const pendingCleanups: Array<() => void> = [];
afterEach(() => pendingCleanups.splice(0).forEach((cleanup) => cleanup()));

function afterEachOnce(cleanup: () => void): void {
  pendingCleanups.push(cleanup);
}
