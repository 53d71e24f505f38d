/**
 * First start of a new county (issue 12): from an empty environment to its first officers.
 *
 * 1. The deploy prints a one-time code (only its hash and expiry are deployed, see
 *    first-start-code.ts). Whoever types it, with the county's name and 6-digit 区划代码, becomes
 *    the county bureau's administrator: the county area and a `county` role are created. The
 *    code works once (a `meta/firstStart` document records the use, in the same transaction)
 *    and is audited.
 * 2. The county imports its townships and villages from an xlsx template (乡镇, 村（社区）, 村代码:
 *    the 12-digit 统计用区划代码, whose first 9 digits are the township's). A file with any bad
 *    row is refused whole, with the rows; a re-import adds what is new and never deletes or
 *    renames. Ids follow from the codes (`area-<code>`), so a retry writes the same documents.
 * 3. The county invites township and federation officers (and more county officers) by code;
 *    they accept on the same invitation page as society officers. Societies and their officers
 *    then go through the existing registry: a township or the county creates the society and
 *    invites its president, secretary and supervisor.
 */
import { AppError } from '../errors';
import { requestIdReused } from '../api/request-ids';
import type { ActionContext } from '../context';
import { COLLECTIONS, type AreaDoc, type MetaDoc, type UserDoc } from '../collections';
import { type Actor, actorName, actorOf } from '../access/caller';
import { callerCounty, grantHeld } from '../access/rules';
import { grantMembership, newUser } from '../access/memberships';
import { appendAudit } from '../audit/trail';
import { findAll, isStoreError, type Doc } from '../ports/store';
import { hashInvitationCode, newInvitationCode, userIdForOpenid } from './members';
import { hashFirstStartCode, parseFirstStartValue, FIRST_START_ENV, type IssuedFirstStart } from './first-start-code';
import { INVITATION_DEFAULT_DAYS, invitationPath } from '../../miniprogram/domain/registry';
import type { InvitationView } from '../../miniprogram/domain/funds';
import { AREA_ROLE_LABELS } from '../../miniprogram/domain/first-start';
import type {
  AreaInvitableRole,
  AreaTreeView,
  CreatedAreaInvitation,
  CountyAdminResult,
} from '../../miniprogram/domain/first-start';

export const FIRST_START_META_ID = 'firstStart';
const DAY_MS = 24 * 60 * 60 * 1000;

/** The code the deploy issued to this function, from its environment (the local stack sets it too). */
export function issuedFirstStart(env: Record<string, string | undefined> = process.env): IssuedFirstStart | null {
  return parseFirstStartValue(env[FIRST_START_ENV]);
}

/** Whether a first-start code can still be used here: issued, not expired, not yet used. */
export async function firstStartOpen(ctx: ActionContext, issued: IssuedFirstStart | null): Promise<boolean> {
  if (!issued || Date.parse(issued.expiresAt) <= ctx.clock.now().getTime()) return false;
  return !(await ctx.store.get<MetaDoc>(COLLECTIONS.meta, FIRST_START_META_ID));
}

export interface ClaimCountyAdminInput {
  code: string;
  name: string;
  countyName: string;
  countyCode: string;
}

export function countyAreaId(countyCode: string): string {
  return `area-${countyCode}`;
}

