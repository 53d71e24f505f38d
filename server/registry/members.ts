/**
 * Members, officers and roles. People join a society by invitation — a personal code, or a link
 * (a mini program page path carrying the code) — for one role; accepting binds the caller's
 * OPENID to a user, created on first acceptance. The code is random and only its hash is kept.
 * What society and area invitations share (code, lookup, state checks, acceptance) is in
 * ./invitations.ts; this file keeps the society's side: who may invite whom, and officer seats.
 *
 * - Officer roles (president, secretary, supervisor): one person holds at most one, in one
 *   society at a time; a society has one president and one secretary at a time. Enforced with
 *   seat documents (`roleSeats/user:{userId}`, `roleSeats/{societyId}:{role}`) written in the
 *   same transaction, so two acceptances racing for one seat cannot both win.
 * - Member and donor: in as many societies as one likes.
 * - Every grant and revocation is attributed in the audit trail; a revoked role is marked
 *   (revokedAt, revokedBy, reason) and kept, never deleted, so the roster has its history.
 */
import { AppError } from '../errors';
import type { ActionContext } from '../context';
import { COLLECTIONS, type MembershipDoc, type SocietyDoc, type UserDoc } from '../collections';
import { type Actor, actorName, actorOf, type Caller } from '../access/caller';
import { coversSociety, grantHeld, grantsOf, requireActing } from '../access/rules';
import { revokeMembership } from '../access/memberships';
import { loadSociety } from './load';
import {
  acceptingUser,
  acceptor,
  earlierAcceptance,
  findByCode,
  grantInvitedRole,
  invitationView,
  issuedInvitation,
  markAccepted,
  newInvitation,
  saveInvitation,
  SOCIETY_INVITATIONS,
  statusAt,
  unknownInvitationCode,
  type InvitationBase,
} from './invitations';
import { appendAudit } from '../audit/trail';
import { findAll, type Doc, type Store, type Transaction } from '../ports/store';
import { getCountySettings } from '../funds/settings';
import { ROLE_LABELS, type Role } from '../../miniprogram/domain/society';
import {
  SINGLE_HOLDER_ROLES,
  isOfficerRole,
  mayInvite,
  type AcceptResult,
  type CreatedInvitation,
  type InvitableRole,
  type InvitationListItem,
  type MemberView,
} from '../../miniprogram/domain/registry';

export type { AcceptResult, CreatedInvitation, InvitationListItem };
import { PLEDGE_CHANNEL_LABELS, pledgeChannelsFor, type InvitationView } from '../../miniprogram/domain/funds';

export interface InvitationDoc extends InvitationBase<InvitableRole> {
  societyId: string;
  message: string;
  revokedAt: string | null;
  revokedBy: Actor | null;
}

/** `user:{userId}` — the one officer role a person holds; `{societyId}:{role}` — a single-holder role. */
export interface RoleSeatDoc extends Doc {
  membershipId: string | null;
  userId: string | null;
  societyId: string | null;
  role: Role | null;
  updatedAt: string;
}

const INVITERS: readonly Role[] = ['president', 'secretary', 'township', 'county', 'federation'];

export interface CreateInvitationInput {
  requestId: string;
  societyId: string;
  role: InvitableRole;
  inviteeName: string;
  message?: string;
  validDays?: number;
}

export async function createInvitation(ctx: ActionContext, input: CreateInvitationInput): Promise<CreatedInvitation> {
  const society = await loadSociety(ctx.store, input.societyId);
  const role = INVITERS.find(
    (candidate) => coversSociety(ctx.caller, [candidate], society) && mayInvite(candidate, input.role, society.form),
  );
  if (!role) {
    throw new AppError(
      'FORBIDDEN',
      `caller may not invite a ${input.role} to ${society._id}`,
      `您不能邀请${ROLE_LABELS[input.role]}加入该互助社`,
    );
  }
  if (society.status === 'suspended' && role !== 'township' && role !== 'county') {
    throw new AppError('INVALID_STATE', `society ${society._id} is suspended`, '互助社已暂停，暂不能发出邀请');
  }
  const { code, fields } = newInvitation({ ...input, actor: actorOf(ctx.caller, role), now: ctx.clock.now() });
  const doc: InvitationDoc = {
    ...fields,
    societyId: society._id,
    message: input.message?.trim() ?? '',
    revokedAt: null,
    revokedBy: null,
  };
  const stored = await saveInvitation(ctx.store, SOCIETY_INVITATIONS, {
    doc,
    sameScope: (existing) => existing.societyId === doc.societyId,
    audit: {
      scopeId: society._id,
      details: { role: doc.role, inviteeName: doc.inviteeName, expiresAt: doc.expiresAt },
    },
  });
  return issuedInvitation(stored, code, ROLE_LABELS[stored.role]);
}

