/**
 * The invitation module both kinds share (server/registry/invitations.ts): a society's
 * invitations (members.ts) and an area's (first-start.ts). The state checks and their Chinese
 * refusals for each kind, lookup by code kept apart by kind, the retry by request id and the
 * user created on acceptance — over the seeded demo county in a real SQLite store.
 */
import { createTestBackend, type TestBackend } from '../support/test-backend';
import { COLLECTIONS, type MembershipDoc, type UserDoc } from '../../server/collections';
import { AppError } from '../../server/errors';
import type { AuditEventDoc } from '../../server/audit/trail';
import { findAll } from '../../server/ports/store';
import {
  AREA_INVITATIONS,
  SOCIETY_INVITATIONS,
  acceptingUser,
  earlierAcceptance,
  findByCode,
  hashInvitationCode,
  newInvitation,
  statusAt,
  type InvitationBase,
  type InvitationKind,
} from '../../server/registry/invitations';
import { acceptInvitation, createInvitation, findInvitationByCode } from '../../server/registry/members';
import { acceptAreaInvitation, createAreaInvitation, openAreaInvitation } from '../../server/registry/first-start';
import { INVITATION_CODE_LENGTH } from '../../miniprogram/domain/registry';
import { rid } from './support';

let backend: TestBackend;
beforeEach(async () => {
  backend = await createTestBackend();
});
afterEach(() => backend.close());

const NOW = new Date('2026-11-30T06:00:00.000Z');
const DAY_MS = 24 * 60 * 60 * 1000;

/** The refusal a call or a promise ended with, as the page would get it. */
async function refusalOf(run: Promise<unknown> | (() => unknown)): Promise<{ code: string; message: string }> {
  try {
    await (typeof run === 'function' ? run() : run);
  } catch (error) {
    if (error instanceof AppError) return { code: error.code, message: error.userMessage };
    throw error;
  }
  throw new Error('expected a refusal');
}

function invitation(overrides: Partial<InvitationBase> = {}): InvitationBase {
  const { fields } = newInvitation({
    requestId: 'inv-test',
    role: 'member',
    inviteeName: ' 张三 ',
    validDays: 3,
    actor: { userId: 'u-inviter', openid: 'inviter', name: '邀请人', role: 'president' },
    now: NOW,
  });
  return { ...fields, ...overrides };
}

const EXPIRED: Array<[string, InvitationKind, string]> = [
  ['a society invitation', SOCIETY_INVITATIONS, '该邀请已过期，请联系互助社重新邀请'],
  ['an area invitation', AREA_INVITATIONS, '该邀请已过期，请联系县民政局重新邀请'],
];

describe('an invitation as made', () => {
  it('has a fresh code of the hand-typed alphabet, keeps only its hash, and expires after the days given', () => {
    const first = newInvitation({
      requestId: 'inv-a',
      role: 'donor',
      inviteeName: '  刘芳 ',
      actor: { userId: 'u-inviter', openid: 'inviter', name: '邀请人', role: 'secretary' },
      now: NOW,
    });
    const second = newInvitation({
      requestId: 'inv-b',
      role: 'donor',
      inviteeName: '刘芳',
      validDays: 1,
      actor: first.fields.createdBy,
      now: NOW,
    });
    expect(first.code).toMatch(new RegExp(`^[2-9A-HJKMNP-Z]{${INVITATION_CODE_LENGTH}}$`));
    expect(second.code).not.toBe(first.code);
    expect(first.fields).toMatchObject({
      _id: 'inv-a',
      role: 'donor',
      inviteeName: '刘芳',
      codeHash: hashInvitationCode(first.code),
      status: 'open',
      createdAt: NOW.toISOString(),
      acceptedBy: null,
      membershipId: null,
    });
    expect(JSON.stringify(first.fields)).not.toContain(first.code);
    // 14 days unless told otherwise.
    expect(Date.parse(first.fields.expiresAt) - NOW.getTime()).toBe(14 * DAY_MS);
    expect(Date.parse(second.fields.expiresAt) - NOW.getTime()).toBe(DAY_MS);
  });

  it('reads a code as typed on the card: any case, with spaces or dashes', () => {
    expect(hashInvitationCode('ab3d-ef7g 9h')).toBe(hashInvitationCode('AB3DEF7G9H'));
    expect(hashInvitationCode('AB3DEF7G9H')).not.toBe(hashInvitationCode('AB3DEF7G9J'));
  });
});