/** Step 1: the holder of the deploy's code becomes the county bureau's administrator. */
export async function claimCountyAdmin(
  ctx: ActionContext,
  input: ClaimCountyAdminInput,
  issued: IssuedFirstStart | null,
): Promise<CountyAdminResult> {
  const openid = ctx.caller.openid;
  if (!openid) throw new AppError('UNAUTHENTICATED', 'first start needs an OPENID');
  if (!issued) {
    throw new AppError('NOT_FOUND', 'no first-start code was deployed', '本系统没有发放初始化码，请联系部署人员');
  }
  const now = ctx.clock.now();
  if (hashFirstStartCode(input.code) !== issued.codeHash) {
    throw new AppError('FORBIDDEN', 'wrong first-start code', '初始化码不正确，请核对部署时显示的初始化码');
  }
  if (Date.parse(issued.expiresAt) <= now.getTime()) {
    throw new AppError(
      'INVALID_STATE',
      'first-start code expired',
      '初始化码已过期，请部署人员重新部署以获得新的初始化码',
    );
  }
  const countyId = countyAreaId(input.countyCode);
  const userId = ctx.caller.user?._id ?? userIdForOpenid(openid);
  const membershipId = `m-county-admin-${countyId}`;
  let retried = false;
  try {
    retried = await ctx.store.transaction(async (tx) => {
      const used = await tx.get<MetaDoc>(COLLECTIONS.meta, FIRST_START_META_ID);
      if (used) {
        // The same person sending the same claim again (the first answer never arrived) gets it again.
        const value = used.value as { userId?: string; countyId?: string };
        if (value.userId === userId && value.countyId === countyId) return true;
        throw usedAlready();
      }
      await tx.insert<MetaDoc>(COLLECTIONS.meta, {
        _id: FIRST_START_META_ID,
        value: { codeHash: issued.codeHash, countyId, userId },
        updatedAt: now.toISOString(),
      });
      if (!(await tx.get(COLLECTIONS.areas, countyId))) {
        await tx.insert<AreaDoc>(COLLECTIONS.areas, {
          _id: countyId,
          kind: 'county',
          name: input.countyName,
          code: input.countyCode,
          parentId: null,
          countyId,
          townshipId: null,
        });
      }
      let user = await tx.get<UserDoc>(COLLECTIONS.users, userId);
      if (!user) {
        user = newUser({ _id: userId, openid, name: input.name, createdAt: now.toISOString() });
        await tx.insert(COLLECTIONS.users, user);
      }
      await grantMembership(tx, {
        _id: membershipId,
        userId,
        role: 'county',
        societyId: null,
        areaId: countyId,
        grantedAt: now.toISOString(),
        grantedBy: 'first-start',
        revokedAt: null,
        revokedBy: null,
        revokeReason: null,
        invitationId: null,
      });
      await appendAudit(tx, {
        scopeId: countyId,
        actor: { userId, openid, name: user.name, role: 'county' },
        action: 'county.firstStart',
        target: `${COLLECTIONS.memberships}/${membershipId}`,
        details: { countyName: input.countyName, countyCode: input.countyCode },
        at: now,
      });
      return false;
    });
  } catch (error) {
    if (isStoreError(error, 'DUPLICATE_ID')) throw usedAlready();
    throw error;
  }
  if (retried) {
    const [county, user] = await Promise.all([
      ctx.store.get<AreaDoc>(COLLECTIONS.areas, countyId),
      ctx.store.get<UserDoc>(COLLECTIONS.users, userId),
    ]);
    return { countyId, countyName: county?.name ?? input.countyName, name: user?.name ?? input.name };
  }
  return { countyId, countyName: input.countyName, name: input.name };
}

function usedAlready(): AppError {
  return new AppError(
    'INVALID_STATE',
    'first-start code already used',
    '初始化码已经使用过：县民政局管理员已设立，请由其邀请您',
  );
}

// --- step 2: townships and villages from an xlsx file: see ./area-import.ts ----------------

/** The county bureau administrator calling, and their county. */
export async function loadCallerCounty(ctx: ActionContext): Promise<{ county: AreaDoc; actor: Actor }> {
  const { countyId } = await callerCounty(ctx.store, ctx.caller, ['county']);
  const county = await ctx.store.get<AreaDoc>(COLLECTIONS.areas, countyId);
  if (!county) throw new AppError('NOT_FOUND', `county ${countyId} not found`);
  return { county, actor: actorOf(ctx.caller, 'county') };
}

/** The county's townships and villages, and which villages have a society. */
export async function areaTree(ctx: ActionContext): Promise<AreaTreeView> {
  const { countyId } = await callerCounty(ctx.store, ctx.caller, ['county', 'township', 'federation']);
  const [county, areas, societies] = await Promise.all([
    ctx.store.get<AreaDoc>(COLLECTIONS.areas, countyId),
    findAll<AreaDoc>(ctx.store, COLLECTIONS.areas, { where: { countyId } }, 20_000),
    findAll<Doc & { villageId: string }>(ctx.store, COLLECTIONS.societies, { where: { countyId } }, 20_000),
  ]);
  const withSociety = new Set(societies.map((society) => society.villageId));
  const townships = areas
    .filter((area) => area.kind === 'township')
    .sort((a, b) => (a.code ?? a._id).localeCompare(b.code ?? b._id));
  return {
    countyId,
    countyName: county?.name ?? '',
    countyCode: county?.code ?? null,
    townships: townships.map((township) => ({
      id: township._id,
      name: township.name,
      villages: areas
        .filter((area) => area.kind === 'village' && area.townshipId === township._id)
        .sort((a, b) => (a.code ?? a._id).localeCompare(b.code ?? b._id))
        .map((village) => ({ id: village._id, name: village.name, hasSociety: withSociety.has(village._id) })),
    })),
  };
}

