/**
 * Jest setupFile of the 'pages' project: the world a page sees on a phone, faked at its edge.
 *
 * - `global.wx` is miniprogram-simulate's stub plus what our pages need: `wx.cloud` (init,
 *   callFunction), an in-memory storage, `wx.request`, and navigation that records where it went.
 * - Cloud calls (`wx.cloud.callFunction` in cloud mode, `wx.request` to `/functions/<name>` in local
 *   mode) go to one injectable handler, normally the real function dispatch of createTestBackend().
 * - `getApp` and `getCurrentPages` exist; dates are Beijing time.
 *
 * State lives on globalThis so the test file and this setup file share it whatever module
 * registry each was loaded in.
 */
import 'miniprogram-simulate';

process.env.TZ = 'Asia/Shanghai';

/** Same signature as the test backend's `call`: answers the envelope. */
export type CloudHandler = (name: string, event: Record<string, unknown>, openid: string | null) => Promise<unknown>;

export interface RecordedCall {
  via: 'cloud' | 'request';
  name: string;
  event: Record<string, unknown>;
  openid: string | null;
  url?: string;
  header?: Record<string, string>;
}

/** Stores an uploaded photo (normally into the test backend's Files port); answers its file id. */
export type UploadHandler = (cloudPath: string, tempFilePath: string) => Promise<string>;

export interface RecordedUpload {
  via: 'cloud' | 'request';
  cloudPath: string;
  tempFilePath: string;
  fileId: string;
}

/** What wx.chooseMedia hands back until changed: one photo. */
export const DEFAULT_CHOSEN_PHOTOS: readonly string[] = ['wxfile://tmp/photo-1.jpg'];

interface WxBoundary {
  handler: CloudHandler | null;
  uploadHandler: UploadHandler | null;
  /** The temp paths the user "picks" in wx.chooseMedia; null: they cancel. */
  chosenPhotos: readonly string[] | null;
  uploads: RecordedUpload[];
  /** The WeChat user in cloud mode (what getWXContext().OPENID would say). */
  cloudOpenid: string | null;
  networkDown: boolean;
  storage: Map<string, unknown>;
  calls: RecordedCall[];
  navigations: string[];
  pages: WechatMiniprogram.Component.TrivialInstance[];
  cloudInitOptions: unknown[];
  /** What wx.getAccountInfoSync says the running build is: 'develop' (DevTools), 'trial' or 'release'. */
  envVersion: 'develop' | 'trial' | 'release';
  /** WeChat's font factor (wx.getAppBaseInfo().fontSizeScaleFactor): 1 at the default size. */
  fontSizeScaleFactor: number;
}

const globalWithBoundary = globalThis as typeof globalThis & { __jjWxBoundary?: WxBoundary };

function boundary(): WxBoundary {
  if (!globalWithBoundary.__jjWxBoundary) {
    globalWithBoundary.__jjWxBoundary = {
      handler: null,
      uploadHandler: null,
      chosenPhotos: DEFAULT_CHOSEN_PHOTOS,
      uploads: [],
      cloudOpenid: null,
      networkDown: false,
      storage: new Map(),
      calls: [],
      navigations: [],
      pages: [],
      cloudInitOptions: [],
      envVersion: 'develop',
      fontSizeScaleFactor: 1,
    };
  }
  return globalWithBoundary.__jjWxBoundary;
}

/** The kind of build the pages run as (wx.getAccountInfoSync().miniProgram.envVersion); reset to 'develop'. */
export function setEnvVersion(envVersion: WxBoundary['envVersion']): void {
  boundary().envVersion = envVersion;
}

/** The phone's WeChat font setting as a factor (1 = default; ~1.3 = 偏大); reset to 1. */
export function setWeChatFontScale(factor: number): void {
  boundary().fontSizeScaleFactor = factor;
}

/** Routes every cloud call of the pages to `handler` (e.g. `backend.call`). */
export function routeCloudTo(handler: CloudHandler | null): void {
  boundary().handler = handler;
}

/** Routes every photo upload (wx.uploadFile, wx.cloud.uploadFile) to `handler`. */
export function routeUploadsTo(handler: UploadHandler | null): void {
  boundary().uploadHandler = handler;
}

/** The photos the user picks in the next wx.chooseMedia calls; null makes them cancel. */
export function setChosenPhotos(paths: readonly string[] | null): void {
  boundary().chosenPhotos = paths;
}

