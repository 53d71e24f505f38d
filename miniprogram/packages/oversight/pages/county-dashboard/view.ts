/**
 * The county dashboard (R-ORG-1, R-ORG-2): the county's counts and one row per township; a
 * township opened shows its villages a page at a time — no society yet, preparing (how far from
 * 30,000 yuan, from which channels), active or suspended; registered (登记) or filed (备案) —
 * "应登记尽登记" at a glance. Pure: tested without rendering.
 */
import { formatYuan } from '../../../../domain/money';
import { LEDGER_ENTRY_LABELS, RAISING_TYPES } from '../../../../domain/funds';
import type {
  CountyDashboardView,
  DashboardCounts,
  DashboardTownship,
  DashboardVillage,
  TownshipVillagesPage,
} from '../../../../domain/registry';
import type { MeView, Role, SocietyForm } from '../../../../domain/society';
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
  /** No society yet and the caller may found one (R-ORG-1): the 「筹建互助社」 button. */
  canFound: boolean;
  /** Preparing and the caller founds societies: the next steps (invite the president, the settings). */
  showNextSteps: boolean;
  /** 「邀请社长」 while the society has no president, else 「邀请成员」. */
  inviteLabel: string;
  inviteUrl: string;
  settingsUrl: string;
}

/** One township on the county's first view: its counts, and the button that opens its villages. */
export interface TownshipRow {
  townshipId: string;
  townshipName: string;
  /** 「3 个村，已成立 2 个，尚未成立 1 个」 */
  countText: string;
  /** 「筹备中 1 · 运行中 1 · 登记 1 · 备案 1」 */
  stateText: string;
}

/** A township opened: its villages so far, a page at a time. */
export interface TownshipScreen {
  townshipId: string;
  townshipName: string;
  countText: string;
  villages: VillageRow[];
  /** Where the next page starts, or null when every village is shown. */
  nextOffset: number | null;
  /** 「已显示全部 3 个村」 once the last page is in. */
  endText: string;
}

export interface CountyDashboardScreen {
  countyName: string;
  summaryLines: string[];
  townships: TownshipRow[];
  calendarWarning: string;
}

/** Who may found a society for a village (the backend's `societies/create`): the county, and a township for its own villages — the only ones its dashboard lists. */
export const FOUNDER_ROLES: readonly Role[] = ['county', 'township'];

export function canFoundSocieties(me: MeView): boolean {
  return me.roles.some((grant) => FOUNDER_ROLES.includes(grant.role));
}

export interface FoundFormOption {
  value: SocietyForm;
  label: string;
  hint: string;
}

/** 登记 or 备案, each in one plain line. */
export const FOUND_FORMS: readonly FoundFormOption[] = [
  {
    value: 'registered',
    label: '登记',
    hint: '在县民政局登记，互助社开立自己的银行账户；登记证号办好后再补填',
  },
  {
    value: 'filed',
    label: '备案',
    hint: '在县民政局备案，不单独开户，资金存在县慈善协会互助社联合会为本村开设的分账户',
  },
];

export const NAME_MIN = 2;
export const NAME_MAX = 40;
export const NAME_PROBLEM = `互助社名称须为 ${NAME_MIN} 到 ${NAME_MAX} 个字`;
export const FORM_PROBLEM = '请选择登记或备案';

export function defaultSocietyName(villageName: string): string {
  return `${villageName}救急难互助社`;
}

/** What is wrong with the founding form ('' when nothing); an empty name means the default. */
export function foundProblem(form: string, name: string): string {
  if (!FOUND_FORMS.some((option) => option.value === form)) return FORM_PROBLEM;
  const trimmed = name.trim();
  if (trimmed && (trimmed.length < NAME_MIN || trimmed.length > NAME_MAX)) return NAME_PROBLEM;
  return '';
}

/** The payload of `societies/create` beyond the village: the name only when it is not the default. */
export function toFoundInput(
  villageName: string,
  form: SocietyForm,
  name: string,
): { form: SocietyForm; name?: string } {
  const trimmed = name.trim();
  return trimmed && trimmed !== defaultSocietyName(villageName) ? { form, name: trimmed } : { form };
}

