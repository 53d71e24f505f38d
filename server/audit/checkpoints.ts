/**
 * Verified checkpoints of the audit chains (issue 15): a request that verifies a scope's trail
 * reads only the events after its checkpoint, not the whole chain, so it costs the same at any
 * age. The nightly timer (scheduler `checkpointAuditChains`) verifies each scope's new events in
 * batches, from its checkpoint, and moves the checkpoint to the last event that holds; a chain
 * that breaks keeps its checkpoint where it was, so every later verify reports the break.
 *
 * What a checkpoint proves: the events up to `seq` were verified, linked to `hash`, at
 * `verifiedAt`. An event altered after that is found by the full pass (`full: true`, the first
 * night of each month), which re-verifies every chain from the genesis and, where it breaks,
 * moves the checkpoint back before the break, so that every verify after it reports the break.
 */
import { COLLECTIONS } from '../collections';
import type { Doc, Store } from '../ports/store';
import type { Logger } from '../context';
import { findAll } from '../ports/store';
import { sealPendingAudit } from './seal';
import { CHAIN_START, verifyAuditChain, type AuditEventDoc, type AuditHeadDoc, type ChainStart } from './trail';

export interface AuditCheckpointDoc extends Doc {
  /** The last verified event's seq and hash. */
  seq: number;
  hash: string;
  verifiedAt: string;
}

/** Where verification of a scope starts: its checkpoint, or the genesis. */
export async function auditCheckpoint(store: Store, scopeId: string): Promise<ChainStart> {
  const doc = await store.get<AuditCheckpointDoc>(COLLECTIONS.auditCheckpoints, scopeId);
  return doc ? { seq: doc.seq, hash: doc.hash } : CHAIN_START;
}

export interface CheckpointRun {
  /** Scopes whose new events were verified this run. */
  checked: number;
  /** Events verified this run. */
  events: number;
  /** Scopes whose chain did not hold (their checkpoint stays). */
  broken: string[];
  /** Scopes with events left beyond this run's budget. */
  more: boolean;
}

/**
 * Verifies each scope's events after its checkpoint (or, `full`, from the genesis), at most
 * `batch` events per scope and `budget` in all, and advances the checkpoints that hold.
 */
export async function advanceAuditCheckpoints(
  store: Store,
  input: { now: Date; batch?: number; budget?: number; full?: boolean; log?: Logger },
): Promise<CheckpointRun> {
  const batch = input.batch ?? 1000;
  let budget = input.budget ?? 20_000;
  // What the minute timer has not sealed yet is verified tonight, not tomorrow.
  await sealPendingAudit(store, budget);
  const [heads, checkpoints] = await Promise.all([
    findAll<AuditHeadDoc>(store, COLLECTIONS.auditHeads, {}),
    findAll<AuditCheckpointDoc>(store, COLLECTIONS.auditCheckpoints, {}),
  ]);
  const at = new Map(checkpoints.map((doc) => [doc._id, doc]));
  const run: CheckpointRun = { checked: 0, events: 0, broken: [], more: false };
  for (const head of heads.sort((a, b) => a._id.localeCompare(b._id))) {
    const stored = at.get(head._id);
    let from: ChainStart = !input.full && stored ? { seq: stored.seq, hash: stored.hash } : CHAIN_START;
    if (from.seq >= head.seq && !input.full) continue;
    while (from.seq < head.seq) {
      if (budget <= 0) {
        run.more = true;
        break;
      }
      const events = await store.find<AuditEventDoc>(COLLECTIONS.auditEvents, {
        where: { scopeId: head._id, seq: { $gt: from.seq } },
        orderBy: [['seq', 'asc']],
        limit: Math.min(batch, budget),
      });
      budget -= events.length;
      run.events += events.length;
      const last = events[events.length - 1];
      const reachesHead = !last || last.seq >= head.seq;
      const check = verifyAuditChain(events, reachesHead ? head : 'open', from);
      if (!check.ok) {
        run.broken.push(head._id);
        input.log?.error('audit chain breaks', { scopeId: head._id, seq: check.brokenAtSeq, reason: check.reason });
        // Found by a full pass behind the checkpoint: the checkpoint goes back to before the break.
        if (stored && stored.seq > from.seq) await setCheckpoint(store, head._id, from, input.now, true);
        break;
      }
      if (!last) break;
      from = { seq: last.seq, hash: last.hash };
      await setCheckpoint(store, head._id, from, input.now, false);
      if (reachesHead) break;
    }
    run.checked += 1;
  }
  return run;
}

/**
 * Writes a checkpoint (an audit chain's or a ledger's, ../ledger/checkpoints.ts). A checkpoint
 * only moves on — a run that raced ahead keeps its later one — unless `back`: a break found
 * behind it sends it back.
 */
export async function writeCheckpoint<T extends Doc & { seq: number }>(
  store: Store,
  collection: typeof COLLECTIONS.auditCheckpoints | typeof COLLECTIONS.ledgerCheckpoints,
  checkpoint: T,
  back: boolean,
): Promise<void> {
  await store.transaction(async (tx) => {
    const current = await tx.get<T>(collection, checkpoint._id);
    if (back || !current || current.seq <= checkpoint.seq) await tx.set(collection, checkpoint);
  });
}

async function setCheckpoint(store: Store, scopeId: string, at: ChainStart, now: Date, back: boolean): Promise<void> {
  const checkpoint: AuditCheckpointDoc = { _id: scopeId, seq: at.seq, hash: at.hash, verifiedAt: now.toISOString() };
  await writeCheckpoint(store, COLLECTIONS.auditCheckpoints, checkpoint, back);
}
