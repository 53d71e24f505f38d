/**
 * Issue 12's first start, from an EMPTY store through the real cloud functions: the deploy's
 * one-time code makes the county bureau's administrator; the county imports its townships and
 * villages from the xlsx template (a bad file is refused whole, with rows; a re-import adds and
 * never deletes); it invites a township officer, who starts a society and invites its officers;
 * the society raises its start-up money, is registered, and its secretary takes a first case.
 */
import ExcelJS from 'exceljs';
import { createTestBackend, type TestBackend } from '../support/test-backend';
import { caller, consent, newIdNumber } from './helpers';
import { COLLECTIONS, type AreaDoc, type MembershipDoc } from '../../server/collections';
import { FIRST_START_ENV, firstStartValue } from '../../server/registry/first-start-code';
import type { AuditEventDoc } from '../../server/audit/trail';
import type { MeView } from '../../miniprogram/domain/society';
import type {
  AreaImportResult,
  AreaTreeView,
  CountyAdminResult,
  CreatedAreaInvitation,
} from '../../miniprogram/domain/first-start';
import type { AcceptResult, CreatedInvitation } from '../../miniprogram/domain/registry';
import type { InvitationView } from '../../miniprogram/domain/funds';

const CODE = 'K7PM-Q2XR-9HTW';
const COUNTY = 'area-331099';

let backend: TestBackend;
let api: ReturnType<typeof caller>;
const savedEnv = process.env[FIRST_START_ENV];

beforeEach(async () => {
  backend = await createTestBackend({ seed: false });
  api = caller(backend);
  // What `npm run deploy` gives the societies function: the hash and a 72-hour expiry.
  process.env[FIRST_START_ENV] = firstStartValue(CODE, backend.ports.clock.now());
});
afterEach(async () => {
  await backend.close();
  if (savedEnv === undefined) delete process.env[FIRST_START_ENV];
  else process.env[FIRST_START_ENV] = savedEnv;
});

const claim = (openid: string, overrides: Record<string, unknown> = {}) => ({
  firstStartCode: CODE,
  name: '周建华',
  countyName: '清溪县',
  countyCode: '331099',
  ...overrides,
});

async function workbook(rows: string[][]): Promise<string> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('填写');
  for (const row of rows) sheet.addRow(row);
  return Buffer.from((await book.xlsx.writeBuffer()) as ArrayBuffer).toString('base64');
}

const HEADER = ['乡镇（街道）', '村（社区）', '村代码'];

async function areaCount(): Promise<number> {
  return backend.ports.store.count(COLLECTIONS.areas);
}

async function becomeCountyAdmin(): Promise<void> {
  await api.ok<CountyAdminResult>('societies', 'claimCountyAdmin', claim('county-admin'), 'county-admin');
}

