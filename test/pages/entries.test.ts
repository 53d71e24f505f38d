/** miniprogram/domain/entries.ts: the one list of where each role can go. */
import fs from 'node:fs';
import path from 'node:path';
import {
  entryLinks,
  HOME_ENTRIES,
  OVERSIGHT_ENTRIES,
  WORKBENCH_ENTRIES,
  type PageEntry,
} from '../../miniprogram/domain/entries';
import { MINIPROGRAM_ROOT } from '../support/simulate-pages';

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
      { key: 'a', title: '甲', description: 'd', url: '/packages/officer/pages/a/index?societyId=soc-wangjia' },
      { key: 'b', title: '乙', description: 'd', url: '/pages/b/index' },
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
