/**
 * The outbox: every message to every person, in the store, in the cloud as locally. A message is
 * queued under a deterministic id (the case event, or the deadline and its due time), so a step
 * retried, a timer run twice or a run that died halfway never queues it twice. Delivery claims it
 * in a transaction that also consumes one of the addressee's one-time authorisations
 * (`wx.requestSubscribeMessage`); without one left it is kept as `unsubscribed` (the person still
 * sees everything in the app). WeChat's answer is recorded with its errCode; a failure worth
 * retrying (system busy) is retried by the scheduler, a refusal (the user turned messages off) is not.
 * A message claimed by a run that died before recording WeChat's answer stays `sending`: it may have
 * gone out, and sending it again could send it twice.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { COLLECTIONS, type UserDoc } from '../collections';
import type { Doc, Store, Transaction } from '../ports/store';
import { findIn, isStoreError } from '../ports/store';
import type { Clock } from '../ports/clock';
import type { Notifier } from '../ports/notifier';
import type { Logger } from '../context';
import type { ComposedMessage, MessageKind } from './compose';
import { templateData, templateIdOf, type TemplateKey } from './templates';

export type OutboxStatus = 'queued' | 'sending' | 'sent' | 'failed' | 'retry' | 'unsubscribed' | 'unconfigured';

export interface OutboxDoc extends Doc {
  kind: MessageKind;
  templateKey: TemplateKey;
  /** The addressee; their OPENID is read when the message is sent. */
  userId: string;
  societyId: string;
  caseId: string | null;
  page: string;
  values: Record<string, string>;
  title: string;
  status: OutboxStatus;
  queuedAt: string;
  attempts: number;
  sentAt: string | null;
  errCode: number | null;
  errMsg: string | null;
  /** For `retry`: not before this instant. */
  nextAttemptAt: string | null;
  updatedAt: string;
}

/** `messageGrants/{userId}:{templateKey}`: one-time authorisations granted and not yet used. */
export interface MessageGrantDoc extends Doc {
  userId: string;
  templateKey: TemplateKey;
  remaining: number;
  /** The person's OPENID, kept with the grant so sending reads no user record (older grants lack it). */
  openid?: string;
  updatedAt: string;
}

export interface MessagePorts {
  store: Store;
  clock: Clock;
  notifier: Notifier;
  log: Logger;
}

/** WeChat's codes after which sending again can succeed: system busy, and the daily quota. */
export const RETRYABLE_ERROR_CODES: readonly number[] = [-1, 45009, 45047];
/** The user has no authorisation for this template (refused, or turned the messages off). */
export const NOT_SUBSCRIBED_ERROR_CODE = 43101;
export const MAX_ATTEMPTS = 5;
const RETRY_AFTER_MS = 30 * 60 * 1000;
/** WeChat keeps at most this many unused one-time authorisations worth counting. */
export const MAX_GRANTS = 50;

export function grantId(userId: string, templateKey: TemplateKey): string {
  return `${userId}:${templateKey}`;
}

export interface Addressee {
  userId: string;
  societyId: string;
  caseId: string | null;
}

export function outboxDoc(id: string, message: ComposedMessage, to: Addressee, at: Date): OutboxDoc {
  return {
    _id: id,
    kind: message.kind,
    templateKey: message.templateKey,
    userId: to.userId,
    societyId: to.societyId,
    caseId: to.caseId,
    page: message.page,
    values: message.values,
    title: message.title,
    status: 'queued',
    queuedAt: at.toISOString(),
    attempts: 0,
    sentAt: null,
    errCode: null,
    errMsg: null,
    nextAttemptAt: null,
    updatedAt: at.toISOString(),
  };
}

/** The messages the call running now queued for sending (set by the queueing functions, read by dispatch). */
const thisCall = new AsyncLocalStorage<{ queued: string[] }>();

function noteQueued(id: string): void {
  thisCall.getStore()?.queued.push(id);
}

/**
 * Runs one call's work and answers the ids of the messages it queued for sending: dispatch sends
 * those right away, and only those, so a call that queues nothing (or only messages nobody
 * subscribed to) pays no round trip for the outbox.
 */
