/** The pure functions that shape data for the screens: no rendering. */
import type { MeView, RoleGrant, SocietyListItem, SocietyPublicView } from '../../miniprogram/domain/society';
import { placeLine, startupProgress } from '../../miniprogram/utils/society-format';
import { APPLY_NOTES, FORM_EXPLANATIONS, toSocietyScreen } from '../../miniprogram/pages/society/view';
import { toHomeScreen } from '../../miniprogram/pages/home/view';
import { pickOfficerSeat, toWorkbenchScreen } from '../../miniprogram/packages/officer/pages/workbench/view';
import { entryLinks, WORKBENCH_ENTRIES } from '../../miniprogram/domain/entries';
import {
  oversightScope,
  publicViewToListItem,
  toOverviewRow,
  toOverviewScreen,
} from '../../miniprogram/packages/oversight/pages/overview/view';

const wangjia: SocietyPublicView = {
  id: 'soc-wangjia',
  name: '王家村救急难互助社',
  villageName: '王家村',
  townshipName: '青石镇',
  countyName: '清溪县',
  form: 'registered',
  formLabel: '登记',
  status: 'active',
  statusLabel: '运行中',
  registrationNumber: '清民社登字〔2026〕第001号',
  fund: { balanceFen: 34_200_00, raisedFen: 36_000_00, targetFen: 30_000_00 },
};

const shiqiao: SocietyPublicView = {
  ...wangjia,
  id: 'soc-shiqiao',
  name: '石桥社区救急难互助社',
  villageName: '石桥社区',
  townshipName: '河口乡',
  status: 'preparing',
  statusLabel: '筹备中',
  registrationNumber: null,
  fund: { balanceFen: 21_000_00, raisedFen: 21_000_00, targetFen: 30_000_00 },
};

const grant = (role: RoleGrant['role'], roleLabel: string, societyId: string | null, scopeName: string): RoleGrant => ({
  role,
  roleLabel,
  societyId,
  scopeName,
});
const me = (roles: RoleGrant[], name: string | null = null): MeView => ({
  openid: 'o-test',
  userId: roles.length > 0 ? 'u-test' : null,
  name,
  roles,
  activities: [],
});

describe('startupProgress', () => {
  it('R-ORG-2: shows raised against the 30,000 yuan target and what is missing', () => {
    expect(startupProgress(21_000_00)).toEqual({
      percent: 70,
      label: '已筹集 ¥21,000.00 / 目标 ¥30,000.00',
      remainder: '还差 ¥9,000.00 达到启动资金',
    });
  });

  it('R-ORG-2: rounds down, so 29,999.99 yuan never shows as 100%', () => {
    expect(startupProgress(29_999_99).percent).toBe(99);
  });

  it('caps at 100% once the target is reached', () => {
    expect(startupProgress(36_000_00)).toMatchObject({ percent: 100, remainder: '已达到启动资金要求' });
  });
});

describe('placeLine', () => {
  it('joins the parts that exist', () => {
    expect(placeLine('清溪县', '', '王家村', null)).toBe('清溪县 · 王家村');
  });
});

describe('toSocietyScreen', () => {
  it('R-ORG-1: formats a registered, active society: yuan from fen, 登记证号, no progress', () => {
    expect(toSocietyScreen(wangjia)).toEqual({
      name: '王家村救急难互助社',
      place: '清溪县 · 青石镇 · 王家村',
      formLabel: '登记',
      formTheme: 'primary',
      statusLabel: '运行中',
      statusTheme: 'success',
      registrationTitle: '登记证号',
      registrationNumber: '清民社登字〔2026〕第001号',
      formExplanation: FORM_EXPLANATIONS.registered,
      canApply: true,
      applyUrl: '/pages/apply/index?societyId=soc-wangjia',
      clueUrl: '/pages/clue/index?societyId=soc-wangjia',
      applyNote: APPLY_NOTES.active,
      phone: '',
      callText: '',
      balanceText: '¥34,200.00',
      raisedText: '¥36,000.00',
      showProgress: false,
      progressPercent: 100,
      progressLabel: '已筹集 ¥36,000.00 / 目标 ¥30,000.00',
      progressRemainder: '已达到启动资金要求',
    });
  });

  it('联系互助社: a public phone set by the officers gives the call button its words', () => {
    expect(toSocietyScreen({ ...wangjia, publicPhone: '13812345678' })).toMatchObject({
      phone: '13812345678',
      callText: '联系互助社 13812345678',
    });
    expect(toSocietyScreen({ ...wangjia, publicPhone: null })).toMatchObject({ phone: '', callText: '' });
  });

  it('R-ORG-2: a preparing society shows its progress; a filed one its 备案号', () => {
    const screen = toSocietyScreen({ ...shiqiao, form: 'filed', formLabel: '备案' });
    expect(screen).toMatchObject({
      statusTheme: 'warning',
      formTheme: 'default',
      registrationTitle: '备案号',
      registrationNumber: '办理中',
      showProgress: true,
      progressPercent: 70,
      // Issue 11: a society still preparing takes no application, and says so in plain words.
      formExplanation: FORM_EXPLANATIONS.filed,
      canApply: false,
      applyNote: APPLY_NOTES.preparing,
    });
    expect(FORM_EXPLANATIONS.filed).toContain('分账户');
    expect(FORM_EXPLANATIONS.registered).toContain('县民政局');
  });
});

