/**
 * Driving the preview in Debian's Chromium with playwright-core, for the end-to-end tests
 * (test/e2e) and `npm run screenshots`: open a page as a demo caller, tap, fill, read, wait until
 * the page has its data, switch the caller, reset the demo data, take a picture of the phone.
 *
 * Never `npx playwright install`: there is no internet here. CI installs `chromium` and
 * `fonts-noto-cjk` from Debian (.ci/run); CHROMIUM_PATH points elsewhere if needed.
 */
import fs from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Frame, type Page } from 'playwright-core';
import type { PhoneState } from '../../preview/src/shared/protocol';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export function chromiumAvailable(): boolean {
  return fs.existsSync(CHROMIUM_PATH);
}

/** Headless, with a fresh temporary profile (user-data-dir) for every launch. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
}

export interface OpenOptions {
  /** A demo caller's openid (demo-resident…); the phone's stored caller otherwise (demo-resident). */
  caller?: string;
  /** Query parameters, passed to the page as WeChat passes them (not decoded). */
  query?: Record<string, string>;
  /** 2 for sharp screenshots. */
  deviceScaleFactor?: number;
  /** How long to wait for the page to have its data. */
  timeoutMs?: number;
}

/** The phone's window as the page functions below see it (they run in the browser; no DOM types here). */
interface PhoneWindow {
  requestAnimationFrame(callback: () => void): number;
  __jjPreview?: {
    state(): PhoneState | null;
    pendingCalls(): number;
    metrics: { firstRenderMs: number | null; firstSettledMs: number | null };
  };
}

const collapse = (text: string) => text.replace(/\s+/g, ' ').trim();

/** One browser tab on the preview: the frame (`page`) and the phone inside it (`phone`). */
export class PhonePage {
  /** Script errors and console.error lines of the frame and the phone, for tests to assert on. */
  readonly errors: string[] = [];
  /** Every request that left the local stack (there should be none: icons included). */
  readonly externalRequests: string[] = [];

