/**
 * How the preview builds what the browser runs (no browser needed): rpx for a 375 px phone, icons
 * without a CDN, a changed page recompiled on the next request, WeChat's URL rules of the router.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Preview } from '../../server/preview/handler';
import { buildIconStylesheet, stripIconFont } from '../../server/preview/icons';
import { findPreviewPaths } from '../../server/preview/paths';
import { patchSimulateBuild, readPatchedSimulate } from '../../server/preview/simulate';
import { parseUrl } from '../../preview/src/phone/router';

const paths = findPreviewPaths();

describe('miniprogram-simulate for a 375 px phone', () => {
  it('turns 750rpx into 375px in stylesheets and inline styles alike', () => {
    const original = "function transformRpx(style) {\n  return style.replace(/(\\d+)rpx/ig, '$1px')\n}";
    const patched = patchSimulateBuild(`${original}\n${original}`);
    const transformRpx = new Function(`${patched.split('\n}')[0]}\n}; return transformRpx;`)() as (
      style: string,
    ) => string;
    expect(transformRpx('width: 750rpx; margin: -16rpx 0.5rpx 1.5rpx')).toBe(
      'width: 375px; margin: -8px 0.25px 0.75px',
    );
  });

  it('patches both copies in the installed build, or fails loudly', () => {
    expect(() => readPatchedSimulate(paths.simulateBuild)).not.toThrow();
    expect(() => patchSimulateBuild('no transform here')).toThrow(/expected 2 copies/);
  });
});

describe('TDesign icons without the CDN', () => {
  const iconWxss = fs.readFileSync(path.join(paths.tdesignDist, 'icon/icon.wxss'), 'utf8');
  const names = [...iconWxss.matchAll(/\.t-icon-([a-z0-9-]+):before\{content:/g)].map((match) => match[1]);

  it('draws every icon name of t-icon from the SVG set shipped in node_modules', () => {
    const { css } = buildIconStylesheet(paths.iconSet);
    expect(names.length).toBeGreaterThan(2000);
    const missing = names.filter((name) => !css.includes(`.t-icon--t-icon-${name}{--jj-icon:url("data:image/svg+xml,`));
    expect(missing).toEqual([]);
  });

  it('drops the font that icon.wxss loads from tdesign.gtimg.com', () => {
    expect(iconWxss).toContain('tdesign.gtimg.com');
    const stripped = stripIconFont(iconWxss);
    expect(stripped).not.toContain('tdesign.gtimg.com');
    expect(stripped).not.toMatch(/:before\{content:'\\E/);
    expect(stripped).toContain('.t-icon-base{');
  });
});

describe('a page changed in miniprogram/', () => {
  let scratch: string;

  beforeAll(() => {
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'jj-preview-'));
    fs.cpSync(paths.miniprogram, path.join(scratch, 'miniprogram'), { recursive: true });
    fs.mkdirSync(path.join(scratch, 'no-tdesign', 'miniprogram_npm'), { recursive: true });
  });

  afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

  /** TDesign left out (its compile takes a second or two): these are about our own files. */
  function previewWithoutTdesign(miniprogram: string): Preview {
    return new Preview({
      ...paths,
      miniprogram,
      tdesignDist: path.join(scratch, 'no-tdesign'),
      tdesignNpm: path.join(scratch, 'no-tdesign', 'miniprogram_npm'),
    });
  }

  it('is compiled again on the next request, and only then', async () => {
    const miniprogram = path.join(scratch, 'miniprogram');
    const preview = previewWithoutTdesign(miniprogram);
    const first = await preview.appPackage();
    expect(first.script).toContain('"/pages/society/index.wxml"');
    expect(first.script).not.toContain('PREVIEW_RELOAD_MARKER');
    expect(await preview.appPackage()).toBe(first);

    const wxml = path.join(miniprogram, 'pages/society/index.wxml');
    fs.appendFileSync(wxml, '<view>PREVIEW_RELOAD_MARKER</view>\n');
    const later = new Date(Date.now() + 2000);
    fs.utimesSync(wxml, later, later);

    const second = await preview.appPackage();
    expect(second).not.toBe(first);
    expect(second.script).toContain('PREVIEW_RELOAD_MARKER');
  });

  it('points TDesign entries of usingComponents at its miniprogram_npm folder and puts app.wxss before each page', async () => {
    const { script } = await previewWithoutTdesign(paths.miniprogram).appPackage();
    expect(script).toContain('\\"t-cell\\":\\"/miniprogram_npm/tdesign-miniprogram/cell/cell\\"');
    const societyCss = JSON.parse(
      /__jjP\.files\["\/pages\/society\/index\.wxss"\] = ("(?:[^"\\]|\\.)*");/.exec(script)?.[1] ?? '""',
    ) as string;
    const appToken = '--jjn-font-body: calc(32rpx * var(--jjn-scale));';
    expect(societyCss.indexOf(appToken)).toBeGreaterThanOrEqual(0);
    expect(societyCss.indexOf(appToken)).toBeLessThan(societyCss.indexOf('.society-header'));
  });
});

describe('page URLs, as WeChat reads them', () => {
  it('resolves absolute and relative paths and keeps query values as written', () => {
    expect(parseUrl('/pages/society/index?societyId=soc-wangjia&name=%E7%8E%8B', null)).toEqual({
      route: 'pages/society/index',
      query: { societyId: 'soc-wangjia', name: '%E7%8E%8B' },
    });
    expect(parseUrl('../society/index?x=1', 'pages/home/index')).toEqual({
      route: 'pages/society/index',
      query: { x: '1' },
    });
    expect(parseUrl('detail?id=7', 'packages/officer/pages/workbench/index')).toEqual({
      route: 'packages/officer/pages/workbench/detail',
      query: { id: '7' },
    });
  });
});
