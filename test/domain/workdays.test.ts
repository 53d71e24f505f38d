import { execFileSync } from 'child_process';
import { readdirSync } from 'fs';
import { buildSync } from 'esbuild';
import { join } from 'path';
import { isWorkday as packageIsWorkday } from 'chinese-days';
import {
  beijingDayOf,
  beijingStartOf,
  createWorkCalendar,
  firstYearWithPackageData,
  lastYearWithPackageData,
  validateYearSchedule,
  type YearSchedule,
} from '../../server/domain/workdays';
import { statutoryHolidays } from '../../server/domain/statutory-holidays';

/** An instant given as Beijing wall-clock time: bj('2026-09-30 17:00'). */
function bj(text: string): Date {
  return new Date(`${text.replace(' ', 'T')}:00+08:00`);
}

const HOUR = 3_600_000;
const packageDir = join(__dirname, '../../node_modules/chinese-days');

/** 2027's statutory days by the 2025 办法 (除夕 2027-02-05); every entered arrangement must hold them. */
const STATUTORY_2027 = [
  '2027-01-01',
  '2027-02-05',
  '2027-02-06',
  '2027-02-07',
  '2027-02-08',
  '2027-04-05',
  '2027-05-01',
  '2027-05-02',
  '2027-06-09',
  '2027-09-15',
  '2027-10-01',
  '2027-10-02',
  '2027-10-03',
];

/** A made-up official schedule for 2027 (the package has none): the statutory days, a long New Year and National Day. */
const COUNTY_2027: YearSchedule = {
  year: 2027,
  holidays: [
    ...new Set([...STATUTORY_2027, '2027-01-02', '2027-01-03', ...[1, 2, 3, 4, 5, 6, 7].map((d) => `2027-10-0${d}`)]),
  ],
  // Sunday 26 September and Saturday 9 October worked in exchange.
  workdays: ['2027-09-26', '2027-10-09'],
};

