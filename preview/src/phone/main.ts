/**
 * The phone: the document inside the frame's iframe, 375 px wide, where the mini program runs.
 *
 * Load order (server/preview/html.ts): this script defines `window.__jjPreview` and the boundary
 * `wx`; miniprogram-simulate's browser build then merges its stub `wx` under ours; tdesign.js and
 * app.js fill the file map and the module table; `boot()` runs app.ts and opens the first page (the
 * route in the URL's hash, or the first page of app.json).
 */
import { FRAME_HOOKS, PHONE_CONTROL, type FrameHooks, type PhoneControl, type PhoneState } from '../shared/protocol';
import { registerBuiltins } from './builtins';
import { define, hasModule, requireModule, runComponent } from './modules';
import { showErrorBanner } from './native-ui';
import { reportPageError, Router, type AppInfo, type PageInstance } from './router';
import { bridgeMouseToTouch } from './touch';
import { buildWx, installWx, pendingCalls } from './wx';

type FileMap = Record<string, unknown>;

interface Registry extends PhoneControl {
  files: FileMap;
  app: AppInfo | null;
  define: typeof define;
  runComponent: typeof runComponent;
  buildError(message: string): void;
  boot(): void;
  router: Router | null;
  metrics: { firstRenderMs: number | null; firstSettledMs: number | null };
}

const globals = window as unknown as Record<string, unknown>;
const files: FileMap = {};
globals.__FILE_MAP__ = files;

const frame = (): FrameHooks | null => {
  try {
    return window.parent !== window
      ? ((window.parent as unknown as Record<string, FrameHooks | undefined>)[FRAME_HOOKS] ?? null)
      : null;
  } catch {
    return null;
  }
};

let appInstance: Record<string, unknown> = { globalData: {} };
const buildErrors: string[] = [];

function phoneChanged(state: PhoneState): void {
  history.replaceState(null, '', `#/${state.url}`);
  document.title = state.title || state.route;
  frame()?.phoneChanged(state);
}

function initialUrl(app: AppInfo): string {
  const hash = decodeURI(window.location.hash.replace(/^#\/?/, ''));
  return hash || app.json.pages[0] || '';
}

async function waitForSettled(): Promise<void> {
  while (registry.pendingCalls() > 0) await new Promise((resolve) => setTimeout(resolve, 10));
}

function boot(this: void): void {
  performance.mark('preview:boot');
  const app = registry.app;
  if (buildErrors.length > 0 || !app) {
    if (!app && buildErrors.length === 0) showErrorBanner('预览没有加载到小程序', '/preview/app.js 没有定义 app');
    return;
  }
  const wx = globals.wx as Record<string, unknown>;
  const router = new Router(app, (path) => files[path], phoneChanged);
  registry.router = router;
  installWx(wx, buildWx(router));
  globals.getApp = () => appInstance;
  globals.getCurrentPages = (): PageInstance[] => router.pages();
  globals.App = (options: Record<string, unknown>) => {
    appInstance = { globalData: {}, ...options };
  };
  registerBuiltins();
  bridgeMouseToTouch();

  try {
    if (app.module && hasModule(app.module)) requireModule(app.module);
    const launch = { path: initialUrl(app).split('?')[0], query: {}, scene: 1001, referrerInfo: {} };
    const onLaunch = appInstance.onLaunch as ((options: unknown) => void) | undefined;
    onLaunch?.call(appInstance, launch);
    const onShow = appInstance.onShow as ((options: unknown) => void) | undefined;
    onShow?.call(appInstance, launch);
  } catch (error) {
    reportPageError('app.ts 出错', error);
  }

  router.reLaunch(initialUrl(app)).then(
    async () => {
      registry.metrics.firstRenderMs = Math.round(performance.now());
      await waitForSettled();
      registry.metrics.firstSettledMs = Math.round(performance.now());
      console.info(
        `[预览] 首屏渲染 ${registry.metrics.firstRenderMs} ms，数据加载完成 ${registry.metrics.firstSettledMs} ms（自页面开始加载）`,
      );
    },
    (error: unknown) => reportPageError(`打开 ${initialUrl(app)} 失败`, (error as { errMsg?: string }).errMsg ?? error),
  );
}

const registry: Registry = {
  files,
  app: null,
  define,
  runComponent,
  router: null,
  metrics: { firstRenderMs: null, firstSettledMs: null },
  buildError(message: string) {
    buildErrors.push(message);
    console.error(`[预览] 编译失败\n${message}`);
    const show = () => showErrorBanner('编译失败', message);
    if (document.body) show();
    else document.addEventListener('DOMContentLoaded', show);
  },
  boot,
  async reLaunch(url: string) {
    await registry.router?.reLaunch(url);
  },
  async navigateBack() {
    try {
      registry.router?.navigateBack(1);
    } catch {
      // The first page: WeChat's back arrow is not there either.
    }
  },
  pullDownRefresh() {
    registry.router?.pullDownRefresh();
  },
  state: () => registry.router?.state() ?? null,
  pendingCalls: () => pendingCalls() + (registry.router?.opening ?? 0),
  firstRenderMs: () => registry.metrics.firstRenderMs,
};

globals[PHONE_CONTROL] = registry;
// simulate's build merges its stub `wx` under this one when it loads (Object.assign(api, wx)).
globals.wx = {};
// simulate's build carries less.js, which otherwise logs that it found no <link rel="stylesheet/less">.
globals.less = { logLevel: 1 };

window.addEventListener('error', (event) => {
  if (event.error) reportPageError('脚本错误', event.error);
});
window.addEventListener('unhandledrejection', (event) => {
  reportPageError('未处理的 Promise 拒绝', event.reason);
});
