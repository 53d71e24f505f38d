/**
 * General meetings (R-OVS-4): every half year the president schedules one, at least 10 days
 * ahead so members are told in time (a notice on their page, and a message to each of them). The meeting pack — the half-year's fund statement and relief summary up
 * to a cut-off (the last month of the half that has ended) — is published to members, frozen
 * and kept; minutes and resolutions are attached afterwards as files.
 */
import { requireAttachable } from '../files/private';
import { AppError } from '../errors';
import { requestIdReused } from '../api/request-ids';
import type { ActionContext } from '../context';
import { COLLECTIONS, type SocietyDoc } from '../collections';
import { type Actor, actorName } from '../access/caller';
import { MEETING_READERS, requireActing } from '../access/rules';
import { loadSociety } from '../registry/load';
import { appendAudit } from '../audit/trail';
import type { Doc } from '../ports/store';
import { fundStatement } from '../reports/statement';
import { caseStatsBetween } from '../reports/case-stats';
import { helpStatsForMonths } from '../clues/helps';
import { beijingDayOf } from '../domain/workdays';
import { queueMeetingScheduled } from '../messages/people-messages';
import {
  MEETING_FILE_KIND_LABELS,
  MEETING_NOTICE_DAYS,
  addMonths,
  beijingMonthOf,
  halfYearLabel,
  halfYearMonths,
  halfYearOf,
  meetingNoticeOk,
  monthStartIso,
  type HalfYear,
  type MeetingFileKind,
  type MeetingPack,
  type MeetingStatus,
  type MeetingView,
} from '../../miniprogram/domain/funds';

export interface MeetingDoc extends Doc {
  societyId: string;
  title: string;
  half: HalfYear;
  startsAt: string;
  place: string;
  agenda: string;
  status: MeetingStatus;
  scheduledBy: Actor;
  scheduledAt: string;
  cancelledAt: string | null;
  cancelledBy: Actor | null;
  cancelReason: string | null;
  pack: (MeetingPack & { publishedBy: Actor }) | null;
  files: Array<{ fileId: string; kind: MeetingFileKind; title: string; attachedAt: string; attachedBy: Actor }>;
}

const DAY_MS = 24 * 60 * 60 * 1000;

export interface ScheduleMeetingInput {
  requestId: string;
  societyId: string;
  startsAt: string;
  place: string;
  agenda?: string;
  title?: string;
  half?: HalfYear;
}

export async function scheduleMeeting(ctx: ActionContext, input: ScheduleMeetingInput): Promise<MeetingView> {
  const society = await loadSociety(ctx.store, input.societyId);
  const { actor } = requireActing(ctx.caller, ['president'], society, '会员大会由社长召集');
  if (society.status !== 'active') {
    throw new AppError('INVALID_STATE', `society ${society._id} is ${society.status}`, '互助社运行后才能召开会员大会');
  }
  const now = ctx.clock.now();
  const startsAt = new Date(input.startsAt);
  if (!meetingNoticeOk(now, startsAt)) {
    throw new AppError(
      'INVALID_STATE',
      `meeting at ${input.startsAt} is less than ${MEETING_NOTICE_DAYS} days ahead`,
      `会员大会须至少提前 ${MEETING_NOTICE_DAYS} 天通知会员，请选择 ${MEETING_NOTICE_DAYS} 天以后的时间`,
    );
  }
  const half = input.half ?? halfYearOf(beijingMonthOf(now));
  const meeting: MeetingDoc = {
    _id: input.requestId,
    societyId: society._id,
    title: input.title?.trim() || `${society.name}${halfYearLabel(half)}会员大会`,
    half,
    startsAt: startsAt.toISOString(),
    place: input.place.trim(),
    agenda: input.agenda?.trim() ?? '',
    status: 'scheduled',
    scheduledBy: actor,
    scheduledAt: now.toISOString(),
    cancelledAt: null,
    cancelledBy: null,
    cancelReason: null,
    pack: null,
    files: [],
  };
  const stored = await ctx.store.transaction(async (tx) => {
    const existing = await tx.get<MeetingDoc>(COLLECTIONS.meetings, meeting._id);
    if (existing) {
      const same =
        existing.societyId === meeting.societyId &&
        existing.startsAt === meeting.startsAt &&
        existing.title === meeting.title &&
        existing.place === meeting.place &&
        existing.agenda === meeting.agenda &&
        existing.half === meeting.half;
      if (!same) throw requestIdReused(`meeting ${meeting._id}`);
      return existing;
    }
    await tx.insert(COLLECTIONS.meetings, meeting);
    await appendAudit(tx, {
      scopeId: society._id,
      actor,
      action: 'meeting.schedule',
      target: `${COLLECTIONS.meetings}/${meeting._id}`,
      details: { startsAt: meeting.startsAt, half, place: meeting.place },
      at: now,
    });
    return meeting;
  });
  await queueMeetingScheduled(ctx.store, stored, now);
  return meetingView(stored, now);
}