describe('working-day deadlines (package data)', () => {
  const calendar = createWorkCalendar();

  it('R-PROC-4: payout is due one working day after approval, skipping the National Day holiday', () => {
    expect(calendar.addWorkingDays(bj('2026-09-30 17:00'), 1)).toEqual(bj('2026-10-08 17:00'));
  });

  it('R-PROC-3: a case accepted on a Friday afternoon is due for its home visit on Monday at the same time', () => {
    expect(calendar.addWorkingDays(bj('2026-09-11 15:00'), 1)).toEqual(bj('2026-09-14 15:00'));
  });

  it('R-PROC-4: a make-up working day (调休) counts: Fri 2026-10-09 → Sat 2026-10-10', () => {
    expect(calendar.isWorkday('2026-10-10')).toBe(true);
    expect(calendar.addWorkingDays(bj('2026-10-09 10:30'), 1)).toEqual(bj('2026-10-10 10:30'));
    // Sunday 2026-09-20 was worked for National Day.
    expect(calendar.addWorkingDays(bj('2026-09-18 15:00'), 1)).toEqual(bj('2026-09-20 15:00'));
  });

  it('R-PROC-3: a case accepted on a non-working day counts from the start of the next working day', () => {
    // Saturday 10:00 → counting starts Monday 00:00 → due when Monday ends (Tuesday 00:00).
    expect(calendar.addWorkingDays(bj('2026-09-12 10:00'), 1)).toEqual(bj('2026-09-15 00:00'));
    // Friday 2026-09-25 is the Mid-Autumn holiday (25–27 Sep): all of Monday 28 Sep is the working day.
    expect(calendar.isWorkday('2026-09-25')).toBe(false);
    expect(calendar.addWorkingDays(bj('2026-09-25 15:00'), 1)).toEqual(bj('2026-09-29 00:00'));
    // Inside National Day: Oct 8 is the first working day, due at its end; Oct 9 is also a working day.
    expect(calendar.addWorkingDays(bj('2026-10-03 09:00'), 1)).toEqual(bj('2026-10-09 00:00'));
  });

  it('R-PROC-3: the last working day before a holiday counts from 00:00 like any other instant of that day', () => {
    // 2026-09-30 00:00 is the start of a working day: the same clock time on the next one.
    expect(calendar.addWorkingDays(bj('2026-09-30 00:00'), 1)).toEqual(bj('2026-10-08 00:00'));
    // One millisecond earlier is Tuesday 29th, 23:59:59.999: due on Wednesday 30th, one millisecond before its end.
    expect(calendar.addWorkingDays(new Date(bj('2026-09-30 00:00').getTime() - 1), 1)).toEqual(
      new Date(bj('2026-10-01 00:00').getTime() - 1),
    );
  });

  it('n = 0 is the instant itself on a working day, else the start of the next working day; n = 2 counts two', () => {
    expect(calendar.addWorkingDays(bj('2026-09-30 17:00'), 0)).toEqual(bj('2026-09-30 17:00'));
    expect(calendar.addWorkingDays(bj('2026-10-01 17:00'), 0)).toEqual(bj('2026-10-08 00:00'));
    expect(calendar.addWorkingDays(bj('2026-09-30 17:00'), 2)).toEqual(bj('2026-10-09 17:00'));
  });

  it('rejects a negative or fractional count and an invalid date', () => {
    expect(() => calendar.addWorkingDays(bj('2026-09-30 17:00'), -1)).toThrow(RangeError);
    expect(() => calendar.addWorkingDays(bj('2026-09-30 17:00'), 0.5)).toThrow(RangeError);
    expect(() => calendar.addWorkingDays(new Date('nope'), 1)).toThrow(RangeError);
    expect(() => calendar.isWorkday('2026-02-30')).toThrow(RangeError);
  });

  it('reads an instant as its Beijing day: 2026-09-30T16:30Z is already 1 October in Beijing', () => {
    expect(beijingDayOf(new Date('2026-09-30T16:30:00Z'))).toBe('2026-10-01');
    expect(calendar.isWorkday(new Date('2026-09-30T16:30:00Z'))).toBe(false);
    expect(calendar.isWorkday(new Date('2026-09-30T15:30:00Z'))).toBe(true);
    expect(beijingStartOf('2026-10-01')).toEqual(new Date('2026-09-30T16:00:00Z'));
  });

  it('nextWorkday skips holidays and takes make-up days', () => {
    expect(calendar.nextWorkday('2026-09-30')).toBe('2026-10-08');
    expect(calendar.nextWorkday('2026-10-09')).toBe('2026-10-10');
    expect(calendar.nextWorkday('2026-09-11')).toBe('2026-09-14');
  });

  it('gives the same answers whatever the machine time zone, where the package itself is off by a day', () => {
    // Jest cannot switch the zone of a running worker, so a bundled copy runs in a child Node.
    const bundle = buildSync({
      entryPoints: [join(__dirname, '../../server/domain/workdays.ts')],
      bundle: true,
      platform: 'node',
      format: 'iife',
      globalName: 'workdays',
      write: false,
    }).outputFiles[0]?.text;
    const probe = `${bundle}
      const calendar = workdays.createWorkCalendar();
      const bj = (text) => new Date(text.replace(' ', 'T') + ':00+08:00');
      console.log(JSON.stringify({
        offset: new Date(2026, 9, 10).getTimezoneOffset(),
        madeUpSaturday: calendar.isWorkday('2026-10-10'),
        nationalDay: calendar.isWorkday('2026-10-01'),
        due: calendar.addWorkingDays(bj('2026-09-30 17:00'), 1).toISOString(),
        packageMadeUpSaturday: require('chinese-days').isWorkday(new Date(2026, 9, 10)),
      }));`;
    const output = execFileSync(process.execPath, ['-'], {
      input: probe,
      cwd: join(__dirname, '../..'),
      env: { PATH: process.env.PATH, TZ: 'America/New_York' },
      encoding: 'utf8',
    });
    expect(JSON.parse(output)).toEqual({
      offset: 240,
      madeUpSaturday: true,
      nationalDay: false,
      due: bj('2026-10-08 17:00').toISOString(),
      // chinese-days 1.5.7 builds its tables in local time: in New York, 10 October has no make-up mark.
      packageMadeUpSaturday: false,
    });
  });
});

