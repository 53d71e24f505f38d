/**
 * Issue 12's first start in the pages, over the real backend on an EMPTY store: home offers
 * 县级管理员初始化 to a caller with no role while the deploy's code is unused; the code makes the
 * county administrator; 乡镇村导入与邀请 imports the townships and villages from an xlsx picked
 * from a chat (a bad file lists its rows, nothing written) and invites a township officer.
 * `wx.chooseMessageFile`, the file system and the document viewer are faked at the boundary.
 */
import ExcelJS from 'exceljs';
import { createTestBackend, type TestBackend } from '../support/test-backend';
import { navigations, recordedCalls, resetBoundary, routeCloudTo } from '../support/simulate-setup';
import { findByText, openPage, tap, textOf, textsOf, waitFor, type PageComponent } from '../support/simulate-pages';
import { setDemoCaller } from '../../miniprogram/services/cloud';
import { COLLECTIONS } from '../../server/collections';
import { FIRST_START_ENV, firstStartValue } from '../../server/registry/first-start-code';
import { toHomeScreen } from '../../miniprogram/pages/home/view';
import { checkFirstStartForm } from '../../miniprogram/packages/oversight/pages/first-start/view';
import { checkAreaInvite, importSummary } from '../../miniprogram/packages/oversight/pages/county-setup/view';
import type { MeView } from '../../miniprogram/domain/society';

const HOME = 'pages/home/index';
const FIRST_START = 'packages/oversight/pages/first-start/index';
const COUNTY_SETUP = 'packages/oversight/pages/county-setup/index';
const CODE = 'K7PM-Q2XR-9HTW';

jest.setTimeout(30_000);

let backend: TestBackend;
const savedEnv = process.env[FIRST_START_ENV];
/** The xlsx the user picks next in wx.chooseMessageFile (Base64), and what was written and opened. */
let nextPicked: string | null = null;
const written: Array<{ filePath: string; data: string }> = [];
const opened: string[] = [];

beforeAll(() => {
  const wxStub = (globalThis as unknown as { wx: Record<string, unknown> }).wx;
  wxStub.env = { USER_DATA_PATH: 'wxfile://usr' };
  wxStub.chooseMessageFile = (options: { success?: (r: unknown) => void; fail?: (e: unknown) => void }) => {
    if (nextPicked === null) options.fail?.({ errMsg: 'chooseMessageFile:fail cancel' });
    else options.success?.({ tempFiles: [{ path: 'wxfile://tmp/areas.xlsx', name: '乡镇村.xlsx', size: 1 }] });
  };
  wxStub.getFileSystemManager = () => ({
    readFile: (options: { success?: (r: { data: string }) => void }) => options.success?.({ data: nextPicked ?? '' }),
    writeFile: (options: { filePath: string; data: string; success?: () => void }) => {
      written.push({ filePath: options.filePath, data: options.data });
      options.success?.();
    },
  });
  wxStub.openDocument = (options: { filePath: string; success?: () => void }) => {
    opened.push(options.filePath);
    options.success?.();
  };
});

beforeEach(async () => {
  backend = await createTestBackend({ seed: false });
  process.env[FIRST_START_ENV] = firstStartValue(CODE, backend.ports.clock.now());
  resetBoundary();
  routeCloudTo((name, event, openid) => backend.call(name, event, openid));
  nextPicked = null;
  written.length = 0;
  opened.length = 0;
});
afterEach(async () => {
  await backend.close();
  if (savedEnv === undefined) delete process.env[FIRST_START_ENV];
  else process.env[FIRST_START_ENV] = savedEnv;
});

function act(page: PageComponent, method: string, event?: unknown): unknown {
  const handler = (page.instance as unknown as Record<string, unknown>)[method];
  if (typeof handler !== 'function') throw new Error(`the page has no ${method}`);
  return (handler as (event?: unknown) => unknown).call(page.instance, event);
}

const input = (field: string, value: string) => ({ currentTarget: { dataset: { field } }, detail: { value } });
const pick = (value: string) => ({ currentTarget: { dataset: { value } } });

async function xlsx(rows: string[][]): Promise<string> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('填写');
  for (const row of rows) sheet.addRow(row);
  return Buffer.from((await book.xlsx.writeBuffer()) as ArrayBuffer).toString('base64');
}

