/** The county dashboard (R-ORG-1, R-ORG-2): every village of the county, "应登记尽登记" at a glance. */
import { loadScreen, type LoadState } from '../../../../utils/load-screen';
import { orForbidden } from '../../../../utils/fund-format';
import { fetchCountyDashboard } from '../../../../services/societies';
import { NOT_COUNTY_MESSAGE, toCountyDashboardScreen, type CountyDashboardScreen } from './view';

Component({
  properties: {},

  data: {
    state: 'loading' as LoadState,
    errorMessage: '',
    notCountyMessage: NOT_COUNTY_MESSAGE,
    screen: null as CountyDashboardScreen | null,
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

    onOpen(event: { currentTarget: { dataset: { url: string } } }) {
      const url = event.currentTarget.dataset.url;
      if (url) void wx.navigateTo({ url });
    },

    _load() {
      return loadScreen(this, () =>
        orForbidden(async () => ({ screen: toCountyDashboardScreen(await fetchCountyDashboard()) })),
      );
    },
  },
});