// --- step 3: township, federation and county officers by invitation ------------------------

export interface AreaInvitationDoc extends Doc {
  areaId: string;
  countyId: string;
  role: AreaInvitableRole;
  inviteeName: string;
  codeHash: string;
  status: 'open' | 'accepted' | 'revoked';
  createdAt: string;
  createdBy: Actor;
  expiresAt: string;
  acceptedAt: string | null;
  acceptedBy: { userId: string; name: string } | null;
  membershipId: string | null;
}

export interface CreateAreaInvitationInput {
  requestId: string;
  role: AreaInvitableRole;
  /** The township for a township officer; the county itself for county and federation officers. */
  areaId: string;
  inviteeName: string;
  validDays?: number;
}

/** The county bureau invites the officers of a township, of the federation, or of the county bureau. */
export async function createAreaInvitation(
  ctx: ActionContext,
  input: CreateAreaInvitationInput,
): Promise<CreatedAreaInvitation> {
  const { county, actor } = await loadCallerCounty(ctx);
  const area = await ctx.store.get<AreaDoc>(COLLECTIONS.areas, input.areaId);
  const fits =
    area?.countyId === county._id && (input.role === 'township' ? area.kind === 'township' : area.kind === 'county');
  if (!area || !fits) {
    throw new AppError(
      'BAD_REQUEST',
      `area ${input.areaId} does not fit a ${input.role} invitation`,
      input.role === 'township' ? '请选择本县的一个乡镇（街道）' : '县民政局和联合会的邀请属于本县',
    );
  }
  const now = ctx.clock.now();
  const code = newInvitationCode();
  const codeHash = hashInvitationCode(code);
  const doc: AreaInvitationDoc = {
    _id: input.requestId,
    areaId: area._id,
    countyId: county._id,
    role: input.role,
    inviteeName: input.inviteeName.trim(),
    codeHash,
    status: 'open',
    createdAt: now.toISOString(),
    createdBy: actor,
    expiresAt: new Date(now.getTime() + (input.validDays ?? INVITATION_DEFAULT_DAYS) * DAY_MS).toISOString(),
    acceptedAt: null,
    acceptedBy: null,
    membershipId: null,
  };
  const stored = await ctx.store.transaction(async (tx) => {
    const existing = await tx.get<AreaInvitationDoc>(COLLECTIONS.areaInvitations, input.requestId);
    if (existing) {
      const same =
        existing.areaId === doc.areaId &&
        existing.role === doc.role &&
        existing.inviteeName === doc.inviteeName &&
        existing.createdBy.userId === actor.userId;
      if (!same) throw requestIdReused(`area invitation ${input.requestId}`);
      if (existing.status !== 'open') {
        throw new AppError('INVALID_STATE', `invitation ${existing._id} is ${existing.status}`, '该邀请已被接受或撤销');
      }
      // A retry: the first answer (and its code) never arrived.
      await tx.update(COLLECTIONS.areaInvitations, existing._id, { codeHash });
      return existing;
    }
    await tx.insert(COLLECTIONS.areaInvitations, doc);
    await appendAudit(tx, {
      scopeId: county._id,
      actor,
      action: 'invitation.create',
      target: `${COLLECTIONS.areaInvitations}/${doc._id}`,
      details: { role: doc.role, areaId: doc.areaId, inviteeName: doc.inviteeName, expiresAt: doc.expiresAt },
      at: now,
    });
    return doc;
  });
  return {
    invitationId: stored._id,
    code,
    path: invitationPath(code),
    role: stored.role,
    roleLabel: AREA_ROLE_LABELS[stored.role],
    areaName: area.name,
    inviteeName: stored.inviteeName,
    expiresAt: stored.expiresAt,
  };
}

async function findAreaInvitation(ctx: ActionContext, code: string): Promise<AreaInvitationDoc | null> {
  const [found] = await ctx.store.find<AreaInvitationDoc>(COLLECTIONS.areaInvitations, {
    where: { codeHash: hashInvitationCode(code) },
    limit: 1,
  });
  return found ?? null;
}

function areaScopeName(role: AreaInvitableRole, area: AreaDoc): string {
  return role === 'federation'
    ? `${area.name}慈善协会救急难互助社联合会`
    : role === 'county'
      ? `${area.name}民政局`
      : area.name;
}