async function claimAsPage(openid: string): Promise<PageComponent> {
  setDemoCaller(openid);
  const page = await openPage(FIRST_START, {}, () => true);
  act(page, 'onFormInput', input('code', CODE.toLowerCase()));
  act(page, 'onFormInput', input('name', '周建华'));
  act(page, 'onFormInput', input('countyName', '清溪县'));
  act(page, 'onFormInput', input('countyCode', '331099'));
  await act(page, 'onSubmit');
  await waitFor(() => !page.data.busy);
  return page;
}

describe('the first-start form and the import texts', () => {
  it('checks the code, the name, the county and its 6-digit code on the phone', () => {
    const form = { code: 'k7pm q2xr 9htw', name: ' 周建华 ', countyName: '清溪县', countyCode: '331099' };
    expect(checkFirstStartForm(form)).toEqual({
      ok: true,
      input: { firstStartCode: 'K7PMQ2XR9HTW', name: '周建华', countyName: '清溪县', countyCode: '331099' },
    });
    expect(checkFirstStartForm({ ...form, code: 'K7PM' })).toEqual({
      ok: false,
      problem: '请输入部署时显示的 12 位初始化码',
    });
    expect(checkFirstStartForm({ ...form, countyCode: '33109' })).toEqual({
      ok: false,
      problem: '本县区划代码是 6 位数字，如 331099',
    });
  });

  it('says what an import did, or that nothing was imported', () => {
    expect(importSummary({ ok: true, problems: [], townshipsAdded: 2, villagesAdded: 5, villagesKept: 1 })).toBe(
      '已导入：新增 2 个乡镇（街道）、5 个村（社区），1 个村已经有了（保持不变）',
    );
    expect(
      importSummary({ ok: false, problems: ['a', 'b'], townshipsAdded: 0, villagesAdded: 0, villagesKept: 0 }),
    ).toBe('表格有 2 处问题，整份没有导入，请修改后重新导入：');
    const tree = { countyId: 'area-331099', countyName: '清溪县', countyCode: '331099', townships: [] };
    expect(checkAreaInvite({ role: 'township', townshipId: '', inviteeName: '吴' }, tree)).toEqual({
      ok: false,
      problem: '请先导入乡镇和村（社区）',
    });
    expect(checkAreaInvite({ role: 'federation', townshipId: '', inviteeName: '郑慈' }, tree)).toEqual({
      ok: true,
      input: { role: 'federation', areaId: 'area-331099', inviteeName: '郑慈' },
    });
  });

  it('home offers 县级管理员初始化 only to a caller with no role while the code is open', () => {
    const stranger: MeView = { openid: 'x', userId: null, name: null, roles: [], activities: [] };
    const titles = (me: MeView) => toHomeScreen(me).entries.map((entry) => entry.title);
    expect(titles({ ...stranger, firstStartOpen: true })).toEqual(['县级管理员初始化']);
    expect(titles(stranger)).toEqual([]);
    expect(
      titles({
        ...stranger,
        firstStartOpen: true,
        roles: [{ role: 'county', roleLabel: '县民政局', societyId: null, scopeName: '清溪县' }],
      }),
    ).not.toContain('县级管理员初始化');
  });
});

