import type * as z from 'zod/mini';
import type { ErrorCode } from '../errors';
import type { ActionContext } from '../context';
import type { Role } from '../../miniprogram/domain/society';

/**
 * Who may call an action. 'anyone' includes callers unknown to us (a resident who opened a
 * village page from a QR code); 'known' is any caller with a user record; otherwise the caller
 * must hold one of the roles — the handler still checks that the role applies to the society
 * or area the payload names.
 */
export type Access = 'anyone' | 'known' | readonly Role[];

export interface ActionDefinition<P extends z.ZodMiniType = z.ZodMiniType, R = unknown> {
  /** One line in Chinese for the API reference and the page developers. */
  summary: string;
  access: Access;
  payload: P;
  /** The error codes this action answers beyond the ones every action can answer. */
  errors: readonly ErrorCode[];
  /**
   * The handler never looks at who calls (a public page, with access 'anyone'): the dispatcher does
   * not read the caller's user document, one round trip less (issue 15), and hands it over unknown.
   */
  ignoresCaller?: boolean;
  /** A timer trigger may call it (it is named in its function's `timers`); the caller then has `timer` set. */
  timer?: boolean;
  handler(ctx: ActionContext, payload: z.infer<P>): Promise<R>;
}

export type ActionTable = Record<string, ActionDefinition>;

export interface FunctionDefinition<A extends ActionTable = ActionTable> {
  name: string;
  summary: string;
  actions: A;
  /** Timer trigger name (the function's config.json) → the action it runs. */
  timers?: Readonly<Record<string, string>>;
}

/** Declares one action; the schema gives the validation, the payload type and the API reference. */
export function action<P extends z.ZodMiniType, R>(definition: ActionDefinition<P, R>): ActionDefinition<P, R> {
  return definition;
}

export function defineFunction<A extends ActionTable>(
  name: string,
  summary: string,
  actions: A,
  timers?: Readonly<Record<string, keyof A & string>>,
): FunctionDefinition<A> {
  return timers ? { name, summary, actions, timers } : { name, summary, actions };
}

/** The payload a page sends for an action. */
export type PayloadOf<F extends FunctionDefinition, K extends keyof F['actions']> = z.input<F['actions'][K]['payload']>;

/** The data an action answers with. */
export type ResultOf<F extends FunctionDefinition, K extends keyof F['actions']> = Awaited<
  ReturnType<F['actions'][K]['handler']>
>;
