import { usePageBackend } from '../support/page-backend';
import { navigations, recordedCalls, setCloudCaller, storageSnapshot } from '../support/simulate-setup';
import { findByText, openPage, tap, textOf, textsOf, waitFor } from '../support/simulate-pages';
import { config } from '../../miniprogram/config';
import { setDemoCaller } from '../../miniprogram/services/cloud';
import { observeToasts, type ToastRequest } from '../../miniprogram/utils/toast';
import { DEMO_CALLERS } from '../../miniprogram/pages/home/demo-callers';
import { QR_HINT_TEXT, QR_HINT_TITLE } from '../../miniprogram/pages/home/view';

const PAGE = 'pages/home/index';
const SOCIETY = 'pages/society/index';

usePageBackend();

async function openHomeAs(openid: string) {
  setDemoCaller(openid);
  return openPage(PAGE);
}

const entryTitles = (page: Awaited<ReturnType<typeof openHomeAs>>) =>
  textsOf(page, '.t-cell--t-cell__title-text').filter((title) => ['互助社公示', '工作台', '监督总览'].includes(title));

describe('home page routes by role', () => {
  it('a secretary sees their role, their society page and the 工作台, which opens the officer workbench', async () => {
    const page = await openHomeAs('demo-secretary');

    expect(textOf(page)).toContain('秘书长');
    expect(textOf(page)).toContain('王家村救急难互助社');
    expect(entryTitles(page)).toEqual(['互助社公示', '工作台']);

    await tap(findByText(page, '.t-cell--t-cell', '工作台'));
    expect(navigations()).toEqual(['/packages/officer/pages/workbench/index?societyId=soc-wangjia']);
  });

  it('a township officer sees 监督总览 for 青石镇 and no society entries', async () => {
    const page = await openHomeAs('demo-township');

    expect(entryTitles(page)).toEqual(['监督总览']);
    expect(findByText(page, '.t-cell--t-cell', '监督总览').textContent).toContain('青石镇');

    await tap(findByText(page, '.t-cell--t-cell', '监督总览'));
    expect(navigations()).toEqual(['/packages/oversight/pages/overview/index']);
  });

  it('a village supervisor sees the society page and 监督总览, but no 工作台', async () => {
    const page = await openHomeAs('demo-supervisor');

    expect(entryTitles(page)).toEqual(['互助社公示', '监督总览']);
  });

  it('a resident sees their village society page only', async () => {
    const page = await openHomeAs('demo-resident');

    expect(entryTitles(page)).toEqual(['互助社公示']);
    expect(textOf(page)).not.toContain(QR_HINT_TITLE);
  });

  it('an unknown caller sees no role and is told to scan the notice-board QR code', async () => {
    const page = await openHomeAs('wx-openid-of-a-stranger');

    expect(page.data.screen.roles).toEqual([]);
    expect(entryTitles(page)).toEqual([]);
    expect(textOf(page)).toContain(QR_HINT_TITLE);
    expect(textsOf(page, '.t-empty--t-empty__description')).toEqual([QR_HINT_TEXT]);
  });
});

describe('申请救助 on home (issue 11)', () => {
  const applyButtons = (page: Awaited<ReturnType<typeof openHomeAs>>) =>
    textsOf(page, '.t-button--t-button').filter((text) => text === '申请救助');

  it('a resident, who never applied, gets the large 申请救助 button; it opens the form for their society', async () => {
    const page = await openHomeAs('demo-resident');

    expect(applyButtons(page)).toEqual(['申请救助']);
    expect(textsOf(page, '.main--apply-action__note')).toEqual(['向王家村救急难互助社申请']);
    await tap(findByText(page, '.t-button--t-button', '申请救助'));
    expect(navigations()).toEqual(['/pages/apply/index?societyId=soc-wangjia']);
  });

  it('a donor gets no 申请救助; a stranger gets none until they open a society page', async () => {
    expect(applyButtons(await openHomeAs('demo-donor'))).toEqual([]);
    expect(applyButtons(await openHomeAs('wx-never-scanned'))).toEqual([]);
  });

  it('a stranger who opened 柳塘村’s page from its board code finds 申请救助 and the page on home', async () => {
    setDemoCaller('wx-scanned-liutang');
    await openPage(SOCIETY, { societyId: 'soc-liutang' });
    const page = await openPage(PAGE);

    expect(page.data.screen.roles).toEqual([]);
    expect(applyButtons(page)).toEqual(['申请救助']);
    expect(entryTitles(page)).toEqual(['互助社公示']);
    expect(textOf(page)).not.toContain(QR_HINT_TITLE);
    await tap(findByText(page, '.t-button--t-button', '申请救助'));
    expect(navigations()).toEqual(['/pages/apply/index?societyId=soc-liutang']);
  });
});

describe('demo-caller picker (local stack only)', () => {
  it('lists the ten demo callers and sends the chosen one as x-openid', async () => {
    const page = await openHomeAs('demo-resident');

    const labels = textsOf(page, '.t-radio--t-radio__title');
    expect(labels).toEqual(DEMO_CALLERS.map((caller) => caller.label));
    expect(labels).toHaveLength(10);
    expect(recordedCalls().map((call) => [call.via, call.header?.['x-openid']])).toEqual([
      ['request', 'demo-resident'],
    ]);
  });

  it('switching stores jj.demoCaller, toasts, and reloads the page as the new caller', async () => {
    const toasts: ToastRequest[] = [];
    const stop = observeToasts((toast) => toasts.push(toast));
    const page = await openHomeAs('demo-resident');

    await tap(findByText(page, '.t-radio--t-radio', '青石镇民政办（乡镇）'));
    await waitFor(() => entryTitles(page).includes('监督总览'));
    stop();

    expect(storageSnapshot().get('jj.demoCaller')).toBe('demo-township');
    expect(toasts).toEqual([{ message: '已切换为 青石镇民政办（乡镇）', theme: 'success' }]);
    expect(recordedCalls().map((call) => call.openid)).toEqual(['demo-resident', 'demo-township']);
  });

  it('in cloud mode there is no picker and the WeChat user is who calls', async () => {
    config.developBackend = 'cloud';
    try {
      setCloudCaller('demo-secretary');
      const page = await openPage(PAGE);

      expect(page.data.showDemoPicker).toBe(false);
      expect(textsOf(page, '.t-radio--t-radio__title')).toEqual([]);
      expect(entryTitles(page)).toEqual(['互助社公示', '工作台']);
      expect(recordedCalls().map((call) => [call.via, call.name, call.event])).toEqual([
        ['cloud', 'societies', { action: 'me' }],
      ]);
    } finally {
      config.developBackend = 'local';
    }
  });
});
