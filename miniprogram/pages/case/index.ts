/** The progress of one of the caller's own cases (the cloud refuses anyone else's). */
import { loadScreen, type LoadState } from '../../utils/load-screen';
import { fetchMyCase } from '../../services/cases';
import { MISSING_CASE_MESSAGE, toCaseScreen } from './view';
import type { CaseScreen } from './view';

Component({
  properties: {
    caseId: { type: String, value: '' },
  },

  data: {
    state: 'loading' as LoadState,
    errorMessage: '',
    screen: null as CaseScreen | null,
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
      const caseId = this.data.caseId;
      if (!caseId) {
        this.setData({ state: 'error', errorMessage: MISSING_CASE_MESSAGE });
        return Promise.resolve();
      }
      return loadScreen(this, async () => ({ screen: toCaseScreen(await fetchMyCase(caseId)) }));
    },
  },
});
