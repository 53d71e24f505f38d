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
/** What the popups gave wx.onNeedPrivacyAuthorization (WeChat keeps one: it is given once). */
const listeners: Listener[] = [];
let contractsOpened = 0;
const opened: PageComponent[] = [];

beforeEach(() => {
  resetBoundary();
  contractsOpened = 0;
  wxStub.onNeedPrivacyAuthorization = (listener: Listener) => listeners.push(listener);
  wxStub.getPrivacySetting = (options: { success: (res: unknown) => void }) =>
    options.success({ needAuthorization: true, privacyContractName: '《救急难互助社小程序隐私保护指引》' });
  wxStub.openPrivacyContract = () => {
    contractsOpened += 1;
  };
});

afterEach(() => {
  // The pages close: their popups leave the screen.
  for (const popup of opened.splice(0)) popup.detach();
});

afterAll(() => {
  delete wxStub.onNeedPrivacyAuthorization;
  delete wxStub.getPrivacySetting;
  delete wxStub.openPrivacyContract;
});

function render(): PageComponent {
  const popup = simulate.render(loadPage('components/jj-privacy-popup/index')) as PageComponent;
  popup.attach(document.createElement('parent-wrapper'));
  opened.push(popup);
  return popup;
}

/** WeChat asking, as it does when chooseMedia needs consent: resolves with the answer. */
function askAsWeChat(): Promise<{ event: string; buttonId?: string }> {
  return new Promise((resolve) => listeners.at(-1)!(resolve, { referrer: 'wx.chooseMedia' }));
}

describe('jj-privacy-popup', () => {
  it('is hidden until WeChat asks, then shows the short 指引 and its full name', async () => {
    const popup = render();
    render(); // a second page's popup: still one listener
    expect(listeners).toHaveLength(1);
    expect(popup.querySelector('.jj-privacy-popup')).toBeFalsy();
    opened.pop()!.detach(); // back on the first page
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
    opened.splice(opened.indexOf(popup), 1);
    popup.detach();
    await expect(answer).resolves.toEqual({ event: 'disagree' });
  });

  it('asks on the page on screen; with no popup on screen WeChat gets disagree, not a call left waiting', async () => {
    const first = render();
    const second = render();
    void askAsWeChat();
    await simulate.sleep(0);
    expect([first.data.visible, second.data.visible]).toEqual([false, true]);
    for (const popup of opened.splice(0)) popup.detach();
    await expect(askAsWeChat()).resolves.toEqual({ event: 'disagree' });
  });
});

describe('where the flow is switched on', () => {
  it('app.json turns on the privacy check', () => {
    const app = JSON.parse(fs.readFileSync(path.join(MINIPROGRAM_ROOT, 'app.json'), 'utf8')) as Record<string, unknown>;
    expect(app.__usePrivacyCheck__).toBe(true);
  });

  /** Every page folder whose code picks photos (wx.chooseMedia asks for privacy consent). */
  function photoPages(dir = MINIPROGRAM_ROOT): string[] {
    return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) return entry.name === 'miniprogram_npm' ? [] : photoPages(full);
      const picks = entry.name === 'index.ts' && fs.readFileSync(full, 'utf8').includes('pickAndUploadPhotos(');
      return picks ? [path.relative(MINIPROGRAM_ROOT, dir)] : [];
    });
  }

  it('every page that picks photos carries the popup (the apply page, the case pages, the officer steps)', () => {
    const pages = photoPages();
    expect(pages).toEqual(expect.arrayContaining(['pages/apply', 'pages/case', 'packages/officer/pages/visit']));
    for (const page of pages) {
      const wxml = fs.readFileSync(path.join(MINIPROGRAM_ROOT, page, 'index.wxml'), 'utf8');
      const json = JSON.parse(fs.readFileSync(path.join(MINIPROGRAM_ROOT, page, 'index.json'), 'utf8')) as {
        usingComponents: Record<string, string>;
      };
      expect([page, wxml.includes('<jj-privacy-popup />')]).toEqual([page, true]);
      expect([page, json.usingComponents['jj-privacy-popup']]).toEqual([page, '/components/jj-privacy-popup/index']);
    }
  });
});