export async function withQueuedNote<T>(work: () => Promise<T>): Promise<{ result: T; queued: string[] }> {
  const call = { queued: [] as string[] };
  const result = await thisCall.run(call, work);
  return { result, queued: call.queued };
}

/**
 * Whether a grant lets a message be sent. A message to someone with no authorisation left is
 * queued as `unsubscribed` at once (what sending would have found), so it costs nothing more.
 */
function statusFor(grant: MessageGrantDoc | null | undefined): OutboxStatus {
  return grant && grant.remaining > 0 ? 'queued' : 'unsubscribed';
}

/**
 * Queues inside the step's own transaction (by id only): it lands with the step or not at all.
 * (A case step or a received pledge keeps its messages on its document instead: server/outbound.ts.)
 */
export async function queueInTransaction(tx: Transaction, doc: OutboxDoc): Promise<void> {
  if (await tx.get(COLLECTIONS.outbox, doc._id)) return;
  const grant = await tx.get<MessageGrantDoc>(COLLECTIONS.messageGrants, grantId(doc.userId, doc.templateKey));
  const status = statusFor(grant);
  await tx.insert(COLLECTIONS.outbox, { ...doc, status });
  if (status === 'queued') noteQueued(doc._id);
}

/**
 * Queues outside a transaction; an id already queued is the same message, left as it is. The
 * addressees' authorisations are read in one query. Returns the ids newly queued.
 */
export async function queueMessages(store: Store, docs: readonly OutboxDoc[]): Promise<string[]> {
  if (docs.length === 0) return [];
  const grantIds = [...new Set(docs.map((doc) => grantId(doc.userId, doc.templateKey)))];
  const grants = new Map(
    (await findIn<MessageGrantDoc>(store, COLLECTIONS.messageGrants, '_id', grantIds)).map((grant) => [
      grant._id,
      grant,
    ]),
  );
  const queued: string[] = [];
  for (const doc of docs) {
    const status = statusFor(grants.get(grantId(doc.userId, doc.templateKey)));
    try {
      await store.insert(COLLECTIONS.outbox, { ...doc, status });
      if (status === 'queued') noteQueued(doc._id);
      queued.push(doc._id);
    } catch (error) {
      if (!isStoreError(error, 'DUPLICATE_ID')) throw error;
    }
  }
  return queued;
}

type Claim =
  { send: true; doc: OutboxDoc; openid: string; templateId: string } | { send: false; status: OutboxStatus | null };

/** Claims one message for sending: exactly one run gets `send: true`, having used one authorisation. */
async function claim(ports: MessagePorts, id: string): Promise<Claim> {
  const at = ports.clock.now();
  return ports.store.transaction<Claim>(async (tx) => {
    const doc = await tx.get<OutboxDoc>(COLLECTIONS.outbox, id);
    if (!doc) return { send: false, status: null };
    const due = doc.status === 'queued' || (doc.status === 'retry' && (doc.nextAttemptAt ?? '') <= at.toISOString());
    if (!due) return { send: false, status: doc.status };
    const stamp = { updatedAt: at.toISOString() };
    const templateId = templateIdOf(doc.templateKey, ports.notifier.kind);
    if (!templateId) {
      await tx.update(COLLECTIONS.outbox, id, { status: 'unconfigured', ...stamp });
      return { send: false, status: 'unconfigured' };
    }
    const grant = await tx.get<MessageGrantDoc>(COLLECTIONS.messageGrants, grantId(doc.userId, doc.templateKey));
    const openid =
      grant?.openid ?? (grant ? ((await tx.get<UserDoc>(COLLECTIONS.users, doc.userId))?.openid ?? null) : null);
    if (!grant || grant.remaining < 1 || !openid) {
      await tx.update(COLLECTIONS.outbox, id, { status: 'unsubscribed', ...stamp });
      return { send: false, status: 'unsubscribed' };
    }
    await tx.update(COLLECTIONS.messageGrants, grant._id, { remaining: grant.remaining - 1, ...stamp });
    await tx.update(COLLECTIONS.outbox, id, { status: 'sending', attempts: doc.attempts + 1, ...stamp });
    return { send: true, doc: { ...doc, attempts: doc.attempts + 1 }, openid, templateId };
  });
}

