/**
 * Issue 11 "Done when": every page of app.json (pages added later included: the list is read, and
 * each page is opened as the callers server/preview/screenshots.ts lists for it) is measured in the
 * browser preview, in normal reading and in 大字模式, from computed styles:
 *   - every visible text's font size: ≥ 32rpx normal, ≥ 36rpx elderly;
 *   - every tap target's box (a node with a tap handler, as exparser records it, or a role of
 *     button), also one inside a larger target (a 删除 in a row that opens something else):
 *     ≥ 88rpx normal; elderly ≥ 99rpx, and primary large buttons ≥ 120rpx;
 *   - every text's contrast against what is behind it: ≥ 4.5:1 (3:1 for bold text ≥ 36rpx).
 * The preview draws a 375 px phone: 1rpx = 0.5px (server/preview/simulate.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import { pageRoutes, type AppJson } from '../../server/preview/packages';
import { findPreviewPaths } from '../../server/preview/paths';
import { SHOTS } from '../../server/preview/screenshots';
import { PX_PER_RPX } from '../../server/preview/simulate';
import { READING_SIZE_KEY } from '../../miniprogram/domain/reading-size';
import { describeInChromium, startPreview, type PhonePage, type PreviewHarness } from './support/preview-harness';

jest.setTimeout(900_000);

interface Limits {
  textRpx: number;
  targetRpx: number;
  primaryTargetRpx: number;
}

const NORMAL: Limits = { textRpx: 32, targetRpx: 88, primaryTargetRpx: 88 };
const ELDERLY: Limits = { textRpx: 36, targetRpx: 99, primaryTargetRpx: 120 };

/** What breaks a limit on the page on screen, one line each. Runs in the phone's document. */
function measure(args: { limits: Limits; pxPerRpx: number }): string[] {
  const { limits, pxPerRpx } = args;
  const root = document.querySelector('page:not([hidden])') ?? document.body;
  const found: string[] = [];
  const rpx = (px: number) => Math.round((px / pxPerRpx) * 10) / 10;
  const label = (element: Element, text?: string) => {
    const cls = (element.getAttribute('class') ?? '').split(/\s+/)[0] ?? '';
    const shown = (text ?? element.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 24);
    return `<${element.tagName.toLowerCase()}${cls ? ` .${cls}` : ''}> "${shown}"`;
  };
  const visible = (element: Element) => {
    const rect = element.getBoundingClientRect();
    if (rect.width < 1 || rect.height < 1) return false;
    for (let at: Element | null = element; at; at = at.parentElement) {
      const style = getComputedStyle(at);
      if (style.display === 'none' || style.visibility === 'hidden' || style.opacity === '0') return false;
    }
    return true;
  };
  const parse = (colour: string): [number, number, number, number] | null => {
    const parts = /rgba?\(([^)]+)\)/
      .exec(colour)?.[1]
      ?.split(/[,\s/]+/)
      .filter(Boolean)
      .map(Number);
    if (!parts || parts.length < 3) return null;
    return [parts[0] ?? 0, parts[1] ?? 0, parts[2] ?? 0, parts[3] ?? 1];
  };
  const luminance = ([r, g, b]: number[]) => {
    const channel = (c: number) => {
      const s = c / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    };
    return 0.2126 * channel(r ?? 0) + 0.7152 * channel(g ?? 0) + 0.0722 * channel(b ?? 0);
  };
  /** The opaque colour behind an element: its own background or the nearest ancestor's, over white. */
  const background = (element: Element): number[] | null => {
    const layers: Array<[number, number, number, number]> = [];
    for (let at: Element | null = element; at; at = at.parentElement) {
      const style = getComputedStyle(at);
      if (style.backgroundImage && style.backgroundImage !== 'none') return null; // a picture: not measured
      const colour = parse(style.backgroundColor);
      if (colour && colour[3] > 0) {
        layers.push(colour);
        if (colour[3] >= 1) break;
      }
    }
    let result = [255, 255, 255];
    for (const [r, g, b, a] of layers.reverse()) {
      result = [r * a + result[0]! * (1 - a), g * a + result[1]! * (1 - a), b * a + result[2]! * (1 - a)];
    }
    return result;
  };
  const disabled = (element: Element) => element.closest('[class*="disabled"]') !== null;

  // Texts: font size and contrast.
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.textContent?.trim() ?? '';
    const element = node.parentElement;
    if (!text || !element || !visible(element)) continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    const box = range.getBoundingClientRect();
    if (box.width < 1 || box.height < 1) continue;
    const style = getComputedStyle(element);
    const size = rpx(parseFloat(style.fontSize));
    if (size < limits.textRpx) found.push(`text ${size}rpx < ${limits.textRpx}rpx: ${label(element, text)}`);
    if (disabled(element)) continue;
    const colour = parse(style.color);
    const behind = background(element);
    if (!colour || !behind) continue;
    const [r, g, b, a] = colour;
    const shown = [r * a + behind[0]! * (1 - a), g * a + behind[1]! * (1 - a), b * a + behind[2]! * (1 - a)];
    const [light, dark] = [luminance(shown), luminance(behind)].sort((x, y) => y - x);
    const ratio = Math.round(((light! + 0.05) / (dark! + 0.05)) * 100) / 100;
    const large = size >= 36 && Number(style.fontWeight) >= 600;
    const needed = large ? 3 : 4.5;
    if (ratio < needed) found.push(`contrast ${ratio}:1 < ${needed}:1: ${label(element, text)}`);
  }

  // Tap targets: the nodes exparser holds a tap listener for (bind:tap, catch:tap, TDesign's own),
  // and any node that says it is a button.
  type WithEvents = { __wxElement?: { __wxEvents?: { tap?: { empty?: boolean } } } };
  const tappable = (element: Element) =>
    (element as unknown as WithEvents).__wxElement?.__wxEvents?.tap?.empty === false ||
    element.getAttribute('role') === 'button' ||
    element.getAttribute('aria-role') === 'button';
  /** A node of TDesign's own inside its component (an icon in a cell): its tap is the component's. */
  const tdesignInner = (cls: string) => /(^|\s)t-/.test(cls) && !/(^|\s)t-button--t-button(\s|$)/.test(cls);
  const targets = Array.from(root.querySelectorAll('*')).filter(tappable);
  for (const element of targets) {
    if (!visible(element) || disabled(element)) continue;
    const cls = element.getAttribute('class') ?? '';
    if (/(^|\s)t-tag--t-tag(\s|$)/.test(cls)) continue; // TDesign binds tap on every tag; ours are never tapped
    // Inside a larger target, a target of the page's own still needs room for a finger (a 删除 in a
    // row); only TDesign's inner nodes are left to the component around them.
    let outer = element.parentElement;
    while (outer && outer !== root && !tappable(outer)) outer = outer.parentElement;
    if (outer && outer !== root && tdesignInner(cls)) continue;
    const box = element.getBoundingClientRect();
    const primary = /t-button--primary/.test(cls) && /t-button--size-large/.test(cls);
    const needed = primary ? limits.primaryTargetRpx : limits.targetRpx;
    const height = rpx(box.height);
    const width = rpx(box.width);
    if (Math.min(height, width) < needed) {
      found.push(`target ${width}×${height}rpx < ${needed}rpx${primary ? ' (primary)' : ''}: ${label(element)}`);
    }
  }
  return found;
}

