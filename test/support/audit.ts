/**
 * The audit chain as the minute timer leaves it: actions append their events pending
 * (server/audit/trail.ts), and a test that reads the chain itself seals them first, as every
 * reader of a trail does (server/audit/seal.ts).
 */
import { COLLECTIONS } from '../../server/collections';
import { findAll, type Store } from '../../server/ports/store';
import { sealPendingAudit } from '../../server/audit/seal';
import type { AuditEventDoc, AuditHeadDoc } from '../../server/audit/trail';

export async function sealAll(store: Store): Promise<void> {
  for (let more = true; more;) more = (await sealPendingAudit(store)).more;
}

/** A scope's chain, sealed: its events in sequence order and its head. */
export async function sealedChain(
  store: Store,
  scopeId: string,
): Promise<{ events: AuditEventDoc[]; head: AuditHeadDoc | null }> {
  await sealAll(store);
  const [events, head] = await Promise.all([
    findAll<AuditEventDoc>(store, COLLECTIONS.auditEvents, { where: { scopeId }, orderBy: [['seq', 'asc']] }),
    store.get<AuditHeadDoc>(COLLECTIONS.auditHeads, scopeId),
  ]);
  return { events, head };
}

/** How many events a scope's chain holds, once sealed. */
export async function chainLength(store: Store, scopeId: string): Promise<number> {
  await sealAll(store);
  return (await store.get<AuditHeadDoc>(COLLECTIONS.auditHeads, scopeId))?.seq ?? 0;
}
