import type { SetWorkCalendarResult, WorkCalendarView } from '../domain/work-calendar';
import { callCloud } from './cloud';

/** This year and next: whether each year's official holiday arrangement is entered, and the statutory holidays. */
export function fetchWorkCalendar(): Promise<WorkCalendarView> {
  return callCloud('societies', 'workCalendarStatus', {});
}

/** County bureau: enter a year's arrangement; the deadlines still running are counted again. */
export function saveWorkCalendar(schedule: {
  year: number;
  holidays: string[];
  workdays: string[];
}): Promise<SetWorkCalendarResult> {
  return callCloud('societies', 'setWorkCalendar', schedule);
}
