/**
 * The page stack, as WeChat keeps it: navigateTo pushes (at most 10 pages), navigateBack pops,
 * redirectTo replaces the top, reLaunch starts over, switchTab goes to a tabBar page. A page built
 * with Component() gets its query as properties, then `onLoad(query)`, `onShow()`, `onReady()`;
 * a page it covers gets `onHide()`, a page it leaves gets `onUnload()`.
 *
 * Each page is loaded once through simulate (its components registered, its styles inserted) and
 * rendered once per visit. Every page root gets its own tag name, so the class prefixes simulate
 * puts on a page's styles never collide with another page's.
 */
import type { PhoneState } from '../shared/protocol';
import { WxFail } from './api';
import { simulate, type ComponentInstance, type RootComponent } from './simulate';
import { showErrorBanner } from './native-ui';

export interface WindowConfig {
  navigationBarTitleText?: string;
  navigationBarBackgroundColor?: string;
  navigationBarTextStyle?: 'black' | 'white';
  navigationStyle?: 'default' | 'custom';
  enablePullDownRefresh?: boolean;
  onReachBottomDistance?: number;
  backgroundColor?: string;
}

export interface AppInfo {
  json: { pages: string[]; window?: WindowConfig; tabBar?: { list?: Array<{ pagePath: string }> } };
  module: string | null;
  routes: string[];
}

/** A page as getCurrentPages() returns it: the component instance plus route and options. */
export type PageInstance = ComponentInstance & {
  route: string;
  __route__: string;
  options: Record<string, string>;
  getOpenerEventChannel(): EventChannel;
};

interface PageRecord {
  route: string;
  query: Record<string, string>;
  root: RootComponent;
  host: HTMLElement;
  instance: PageInstance;
  config: WindowConfig;
  title: string;
  barColor: { backgroundColor: string; textStyle: 'black' | 'white' };
  barLoading: boolean;
  scrollTop: number;
  reachedBottom: boolean;
}

const MAX_STACK = 10;

type Listener = (...args: unknown[]) => void;

/** navigateTo's `events` and a page's getOpenerEventChannel(). */
export class EventChannel {
  private readonly listeners = new Map<string, Array<{ listener: Listener; once: boolean }>>();

  on(name: string, listener: Listener): void {
    this.listeners.set(name, [...(this.listeners.get(name) ?? []), { listener, once: false }]);
  }

  once(name: string, listener: Listener): void {
    this.listeners.set(name, [...(this.listeners.get(name) ?? []), { listener, once: true }]);
  }

  off(name: string, listener?: Listener): void {
    this.listeners.set(
      name,
      listener ? (this.listeners.get(name) ?? []).filter((entry) => entry.listener !== listener) : [],
    );
  }

  emit(name: string, ...args: unknown[]): void {
    const entries = this.listeners.get(name) ?? [];
    this.listeners.set(
      name,
      entries.filter((entry) => !entry.once),
    );
    entries.forEach((entry) => entry.listener(...args));
  }
}

/** `pages/a/index?x=1` (absolute or relative to `from`) → route and raw query values, as WeChat passes them. */
export function parseUrl(url: string, from: string | null): { route: string; query: Record<string, string> } {
  const [pathPart = '', search = ''] = url.split('?', 2) as [string?, string?];
  let segments: string[];
  if (pathPart.startsWith('/')) segments = pathPart.slice(1).split('/');
  else {
    segments = from ? from.split('/').slice(0, -1) : [];
    segments.push(...pathPart.split('/'));
  }
  const resolved: string[] = [];
  for (const segment of segments) {
    if (segment === '..') resolved.pop();
    else if (segment !== '.' && segment !== '') resolved.push(segment);
  }
  const query: Record<string, string> = {};
  for (const pair of search.split('&')) {
    if (!pair) continue;
    const equals = pair.indexOf('=');
    if (equals < 0) query[pair] = '';
    else query[pair.slice(0, equals)] = pair.slice(equals + 1);
  }
  return { route: resolved.join('/'), query };
}

export function formatUrl(route: string, query: Record<string, string>): string {
  const search = Object.entries(query)
    .map(([key, value]) => `${key}=${value}`)
    .join('&');
  return search ? `${route}?${search}` : route;
}

function callHook(instance: ComponentInstance, name: string, ...args: unknown[]): unknown {
  const hook = instance[name];
  if (typeof hook !== 'function') return undefined;
  try {
    return (hook as (...values: unknown[]) => unknown).apply(instance, args);
  } catch (error) {
    reportPageError(`${name} 出错`, error);
    return undefined;
  }
}

