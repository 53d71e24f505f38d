/**
 * The registry (R-ORG-1, R-ORG-2): a township or the county bureau starts a society for a
 * village (preparing), its president completes charter and place, and it is activated —
 * registered (登记) by the county bureau with a registration number, or filed (备案) with the
 * township with a filing number — once it has a charter, a place, a president, a secretary, a
 * supervisor and 30,000 yuan raised through the start-up channels. The county dashboard shows
 * every village of the county: no society yet, preparing (how far, from which channels), active.
 */
import { keepCountyOnSociety } from './county-copies';
import { AppError } from '../errors';
import type { ActionContext } from '../context';
import { COLLECTIONS, type AreaDoc, type MembershipDoc, type SocietyDoc } from '../collections';
import { callerCounty, coversSociety, requireActing } from '../access/rules';
import { loadSociety } from './load';
import { openBankAccount, sealBankAccount } from './bank-account';
import { appendAudit } from '../audit/trail';
import { emptyFund, type FundDoc } from '../ledger/ledger';
import { findAll, findIn, isStoreError, type Store, type Transaction } from '../ports/store';
import { loadWorkCalendar } from '../calendar/usecases';
import { beijingDayOf } from '../domain/workdays';
import { countSocietyChange, countsOf, loadAreaCounts, townshipCounts } from './area-counts';
import { getCountySettings } from '../funds/settings';
import {
  SOCIETY_FORM_LABELS,
  SOCIETY_STATUS_LABELS,
  type SocietyForm,
  type SocietyStatus,
} from '../../miniprogram/domain/society';
import {
  OFFICER_ROLE_SET,
  activationChecklist,
  type ActivationChecklist,
  type BankAccount,
  type CountyDashboardView,
  type DashboardVillage,
  type FederationOverviewView,
  type TownshipVillagesPage,
  type OfficerRole,
  type SocietySettingsView,
} from '../../miniprogram/domain/registry';
import type { RaisingType } from '../../miniprogram/domain/funds';

const OVERSEERS = ['township', 'county', 'federation'] as const;

function raisedByChannel(fund: FundDoc | null | undefined): Record<RaisingType, number> {
  return {
    countySubsidy: fund?.totalsByType.countySubsidy ?? 0,
    collectiveFund: fund?.totalsByType.collectiveFund ?? 0,
    donation: fund?.totalsByType.donation ?? 0,
  };
}

/** Active officer memberships of some societies, by society. */
/** The societies' officers: from the copies they keep (no read), else their memberships. */
async function officersOf(
  store: Store,
  societies: ReadonlyArray<Pick<SocietyDoc, '_id' | 'officers'>>,
): Promise<Map<string, MembershipDoc[]>> {
  const result = new Map<string, MembershipDoc[]>(societies.map((society) => [society._id, society.officers ?? []]));
  const unkept = societies.filter((society) => !society.officers).map((society) => society._id);
  if (unkept.length === 0) return result;
  const memberships = await findIn<MembershipDoc>(store, COLLECTIONS.memberships, 'societyId', unkept, {
    role: { $in: [...OFFICER_ROLE_SET] },
    revokedAt: null,
  });
  for (const membership of memberships) result.get(membership.societyId!)?.push(membership);
  return result;
}

function officerCounts(officers: readonly MembershipDoc[]): Record<OfficerRole, number> {
  const counts: Record<OfficerRole, number> = { president: 0, secretary: 0, supervisor: 0 };
  for (const officer of officers) counts[officer.role as OfficerRole] += 1;
  return counts;
}

function checklistOf(
  society: SocietyDoc,
  fund: FundDoc | null,
  officers: readonly MembershipDoc[],
): ActivationChecklist {
  return activationChecklist({
    hasCharter: society.hasCharter,
    place: society.place,
    officers: officerCounts(officers),
    raisedByChannel: raisedByChannel(fund),
  });
}