describe('toHomeScreen', () => {
  it('an officer gets the society page and the workbench of their society', () => {
    const screen = toHomeScreen(me([grant('secretary', '秘书长', 'soc-wangjia', '王家村救急难互助社')], '刘芳'));
    expect(screen.greeting).toBe('您好，刘芳');
    expect(screen.entries.map(({ title, url }) => ({ title, url }))).toEqual([
      { title: '互助社公示', url: '/pages/society/index?societyId=soc-wangjia' },
      { title: '工作台', url: '/packages/officer/pages/workbench/index?societyId=soc-wangjia' },
    ]);
    expect(screen.showQrHint).toBe(false);
  });

  it('two roles in one society give one society entry and one workbench', () => {
    const screen = toHomeScreen(
      me([
        grant('secretary', '秘书长', 'soc-wangjia', '王家村救急难互助社'),
        grant('president', '社长', 'soc-wangjia', '王家村救急难互助社'),
        grant('member', '会员', 'soc-wangjia', '王家村救急难互助社'),
      ]),
    );
    expect(screen.roles.map((role) => role.roleLabel)).toEqual(['秘书长', '社长', '会员']);
    // The pages of domain/entries.ts (key 'page:…') come on top of these.
    const fixed = screen.entries.filter((entry) => !entry.key.startsWith('page:'));
    expect(fixed.map((entry) => entry.title)).toEqual(['互助社公示', '工作台']);
  });

  it('area roles get one 监督总览 entry naming every scope', () => {
    const screen = toHomeScreen(
      me([grant('township', '乡镇', null, '青石镇'), grant('county', '县民政局', null, '清溪县')]),
    );
    expect(screen.entries).toEqual([
      {
        key: 'overview:all',
        title: '监督总览',
        description: '青石镇、清溪县',
        url: '/packages/oversight/pages/overview/index',
      },
    ]);
  });

  it('roles in two societies give one entry per society', () => {
    const screen = toHomeScreen(
      me([
        grant('member', '会员', 'soc-wangjia', '王家村救急难互助社'),
        grant('donor', '捐赠人', 'soc-liutang', '柳塘村救急难互助社'),
      ]),
    );
    const fixed = screen.entries.filter((entry) => !entry.key.startsWith('page:'));
    expect(fixed.map((entry) => entry.description)).toEqual(['王家村救急难互助社', '柳塘村救急难互助社']);
  });

  it('issue 11: 申请救助 for everyone tied to a village, donors aside; one button per society', () => {
    const buttons = (roles: Parameters<typeof me>[0]) =>
      toHomeScreen(me(roles)).applyButtons.map(({ title, url }) => ({ title, url }));
    const wangjia = { title: '申请救助', url: '/pages/apply/index?societyId=soc-wangjia' };
    expect(buttons([grant('resident', '村民', 'soc-wangjia', '王家村救急难互助社')])).toEqual([wangjia]);
    expect(
      buttons([
        grant('secretary', '秘书长', 'soc-wangjia', '王家村救急难互助社'),
        grant('member', '会员', 'soc-wangjia', '王家村救急难互助社'),
      ]),
    ).toEqual([wangjia]);
    expect(buttons([grant('donor', '捐赠人', 'soc-wangjia', '王家村救急难互助社')])).toEqual([]);
    expect(buttons([grant('township', '乡镇', null, '青石镇')])).toEqual([]);
  });

  it('issue 11: whoever opened a society page (no role) gets 申请救助 there and the page again, no QR hint', () => {
    const liutang = { societyId: 'soc-liutang', name: '柳塘村救急难互助社', acceptsApplications: true };
    const screen = toHomeScreen(me([]), liutang);
    expect(screen.applyButtons).toEqual([
      {
        key: 'apply:soc-liutang',
        title: '申请救助',
        description: '向柳塘村救急难互助社申请',
        url: '/pages/apply/index?societyId=soc-liutang',
      },
    ]);
    expect(screen.entries.map(({ title, url }) => ({ title, url }))).toEqual([
      { title: '互助社公示', url: '/pages/society/index?societyId=soc-liutang' },
    ]);
    expect(screen.showQrHint).toBe(false);
    // The same society through a role and the visit: one button, one page entry.
    const both = toHomeScreen(me([grant('resident', '村民', 'soc-liutang', '柳塘村救急难互助社')]), liutang);
    expect(both.applyButtons).toHaveLength(1);
    expect(both.entries.filter((entry) => entry.title === '互助社公示')).toHaveLength(1);
    // A society still preparing when its page was opened: the page again, no 申请救助 yet.
    const preparing = toHomeScreen(me([]), {
      societyId: 'soc-shiqiao',
      name: '石桥村救急难互助社',
      acceptsApplications: false,
    });
    expect(preparing.applyButtons).toEqual([]);
    expect(preparing.entries.map((entry) => entry.title)).toEqual(['互助社公示']);
  });

  it('a caller without roles gets the QR hint and no entries', () => {
    expect(toHomeScreen(me([]))).toEqual({
      greeting: '您好',
      roles: [],
      applyButtons: [],
      entries: [],
      showQrHint: true,
    });
  });
});

