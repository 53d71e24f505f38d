/**
 * End-to-end harness: the real local stack (seeded demo county, fixed "now") on a free loopback
 * port in a temp folder, and Debian's Chromium showing its browser preview. Feature tests use it as
 *
 *   const preview = await startPreview();
 *   const phone = await preview.open('pages/society/index', { caller: 'demo-resident', query: { societyId: 'soc-wangjia' } });
 *   await phone.tap('工作台'); await phone.fill('请输入金额', '500'); expect(await phone.text()).toContain('…');
 *   await phone.close(); await preview.close();
 *
 * Without /usr/bin/chromium (or CHROMIUM_PATH) the suites skip with a message; CI installs it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { silentLogger } from '../../../server/context';
import { startLocalStack, type LocalStack } from '../../../server/local/stack';
import { fixedClock } from '../../../server/ports/clock';
import {
  CHROMIUM_PATH,
  chromiumAvailable,
  launchChromium,
  PhonePage,
  type OpenOptions,
} from '../../../server/preview/driver';
import { DEMO_NOW } from '../../support/test-backend';

export { PhonePage };

export type Envelope<T> = { ok: true; data: T } | { ok: false; error: { code: string; message: string } };

export interface PreviewHarness {
  url: string;
  stack: LocalStack;
  browser: Browser;
  /** The stack's "now" (starts at DEMO_NOW); `clock.set(iso)` moves it, e.g. 7 days on. */
  clock: ReturnType<typeof fixedClock>;
  /** A cloud function called over HTTP as `openid`, for setting up and checking: answers the envelope. */
  call<T = unknown>(fn: string, event: Record<string, unknown>, openid: string | null): Promise<Envelope<T>>;
  /** Opens a page (`pages/home/index`) in a fresh browser context, as a demo caller. */
  open(route: string, options?: OpenOptions): Promise<PhonePage>;
  /** Puts the demo seed back (POST /dev/reset). */
  reset(): Promise<void>;
  close(): Promise<void>;
}

/** `seed: 'none'` starts the stack empty, as a new deployment (issue 12's first start). */
export async function startPreview(options: { seed?: 'demo' | 'none' } = {}): Promise<PreviewHarness> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jj-e2e-'));
  const clock = fixedClock(DEMO_NOW);
  const stack = await startLocalStack({ dataDir, port: 0, clock, log: silentLogger, seed: options.seed });
  let browser: Browser;
  try {
    browser = await launchChromium();
  } catch (error) {
    await stack.close();
    throw error;
  }
  const opened = new Set<PhonePage>();
  return {
    url: stack.url,
    stack,
    browser,
    clock,
    async call<T>(fn: string, event: Record<string, unknown>, openid: string | null) {
      const response = await fetch(`${stack.url}/functions/${fn}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(openid ? { 'x-openid': openid } : {}) },
        body: JSON.stringify(event),
      });
      return (await response.json()) as Envelope<T>;
    },
    async open(route, options) {
      const phone = await PhonePage.open(browser, stack.url, route, options);
      opened.add(phone);
      return phone;
    },
    reset: () => stack.reset(),
    async close() {
      await Promise.all([...opened].map((phone) => phone.close().catch(() => undefined)));
      await browser.close();
      await stack.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * `describe` when Chromium is there, otherwise `describe.skip` with one clear line in the output —
 * except where E2E_REQUIRED is set (CI, which installs Chromium): there a missing browser fails.
 */
export function describeInChromium(name: string, suite: () => void): void {
  if (chromiumAvailable() || process.env.E2E_REQUIRED) {
    describe(name, suite);
    return;
  }
  console.warn(
    `e2e: skipping "${name}": no Chromium at ${CHROMIUM_PATH} (apt-get install -y chromium fonts-noto-cjk, or set CHROMIUM_PATH)`,
  );
  describe.skip(name, suite);
}
