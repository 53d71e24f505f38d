import { deadlineView, recomputedDeadline, startDeadline } from '../../server/domain/case-deadlines';
import {
  STATUTORY_HOLIDAY_LABELS,
  statutoryDaysOff,
  statutoryHolidays,
  substituteDaysOff,
} from '../../server/domain/statutory-holidays';
import { createWorkCalendar, lastYearWithPackageData } from '../../server/domain/workdays';

/** An instant given as Beijing wall-clock time: bj('2027-02-04 17:00'). */
function bj(text: string): Date {
  return new Date(`${text.replace(' ', 'T')}:00+08:00`);
}

const daysOf = (year: number) =>
  Object.fromEntries(statutoryHolidays(year).map((holiday) => [holiday.name, holiday.days]));

describe('statutory holidays by the 全国年节及纪念日放假办法', () => {
  it('R-PROC-4: 2027 by the 2025 办法: 春节 is 除夕 (2027-02-05) to 正月初三, 劳动节 two days', () => {
    expect(daysOf(2027)).toEqual({
      newYear: ['2027-01-01'],
      springFestival: ['2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08'],
      qingming: ['2027-04-05'],
      labourDay: ['2027-05-01', '2027-05-02'],
      dragonBoat: ['2027-06-09'],
      midAutumn: ['2027-09-15'],
      nationalDay: ['2027-10-01', '2027-10-02', '2027-10-03'],
    });
    expect(statutoryHolidays(2027).map((holiday) => holiday.label)).toEqual(Object.values(STATUTORY_HOLIDAY_LABELS));
  });

  it('follows the 办法 in force: 除夕 off until 2013, not from 2014 to 2024, again from 2025; one 劳动节 day before 2025', () => {
    expect(daysOf(2013).springFestival).toEqual(['2013-02-09', '2013-02-10', '2013-02-11']);
    expect(daysOf(2014).springFestival).toEqual(['2014-01-31', '2014-02-01', '2014-02-02']);
    expect(daysOf(2024).labourDay).toEqual(['2024-05-01']);
    expect(daysOf(2025).springFestival).toEqual(['2025-01-28', '2025-01-29', '2025-01-30', '2025-01-31']);
    expect(() => statutoryHolidays(2007)).toThrow(RangeError);
  });

  it('R-PROC-4: every statutory day of every year with published data was a day off in the official arrangement', () => {
    // The package's data is the State Council's arrangements: the computed lunar and solar-term
    // dates must fall on their days off, year after year.
    const official = createWorkCalendar();
    let checked = 0;
    for (let year = 2008; year <= lastYearWithPackageData(); year += 1) {
      for (const holiday of statutoryHolidays(year)) {
        for (const day of holiday.days) {
          if (official.isWorkday(day)) throw new Error(`${holiday.label} ${day} was a working day in ${year}`);
          checked += 1;
        }
      }
    }
    expect(checked).toBeGreaterThanOrEqual(11 * 17 + 13 * 2);
  });

  it('the estimated 补假 (art. 6) brings a year closer to the official arrangement than statutory days alone, every year', () => {
    const official = createWorkCalendar();
    for (let year = 2008; year <= lastYearWithPackageData(); year += 1) {
      const withSubstitutes = new Set(statutoryDaysOff(year));
      const statutoryOnly = new Set(statutoryHolidays(year).flatMap((holiday) => holiday.days));
      let wrongWith = 0;
      let wrongWithout = 0;
      for (let t = Date.UTC(year, 0, 1); new Date(t).getUTCFullYear() === year; t += 86_400_000) {
        const day = new Date(t).toISOString().slice(0, 10);
        const weekend = [0, 6].includes(new Date(t).getUTCDay());
        const actuallyOff = !official.isWorkday(day);
        if ((weekend || withSubstitutes.has(day)) !== actuallyOff) wrongWith += 1;
        if ((weekend || statutoryOnly.has(day)) !== actuallyOff) wrongWithout += 1;
      }
      if (wrongWith > wrongWithout)
        throw new Error(`${year}: ${wrongWith} days wrong with 补假, ${wrongWithout} without`);
    }
  });

  it('补假: a statutory day on a weekend is made up on the first weekday after the holiday', () => {
    // 2027: 春节 Sat 6 and Sun 7 Feb → Tue 9 and Wed 10; 劳动节 Sat 1, Sun 2 May → Mon 3, Tue 4;
    // 国庆 Sat 2, Sun 3 Oct → Mon 4, Tue 5. 元旦 is a Friday: nothing owed.
    expect(substituteDaysOff(2027)).toEqual([
      '2027-02-09',
      '2027-02-10',
      '2027-05-03',
      '2027-05-04',
      '2027-10-04',
      '2027-10-05',
    ]);
  });
});

