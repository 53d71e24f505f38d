/** The registry, members and roles (R-ORG-1, R-ORG-2, R-OVS-5) through the `societies` function as the demo callers. */
import { createTestBackend, type TestBackend } from '../support/test-backend';
import { COLLECTIONS, type MembershipDoc } from '../../server/collections';
import { findAll } from '../../server/ports/store';
import type { AuditEventDoc } from '../../server/audit/trail';
import type {
  CountyDashboardView,
  DashboardVillage,
  FederationOverviewView,
  TownshipVillagesPage,
  MemberView,
  SocietySettingsView,
} from '../../miniprogram/domain/registry';
import type { MeView } from '../../miniprogram/domain/society';
import type { FundReportView, InvitationView } from '../../miniprogram/domain/funds';
import type { CreatedInvitation } from '../../server/registry/members';
import { data, refusal, rid, snapshot } from './support';
import { sealAll } from '../support/audit';

let backend: TestBackend;
beforeEach(async () => {
  backend = await createTestBackend();
});
afterEach(() => backend.close());

const call = <T>(action: string, payload: Record<string, unknown>, openid: string | null) =>
  data<T>(backend, 'societies', { action, ...payload }, openid);

async function invite(openid: string, societyId: string, role: string, inviteeName = '新成员') {
  return call<CreatedInvitation>('createInvitation', { requestId: rid('inv'), societyId, role, inviteeName }, openid);
}

/** Every village of the county on the dashboard: each township's pages, followed to the end. */
async function dashboardVillagesOf(openid: string, limit = 2): Promise<DashboardVillage[]> {
  const view = await call<CountyDashboardView>('countyDashboard', {}, openid);
  const rows: DashboardVillage[] = [];
  for (const township of view.townships) {
    let offset: number | null = 0;
    while (offset !== null) {
      const page: TownshipVillagesPage = await call<TownshipVillagesPage>(
        'dashboardVillages',
        { townshipId: township.townshipId, offset, limit },
        openid,
      );
      rows.push(...page.villages);
      offset = page.nextOffset;
    }
  }
  return rows;
}

