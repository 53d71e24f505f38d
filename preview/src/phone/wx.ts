/**
 * The `wx` of the browser preview, at the boundary only: what a page asks of WeChat is answered by
 * the local stack (cloud functions, files), the browser (storage, file picker) or the preview's
 * own page stack and native UI. Everything else stays miniprogram-simulate's stub `wx`.
 *
 * What a browser cannot do (payments, subscription messages, scanning, phone calls, location…)
 * answers as WeChat answers when the user declines, and says so in the console.
 */
import { config, DEMO_CALLER_STORAGE_KEY } from '../../../miniprogram/config';
import {
  MENU_BUTTON,
  PIXEL_RATIO,
  safeArea,
  SCREEN_HEIGHT,
  SCREEN_WIDTH,
  STATUS_BAR_HEIGHT,
  windowHeight,
} from '../shared/device';
import { clearStorage, readStorage, removeStorage, storageKeys, writeStorage } from '../shared/storage';
import { answer, booleanOption, numberOption, stringOption, WxFail, type Options } from './api';
import * as nativeUi from './native-ui';
import type { Router } from './router';

type Api = (options?: Options) => unknown;
type AnyFunction = (...args: never[]) => unknown;

let pending = 0;

/** Cloud calls, requests and uploads not answered yet (the tests wait for 0). */
export function pendingCalls(): number {
  return pending;
}

async function track<T>(work: Promise<T>): Promise<T> {
  pending += 1;
  try {
    return await work;
  } finally {
    pending -= 1;
  }
}

/** The demo caller the local stack acts as, the same key the home page's picker writes. */
export function currentCaller(): string {
  const stored = readStorage(DEMO_CALLER_STORAGE_KEY);
  return typeof stored === 'string' && stored !== '' ? stored : config.defaultDemoCaller;
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** The local stack's address as the page wrote it (config.localBaseUrl) → this preview's own origin. */
function sameOriginUrl(api: string, url: string): string {
  const parsed = new URL(url, window.location.href);
  if (parsed.origin !== window.location.origin && !LOOPBACK_HOSTS.has(parsed.hostname)) {
    throw new WxFail(api, `url not in domain list: the preview only reaches the local stack (${parsed.origin})`);
  }
  return parsed.pathname + parsed.search;
}

function warnUnavailable(api: string, answerText: string): void {
  console.warn(`[预览] wx.${api} 在浏览器预览中不可用，按微信中用户取消/拒绝时的结果返回：${answerText}`);
}

/** Files chosen in the preview: WeChat's temp paths are blob: URLs here. */
const tempFiles = new Map<string, Blob>();

function tempFile(api: string, filePath: string): Blob {
  const blob = tempFiles.get(filePath);
  if (!blob) throw new WxFail(api, `file not found: ${filePath}`);
  return blob;
}

function chooseFiles(api: string, accept: string, multiple: boolean): Promise<File[]> {
  return new Promise((resolve, reject) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = accept;
    input.multiple = multiple;
    input.style.display = 'none';
    document.body.appendChild(input);
    input.addEventListener('change', () => {
      input.remove();
      const files = Array.from(input.files ?? []);
      if (files.length === 0) reject(new WxFail(api, 'cancel'));
      else resolve(files);
    });
    input.addEventListener('cancel', () => {
      input.remove();
      reject(new WxFail(api, 'cancel'));
    });
    input.click();
  });
}

function remember(file: Blob): string {
  const url = URL.createObjectURL(file);
  tempFiles.set(url, file);
  return url;
}

async function storeFile(api: string, cloudPath: string, file: Blob): Promise<{ fileId: string }> {
  const response = await fetch(`/preview/upload?path=${encodeURIComponent(cloudPath)}`, {
    method: 'POST',
    headers: { 'content-type': file.type || 'application/octet-stream', 'x-openid': currentCaller() },
    body: file,
  });
  const body = (await response.json()) as { ok: boolean; data?: { fileId: string }; error?: { message: string } };
  if (!body.ok || !body.data) throw new WxFail(api, body.error?.message ?? `HTTP ${response.status}`);
  return body.data;
}

