/** Monthly reports received by a township, the county bureau or the federation (R-PROC-8). */
import { screenBehavior } from '../../../../behaviors/screen';
import { loadScreen, type LoadState } from '../../../../utils/load-screen';
import { orForbidden } from '../../../../utils/fund-format';
import { fetchMonthlyReports } from '../../../../services/funds';
import {
  NOT_A_RECEIVER_MESSAGE,
  NO_REPORTS_MESSAGE,
  toReceivedReportsScreen,
  type ReceivedReportsScreen,
} from './view';

Component({
  behaviors: [screenBehavior],

  properties: {},

  data: {
    state: 'loading' as LoadState,
    errorMessage: '',
    notAReceiverMessage: NOT_A_RECEIVER_MESSAGE,
    noReportsMessage: NO_REPORTS_MESSAGE,
    screen: null as ReceivedReportsScreen | null,
  },

  methods: {
    onOpen(event: { currentTarget: { dataset: { url: string } } }) {
      void wx.navigateTo({ url: event.currentTarget.dataset.url });
    },

    _load() {
      return loadScreen(this, () =>
        orForbidden(async () => ({ screen: toReceivedReportsScreen(await fetchMonthlyReports({})) })),
      );
    },
  },
});
