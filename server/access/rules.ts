/**
 * Every access rule in one place: who may act on or read a society, an area, a case, its notice
 * and its objections, and who must stay out (recusal). Roles come only from our own memberships
 * (`Caller.grants`, resolved in ./caller.ts), never from the payload; no other module reads the
 * grants (test/project/access-module.test.ts).
 *
 * The one covering rule: a society role (secretary, president, supervisor, member, applicant,
 * donor, volunteer) covers its own society only; a township covers the societies and villages of
 * its township; the county bureau and the federation cover the whole county.
 */
import { AppError } from '../errors';
import { COLLECTIONS, type AreaDoc, type MembershipDoc, type SocietyDoc, type UserDoc } from '../collections';
import { findAll, findIn, type Store } from '../ports/store';
import { actorOf, type Actor, type Caller } from './caller';
import type { Role } from '../../miniprogram/domain/society';
import type { DeciderView } from '../../miniprogram/domain/case';

// ---------------------------------------------------------------------------------------------
// Role sets named once
// ---------------------------------------------------------------------------------------------

/** The society's officers: they work cases, publish notices and answer objections. */
export const OFFICERS: readonly Role[] = ['secretary', 'president'];
/** Publish notices and answer objections (R-PROC-6): the officers. */
export const NOTICE_OFFICERS: readonly Role[] = OFFICERS;
/** Read every case of the society, with personal information (DESIGN: officers and supervisor). */
export const CASE_READERS: readonly Role[] = ['secretary', 'president', 'supervisor'];
/** The notice archive (R-PROC-6): members, the supervision committee, township and county. */
export const ARCHIVE_READERS: readonly Role[] = [
  'member',
  'secretary',
  'president',
  'supervisor',
  'township',
  'county',
];
/** The fund report and its entries (R-OVS-4): members and officers, the supervisor, every overseer. */
export const FUND_READERS: readonly Role[] = [
  'member',
  'secretary',
  'president',
  'supervisor',
  'township',
  'county',
  'federation',
];
/** The general meetings and their files: the same people as the fund report. */
export const MEETING_READERS: readonly Role[] = FUND_READERS;
/** Objections (R-OVS-2): the officers and every overseer. */
export const OBJECTION_READERS: readonly Role[] = ['secretary', 'president', 'supervisor', 'township', 'county'];
/** An objector's contact stays in the village: the society's officers and supervision committee. */
export const CONTACT_READERS: readonly Role[] = ['secretary', 'president', 'supervisor'];
export const SUPERVISORS: readonly Role[] = ['supervisor'];
export const OVERSEERS: readonly Role[] = ['township', 'county'];
/** Every area role: the township, the county bureau and the federation. */
export const AREA_OVERSEERS: readonly Role[] = ['township', 'county', 'federation'];
/** Township, county and federation see a society's overdue list (masked), besides its own officers. */
export const OVERDUE_READERS: readonly Role[] = [
  'secretary',
  'president',
  'supervisor',
  'township',
  'county',
  'federation',
];

// ---------------------------------------------------------------------------------------------
// Covering a society or an area
// ---------------------------------------------------------------------------------------------

/**
 * Where something sits in the county: a society (its id, township, county), a township
 * (townshipId), a village (its township), or the county. An unknown level is null: a township
 * grant is never matched against an unknown township, a county grant never against an unknown county.
 */
export interface Place {
  societyId?: string | null;
  townshipId: string | null;
  countyId: string | null;
}

export function placeOfSociety(society: Pick<SocietyDoc, '_id' | 'townshipId' | 'countyId'>): Place {
  return { societyId: society._id, townshipId: society.townshipId, countyId: society.countyId };
}

export function placeOfArea(area: Pick<AreaDoc, '_id' | 'kind' | 'townshipId' | 'countyId'>): Place {
  if (area.kind === 'county') return { townshipId: null, countyId: area._id };
  if (area.kind === 'township') return { townshipId: area._id, countyId: area.countyId };
  return { townshipId: area.townshipId, countyId: area.countyId };
}