function uploadName(file: Blob, filePath: string): string {
  const name = file instanceof File ? file.name : (filePath.split('/').pop() ?? 'file');
  const safe = name.replace(/[^A-Za-z0-9_.-]+/g, '_').replace(/^[^A-Za-z0-9]+/, '') || 'file';
  return `uploads/${Date.now()}-${Math.random().toString(36).slice(2, 8)}-${safe}`;
}

function systemInfo(router: Router) {
  const custom = router.state()?.navigationBar.custom ?? false;
  return {
    brand: 'iPhone',
    model: 'iPhone X',
    pixelRatio: PIXEL_RATIO,
    screenWidth: SCREEN_WIDTH,
    screenHeight: SCREEN_HEIGHT,
    windowWidth: SCREEN_WIDTH,
    windowHeight: windowHeight(custom),
    statusBarHeight: STATUS_BAR_HEIGHT,
    screenTop: custom ? 0 : SCREEN_HEIGHT - windowHeight(false),
    safeArea: safeArea(),
    language: 'zh_CN',
    version: '8.0.50',
    system: 'iOS 16.0',
    platform: 'ios',
    fontSizeSetting: 16,
    SDKVersion: '3.5.0',
    benchmarkLevel: 1,
    theme: 'light',
    enableDebug: false,
    deviceOrientation: 'portrait',
    host: { env: 'WeChat' },
  };
}

function requestBody(method: string, data: unknown, contentType: string): { url: string; body?: string } {
  if (data === undefined || data === null) return { url: '' };
  if (method === 'GET' || method === 'HEAD') {
    if (typeof data === 'string') return { url: data };
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(data as Record<string, unknown>)) params.append(key, String(value));
    return { url: params.toString() };
  }
  if (typeof data === 'string') return { url: '', body: data };
  if (contentType.includes('application/x-www-form-urlencoded')) {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(data as Record<string, unknown>)) params.append(key, String(value));
    return { url: '', body: params.toString() };
  }
  return { url: '', body: JSON.stringify(data) };
}

function headersOf(response: Response): Record<string, string> {
  const header: Record<string, string> = {};
  response.headers.forEach((value, key) => {
    header[key] = value;
  });
  return header;
}

function call(callback: unknown, value: unknown): void {
  if (typeof callback === 'function') (callback as (value: unknown) => void)(value);
}

/** Callback-only APIs that return a task (request, uploadFile): no promise form, as in WeChat. */
function taskApi(api: string, options: Options | undefined, work: (signal: AbortSignal) => Promise<object>) {
  const controller = new AbortController();
  void track(work(controller.signal)).then(
    (result) => {
      const value = { errMsg: `${api}:ok`, ...result };
      call(options?.success, value);
      call(options?.complete, value);
    },
    (error: unknown) => {
      const errMsg =
        error instanceof WxFail
          ? error.errMsg
          : `${api}:fail ${controller.signal.aborted ? 'abort' : error instanceof Error ? error.message : String(error)}`;
      call(options?.fail, { errMsg });
      call(options?.complete, { errMsg });
    },
  );
  return {
    abort: () => controller.abort(),
    onHeadersReceived: () => undefined,
    offHeadersReceived: () => undefined,
    onProgressUpdate: () => undefined,
    offProgressUpdate: () => undefined,
    onChunkReceived: () => undefined,
    offChunkReceived: () => undefined,
  };
}

