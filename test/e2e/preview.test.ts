/**
 * The browser preview end to end: the real pages (WXML through the official compiler, TDesign,
 * TypeScript) in Chromium, against the real local stack and its seeded demo county.
 */
import { formatYuan } from '../../miniprogram/domain/money';
import type { SocietyPublicView } from '../../miniprogram/domain/society';
import { describeInChromium, startPreview, type PreviewHarness } from './support/preview-harness';

async function callFunction<T>(baseUrl: string, name: string, event: object, openid: string): Promise<T> {
  const response = await fetch(`${baseUrl}/functions/${name}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-openid': openid },
    body: JSON.stringify(event),
  });
  const body = (await response.json()) as { ok: boolean; data: T };
  expect(body.ok).toBe(true);
  return body.data;
}

describeInChromium('browser preview of the real pages', () => {
  let preview: PreviewHarness;

  beforeAll(async () => {
    preview = await startPreview();
  });

  afterAll(async () => {
    await preview?.close();
  });

  it('R-ORG-1: shows a resident the seeded society, its form, status and balance', async () => {
    const seeded = await callFunction<SocietyPublicView>(
      preview.url,
      'societies',
      { action: 'getPublicPage', societyId: 'soc-wangjia' },
      'demo-resident',
    );
    const phone = await preview.open('pages/society/index', {
      caller: 'demo-resident',
      query: { societyId: 'soc-wangjia' },
    });

    const text = await phone.text();
    expect(text).toContain('王家村救急难互助社');
    expect(text).toContain('清溪县 · 青石镇 · 王家村');
    expect(text).toContain('登记');
    expect(text).toContain('运行中');
    expect(text).toContain(`互助资金余额 ${formatYuan(seeded.fund.balanceFen)}`);
    // The page set its title through wx.setNavigationBarTitle; the frame shows the path.
    expect(await phone.title()).toBe('王家村救急难互助社');
    expect(await phone.framePath()).toBe('pages/society/index?societyId=soc-wangjia');
    expect(phone.errors).toEqual([]);
    expect(phone.externalRequests).toEqual([]);
  });

  it('switches the demo caller, then navigates from home to the workbench and back', async () => {
    const phone = await preview.open('pages/home/index', { caller: 'demo-resident' });
    expect(await phone.text()).toContain('您好，周小红');
    expect(await phone.text()).not.toContain('工作台');

    await phone.switchCaller('demo-secretary');
    expect(await phone.text()).toContain('您好，刘芳');

    await phone.tap('工作台');
    expect(await phone.url()).toBe('packages/officer/pages/workbench/index?societyId=soc-wangjia');
    expect(await phone.title()).toBe('工作台');
    expect(await phone.text()).toContain('秘书长');
    expect((await phone.state()).depth).toBe(2);

    await phone.back();
    expect(await phone.url()).toBe('pages/home/index');
    expect(await phone.text()).toContain('您好，刘芳');

    // The home page's own picker (a TDesign radio group, tapped with the mouse) writes the same
    // stored caller: the page reloads as them and the frame's switcher follows.
    await phone.tap('王建国（社长）');
    await phone.waitForText('您好，王建国');
    expect(await phone.page.locator('#caller').inputValue()).toBe('demo-president');
    expect(phone.errors).toEqual([]);
  });

  it('renders a TDesign component with its own values beside a page literal (each WXML root keeps its own tables)', async () => {
    // The ledger refuses a member: a t-empty with a literal description, then a t-button. When our
    // root and TDesign's shared wcc's tables, t-empty showed the button's values ("primary").
    const phone = await preview.open('packages/officer/pages/ledger/index', {
      caller: 'demo-member',
      query: { societyId: 'soc-wangjia' },
    });

    const text = await phone.text();
    expect(text).toContain('会员请看资金报告');
    expect(text).not.toContain('primary');
    expect(phone.errors).toEqual([]);
  });

  it('draws TDesign icons from the icon set in node_modules, with no request leaving the local stack', async () => {
    const phone = await preview.open('pages/home/index', { caller: 'demo-secretary' });
    const icons = await phone.phone.evaluate(() =>
      Array.from(document.querySelectorAll('[class*="t-icon--t-icon-chevron-right"]')).map((icon) => {
        const glyph = getComputedStyle(icon, '::before');
        return { mask: glyph.maskImage || glyph.webkitMaskImage, width: glyph.width, height: glyph.height };
      }),
    );
    expect(icons.length).toBeGreaterThan(0); // the arrows of the entry cells
    for (const icon of icons) {
      expect(icon.mask).toMatch(/^url\("data:image\/svg\+xml/);
      expect(parseFloat(icon.width)).toBeGreaterThan(0);
      expect(parseFloat(icon.height)).toBeGreaterThan(0);
    }
    expect(phone.externalRequests).toEqual([]);
  });

  it('answers at the wx boundary as WeChat does: phone metrics, storage, declined payments and scans', async () => {
    const phone = await preview.open('pages/home/index', { caller: 'demo-member' });
    const answers = await phone.phone.evaluate(async () => {
      const wx = (window as unknown as { wx: Record<string, (options?: object) => unknown> }).wx;
      const settle = (promise: unknown) =>
        (promise as Promise<unknown>).then(
          (value) => value,
          (error: unknown) => error,
        );
      return {
        system: wx.getSystemInfoSync!(),
        caller: (wx.getStorageSync as unknown as (key: string) => unknown)('jj.demoCaller'),
        payment: await settle(wx.requestPayment!({ timeStamp: '1', nonceStr: 'x', package: 'p', paySign: 's' })),
        scan: await settle(wx.scanCode!({})),
        subscribe: await settle(wx.requestSubscribeMessage!({ tmplIds: ['tmpl-1'] })),
        unknownPage: await settle(wx.navigateTo!({ url: '/pages/missing/index' })),
      };
    });
    expect(answers.system).toMatchObject({
      screenWidth: 375,
      screenHeight: 812,
      windowWidth: 375,
      windowHeight: 724,
      statusBarHeight: 44,
      pixelRatio: 3,
    });
    expect(answers.caller).toBe('demo-member');
    expect(answers.payment).toEqual({ errMsg: 'requestPayment:fail cancel' });
    expect(answers.scan).toEqual({ errMsg: 'scanCode:fail cancel' });
    expect(answers.subscribe).toEqual({ errMsg: 'requestSubscribeMessage:ok', 'tmpl-1': 'reject' });
    expect(answers.unknownPage).toEqual({ errMsg: 'navigateTo:fail page "pages/missing/index" is not found' });
  });
});
