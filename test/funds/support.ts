/** Helpers the funds tests share: calling functions as the demo callers, and proving a refusal wrote nothing. */
import { COLLECTIONS } from '../../server/collections';
import { AppError, type Envelope } from '../../server/errors';
import type { TestBackend } from '../support/test-backend';
import type { FundDoc } from '../../server/ledger/ledger';

export async function data<T>(
  backend: TestBackend,
  fn: string,
  event: Record<string, unknown>,
  openid: string | null,
): Promise<T> {
  const result = await backend.call(fn, event, openid);
  if (!result.ok) throw new Error(`${fn}.${String(event.action)} failed: ${result.error.code} ${result.error.message}`);
  return result.data as T;
}

export async function refusal(
  backend: TestBackend,
  fn: string,
  event: Record<string, unknown>,
  openid: string | null,
): Promise<{ code: string; message: string }> {
  const result: Envelope = await backend.call(fn, event, openid);
  if (result.ok) throw new Error(`${fn}.${String(event.action)} was expected to be refused`);
  return result.error;
}

/** The code a use case refused with (or 'resolved'). */
export function codeOf(promise: Promise<unknown>): Promise<string> {
  return promise.then(
    () => 'resolved',
    (error: unknown) => (error instanceof AppError ? error.code : `unexpected ${String(error)}`),
  );
}

const WATCHED = [
  COLLECTIONS.ledgerEntries,
  COLLECTIONS.ledgerReversals,
  COLLECTIONS.fundPeriods,
  COLLECTIONS.auditEvents,
  COLLECTIONS.pledges,
  COLLECTIONS.memberships,
  COLLECTIONS.users,
  COLLECTIONS.invitations,
  COLLECTIONS.meetings,
  COLLECTIONS.monthlyReports,
  COLLECTIONS.societies,
];

/** Counts of every collection a refusal could touch, and every fund's balance. */
export async function snapshot(backend: TestBackend): Promise<Record<string, unknown>> {
  const counts: Record<string, unknown> = {};
  for (const collection of WATCHED) counts[collection] = await backend.ports.store.count(collection);
  const funds = await backend.ports.store.find<FundDoc>(COLLECTIONS.funds, { limit: 100 });
  counts.balances = Object.fromEntries(funds.map((fund) => [fund._id, [fund.balanceFen, fund.entryCount]]));
  return counts;
}

let counter = 0;
/** A fresh client-chosen request id. */
export function rid(prefix = 'req'): string {
  counter += 1;
  return `${prefix}-${String(counter).padStart(6, '0')}-${Math.random().toString(36).slice(2, 8)}`;
}