/** The invitation page's view of an area invitation, or null when the code is not one. */
export async function openAreaInvitation(ctx: ActionContext, code: string): Promise<InvitationView | null> {
  const invitation = await findAreaInvitation(ctx, code);
  if (!invitation) return null;
  const area = await ctx.store.get<AreaDoc>(COLLECTIONS.areas, invitation.areaId);
  const expired = invitation.status === 'open' && Date.parse(invitation.expiresAt) <= ctx.clock.now().getTime();
  return {
    id: invitation._id,
    societyId: '',
    societyName: area ? areaScopeName(invitation.role, area) : '',
    role: invitation.role,
    roleLabel: AREA_ROLE_LABELS[invitation.role],
    inviteeName: invitation.inviteeName,
    message: '',
    invitedByName: actorName(invitation.createdBy),
    expiresAt: invitation.expiresAt,
    status: expired ? 'expired' : invitation.status,
    pledgeChannels: [],
    publicFundraising: null,
  };
}

export interface AreaAccepted {
  societyId: string;
  societyName: string;
  role: AreaInvitableRole;
  roleLabel: string;
  userId: string;
  name: string;
  membershipId: string;
}

/** Accepts an area invitation; null when the code is not one. Accepting again by the same person is a no-op. */
export async function acceptAreaInvitation(
  ctx: ActionContext,
  code: string,
  newUserName: string | undefined,
): Promise<AreaAccepted | null> {
  const found = await findAreaInvitation(ctx, code);
  if (!found) return null;
  const openid = ctx.caller.openid;
  if (!openid) throw new AppError('UNAUTHENTICATED', 'accepting an invitation needs an OPENID');
  const now = ctx.clock.now();
  const userId = ctx.caller.user?._id ?? userIdForOpenid(openid);
  const area = await ctx.store.get<AreaDoc>(COLLECTIONS.areas, found.areaId);
  if (!area) throw new AppError('NOT_FOUND', `area ${found.areaId} not found`);
  return ctx.store.transaction(async (tx) => {
    const invitation = await tx.get<AreaInvitationDoc>(COLLECTIONS.areaInvitations, found._id);
    if (!invitation) throw new AppError('NOT_FOUND', `invitation ${found._id} vanished`);
    const result = (name: string, membershipId: string): AreaAccepted => ({
      societyId: '',
      societyName: areaScopeName(invitation.role, area),
      role: invitation.role,
      roleLabel: AREA_ROLE_LABELS[invitation.role],
      userId,
      name,
      membershipId,
    });
    if (invitation.status === 'accepted') {
      if (invitation.acceptedBy?.userId === userId && invitation.membershipId) {
        return result(invitation.acceptedBy.name, invitation.membershipId);
      }
      throw new AppError('FORBIDDEN', `invitation ${invitation._id} accepted by someone else`, '该邀请已由他人接受');
    }
    if (invitation.status === 'revoked') {
      throw new AppError('INVALID_STATE', `invitation ${invitation._id} revoked`, '该邀请已被撤销');
    }
    if (Date.parse(invitation.expiresAt) <= now.getTime()) {
      throw new AppError(
        'INVALID_STATE',
        `invitation ${invitation._id} expired`,
        '该邀请已过期，请联系县民政局重新邀请',
      );
    }
    let user = await tx.get<UserDoc>(COLLECTIONS.users, userId);
    if (!user) {
      user = newUser({
        _id: userId,
        openid,
        name: (newUserName ?? '').trim() || invitation.inviteeName,
        createdAt: now.toISOString(),
      });
      await tx.insert(COLLECTIONS.users, user);
    }
    const held = grantHeld(ctx.caller, invitation.role, { areaId: invitation.areaId });
    const membershipId = held?._id ?? `m-${invitation._id}`;
    if (!held) {
      await grantMembership(tx, {
        _id: membershipId,
        userId: user._id,
        role: invitation.role,
        societyId: null,
        areaId: invitation.areaId,
        grantedAt: now.toISOString(),
        grantedBy: invitation.createdBy.userId ?? 'system',
        revokedAt: null,
        revokedBy: null,
        revokeReason: null,
        invitationId: invitation._id,
      });
      await appendAudit(tx, {
        scopeId: invitation.countyId,
        actor: { userId: user._id, openid, name: user.name, role: invitation.role },
        action: 'membership.grant',
        target: `${COLLECTIONS.memberships}/${membershipId}`,
        details: { role: invitation.role, areaId: invitation.areaId, invitationId: invitation._id },
        at: now,
      });
    }
    await tx.update(COLLECTIONS.areaInvitations, invitation._id, {
      status: 'accepted',
      acceptedAt: now.toISOString(),
      acceptedBy: { userId: user._id, name: user.name },
      membershipId,
    });
    return result(user.name, membershipId);
  });
}
