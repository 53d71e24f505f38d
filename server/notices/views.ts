/** Notices and objections as each reader sees them; whether a notice is live is decided here, from `now`. */
import { COLLECTIONS, type AreaDoc, type SocietyDoc } from '../collections';
import type { Store } from '../ports/store';
import type { WorkCalendar } from '../domain/workdays';
import { deadlineText, provisionalNote } from '../../miniprogram/domain/case';
import { provisionalYears } from '../domain/case-deadlines';
import {
  NOTICE_STATUS_LABELS,
  OBJECTION_OUTCOME_LABELS,
  OBJECTION_PENDING_LABEL,
  OBJECTION_STATUS_LABELS,
  noticeEndsAt,
  noticeLines,
  noticePeriodText,
  noticeStatusAt,
  noticeTitle,
  type ArchivedNoticeView,
  type MyObjectionView,
  type NoticeContent,
  type ObjectionView,
  type OfficerNoticeView,
  type PublicNoticeView,
} from '../../miniprogram/domain/notices';
import type { NoticeDoc, ObjectionDoc } from './model';

export function publicNoticeView(doc: NoticeDoc, now: Date): PublicNoticeView {
  return publicViewOf(doc._id, doc.societyId, doc.content, doc.publishedAt, now, {
    openObjections: doc.openObjectionCount,
    postedOnPaper: doc.boardPhoto !== null,
  });
}

/** Also what the preview shows before anything is stored. */
export function publicViewOf(
  id: string,
  societyId: string,
  content: NoticeContent,
  publishedAt: string,
  now: Date,
  state: { openObjections: number; postedOnPaper: boolean },
): PublicNoticeView {
  const status = noticeStatusAt(publishedAt, now);
  const pending = state.openObjections > 0;
  return {
    id,
    societyId,
    status,
    statusLabel: NOTICE_STATUS_LABELS[status],
    publishedAt,
    endsAt: noticeEndsAt(publishedAt),
    periodText: noticePeriodText(publishedAt),
    content,
    lines: noticeLines(content),
    objectionPending: pending,
    objectionLabel: pending ? OBJECTION_PENDING_LABEL : null,
    postedOnPaper: state.postedOnPaper,
    canObject: status === 'live',
  };
}

export function archivedNoticeView(doc: NoticeDoc, now: Date): ArchivedNoticeView {
  return {
    ...publicNoticeView(doc, now),
    boardPhotoFileId: doc.boardPhoto?.fileId ?? null,
    objectionCount: doc.objectionCount,
    openObjectionCount: doc.openObjectionCount,
  };
}

export function officerNoticeView(doc: NoticeDoc, now: Date): OfficerNoticeView {
  return {
    ...archivedNoticeView(doc, now),
    caseId: doc.caseId,
    caseNo: doc.caseNo,
    publishedByName: doc.publishedBy.name ?? '',
    boardPhoto: doc.boardPhoto
      ? { fileId: doc.boardPhoto.fileId, at: doc.boardPhoto.at, byName: doc.boardPhoto.by.name ?? '' }
      : null,
    consentWithheld: doc.content.anonymised,
  };
}

/** An objection's answer deadline, counted from when it was raised, and the years that make it 暂定. */
function objectionDeadline(doc: ObjectionDoc, calendar: WorkCalendar, now: Date) {
  const deadline = { dueAt: doc.dueAt, startedAt: doc.raisedAt, doneAt: doc.answer?.at ?? null };
  const left = calendar.remainingTime(new Date(doc.dueAt), doc.answer ? new Date(doc.answer.at) : now);
  return { deadline, left, years: provisionalYears(calendar, deadline) };
}

export function objectionView(
  doc: ObjectionDoc,
  notice: NoticeDoc | undefined,
  calendar: WorkCalendar,
  now: Date,
  showContact: boolean,
): ObjectionView {
  const { deadline, left, years } = objectionDeadline(doc, calendar, now);
  return {
    id: doc._id,
    noticeId: doc.noticeId,
    noticeTitle: doc.noticeTitle ?? (notice ? noticeTitle(notice.content) : ''),
    text: doc.text,
    contact: showContact ? doc.contact : null,
    raisedAt: doc.raisedAt,
    dueAt: doc.dueAt,
    dueText: deadlineText(deadline, left.wallMs, years.length > 0),
    dueNote: provisionalNote(years),
    overdue: doc.status === 'open' && left.overdue,
    status: doc.status,
    statusLabel: OBJECTION_STATUS_LABELS[doc.status],
    answer: doc.answer
      ? {
          text: doc.answer.text,
          outcome: doc.answer.outcome,
          outcomeLabel: OBJECTION_OUTCOME_LABELS[doc.answer.outcome],
          byName: doc.answer.by.name ?? '',
          at: doc.answer.at,
          late: doc.answer.at > doc.dueAt,
        }
      : null,
  };
}

/** The raiser's own objection: the answer once given, the deadline (in working days) while open. */
export function myObjectionView(
  doc: ObjectionDoc,
  notice: NoticeDoc | undefined,
  calendar: WorkCalendar,
  now: Date,
): MyObjectionView {
  const { deadline, left, years } = objectionDeadline(doc, calendar, now);
  return {
    id: doc._id,
    noticeId: doc.noticeId,
    societyName: notice?.content.societyName ?? '',
    noticeTitle: notice ? noticeTitle(notice.content) : '',
    text: doc.text,
    raisedAt: doc.raisedAt,
    dueAt: doc.dueAt,
    dueText: deadlineText(deadline, left.wallMs, years.length > 0),
    dueNote: provisionalNote(years),
    overdue: doc.status === 'open' && left.overdue,
    status: doc.status,
    statusLabel: OBJECTION_STATUS_LABELS[doc.status],
    answer: doc.answer
      ? {
          text: doc.answer.text,
          outcomeLabel: OBJECTION_OUTCOME_LABELS[doc.answer.outcome],
          at: doc.answer.at,
          late: doc.answer.at > doc.dueAt,
        }
      : null,
  };
}

export interface SocietyPlace {
  villageName: string;
  townshipName: string;
}

/** The society's village and township names, both in one round trip (issue 15). */
export async function placeOf(store: Store, society: SocietyDoc): Promise<SocietyPlace> {
  const areas = await store.find<AreaDoc>(COLLECTIONS.areas, {
    where: { _id: { $in: [society.villageId, society.townshipId] } },
    limit: 2,
  });
  const nameOf = (id: string) => areas.find((area) => area._id === id)?.name ?? '';
  return { villageName: nameOf(society.villageId), townshipName: nameOf(society.townshipId) };
}
