/** Shapes the caller (`me`) for the home page: who they are and which entries they may use. Pure. */
import { OFFICER_ROLES, OVERSIGHT_ROLES } from '../../domain/society';
import type { MeView, RoleGrant } from '../../domain/society';
import {
  ACTIVITY_ENTRIES,
  APPLY_ENTRY,
  FIRST_START_ENTRY,
  activityLinks,
  entryLinks,
  HOME_ENTRIES,
} from '../../domain/entries';
import type { VisitedSociety } from '../../utils/visited-society';

export const OFFICER_WORKBENCH_PATH = '/packages/officer/pages/workbench/index';
export const OVERSIGHT_OVERVIEW_PATH = '/packages/oversight/pages/overview/index';
export const SOCIETY_PAGE_PATH = '/pages/society/index';
export const MY_CASES_PATH = '/pages/my-cases/index';

export interface HomeEntry {
  key: string;
  title: string;
  description: string;
  url: string;
}

export interface HomeRoleLine {
  key: string;
  roleLabel: string;
  scopeName: string;
}

export interface HomeScreen {
  greeting: string;
  roles: HomeRoleLine[];
  /** 申请救助, one large button per society the caller is tied to (issue 11). */
  applyButtons: HomeEntry[];
  entries: HomeEntry[];
  /** A caller with no role is shown how to reach their village's page. */
  showQrHint: boolean;
}

/** The 大字模式 switch (issue 11): what it says off and on. */
export const READING_SIZE_NOTES = {
  off: '字太小？打开后所有页面的字和按钮都变大',
  on: '已开启：所有页面的字和按钮都已变大',
} as const;

export const OFFLINE_NOTE = '网络不通，下面是上次打开时的内容；填了一半的申请仍可继续填写';

export const QR_HINT_TITLE = '如何打开本村互助社页面';
export const QR_HINT_TEXT =
  '请用微信扫一扫村务公开栏上的互助社二维码，即可查看本村互助社的公示、资金和求助方式。如需帮助，请联系村委会。';

function withQuery(path: string, query: Record<string, string>): string {
  const pairs = Object.entries(query).map(([key, value]) => `${key}=${encodeURIComponent(value)}`);
  return pairs.length > 0 ? `${path}?${pairs.join('&')}` : path;
}

function isOfficer(grant: RoleGrant): boolean {
  return OFFICER_ROLES.includes(grant.role);
}

function isOverseer(grant: RoleGrant): boolean {
  return OVERSIGHT_ROLES.includes(grant.role);
}

type EntryKind = 'society' | 'workbench' | 'overview' | 'myCases' | 'page';

/**
 * @param visited the society whose page was opened last on this phone: whoever opened it may
 *   apply there and finds the page again, with or without a role.
 */
export function toHomeScreen(me: MeView, visited: VisitedSociety | null = null): HomeScreen {
  const entries: HomeEntry[] = [];
  const add = (kind: EntryKind, scope: string, entry: Omit<HomeEntry, 'key'>) => {
    const key = `${kind}:${scope}`;
    if (!entries.some((existing) => existing.key === key)) entries.push({ key, ...entry });
  };
  const applyButtons: HomeEntry[] = [];
  const addApply = (societyId: string, scopeName: string) => {
    const key = `apply:${societyId}`;
    if (applyButtons.some((existing) => existing.key === key)) return;
    applyButtons.push({
      key,
      title: APPLY_ENTRY.title,
      description: scopeName ? `向${scopeName}申请` : APPLY_ENTRY.description,
      url: withQuery(APPLY_ENTRY.path, { societyId }),
    });
  };

  for (const grant of me.roles) {
    if (!grant.societyId) continue;
    add('society', grant.societyId, {
      title: '互助社公示',
      description: grant.scopeName,
      url: withQuery(SOCIETY_PAGE_PATH, { societyId: grant.societyId }),
    });
    if (entryLinks([APPLY_ENTRY], [grant.role], grant.societyId).length > 0) {
      addApply(grant.societyId, grant.scopeName);
    }
    if (grant.role === 'applicant') {
      add('myCases', 'all', { title: '我的申请', description: '查看办理进度', url: MY_CASES_PATH });
    }
    if (isOfficer(grant)) {
      add('workbench', grant.societyId, {
        title: '工作台',
        description: `${grant.scopeName}：受理、审核与发放`,
        url: withQuery(OFFICER_WORKBENCH_PATH, { societyId: grant.societyId }),
      });
    }
  }
  // The pages of domain/entries.ts for each role held, per society where they need one.
  for (const grant of me.roles) {
    for (const link of entryLinks(HOME_ENTRIES, [grant.role], grant.societyId)) {
      add('page', link.forSociety ? `${link.key}:${grant.societyId ?? ''}` : link.key, {
        title: link.title,
        description: link.forSociety ? `${grant.scopeName}：${link.description}` : link.description,
        url: link.url,
      });
    }
  }
  // Whoever opened a society's page on this phone, role or not (the board code's landing).
  if (visited) {
    if (visited.acceptsApplications) addApply(visited.societyId, visited.name);
    add('society', visited.societyId, {
      title: '互助社公示',
      description: visited.name,
      url: withQuery(SOCIETY_PAGE_PATH, { societyId: visited.societyId }),
    });
  }
  // What the caller has done, whatever their roles (a stranger who objected to a notice too).
  for (const link of activityLinks(ACTIVITY_ENTRIES, me.activities)) {
    add('page', link.key, { title: link.title, description: link.description, url: link.url });
  }
  // A new deployment: whoever holds the deploy's one-time code sets up the county bureau (issue 12).
  if (me.roles.length === 0 && me.firstStartOpen) {
    add('page', FIRST_START_ENTRY.key, {
      title: FIRST_START_ENTRY.title,
      description: FIRST_START_ENTRY.description,
      url: FIRST_START_ENTRY.path,
    });
  }
  // One oversight entry: the overview shows every society in the caller's scope.
  const overseen = me.roles.filter(isOverseer);
  if (overseen.length > 0) {
    add('overview', 'all', {
      title: '监督总览',
      description: overseen.map((grant) => grant.scopeName).join('、'),
      url: OVERSIGHT_OVERVIEW_PATH,
    });
  }

  return {
    greeting: me.name ? `您好，${me.name}` : '您好',
    roles: me.roles.map((grant) => ({
      key: `${grant.role}:${grant.societyId ?? grant.scopeName}`,
      roleLabel: grant.roleLabel,
      scopeName: grant.scopeName,
    })),
    applyButtons,
    entries,
    showQrHint: me.roles.length === 0 && !visited,
  };
}
