/**
 * How WeChat's asynchronous APIs answer: `success` / `fail` / `complete` callbacks when any is
 * given, otherwise a promise (rejected with `{ errMsg }` on failure). errMsg is `<api>:ok` or
 * `<api>:fail <reason>`.
 */
export interface Callbacks {
  success?: (result: never) => void;
  fail?: (error: never) => void;
  complete?: (result: never) => void;
}

export type Options = Record<string, unknown> & Callbacks;

export class WxFail extends Error {
  readonly errMsg: string;
  readonly extra: Record<string, unknown>;

  constructor(api: string, reason: string, extra: Record<string, unknown> = {}) {
    const errMsg = `${api}:fail ${reason}`;
    super(errMsg);
    this.errMsg = errMsg;
    this.extra = extra;
  }
}

function hasCallbacks(options: Options | undefined): boolean {
  return (
    !!options &&
    (typeof options.success === 'function' ||
      typeof options.fail === 'function' ||
      typeof options.complete === 'function')
  );
}

type Callback = (value: unknown) => void;

function call(callback: unknown, value: unknown): void {
  if (typeof callback === 'function') (callback as Callback)(value);
}

/** Runs `work` and answers like a WeChat API named `api`. */
export function answer<T extends object>(
  api: string,
  options: Options | undefined,
  work: () => Promise<T> | T,
): Promise<T & { errMsg: string }> | undefined {
  const settled = Promise.resolve()
    .then(work)
    .then(
      (result) => ({ ok: true as const, value: { errMsg: `${api}:ok`, ...result } }),
      (error: unknown) => {
        const failure =
          error instanceof WxFail
            ? { errMsg: error.errMsg, ...error.extra }
            : { errMsg: `${api}:fail ${error instanceof Error ? error.message : String(error)}` };
        return { ok: false as const, value: failure };
      },
    );
  if (hasCallbacks(options)) {
    void settled.then((outcome) => {
      call(outcome.ok ? options?.success : options?.fail, outcome.value);
      call(options?.complete, outcome.value);
    });
    return undefined;
  }
  return settled.then((outcome) => {
    if (outcome.ok) return outcome.value as T & { errMsg: string };
    throw outcome.value;
  });
}

export function stringOption(options: Options | undefined, key: string, fallback = ''): string {
  const value = options?.[key];
  return typeof value === 'string' ? value : fallback;
}

export function numberOption(options: Options | undefined, key: string, fallback: number): number {
  const value = options?.[key];
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}

export function booleanOption(options: Options | undefined, key: string, fallback: boolean): boolean {
  const value = options?.[key];
  return typeof value === 'boolean' ? value : fallback;
}
