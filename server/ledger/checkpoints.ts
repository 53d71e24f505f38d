/**
 * Verified checkpoints of the ledgers (issue 15, R-FUND-3): the nightly timer checks each
 * society's new entries from its checkpoint and moves the checkpoint on, so `funds.auditLedger`
 * reads only the entries since, at any age of the fund. On the 1st of the month the timer checks
 * every ledger from its first entry and, where one no longer holds, sends the checkpoint back to
 * the beginning, so that every check after it reports the problem.
 */
import { COLLECTIONS } from '../collections';
import { findAll, type Doc, type Store } from '../ports/store';
import type { Logger } from '../context';
import type { FundDoc } from './ledger';
import { LEDGER_START, verifyLedger, type LedgerCheckpoint } from '../reports/statement';
import { writeCheckpoint } from '../audit/checkpoints';

export interface LedgerCheckpointDoc extends Doc, LedgerCheckpoint {
  verifiedAt: string;
}

/** Where a society's ledger check starts: its checkpoint, or the first entry. */
export async function ledgerCheckpoint(store: Store, societyId: string): Promise<LedgerCheckpoint> {
  const doc = await store.get<LedgerCheckpointDoc>(COLLECTIONS.ledgerCheckpoints, societyId);
  if (!doc) return LEDGER_START;
  const { _id: _id, verifiedAt: _at, ...checkpoint } = doc;
  return checkpoint;
}

export async function advanceLedgerCheckpoints(
  store: Store,
  input: { now: Date; full?: boolean; log?: Logger },
): Promise<{ checked: number; broken: string[] }> {
  const funds = await findAll<FundDoc>(store, COLLECTIONS.funds, {});
  const run = { checked: 0, broken: [] as string[] };
  for (const fund of funds.sort((a, b) => a._id.localeCompare(b._id))) {
    const stored = await ledgerCheckpoint(store, fund._id);
    const from = input.full ? LEDGER_START : stored;
    if (!input.full && from.seq >= fund.entryCount) continue;
    const result = await verifyLedger(store, fund._id, from);
    run.checked += 1;
    if (!result.ok) {
      run.broken.push(fund._id);
      input.log?.error('ledger check fails', { societyId: fund._id, problems: result.problems.slice(0, 5) });
      if (stored.seq > 0) await setCheckpoint(store, fund._id, LEDGER_START, input.now, true);
      continue;
    }
    if (result.next.seq > stored.seq) await setCheckpoint(store, fund._id, result.next, input.now, false);
  }
  return run;
}

async function setCheckpoint(
  store: Store,
  societyId: string,
  at: LedgerCheckpoint,
  now: Date,
  back: boolean,
): Promise<void> {
  const doc: LedgerCheckpointDoc = { _id: societyId, ...at, verifiedAt: now.toISOString() };
  await writeCheckpoint(store, COLLECTIONS.ledgerCheckpoints, doc, back);
}
