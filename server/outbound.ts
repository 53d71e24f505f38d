/**
 * Outbound: what an action still has to hand on, kept on the document it writes (issue 15). A
 * case step or a pledge received writes its audit event and its messages on the case or the
 * pledge, in the write it makes anyway, instead of inserting them beside it: a step without a
 * transaction (`keptStep` in cases/common.ts) needs no other document, and a step in a
 * transaction needs fewer round trips. Handing on puts them where they belong: each audit event
 * into `auditEvents`, pending, for audit/seal.ts to chain; each message into the outbox with its
 * addressee's authorisation read now (`queueMessages`); and the messages to people looked up now
 * (a new application's officers, a payout's donors). Then the document is written without them.
 *
 * Safe to run twice, or at once with itself or with the actions:
 * - an event or a message keeps its id from the action, so handing it on again finds it there and
 *   leaves it (the insert's DUPLICATE_ID); a looked-up message has a deterministic id too;
 * - the document is cleared in a transaction of exactly what was handed on, by id: what an action
 *   added meanwhile stays for the next run. An action without a transaction that read the case
 *   before the clear and writes after it brings the handed-on items back; they are found again.
 *
 * Who runs it: the scheduler's minute timer (`sealAudit`, which then sends the messages and seals
 * the trail), every reader of a trail before it seals (audit/seal.ts), the preview's message
 * panel, and the local stack after each call (it has no timers). Until then an action's audit
 * event and messages wait on its document: at most a minute in the cloud.
 */
import { COLLECTIONS } from './collections';
import { isStoreError, type Doc, type Store } from './ports/store';
import type { PendingAuditEventDoc } from './audit/trail';
import { queueMessages, type OutboxDoc } from './messages/outbox';
import { queueNewApplication } from './messages/case-messages';
import { queueFundRelief } from './messages/people-messages';
import type { CaseDoc } from './cases/model';

export interface Outbound {
  audit: PendingAuditEventDoc[];
  messages: OutboxDoc[];
  /** Who else hears of a case step, looked up when handed on (the society's officers, the donors). */
  tasks?: OutboundTask[];
}

/** What a case step leaves to the hand-on besides its own messages: messages to people it looks up then. */
export type OutboundTask =
  { kind: 'newApplication'; at: string } | { kind: 'fundRelief'; societyName: string; at: string };

/** A document that keeps what its actions still hand on; both fields are present only while something waits. */
export interface KeepsOutbound extends Doc {
  outbound?: Outbound | null;
  /** When the oldest of `outbound` was kept: the hand-on finds the documents by it. */
  outboundAt?: string | null;
}

/** The collections whose documents keep outbound items (each with an `outboundAt` index). */
export const OUTBOUND_COLLECTIONS = [COLLECTIONS.cases, COLLECTIONS.pledges] as const;

/** `doc` with audit events, messages and tasks added to what it keeps for handing on. */
export function keepOutbound<T extends KeepsOutbound>(
  doc: T,
  audit: readonly PendingAuditEventDoc[],
  messages: readonly OutboxDoc[],
  tasks: readonly OutboundTask[] = [],
): T {
  if (!audit.length && !messages.length && !tasks.length) return doc;
  const waiting = doc.outbound ?? { audit: [], messages: [] };
  const allTasks = [...(waiting.tasks ?? []), ...tasks];
  return {
    ...doc,
    outbound: {
      audit: [...waiting.audit, ...audit],
      messages: [...waiting.messages, ...messages],
      ...(allTasks.length ? { tasks: allTasks } : {}),
    },
    outboundAt: doc.outboundAt ?? audit[0]?.at ?? messages[0]?.queuedAt ?? tasks[0]!.at,
  };
}

/** Documents handed on per query (each costs its inserts and one transaction). */
export const OUTBOUND_BATCH = 50;

export interface OutboundRun {
  /** Documents whose waiting items were handed on. */
  docs: number;
  audit: number;
  /** Ids of the messages put in the outbox (sending claims those someone subscribed to). */
  queued: string[];
  /**
   * Documents whose hand-on failed (`collection/id: error`): left as they were, for the next run;
   * one failing document never holds up the others, nor the sealing after them.
   */
  failed: string[];
  /** Documents may still be waiting beyond this run's budget. */
  more: boolean;
}

const taskKey = (task: OutboundTask) => JSON.stringify(task);

/** Hands on one document's waiting items, then removes exactly those from it. */
async function handOn(
  store: Store,
  collection: (typeof OUTBOUND_COLLECTIONS)[number],
  doc: KeepsOutbound,
): Promise<{ audit: number; queued: string[] }> {
  const waiting = doc.outbound ?? { audit: [], messages: [] };
  let audit = 0;
  for (const event of waiting.audit) {
    try {
      await store.insert(COLLECTIONS.auditEvents, event);
      audit += 1;
    } catch (error) {
      if (!isStoreError(error, 'DUPLICATE_ID')) throw error;
    }
  }
  const queued = await queueMessages(store, waiting.messages);
  for (const task of waiting.tasks ?? []) {
    const at = new Date(task.at);
    const caseDoc = doc as CaseDoc;
    queued.push(
      ...(task.kind === 'newApplication'
        ? await queueNewApplication(store, caseDoc, at)
        : await queueFundRelief(store, caseDoc, task.societyName, at)),
    );
  }
  const events = new Set(waiting.audit.map((event) => event._id));
  const messages = new Set(waiting.messages.map((message) => message._id));
  const tasks = new Set((waiting.tasks ?? []).map(taskKey));
  await store.transaction(async (tx) => {
    const current = await tx.get<KeepsOutbound>(collection, doc._id);
    if (!current?.outbound) return;
    const leftTasks = (current.outbound.tasks ?? []).filter((task) => !tasks.has(taskKey(task)));
    const left: Outbound = {
      audit: current.outbound.audit.filter((event) => !events.has(event._id)),
      messages: current.outbound.messages.filter((message) => !messages.has(message._id)),
      ...(leftTasks.length ? { tasks: leftTasks } : {}),
    };
    const since = [
      ...left.audit.map((event) => event.at),
      ...left.messages.map((message) => message.queuedAt),
      ...leftTasks.map((task) => task.at),
    ].sort();
    await tx.update(collection, doc._id, {
      outbound: since.length ? left : null,
      outboundAt: since[0] ?? null,
    });
  });
  return { audit, queued };
}

/** Hands on every waiting document, the oldest first, up to `budget` documents. */
export async function handOnWaiting(store: Store, budget = 500): Promise<OutboundRun> {
  const run: OutboundRun = { docs: 0, audit: 0, queued: [], failed: [], more: false };
  for (const collection of OUTBOUND_COLLECTIONS) {
    const seen = new Set<string>();
    while (run.docs < budget) {
      const docs = (
        await store.find<KeepsOutbound>(collection, {
          where: { outboundAt: { $gt: '' } },
          orderBy: [['outboundAt', 'asc']],
          limit: Math.min(OUTBOUND_BATCH, budget - run.docs),
        })
      ).filter((doc) => !seen.has(doc._id));
      if (!docs.length) break;
      for (const doc of docs) {
        seen.add(doc._id);
        try {
          const handed = await handOn(store, collection, doc);
          run.docs += 1;
          run.audit += handed.audit;
          run.queued.push(...handed.queued);
        } catch (error) {
          run.failed.push(`${collection}/${doc._id}: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
    }
    if (run.docs >= budget) {
      run.more = (await store.find(collection, { where: { outboundAt: { $gt: '' } }, limit: 1 })).length > 0;
      return run;
    }
  }
  return run;
}
