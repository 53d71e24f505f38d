/**
 * What each action costs in CloudBase round trips and documents read (issue 15), measured through
 * a CountingStore over the seeded demo county: one relief case from application to payment, a
 * pledge confirmed, a fund entry, a notice published and objected to, and the pages people open
 * most. `npm run bench` prints it; test/project/round-trips.test.ts holds every action to its
 * ceiling (bench/budgets.ts).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SqliteStore } from '../server/adapters/sqlite/store';
import { LocalFiles } from '../server/adapters/local-files';
import { COLLECTIONS, INDEXES, type AreaDoc, type SocietyDoc } from '../server/collections';
import { FUNCTIONS } from '../server/functions';
import { dispatch } from '../server/api/dispatch';
import type { Ports } from '../server/context';
import type { Files } from '../server/ports/files';
import { seedDemoCounty } from '../server/seed/demo-county';
import { DEMO_PLEDGE_ID } from '../server/seed/demo-funds';
import { fixedClock } from '../server/ports/clock';
import { outboxNotifier } from '../server/ports/notifier';
import { LOCAL_NOTICE_SERVICES } from '../server/notices/services';
import { CountingStore, type StoreCosts } from '../server/ports/counting-store';
import { makeIdNumber } from '../miniprogram/domain/id-number';
import { CONSENT_TEXT_VERSION } from '../miniprogram/domain/relief';
import type { Envelope } from '../server/errors';
import { countAreasAdded, countSocietyChange } from '../server/registry/area-counts';
import { countDigestsDue, keepAllDigests } from '../server/oversight/digest';

export type ActionKind = 'money' | 'write' | 'read';

export interface ActionCost extends StoreCosts {
  name: string;
  kind: ActionKind;
  /** Bytes of the JSON answer. */
  answerBytes: number;
  /** Each round trip, in order (only when measured with `trace`). */
  trace?: string[];
}

interface Step {
  fn: string;
  action: string;
  kind: ActionKind;
  openid: string;
  payload: (ids: Record<string, string>) => Record<string, unknown>;
  /** Keeps something from the answer for the steps after it (the upload itself, after a slot). */
  keep?: (data: unknown, ids: Record<string, string>, files: Files) => void | Promise<void>;
}

/** A photo's bytes, put where the slot said as the page's upload does (not a function call). */
const PHOTO = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46]);

const SOCIETY = 'soc-wangjia';
/** 王家村's township (青石镇), where the dashboard's measured villages are added. */
const TOWNSHIP = 'area-qingshi';
const AT = '2026-11-30T10:00:00+08:00';

