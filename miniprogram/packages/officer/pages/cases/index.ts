/** 救助案件: the society's case queue, the most urgent deadline first; a row opens the case. */
import { screenBehavior } from '../../../../behaviors/screen';
import { loadScreenFor, type LoadState } from '../../../../utils/load-screen';
import { orForbidden } from '../../utils/access';
import { fetchQueue, type QueueFilter } from '../../../../services/cases';
import { fetchMe } from '../../../../services/societies';
import {
  FORBIDDEN_QUEUE_MESSAGE,
  MISSING_SOCIETY_MESSAGE,
  QUEUE_FILTERS,
  appendQueuePage,
  intakeUrl,
  isOfficerOf,
  isQueueFilter,
  toQueueScreen,
} from './view';
import type { QueueScreen } from './view';

Component({
  behaviors: [screenBehavior],

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
    loadingMore: false,
  },

  methods: {
    onShow() {
      // Back from a case: its state may have moved.
      if (this.data.state === 'ready') void this._load();
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

    onReachBottom() {
      void this.onLoadMore();
    },

    /** 加载更多: the next page, appended; the totals are refreshed with it. */
    async onLoadMore() {
      const { screen, filter, societyId, loadingMore } = this.data;
      if (!screen || screen.nextOffset === null || loadingMore) return;
      this.setData({ loadingMore: true });
      try {
        const page = await fetchQueue(societyId, filter, screen.nextOffset);
        if (filter !== this.data.filter) return;
        this.setData({ screen: appendQueuePage(screen, page.items, filter, page) });
      } catch {
        void wx.showToast({ title: '加载失败，请稍后再试', icon: 'none' });
      } finally {
        this.setData({ loadingMore: false });
      }
    },

    onOpenIntake() {
      void wx.navigateTo({ url: intakeUrl(this.data.societyId) });
    },

    _load() {
      const filter = this.data.filter;
      return loadScreenFor(this, this.data.societyId, MISSING_SOCIETY_MESSAGE, async (societyId) => {
        const answer = await orForbidden(Promise.all([fetchQueue(societyId, filter), fetchMe()]));
        if (answer === 'forbidden') return 'forbidden';
        const [page, me] = answer;
        return { screen: toQueueScreen(page.items, filter, page), canOpenDiscovery: isOfficerOf(me, societyId) };
      });
    },
  },
});
