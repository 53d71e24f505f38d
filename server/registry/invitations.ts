/**
 * What the two kinds of invitation share: a society's (members.ts: members, donors, officers)
 * and an area's (first-start.ts: township, federation and county officers). Both are a random
 * code, shown once and kept only as its hash, for one role, open until accepted, revoked or
 * expired; a retried request id issues a fresh code for the same invitation; accepting binds
 * the caller's OPENID to a user, created on first acceptance, and grants the role. What differs
 * — the scope (a society or an area), who may invite whom, officer seats — stays in each file.
 */
import { createHash, randomInt } from 'node:crypto';
import { AppError } from '../errors';
import { requestIdReused } from '../api/request-ids';
import { COLLECTIONS, type UserDoc } from '../collections';
import { type Actor, actorName, type Caller } from '../access/caller';
import { grantMembership, newUser } from '../access/memberships';
import { appendAudit } from '../audit/trail';
import type { Doc, Store, Transaction } from '../ports/store';
import {
  INVITATION_CODE_ALPHABET,
  INVITATION_CODE_LENGTH,
  INVITATION_DEFAULT_DAYS,
  invitationPath,
  normalizeInvitationCode,
} from '../../miniprogram/domain/registry';
import type { InvitationView } from '../../miniprogram/domain/funds';
import type { Role } from '../../miniprogram/domain/society';

export type InvitationStatus = 'open' | 'accepted' | 'revoked';

/** The fields of either kind's stored invitation; each kind adds its scope. */
export interface InvitationBase<R extends Role = Role> extends Doc {
  role: R;
  inviteeName: string;
  /** sha-256 of the code: the code itself is shown once, to the inviter, and never stored. */
  codeHash: string;
  status: InvitationStatus;
  createdAt: string;
  createdBy: Actor;
  expiresAt: string;
  acceptedAt: string | null;
  acceptedBy: { userId: string; name: string } | null;
  membershipId: string | null;
}

/** Where a kind is kept and who to ask for a new one. */
export interface InvitationKind {
  collection: typeof COLLECTIONS.invitations | typeof COLLECTIONS.areaInvitations;
  /** How the log names it when a request id is reused. */
  logName: string;
  expiredMessage: string;
}

export const SOCIETY_INVITATIONS: InvitationKind = {
  collection: COLLECTIONS.invitations,
  logName: 'invitation',
  expiredMessage: '该邀请已过期，请联系互助社重新邀请',
};

export const AREA_INVITATIONS: InvitationKind = {
  collection: COLLECTIONS.areaInvitations,
  logName: 'area invitation',
  expiredMessage: '该邀请已过期，请联系县民政局重新邀请',
};

const DAY_MS = 24 * 60 * 60 * 1000;

export function hashInvitationCode(code: string): string {
  return createHash('sha256')
    .update(`jjn-invitation:${normalizeInvitationCode(code)}`)
    .digest('hex');
}

export function newInvitationCode(): string {
  let code = '';
  for (let i = 0; i < INVITATION_CODE_LENGTH; i += 1) {
    code += INVITATION_CODE_ALPHABET[randomInt(INVITATION_CODE_ALPHABET.length)];
  }
  return code;
}

/** A new person's user id follows from their OPENID, so two acceptances at once make one user. */
export function userIdForOpenid(openid: string): string {
  return `u-${createHash('sha256').update(openid).digest('hex').slice(0, 24)}`;
}

/** The refusal for a code that stands for no invitation. */
export function unknownInvitationCode(logMessage: string): AppError {
  return new AppError('NOT_FOUND', logMessage, '邀请码无效，请向邀请您的互助社核对');
}

export interface NewInvitationInput<R extends Role> {
  requestId: string;
  role: R;
  inviteeName: string;
  validDays?: number;
  actor: Actor;
  now: Date;
}

