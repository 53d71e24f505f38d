/**
 * The one switch between the real cloud and the local stack.
 *
 * - `backend: 'cloud'`: pages call CloudBase through `wx.cloud.callFunction`; set `cloudEnv` to the
 *   CloudBase environment id (云开发环境 ID) first. The caller is the WeChat user (OPENID).
 * - `backend: 'local'`: pages POST to the local stack (`npm start`) at `localBaseUrl`; the caller is
 *   the demo identity picked on the home page (stored under `jj.demoCaller`), sent as `x-openid`.
 *   WeChat DevTools must not check domains (project.config.json `urlCheck: false`).
 */
export type Backend = 'cloud' | 'local';

export interface AppConfig {
  backend: Backend;
  cloudEnv: string;
  localBaseUrl: string;
  defaultDemoCaller: string;
}

export const config: AppConfig = {
  backend: 'local',
  cloudEnv: '',
  localBaseUrl: 'http://127.0.0.1:8787',
  defaultDemoCaller: 'demo-resident',
};

/** Storage key of the demo caller (local stack only). */
export const DEMO_CALLER_STORAGE_KEY = 'jj.demoCaller';