describe('R-ORG-2: the county dashboard', () => {
  it('R-ORG-2: shows every village of the county, a township page at a time: none, preparing with the shortfall per channel, active registered or filed', async () => {
    const view = await call<CountyDashboardView>('countyDashboard', {}, 'demo-county');
    const byVillage = Object.fromEntries(
      (await dashboardVillagesOf('demo-county')).map((row) => [row.villageName, row]),
    );
    expect(Object.keys(byVillage).sort()).toEqual(['东岭村', '白沙村', '石桥社区', '柳塘村', '王家村'].sort());
    expect(byVillage['东岭村']).toMatchObject({ state: 'none', stateLabel: '尚未成立互助社', society: null });
    expect(byVillage['王家村']).toMatchObject({
      state: 'active',
      townshipName: '青石镇',
      society: { form: 'registered', balanceFen: 34_200_00 },
    });
    expect(byVillage['柳塘村']).toMatchObject({ state: 'active', society: { form: 'filed' } });
    expect(byVillage['石桥社区']!.society).toMatchObject({
      raisedByChannel: { countySubsidy: 10_000_00, collectiveFund: 6_000_00, donation: 5_000_00 },
      checklist: { ready: false, shortfallFen: 9_000_00 },
    });
    expect(byVillage['白沙村']!.society!.checklist.shortfallFen).toBe(20_000_00);
    expect(view.summary).toEqual({
      villages: 5,
      none: 1,
      preparing: 2,
      active: 2,
      suspended: 0,
      registered: 2,
      filed: 2,
    });
    expect(view.townships).toEqual([
      {
        townshipId: 'area-hekou',
        townshipName: '河口乡',
        villages: 3,
        none: 1,
        preparing: 2,
        active: 0,
        suspended: 0,
        registered: 1,
        filed: 1,
      },
      {
        townshipId: 'area-qingshi',
        townshipName: '青石镇',
        villages: 2,
        none: 0,
        preparing: 0,
        active: 2,
        suspended: 0,
        registered: 1,
        filed: 1,
      },
    ]);
    expect(view.ownTownshipId).toBeNull();
    expect(view.workCalendar.years.map((year) => year.year)).toEqual([2026, 2027]);
  });

  it('pages a township by village name: the next offset until the last page', async () => {
    const first = await call<TownshipVillagesPage>(
      'dashboardVillages',
      { townshipId: 'area-hekou', limit: 2 },
      'demo-county',
    );
    expect(first.villages.map((row) => row.villageName)).toEqual(['东岭村', '白沙村'].sort());
    expect(first.nextOffset).toBe(2);
    const last = await call<TownshipVillagesPage>(
      'dashboardVillages',
      { townshipId: 'area-hekou', offset: 2, limit: 2 },
      'demo-county',
    );
    expect(last.villages.map((row) => row.villageName)).toEqual(['石桥社区']);
    expect(last.nextOffset).toBeNull();
  });

  it('a township sees its own villages only; a member may not see the dashboard', async () => {
    const view = await call<CountyDashboardView>('countyDashboard', {}, 'demo-township');
    expect(view.ownTownshipId).toBe('area-qingshi');
    expect(view.townships.map((row) => row.townshipName)).toEqual(['青石镇']);
    expect(view.summary).toMatchObject({ villages: 2, active: 2 });
    expect((await dashboardVillagesOf('demo-township')).map((row) => row.villageName).sort()).toEqual(
      ['柳塘村', '王家村'].sort(),
    );
    const before = await snapshot(backend);
    const other = await refusal(
      backend,
      'societies',
      { action: 'dashboardVillages', townshipId: 'area-hekou' },
      'demo-township',
    );
    expect(other.code).toBe('FORBIDDEN');
    expect(await snapshot(backend)).toEqual(before);
    expect((await refusal(backend, 'societies', { action: 'countyDashboard' }, 'demo-member')).code).toBe('FORBIDDEN');
    expect(
      (await refusal(backend, 'societies', { action: 'dashboardVillages', townshipId: 'area-qingshi' }, 'demo-member'))
        .code,
    ).toBe('FORBIDDEN');
  });

  it("what is not a township of the caller's county is not found", async () => {
    const error = await refusal(
      backend,
      'societies',
      { action: 'dashboardVillages', townshipId: 'area-wangjia' },
      'demo-county',
    );
    expect(error.code).toBe('NOT_FOUND');
  });
});

describe('R-ORG-1: the federation holds the filed societies in sub-accounts', () => {
  it('R-ORG-1: the federation total is the sum of its sub-accounts', async () => {
    const view = await call<FederationOverviewView>('federationOverview', {}, 'demo-federation');
    expect(
      view.subAccounts.map((account) => [account.societyName, account.subAccountCode, account.balanceFen]),
    ).toEqual([
      ['柳塘村救急难互助社', 'QXLH-002', 30_500_00],
      ['白沙村救急难互助社', 'QXLH-004', 10_000_00],
    ]);
    expect(view.totalFen).toBe(40_500_00);
    expect(view.account?.accountName).toBe('清溪县慈善协会');
  });
});