/** The invitation a code stands for, or a clear refusal. */
export async function findInvitationByCode(ctx: Pick<ActionContext, 'store'>, code: string): Promise<InvitationDoc> {
  const found = await findByCode<InvitationDoc>(ctx.store, SOCIETY_INVITATIONS, code);
  if (!found) throw unknownInvitationCode('no invitation for this code');
  return found;
}

/** What the invitee sees before accepting (anyone holding the code). */
export async function openInvitation(ctx: ActionContext, code: string): Promise<InvitationView> {
  const invitation = await findInvitationByCode(ctx, code);
  const society = await loadSociety(ctx.store, invitation.societyId);
  const settings = invitation.role === 'donor' ? await getCountySettings(ctx.store, society.countyId) : null;
  return invitationView(invitation, ctx.clock.now(), {
    societyId: society._id,
    societyName: society.name,
    roleLabel: ROLE_LABELS[invitation.role],
    message: invitation.message,
    pledgeChannels:
      invitation.role === 'donor'
        ? pledgeChannelsFor(society.form).map((channel) => ({ channel, label: PLEDGE_CHANNEL_LABELS[channel] }))
        : [],
    publicFundraising: settings?.publicFundraising ?? null,
  });
}

export interface Accepted {
  userId: string;
  userName: string;
  membershipId: string;
  invitation: InvitationDoc;
  society: SocietyDoc;
}

/**
 * Accepts inside the caller's transaction (also used when a donor pledges on an open
 * invitation). Accepting again by the same person is a no-op; by another person, refused.
 */
export async function acceptInTx(
  tx: Transaction,
  caller: Caller,
  invitationId: string,
  codeHash: string | null,
  newUserName: string | undefined,
  now: Date,
): Promise<Accepted> {
  const { openid, userId } = acceptor(caller);
  const invitation = await tx.get<InvitationDoc>(COLLECTIONS.invitations, invitationId);
  if (!invitation || (codeHash !== null && invitation.codeHash !== codeHash)) {
    throw unknownInvitationCode(`invitation ${invitationId} not found`);
  }
  const society = await tx.get<SocietyDoc>(COLLECTIONS.societies, invitation.societyId);
  if (!society) throw new AppError('NOT_FOUND', `society ${invitation.societyId} not found`);
  const earlier = earlierAcceptance(SOCIETY_INVITATIONS, invitation, userId, now);
  if (earlier) return { userId, userName: earlier.name, membershipId: earlier.membershipId, invitation, society };
  if (society.status === 'suspended' && !isOfficerRole(invitation.role)) {
    throw new AppError('INVALID_STATE', `society ${society._id} is suspended`, '互助社已暂停，暂不能加入');
  }
  const user = await acceptingUser(tx, { userId, openid, name: newUserName, invitation, now });

  // Already holding this role here (e.g. a donor invited to give again): nothing new to grant.
  let membershipId: string | null = null;
  const grant = grantHeld(caller, invitation.role, { societyId: society._id });
  if (grant) {
    const current = await tx.get<MembershipDoc>(COLLECTIONS.memberships, grant._id);
    if (current && !current.revokedAt) membershipId = current._id;
  }
  if (!membershipId) {
    membershipId = `m-${invitation._id}`;
    if (isOfficerRole(invitation.role)) {
      await takeOfficerSeats(tx, caller, user, society, invitation.role, membershipId, now);
    }
    await grantInvitedRole(tx, {
      invitation,
      user,
      openid,
      membershipId,
      societyId: society._id,
      areaId: null,
      audit: {
        scopeId: society._id,
        details: { role: invitation.role, invitationId: invitation._id, invitedBy: invitation.createdBy },
      },
      now,
    });
  }
  await markAccepted(tx, SOCIETY_INVITATIONS, { invitation, user, membershipId, now });
  return {
    userId: user._id,
    userName: user.name,
    membershipId,
    invitation: { ...invitation, status: 'accepted', membershipId },
    society,
  };
}

async function seatHolder(tx: Transaction, seatId: string): Promise<MembershipDoc | null> {
  const seat = await tx.get<RoleSeatDoc>(COLLECTIONS.roleSeats, seatId);
  if (!seat?.membershipId) return null;
  const membership = await tx.get<MembershipDoc>(COLLECTIONS.memberships, seat.membershipId);
  return membership && !membership.revokedAt ? membership : null;
}

