/** Home: who the caller is, and the entries their roles open. */
import { activeBackend } from '../../services/backend';
import { CloudCallError, getDemoCaller, setDemoCaller } from '../../services/cloud';
import { chooseReadingSize } from '../../behaviors/reading-size';
import { screenBehavior } from '../../behaviors/screen';
import { loadScreen, type LoadState } from '../../utils/load-screen';
import { fetchMe, lastMe } from '../../services/societies';
import { showToast } from '../../utils/toast';
import { visitedSociety } from '../../utils/visited-society';
import { DEMO_CALLERS, demoCallerLabel } from './demo-callers';
import { OFFLINE_NOTE, QR_HINT_TEXT, QR_HINT_TITLE, READING_SIZE_NOTES, toHomeScreen } from './view';
import type { HomeScreen } from './view';

Component({
  behaviors: [screenBehavior],

  data: {
    state: 'loading' as LoadState,
    errorMessage: '',
    screen: null as HomeScreen | null,
    qrHintTitle: QR_HINT_TITLE,
    qrHintText: QR_HINT_TEXT,
    readingSizeNotes: READING_SIZE_NOTES,
    /** Shown while home comes from the last good data because the network failed. */
    offlineNote: '',
    /** The demo-caller picker exists only against the local stack. */
    showDemoPicker: false,
    demoCaller: '',
    demoOptions: DEMO_CALLERS.map((caller) => ({ label: caller.label, value: caller.openid })),
  },

  methods: {
    onLoad() {
      if (activeBackend() === 'local') this.setData({ showDemoPicker: true, demoCaller: getDemoCaller() });
      void this._load();
    },

    onDemoCallerChange(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
      const openid = event.detail.value;
      if (!openid || openid === this.data.demoCaller) return;
      setDemoCaller(openid);
      this.setData({ demoCaller: openid });
      showToast(this, { message: `已切换为 ${demoCallerLabel(openid)}`, theme: 'success' });
      void this._load();
    },

    /** 大字模式: turns it on or off for every page, remembered on this phone. */
    onToggleReadingSize() {
      const size = chooseReadingSize(this.data.elderly ? 'normal' : 'large');
      this.setData({ readingStyle: size.style, elderly: size.elderly });
    },

    onApply(event: WechatMiniprogram.CustomEvent<Record<string, never>, Record<string, never>, { url: string }>) {
      void wx.navigateTo({ url: event.currentTarget.dataset.url });
    },

    /**
     * Without a network, home shows what it showed last (issue 11, offline): the entries stay
     * reachable, and with them a draft saved on the phone.
     */
    _load() {
      return loadScreen(this, async () => {
        try {
          return { screen: toHomeScreen(await fetchMe(), visitedSociety()), offlineNote: '' };
        } catch (err) {
          const last = err instanceof CloudCallError && err.code === 'NETWORK' ? lastMe() : null;
          if (!last) throw err;
          return { screen: toHomeScreen(last, visitedSociety()), offlineNote: OFFLINE_NOTE };
        }
      });
    },
  },
});
