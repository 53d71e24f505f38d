/**
 * Pages that cost the same at any size (issue 15), measured by bench/costs.ts: the county
 * dashboard's two views (the summary, then a township's first page) with 100 and 1,000 villages in
 * one township, and the pages officers and overseers open with 100 and 1,000 cases in the society.
 * Their documents read and round trips must not grow, and the answer must stay the size of a page.
 * Figures only compared, never timed; `npm run bench` prints them.
 */
import { measureDashboardCosts, measurePageCosts, type PageCost } from '../../bench/costs';

jest.setTimeout(240_000);

let rows: PageCost[];
let caseRows: PageCost[];
beforeAll(async () => {
  rows = await measureDashboardCosts([100, 1_000]);
  caseRows = await measurePageCosts([100, 1_000]);
});

it.each([
  'approvals.queue',
  'notices.officerTodo',
  'notices.officerNotices',
  'notices.supervisionOverview',
  'notices.townshipOverview',
  'funds.fundReport',
])('%s reads the same documents in the same round trips at 100 and 1,000 cases', (name) => {
  const of = (size: number) => caseRows.find((row) => row.name === name && row.size === size)!;
  const small = of(100);
  const large = of(1_000);
  expect({ docsRead: large.docsRead, roundTrips: large.roundTrips }).toEqual({
    docsRead: small.docsRead,
    roundTrips: small.roundTrips,
  });
  // The answer is a page: a case number's extra digits at most, never ten times the answer.
  expect(Math.abs(large.answerBytes - small.answerBytes)).toBeLessThan(2 * 1024);
});

const at = (name: string, size: number): PageCost => {
  const row = rows.find((candidate) => candidate.name === name && candidate.size === size);
  if (!row) throw new Error(`${name} not measured at ${size}`);
  return row;
};

it.each(['societies.countyDashboard', 'societies.dashboardVillages'])(
  '%s reads the same documents in the same round trips at 100 and 1,000 villages',
  (name) => {
    const small = at(name, 100);
    const large = at(name, 1_000);
    expect({ docsRead: large.docsRead, roundTrips: large.roundTrips }).toEqual({
      docsRead: small.docsRead,
      roundTrips: small.roundTrips,
    });
  },
);

it('the township page answers one page of villages, not the township', () => {
  const small = at('societies.dashboardVillages', 100);
  const large = at('societies.dashboardVillages', 1_000);
  // A village's row differs in its name's digits only: a few bytes, never ten times the answer.
  expect(Math.abs(large.answerBytes - small.answerBytes)).toBeLessThan(1024);
  expect(at('societies.countyDashboard', 1_000).answerBytes).toBeLessThan(4 * 1024);
});