async function takeOfficerSeats(
  tx: Transaction,
  caller: Caller,
  user: UserDoc,
  society: SocietyDoc,
  role: Role,
  membershipId: string,
  now: Date,
): Promise<void> {
  const held =
    (await seatHolder(tx, `user:${user._id}`)) ?? grantsOf(caller).find((grant) => isOfficerRole(grant.role));
  if (held) {
    const where = held.societyId === society._id ? '本社' : '另一个互助社';
    throw new AppError(
      'INVALID_STATE',
      `user ${user._id} already holds ${held.role} in ${held.societyId}`,
      `您已在${where}担任${ROLE_LABELS[held.role]}：一人只能在一个互助社担任一项职务，请先卸任`,
    );
  }
  const seat = { userId: user._id, societyId: society._id, role, membershipId, updatedAt: now.toISOString() };
  if (SINGLE_HOLDER_ROLES.includes(role)) {
    const societySeat = `${society._id}:${role}`;
    if (await seatHolder(tx, societySeat)) {
      throw new AppError(
        'INVALID_STATE',
        `society ${society._id} already has a ${role}`,
        `该互助社已有${ROLE_LABELS[role]}，须先卸任原${ROLE_LABELS[role]}`,
      );
    }
    await tx.set<RoleSeatDoc>(COLLECTIONS.roleSeats, { _id: societySeat, ...seat });
  }
  await tx.set<RoleSeatDoc>(COLLECTIONS.roleSeats, { _id: `user:${user._id}`, ...seat });
}

export async function acceptInvitation(
  ctx: ActionContext,
  code: string,
  name: string | undefined,
): Promise<AcceptResult> {
  if (!ctx.caller.openid) throw new AppError('UNAUTHENTICATED', 'accepting an invitation needs an OPENID');
  const found = await findInvitationByCode(ctx, code);
  const now = ctx.clock.now();
  const accepted = await ctx.store.transaction((tx) =>
    acceptInTx(tx, ctx.caller, found._id, found.codeHash, name, now),
  );
  return {
    societyId: accepted.society._id,
    societyName: accepted.society.name,
    role: accepted.invitation.role,
    roleLabel: ROLE_LABELS[accepted.invitation.role],
    userId: accepted.userId,
    name: accepted.userName,
    membershipId: accepted.membershipId,
  };
}

export async function revokeInvitation(ctx: ActionContext, invitationId: string): Promise<{ invitationId: string }> {
  const invitation = await ctx.store.get<InvitationDoc>(COLLECTIONS.invitations, invitationId);
  if (!invitation) throw new AppError('NOT_FOUND', `invitation ${invitationId} not found`);
  const society = await loadSociety(ctx.store, invitation.societyId);
  const own = invitation.createdBy.userId !== null && invitation.createdBy.userId === ctx.caller.user?._id;
  const { actor } = own
    ? { actor: actorOf(ctx.caller, invitation.createdBy.role) }
    : requireActing(ctx.caller, ['president', 'township', 'county'], society);
  const now = ctx.clock.now();
  await ctx.store.transaction(async (tx) => {
    const current = await tx.get<InvitationDoc>(COLLECTIONS.invitations, invitationId);
    if (current?.status !== 'open') {
      throw new AppError('INVALID_STATE', `invitation ${invitationId} is ${current?.status}`, '只能撤销尚未接受的邀请');
    }
    await tx.update(COLLECTIONS.invitations, invitationId, {
      status: 'revoked',
      revokedAt: now.toISOString(),
      revokedBy: actor,
    });
    await appendAudit(tx, {
      scopeId: society._id,
      actor,
      action: 'invitation.revoke',
      target: `${COLLECTIONS.invitations}/${invitationId}`,
      at: now,
    });
  });
  return { invitationId };
}

/** The society's invitations (without codes): its officers and overseers. */
export async function listInvitations(ctx: ActionContext, societyId: string): Promise<{ items: InvitationListItem[] }> {
  const society = await loadSociety(ctx.store, societyId);
  requireActing(ctx.caller, ['president', 'secretary', 'supervisor', 'township', 'county', 'federation'], society);
  const docs = await ctx.store.find<InvitationDoc>(COLLECTIONS.invitations, {
    where: { societyId },
    orderBy: [['createdAt', 'desc']],
    limit: 500,
  });
  const now = ctx.clock.now();
  return {
    items: docs.map((doc) => ({
      id: doc._id,
      role: doc.role,
      roleLabel: ROLE_LABELS[doc.role],
      inviteeName: doc.inviteeName,
      status: statusAt(doc, now),
      createdAt: doc.createdAt,
      createdByName: actorName(doc.createdBy),
      expiresAt: doc.expiresAt,
      acceptedByName: doc.acceptedBy?.name ?? null,
    })),
  };
}