function settingsView(
  society: SocietyDoc,
  checklist: ActivationChecklist,
  raised: Record<RaisingType, number>,
): SocietySettingsView {
  return {
    id: society._id,
    name: society.name,
    form: society.form,
    formLabel: SOCIETY_FORM_LABELS[society.form],
    status: society.status,
    statusLabel: SOCIETY_STATUS_LABELS[society.status],
    registrationNumber: society.registrationNumber,
    hasCharter: society.hasCharter,
    place: society.place,
    bankAccount: openBankAccount(society),
    subAccountCode: society.subAccountCode ?? null,
    publicPhone: society.publicPhone ?? null,
    checklist,
    raisedByChannel: raised,
  };
}

/** A society's settings and its R-ORG-2 checklist: its officers, the supervisor and the overseers. */
export async function getSocietySettings(ctx: ActionContext, societyId: string): Promise<SocietySettingsView> {
  const society = await loadSociety(ctx.store, societyId);
  requireActing(ctx.caller, ['president', 'secretary', 'supervisor', ...OVERSEERS], society);
  const [fund, officers] = await Promise.all([
    ctx.store.get<FundDoc>(COLLECTIONS.funds, societyId),
    officersOf(ctx.store, [society]),
  ]);
  return settingsView(society, checklistOf(society, fund, officers.get(societyId) ?? []), raisedByChannel(fund));
}

export interface CreateSocietyInput {
  villageId: string;
  form: SocietyForm;
  name?: string;
}

/** One society per village: its id follows from the village's, so a retry or a second start finds the first. */
export function societyIdFor(villageId: string): string {
  return `soc-${villageId.replace(/^area-/, '')}`;
}

export async function createSociety(ctx: ActionContext, input: CreateSocietyInput): Promise<SocietySettingsView> {
  const village = await ctx.store.get<AreaDoc>(COLLECTIONS.areas, input.villageId);
  if (!village || village.kind !== 'village' || !village.townshipId) {
    throw new AppError('NOT_FOUND', `village ${input.villageId} not found`, '没有找到这个村（社区）');
  }
  const now = ctx.clock.now();
  const society: SocietyDoc = {
    _id: societyIdFor(village._id),
    name: input.name?.trim() || `${village.name}救急难互助社`,
    villageId: village._id,
    townshipId: village.townshipId,
    countyId: village.countyId,
    form: input.form,
    status: 'preparing',
    registrationNumber: null,
    hasCharter: false,
    place: null,
    createdAt: now.toISOString(),
    bankAccount: null,
    subAccountCode: null,
    activatedAt: null,
    statusChangedAt: now.toISOString(),
    statusReason: null,
    reliefSettings: null,
    noticeSettings: null,
    // A list import names only villages that have a society when it is planned: none yet here.
    listKinds: { imported: [], importing: [] },
    officers: [],
    unpostedNotices: [],
  };
  const { actor } = requireActing(ctx.caller, ['township', 'county'], society, '只有本乡镇或县民政局可以筹建互助社');
  const [existing] = await ctx.store.find<SocietyDoc>(COLLECTIONS.societies, {
    where: { villageId: village._id },
    limit: 1,
  });
  if (existing) return alreadyThere(ctx, existing, input);
  try {
    await ctx.store.transaction(async (tx) => {
      await tx.insert(COLLECTIONS.societies, society);
      await tx.insert(COLLECTIONS.funds, emptyFund(society._id, now));
      await countSocietyChange(tx, society.countyId, null, society);
      await appendAudit(tx, {
        scopeId: society._id,
        actor,
        action: 'society.create',
        target: `${COLLECTIONS.societies}/${society._id}`,
        details: { villageId: village._id, form: society.form, name: society.name },
        at: now,
      });
    });
  } catch (error) {
    if (!isStoreError(error, 'DUPLICATE_ID')) throw error;
    return alreadyThere(ctx, await loadSociety(ctx.store, society._id), input);
  }
  // Its copy of the county's calendar, read after it exists: an arrangement entered meanwhile
  // either is read here or finds the society when it is kept on every society of the county.
  await keepCountyOnSociety(ctx.store, society);
  return getSocietySettings(ctx, society._id);
}

