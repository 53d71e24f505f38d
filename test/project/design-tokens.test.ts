/**
 * Issue 11, one design system: colours and type sizes live in miniprogram/app.wxss as tokens, and
 * every other stylesheet (pages, components, pages added later) only refers to them. The token
 * colours themselves reach the contrast the elderly standard asks for.
 */
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '../..');
const APP_WXSS = 'miniprogram/app.wxss';

function stylesheets(dir: string): string[] {
  const found: string[] = [];
  for (const entry of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
    const rel = path.posix.join(dir, entry.name);
    if (entry.isDirectory() && entry.name !== 'miniprogram_npm') found.push(...stylesheets(rel));
    else if (entry.name.endsWith('.wxss') && rel !== APP_WXSS) found.push(rel);
  }
  return found;
}

const COLOUR_LITERAL = /#[0-9a-fA-F]{3,8}\b|\b(?:rgba?|hsla?)\(/;
const NAMED_COLOUR = /:\s*(?:[^;]*\s)?(?:white|black|red|green|blue|orange|gray|grey)\s*;/;
const FONT_SIZE_LITERAL = /font(?:-size)?\s*:[^;]*\d(?:rpx|px|em|rem)/;

/** Every line of every page/component stylesheet that breaks `rule`, as `file:line: text`. */
function violations(rule: (line: string) => boolean): string[] {
  return stylesheets('miniprogram').flatMap((file) =>
    fs
      .readFileSync(path.join(root, file), 'utf8')
      .split('\n')
      .map((line, index) => ({ line, index }))
      .filter(({ line }) => !line.trim().startsWith('/*') && !line.trim().startsWith('*') && rule(line))
      .map(({ line, index }) => `${file}:${index + 1}: ${line.trim()}`),
  );
}

/** The `--name: value` declarations of app.wxss's `page, .page { … }` block. */
function pageTokens(): Map<string, string> {
  const css = fs.readFileSync(path.join(root, APP_WXSS), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');
  const block = /(^|\n)page,\s*\.page\s*\{([^}]*)\}/.exec(css)?.[2] ?? '';
  return new Map(Array.from(block.matchAll(/(--[\w-]+)\s*:\s*([^;]+);/g), (m) => [m[1] ?? '', (m[2] ?? '').trim()]));
}

function resolve(tokens: Map<string, string>, value: string): string {
  const name = /^var\((--[\w-]+)\)$/.exec(value)?.[1];
  if (!name) return value;
  const next = tokens.get(name);
  if (!next) throw new Error(`${name} is not defined in app.wxss`);
  return resolve(tokens, next);
}

type Rgba = [number, number, number, number];

/** [r, g, b, a] of #rrggbb or rgba(r, g, b, a). */
function rgba(colour: string): Rgba {
  const hex = /^#([0-9a-f]{6})$/i.exec(colour)?.[1];
  if (hex) return [0, 2, 4].map((at) => parseInt(hex.slice(at, at + 2), 16)).concat(1) as Rgba;
  const parts = /^rgba?\(([^)]*)\)$/.exec(colour)?.[1]?.split(',').map(Number);
  if (!parts || parts.length < 3) throw new Error(`not a colour: ${colour}`);
  return [parts[0] ?? 0, parts[1] ?? 0, parts[2] ?? 0, parts[3] ?? 1];
}

function contrast(foreground: string, background: string): number {
  const [br, bg, bb] = rgba(background);
  const [fr, fg, fb, fa] = rgba(foreground);
  const over = [fr * fa + br * (1 - fa), fg * fa + bg * (1 - fa), fb * fa + bb * (1 - fa)];
  const channel = (c: number) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  const luminance = (r: number, g: number, b: number) =>
    0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
  const a = luminance(over[0] ?? 0, over[1] ?? 0, over[2] ?? 0);
  const b = luminance(br, bg, bb);
  return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
}

describe('design tokens', () => {
  it('issue 11: no page or component stylesheet writes a colour of its own', () => {
    expect(stylesheets('miniprogram').length).toBeGreaterThan(40);
    expect(violations((line) => COLOUR_LITERAL.test(line) || NAMED_COLOUR.test(line))).toEqual([]);
  });

  it('issue 11: no page or component stylesheet writes a font size of its own (sizes follow 大字模式)', () => {
    expect(violations((line) => FONT_SIZE_LITERAL.test(line))).toEqual([]);
  });

  it('the rule catches a hard-coded colour and a literal font size', () => {
    expect(COLOUR_LITERAL.test('  color: #0052d9;')).toBe(true);
    expect(COLOUR_LITERAL.test('  background: rgba(0, 0, 0, 0.6);')).toBe(true);
    expect(NAMED_COLOUR.test('  color: white;')).toBe(true);
    expect(COLOUR_LITERAL.test('  color: var(--td-brand-color);')).toBe(false);
    expect(FONT_SIZE_LITERAL.test('  font-size: 28rpx;')).toBe(true);
    expect(FONT_SIZE_LITERAL.test('  font-size: var(--jjn-font-body);')).toBe(false);
  });

  it('issue 11: every text colour token reaches 4.5:1 on every background token', () => {
    const tokens = pageTokens();
    const texts = [
      '--td-text-color-primary',
      '--td-text-color-secondary',
      '--td-text-color-placeholder',
      '--td-font-gray-3',
      '--td-brand-color',
      '--td-error-color',
      '--td-warning-color',
      '--td-success-color',
    ];
    const backgrounds = [
      '--td-bg-color-page',
      '--td-bg-color-container',
      '--td-bg-color-secondarycontainer',
      '--td-brand-color-light',
      '--td-error-color-light',
      '--td-warning-color-light',
      '--td-success-color-light',
    ];
    const low: string[] = [];
    for (const text of texts) {
      for (const background of backgrounds) {
        const ratio = contrast(resolve(tokens, `var(${text})`), resolve(tokens, `var(${background})`));
        if (ratio < 4.5) low.push(`${text} on ${background}: ${ratio.toFixed(2)}`);
      }
    }
    expect(low).toEqual([]);
    // White text on the filled buttons and tags.
    for (const fill of ['--td-brand-color', '--td-error-color', '--td-warning-color', '--td-success-color']) {
      expect(contrast('#ffffff', resolve(tokens, `var(${fill})`))).toBeGreaterThanOrEqual(4.5);
    }
    // TDesign's own grey (rgba(0,0,0,.4)) fails on the page background: the check can fail.
    expect(contrast('rgba(0, 0, 0, 0.4)', '#f3f3f3')).toBeLessThan(4.5);
  });
});