describe('R-ORG-1, R-ORG-2: starting and activating a society', () => {
  it('R-ORG-2: the county starts one for 东岭村; a retry finds it; a township of another area may not', async () => {
    expect(
      (
        await refusal(
          backend,
          'societies',
          { action: 'create', villageId: 'area-dongling', form: 'filed' },
          'demo-township',
        )
      ).code,
    ).toBe('FORBIDDEN');
    const created = await call<SocietySettingsView>(
      'create',
      { villageId: 'area-dongling', form: 'filed' },
      'demo-county',
    );
    expect(created).toMatchObject({
      id: 'soc-dongling',
      name: '东岭村救急难互助社',
      status: 'preparing',
      form: 'filed',
    });
    expect(
      await call<SocietySettingsView>('create', { villageId: 'area-dongling', form: 'filed' }, 'demo-county'),
    ).toMatchObject({
      id: 'soc-dongling',
    });
    expect(
      (
        await refusal(
          backend,
          'societies',
          { action: 'create', villageId: 'area-dongling', form: 'registered' },
          'demo-county',
        )
      ).code,
    ).toBe('DUPLICATE');
    const view = await call<CountyDashboardView>('countyDashboard', {}, 'demo-county');
    expect(view.summary).toMatchObject({ none: 0, preparing: 3, filed: 3 });
    expect((await dashboardVillagesOf('demo-county')).find((row) => row.villageName === '东岭村')).toMatchObject({
      state: 'preparing',
    });
  });

  it('R-ORG-2: activation is refused, naming what is missing, and writes nothing', async () => {
    const before = await snapshot(backend);
    const error = await refusal(
      backend,
      'societies',
      { action: 'activate', societyId: 'soc-shiqiao', registrationNumber: '清民社登字〔2026〕第009号' },
      'demo-county',
    );
    expect(error.code).toBe('INVALID_STATE');
    expect(error.message).toContain('启动资金（还差 9,000 元）');
    expect(error.message).toContain('社长');
    expect(await snapshot(backend)).toEqual(before);
  });

  it('R-ORG-1: a registered society is activated by the county bureau, a filed one by its township', async () => {
    const asTownship = await refusal(
      backend,
      'societies',
      { action: 'activate', societyId: 'soc-shiqiao', registrationNumber: 'x' },
      'demo-township',
    );
    expect(asTownship.code).toBe('FORBIDDEN');
    // 柳塘村 is filed with 青石镇: its township suspends and resumes it, the county bureau may not.
    expect(
      (
        await refusal(
          backend,
          'societies',
          { action: 'suspend', societyId: 'soc-liutang', reason: '整改' },
          'demo-county',
        )
      ).code,
    ).toBe('FORBIDDEN');
    expect(
      await call<SocietySettingsView>('suspend', { societyId: 'soc-liutang', reason: '账目整改' }, 'demo-township'),
    ).toMatchObject({
      status: 'suspended',
    });
    expect(
      await call<SocietySettingsView>('resume', { societyId: 'soc-liutang', reason: '整改完成' }, 'demo-township'),
    ).toMatchObject({
      status: 'active',
    });
  });
});