async function alreadyThere(
  ctx: ActionContext,
  existing: SocietyDoc,
  input: CreateSocietyInput,
): Promise<SocietySettingsView> {
  if (existing.form !== input.form || existing.status !== 'preparing') {
    throw new AppError(
      'DUPLICATE',
      `village ${input.villageId} already has society ${existing._id}`,
      '该村已经有互助社',
    );
  }
  return getSocietySettings(ctx, existing._id);
}

export interface UpdateSocietyInput {
  societyId: string;
  name?: string;
  hasCharter?: boolean;
  place?: string | null;
  bankAccount?: BankAccount | null;
}

/** Charter, place, name and (registered societies) the bank account: the president, or the township or county while it is set up. */
export async function updateSociety(ctx: ActionContext, input: UpdateSocietyInput): Promise<SocietySettingsView> {
  const society = await loadSociety(ctx.store, input.societyId);
  const { actor } = requireActing(ctx.caller, ['president', 'township', 'county'], society);
  if (input.bankAccount && society.form !== 'registered') {
    throw new AppError(
      'BAD_REQUEST',
      'a filed society has no account of its own',
      '备案的互助社资金在联合会分账户，没有自己的银行账户',
    );
  }
  // Where donors send money: only the society's own president may set it, and members see who did.
  if (input.bankAccount !== undefined && actor.role !== 'president') {
    throw new AppError(
      'FORBIDDEN',
      `${actor.role} may not change the bank account of ${society._id}`,
      '互助社的银行账户只能由本社社长填写或修改',
    );
  }
  const patch: Partial<SocietyDoc> = {};
  if (input.name !== undefined) patch.name = input.name.trim();
  if (input.hasCharter !== undefined) patch.hasCharter = input.hasCharter;
  if (input.place !== undefined) patch.place = input.place?.trim() || null;
  const now = ctx.clock.now();
  if (input.bankAccount !== undefined) {
    patch.bankAccount = sealBankAccount(input.bankAccount);
    patch.bankAccountChangedBy = { name: actor.name, role: actor.role };
    patch.bankAccountChangedAt = now.toISOString();
  }
  if (Object.keys(patch).length === 0) throw new AppError('BAD_REQUEST', 'nothing to update', '没有需要修改的内容');
  await ctx.store.transaction(async (tx) => {
    if (!(await tx.get(COLLECTIONS.societies, society._id))) throw new AppError('NOT_FOUND', 'society vanished');
    await tx.update(COLLECTIONS.societies, society._id, patch);
    await appendAudit(tx, {
      scopeId: society._id,
      actor,
      action: 'society.update',
      target: `${COLLECTIONS.societies}/${society._id}`,
      details: {
        fields: Object.keys(patch).filter((field) => !field.startsWith('bankAccountChanged')),
        // The account in the trail as members may see it: bank and the last four digits.
        ...(input.bankAccount !== undefined
          ? {
              bankAccount: input.bankAccount
                ? `${input.bankAccount.bankName} 尾号${input.bankAccount.accountNumber.replace(/\s/g, '').slice(-4)}`
                : null,
            }
          : {}),
      },
      at: now,
    });
  });
  return getSocietySettings(ctx, society._id);
}

/**
 * The society's public phone (联系互助社): its president or secretary sets it, or clears it with
 * null; the number checked by the schema as a Chinese mobile or landline. Audited with the number
 * it replaced; setting the number it already has writes nothing.
 */
