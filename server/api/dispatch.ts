/**
 * The one path every call takes, in the cloud and on the local stack: find the action, check the
 * payload against its schema, resolve the caller, check access, run the use case, and answer an
 * envelope. Nothing a caller sends can make it throw.
 */
import type { z } from 'zod';
import { AppError, ERROR_MESSAGES, type Envelope } from './errors';
import { fieldLabelOf } from './field-labels';
import type { FunctionDefinition } from './define';
import type { Ports } from './context';
import { holdsAnyRole, resolveCaller } from '../access/caller';
import { isStoreError } from '../ports/store';

/** Keys CloudBase adds to the event itself; never part of a payload. */
const PLATFORM_KEYS = ['userInfo'];

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
    const { action: rawAction, ...rest } = event as Record<string, unknown>;
    if (typeof rawAction !== 'string' || !Object.prototype.hasOwnProperty.call(fn.actions, rawAction)) {
      throw new AppError('UNKNOWN_ACTION', `unknown action ${String(rawAction).slice(0, 64)} for ${fn.name}`);
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

    const caller = await resolveCaller(ports.store, openid);
    if (definition.access === 'known' && !caller.user) {
      throw new AppError(openid ? 'FORBIDDEN' : 'UNAUTHENTICATED', 'caller has no user record');
    }
    if (Array.isArray(definition.access) && !holdsAnyRole(caller, definition.access)) {
      throw new AppError(
        openid ? 'FORBIDDEN' : 'UNAUTHENTICATED',
        `caller ${openid ?? 'anonymous'} holds none of [${definition.access.join(',')}]`,
      );
    }

    const data = await definition.handler({ ...ports, caller }, parsed.data);
    ports.log.info('call', { fn: fn.name, action: actionName, ms: Date.now() - started });
    return { ok: true, data: data === undefined ? null : data };
  } catch (error) {
    return failure(fn.name, actionName, error, ports, started);
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