describe('workbench view', () => {
  const both = me([
    grant('member', '会员', 'soc-liutang', '柳塘村救急难互助社'),
    grant('secretary', '秘书长', 'soc-wangjia', '王家村救急难互助社'),
    grant('president', '社长', 'soc-wangjia', '王家村救急难互助社'),
  ]);

  it('picks the asked-for society when the caller is its officer, naming both roles', () => {
    expect(pickOfficerSeat(both, 'soc-wangjia')).toEqual({
      societyId: 'soc-wangjia',
      roleLabels: '秘书长、社长',
      roles: ['secretary', 'president'],
    });
  });

  it('falls back to the caller’s own society when asked for one they do not run', () => {
    expect(pickOfficerSeat(both, 'soc-liutang')).toEqual({
      societyId: 'soc-wangjia',
      roleLabels: '秘书长、社长',
      roles: ['secretary', 'president'],
    });
  });

  it('has no seat for a caller who is not a secretary or president', () => {
    expect(pickOfficerSeat(me([grant('supervisor', '村监督委员会', 'soc-wangjia', '王家村救急难互助社')]))).toBeNull();
  });

  it('shapes the society like its public page, plus the officer', () => {
    const seat = { societyId: 'soc-wangjia', roleLabels: '秘书长', roles: ['secretary' as const] };
    expect(toWorkbenchScreen(me([], '刘芳'), seat, wangjia)).toEqual({
      ...toSocietyScreen(wangjia),
      officerName: '刘芳',
      roleLabels: '秘书长',
      entries: entryLinks(WORKBENCH_ENTRIES, ['secretary'], 'soc-wangjia'),
    });
  });
});

describe('overview view', () => {
  const items: SocietyListItem[] = [publicViewToListItem(wangjia), publicViewToListItem(shiqiao)];

  it('township, county and federation read the registry; a supervisor their own society; others nothing', () => {
    expect(oversightScope(me([grant('township', '乡镇', null, '青石镇')]))).toEqual({
      kind: 'area',
      scopeNames: ['青石镇'],
    });
    expect(oversightScope(me([grant('supervisor', '村监督委员会', 'soc-wangjia', '王家村救急难互助社')]))).toEqual({
      kind: 'societies',
      societyIds: ['soc-wangjia'],
      scopeNames: ['王家村救急难互助社'],
    });
    expect(oversightScope(me([grant('resident', '村民', 'soc-wangjia', '王家村救急难互助社')]))).toEqual({
      kind: 'none',
    });
  });

  it('R-ORG-2: a row shows progress only for a preparing society', () => {
    expect(toOverviewRow(items[0]!)).toMatchObject({ balanceText: '¥34,200.00', showProgress: false });
    expect(toOverviewRow(items[1]!)).toMatchObject({
      place: '河口乡 · 石桥社区',
      showProgress: true,
      progressPercent: 70,
      progressLabel: '已筹集 ¥21,000.00 / 目标 ¥30,000.00',
      url: '/pages/society/index?societyId=soc-shiqiao',
    });
  });

  it('sums the balances and counts the societies by status', () => {
    const screen = toOverviewScreen(['清溪县'], items);
    expect(screen.scopeTitle).toBe('清溪县');
    expect(screen.summary).toBe('共 2 个互助社：运行中 1 个，筹备中 1 个');
    expect(screen.totalBalanceText).toBe('¥55,200.00');
  });

  it('mentions suspended societies only when there are some', () => {
    const suspended = { ...items[0]!, status: 'suspended' as const, statusLabel: '已暂停' };
    expect(toOverviewScreen([], [suspended]).summary).toBe('共 1 个互助社：运行中 0 个，筹备中 0 个，已暂停 1 个');
  });
});
