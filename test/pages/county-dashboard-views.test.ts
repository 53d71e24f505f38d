/** The county dashboard's pure shaping by township (issue 15): the summary, township rows, pages of villages. */
import {
  toCountyDashboardScreen,
  withVillagesPage,
} from '../../miniprogram/packages/oversight/pages/county-dashboard/view';
import type {
  CountyDashboardView,
  DashboardTownship,
  DashboardVillage,
  TownshipVillagesPage,
} from '../../miniprogram/domain/registry';

const QINGSHI: DashboardTownship = {
  townshipId: 'area-qingshi',
  townshipName: '青石镇',
  villages: 3,
  none: 3,
  preparing: 0,
  active: 0,
  suspended: 0,
  registered: 0,
  filed: 0,
};

function village(name: string, state: DashboardVillage['state'] = 'none'): DashboardVillage {
  return {
    villageId: `area-${name}`,
    villageName: name,
    townshipId: QINGSHI.townshipId,
    townshipName: QINGSHI.townshipName,
    state,
    stateLabel: state === 'none' ? '尚未成立互助社' : '筹备中（备案）',
    society: null,
  };
}

function page(names: string[], nextOffset: number | null, state?: DashboardVillage['state']): TownshipVillagesPage {
  return {
    townshipId: QINGSHI.townshipId,
    townshipName: QINGSHI.townshipName,
    villages: names.map((name) => village(name, state)),
    nextOffset,
  };
}

describe('the county dashboard by township', () => {
  it('a township officer’s summary names their township, not the county', () => {
    const view: CountyDashboardView = {
      countyId: 'area-qingxi',
      countyName: '清溪县',
      summary: { ...QINGSHI },
      townships: [QINGSHI],
      ownTownshipId: 'area-qingshi',
      workCalendar: { complete: false, years: [{ year: 2027, source: 'statutory', complete: false }] },
    };
    const screen = toCountyDashboardScreen(view);
    expect(screen.summaryLines[0]).toBe('青石镇 3 个村（社区）：尚未成立 3 个，筹备中 0 个，运行中 0 个');
    expect(screen.townships).toEqual([
      {
        townshipId: 'area-qingshi',
        townshipName: '青石镇',
        countText: '3 个村，已成立 0 个，尚未成立 3 个',
        stateText: '',
      },
    ]);
    expect(screen.calendarWarning).toContain('2027年的放假调休安排还未录入');
  });

  it('加载更多 adds the next page after the rows shown; the last page says all are shown', () => {
    const first = withVillagesPage(null, QINGSHI, page(['东村', '南村'], 2), 0);
    expect(first.villages.map((row) => row.villageName)).toEqual(['东村', '南村']);
    expect(first).toMatchObject({ nextOffset: 2, endText: '' });
    const all = withVillagesPage(first, QINGSHI, page(['西村'], null), 2);
    expect(all.villages.map((row) => row.villageName)).toEqual(['东村', '南村', '西村']);
    expect(all).toMatchObject({ nextOffset: null, endText: '已显示全部 3 个村' });
  });

  it('a page loaded again (after founding) replaces its own rows and keeps the pages after it', () => {
    const first = withVillagesPage(null, QINGSHI, page(['东村', '南村'], 2), 0);
    const shown = withVillagesPage(first, QINGSHI, page(['西村', '北村'], 4), 2);
    const again = withVillagesPage(shown, QINGSHI, page(['东村', '南村'], 2, 'preparing'), 0, true);
    expect(again.villages.map((row) => [row.villageName, row.stateLabel])).toEqual([
      ['东村', '筹备中（备案）'],
      ['南村', '筹备中（备案）'],
      ['西村', '尚未成立互助社'],
      ['北村', '尚未成立互助社'],
    ]);
    expect(again.nextOffset).toBe(4);
  });

  it('another township’s page starts afresh', () => {
    const first = withVillagesPage(null, QINGSHI, page(['东村', '南村'], 2), 0);
    const other = withVillagesPage(first, undefined, { ...page(['河村'], null), townshipId: 'area-hekou' }, 0);
    expect(other.villages.map((row) => row.villageName)).toEqual(['河村']);
    expect(other.countText).toBe('');
  });
});
