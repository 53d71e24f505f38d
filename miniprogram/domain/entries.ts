/**
 * Where each role can go: the one list of the pages a role opens from home, the officer's
 * workbench and the oversight overview. A new page adds its line here, nowhere else, and every
 * entry page shows it to the roles named. Pure: no wx.
 */
import type { Role } from './society';

export interface PageEntry {
  /** Unique in its list. */
  key: string;
  title: string;
  description: string;
  /** Absolute page path without query, e.g. '/packages/officer/pages/cases/index'. */
  path: string;
  /** Who sees the entry. */
  roles: readonly Role[];
  /**
   * What the page is opened with: 'society' appends ?societyId= of the society the entry is shown
   * for; 'none' opens it bare (pages that pick their scope from the caller).
   */
  scope: 'society' | 'none';
}

/** The officer workbench (secretary, president) of one society. */
export const WORKBENCH_ENTRIES: readonly PageEntry[] = [];

/** The oversight overview: the supervision committee, township, county and federation. */
export const OVERSIGHT_ENTRIES: readonly PageEntry[] = [];

/** Home, for the roles without a workbench: members, donors (officers and overseers too). */
export const HOME_ENTRIES: readonly PageEntry[] = [];

export interface EntryLink {
  key: string;
  title: string;
  description: string;
  url: string;
}

/** The entries of `list` for someone holding `roles`, linked for `societyId` where they need one. */
export function entryLinks(list: readonly PageEntry[], roles: readonly Role[], societyId: string | null): EntryLink[] {
  return list
    .filter((entry) => entry.roles.some((role) => roles.includes(role)))
    .filter((entry) => entry.scope === 'none' || societyId !== null)
    .map((entry) => ({
      key: entry.key,
      title: entry.title,
      description: entry.description,
      url:
        entry.scope === 'society' && societyId
          ? `${entry.path}?societyId=${encodeURIComponent(societyId)}`
          : entry.path,
    }));
}