describe('members, officers and roles', () => {
  it('an invitation binds a new WeChat user to the role; the code is kept only as a hash', async () => {
    await call('create', { villageId: 'area-dongling', form: 'filed' }, 'demo-county');
    const invitation = await invite('demo-county', 'soc-dongling', 'president', '李东岭');
    expect(invitation.code).toMatch(/^[2-9A-HJKMNP-Z]{10}$/);
    expect(invitation.path).toBe(`/pages/invite/index?code=${invitation.code}`);
    const stored = await backend.ports.store.get(COLLECTIONS.invitations, invitation.invitationId);
    expect(JSON.stringify(stored)).not.toContain(invitation.code);

    const opened = await call<InvitationView>(
      'openInvitation',
      { code: invitation.code.toLowerCase() },
      'new-openid-1',
    );
    expect(opened).toMatchObject({
      societyName: '东岭村救急难互助社',
      roleLabel: '社长',
      invitedByName: '清溪县民政局',
      status: 'open',
    });
    await call('acceptInvitation', { code: invitation.code }, 'new-openid-1');
    const me = await data<MeView>(backend, 'societies', { action: 'me' }, 'new-openid-1');
    expect(me).toMatchObject({ name: '李东岭', roles: [{ role: 'president', scopeName: '东岭村救急难互助社' }] });
    // Accepting again is harmless; someone else using the same code is refused.
    await call('acceptInvitation', { code: invitation.code }, 'new-openid-1');
    expect(
      (await refusal(backend, 'societies', { action: 'acceptInvitation', code: invitation.code }, 'new-openid-2')).code,
    ).toBe('FORBIDDEN');
  });

  it('an officer role is held in one society at a time; member and donor in several', async () => {
    await call('create', { villageId: 'area-dongling', form: 'registered' }, 'demo-county');
    const supervisor = await invite('demo-county', 'soc-dongling', 'supervisor');
    const before = await snapshot(backend);
    const error = await refusal(
      backend,
      'societies',
      { action: 'acceptInvitation', code: supervisor.code },
      'demo-president',
    );
    expect(error).toMatchObject({ code: 'INVALID_STATE' });
    expect(error.message).toContain('一人只能在一个互助社担任一项职务');
    expect(await snapshot(backend)).toEqual(before);

    const member = await invite('demo-county', 'soc-dongling', 'member');
    await call('acceptInvitation', { code: member.code }, 'demo-president');
    const me = await data<MeView>(backend, 'societies', { action: 'me' }, 'demo-president');
    expect(me.roles.map((role) => `${role.role}@${role.societyId}`).sort()).toEqual([
      'member@soc-dongling',
      'president@soc-wangjia',
    ]);
  });

  it('a society has one president at a time: a second is refused until the first steps down', async () => {
    const second = await invite('demo-county', 'soc-wangjia', 'president', '王二');
    expect(
      (await refusal(backend, 'societies', { action: 'acceptInvitation', code: second.code }, 'newcomer')).message,
    ).toContain('该互助社已有社长');
    const members = await call<{ items: MemberView[] }>('listMembers', { societyId: 'soc-wangjia' }, 'demo-county');
    const presidentship = members.items.find((m) => m.role === 'president')!;
    await call('revokeRole', { membershipId: presidentship.membershipId, reason: '换届' }, 'demo-president');
    await call('acceptInvitation', { code: second.code }, 'newcomer');
    const after = await call<{ items: MemberView[] }>(
      'listMembers',
      { societyId: 'soc-wangjia', includeRevoked: true },
      'demo-county',
    );
    expect(
      after.items.filter((m) => m.role === 'president').map((m) => [m.name, m.revokedAt !== null, m.revokeReason]),
    ).toEqual([
      ['王二', false, null],
      ['王建国', true, '换届'],
    ]);
  });

  it('R-OVS-5: a revoked role is marked, kept and attributed, and grants nothing any more', async () => {
    const members = await call<{ items: MemberView[] }>('listMembers', { societyId: 'soc-wangjia' }, 'demo-president');
    const member = members.items.find((m) => m.role === 'member')!;
    expect(
      (
        await refusal(
          backend,
          'societies',
          { action: 'revokeRole', membershipId: member.membershipId, reason: 'x' },
          'demo-donor',
        )
      ).code,
    ).toBe('FORBIDDEN');
    const revoked = await call<MemberView>(
      'revokeRole',
      { membershipId: member.membershipId, reason: '本人申请退出' },
      'demo-president',
    );
    expect(revoked).toMatchObject({ name: '陈立新', revokedByName: '王建国', revokeReason: '本人申请退出' });
    const kept = await backend.ports.store.get<MembershipDoc>(COLLECTIONS.memberships, member.membershipId);
    expect(kept?.revokedAt).toBeTruthy();
    const events = await findAll<AuditEventDoc>(backend.ports.store, COLLECTIONS.auditEvents, {
      where: { scopeId: 'soc-wangjia' },
    });
    expect(events.find((e) => e.action === 'membership.revoke')).toMatchObject({
      actor: { name: '王建国', role: 'president' },
    });
    expect(
      (await refusal(backend, 'funds', { action: 'fundReport', societyId: 'soc-wangjia' }, 'demo-member')).code,
    ).toBe('FORBIDDEN');
  });

  it('an expired or revoked invitation is refused; a retried invitation replaces its code', async () => {
    const first = await call<CreatedInvitation>(
      'createInvitation',
      { requestId: 'retry-inv-0001', societyId: 'soc-wangjia', role: 'member', inviteeName: '周强' },
      'demo-secretary',
    );
    const retried = await call<CreatedInvitation>(
      'createInvitation',
      { requestId: 'retry-inv-0001', societyId: 'soc-wangjia', role: 'member', inviteeName: '周强' },
      'demo-secretary',
    );
    expect(retried.invitationId).toBe(first.invitationId);
    expect(retried.code).not.toBe(first.code);
    expect((await refusal(backend, 'societies', { action: 'openInvitation', code: first.code }, null)).code).toBe(
      'NOT_FOUND',
    );
    backend.ports.clock.set('2026-12-15T14:00:00+08:00');
    expect(
      (await refusal(backend, 'societies', { action: 'acceptInvitation', code: retried.code }, 'late-comer')).message,
    ).toContain('已过期');
    backend.ports.clock.set('2026-11-30T14:00:00+08:00');
    const other = await invite('demo-secretary', 'soc-wangjia', 'member');
    await call('revokeInvitation', { invitationId: other.invitationId }, 'demo-secretary');
    expect(
      (await refusal(backend, 'societies', { action: 'acceptInvitation', code: other.code }, 'late-comer')).message,
    ).toContain('已被撤销');
  });

  it('a secretary invites members and donors but not officers; a member invites nobody', async () => {
    expect(
      (
        await refusal(
          backend,
          'societies',
          {
            action: 'createInvitation',
            requestId: rid(),
            societyId: 'soc-wangjia',
            role: 'supervisor',
            inviteeName: 'x',
          },
          'demo-secretary',
        )
      ).code,
    ).toBe('FORBIDDEN');
    expect(
      (
        await refusal(
          backend,
          'societies',
          { action: 'createInvitation', requestId: rid(), societyId: 'soc-wangjia', role: 'member', inviteeName: 'x' },
          'demo-member',
        )
      ).code,
    ).toBe('FORBIDDEN');
  });
});

