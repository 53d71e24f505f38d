/**
 * One-time authorisations (一次性订阅): a page asks `wx.requestSubscribeMessage` at the moment that
 * earns it (after submitting an application, after objecting, after pledging; on the officer's
 * workbench and the township's overview; on the members' meetings page) for the templates this
 * action names, then reports the ones the person accepted; each accept allows one message of that
 * template. Someone who declines is asked again next time and still sees everything in the app.
 */
import { AppError } from '../errors';
import type { ActionContext } from '../context';
import { holdsAnyRole } from '../access/rules';
import { addGrants } from './outbox';
import { MEETING_ADDRESSEES } from './people-messages';
import { templateIdOf, templateKeyOfId, type TemplateKey } from './templates';

export type SubscribeMoment = 'applied' | 'workbench' | 'objected' | 'pledged' | 'meetings';
export const SUBSCRIBE_MOMENTS: readonly SubscribeMoment[] = [
  'applied',
  'workbench',
  'objected',
  'pledged',
  'meetings',
];

function templatesFor(ctx: ActionContext, moment: SubscribeMoment): TemplateKey[] {
  switch (moment) {
    case 'applied':
      return ['caseProgress'];
    case 'workbench':
      return holdsAnyRole(ctx.caller, ['secretary', 'president', 'township']) ? ['officerTodo'] : [];
    case 'objected':
      // The answer is addressed to the raiser's user record: someone without one cannot be told, so is not asked.
      return ctx.caller.user ? ['objectionResult'] : [];
    case 'pledged':
      return ['donationProgress'];
    case 'meetings':
      return holdsAnyRole(ctx.caller, MEETING_ADDRESSEES) ? ['meetingNotice'] : [];
  }
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
  return { remaining: await addGrants(ctx.store, { userId: user._id, openid: user.openid }, keys, ctx.clock.now()) };
}
