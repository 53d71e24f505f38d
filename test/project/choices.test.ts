/**
 * Issue 11, a choice never by colour alone: every option a person picks is a jj-choice (✓ before
 * the chosen one, announced as a checked radio or checkbox). A page that marks the chosen option
 * with a class of its own (`choice--on`, `tabs__item--on`) or by switching a button's theme shows
 * the choice by colour only, and this test names the file and line.
 */
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '../..');
const OWN = 'miniprogram/components/jj-choice/';

function templates(dir: string): string[] {
  const found: string[] = [];
  for (const entry of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
    const rel = path.posix.join(dir, entry.name);
    if (entry.isDirectory() && entry.name !== 'miniprogram_npm') found.push(...templates(rel));
    else if (entry.name.endsWith('.wxml') && !rel.startsWith(OWN)) found.push(rel);
  }
  return found;
}

/** A class switched on by a condition and named as a selection: `{{a === b ? 'x--on' : ''}}`. */
const SELECTED_CLASS =
  /\?\s*'[\w-]*--(?:on|active|selected|current|chosen|checked|picked)'|:\s*'[\w-]*--(?:on|active|selected|current|chosen|checked|picked)'\s*\}\}/;
/** A button whose theme turns primary or back to default by a condition: a choice shown by colour. */
const THEMED_BY_CHOICE =
  /<t-button\b[^>]*\stheme="\{\{[^}]*\?\s*'(?:primary'\s*:\s*'default|default'\s*:\s*'primary)'\s*\}\}"/;

/** A button that is primary while it is the next thing to do (not a choice among options). */
const ALLOWED_THEMED = ["theme=\"{{item.provisional ? 'primary' : 'default'}}\""];

/** Every `file:line: text` of a page or component template where `rule` matches. */
function violations(rule: RegExp): string[] {
  return templates('miniprogram').flatMap((file) =>
    fs
      .readFileSync(path.join(root, file), 'utf8')
      .split('\n')
      .map((line, index) => ({ line, index }))
      .filter(({ line }) => rule.test(line))
      .map(({ line, index }) => `${file}:${index + 1}: ${line.trim()}`),
  );
}

describe('choices (issue 11: never by colour alone)', () => {
  it('issue 11: no template marks the chosen option with a class of its own', () => {
    expect(templates('miniprogram').length).toBeGreaterThan(40);
    expect(violations(SELECTED_CLASS)).toEqual([]);
  });

  it('issue 11: no template shows the chosen option by switching a button’s theme', () => {
    const found = templates('miniprogram').flatMap((file) =>
      (fs.readFileSync(path.join(root, file), 'utf8').match(/<t-button\b[^>]*>/g) ?? [])
        .filter((tag) => THEMED_BY_CHOICE.test(tag) && !ALLOWED_THEMED.some((allowed) => tag.includes(allowed)))
        .map((tag) => `${file}: ${tag.replace(/\s+/g, ' ')}`),
    );
    expect(found).toEqual([]);
  });

  it('issue 11: every page that uses jj-choice declares it and says which one is chosen', () => {
    const users = templates('miniprogram').filter((file) =>
      fs.readFileSync(path.join(root, file), 'utf8').includes('<jj-choice'),
    );
    expect(users.length).toBeGreaterThan(20);
    const problems: string[] = [];
    for (const file of users) {
      const json = JSON.parse(fs.readFileSync(path.join(root, file.replace(/\.wxml$/, '.json')), 'utf8')) as {
        usingComponents?: Record<string, string>;
      };
      if (json.usingComponents?.['jj-choice'] !== '/components/jj-choice/index') problems.push(`${file}: not declared`);
      const tags = fs.readFileSync(path.join(root, file), 'utf8').match(/<jj-choice\b[^>]*>/g) ?? [];
      for (const tag of tags) if (!/\son="/.test(tag)) problems.push(`${file}: a jj-choice without on=`);
    }
    expect(problems).toEqual([]);
  });

  it('issue 11: jj-choice shows ✓ on the chosen one and announces a checked radio, or a checkbox when several may be chosen', () => {
    const template = fs.readFileSync(path.join(root, OWN, 'index.wxml'), 'utf8');
    expect(template).toContain(`aria-role="{{multiple ? 'checkbox' : 'radio'}}"`);
    expect(template).toContain('aria-checked="{{on}}"');
    expect(template).toContain(`{{on ? '✓' : ''}}`);
  });

  it('the rules catch a class-only or theme-only selection, and let a status class and jj-choice pass', () => {
    expect(SELECTED_CLASS.test(`class="choice {{form.hukou === item.value ? 'choice--on' : ''}}"`)).toBe(true);
    expect(SELECTED_CLASS.test(`class="tabs__item {{tab === item.value ? 'tabs__item--on' : ''}}"`)).toBe(true);
    expect(SELECTED_CLASS.test(`class="choice {{answer.accepted ? '' : 'choice--on'}}"`)).toBe(true);
    expect(SELECTED_CLASS.test(`class="scope {{item.current ? 'scope--active' : ''}}"`)).toBe(true);
    expect(SELECTED_CLASS.test(`class="deadline {{item.overdue ? 'deadline--overdue' : ''}}"`)).toBe(false);
    expect(SELECTED_CLASS.test(`<jj-choice label="{{item.label}}" on="{{form.hukou === item.value}}" />`)).toBe(false);
    expect(
      THEMED_BY_CHOICE.test(
        `<t-button\n  theme="{{form.programme === item.value ? 'primary' : 'default'}}"\n  size="large">`,
      ),
    ).toBe(true);
    expect(THEMED_BY_CHOICE.test(`<t-button class="x" theme="{{form.anonymous ? 'default' : 'primary'}}">`)).toBe(true);
    expect(THEMED_BY_CHOICE.test(`<t-button theme="primary" size="large">`)).toBe(false);
    expect(THEMED_BY_CHOICE.test(`<t-tag theme="{{item.revoked ? 'default' : 'primary'}}">`)).toBe(false);
  });
});