export async function setPublicPhone(
  ctx: ActionContext,
  societyId: string,
  publicPhone: string | null,
): Promise<SocietySettingsView> {
  const society = await loadSociety(ctx.store, societyId);
  const { actor } = requireActing(
    ctx.caller,
    ['president', 'secretary'],
    society,
    '互助社的联系电话由本社社长或秘书长填写',
  );
  const phone = publicPhone?.trim() || null;
  const now = ctx.clock.now();
  await ctx.store.transaction(async (tx) => {
    const current = await tx.get<SocietyDoc>(COLLECTIONS.societies, society._id);
    if (!current) throw new AppError('NOT_FOUND', 'society vanished');
    const before = current.publicPhone ?? null;
    if (before === phone) return;
    await tx.update(COLLECTIONS.societies, society._id, { publicPhone: phone });
    await appendAudit(tx, {
      scopeId: society._id,
      actor,
      action: 'society.publicPhone',
      target: `${COLLECTIONS.societies}/${society._id}`,
      details: { publicPhone: phone, replaced: before },
      at: now,
    });
  });
  return getSocietySettings(ctx, society._id);
}

/**
 * R-ORG-1: the federation opens a filed society's sub-account (its code, which donors write on a
 * transfer) or adjusts the code. A registered society has its own account, so none; a code names
 * one society of the county only (else a transfer could land in the wrong village's money);
 * setting the code it already has writes nothing. The trail keeps the code it replaced.
 */
export async function setSubAccount(
  ctx: ActionContext,
  societyId: string,
  subAccountCode: string,
): Promise<SocietySettingsView> {
  const society = await loadSociety(ctx.store, societyId);
  const { actor } = requireActing(ctx.caller, ['federation'], society);
  if (society.form !== 'filed') {
    throw new AppError(
      'INVALID_STATE',
      `society ${society._id} is ${society.form}: only filed societies have a sub-account`,
      '登记的互助社有自己的银行账户，不在联合会开设分账户；只有备案的互助社在联合会设分账户',
    );
  }
  const code = subAccountCode.trim();
  if (society.subAccountCode === code) return getSocietySettings(ctx, societyId);
  const county = await findAll<SocietyDoc>(ctx.store, COLLECTIONS.societies, {
    where: { countyId: society.countyId, form: 'filed' },
  });
  const holder = county.find(
    (other) => other._id !== society._id && other.subAccountCode?.toUpperCase() === code.toUpperCase(),
  );
  if (holder) {
    throw new AppError(
      'DUPLICATE',
      `sub-account code ${code} is held by ${holder._id}`,
      `分账户代码 ${code} 已经用于${holder.name}，请换一个代码`,
    );
  }
  const now = ctx.clock.now();
  await ctx.store.transaction(async (tx) => {
    const current = await tx.get<SocietyDoc>(COLLECTIONS.societies, society._id);
    if (!current) throw new AppError('NOT_FOUND', `society ${society._id} vanished`, '没有找到这个互助社');
    await tx.update(COLLECTIONS.societies, society._id, { subAccountCode: code });
    await appendAudit(tx, {
      scopeId: society._id,
      actor,
      action: 'society.subAccount',
      target: `${COLLECTIONS.societies}/${society._id}`,
      details: { subAccountCode: code, previous: current.subAccountCode ?? null },
      at: now,
    });
  });
  return getSocietySettings(ctx, societyId);
}

/** R-ORG-1: the county bureau registers (登记); the township accepts a filing (备案). */
function statusAuthority(society: SocietyDoc): 'county' | 'township' {
  return society.form === 'registered' ? 'county' : 'township';
}

function requireStatusAuthority(ctx: ActionContext, society: SocietyDoc) {
  const role = statusAuthority(society);
  return requireActing(
    ctx.caller,
    [role],
    society,
    role === 'county' ? '登记的互助社由县民政局办理' : '备案的互助社由所在乡镇办理',
  );
}

