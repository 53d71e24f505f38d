/**
 * 放假调休安排 (R-PROC-3, R-PROC-4) over the real backend with the demo county, on 2026-11-30:
 * 2026 has the package's official data, 2027 none, so deadlines in 2027 are 暂定 until the county
 * bureau enters the State Council's arrangement here.
 */
import { usePageBackend } from '../support/page-backend';
import { recordedCalls } from '../support/simulate-setup';
import { findByText, openPage, tap, textOf, waitFor } from '../support/simulate-pages';
import type { PageComponent } from '../support/simulate-pages';
import { setDemoCaller } from '../../miniprogram/services/cloud';
import { COLLECTIONS } from '../../server/collections';
import { checkForm, initialForm } from '../../miniprogram/packages/oversight/pages/work-calendar/view';
import { formatDayList, parseDayList, type WorkCalendarYearView } from '../../miniprogram/domain/work-calendar';

const PAGE = 'packages/oversight/pages/work-calendar/index';

jest.setTimeout(20_000);

const backend = usePageBackend();

function act(page: PageComponent, method: string, event?: unknown): unknown {
  const handler = (page.instance as unknown as Record<string, unknown>)[method];
  if (typeof handler !== 'function') throw new Error(`the page has no ${method}`);
  return (handler as (event?: unknown) => unknown).call(page.instance, event);
}

describe('the dates a county officer types', () => {
  it('reads single days, ranges and the notice’s own 「2月5日至13日」', () => {
    expect(parseDayList('1月1日至3日、2月5日至2月7日\n4月5日, 2027-10-01~2027-10-02', 2027)).toEqual({
      days: [
        '2027-01-01',
        '2027-01-02',
        '2027-01-03',
        '2027-02-05',
        '2027-02-06',
        '2027-02-07',
        '2027-04-05',
        '2027-10-01',
        '2027-10-02',
      ],
      problems: [],
    });
  });

  it('says which pieces it cannot read, and refuses impossible dates and backward ranges', () => {
    expect(parseDayList('2月30日、国庆、10月7日至10月1日', 2027).problems).toEqual([
      '看不懂的日期：2月30日',
      '看不懂的日期：国庆',
      '看不懂的日期范围：10月7日至10月1日',
    ]);
  });

  it('writes days back as the notice does, so an entered arrangement reads like the notice', () => {
    const days = parseDayList('2月5日至13日、4月5日、9月30日至10月2日', 2027).days;
    expect(formatDayList(days)).toBe('2月5日至13日、4月5日、9月30日至10月2日');
    expect(parseDayList(formatDayList(days), 2027).days).toEqual(days);
  });

  it('a new year’s form starts from the statutory days; an entered one from what was entered', () => {
    const year: WorkCalendarYearView = {
      year: 2027,
      source: 'statutory',
      provisional: true,
      statutory: [
        { name: 'newYear', label: '元旦', days: ['2027-01-01'] },
        { name: 'springFestival', label: '春节', days: ['2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08'] },
      ],
      estimatedSubstituteDays: ['2027-02-09'],
      entered: null,
    };
    expect(initialForm(year)).toEqual({ year: 2027, holidaysText: '1月1日、2月5日至8日', workdaysText: '' });
    expect(checkForm({ year: 2027, holidaysText: '', workdaysText: '' })).toEqual({
      ok: false,
      problems: ['请填写放假日期'],
    });
  });
});

describe('the county bureau enters 2027’s arrangement', () => {
  it('R-PROC-3: shows 2027 as 暂定 with the law’s days, and the form saves the arrangement', async () => {
    setDemoCaller('demo-county');
    const page = await openPage(PAGE);
    expect(page.data.state).toBe('ready');
    const text = textOf(page);
    expect(text).toContain('2026年');
    expect(text).toContain('已有官方安排（系统内置）');
    expect(text).toContain('未录入：按法定节假日推算（暂定）');
    expect(text).toContain('春节：2月5日至8日');
    expect(text).toContain('法定节假日逢周末须补假，暂按其后的工作日推算：2月9日至10日');

    await tap(findByText(page, '.t-button--t-button', '录入2027年安排'));
    await waitFor(() => page.data.form !== null);
    expect(page.data.form.holidaysText).toContain('2月5日至8日');

    // A typo is caught on the phone; a statutory day left out is caught by the cloud.
    act(page, 'onHolidays', { detail: { value: '1月1日至3日、2月31日' } });
    await act(page, 'onSave');
    expect(page.data.formError).toContain('看不懂的日期：2月31日');
    act(page, 'onHolidays', { detail: { value: '1月1日至3日' } });
    await act(page, 'onSave');
    await waitFor(() => !page.data.saving);
    expect(page.data.formError).toContain('2027-02-05（春节）是法定节假日，应在放假日期中');
    expect(await backend().ports.store.count(COLLECTIONS.workCalendars)).toBe(0);

    act(page, 'onHolidays', {
      detail: {
        value: '1月1日至3日、2月5日至13日、4月3日至5日、5月1日至5日、6月9日、9月15日、10月1日至7日',
      },
    });
    act(page, 'onWorkdays', { detail: { value: '2月20日、10月9日' } });
    expect(page.data.formSummary).toBe('放假 29 天，调休上班 2 天');
    await act(page, 'onSave');
    await waitFor(() => page.data.form === null && page.data.state === 'ready');
    const saved = recordedCalls().filter((call) => call.event.action === 'setWorkCalendar');
    expect(saved.at(-1)?.event).toMatchObject({ year: 2027, workdays: ['2027-02-20', '2027-10-09'] });
    await waitFor(() => textOf(page).includes('已录入官方安排'));
    expect(textOf(page)).toContain('调休上班：2月20日、10月9日');
    expect(textOf(page)).not.toContain('未录入：按法定节假日推算');
  });

  it('the township reads the arrangements but has no form', async () => {
    setDemoCaller('demo-township');
    const page = await openPage(PAGE);
    expect(page.data.state).toBe('ready');
    expect(textOf(page)).toContain('法定节假日');
    expect(textOf(page)).not.toContain('录入2027年安排');
    expect(textOf(page)).not.toContain('修改2027年安排');
  });

  it('a villager may not open it', async () => {
    setDemoCaller('demo-resident');
    const page = await openPage(PAGE);
    expect(page.data.state).toBe('forbidden');
    expect(textOf(page)).toContain('放假调休安排由县民政局录入');
  });
});
