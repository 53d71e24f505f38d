/**
 * What every screen shows alike before its own content: loading, forbidden (with 返回首页 where
 * the page offers it), error with 重新加载 (or 返回首页 when retrying cannot help), and empty.
 * The page keeps `state` (miniprogram/utils/load-screen.ts) and shows this while it is not
 * 'ready'; the buttons emit `retry` and `home`, which screenBehavior answers (onRetry, onGoHome).
 * An empty list shows `state="empty"` in its place: icon, message, and an optional action button
 * (`empty-action` its label) that emits `action`.
 */
export const DEFAULT_FORBIDDEN_MESSAGE = '您没有查看这一页的权限';
export const DEFAULT_LOADING_TEXT = '正在加载…';

Component({
  options: { styleIsolation: 'apply-shared' },
  properties: {
    /** 'loading' | 'forbidden' | 'error' | 'empty'; anything else shows nothing. */
    state: { type: String, value: 'loading' },
    loadingText: { type: String, value: DEFAULT_LOADING_TEXT },
    forbiddenMessage: { type: String, value: '' },
    forbiddenIcon: { type: String, value: 'lock-on' },
    /** Whether the forbidden state offers 返回首页. */
    forbiddenHome: { type: Boolean, value: false },
    errorMessage: { type: String, value: '' },
    /** 'retry' (重新加载) or 'home' (返回首页, for an error that a retry cannot mend). */
    errorAction: { type: String, value: 'retry' },
    emptyMessage: { type: String, value: '' },
    emptyIcon: { type: String, value: 'info-circle' },
    /** The label of a button under an empty list's message (e.g. 申请救助); none when ''. */
    emptyAction: { type: String, value: '' },
  },
  data: { defaultForbiddenMessage: DEFAULT_FORBIDDEN_MESSAGE },
  methods: {
    onRetry() {
      this.triggerEvent('retry');
    },
    onHome() {
      this.triggerEvent('home');
    },
    onEmptyAction() {
      this.triggerEvent('action');
    },
  },
});