/** R-ORG-2: preparing → active, only with everything the plan asks for. */
export async function activateSociety(
  ctx: ActionContext,
  societyId: string,
  registrationNumber: string,
): Promise<SocietySettingsView> {
  const society = await loadSociety(ctx.store, societyId);
  const { actor } = requireStatusAuthority(ctx, society);
  const officers = (await officersOf(ctx.store, [society])).get(societyId) ?? [];
  const now = ctx.clock.now();
  await ctx.store.transaction(async (tx) => {
    const current = await tx.get<SocietyDoc>(COLLECTIONS.societies, societyId);
    const fund = await tx.get<FundDoc>(COLLECTIONS.funds, societyId);
    if (!current || !fund) throw new AppError('NOT_FOUND', `society ${societyId} or its fund not found`);
    if (current.status !== 'preparing') {
      throw new AppError('INVALID_STATE', `society ${societyId} is ${current.status}`, '只有筹备中的互助社可以启动');
    }
    const stillHeld = await stillActive(tx, officers);
    const checklist = checklistOf(current, fund, stillHeld);
    if (!checklist.ready) {
      const missing = checklist.items.filter((item) => !item.ok);
      throw new AppError(
        'INVALID_STATE',
        `society ${societyId} not ready: ${missing.map((item) => item.key).join(',')}`,
        `尚不具备启动条件：${missing.map((item) => `${item.label}（${item.detail}）`).join('；')}`,
      );
    }
    await tx.update(COLLECTIONS.societies, societyId, {
      status: 'active',
      registrationNumber,
      activatedAt: now.toISOString(),
      statusChangedAt: now.toISOString(),
      statusReason: null,
    });
    await countSocietyChange(tx, current.countyId, current, { ...current, status: 'active' });
    // The decision rests on the money raised: write the fund so a concurrent reversal conflicts.
    await tx.set(COLLECTIONS.funds, fund);
    await appendAudit(tx, {
      scopeId: societyId,
      actor,
      action: 'society.activate',
      target: `${COLLECTIONS.societies}/${societyId}`,
      details: { registrationNumber, raisedFen: checklist.raisedFen, form: current.form },
      at: now,
    });
  });
  return getSocietySettings(ctx, societyId);
}

async function stillActive(tx: Transaction, memberships: readonly MembershipDoc[]): Promise<MembershipDoc[]> {
  const held: MembershipDoc[] = [];
  for (const membership of memberships) {
    const current = await tx.get<MembershipDoc>(COLLECTIONS.memberships, membership._id);
    if (current && !current.revokedAt) held.push(current);
  }
  return held;
}

/** active → suspended, or suspended → active, with a reason, by the same authority that activated it. */
export async function changeSocietyStatus(
  ctx: ActionContext,
  societyId: string,
  to: Extract<SocietyStatus, 'active' | 'suspended'>,
  reason: string,
): Promise<SocietySettingsView> {
  const society = await loadSociety(ctx.store, societyId);
  const { actor } = requireStatusAuthority(ctx, society);
  const from: SocietyStatus = to === 'suspended' ? 'active' : 'suspended';
  const now = ctx.clock.now();
  await ctx.store.transaction(async (tx) => {
    const current = await tx.get<SocietyDoc>(COLLECTIONS.societies, societyId);
    if (!current) throw new AppError('NOT_FOUND', `society ${societyId} not found`);
    if (current.status !== from) {
      throw new AppError(
        'INVALID_STATE',
        `society ${societyId} is ${current.status}, not ${from}`,
        to === 'suspended' ? '只有运行中的互助社可以暂停' : '只有已暂停的互助社可以恢复',
      );
    }
    await tx.update(COLLECTIONS.societies, societyId, {
      status: to,
      statusChangedAt: now.toISOString(),
      statusReason: reason,
    });
    await countSocietyChange(tx, current.countyId, current, { ...current, status: to });
    await appendAudit(tx, {
      scopeId: societyId,
      actor,
      action: to === 'suspended' ? 'society.suspend' : 'society.resume',
      target: `${COLLECTIONS.societies}/${societyId}`,
      details: { reason },
      at: now,
    });
  });
  return getSocietySettings(ctx, societyId);
}