export function buildWx(router: Router): Record<string, unknown> {
  const cloud = {
    init: () => undefined,
    callFunction: (options?: Options) =>
      answer('cloud.callFunction', options, () =>
        track(
          (async () => {
            const name = stringOption(options, 'name');
            if (!name) throw new WxFail('cloud.callFunction', 'parameter name should be a non-empty string');
            let response: Response;
            try {
              response = await fetch(`/functions/${encodeURIComponent(name)}`, {
                method: 'POST',
                headers: { 'content-type': 'application/json', 'x-openid': currentCaller() },
                body: JSON.stringify(options?.data ?? {}),
              });
            } catch (error) {
              throw new WxFail('cloud.callFunction', `network error: ${String(error)}`, { errCode: -1 });
            }
            if (response.status === 404) {
              throw new WxFail('cloud.callFunction', '-501000 FunctionName parameter could not be found.', {
                errCode: -501000,
              });
            }
            return { result: (await response.json()) as unknown, requestID: `preview-${Date.now()}` };
          })(),
        ),
      ),
    uploadFile: (options?: Options) =>
      answer('cloud.uploadFile', options, () =>
        track(
          (async () => {
            const file = tempFile('cloud.uploadFile', stringOption(options, 'filePath'));
            const stored = await storeFile('cloud.uploadFile', stringOption(options, 'cloudPath'), file);
            return { fileID: stored.fileId, statusCode: 200 };
          })(),
        ),
      ),
    getTempFileURL: (options?: Options) =>
      answer('cloud.getTempFileURL', options, () => {
        const list = (options?.fileList as Array<string | { fileID: string }> | undefined) ?? [];
        return {
          fileList: list.map((entry) => {
            const fileID = typeof entry === 'string' ? entry : entry.fileID;
            return { fileID, tempFileURL: `/preview/files?id=${encodeURIComponent(fileID)}`, status: 0, errMsg: 'ok' };
          }),
        };
      }),
    downloadFile: (options?: Options) =>
      answer('cloud.downloadFile', options, async () => {
        const response = await fetch(`/preview/files?id=${encodeURIComponent(stringOption(options, 'fileID'))}`);
        if (!response.ok) throw new WxFail('cloud.downloadFile', 'file not found');
        return { tempFilePath: remember(await response.blob()), statusCode: 200 };
      }),
  };

  const declined = (api: string, result: 'fail cancel' | 'fail auth deny') => (options?: Options) => {
    warnUnavailable(api, `${api}:${result}`);
    return answer(api, options, () => {
      throw new WxFail(api, result.slice('fail '.length));
    });
  };

  const navigation =
    (api: string, run: (url: string, options?: Options) => Promise<object | void>) => (options?: Options) =>
      answer(api, options, async () => (await run(stringOption(options, 'url'), options)) ?? {});

  const wx: Record<string, unknown> = {
    cloud,

    request: (options?: Options) =>
      taskApi('request', options, async (signal) => {
        const method = stringOption(options, 'method', 'GET').toUpperCase();
        const header = {
          'content-type': 'application/json',
          ...((options?.header as Record<string, string> | undefined) ?? {}),
        };
        const contentType = Object.entries(header).find(([key]) => key.toLowerCase() === 'content-type')?.[1] ?? '';
        const target = sameOriginUrl('request', stringOption(options, 'url'));
        const { url: search, body } = requestBody(method, options?.data, contentType);
        const url = search ? `${target}${target.includes('?') ? '&' : '?'}${search}` : target;
        const response = await fetch(url, { method, headers: header, body, signal });
        const text = await response.text();
        let data: unknown = text;
        if (stringOption(options, 'dataType', 'json') === 'json') {
          try {
            data = JSON.parse(text) as unknown;
          } catch {
            data = text;
          }
        }
        return { data, statusCode: response.status, header: headersOf(response), cookies: [] };
      }),

    uploadFile: (options?: Options) =>
      taskApi('uploadFile', options, async () => {
        sameOriginUrl('uploadFile', stringOption(options, 'url'));
        const filePath = stringOption(options, 'filePath');
        const file = tempFile('uploadFile', filePath);
        // In the preview every upload goes to the local Files port; the answer is its envelope. The
        // path is the upload slot the page was given (its url's `path`), else a made-up one.
        const slotPath = new URL(stringOption(options, 'url'), location.href).searchParams.get('path');
        const response = await fetch(
          `/preview/upload?path=${encodeURIComponent(slotPath ?? uploadName(file, filePath))}`,
          {
            method: 'POST',
            headers: { 'content-type': file.type || 'application/octet-stream', 'x-openid': currentCaller() },
            body: file,
          },
        );
        return { data: await response.text(), statusCode: response.status };
      }),

    setStorageSync: (key: string, value: unknown) => writeStorage(key, value),
    getStorageSync: (key: string) => {
      const value = readStorage(key);
      return value === undefined ? '' : value;
    },
    removeStorageSync: (key: string) => removeStorage(key),
    clearStorageSync: () => clearStorage(),
    getStorageInfoSync: () => ({ keys: storageKeys(), currentSize: 0, limitSize: 10240 }),
    setStorage: (options?: Options) =>
      answer('setStorage', options, () => {
        writeStorage(stringOption(options, 'key'), options?.data);
        return {};
      }),
    getStorage: (options?: Options) =>
      answer('getStorage', options, () => {
        const data = readStorage(stringOption(options, 'key'));
        if (data === undefined) throw new WxFail('getStorage', 'data not found');
        return { data };
      }),
    removeStorage: (options?: Options) =>
      answer('removeStorage', options, () => {
        removeStorage(stringOption(options, 'key'));
        return {};
      }),
    clearStorage: (options?: Options) =>
      answer('clearStorage', options, () => {
        clearStorage();
        return {};
      }),
    getStorageInfo: (options?: Options) =>
      answer('getStorageInfo', options, () => ({ keys: storageKeys(), currentSize: 0, limitSize: 10240 })),

    navigateTo: navigation('navigateTo', (url, options) =>
      router.navigateTo(url, options?.events as Record<string, (...args: unknown[]) => void> | undefined),
    ),
    redirectTo: navigation('redirectTo', (url) => router.redirectTo(url)),
    reLaunch: navigation('reLaunch', (url) => router.reLaunch(url)),
    switchTab: navigation('switchTab', (url) => router.switchTab(url)),
    navigateBack: (options?: Options) =>
      answer('navigateBack', options, () => {
        router.navigateBack(numberOption(options, 'delta', 1));
        return {};
      }),

    showToast: (options?: Options) =>
      answer('showToast', options, () => {
        const icon = stringOption(options, 'icon', 'success') as nativeUi.ToastIcon;
        nativeUi.showToast({
          title: stringOption(options, 'title'),
          icon: ['success', 'error', 'loading', 'none'].includes(icon) ? icon : 'success',
          image: stringOption(options, 'image') || undefined,
          duration: numberOption(options, 'duration', 1500),
          mask: booleanOption(options, 'mask', false),
        });
        return {};
      }),
    hideToast: (options?: Options) =>
      answer('hideToast', options, () => {
        nativeUi.hideToast(false);
        return {};
      }),
    showLoading: (options?: Options) =>
      answer('showLoading', options, () => {
        nativeUi.showToast({
          title: stringOption(options, 'title'),
          icon: 'loading',
          duration: 0,
          mask: booleanOption(options, 'mask', false),
          loading: true,
        });
        return {};
      }),
    hideLoading: (options?: Options) =>
      answer('hideLoading', options, () => {
        nativeUi.hideToast(true);
        return {};
      }),
    showModal: (options?: Options) =>
      answer('showModal', options, () =>
        nativeUi.showModal({
          title: stringOption(options, 'title'),
          content: stringOption(options, 'content'),
          showCancel: booleanOption(options, 'showCancel', true),
          cancelText: stringOption(options, 'cancelText', '取消'),
          cancelColor: stringOption(options, 'cancelColor', '#000000'),
          confirmText: stringOption(options, 'confirmText', '确定'),
          confirmColor: stringOption(options, 'confirmColor', '#576B95'),
          editable: booleanOption(options, 'editable', false),
          placeholderText: stringOption(options, 'placeholderText'),
        }),
      ),
    showActionSheet: (options?: Options) =>
      answer('showActionSheet', options, async () => {
        const tapIndex = await nativeUi.showActionSheet({
          alertText: stringOption(options, 'alertText'),
          itemList: (options?.itemList as string[] | undefined) ?? [],
          itemColor: stringOption(options, 'itemColor', '#000000'),
        });
        if (tapIndex === null) throw new WxFail('showActionSheet', 'cancel');
        return { tapIndex };
      }),
    previewImage: (options?: Options) =>
      answer('previewImage', options, () => {
        nativeUi.previewImage((options?.urls as string[] | undefined) ?? [], stringOption(options, 'current'));
        return {};
      }),

    setNavigationBarTitle: (options?: Options) =>
      answer('setNavigationBarTitle', options, () => {
        router.setTitle(stringOption(options, 'title'));
        return {};
      }),
    setNavigationBarColor: (options?: Options) =>
      answer('setNavigationBarColor', options, () => {
        router.setBarColor(
          stringOption(options, 'frontColor', '#000000'),
          stringOption(options, 'backgroundColor', '#ffffff'),
        );
        return {};
      }),
    showNavigationBarLoading: (options?: Options) =>
      answer('showNavigationBarLoading', options, () => {
        router.setBarLoading(true);
        return {};
      }),
    hideNavigationBarLoading: (options?: Options) =>
      answer('hideNavigationBarLoading', options, () => {
        router.setBarLoading(false);
        return {};
      }),
    startPullDownRefresh: (options?: Options) =>
      answer('startPullDownRefresh', options, () => {
        router.pullDownRefresh();
        return {};
      }),
    stopPullDownRefresh: (options?: Options) =>
      answer('stopPullDownRefresh', options, () => {
        router.stopPullDownRefresh();
        return {};
      }),
    pageScrollTo: (options?: Options) =>
      answer('pageScrollTo', options, () => {
        const selector = stringOption(options, 'selector');
        const element = selector ? document.querySelector(selector) : null;
        const top = element
          ? element.getBoundingClientRect().top + window.scrollY
          : numberOption(options, 'scrollTop', 0);
        window.scrollTo({ top, behavior: numberOption(options, 'duration', 300) > 0 ? 'smooth' : 'auto' });
        return {};
      }),

    getSystemInfoSync: () => systemInfo(router),
    getSystemInfo: (options?: Options) => answer('getSystemInfo', options, () => systemInfo(router)),
    getSystemInfoAsync: (options?: Options) => answer('getSystemInfoAsync', options, () => systemInfo(router)),
    getWindowInfo: () => {
      const info = systemInfo(router);
      return {
        pixelRatio: info.pixelRatio,
        screenWidth: info.screenWidth,
        screenHeight: info.screenHeight,
        windowWidth: info.windowWidth,
        windowHeight: info.windowHeight,
        statusBarHeight: info.statusBarHeight,
        safeArea: info.safeArea,
        screenTop: info.screenTop,
      };
    },
    getDeviceInfo: () => ({
      brand: 'iPhone',
      model: 'iPhone X',
      system: 'iOS 16.0',
      platform: 'ios',
      benchmarkLevel: 1,
      pixelRatio: PIXEL_RATIO,
    }),
    getAppBaseInfo: () => ({
      SDKVersion: '3.5.0',
      enableDebug: false,
      host: { env: 'WeChat' },
      language: 'zh_CN',
      version: '8.0.50',
      theme: 'light',
      fontSizeSetting: 16,
    }),
    getSystemSetting: () => ({
      bluetoothEnabled: false,
      locationEnabled: false,
      wifiEnabled: true,
      deviceOrientation: 'portrait',
    }),
    getMenuButtonBoundingClientRect: () => ({ ...MENU_BUTTON }),
    getAccountInfoSync: () => ({ miniProgram: { appId: 'touristappid', envVersion: 'develop', version: '' } }),

    chooseMedia: (options?: Options) =>
      answer('chooseMedia', options, async () => {
        const types = (options?.mediaType as string[] | undefined) ?? ['image', 'video'];
        const accept = types.map((type) => (type === 'video' ? 'video/*' : 'image/*')).join(',');
        const files = await chooseFiles('chooseMedia', accept, numberOption(options, 'count', 9) > 1);
        const tempFilesChosen = files.slice(0, numberOption(options, 'count', 9)).map((file) => ({
          tempFilePath: remember(file),
          size: file.size,
          fileType: file.type.startsWith('video/') ? 'video' : 'image',
        }));
        const kinds = new Set(tempFilesChosen.map((file) => file.fileType));
        return { tempFiles: tempFilesChosen, type: kinds.size > 1 ? 'mix' : (tempFilesChosen[0]?.fileType ?? 'image') };
      }),
    chooseImage: (options?: Options) =>
      answer('chooseImage', options, async () => {
        const files = await chooseFiles('chooseImage', 'image/*', numberOption(options, 'count', 9) > 1);
        const chosen = files.map((file) => ({ path: remember(file), size: file.size }));
        return { tempFilePaths: chosen.map((file) => file.path), tempFiles: chosen };
      }),
    chooseMessageFile: (options?: Options) =>
      answer('chooseMessageFile', options, async () => {
        const files = await chooseFiles('chooseMessageFile', '', numberOption(options, 'count', 1) > 1);
        return {
          tempFiles: files.map((file) => ({
            path: remember(file),
            size: file.size,
            name: file.name,
            type: 'file',
            time: Date.now(),
          })),
        };
      }),

    setClipboardData: (options?: Options) =>
      answer('setClipboardData', options, async () => {
        await navigator.clipboard?.writeText(stringOption(options, 'data')).catch(() => undefined);
        nativeUi.showToast({ title: '内容已复制', icon: 'none', duration: 1500, mask: false });
        return {};
      }),

    requestPayment: declined('requestPayment', 'fail cancel'),
    requestOrderPayment: declined('requestOrderPayment', 'fail cancel'),
    requestPluginPayment: declined('requestPluginPayment', 'fail cancel'),
    requestVirtualPayment: declined('requestVirtualPayment', 'fail cancel'),
    scanCode: declined('scanCode', 'fail cancel'),
    makePhoneCall: declined('makePhoneCall', 'fail cancel'),
    chooseLocation: declined('chooseLocation', 'fail cancel'),
    chooseAddress: declined('chooseAddress', 'fail cancel'),
    navigateToMiniProgram: declined('navigateToMiniProgram', 'fail cancel'),
    getLocation: declined('getLocation', 'fail auth deny'),
    getUserProfile: declined('getUserProfile', 'fail auth deny'),
    authorize: declined('authorize', 'fail auth deny'),
    saveImageToPhotosAlbum: declined('saveImageToPhotosAlbum', 'fail auth deny'),
    // WeChat answers a declined subscription with success and 'reject' for each template.
    requestSubscribeMessage: (options?: Options) => {
      warnUnavailable('requestSubscribeMessage', "每个模板 'reject'");
      return answer('requestSubscribeMessage', options, () => {
        const ids = (options?.tmplIds as string[] | undefined) ?? [];
        return Object.fromEntries(ids.map((id) => [id, 'reject']));
      });
    },
  };
  return wx;
}

/** Puts our answers over simulate's stub `wx` (which says `:ok` to everything). */
export function installWx(target: Record<string, unknown>, ours: Record<string, unknown>): void {
  for (const [name, value] of Object.entries(ours)) target[name] = value as Api | AnyFunction | object;
}