const STEPS: readonly Step[] = [
  {
    fn: 'applications',
    action: 'submit',
    kind: 'write',
    openid: 'demo-applicant',
    payload: () => ({
      requestId: 'bench-submit-0001',
      societyId: SOCIETY,
      beneficiary: {
        name: '张小军',
        idNumber: makeIdNumber({ birthDate: '2006-04-02', sequence: 777 }),
        relationship: 'child',
      },
      hukou: 'beneficiary',
      cause: 'accident',
      description: '骑电动车摔伤腿骨骨折，住院手术',
      assistance: ['dibao'],
      category: 'other',
      livingAtRisk: true,
      consent: { processing: true, publicNotice: true, textVersion: CONSENT_TEXT_VERSION },
    }),
    keep: (data, ids) => {
      ids.caseId = (data as { id: string }).id;
    },
  },
  { fn: 'applications', action: 'myCases', kind: 'read', openid: 'demo-applicant', payload: () => ({}) },
  {
    fn: 'applications',
    action: 'getMyCase',
    kind: 'read',
    openid: 'demo-applicant',
    payload: (ids) => ({ caseId: ids.caseId }),
  },
  { fn: 'approvals', action: 'queue', kind: 'read', openid: 'demo-secretary', payload: () => ({ societyId: SOCIETY }) },
  {
    fn: 'approvals',
    action: 'getCase',
    kind: 'read',
    openid: 'demo-secretary',
    payload: (ids) => ({ caseId: ids.caseId }),
  },
  {
    fn: 'approvals',
    action: 'accept',
    kind: 'write',
    openid: 'demo-secretary',
    payload: (ids) => ({ caseId: ids.caseId }),
  },
  {
    fn: 'societies',
    action: 'requestUpload',
    kind: 'write',
    openid: 'demo-secretary',
    payload: (ids) => ({ kind: 'visits', caseId: ids.caseId, extension: 'jpg' }),
    keep: async (data, ids, files) => {
      ids.visitPhoto = (await files.put((data as { path: string }).path, PHOTO, 'image/jpeg')).fileId;
    },
  },
  {
    fn: 'societies',
    action: 'fileLinks',
    kind: 'read',
    openid: 'demo-secretary',
    payload: (ids) => ({ fileIds: [ids.visitPhoto] }),
  },
  {
    fn: 'approvals',
    action: 'recordVisit',
    kind: 'write',
    openid: 'demo-secretary',
    payload: (ids) => ({
      caseId: ids.caseId,
      visitedAt: AT,
      visitors: [{ name: '刘芳', userId: 'u-liufang' }, { name: '王建军' }],
      findings: '情况属实，家中确有困难',
      photoFileIds: [ids.visitPhoto],
      originalsChecked: ['householdBook', 'idCard'],
      opinion: { recommend: 'grant', form: 'cash', amountFen: 300_00, tierId: 's2', reason: '情况属实，建议救助' },
    }),
  },
  {
    fn: 'approvals',
    action: 'propose',
    kind: 'write',
    openid: 'demo-secretary',
    payload: (ids) => ({
      caseId: ids.caseId,
      recommend: 'grant',
      form: 'cash',
      amountFen: 300_00,
      tierId: 's2',
      reason: '建议按二档救助',
    }),
  },
  {
    fn: 'approvals',
    action: 'approve',
    kind: 'write',
    openid: 'demo-president',
    payload: (ids) => ({ caseId: ids.caseId, note: '同意' }),
  },
  {
    fn: 'approvals',
    action: 'disburse',
    kind: 'money',
    openid: 'demo-secretary',
    payload: (ids) => ({ caseId: ids.caseId, requestId: 'bench-pay-0001', method: 'cash', amountFen: 300_00 }),
  },
  {
    fn: 'pledges',
    action: 'confirmReceipt',
    kind: 'money',
    openid: 'demo-secretary',
    payload: () => ({ pledgeId: DEMO_PLEDGE_ID, entryId: 'bench-pledge-entry-1', slip: '回单 0001' }),
  },
  {
    fn: 'funds',
    action: 'recordEntry',
    kind: 'money',
    openid: 'demo-secretary',
    payload: () => ({
      societyId: SOCIETY,
      entryId: 'bench-entry-0001',
      type: 'bankInterest',
      amountFen: 12_34,
      sourceRef: '利息回单 2026-11',
    }),
  },
  { fn: 'funds', action: 'fundReport', kind: 'read', openid: 'demo-member', payload: () => ({ societyId: SOCIETY }) },
  {
    fn: 'notices',
    action: 'officerTodo',
    kind: 'read',
    openid: 'demo-secretary',
    payload: () => ({ societyId: SOCIETY }),
  },
  {
    fn: 'notices',
    action: 'publicPage',
    kind: 'read',
    openid: 'demo-resident',
    payload: () => ({ societyId: SOCIETY }),
  },
  {
    fn: 'notices',
    action: 'supervisionOverview',
    kind: 'read',
    openid: 'demo-supervisor',
    payload: () => ({ societyId: SOCIETY }),
  },
  { fn: 'notices', action: 'townshipOverview', kind: 'read', openid: 'demo-township', payload: () => ({}) },
  { fn: 'societies', action: 'countyDashboard', kind: 'read', openid: 'demo-county', payload: () => ({}) },
  {
    fn: 'societies',
    action: 'dashboardVillages',
    kind: 'read',
    openid: 'demo-county',
    payload: () => ({ townshipId: TOWNSHIP }),
  },
  { fn: 'societies', action: 'me', kind: 'read', openid: 'demo-applicant', payload: () => ({}) },
];

export interface MeasuredBackend {
  ports: Ports;
  counting: CountingStore;
  raw: SqliteStore;
  call(fn: string, event: Record<string, unknown>, openid: string | null): Promise<Envelope>;
  /** The log detail of the last call's refusal (English), or ''. */
  lastRefusal(): string;
  close(): Promise<void>;
}

