/**
 * `npm run screenshots`: every page of app.json, as each caller it is meant for, rendered by the
 * browser preview in Chromium into docs/screenshots/<page>--<caller>[--<variant>].png (the phone
 * alone, 375×812 points at 2×). A page of app.json without an entry below fails the run, so a new
 * page gets its pictures too.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { silentLogger } from '../api/context';
import { startLocalStack } from '../local/stack';
import { fixedClock } from '../ports/clock';
import { chromiumAvailable, CHROMIUM_PATH, launchChromium, PhonePage } from './driver';
import { pageRoutes, type AppJson } from './packages';
import { findPreviewPaths } from './paths';

interface Shot {
  caller: string;
  query?: Record<string, string>;
  /** Tells two pictures of one page as one caller apart. */
  variant?: string;
}

const WANGJIA = { societyId: 'soc-wangjia' };

/** Who each page is for (DESIGN.md, Actors). */
const SHOTS: Record<string, Shot[]> = {
  // Home routes by role: every demo caller sees their own entries.
  'pages/home/index': [
    'demo-applicant',
    'demo-resident',
    'demo-donor',
    'demo-member',
    'demo-secretary',
    'demo-president',
    'demo-supervisor',
    'demo-township',
    'demo-county',
    'demo-federation',
  ].map((caller) => ({ caller })),
  'pages/society/index': [
    { caller: 'demo-resident', query: WANGJIA },
    { caller: 'demo-resident', query: { societyId: 'soc-shiqiao' }, variant: 'preparing' },
    // What the notice-board code opens: an opaque scene token, no login.
    { caller: 'demo-applicant', query: { scene: 'Wj7qDemoBoard2026' }, variant: 'board-code' },
  ],
  'pages/apply/index': [{ caller: 'demo-applicant', query: WANGJIA }],
  'pages/my-cases/index': [{ caller: 'demo-applicant' }],
  'pages/case/index': [{ caller: 'demo-applicant', query: { caseId: 'demo-case-04' } }],
  'pages/notice/index': [{ caller: 'demo-resident', query: { noticeId: 'notice-demo-case-03' } }],
  'pages/objection/index': [{ caller: 'demo-resident', query: { noticeId: 'notice-demo-case-03' } }],
  'packages/officer/pages/workbench/index': [
    { caller: 'demo-secretary', query: WANGJIA },
    { caller: 'demo-president', query: WANGJIA },
  ],
  'packages/oversight/pages/overview/index': [
    { caller: 'demo-supervisor' },
    { caller: 'demo-township' },
    { caller: 'demo-county' },
    { caller: 'demo-federation' },
  ],
};

/** The demo "now" the tests use too (test/support/test-backend.ts): the same dates on every run. */
const DEMO_NOW = '2026-11-30T14:00:00+08:00';

function fileName(route: string, shot: Shot): string {
  const page = route.split('/').slice(-2, -1)[0] ?? route;
  return [page, shot.caller.replace(/^demo-/, ''), shot.variant].filter(Boolean).join('--') + '.png';
}

async function main(): Promise<void> {
  if (!chromiumAvailable()) {
    throw new Error(
      `no Chromium at ${CHROMIUM_PATH}: apt-get install -y chromium fonts-noto-cjk (or set CHROMIUM_PATH)`,
    );
  }
  const paths = findPreviewPaths();
  const app = JSON.parse(fs.readFileSync(path.join(paths.miniprogram, 'app.json'), 'utf8')) as AppJson;
  const missing = pageRoutes(app).filter((route) => !SHOTS[route]);
  if (missing.length > 0)
    throw new Error(`no screenshots listed for ${missing.join(', ')} (server/preview/screenshots.ts)`);

  const outDir = path.join(paths.root, 'docs', 'screenshots');
  fs.mkdirSync(outDir, { recursive: true });
  for (const old of fs.readdirSync(outDir).filter((file) => file.endsWith('.png'))) fs.rmSync(path.join(outDir, old));

  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jj-screenshots-'));
  const stack = await startLocalStack({ dataDir, port: 0, clock: fixedClock(DEMO_NOW), log: silentLogger });
  const browser = await launchChromium();
  const started = Date.now();
  let count = 0;
  try {
    for (const route of pageRoutes(app)) {
      for (const shot of SHOTS[route] ?? []) {
        const phone = await PhonePage.open(browser, stack.url, route, {
          caller: shot.caller,
          query: shot.query,
          deviceScaleFactor: 2,
        });
        const file = path.join(outDir, fileName(route, shot));
        await phone.screenshot(file);
        const { firstRenderMs } = await phone.metrics();
        console.log(`${path.relative(paths.root, file)}  (first render ${firstRenderMs} ms)`);
        if (phone.errors.length > 0)
          console.warn(`  errors on ${route} as ${shot.caller}:\n  ${phone.errors.join('\n  ')}`);
        if (phone.externalRequests.length > 0)
          throw new Error(`requests left the local stack: ${phone.externalRequests.join(', ')}`);
        await phone.close();
        count += 1;
      }
    }
  } finally {
    await browser.close();
    await stack.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  console.log(`${count} screenshots in ${path.relative(paths.root, outDir)}/ in ${Date.now() - started} ms`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