describeInChromium('elderly mode, measured on every page (issue 11)', () => {
  let preview: PreviewHarness;
  const paths = findPreviewPaths();
  const app = JSON.parse(fs.readFileSync(path.join(paths.miniprogram, 'app.json'), 'utf8')) as AppJson;
  // ELDERLY_ROUTES=pages/home/index,… measures only those (while mending one page).
  const only = process.env.ELDERLY_ROUTES?.split(',').filter(Boolean);
  const routes = pageRoutes(app).filter((route) => !only || only.includes(route));

  beforeAll(async () => {
    preview = await startPreview();
  });

  afterAll(async () => {
    await preview?.close();
  });

  async function violations(phone: PhonePage, limits: Limits): Promise<string[]> {
    return phone.phone.evaluate(measure, { limits, pxPerRpx: PX_PER_RPX });
  }

  it('every page of app.json has callers to be measured as', () => {
    expect(routes.filter((route) => !SHOTS[route]?.length)).toEqual([]);
  });

  it('the measurement finds a violation where there is one', async () => {
    const phone = await preview.open('pages/home/index', { caller: 'demo-resident' });
    // A home page held to sizes it does not claim (64rpx text, 200rpx targets) fails.
    const strict = await violations(phone, { textRpx: 64, targetRpx: 200, primaryTargetRpx: 200 });
    expect(strict.some((line) => line.startsWith('text '))).toBe(true);
    expect(strict.some((line) => line.startsWith('target '))).toBe(true);

    // A small 删除 of the page's own inside a larger tappable row is measured, not hidden by the row.
    await phone.phone.evaluate(() => {
      type WithEvents = { __wxElement?: { __wxEvents?: { tap?: { empty?: boolean } } } };
      const root = document.querySelector('page:not([hidden])') ?? document.body;
      const row = Array.from(root.querySelectorAll('*')).find(
        (element) => (element as unknown as WithEvents).__wxElement?.__wxEvents?.tap?.empty === false,
      );
      if (!row) throw new Error('no tappable row on home');
      const remove = document.createElement('wx-view');
      remove.setAttribute('class', 'probe__remove');
      remove.setAttribute('aria-role', 'button');
      remove.textContent = '删除';
      remove.style.cssText = 'display: inline-block; width: 40px; height: 20px; font-size: 18px;';
      row.appendChild(remove);
    });
    const nested = await violations(phone, NORMAL);
    expect(nested.filter((line) => line.includes('probe__remove'))).toEqual([
      expect.stringMatching(/^target 80×40rpx < 88rpx: <wx-view \.probe__remove> "删除"$/),
    ]);
    await phone.close();
  });

  it('every text ≥ 32/36rpx, every target ≥ 88/120rpx, every text ≥ 4.5:1, in both modes', async () => {
    const found: string[] = [];
    for (const route of routes) {
      const shot = SHOTS[route]?.[0];
      if (!shot) continue;
      for (const call of shot.before ?? []) await preview.call(call.fn, call.event, call.caller);
      const phone = await preview.open(route, { caller: shot.caller, query: shot.query });
      for (const line of await violations(phone, NORMAL)) found.push(`${route} as ${shot.caller}, normal: ${line}`);

      await phone.page.evaluate((key) => localStorage.setItem(key, JSON.stringify('large')), `wx:${READING_SIZE_KEY}`);
      await phone.page.reload();
      await phone.settled();
      for (const line of await violations(phone, ELDERLY)) found.push(`${route} as ${shot.caller}, 大字: ${line}`);
      await phone.close();
    }
    expect(found).toEqual([]);
  });
});
