/**
 * The frame around the phone (`/`): status bar, navigation bar and capsule drawn the way WeChat
 * draws them, the page path, the demo caller switcher, a reset of the demo data, and the notice
 * that this is a development preview. The phone itself is an iframe (/preview/phone.html), so a
 * page's 100vh, fixed bars and scrolling are those of a 375×724 window, as on a phone.
 *
 * URL: `/?caller=demo-secretary#/pages/home/index` opens that page as that caller; the hash follows
 * the phone's top page, so a reload of the browser comes back to it (with recompiled code).
 */
import { config, DEMO_CALLER_STORAGE_KEY } from '../../../miniprogram/config';
import { DEMO_CALLERS, demoCallerLabel } from '../../../miniprogram/pages/home/demo-callers';
import { MENU_BUTTON, NAVIGATION_BAR_HEIGHT, SCREEN_HEIGHT, SCREEN_WIDTH, STATUS_BAR_HEIGHT } from '../shared/device';
import { FRAME_HOOKS, PHONE_CONTROL, type PhoneControl, type PhoneState } from '../shared/protocol';
import { readStorage, storageKey, writeStorage } from '../shared/storage';

function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Record<string, string> = {},
  children: Array<Node | string> = [],
): HTMLElementTagNameMap[K] {
  const created = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) created.setAttribute(name, value);
  for (const child of children) created.append(child);
  return created;
}

function currentCaller(): string {
  const stored = readStorage(DEMO_CALLER_STORAGE_KEY);
  return typeof stored === 'string' && stored !== '' ? stored : config.defaultDemoCaller;
}

const params = new URLSearchParams(window.location.search);
const requestedCaller = params.get('caller');
if (requestedCaller && DEMO_CALLERS.some((caller) => caller.openid === requestedCaller)) {
  writeStorage(DEMO_CALLER_STORAGE_KEY, requestedCaller);
}

const startHash = window.location.hash.startsWith('#/') ? window.location.hash : '';

// The phone: status bar, navigation bar (title, back, capsule), the page, the home indicator.
const backButton = element('button', { class: 'nav-bar__back', type: 'button', 'aria-label': '返回', hidden: '' }, [
  element('span', { class: 'nav-bar__back-arrow' }),
]);
const homeButton = element('button', { class: 'nav-bar__home', type: 'button', 'aria-label': '首页', hidden: '' }, [
  '⌂',
]);
const titleText = element('span', { class: 'nav-bar__title-text' });
const titleSpinner = element('span', { class: 'nav-bar__spinner', hidden: '' });
const navigationBar = element('div', { class: 'nav-bar' }, [
  backButton,
  homeButton,
  element('div', { class: 'nav-bar__title' }, [titleSpinner, titleText]),
  element('div', { class: 'nav-bar__capsule', 'aria-hidden': 'true' }, [
    element('span', { class: 'nav-bar__capsule-more' }, ['•••']),
    element('span', { class: 'nav-bar__capsule-divider' }),
    element('span', { class: 'nav-bar__capsule-close' }),
  ]),
]);
const statusBar = element('div', { class: 'status-bar' }, [
  element('span', { class: 'status-bar__time' }, ['9:41']),
  element('span', { class: 'status-bar__icons' }, [
    element('span', { class: 'status-bar__signal' }, [
      element('i', { style: 'height:4px' }),
      element('i', { style: 'height:6px' }),
      element('i', { style: 'height:8px' }),
      element('i', { style: 'height:10px' }),
    ]),
    element('span', { class: 'status-bar__battery' }),
  ]),
]);
const screen = element('iframe', {
  class: 'phone__screen',
  name: 'phone',
  title: '小程序页面',
  src: `/preview/phone.html${startHash}`,
});
const phone = element('div', { class: 'phone', id: 'phone' }, [
  statusBar,
  navigationBar,
  screen,
  element('div', { class: 'phone__home-indicator' }),
]);
phone.style.setProperty('--screen-width', `${SCREEN_WIDTH}px`);
phone.style.setProperty('--screen-height', `${SCREEN_HEIGHT}px`);
phone.style.setProperty('--status-bar-height', `${STATUS_BAR_HEIGHT}px`);
phone.style.setProperty('--nav-bar-height', `${NAVIGATION_BAR_HEIGHT}px`);
phone.style.setProperty('--capsule-top', `${MENU_BUTTON.top - STATUS_BAR_HEIGHT}px`);
phone.style.setProperty('--capsule-right', `${SCREEN_WIDTH - MENU_BUTTON.right}px`);
phone.style.setProperty('--capsule-width', `${MENU_BUTTON.width}px`);
phone.style.setProperty('--capsule-height', `${MENU_BUTTON.height}px`);

