/** miniprogram/domain/entries.ts: the one list of where each role can go. */
import fs from 'node:fs';
import path from 'node:path';
import {
  ACTIVITY_ENTRIES,
  activityLinks,
  entryLinks,
  HOME_ENTRIES,
  OVERSIGHT_ENTRIES,
  WORKBENCH_ENTRIES,
  type PageEntry,
} from '../../miniprogram/domain/entries';
import { MINIPROGRAM_ROOT } from '../support/simulate-pages';
import { toHomeScreen } from '../../miniprogram/pages/home/view';
import type { MeView } from '../../miniprogram/domain/society';

const sample: PageEntry[] = [
  {
    key: 'a',
    title: '甲',
    description: 'd',
    path: '/packages/officer/pages/a/index',
    roles: ['secretary'],
    scope: 'society',
  },
  { key: 'b', title: '乙', description: 'd', path: '/pages/b/index', roles: ['donor', 'member'], scope: 'none' },
];

describe('entryLinks', () => {
  it('keeps the entries of the roles held, linked for the society where they need one', () => {
    expect(entryLinks(sample, ['secretary', 'member'], 'soc-wangjia')).toEqual([
      {
        key: 'a',
        title: '甲',
        description: 'd',
        url: '/packages/officer/pages/a/index?societyId=soc-wangjia',
        forSociety: true,
      },
      { key: 'b', title: '乙', description: 'd', url: '/pages/b/index', forSociety: false },
    ]);
    expect(entryLinks(sample, ['president'], 'soc-wangjia')).toEqual([]);
  });

  it('leaves out a society entry when there is no society to open it for', () => {
    expect(entryLinks(sample, ['secretary', 'donor'], null).map((link) => link.key)).toEqual(['b']);
  });
});

describe('the entry lists', () => {
  const appJson = JSON.parse(fs.readFileSync(path.join(MINIPROGRAM_ROOT, 'app.json'), 'utf8')) as {
    pages: string[];
    subPackages: { root: string; pages: string[] }[];
  };
  const pages = new Set([
    ...appJson.pages.map((page) => `/${page}`),
    ...appJson.subPackages.flatMap((pkg) => pkg.pages.map((page) => `/${pkg.root}/${page}`)),
  ]);

  it('ACTIVITY_ENTRIES: unique keys, Chinese titles, every path a page of app.json', () => {
    expect(new Set(ACTIVITY_ENTRIES.map((entry) => entry.key)).size).toBe(ACTIVITY_ENTRIES.length);
    for (const entry of ACTIVITY_ENTRIES) {
      expect(entry.title).toMatch(/[\u4e00-\u9fa5]/);
      expect(pages).toContain(entry.path);
    }
  });

  it.each([
    ['WORKBENCH_ENTRIES', WORKBENCH_ENTRIES],
    ['OVERSIGHT_ENTRIES', OVERSIGHT_ENTRIES],
    ['HOME_ENTRIES', HOME_ENTRIES],
  ])('%s: unique keys, Chinese titles, every path a page of app.json', (_name, list) => {
    expect(new Set(list.map((entry) => entry.key)).size).toBe(list.length);
    for (const entry of list) {
      expect(entry.title).toMatch(/[\u4e00-\u9fa5]/);
      expect(entry.roles.length).toBeGreaterThan(0);
      expect(pages).toContain(entry.path);
    }
  });
});

describe('home entries of a donor in two societies', () => {
  it('one 我的认捐 (it spans both), one fund report per society for a member of two', () => {
    const grant = (role: 'donor' | 'member', societyId: string, scopeName: string) => ({
      role,
      roleLabel: role,
      societyId,
      scopeName,
    });
    const screen = toHomeScreen({
      name: '赵捐',
      roles: [
        grant('donor', 'soc-wangjia', '王家村救急难互助社'),
        grant('donor', 'soc-liutang', '柳塘村救急难互助社'),
        grant('member', 'soc-wangjia', '王家村救急难互助社'),
        grant('member', 'soc-liutang', '柳塘村救急难互助社'),
      ],
      activities: [],
    } as unknown as MeView);
    const titles = screen.entries.map((entry) => entry.title);
    expect(titles.filter((title) => title === '我的认捐')).toHaveLength(1);
    expect(titles.filter((title) => title === '互助资金报告')).toHaveLength(2);
    expect(screen.entries.find((entry) => entry.title === '我的认捐')?.description).not.toContain('王家村');
  });
});

describe('home entries for what the caller has done', () => {
  it('someone with no role who objected to a notice gets 我的异议 (and the QR hint); nobody else does', () => {
    expect(activityLinks(ACTIVITY_ENTRIES, ['raisedObjection']).map((link) => link.url)).toEqual([
      '/pages/my-objections/index',
    ]);
    expect(activityLinks(ACTIVITY_ENTRIES, [])).toEqual([]);
    const stranger = (activities: MeView['activities']): MeView => ({
      openid: 'o-x',
      userId: null,
      name: null,
      roles: [],
      activities,
    });
    const objected = toHomeScreen(stranger(['raisedObjection']));
    expect(objected.entries.map((entry) => entry.title)).toEqual(['我的异议']);
    expect(objected.showQrHint).toBe(true);
    expect(toHomeScreen(stranger([])).entries).toEqual([]);
  });
});
