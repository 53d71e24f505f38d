/**
 * What WeChat draws natively over a page: toast, loading, modal, action sheet, image preview.
 * Drawn in the phone's document (styles in preview/styles/phone.css, classes `wx-native-*`).
 */
const ICONS = {
  success:
    '<svg viewBox="0 0 24 24" width="40" height="40"><path d="M4 12.5l5 5L20 6.5" fill="none" stroke="currentColor" stroke-width="2"/></svg>',
  error:
    '<svg viewBox="0 0 24 24" width="40" height="40"><circle cx="12" cy="12" r="9" fill="none" stroke="currentColor" stroke-width="1.8"/><path d="M12 7v6.5M12 16v1.5" stroke="currentColor" stroke-width="2"/></svg>',
  loading: '<span class="wx-native-spinner"></span>',
} as const;

export type ToastIcon = 'success' | 'error' | 'loading' | 'none';

let toast: { element: HTMLElement; timer: number | null; loading: boolean } | null = null;

function layer(className: string, blocking: boolean): HTMLElement {
  const element = document.createElement('div');
  element.className = `wx-native-layer ${className}${blocking ? ' wx-native-layer--mask' : ''}`;
  document.body.appendChild(element);
  return element;
}

function text(tag: string, className: string, content: string): HTMLElement {
  const element = document.createElement(tag);
  element.className = className;
  element.textContent = content;
  return element;
}

export function hideToast(onlyLoading?: boolean): void {
  if (!toast || (onlyLoading !== undefined && toast.loading !== onlyLoading)) return;
  if (toast.timer !== null) window.clearTimeout(toast.timer);
  toast.element.remove();
  toast = null;
}

export function showToast(options: {
  title: string;
  icon: ToastIcon;
  image?: string;
  duration: number;
  mask: boolean;
  loading?: boolean;
}): void {
  hideToast();
  const element = layer('wx-native-toast-layer', options.mask);
  const box = document.createElement('div');
  const withIcon = options.icon !== 'none' || !!options.image;
  box.className = `wx-native-toast${withIcon ? ' wx-native-toast--icon' : ''}`;
  if (options.image) {
    const image = document.createElement('img');
    image.src = options.image;
    image.className = 'wx-native-toast__image';
    box.appendChild(image);
  } else if (options.icon !== 'none') {
    const icon = document.createElement('div');
    icon.className = 'wx-native-toast__icon';
    icon.innerHTML = ICONS[options.icon];
    box.appendChild(icon);
  }
  box.appendChild(text('div', 'wx-native-toast__title', options.title));
  element.appendChild(box);
  const timer = options.loading ? null : window.setTimeout(() => hideToast(), options.duration);
  toast = { element, timer, loading: !!options.loading };
}

export interface ModalOptions {
  title: string;
  content: string;
  showCancel: boolean;
  cancelText: string;
  cancelColor: string;
  confirmText: string;
  confirmColor: string;
  editable: boolean;
  placeholderText: string;
}

export function showModal(options: ModalOptions): Promise<{ confirm: boolean; cancel: boolean; content?: string }> {
  return new Promise((resolve) => {
    const element = layer('wx-native-modal-layer', true);
    const box = document.createElement('div');
    box.className = 'wx-native-modal';
    box.setAttribute('role', 'dialog');
    if (options.title) box.appendChild(text('div', 'wx-native-modal__title', options.title));
    let input: HTMLTextAreaElement | null = null;
    if (options.editable) {
      input = document.createElement('textarea');
      input.className = 'wx-native-modal__input';
      input.placeholder = options.placeholderText;
      input.value = options.content;
      box.appendChild(input);
    } else if (options.content) {
      box.appendChild(text('div', 'wx-native-modal__content', options.content));
    }
    const buttons = document.createElement('div');
    buttons.className = 'wx-native-modal__buttons';
    const close = (confirm: boolean) => {
      element.remove();
      resolve(
        options.editable ? { confirm, cancel: !confirm, content: input?.value ?? '' } : { confirm, cancel: !confirm },
      );
    };
    if (options.showCancel) {
      const cancel = text('button', 'wx-native-modal__button', options.cancelText);
      cancel.style.color = options.cancelColor;
      cancel.addEventListener('click', () => close(false));
      buttons.appendChild(cancel);
    }
    const confirm = text('button', 'wx-native-modal__button wx-native-modal__button--confirm', options.confirmText);
    confirm.style.color = options.confirmColor;
    confirm.addEventListener('click', () => close(true));
    buttons.appendChild(confirm);
    box.appendChild(buttons);
    element.appendChild(box);
  });
}

/** Resolves with the tapped index, or null for 取消 / a tap on the mask. */
export function showActionSheet(options: {
  alertText: string;
  itemList: string[];
  itemColor: string;
}): Promise<number | null> {
  return new Promise((resolve) => {
    const element = layer('wx-native-sheet-layer', true);
    const sheet = document.createElement('div');
    sheet.className = 'wx-native-sheet';
    const close = (index: number | null) => {
      element.remove();
      resolve(index);
    };
    if (options.alertText) sheet.appendChild(text('div', 'wx-native-sheet__alert', options.alertText));
    options.itemList.forEach((item, index) => {
      const button = text('button', 'wx-native-sheet__item', item);
      button.style.color = options.itemColor;
      button.addEventListener('click', () => close(index));
      sheet.appendChild(button);
    });
    const cancel = text('button', 'wx-native-sheet__item wx-native-sheet__cancel', '取消');
    cancel.addEventListener('click', () => close(null));
    sheet.appendChild(cancel);
    element.addEventListener('click', (event) => {
      if (event.target === element) close(null);
    });
    element.appendChild(sheet);
  });
}

export function previewImage(urls: string[], current: string): void {
  const element = layer('wx-native-image-layer', true);
  const image = document.createElement('img');
  image.className = 'wx-native-image';
  image.src = current || urls[0] || '';
  element.appendChild(image);
  element.addEventListener('click', () => element.remove());
}

/** A page error or a build error, shown over the page (WeChat DevTools shows these in its console). */
export function showErrorBanner(title: string, detail: string): void {
  const banner = document.createElement('div');
  banner.className = 'wx-native-error';
  banner.appendChild(text('div', 'wx-native-error__title', title));
  banner.appendChild(text('pre', 'wx-native-error__detail', detail));
  banner.addEventListener('click', () => banner.remove());
  document.body.appendChild(banner);
}