// The panel: what a reviewer needs beside the phone.
const pagePath = element('code', { class: 'panel__path', id: 'page-path' }, ['…']);
const callerSelect = element(
  'select',
  { id: 'caller', class: 'panel__select' },
  DEMO_CALLERS.map((caller) => element('option', { value: caller.openid }, [`${caller.label} · ${caller.openid}`])),
);
const resetButton = element('button', { id: 'reset-demo', class: 'panel__button', type: 'button' }, ['重置演示数据']);
const refreshButton = element(
  'button',
  { id: 'pull-down-refresh', class: 'panel__button', type: 'button', disabled: '' },
  ['下拉刷新'],
);
const status = element('div', { class: 'panel__status', id: 'panel-status', role: 'status' });
// 消息: the subscribe messages the current caller was sent, or would have been had they subscribed (the outbox).
const messageList = element('ol', { class: 'panel__messages', id: 'messages' });
const messagesEmpty = element('p', { class: 'panel__hint', id: 'messages-empty' }, ['暂无消息']);
const messagesPanel = element('section', { class: 'panel__section', id: 'messages-panel', 'aria-label': '消息' }, [
  element('h2', { class: 'panel__subtitle' }, ['消息']),
  element('p', { class: 'panel__hint' }, [
    '当前身份收到（或订阅后会收到）的订阅消息，来自本地的消息发件箱；状态说明是否已发送。',
  ]),
  messagesEmpty,
  messageList,
]);
const panel = element('aside', { class: 'panel' }, [
  element('h1', { class: 'panel__title' }, ['救急难互助社 · 开发预览']),
  element('p', { class: 'panel__notice', id: 'preview-notice' }, [
    '这是开发预览：小程序的真实页面（WXML、WXSS、TypeScript 与 TDesign 组件）在浏览器里运行，连接本地服务和演示数据。',
    '真正的运行环境是微信：上线前请在微信开发者工具和真机上验证。',
  ]),
  element('div', { class: 'panel__row' }, [element('span', { class: 'panel__label' }, ['当前页面']), pagePath]),
  element('label', { class: 'panel__row' }, [element('span', { class: 'panel__label' }, ['演示身份']), callerSelect]),
  element('div', { class: 'panel__actions' }, [resetButton, refreshButton]),
  status,
  element('p', { class: 'panel__hint' }, [
    '点按用鼠标即可；身份切换后当前页面重新打开。微信支付、订阅消息、扫码、拨打电话等在预览中按“用户取消/拒绝”处理，控制台有提示。',
  ]),
  messagesPanel,
]);

document.body.append(element('main', { class: 'preview' }, [element('div', { class: 'phone-case' }, [phone]), panel]));

function control(): PhoneControl | null {
  const target = screen.contentWindow as unknown as Record<string, PhoneControl | undefined> | null;
  return target?.[PHONE_CONTROL] ?? null;
}

let statusTimer: number | null = null;
function say(message: string): void {
  status.textContent = message;
  if (statusTimer !== null) window.clearTimeout(statusTimer);
  statusTimer = window.setTimeout(() => (status.textContent = ''), 3000);
}

