/**
 * The working-day deadlines of a case (R-PROC-3 visit and review opinion, R-PROC-4 payout,
 * R-PROC-5 the explanation after 先行救助, and the decision, whose days are a county setting),
 * each counted from the step that starts it on the county's calendar in Beijing time. Stored on
 * the case as ISO instants with their start, so that a deadline counted across a year whose
 * holiday arrangement is not entered can say it is 暂定 and be counted again once it is.
 */
import {
  DEADLINE_KINDS,
  DEADLINE_LABELS,
  DEADLINE_WORKING_DAYS,
  deadlineText,
  formatBeijingTime,
  provisionalNote,
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
  const deadline: Deadline = {
    dueAt: dueAfter(calendar, kind, from, workingDays),
    startedAt: from.toISOString(),
    doneAt: null,
  };
  // A county's own limit is kept with the deadline, so a recount uses the same number of days.
  return { ...deadlines, [kind]: workingDays === undefined ? deadline : { ...deadline, workingDays } };
}

/** The years a running deadline is counted across whose official arrangement is not entered (暂定). */
export function provisionalYears(calendar: WorkCalendar, deadline: Deadline): number[] {
  if (deadline.doneAt) return [];
  const due = new Date(deadline.dueAt);
  const from = deadline.startedAt ? new Date(deadline.startedAt) : due;
  return calendar
    .coverageBetween(from, due)
    .filter((year) => year.provisional)
    .map((year) => year.year);
}

/** 「12月1日 09:30」, with 「（暂定）」 when provisional: for the event summaries that name a deadline. */
export function dueText(calendar: WorkCalendar, deadline: Deadline): string {
  return `${formatBeijingTime(deadline.dueAt)}${provisionalYears(calendar, deadline).length > 0 ? '（暂定）' : ''}`;
}

/**
 * The deadline again on `calendar` (after the county entered a year's arrangement): null when it
 * is done, has no recorded start, or does not move.
 */
export function recomputedDeadline(calendar: WorkCalendar, kind: DeadlineKind, deadline: Deadline): Deadline | null {
  if (deadline.doneAt || !deadline.startedAt) return null;
  const dueAt = dueAfter(calendar, kind, new Date(deadline.startedAt), deadline.workingDays);
  return dueAt === deadline.dueAt ? null : { ...deadline, dueAt };
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
  const years = provisionalYears(calendar, deadline);
  return {
    kind,
    label: DEADLINE_LABELS[kind],
    dueAt: deadline.dueAt,
    doneAt: deadline.doneAt,
    overdue: !deadline.doneAt && left.overdue,
    met: deadline.doneAt ? deadline.doneAt <= deadline.dueAt : null,
    wallMs: left.wallMs,
    workingMs: left.workingMs,
    text: deadlineText(deadline, left.wallMs, years.length > 0),
    provisional: years.length > 0,
    provisionalNote: provisionalNote(years),
  };
}

export type DeadlineOutcome = 'met' | 'missed' | 'pending';

/** How a deadline came out as of `asOf`: done in time, done late or past due, or still running. */
export function deadlineOutcome(deadline: Deadline, asOf: string): DeadlineOutcome {
  if (deadline.doneAt) return deadline.doneAt <= deadline.dueAt ? 'met' : 'missed';
  return deadline.dueAt < asOf ? 'missed' : 'pending';
}