function meetingView(meeting: MeetingDoc, now: Date): MeetingView {
  const pack = meeting.pack ? (({ publishedBy: _by, ...rest }) => rest)(meeting.pack) : null;
  return {
    id: meeting._id,
    societyId: meeting.societyId,
    title: meeting.title,
    half: meeting.half,
    halfLabel: halfYearLabel(meeting.half),
    startsAt: meeting.startsAt,
    place: meeting.place,
    agenda: meeting.agenda,
    status: meeting.status,
    scheduledByName: actorName(meeting.scheduledBy),
    scheduledAt: meeting.scheduledAt,
    daysUntil: Math.round(
      (Date.parse(beijingDayOf(new Date(meeting.startsAt))) - Date.parse(beijingDayOf(now))) / DAY_MS,
    ),
    started: Date.parse(meeting.startsAt) <= now.getTime(),
    pack,
    files: meeting.files.map((file) => ({
      fileId: file.fileId,
      kind: file.kind,
      kindLabel: MEETING_FILE_KIND_LABELS[file.kind],
      title: file.title,
      attachedAt: file.attachedAt,
    })),
  };
}

async function loadMeeting(
  ctx: ActionContext,
  meetingId: string,
): Promise<{ meeting: MeetingDoc; society: SocietyDoc }> {
  const meeting = await ctx.store.get<MeetingDoc>(COLLECTIONS.meetings, meetingId);
  if (!meeting) throw new AppError('NOT_FOUND', `meeting ${meetingId} not found`, '没有找到这次会员大会');
  return { meeting, society: await loadSociety(ctx.store, meeting.societyId) };
}

/** The society's meetings, the next one first (members see it on their page). */
export async function listMeetings(
  ctx: ActionContext,
  societyId: string,
): Promise<{ items: MeetingView[]; next: MeetingView | null }> {
  const society = await loadSociety(ctx.store, societyId);
  requireActing(ctx.caller, MEETING_READERS, society, '会员大会信息仅向本社会员公开');
  const meetings = await ctx.store.find<MeetingDoc>(COLLECTIONS.meetings, {
    where: { societyId },
    orderBy: [['startsAt', 'desc']],
    limit: 100,
  });
  const now = ctx.clock.now();
  const items = meetings.map((meeting) => meetingView(meeting, now));
  const upcoming = items.filter((item) => item.status === 'scheduled' && Date.parse(item.startsAt) > now.getTime());
  return { items, next: upcoming[upcoming.length - 1] ?? null };
}

export async function getMeeting(ctx: ActionContext, meetingId: string): Promise<MeetingView> {
  const { meeting, society } = await loadMeeting(ctx, meetingId);
  requireActing(ctx.caller, MEETING_READERS, society, '会员大会信息仅向本社会员公开');
  return meetingView(meeting, ctx.clock.now());
}

/**
 * Freezes the pack: the fund statement and relief summary of the meeting's half-year, from its
 * first month to the last month of it that has ended (the cut-off). Published once.
 */
export async function publishMeetingPack(ctx: ActionContext, meetingId: string): Promise<MeetingView> {
  const { meeting, society } = await loadMeeting(ctx, meetingId);
  const { actor } = requireActing(ctx.caller, ['president', 'secretary'], society, '会议材料由社长或秘书长发布');
  if (meeting.status !== 'scheduled') {
    throw new AppError('INVALID_STATE', `meeting ${meetingId} is ${meeting.status}`, '会员大会已取消');
  }
  if (meeting.pack)
    throw new AppError('INVALID_STATE', `meeting ${meetingId} pack already published`, '会议材料已经发布，不能更改');
  const now = ctx.clock.now();
  const { from, to } = halfYearMonths(meeting.half);
  const lastEnded = addMonths(beijingMonthOf(now), -1);
  const cutoffMonth = lastEnded < to ? lastEnded : to;
  if (cutoffMonth < from) {
    throw new AppError(
      'INVALID_STATE',
      `no month of ${meeting.half} has ended`,
      '本半年还没有结束的月份，暂不能生成会议材料',
    );
  }
  const [statement, caseStats, helps] = await Promise.all([
    fundStatement(ctx.store, society, from, cutoffMonth),
    caseStatsBetween(ctx.store, society._id, monthStartIso(from), monthStartIso(addMonths(cutoffMonth, 1))),
    helpStatsForMonths(ctx.store, society._id, from, addMonths(cutoffMonth, 1)),
  ]);
  // R-OVS-4: the half-year's relief includes 帮办 (issue 13).
  const cases = { ...caseStats, helps };
  const pack: MeetingDoc['pack'] = {
    publishedAt: now.toISOString(),
    publishedByName: actor.name ?? '',
    cutoffMonth,
    statement,
    cases,
    publishedBy: actor,
  };
  const stored = await ctx.store.transaction(async (tx) => {
    const current = await tx.get<MeetingDoc>(COLLECTIONS.meetings, meetingId);
    if (!current || current.pack) {
      throw new AppError('INVALID_STATE', `meeting ${meetingId} pack already published`, '会议材料已经发布，不能更改');
    }
    await tx.update(COLLECTIONS.meetings, meetingId, { pack });
    await appendAudit(tx, {
      scopeId: society._id,
      actor,
      action: 'meeting.publishPack',
      target: `${COLLECTIONS.meetings}/${meetingId}`,
      details: { cutoffMonth, closingFen: statement.closingFen, reconciled: statement.reconciliation.ok },
      at: now,
    });
    return { ...current, pack };
  });
  return meetingView(stored, now);
}

