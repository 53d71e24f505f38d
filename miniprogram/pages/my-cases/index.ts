/** 我的申请: the caller's own cases, each opening its progress. */
import { screenBehavior } from '../../behaviors/screen';
import { loadScreen, type LoadState } from '../../utils/load-screen';
import { fetchMyCases } from '../../services/cases';
import { NO_CASES_MESSAGE, toMyCaseRow } from './view';
import type { MyCaseRow } from './view';

Component({
  behaviors: [screenBehavior],

  data: {
    state: 'loading' as LoadState,
    errorMessage: '',
    rows: [] as MyCaseRow[],
    emptyMessage: NO_CASES_MESSAGE,
  },

  methods: {
    onShow() {
      if (this.data.state === 'ready') void this._load();
    },

    onOpen(event: WechatMiniprogram.CustomEvent<Record<string, never>, Record<string, never>, { url: string }>) {
      wx.navigateTo({ url: event.currentTarget.dataset.url });
    },

    onApply() {
      wx.navigateTo({ url: '/pages/apply/index' });
    },

    _load() {
      return loadScreen(this, async () => ({ rows: (await fetchMyCases()).map(toMyCaseRow) }));
    },
  },
});