describe('society settings', () => {
  it("R-FUND-2, R-OVS-5: only the society's president sets its bank account; it is audited and members see it", async () => {
    const account = {
      accountName: '王家村救急难互助社',
      bankName: '清溪农村商业银行王家支行',
      accountNumber: '6230 1111 2222 3344',
    };
    const before = await snapshot(backend);
    for (const openid of ['demo-township', 'demo-county', 'demo-secretary']) {
      const refused = await refusal(
        backend,
        'societies',
        { action: 'update', societyId: 'soc-wangjia', bankAccount: account },
        openid,
      );
      expect(refused.code).toBe('FORBIDDEN');
      if (openid !== 'demo-secretary') expect(refused.message).toBe('互助社的银行账户只能由本社社长填写或修改');
    }
    expect(await snapshot(backend)).toEqual(before);
    // The township may still correct the place of a society it oversees.
    await call('update', { societyId: 'soc-wangjia', place: '王家村村民委员会一楼' }, 'demo-township');

    await call('update', { societyId: 'soc-wangjia', bankAccount: account }, 'demo-president');
    await sealAll(backend.ports.store);
    const [event] = await backend.ports.store.find<{ _id: string; action: string; details: Record<string, unknown> }>(
      COLLECTIONS.auditEvents,
      { where: { scopeId: 'soc-wangjia', action: 'society.update' }, orderBy: [['seq', 'desc']], limit: 1 },
    );
    expect(event?.details).toEqual({ fields: ['bankAccount'], bankAccount: '清溪农村商业银行王家支行 尾号3344' });
    const report = await data<FundReportView>(
      backend,
      'funds',
      { action: 'fundReport', societyId: 'soc-wangjia' },
      'demo-member',
    );
    expect(report.account).toEqual({
      text: '王家村救急难互助社，清溪农村商业银行王家支行，尾号3344',
      changedText: '社长王建国于2026年11月30日 14:00填写',
    });
  });

  it('R-ORG-1: a filed society has no account of its own; the federation gives it a sub-account code', async () => {
    const bankAccount = { accountName: '白沙村救急难互助社', bankName: '某银行', accountNumber: '6230 0000 1111' };
    expect(
      (await refusal(backend, 'societies', { action: 'update', societyId: 'soc-baisha', bankAccount }, 'demo-county'))
        .code,
    ).toBe('BAD_REQUEST');
    expect(
      (
        await refusal(
          backend,
          'societies',
          { action: 'setSubAccount', societyId: 'soc-wangjia', subAccountCode: 'QXLH-001' },
          'demo-federation',
        )
      ).code,
    ).toBe('INVALID_STATE');
    expect(
      await call<SocietySettingsView>(
        'setSubAccount',
        { societyId: 'soc-baisha', subAccountCode: 'QXLH-104' },
        'demo-federation',
      ),
    ).toMatchObject({
      subAccountCode: 'QXLH-104',
    });
    const settings = await call<SocietySettingsView>(
      'update',
      { societyId: 'soc-baisha', hasCharter: true, place: '白沙村村委会' },
      'demo-county',
    );
    expect(settings.checklist.items.filter((item) => !item.ok).map((item) => item.key)).toEqual([
      'president',
      'secretary',
      'supervisor',
      'funds',
    ]);
  });
});

