/**
 * TDesign's icons without its CDN. t-icon draws a glyph of the font `t` (loaded from
 * tdesign.gtimg.com) in `::before` of `<label class="t-icon-<name> t-icon-base">`. Offline that
 * font never arrives, so the preview drops the font rules from icon.wxss and draws the same icon,
 * by name, from TDesign's SVG set (@iconify-json/tdesign) as a CSS mask in the current text colour.
 */
import fs from 'node:fs';

interface IconifyIcon {
  body: string;
  width?: number;
  height?: number;
}

interface IconifySet {
  width?: number;
  height?: number;
  icons: Record<string, IconifyIcon>;
  aliases?: Record<string, { parent: string }>;
}

/**
 * The class prefix simulate gives t-icon's own classes: its tag name, `t-icon`, which is what
 * every TDesign component calls it (and what our pages call it too).
 */
const ICON_CLASS = 't-icon--t-icon';

function svgDataUrl(body: string, width: number, height: number): string {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}">${body}</svg>`;
  const escaped = svg
    .replace(/"/g, "'")
    .replace(/%/g, '%25')
    .replace(/#/g, '%23')
    .replace(/</g, '%3C')
    .replace(/>/g, '%3E')
    .replace(/\s+/g, ' ');
  return `url("data:image/svg+xml,${escaped}")`;
}

/** One stylesheet for every TDesign icon name, read from the icon set shipped in node_modules. */
export function buildIconStylesheet(iconSetFile: string): { css: string; count: number } {
  const set = JSON.parse(fs.readFileSync(iconSetFile, 'utf8')) as IconifySet;
  const rules = [
    `.${ICON_CLASS}-base::before{content:'';display:block;width:1em;height:1em;background-color:currentColor;` +
      `-webkit-mask:var(--jj-icon) center/100% 100% no-repeat;mask:var(--jj-icon) center/100% 100% no-repeat}`,
  ];
  const names = [...Object.keys(set.icons), ...Object.keys(set.aliases ?? {})];
  for (const name of names) {
    const icon = set.icons[name] ?? set.icons[set.aliases?.[name]?.parent ?? ''];
    if (!icon) continue;
    const url = svgDataUrl(icon.body, icon.width ?? set.width ?? 24, icon.height ?? set.height ?? 24);
    rules.push(`.${ICON_CLASS}-${name}{--jj-icon:${url}}`);
  }
  return { css: rules.join('\n'), count: names.length };
}

const ICON_FONT_FACE = /@font-face\s*\{[^}]*\}/g;
const ICON_GLYPH_RULE = /\.t-icon-[a-z0-9-]+:before\s*\{\s*content:\s*'\\[0-9A-Fa-f]+';?\s*\}/g;

/** icon.wxss without the remote font and its 2,000 glyph rules (the stylesheet above draws them). */
export function stripIconFont(wxss: string): string {
  return wxss.replace(ICON_FONT_FACE, '').replace(ICON_GLYPH_RULE, '');
}
