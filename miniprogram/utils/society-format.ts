/**
 * Screen shaping shared by the society, workbench and overview pages: tag colours and the
 * start-up fund progress. Pure: no wx.
 */
import { formatYuan } from '../domain/money';
import { STARTUP_FUND_TARGET_FEN } from '../domain/society';
import type { SocietyForm, SocietyStatus } from '../domain/society';

/** TDesign t-tag themes. */
export type TagTheme = 'default' | 'primary' | 'success' | 'warning' | 'danger';

export const STATUS_TAG_THEMES: Record<SocietyStatus, TagTheme> = {
  active: 'success',
  preparing: 'warning',
  suspended: 'danger',
};

export const FORM_TAG_THEMES: Record<SocietyForm, TagTheme> = {
  registered: 'primary',
  filed: 'default',
};

export interface StartupProgress {
  /** 0–100, for t-progress. */
  percent: number;
  /** 已筹集 ¥21,000.00 / 目标 ¥30,000.00 */
  label: string;
  /** 还差 ¥9,000.00 达到启动资金 */
  remainder: string;
}

/** R-ORG-2: how far a preparing society is from the 30,000 yuan it needs to start. */
export function startupProgress(raisedFen: number, targetFen: number = STARTUP_FUND_TARGET_FEN): StartupProgress {
  const percent = targetFen > 0 ? Math.min(100, Math.max(0, Math.floor((raisedFen * 100) / targetFen))) : 100;
  const shortfallFen = Math.max(0, targetFen - raisedFen);
  return {
    percent,
    label: `已筹集 ${formatYuan(raisedFen)} / 目标 ${formatYuan(targetFen)}`,
    remainder: shortfallFen > 0 ? `还差 ${formatYuan(shortfallFen)} 达到启动资金` : '已达到启动资金要求',
  };
}

/** 清溪县 · 青石镇 · 王家村 */
export function placeLine(...parts: Array<string | null | undefined>): string {
  return parts.filter((part): part is string => Boolean(part)).join(' · ');
}