export interface AttachFileInput {
  meetingId: string;
  fileId: string;
  kind: MeetingFileKind;
  title: string;
}

/** Minutes and resolutions, once the meeting has begun; a file attached twice is kept once. */
export async function attachMeetingFile(ctx: ActionContext, input: AttachFileInput): Promise<MeetingView> {
  const { meeting, society } = await loadMeeting(ctx, input.meetingId);
  const { actor } = requireActing(ctx.caller, ['president', 'secretary'], society, '会议纪要由社长或秘书长上传');
  const now = ctx.clock.now();
  if (meeting.status !== 'scheduled')
    throw new AppError('INVALID_STATE', `meeting ${meeting._id} cancelled`, '会员大会已取消');
  if (Date.parse(meeting.startsAt) > now.getTime()) {
    throw new AppError('INVALID_STATE', `meeting ${meeting._id} has not started`, '会议召开后才能上传纪要和决议');
  }
  await requireAttachable(ctx, [input.fileId], { societyId: society._id, caseId: null, kinds: ['meetings'] });
  const stored = await ctx.store.transaction(async (tx) => {
    const current = await tx.get<MeetingDoc>(COLLECTIONS.meetings, meeting._id);
    if (!current) throw new AppError('NOT_FOUND', `meeting ${meeting._id} vanished`);
    if (current.files.some((file) => file.fileId === input.fileId)) return current;
    const files = [
      ...current.files,
      {
        fileId: input.fileId,
        kind: input.kind,
        title: input.title.trim(),
        attachedAt: now.toISOString(),
        attachedBy: actor,
      },
    ];
    await tx.update(COLLECTIONS.meetings, meeting._id, { files });
    await appendAudit(tx, {
      scopeId: society._id,
      actor,
      action: 'meeting.attach',
      target: `${COLLECTIONS.meetings}/${meeting._id}`,
      details: { fileId: input.fileId, kind: input.kind },
      at: now,
    });
    return { ...current, files };
  });
  return meetingView(stored, now);
}

export async function cancelMeeting(ctx: ActionContext, meetingId: string, reason: string): Promise<MeetingView> {
  const { meeting, society } = await loadMeeting(ctx, meetingId);
  const { actor } = requireActing(ctx.caller, ['president'], society, '会员大会由社长召集');
  const now = ctx.clock.now();
  if (meeting.status !== 'scheduled' || Date.parse(meeting.startsAt) <= now.getTime()) {
    throw new AppError('INVALID_STATE', `meeting ${meetingId} cannot be cancelled`, '只能取消尚未召开的会员大会');
  }
  const stored = await ctx.store.transaction(async (tx) => {
    const current = await tx.get<MeetingDoc>(COLLECTIONS.meetings, meetingId);
    if (current?.status !== 'scheduled')
      throw new AppError('INVALID_STATE', `meeting ${meetingId} not scheduled`, '会员大会已取消');
    const patch = {
      status: 'cancelled' as const,
      cancelledAt: now.toISOString(),
      cancelledBy: actor,
      cancelReason: reason,
    };
    await tx.update(COLLECTIONS.meetings, meetingId, patch);
    await appendAudit(tx, {
      scopeId: society._id,
      actor,
      action: 'meeting.cancel',
      target: `${COLLECTIONS.meetings}/${meetingId}`,
      details: { reason },
      at: now,
    });
    return { ...current, ...patch };
  });
  return meetingView(stored, now);
}