describe.each(EXPIRED)('the state checks of %s', (_name, kind, expiredMessage) => {
  const expiry = (doc: InvitationBase) => new Date(Date.parse(doc.expiresAt));

  it('lets an open invitation be accepted until the moment it expires', () => {
    const open = invitation();
    expect(earlierAcceptance(kind, open, 'u-new', new Date(Date.parse(open.expiresAt) - 1))).toBeNull();
    expect(statusAt(open, new Date(Date.parse(open.expiresAt) - 1))).toBe('open');
  });

  it('refuses an expired one, naming who to ask for a new one', async () => {
    const open = invitation();
    expect(await refusalOf(() => earlierAcceptance(kind, open, 'u-new', expiry(open)))).toEqual({
      code: 'INVALID_STATE',
      message: expiredMessage,
    });
    expect(statusAt(open, expiry(open))).toBe('expired');
  });

  it('gives the same person their acceptance back, even after expiry; refuses anyone else', async () => {
    const accepted = invitation({
      status: 'accepted',
      acceptedBy: { userId: 'u-first', name: '张三' },
      membershipId: 'm-inv-test',
    });
    const later = new Date(Date.parse(accepted.expiresAt) + DAY_MS);
    expect(earlierAcceptance(kind, accepted, 'u-first', later)).toEqual({ name: '张三', membershipId: 'm-inv-test' });
    expect(await refusalOf(() => earlierAcceptance(kind, accepted, 'u-second', NOW))).toEqual({
      code: 'FORBIDDEN',
      message: '该邀请已由他人接受',
    });
    expect(statusAt(accepted, later)).toBe('accepted');
  });

  it('refuses a revoked one, and shows it revoked rather than expired', async () => {
    const revoked = invitation({ status: 'revoked' });
    expect(await refusalOf(() => earlierAcceptance(kind, revoked, 'u-new', NOW))).toEqual({
      code: 'INVALID_STATE',
      message: '该邀请已被撤销',
    });
    expect(statusAt(revoked, new Date(Date.parse(revoked.expiresAt) + DAY_MS))).toBe('revoked');
  });
});

/** One invitation of each kind, made through the use cases as the demo callers. */
async function oneOfEach() {
  const society = await createInvitation(await backend.contextFor('demo-president'), {
    requestId: rid('inv'),
    societyId: 'soc-wangjia',
    role: 'member',
    inviteeName: '新会员',
  });
  const area = await createAreaInvitation(await backend.contextFor('demo-county'), {
    requestId: rid('area-inv'),
    role: 'federation',
    areaId: 'area-qingxi',
    inviteeName: '联合会新人',
  });
  return { society, area };
}

describe('looking up a code', () => {
  it('finds each kind in its own collection only', async () => {
    const { store } = backend.ports;
    const { society, area } = await oneOfEach();
    expect((await findByCode(store, SOCIETY_INVITATIONS, society.code))?._id).toBe(society.invitationId);
    expect((await findByCode(store, AREA_INVITATIONS, area.code))?._id).toBe(area.invitationId);
    expect(await findByCode(store, AREA_INVITATIONS, society.code)).toBeNull();
    expect(await findByCode(store, SOCIETY_INVITATIONS, area.code)).toBeNull();
    // As typed by hand.
    const typed = `${area.code.slice(0, 5).toLowerCase()}-${area.code.slice(5)}`;
    expect((await findByCode(store, AREA_INVITATIONS, typed))?._id).toBe(area.invitationId);
  });

  it('an area code is not a society invitation, and a society code is not an area one: nothing written', async () => {
    const { society, area } = await oneOfEach();
    const ctx = await backend.contextFor('newcomer');
    expect(await refusalOf(findInvitationByCode(ctx, area.code))).toEqual({
      code: 'NOT_FOUND',
      message: '邀请码无效，请向邀请您的互助社核对',
    });
    const before = await backend.ports.store.count(COLLECTIONS.memberships);
    expect(await openAreaInvitation(ctx, society.code)).toBeNull();
    expect(await acceptAreaInvitation(ctx, society.code, '新人')).toBeNull();
    expect(await backend.ports.store.count(COLLECTIONS.memberships)).toBe(before);
    expect((await backend.ports.store.get<InvitationBase>(COLLECTIONS.invitations, society.invitationId))?.status).toBe(
      'open',
    );
  });
});

