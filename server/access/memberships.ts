/**
 * Granting and revoking roles: the only writers of `memberships` (a test holds every other file to
 * it). A membership is the record of a role (R-OVS-5: a revoked one is kept, marked). So that the
 * caller is known in one round trip (issue 15), the holder's user document also keeps `grants`, a
 * copy of the memberships they hold now, written in the same transaction as the membership itself;
 * resolveCaller reads it. A user document written before grants were kept on it has no `grants`,
 * and its memberships are read as before (caller.ts). Likewise a society keeps its officers
 * (`officers`: the president, secretary and supervisor memberships held now), for the pages that
 * list societies with their officers (registry/societies.ts).
 */
import { COLLECTIONS, type MembershipDoc, type SocietyDoc, type UserDoc } from '../collections';
import type { Transaction } from '../ports/store';
import { OFFICER_ROLE_SET } from '../../miniprogram/domain/registry';

/** A user document as it is first written: holding no role yet. */
export function newUser(fields: Omit<UserDoc, 'grants'>): UserDoc {
  return { ...fields, grants: [] };
}

/** Grants a role: the membership, and the holder's kept grants, in `tx`. */
export async function grantMembership(tx: Transaction, membership: MembershipDoc): Promise<void> {
  await tx.insert<MembershipDoc>(COLLECTIONS.memberships, membership);
  await keepGrants(tx, membership.userId, (grants) => [
    ...grants.filter((grant) => grant._id !== membership._id),
    membership,
  ]);
  await keepOfficers(tx, membership, (officers) => [
    ...officers.filter((officer) => officer._id !== membership._id),
    membership,
  ]);
}

export interface Revocation {
  revokedAt: string;
  revokedBy: string;
  revokeReason: string;
}

/** Ends a role by marking its membership (never deleting it), and drops it from the holder's grants, in `tx`. */
export async function revokeMembership(
  tx: Transaction,
  membership: MembershipDoc,
  revocation: Revocation,
): Promise<void> {
  await tx.update(COLLECTIONS.memberships, membership._id, { ...revocation });
  await keepGrants(tx, membership.userId, (grants) => grants.filter((grant) => grant._id !== membership._id));
  await keepOfficers(tx, membership, (officers) => officers.filter((officer) => officer._id !== membership._id));
}

/** Whether a membership is one of a society's officer roles, which the society keeps. */
export function isOfficerMembership(membership: Pick<MembershipDoc, 'role' | 'societyId'>): boolean {
  return membership.societyId !== null && (OFFICER_ROLE_SET as readonly string[]).includes(membership.role);
}

async function keepOfficers(
  tx: Transaction,
  membership: MembershipDoc,
  change: (officers: MembershipDoc[]) => MembershipDoc[],
): Promise<void> {
  if (!isOfficerMembership(membership)) return;
  const society = await tx.get<SocietyDoc>(COLLECTIONS.societies, membership.societyId!);
  // Without a kept list (a society from before it was kept) the memberships themselves are read.
  if (!society || !Array.isArray(society.officers)) return;
  await tx.update(COLLECTIONS.societies, society._id, { officers: change(society.officers) });
}

async function keepGrants(
  tx: Transaction,
  userId: string,
  change: (grants: MembershipDoc[]) => MembershipDoc[],
): Promise<void> {
  const user = await tx.get<UserDoc>(COLLECTIONS.users, userId);
  // Without a kept list (a user from before it was kept) the memberships themselves are read.
  if (!user || !Array.isArray(user.grants)) return;
  await tx.set<UserDoc>(COLLECTIONS.users, { ...user, grants: change(user.grants) });
}
