/**
 * `npm run bench`: what actions and pages cost in CloudBase round trips and documents read, over
 * the demo county through a CountingStore (bench/costs.ts). Prints tables; asserts nothing (the
 * round-trip ceilings are held by test/project/round-trips.test.ts).
 *   npm run bench                 actions, pages at 100 / 1,000 / 10,000 cases, dashboard at 100 / 1,000 / 5,000 villages
 *   npm run bench -- --quick      pages at 100 / 1,000 only, dashboard at 100 / 1,000
 *   npm run bench -- --trace [a]  each round trip of action a (of every action without one)
 */
import { measureActionCosts, measureDashboardCosts, measurePageCosts } from './costs';
import { CEILING, TARGET } from './budgets';

function kib(bytes: number): string {
  return bytes < 1024 ? `${bytes} B` : `${(bytes / 1024).toFixed(1)} KiB`;
}

async function main(): Promise<void> {
  const quick = process.argv.includes('--quick');
  const traceAt = process.argv.indexOf('--trace');
  if (traceAt >= 0) {
    // `npm run bench -- --trace [action]`: each round trip of the named actions (all without one).
    const only = process.argv[traceAt + 1];
    for (const row of await measureActionCosts({ trace: true })) {
      if (only && !row.name.endsWith(only)) continue;
      console.log(`\n${row.name}: ${row.roundTrips} round trips`);
      for (const line of row.trace ?? []) console.log(`  ${line}`);
    }
    return;
  }
  const actions = await measureActionCosts();
  console.log('\nActions (round trips against the target: money ≤ 10, other writes ≤ 6, reads ≤ 4)');
  console.table(
    actions.map((row) => ({
      action: row.name,
      kind: row.kind,
      'round trips': row.roundTrips,
      target: TARGET[row.kind],
      ceiling: CEILING[row.name] ?? '—',
      'docs read': row.docsRead,
      'docs written': row.docsWritten,
      answer: kib(row.answerBytes),
    })),
  );
  const met = actions.filter((row) => row.roundTrips <= TARGET[row.kind]).length;
  console.log(`${met} of ${actions.length} actions within the target`);

  const pages = await measurePageCosts(quick ? [100, 1_000] : [100, 1_000, 10_000]);
  console.log('\nPages by cases in the society');
  console.table(
    pages.map((row) => ({
      page: row.name,
      cases: row.size,
      'round trips': row.roundTrips,
      'docs read': row.docsRead,
      answer: kib(row.answerBytes),
      digest: row.digestBytes === undefined ? '' : kib(row.digestBytes),
    })),
  );

  const dashboard = await measureDashboardCosts(quick ? [100, 1_000] : [100, 1_000, 5_000]);
  console.log('\nCounty dashboard by villages (the summary, then one township of them all, first page)');
  console.table(
    dashboard.map((row) => ({
      page: row.name,
      villages: row.size,
      'round trips': row.roundTrips,
      'docs read': row.docsRead,
      answer: kib(row.answerBytes),
    })),
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
