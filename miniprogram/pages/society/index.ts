/** A society's public page: anyone who scans the village notice-board QR code lands here. */
import { errorMessage } from '../../services/cloud';
import { showToast } from '../../utils/toast';
import { fetchSocietyPublicPage } from '../../services/societies';
import { MISSING_SOCIETY_MESSAGE, toSocietyScreen } from './view';
import type { SocietyScreen } from './view';

type LoadState = 'loading' | 'ready' | 'error';

Component({
  properties: {
    societyId: { type: String, value: '' },
  },

  data: {
    state: 'loading' as LoadState,
    errorMessage: '',
    screen: null as SocietyScreen | null,
  },

  methods: {
    onLoad() {
      void this._load();
    },

    onPullDownRefresh() {
      void this._load().then(() => wx.stopPullDownRefresh());
    },

    onRetry() {
      void this._load();
    },

    async _load() {
      const societyId = this.data.societyId;
      if (!societyId) {
        this.setData({ state: 'error', errorMessage: MISSING_SOCIETY_MESSAGE });
        return;
      }
      // A refresh that fails keeps what is on screen and says why in a toast.
      const refreshing = this.data.state === 'ready';
      if (!refreshing) this.setData({ state: 'loading', errorMessage: '' });
      try {
        const society = await fetchSocietyPublicPage(societyId);
        const screen = toSocietyScreen(society);
        this.setData({ state: 'ready', screen });
        wx.setNavigationBarTitle({ title: screen.name });
      } catch (err) {
        if (refreshing) showToast(this, { message: errorMessage(err), theme: 'error' });
        else this.setData({ state: 'error', errorMessage: errorMessage(err) });
      }
    },
  },
});
