/**
 * The county dashboard by township (issue 15) over the real backend: the county's first view is
 * its townships with their counts; 查看各村 opens one, 50 villages at a time, 加载更多 brings the
 * next page until all are shown, 返回全县各乡镇 goes back; a township officer opens on their own
 * villages. 青石镇 gets 120 more villages, written as the area import writes them.
 */
import { usePageBackend } from '../support/page-backend';
import { recordedCalls } from '../support/simulate-setup';
import { findByText, openPage, tap, textOf, textsOf, waitFor } from '../support/simulate-pages';
import { setDemoCaller } from '../../miniprogram/services/cloud';
import { COLLECTIONS, type AreaDoc } from '../../server/collections';
import { countAreasAdded } from '../../server/registry/area-counts';

const DASHBOARD = 'packages/oversight/pages/county-dashboard/index';
const QINGSHI = 'area-qingshi';
const ADDED = 120;

jest.setTimeout(30_000);

const backend = usePageBackend();

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Page = any;

beforeAll(async () => {
  const store = backend().ports.store;
  const village = (await store.get<AreaDoc>(COLLECTIONS.areas, 'area-wangjia'))!;
  await store.transaction(async (tx) => {
    const added: AreaDoc[] = [];
    for (let i = 0; i < ADDED; i += 1) {
      const doc: AreaDoc = { ...village, _id: `area-qs-${i}`, name: `青石${String(i).padStart(3, '0')}村` };
      await tx.insert(COLLECTIONS.areas, doc);
      added.push(doc);
    }
    await countAreasAdded(tx, 'area-qingxi', added, new Map([[QINGSHI, '青石镇']]));
  });
});

const villageNames = (page: Page): string[] =>
  page.data.township.villages.map((row: { villageName: string }) => row.villageName);

const villagePages = () =>
  recordedCalls()
    .filter((call) => call.name === 'societies' && call.event.action === 'dashboardVillages')
    .map((call) => [call.event.townshipId, call.event.offset]);

async function loadMore(page: Page, shown: number): Promise<void> {
  await tap(findByText(page, '.t-button--t-button', '加载更多'));
  await waitFor(() => page.data.township.villages.length === shown && !page.data.loadingVillages);
}

describe('the county dashboard by township (issue 15)', () => {
  it('the county sees its townships with their counts; a township opens 50 villages at a time; 加载更多 to the end; back to the townships', async () => {
    setDemoCaller('demo-county');
    const page = await openPage(DASHBOARD);
    expect(page.data.state).toBe('ready');
    // The first view holds no village: the townships and the county's counts only.
    expect(textsOf(page, '.main--village')).toEqual([]);
    expect(villagePages()).toEqual([]);
    expect(textOf(page)).toContain(`全县 ${5 + ADDED} 个村（社区）：尚未成立 ${1 + ADDED} 个`);
    const qingshi = (findByText(page, '.main--township', '青石镇').textContent ?? '').replace(/\s+/g, ' ');
    expect(qingshi).toContain(`${2 + ADDED} 个村，已成立 2 个，尚未成立 ${ADDED} 个`);
    expect(qingshi).toContain('运行中 2 · 登记 1 · 备案 1');
    expect(findByText(page, '.main--township', '河口乡').textContent).toContain('3 个村，已成立 2 个，尚未成立 1 个');

    await tap(findByText(page, '.main--township', '青石镇').querySelector('.t-button--t-button')!);
    await waitFor(() => page.data.township?.townshipName === '青石镇' && !page.data.loadingVillages);
    expect(textsOf(page, '.main--village')).toHaveLength(50);
    // By name (the store's order): 柳塘村 and 王家村 come before the 青石… villages.
    expect(villageNames(page).slice(0, 3)).toEqual(['柳塘村', '王家村', '青石000村']);
    expect(textOf(page)).not.toContain('已显示全部');

    await loadMore(page, 100);
    expect(villageNames(page)[50]).toBe('青石048村');
    await loadMore(page, ADDED + 2);
    expect(villageNames(page).slice(-2)).toEqual(['青石118村', '青石119村']);
    expect(textsOf(page, '.t-button--t-button')).not.toContain('加载更多');
    expect(textOf(page)).toContain(`已显示全部 ${ADDED + 2} 个村`);
    expect(new Set(villageNames(page)).size).toBe(ADDED + 2);
    expect(villagePages()).toEqual([
      [QINGSHI, 0],
      [QINGSHI, 50],
      [QINGSHI, 100],
    ]);

    await tap(findByText(page, '.t-button--t-button', '返回全县各乡镇'));
    await waitFor(() => page.data.township === null);
    expect(textsOf(page, '.main--village')).toEqual([]);
    expect(textOf(page)).toContain('河口乡');
  });

  it('a township officer opens on their own villages, with no way to the other townships', async () => {
    setDemoCaller('demo-township');
    const page = await openPage(DASHBOARD);
    expect(page.data.state).toBe('ready');
    expect(page.data.township?.townshipName).toBe('青石镇');
    expect(textsOf(page, '.main--village')).toHaveLength(50);
    expect(textOf(page)).toContain(`青石镇 ${2 + ADDED} 个村（社区）`);
    expect(textOf(page)).not.toContain('河口乡');
    expect(textsOf(page, '.t-button--t-button')).not.toContain('返回全县各乡镇');
    await loadMore(page, 100);
    expect(villagePages()).toEqual([
      [QINGSHI, 0],
      [QINGSHI, 50],
    ]);
  });
});
