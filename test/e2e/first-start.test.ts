/**
 * Issue 12's first start in the browser preview, on a stack started EMPTY (no demo county): a
 * stranger opens home, finds 县级管理员初始化, types the deploy's code and becomes the county
 * bureau's administrator; the townships and villages are imported (the file picker for chat
 * files is WeChat's own, so the story imports through the function); on 乡镇村导入与邀请 the county
 * invites 青石镇's officer, who accepts on the invitation page and starts 王家村's society.
 * The preview only switches between the demo callers' OPENIDs; in an empty store none of them
 * holds a role, so `demo-county` and `demo-township` start as strangers here.
 */
import ExcelJS from 'exceljs';
import { FIRST_START_ENV, firstStartValue } from '../../server/registry/first-start-code';
import { DEMO_NOW } from '../support/test-backend';
import { describeInChromium, startPreview, type PreviewHarness } from './support/preview-harness';

jest.setTimeout(180_000);

const CODE = 'K7PM-Q2XR-9HTW';

describeInChromium('first start of a new county (issue 12)', () => {
  let preview: PreviewHarness;
  const savedEnv = process.env[FIRST_START_ENV];

  async function ok<T>(fn: string, event: Record<string, unknown>, openid: string): Promise<T> {
    const answer = await preview.call<T>(fn, event, openid);
    if (!answer.ok) throw new Error(`${fn}.${String(event.action)} as ${openid}: ${answer.error.message}`);
    return answer.data;
  }

  beforeAll(async () => {
    // What `npm start -- --empty` (or `npm run deploy`) gives the functions.
    process.env[FIRST_START_ENV] = firstStartValue(CODE, new Date(DEMO_NOW));
    preview = await startPreview({ seed: 'none' });
  });

  afterAll(async () => {
    await preview?.close();
    if (savedEnv === undefined) delete process.env[FIRST_START_ENV];
    else process.env[FIRST_START_ENV] = savedEnv;
  });

  it('code → county administrator → areas → township officer invited and accepted → a society', async () => {
    const home = await preview.open('pages/home/index', { caller: 'demo-county' });
    await home.waitForText('县级管理员初始化');
    await home.tap('县级管理员初始化');
    await home.waitForText('成为县民政局管理员');
    await home.fill('如 K7PM-Q2XR-9HTW', CODE);
    await home.fill('您的真实姓名', '周建华');
    await home.fill('如 清溪县', '清溪县');
    await home.fill('统计用区划代码的前 6 位', '331099');
    await home.tap('成为县民政局管理员');
    await home.waitForText('周建华，您已成为清溪县民政局的管理员');
    await home.tap('导入乡镇和村（社区）');
    await home.waitForText('尚未导入乡镇和村（社区）');

    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('填写');
    for (const row of [
      ['乡镇（街道）', '村（社区）', '村代码'],
      ['青石镇', '王家村', '331099101201'],
      ['青石镇', '柳塘村', '331099101202'],
      ['河口乡', '白沙村', '331099102201'],
    ]) {
      sheet.addRow(row);
    }
    const fileBase64 = Buffer.from((await book.xlsx.writeBuffer()) as ArrayBuffer).toString('base64');
    await ok('spreadsheets', { action: 'importAreas', fileBase64 }, 'demo-county');

    const setup = await preview.open('packages/oversight/pages/county-setup/index', { caller: 'demo-county' });
    await setup.waitForText('已有 2 个乡镇（街道）、3 个村（社区）');
    await setup.tapSelector('[class*="township-choice"]');
    await setup.fill('如 吴青石', '吴青石');
    await setup.tap('生成邀请码');
    await setup.waitForText('已邀请 吴青石 担任青石镇的乡镇（街道）工作人员');
    const text = await setup.text();
    const code = /邀请码\s*([2-9A-Z]{10})/.exec(text)?.[1];
    expect(code).toBeTruthy();

    const invite = await preview.open('pages/invite/index', { caller: 'demo-township', query: { code: code! } });
    await invite.waitForText('青石镇邀请您担任乡镇（街道）工作人员');
    await invite.tap('接受邀请');
    await invite.waitForText('您已成为青石镇的乡镇（街道）工作人员');

    const society = await ok<{ id: string }>(
      'societies',
      { action: 'create', villageId: 'area-331099101201', form: 'registered' },
      'demo-township',
    );
    expect(society.id).toBe('soc-331099101201');
  });
});
