/**
 * The roster of at-risk households (R-OVS-1) and the township's assistance lists it is built
 * from: 低保, 特困, 低保边缘, 防止返贫监测 and 支出型困难. Difficulty levels with their visit
 * frequency (the county sets them; these are the defaults), when the next visit is due, and how
 * the lists correct what an applicant declared (R-ELIG-3/4, R-CAP-1/2). Pure: no wx, no I/O.
 */
import type { GovernmentAssistance, HouseholdCategory } from './relief';

/** The lists a township keeps and a society imports. */
export type ListKind = 'dibao' | 'tekun' | 'nearDibao' | 'relapseMonitored' | 'expenditureHardship';
export const LIST_KINDS: readonly ListKind[] = [
  'dibao',
  'tekun',
  'nearDibao',
  'relapseMonitored',
  'expenditureHardship',
];
export const LIST_KIND_LABELS: Record<ListKind, string> = {
  dibao: '低保',
  tekun: '特困',
  nearDibao: '低保边缘',
  relapseMonitored: '防止返贫监测',
  expenditureHardship: '支出型困难',
};

/**
 * Why an officer put a household on the roster by hand (R-OVS-1): one of the lists (not yet
 * imported, or the household is waiting to be listed), or another hardship. It never changes a
 * cap: the caps follow the imported lists only (R-CAP-1/2).
 */
export type ManualCategory = ListKind | 'other';
export const MANUAL_CATEGORIES: readonly ManualCategory[] = [...LIST_KINDS, 'other'];
export const MANUAL_CATEGORY_LABELS: Record<ManualCategory, string> = { ...LIST_KIND_LABELS, other: '其他困难' };

/** A difficulty level of the roster and how often its households are visited. */
export interface DifficultyLevel {
  id: string;
  label: string;
  /** A visit at least every this many days. */
  visitEveryDays: number;
}

/** R-OVS-1: used until the county bureau sets its own levels. */
export const DEFAULT_DIFFICULTY_LEVELS: readonly DifficultyLevel[] = [
  { id: 'l1', label: '一级（特别困难）', visitEveryDays: 30 },
  { id: 'l2', label: '二级（比较困难）', visitEveryDays: 60 },
  { id: 'l3', label: '三级（一般困难）', visitEveryDays: 90 },
];

export const MAX_DIFFICULTY_LEVELS = 6;
const LEVEL_ID = /^[a-z0-9][a-z0-9-]{0,15}$/;

/** Problems with a county's levels, in Chinese; empty when they can be saved. */
export function levelProblems(levels: readonly DifficultyLevel[]): string[] {
  const problems: string[] = [];
  if (levels.length === 0 || levels.length > MAX_DIFFICULTY_LEVELS) {
    problems.push(`困难等级须设 1 至 ${MAX_DIFFICULTY_LEVELS} 级`);
  }
  const ids = new Set<string>();
  const labels = new Set<string>();
  for (const level of levels) {
    if (!LEVEL_ID.test(level.id) || ids.has(level.id)) problems.push(`困难等级编号重复或不合规：${level.id}`);
    ids.add(level.id);
    const label = level.label.trim();
    if (!label || label.length > 20 || labels.has(label))
      problems.push(`困难等级名称须为 1 至 20 个字且不重复：${label}`);
    labels.add(label);
    if (!Number.isInteger(level.visitEveryDays) || level.visitEveryDays < 7 || level.visitEveryDays > 366) {
      problems.push(`「${label}」的走访周期须为 7 至 366 天`);
    }
  }
  return problems;
}

/** The level a household starts at when the list gives none: 特困 the most, then 低保, then the others. */
export function defaultLevelIdOf(kinds: readonly ListKind[], levels: readonly DifficultyLevel[]): string {
  const index = kinds.includes('tekun') ? 0 : kinds.includes('dibao') ? 1 : 2;
  return levels[Math.min(index, levels.length - 1)]!.id;
}

