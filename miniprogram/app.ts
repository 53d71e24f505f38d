import { initCloud } from './services/cloud';

App({
  onLaunch() {
    // Cloud mode only: binds wx.cloud to config.cloudEnv (services/ is the only place touching wx.cloud).
    initCloud();
  },
});
