/**
 * The one way pages show a toast: TDesign's `<t-toast id="t-toast" />`, which every page that
 * toasts must hold. Observers (the page tests) see every toast a page asks for.
 */
export type ToastTheme = 'success' | 'warning' | 'error' | 'loading';

export interface ToastRequest {
  message: string;
  theme?: ToastTheme;
  duration?: number;
}

type ToastObserver = (request: ToastRequest) => void;

interface ToastComponent {
  show(options: ToastRequest & { duration: number }): void;
}

const observers = new Set<ToastObserver>();

/** Returns a function that stops observing. */
export function observeToasts(observer: ToastObserver): () => void {
  observers.add(observer);
  return () => observers.delete(observer);
}

/** `page` is the page component holding `<t-toast id="t-toast" />`. */
export function showToast(page: WechatMiniprogram.Component.TrivialInstance, request: ToastRequest): void {
  observers.forEach((observer) => observer(request));
  const toast = page.selectComponent('#t-toast') as unknown as ToastComponent | null;
  if (toast) toast.show({ duration: 2000, ...request });
}
