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

    onOpenIntake() {
      void wx.navigateTo({ url: intakeUrl(this.data.societyId) });
    },

    _load() {
      const filter = this.data.filter;
      return loadScreenFor(this, this.data.societyId, MISSING_SOCIETY_MESSAGE, async (societyId) => {
        const answer = await orForbidden(Promise.all([fetchQueue(societyId, filter), fetchMe()]));
        if (answer === 'forbidden') return 'forbidden';
        const [items, me] = answer;
        return { screen: toQueueScreen(items, filter), canOpenDiscovery: isOfficerOf(me, societyId) };
      });
    },
  },
});
