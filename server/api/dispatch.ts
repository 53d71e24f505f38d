/**
 * The one path every call takes, in the cloud and on the local stack: find the action, check the
 * payload against its schema, resolve the caller, check access, run the use case, and answer an
 * envelope. Nothing a caller sends can make it throw.
 */
import * as z from 'zod/mini';
import { en } from 'zod/locales';
import { AppError, ERROR_MESSAGES, type Envelope } from '../errors';
import { fieldLabelOf } from './field-labels';
import type { FunctionDefinition } from './define';
import type { Ports } from '../context';
import { resolveCaller, timerCaller } from '../access/caller';
import { holdsAnyRole } from '../access/rules';
import { isStoreError } from '../ports/store';
import { CallStore } from '../ports/call-store';
import { deliverEach, withQueuedNote } from '../messages/outbox';

// zod/mini brings no wording of its own ("Invalid input" for every issue): the English log
// messages below read as they did with full zod.
z.config(en());

/** Keys CloudBase adds to the event itself; never part of a payload. */
const PLATFORM_KEYS = ['userInfo'];

/**
 * The trigger name of a CloudBase timer event (`{ Type: 'Timer', TriggerName, Time, Message }`),
 * or null. Only a call without an OPENID can be a timer: a person's call always carries one.
 */
export function timerTriggerOf(event: unknown, openid: string | null): string | null {
  if (openid !== null || event === null || typeof event !== 'object' || Array.isArray(event)) return null;
  const { Type, TriggerName } = event as Record<string, unknown>;
  return Type === 'Timer' && typeof TriggerName === 'string' ? TriggerName : null;
}

export async function dispatch(
  fn: FunctionDefinition,
  event: unknown,
  openid: string | null,
  ports: Ports,
): Promise<Envelope> {
  const started = Date.now();
  let actionName = '?';
  try {
    if (event === null || typeof event !== 'object' || Array.isArray(event)) {
      throw new AppError('BAD_REQUEST', 'event is not an object');
    }
    const timer = timerTriggerOf(event, openid);
    if (timer !== null && !Object.prototype.hasOwnProperty.call(fn.timers ?? {}, timer)) {
      throw new AppError('BAD_REQUEST', `no timer ${timer.slice(0, 64)} in ${fn.name}`);
    }
    const { action: rawAction, ...rest } =
      timer !== null ? { action: fn.timers![timer] } : (event as Record<string, unknown>);
    if (typeof rawAction !== 'string') {
      throw new AppError('BAD_REQUEST', `action is a ${rawAction === null ? 'null' : typeof rawAction}, not a string`);
    }
    if (!Object.prototype.hasOwnProperty.call(fn.actions, rawAction)) {
      throw new AppError('UNKNOWN_ACTION', `unknown action ${rawAction.slice(0, 64)} for ${fn.name}`);
    }
    actionName = rawAction;
    const definition = fn.actions[rawAction]!;
    for (const key of PLATFORM_KEYS) delete rest[key];

    const parsed = definition.payload.safeParse(rest);
    if (!parsed.success) {
      throw new AppError(
        'BAD_REQUEST',
        `invalid payload: ${describeIssues(parsed.error.issues)}`,
        payloadMessage(parsed.error.issues),
      );
    }

    // One Store per call: what the call reads twice costs one round trip (server/ports/call-store.ts).
    const store = new CallStore(ports.store);
    const caller =
      timer !== null
        ? timerCaller(timer)
        : definition.ignoresCaller && definition.access === 'anyone'
          ? { openid, user: null, grants: [] }
          : await resolveCaller(store, openid);
    if (timer !== null) {
      // A timer runs only what its function's timer table names, and only an action that allows it.
      if (!definition.timer) throw new AppError('FORBIDDEN', `timer ${timer} may not call ${fn.name}.${actionName}`);
    } else {
      if (definition.access === 'known' && !caller.user) {
        throw new AppError(openid ? 'FORBIDDEN' : 'UNAUTHENTICATED', 'caller has no user record');
      }
      if (Array.isArray(definition.access) && !holdsAnyRole(caller, definition.access)) {
        throw new AppError(
          openid ? 'FORBIDDEN' : 'UNAUTHENTICATED',
          `caller ${openid ?? 'anonymous'} holds none of [${definition.access.join(',')}]`,
        );
      }
    }

    const { result: data, queued } = await withQueuedNote(() =>
      definition.handler({ ...ports, store, caller }, parsed.data),
    );
    if (timer === null && queued.length > 0) await sendQueuedMessages(ports, queued, fn.name, actionName);
    ports.log.info('call', { fn: fn.name, action: actionName, ms: Date.now() - started });
    return { ok: true, data: data === undefined ? null : data };
  } catch (error) {
    return failure(fn.name, actionName, error, ports, started);
  }
}

/**
 * What a call queued for someone subscribed (an objection's answer, a meeting's members) goes out
 * before the answer, so nobody waits for the timer; only those messages, by id, so a call that
 * queued none skips this. A case step's and a pledge's messages wait on their document instead,
 * and the minute timer sends them (server/outbound.ts). A failure here never fails the call: the message
 * stays in the outbox and the scheduler sends it.
 */
async function sendQueuedMessages(
  ports: Ports,
  ids: readonly string[],
  fnName: string,
  actionName: string,
): Promise<void> {
  try {
    await deliverEach(ports, ids);
  } catch (error) {
    ports.log.error('sending messages failed', { fn: fnName, action: actionName, detail: String(error) });
  }
}

function failure(fnName: string, actionName: string, error: unknown, ports: Ports, started: number): Envelope {
  const fields = { fn: fnName, action: actionName, ms: Date.now() - started };
  if (error instanceof AppError) {
    ports.log.info('refused', { ...fields, code: error.code, detail: error.message });
    return { ok: false, error: { code: error.code, message: error.userMessage } };
  }
  if (isStoreError(error, 'INVALID_QUERY')) {
    ports.log.info('refused', { ...fields, code: 'BAD_REQUEST', detail: error.message });
    return { ok: false, error: { code: 'BAD_REQUEST', message: ERROR_MESSAGES.BAD_REQUEST } };
  }
  if (isStoreError(error, 'CONFLICT')) {
    ports.log.info('refused', { ...fields, code: 'CONFLICT', detail: error.message });
    return { ok: false, error: { code: 'CONFLICT', message: ERROR_MESSAGES.CONFLICT } };
  }
  const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  ports.log.error('failed', { ...fields, detail, stack: error instanceof Error ? error.stack : undefined });
  return { ok: false, error: { code: 'INTERNAL', message: ERROR_MESSAGES.INTERNAL } };
}

function describeIssues(issues: readonly z.core.$ZodIssue[]): string {
  return issues
    .slice(0, 5)
    .map((issue) => `${issue.path.join('.') || '(payload)'}: ${issue.message}`)
    .join('; ');
}

/**
 * A Chinese message naming the first field at fault by its Chinese label, so the page can say
 * what to fix; the field's path and zod's wording stay in the English log message. A field the
 * page should never send (unknown keys) is the page's fault: the plain message only.
 */
function payloadMessage(issues: readonly z.core.$ZodIssue[]): string {
  const first = issues[0];
  if (!first || first.code === 'unrecognized_keys') return ERROR_MESSAGES.BAD_REQUEST;
  const label = fieldLabelOf(first.path);
  return label ? `填写的内容有误：${label}，请检查后重试` : ERROR_MESSAGES.BAD_REQUEST;
}