/** A fresh code and the shared fields of an open invitation for it; the kind adds its scope. */
export function newInvitation<R extends Role>(
  input: NewInvitationInput<R>,
): { code: string; fields: InvitationBase<R> } {
  const code = newInvitationCode();
  const fields: InvitationBase<R> = {
    _id: input.requestId,
    role: input.role,
    inviteeName: input.inviteeName.trim(),
    codeHash: hashInvitationCode(code),
    status: 'open',
    createdAt: input.now.toISOString(),
    createdBy: input.actor,
    expiresAt: new Date(input.now.getTime() + (input.validDays ?? INVITATION_DEFAULT_DAYS) * DAY_MS).toISOString(),
    acceptedAt: null,
    acceptedBy: null,
    membershipId: null,
  };
  return { code, fields };
}

export interface SaveInvitationInput<D extends InvitationBase> {
  doc: D;
  /** Whether an invitation already under this request id has the same scope. */
  sameScope: (existing: D) => boolean;
  /** The audit event's scope and details. */
  audit: { scopeId: string; details: Record<string, unknown> };
}

/**
 * Stores a new invitation and audits it; a retry of the same request (the first answer, and its
 * code, never arrived) gives the stored invitation the new code instead. Returns the invitation as stored.
 */
export async function saveInvitation<D extends InvitationBase>(
  store: Store,
  kind: InvitationKind,
  input: SaveInvitationInput<D>,
): Promise<D> {
  const { doc } = input;
  return store.transaction(async (tx) => {
    const existing = await tx.get<D>(kind.collection, doc._id);
    if (existing) {
      const same =
        input.sameScope(existing) &&
        existing.role === doc.role &&
        existing.inviteeName === doc.inviteeName &&
        existing.createdBy.userId === doc.createdBy.userId;
      if (!same) throw requestIdReused(`${kind.logName} ${doc._id}`);
      if (existing.status !== 'open') {
        throw new AppError('INVALID_STATE', `invitation ${existing._id} is ${existing.status}`, '该邀请已被接受或撤销');
      }
      await tx.update(kind.collection, existing._id, { codeHash: doc.codeHash });
      return existing;
    }
    await tx.insert(kind.collection, doc);
    await appendAudit(tx, {
      scopeId: input.audit.scopeId,
      actor: doc.createdBy,
      action: 'invitation.create',
      target: `${kind.collection}/${doc._id}`,
      details: input.audit.details,
      at: new Date(doc.createdAt),
    });
    return doc;
  });
}

/** What the inviter is shown once: the code, its link, and the invitation. */
export function issuedInvitation<R extends Role>(stored: InvitationBase<R>, code: string, roleLabel: string) {
  return {
    invitationId: stored._id,
    code,
    path: invitationPath(code),
    role: stored.role,
    roleLabel,
    inviteeName: stored.inviteeName,
    expiresAt: stored.expiresAt,
  };
}

/** The one invitation of this kind a code stands for, or null (none, or an ambiguous code). */
export async function findByCode<D extends InvitationBase>(
  store: Store,
  kind: InvitationKind,
  code: string,
): Promise<D | null> {
  const matches = await store.find<D>(kind.collection, { where: { codeHash: hashInvitationCode(code) }, limit: 2 });
  return matches.length === 1 ? matches[0]! : null;
}

/** Its status as shown: an open invitation past its expiry is expired. */
export function statusAt(invitation: InvitationBase, now: Date): InvitationView['status'] {
  if (invitation.status === 'open' && Date.parse(invitation.expiresAt) <= now.getTime()) return 'expired';
  return invitation.status;
}

/** What the invitation page shows of either kind; the scope supplies the rest. */
export function invitationView(
  invitation: InvitationBase,
  now: Date,
  scope: Pick<
    InvitationView,
    'societyId' | 'societyName' | 'roleLabel' | 'message' | 'pledgeChannels' | 'publicFundraising'
  >,
): InvitationView {
  return {
    id: invitation._id,
    societyId: scope.societyId,
    societyName: scope.societyName,
    role: invitation.role,
    roleLabel: scope.roleLabel,
    inviteeName: invitation.inviteeName,
    message: scope.message,
    invitedByName: actorName(invitation.createdBy),
    expiresAt: invitation.expiresAt,
    status: statusAt(invitation, now),
    pledgeChannels: scope.pledgeChannels,
    publicFundraising: scope.publicFundraising,
  };
}

