/**
 * Every page reads at the size the person chose (大字模式 on home) or WeChat's font setting gives:
 * the page's root view takes `style="{{readingStyle}}"` (a project test checks every page does).
 * Read when the page attaches and again when it shows, so a switch on home reaches pages below it.
 */
import {
  readingSize,
  readReadingChoice,
  READING_SIZE_KEY,
  type ReadingChoice,
  type ReadingSize,
} from '../domain/reading-size';

/** WeChat's font factor: getAppBaseInfo on current base libraries, getSystemInfoSync before. */
function systemFontFactor(): number {
  try {
    const info = (typeof wx.getAppBaseInfo === 'function' ? wx.getAppBaseInfo() : wx.getSystemInfoSync()) as {
      fontSizeScaleFactor?: number;
    };
    return Number(info.fontSizeScaleFactor ?? 1);
  } catch {
    return 1;
  }
}

export function readingChoice(): ReadingChoice {
  return readReadingChoice(wx.getStorageSync(READING_SIZE_KEY));
}

export function currentReadingSize(): ReadingSize {
  return readingSize(readingChoice(), systemFontFactor());
}

/** Remembers the person's choice on this phone and answers the size it gives. */
export function chooseReadingSize(choice: ReadingChoice): ReadingSize {
  if (choice === 'system') wx.removeStorageSync(READING_SIZE_KEY);
  else wx.setStorageSync(READING_SIZE_KEY, choice);
  return currentReadingSize();
}

function applyReadingSize(page: WechatMiniprogram.Component.TrivialInstance): void {
  const size = currentReadingSize();
  const shown = page.data as { readingStyle?: string; elderly?: boolean };
  if (shown.readingStyle !== size.style || shown.elderly !== size.elderly) {
    page.setData({ readingStyle: size.style, elderly: size.elderly });
  }
}

export const readingSizeBehavior = Behavior({
  data: { readingStyle: '', elderly: false },
  lifetimes: {
    attached(this: WechatMiniprogram.Component.TrivialInstance) {
      applyReadingSize(this);
    },
  },
  pageLifetimes: {
    show(this: WechatMiniprogram.Component.TrivialInstance) {
      applyReadingSize(this);
    },
  },
});
