/**
 * The audit trail (R-OVS-5): every action of every role is an attributed event, appended in the
 * same transaction as the change it records. Events of one scope (a society or an area) form a
 * chain: each carries the hash of the one before, so a removed or altered event is detectable.
 * Only by-id reads and writes, as CloudBase transactions allow: the scope's head document holds
 * the last sequence number and hash.
 */
import { createHash } from 'node:crypto';
import { COLLECTIONS } from '../collections';
import type { Doc, Transaction } from '../ports/store';
import type { Actor } from '../access/caller';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditHeadDoc extends Doc {
  seq: number;
  hash: string;
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

export interface AuditInput {
  scopeId: string;
  actor: Actor;
  action: string;
  target: string;
  details?: Record<string, unknown>;
  at: Date;
}

export function auditEventId(scopeId: string, seq: number): string {
  return `${scopeId}:${String(seq).padStart(10, '0')}`;
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

export async function appendAudit(tx: Transaction, input: AuditInput): Promise<AuditEventDoc> {
  const head = await tx.get<AuditHeadDoc>(COLLECTIONS.auditHeads, input.scopeId);
  const seq = (head?.seq ?? 0) + 1;
  const body: Omit<AuditEventDoc, '_id' | 'hash'> = {
    scopeId: input.scopeId,
    seq,
    actor: input.actor,
    action: input.action,
    target: input.target,
    details: input.details ?? {},
    at: input.at.toISOString(),
    prevHash: head?.hash ?? GENESIS_HASH,
  };
  const event: AuditEventDoc = { _id: auditEventId(input.scopeId, seq), ...body, hash: hashAuditEvent(body) };
  await tx.insert(COLLECTIONS.auditEvents, event);
  await tx.set<AuditHeadDoc>(COLLECTIONS.auditHeads, { _id: input.scopeId, seq, hash: event.hash });
  return event;
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
