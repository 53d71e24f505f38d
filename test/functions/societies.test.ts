import { createTestBackend, type TestBackend } from '../support/test-backend';
import { DEMO_CALLERS } from '../../server/seed/demo-county';
import type { MeView, SocietyListItem, SocietyPublicView } from '../../miniprogram/domain/society';

let backend: TestBackend;
beforeAll(async () => {
  backend = await createTestBackend();
});
afterAll(() => backend.close());

async function data<T>(name: string, event: Record<string, unknown>, openid: string | null): Promise<T> {
  const result = await backend.call(name, event, openid);
  if (!result.ok)
    throw new Error(`${name}.${String(event.action)} failed: ${result.error.code} ${result.error.message}`);
  return result.data as T;
}

describe('societies.getPublicPage', () => {
  it('R-OVS-3: shows anyone the seeded society, its form, status and fund', async () => {
    const page = await data<SocietyPublicView>(
      'societies',
      { action: 'getPublicPage', societyId: 'soc-wangjia' },
      null,
    );
    expect(page).toMatchObject({
      name: '王家村救急难互助社',
      villageName: '王家村',
      townshipName: '青石镇',
      countyName: '清溪县',
      form: 'registered',
      formLabel: '登记',
      status: 'active',
      statusLabel: '运行中',
      // 36,000 raised (10,000 + 8,000 + 18,000 after the reversed 20,000 typo), 300 + 500 + 1,000 paid out
      fund: { raisedFen: 36_000_00, balanceFen: 34_200_00, targetFen: 30_000_00 },
    });
  });

  it('R-ORG-1, R-ORG-2: a filed society still raising shows how far it is from 30,000 yuan', async () => {
    const page = await data<SocietyPublicView>(
      'societies',
      { action: 'getPublicPage', societyId: 'soc-shiqiao' },
      'demo-resident',
    );
    expect(page).toMatchObject({ form: 'registered', status: 'preparing', registrationNumber: null });
    expect(page.fund.raisedFen).toBe(21_000_00);
    const baisha = await data<SocietyPublicView>(
      'societies',
      { action: 'getPublicPage', societyId: 'soc-baisha' },
      null,
    );
    expect(baisha).toMatchObject({
      form: 'filed',
      formLabel: '备案',
      statusLabel: '筹备中',
      fund: { raisedFen: 10_000_00 },
    });
  });

  it('answers an unknown society with NOT_FOUND in Chinese', async () => {
    expect(await backend.call('societies', { action: 'getPublicPage', societyId: 'soc-nowhere' }, null)).toEqual({
      ok: false,
      error: { code: 'NOT_FOUND', message: '没有找到这个互助社' },
    });
  });
});

describe('societies.me', () => {
  it.each([
    ['demo-president', 'president', '王家村救急难互助社'],
    ['demo-secretary', 'secretary', '王家村救急难互助社'],
    ['demo-supervisor', 'supervisor', '王家村救急难互助社'],
    ['demo-member', 'member', '王家村救急难互助社'],
    ['demo-donor', 'donor', '王家村救急难互助社'],
    ['demo-applicant', 'applicant', '王家村救急难互助社'],
    ['demo-resident', 'resident', '王家村救急难互助社'],
    ['demo-township', 'township', '青石镇'],
    ['demo-county', 'county', '清溪县'],
    ['demo-federation', 'federation', '清溪县'],
  ])('knows %s as %s of %s', async (openid, role, scopeName) => {
    const me = await data<MeView>('societies', { action: 'me' }, openid);
    expect(me.roles).toEqual([expect.objectContaining({ role, scopeName })]);
    expect(me.name).toBeTruthy();
  });

  it('every demo caller is covered above', () => {
    expect(DEMO_CALLERS).toHaveLength(10);
  });

  it('gives an unknown caller no roles', async () => {
    expect(await data<MeView>('societies', { action: 'me' }, 'o-stranger')).toEqual({
      openid: 'o-stranger',
      userId: null,
      name: null,
      roles: [],
      activities: [],
    });
  });

  it('R-OVS-3: tells anyone who objected to a notice, with or without a role, so home shows 我的异议', async () => {
    // The seeded objection to the house-fire notice is demo-resident's.
    expect((await data<MeView>('societies', { action: 'me' }, 'demo-resident')).activities).toEqual([
      'raisedObjection',
    ]);
    expect((await data<MeView>('societies', { action: 'me' }, 'demo-member')).activities).toEqual([]);
    const raised = await backend.call(
      'notices',
      {
        action: 'raiseObjection',
        requestId: 'obj-stranger-0001',
        noticeId: 'notice-demo-case-03',
        text: '请公布一下核查的过程。',
      },
      'o-objector-no-role',
    );
    expect(raised.ok).toBe(true);
    expect(await data<MeView>('societies', { action: 'me' }, 'o-objector-no-role')).toMatchObject({
      roles: [],
      activities: ['raisedObjection'],
    });
  });
});

describe('societies.list', () => {
  const names = (items: SocietyListItem[]) => items.map((item) => item.name).sort();

  it('R-OVS-2: a township sees the societies of its own township only', async () => {
    const { items } = await data<{ items: SocietyListItem[] }>('societies', { action: 'list' }, 'demo-township');
    expect(names(items)).toEqual(['柳塘村救急难互助社', '王家村救急难互助社'].sort());
    expect(
      await backend.call('societies', { action: 'list', townshipId: 'area-hekou' }, 'demo-township'),
    ).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
  });

  it('the county bureau and the federation see every society of the county', async () => {
    for (const openid of ['demo-county', 'demo-federation']) {
      const { items } = await data<{ items: SocietyListItem[] }>('societies', { action: 'list' }, openid);
      expect(items).toHaveLength(4);
      const hekou = await data<{ items: SocietyListItem[] }>(
        'societies',
        { action: 'list', townshipId: 'area-hekou' },
        openid,
      );
      expect(names(hekou.items)).toEqual(['白沙村救急难互助社', '石桥社区救急难互助社'].sort());
    }
  });

  it('village roles may not list societies', async () => {
    for (const openid of ['demo-president', 'demo-supervisor', 'demo-resident']) {
      expect(await backend.call('societies', { action: 'list' }, openid)).toMatchObject({
        ok: false,
        error: { code: 'FORBIDDEN' },
      });
    }
  });
});
