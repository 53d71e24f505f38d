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

/** The answer waiting for the villager, per popup (one per page). */
const waiting = new WeakMap<object, PrivacyResolve>();

function listen(listener: PrivacyListener): void {
  const api = wx as unknown as { onNeedPrivacyAuthorization?: (listener: PrivacyListener) => void };
  // Older base libraries (before 2.32.3) have no privacy check and never ask.
  api.onNeedPrivacyAuthorization?.(listener);
}

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
      this._answer('disagree');
    },
  },

  pageLifetimes: {
    // WeChat keeps one listener: the page on screen takes it back when it shows again.
    show() {
      this._listen();
    },
  },

  methods: {
    _listen() {
      listen((resolve) => {
        waiting.set(this, resolve);
        this.setData({ visible: true });
      });
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