export function reportPageError(title: string, error: unknown): void {
  console.error(`[预览] ${title}`, error);
  showErrorBanner(title, error instanceof Error ? (error.stack ?? error.message) : String(error));
}

const nextFrame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));

export class Router {
  private readonly stack: PageRecord[] = [];
  private readonly loaded = new Map<string, string>();
  private readonly container: HTMLElement;
  private readonly channels = new WeakMap<PageInstance, EventChannel>();
  private refreshTimer: number | null = null;

  constructor(
    private readonly app: AppInfo,
    private readonly readFile: (path: string) => unknown,
    private readonly changed: (state: PhoneState) => void,
  ) {
    this.container = document.createElement('div');
    this.container.id = 'pages';
    document.body.appendChild(this.container);
    window.addEventListener('scroll', () => this.onScroll(), { passive: true });
  }

  get homeRoute(): string {
    return this.app.json.pages[0] ?? '';
  }

  pages(): PageInstance[] {
    return this.stack.map((record) => record.instance);
  }

  private top(): PageRecord | undefined {
    return this.stack[this.stack.length - 1];
  }

  private config(route: string): WindowConfig {
    const raw = this.readFile(`/${route}.json`);
    const own = typeof raw === 'string' ? (JSON.parse(raw) as WindowConfig) : {};
    return { ...this.app.json.window, ...own };
  }

  private load(route: string): string {
    let id = this.loaded.get(route);
    if (!id) {
      const tagName = `${route.replace(/[^a-zA-Z0-9]+/g, '-')}`;
      performance.mark(`preview:load:${route}`);
      id = simulate().load(`/${route}`, tagName, { rootPath: '/' });
      performance.measure(`preview:load ${route}`, `preview:load:${route}`);
      this.loaded.set(route, id);
    }
    return id;
  }

  private check(api: string, route: string): void {
    if (!this.app.routes.includes(route)) throw new WxFail(api, `page "${route}" is not found`);
  }

  /** Pages being opened (loaded, rendered, until onReady): the tests wait for 0. */
  opening = 0;

  private async open(route: string, query: Record<string, string>, channel?: EventChannel): Promise<PageRecord> {
    this.opening += 1;
    try {
      return await this.openPage(route, query, channel);
    } finally {
      this.opening -= 1;
    }
  }

  private async openPage(route: string, query: Record<string, string>, channel?: EventChannel): Promise<PageRecord> {
    const root = simulate().render(this.load(route), { ...query });
    const host = document.createElement('page');
    host.dataset.route = route;
    this.container.appendChild(host);
    root.attach(host);
    const instance = root.instance as PageInstance;
    const config = this.config(route);
    instance.route = route;
    instance.__route__ = route;
    instance.options = { ...query };
    const pageChannel = channel ?? new EventChannel();
    this.channels.set(instance, pageChannel);
    instance.getOpenerEventChannel = () => pageChannel;
    const record: PageRecord = {
      route,
      query,
      root,
      host,
      instance,
      config,
      title: config.navigationBarTitleText ?? '',
      barColor: {
        backgroundColor: config.navigationBarBackgroundColor ?? '#000000',
        textStyle: config.navigationBarTextStyle ?? 'white',
      },
      barLoading: false,
      scrollTop: 0,
      reachedBottom: false,
    };
    this.stack.push(record);
    document.documentElement.style.background = config.backgroundColor ?? '#ffffff';
    window.scrollTo(0, 0);
    this.notify();
    callHook(instance, 'onLoad', { ...query });
    callHook(instance, 'onShow');
    root.triggerPageLifeTime('show');
    await nextFrame();
    callHook(instance, 'onReady');
    return record;
  }

  private hide(record: PageRecord): void {
    record.scrollTop = window.scrollY;
    callHook(record.instance, 'onHide');
    record.root.triggerPageLifeTime('hide');
    record.host.hidden = true;
  }

  private show(record: PageRecord): void {
    record.host.hidden = false;
    window.scrollTo(0, record.scrollTop);
    callHook(record.instance, 'onShow');
    record.root.triggerPageLifeTime('show');
    this.notify();
  }

  private unload(record: PageRecord): void {
    callHook(record.instance, 'onUnload');
    record.root.detach();
    record.host.remove();
    const index = this.stack.indexOf(record);
    if (index >= 0) this.stack.splice(index, 1);
  }