/** The seeded demo county in a temp SQLite store, every call going through a CountingStore. */
export async function measuredBackend(): Promise<MeasuredBackend> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jj-costs-'));
  const raw = SqliteStore.open({ file: path.join(dir, 'costs.sqlite'), indexes: INDEXES });
  await seedDemoCounty(raw);
  // The overviews' digests as the minute timer leaves them at the bench's now (oversight/digest.ts).
  await countDigestsDue(raw, new Date('2026-11-30T14:00:00+08:00'));
  const counting = new CountingStore(raw);
  let lastRefusal = '';
  const ports: Ports = {
    store: counting,
    files: new LocalFiles(path.join(dir, 'files')),
    clock: fixedClock('2026-11-30T14:00:00+08:00'),
    notifier: outboxNotifier,
    ...LOCAL_NOTICE_SERVICES,
    // Keeps the English detail of the last refusal, so a scenario step that fails says why.
    log: {
      info: (message, fields) => {
        if (message === 'refused') lastRefusal = String(fields?.detail ?? '');
      },
      error: (message, fields) => {
        lastRefusal = `${message} ${JSON.stringify(fields ?? {})}`;
      },
    },
  };
  return {
    ports,
    counting,
    raw,
    async call(fn, event, openid) {
      const definition = FUNCTIONS[fn];
      if (!definition) throw new Error(`no function ${fn}`);
      lastRefusal = '';
      return dispatch(definition, event, openid, ports);
    },
    lastRefusal: () => lastRefusal,
    async close() {
      await raw.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Runs the scenario once and returns each action's cost; a step that fails stops it with why. */
export async function measureActionCosts(options: { trace?: boolean } = {}): Promise<ActionCost[]> {
  const backend = await measuredBackend();
  if (options.trace) backend.counting.trace = [];
  try {
    const ids: Record<string, string> = {};
    const costs: ActionCost[] = [];
    for (const step of STEPS) {
      backend.counting.reset();
      const answer = await backend.call(step.fn, { action: step.action, ...step.payload(ids) }, step.openid);
      const measured = backend.counting.reset();
      const trace = backend.counting.trace?.splice(0);
      if (!answer.ok) {
        throw new Error(`${step.fn}.${step.action} refused: ${answer.error.code} ${backend.lastRefusal()}`);
      }
      await step.keep?.(answer.data, ids, backend.ports.files);
      costs.push({
        name: `${step.fn}.${step.action}`,
        kind: step.kind,
        ...measured,
        answerBytes: Buffer.byteLength(JSON.stringify(answer.data)),
        ...(trace ? { trace } : {}),
      });
    }
    return costs;
  } finally {
    await backend.close();
  }
}

export interface PageCost extends StoreCosts {
  name: string;
  size: number;
  answerBytes: number;
  /** The society's overview digest as stored (oversight/digest.ts), which the overviews read. */
  digestBytes?: number;
}

/** The pages that grow with the county, as the people who open them. */
const PAGES: ReadonlyArray<Omit<Step, 'kind' | 'keep'>> = [
  { fn: 'approvals', action: 'queue', openid: 'demo-secretary', payload: () => ({ societyId: SOCIETY }) },
  { fn: 'notices', action: 'officerTodo', openid: 'demo-secretary', payload: () => ({ societyId: SOCIETY }) },
  { fn: 'notices', action: 'officerNotices', openid: 'demo-secretary', payload: () => ({ societyId: SOCIETY }) },
  {
    fn: 'notices',
    action: 'supervisionOverview',
    openid: 'demo-supervisor',
    payload: () => ({ societyId: SOCIETY }),
  },
  { fn: 'notices', action: 'townshipOverview', openid: 'demo-township', payload: () => ({}) },
  { fn: 'funds', action: 'fundReport', openid: 'demo-member', payload: () => ({ societyId: SOCIETY }) },
];

async function measurePages(backend: MeasuredBackend, size: number, pages = PAGES): Promise<PageCost[]> {
  const rows: PageCost[] = [];
  for (const page of pages) {
    backend.counting.reset();
    const answer = await backend.call(page.fn, { action: page.action, ...page.payload({}) }, page.openid);
    const measured = backend.counting.reset();
    if (!answer.ok) throw new Error(`${page.fn}.${page.action} refused: ${answer.error.code} ${backend.lastRefusal()}`);
    rows.push({
      name: `${page.fn}.${page.action}`,
      size,
      ...measured,
      answerBytes: Buffer.byteLength(JSON.stringify(answer.data)),
    });
  }
  return rows;
}

/**
 * Page costs with `sizes` cases in 王家村: copies of the demo county's cases (paid, waiting,
 * closed), each with copies of its events, under new ids, inserted straight into the store. A
 * copied paid case waits for its notice as its original did (the seed publishes some). Each
 * copy is of another person and household, as a society's cases are of many families (copies of
 * the same four people would make every person's history thousands of cases long).
 */
export async function measurePageCosts(sizes: readonly number[]): Promise<PageCost[]> {
  const backend = await measuredBackend();
  try {
    type EventCopy = { _id: string; caseId: string } & Record<string, unknown>;
    const templates = await backend.raw.find<
      { _id: string; caseNo: string; personKey: string; householdId: string; events?: EventCopy[] } & Record<
        string,
        unknown
      >
    >(COLLECTIONS.cases, { where: { societyId: SOCIETY }, limit: 100 });
    // Events kept on the case are copied with it; those of a case written before, from caseEvents.
    const events = await backend.raw.find<EventCopy>(COLLECTIONS.caseEvents, {
      where: { caseId: { $in: templates.map((doc) => doc._id) } },
      limit: 10_000,
    });
    let made = templates.length;
    const rows: PageCost[] = [];
    for (const size of [...sizes].sort((a, b) => a - b)) {
      const batch: Array<[string, Record<string, unknown> & { _id: string }]> = [];
      for (; made < size; made += 1) {
        const template = templates[made % templates.length]!;
        const caseId = `bench-case-${made}`;
        batch.push([
          COLLECTIONS.cases,
          {
            ...template,
            _id: caseId,
            caseNo: `2026-${String(made).padStart(5, '0')}`,
            personKey: `${template.personKey}-${made}`,
            householdId: `${template.householdId}-${made}`,
            ...(template.events
              ? { events: template.events.map((event) => ({ ...event, _id: `${event._id}-${made}`, caseId })) }
              : {}),
          },
        ]);
        for (const event of events.filter((one) => one.caseId === template._id)) {
          batch.push([COLLECTIONS.caseEvents, { ...event, _id: `${event._id}-${made}`, caseId }]);
        }
      }
      for (let i = 0; i < batch.length; i += 1000) {
        await backend.raw.transaction(async (tx) => {
          for (const [collection, doc] of batch.slice(i, i + 1000)) await tx.insert(collection, doc);
        });
      }
      // The overviews' digest counted again, as the minute timer does after the cases' actions.
      await keepAllDigests(backend.raw, backend.ports.clock.now());
      const digest = await backend.raw.get(COLLECTIONS.societyDigests, SOCIETY);
      const digestBytes = Buffer.byteLength(JSON.stringify(digest));
      rows.push(...(await measurePages(backend, size)).map((row) => ({ ...row, digestBytes })));
    }
    return rows;
  } finally {
    await backend.close();
  }
}

/** The county dashboard's two views, as the county bureau opens them: the summary, then one township's first page. */
const DASHBOARD_PAGES: ReadonlyArray<Omit<Step, 'kind' | 'keep'>> = [
  { fn: 'societies', action: 'countyDashboard', openid: 'demo-county', payload: () => ({}) },
  { fn: 'societies', action: 'dashboardVillages', openid: 'demo-county', payload: () => ({ townshipId: TOWNSHIP }) },
];

/**
 * The county dashboard with `sizes` villages, each with a preparing society, in one township (青石镇):
 * written as the area import and createSociety write them, the counters in the same transaction.
 */
export async function measureDashboardCosts(sizes: readonly number[]): Promise<PageCost[]> {
  const backend = await measuredBackend();
  try {
    const village = (await backend.raw.get<AreaDoc>(COLLECTIONS.areas, 'area-wangjia'))!;
    const society = (await backend.raw.get<SocietyDoc>(COLLECTIONS.societies, SOCIETY))!;
    const townshipNames = new Map([[TOWNSHIP, '青石镇']]);
    let made = 0;
    const rows: PageCost[] = [];
    for (const size of [...sizes].sort((a, b) => a - b)) {
      await backend.raw.transaction(async (tx) => {
        const villages: AreaDoc[] = [];
        for (; made < size; made += 1) {
          const villageId = `bench-village-${made}`;
          const added: AreaDoc = { ...village, _id: villageId, name: `基准${String(made).padStart(5, '0')}村` };
          const started: SocietyDoc = {
            ...society,
            _id: `bench-soc-${made}`,
            villageId,
            name: `基准${made}村救急难互助社`,
            status: 'preparing',
          };
          await tx.insert<AreaDoc>(COLLECTIONS.areas, added);
          await tx.insert<SocietyDoc>(COLLECTIONS.societies, started);
          await countSocietyChange(tx, society.countyId, null, started);
          villages.push(added);
        }
        await countAreasAdded(tx, society.countyId, villages, townshipNames);
      });
      rows.push(...(await measurePages(backend, size, DASHBOARD_PAGES)));
    }
    return rows;
  } finally {
    await backend.close();
  }
}
