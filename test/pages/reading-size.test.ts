/**
 * Issue 11, elderly mode that follows WeChat: every page reads at the size WeChat's font setting
 * gives, or the 大字模式 switch on home chose (remembered on the phone). The sizes themselves are
 * app.wxss tokens computed from --jjn-scale on each page's root view.
 */
import * as fs from 'fs';
import * as path from 'path';
import { usePageBackend } from '../support/page-backend';
import { setWeChatFontScale, storageSnapshot } from '../support/simulate-setup';
import { findByText, MINIPROGRAM_ROOT, openPage, tap, textsOf, type PageComponent } from '../support/simulate-pages';
import { setDemoCaller } from '../../miniprogram/services/cloud';
import { READING_SIZE_KEY } from '../../miniprogram/domain/reading-size';
import { READING_SIZE_NOTES } from '../../miniprogram/pages/home/view';

usePageBackend();

const HOME = 'pages/home/index';
const SOCIETY = 'pages/society/index';

const rootStyle = (page: PageComponent) => page.dom?.querySelector('.main--page')?.getAttribute('style') ?? '';
const switchRow = (page: PageComponent) => findByText(page, '.main--reading-size', '大字模式');

beforeEach(() => setDemoCaller('demo-resident'));

describe('大字模式 and the WeChat font setting', () => {
  it('at WeChat’s default size, pages read at the normal size and the switch is off', async () => {
    const home = await openPage(HOME);
    expect(home.data.elderly).toBe(false);
    expect(rootStyle(home)).not.toContain('--jjn-scale');
    expect(textsOf(home, '.main--reading-size__note')).toEqual([READING_SIZE_NOTES.off]);
  });

  it('follows a large WeChat font setting without being asked: elderly mode at WeChat’s factor', async () => {
    setWeChatFontScale(1.3);
    const society = await openPage(SOCIETY, { societyId: 'soc-wangjia' });
    expect(society.data.elderly).toBe(true);
    expect(rootStyle(society)).toContain('--jjn-scale: 1.3');
  });

  it('the switch turns 大字模式 on for every page and the phone remembers it; off again, it stays off', async () => {
    const home = await openPage(HOME);
    await tap(switchRow(home));

    expect(storageSnapshot().get(READING_SIZE_KEY)).toBe('large');
    expect(home.data.elderly).toBe(true);
    expect(rootStyle(home)).toContain('--jjn-scale: 1.125');
    // simulate writes rpx as px in an inline style.
    expect(rootStyle(home)).toMatch(/--jjn-target-primary: 120(rpx|px);/);
    expect(textsOf(home, '.main--reading-size__note')).toEqual([READING_SIZE_NOTES.on]);

    // Another page opened later reads at the same size.
    const society = await openPage(SOCIETY, { societyId: 'soc-wangjia' });
    expect(rootStyle(society)).toContain('--jjn-scale: 1.125');

    await tap(switchRow(home));
    expect(storageSnapshot().get(READING_SIZE_KEY)).toBe('normal');
    expect(home.data.elderly).toBe(false);
    expect(rootStyle(home)).not.toContain('--jjn-scale');
  });

  it('switched off by the person, it stays off even with WeChat’s font large', async () => {
    setWeChatFontScale(1.4);
    const home = await openPage(HOME);
    expect(home.data.elderly).toBe(true);

    await tap(switchRow(home));
    expect(home.data.elderly).toBe(false);
    const society = await openPage(SOCIETY, { societyId: 'soc-wangjia' });
    expect(rootStyle(society)).not.toContain('--jjn-scale');
  });
});

describe('every page reads at the chosen size (pages added later included)', () => {
  const app = JSON.parse(fs.readFileSync(path.join(MINIPROGRAM_ROOT, 'app.json'), 'utf8')) as {
    pages: string[];
    subPackages?: Array<{ root: string; pages: string[] }>;
  };
  const pages = [
    ...app.pages,
    ...(app.subPackages ?? []).flatMap((pkg) => pkg.pages.map((page) => path.posix.join(pkg.root, page))),
  ];

  it.each(pages)('%s: its root view takes readingStyle and the page takes the reading-size behavior', (page) => {
    const wxml = fs.readFileSync(path.join(MINIPROGRAM_ROOT, `${page}.wxml`), 'utf8');
    const ts = fs.readFileSync(path.join(MINIPROGRAM_ROOT, `${page}.ts`), 'utf8');
    expect(wxml.trimStart().split('\n')[0]).toMatch(/^<view class="page" style="\{\{readingStyle\}\}">/);
    expect(/\b(screenBehavior|readingSizeBehavior)\b/.test(ts)).toBe(true);
  });
});