describe('R-ORG-1: federation sub-accounts', () => {
  const codeOf = async (societyId: string) =>
    (await backend.ports.store.get<{ _id: string; subAccountCode: string | null }>(COLLECTIONS.societies, societyId))
      ?.subAccountCode;
  const subAccountTrail = (societyId: string) =>
    findAll<AuditEventDoc>(backend.ports.store, COLLECTIONS.auditEvents, {
      where: { scopeId: societyId, action: 'society.subAccount' },
    });

  it('R-ORG-1: a registered society has its own account: no sub-account, said in Chinese, nothing written', async () => {
    const before = await snapshot(backend);
    expect(
      await refusal(
        backend,
        'societies',
        { action: 'setSubAccount', societyId: 'soc-wangjia', subAccountCode: 'QXLH-009' },
        'demo-federation',
      ),
    ).toEqual({
      code: 'INVALID_STATE',
      message: '登记的互助社有自己的银行账户，不在联合会开设分账户；只有备案的互助社在联合会设分账户',
    });
    expect(await snapshot(backend)).toEqual(before);
    expect(await codeOf('soc-wangjia')).toBeFalsy();
  });

  it('R-ORG-1: only the federation opens or adjusts one; the county bureau and the township may not', async () => {
    for (const openid of ['demo-county', 'demo-township', 'demo-secretary']) {
      const before = await snapshot(backend);
      const error = await refusal(
        backend,
        'societies',
        { action: 'setSubAccount', societyId: 'soc-liutang', subAccountCode: 'QXLH-099' },
        openid,
      );
      expect(error.code).toBe('FORBIDDEN');
      expect(await snapshot(backend)).toEqual(before);
    }
    expect(await codeOf('soc-liutang')).toBe('QXLH-002');
  });

  it('R-ORG-1: a code names one society of the county: another’s code (any case) is refused, nothing written', async () => {
    const before = await snapshot(backend);
    expect(
      await refusal(
        backend,
        'societies',
        { action: 'setSubAccount', societyId: 'soc-baisha', subAccountCode: 'qxlh-002' },
        'demo-federation',
      ),
    ).toEqual({ code: 'DUPLICATE', message: '分账户代码 qxlh-002 已经用于柳塘村救急难互助社，请换一个代码' });
    expect(await snapshot(backend)).toEqual(before);
    expect(await codeOf('soc-baisha')).toBe('QXLH-004');
  });

  it('R-ORG-1, R-OVS-5: adjusting a code keeps the one it replaced in the trail; the same code again writes nothing', async () => {
    const changed = await call<SocietySettingsView>(
      'setSubAccount',
      { societyId: 'soc-baisha', subAccountCode: 'QXLH-104' },
      'demo-federation',
    );
    expect(changed.subAccountCode).toBe('QXLH-104');
    const trail = await subAccountTrail('soc-baisha');
    expect(trail.map((event) => event.details)).toContainEqual({ subAccountCode: 'QXLH-104', previous: 'QXLH-004' });

    const before = await snapshot(backend);
    await call<SocietySettingsView>(
      'setSubAccount',
      { societyId: 'soc-baisha', subAccountCode: 'QXLH-104' },
      'demo-federation',
    );
    expect(await snapshot(backend)).toEqual(before);
    expect(await codeOf('soc-baisha')).toBe('QXLH-104');
    // The code it replaced is free again for another society.
    const liutang = await call<SocietySettingsView>(
      'setSubAccount',
      { societyId: 'soc-liutang', subAccountCode: 'QXLH-004' },
      'demo-federation',
    );
    expect(liutang.subAccountCode).toBe('QXLH-004');
  });

  it('a malformed code is named in Chinese and nothing is written', async () => {
    const before = await snapshot(backend);
    expect(
      await refusal(
        backend,
        'societies',
        { action: 'setSubAccount', societyId: 'soc-baisha', subAccountCode: '白沙 1号' },
        'demo-federation',
      ),
    ).toEqual({ code: 'BAD_REQUEST', message: '填写的内容有误：分账户代码，请检查后重试' });
    expect(await snapshot(backend)).toEqual(before);
  });
});