function grantCovers(grant: MembershipDoc, place: Place): boolean {
  if (grant.societyId !== null) return place.societyId != null && grant.societyId === place.societyId;
  if (grant.areaId === null) return false;
  if (grant.role === 'township') return place.townshipId !== null && grant.areaId === place.townshipId;
  return place.countyId !== null && grant.areaId === place.countyId;
}

/** Does one of the caller's grants among `roles` cover this place? */
export function covers(caller: Caller, roles: readonly Role[], place: Place): boolean {
  return caller.grants.some((grant) => roles.includes(grant.role) && grantCovers(grant, place));
}

export function coversSociety(caller: Caller, roles: readonly Role[], society: SocietyDoc): boolean {
  return covers(caller, roles, placeOfSociety(society));
}

export function holdsAnyRole(caller: Caller, roles: readonly Role[]): boolean {
  return caller.grants.some((grant) => roles.includes(grant.role));
}

/** The caller's grants, optionally among `roles` (for listing who they are, never for a check). */
export function grantsOf(caller: Caller, roles?: readonly Role[]): MembershipDoc[] {
  return roles ? caller.grants.filter((grant) => roles.includes(grant.role)) : [...caller.grants];
}

/** The grant of exactly this role on this society or area, if the caller holds it. */
export function grantHeld(
  caller: Caller,
  role: Role,
  scope: { societyId: string; areaId?: undefined } | { areaId: string; societyId?: undefined },
): MembershipDoc | null {
  return (
    caller.grants.find(
      (grant) =>
        grant.role === role &&
        (scope.societyId !== undefined ? grant.societyId === scope.societyId : grant.areaId === scope.areaId),
    ) ?? null
  );
}

/** The role the caller holds in the society itself (not through an area), or null. */
export function ownRoleIn(caller: Caller, society: Pick<SocietyDoc, '_id'>): Role | null {
  return caller.grants.find((grant) => grant.societyId === society._id)?.role ?? null;
}

function forbidden(caller: Caller, roles: readonly Role[], what: string, userMessage?: string): AppError {
  return new AppError(
    'FORBIDDEN',
    `caller ${caller.user?._id ?? caller.openid ?? 'anonymous'} holds none of [${roles.join(',')}] for ${what}`,
    userMessage,
  );
}

/** The first of `roles` (in the order given) through which the caller covers the society, or null. */
export function roleIn(caller: Caller, roles: readonly Role[], society: SocietyDoc): Role | null {
  return roles.find((role) => coversSociety(caller, [role], society)) ?? null;
}

export function requireRole(caller: Caller, roles: readonly Role[], society: SocietyDoc, userMessage?: string): Role {
  const role = roleIn(caller, roles, society);
  if (!role) throw forbidden(caller, roles, `society ${society._id}`, userMessage);
  return role;
}

/** In which role the caller acts on a society, and the actor the audit trail and the ledger record. */
export interface Acting {
  role: Role;
  actor: Actor;
}

export function actingRole(caller: Caller, roles: readonly Role[], society: SocietyDoc): Acting | null {
  const role = roleIn(caller, roles, society);
  return role ? { role, actor: actorOf(caller, role) } : null;
}

export function requireActing(
  caller: Caller,
  roles: readonly Role[],
  society: SocietyDoc,
  userMessage?: string,
): Acting {
  const role = requireRole(caller, roles, society, userMessage);
  return { role, actor: actorOf(caller, role) };
}

/** The caller covers this place (an area, a township by id, the county) through one of `roles`. */
export function requirePlace(caller: Caller, roles: readonly Role[], place: Place, userMessage?: string): Role {
  const role = roles.find((candidate) => covers(caller, [candidate], place));
  if (!role) {
    throw forbidden(caller, roles, `place ${place.societyId ?? place.townshipId ?? place.countyId}`, userMessage);
  }
  return role;
}

