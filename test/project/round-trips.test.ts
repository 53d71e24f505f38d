/**
 * Round-trip budgets (issue 15): the demo scenario of bench/costs.ts, measured through a
 * CountingStore, against each action's ceiling in bench/budgets.ts. An action that gets more
 * expensive fails here; `npm run bench` prints the figures and the pages at size.
 */
import { measureActionCosts, type ActionCost } from '../../bench/costs';
import { CEILING, TARGET } from '../../bench/budgets';

jest.setTimeout(60_000);

let costs: ActionCost[];
beforeAll(async () => {
  costs = await measureActionCosts();
});

it('measures money moves, other writes and reads', () => {
  expect(new Set(costs.map((row) => row.kind))).toEqual(new Set(['money', 'write', 'read']));
});

it('every measured action has a ceiling, and no ceiling names an action that is not measured', () => {
  expect(costs.map((row) => row.name).sort()).toEqual(Object.keys(CEILING).sort());
});

it('no action costs more CloudBase round trips than its ceiling', () => {
  const over = costs
    .filter((row) => row.roundTrips > CEILING[row.name]!)
    .map((row) => `${row.name}: ${row.roundTrips} round trips, ceiling ${CEILING[row.name]}`);
  expect(over).toEqual([]);
});

it('no ceiling is below the target: a ceiling is lowered only down to it', () => {
  const below = costs.filter((row) => CEILING[row.name]! < TARGET[row.kind]).map((row) => row.name);
  expect(below).toEqual([]);
});

/** Where a money move's audit event is written: kept on the case or the pledge it moves (server/outbound.ts). */
const AUDIT_KEPT_ON: Record<string, string> = {
  'approvals.disburse': 'cases',
  'pledges.confirmReceipt': 'pledges',
  'funds.recordEntry': 'auditEvents',
};

it('a money move writes the ledger in one transaction, with the fund and the audit in it', () => {
  const money = costs.filter((cost) => cost.kind === 'money');
  expect(money.map((row) => row.name).sort()).toEqual(Object.keys(AUDIT_KEPT_ON).sort());
  for (const row of money) {
    const { ledgerEntries, funds } = row.transactionsWriting;
    expect({ name: row.name, ledgerEntries, funds }).toEqual({ name: row.name, ledgerEntries: 1, funds: 1 });
    expect(row.transactionsWriting[AUDIT_KEPT_ON[row.name]!]).toBe(1);
  }
});
