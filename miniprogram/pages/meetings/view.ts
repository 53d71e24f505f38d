/**
 * The general meetings of a society (R-OVS-4) for its members: the next meeting with its notice,
 * the meetings held and their packs; the president's scheduling form. Pure: tested without rendering.
 */
import { formatBeijingTime } from '../../domain/case';
import { MEETING_NOTICE_DAYS, type MeetingView } from '../../domain/funds';
import type { MeView, Role } from '../../domain/society';

export const MISSING_SOCIETY_MESSAGE = '缺少互助社编号，请从首页进入';
export const NOT_A_MEMBER_MESSAGE = '会员大会信息仅向本社会员公开';
export const NO_MEETING_MESSAGE = '还没有召开过会员大会';
export const NO_NEXT_MEETING_MESSAGE = '暂无即将召开的会员大会';
export const MEETING_PAGE_PATH = '/pages/meeting/index';
export const SCHEDULE_HINT = `会员大会每半年召开一次，须至少提前 ${MEETING_NOTICE_DAYS} 天通知会员`;
export const MISSING_TIME_MESSAGE = '请选择开会时间';
export const MISSING_PLACE_MESSAGE = '请填写开会地点';

/** The caller's roles in this society (a president may also be a member). */
export function rolesIn(me: MeView, societyId: string): Role[] {
  return [...new Set(me.roles.filter((grant) => grant.societyId === societyId).map((grant) => grant.role))];
}

export const MEETING_STATUS_LABELS = {
  upcoming: '即将召开',
  held: '已召开',
  cancelled: '已取消',
} as const;

export interface MeetingRow {
  id: string;
  title: string;
  dateText: string;
  place: string;
  statusLabel: string;
  statusTheme: 'primary' | 'success' | 'default';
  packText: string;
  fileText: string;
  url: string;
}

export function meetingStatus(meeting: MeetingView): keyof typeof MEETING_STATUS_LABELS {
  if (meeting.status === 'cancelled') return 'cancelled';
  return meeting.started ? 'held' : 'upcoming';
}

/** 2026年12月20日 09:00 */
export function meetingTimeText(startsAt: string): string {
  return formatBeijingTime(startsAt, true);
}

/** 还有 19 天召开 / 今天召开 */
export function noticeText(meeting: MeetingView): string {
  if (meeting.started) return '已召开';
  return meeting.daysUntil > 0 ? `还有 ${meeting.daysUntil} 天召开` : '今天召开';
}

export function toMeetingRow(meeting: MeetingView): MeetingRow {
  const status = meetingStatus(meeting);
  return {
    id: meeting.id,
    title: meeting.title,
    dateText: meetingTimeText(meeting.startsAt),
    place: meeting.place,
    statusLabel: MEETING_STATUS_LABELS[status],
    statusTheme: status === 'upcoming' ? 'primary' : status === 'held' ? 'success' : 'default',
    packText: meeting.pack ? `会议材料已发布（${meeting.pack.statement.periodLabel}）` : '会议材料尚未发布',
    fileText: meeting.files.length > 0 ? `纪要和决议 ${meeting.files.length} 份` : '',
    url: `${MEETING_PAGE_PATH}?meetingId=${encodeURIComponent(meeting.id)}`,
  };
}

export interface NextMeetingCard {
  id: string;
  title: string;
  dateText: string;
  place: string;
  noticeText: string;
  agendaLines: string[];
  scheduledText: string;
  url: string;
}

export function toNextMeetingCard(meeting: MeetingView): NextMeetingCard {
  return {
    id: meeting.id,
    title: meeting.title,
    dateText: meetingTimeText(meeting.startsAt),
    place: meeting.place,
    noticeText: noticeText(meeting),
    agendaLines: meeting.agenda.split('\n').filter((line) => line.trim() !== ''),
    scheduledText: `${meeting.scheduledByName}于${formatBeijingTime(meeting.scheduledAt, true)}通知`,
    url: `${MEETING_PAGE_PATH}?meetingId=${encodeURIComponent(meeting.id)}`,
  };
}

export interface MeetingsScreen {
  next: NextMeetingCard | null;
  rows: MeetingRow[];
  canSchedule: boolean;
}

export function toMeetingsScreen(
  list: { items: MeetingView[]; next: MeetingView | null },
  roles: Role[],
): MeetingsScreen {
  return {
    next: list.next ? toNextMeetingCard(list.next) : null,
    rows: list.items.map(toMeetingRow),
    canSchedule: roles.includes('president'),
  };
}

// --- the president's form ---

export interface ScheduleForm {
  /** From the picker: 'YYYY-MM-DD HH:mm', Beijing time. */
  time: string;
  place: string;
  agenda: string;
}

const PICKED_TIME = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2})$/;

/** 'YYYY-MM-DD HH:mm' (Beijing) → ISO 8601 with +08:00, as scheduleMeeting takes it. */
export function startsAtOf(time: string): string | null {
  const match = PICKED_TIME.exec(time.trim());
  return match ? `${match[1]}T${match[2]}:00+08:00` : null;
}

/** What keeps the form from going; the 10 days' notice is the cloud's to check (its clock decides). */
export function scheduleProblems(form: ScheduleForm): string[] {
  const problems: string[] = [];
  if (!startsAtOf(form.time)) problems.push(MISSING_TIME_MESSAGE);
  if (form.place.trim() === '') problems.push(MISSING_PLACE_MESSAGE);
  if (Array.from(form.place.trim()).length > 100) problems.push('地点最多 100 字');
  if (Array.from(form.agenda.trim()).length > 1000) problems.push('议程最多 1000 字');
  return problems;
}

/** Beside 接收会议通知: what one authorisation buys, and that nothing depends on it. */
export const MEETING_ALERTS_NOTE =
  '每点一次“接收会议通知”并同意，召集下一次会员大会时可收到一条通知；不订阅也可以在这里查看。';
export const MEETING_ALERTS_SUBSCRIBED = '已订阅，召集会员大会时会通知您';
