/** One public notice (公示), with the way to object while it is live. */
import { loadScreen, type LoadState } from '../../utils/load-screen';
import { fetchNotice } from '../../services/notices';
import { MISSING_NOTICE_MESSAGE, toNoticeScreen, type NoticeScreen } from './view';

Component({
  properties: {
    noticeId: { type: String, value: '' },
  },

  data: {
    state: 'loading' as LoadState,
    errorMessage: '',
    screen: null as NoticeScreen | null,
  },

  methods: {
    onLoad() {
      void this._load();
    },

    onShow() {
      // Back from the objection form: show 有异议处理中 at once.
      if (this.data.state === 'ready') void this._load();
    },

    onPullDownRefresh() {
      void this._load().then(() => wx.stopPullDownRefresh());
    },

    onRetry() {
      void this._load();
    },

    onObject() {
      const screen = this.data.screen;
      if (screen) void wx.navigateTo({ url: screen.objectionUrl });
    },

    _load() {
      const noticeId = this.data.noticeId;
      if (!noticeId) {
        this.setData({ state: 'error', errorMessage: MISSING_NOTICE_MESSAGE });
        return Promise.resolve();
      }
      return loadScreen(this, async () => ({ screen: toNoticeScreen(await fetchNotice(noticeId)) }));
    },
  },
});