async function areaNameMap(store: Store, ids: string[]): Promise<Map<string, AreaDoc>> {
  const areas = await findIn<AreaDoc>(store, COLLECTIONS.areas, '_id', ids);
  return new Map(areas.map((area) => [area._id, area]));
}

/**
 * The county dashboard's first view (R-ORG-1, R-ORG-2; issue 15): the county's counts and one row
 * per township (a township officer: their own), from the counters every registry write keeps
 * (./area-counts.ts), and whether the working-day calendar is complete. The villages come a page
 * of a township at a time (dashboardVillages), so neither grows with the county.
 */
export async function countyDashboard(ctx: ActionContext): Promise<CountyDashboardView> {
  const scope = await callerCounty(ctx.store, ctx.caller, ['county', 'federation', 'township']);
  const ownTownshipId = scope.role === 'township' ? scope.areaId : null;
  const [counts, calendar] = await Promise.all([
    loadAreaCounts(ctx.store, scope.countyId, ctx.clock.now()),
    loadWorkCalendar(ctx.store, scope.countyId),
  ]);
  const rows = counts.townships
    .filter((row) => ownTownshipId === null || row.townshipId === ownTownshipId)
    .sort((a, b) => a.townshipName.localeCompare(b.townshipName, 'zh'));
  const thisYear = Number(beijingDayOf(ctx.clock.now()).slice(0, 4));
  const years = [thisYear, thisYear + 1].map((year) => calendar.dataCoverage(year));
  return {
    countyId: scope.countyId,
    countyName: counts.countyName,
    summary: countsOf(rows),
    townships: rows.map(townshipCounts),
    ownTownshipId,
    workCalendar: {
      complete: years.every((year) => !year.provisional),
      years: years.map((year) => ({ year: year.year, source: year.source, complete: !year.provisional })),
    },
  };
}

export interface DashboardVillagesInput {
  townshipId: string;
  offset: number;
  limit: number;
}

/**
 * One page of a township's villages on the county dashboard, by name, with each society's state:
 * none, preparing (checklist, shortfall and money per channel), active or suspended, registered or
 * filed. The county and the federation read any township of their county, a township officer
 * their own. A page reads its villages (which name their township), their societies (which keep
 * their officers) and funds: the same at any size.
 */
