/** 我的认捐 (R-FUND-2): the donor's pledges with status, receipt and the society's relief since. */
import { screenBehavior } from '../../behaviors/screen';
import { loadScreen, type LoadState } from '../../utils/load-screen';
import { fetchMyPledges } from '../../services/funds';
import { fetchMe } from '../../services/societies';
import { NO_PLEDGES_MESSAGE, NOT_A_DONOR_MESSAGE, toPledgeRow, type PledgeRow } from './view';

Component({
  behaviors: [screenBehavior],

  data: {
    state: 'loading' as LoadState,
    errorMessage: '',
    pledges: [] as PledgeRow[],
    emptyMessage: NO_PLEDGES_MESSAGE,
    forbiddenMessage: NOT_A_DONOR_MESSAGE,
  },

  methods: {
    onShow() {
      if (this.data.state === 'ready') void this._load();
    },

    onOpen(event: WechatMiniprogram.CustomEvent<Record<string, never>, Record<string, never>, { url: string }>) {
      void wx.navigateTo({ url: event.currentTarget.dataset.url });
    },

    _load() {
      return loadScreen(this, async () => {
        const me = await fetchMe();
        if (!me.userId) return 'forbidden';
        return { pledges: (await fetchMyPledges()).map(toPledgeRow) };
      });
    },
  },
});
