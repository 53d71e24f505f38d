/**
 * 困难等级与走访周期 (R-OVS-1), shaped for the screen: the county's levels as cards, and the form
 * the county bureau edits them in (name and visit period per level, add or remove a level). The
 * form is checked with the same rules as the cloud (levelProblems), in Chinese. Pure.
 */
import {
  MAX_DIFFICULTY_LEVELS,
  levelProblems,
  type DifficultyLevel,
  type RosterLevelsView,
} from '../../../../domain/roster';

export const NOT_COUNTY_MESSAGE = '困难等级和走访周期由县民政局设定，乡镇和联合会可以查看';
export const INTRO_TEXT =
  '重点对象按困难等级定期走访：等级越高，走访越勤。保存后，全县花名册的下次走访日期按新的周期重新计算；删去的等级，其中的家庭归入最后一级。';
export const SAVED_TOAST = '已保存，花名册的走访计划已重新计算';

export interface LevelCard {
  id: string;
  label: string;
  periodText: string;
}

export interface LevelsScreen {
  cards: LevelCard[];
  statusText: string;
  canEdit: boolean;
}

/** One row of the form: the period as typed. */
export interface LevelFormRow {
  id: string;
  label: string;
  days: string;
}

export function toLevelsScreen(view: RosterLevelsView): LevelsScreen {
  return {
    cards: view.levels.map((level) => ({
      id: level.id,
      label: level.label,
      periodText: `每 ${level.visitEveryDays} 天至少走访一次`,
    })),
    statusText: view.defaulted
      ? '县里还没有设定，目前用的是默认等级'
      : `县民政局设定于 ${(view.updatedAt ?? '').slice(0, 10)}`,
    canEdit: view.canEdit,
  };
}

export function formOf(levels: readonly DifficultyLevel[]): LevelFormRow[] {
  return levels.map((level) => ({ id: level.id, label: level.label, days: String(level.visitEveryDays) }));
}

/** A new level's id: the first `l<n>` not taken. */
export function newLevelId(rows: readonly LevelFormRow[]): string {
  const taken = new Set(rows.map((row) => row.id));
  let n = rows.length + 1;
  while (taken.has(`l${n}`)) n += 1;
  return `l${n}`;
}

export function canAddLevel(rows: readonly LevelFormRow[]): boolean {
  return rows.length < MAX_DIFFICULTY_LEVELS;
}

export type LevelsCheck = { ok: true; levels: DifficultyLevel[] } | { ok: false; problems: string[] };

/** The form as levels, or what is wrong with it (the cloud checks the same again). */
export function checkLevelsForm(rows: readonly LevelFormRow[]): LevelsCheck {
  const problems: string[] = [];
  const levels = rows.map((row) => {
    const days = row.days.trim();
    if (!/^\d{1,3}$/.test(days)) problems.push(`「${row.label.trim() || '未命名等级'}」的走访周期请填天数`);
    return { id: row.id, label: row.label.trim(), visitEveryDays: /^\d{1,3}$/.test(days) ? Number(days) : 0 };
  });
  if (problems.length > 0) return { ok: false, problems };
  const rest = levelProblems(levels);
  return rest.length > 0 ? { ok: false, problems: rest } : { ok: true, levels };
}
