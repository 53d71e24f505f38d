/**
 * The working-day deadlines of a case (R-PROC-3 visit and review opinion, R-PROC-4 payout,
 * R-PROC-5 the explanation after 先行救助), each 1 working day after the step that starts it, on
 * the county's calendar in Beijing time. Stored on the case as ISO instants.
 */
import {
  DEADLINE_KINDS,
  DEADLINE_LABELS,
  DEADLINE_WORKING_DAYS,
  deadlineText,
  type CaseDeadlines,
  type Deadline,
  type DeadlineKind,
  type DeadlineView,
} from '../../miniprogram/domain/case';
import type { WorkCalendar } from './workdays';

/** Sorts after every real deadline: a case with nothing running stays at the end of a queue and never shows overdue. */
export const NO_DEADLINE = '9999-12-31T23:59:59.999Z';

export function dueAfter(
  calendar: WorkCalendar,
  kind: DeadlineKind,
  from: Date,
  workingDays = DEADLINE_WORKING_DAYS[kind],
): string {
  return calendar.addWorkingDays(from, workingDays).toISOString();
}

/** `workingDays` only where a county setting replaces the default (the decision clock). */
export function startDeadline(
  deadlines: CaseDeadlines,
  calendar: WorkCalendar,
  kind: DeadlineKind,
  from: Date,
  workingDays?: number,
): CaseDeadlines {
  return { ...deadlines, [kind]: { dueAt: dueAfter(calendar, kind, from, workingDays), doneAt: null } };
}

/** Marks a running deadline done; one not running (e.g. no visit deadline after 先行救助 paid first) is left as it is. */
export function completeDeadline(deadlines: CaseDeadlines, kind: DeadlineKind, at: Date): CaseDeadlines {
  const deadline = deadlines[kind];
  if (!deadline || deadline.doneAt) return deadlines;
  return { ...deadlines, [kind]: { ...deadline, doneAt: at.toISOString() } };
}

/** The earliest deadline not done yet. */
export function nextOpenDeadline(deadlines: CaseDeadlines): { kind: DeadlineKind; deadline: Deadline } | null {
  let next: { kind: DeadlineKind; deadline: Deadline } | null = null;
  for (const kind of DEADLINE_KINDS) {
    const deadline = deadlines[kind];
    if (deadline && !deadline.doneAt && (!next || deadline.dueAt < next.deadline.dueAt)) next = { kind, deadline };
  }
  return next;
}

export function deadlineView(calendar: WorkCalendar, kind: DeadlineKind, deadline: Deadline, now: Date): DeadlineView {
  const due = new Date(deadline.dueAt);
  const reference = deadline.doneAt ? new Date(deadline.doneAt) : now;
  const left = calendar.remainingTime(due, reference);
  return {
    kind,
    label: DEADLINE_LABELS[kind],
    dueAt: deadline.dueAt,
    doneAt: deadline.doneAt,
    overdue: !deadline.doneAt && left.overdue,
    met: deadline.doneAt ? deadline.doneAt <= deadline.dueAt : null,
    wallMs: left.wallMs,
    workingMs: left.workingMs,
    text: deadlineText(deadline, left.wallMs),
  };
}

export type DeadlineOutcome = 'met' | 'missed' | 'pending';

/** How a deadline came out as of `asOf`: done in time, done late or past due, or still running. */
export function deadlineOutcome(deadline: Deadline, asOf: string): DeadlineOutcome {
  if (deadline.doneAt) return deadline.doneAt <= deadline.dueAt ? 'met' : 'missed';
  return deadline.dueAt < asOf ? 'missed' : 'pending';
}