/** The county an area-role caller (township, county, federation) works in. */
export async function callerCounty(
  store: Store,
  caller: Caller,
  roles: readonly Role[],
): Promise<{ countyId: string; role: Role; areaId: string }> {
  const grant = caller.grants.find((g) => roles.includes(g.role) && g.areaId !== null);
  if (!grant?.areaId) throw forbidden(caller, roles, 'an area');
  if (grant.role !== 'township') return { countyId: grant.areaId, role: grant.role, areaId: grant.areaId };
  const township = await store.get<AreaDoc>(COLLECTIONS.areas, grant.areaId);
  if (!township) throw new AppError('NOT_FOUND', `township ${grant.areaId} not found`);
  return { countyId: township.countyId, role: grant.role, areaId: grant.areaId };
}

/** The societies, townships and counties the caller's grants among `roles` name. */
export function scopesOf(
  caller: Caller,
  roles: readonly Role[],
): { societyIds: string[]; townshipIds: string[]; countyIds: string[] } {
  const societyIds = new Set<string>();
  const townshipIds = new Set<string>();
  const countyIds = new Set<string>();
  for (const grant of caller.grants) {
    if (!roles.includes(grant.role)) continue;
    if (grant.societyId !== null) societyIds.add(grant.societyId);
    else if (grant.areaId !== null) (grant.role === 'township' ? townshipIds : countyIds).add(grant.areaId);
  }
  return { societyIds: [...societyIds], townshipIds: [...townshipIds], countyIds: [...countyIds] };
}

/** Every society the caller covers through `roles` (supervision committee: its own; township: its; county: all). */
export async function overseenSocieties(store: Store, caller: Caller, roles: readonly Role[]): Promise<SocietyDoc[]> {
  const { societyIds, townshipIds, countyIds } = scopesOf(caller, roles);
  const found = new Map<string, SocietyDoc>();
  const add = (list: SocietyDoc[]) => list.forEach((society) => found.set(society._id, society));
  if (societyIds.length) add(await findIn<SocietyDoc>(store, COLLECTIONS.societies, '_id', societyIds));
  if (townshipIds.length) {
    add(await findAll<SocietyDoc>(store, COLLECTIONS.societies, { where: { townshipId: { $in: townshipIds } } }));
  }
  if (countyIds.length) {
    add(await findAll<SocietyDoc>(store, COLLECTIONS.societies, { where: { countyId: { $in: countyIds } } }));
  }
  return [...found.values()]
    .filter((society) => coversSociety(caller, roles, society))
    .sort((a, b) => a._id.localeCompare(b._id));
}

// ---------------------------------------------------------------------------------------------
// Cases: officers, readers, approvers, recusal
// ---------------------------------------------------------------------------------------------

export function householdOf(user: Pick<UserDoc, '_id' | 'householdId'>): string {
  return user.householdId ?? `user:${user._id}`;
}

interface HouseholdParts {
  householdId: string;
  applicantUserId: string | null;
}

/** A person stays out of a case of their own household, and out of one they applied for. */
export function isRecusedUser(user: Pick<UserDoc, '_id' | 'householdId'>, doc: HouseholdParts): boolean {
  return doc.applicantUserId === user._id || doc.householdId === householdOf(user);
}

export function isRecused(caller: Caller, doc: HouseholdParts): boolean {
  return caller.user !== null && isRecusedUser(caller.user, doc);
}

export const RECUSAL_MESSAGE = '这是您本户的救助案件，按规定须回避，请由其他工作人员办理';

/** An officer stays out of their own household's case, its notice and its objections. */
export function requireNotRecused(caller: Caller, doc: HouseholdParts & { _id: string }): void {
  if (isRecused(caller, doc)) {
    throw new AppError(
      'FORBIDDEN',
      `caller ${caller.user?._id ?? '?'} is recused from case ${doc._id} (own household)`,
      RECUSAL_MESSAGE,
    );
  }
}

/** A secretary or president of the society; returns who they are for the record. */
export function requireOfficer(caller: Caller, society: SocietyDoc, userMessage?: string): Actor {
  return requireActing(caller, OFFICERS, society, userMessage).actor;
}

/** A secretary or president of this society, for notices (never through an area role). */
export function requireNoticeOfficer(caller: Caller, society: SocietyDoc): Actor {
  return requireOfficer(caller, society, '只有本社秘书长或社长可以办理公示');
}

