/**
 * Where each role can go: the one list of the pages a role opens from home, the officer's
 * workbench and the oversight overview. A new page adds its line here, nowhere else, and every
 * entry page shows it to the roles named. Pure: no wx.
 */
import type { CallerActivity, Role } from './society';

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
export const WORKBENCH_ENTRIES: readonly PageEntry[] = [
  {
    key: 'cases',
    title: '救助案件',
    description: '受理、入户核查、审批与发放',
    path: '/packages/officer/pages/cases/index',
    roles: ['secretary', 'president'],
    scope: 'society',
  },
  {
    key: 'roster',
    title: '重点对象花名册',
    description: '低保、特困等名单导入，定期走访与逾期提醒',
    path: '/packages/officer/pages/roster/index',
    roles: ['secretary', 'president'],
    scope: 'society',
  },
  {
    key: 'notices',
    title: '救助公示',
    description: '公示预览与发布、张贴照片、异议答复',
    path: '/packages/officer/pages/notices/index',
    roles: ['secretary', 'president'],
    scope: 'society',
  },
  {
    key: 'poster',
    title: '公示栏二维码',
    description: '下载张贴在村务公开栏的海报',
    path: '/packages/officer/pages/poster/index',
    roles: ['secretary', 'president'],
    scope: 'society',
  },
  {
    key: 'reliefSettings',
    title: '救助标准',
    description: '救助档次与审批人',
    path: '/packages/officer/pages/settings/index',
    roles: ['secretary', 'president'],
    scope: 'society',
  },
  {
    key: 'societySettings',
    title: '本社登记与成员',
    description: '登记备案、启动条件与成员角色',
    path: '/packages/officer/pages/society-settings/index',
    roles: ['secretary', 'president'],
    scope: 'society',
  },
  {
    key: 'invite',
    title: '邀请会员与捐赠人',
    description: '生成邀请码和邀请链接',
    path: '/packages/officer/pages/invite/index',
    roles: ['secretary', 'president'],
    scope: 'society',
  },
  {
    key: 'pledges',
    title: '认捐到账确认',
    description: '核对捐款到账并记入台账',
    path: '/packages/officer/pages/pledges/index',
    roles: ['secretary', 'president'],
    scope: 'society',
  },
  {
    key: 'ledger',
    title: '资金台账',
    description: '收入登记、冲正与余额',
    path: '/packages/officer/pages/ledger/index',
    roles: ['secretary', 'president'],
    scope: 'society',
  },
  {
    key: 'clues',
    title: '线索',
    description: '村民和志愿者反映的线索：立案或关闭',
    path: '/packages/officer/pages/clues/index',
    roles: ['secretary', 'president'],
    scope: 'society',
  },
  {
    key: 'helps',
    title: '帮办',
    description: '帮助申请低保、特困、临时救助、医疗救助等',
    path: '/packages/officer/pages/helps/index',
    roles: ['secretary', 'president'],
    scope: 'society',
  },
  {
    key: 'monthlyReports',
    title: '月报',
    description: '生成、更正和导出报送乡镇与联合会的月报',
    path: '/packages/officer/pages/monthly-reports/index',
    roles: ['secretary', 'president'],
    scope: 'society',
  },
  {
    key: 'fundReport',
    title: '互助资金报告',
    description: '会员看到的余额、收入来源、救助支出与明细',
    path: '/pages/fund-report/index',
    roles: ['secretary', 'president'],
    scope: 'society',
  },
  {
    key: 'dataRequests',
    title: '个人信息申请',
    description: '村民查阅、更正、删除本人信息的申请：15 个工作日内答复',
    path: '/packages/officer/pages/data-requests/index',
    roles: ['secretary', 'president'],
    scope: 'society',
  },
  {
    key: 'meetings',
    title: '会员大会',
    description: '召集会员大会、发布会议材料、上传纪要和决议',
    path: '/pages/meetings/index',
    roles: ['president', 'secretary'],
    scope: 'society',
  },
];

/** The oversight overview: the supervision committee, township, county and federation. */
export const OVERSIGHT_ENTRIES: readonly PageEntry[] = [
  {
    key: 'supervision',
    title: '监督本社',
    description: '案件、台账、异议与四公布',
    path: '/packages/oversight/pages/supervision/index',
    roles: ['supervisor'],
    scope: 'society',
  },
  {
    key: 'clues',
    title: '线索',
    description: '村民和志愿者反映的线索及处理情况（只读）',
    path: '/packages/officer/pages/clues/index',
    roles: ['supervisor'],
    scope: 'society',
  },
  {
    key: 'helps',
    title: '帮办',
    description: '帮助申请政府救助的记录和结果（只读）',
    path: '/packages/officer/pages/helps/index',
    roles: ['supervisor'],
    scope: 'society',
  },
  {
    key: 'roster',
    title: '重点对象花名册',
    description: '名单类别、困难等级与走访记录（只读）',
    path: '/packages/officer/pages/roster/index',
    roles: ['supervisor'],
    scope: 'society',
  },
  {
    key: 'audit',
    title: '操作记录',
    description: '查看与核验操作记录',
    path: '/packages/oversight/pages/audit/index',
    roles: ['supervisor', 'township', 'county'],
    scope: 'none',
  },
  {
    key: 'township',
    title: '乡镇监督',
    description: '公示、异议、超时与提请关注',
    path: '/packages/oversight/pages/township/index',
    roles: ['township', 'county'],
    scope: 'none',
  },
  {
    key: 'monthlyReports',
    title: '月报',
    description: '各互助社报送的月报',
    path: '/packages/oversight/pages/monthly-reports/index',
    roles: ['township', 'county', 'federation'],
    scope: 'none',
  },
  {
    key: 'countyDashboard',
    title: '各村互助社',
    description: '每个村的成立、筹备、登记与备案情况；为还没有互助社的村筹建',
    path: '/packages/oversight/pages/county-dashboard/index',
    roles: ['county', 'township', 'federation'],
    scope: 'none',
  },
  {
    key: 'federation',
    title: '分账户总览',
    description: '备案互助社分账户余额与联合会合计',
    path: '/packages/oversight/pages/federation/index',
    roles: ['federation', 'county'],
    scope: 'none',
  },
  {
    key: 'workCalendar',
    title: '放假调休安排',
    description: '录入国务院公布的放假安排；未录入的年份办理时限为暂定',
    path: '/packages/oversight/pages/work-calendar/index',
    roles: ['county', 'township', 'federation'],
    scope: 'none',
  },
  {
    key: 'dataRequests',
    title: '个人信息申请',
    description: '所辖各社的个人信息申请和答复期限',
    path: '/packages/officer/pages/data-requests/index',
    roles: ['township'],
    scope: 'none',
  },
  {
    key: 'rosterLevels',
    title: '困难等级与走访周期',
    description: '重点对象的困难等级和各级走访周期',
    path: '/packages/oversight/pages/roster-levels/index',
    roles: ['county', 'township', 'federation'],
    scope: 'none',
  },
  {
    key: 'countySetup',
    title: '乡镇村导入与邀请',
    description: '导入本县乡镇和村（社区），邀请乡镇、联合会和县民政局的工作人员',
    path: '/packages/oversight/pages/county-setup/index',
    roles: ['county'],
    scope: 'none',
  },
];