export async function dashboardVillages(
  ctx: ActionContext,
  input: DashboardVillagesInput,
): Promise<TownshipVillagesPage> {
  const scope = await callerCounty(ctx.store, ctx.caller, ['county', 'federation', 'township']);
  if (scope.role === 'township' && scope.areaId !== input.townshipId) {
    throw new AppError(
      'FORBIDDEN',
      `township officer of ${scope.areaId} may not list the villages of ${input.townshipId}`,
      '乡镇只能查看本乡镇的村（社区）',
    );
  }
  // One more than the page: whether another page follows, without counting.
  const page = await ctx.store.find<AreaDoc>(COLLECTIONS.areas, {
    where: { kind: 'village', parentId: input.townshipId },
    orderBy: [['name', 'asc']],
    offset: input.offset,
    limit: input.limit + 1,
  });
  // Its villages say which county the township is in and its name (issue 15); else it is read.
  const first = page[0];
  const township: Pick<AreaDoc, '_id' | 'kind' | 'name' | 'countyId'> | null =
    first?.townshipName !== undefined
      ? { _id: input.townshipId, kind: 'township', name: first.townshipName, countyId: first.countyId }
      : await ctx.store.get<AreaDoc>(COLLECTIONS.areas, input.townshipId);
  if (!township || township.kind !== 'township' || township.countyId !== scope.countyId) {
    throw new AppError('NOT_FOUND', `township ${input.townshipId} not in county ${scope.countyId}`, '没有找到这个乡镇');
  }
  const villages = page.slice(0, input.limit);
  const societies = villages.length
    ? await ctx.store.find<SocietyDoc>(COLLECTIONS.societies, {
        where: { villageId: { $in: villages.map((village) => village._id) } },
        limit: 2 * villages.length,
      })
    : [];
  const visible = societies.filter((society) => coversSociety(ctx.caller, OVERSEERS, society));
  const ids = visible.map((society) => society._id);
  const [funds, officers] = await Promise.all([
    ids.length
      ? ctx.store.find<FundDoc>(COLLECTIONS.funds, { where: { _id: { $in: ids } }, limit: ids.length })
      : Promise.resolve([]),
    officersOf(ctx.store, visible),
  ]);
  const fundById = new Map(funds.map((fund) => [fund._id, fund]));
  const societyByVillage = new Map(visible.map((society) => [society.villageId, society]));
  const rows: DashboardVillage[] = villages.map((village) => {
    const society = societyByVillage.get(village._id);
    const base = {
      villageId: village._id,
      villageName: village.name,
      townshipId: township._id,
      townshipName: township.name,
    };
    if (!society) return { ...base, state: 'none', stateLabel: '尚未成立互助社', society: null };
    const fund = fundById.get(society._id) ?? null;
    return {
      ...base,
      state: society.status,
      stateLabel: `${SOCIETY_STATUS_LABELS[society.status]}（${SOCIETY_FORM_LABELS[society.form]}）`,
      society: {
        id: society._id,
        name: society.name,
        form: society.form,
        formLabel: SOCIETY_FORM_LABELS[society.form],
        registrationNumber: society.registrationNumber,
        balanceFen: fund?.balanceFen ?? 0,
        raisedByChannel: raisedByChannel(fund),
        checklist: checklistOf(society, fund, officers.get(society._id) ?? []),
      },
    };
  });
  return {
    townshipId: township._id,
    townshipName: township.name,
    villages: rows,
    nextOffset: page.length > input.limit ? input.offset + input.limit : null,
  };
}

/** R-ORG-1: the filed societies' sub-accounts in the federation's account; the total is their sum. */
export async function federationOverview(ctx: ActionContext): Promise<FederationOverviewView> {
  const scope = await callerCounty(ctx.store, ctx.caller, ['federation', 'county']);
  const societies = await findAll<SocietyDoc>(ctx.store, COLLECTIONS.societies, {
    where: { countyId: scope.countyId, form: 'filed' },
    orderBy: [['name', 'asc']],
  });
  const ids = societies.map((society) => society._id);
  const [funds, areas, settings] = await Promise.all([
    findIn<FundDoc>(ctx.store, COLLECTIONS.funds, '_id', ids),
    areaNameMap(
      ctx.store,
      societies.flatMap((society) => [society.villageId, society.townshipId]),
    ),
    getCountySettings(ctx.store, scope.countyId),
  ]);
  const fundById = new Map(funds.map((fund) => [fund._id, fund]));
  const subAccounts = societies.map((society) => {
    const fund = fundById.get(society._id);
    const raised = raisedByChannel(fund);
    return {
      societyId: society._id,
      societyName: society.name,
      villageName: areas.get(society.villageId)?.name ?? '',
      townshipName: areas.get(society.townshipId)?.name ?? '',
      subAccountCode: society.subAccountCode ?? null,
      status: society.status,
      statusLabel: SOCIETY_STATUS_LABELS[society.status],
      balanceFen: fund?.balanceFen ?? 0,
      raisedFen: raised.countySubsidy + raised.collectiveFund + raised.donation,
    };
  });
  return {
    countyId: scope.countyId,
    account: settings.federationAccount,
    subAccounts,
    totalFen: subAccounts.reduce((sum, account) => sum + account.balanceFen, 0),
  };
}
