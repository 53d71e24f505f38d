/**
 * County-wide fund settings (`countySettings/{countyId}`): the federation's bank account, where
 * filed societies' money sits in per-village sub-accounts (R-ORG-1), and — R-FUND-2 — whether
 * the federation holds the public-fundraising qualification and runs a project on a designated
 * platform. A society page may then show a link to that project; we never take payments.
 */
import { AppError } from '../errors';
import type { ActionContext } from '../context';
import { COLLECTIONS } from '../collections';
import type { Doc, Store } from '../ports/store';
import { type Actor, actorOf } from '../access/caller';
import { callerCounty } from '../access/rules';
import { appendAudit } from '../audit/trail';
import type { BankAccount } from '../../miniprogram/domain/registry';
import type { CountyFundSettingsView, PublicFundraisingLink } from '../../miniprogram/domain/funds';

export interface CountySettingsDoc extends Doc {
  federationAccount: BankAccount | null;
  publicFundraising: PublicFundraisingLink | null;
  /** The decision clock (server/cases/county-rules.ts); absent: the default. */
  decisionWorkingDays?: number;
  updatedAt: string;
  updatedBy: Actor | null;
}

export type CountySettingsView = CountyFundSettingsView;

export async function getCountySettings(store: Store, countyId: string): Promise<CountySettingsView> {
  const doc = await store.get<CountySettingsDoc>(COLLECTIONS.countySettings, countyId);
  return {
    countyId,
    federationAccount: doc?.federationAccount ?? null,
    publicFundraising: doc?.publicFundraising ?? null,
    updatedAt: doc?.updatedAt ?? null,
  };
}

export async function readCountySettings(ctx: ActionContext): Promise<CountySettingsView> {
  const { countyId } = await callerCounty(ctx.store, ctx.caller, ['county', 'federation', 'township']);
  return getCountySettings(ctx.store, countyId);
}

type Patch = Partial<Pick<CountySettingsDoc, 'federationAccount' | 'publicFundraising'>>;

async function patchSettings(ctx: ActionContext, countyId: string, actor: Actor, patch: Patch, action: string) {
  const now = ctx.clock.now();
  await ctx.store.transaction(async (tx) => {
    const current = await tx.get<CountySettingsDoc>(COLLECTIONS.countySettings, countyId);
    const next: CountySettingsDoc = {
      // The county's other settings (the decision clock) stay as they are.
      ...current,
      _id: countyId,
      federationAccount: current?.federationAccount ?? null,
      publicFundraising: current?.publicFundraising ?? null,
      ...patch,
      updatedAt: now.toISOString(),
      updatedBy: actor,
    };
    await tx.set(COLLECTIONS.countySettings, next);
    await appendAudit(tx, {
      scopeId: countyId,
      actor,
      action,
      target: `${COLLECTIONS.countySettings}/${countyId}`,
      details: { ...patch },
      at: now,
    });
  });
  return getCountySettings(ctx.store, countyId);
}

/** The federation records its own account (where filed societies' donors transfer to). */
export async function setFederationAccount(
  ctx: ActionContext,
  account: BankAccount | null,
): Promise<CountySettingsView> {
  const { countyId } = await callerCounty(ctx.store, ctx.caller, ['federation']);
  return patchSettings(
    ctx,
    countyId,
    actorOf(ctx.caller, 'federation'),
    { federationAccount: account },
    'settings.federationAccount',
  );
}

/**
 * The county bureau records that the federation holds the public-fundraising qualification and
 * its project on a designated platform (or clears it). Only an https address is kept.
 */
export async function setPublicFundraising(
  ctx: ActionContext,
  link: PublicFundraisingLink | null,
): Promise<CountySettingsView> {
  const { countyId } = await callerCounty(ctx.store, ctx.caller, ['county']);
  if (link && !/^https:\/\/[^\s/$.?#][^\s]*$/i.test(link.url)) {
    throw new AppError('BAD_REQUEST', `not an https address: ${link.url}`, '项目链接须为 https 开头的网址');
  }
  return patchSettings(
    ctx,
    countyId,
    actorOf(ctx.caller, 'county'),
    { publicFundraising: link },
    'settings.publicFundraising',
  );
}