describe('a retried request id', () => {
  const KINDS = [
    {
      name: 'a society invitation',
      collection: COLLECTIONS.invitations,
      kind: SOCIETY_INVITATIONS,
      make: async (requestId: string, inviteeName: string) =>
        createInvitation(await backend.contextFor('demo-president'), {
          requestId,
          societyId: 'soc-wangjia',
          role: 'member',
          inviteeName,
        }),
      accept: async (code: string) => acceptInvitation(await backend.contextFor('retry-acceptor'), code, undefined),
    },
    {
      name: 'an area invitation',
      collection: COLLECTIONS.areaInvitations,
      kind: AREA_INVITATIONS,
      make: async (requestId: string, inviteeName: string) =>
        createAreaInvitation(await backend.contextFor('demo-county'), {
          requestId,
          role: 'federation',
          areaId: 'area-qingxi',
          inviteeName,
        }),
      accept: async (code: string) => acceptAreaInvitation(await backend.contextFor('retry-acceptor'), code, undefined),
    },
  ];

  it.each(KINDS)('gives $name a fresh code, once stored and once audited; the old code is dead', async (kind) => {
    const { store } = backend.ports;
    const requestId = rid('retry');
    const first = await kind.make(requestId, '李四');
    const again = await kind.make(requestId, ' 李四 ');
    expect(again.invitationId).toBe(first.invitationId);
    expect(again.code).not.toBe(first.code);
    expect(again.expiresAt).toBe(first.expiresAt);
    expect(await store.get(kind.collection, requestId)).toMatchObject({ codeHash: hashInvitationCode(again.code) });
    const events = await findAll<AuditEventDoc>(store, COLLECTIONS.auditEvents, {
      where: { target: `${kind.collection}/${requestId}` },
    });
    expect(events.map((event) => event.action)).toEqual(['invitation.create']);
    expect(await findByCode(store, kind.kind, first.code)).toBeNull();
    expect((await findByCode(store, kind.kind, again.code))?._id).toBe(requestId);
  });

  it.each(KINDS)('refuses $name under the same id for someone else, or once accepted', async (kind) => {
    const requestId = rid('retry');
    const made = await kind.make(requestId, '李四');
    expect(await refusalOf(kind.make(requestId, '王五'))).toMatchObject({ code: 'DUPLICATE' });
    await kind.accept(made.code);
    expect(await refusalOf(kind.make(requestId, '李四'))).toEqual({
      code: 'INVALID_STATE',
      message: '该邀请已被接受或撤销',
    });
  });
});

describe('the person accepting', () => {
  it('is created on first acceptance, under the name they give or else the invitation’s, holding nothing yet', async () => {
    const { store } = backend.ports;
    const open = invitation();
    const created = await store.transaction((tx) =>
      acceptingUser(tx, { userId: 'u-fresh-1', openid: 'fresh-1', name: '  ', invitation: open, now: NOW }),
    );
    expect(created).toEqual({
      _id: 'u-fresh-1',
      openid: 'fresh-1',
      name: '张三',
      createdAt: NOW.toISOString(),
      grants: [],
    });
    const named = await store.transaction((tx) =>
      acceptingUser(tx, { userId: 'u-fresh-2', openid: 'fresh-2', name: ' 张小三 ', invitation: open, now: NOW }),
    );
    expect(named.name).toBe('张小三');
    expect(await store.get(COLLECTIONS.users, 'u-fresh-1')).toEqual(created);
  });

  it('who already has a user keeps it as it is', async () => {
    const { store } = backend.ports;
    const existing = await store.get<UserDoc>(COLLECTIONS.users, 'u-wangjianguo');
    expect(existing).not.toBeNull();
    const kept = await store.transaction((tx) =>
      acceptingUser(tx, {
        userId: existing!._id,
        openid: 'demo-president',
        name: '别名',
        invitation: invitation(),
        now: NOW,
      }),
    );
    expect(kept).toEqual(existing);
    expect(await store.get(COLLECTIONS.users, existing!._id)).toEqual(existing);
  });

  it.each([
    ['a society invitation', 'soc-wangjia', null],
    ['an area invitation', null, 'area-qingxi'],
  ])('holds the role of %s at once, granted by the inviter and audited', async (_name, societyId, areaId) => {
    const { store } = backend.ports;
    const { society, area } = await oneOfEach();
    const ctx = await backend.contextFor('brand-new');
    const accepted = societyId
      ? await acceptInvitation(ctx, society.code, '赵六')
      : await acceptAreaInvitation(ctx, area.code, '赵六');
    expect(accepted).toMatchObject({
      name: '赵六',
      membershipId: `m-${societyId ? society.invitationId : area.invitationId}`,
    });
    const membership = await store.get<MembershipDoc>(COLLECTIONS.memberships, accepted!.membershipId);
    expect(membership).toMatchObject({ userId: accepted!.userId, societyId, areaId, revokedAt: null });
    const user = await store.get<UserDoc>(COLLECTIONS.users, accepted!.userId);
    expect(user?.grants?.map((grant) => grant._id)).toEqual([accepted!.membershipId]);
    const [grant] = await findAll<AuditEventDoc>(store, COLLECTIONS.auditEvents, {
      where: { target: `${COLLECTIONS.memberships}/${accepted!.membershipId}` },
    });
    expect(grant).toMatchObject({ action: 'membership.grant', actor: { userId: accepted!.userId, name: '赵六' } });
    expect(membership?.grantedBy).toBe(
      societyId ? 'u-wangjianguo' : (await backend.contextFor('demo-county')).caller.user?._id,
    );
  });
});