export function recordedUploads(): readonly RecordedUpload[] {
  return boundary().uploads;
}

/** Who the WeChat user is when the mini program runs in cloud mode. */
export function setCloudCaller(openid: string | null): void {
  boundary().cloudOpenid = openid;
}

/** While down, callFunction rejects and wx.request fails, as on a phone without signal. */
export function setNetworkDown(down: boolean): void {
  boundary().networkDown = down;
}

export function recordedCalls(): readonly RecordedCall[] {
  return boundary().calls;
}

export function navigations(): readonly string[] {
  return boundary().navigations;
}

export function cloudInitOptions(): readonly unknown[] {
  return boundary().cloudInitOptions;
}

export function storageSnapshot(): ReadonlyMap<string, unknown> {
  return boundary().storage;
}

/** Pushes a page on the page stack getCurrentPages() reports. */
export function pushPage(page: WechatMiniprogram.Component.TrivialInstance): void {
  boundary().pages.push(page);
}

/** Clears storage, recorded calls, navigations and the page stack; keeps the handler. */
export function resetBoundary(): void {
  const state = boundary();
  state.storage.clear();
  state.calls.length = 0;
  state.uploads.length = 0;
  state.chosenPhotos = DEFAULT_CHOSEN_PHOTOS;
  state.navigations.length = 0;
  state.pages.length = 0;
  state.cloudInitOptions.length = 0;
  state.envVersion = 'develop';
  state.fontSizeScaleFactor = 1;
  state.networkDown = false;
  state.cloudOpenid = null;
}

async function dispatch(call: RecordedCall): Promise<unknown> {
  const state = boundary();
  state.calls.push(call);
  if (!state.handler) throw new Error(`no cloud handler routed: ${call.name}/${String(call.event.action)}`);
  return state.handler(call.name, call.event, call.openid);
}

async function upload(via: RecordedUpload['via'], cloudPath: string, tempFilePath: string): Promise<string> {
  const state = boundary();
  if (state.networkDown) throw new Error('network down');
  if (!state.uploadHandler) throw new Error(`no upload handler routed: ${cloudPath}`);
  const fileId = await state.uploadHandler(cloudPath, tempFilePath);
  state.uploads.push({ via, cloudPath, tempFilePath, fileId });
  return fileId;
}

type Callbacks<S> = { success?: (result: S) => void; fail?: (err: { errMsg: string }) => void; complete?: () => void };

function settle<S>(work: Promise<S>, callbacks: Callbacks<S>, failMessage: string): Promise<S> {
  return work.then(
    (result) => {
      callbacks.success?.(result);
      callbacks.complete?.();
      return result;
    },
    (err: unknown) => {
      const errMsg = `${failMessage} ${err instanceof Error ? err.message : String(err)}`;
      callbacks.fail?.({ errMsg });
      callbacks.complete?.();
      throw Object.assign(new Error(errMsg), { errMsg });
    },
  );
}

function headerValue(header: Record<string, unknown> | undefined, key: string): string | null {
  if (!header) return null;
  const found = Object.keys(header).find((name) => name.toLowerCase() === key);
  const value = found === undefined ? undefined : header[found];
  return typeof value === 'string' ? value : null;
}

type AnyOptions = Record<string, unknown> & Callbacks<never>;

