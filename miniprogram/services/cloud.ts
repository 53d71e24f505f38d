/**
 * The only door to the backend. Every cloud function answers an envelope
 * `{ ok: true, data } | { ok: false, error: { code, message } }`; callCloud unwraps it, or throws
 * a CloudCallError whose message (Chinese) can be shown to the user as it is.
 */
import { config, DEMO_CALLER_STORAGE_KEY } from '../config';
import { activeBackend } from './backend';
import type { CloudContract } from './contract';

/** A cloud function's name (server/functions/index.ts). */
export type CloudFunctionName = keyof CloudContract;

/** An action of that function. */
export type CloudAction<F extends CloudFunctionName> = keyof CloudContract[F] & string;

/** What a page sends: the action's zod schema, as input (fields with defaults may be left out). */
export type CloudPayload<F extends CloudFunctionName, A extends CloudAction<F>> = CloudContract[F][A] extends {
  payload: infer P;
}
  ? P
  : never;

/** What the action answers (its handler's result). */
export type CloudResult<F extends CloudFunctionName, A extends CloudAction<F>> = CloudContract[F][A] extends {
  result: infer R;
}
  ? R
  : never;

export const NETWORK_ERROR_MESSAGE = '网络连接失败，请检查网络后重试';
export const BAD_RESPONSE_MESSAGE = '服务暂时不可用，请稍后再试';

export class CloudCallError extends Error {
  readonly code: string;

  /** @param message Chinese, shown to the user. */
  constructor(code: string, message: string) {
    super(message);
    this.name = 'CloudCallError';
    this.code = code;
  }
}

interface ErrorBody {
  code: string;
  message: string;
}

type Envelope<T> = { ok: true; data: T } | { ok: false; error: ErrorBody };

let cloudInitialised = false;

/** Called once from app.ts: in cloud mode, binds wx.cloud to the configured environment (or the default one). */
export function initCloud(): void {
  if (activeBackend() !== 'cloud' || cloudInitialised) return;
  wx.cloud.init(config.cloudEnv ? { env: config.cloudEnv, traceUser: true } : { traceUser: true });
  cloudInitialised = true;
}

/** The demo identity the local stack acts as (local mode only). */
export function getDemoCaller(): string {
  const stored: unknown = wx.getStorageSync(DEMO_CALLER_STORAGE_KEY);
  return typeof stored === 'string' && stored !== '' ? stored : config.defaultDemoCaller;
}

export function setDemoCaller(openid: string): void {
  wx.setStorageSync(DEMO_CALLER_STORAGE_KEY, openid);
}

/**
 * Calls `action` of cloud function `name`. Name, action, payload and result are the server's own
 * (miniprogram/services/contract.d.ts, generated from server/functions by `npm run build`): a
 * wrong name, action or payload field fails `tsc`, not the cloud at run time.
 */
export async function callCloud<F extends CloudFunctionName, A extends CloudAction<F>>(
  name: F,
  action: A,
  payload: CloudPayload<F, A>,
): Promise<CloudResult<F, A>> {
  // Every payload schema is an object (server/api/dispatch.ts reads `action` beside its fields).
  const body = { ...(payload as object), action };
  const answer = activeBackend() === 'cloud' ? await callCloudFunction(name, body) : await postToLocalStack(name, body);
  return unwrap<CloudResult<F, A>>(answer);
}

async function callCloudFunction(name: string, data: Record<string, unknown>): Promise<unknown> {
  try {
    const response = await wx.cloud.callFunction({ name, data });
    return response.result;
  } catch (err) {
    console.error(`cloud function ${name} failed`, err);
    throw new CloudCallError('NETWORK', NETWORK_ERROR_MESSAGE);
  }
}

function postToLocalStack(name: string, data: Record<string, unknown>): Promise<unknown> {
  return new Promise((resolve, reject) => {
    wx.request({
      url: `${config.localBaseUrl}/functions/${name}`,
      method: 'POST',
      data,
      header: { 'content-type': 'application/json', 'x-openid': getDemoCaller() },
      success: (res) => resolve(res.data),
      fail: (err) => {
        console.error(`local function ${name} failed`, err);
        reject(new CloudCallError('NETWORK', NETWORK_ERROR_MESSAGE));
      },
    });
  });
}

function unwrap<T>(answer: unknown): T {
  if (isEnvelope<T>(answer)) {
    if (answer.ok) return answer.data;
    throw new CloudCallError(answer.error.code, answer.error.message || BAD_RESPONSE_MESSAGE);
  }
  console.error('not an envelope', answer);
  throw new CloudCallError('BAD_RESPONSE', BAD_RESPONSE_MESSAGE);
}

function isEnvelope<T>(value: unknown): value is Envelope<T> {
  if (typeof value !== 'object' || value === null || !('ok' in value)) return false;
  if (value.ok === true) return true;
  if (value.ok !== false || !('error' in value)) return false;
  const error = value.error;
  return typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string';
}

/** Turns anything thrown by a service into a Chinese sentence for the screen. */
export function errorMessage(err: unknown): string {
  return err instanceof CloudCallError ? err.message : BAD_RESPONSE_MESSAGE;
}