const ROSTER_ORDER: Role[] = ['president', 'secretary', 'supervisor', 'member', 'donor'];

async function memberViews(store: Store, memberships: MembershipDoc[]): Promise<MemberView[]> {
  const userIds = [
    ...new Set(
      memberships.flatMap((m) => [m.userId, m.grantedBy, m.revokedBy ?? ''].filter((id) => id.startsWith('u-'))),
    ),
  ];
  const users = userIds.length
    ? await findAll<UserDoc>(store, COLLECTIONS.users, { where: { _id: { $in: userIds.slice(0, 1000) } } })
    : [];
  const names = new Map(users.map((user) => [user._id, user.name]));
  const nameOf = (id: string | null | undefined) => (id ? (names.get(id) ?? (id === 'seed' ? '初始数据' : id)) : null);
  return memberships.map((m) => ({
    membershipId: m._id,
    userId: m.userId,
    name: names.get(m.userId) ?? '',
    role: m.role,
    roleLabel: ROLE_LABELS[m.role],
    grantedAt: m.grantedAt,
    grantedByName: nameOf(m.grantedBy) ?? '',
    revokedAt: m.revokedAt ?? null,
    revokedByName: nameOf(m.revokedBy),
    revokeReason: m.revokeReason ?? null,
  }));
}

/** The roster with its history (revoked roles marked): the society's officers, supervisor and overseers. */
export async function listMembers(
  ctx: ActionContext,
  societyId: string,
  includeRevoked: boolean,
): Promise<{ items: MemberView[] }> {
  const society = await loadSociety(ctx.store, societyId);
  requireActing(ctx.caller, ['president', 'secretary', 'supervisor', 'township', 'county', 'federation'], society);
  const memberships = (
    await findAll<MembershipDoc>(ctx.store, COLLECTIONS.memberships, { where: { societyId } }, 10_000)
  ).filter((m) => ROSTER_ORDER.includes(m.role) && (includeRevoked || !m.revokedAt));
  const items = (await memberViews(ctx.store, memberships)).sort(
    (a, b) =>
      Number(a.revokedAt !== null) - Number(b.revokedAt !== null) ||
      ROSTER_ORDER.indexOf(a.role) - ROSTER_ORDER.indexOf(b.role) ||
      a.grantedAt.localeCompare(b.grantedAt),
  );
  return { items };
}

/**
 * Ends a role by marking it: the holder resigning, the president (any role but president), or
 * the township or county bureau. Frees the officer seats it held.
 */
export async function revokeRole(ctx: ActionContext, membershipId: string, reason: string): Promise<MemberView> {
  const membership = await ctx.store.get<MembershipDoc>(COLLECTIONS.memberships, membershipId);
  if (!membership?.societyId) throw new AppError('NOT_FOUND', `membership ${membershipId} not found`);
  const society = await loadSociety(ctx.store, membership.societyId);
  const self = ctx.caller.user?._id === membership.userId;
  const allowed: Role[] =
    membership.role === 'president' ? ['township', 'county'] : ['president', 'township', 'county'];
  const actor = self
    ? actorOf(ctx.caller, membership.role)
    : requireActing(ctx.caller, allowed, society, '您不能撤销该角色').actor;
  const now = ctx.clock.now();
  await ctx.store.transaction(async (tx) => {
    const current = await tx.get<MembershipDoc>(COLLECTIONS.memberships, membershipId);
    if (!current || current.revokedAt) {
      throw new AppError('INVALID_STATE', `membership ${membershipId} already revoked`, '该角色已经撤销');
    }
    await revokeMembership(tx, current, {
      revokedAt: now.toISOString(),
      revokedBy: actor.userId ?? 'system',
      revokeReason: reason,
    });
    for (const seatId of [`user:${current.userId}`, `${society._id}:${current.role}`]) {
      const seat = await tx.get<RoleSeatDoc>(COLLECTIONS.roleSeats, seatId);
      if (seat?.membershipId === membershipId) {
        await tx.set<RoleSeatDoc>(COLLECTIONS.roleSeats, {
          _id: seatId,
          membershipId: null,
          userId: null,
          societyId: null,
          role: null,
          updatedAt: now.toISOString(),
        });
      }
    }
    await appendAudit(tx, {
      scopeId: society._id,
      actor,
      action: 'membership.revoke',
      target: `${COLLECTIONS.memberships}/${membershipId}`,
      details: { role: current.role, userId: current.userId, reason, resigned: self },
      at: now,
    });
  });
  const revoked = await ctx.store.get<MembershipDoc>(COLLECTIONS.memberships, membershipId);
  const [view] = await memberViews(ctx.store, [revoked!]);
  return view!;
}
