/**
 * WeChat's privacy authorisation (app.json `__usePrivacyCheck__`): when a page first calls an API
 * that handles personal information (choosing a photo, reading the clipboard…), WeChat asks the mini
 * program through `wx.onNeedPrivacyAuthorization`. This popup shows what the 隐私保护指引 says in
 * short, opens the whole 指引, and answers WeChat with the villager's choice; the API call waits
 * until then and goes ahead only on 同意.
 *
 * Put `<jj-privacy-popup />` on every page that calls such an API; the page on screen handles it.
 */
import { PRIVACY_POPUP } from '../../domain/privacy';

/** What WeChat's listener hands us (the typings say less than the platform gives). */
type PrivacyResolve = (result: { event: 'agree' | 'disagree'; buttonId?: string }) => void;
type PrivacyListener = (resolve: PrivacyResolve, eventInfo: { referrer?: string }) => void;

/** A popup as the one listener sees it. */
interface Popup {
  ask(resolve: PrivacyResolve): void;
}

/**
 * WeChat keeps one listener for the whole mini program: it is registered once and hands each
 * request to the popup of the page on screen (the last one attached or shown). With none there,
 * it answers disagree rather than leave the call waiting behind no popup.
 */
const onScreen: Popup[] = [];
let listening = false;

function bringForward(popup: Popup): void {
  const at = onScreen.indexOf(popup);
  if (at !== -1) onScreen.splice(at, 1);
  onScreen.push(popup);
  if (listening) return;
  const api = wx as unknown as { onNeedPrivacyAuthorization?: (listener: PrivacyListener) => void };
  // Older base libraries (before 2.32.3) have no privacy check and never ask.
  if (!api.onNeedPrivacyAuthorization) return;
  api.onNeedPrivacyAuthorization((resolve) => {
    const current = onScreen[onScreen.length - 1];
    if (current) current.ask(resolve);
    else resolve({ event: 'disagree' });
  });
  listening = true;
}

function remove(popup: Popup): void {
  const at = onScreen.indexOf(popup);
  if (at !== -1) onScreen.splice(at, 1);
}

/** The answer waiting for the villager, per popup (one per page). */
const waiting = new WeakMap<object, PrivacyResolve>();

Component({
  data: {
    visible: false,
    title: PRIVACY_POPUP.title,
    lines: PRIVACY_POPUP.lines,
    contractName: PRIVACY_POPUP.contractName as string,
    agreeText: PRIVACY_POPUP.agree,
    disagreeText: PRIVACY_POPUP.disagree,
  },

  lifetimes: {
    attached() {
      this._listen();
    },
    detached() {
      remove(this as unknown as Popup);
      this._answer('disagree');
    },
  },

  pageLifetimes: {
    // The page on screen takes the requests back when it shows again.
    show() {
      this._listen();
    },
  },

  methods: {
    /** Called by the one listener when WeChat asks while this page is on screen. */
    ask(resolve: PrivacyResolve) {
      waiting.get(this)?.({ event: 'disagree' });
      waiting.set(this, resolve);
      this.setData({ visible: true });
    },

    _listen() {
      bringForward(this as unknown as Popup);
      const api = wx as unknown as {
        getPrivacySetting?: (options: { success: (res: { privacyContractName?: string }) => void }) => void;
      };
      api.getPrivacySetting?.({
        success: (res) => {
          if (res.privacyContractName) this.setData({ contractName: res.privacyContractName });
        },
      });
    },

    /** The agree button is WeChat's own (`open-type="agreePrivacyAuthorization"`); this follows it. */
    onAgree() {
      this._answer('agree');
    },

    onDisagree() {
      this._answer('disagree');
    },

    onOpenContract() {
      const api = wx as unknown as { openPrivacyContract?: (options: Record<string, never>) => void };
      api.openPrivacyContract?.({});
    },

    _answer(event: 'agree' | 'disagree') {
      const resolve = waiting.get(this);
      waiting.delete(this);
      if (resolve) resolve(event === 'agree' ? { event, buttonId: 'jj-privacy-agree' } : { event });
      if (this.data.visible) this.setData({ visible: false });
    },
  },
});
