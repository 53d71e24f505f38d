/**
 * A forced update: WeChat downloads a new version in the background; once it is ready the person
 * is told and the app restarts on it, so nobody keeps applying with old rules or an old contract.
 */
export const UPDATE_READY_TITLE = '新版本已准备好';
export const UPDATE_READY_CONTENT = '互助社小程序已更新，需要重新打开后才能继续使用。';
export const UPDATE_FAILED_CONTENT = '新版本下载失败，请删除小程序后重新搜索打开。';

/** The part of WeChat's UpdateManager used here. */
export interface UpdateManager {
  onUpdateReady(listener: () => void): void;
  onUpdateFailed(listener: () => void): void;
  applyUpdate(): void;
}

export function watchForUpdates(manager: UpdateManager | null): void {
  if (!manager) return;
  manager.onUpdateReady(() => {
    wx.showModal({
      title: UPDATE_READY_TITLE,
      content: UPDATE_READY_CONTENT,
      showCancel: false,
      confirmText: '重新打开',
      success: () => manager.applyUpdate(),
    });
  });
  manager.onUpdateFailed(() => {
    wx.showModal({ title: '更新失败', content: UPDATE_FAILED_CONTENT, showCancel: false, confirmText: '知道了' });
  });
}

/** `wx.getUpdateManager` where the base library has it (and not in tools that lack it). */
export function updateManager(): UpdateManager | null {
  return typeof wx.getUpdateManager === 'function' ? wx.getUpdateManager() : null;
}
