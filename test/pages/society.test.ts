import { usePageBackend } from '../support/page-backend';
import { navigations, recordedCalls, setNetworkDown, storageSnapshot } from '../support/simulate-setup';
import { findByText, openPage, silenceConsoleError, tap, textOf, textsOf, waitFor } from '../support/simulate-pages';
import { NETWORK_ERROR_MESSAGE, setDemoCaller } from '../../miniprogram/services/cloud';
import { formatYuan } from '../../miniprogram/domain/money';
import type { SocietyPublicView } from '../../miniprogram/domain/society';
import { observeToasts, type ToastRequest } from '../../miniprogram/utils/toast';
import {
  APPLY_NOTES,
  FORM_EXPLANATIONS,
  MISSING_SOCIETY_MESSAGE,
  SAN_GONG_KAI_NOTE,
} from '../../miniprogram/pages/society/view';
import { VISITED_SOCIETY_KEY } from '../../miniprogram/utils/visited-society';

const PAGE = 'pages/society/index';
const WANGJIA = 'soc-wangjia';

jest.setTimeout(30_000);

const backend = usePageBackend();

beforeEach(() => {
  setDemoCaller('demo-resident');
});

async function publicView(societyId: string): Promise<SocietyPublicView> {
  const answer = (await backend().call('societies', { action: 'getPublicPage', societyId }, null)) as {
    ok: boolean;
    data: SocietyPublicView;
  };
  expect(answer.ok).toBe(true);
  return answer.data;
}