export function requireReader(caller: Caller, society: SocietyDoc): Role {
  return requireRole(caller, CASE_READERS, society);
}

export function coversForOversight(caller: Caller, society: SocietyDoc): boolean {
  return coversSociety(caller, OVERDUE_READERS, society);
}

/** The president, or the officer the society named as second approver (R-PROC: decision within authority). */
export function isApprover(
  caller: Caller,
  society: SocietyDoc,
  settings: { secondApproverUserId?: string | null } | null,
): boolean {
  if (roleIn(caller, ['president'], society)) return true;
  const second = settings?.secondApproverUserId ?? null;
  return second !== null && caller.user?._id === second && roleIn(caller, OFFICERS, society) !== null;
}

interface DecidedParts extends HouseholdParts {
  _id: string;
  proposal: { by: { userId: string | null } } | null;
  reliefFirst: { by: { userId: string | null } } | null;
}

/** Whoever proposed the relief, or paid it first (先行救助), does not also decide it (four eyes). */
export function hasOwnPart(user: Pick<UserDoc, '_id'>, doc: Omit<DecidedParts, '_id' | keyof HouseholdParts>): boolean {
  return [doc.proposal?.by.userId, doc.reliefFirst?.by.userId].includes(user._id);
}

export function requireApprover(
  caller: Caller,
  society: SocietyDoc,
  settings: { secondApproverUserId?: string | null } | null,
  doc: DecidedParts,
): Actor {
  if (!isApprover(caller, society, settings)) {
    throw new AppError(
      'FORBIDDEN',
      `caller ${caller.user?._id ?? '?'} is neither president nor second approver of ${society._id}`,
      '只有社长或互助社指定的审批人可以审批',
    );
  }
  requireNotRecused(caller, doc);
  if (caller.user && hasOwnPart(caller.user, doc)) {
    throw new AppError(
      'FORBIDDEN',
      `caller ${caller.user._id} proposed or paid case ${doc._id} and may not decide it`,
      '提出意见或先行发放的人不能再审批同一案件，请由社长或另一位审批人审批',
    );
  }
  return actorOf(caller, roleIn(caller, ['president'], society) ?? roleIn(caller, OFFICERS, society));
}

/** The caller holds the township role of this society's township. */
export function isTownshipOf(caller: Caller, society: Pick<SocietyDoc, 'townshipId'>): boolean {
  return covers(caller, ['township'], { townshipId: society.townshipId, countyId: null });
}

/** The township whose area holds the society (never the county, never another township). */
export function requireTownshipOf(caller: Caller, society: SocietyDoc, userMessage: string): Actor {
  if (!coversSociety(caller, ['township'], society)) {
    throw new AppError(
      'FORBIDDEN',
      `caller ${caller.user?._id ?? caller.openid ?? '?'} is not the township of ${society._id}`,
      userMessage,
    );
  }
  return actorOf(caller, 'township');
}

/**
 * A township officer deciding: only a case of a society of their township that nobody in the
 * society may decide, and never one of their own household. Returns the actor, role township.
 */
export function requireTownshipDecider(
  caller: Caller,
  society: SocietyDoc,
  decider: DeciderView,
  doc: HouseholdParts & { _id: string },
): Actor {
  if (!isTownshipOf(caller, society)) {
    throw new AppError(
      'FORBIDDEN',
      `caller ${caller.user?._id ?? '?'} is no township officer of ${society.townshipId} (society ${society._id})`,
      '这个互助社不在您所在乡镇的辖区，不能审批其案件',
    );
  }
  if (decider.kind !== 'township') {
    throw new AppError(
      'FORBIDDEN',
      `case ${doc._id} is decided in society ${society._id} (${decider.kind}), not by the township`,
      `本案由${decider.name}审批；乡镇只审批本社无人可以审批的案件`,
    );
  }
  if (isRecused(caller, doc)) {
    throw new AppError(
      'FORBIDDEN',
      `township caller ${caller.user?._id ?? '?'} is recused from ${doc._id}`,
      RECUSAL_MESSAGE,
    );
  }
  return actorOf(caller, 'township');
}
