/**
 * Who is calling (server/access/caller.ts) in one round trip (issue 15): the user document keeps the
 * memberships its holder has now, written with every grant and revocation
 * (server/access/memberships.ts). These tests hold the kept list to the memberships themselves.
 */
import { createTestBackend, type TestBackend } from '../support/test-backend';
import { COLLECTIONS, type MembershipDoc, type UserDoc } from '../../server/collections';
import { resolveCaller } from '../../server/access/caller';
import { CountingStore } from '../../server/ports/counting-store';
import type { CreatedInvitation } from '../../server/registry/members';
import type { MemberView } from '../../miniprogram/domain/registry';
import { data, refusal, rid } from '../funds/support';

let backend: TestBackend;
beforeEach(async () => {
  backend = await createTestBackend();
});
afterEach(() => backend.close());

const call = <T>(action: string, payload: Record<string, unknown>, openid: string | null) =>
  data<T>(backend, 'societies', { action, ...payload }, openid);

/** The memberships held now, by the memberships collection itself, as ids. */
async function heldIds(userId: string): Promise<string[]> {
  const all = await backend.ports.store.find<MembershipDoc>(COLLECTIONS.memberships, { where: { userId } });
  return all
    .filter((m) => !m.revokedAt)
    .map((m) => m._id)
    .sort();
}

async function keptIds(userId: string): Promise<string[] | undefined> {
  const user = await backend.ports.store.get<UserDoc>(COLLECTIONS.users, userId);
  const kept = (user as { grants?: MembershipDoc[] } | null)?.grants;
  return kept?.map((m) => m._id).sort();
}

async function userIdOf(openid: string): Promise<string> {
  const [user] = await backend.ports.store.find<UserDoc>(COLLECTIONS.users, { where: { openid } });
  return user!._id;
}

it('knows a caller in one round trip, with the roles the memberships grant', async () => {
  const counting = new CountingStore(backend.ports.store);
  const caller = await resolveCaller(counting, 'demo-secretary');
  expect(counting.reset().roundTrips).toBe(1);
  expect(caller.grants.map((grant) => `${grant.role}@${grant.societyId}`)).toEqual(['secretary@soc-wangjia']);
  // The kept list is not handed on as part of the user.
  expect(Object.keys(caller.user!)).not.toContain('grants');
});

it('keeps the grants with an accepted invitation and a revocation, and a revoked role grants nothing at once', async () => {
  const invitation = await call<CreatedInvitation>(
    'createInvitation',
    { requestId: rid('inv'), societyId: 'soc-wangjia', role: 'member', inviteeName: '新会员' },
    'demo-secretary',
  );
  await call('acceptInvitation', { code: invitation.code }, 'new-member-openid');
  const userId = await userIdOf('new-member-openid');
  expect(await keptIds(userId)).toEqual(await heldIds(userId));
  expect(await keptIds(userId)).toHaveLength(1);
  await data(backend, 'funds', { action: 'fundReport', societyId: 'soc-wangjia' }, 'new-member-openid');

  // The same person accepts a second role: both kept.
  const donor = await call<CreatedInvitation>(
    'createInvitation',
    { requestId: rid('inv'), societyId: 'soc-wangjia', role: 'donor', inviteeName: '新会员' },
    'demo-secretary',
  );
  await call('acceptInvitation', { code: donor.code }, 'new-member-openid');
  expect(await keptIds(userId)).toEqual(await heldIds(userId));
  expect(await keptIds(userId)).toHaveLength(2);

  const members = await call<{ items: MemberView[] }>('listMembers', { societyId: 'soc-wangjia' }, 'demo-president');
  const membership = members.items.find((m) => m.name === '新会员' && m.role === 'member')!;
  await call('revokeRole', { membershipId: membership.membershipId, reason: '本人申请退出' }, 'demo-president');
  expect(await keptIds(userId)).toEqual(await heldIds(userId));
  expect(await keptIds(userId)).toHaveLength(1);
  expect(
    (await refusal(backend, 'funds', { action: 'fundReport', societyId: 'soc-wangjia' }, 'new-member-openid')).code,
  ).toBe('FORBIDDEN');
});

it('a first application keeps the applicant role on the new user', async () => {
  const { CONSENT_TEXT_VERSION } = await import('../../miniprogram/domain/relief');
  const { makeIdNumber } = await import('../../miniprogram/domain/id-number');
  await data(
    backend,
    'applications',
    {
      action: 'submit',
      requestId: rid('apply'),
      societyId: 'soc-wangjia',
      applicantName: '初次申请人',
      beneficiary: {
        name: '初次申请人',
        idNumber: makeIdNumber({ birthDate: '1970-03-04', sequence: 321 }),
        relationship: 'self',
      },
      hukou: 'beneficiary',
      cause: 'accident',
      description: '摔伤住院',
      assistance: ['dibao'],
      category: 'other',
      livingAtRisk: true,
      consent: { processing: true, publicNotice: true, textVersion: CONSENT_TEXT_VERSION },
    },
    'first-time-openid',
  );
  const userId = await userIdOf('first-time-openid');
  expect(await keptIds(userId)).toEqual(await heldIds(userId));
  expect((await resolveCaller(backend.ports.store, 'first-time-openid')).grants.map((g) => g.role)).toEqual([
    'applicant',
  ]);
});

it('a user written before grants were kept is known by reading the memberships, as before', async () => {
  const userId = await userIdOf('demo-member');
  const user = (await backend.ports.store.get<UserDoc>(COLLECTIONS.users, userId))!;
  const { grants: _kept, ...older } = user as UserDoc & { grants?: unknown };
  await backend.ports.store.transaction((tx) => tx.set(COLLECTIONS.users, older));
  const counting = new CountingStore(backend.ports.store);
  const caller = await resolveCaller(counting, 'demo-member');
  expect(counting.reset().roundTrips).toBe(2);
  expect(caller.grants.map((grant) => grant.role)).toEqual(['member']);
});
