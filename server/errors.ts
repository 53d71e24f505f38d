/**
 * Every error a cloud function can answer: a stable code for the page, a Chinese message a
 * villager can read, and an English detail that only goes to the logs.
 */
export const ERROR_MESSAGES = {
  BAD_REQUEST: '请求内容有误，请检查后重试',
  UNKNOWN_ACTION: '不支持的操作',
  UNAUTHENTICATED: '无法识别您的微信身份，请重新进入小程序',
  FORBIDDEN: '您没有权限进行此操作',
  NOT_FOUND: '没有找到相关记录',
  CONFLICT: '该记录已被他人修改，请刷新后重试',
  DUPLICATE: '该操作已经提交过，无需重复提交',
  INSUFFICIENT_FUNDS: '互助资金余额不足，无法支出',
  INVALID_STATE: '当前状态下不能进行此操作',
  // relief cases (issue 4)
  OVER_CAP: '救助金额超过规定的上限或档次标准',
  NOT_ELIGIBLE: '不符合救助申请条件',
  // public notices and oversight (issue 5)
  CONTENT_REJECTED: '内容含有不适宜发布的信息，请修改后再提交',
  INTERNAL: '系统繁忙，请稍后再试',
  // go-live (issue 12): the deployment is missing something it must have
  UNAVAILABLE: '服务尚未配置完成，暂时不能使用，请联系县民政局',
} as const;

export type ErrorCode = keyof typeof ERROR_MESSAGES;

export class AppError extends Error {
  readonly code: ErrorCode;
  /** Shown on the page: Chinese. */
  readonly userMessage: string;

  /**
   * @param logMessage English, for the logs only.
   * @param userMessage Chinese, for the page; defaults to the code's message.
   */
  constructor(code: ErrorCode, logMessage: string, userMessage?: string) {
    super(logMessage);
    this.name = 'AppError';
    this.code = code;
    this.userMessage = userMessage ?? ERROR_MESSAGES[code];
  }
}

export interface ErrorBody {
  code: ErrorCode;
  message: string;
}

/** What every cloud function answers. */
export type Envelope<T = unknown> = { ok: true; data: T } | { ok: false; error: ErrorBody };
