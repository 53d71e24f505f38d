/**
 * Issue 11, one design system: an empty list shows the shared empty state of jj-screen-state (icon,
 * Chinese message, optional action), not a copied t-empty block or a bare line of text.
 */
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '../..');
const SHARED = 'miniprogram/components/jj-screen-state/';

function templates(dir: string): string[] {
  const found: string[] = [];
  for (const entry of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
    const rel = path.posix.join(dir, entry.name);
    if (entry.isDirectory() && entry.name !== 'miniprogram_npm') found.push(...templates(rel));
    else if (entry.name.endsWith('.wxml') && !rel.startsWith(SHARED)) found.push(rel);
  }
  return found;
}

/** An element shown when a list is empty, other than jj-screen-state: `<view wx:if="{{rows.length === 0}}"`. */
const COPIED_EMPTY = /<(?!jj-screen-state\b)[\w-]+\s+wx:(?:if|elif)="\{\{[^"}]*\.length === 0\s*\}\}"/;

function violations(): string[] {
  return templates('miniprogram').flatMap((file) =>
    (fs.readFileSync(path.join(root, file), 'utf8').match(/<[\w-]+\s+wx:(?:if|elif)="[^"]*"/g) ?? [])
      .filter((tag) => COPIED_EMPTY.test(tag))
      .map((tag) => `${file}: ${tag}`),
  );
}

describe('empty lists (issue 11)', () => {
  it('issue 11: every empty list is jj-screen-state’s empty state', () => {
    const shared = templates('miniprogram').filter((file) =>
      /<jj-screen-state[^>]*state="empty"/.test(fs.readFileSync(path.join(root, file), 'utf8')),
    );
    expect(shared.length).toBeGreaterThan(20);
    expect(violations()).toEqual([]);
  });

  it('issue 11: no page copies the loading block; loading, forbidden and error are jj-screen-state too', () => {
    const copied = templates('miniprogram').filter((file) =>
      fs.readFileSync(path.join(root, file), 'utf8').includes('<t-loading'),
    );
    expect(copied).toEqual([]);
  });

  it('the rule catches a copied empty block and lets the shared one pass', () => {
    expect(COPIED_EMPTY.test('<view wx:if="{{screen.rows.length === 0}}"')).toBe(true);
    expect(COPIED_EMPTY.test('<t-empty wx:if="{{events.length === 0}}"')).toBe(true);
    expect(COPIED_EMPTY.test('<jj-screen-state wx:if="{{events.length === 0}}"')).toBe(false);
    expect(COPIED_EMPTY.test('<view wx:if="{{screen.rows.length > 0}}"')).toBe(false);
  });
});
