/**
 * What every screen loaded through `_load()` does the same way: load on open, reload on pull-down
 * (then stop the spinner), reload on 重试, and 返回首页. A page built with Component() takes it as
 * `behaviors: [screenBehavior]` and defines `_load(): Promise<void>` (usually loadScreen). WeChat
 * merges a behavior's methods into the page's, and a page's own method of the same name wins: a
 * page whose onLoad does more keeps its own. Every such page also reads at the chosen size
 * (readingSizeBehavior).
 */
import { readingSizeBehavior } from './reading-size';

/** What the behavior needs of the page. */
interface ScreenPage {
  _load(): Promise<void>;
}

export const screenBehavior = Behavior({
  behaviors: [readingSizeBehavior],
  methods: {
    onLoad(this: ScreenPage) {
      void this._load();
    },

    onPullDownRefresh(this: ScreenPage) {
      void this._load().then(() => wx.stopPullDownRefresh());
    },

    onRetry(this: ScreenPage) {
      void this._load();
    },

    onGoHome() {
      void wx.reLaunch({ url: '/pages/home/index' });
    },
  },
});
