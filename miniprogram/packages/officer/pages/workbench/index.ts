/** The officer's workbench (secretary, president): their society, its status and fund. */
import { errorMessage } from '../../../../services/cloud';
import { showToast } from '../../../../utils/toast';
import { fetchMe, fetchSocietyPublicPage } from '../../../../services/societies';
import { CASES_COMING_NOTE, NOT_AN_OFFICER_MESSAGE, pickOfficerSeat, toWorkbenchScreen } from './view';
import type { WorkbenchScreen } from './view';

type LoadState = 'loading' | 'ready' | 'forbidden' | 'error';

Component({
  properties: {
    societyId: { type: String, value: '' },
  },

  data: {
    state: 'loading' as LoadState,
    errorMessage: '',
    screen: null as WorkbenchScreen | null,
    notAnOfficerMessage: NOT_AN_OFFICER_MESSAGE,
    casesComingNote: CASES_COMING_NOTE,
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

    onGoHome() {
      void wx.reLaunch({ url: '/pages/home/index' });
    },

    async _load() {
      // A refresh that fails keeps what is on screen and says why in a toast.
      const refreshing = this.data.state === 'ready';
      if (!refreshing) this.setData({ state: 'loading', errorMessage: '' });
      try {
        const me = await fetchMe();
        const seat = pickOfficerSeat(me, this.data.societyId || undefined);
        if (!seat) {
          this.setData({ state: 'forbidden' });
          return;
        }
        const society = await fetchSocietyPublicPage(seat.societyId);
        this.setData({ state: 'ready', screen: toWorkbenchScreen(me, seat, society) });
      } catch (err) {
        if (refreshing) showToast(this, { message: errorMessage(err), theme: 'error' });
        else this.setData({ state: 'error', errorMessage: errorMessage(err) });
      }
    },
  },
});
