/**
 * Sealing the audit trail (R-OVS-5, issue 15): an action keeps its event pending (./trail.ts
 * `appendAudit`); sealing gives a scope's pending events their places in its chain, oldest first,
 * each with its seq, the hash before it and its own. The minute timer (scheduler `sealAudit`)
 * seals every scope, and whoever reads a scope's trail seals it first, so the trail read is
 * always whole. Both first hand on the events that actions kept on their cases and pledges
 * (server/outbound.ts).
 *
 * Sealing also marks, in the same transaction, the digests of the societies the events concern,
 * so the minute timer counts them again (oversight/digest.ts): whoever seals, nothing is missed.
 *
 * Two sealers of one scope at once: each reads the head before it looks for pending events, and
 * in its transaction goes on only if the head is still that one. The head is written by every
 * seal, so of two transactions that read the same head one conflicts and, run again, finds the
 * head moved and seals nothing. An event is never chained twice or skipped.
 */
import { COLLECTIONS } from '../collections';
import type { Store } from '../ports/store';
import { handOnWaiting, type OutboundRun } from '../outbound';
import { markDigests, societiesOfEvent } from '../oversight/digest-marks';
import {
  GENESIS_HASH,
  hashAuditEvent,
  type AuditEventDoc,
  type AuditHeadDoc,
  type PendingAuditEventDoc,
} from './trail';

/** Events sealed in one transaction (a CloudBase transaction's writes stay well under its limits). */
export const SEAL_BATCH = 50;

/** The oldest pending events of a scope, or of every scope. */
function pendingEvents(store: Store, scopeId: string | null, limit: number): Promise<PendingAuditEventDoc[]> {
  return store.find<PendingAuditEventDoc>(COLLECTIONS.auditEvents, {
    where: scopeId === null ? { pending: true } : { scopeId, pending: true },
    orderBy: [['at', 'asc']],
    limit,
  });
}

/**
 * Seals up to `max` of a scope's pending events, in batches; returns how many it sealed. Fewer
 * than were pending only when another sealer was at the same scope (it sealed the rest).
 */
export async function sealScope(store: Store, scopeId: string, max = 10 * SEAL_BATCH): Promise<number> {
  // Events kept on the documents their actions wrote come first (server/outbound.ts).
  await handOnWaiting(store);
  return sealScopeNow(store, scopeId, max);
}

async function sealScopeNow(store: Store, scopeId: string, max: number): Promise<number> {
  let sealed = 0;
  while (sealed < max) {
    const before = await store.get<AuditHeadDoc>(COLLECTIONS.auditHeads, scopeId);
    const pending = await pendingEvents(store, scopeId, Math.min(SEAL_BATCH, max - sealed));
    if (!pending.length) break;
    const count = await store.transaction(async (tx) => {
      const head = await tx.get<AuditHeadDoc>(COLLECTIONS.auditHeads, scopeId);
      if ((head?.seq ?? 0) !== (before?.seq ?? 0)) return 0;
      let seq = head?.seq ?? 0;
      let prevHash = head?.hash ?? GENESIS_HASH;
      let lastId = head?.lastId;
      let lastAt = head?.lastAt;
      for (const event of pending) {
        const { _id, pending: _ignored, ...fields } = event;
        seq += 1;
        const body: Omit<AuditEventDoc, '_id' | 'hash'> = { ...fields, seq, prevHash };
        const hash = hashAuditEvent(body);
        await tx.set<AuditEventDoc>(COLLECTIONS.auditEvents, { _id, ...body, hash });
        prevHash = hash;
        lastId = _id;
        lastAt = fields.at;
      }
      await tx.set<AuditHeadDoc>(COLLECTIONS.auditHeads, { _id: scopeId, seq, hash: prevHash, lastId, lastAt });
      // What these events record changed what the societies' overviews show (oversight/digest.ts).
      await markDigests(tx, pending.flatMap(societiesOfEvent), lastAt ?? pending[0]!.at);
      return pending.length;
    });
    if (count === 0) break;
    sealed += count;
  }
  return sealed;
}

export interface SealRun {
  /** What the run handed on first (server/outbound.ts). */
  handedOn: OutboundRun;
  /** Events sealed this run. */
  sealed: number;
  /** Scope seals run: a scope whose events came in two of the run's batches counts twice. */
  scopes: number;
  /** Pending events may be left beyond this run's budget. */
  more: boolean;
}

/** Seals every scope's pending events, the scopes with the oldest first, up to `budget` events. */
export async function sealPendingAudit(store: Store, budget = 2_000): Promise<SealRun> {
  const run: SealRun = { handedOn: await handOnWaiting(store), sealed: 0, scopes: 0, more: false };
  while (run.sealed < budget) {
    const oldest = await pendingEvents(store, null, SEAL_BATCH);
    if (!oldest.length) return run;
    let sealedNow = 0;
    for (const scopeId of new Set(oldest.map((event) => event.scopeId))) {
      if (run.sealed + sealedNow >= budget) break;
      sealedNow += await sealScopeNow(store, scopeId, budget - run.sealed - sealedNow);
      run.scopes += 1;
    }
    run.sealed += sealedNow;
    // Another sealer took them all: what is left is theirs.
    if (sealedNow === 0) return run;
  }
  run.more = (await pendingEvents(store, null, 1)).length > 0;
  return run;
}
