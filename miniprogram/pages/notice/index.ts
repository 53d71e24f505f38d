/** One public notice (公示), with the way to object while it is live. */
import { screenBehavior } from '../../behaviors/screen';
import { loadScreen, type LoadState } from '../../utils/load-screen';
import { fetchNotice } from '../../services/notices';
import { MISSING_NOTICE_MESSAGE, toNoticeScreen, type NoticeScreen } from './view';

Component({
  behaviors: [screenBehavior],

  properties: {
    noticeId: { type: String, value: '' },
  },

  data: {
    state: 'loading' as LoadState,
    errorMessage: '',
    screen: null as NoticeScreen | null,
  },

  methods: {
    onShow() {
      // Back from the objection form: show 有异议处理中 at once.
      if (this.data.state === 'ready') void this._load();
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
