/** A society's relief standards (R-CAP-3, inside R-CAP-1/2) and its second approver, set by the president. */
import { AppError } from '../errors';
import type { ActionContext } from '../context';
import { COLLECTIONS, type MembershipDoc, type UserDoc } from '../collections';
import { actorOf } from '../access/caller';
import { requireReader, requireRole } from '../access/rules';
import { loadSociety } from '../registry/load';
import { appendAudit } from '../audit/trail';
import { eventActor, settingsOf, tiersOf, type ReliefSettingsDoc } from './model';
import { RELIEF_TYPES, tierProblems, type ReliefTiers } from '../../miniprogram/domain/relief';
import type { ReliefSettingsView } from '../../miniprogram/domain/case';

async function settingsView(
  ctx: ActionContext,
  societyId: string,
  doc: ReliefSettingsDoc | null,
): Promise<ReliefSettingsView> {
  let secondApprover: ReliefSettingsView['secondApprover'] = null;
  if (doc?.secondApproverUserId) {
    const user = await ctx.store.get<UserDoc>(COLLECTIONS.users, doc.secondApproverUserId);
    secondApprover = { userId: doc.secondApproverUserId, name: user?.name ?? '' };
  }
  return { societyId, tiers: tiersOf(doc), defaults: doc === null, secondApprover, updatedAt: doc?.updatedAt ?? null };
}

export async function getReliefSettings(ctx: ActionContext, societyId: string): Promise<ReliefSettingsView> {
  const society = await loadSociety(ctx.store, societyId);
  requireReader(ctx.caller, society);
  return settingsView(ctx, societyId, await settingsOf(ctx.store, society));
}

export interface SettingsInput {
  societyId: string;
  tiers: ReliefTiers;
  secondApproverUserId: string | null;
}

export async function setReliefSettings(ctx: ActionContext, input: SettingsInput): Promise<ReliefSettingsView> {
  const society = await loadSociety(ctx.store, input.societyId);
  requireRole(ctx.caller, ['president'], society, '只有社长可以设置救助档次和审批人');
  const tiers: ReliefTiers = {
    supplementary: [],
    emergency: [],
  };
  for (const type of RELIEF_TYPES) {
    tiers[type] = [...input.tiers[type]]
      .map((tier) => ({ id: tier.id, label: tier.label.trim(), amountFen: tier.amountFen }))
      .sort((a, b) => a.amountFen - b.amountFen);
  }
  const problems = tierProblems(tiers);
  if (problems.length) {
    throw new AppError('BAD_REQUEST', `invalid tiers: ${problems.length} problem(s)`, problems.slice(0, 3).join('；'));
  }
  if (input.secondApproverUserId) {
    const grants = await ctx.store.find<MembershipDoc>(COLLECTIONS.memberships, {
      where: { userId: input.secondApproverUserId, societyId: society._id, revokedAt: null },
      limit: 20,
    });
    if (!grants.some((grant) => grant.role === 'secretary' || grant.role === 'president')) {
      throw new AppError(
        'BAD_REQUEST',
        `second approver ${input.secondApproverUserId} is no officer of ${society._id}`,
        '第二审批人须是本互助社的秘书长或社长',
      );
    }
  }
  const at = ctx.clock.now();
  const actor = actorOf(ctx.caller, 'president');
  const saved = await ctx.store.transaction(async (tx) => {
    const current = await tx.get<ReliefSettingsDoc>(COLLECTIONS.reliefSettings, society._id);
    const doc: ReliefSettingsDoc = {
      _id: society._id,
      societyId: society._id,
      tiers,
      secondApproverUserId: input.secondApproverUserId,
      version: (current?.version ?? 0) + 1,
      updatedAt: at.toISOString(),
      updatedBy: eventActor(actor),
    };
    await tx.set(COLLECTIONS.reliefSettings, doc);
    // Kept on the society too, so that steps and views read no settings document (issue 15).
    await tx.update(COLLECTIONS.societies, society._id, { reliefSettings: doc });
    await appendAudit(tx, {
      scopeId: society._id,
      actor,
      action: 'relief.settings',
      target: `${COLLECTIONS.reliefSettings}/${society._id}`,
      details: {
        version: doc.version,
        tiers: RELIEF_TYPES.map((type) => `${type}:${tiers[type].map((tier) => tier.amountFen).join('/')}`).join(' '),
        secondApproverUserId: doc.secondApproverUserId,
      },
      at,
    });
    return doc;
  });
  return settingsView(ctx, society._id, saved);
}
