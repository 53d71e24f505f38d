/**
 * `npm run screenshots`: every page of app.json, as each caller it is meant for, rendered by the
 * browser preview in Chromium into docs/screenshots/<page>--<caller>[--<variant>].png (the phone
 * alone, 375×812 points at 2×). A page of app.json without an entry below fails the run, so a new
 * page gets its pictures too.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { silentLogger } from '../context';
import { startLocalStack } from '../local/stack';
import { fixedClock } from '../ports/clock';
import { chromiumAvailable, CHROMIUM_PATH, launchChromium, PhonePage } from './driver';
import { pageRoutes, type AppJson } from './packages';
import { findPreviewPaths } from './paths';
import { shortHash } from '../cases/pii';
import { makeIdNumber } from '../../miniprogram/domain/id-number';
import { CONSENT_TEXT_VERSION } from '../../miniprogram/domain/relief';
import { READING_SIZE_KEY } from '../../miniprogram/domain/reading-size';

export interface Shot {
  caller: string;
  query?: Record<string, string>;
  /** Tells two pictures of one page as one caller apart. */
  variant?: string;
  /** In 大字模式 (issue 11): the phone's stored choice, as the switch on home sets it. */
  elderly?: boolean;
  /** Cloud calls made on the stack first, for state the seed does not hold (e.g. a sent monthly report). */
  before?: Array<{ fn: string; event: Record<string, unknown>; caller: string }>;
}

const WANGJIA = { societyId: 'soc-wangjia' };

/**
 * A case of 王建国's (the president's) own household, proposed by the secretary: nobody in the
 * society may decide it, so it goes to 青石镇 (server/cases/decider.ts). Made on the stack first.
 */
const RECUSED_REQUEST = 'shot-recused-household';
const RECUSED_CASE = `case-${shortHash('soc-wangjia', 'discovery', RECUSED_REQUEST)}`;
const RECUSED_OPINION = {
  recommend: 'grant',
  form: 'cash',
  amountFen: 600_00,
  tierId: 'e2',
  reason: '情况属实，建议按二档救助',
};
const RECUSED_CASE_CALLS: NonNullable<Shot['before']> = [
  {
    fn: 'approvals',
    event: {
      action: 'openDiscovery',
      requestId: RECUSED_REQUEST,
      societyId: 'soc-wangjia',
      person: {
        name: '王小梅',
        idNumber: makeIdNumber({ birthDate: '1998-05-06', sequence: 412 }),
        relationship: 'child',
      },
      hukou: 'beneficiary',
      cause: 'accident',
      description: '骑车摔伤住院，手术费用支出大',
      assistance: [],
      category: 'expenditureHardship',
      livingAtRisk: true,
      discoveredHow: '村民反映',
      householdOfUserId: 'u-wangjianguo',
      consent: { processing: true, publicNotice: true, textVersion: CONSENT_TEXT_VERSION, method: 'signed' },
    },
    caller: 'demo-secretary',
  },
  {
    fn: 'approvals',
    event: {
      action: 'recordVisit',
      caseId: RECUSED_CASE,
      visitedAt: '2026-11-30T11:00:00+08:00',
      visitors: [{ name: '刘芳', userId: 'u-liufang' }, { name: '赵德明' }],
      findings: '住院属实，家中无其他收入来源',
      originalsChecked: ['householdBook', 'idCard'],
      opinion: RECUSED_OPINION,
    },
    caller: 'demo-secretary',
  },
  { fn: 'approvals', event: { action: 'propose', caseId: RECUSED_CASE, ...RECUSED_OPINION }, caller: 'demo-secretary' },
];

/** A clue from 周小红, anonymous (issue 13): the same request id, so a second shot finds the same clue. */
/** A villager's request about their own data (PIPL art. 50), open, for the officer's and township's pages. */
const DATA_REQUEST = {
  fn: 'applications',
  event: {
    action: 'fileDataRequest',
    requestId: 'shot-data-0001',
    societyId: 'soc-wangjia',
    kind: 'correction',
    details: '我家住址写成了二组，应为三组 8 号',
  },
  caller: 'demo-resident',
};