  async navigateTo(url: string, events?: Record<string, Listener>): Promise<{ eventChannel: EventChannel }> {
    const { route, query } = parseUrl(url, this.top()?.route ?? null);
    this.check('navigateTo', route);
    if (this.stack.length >= MAX_STACK) throw new WxFail('navigateTo', 'webview count limit exceed');
    const current = this.top();
    if (current) this.hide(current);
    const channel = new EventChannel();
    for (const [name, listener] of Object.entries(events ?? {})) channel.on(name, listener);
    await this.open(route, query, channel);
    return { eventChannel: channel };
  }

  async redirectTo(url: string): Promise<void> {
    const { route, query } = parseUrl(url, this.top()?.route ?? null);
    this.check('redirectTo', route);
    const current = this.top();
    if (current) this.unload(current);
    await this.open(route, query);
  }

  async reLaunch(url: string): Promise<void> {
    const { route, query } = parseUrl(url || this.homeRoute, this.top()?.route ?? null);
    this.check('reLaunch', route);
    while (this.stack.length > 0) this.unload(this.stack[this.stack.length - 1] as PageRecord);
    await this.open(route, query);
  }

  async switchTab(url: string): Promise<void> {
    const { route } = parseUrl(url, this.top()?.route ?? null);
    const tabs = (this.app.json.tabBar?.list ?? []).map((item) => item.pagePath);
    if (!tabs.includes(route)) throw new WxFail('switchTab', 'can not switch to no-tabBar page');
    while (this.stack.length > 0) this.unload(this.stack[this.stack.length - 1] as PageRecord);
    await this.open(route, {});
  }

  navigateBack(delta = 1): void {
    if (this.stack.length <= 1) throw new WxFail('navigateBack', 'cannot navigate back at first page.');
    const count = Math.min(Math.max(1, Math.floor(delta)), this.stack.length - 1);
    for (let index = 0; index < count; index += 1) this.unload(this.top() as PageRecord);
    this.show(this.top() as PageRecord);
  }

  setTitle(title: string): void {
    const current = this.top();
    if (!current) throw new WxFail('setNavigationBarTitle', 'no page');
    current.title = title;
    this.notify();
  }

  setBarColor(frontColor: string, backgroundColor: string): void {
    const current = this.top();
    if (!current) throw new WxFail('setNavigationBarColor', 'no page');
    current.barColor = { backgroundColor, textStyle: frontColor.toLowerCase() === '#ffffff' ? 'white' : 'black' };
    this.notify();
  }

  setBarLoading(loading: boolean): void {
    const current = this.top();
    if (current) current.barLoading = loading;
    this.notify();
  }

  pullDownRefresh(): void {
    const current = this.top();
    if (!current?.config.enablePullDownRefresh) return;
    document.body.classList.add('wx-refreshing');
    window.scrollTo(0, 0);
    if (this.refreshTimer !== null) window.clearTimeout(this.refreshTimer);
    this.refreshTimer = window.setTimeout(() => this.stopPullDownRefresh(), 10_000);
    callHook(current.instance, 'onPullDownRefresh');
  }

  stopPullDownRefresh(): void {
    document.body.classList.remove('wx-refreshing');
    if (this.refreshTimer !== null) window.clearTimeout(this.refreshTimer);
    this.refreshTimer = null;
  }

  state(): PhoneState | null {
    const current = this.top();
    if (!current) return null;
    return {
      url: formatUrl(current.route, current.query),
      route: current.route,
      title: current.title,
      depth: this.stack.length,
      navigationBar: {
        custom: current.config.navigationStyle === 'custom',
        backgroundColor: current.barColor.backgroundColor,
        textStyle: current.barColor.textStyle,
        loading: current.barLoading,
      },
      canPullDownRefresh: !!current.config.enablePullDownRefresh,
    };
  }

  private notify(): void {
    const state = this.state();
    if (state) this.changed(state);
  }

  private onScroll(): void {
    const current = this.top();
    if (!current || current.host.hidden) return;
    const scrollTop = window.scrollY;
    callHook(current.instance, 'onPageScroll', { scrollTop });
    const distance = current.config.onReachBottomDistance ?? 50;
    const atBottom = window.innerHeight + scrollTop >= document.documentElement.scrollHeight - distance;
    if (atBottom && !current.reachedBottom) callHook(current.instance, 'onReachBottom');
    current.reachedBottom = atBottom;
  }
}