export function foundedMessage(societyName: string): string {
  return `${societyName}已进入筹备`;
}

export function toVillageRow(village: DashboardVillage, founder = false): VillageRow {
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
    canFound: founder && village.state === 'none',
    showNextSteps: founder && village.state === 'preparing' && society !== null,
    inviteLabel: society?.checklist.items.some((item) => item.key === 'president' && !item.ok)
      ? '邀请社长'
      : '邀请成员',
    inviteUrl: society ? `/packages/officer/pages/invite/index?societyId=${encodeURIComponent(society.id)}` : '',
    settingsUrl: society
      ? `/packages/officer/pages/society-settings/index?societyId=${encodeURIComponent(society.id)}`
      : '',
  };
}

function countText(counts: DashboardCounts): string {
  const founded = counts.villages - counts.none;
  return `${counts.villages} 个村，已成立 ${founded} 个${counts.none > 0 ? `，尚未成立 ${counts.none} 个` : ''}`;
}

export function toTownshipRow(row: DashboardTownship): TownshipRow {
  const parts = [
    ['筹备中', row.preparing],
    ['运行中', row.active],
    ['已暂停', row.suspended],
    ['登记', row.registered],
    ['备案', row.filed],
  ] as const;
  return {
    townshipId: row.townshipId,
    townshipName: row.townshipName,
    countText: countText(row),
    stateText: parts
      .filter(([, count]) => count > 0)
      .map(([label, count]) => `${label} ${count}`)
      .join(' · '),
  };
}

/** The county's first view: its counts and one row per township (a township officer: theirs). */
export function toCountyDashboardScreen(view: CountyDashboardView): CountyDashboardScreen {
  const s = view.summary;
  const whole = view.ownTownshipId ? (view.townships[0]?.townshipName ?? '本乡镇') : '全县';
  return {
    countyName: view.countyName,
    summaryLines: [
      `${whole} ${s.villages} 个村（社区）：尚未成立 ${s.none} 个，筹备中 ${s.preparing} 个，运行中 ${s.active} 个${
        s.suspended > 0 ? `，已暂停 ${s.suspended} 个` : ''
      }`,
      `已成立的互助社：登记 ${s.registered} 个，备案 ${s.filed} 个`,
    ],
    townships: view.townships.map(toTownshipRow),
    calendarWarning: view.workCalendar.complete
      ? ''
      : `${view.workCalendar.years
          .filter((year) => !year.complete)
          .map((year) => year.year)
          .join('、')}年的放假调休安排还未录入，办理时限按法定节假日推算（暂定）。点此查看或录入`,
  };
}

/**
 * A township's villages after one more page: `shown` (null for the first page) with the page's
 * rows put at the page's offset, so a page loaded again (after founding a society) replaces its
 * rows instead of adding them twice.
 */
export function withVillagesPage(
  shown: TownshipScreen | null,
  township: DashboardTownship | undefined,
  page: TownshipVillagesPage,
  offset: number,
  founder = false,
): TownshipScreen {
  const rows = page.villages.map((village) => toVillageRow(village, founder));
  const before = shown && shown.townshipId === page.townshipId ? shown.villages.slice(0, offset) : [];
  const after =
    shown && shown.townshipId === page.townshipId ? shown.villages.slice(offset + page.villages.length) : [];
  const villages = page.nextOffset === null ? [...before, ...rows] : [...before, ...rows, ...after];
  const keepNext = after.length > 0 && shown ? shown.nextOffset : page.nextOffset;
  const nextOffset = page.nextOffset === null ? null : keepNext;
  return {
    townshipId: page.townshipId,
    townshipName: page.townshipName,
    countText: township ? countText(township) : '',
    villages,
    nextOffset,
    endText: nextOffset === null && villages.length > 0 ? `已显示全部 ${villages.length} 个村` : '',
  };
}
