/** Shapes the societies in the caller's oversight scope. Pure: tested without rendering. */
import { formatYuan, sumFen } from '../../../../domain/money';
import type { MeView, SocietyListItem, SocietyPublicView } from '../../../../domain/society';
import { entryLinks, OVERSIGHT_ENTRIES, type EntryLink } from '../../../../domain/entries';
import { FORM_TAG_THEMES, STATUS_TAG_THEMES, placeLine, startupProgress } from '../../../../utils/society-format';
import type { TagTheme } from '../../../../utils/society-format';

export const NOT_AN_OVERSEER_MESSAGE = '您没有监督查看互助社的权限';
export const NO_SOCIETY_MESSAGE = '辖区内还没有互助社';

/**
 * Where the caller's oversight reaches: township, county and federation read the registry
 * (`societies/list`); a village supervisor sees the society they supervise (R-OVS-2).
 */
export type OversightScope =
  | { kind: 'area'; scopeNames: string[] }
  | { kind: 'societies'; societyIds: string[]; scopeNames: string[] }
  | { kind: 'none' };

export function oversightScope(me: MeView): OversightScope {
  const areaGrants = me.roles.filter(
    (grant) => grant.role === 'township' || grant.role === 'county' || grant.role === 'federation',
  );
  if (areaGrants.length > 0) return { kind: 'area', scopeNames: unique(areaGrants.map((grant) => grant.scopeName)) };
  const supervised = me.roles.filter((grant) => grant.role === 'supervisor' && grant.societyId !== null);
  if (supervised.length > 0) {
    return {
      kind: 'societies',
      societyIds: unique(supervised.map((grant) => grant.societyId as string)),
      scopeNames: unique(supervised.map((grant) => grant.scopeName)),
    };
  }
  return { kind: 'none' };
}

/** The oversight pages of domain/entries.ts the caller may open: per supervised society, or area-wide. */
export function oversightEntries(me: MeView): EntryLink[] {
  const links: EntryLink[] = [];
  for (const grant of me.roles) {
    for (const link of entryLinks(OVERSIGHT_ENTRIES, [grant.role], grant.societyId)) {
      const key = link.forSociety ? `${link.key}:${grant.societyId ?? ''}` : link.key;
      if (links.some((existing) => existing.key === key)) continue;
      links.push({
        ...link,
        key,
        description: link.forSociety ? `${grant.scopeName}：${link.description}` : link.description,
      });
    }
  }
  return links;
}

function unique<T>(values: T[]): T[] {
  return [...new Set(values)];
}

/** A supervisor's society, read from its public page, as a row of the list. */
export function publicViewToListItem(view: SocietyPublicView): SocietyListItem {
  return {
    id: view.id,
    name: view.name,
    villageName: view.villageName,
    townshipName: view.townshipName,
    form: view.form,
    formLabel: view.formLabel,
    status: view.status,
    statusLabel: view.statusLabel,
    balanceFen: view.fund.balanceFen,
    raisedFen: view.fund.raisedFen,
  };
}

export interface OverviewRow {
  id: string;
  name: string;
  place: string;
  formLabel: string;
  formTheme: TagTheme;
  statusLabel: string;
  statusTheme: TagTheme;
  balanceText: string;
  /** R-ORG-2: a preparing society shows how far it is from 30,000 yuan. */
  showProgress: boolean;
  progressPercent: number;
  progressLabel: string;
  url: string;
}

export interface OverviewScreen {
  scopeTitle: string;
  /** 共 2 个互助社：运行中 2 个，筹备中 0 个 */
  summary: string;
  totalBalanceText: string;
  rows: OverviewRow[];
}

export function toOverviewRow(item: SocietyListItem): OverviewRow {
  const progress = startupProgress(item.raisedFen);
  return {
    id: item.id,
    name: item.name,
    place: placeLine(item.townshipName, item.villageName),
    formLabel: item.formLabel,
    formTheme: FORM_TAG_THEMES[item.form],
    statusLabel: item.statusLabel,
    statusTheme: STATUS_TAG_THEMES[item.status],
    balanceText: formatYuan(item.balanceFen),
    showProgress: item.status === 'preparing',
    progressPercent: progress.percent,
    progressLabel: progress.label,
    url: `/pages/society/index?societyId=${encodeURIComponent(item.id)}`,
  };
}

export function toOverviewScreen(scopeNames: string[], items: SocietyListItem[]): OverviewScreen {
  const count = (status: SocietyListItem['status']) => items.filter((item) => item.status === status).length;
  const suspended = count('suspended');
  const summary =
    `共 ${items.length} 个互助社：运行中 ${count('active')} 个，筹备中 ${count('preparing')} 个` +
    (suspended > 0 ? `，已暂停 ${suspended} 个` : '');
  return {
    scopeTitle: scopeNames.join('、'),
    summary,
    totalBalanceText: formatYuan(sumFen(items.map((item) => item.balanceFen))),
    rows: items.map(toOverviewRow),
  };
}