interface InboxItem {
  id: string;
  template: string;
  title: string;
  statusLabel: string;
  timeText: string;
}

let messagesShown = '';
async function showMessages(): Promise<void> {
  try {
    const response = await fetch(`/dev/messages?caller=${encodeURIComponent(currentCaller())}`);
    const body = (await response.json()) as { ok: boolean; data?: { items: InboxItem[] } };
    const items = body.data?.items ?? [];
    const key = JSON.stringify(items);
    if (key === messagesShown) return;
    messagesShown = key;
    messageList.replaceChildren(
      ...items.map((item) =>
        element('li', { class: 'panel__message', 'data-id': item.id }, [
          element('div', { class: 'panel__message-title' }, [item.title]),
          element('div', { class: 'panel__message-meta' }, [
            `${item.template} · ${item.timeText} · ${item.statusLabel}`,
          ]),
        ]),
      ),
    );
    messagesEmpty.hidden = items.length > 0;
  } catch {
    // The stack restarting: the next round shows them.
  }
}

function showCaller(): void {
  callerSelect.value = currentCaller();
}

function phoneChanged(state: PhoneState): void {
  pagePath.textContent = state.url;
  history.replaceState(null, '', `${window.location.pathname}${window.location.search}#/${state.url}`);
  titleText.textContent = state.title;
  titleSpinner.hidden = !state.navigationBar.loading;
  backButton.hidden = state.depth <= 1;
  // WeChat shows a home button on a first page that is not the app's home page.
  homeButton.hidden = state.depth > 1 || state.route === homeRoute();
  refreshButton.disabled = !state.canPullDownRefresh;
  void showMessages();
  phone.classList.toggle('phone--custom-navigation', state.navigationBar.custom);
  phone.classList.toggle('phone--light-text', state.navigationBar.textStyle === 'white');
  navigationBar.style.background = state.navigationBar.backgroundColor;
  statusBar.style.background = state.navigationBar.custom ? 'transparent' : state.navigationBar.backgroundColor;
}

function homeRoute(): string {
  const phoneWindow = screen.contentWindow as unknown as Record<
    string,
    { app?: { json: { pages: string[] } } } | undefined
  >;
  return phoneWindow[PHONE_CONTROL]?.app?.json.pages[0] ?? '';
}

(window as unknown as Record<string, unknown>)[FRAME_HOOKS] = { phoneChanged };

async function reopenCurrentPage(): Promise<void> {
  const phoneControl = control();
  const state = phoneControl?.state();
  if (phoneControl && state) await phoneControl.reLaunch(`/${state.url}`);
  else screen.contentWindow?.location.reload();
}

callerSelect.addEventListener('change', () => {
  writeStorage(DEMO_CALLER_STORAGE_KEY, callerSelect.value);
  say(`已切换为 ${demoCallerLabel(callerSelect.value)}`);
  void showMessages();
  void reopenCurrentPage();
});

// The home page's own picker writes the same key: keep the switcher in step.
window.addEventListener('storage', (event) => {
  if (event.key === storageKey(DEMO_CALLER_STORAGE_KEY)) showCaller();
  void showMessages();
  // A step taken in the phone sends its messages: look again every few seconds.
  window.setInterval(() => void showMessages(), 2000);
});

resetButton.addEventListener('click', async () => {
  resetButton.disabled = true;
  try {
    const response = await fetch('/dev/reset', { method: 'POST' });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    await reopenCurrentPage();
    void showMessages();
    say('演示数据已重置');
  } catch (error) {
    say(`重置失败：${String(error)}`);
  } finally {
    resetButton.disabled = false;
  }
});

refreshButton.addEventListener('click', () => control()?.pullDownRefresh());
backButton.addEventListener('click', () => void control()?.navigateBack());
homeButton.addEventListener('click', () => void control()?.reLaunch(`/${homeRoute()}`));

showCaller();