/** Who is accepting: their OPENID, and the user id they have or will have. */
export function acceptor(caller: Caller): { openid: string; userId: string } {
  const openid = caller.openid;
  if (!openid) throw new AppError('UNAUTHENTICATED', 'accepting an invitation needs an OPENID');
  return { openid, userId: caller.user?._id ?? userIdForOpenid(openid) };
}

/**
 * The state checks before accepting: an invitation this person already accepted gives that
 * acceptance back (a retry is a no-op); accepted by someone else, revoked or expired, refused.
 * Null when it is open.
 */
export function earlierAcceptance(
  kind: InvitationKind,
  invitation: InvitationBase,
  userId: string,
  now: Date,
): { name: string; membershipId: string } | null {
  if (invitation.status === 'accepted') {
    if (invitation.acceptedBy?.userId === userId && invitation.membershipId) {
      return { name: invitation.acceptedBy.name, membershipId: invitation.membershipId };
    }
    throw new AppError('FORBIDDEN', `invitation ${invitation._id} accepted by someone else`, '该邀请已由他人接受');
  }
  if (invitation.status === 'revoked') {
    throw new AppError('INVALID_STATE', `invitation ${invitation._id} revoked`, '该邀请已被撤销');
  }
  if (Date.parse(invitation.expiresAt) <= now.getTime()) {
    throw new AppError('INVALID_STATE', `invitation ${invitation._id} expired`, kind.expiredMessage);
  }
  return null;
}

/** The accepting person's user, created on first acceptance under the name they give or the invitation's. */
export async function acceptingUser(
  tx: Transaction,
  input: { userId: string; openid: string; name: string | undefined; invitation: InvitationBase; now: Date },
): Promise<UserDoc> {
  const user = await tx.get<UserDoc>(COLLECTIONS.users, input.userId);
  if (user) return user;
  const created = newUser({
    _id: input.userId,
    openid: input.openid,
    name: (input.name ?? '').trim() || input.invitation.inviteeName,
    createdAt: input.now.toISOString(),
  });
  await tx.insert(COLLECTIONS.users, created);
  return created;
}

export interface GrantInput {
  invitation: InvitationBase;
  user: UserDoc;
  openid: string;
  membershipId: string;
  /** The role's scope: a society, or an area. */
  societyId: string | null;
  areaId: string | null;
  audit: { scopeId: string; details: Record<string, unknown> };
  now: Date;
}

/** Grants the invited role (attributed to the inviter) and audits it, in `tx`. */
export async function grantInvitedRole(tx: Transaction, input: GrantInput): Promise<void> {
  const { invitation, user, membershipId, now } = input;
  await grantMembership(tx, {
    _id: membershipId,
    userId: user._id,
    role: invitation.role,
    societyId: input.societyId,
    areaId: input.areaId,
    grantedAt: now.toISOString(),
    grantedBy: invitation.createdBy.userId ?? 'system',
    revokedAt: null,
    revokedBy: null,
    revokeReason: null,
    invitationId: invitation._id,
  });
  await appendAudit(tx, {
    scopeId: input.audit.scopeId,
    actor: { userId: user._id, openid: input.openid, name: user.name, role: invitation.role },
    action: 'membership.grant',
    target: `${COLLECTIONS.memberships}/${membershipId}`,
    details: input.audit.details,
    at: now,
  });
}

/** Marks the invitation accepted by this user, holding this membership, in `tx`. */
export async function markAccepted(
  tx: Transaction,
  kind: InvitationKind,
  input: { invitation: InvitationBase; user: UserDoc; membershipId: string; now: Date },
): Promise<void> {
  await tx.update(kind.collection, input.invitation._id, {
    status: 'accepted',
    acceptedAt: input.now.toISOString(),
    acceptedBy: { userId: input.user._id, name: input.user.name },
    membershipId: input.membershipId,
  });
}
