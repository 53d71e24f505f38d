import { createTestBackend, type TestBackend } from '../support/test-backend';
import { loadWorkCalendar } from '../../server/calendar/usecases';
import { COLLECTIONS } from '../../server/collections';
import { lastYearWithPackageData } from '../../server/domain/workdays';

let backend: TestBackend;
beforeEach(async () => {
  backend = await createTestBackend();
});
afterEach(() => backend.close());

// A made-up official schedule for 2027: National Day 10-01..10-07 off, Saturday 10-09 worked.
const schedule2027 = {
  year: 2027,
  holidays: ['2027-01-01', '2027-10-01', '2027-10-04', '2027-10-05', '2027-10-06', '2027-10-07'],
  workdays: ['2027-10-09'],
};

describe('the county working-day calendar', () => {
  it('R-PROC-3: says when next year has no holiday data and deadlines fall back to Mon–Fri', async () => {
    const result = await backend.call('societies', { action: 'workCalendarStatus' }, 'demo-township');
    expect(result).toEqual({
      ok: true,
      data: {
        countyId: 'area-qingxi',
        lastPackageYear: lastYearWithPackageData(),
        years: [
          { year: 2026, source: 'package', fallback: false },
          {
            year: 2027,
            source: lastYearWithPackageData() >= 2027 ? 'package' : 'none',
            fallback: lastYearWithPackageData() < 2027,
          },
        ],
      },
    });
  });

  it('R-PROC-4: a schedule the county stores replaces the fallback and moves deadlines', async () => {
    const stored = await backend.call('societies', { action: 'setWorkCalendar', ...schedule2027 }, 'demo-county');
    expect(stored).toEqual({ ok: true, data: { year: 2027, source: 'county', fallback: false } });

    const calendar = await loadWorkCalendar(backend.ports.store, 'area-qingxi');
    // Approved Thu 2027-09-30 17:00 → due Fri 10-08 17:00, the first working day after the week off.
    const due = calendar.addWorkingDays(new Date('2027-09-30T17:00:00+08:00'), 1);
    expect(due.toISOString()).toBe(new Date('2027-10-08T17:00:00+08:00').toISOString());
    expect(calendar.isWorkday('2027-10-09')).toBe(true);
    expect(calendar.isWorkday('2027-10-01')).toBe(false);

    const status = await backend.call('societies', { action: 'workCalendarStatus' }, 'demo-federation');
    expect(status).toMatchObject({ ok: true, data: { years: [expect.anything(), { year: 2027, source: 'county' }] } });
  });

  it('R-OVS-5: storing a schedule is attributed to the county in the audit trail', async () => {
    await backend.call('societies', { action: 'setWorkCalendar', ...schedule2027 }, 'demo-county');
    const head = await backend.ports.store.get<{ _id: string; seq: number }>(COLLECTIONS.auditHeads, 'area-qingxi');
    expect(head?.seq).toBe(1);
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
      { action: 'setWorkCalendar', year: 2027, holidays: ['2027-10-01', '2028-01-01'], workdays: ['2027-10-01'] },
      'demo-county',
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('BAD_REQUEST');
    expect(result.error.message).toContain('不在 2027 年内');
    expect(await backend.ports.store.count(COLLECTIONS.workCalendars)).toBe(0);
  });
});
