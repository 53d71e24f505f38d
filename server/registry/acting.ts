/**
 * In which role the caller acts on a society: the first of `roles` (in the order given) that one
 * of their grants holds for it. The actor recorded in the audit trail and the ledger names it.
 */
import { AppError } from '../errors';
import type { ActionContext } from '../context';
import { actorOf, coversSociety, type Actor, type Caller } from '../access/caller';
import { COLLECTIONS, type AreaDoc, type SocietyDoc } from '../collections';
import type { Role } from '../../miniprogram/domain/society';

export interface Acting {
  role: Role;
  actor: Actor;
}

export function actingRole(caller: Caller, roles: readonly Role[], society: SocietyDoc): Acting | null {
  const role = roles.find((candidate) => coversSociety(caller, [candidate], society));
  return role ? { role, actor: actorOf(caller, role) } : null;
}

export function requireActing(
  caller: Caller,
  roles: readonly Role[],
  society: SocietyDoc,
  userMessage?: string,
): Acting {
  const acting = actingRole(caller, roles, society);
  if (!acting) {
    throw new AppError(
      'FORBIDDEN',
      `caller ${caller.openid ?? 'anonymous'} holds none of [${roles.join(',')}] for society ${society._id}`,
      userMessage,
    );
  }
  return acting;
}

export async function loadSociety(ctx: Pick<ActionContext, 'store'>, societyId: string): Promise<SocietyDoc> {
  const society = await ctx.store.get<SocietyDoc>(COLLECTIONS.societies, societyId);
  if (!society) throw new AppError('NOT_FOUND', `society ${societyId} not found`, '没有找到这个互助社');
  return society;
}

/** The county an area-role caller (township, county, federation) works in. */
export async function callerCounty(
  ctx: ActionContext,
  roles: readonly Role[],
): Promise<{ countyId: string; role: Role; areaId: string }> {
  const grant = ctx.caller.grants.find((g) => roles.includes(g.role) && g.areaId !== null);
  if (!grant?.areaId) throw new AppError('FORBIDDEN', `caller holds none of [${roles.join(',')}] for an area`);
  if (grant.role !== 'township') return { countyId: grant.areaId, role: grant.role, areaId: grant.areaId };
  const township = await ctx.store.get<AreaDoc>(COLLECTIONS.areas, grant.areaId);
  if (!township) throw new AppError('NOT_FOUND', `township ${grant.areaId} not found`);
  return { countyId: township.countyId, role: grant.role, areaId: grant.areaId };
}

/** Who, for the pages: the name the actor had when they acted. */
export function actorName(actor: Actor | null | undefined): string {
  return actor?.name ?? '系统';
}
