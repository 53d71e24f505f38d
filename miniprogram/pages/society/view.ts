/** Shapes a society's public view for its page. Pure: tested without rendering. */
import { formatYuan } from '../../domain/money';
import type { SocietyPublicView } from '../../domain/society';
import { FORM_TAG_THEMES, STATUS_TAG_THEMES, placeLine, startupProgress } from '../../utils/society-format';
import type { TagTheme } from '../../utils/society-format';

export interface SocietyScreen {
  name: string;
  place: string;
  formLabel: string;
  formTheme: TagTheme;
  statusLabel: string;
  statusTheme: TagTheme;
  /** 登记证号 or 备案号 */
  registrationTitle: string;
  registrationNumber: string;
  balanceText: string;
  raisedText: string;
  /** R-ORG-2: only a preparing society shows how far it is from the start-up fund. */
  showProgress: boolean;
  progressPercent: number;
  progressLabel: string;
  progressRemainder: string;
}

export function toSocietyScreen(society: SocietyPublicView): SocietyScreen {
  const progress = startupProgress(society.fund.raisedFen, society.fund.targetFen);
  return {
    name: society.name,
    place: placeLine(society.countyName, society.townshipName, society.villageName),
    formLabel: society.formLabel,
    formTheme: FORM_TAG_THEMES[society.form],
    statusLabel: society.statusLabel,
    statusTheme: STATUS_TAG_THEMES[society.status],
    registrationTitle: society.form === 'registered' ? '登记证号' : '备案号',
    registrationNumber: society.registrationNumber ?? '办理中',
    balanceText: formatYuan(society.fund.balanceFen),
    raisedText: formatYuan(society.fund.raisedFen),
    showProgress: society.status === 'preparing',
    progressPercent: progress.percent,
    progressLabel: progress.label,
    progressRemainder: progress.remainder,
  };
}

export const MISSING_SOCIETY_MESSAGE = '缺少互助社编号，请重新扫描村务公开栏上的二维码';