describe('society public page', () => {
  it('R-ORG-1: shows the seeded society, its place, 登记 badge, status and balance with TDesign components', async () => {
    const seeded = await publicView(WANGJIA);
    const page = await openPage(PAGE, { societyId: WANGJIA });

    expect(page.data.state).toBe('ready');
    expect(textsOf(page, '.main--society-header__name')).toEqual(['王家村救急难互助社']);
    expect(textsOf(page, '.main--society-header__place')).toEqual(['清溪县 · 青石镇 · 王家村']);
    // Real TDesign: tags and cells render their own inner markup.
    expect(textsOf(page, '.t-tag--t-tag__text')).toEqual(['登记', '运行中']);
    expect(textsOf(page, '.t-cell--t-cell__title-text')).toEqual(['所在地', '组织形式', '登记证号', '累计筹集']);

    // The balance is what the backend holds: 36,000 yuan raised less the seeded payouts.
    const balance = textsOf(page, '.jj-fund-card--jj-fund-card__balance');
    expect(balance).toEqual([formatYuan(seeded.fund.balanceFen)]);
    expect(seeded.fund.raisedFen).toBe(36_000_00);
    expect(seeded.fund.balanceFen).toBeLessThan(36_000_00);
    expect(findByText(page, '.t-cell--t-cell', '累计筹集').textContent).toContain('¥36,000.00');
    // An active society shows no start-up progress.
    expect(page.dom?.querySelector('.t-progress--t-progress')).toBeNull();
  });

  it('R-ORG-2: a preparing society shows how far it is from the 30,000 yuan start-up fund', async () => {
    const preparing = await publicView('soc-shiqiao');
    expect(preparing.status).toBe('preparing');
    const page = await openPage(PAGE, { societyId: 'soc-shiqiao' });

    expect(textOf(page)).toContain('筹备中');
    expect(textsOf(page, '.jj-fund-card--jj-fund-card__progress-label')).toEqual([
      `已筹集 ${formatYuan(preparing.fund.raisedFen)} / 目标 ¥30,000.00`,
    ]);
    expect(page.dom?.querySelector('.t-progress--t-progress')).not.toBeNull();
  });

  it('issue 11: anyone, with no role, taps 申请救助 and gets the form with this society chosen; the phone remembers it', async () => {
    setDemoCaller('wx-scanned-the-board');
    const page = await openPage(PAGE, { societyId: WANGJIA });

    expect(textsOf(page, '.main--apply-action__note')).toEqual([APPLY_NOTES.active]);
    await tap(findByText(page, '.t-button--t-button', '申请救助'));
    expect(navigations()).toEqual(['/pages/apply/index?societyId=soc-wangjia']);
    expect(storageSnapshot().get(VISITED_SOCIETY_KEY)).toEqual({
      societyId: WANGJIA,
      name: '王家村救急难互助社',
      acceptsApplications: true,
    });
  });

  it('issue 11: a society still preparing shows no 申请救助, and says why in plain words', async () => {
    const page = await openPage(PAGE, { societyId: 'soc-shiqiao' });

    expect(textsOf(page, '.t-button--t-button').filter((text) => text.includes('申请救助'))).toEqual([]);
    expect(textsOf(page, '.main--apply-action__note')).toEqual([APPLY_NOTES.preparing]);
    expect(storageSnapshot().get(VISITED_SOCIETY_KEY)).toMatchObject({ acceptsApplications: false });
  });

  it('R-ORG-1, R-OVS-3: 登记/备案 and 三公开 are explained in one line where they are shown', async () => {
    const page = await openPage(PAGE, { societyId: WANGJIA });

    expect(findByText(page, '.t-cell--t-cell', '组织形式').textContent).toContain(FORM_EXPLANATIONS.registered);
    await waitFor(() => textOf(page).includes('三公开 ·'));
    expect(textsOf(page, '.main--section-note')).toEqual([SAN_GONG_KAI_NOTE]);
  });

  it('shows the Chinese error of an unknown society and offers to reload', async () => {
    const answer = (await backend().call('societies', { action: 'getPublicPage', societyId: 'soc-nowhere' }, null)) as {
      ok: boolean;
      error: { code: string; message: string };
    };
    expect(answer).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });

    const page = await openPage(PAGE, { societyId: 'soc-nowhere' });

    expect(page.data.state).toBe('error');
    expect(answer.error.message).toMatch(/[\u4e00-\u9fa5]/);
    expect(textsOf(page, '.t-empty--t-empty__description')).toEqual([answer.error.message]);
    expect(findByText(page, '.t-button--t-button', '重新加载')).toBeTruthy();
  });

  it('without a society id, says to scan the notice-board code again and calls nothing', async () => {
    const page = await openPage(PAGE, {});

    expect(page.data.state).toBe('error');
    expect(textOf(page)).toContain(MISSING_SOCIETY_MESSAGE);
    expect(recordedCalls()).toEqual([]);
  });

  it('retries after a network failure when 重新加载 is tapped', async () => {
    silenceConsoleError();
    setNetworkDown(true);
    const page = await openPage(PAGE, { societyId: WANGJIA });
    expect(textsOf(page, '.t-empty--t-empty__description')).toEqual([NETWORK_ERROR_MESSAGE]);

    setNetworkDown(false);
    await tap(findByText(page, '.t-button--t-button', '重新加载'));
    await waitFor(() => page.data.state === 'ready');

    expect(textOf(page)).toContain('王家村救急难互助社');
  });

  it('keeps the page and toasts the reason when a pull-down refresh fails', async () => {
    silenceConsoleError();
    const toasts: ToastRequest[] = [];
    const stop = observeToasts((toast) => toasts.push(toast));
    const page = await openPage(PAGE, { societyId: WANGJIA });

    setNetworkDown(true);
    (page.instance as unknown as { onPullDownRefresh(): void }).onPullDownRefresh();
    await waitFor(() => toasts.length > 0);
    stop();

    expect(toasts).toEqual([{ message: NETWORK_ERROR_MESSAGE, theme: 'error' }]);
    expect(page.data.state).toBe('ready');
    expect(textOf(page)).toContain('王家村救急难互助社');
    // The TDesign toast itself shows the message.
    expect(textsOf(page, '.t-toast--t-toast__text')).toEqual([NETWORK_ERROR_MESSAGE]);
  });
});
