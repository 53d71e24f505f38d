import { initCloud } from './services/cloud';
import { updateManager, watchForUpdates } from './utils/update';

App({
  onLaunch() {
    // Cloud mode only: binds wx.cloud to config.cloudEnv (services/ is the only place touching wx.cloud).
    initCloud();
    // A new version is applied as soon as it is downloaded (a forced update).
    watchForUpdates(updateManager());
  },
});
