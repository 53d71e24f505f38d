/**
 * The county dashboard (R-ORG-1, R-ORG-2): every village of the county by township — no society
 * yet, preparing (how far from 30,000 yuan, from which channels), active or suspended; registered
 * (登记) or filed (备案) — "应登记尽登记" at a glance. Pure: tested without rendering.
 */
import { formatYuan } from '../../../../domain/money';
import { LEDGER_ENTRY_LABELS, RAISING_TYPES } from '../../../../domain/funds';
import type { CountyDashboardView, DashboardVillage } from '../../../../domain/registry';
import { startupProgress, type TagTheme } from '../../../../utils/society-format';

export const NOT_COUNTY_MESSAGE = '全县互助社总览由县民政局、乡镇和县慈善协会互助社联合会查看';

export const STATE_THEMES: Record<DashboardVillage['state'], TagTheme> = {
  none: 'danger',
  preparing: 'warning',
  active: 'success',
  suspended: 'default',
};

export interface VillageRow {
  villageId: string;
  villageName: string;
  stateLabel: string;
  stateTheme: TagTheme;
  societyName: string;
  /** 登记号 清民社登字〔2026〕第001号 / 尚未登记 */
  registrationText: string;
  balanceText: string;
  showProgress: boolean;
  progressPercent: number;
  progressLabel: string;
  progressRemainder: string;
  /** 县财政补助 ¥10,000.00 · 村集体资金 ¥6,000.00 · 社会捐赠 ¥5,000.00 */
  channelsText: string;
  /** The activation items still missing (R-ORG-2). */
  missingText: string;
  url: string;
}

export interface TownshipGroup {
  townshipId: string;
  townshipName: string;
  countText: string;
  villages: VillageRow[];
}

export interface CountyDashboardScreen {
  countyName: string;
  summaryLines: string[];
  townships: TownshipGroup[];
  calendarWarning: string;
}

export function toVillageRow(village: DashboardVillage): VillageRow {
  const society = village.society;
  const progress = society ? startupProgress(society.checklist.raisedFen, society.checklist.targetFen) : null;
  const registrationLabel = society?.form === 'filed' ? '备案' : '登记';
  return {
    villageId: village.villageId,
    villageName: village.villageName,
    stateLabel: village.stateLabel,
    stateTheme: STATE_THEMES[village.state],
    societyName: society?.name ?? '',
    registrationText: society
      ? society.registrationNumber
        ? `${registrationLabel}号 ${society.registrationNumber}`
        : `尚未${registrationLabel}`
      : '应登记尽登记：请指导本村成立互助社',
    balanceText: society ? `余额 ${formatYuan(society.balanceFen)}` : '',
    showProgress: village.state === 'preparing',
    progressPercent: progress?.percent ?? 0,
    progressLabel: progress?.label ?? '',
    progressRemainder: progress?.remainder ?? '',
    channelsText: society
      ? RAISING_TYPES.map((type) => `${LEDGER_ENTRY_LABELS[type]} ${formatYuan(society.raisedByChannel[type])}`).join(
          ' · ',
        )
      : '',
    missingText:
      village.state === 'preparing' && society
        ? society.checklist.items
            .filter((item) => !item.ok)
            .map((item) => item.detail)
            .join('；')
        : '',
    url: society ? `/pages/society/index?societyId=${encodeURIComponent(society.id)}` : '',
  };
}

export function toCountyDashboardScreen(view: CountyDashboardView): CountyDashboardScreen {
  const townships: TownshipGroup[] = [];
  for (const village of view.villages) {
    let group = townships.find((candidate) => candidate.townshipId === village.townshipId);
    if (!group) {
      group = { townshipId: village.townshipId, townshipName: village.townshipName, countText: '', villages: [] };
      townships.push(group);
    }
    group.villages.push(toVillageRow(village));
  }
  for (const group of townships) {
    const rows = view.villages.filter((village) => village.townshipId === group.townshipId);
    const none = rows.filter((village) => village.state === 'none').length;
    group.countText = `${rows.length} 个村，已成立 ${rows.length - none} 个${none > 0 ? `，尚未成立 ${none} 个` : ''}`;
  }
  const s = view.summary;
  return {
    countyName: view.countyName,
    summaryLines: [
      `全县 ${s.villages} 个村（社区）：尚未成立 ${s.none} 个，筹备中 ${s.preparing} 个，运行中 ${s.active} 个${
        s.suspended > 0 ? `，已暂停 ${s.suspended} 个` : ''
      }`,
      `已成立的互助社：登记 ${s.registered} 个，备案 ${s.filed} 个`,
    ],
    townships,
    calendarWarning: view.workCalendar.complete ? '' : '节假日和调休数据不全，办理时限可能不准，请县民政局补录',
  };
}