describe('time left and overdue', () => {
  const calendar = createWorkCalendar();
  const due = bj('2026-09-14 15:00');

  it('R-PROC-3: on Friday 16:00, a Monday 15:00 deadline has 23 working hours left and 71 wall-clock hours', () => {
    expect(calendar.remainingTime(due, bj('2026-09-11 16:00'))).toEqual({
      overdue: false,
      wallMs: 71 * HOUR,
      workingMs: 23 * HOUR,
    });
  });

  it('R-PROC-4: a payout not made by the deadline is overdue, by working time', () => {
    expect(calendar.remainingTime(due, due)).toEqual({ overdue: false, wallMs: 0, workingMs: 0 });
    const late = calendar.remainingTime(due, bj('2026-09-15 10:00'));
    expect(late.overdue).toBe(true);
    expect(late.wallMs).toBe(-19 * HOUR);
    expect(late.workingMs).toBe(-19 * HOUR);
  });

  it('counts no working time across the National Day holiday', () => {
    expect(calendar.workingTimeBetween(bj('2026-09-30 17:00'), bj('2026-10-08 17:00'))).toBe(24 * HOUR);
    expect(calendar.workingTimeBetween(bj('2026-10-02 00:00'), bj('2026-10-06 12:00'))).toBe(0);
  });

  it('every deadline is exactly n × 24 working hours after a working-day instant', () => {
    for (const start of ['2026-01-30 09:15', '2026-02-13 18:00', '2026-04-30 23:59', '2026-12-31 08:00']) {
      for (const n of [1, 2, 5]) {
        const from = bj(start);
        expect(calendar.workingTimeBetween(from, calendar.addWorkingDays(from, n))).toBe(n * 24 * HOUR);
      }
    }
  });
});

