/** 救助案件: the society's case queue, the most urgent deadline first; a row opens the case. */
import { loadScreen, type LoadState } from '../../../../utils/load-screen';
import { orForbidden } from '../../utils/access';
import { fetchQueue, type QueueFilter } from '../../../../services/cases';
import { fetchMe } from '../../../../services/societies';
import {
  FORBIDDEN_QUEUE_MESSAGE,
  MISSING_SOCIETY_MESSAGE,
  QUEUE_FILTERS,
  intakeUrl,
  isOfficerOf,
  isQueueFilter,
  toQueueScreen,
} from './view';
import type { QueueScreen } from './view';

Component({
  properties: {
    societyId: { type: String, value: '' },
  },

  data: {
    state: 'loading' as LoadState,
    errorMessage: '',
    filter: 'open' as QueueFilter,
    filters: QUEUE_FILTERS,
    forbiddenMessage: FORBIDDEN_QUEUE_MESSAGE,
    canOpenDiscovery: false,
    screen: null as QueueScreen | null,
  },

  methods: {
    onLoad() {
      void this._load();
    },

    onShow() {
      // Back from a case: its state may have moved.
      if (this.data.state === 'ready') void this._load();
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

    onFilterChange(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
      const value = event.detail.value;
      if (!isQueueFilter(value) || value === this.data.filter) return;
      this.setData({ filter: value });
      void this._load();
    },

    onOpenCase(event: WechatMiniprogram.CustomEvent<Record<string, never>, Record<string, never>, { url: string }>) {
      void wx.navigateTo({ url: event.currentTarget.dataset.url });
    },

    onOpenIntake() {
      void wx.navigateTo({ url: intakeUrl(this.data.societyId) });
    },

    _load() {
      const { societyId, filter } = this.data;
      if (!societyId) {
        this.setData({ state: 'error', errorMessage: MISSING_SOCIETY_MESSAGE });
        return Promise.resolve();
      }
      return loadScreen(this, async () => {
        const answer = await orForbidden(Promise.all([fetchQueue(societyId, filter), fetchMe()]));
        if (answer === 'forbidden') return 'forbidden';
        const [items, me] = answer;
        return { screen: toQueueScreen(items, filter), canOpenDiscovery: isOfficerOf(me, societyId) };
      });
    },
  },
});