const CLUE_REPORT = {
  fn: 'applications',
  event: {
    action: 'reportClue',
    requestId: 'shot-clue-0001',
    societyId: 'soc-wangjia',
    personHint: '二组的钱大爷',
    whatHappened: '独居老人，脑梗住院，医药费借遍了亲戚',
    anonymous: true,
  },
  caller: 'demo-resident',
};

/** A 帮办 for 张国强's household (issue 13): 医疗救助, applied a week ago, pending. */
const HELP_RECORD = {
  fn: 'approvals',
  event: {
    action: 'recordHelp',
    requestId: 'shot-help-0001',
    societyId: 'soc-wangjia',
    personName: '张国强',
    programme: 'medical',
    appliedOn: '2026-11-23',
    followUpOn: '2026-12-02',
    caseId: 'demo-case-04',
  },
  caller: 'demo-secretary',
};

/** Who each page is for (DESIGN.md, Actors). */
export const SHOTS: Record<string, Shot[]> = {
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
  ]
    .map((caller): Shot => ({ caller }))
    .concat({ caller: 'demo-applicant', variant: 'elderly', elderly: true }),
  'pages/society/index': [
    { caller: 'demo-resident', query: WANGJIA },
    { caller: 'demo-resident', query: { societyId: 'soc-shiqiao' }, variant: 'preparing' },
    { caller: 'demo-resident', query: WANGJIA, variant: 'elderly', elderly: true },
    // What the notice-board code opens: an opaque scene token, no login.
    { caller: 'demo-applicant', query: { scene: 'Wj7qDemoBoard2026' }, variant: 'board-code' },
  ],
  'pages/apply/index': [
    { caller: 'demo-applicant', query: WANGJIA },
    { caller: 'demo-applicant', query: WANGJIA, variant: 'elderly', elderly: true },
  ],
  'pages/my-cases/index': [{ caller: 'demo-applicant' }],
  'pages/case/index': [{ caller: 'demo-applicant', query: { caseId: 'demo-case-04' } }],
  'pages/notice/index': [{ caller: 'demo-resident', query: { noticeId: 'notice-demo-case-03' } }],
  'pages/objection/index': [{ caller: 'demo-resident', query: { noticeId: 'notice-demo-case-03' } }],
  // The resident's seeded objection to the house-fire notice, still waiting for the answer.
  'pages/my-objections/index': [{ caller: 'demo-resident' }],
  // R-FUND-2: a donor opens the society's invitation link (code from server/seed/demo-funds.ts);
  // 青石建材's pledge awaits receipt.
  'pages/invite/index': [
    { caller: 'demo-resident', query: { code: 'WJHZ-2026-DONOR' }, variant: 'donor-link' },
    { caller: 'demo-resident', query: { code: 'NOSUCHCODE22' }, variant: 'invalid-code' },
  ],
  'pages/fund-report/index': [{ caller: 'demo-member', query: WANGJIA }],
  'pages/meetings/index': [
    { caller: 'demo-member', query: WANGJIA },
    { caller: 'demo-president', query: WANGJIA },
  ],
  // R-OVS-4: the seeded December meeting with its pack published (frozen at the end of October).
  'pages/meeting/index': [
    {
      caller: 'demo-member',
      query: { meetingId: 'seed-meeting-wj-2026h2' },
      before: [
        {
          fn: 'funds',
          event: { action: 'publishMeetingPack', meetingId: 'seed-meeting-wj-2026h2' },
          caller: 'demo-president',
        },
      ],
    },
    { caller: 'demo-president', query: { meetingId: 'seed-meeting-wj-2026h2' } },
  ],
  'pages/my-pledges/index': [{ caller: 'demo-donor' }],
  // Issue 13: anyone reports a clue (anonymously here) and follows it; the officers' queue and 帮办.
  'pages/clue/index': [{ caller: 'demo-resident', query: WANGJIA }],
  'pages/my-clues/index': [{ caller: 'demo-resident', before: [CLUE_REPORT] }],
  'packages/officer/pages/clues/index': [{ caller: 'demo-secretary', query: WANGJIA, before: [CLUE_REPORT] }],
  'packages/officer/pages/helps/index': [{ caller: 'demo-secretary', query: WANGJIA, before: [HELP_RECORD] }],
  'pages/pledge/index': [{ caller: 'demo-donor', query: { pledgeId: 'seed-pledge-qsjc-01' } }],
  // R-PROC-8: October's reports as the 1st's run sent them (a township's catch-up run makes them here).
  'packages/officer/pages/monthly-reports/index': [
    {
      caller: 'demo-secretary',
      query: WANGJIA,
      before: [{ fn: 'scheduler', event: { action: 'runMonthlyReports', month: '2026-10' }, caller: 'demo-township' }],
    },
  ],
  'packages/officer/pages/workbench/index': [
    { caller: 'demo-secretary', query: WANGJIA },
    { caller: 'demo-president', query: WANGJIA },
  ],
  // Registry, invitations, pledges and ledger of 王家村 (R-ORG-1/2, R-FUND-2/3); 石桥 is still preparing.
  'packages/officer/pages/society-settings/index': [
    { caller: 'demo-president', query: WANGJIA },
    { caller: 'demo-county', query: { societyId: 'soc-shiqiao' }, variant: 'preparing' },
  ],
  'packages/officer/pages/invite/index': [{ caller: 'demo-secretary', query: WANGJIA }],
  'packages/officer/pages/pledges/index': [{ caller: 'demo-secretary', query: WANGJIA }],
  'packages/officer/pages/ledger/index': [{ caller: 'demo-secretary', query: WANGJIA }],
  // 一人一档 of 陈大山 (house fire, paid, referral open); referrals of the same case; tiers (R-CAP-3).
  'packages/officer/pages/case-file/index': [{ caller: 'demo-secretary', query: { caseId: 'demo-case-03' } }],
  'packages/officer/pages/referrals/index': [{ caller: 'demo-secretary', query: { caseId: 'demo-case-03' } }],
  'packages/officer/pages/settings/index': [
    { caller: 'demo-president', query: WANGJIA },
    { caller: 'demo-secretary', query: WANGJIA },
  ],
  // demo-case-04 waits for its home visit; demo-case-03 (house fire) was approved and paid.
  'packages/officer/pages/visit/index': [
    { caller: 'demo-secretary', query: { caseId: 'demo-case-04' } },
    { caller: 'demo-secretary', query: { caseId: 'demo-case-04' }, variant: 'elderly', elderly: true },
  ],
  'packages/officer/pages/decision/index': [{ caller: 'demo-president', query: { caseId: 'demo-case-03' } }],
  'packages/officer/pages/disburse/index': [
    { caller: 'demo-secretary', query: { caseId: 'demo-case-04', mode: 'reliefFirst' }, variant: 'relief-first' },
    { caller: 'demo-secretary', query: { caseId: 'demo-case-03' } },
  ],
  'packages/officer/pages/notices/index': [
    { caller: 'demo-secretary', query: WANGJIA },
    { caller: 'demo-president', query: WANGJIA },
  ],
  // The house-fire notice is published: its preview is what was published.
  'packages/officer/pages/notice-publish/index': [{ caller: 'demo-secretary', query: { caseId: 'demo-case-03' } }],
  'packages/officer/pages/objection-answer/index': [
    {
      caller: 'demo-secretary',
      query: {
        objectionId: 'obj-seed-objection-demo-case-03',
        societyId: 'soc-wangjia',
        noticeId: 'notice-demo-case-03',
      },
    },
  ],
  'packages/officer/pages/poster/index': [{ caller: 'demo-secretary', query: WANGJIA }],
  'packages/officer/pages/cases/index': [{ caller: 'demo-secretary', query: WANGJIA }],
  'packages/officer/pages/intake/index': [{ caller: 'demo-secretary', query: WANGJIA }],
  // 张国强's application, accepted this morning and waiting for its home visit.
  'packages/officer/pages/case/index': [{ caller: 'demo-secretary', query: { caseId: 'demo-case-04' } }],
  'packages/oversight/pages/overview/index': [
    { caller: 'demo-supervisor' },
    { caller: 'demo-township' },
    { caller: 'demo-county' },
    { caller: 'demo-federation' },
  ],
  'packages/oversight/pages/supervision/index': [
    { caller: 'demo-supervisor', query: WANGJIA },
    // The township reads the same society without case details.
    { caller: 'demo-township', query: WANGJIA },
  ],
  'packages/oversight/pages/case-sheet/index': [{ caller: 'demo-supervisor', query: { caseId: 'demo-case-03' } }],
  'packages/oversight/pages/audit/index': [
    { caller: 'demo-supervisor' },
    { caller: 'demo-township' },
    { caller: 'demo-county' },
  ],
  'packages/oversight/pages/township/index': [{ caller: 'demo-township' }, { caller: 'demo-county' }],
  // The township decides the president's own household's case (recusal never stalls a case).
  'packages/oversight/pages/decision/index': [
    { caller: 'demo-township', query: { caseId: RECUSED_CASE }, before: RECUSED_CASE_CALLS },
  ],
  'packages/oversight/pages/monthly-reports/index': [{ caller: 'demo-township' }, { caller: 'demo-federation' }],
  'packages/oversight/pages/monthly-report/index': [
    { caller: 'demo-township', query: { reportId: 'soc-wangjia:2026-10:v1' } },
  ],
  // The county opens on its townships; a township officer on the villages of their own township.
  'packages/oversight/pages/county-dashboard/index': [{ caller: 'demo-county' }, { caller: 'demo-township' }],
  'packages/oversight/pages/federation/index': [{ caller: 'demo-federation' }, { caller: 'demo-county' }],
  // 2026 from the package's data; 2027 not entered yet, so its deadlines are 暂定.
  'packages/oversight/pages/work-calendar/index': [{ caller: 'demo-county' }, { caller: 'demo-township' }],
  // Issue 13: the roster (no list imported in the demo county: the import and the empty roster).
  'packages/officer/pages/roster/index': [{ caller: 'demo-secretary', query: WANGJIA }],
  // Issue 12: the first start's pages (the demo county is set up: the form, and the county's import page).
  'packages/oversight/pages/first-start/index': [{ caller: 'demo-resident' }],
  'packages/oversight/pages/county-setup/index': [{ caller: 'demo-county' }],
  // Issue 13: the county's difficulty levels.
  'packages/oversight/pages/roster-levels/index': [{ caller: 'demo-county' }],
  // Issue 12: requests about one's own data (PIPL art. 50).
  'pages/my-data/index': [{ caller: 'demo-resident', query: WANGJIA, before: [DATA_REQUEST] }],
  'packages/officer/pages/data-requests/index': [
    { caller: 'demo-secretary', query: WANGJIA, before: [DATA_REQUEST] },
    { caller: 'demo-township', before: [DATA_REQUEST] },
  ],
};

