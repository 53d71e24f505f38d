/**
 * Who is calling and what they may do. The OPENID comes from the Identity port (the WX context
 * in the cloud); roles come only from our own memberships, never from the payload.
 */
import { COLLECTIONS, type MembershipDoc, type UserDoc } from '../collections';
import type { Store } from '../ports/store';
import type { Role } from '../../miniprogram/domain/society';

export interface Caller {
  openid: string | null;
  user: UserDoc | null;
  grants: MembershipDoc[];
  /**
   * The timer trigger (config.json) that made this call, when no person did; recognised by the
   * dispatcher from the platform's timer event, never from a missing OPENID alone.
   */
  timer?: string;
}

export const ANONYMOUS: Caller = { openid: null, user: null, grants: [] };

/** The caller of a timer-triggered call: nobody, on behalf of the trigger. */
export function timerCaller(trigger: string): Caller {
  return { openid: null, user: null, grants: [], timer: trigger };
}

export async function resolveCaller(store: Store, openid: string | null): Promise<Caller> {
  if (!openid) return ANONYMOUS;
  const [found] = await store.find<UserDoc>(COLLECTIONS.users, { where: { openid }, limit: 1 });
  if (!found) return { openid, user: null, grants: [] };
  const { grants: kept, ...user } = found;
  // The grants kept on the user document (server/access/memberships.ts): one round trip in all.
  if (Array.isArray(kept)) return { openid, user, grants: kept.filter((grant) => !grant.revokedAt) };
  // A revoked role is kept, marked (R-OVS-5), and grants nothing: `null` also matches a missing field.
  const grants = await store.find<MembershipDoc>(COLLECTIONS.memberships, {
    where: { userId: user._id, revokedAt: null },
    limit: 200,
  });
  return { openid, user, grants };
}

/** Who did something, as the audit trail and the ledger record it (R-OVS-5). */
export interface Actor {
  userId: string | null;
  openid: string | null;
  name: string | null;
  role: Role | null;
}

export function actorOf(caller: Caller, role: Role | null): Actor {
  return { userId: caller.user?._id ?? null, openid: caller.openid, name: caller.user?.name ?? null, role };
}

/** Who, for the pages: the name the actor had when they acted. */
export function actorName(actor: Actor | null | undefined): string {
  return actor?.name ?? '系统';
}
