/** Home: who the caller is, and the entries their roles open. */
import { config } from '../../config';
import { errorMessage, getDemoCaller, setDemoCaller } from '../../services/cloud';
import { fetchMe } from '../../services/societies';
import { showToast } from '../../utils/toast';
import { DEMO_CALLERS, demoCallerLabel } from './demo-callers';
import { QR_HINT_TEXT, QR_HINT_TITLE, toHomeScreen } from './view';
import type { HomeScreen } from './view';

type LoadState = 'loading' | 'ready' | 'error';

Component({
  data: {
    state: 'loading' as LoadState,
    errorMessage: '',
    screen: null as HomeScreen | null,
    qrHintTitle: QR_HINT_TITLE,
    qrHintText: QR_HINT_TEXT,
    /** The demo-caller picker exists only against the local stack. */
    showDemoPicker: false,
    demoCaller: '',
    demoOptions: DEMO_CALLERS.map((caller) => ({ label: caller.label, value: caller.openid })),
  },

  methods: {
    onLoad() {
      if (config.backend === 'local') this.setData({ showDemoPicker: true, demoCaller: getDemoCaller() });
      void this._load();
    },

    onPullDownRefresh() {
      void this._load().then(() => wx.stopPullDownRefresh());
    },

    onRetry() {
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

    async _load() {
      // A refresh that fails keeps what is on screen and says why in a toast.
      const refreshing = this.data.state === 'ready';
      if (!refreshing) this.setData({ state: 'loading', errorMessage: '' });
      try {
        const me = await fetchMe();
        this.setData({ state: 'ready', screen: toHomeScreen(me) });
      } catch (err) {
        if (refreshing) showToast(this, { message: errorMessage(err), theme: 'error' });
        else this.setData({ state: 'error', errorMessage: errorMessage(err) });
      }
    },
  },
});