function installWx(): void {
  const wxStub = (globalThis as unknown as { wx: Record<string, unknown> }).wx;

  wxStub.cloud = {
    init(options: unknown) {
      boundary().cloudInitOptions.push(options);
    },
    callFunction(options: { name: string; data?: Record<string, unknown> } & Callbacks<unknown>) {
      const state = boundary();
      const work = state.networkDown
        ? Promise.reject(new Error('network down'))
        : dispatch({ via: 'cloud', name: options.name, event: options.data ?? {}, openid: state.cloudOpenid }).then(
            (result) => ({ result, errMsg: 'cloud.callFunction:ok', requestID: 'test' }),
          );
      const settled = settle(work, options, 'cloud.callFunction:fail');
      if (options.success || options.fail || options.complete) {
        settled.catch(() => undefined);
        return undefined;
      }
      return settled;
    },
  };

  (wxStub.cloud as Record<string, unknown>).uploadFile = (
    options: { cloudPath: string; filePath: string } & Callbacks<{ fileID: string }>,
  ) => {
    const work = upload('cloud', options.cloudPath, options.filePath).then((fileID) => ({
      fileID,
      statusCode: 200,
      errMsg: 'cloud.uploadFile:ok',
    }));
    const settled = settle(work, options, 'cloud.uploadFile:fail');
    if (options.success || options.fail || options.complete) {
      settled.catch(() => undefined);
      return undefined;
    }
    return settled;
  };

  wxStub.getAccountInfoSync = () => ({
    miniProgram: { appId: 'touristappid', envVersion: boundary().envVersion, version: '' },
    plugin: {},
  });

  wxStub.getAppBaseInfo = () => ({
    SDKVersion: '3.7.0',
    enableDebug: false,
    host: { appId: 'wx' },
    language: 'zh_CN',
    version: '8.0.50',
    theme: 'light',
    fontSizeSetting: Math.round(16 * boundary().fontSizeScaleFactor),
    fontSizeScaleFactor: boundary().fontSizeScaleFactor,
  });

  wxStub.uploadFile = (options: AnyOptions & { url: string; filePath: string }) => {
    const cloudPath = new URL(options.url, 'http://127.0.0.1').searchParams.get('path') ?? '';
    const work = upload('request', cloudPath, options.filePath).then((fileId) => ({
      statusCode: 200,
      data: JSON.stringify({ ok: true, data: { fileId, size: 0, contentType: 'image/jpeg' } }),
    }));
    settle(work, options as Callbacks<unknown>, 'uploadFile:fail').catch(() => undefined);
    return { abort() {}, onProgressUpdate() {}, offProgressUpdate() {} };
  };

  wxStub.chooseMedia = (options: AnyOptions & { count?: number }) => {
    const chosen = boundary().chosenPhotos;
    const work =
      chosen === null || chosen.length === 0
        ? Promise.reject(new Error('cancel'))
        : Promise.resolve({
            type: 'image',
            tempFiles: chosen
              .slice(0, options.count ?? 9)
              .map((tempFilePath) => ({ tempFilePath, size: 102_400, fileType: 'image' })),
            errMsg: 'chooseMedia:ok',
          });
    settle(work, options as Callbacks<unknown>, 'chooseMedia:fail').catch(() => undefined);
  };

  wxStub.request = (options: AnyOptions & { url: string; data?: unknown; header?: Record<string, string> }) => {
    const state = boundary();
    const match = /\/functions\/([^/?#]+)$/.exec(options.url);
    let work: Promise<unknown>;
    if (state.networkDown) work = Promise.reject(new Error('network down'));
    else if (!match?.[1]) work = Promise.resolve({ statusCode: 404, data: 'not found', header: {} });
    else {
      const event = typeof options.data === 'string' ? JSON.parse(options.data) : (options.data ?? {});
      work = dispatch({
        via: 'request',
        name: match[1],
        event: event as Record<string, unknown>,
        openid: headerValue(options.header, 'x-openid'),
        url: options.url,
        header: options.header ?? {},
      }).then((data) => ({ statusCode: 200, data: JSON.parse(JSON.stringify(data)), header: {} }));
    }
    settle(work, options as Callbacks<unknown>, 'request:fail').catch(() => undefined);
    return { abort() {}, onHeadersReceived() {}, offHeadersReceived() {} };
  };

  const storage = () => boundary().storage;
  wxStub.setStorageSync = (key: string, value: unknown) => void storage().set(key, value);
  wxStub.getStorageSync = (key: string) => (storage().has(key) ? storage().get(key) : '');
  wxStub.removeStorageSync = (key: string) => void storage().delete(key);
  wxStub.clearStorageSync = () => storage().clear();

  const navigate = (options: AnyOptions & { url?: string }) => {
    boundary().navigations.push(String(options.url ?? ''));
    return settle(Promise.resolve({ errMsg: 'ok' }), options as Callbacks<{ errMsg: string }>, 'navigate:fail');
  };
  wxStub.navigateTo = navigate;
  wxStub.redirectTo = navigate;
  wxStub.reLaunch = navigate;
  wxStub.switchTab = navigate;
}

installWx();

const globals = globalThis as unknown as Record<string, unknown>;
globals.getApp = () => ({ globalData: {} });
globals.getCurrentPages = () => [...boundary().pages];