describe('first start from an empty store', () => {
  it('the deploy code → county admin → import → township officer → society officers → a first case', async () => {
    // A stranger with no role is offered the first start on home.
    const before = await api.ok<MeView>('societies', 'me', {}, 'county-admin');
    expect(before).toMatchObject({ roles: [], firstStartOpen: true });

    const admin = await api.ok<CountyAdminResult>('societies', 'claimCountyAdmin', claim('x'), 'county-admin');
    expect(admin).toEqual({ countyId: COUNTY, countyName: '清溪县', name: '周建华' });
    const me = await api.ok<MeView>('societies', 'me', {}, 'county-admin');
    expect(me.roles).toEqual([{ role: 'county', roleLabel: '县民政局', societyId: null, scopeName: '清溪县' }]);
    expect(me.firstStartOpen).toBeUndefined();
    expect((await api.ok<MeView>('societies', 'me', {}, 'someone-else')).firstStartOpen).toBeUndefined();

    // The template reads back with this county's code in its example rows.
    const template = await api.ok<{ fileName: string; base64: string }>(
      'spreadsheets',
      'areaTemplate',
      {},
      'county-admin',
    );
    expect(template.fileName).toBe('清溪县乡镇和村（社区）导入模板.xlsx');
    const fromTemplate = await api.ok<AreaImportResult>(
      'spreadsheets',
      'importAreas',
      { fileBase64: template.base64 },
      'county-admin',
    );
    expect(fromTemplate).toMatchObject({ ok: true, townshipsAdded: 1, villagesAdded: 2 });

    const imported = await api.ok<AreaImportResult>(
      'spreadsheets',
      'importAreas',
      {
        fileBase64: await workbook([
          HEADER,
          ['青石镇', '王家村', '331099101201'],
          ['青石镇', '柳塘村', '331099101202'],
          ['河口乡', '白沙村', '331099102201'],
          ['河口乡', '东岭村', '331099102203'],
        ]),
      },
      'county-admin',
    );
    expect(imported).toEqual({ ok: true, problems: [], townshipsAdded: 1, villagesAdded: 2, villagesKept: 2 });
    const tree = await api.ok<AreaTreeView>('societies', 'areas', {}, 'county-admin');
    expect(tree.townships.map((t) => [t.name, t.villages.map((v) => v.name)])).toEqual([
      ['青石镇', ['王家村', '柳塘村']],
      ['河口乡', ['白沙村', '东岭村']],
    ]);

    // The county invites the township's officer, who accepts on the ordinary invitation page.
    const townshipId = tree.townships[0]!.id;
    const invitation = await api.ok<CreatedAreaInvitation>(
      'societies',
      'createAreaInvitation',
      { requestId: 'inv-township-01', role: 'township', areaId: townshipId, inviteeName: '吴青石' },
      'county-admin',
    );
    expect(invitation).toMatchObject({ role: 'township', roleLabel: '乡镇（街道）工作人员', areaName: '青石镇' });
    const opened = await api.ok<InvitationView>('societies', 'openInvitation', { code: invitation.code }, 'ts-officer');
    expect(opened).toMatchObject({
      societyName: '青石镇',
      roleLabel: '乡镇（街道）工作人员',
      status: 'open',
      invitedByName: '周建华',
    });
    const accepted = await api.ok<AcceptResult>(
      'societies',
      'acceptInvitation',
      { code: invitation.code },
      'ts-officer',
    );
    expect(accepted).toMatchObject({ societyName: '青石镇', role: 'township', name: '吴青石' });
    const again = await api.refused('societies', 'acceptInvitation', { code: invitation.code }, 'another-person');
    expect(again.code).toBe('FORBIDDEN');

    // The federation too.
    const federation = await api.ok<CreatedAreaInvitation>(
      'societies',
      'createAreaInvitation',
      { requestId: 'inv-federation-01', role: 'federation', areaId: COUNTY, inviteeName: '郑慈' },
      'county-admin',
    );
    await api.ok('societies', 'acceptInvitation', { code: federation.code }, 'fed-officer');
    expect((await api.ok<MeView>('societies', 'me', {}, 'fed-officer')).roles[0]).toMatchObject({
      role: 'federation',
      scopeName: '清溪县',
    });

    // The township starts 王家村's society and appoints its president; the president the others.
    const wangjia = tree.townships[0]!.villages[0]!.id;
    const society = await api.ok<{ id: string }>(
      'societies',
      'create',
      { villageId: wangjia, form: 'registered' },
      'ts-officer',
    );
    const officers: Array<[role: string, openid: string, name: string, inviter: string]> = [
      ['president', 'wj-president', '王建国', 'ts-officer'],
      ['secretary', 'wj-secretary', '刘芳', 'wj-president'],
      ['supervisor', 'wj-supervisor', '赵德明', 'wj-president'],
    ];
    for (const [role, openid, name, inviter] of officers) {
      const made = await api.ok<CreatedInvitation>(
        'societies',
        'createInvitation',
        { requestId: `inv-${role}-0001`, societyId: society.id, role, inviteeName: name },
        inviter,
      );
      await api.ok('societies', 'acceptInvitation', { code: made.code }, openid);
    }
    const secretaryMe = await api.ok<MeView>('societies', 'me', {}, 'wj-secretary');
    expect(secretaryMe.roles).toEqual([
      { role: 'secretary', roleLabel: '秘书长', societyId: society.id, scopeName: '王家村救急难互助社' },
    ]);

    // R-ORG-2: charter, place, 30,000 yuan; the county bureau registers it (R-ORG-1).
    await api.ok(
      'societies',
      'update',
      { societyId: society.id, hasCharter: true, place: '王家村村民委员会一楼' },
      'wj-president',
    );
    for (const [entryId, type, amountFen] of [
      ['wj-county-01', 'countySubsidy', 10_000_00],
      ['wj-collective-01', 'collectiveFund', 20_000_00],
    ] as const) {
      await api.ok(
        'funds',
        'recordEntry',
        { societyId: society.id, entryId, type, amountFen, sourceRef: '启动资金' },
        'wj-secretary',
      );
    }
    await api.ok(
      'societies',
      'activate',
      { societyId: society.id, registrationNumber: '清民社登字〔2026〕第001号' },
      'county-admin',
    );

    // The first case: the secretary records a household found on a visit (R-PROC-1).
    const found = await api.ok<{ id: string; status: string }>(
      'approvals',
      'openDiscovery',
      {
        requestId: 'disc-first-0001',
        societyId: society.id,
        person: { name: '孙秀珍', idNumber: newIdNumber('1950-09-09') },
        hukou: 'beneficiary',
        cause: 'majorIllness',
        description: '独居老人，突发心梗住院，医疗费用支出大',
        assistance: [],
        category: 'expenditureHardship',
        livingAtRisk: true,
        discoveredHow: '入户走访中发现',
        consent: { ...consent, method: 'verbal' },
      },
      'wj-secretary',
    );
    expect(found.id).toBeTruthy();
    expect(await backend.ports.store.count(COLLECTIONS.cases)).toBe(1);
  });

  it('the code is used once: a second use by anyone else, or for another county, is refused and changes nothing', async () => {
    await becomeCountyAdmin();
    const memberships = await backend.ports.store.count(COLLECTIONS.memberships);
    const second = await api.refused('societies', 'claimCountyAdmin', claim('x', { name: '冒名' }), 'intruder');
    expect(second).toEqual({
      code: 'INVALID_STATE',
      message: '初始化码已经使用过：县民政局管理员已设立，请由其邀请您',
    });
    // The administrator's own retry (the first answer lost) answers the same, and grants nothing new.
    const retry = await api.ok<CountyAdminResult>(
      'societies',
      'claimCountyAdmin',
      claim('x', { name: '周建华（重试）' }),
      'county-admin',
    );
    expect(retry).toEqual({ countyId: COUNTY, countyName: '清溪县', name: '周建华' });
    const otherCounty = await api.refused(
      'societies',
      'claimCountyAdmin',
      claim('x', { countyCode: '331100' }),
      'county-admin',
    );
    expect(otherCounty.code).toBe('INVALID_STATE');
    expect(await backend.ports.store.count(COLLECTIONS.memberships)).toBe(memberships);
    expect((await api.ok<MeView>('societies', 'me', {}, 'intruder')).roles).toEqual([]);
  });

  it('a wrong code, an expired code, no code deployed and no caller are refused, and write nothing', async () => {
    const wrong = await api.refused(
      'societies',
      'claimCountyAdmin',
      claim('x', { firstStartCode: 'AAAA-BBBB-CCCC' }),
      'a',
    );
    expect(wrong).toEqual({ code: 'FORBIDDEN', message: '初始化码不正确，请核对部署时显示的初始化码' });
    expect((await api.refused('societies', 'claimCountyAdmin', claim('x'), null)).code).toBe('UNAUTHENTICATED');

    backend.ports.clock.set(new Date(backend.ports.clock.now().getTime() + 73 * 3600_000));
    expect((await api.refused('societies', 'claimCountyAdmin', claim('x'), 'a')).code).toBe('INVALID_STATE');
    expect((await api.ok<MeView>('societies', 'me', {}, 'a')).firstStartOpen).toBeUndefined();

    delete process.env[FIRST_START_ENV];
    expect((await api.refused('societies', 'claimCountyAdmin', claim('x'), 'a')).code).toBe('NOT_FOUND');
    expect(await backend.ports.store.count(COLLECTIONS.memberships)).toBe(0);
    expect(await areaCount()).toBe(0);
    expect(await backend.ports.store.count(COLLECTIONS.auditEvents)).toBe(0);
  });

  it('the first start is audited: who became the county administrator, and each import', async () => {
    await becomeCountyAdmin();
    await api.ok(
      'spreadsheets',
      'importAreas',
      { fileBase64: await workbook([HEADER, ['青石镇', '王家村', '331099101201']]) },
      'county-admin',
    );
    const events = await backend.ports.store.find<AuditEventDoc>(COLLECTIONS.auditEvents, {
      where: { scopeId: COUNTY },
      orderBy: [['seq', 'asc']],
    });
    expect(events.map((event) => [event.action, event.actor.name, event.actor.role])).toEqual([
      ['county.firstStart', '周建华', 'county'],
      ['county.importAreas', '周建华', 'county'],
    ]);
  });

  it('a bad file is refused whole with its rows, and nothing is written', async () => {
    await becomeCountyAdmin();
    const before = await areaCount();
    const result = await api.ok<AreaImportResult>(
      'spreadsheets',
      'importAreas',
      {
        fileBase64: await workbook([
          HEADER,
          ['青石镇', '王家村', '331099101201'],
          ['青石镇', '', '331099101202'],
          ['青石镇', '柳塘村', '33109910120'],
          ['河口乡', '白沙村', '110101102201'],
          ['河口乡', '东岭村', '331099101201'],
          ['河口镇', '石桥社区', '331099101203'],
        ]),
      },
      'county-admin',
    );
    expect(result).toEqual({
      ok: false,
      problems: [
        '第 3 行 村（社区）：「村（社区）」未填写',
        '第 4 行 村代码：村代码应为 12 位数字（统计用区划代码）',
        '第 5 行 村代码：村代码应以本县代码 331099 开头',
        '第 6 行 村代码：与第 2 行的村代码重复',
        '第 7 行 乡镇（街道）：乡镇代码 331099101 在第 2 行是「青石镇」，这里是「河口镇」',
      ],
      townshipsAdded: 0,
      villagesAdded: 0,
      villagesKept: 0,
    });
    expect(await areaCount()).toBe(before);
    const notXlsx = await api.refused(
      'spreadsheets',
      'importAreas',
      { fileBase64: Buffer.from('乡镇,村,村代码').toString('base64') },
      'county-admin',
    );
    expect(notXlsx.code).toBe('BAD_REQUEST');
    expect(await areaCount()).toBe(before);
  });

  it('a re-import adds the new villages, keeps the old ones and refuses a renamed one', async () => {
    await becomeCountyAdmin();
    const first = await workbook([HEADER, ['青石镇', '王家村', '331099101201']]);
    await api.ok('spreadsheets', 'importAreas', { fileBase64: first }, 'county-admin');
    const again = await api.ok<AreaImportResult>(
      'spreadsheets',
      'importAreas',
      { fileBase64: await workbook([HEADER, ['青石镇', '柳塘村', '331099101202']]) },
      'county-admin',
    );
    expect(again).toEqual({ ok: true, problems: [], townshipsAdded: 0, villagesAdded: 1, villagesKept: 0 });
    expect(await backend.ports.store.get<AreaDoc>(COLLECTIONS.areas, 'area-331099101201')).toMatchObject({
      name: '王家村',
      kind: 'village',
      townshipId: 'area-331099101',
      countyId: COUNTY,
      // Issue 15: a village keeps its township's name, so a page of villages reads no township.
      townshipName: '青石镇',
    });
    const renamed = await api.ok<AreaImportResult>(
      'spreadsheets',
      'importAreas',
      { fileBase64: await workbook([HEADER, ['青石镇', '王家新村', '331099101201']]) },
      'county-admin',
    );
    expect(renamed.problems).toEqual(['第 2 行 村（社区）：村代码 331099101201 已登记为「王家村」']);
    expect(await areaCount()).toBe(4);
  });

  it('only the county bureau imports and invites for areas; a township officer may not', async () => {
    await becomeCountyAdmin();
    await api.ok(
      'spreadsheets',
      'importAreas',
      { fileBase64: await workbook([HEADER, ['青石镇', '王家村', '331099101201']]) },
      'county-admin',
    );
    const made = await api.ok<CreatedAreaInvitation>(
      'societies',
      'createAreaInvitation',
      { requestId: 'inv-township-02', role: 'township', areaId: 'area-331099101', inviteeName: '吴青石' },
      'county-admin',
    );
    await api.ok('societies', 'acceptInvitation', { code: made.code }, 'ts-officer');
    const grants = await backend.ports.store.find<MembershipDoc>(COLLECTIONS.memberships, {
      where: { role: 'township' },
    });
    expect(grants.map((grant) => grant.areaId)).toEqual(['area-331099101']);
    for (const [fn, action, payload] of [
      ['spreadsheets', 'importAreas', { fileBase64: await workbook([HEADER, ['河口乡', '白沙村', '331099102201']]) }],
      [
        'societies',
        'createAreaInvitation',
        { requestId: 'inv-township-03', role: 'township', areaId: 'area-331099101', inviteeName: '某' },
      ],
    ] as const) {
      expect((await api.refused(fn, action, payload, 'ts-officer')).code).toBe('FORBIDDEN');
      expect((await api.refused(fn, action, payload, 'stranger')).code).toBe('FORBIDDEN');
    }
    const wrongArea = await api.refused(
      'societies',
      'createAreaInvitation',
      { requestId: 'inv-township-04', role: 'township', areaId: COUNTY, inviteeName: '某' },
      'county-admin',
    );
    expect(wrongArea.code).toBe('BAD_REQUEST');
    expect(await areaCount()).toBe(3);
  });
});
