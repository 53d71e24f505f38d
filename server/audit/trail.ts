/**
 * The audit trail (R-OVS-5): every action of every role is an attributed event, appended in the
 * same transaction as the change it records. Events of one scope (a society or an area) form a
 * chain: each carries the hash of the one before, so a removed or altered event is detectable.
 * Only by-id reads and writes, as CloudBase transactions allow: the scope's head document holds
 * the last sequence number and hash.
 *
 * An action appends its event pending: one insert, with who, what, to what and when, but no place
 * in the chain. The chain is made after it (./seal.ts): the minute timer, and every reader of a
 * trail before it reads, seal a scope's pending events oldest first, giving each its seq and
 * hashes. So an action no longer reads and writes its scope's head (two round trips fewer, issue
 * 15), and actions of one society no longer collide on that one document. The cost: for up to a
 * minute an event is kept but not yet chained, like the merge delay of a transparency log.
 */
import { createHash, randomBytes } from 'node:crypto';
import { COLLECTIONS } from '../collections';
import type { Doc, Store, Transaction } from '../ports/store';
import type { Actor } from '../access/caller';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditHeadDoc extends Doc {
  seq: number;
  hash: string;
  /** The last sealed event's id (heads from before it was kept: `auditEventId(scope, seq)`). */
  lastId?: string;
  /** When that event was done, so an overview reads no event for it. */
  lastAt?: string;
}

export interface AuditEventDoc extends Doc {
  scopeId: string;
  seq: number;
  actor: Actor;
  /** What was done, e.g. 'ledger.record', 'society.activate'. */
  action: string;
  /** What it was done to, e.g. 'ledgerEntries/abc'. */
  target: string;
  details: Record<string, unknown>;
  at: string;
  prevHash: string;
  hash: string;
}

/** An event as its action appended it: kept, attributed, not yet in the chain (./seal.ts). */
export interface PendingAuditEventDoc extends Doc {
  scopeId: string;
  actor: Actor;
  action: string;
  target: string;
  details: Record<string, unknown>;
  at: string;
  pending: true;
}

export interface AuditInput {
  scopeId: string;
  actor: Actor;
  action: string;
  target: string;
  details?: Record<string, unknown>;
  at: Date;
}

/** The id events had when each action chained its own: the scope and the seq. */
export function auditEventId(scopeId: string, seq: number): string {
  return `${scopeId}:${String(seq).padStart(10, '0')}`;
}

let appended = 0;

/**
 * A pending event's id, kept when it is sealed: the scope, the time, a counter and a random part.
 * Events of one time are sealed in id order (./seal.ts), so the counter keeps an action's events
 * in the order it appended them; the random part keeps ids of two instances apart.
 */
export function pendingAuditEventId(scopeId: string, at: Date): string {
  appended = (appended + 1) % 36 ** 6;
  const time = at.getTime().toString(36).padStart(9, '0');
  return `${scopeId}:${time}-${appended.toString(36).padStart(6, '0')}-${randomBytes(4).toString('hex')}`;
}

/** JSON with keys sorted at every level, so the same event always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export function hashAuditEvent(event: Omit<AuditEventDoc, '_id' | 'hash'>): string {
  return createHash('sha256').update(canonicalJson(event)).digest('hex');
}

/** Keeps the event in the action's transaction, pending; ./seal.ts chains it. */
export async function appendAudit(tx: Pick<Transaction, 'insert'>, input: AuditInput): Promise<void> {
  await tx.insert(COLLECTIONS.auditEvents, pendingAuditEvent(input));
}

/** The pending event of an action, to insert or to keep on the document it concerns (server/outbound.ts). */
export function pendingAuditEvent(input: AuditInput): PendingAuditEventDoc {
  return {
    _id: pendingAuditEventId(input.scopeId, input.at),
    scopeId: input.scopeId,
    actor: input.actor,
    action: input.action,
    target: input.target,
    details: input.details ?? {},
    at: input.at.toISOString(),
    pending: true,
  };
}

/** When a scope's last sealed event was done: kept on its head, or for an older head, read. */
export async function lastAuditAt(store: Store, scopeId: string, head: AuditHeadDoc | null): Promise<string | null> {
  if (!head) return null;
  if (head.lastAt) return head.lastAt;
  const last = await store.get<AuditEventDoc>(COLLECTIONS.auditEvents, head.lastId ?? auditEventId(scopeId, head.seq));
  return last?.at ?? null;
}

export type ChainCheck =
  { ok: true; count: number } | { ok: false; count: number; brokenAtSeq: number; reason: string };

/** Where a check starts: the beginning of the chain, or a verified checkpoint (its last seq and hash). */
export interface ChainStart {
  seq: number;
  hash: string;
}

export const CHAIN_START: ChainStart = { seq: 0, hash: GENESIS_HASH };

/**
 * Checks a scope's events in sequence order against each other, from `from` (the genesis, or a
 * checkpoint whose events were verified before), and, unless `head` is 'open' (a batch that
 * stops before the end), against the head. `count` is the number of events the chain holds up
 * to the last one checked.
 */
export function verifyAuditChain(
  events: readonly AuditEventDoc[],
  head: AuditHeadDoc | null | 'open',
  from: ChainStart = CHAIN_START,
): ChainCheck {
  const count = from.seq + events.length;
  let prevHash = from.hash;
  for (let i = 0; i < events.length; i += 1) {
    const event = events[i]!;
    const expectedSeq = from.seq + i + 1;
    if (event.seq !== expectedSeq) {
      return { ok: false, count, brokenAtSeq: expectedSeq, reason: 'event missing' };
    }
    if (event.prevHash !== prevHash) {
      return { ok: false, count, brokenAtSeq: event.seq, reason: 'previous hash does not match' };
    }
    const { _id: _ignoredId, hash, ...body } = event;
    if (hashAuditEvent(body) !== hash) {
      return { ok: false, count, brokenAtSeq: event.seq, reason: 'event altered' };
    }
    prevHash = hash;
  }
  if (head === 'open') return { ok: true, count };
  const headSeq = head?.seq ?? 0;
  if (headSeq !== count || (head !== null && head.hash !== prevHash)) {
    return { ok: false, count, brokenAtSeq: count + 1, reason: 'events after the last one are missing' };
  }
  return { ok: true, count };
}
