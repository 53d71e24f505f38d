/** A society's public page: anyone who scans the village notice-board QR code lands here. */
import { loadScreen, type LoadState } from '../../utils/load-screen';
import { fetchSocietyPublicPage } from '../../services/societies';
import { MISSING_SOCIETY_MESSAGE, toSocietyScreen } from './view';
import type { SocietyScreen } from './view';

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

    _load() {
      const societyId = this.data.societyId;
      if (!societyId) {
        this.setData({ state: 'error', errorMessage: MISSING_SOCIETY_MESSAGE });
        return Promise.resolve();
      }
      return loadScreen(this, async () => {
        const screen = toSocietyScreen(await fetchSocietyPublicPage(societyId));
        wx.setNavigationBarTitle({ title: screen.name });
        return { screen };
      });
    },
  },
});