/** A level as a list writes it: its id, its label, or the label's first word (「一级」). */
export function levelFromText(text: string, levels: readonly DifficultyLevel[]): DifficultyLevel | null {
  const wanted = text.replace(/\s/g, '');
  if (!wanted) return null;
  return (
    levels.find(
      (level) => level.id === wanted || level.label === wanted || level.label.replace(/[（(].*$/, '') === wanted,
    ) ?? null
  );
}

// ---------------------------------------------------------------------------------------------
// Visits

/** 'YYYY-MM-DD' plus whole days (calendar days, not working days: a visit is not a deadline of the plan). */
export function addDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** R-OVS-1: the next visit is one period after the last one, or after joining the roster. */
export function nextVisitDue(lastVisitDay: string | null, enrolledDay: string, visitEveryDays: number): string {
  return addDays(lastVisitDay ?? enrolledDay, visitEveryDays);
}

export type VisitStatus = 'overdue' | 'due' | 'scheduled';
/** A visit falls due this many days before its date: it shows on the workbench from then on. */
export const VISIT_DUE_SOON_DAYS = 7;
export const VISIT_STATUS_LABELS: Record<VisitStatus, string> = {
  overdue: '已逾期',
  due: '近期应走访',
  scheduled: '按计划',
};

export function visitStatus(nextDue: string, today: string): VisitStatus {
  if (nextDue < today) return 'overdue';
  if (daysBetween(today, nextDue) <= VISIT_DUE_SOON_DAYS) return 'due';
  return 'scheduled';
}

/** 「逾期 12 天」「今天应走访」「3 天后应走访」. */
export function visitDueText(nextDue: string, today: string): string {
  const days = daysBetween(today, nextDue);
  if (days < 0) return `已逾期 ${-days} 天（应于 ${nextDue} 前走访）`;
  if (days === 0) return `今天应走访`;
  return `${days} 天后应走访（${nextDue}）`;
}

// ---------------------------------------------------------------------------------------------
// Eligibility from the lists (R-ELIG-3/4, R-CAP-1/2)

export interface DeclaredFacts {
  assistance: readonly GovernmentAssistance[];
  category: HouseholdCategory;
}

const CATEGORY_OF_LIST: Partial<Record<ListKind, HouseholdCategory>> = {
  nearDibao: 'nearDibao',
  relapseMonitored: 'relapseMonitored',
  expenditureHardship: 'expenditureHardship',
};

/**
 * The facts the caps follow: for the 低保 and 特困 lists the village has imported, being on them or
 * not is what counts, whatever was declared or verified; a list never imported leaves it to the
 * declaration and the home visit. Being on a 低保边缘 / 返贫监测 / 支出型困难 list sets the category.
 * 临时救助 is no list: it stays as declared.
 */
export function factsFromLists(
  declared: DeclaredFacts,
  listed: readonly ListKind[],
  imported: readonly ListKind[],
): { assistance: GovernmentAssistance[]; category: HouseholdCategory } {
  const assistance = declared.assistance.filter((item) => item === 'temporary' || !imported.includes(item as ListKind));
  for (const kind of ['dibao', 'tekun'] as const) {
    if (listed.includes(kind) && !assistance.includes(kind)) assistance.push(kind);
  }
  const order: GovernmentAssistance[] = ['dibao', 'tekun', 'temporary'];
  assistance.sort((a, b) => order.indexOf(a) - order.indexOf(b));
  const listedCategory = (['nearDibao', 'relapseMonitored', 'expenditureHardship'] as const).find((kind) =>
    listed.includes(kind),
  );
  // A category declared but not on its list stays for the home visit to verify (both are emergency
  // relief, R-CAP-2): the mismatch is shown to the officer, the cap does not depend on it.
  const category = listedCategory ? CATEGORY_OF_LIST[listedCategory]! : declared.category;
  return { assistance, category };
}

/** What the lists say against what the applicant declared, one Chinese line each; empty when they agree. */
export function listMismatches(
  declared: DeclaredFacts,
  listed: readonly ListKind[],
  imported: readonly ListKind[],
): string[] {
  const lines: string[] = [];
  const declaredKinds: ListKind[] = [
    ...declared.assistance.filter((item): item is 'dibao' | 'tekun' => item === 'dibao' || item === 'tekun'),
    ...(CATEGORY_OF_LIST[declared.category as ListKind] ? [declared.category as ListKind] : []),
  ];
  for (const kind of declaredKinds) {
    if (imported.includes(kind) && !listed.includes(kind)) {
      lines.push(`申请人填报为${LIST_KIND_LABELS[kind]}，但不在已导入的${LIST_KIND_LABELS[kind]}名单中`);
    }
  }
  for (const kind of listed) {
    if (!declaredKinds.includes(kind)) {
      lines.push(`在${LIST_KIND_LABELS[kind]}名单中，申请人未填报`);
    }
  }
  return lines;
}

// ---------------------------------------------------------------------------------------------
// What the pages show (officers and the supervisor; the township sees masked names only)

export interface RosterRow {
  id: string;
  name: string;
  maskedIdNumber: string;
  kindLabels: string[];
  levelId: string;
  levelLabel: string;
  nextVisitDue: string;
  status: VisitStatus;
  statusLabel: string;
  dueText: string;
  lastVisitDay: string | null;
  /** Put on the roster by an officer by hand (R-OVS-1), not by a list. */
  manual: boolean;
}

export interface RosterView {
  societyId: string;
  societyName: string;
  villageName: string;
  today: string;
  rows: RosterRow[];
  /** By list: how many households are on each (a household may be on two). */
  byKind: Array<{ kind: ListKind; label: string; count: number; importedAt: string | null }>;
  byLevel: Array<{ levelId: string; label: string; count: number; visitEveryDays: number }>;
  overdue: number;
  due: number;
  levels: DifficultyLevel[];
  /** The caller may import lists and record visits (officers; the supervisor reads). */
  canEdit: boolean;
  /** Imports left half-applied, for officers to finish (R-OVS-1); empty for the supervisor. */
  unfinishedImports: UnfinishedImport[];
}

/** An import whose call died between its chunks: applying it again with its token finishes it. */
export interface UnfinishedImport {
  kind: ListKind;
  kindLabel: string;
  fileId: string;
  token: string;
  progressText: string;
}

export interface RosterVisitView {
  id: string;
  visitDay: string;
  visitors: string[];
  findings: string;
  photoFileIds: string[];
  recordedByName: string;
}

export interface RosterEntryView extends RosterRow {
  societyId: string;
  idNumber: string;
  address: string | null;
  enrolledDay: string;
  active: boolean;
  visits: RosterVisitView[];
  levels: DifficultyLevel[];
  canEdit: boolean;
  /** Why an officer added the household by hand; null when a list put it there. */
  manualReason: string | null;
  /** Why it was taken off the roster by hand; null when it was not. */
  removalReason: string | null;
}

/** The county's difficulty levels (R-OVS-1), for the county bureau's page; township and federation read. */
export interface RosterLevelsView {
  countyId: string;
  levels: DifficultyLevel[];
  /** Nothing set yet: the defaults apply. */
  defaulted: boolean;
  /** The caller is the county bureau of this county. */
  canEdit: boolean;
  updatedAt: string | null;
}

/** A visit due or overdue, for the workbench and the township: masked name, no ID number or address. */
export interface RosterDueItem {
  id: string;
  societyId: string;
  societyName: string;
  maskedName: string;
  levelLabel: string;
  nextVisitDue: string;
  status: VisitStatus;
  dueText: string;
}

/** On the officer's case and decision pages: what the imported lists say about the person. */
export interface CaseListCheck {
  /** The lists the person is on, e.g. ['低保']. */
  listedLabels: string[];
  /** The lists the village has imported (an empty list means nothing to compare against). */
  importedLabels: string[];
  /** What the lists say against the applicant's own answer, one line each. */
  mismatches: string[];
  /** One line for the page: 「按已导入名单：低保」「本村尚未导入名单，以申请人填报和入户核实为准」. */
  summary: string;
}

export function caseListCheck(
  declared: DeclaredFacts,
  listed: readonly ListKind[],
  imported: readonly ListKind[],
): CaseListCheck {
  const listedLabels = listed.map((kind) => LIST_KIND_LABELS[kind]);
  const importedLabels = imported.map((kind) => LIST_KIND_LABELS[kind]);
  const summary =
    imported.length === 0
      ? '本村尚未导入困难群众名单，以申请人填报和入户核实为准'
      : listed.length > 0
        ? `按已导入的名单：${listedLabels.join('、')}（救助类型和上限以名单为准）`
        : `不在已导入的${importedLabels.join('、')}名单中`;
  return { listedLabels, importedLabels, mismatches: listMismatches(declared, listed, imported), summary };
}

/** A due visit as the workbench and the township page list it. */
export interface RosterDueRow {
  id: string;
  title: string;
  meta: string;
  dueText: string;
  overdue: boolean;
}

export function toRosterDueRow(item: RosterDueItem): RosterDueRow {
  return {
    id: item.id,
    title: `${item.societyName} ${item.maskedName}`,
    meta: item.levelLabel,
    dueText: item.dueText,
    overdue: item.status === 'overdue',
  };
}

export const NO_DUE_VISITS_MESSAGE = '近 7 天没有应走访或逾期未走访的重点对象';

/** The workbench line: 「已逾期 2 户，近 7 天应走访 3 户」, or '' when nothing is due. */
export function dueVisitsSummary(items: readonly Pick<RosterDueItem, 'status'>[]): string {
  const overdue = items.filter((item) => item.status === 'overdue').length;
  const due = items.length - overdue;
  if (items.length === 0) return '';
  return [overdue ? `已逾期 ${overdue} 户` : '', due ? `近 7 天应走访 ${due} 户` : ''].filter(Boolean).join('，');
}
