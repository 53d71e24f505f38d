/**
 * 困难等级与走访周期 (R-OVS-1) over the real backend with the demo county: the county bureau edits
 * the levels (the phone and the cloud both refuse bad ones, in Chinese, and nothing is saved), the
 * saved levels are what the township then reads; anyone else is told who sets them.
 */
import { usePageBackend } from '../support/page-backend';
import { recordedCalls } from '../support/simulate-setup';
import { findByText, openPage, tap, textOf, waitFor } from '../support/simulate-pages';
import type { PageComponent } from '../support/simulate-pages';
import { setDemoCaller } from '../../miniprogram/services/cloud';
import { COLLECTIONS } from '../../server/collections';
import {
  checkLevelsForm,
  newLevelId,
  type LevelFormRow,
} from '../../miniprogram/packages/oversight/pages/roster-levels/view';
import { OVERSIGHT_ENTRIES, entryLinks } from '../../miniprogram/domain/entries';

const PAGE = 'packages/oversight/pages/roster-levels/index';

jest.setTimeout(30_000);

const backend = usePageBackend();

function act(page: PageComponent, method: string, event?: unknown): unknown {
  const handler = (page.instance as unknown as Record<string, unknown>)[method];
  if (typeof handler !== 'function') throw new Error(`the page has no ${method}`);
  return (handler as (event?: unknown) => unknown).call(page.instance, event);
}

const field = (index: number, name: 'label' | 'days', value: string) => ({
  currentTarget: { dataset: { index, field: name } },
  detail: { value },
});

describe('the levels form', () => {
  it('R-OVS-1: says in Chinese what is wrong with a period or a name, and gives a new level a free id', () => {
    const rows: LevelFormRow[] = [
      { id: 'l1', label: '一级', days: '30' },
      { id: 'l2', label: '一级', days: '3' },
      { id: 'l3', label: '三级', days: '半年' },
    ];
    expect(checkLevelsForm(rows)).toEqual({ ok: false, problems: ['「三级」的走访周期请填天数'] });
    expect(checkLevelsForm(rows.slice(0, 2))).toEqual({
      ok: false,
      problems: ['困难等级名称须为 1 至 20 个字且不重复：一级', '「一级」的走访周期须为 7 至 366 天'],
    });
    expect(checkLevelsForm([{ id: 'l1', label: ' 一级 ', days: '30' }])).toEqual({
      ok: true,
      levels: [{ id: 'l1', label: '一级', visitEveryDays: 30 }],
    });
    expect(
      newLevelId([
        { id: 'l1', label: '', days: '' },
        { id: 'l3', label: '', days: '' },
      ]),
    ).toBe('l4');
  });

  it('R-OVS-1: the county bureau reaches the page from its entries, the township too', () => {
    expect(entryLinks(OVERSIGHT_ENTRIES, ['county'], null).map((link) => link.url)).toContain(`/${PAGE}`);
    expect(entryLinks(OVERSIGHT_ENTRIES, ['township'], null).map((link) => link.url)).toContain(`/${PAGE}`);
    expect(entryLinks(OVERSIGHT_ENTRIES, ['supervisor'], 'soc-wangjia').map((link) => link.url)).not.toContain(
      `/${PAGE}`,
    );
  });
});

describe('困难等级与走访周期 page', () => {
  it('R-OVS-1: the county bureau changes the levels; bad ones are refused and nothing is saved', async () => {
    setDemoCaller('demo-county');
    const page = await openPage(PAGE);
    expect(page.data.state).toBe('ready');
    expect(textOf(page)).toContain('县里还没有设定，目前用的是默认等级');
    expect(textOf(page)).toContain('一级（特别困难）');
    expect(textOf(page)).toContain('每 30 天至少走访一次');

    await tap(findByText(page, '.t-button--t-button', '修改困难等级'));
    await waitFor(() => page.data.form !== null);
    expect(page.data.form).toHaveLength(3);

    // Caught on the phone: a period too short.
    act(page, 'onField', field(0, 'days', '5'));
    await act(page, 'onSave');
    expect(page.data.formError).toBe('「一级（特别困难）」的走访周期须为 7 至 366 天');
    expect(await backend().ports.store.count(COLLECTIONS.rosterLevels)).toBe(0);

    act(page, 'onField', field(0, 'label', '一级'));
    act(page, 'onField', field(0, 'days', '21'));
    act(page, 'onRemoveLevel', { currentTarget: { dataset: { index: 2 } } });
    act(page, 'onField', field(1, 'label', '二级'));
    act(page, 'onField', field(1, 'days', '45'));
    act(page, 'onAddLevel');
    expect(page.data.form[2]).toEqual({ id: 'l3', label: '', days: '' });
    act(page, 'onField', field(2, 'label', '三级'));
    act(page, 'onField', field(2, 'days', '120'));
    await act(page, 'onSave');
    await waitFor(() => page.data.form === null);
    const saved = recordedCalls().filter((call) => call.event.action === 'setLevels');
    expect(saved.at(-1)?.event).toMatchObject({
      levels: [
        { id: 'l1', label: '一级', visitEveryDays: 21 },
        { id: 'l2', label: '二级', visitEveryDays: 45 },
        { id: 'l3', label: '三级', visitEveryDays: 120 },
      ],
    });
    expect(textOf(page)).toContain('每 21 天至少走访一次');
    expect(textOf(page)).toContain('县民政局设定于');
    expect(await backend().ports.store.count(COLLECTIONS.rosterLevels)).toBe(1);
  });

  it('R-OVS-1: the cloud refuses levels the phone did not check, with its Chinese message, and keeps the old ones', async () => {
    setDemoCaller('demo-county');
    const page = await openPage(PAGE);
    await tap(findByText(page, '.t-button--t-button', '修改困难等级'));
    await waitFor(() => page.data.form !== null);
    // Seven levels slip past the form only if set directly; the cloud holds the limit.
    page.instance.setData({
      form: Array.from({ length: 7 }, (_, index) => ({ id: `l${index + 1}`, label: `${index + 1}级`, days: '30' })),
    });
    await act(page, 'onSave');
    expect(page.data.formError).toBe('困难等级须设 1 至 6 级');
    expect(textOf(page)).toContain('困难等级须设 1 至 6 级');
    const doc = await backend().ports.store.get<{ _id: string; levels: unknown[] }>(
      COLLECTIONS.rosterLevels,
      'area-qingxi',
    );
    expect(doc?.levels).toHaveLength(3);
  });

  it('R-OVS-1: the township reads the levels but cannot change them; an officer of a society is told who sets them', async () => {
    setDemoCaller('demo-township');
    const page = await openPage(PAGE);
    expect(page.data.state).toBe('ready');
    expect(textOf(page)).toContain('每 21 天至少走访一次');
    expect(textOf(page)).not.toContain('修改困难等级');

    setDemoCaller('demo-secretary');
    const secretary = await openPage(PAGE);
    expect(secretary.data.state).toBe('forbidden');
    expect(textOf(secretary)).toContain('困难等级和走访周期由县民政局设定');
  });
});
