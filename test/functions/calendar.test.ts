import { createTestBackend, type TestBackend } from '../support/test-backend';
import { calendarOfSociety, loadWorkCalendar, type WorkCalendarDoc } from '../../server/calendar/usecases';
import { COLLECTIONS, type SocietyDoc } from '../../server/collections';
import { CountingStore } from '../../server/ports/counting-store';
import { findAll } from '../../server/ports/store';
import { lastYearWithPackageData } from '../../server/domain/workdays';
import { statutoryHolidays } from '../../server/domain/statutory-holidays';
import type { CaseDoc } from '../../server/cases/model';
import type { MyCaseView, OfficerCaseView } from '../../miniprogram/domain/case';
import type { WorkCalendarView } from '../../miniprogram/domain/work-calendar';
import type { MyObjectionView } from '../../miniprogram/domain/notices';
import type { ObjectionDoc } from '../../server/notices/model';
import { application, caller } from '../cases/helpers';
import { handOnWaiting } from '../../server/outbound';
import { chainLength } from '../support/audit';
import { countCaseEvents } from '../support/case-events';

let backend: TestBackend;
beforeEach(async () => {
  backend = await createTestBackend();
});
afterEach(() => backend.close());

const STATUTORY_2027 = statutoryHolidays(2027).flatMap((holiday) => holiday.days);

// A made-up official schedule for 2027: the statutory days, New Year 1–3 Jan, National Day 10-01..10-07 off, Saturday 10-09 worked.
const schedule2027 = {
  year: 2027,
  holidays: [
    ...new Set([...STATUTORY_2027, '2027-01-02', '2027-01-03', '2027-10-04', '2027-10-05', '2027-10-06', '2027-10-07']),
  ],
  workdays: ['2027-10-09'],
};

