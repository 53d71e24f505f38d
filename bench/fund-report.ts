/**
 * What a fund report costs at 100 and at 100,000 ledger entries (R-OVS-4: "the same at 100 or
 * 100,000 entries"). Each size gets a temp SQLite store, a society whose entries (through the
 * real `recordLedgerEntry`, in transactions of a thousand) spread over the same 24 months, and
 * the report is timed as a member asks for it: the half-year and the whole two years, plus the
 * first page of entries. The full check that reads every entry is timed too, for contrast.
 * Prints a table; asserts nothing (timings belong here, not in the tests).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { SqliteStore } from '../server/adapters/sqlite/store';
import { COLLECTIONS, INDEXES, type MembershipDoc, type SocietyDoc, type UserDoc } from '../server/collections';
import { emptyFund, recordLedgerEntry, type LedgerEntryInput } from '../server/ledger/ledger';
import { fundReport, listFundEntries } from '../server/funds/usecases';
import { verifyLedger } from '../server/reports/statement';
import { type Actor, resolveCaller } from '../server/access/caller';
import { fixedClock } from '../server/ports/clock';
import { silentLogger, type ActionContext } from '../server/context';
import { LocalFiles } from '../server/adapters/local-files';
import { LOCAL_NOTICE_SERVICES } from '../server/notices/services';
import { outboxNotifier } from '../server/ports/notifier';

const SOCIETY = 'soc-bench';
const START = Date.parse('2025-01-01T00:00:00+08:00');
const END = Date.parse('2026-12-31T23:00:00+08:00');
const BATCH = 1_000;
const RUNS = 25;
const actor: Actor = { userId: 'u-bench', openid: 'bench-secretary', name: '基准测试', role: 'secretary' };

function entryAt(i: number, total: number): Date {
  return new Date(START + Math.floor(((END - START) * i) / total));
}

/** A county subsidy, then donations and payouts (every 50th a reversal of the donation before it). */
function entryInput(i: number): LedgerEntryInput {
  if (i === 0) return { entryId: 'b-0', type: 'countySubsidy', amountFen: 10_000_00, sourceRef: '补助' };
  if (i % 50 === 0) return { entryId: `b-${i}`, type: 'reversal', reversesEntryId: `b-${i - 1}`, sourceRef: '冲正' };
  if (i % 2 === 1)
    return {
      entryId: `b-${i}`,
      type: 'donation',
      amountFen: 100_00,
      sourceRef: '捐赠',
      counterparty: { name: '捐赠人' },
    };
  return {
    entryId: `b-${i}`,
    type: 'reliefPayout',
    amountFen: 50_00,
    sourceRef: `case:${i}`,
    reliefType: i % 4 === 0 ? 'emergency' : 'supplementary',
    counterparty: { name: '张国强' },
  };
}

async function seed(store: SqliteStore, total: number): Promise<void> {
  const at = new Date(START).toISOString();
  await store.insert<SocietyDoc>(COLLECTIONS.societies, {
    _id: SOCIETY,
    name: '基准互助社',
    villageId: 'v',
    townshipId: 't',
    countyId: 'c',
    form: 'registered',
    status: 'active',
    registrationNumber: 'B-1',
    hasCharter: true,
    place: 'x',
    createdAt: at,
  });
  await store.insert(COLLECTIONS.funds, emptyFund(SOCIETY, new Date(START)));
  await store.insert<UserDoc>(COLLECTIONS.users, {
    _id: 'u-member',
    openid: 'bench-member',
    name: '会员',
    createdAt: at,
  });
  await store.insert<MembershipDoc>(COLLECTIONS.memberships, {
    _id: 'm-member',
    userId: 'u-member',
    role: 'member',
    societyId: SOCIETY,
    areaId: null,
    grantedAt: at,
    grantedBy: 'bench',
  });
  for (let from = 0; from < total; from += BATCH) {
    await store.transaction(async (tx) => {
      for (let i = from; i < Math.min(total, from + BATCH); i += 1) {
        await recordLedgerEntry(tx, SOCIETY, entryInput(i), actor, entryAt(i, total));
      }
    });
  }
}

async function median(run: () => Promise<unknown>, runs = RUNS): Promise<number> {
  await run(); // warm the statement cache
  const times: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const started = performance.now();
    await run();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

interface Row {
  entries: number;
  seedSeconds: number;
  halfYear: number;
  twoYears: number;
  firstPage: number;
  fullCheck: number;
  reconciled: boolean;
}

async function measure(total: number): Promise<Row> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jj-bench-'));
  const store = SqliteStore.open({ file: path.join(dir, 'bench.sqlite'), indexes: INDEXES });
  try {
    const seeded = performance.now();
    await seed(store, total);
    const seedSeconds = (performance.now() - seeded) / 1000;
    const ctx: ActionContext = {
      store,
      clock: fixedClock('2026-12-31T23:30:00+08:00'),
      files: new LocalFiles(path.join(dir, 'files')),
      notifier: outboxNotifier,
      log: silentLogger,
      ...LOCAL_NOTICE_SERVICES,
      caller: await resolveCaller(store, 'bench-member'),
    };
    const report = await fundReport(ctx, SOCIETY, '2025-01', '2026-12');
    return {
      entries: total,
      seedSeconds,
      halfYear: await median(() => fundReport(ctx, SOCIETY, '2026-07', '2026-12')),
      twoYears: await median(() => fundReport(ctx, SOCIETY, '2025-01', '2026-12')),
      firstPage: await median(() =>
        listFundEntries(ctx, { societyId: SOCIETY, from: '2026-07', to: '2026-12', limit: 20 }),
      ),
      fullCheck: await median(() => verifyLedger(store, SOCIETY), 3),
      reconciled: report.reconciliation.ok && report.entryCount === total,
    };
  } finally {
    store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const sizes = process.argv
    .slice(2)
    .map(Number)
    .filter((n) => Number.isInteger(n) && n > 0);
  const rows: Row[] = [];
  for (const size of sizes.length ? sizes : [100, 100_000]) rows.push(await measure(size));
  const ms = (value: number) => `${value.toFixed(2)} ms`;
  console.log(`fund report cost (SQLite temp store, 24 months of entries; median of ${RUNS} runs, full check of 3)`);
  console.log(
    '| entries | fund report, half-year | fund report, 24 months | first page of entries | full check (reads every entry) | reconciled | seeding |',
  );
  console.log('| ---: | ---: | ---: | ---: | ---: | :---: | ---: |');
  for (const row of rows) {
    console.log(
      `| ${row.entries.toLocaleString('en')} | ${ms(row.halfYear)} | ${ms(row.twoYears)} | ${ms(row.firstPage)} | ${ms(row.fullCheck)} | ${row.reconciled ? 'yes' : 'NO'} | ${row.seedSeconds.toFixed(1)} s |`,
    );
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
