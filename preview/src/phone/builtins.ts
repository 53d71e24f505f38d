/**
 * WeChat's built-in `input`, `textarea` and `image`, drawn with real DOM elements. simulate
 * registers every built-in as an empty `<wx-name><slot/></wx-name>`, which is enough for `view` or
 * `text` but leaves nothing to type into and no picture; these replace those three registrations.
 * They answer with WeChat's events (`input`, `focus`, `blur`, `confirm`; `load`, `error`).
 */
import { simulate, type BuiltinInstance, type ComponentDefinition } from './simulate';

/** Where a page's image address points in the preview. */
export function imageUrl(src: string): string {
  if (!src) return '';
  // A bare file id shows nothing: storage is private, a page shows a file through fileLinks' address.
  if (src.startsWith('cloud://') || src.startsWith('local:')) return '';
  // What LocalFiles.url() answers (signed, short-lived): served by the local stack as it is.
  if (src.startsWith('/files/')) return src;
  // photoSrc() of a local file: the local stack's address as config.localBaseUrl spells it → this origin.
  const local = /^https?:\/\/(?:127\.0\.0\.1|localhost)(?::\d+)?(\/files\/.*)$/.exec(src);
  if (local) return local[1]!;
  if (/^(https?:|data:|blob:)/.test(src)) return src;
  if (src.startsWith('/')) return `/preview/mp${src}`;
  return src;
}

type Field = HTMLInputElement | HTMLTextAreaElement;

function field(instance: BuiltinInstance): Field | null {
  return (instance.__element as Field | undefined) ?? null;
}

function syncField(instance: BuiltinInstance): void {
  const element = field(instance);
  if (!element) return;
  const data = instance.data;
  const value = data.value === undefined || data.value === null ? '' : String(data.value);
  if (element.value !== value) element.value = value;
  element.placeholder = String(data.placeholder ?? '');
  element.disabled = !!data.disabled;
  const maxlength = Number(data.maxlength ?? 140);
  if (maxlength >= 0) element.maxLength = maxlength;
  else element.removeAttribute('maxlength');
  if (element instanceof HTMLInputElement) {
    const type = String(data.type ?? 'text');
    element.type = data.password ? 'password' : 'text';
    element.inputMode = type === 'number' ? 'numeric' : type === 'digit' ? 'decimal' : type === 'idcard' ? 'text' : '';
  }
  const style = String(data.placeholderStyle ?? '');
  element.dataset.placeholderStyle = style;
  if (data.focus && document.activeElement !== element) element.focus();
}

function fieldDefinition(name: 'input' | 'textarea'): ComponentDefinition {
  return {
    id: name,
    tagName: `wx-${name}`,
    template: '<slot/>',
    properties: {
      value: { type: null, value: '' },
      type: { type: String, value: 'text' },
      password: { type: Boolean, value: false },
      placeholder: { type: String, value: '' },
      placeholderStyle: { type: String, value: '' },
      placeholderClass: { type: String, value: '' },
      disabled: { type: Boolean, value: false },
      maxlength: { type: Number, value: name === 'input' ? 140 : 140 },
      focus: { type: Boolean, value: false },
      autoFocus: { type: Boolean, value: false },
      autoHeight: { type: Boolean, value: false },
      confirmType: { type: String, value: 'done' },
      name: { type: String, value: '' },
    },
    observers: {
      'value, placeholder, disabled, maxlength, password, type, focus'(this: BuiltinInstance) {
        syncField(this);
      },
    },
    lifetimes: {
      attached(this: BuiltinInstance) {
        const element = document.createElement(name);
        element.className = `wx-native-${name}`;
        this.$$.appendChild(element);
        this.__element = element;
        syncField(this);
        const detail = () => ({ value: element.value, cursor: element.selectionStart ?? element.value.length });
        element.addEventListener('input', (event) => {
          // WeChat reports the value without keeping it: the page's setData decides what shows.
          this.data.value = element.value;
          this.triggerEvent('input', { ...detail(), keyCode: (event as InputEvent).data ? 0 : 8 });
          if (name === 'textarea' && this.data.autoHeight) {
            element.style.height = 'auto';
            element.style.height = `${element.scrollHeight}px`;
          }
        });
        element.addEventListener('focus', () => this.triggerEvent('focus', { value: element.value, height: 0 }));
        element.addEventListener('blur', () => this.triggerEvent('blur', detail()));
        element.addEventListener('keydown', (event) => {
          if ((event as KeyboardEvent).key === 'Enter' && name === 'input')
            this.triggerEvent('confirm', { value: element.value });
        });
        if (this.data.autoFocus || this.data.focus) window.setTimeout(() => element.focus(), 0);
      },
    },
  };
}

