/**
 * 我的异议: whoever raised an objection (异议) to a public notice reads the society's answer here,
 * or, while it is open, by when the society must answer. No role needed: the list is the
 * caller's own, by WeChat identity.
 */
import { screenBehavior } from '../../behaviors/screen';
import { loadScreen, type LoadState } from '../../utils/load-screen';
import { fetchMyObjections } from '../../services/notices';
import { NO_OBJECTIONS_MESSAGE, toMyObjectionRow, type MyObjectionRow } from './view';

Component({
  behaviors: [screenBehavior],

  data: {
    state: 'loading' as LoadState,
    errorMessage: '',
    objections: [] as MyObjectionRow[],
    emptyMessage: NO_OBJECTIONS_MESSAGE,
  },

  methods: {
    onShow() {
      if (this.data.state === 'ready') void this._load();
    },

    onOpenNotice(event: WechatMiniprogram.CustomEvent<Record<string, never>, Record<string, never>, { url: string }>) {
      void wx.navigateTo({ url: event.currentTarget.dataset.url });
    },

    _load() {
      return loadScreen(this, async () => ({ objections: (await fetchMyObjections()).items.map(toMyObjectionRow) }));
    },
  },
});