describe('first start in the pages, from an empty store', () => {
  it('home → 县级管理员初始化 → the code makes the county administrator → 乡镇村导入与邀请', async () => {
    setDemoCaller('county-admin');
    const home = await openPage(HOME);
    await tap(findByText(home, '.t-cell--t-cell', '县级管理员初始化'));
    expect(navigations()).toEqual(['/packages/oversight/pages/first-start/index']);

    // A wrong code is refused by the cloud, and said on the page.
    const wrong = await openPage(FIRST_START, {}, () => true);
    act(wrong, 'onFormInput', input('code', 'AAAA-BBBB-CCCC'));
    act(wrong, 'onFormInput', input('name', '周建华'));
    act(wrong, 'onFormInput', input('countyName', '清溪县'));
    act(wrong, 'onFormInput', input('countyCode', '331099'));
    await act(wrong, 'onSubmit');
    await waitFor(() => !wrong.data.busy);
    expect(textOf(wrong)).toContain('初始化码不正确，请核对部署时显示的初始化码');

    const page = await claimAsPage('county-admin');
    expect(textOf(page)).toContain('周建华，您已成为清溪县民政局的管理员');
    await tap(findByText(page, '.t-button--t-button', '导入乡镇和村（社区）'));
    expect(navigations().at(-1)).toBe('/packages/oversight/pages/county-setup/index');

    // The code is spent: another caller is refused, and home no longer offers it.
    const second = await claimAsPage('someone-else');
    expect(textOf(second)).toContain('初始化码已经使用过');
    setDemoCaller('someone-else');
    expect(textOf(await openPage(HOME))).not.toContain('县级管理员初始化');
  });

  it('乡镇村导入与邀请: a bad file lists its rows and writes nothing; a good one shows the townships; an invitation shows its code', async () => {
    await claimAsPage('county-admin');
    setDemoCaller('county-admin');
    const page = await openPage(COUNTY_SETUP);
    expect(page.data.state).toBe('ready');
    expect(textOf(page)).toContain('尚未导入乡镇和村（社区）');

    await tap(findByText(page, '.t-button--t-button', '下载导入模板'));
    await waitFor(() => opened.length === 1);
    expect(opened).toEqual(['wxfile://usr/清溪县乡镇和村（社区）导入模板.xlsx']);
    expect(written[0]!.data.length).toBeGreaterThan(1000);

    nextPicked = await xlsx([
      ['乡镇（街道）', '村（社区）', '村代码'],
      ['青石镇', '王家村', '331099101201'],
      ['青石镇', '柳塘村', '3310991012'],
    ]);
    await act(page, 'onImport');
    await waitFor(() => !page.data.importing);
    expect(textsOf(page, '.main--problem')).toEqual(['第 3 行 村代码：村代码应为 12 位数字（统计用区划代码）']);
    expect(textOf(page)).toContain('表格有 1 处问题，整份没有导入');
    expect(await backend.ports.store.count(COLLECTIONS.areas)).toBe(1);

    nextPicked = await xlsx([
      ['乡镇（街道）', '村（社区）', '村代码'],
      ['青石镇', '王家村', '331099101201'],
      ['青石镇', '柳塘村', '331099101202'],
      ['河口乡', '白沙村', '331099102201'],
    ]);
    await act(page, 'onImport');
    await waitFor(() => textOf(page).includes('已有 2 个乡镇（街道）、3 个村（社区）'));
    expect(textOf(page)).toContain('已导入：新增 2 个乡镇（街道）、3 个村（社区）');
    expect(textOf(page)).toContain('王家村、柳塘村（2 个）');

    // Invite 青石镇's officer: the code is shown once, and opens on the invitation page's action.
    act(page, 'onPickRole', pick('township'));
    await act(page, 'onInvite');
    expect(page.data.formError).toBe('请选择乡镇（街道）');
    await tap(findByText(page, '.main--township-choice', '青石镇'));
    act(page, 'onFormInput', input('inviteeName', '吴青石'));
    await act(page, 'onInvite');
    await waitFor(() => page.data.created !== null);
    expect(textOf(page)).toContain('已邀请 吴青石 担任青石镇的乡镇（街道）工作人员');
    const code = page.data.created.code as string;
    const sent = recordedCalls().filter((call) => call.event.action === 'createAreaInvitation');
    expect(sent.at(-1)?.event).toMatchObject({ role: 'township', areaId: 'area-331099101', inviteeName: '吴青石' });
    const accepted = await backend.call('societies', { action: 'acceptInvitation', code }, 'ts-officer');
    expect(accepted).toMatchObject({ ok: true, data: { role: 'township', societyName: '青石镇' } });
  });

  it('乡镇村导入与邀请 is the county bureau’s: anyone else is told so', async () => {
    await claimAsPage('county-admin');
    setDemoCaller('a-villager');
    const page = await openPage(COUNTY_SETUP);
    expect(page.data.state).toBe('forbidden');
    expect(textOf(page)).toContain('乡镇和村（社区）由县民政局导入');
  });
});
