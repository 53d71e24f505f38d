/**
 * One-time authorisations (一次性订阅): a page asks `wx.requestSubscribeMessage` at the moment that
 * earns it (after submitting an application; on the officer's workbench) for the templates this
 * action names, then reports the ones the person accepted; each accept allows one message of that
 * template. Someone who declines is asked again next time and still sees everything in the app.
 */
import { AppError } from '../errors';
import type { ActionContext } from '../context';
import { holdsAnyRole } from '../access/caller';
import { addGrants } from './outbox';
import { templateIdOf, templateKeyOfId, type TemplateKey } from './templates';

export type SubscribeMoment = 'applied' | 'workbench';
export const SUBSCRIBE_MOMENTS: readonly SubscribeMoment[] = ['applied', 'workbench'];

function templatesFor(ctx: ActionContext, moment: SubscribeMoment): TemplateKey[] {
  if (moment === 'applied') return ['caseProgress'];
  return holdsAnyRole(ctx.caller, ['secretary', 'president', 'township']) ? ['officerTodo'] : [];
}

/** The template ids to ask for at this moment (none configured: nothing to ask). */
export async function subscriptionRequest(
  ctx: ActionContext,
  moment: SubscribeMoment,
): Promise<{ templateIds: string[] }> {
  const templateIds = templatesFor(ctx, moment)
    .map((key) => templateIdOf(key, ctx.notifier.kind))
    .filter((id): id is string => id !== null);
  return { templateIds };
}

/** The template ids the person accepted in `wx.requestSubscribeMessage`; ids of no template of ours are ignored. */
export async function recordSubscriptions(
  ctx: ActionContext,
  acceptedTemplateIds: readonly string[],
): Promise<{ remaining: Record<string, number> }> {
  const user = ctx.caller.user;
  if (!user) throw new AppError('FORBIDDEN', 'subscriptions need a user record');
  const keys = [
    ...new Set(
      acceptedTemplateIds
        .map((id) => templateKeyOfId(id, ctx.notifier.kind))
        .filter((key): key is TemplateKey => key !== null),
    ),
  ];
  return { remaining: await addGrants(ctx.store, user._id, keys, ctx.clock.now()) };
}