describe('deadlines in a year without a published arrangement (2027)', () => {
  const calendar = createWorkCalendar();

  it.each([
    ['元旦', '2026-12-31 17:00', '2027-01-04 17:00'],
    ['春节 (除夕 2027-02-05 to 初三, 补假 9–10 Feb)', '2027-02-04 17:00', '2027-02-11 17:00'],
    ['清明', '2027-04-02 10:00', '2027-04-06 10:00'],
    ['劳动节 (补假 3–4 May)', '2027-04-30 17:00', '2027-05-05 17:00'],
    ['端午', '2027-06-08 09:00', '2027-06-10 09:00'],
    ['中秋', '2027-09-14 17:00', '2027-09-16 17:00'],
    ['国庆 (补假 4–5 Oct)', '2027-09-30 17:00', '2027-10-06 17:00'],
  ])('R-PROC-3/4: one working day across %s skips the statutory days, and is provisional', (_, from, due) => {
    const deadline = calendar.addWorkingDays(bj(from), 1);
    expect(deadline).toEqual(bj(due));
    expect(calendar.coverageBetween(bj(from), deadline).some((year) => year.provisional)).toBe(true);
  });

  it('R-PROC-4: the 2026 National Day arrangement still gives 2026-09-30 17:00 → 2026-10-08 17:00, not provisional', () => {
    const from = bj('2026-09-30 17:00');
    const deadlines = startDeadline({}, calendar, 'payout', from);
    expect(deadlines.payout).toEqual({
      dueAt: bj('2026-10-08 17:00').toISOString(),
      startedAt: from.toISOString(),
      doneAt: null,
    });
    const view = deadlineView(calendar, 'payout', deadlines.payout!, bj('2026-10-08 09:00'));
    expect(view.provisional).toBe(false);
    expect(view.provisionalNote).toBeNull();
    expect(view.text).toBe('截止 10月8日 17:00，剩余 8小时');
  });

  it('R-PROC-3: a case accepted Thu 2026-12-31 17:00 is due Mon 4 January, said to be 暂定 and why', () => {
    const deadlines = startDeadline({}, calendar, 'visit', bj('2026-12-31 17:00'));
    const view = deadlineView(calendar, 'visit', deadlines.visit!, bj('2027-01-04 09:00'));
    expect(view.dueAt).toBe(bj('2027-01-04 17:00').toISOString());
    expect(view.provisional).toBe(true);
    expect(view.text).toBe('截止 1月4日 17:00（暂定），剩余 8小时');
    expect(view.provisionalNote).toBe(
      '2027年的放假调休安排还未录入，截止时间按法定节假日推算（暂定），录入后会自动重新计算',
    );
    // Once done, a deadline is history: nothing provisional about it.
    const done = deadlineView(
      calendar,
      'visit',
      { ...deadlines.visit!, doneAt: bj('2027-01-04 10:00').toISOString() },
      bj('2027-01-05 09:00'),
    );
    expect(done).toMatchObject({ provisional: false, provisionalNote: null, text: '已按时完成' });
  });

  it("a decision deadline recounted on an entered arrangement keeps the county's own number of working days", () => {
    // Proposed Thu 2026-12-31 17:00 with a county limit of 2 working days: provisionally Tue 5 January.
    const deadlines = startDeadline({}, calendar, 'decision', bj('2026-12-31 17:00'), 2);
    expect(deadlines.decision).toMatchObject({ dueAt: bj('2027-01-05 17:00').toISOString(), workingDays: 2 });
    const entered = createWorkCalendar({
      overrides: [
        { year: 2027, holidays: [...statutoryHolidays(2027).flatMap((h) => h.days), '2027-01-04'], workdays: [] },
      ],
    });
    expect(recomputedDeadline(entered, 'decision', deadlines.decision!)?.dueAt).toBe(
      bj('2027-01-06 17:00').toISOString(),
    );
    // A finished deadline never moves.
    expect(
      recomputedDeadline(entered, 'decision', { ...deadlines.decision!, doneAt: bj('2027-01-04 09:00').toISOString() }),
    ).toBeNull();
  });

  it("R-PROC-3: with the county's 2027 arrangement entered the same deadline is no longer provisional", () => {
    const entered = createWorkCalendar({
      overrides: [
        {
          year: 2027,
          holidays: [...statutoryHolidays(2027).flatMap((holiday) => holiday.days), '2027-01-02', '2027-01-03'],
          workdays: [],
        },
      ],
    });
    const deadlines = startDeadline({}, entered, 'visit', bj('2026-12-31 17:00'));
    const view = deadlineView(entered, 'visit', deadlines.visit!, bj('2027-01-04 09:00'));
    expect(view).toMatchObject({ provisional: false, provisionalNote: null });
  });
});