const BACKGROUND_MODES: Record<string, string> = {
  scaleToFill: 'background-size:100% 100%;background-position:center',
  aspectFit: 'background-size:contain;background-position:center',
  aspectFill: 'background-size:cover;background-position:center',
  top: 'background-position:top center',
  bottom: 'background-position:bottom center',
  center: 'background-position:center',
  left: 'background-position:center left',
  right: 'background-position:center right',
  'top left': 'background-position:top left',
  'top right': 'background-position:top right',
  'bottom left': 'background-position:bottom left',
  'bottom right': 'background-position:bottom right',
};

function syncImage(instance: BuiltinInstance): void {
  const holder = instance.__element;
  if (!holder) return;
  const src = imageUrl(String(instance.data.src ?? ''));
  const mode = String(instance.data.mode ?? 'scaleToFill');
  const fixedWidth = mode === 'widthFix';
  const fixedHeight = mode === 'heightFix';
  const picture = holder.querySelector('img') as HTMLImageElement;
  instance.$$.classList.toggle('wx-image--width-fix', fixedWidth);
  instance.$$.classList.toggle('wx-image--height-fix', fixedHeight);
  if (fixedWidth || fixedHeight) holder.setAttribute('style', '');
  else
    holder.setAttribute('style', `background-image:${src ? `url("${src}")` : 'none'};${BACKGROUND_MODES[mode] ?? ''}`);
  if (picture.getAttribute('src') !== src) {
    if (src) picture.setAttribute('src', src);
    else picture.removeAttribute('src');
  }
}

const imageDefinition: ComponentDefinition = {
  id: 'image',
  tagName: 'wx-image',
  template: '<slot/>',
  properties: {
    src: { type: String, value: '' },
    mode: { type: String, value: 'scaleToFill' },
    lazyLoad: { type: Boolean, value: false },
    webp: { type: Boolean, value: false },
    showMenuByLongpress: { type: Boolean, value: false },
  },
  observers: {
    'src, mode'(this: BuiltinInstance) {
      syncImage(this);
    },
  },
  lifetimes: {
    attached(this: BuiltinInstance) {
      const holder = document.createElement('div');
      holder.className = 'wx-native-image-holder';
      const picture = document.createElement('img');
      picture.className = 'wx-native-image-picture';
      picture.alt = '';
      picture.addEventListener('load', () =>
        this.triggerEvent('load', { width: picture.naturalWidth, height: picture.naturalHeight }),
      );
      picture.addEventListener('error', () =>
        this.triggerEvent('error', { errMsg: `GET ${picture.src} 404 (Not Found)` }),
      );
      holder.appendChild(picture);
      this.$$.appendChild(holder);
      this.__element = holder;
      syncImage(this);
    },
  },
};

/** simulate's list of WeChat's built-in components (miniprogram-simulate/src/definition.js). */
const BUILTIN_TAGS = [
  'cover-image',
  'cover-view',
  'grid-view',
  'list-view',
  'match-media',
  'movable-area',
  'movable-view',
  'page-container',
  'root-portal',
  'scroll-view',
  'share-element',
  'sticky-header',
  'sticky-section',
  'swiper',
  'swiper-item',
  'view',
  'icon',
  'progress',
  'rich-text',
  'text',
  'button',
  'checkbox',
  'checkbox-group',
  'editor',
  'form',
  'input',
  'keyboard-accessory',
  'label',
  'picker',
  'picker-view',
  'picker-view-column',
  'radio',
  'radio-group',
  'slider',
  'switch',
  'textarea',
  'functional-page-navigator',
  'navigator',
  'audio',
  'camera',
  'channel-live',
  'channel-video',
  'image',
  'live-player',
  'live-pusher',
  'video',
  'voip-room',
  'map',
  'canvas',
  'web-view',
  'ad',
  'ad-custom',
  'official-account',
  'open-data',
  'navigation-bar',
  'page-meta',
];

/**
 * `hidden` hides any built-in in WeChat; simulate's registrations drop the attribute (it is not a
 * declared property), so every built-in is registered again with it.
 */
function withHidden(definition: ComponentDefinition): ComponentDefinition {
  return {
    ...definition,
    properties: { ...definition.properties, hidden: { type: Boolean, value: false } },
    observers: {
      ...definition.observers,
      hidden(this: BuiltinInstance, hidden: boolean) {
        this.$$.hidden = !!hidden;
      },
    },
  };
}

const DRAWN: Record<string, ComponentDefinition> = {
  input: fieldDefinition('input'),
  textarea: fieldDefinition('textarea'),
  image: imageDefinition,
};

export function registerBuiltins(): void {
  for (const tag of BUILTIN_TAGS) {
    simulate().load(withHidden(DRAWN[tag] ?? { id: tag, tagName: `wx-${tag}`, template: '<slot/>' }));
  }
}
