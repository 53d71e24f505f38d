/** Oversight overview: the societies in the caller's scope, their form, status and fund. */
import { errorMessage } from '../../../../services/cloud';
import { showToast } from '../../../../utils/toast';
import { fetchMe, fetchSocieties, fetchSocietyPublicPage } from '../../../../services/societies';
import type { SocietyListItem } from '../../../../domain/society';
import {
  NOT_AN_OVERSEER_MESSAGE,
  NO_SOCIETY_MESSAGE,
  oversightScope,
  publicViewToListItem,
  toOverviewScreen,
} from './view';
import type { OverviewScreen } from './view';

type LoadState = 'loading' | 'ready' | 'forbidden' | 'error';

Component({
  properties: {
    /** Narrows a county or federation view to one township. */
    townshipId: { type: String, value: '' },
  },

  data: {
    state: 'loading' as LoadState,
    errorMessage: '',
    screen: null as OverviewScreen | null,
    notAnOverseerMessage: NOT_AN_OVERSEER_MESSAGE,
    noSocietyMessage: NO_SOCIETY_MESSAGE,
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
        const scope = oversightScope(await fetchMe());
        let items: SocietyListItem[];
        if (scope.kind === 'area') {
          items = await fetchSocieties(this.data.townshipId || undefined);
        } else if (scope.kind === 'societies') {
          const views = await Promise.all(scope.societyIds.map((id) => fetchSocietyPublicPage(id)));
          items = views.map(publicViewToListItem);
        } else {
          this.setData({ state: 'forbidden' });
          return;
        }
        this.setData({ state: 'ready', screen: toOverviewScreen(scope.scopeNames, items) });
      } catch (err) {
        if (refreshing) showToast(this, { message: errorMessage(err), theme: 'error' });
        else this.setData({ state: 'error', errorMessage: errorMessage(err) });
      }
    },
  },
});
