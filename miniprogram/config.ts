/**
 * The one switch between the real cloud and the local stack, by the kind of build WeChat runs:
 *
 * - A trial (体验版) or release (正式版) build always calls CloudBase through
 *   `wx.cloud.callFunction`: nothing to edit before an upload, and no such build can reach
 *   127.0.0.1. The caller is the WeChat user (OPENID). `cloudEnv` is the CloudBase environment id
 *   (云开发环境 ID); empty means the mini program's default environment.
 * - A development build (DevTools, 开发版) uses `developBackend`: 'local' posts to the local stack
 *   (`npm start`) at `localBaseUrl` as the demo identity picked on the home page (stored under
 *   `jj.demoCaller`, sent as `x-openid`; DevTools must not check domains, `urlCheck: false`);
 *   'cloud' tries the cloud from DevTools.
 */
export type Backend = 'cloud' | 'local';

export interface AppConfig {
  /** What a development build talks to; trial and release builds always use the cloud. */
  developBackend: Backend;
  cloudEnv: string;
  localBaseUrl: string;
  defaultDemoCaller: string;
}

export const config: AppConfig = {
  developBackend: 'local',
  cloudEnv: '',
  localBaseUrl: 'http://127.0.0.1:8787',
  defaultDemoCaller: 'demo-resident',
};

/** Storage key of the demo caller (local stack only). */
export const DEMO_CALLER_STORAGE_KEY = 'jj.demoCaller';