describe('the county working-day calendar', () => {
  it('R-PROC-3: says when next year has no official arrangement, and what the law gives meanwhile', async () => {
    const result = await backend.call('societies', { action: 'workCalendarStatus' }, 'demo-township');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const view = result.data as WorkCalendarView;
    expect(view).toMatchObject({ countyId: 'area-qingxi', lastPackageYear: lastYearWithPackageData() });
    expect(
      view.years.map(({ year, source, provisional, entered }) => ({ year, source, provisional, entered })),
    ).toEqual([
      { year: 2026, source: 'package', provisional: false, entered: null },
      {
        year: 2027,
        source: lastYearWithPackageData() >= 2027 ? 'package' : 'statutory',
        provisional: lastYearWithPackageData() < 2027,
        entered: null,
      },
    ]);
    expect(view.years[1]!.statutory.find((holiday) => holiday.name === 'springFestival')?.days[0]).toBe('2027-02-05');
    expect(view.years[1]!.estimatedSubstituteDays).toContain('2027-10-04');
  });

  it('R-PROC-4: a schedule the county stores replaces the estimate and moves deadlines', async () => {
    const stored = await backend.call('societies', { action: 'setWorkCalendar', ...schedule2027 }, 'demo-county');
    expect(stored).toEqual({
      ok: true,
      data: {
        coverage: { year: 2027, source: 'county', provisional: false },
        recomputedCases: 0,
        recomputedObjections: 0,
      },
    });

    const calendar = await loadWorkCalendar(backend.ports.store, 'area-qingxi');
    // Approved Thu 2027-09-30 17:00 → due Fri 10-08 17:00, the first working day after the week off.
    const due = calendar.addWorkingDays(new Date('2027-09-30T17:00:00+08:00'), 1);
    expect(due.toISOString()).toBe(new Date('2027-10-08T17:00:00+08:00').toISOString());
    expect(calendar.isWorkday('2027-10-09')).toBe(true);
    expect(calendar.isWorkday('2027-10-01')).toBe(false);

    const status = await backend.call('societies', { action: 'workCalendarStatus' }, 'demo-federation');
    expect(status).toMatchObject({
      ok: true,
      data: {
        years: [
          expect.anything(),
          { year: 2027, source: 'county', entered: { recordedByName: '清溪县民政局', workdays: ['2027-10-09'] } },
        ],
      },
    });
  });

  it('R-PROC-3: entering the arrangement recounts open cases, each change on the timeline and audited', async () => {
    const api = caller(backend);
    backend.ports.clock.set('2026-12-31T17:00:00+08:00');
    // Accepted Thu 31 Dec 17:00: the visit is due on the first working day of 2027, provisionally Mon 4 Jan.
    const submitted = await api.ok<MyCaseView>(
      'applications',
      'submit',
      application({ requestId: 'req-calendar-1' }),
      'demo-applicant',
    );
    const accepted = await api.ok<OfficerCaseView>('approvals', 'accept', { caseId: submitted.id }, 'demo-secretary');
    const visit = accepted.deadlines.find((deadline) => deadline.kind === 'visit')!;
    expect(visit).toMatchObject({ dueAt: new Date('2027-01-04T17:00:00+08:00').toISOString(), provisional: true });
    expect(visit.text).toContain('（暂定）');
    expect(accepted.timeline.at(-1)?.summary).toContain('1月4日 17:00（暂定）');
    // The applicant's own view says so too.
    const mine = await api.ok<MyCaseView>('applications', 'getMyCase', { caseId: submitted.id }, 'demo-applicant');
    expect(mine.nextDeadline?.provisionalNote).toContain('2027年的放假调休安排还未录入');

    // The State Council gives 4 January off as well (made up): the county enters it.
    const arrangement = { year: 2027, holidays: [...STATUTORY_2027, '2027-01-04'], workdays: [] };
    const stored = await api.ok<{ recomputedCases: number }>(
      'societies',
      'setWorkCalendar',
      arrangement,
      'demo-county',
    );
    expect(stored.recomputedCases).toBe(1);

    const after = await api.ok<OfficerCaseView>('approvals', 'getCase', { caseId: submitted.id }, 'demo-secretary');
    expect(after.deadlines.find((deadline) => deadline.kind === 'visit')).toMatchObject({
      dueAt: new Date('2027-01-05T17:00:00+08:00').toISOString(),
      provisional: false,
      provisionalNote: null,
    });
    const last = after.timeline.at(-1)!;
    expect(last).toMatchObject({
      type: 'recomputeDeadlines',
      label: '按放假安排重新计算时限',
      actorName: '清溪县民政局',
    });
    expect(last.summary).toBe(
      '县民政局录入2027年放假安排，办理时限重新计算：入户核查和审核意见截止 1月4日 17:00 → 1月5日 17:00',
    );
    const doc = await backend.ports.store.get<CaseDoc>(COLLECTIONS.cases, submitted.id);
    expect(doc?.nextDueAt).toBe(new Date('2027-01-05T17:00:00+08:00').toISOString());
    await handOnWaiting(backend.ports.store);
    const audit = await backend.ports.store.find<{ _id: string; action: string; actor: { role: string } }>(
      COLLECTIONS.auditEvents,
      {
        where: { scopeId: 'soc-wangjia', action: 'case.recomputeDeadlines' },
      },
    );
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actor.role).toBe('county');

    // Entering the same arrangement again moves nothing and writes no second event.
    const events = await countCaseEvents(backend.ports.store);
    const again = await api.ok<{ recomputedCases: number }>('societies', 'setWorkCalendar', arrangement, 'demo-county');
    expect(again.recomputedCases).toBe(0);
    expect(await countCaseEvents(backend.ports.store)).toBe(events);
  });

  it('R-OVS-3: an open objection answered in working days is 暂定 across 2027, and recounted when 2027 is entered', async () => {
    // Raised Wed 2026-12-30 10:00 with 3 working days to answer: provisionally Tue 5 January 10:00.
    const calendar = await loadWorkCalendar(backend.ports.store, 'area-qingxi');
    const raisedAt = new Date('2026-12-30T10:00:00+08:00');
    const objection: ObjectionDoc = {
      _id: 'obj-new-year',
      requestId: 'objection-new-year',
      noticeId: 'notice-demo-case-03',
      societyId: 'soc-wangjia',
      townshipId: 'area-qingshi',
      text: '请再核实一下。',
      contact: null,
      raisedByOpenid: 'o-villager-new-year',
      raisedByUserId: null,
      raisedAt: raisedAt.toISOString(),
      dueAt: calendar.addWorkingDays(raisedAt, 3).toISOString(),
      answerDays: 3,
      status: 'open',
      answer: null,
    };
    expect(objection.dueAt).toBe(new Date('2027-01-05T10:00:00+08:00').toISOString());
    await backend.ports.store.transaction((tx) => tx.insert(COLLECTIONS.noticeObjections, objection));
    backend.ports.clock.set('2026-12-31T09:00:00+08:00');
    const api = caller(backend);
    const mine = await api.ok<{ items: MyObjectionView[] }>('notices', 'myObjections', {}, 'o-villager-new-year');
    expect(mine.items[0]).toMatchObject({ dueText: expect.stringContaining('1月5日 10:00（暂定）') });
    expect(mine.items[0]?.dueNote).toContain('2027年的放假调休安排还未录入');

    const stored = await api.ok<{ recomputedObjections: number }>(
      'societies',
      'setWorkCalendar',
      { year: 2027, holidays: [...STATUTORY_2027, '2027-01-04'], workdays: [] },
      'demo-county',
    );
    expect(stored.recomputedObjections).toBe(1);
    const after = await backend.ports.store.get<ObjectionDoc>(COLLECTIONS.noticeObjections, 'obj-new-year');
    expect(after?.dueAt).toBe(new Date('2027-01-06T10:00:00+08:00').toISOString());
    const again = await api.ok<{ items: MyObjectionView[] }>('notices', 'myObjections', {}, 'o-villager-new-year');
    expect(again.items[0]).toMatchObject({ dueNote: null });
    expect(again.items[0]?.dueText).not.toContain('暂定');
    const audit = await backend.ports.store.find<{ _id: string; details: Record<string, unknown> }>(
      COLLECTIONS.auditEvents,
      { where: { scopeId: 'soc-wangjia', action: 'notice.objectionDeadline' } },
    );
    expect(audit.map((event) => event.details)).toEqual([{ from: objection.dueAt, to: after?.dueAt }]);
  });

  it('R-PROC-3: a deadline already met is history and never moves', async () => {
    const api = caller(backend);
    const before = await backend.ports.store.find<CaseDoc>(COLLECTIONS.cases, { limit: 100 });
    const eventsBefore = await countCaseEvents(backend.ports.store);
    // A 2026 arrangement that differs from the package's: no seeded deadline is running across it in a way that moves a done one.
    const stored = await api.ok<{ recomputedCases: number }>(
      'societies',
      'setWorkCalendar',
      { year: 2026, holidays: statutoryHolidays(2026).flatMap((holiday) => holiday.days), workdays: [] },
      'demo-county',
    );
    const after = await backend.ports.store.find<CaseDoc>(COLLECTIONS.cases, { limit: 100 });
    for (const doc of after) {
      const earlier = before.find((candidate) => candidate._id === doc._id)!;
      for (const [kind, deadline] of Object.entries(doc.deadlines)) {
        const was = earlier.deadlines[kind as keyof typeof earlier.deadlines]!;
        if (was.doneAt) expect(deadline).toEqual(was);
      }
    }
    const eventsAfter = await countCaseEvents(backend.ports.store);
    expect(eventsAfter - eventsBefore).toBe(stored.recomputedCases);
  });

  it('issue 15: every society of the county keeps the entered arrangements, and a step reads no calendar', async () => {
    const societies = () => findAll<SocietyDoc>(backend.ports.store, COLLECTIONS.societies, { where: {} });
    // As seeded: nothing entered yet, and each society already says so.
    expect((await societies()).map((society) => society.calendarYears)).toEqual((await societies()).map(() => []));
    await caller(backend).ok('societies', 'setWorkCalendar', schedule2027, 'demo-county');
    const [entered] = await findAll<WorkCalendarDoc>(backend.ports.store, COLLECTIONS.workCalendars, { where: {} });
    const years = [{ year: 2027, holidays: entered!.holidays, workdays: entered!.workdays }];
    expect([...years[0]!.holidays].sort()).toEqual([...schedule2027.holidays].sort());
    const kept = await societies();
    expect(kept.length).toBeGreaterThan(1);
    for (const society of kept) {
      expect(society.calendarYears).toEqual(society.countyId === 'area-qingxi' ? years : []);
    }

    // A society without its copy (created before, or halfway through an entry) reads the calendar.
    const [first] = kept.filter((society) => society.countyId === 'area-qingxi');
    const read = new CountingStore(backend.ports.store);
    read.trace = [];
    const fromCopy = await calendarOfSociety(read, first!);
    expect(read.trace).toEqual([]);
    const { calendarYears: _dropped, ...withoutCopy } = first!;
    const fromRead = await calendarOfSociety(read, withoutCopy);
    expect(read.trace).toEqual(['find workCalendars (1)']);
    for (const day of ['2027-01-04', '2027-10-07', '2027-10-09']) {
      expect(fromCopy.isWorkday(day)).toBe(fromRead.isWorkday(day));
    }
    expect(fromCopy.isWorkday('2027-10-07')).toBe(false);
    expect(fromCopy.isWorkday('2027-10-09')).toBe(true);

    // A society created afterwards gets the copy too.
    const created = await caller(backend).ok<{ id: string }>(
      'societies',
      'create',
      { villageId: 'area-dongling', form: 'registered' },
      'demo-county',
    );
    const society = await backend.ports.store.get<SocietyDoc>(COLLECTIONS.societies, created.id);
    expect(society?.calendarYears).toEqual(years);
  });

  it('R-OVS-5: storing a schedule is attributed to the county in the audit trail', async () => {
    await backend.call('societies', { action: 'setWorkCalendar', ...schedule2027 }, 'demo-county');
    expect(await chainLength(backend.ports.store, 'area-qingxi')).toBe(1);
    const [event] = await backend.ports.store.find(COLLECTIONS.auditEvents, { where: { scopeId: 'area-qingxi' } });
    expect(event).toMatchObject({ action: 'calendar.set', actor: { name: '清溪县民政局', role: 'county' } });
  });

  it('only the county bureau may store a schedule', async () => {
    for (const openid of ['demo-township', 'demo-president', null]) {
      const result = await backend.call('societies', { action: 'setWorkCalendar', ...schedule2027 }, openid);
      expect(result).toMatchObject({ ok: false, error: { code: openid ? 'FORBIDDEN' : 'UNAUTHENTICATED' } });
    }
    expect(await backend.ports.store.count(COLLECTIONS.workCalendars)).toBe(0);
  });

  it('refuses a malformed schedule with a Chinese message and stores nothing', async () => {
    const result = await backend.call(
      'societies',
      {
        action: 'setWorkCalendar',
        year: 2027,
        holidays: [...STATUTORY_2027.filter((day) => day !== '2027-06-09'), '2028-01-01'],
        workdays: ['2027-10-01'],
      },
      'demo-county',
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('BAD_REQUEST');
    expect(result.error.message).toContain('不在 2027 年内');
    expect(result.error.message).toContain('2027-06-09（端午节）是法定节假日');
    expect(await backend.ports.store.count(COLLECTIONS.workCalendars)).toBe(0);
  });
});
