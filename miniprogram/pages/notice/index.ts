/** One public notice (公示), with the way to object while it is live. */
import { screenBehavior } from '../../behaviors/screen';
import { loadScreen, type LoadState } from '../../utils/load-screen';
import { fetchMyObjections, fetchNotice } from '../../services/notices';
import { MISSING_NOTICE_MESSAGE, MY_OBJECTIONS_URL, toNoticeScreen, type NoticeScreen } from './view';

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

    onMyObjections() {
      void wx.navigateTo({ url: MY_OBJECTIONS_URL });
    },

    _load() {
      const noticeId = this.data.noticeId;
      if (!noticeId) {
        this.setData({ state: 'error', errorMessage: MISSING_NOTICE_MESSAGE });
        return Promise.resolve();
      }
      return loadScreen(this, async () => {
        // The caller's own objections only add a link: the notice shows without them.
        const [notice, mine] = await Promise.all([
          fetchNotice(noticeId),
          fetchMyObjections().then(
            (result) => result.items,
            () => [],
          ),
        ]);
        return { screen: toNoticeScreen(notice, mine) };
      });
    },
  },
});