/** The demo "now" the tests use too (test/support/test-backend.ts): the same dates on every run. */
const DEMO_NOW = '2026-11-30T14:00:00+08:00';

function fileName(route: string, shot: Shot): string {
  const page = route.split('/').slice(-2, -1)[0] ?? route;
  return [page, shot.caller.replace(/^demo-/, ''), shot.variant].filter(Boolean).join('--') + '.png';
}

async function callStack(
  baseUrl: string,
  call: { fn: string; event: Record<string, unknown>; caller: string },
): Promise<void> {
  const response = await fetch(`${baseUrl}/functions/${call.fn}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-openid': call.caller },
    body: JSON.stringify(call.event),
  });
  const answer = (await response.json()) as { ok: boolean; error?: { message: string } };
  if (!answer.ok)
    throw new Error(`${call.fn}/${String(call.event.action)} as ${call.caller}: ${answer.error?.message}`);
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
        for (const call of shot.before ?? []) await callStack(stack.url, call);
        const phone = await PhonePage.open(browser, stack.url, route, {
          caller: shot.caller,
          query: shot.query,
          deviceScaleFactor: 2,
        });
        if (shot.elderly) {
          // The browser's localStorage holds wx storage (preview/src/shared/storage.ts).
          type Storage = { localStorage: { setItem(key: string, value: string): void } };
          await phone.page.evaluate(
            (key) => (globalThis as unknown as Storage).localStorage.setItem(key, JSON.stringify('large')),
            `wx:${READING_SIZE_KEY}`,
          );
          await phone.page.reload();
          await phone.settled();
        }
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

// Run by `npm run screenshots` (bundled); imported for its SHOTS by test/e2e/elderly.test.ts.
if (/screenshots\.[cm]?[jt]s$/.test(process.argv[1] ?? '')) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
