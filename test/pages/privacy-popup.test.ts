/**
 * WeChat's privacy authorisation flow (issue 12): app.json turns on `__usePrivacyCheck__`; when a
 * privacy API (choosing a photo) needs the villager's consent, WeChat calls the listener given to
 * `wx.onNeedPrivacyAuthorization`; jj-privacy-popup shows the 隐私保护指引 in short and answers
 * `resolve` with the villager's choice. Rendered in miniprogram-simulate.
 */
import fs from 'node:fs';
import path from 'node:path';
import simulate from 'miniprogram-simulate';
import { loadPage, MINIPROGRAM_ROOT, textOf, type PageComponent } from '../support/simulate-pages';
import { resetBoundary } from '../support/simulate-setup';
import { PRIVACY_POPUP } from '../../miniprogram/domain/privacy';

type Resolve = (result: { event: string; buttonId?: string }) => void;
type Listener = (resolve: Resolve, eventInfo: { referrer?: string }) => void;

const wxStub = (globalThis as unknown as { wx: Record<string, unknown> }).wx;
let listeners: Listener[] = [];
let contractsOpened = 0;

beforeEach(() => {
  resetBoundary();
  listeners = [];
  contractsOpened = 0;
  wxStub.onNeedPrivacyAuthorization = (listener: Listener) => listeners.push(listener);
  wxStub.getPrivacySetting = (options: { success: (res: unknown) => void }) =>
    options.success({ needAuthorization: true, privacyContractName: '《救急难互助社小程序隐私保护指引》' });
  wxStub.openPrivacyContract = () => {
    contractsOpened += 1;
  };
});

afterAll(() => {
  delete wxStub.onNeedPrivacyAuthorization;
  delete wxStub.getPrivacySetting;
  delete wxStub.openPrivacyContract;
});

function render(): PageComponent {
  const popup = simulate.render(loadPage('components/jj-privacy-popup/index')) as PageComponent;
  popup.attach(document.createElement('parent-wrapper'));
  return popup;
}

/** WeChat asking, as it does when chooseMedia needs consent: resolves with the answer. */
function askAsWeChat(): Promise<{ event: string; buttonId?: string }> {
  return new Promise((resolve) => listeners.at(-1)!(resolve, { referrer: 'wx.chooseMedia' }));
}

describe('jj-privacy-popup', () => {
  it('is hidden until WeChat asks, then shows the short 指引 and its full name', async () => {
    const popup = render();
    expect(listeners).toHaveLength(1);
    expect(popup.querySelector('.jj-privacy-popup')).toBeFalsy();
    void askAsWeChat();
    await simulate.sleep(0);
    const text = textOf(popup);
    for (const line of PRIVACY_POPUP.lines) expect(text).toContain(line);
    expect(text).toContain('查看《救急难互助社小程序隐私保护指引》');
    popup.querySelector('.jj-privacy-popup__link')!.dispatchEvent('tap');
    await simulate.sleep(0);
    expect(contractsOpened).toBe(1);
  });

  it('同意 resolves agree with WeChat’s own agree button, and the popup closes', async () => {
    const popup = render();
    const answer = askAsWeChat();
    await simulate.sleep(0);
    // The agree button must be WeChat's own: only its tap counts as consent on a phone.
    const template = fs.readFileSync(path.join(MINIPROGRAM_ROOT, 'components/jj-privacy-popup/index.wxml'), 'utf8');
    expect(template).toMatch(
      /id="jj-privacy-agree"\s+class="[^"]+"\s+open-type="agreePrivacyAuthorization"\s+bindagreeprivacyauthorization="onAgree"/,
    );
    popup.querySelector('#jj-privacy-agree')!.dispatchEvent('agreeprivacyauthorization');
    await expect(answer).resolves.toEqual({ event: 'agree', buttonId: 'jj-privacy-agree' });
    await simulate.sleep(0);
    expect(popup.data.visible).toBe(false);
  });

  it('不同意 resolves disagree; the API call then fails and nothing is kept', async () => {
    const popup = render();
    const answer = askAsWeChat();
    await simulate.sleep(0);
    popup.querySelector('.jj-privacy-popup__disagree')!.dispatchEvent('tap');
    await expect(answer).resolves.toEqual({ event: 'disagree' });
    await simulate.sleep(0);
    expect(popup.querySelector('.jj-privacy-popup')).toBeFalsy();
  });

  it('leaving the page answers disagree rather than leaving WeChat waiting', async () => {
    const popup = render();
    const answer = askAsWeChat();
    await simulate.sleep(0);
    popup.detach();
    await expect(answer).resolves.toEqual({ event: 'disagree' });
  });
});

describe('where the flow is switched on', () => {
  it('app.json turns on the privacy check, and the apply page (photos of ID cards) carries the popup', () => {
    const app = JSON.parse(fs.readFileSync(path.join(MINIPROGRAM_ROOT, 'app.json'), 'utf8')) as Record<string, unknown>;
    expect(app.__usePrivacyCheck__).toBe(true);
    const apply = fs.readFileSync(path.join(MINIPROGRAM_ROOT, 'pages/apply/index.wxml'), 'utf8');
    expect(apply).toContain('<jj-privacy-popup />');
  });
});
