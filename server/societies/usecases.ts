/** Reading societies: their public page, the caller's roles, the lists township and county oversee. */
import { hasReportedClue } from '../clues/usecases';
import { AppError } from '../errors';
import type { ActionContext } from '../context';
import { COLLECTIONS, type AreaDoc, type SocietyDoc } from '../collections';
import { AREA_OVERSEERS, coversSociety, grantsOf, scopesOf } from '../access/rules';
import { raisedFen, type FundDoc } from '../ledger/ledger';
import { getCountySettings } from '../funds/settings';
import type { Store, Where } from '../ports/store';
import {
  ROLE_LABELS,
  SOCIETY_FORM_LABELS,
  SOCIETY_STATUS_LABELS,
  STARTUP_FUND_TARGET_FEN,
  type CallerActivity,
  type MeView,
  type RoleGrant,
  type SocietyListItem,
  type SocietyPublicView,
} from '../../miniprogram/domain/society';

export async function getSociety(store: Store, societyId: string): Promise<SocietyDoc> {
  const society = await store.get<SocietyDoc>(COLLECTIONS.societies, societyId);
  if (!society) throw new AppError('NOT_FOUND', `society ${societyId} not found`, '没有找到这个互助社');
  return society;
}

async function fundOf(store: Store, societyId: string): Promise<FundDoc | null> {
  return store.get<FundDoc>(COLLECTIONS.funds, societyId);
}

async function areaNames(store: Store, ids: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  const areas = unique.length
    ? await store.find<AreaDoc>(COLLECTIONS.areas, { where: { _id: { $in: unique } }, limit: unique.length })
    : [];
  return new Map(areas.map((area) => [area._id, area.name]));
}

/** Anyone may read a society's public page (R-OVS-3: the society and its fund are public). */
export async function getSocietyPublicView(ctx: ActionContext, societyId: string): Promise<SocietyPublicView> {
  const society = await getSociety(ctx.store, societyId);
  const [fund, names, settings] = await Promise.all([
    fundOf(ctx.store, societyId),
    areaNames(ctx.store, [society.villageId, society.townshipId, society.countyId]),
    getCountySettings(ctx.store, society.countyId),
  ]);
  return {
    id: society._id,
    name: society.name,
    villageName: names.get(society.villageId) ?? '',
    townshipName: names.get(society.townshipId) ?? '',
    countyName: names.get(society.countyId) ?? '',
    form: society.form,
    formLabel: SOCIETY_FORM_LABELS[society.form],
    status: society.status,
    statusLabel: SOCIETY_STATUS_LABELS[society.status],
    registrationNumber: society.registrationNumber,
    fund: {
      balanceFen: fund?.balanceFen ?? 0,
      raisedFen: fund ? raisedFen(fund) : 0,
      targetFen: STARTUP_FUND_TARGET_FEN,
    },
    publicFundraising: settings.publicFundraising,
    publicPhone: society.publicPhone ?? null,
  };
}

export async function describeCaller(ctx: ActionContext): Promise<MeView> {
  const { caller } = ctx;
  const grants = grantsOf(caller);
  const societyIds = grants.flatMap((grant) => (grant.societyId ? [grant.societyId] : []));
  const areaIds = grants.flatMap((grant) => (grant.areaId ? [grant.areaId] : []));
  const [societies, names] = await Promise.all([
    societyIds.length
      ? ctx.store.find<SocietyDoc>(COLLECTIONS.societies, { where: { _id: { $in: [...new Set(societyIds)] } } })
      : Promise.resolve([]),
    areaNames(ctx.store, areaIds),
  ]);
  const societyNames = new Map(societies.map((society) => [society._id, society.name]));
  const roles: RoleGrant[] = grants.map((grant) => ({
    role: grant.role,
    roleLabel: ROLE_LABELS[grant.role],
    societyId: grant.societyId,
    scopeName: grant.societyId
      ? (societyNames.get(grant.societyId) ?? '')
      : grant.areaId
        ? (names.get(grant.areaId) ?? '')
        : '',
  }));
  const activities: CallerActivity[] = [];
  // Anyone in WeChat may object to a notice, with or without a role: home then shows 我的异议.
  if (caller.openid && (await ctx.store.count(COLLECTIONS.noticeObjections, { raisedByOpenid: caller.openid })) > 0) {
    activities.push('raisedObjection');
  }
  // Anyone may report a clue, anonymously too: home then shows 我的线索 (issue 13).
  if (await hasReportedClue(ctx)) activities.push('reportedClue');
  return {
    openid: caller.openid ?? '',
    userId: caller.user?._id ?? null,
    name: caller.user?.name ?? null,
    roles,
    activities,
  };
}

/** The societies a township, the county bureau or the federation oversees, optionally of one township. */
export async function listSocieties(ctx: ActionContext, townshipId: string | undefined): Promise<SocietyListItem[]> {
  const scopes = scopesOf(ctx.caller, AREA_OVERSEERS);
  let where: Where;
  if (townshipId) where = { townshipId };
  else if (scopes.countyIds.length) where = { countyId: { $in: scopes.countyIds } };
  else where = { townshipId: { $in: scopes.townshipIds } };
  const candidates = await ctx.store.find<SocietyDoc>(COLLECTIONS.societies, {
    where,
    orderBy: [['name', 'asc']],
    limit: 1000,
  });
  const visible = candidates.filter((society) => coversSociety(ctx.caller, AREA_OVERSEERS, society));
  if (townshipId && visible.length < candidates.length) {
    throw new AppError('FORBIDDEN', `caller may not list township ${townshipId}`);
  }
  const [funds, names] = await Promise.all([
    visible.length
      ? ctx.store.find<FundDoc>(COLLECTIONS.funds, { where: { _id: { $in: visible.map((s) => s._id) } }, limit: 1000 })
      : Promise.resolve([]),
    areaNames(
      ctx.store,
      visible.flatMap((society) => [society.villageId, society.townshipId]),
    ),
  ]);
  const fundsById = new Map(funds.map((fund) => [fund._id, fund]));
  return visible.map((society) => {
    const fund = fundsById.get(society._id);
    return {
      id: society._id,
      name: society.name,
      villageName: names.get(society.villageId) ?? '',
      townshipName: names.get(society.townshipId) ?? '',
      form: society.form,
      formLabel: SOCIETY_FORM_LABELS[society.form],
      status: society.status,
      statusLabel: SOCIETY_STATUS_LABELS[society.status],
      balanceFen: fund?.balanceFen ?? 0,
      raisedFen: fund ? raisedFen(fund) : 0,
    };
  });
}