describe('data coverage and the county schedule', () => {
  it("lastYearWithPackageData is the package's own last year, read from its data", () => {
    const yearFiles = readdirSync(join(packageDir, 'dist', 'years'))
      .map((file) => /^(\d{4})\.json$/.exec(file)?.[1])
      .filter((year): year is string => year !== undefined)
      .map(Number);
    expect(lastYearWithPackageData()).toBe(Math.max(...yearFiles));
    expect(firstYearWithPackageData()).toBe(Math.min(...yearFiles));
  });

  it("uses the same data as the package's own isWorkday, day by day, in Beijing's time zone", () => {
    // The package's functions are only right where local time is at or east of UTC; the tests run as Asia/Shanghai.
    expect(new Date(2026, 0, 1).getTimezoneOffset()).toBe(-480);
    const calendar = createWorkCalendar();
    let checked = 0;
    for (let year = firstYearWithPackageData(); year <= lastYearWithPackageData(); year += 1) {
      for (
        let day = new Date(Date.UTC(year, 0, 1));
        day.getUTCFullYear() === year;
        day = new Date(day.getTime() + 86_400_000)
      ) {
        const iso = day.toISOString().slice(0, 10);
        const local = new Date(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate());
        if (calendar.isWorkday(iso) !== packageIsWorkday(local)) throw new Error(`differs from chinese-days on ${iso}`);
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThan(365 * 20);
  });

  it('flags a year without an official arrangement as provisional: statutory days by law, no 调休 known', () => {
    const calendar = createWorkCalendar();
    const lastYear = lastYearWithPackageData();
    expect(calendar.dataCoverage(lastYear)).toEqual({ year: lastYear, source: 'package', provisional: false });
    expect(calendar.dataCoverage(lastYear + 1)).toEqual({ year: lastYear + 1, source: 'statutory', provisional: true });
    expect(calendar.dataCoverage(2100)).toEqual({ year: 2100, source: 'statutory', provisional: true });
    // Before the 2008 办法 and outside the package's data nothing is computed: plain Mon–Fri, provisional.
    expect(calendar.dataCoverage(firstYearWithPackageData() - 1)).toMatchObject({ source: 'none', provisional: true });
  });

  it("R-PROC-4: the county's stored 2027 schedule makes 1 October a holiday and a Saturday a working day", () => {
    const calendar = createWorkCalendar({ overrides: [COUNTY_2027] });
    expect(calendar.dataCoverage(2027)).toEqual({ year: 2027, source: 'county', provisional: false });
    expect(calendar.isWorkday('2027-10-01')).toBe(false);
    expect(calendar.isWorkday('2027-10-09')).toBe(true);
    expect(calendar.isWorkday('2027-09-26')).toBe(true);
    expect(calendar.addWorkingDays(bj('2027-09-30 17:00'), 1)).toEqual(bj('2027-10-08 17:00'));
    expect(calendar.addWorkingDays(bj('2027-10-08 17:00'), 1)).toEqual(bj('2027-10-09 17:00'));
    expect(calendar.addWorkingDays(bj('2026-12-31 17:00'), 1)).toEqual(bj('2027-01-04 17:00'));
    // Years the county did not store are untouched.
    expect(calendar.dataCoverage(2026).source).toBe('package');
    expect(calendar.isWorkday('2026-10-10')).toBe(true);
  });

  it("a county schedule replaces the package's data for its year", () => {
    const statutory2026 = statutoryHolidays(2026).flatMap((holiday) => holiday.days);
    const calendar = createWorkCalendar({ overrides: [{ year: 2026, holidays: statutory2026, workdays: [] }] });
    expect(calendar.dataCoverage(2026).source).toBe('county');
    // The package had 10-04..10-07 off and Saturday 10-10 worked; this schedule has neither.
    expect(calendar.isWorkday('2026-10-05')).toBe(true);
    expect(calendar.isWorkday('2026-10-10')).toBe(false);
    expect(calendar.isWorkday('2026-10-01')).toBe(false);
  });

  it('refuses an invalid county schedule and two schedules for one year', () => {
    expect(() =>
      createWorkCalendar({ overrides: [{ year: 2027, holidays: [...STATUTORY_2027, '2027-13-01'], workdays: [] }] }),
    ).toThrow(/invalid schedule/);
    expect(() => createWorkCalendar({ overrides: [COUNTY_2027, COUNTY_2027] })).toThrow(/two schedules/);
  });
});

describe('validateYearSchedule', () => {
  function codes(input: unknown): string[] {
    const result = validateYearSchedule(input);
    return result.ok ? [] : result.errors.map((error) => error.code);
  }

  it('accepts a good schedule, sorted', () => {
    const result = validateYearSchedule({
      year: 2027,
      holidays: [...STATUTORY_2027, '2027-10-04'].reverse(),
      workdays: ['2027-10-09'],
    });
    expect(result).toEqual({
      ok: true,
      schedule: { year: 2027, holidays: [...STATUTORY_2027, '2027-10-04'], workdays: ['2027-10-09'] },
    });
  });

  it('rejects a date entered twice, in one list or across both', () => {
    expect(codes({ year: 2027, holidays: [...STATUTORY_2027, '2027-10-01'], workdays: [] })).toEqual(['duplicate']);
    expect(codes({ year: 2027, holidays: STATUTORY_2027, workdays: ['2027-10-09', '2027-10-09'] })).toEqual([
      'duplicate',
    ]);
  });

  it('rejects an arrangement that leaves out a statutory day (a typo: the State Council never does)', () => {
    const result = validateYearSchedule({
      year: 2027,
      holidays: STATUTORY_2027.filter((day) => day !== '2027-02-05'),
      workdays: [],
    });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.errors).toEqual([
        { code: 'statutory-day-missing', day: '2027-02-05', message: '2027-02-05（春节）是法定节假日，应在放假日期中' },
      ]);
    }
  });

  it.each([['2027-1-01'], ['2027/10/01'], ['2027-02-29'], ['2027-13-01'], ['2027-10-01T00:00'], [20271001]])(
    'rejects the malformed date %p',
    (day) => {
      expect(codes({ year: 2027, holidays: [...STATUTORY_2027, day], workdays: [] })).toEqual(['malformed-date']);
    },
  );

  it('rejects dates outside the year', () => {
    const result = validateYearSchedule({
      year: 2027,
      holidays: [...STATUTORY_2027, '2026-12-31'],
      workdays: ['2028-01-01'],
    });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.errors.map((error) => [error.code, error.day])).toEqual([
        ['outside-year', '2026-12-31'],
        ['outside-year', '2028-01-01'],
      ]);
    }
  });

  it('rejects a day that is both a holiday and a working day', () => {
    expect(codes({ year: 2027, holidays: [...STATUTORY_2027, '2027-10-09'], workdays: ['2027-10-09'] })).toEqual([
      'holiday-and-workday',
    ]);
  });

  it('rejects a make-up working day that is not a weekend day (it would change nothing: likely a typo)', () => {
    expect(codes({ year: 2027, holidays: STATUTORY_2027, workdays: ['2027-10-08'] })).toEqual(['workday-not-weekend']);
  });

  it.each([
    [null, ['shape']],
    [{ year: 2027, holidays: '2027-10-01', workdays: [] }, ['shape']],
    [{ year: 2027.5, holidays: ['2027-10-01'], workdays: [] }, ['year']],
    [{ year: '2027', holidays: ['2027-10-01'], workdays: [] }, ['year']],
    [{ year: 2007, holidays: ['2007-10-01'], workdays: [] }, ['year']],
    [{ year: 2027, holidays: [], workdays: [] }, Array(13).fill('statutory-day-missing')],
  ])('rejects %p', (input, expected) => {
    expect(codes(input)).toEqual(expected);
  });
});