  private constructor(
    readonly context: BrowserContext,
    readonly page: Page,
    private readonly baseUrl: string,
    private readonly timeoutMs: number,
  ) {
    page.on('pageerror', (error) => this.errors.push(`pageerror: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') this.errors.push(`console.error: ${message.text()}`);
    });
    page.on('request', (request) => {
      const url = request.url();
      if (!url.startsWith(baseUrl) && !url.startsWith('data:') && !url.startsWith('blob:'))
        this.externalRequests.push(url);
    });
  }

  static async open(browser: Browser, baseUrl: string, route: string, options: OpenOptions = {}): Promise<PhonePage> {
    const context = await browser.newContext({
      viewport: { width: 900, height: 900 },
      deviceScaleFactor: options.deviceScaleFactor ?? 1,
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
    });
    const page = await context.newPage();
    const phonePage = new PhonePage(context, page, baseUrl, options.timeoutMs ?? 10_000);
    const search = options.caller ? `?caller=${encodeURIComponent(options.caller)}` : '';
    const query = Object.entries(options.query ?? {})
      .map(([key, value]) => `${key}=${value}`)
      .join('&');
    await page.goto(`${baseUrl}/${search}#/${route.replace(/^\//, '')}${query ? `?${query}` : ''}`);
    await phonePage.settled();
    return phonePage;
  }

  /** The phone's document (the iframe the mini program runs in). */
  get phone(): Frame {
    const frame = this.page.frame({ name: 'phone' });
    if (!frame) throw new Error('preview: the phone iframe is not there');
    return frame;
  }

  /** Waits until a page is on screen, no cloud call or navigation is pending, and a frame was painted. */
  async settled(): Promise<void> {
    const deadline = Date.now() + this.timeoutMs;
    for (;;) {
      const remaining = Math.max(1, deadline - Date.now());
      await this.phone.waitForFunction(
        () => {
          const preview = (globalThis as unknown as PhoneWindow).__jjPreview;
          return (
            !!preview &&
            preview.state() !== null &&
            preview.pendingCalls() === 0 &&
            preview.metrics.firstRenderMs !== null
          );
        },
        undefined,
        { timeout: remaining, polling: 20 },
      );
      // Let setData land and paint; a render may start another call.
      const quiet = await this.phone.evaluate(
        () =>
          new Promise<boolean>((resolve) =>
            (globalThis as unknown as PhoneWindow).requestAnimationFrame(() =>
              setTimeout(() => resolve((globalThis as unknown as PhoneWindow).__jjPreview?.pendingCalls() === 0), 30),
            ),
          ),
      );
      if (quiet) return;
      if (Date.now() > deadline) throw new Error('preview: the page did not settle');
    }
  }

  /** The phone's visible text, whitespace collapsed. */
  async text(): Promise<string> {
    return collapse(await this.phone.locator('#pages').innerText());
  }

  async waitForText(text: string): Promise<void> {
    // The page on top only: pages further down the stack are hidden but still in the document.
    await this.phone
      .locator('page:not([hidden])')
      .getByText(text)
      .first()
      .waitFor({ state: 'visible', timeout: this.timeoutMs });
  }

  /** Taps (mouse click → touch → `tap`) the first visible element with this text, then waits for the page. */
  async tap(text: string, options: { exact?: boolean } = {}): Promise<void> {
    await (await this.tapTarget(text, options.exact ?? true)).click({ timeout: this.timeoutMs });
    await this.settled();
  }

  /**
   * The element a finger on `text` lands on. A t-button's label lies under the button's own
   * hairline-border layer (::after), so the button is what gets the touch, as in WeChat.
   */
  private async tapTarget(text: string, exact: boolean) {
    const label = this.phone.locator('page:not([hidden])').getByText(text, { exact }).first();
    await label.waitFor({ state: 'visible', timeout: this.timeoutMs });
    const inButton = await label.evaluate((element) => element.closest('wx-button') !== null);
    return inButton ? label.locator('xpath=ancestor::wx-button[1]') : label;
  }

  /**
   * Taps what opens wx.chooseMedia / chooseImage (the preview's file input) and picks `files` in
   * the browser's file chooser, then waits for the page (and its upload) to settle.
   */
  async tapAndChoose(text: string, files: { name: string; mimeType: string; buffer: Buffer }[]): Promise<void> {
    const chooser = this.page.waitForEvent('filechooser', { timeout: this.timeoutMs });
    await (await this.tapTarget(text, true)).click({ timeout: this.timeoutMs });
    await (await chooser).setFiles(files);
    await this.settled();
  }

  async tapSelector(selector: string): Promise<void> {
    await this.phone.locator(`page:not([hidden]) ${selector}`).first().click({ timeout: this.timeoutMs });
    await this.settled();
  }

  /** Types into an input or textarea found by its placeholder (or a CSS selector). */
  async fill(placeholderOrSelector: string, value: string): Promise<void> {
    const byPlaceholder = this.phone
      .locator('page:not([hidden])')
      .getByPlaceholder(placeholderOrSelector, { exact: true });
    const target =
      (await byPlaceholder.count()) > 0
        ? byPlaceholder
        : this.phone.locator(`page:not([hidden]) ${placeholderOrSelector}`);
    await target.first().fill(value, { timeout: this.timeoutMs });
    await this.settled();
  }

  async state(): Promise<PhoneState> {
    const state = await this.phone.evaluate(() => (globalThis as unknown as PhoneWindow).__jjPreview?.state() ?? null);
    if (!state) throw new Error('preview: no page on the phone');
    return state;
  }

  /** The top page and its query, e.g. `pages/society/index?societyId=soc-wangjia`. */
  async url(): Promise<string> {
    return (await this.state()).url;
  }

  /** What the navigation bar shows. */
  async title(): Promise<string> {
    return collapse(await this.page.locator('.nav-bar__title-text').innerText());
  }

  /** The page path the frame shows beside the phone. */
  async framePath(): Promise<string> {
    return collapse(await this.page.locator('#page-path').innerText());
  }

  /** Picks another demo caller in the frame's switcher; the page on top opens again as them. */
  async switchCaller(openid: string): Promise<void> {
    await this.page.locator('#caller').selectOption(openid);
    await this.page.locator('#panel-status').getByText('已切换为').waitFor({ timeout: this.timeoutMs });
    await this.settled();
  }

  async resetDemoData(): Promise<void> {
    await this.page.locator('#reset-demo').click();
    await this.page.locator('#panel-status').getByText('演示数据已重置').waitFor({ timeout: this.timeoutMs });
    await this.settled();
  }

  /** The 消息 panel beside the phone: each message's line and its template, time and status. */
  async messages(): Promise<Array<{ title: string; meta: string }>> {
    return this.page.locator('#messages .panel__message').evaluateAll((items) =>
      items.map((item) => ({
        title: (item.querySelector('.panel__message-title')?.textContent ?? '').trim(),
        meta: (item.querySelector('.panel__message-meta')?.textContent ?? '').trim(),
      })),
    );
  }

  /** Waits until the 消息 panel (it looks every 2 s) shows a message containing `text`. */
  async waitForMessage(text: string): Promise<void> {
    await this.page.locator('#messages .panel__message-title').getByText(text, { exact: false }).first().waitFor({
      timeout: this.timeoutMs,
    });
  }

  /** The navigation bar's back arrow. */
  async back(): Promise<void> {
    await this.page.locator('.nav-bar__back').click();
    await this.settled();
  }

  async metrics(): Promise<{ firstRenderMs: number | null; firstSettledMs: number | null }> {
    return this.phone.evaluate(
      () =>
        (globalThis as unknown as PhoneWindow).__jjPreview?.metrics ?? { firstRenderMs: null, firstSettledMs: null },
    );
  }

  /** The phone alone (375×812 points): status bar, navigation bar, page. */
  async screenshot(file: string): Promise<void> {
    // The phone's own box (the frame centres it, maybe on a half pixel), not the rounded-out one.
    const box = await this.page.locator('#phone').boundingBox();
    if (!box) throw new Error('preview: the phone is not on screen');
    await this.page.screenshot({ path: file, clip: box, animations: 'disabled' });
  }

  async close(): Promise<void> {
    await this.context.close();
  }

  /** The base address of the local stack this page talks to. */
  get stackUrl(): string {
    return this.baseUrl;
  }
}