/** Home, for the roles without a workbench: members, donors, volunteers (officers and overseers too). */
export const HOME_ENTRIES: readonly PageEntry[] = [
  {
    key: 'reportClue',
    title: '反映线索',
    description: '身边有人遇到急难，告诉互助社（志愿者、网格员、驻村工作队）',
    path: '/pages/clue/index',
    roles: ['volunteer'],
    scope: 'society',
  },
  {
    key: 'myClues',
    title: '我的线索',
    description: '我反映的线索和处理结果',
    path: '/pages/my-clues/index',
    roles: ['volunteer'],
    scope: 'none',
  },
  {
    key: 'myPledges',
    title: '我的认捐',
    description: '认捐记录与捐赠回执',
    path: '/pages/my-pledges/index',
    roles: ['donor'],
    scope: 'none',
  },
  {
    key: 'fundReport',
    title: '互助资金报告',
    description: '余额、收入来源、救助支出与明细',
    path: '/pages/fund-report/index',
    roles: ['member', 'supervisor'],
    scope: 'society',
  },
  {
    key: 'meetings',
    title: '会员大会',
    description: '会议通知、会议材料、纪要和决议',
    path: '/pages/meetings/index',
    roles: ['member', 'supervisor'],
    scope: 'society',
  },
  {
    // PIPL art. 50: anyone the society may hold data about asks to see, correct or delete it.
    key: 'myData',
    title: '个人信息',
    description: '查阅、更正或删除互助社保存的本人信息',
    path: '/pages/my-data/index',
    roles: ['applicant', 'resident', 'member', 'donor', 'volunteer', 'supervisor'],
    scope: 'society',
  },
];

/**
 * 申请救助, the large button on home (and on the society page for anyone): for the roles that tie
 * someone to the society's village, and for anyone who opened the society's page (home remembers
 * it). Donors are left out: a company or an outsider gives, it does not apply. The cloud checks
 * the rest (R-ELIG-1: household registration in the village), whoever asks.
 */
export const APPLY_ENTRY: PageEntry = {
  key: 'apply',
  title: '申请救助',
  description: '家里遇到大病、意外等急难，向本村互助社申请',
  path: '/pages/apply/index',
  roles: ['applicant', 'resident', 'member', 'secretary', 'president', 'supervisor'],
  scope: 'society',
};

/** A page home shows for something the caller has done rather than a role held. */
export interface ActivityEntry {
  key: string;
  title: string;
  description: string;
  path: string;
  activity: CallerActivity;
}

/** Home, for what the caller has done: anyone who raised an objection follows its answer. */
export const ACTIVITY_ENTRIES: readonly ActivityEntry[] = [
  {
    key: 'myObjections',
    title: '我的异议',
    description: '我对公示提出的异议和互助社的答复',
    path: '/pages/my-objections/index',
    activity: 'raisedObjection',
  },
  {
    key: 'myClues',
    title: '我的线索',
    description: '我反映的线索和处理结果',
    path: '/pages/my-clues/index',
    activity: 'reportedClue',
  },
];

export interface EntryLink {
  key: string;
  title: string;
  description: string;
  url: string;
  /** Opened for one society (its id in the url), so one link per society the role is held in. */
  forSociety: boolean;
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
      forSociety: entry.scope === 'society',
    }));
}

/** The entries of `list` for someone who has done `activities` (none needs a society). */
export function activityLinks(list: readonly ActivityEntry[], activities: readonly CallerActivity[]): EntryLink[] {
  return list
    .filter((entry) => activities.includes(entry.activity))
    .map((entry) => ({
      key: entry.key,
      title: entry.title,
      description: entry.description,
      url: entry.path,
      forSociety: false,
    }));
}

/**
 * Home, for a caller with no role while the deploy's one-time code is unused (issue 12's first
 * start; `me.firstStartOpen`): whoever holds the code becomes the county bureau's administrator.
 */
export const FIRST_START_ENTRY: Omit<ActivityEntry, 'activity'> = {
  key: 'firstStart',
  title: '县级管理员初始化',
  description: '新部署的系统：凭部署时显示的初始化码设立县民政局管理员',
  path: '/packages/oversight/pages/first-start/index',
};