/** Sends one queued (or due retry) message if it is still unsent; returns its status afterwards. */
export async function deliver(ports: MessagePorts, id: string): Promise<OutboxStatus | null> {
  const claimed = await claim(ports, id);
  if (!claimed.send) return claimed.status;
  const { doc } = claimed;
  const result = await ports.notifier.send({
    touser: claimed.openid,
    templateId: claimed.templateId,
    page: doc.page,
    data: templateData(doc.templateKey, doc.values),
  });
  const at = ports.clock.now();
  const stamp = { updatedAt: at.toISOString() };
  if (result.ok) {
    await ports.store.transaction((tx) =>
      tx.update(COLLECTIONS.outbox, id, {
        status: 'sent',
        sentAt: at.toISOString(),
        errCode: 0,
        errMsg: null,
        ...stamp,
      }),
    );
    return 'sent';
  }
  const retry = RETRYABLE_ERROR_CODES.includes(result.errCode) && doc.attempts < MAX_ATTEMPTS;
  const status: OutboxStatus = retry ? 'retry' : 'failed';
  await ports.store.transaction(async (tx) => {
    await tx.update(COLLECTIONS.outbox, id, {
      status,
      errCode: result.errCode,
      errMsg: result.errMsg.slice(0, 200),
      nextAttemptAt: retry ? new Date(at.getTime() + RETRY_AFTER_MS * doc.attempts).toISOString() : null,
      ...stamp,
    });
    const grant = await tx.get<MessageGrantDoc>(COLLECTIONS.messageGrants, grantId(doc.userId, doc.templateKey));
    if (!grant) return;
    // WeChat did not use the authorisation when it was busy; it has none at all when it says "not subscribed".
    if (retry) await tx.update(COLLECTIONS.messageGrants, grant._id, { remaining: grant.remaining + 1, ...stamp });
    if (result.errCode === NOT_SUBSCRIBED_ERROR_CODE) {
      await tx.update(COLLECTIONS.messageGrants, grant._id, { remaining: 0, ...stamp });
    }
  });
  ports.log.info('message not sent', { id, kind: doc.kind, errCode: result.errCode, status });
  return status;
}

/** Sends what is queued, and the retries that are due; at most `limit` of each. */
export async function deliverPending(ports: MessagePorts, limit = 50): Promise<Record<string, number>> {
  const now = ports.clock.now().toISOString();
  const queued = await ports.store.find<OutboxDoc>(COLLECTIONS.outbox, {
    where: { status: 'queued' },
    orderBy: [['queuedAt', 'asc']],
    limit,
  });
  const retries = await ports.store.find<OutboxDoc>(COLLECTIONS.outbox, {
    where: { status: 'retry', nextAttemptAt: { $lte: now } },
    orderBy: [['nextAttemptAt', 'asc']],
    limit,
  });
  const counts: Record<string, number> = {};
  for (const doc of [...queued, ...retries]) {
    const status = (await deliver(ports, doc._id)) ?? 'missing';
    counts[status] = (counts[status] ?? 0) + 1;
  }
  return counts;
}

/** Sends the messages one call queued, each by id (no query for them). */
export async function deliverEach(ports: MessagePorts, ids: readonly string[]): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const id of ids) {
    const status = (await deliver(ports, id)) ?? 'missing';
    counts[status] = (counts[status] ?? 0) + 1;
  }
  return counts;
}

/** Adds the one-time authorisations a person just granted (one per template per accept). */
export async function addGrants(
  store: Store,
  person: { userId: string; openid: string },
  templateKeys: readonly TemplateKey[],
  at: Date,
): Promise<Record<string, number>> {
  const { userId, openid } = person;
  const remaining: Record<string, number> = {};
  for (const key of templateKeys) {
    remaining[key] = await store.transaction(async (tx) => {
      const id = grantId(userId, key);
      const grant = await tx.get<MessageGrantDoc>(COLLECTIONS.messageGrants, id);
      const next = Math.min(MAX_GRANTS, (grant?.remaining ?? 0) + 1);
      await tx.set<MessageGrantDoc>(COLLECTIONS.messageGrants, {
        _id: id,
        userId,
        templateKey: key,
        remaining: next,
        openid,
        updatedAt: at.toISOString(),
      });
      return next;
    });
  }
  return remaining;
}
