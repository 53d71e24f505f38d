/**
 * How large a page reads (issue 11, elderly mode that follows WeChat). The phone's WeChat font
 * setting decides by default; the 大字模式 switch on home overrides it and is remembered.
 *
 *   Normal:  text ≥ 32rpx, tap targets ≥ 88rpx (app.wxss at --jjn-scale 1).
 *   Elderly: body ≥ 36rpx, primary targets ≥ 120rpx (工信部 适老化 spec): --jjn-scale ≥ 1.125,
 *            growing with WeChat's own font factor up to 1.5.
 *
 * The result is a style string for each page's root view: app.wxss computes every size token
 * from --jjn-scale there (see its header).
 */
export const READING_SIZE_KEY = 'reading-size';

/** What the person chose on home; 'system' (nothing chosen) follows WeChat's font setting. */
export type ReadingChoice = 'large' | 'normal' | 'system';

/** WeChat's font factor from which the system setting counts as large (its 偏大 steps start at ~1.1). */
export const LARGE_SYSTEM_FACTOR = 1.1;
export const ELDERLY_SCALE = 1.125;
export const MAX_SCALE = 1.5;
export const ELDERLY_PRIMARY_TARGET_RPX = 120;

export interface ReadingSize {
  elderly: boolean;
  /** The factor applied to every size token (1 in normal mode). */
  scale: number;
  /** Inline style for the page's root view ('' in normal mode: app.wxss's defaults). */
  style: string;
}

export function readReadingChoice(stored: unknown): ReadingChoice {
  return stored === 'large' || stored === 'normal' ? stored : 'system';
}

/**
 * The reading size for a choice and WeChat's font factor (wx.getAppBaseInfo().fontSizeScaleFactor,
 * 1 at the default size; a missing or odd value counts as 1).
 */
export function readingSize(choice: ReadingChoice, systemFactor: number): ReadingSize {
  const factor = Number.isFinite(systemFactor) && systemFactor > 0 ? systemFactor : 1;
  const elderly = choice === 'large' || (choice === 'system' && factor >= LARGE_SYSTEM_FACTOR);
  if (!elderly) return { elderly: false, scale: 1, style: '' };
  const scale = Math.round(Math.min(MAX_SCALE, Math.max(ELDERLY_SCALE, factor)) * 1000) / 1000;
  return {
    elderly: true,
    scale,
    style: `--jjn-scale: ${scale}; --jjn-target-primary: ${Math.round((ELDERLY_PRIMARY_TARGET_RPX * scale) / ELDERLY_SCALE)}rpx;`,
  };
}
