/**
 * 重点对象花名册 (R-OVS-1): the roster shaped for the screen — counts by list and level, the
 * households with the visits due first — and the list import's preview in words. Pure.
 */
import {
  LIST_KINDS,
  LIST_KIND_LABELS,
  MANUAL_CATEGORIES,
  MANUAL_CATEGORY_LABELS,
  type ListKind,
  type ManualCategory,
  type RosterView,
} from '../../../../domain/roster';
import { isValidIdNumber, normalizeIdNumber } from '../../../../domain/id-number';

export const MISSING_SOCIETY_MESSAGE = '没有指定互助社，请从工作台进入';
export const FORBIDDEN_ROSTER_MESSAGE = '花名册只有本社秘书长、社长和村监督委员会可以查看';
export const VISIT_SAVED_TOAST = '走访已记录';
export const IMPORTED_TOAST = '名单已导入';
export const NO_FILE_MESSAGE = '请先选择要导入的 .xlsx 表格';
export const ADDED_TOAST = '已列入花名册';
export const REMOVED_TOAST = '已移出花名册';
export const RESUMED_TOAST = '名单导入已完成';

export const CATEGORY_OPTIONS: ReadonlyArray<{ value: ManualCategory; label: string }> = MANUAL_CATEGORIES.map(
  (category) => ({ value: category, label: MANUAL_CATEGORY_LABELS[category] }),
);

export const KIND_OPTIONS: ReadonlyArray<{ value: ListKind; label: string }> = LIST_KINDS.map((kind) => ({
  value: kind,
  label: LIST_KIND_LABELS[kind],
}));

export interface RosterScreenRow {
  id: string;
  name: string;
  idText: string;
  kindsText: string;
  levelLabel: string;
  dueText: string;
  status: string;
  statusLabel: string;
  tagTheme: 'danger' | 'warning' | 'default';
}

export interface RosterScreen {
  title: string;
  summary: string;
  kindsLine: string;
  levelsLine: string;
  emptyText: string;
  rows: RosterScreenRow[];
  canEdit: boolean;
  /** The county's levels, for 手工添加一户. */
  levelOptions: Array<{ value: string; label: string }>;
  today: string;
  /** Imports a dead call left half-applied: each can be finished (R-OVS-1). */
  unfinished: Array<{ key: string; text: string }>;
}

const TAG_THEMES = { overdue: 'danger', due: 'warning', scheduled: 'default' } as const;

export function toRosterScreen(view: RosterView): RosterScreen {
  const listed = view.byKind.filter((row) => row.count > 0 || row.importedAt);
  return {
    title: `${view.villageName || view.societyName} 重点对象花名册`,
    summary: `共 ${view.rows.length} 户；已逾期 ${view.overdue} 户，近 7 天应走访 ${view.due} 户`,
    kindsLine: listed.length ? listed.map((row) => `${row.label} ${row.count} 户`).join('，') : '尚未导入名单',
    levelsLine: view.byLevel.map((row) => `${row.label} ${row.count} 户（每 ${row.visitEveryDays} 天走访）`).join('；'),
    emptyText: '花名册还是空的：导入乡镇的低保、特困等名单后，名单上的家庭会列在这里；名单外的困难家庭可以手工添加',
    rows: view.rows.map((row) => ({
      id: row.id,
      name: row.name,
      idText: row.maskedIdNumber,
      kindsText: row.kindLabels.join('、'),
      levelLabel: row.levelLabel,
      dueText: row.dueText,
      status: row.status,
      statusLabel: row.statusLabel,
      tagTheme: TAG_THEMES[row.status],
    })),
    canEdit: view.canEdit,
    levelOptions: view.levels.map((level) => ({ value: level.id, label: level.label })),
    today: view.today,
    unfinished: view.unfinishedImports.map((each) => ({
      key: each.token,
      text: `${each.progressText}：名单暂不能用于核对救助类型和上限，请继续完成`,
    })),
  };
}

export interface PreviewLike {
  status: 'ready' | 'refused';
  kindLabel: string;
  scopeName: string;
  errorLines: string[];
  errorCount: number;
  rowCount: number;
  added: number;
  removed: number;
  changed: number;
  unchanged: number;
  addedNames: string[];
  removedNames: string[];
  changedNames: string[];
  firstImport: boolean;
}

export interface PreviewScreen {
  ok: boolean;
  title: string;
  lines: string[];
}

/** A refused file lists its rows; a good one says what would change before anything is written. */
export function toPreviewScreen(preview: PreviewLike): PreviewScreen {
  if (preview.status === 'refused') {
    return {
      ok: false,
      title: `表格有 ${preview.errorCount} 处问题，整表未导入。请在 Excel 中改正后重新选择：`,
      lines: preview.errorLines,
    };
  }
  const names = (list: string[], total: number) =>
    list.length ? `：${list.join('、')}${total > list.length ? ` 等 ${total} 人` : ''}` : '';
  return {
    ok: true,
    title: `${preview.scopeName}${preview.kindLabel}名单 ${preview.rowCount} 人${preview.firstImport ? '（首次导入）' : ''}，确认后生效：`,
    lines: [
      `新增 ${preview.added} 人${names(preview.addedNames, preview.added)}`,
      `移出 ${preview.removed} 人${names(preview.removedNames, preview.removed)}`,
      `信息变更 ${preview.changed} 人${names(preview.changedNames, preview.changed)}`,
      `不变 ${preview.unchanged} 人`,
    ],
  };
}

export interface VisitForm {
  visitors: string;
  findings: string;
}

/** Visitors as typed (「刘芳、王建军」, commas or spaces) → names. */
export function visitorsOf(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[、,，\s]+/)
        .map((name) => name.trim())
        .filter(Boolean),
    ),
  ];
}

export function visitProblem(form: VisitForm): string {
  if (visitorsOf(form.visitors).length === 0) return '请填写走访人';
  if (!form.findings.trim()) return '请填写走访情况';
  return '';
}

/** 手工添加一户 (R-OVS-1): what the officer types. */
export interface AddForm {
  name: string;
  idNumber: string;
  category: ManualCategory;
  levelId: string;
  group: string;
  reason: string;
}

export function emptyAddForm(levelId: string): AddForm {
  return { name: '', idNumber: '', category: 'other', levelId, group: '', reason: '' };
}

/** What is missing or wrong before asking the cloud (which checks the same again); '' when none. */
export function addProblem(form: AddForm, today: string): string {
  if (!form.name.replace(/\s/g, '')) return '请填写姓名';
  const idNumber = normalizeIdNumber(form.idNumber);
  if (!idNumber) return '请填写身份证号码';
  if (!isValidIdNumber(idNumber, { today })) return '身份证号码不正确（位数、出生日期或末位校验码不符）';
  if (!form.levelId) return '请选择困难等级';
  if (!form.reason.trim()) return '请写明列入花名册的理由';
  return '';
}
