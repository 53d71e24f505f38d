/**
 * Marking a society's digest to be counted again (./digest.ts), kept apart from the counting so
 * that the audit sealer (audit/seal.ts), which marks, depends on nothing else of the overviews.
 */
import { randomBytes } from 'node:crypto';
import { COLLECTIONS } from '../collections';
import type { Doc, Transaction } from '../ports/store';

export interface DigestMarkDoc extends Doc {
  /** When the marked change was done: the oldest marks are counted first. */
  markedAt: string;
  /** Tells this mark from a later one of the same society. */
  token: string;
  /** Waiting to be counted; a counted mark is kept (one per society), no longer waiting. */
  waiting: boolean;
}

/**
 * Marks these societies' digests to be counted again, in the transaction that chains the events
 * of what changed (or makes the change). An id that names no society (an area's scope) is marked
 * too, and cleared uncounted.
 */
export async function markDigests(tx: Transaction, societyIds: Iterable<string>, at: string): Promise<void> {
  for (const societyId of new Set(societyIds)) {
    await tx.set<DigestMarkDoc>(COLLECTIONS.digestQueue, {
      _id: societyId,
      markedAt: at,
      token: randomBytes(8).toString('hex'),
      waiting: true,
    });
  }
}

/** The societies an event concerns: its scope's, or the one an area's event names. */
export function societiesOfEvent(event: { scopeId: string; details: Record<string, unknown> }): string[] {
  const named = event.details.societyId;
  return typeof named === 'string' ? [event.scopeId, named] : [event.scopeId];
}
