/**
 * Issue 15: a society keeps its officers (access/memberships.ts, in the grant's or revocation's
 * transaction) and a village its township's name, so a page of the county dashboard reads neither
 * memberships nor the township. A society or village written before reads them as before.
 */
import { createTestBackend, type TestBackend } from '../support/test-backend';
import { COLLECTIONS, type AreaDoc, type MembershipDoc, type SocietyDoc } from '../../server/collections';
import { findAll } from '../../server/ports/store';
import { CountingStore } from '../../server/ports/counting-store';
import type { MemberView, TownshipVillagesPage } from '../../miniprogram/domain/registry';
import type { CreatedInvitation } from '../../server/registry/members';
import { data, rid } from '../funds/support';

let backend: TestBackend;
beforeEach(async () => {
  backend = await createTestBackend();
});
afterEach(() => backend.close());

const call = <T>(action: string, payload: Record<string, unknown>, openid: string | null) =>
  data<T>(backend, 'societies', { action, ...payload }, openid);

/** The officer memberships each society holds now, read from the memberships themselves. */
async function heldOfficers(): Promise<Record<string, string[]>> {
  const memberships = await findAll<MembershipDoc>(backend.ports.store, COLLECTIONS.memberships, { where: {} });
  const held: Record<string, string[]> = {};
  for (const membership of memberships) {
    if (!membership.societyId || membership.revokedAt) continue;
    if (!['president', 'secretary', 'supervisor'].includes(membership.role)) continue;
    (held[membership.societyId] ??= []).push(membership._id);
  }
  return held;
}

async function keptOfficers(): Promise<Record<string, string[]>> {
  const societies = await findAll<SocietyDoc>(backend.ports.store, COLLECTIONS.societies, { where: {} });
  const kept: Record<string, string[]> = {};
  for (const society of societies) {
    if (society.officers?.length) kept[society._id] = society.officers.map((officer) => officer._id);
  }
  return kept;
}

const sorted = (record: Record<string, string[]>) =>
  Object.fromEntries(Object.entries(record).map(([key, ids]) => [key, [...ids].sort()]));

describe('a society keeps its officers', () => {
  it('as seeded, and through a grant and a revocation, the copy is what the memberships say', async () => {
    expect(sorted(await keptOfficers())).toEqual(sorted(await heldOfficers()));
    expect((await keptOfficers())['soc-wangjia']!.length).toBeGreaterThanOrEqual(3);

    await call('create', { villageId: 'area-dongling', form: 'registered' }, 'demo-county');
    const created = await backend.ports.store.get<SocietyDoc>(COLLECTIONS.societies, 'soc-dongling');
    expect(created?.officers).toEqual([]);
    const invitation = await call<CreatedInvitation>(
      'createInvitation',
      { requestId: rid('inv'), societyId: 'soc-dongling', role: 'supervisor', inviteeName: '赵六' },
      'demo-county',
    );
    await call('acceptInvitation', { code: invitation.code }, 'zhao-liu');
    const granted = await backend.ports.store.get<SocietyDoc>(COLLECTIONS.societies, 'soc-dongling');
    expect(granted?.officers?.map((officer) => officer.role)).toEqual(['supervisor']);
    expect(sorted(await keptOfficers())).toEqual(sorted(await heldOfficers()));

    // A member's role is not an officer's: the society is not written for it.
    const member = await call<CreatedInvitation>(
      'createInvitation',
      { requestId: rid('inv'), societyId: 'soc-dongling', role: 'member', inviteeName: '钱七' },
      'demo-county',
    );
    await call('acceptInvitation', { code: member.code }, 'qian-qi');
    expect((await backend.ports.store.get<SocietyDoc>(COLLECTIONS.societies, 'soc-dongling'))?.officers).toEqual(
      granted?.officers,
    );

    const members = await call<{ items: MemberView[] }>('listMembers', { societyId: 'soc-dongling' }, 'demo-county');
    const supervisor = members.items.find((item) => item.role === 'supervisor')!;
    await call('revokeRole', { membershipId: supervisor.membershipId, reason: '换届' }, 'demo-county');
    expect((await backend.ports.store.get<SocietyDoc>(COLLECTIONS.societies, 'soc-dongling'))?.officers).toEqual([]);
    expect(sorted(await keptOfficers())).toEqual(sorted(await heldOfficers()));
  });

  it('a society written before it kept them is not given a partial copy, and its pages read the memberships', async () => {
    const { store } = backend.ports;
    const before = await call<TownshipVillagesPage>(
      'dashboardVillages',
      { townshipId: 'area-qingshi', offset: 0, limit: 20 },
      'demo-county',
    );
    const { officers: _dropped, ...old } = (await store.get<SocietyDoc>(COLLECTIONS.societies, 'soc-wangjia'))!;
    await store.transaction((tx) => tx.set(COLLECTIONS.societies, old));
    const after = await call<TownshipVillagesPage>(
      'dashboardVillages',
      { townshipId: 'area-qingshi', offset: 0, limit: 20 },
      'demo-county',
    );
    expect(after).toEqual(before);
    const invitation = await call<CreatedInvitation>(
      'createInvitation',
      { requestId: rid('inv'), societyId: 'soc-wangjia', role: 'member', inviteeName: '孙八' },
      'demo-president',
    );
    await call('acceptInvitation', { code: invitation.code }, 'sun-ba');
    expect((await store.get<SocietyDoc>(COLLECTIONS.societies, 'soc-wangjia'))?.officers).toBeUndefined();
  });
});

describe('a village keeps its township name', () => {
  it('a page of villages reads no township, and a village written before reads it with the same answer', async () => {
    const { store } = backend.ports;
    const counting = new CountingStore(store);
    counting.trace = [];
    const ctx = { ...(await backend.contextFor('demo-county')), store: counting };
    const { dashboardVillages } = await import('../../server/registry/societies');
    const input = { townshipId: 'area-qingshi', offset: 0, limit: 20 };
    const kept = await dashboardVillages(ctx, input);
    expect(kept.townshipName).toBe('青石镇');
    expect(counting.trace.filter((line) => line.startsWith('get areas'))).toEqual([]);

    for (const village of await findAll<AreaDoc>(store, COLLECTIONS.areas, { where: { kind: 'village' } })) {
      const { townshipName: _dropped, ...old } = village;
      await store.transaction((tx) => tx.set(COLLECTIONS.areas, old));
    }
    counting.trace = [];
    expect(await dashboardVillages(ctx, input)).toEqual(kept);
    expect(counting.trace.filter((line) => line.startsWith('get areas'))).toEqual(['get areas']);
  });

  it('a township of another county, or none, is not found either way', async () => {
    const refused = await backend.call(
      'societies',
      { action: 'dashboardVillages', townshipId: 'area-nowhere', offset: 0, limit: 20 },
      'demo-county',
    );
    expect(refused).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});
