/**
 * The county's case rules, kept in the county's settings document (`countySettings/{countyId}`,
 * beside the fund settings): how many working days a proposal may wait for its decision before
 * it is overdue to the township (DESIGN: "a case waiting for a decision is overdue to the
 * township after 1 working day"; 1 is the default, the county bureau may set another). A change
 * applies to proposals made after it: a running clock keeps the limit it started with. Every
 * society keeps a copy (registry/county-copies.ts), so a proposal reads no settings (issue 15).
 */
import { AppError } from '../errors';
import type { ActionContext } from '../context';
import { COLLECTIONS, type SocietyDoc } from '../collections';
import { keepCountyOnSocieties } from '../registry/county-copies';
import type { Store } from '../ports/store';
import { actorOf } from '../access/caller';
import { callerCounty } from '../access/rules';
import { appendAudit } from '../audit/trail';
import type { CountySettingsDoc } from '../funds/settings';
import {
  DEADLINE_WORKING_DAYS,
  DECISION_WORKING_DAYS_MAX,
  DECISION_WORKING_DAYS_MIN,
  type CountyCaseRulesView,
} from '../../miniprogram/domain/case';

/** The county's decision clock, from the copy its society keeps (no read), else read. */
export async function decisionWorkingDays(
  store: Store,
  society: Pick<SocietyDoc, 'countyId' | 'decisionWorkingDays'>,
): Promise<number> {
  if (society.decisionWorkingDays !== undefined) return society.decisionWorkingDays;
  const doc = await store.get<CountySettingsDoc>(COLLECTIONS.countySettings, society.countyId);
  return doc?.decisionWorkingDays ?? DEADLINE_WORKING_DAYS.decision;
}

function rulesView(countyId: string, doc: CountySettingsDoc | null, canEdit: boolean): CountyCaseRulesView {
  return {
    countyId,
    decisionWorkingDays: doc?.decisionWorkingDays ?? DEADLINE_WORKING_DAYS.decision,
    defaulted: doc?.decisionWorkingDays == null,
    canEdit,
    updatedAt: doc?.decisionWorkingDays == null ? null : doc.updatedAt,
  };
}

/** The county bureau and the townships of the county read them (the county dashboard). */
export async function getCaseRules(ctx: ActionContext): Promise<CountyCaseRulesView> {
  const { countyId, role } = await callerCounty(ctx.store, ctx.caller, ['county', 'township']);
  const doc = await ctx.store.get<CountySettingsDoc>(COLLECTIONS.countySettings, countyId);
  return rulesView(countyId, doc, role === 'county');
}

/** The county bureau sets the decision clock; audited in the county's chain. */
export async function setDecisionWorkingDays(ctx: ActionContext, days: number): Promise<CountyCaseRulesView> {
  const { countyId } = await callerCounty(ctx.store, ctx.caller, ['county']);
  if (!Number.isInteger(days) || days < DECISION_WORKING_DAYS_MIN || days > DECISION_WORKING_DAYS_MAX) {
    throw new AppError(
      'BAD_REQUEST',
      `decision working days out of range: ${days}`,
      `审批时限须为 ${DECISION_WORKING_DAYS_MIN} 到 ${DECISION_WORKING_DAYS_MAX} 个工作日`,
    );
  }
  const actor = actorOf(ctx.caller, 'county');
  const now = ctx.clock.now();
  const saved = await ctx.store.transaction(async (tx) => {
    const current = await tx.get<CountySettingsDoc>(COLLECTIONS.countySettings, countyId);
    const next: CountySettingsDoc = {
      federationAccount: null,
      publicFundraising: null,
      ...current,
      _id: countyId,
      decisionWorkingDays: days,
      updatedAt: now.toISOString(),
      updatedBy: actor,
    };
    await tx.set(COLLECTIONS.countySettings, next);
    await appendAudit(tx, {
      scopeId: countyId,
      actor,
      action: 'settings.decisionWorkingDays',
      target: `${COLLECTIONS.countySettings}/${countyId}`,
      details: { from: current?.decisionWorkingDays ?? null, to: days },
      at: now,
    });
    return next;
  });
  await keepCountyOnSocieties(ctx.store, countyId);
  return rulesView(countyId, saved, true);
}
