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
 *    Their code, lookup, state checks and acceptance are those of ./invitations.ts.
 */
import { AppError } from '../errors';
import type { ActionContext } from '../context';
import { COLLECTIONS, type AreaDoc, type MetaDoc, type UserDoc } from '../collections';
import { type Actor, actorOf } from '../access/caller';
import { callerCounty, grantHeld } from '../access/rules';
import { grantMembership, newUser } from '../access/memberships';
import { appendAudit } from '../audit/trail';
import { findAll, isStoreError, type Doc } from '../ports/store';
import {
  AREA_INVITATIONS,
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
  userIdForOpenid,
  type InvitationBase,
} from './invitations';
import { hashFirstStartCode, parseFirstStartValue, FIRST_START_ENV, type IssuedFirstStart } from './first-start-code';
import type { InvitationView } from '../../miniprogram/domain/funds';
import { AREA_ROLE_LABELS } from '../../miniprogram/domain/first-start';
import type {
  AreaInvitableRole,
  AreaTreeView,
  CreatedAreaInvitation,
  CountyAdminResult,
} from '../../miniprogram/domain/first-start';

export const FIRST_START_META_ID = 'firstStart';

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

export interface AreaInvitationDoc extends InvitationBase<AreaInvitableRole> {
  areaId: string;
  countyId: string;
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
  const { code, fields } = newInvitation({ ...input, actor, now: ctx.clock.now() });
  const doc: AreaInvitationDoc = { ...fields, areaId: area._id, countyId: county._id };
  const stored = await saveInvitation(ctx.store, AREA_INVITATIONS, {
    doc,
    sameScope: (existing) => existing.areaId === doc.areaId,
    audit: {
      scopeId: county._id,
      details: { role: doc.role, areaId: doc.areaId, inviteeName: doc.inviteeName, expiresAt: doc.expiresAt },
    },
  });
  return { ...issuedInvitation(stored, code, AREA_ROLE_LABELS[stored.role]), areaName: area.name };
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
  const invitation = await findByCode<AreaInvitationDoc>(ctx.store, AREA_INVITATIONS, code);
  if (!invitation) return null;
  const area = await ctx.store.get<AreaDoc>(COLLECTIONS.areas, invitation.areaId);
  return invitationView(invitation, ctx.clock.now(), {
    societyId: '',
    societyName: area ? areaScopeName(invitation.role, area) : '',
    roleLabel: AREA_ROLE_LABELS[invitation.role],
    message: '',
    pledgeChannels: [],
    publicFundraising: null,
  });
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
  const found = await findByCode<AreaInvitationDoc>(ctx.store, AREA_INVITATIONS, code);
  if (!found) return null;
  const { openid, userId } = acceptor(ctx.caller);
  const now = ctx.clock.now();
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
    const earlier = earlierAcceptance(AREA_INVITATIONS, invitation, userId, now);
    if (earlier) return result(earlier.name, earlier.membershipId);
    const user = await acceptingUser(tx, { userId, openid, name: newUserName, invitation, now });
    const held = grantHeld(ctx.caller, invitation.role, { areaId: invitation.areaId });
    const membershipId = held?._id ?? `m-${invitation._id}`;
    if (!held) {
      await grantInvitedRole(tx, {
        invitation,
        user,
        openid,
        membershipId,
        societyId: null,
        areaId: invitation.areaId,
        audit: {
          scopeId: invitation.countyId,
          details: { role: invitation.role, areaId: invitation.areaId, invitationId: invitation._id },
        },
        now,
      });
    }
    await markAccepted(tx, AREA_INVITATIONS, { invitation, user, membershipId, now });
    return result(user.name, membershipId);
  });
}
