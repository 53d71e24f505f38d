/**
 * The officer's notice to-do (R-PROC-6, R-OVS-3): paid cases waiting for their notice, live
 * notices not yet photographed on the village board, objections waiting for an answer, the
 * published notices (live / archived) and the objection answer time limit. Pure: tested without
 * rendering.
 */
import { formatBeijingTime, formatDuration } from '../../../../domain/case';
import {
  MAX_OBJECTION_ANSWER_DAYS,
  OBJECTION_PENDING_LABEL,
  noticeTitle,
  type NoticeSettingsView,
  type ObjectionView,
  type OfficerNoticeView,
  type OfficerTodo,
  type PendingNoticeItem,
} from '../../../../domain/notices';
import type { Role } from '../../../../domain/society';

export const NOT_A_NOTICE_OFFICER_MESSAGE = '只有本社秘书长或社长可以办理公示';
export const NOT_POSTED_LABEL = '纸质公示未拍照';
export const POSTED_LABEL = '已张贴';
export const OVERDUE_LABEL = '已超时';
export const CONSENT_WITHHELD_LABEL = '未同意公开姓名';
export const ALL_DONE_TEXT = '公示事项都已办完：没有待公示的救助、未拍照的公示或待答复的异议。';
export const PHOTO_RULE_NOTE = '纸质公示张贴到村务公开栏后，请拍照上传；上传照片后才算已张贴（R-PROC-6）。';
export const PHOTO_ATTACHED_MESSAGE = '张贴照片已上传，这条公示已记为已张贴';
export const SETTINGS_SAVED_MESSAGE = '异议答复时限已保存';
export const SETTINGS_PRESIDENT_ONLY = '只有社长可以修改异议答复时限';
export const MIN_OBJECTION_ANSWER_DAYS = 1;

export type NoticeTab = 'live' | 'archived';
export const NOTICE_TABS: ReadonlyArray<{ value: NoticeTab; label: string }> = [
  { value: 'live', label: '公示中' },
  { value: 'archived', label: '已存档' },
];
export const EMPTY_TAB_TEXT: Record<NoticeTab, string> = {
  live: '现在没有正在公示的救助',
  archived: '还没有公示期满的公示',
};

const OFFICER_PAGES = '/packages/officer/pages';

export function publishUrl(caseId: string): string {
  return `${OFFICER_PAGES}/notice-publish/index?caseId=${encodeURIComponent(caseId)}`;
}

export function answerUrl(objection: { id: string; noticeId: string }, societyId: string): string {
  return (
    `${OFFICER_PAGES}/objection-answer/index?objectionId=${encodeURIComponent(objection.id)}` +
    `&societyId=${encodeURIComponent(societyId)}&noticeId=${encodeURIComponent(objection.noticeId)}`
  );
}

export function posterUrl(societyId: string): string {
  return `${OFFICER_PAGES}/poster/index?societyId=${encodeURIComponent(societyId)}`;
}

/** A refusal from the cloud (the caller holds no officer role for this society). */
export function isForbidden(err: unknown): boolean {
  return typeof err === 'object' && err !== null && 'code' in err && err.code === 'FORBIDDEN';
}

/** 「还剩 1天3小时」 while live, 「公示期满」 after. `now` is for display only. */
export function remainingText(endsAt: string, now: Date): string {
  const left = Date.parse(endsAt) - now.getTime();
  return left > 0 ? `还剩 ${formatDuration(left)}` : '公示期满';
}

export interface PendingRow {
  caseId: string;
  caseNo: string;
  /** 「陈*山 应急救助 现金 1000元」 */
  title: string;
  /** 「已发放 3天」 */
  waitingText: string;
  consentLabel: string;
  url: string;
}

export function toPendingRow(item: PendingNoticeItem): PendingRow {
  return {
    caseId: item.caseId,
    caseNo: item.caseNo,
    title: `${item.maskedName} ${item.reliefTypeLabel} ${item.formLabel} ${item.amountText}`,
    waitingText: `${item.waitingText}，还未公示`,
    consentLabel: item.consentWithheld ? CONSENT_WITHHELD_LABEL : '',
    url: publishUrl(item.caseId),
  };
}

export interface ObjectionRow {
  id: string;
  noticeTitle: string;
  text: string;
  /** 「截止 12月3日 09:10，剩余 …」 or 「已超时 …」: working days, from the cloud. */
  dueText: string;
  overdue: boolean;
  overdueLabel: string;
  raisedText: string;
  url: string;
}

export function toObjectionRow(objection: ObjectionView, societyId: string): ObjectionRow {
  return {
    id: objection.id,
    noticeTitle: objection.noticeTitle,
    text: objection.text,
    dueText: `答复期限：${objection.dueText}`,
    overdue: objection.overdue,
    overdueLabel: objection.overdue ? OVERDUE_LABEL : '',
    raisedText: `提出时间：${formatBeijingTime(objection.raisedAt)}`,
    url: answerUrl(objection, societyId),
  };
}

export interface NoticeCard {
  id: string;
  caseNo: string;
  title: string;
  statusLabel: string;
  live: boolean;
  periodText: string;
  remainingText: string;
  posted: boolean;
  /** 「已张贴（刘芳 11月24日 17:30 上传照片）」 or 「纸质公示未拍照」. */
  postedText: string;
  /** What <image src> shows of the board photo (files.ts photoSrc). */
  photoSrc: string;
  pendingLabel: string;
  /** 「异议 2 条，待答复 1 条」; empty when none. */
  objectionText: string;
  /** The first open objection's answer page, when one waits. */
  answerUrl: string;
  consentLabel: string;
}

export function toNoticeCard(
  notice: OfficerNoticeView,
  now: Date,
  openObjections: readonly ObjectionView[],
  societyId: string,
  srcOf: (fileId: string) => string = (fileId) => fileId,
): NoticeCard {
  const waiting = openObjections.find((objection) => objection.noticeId === notice.id);
  const photo = notice.boardPhoto;
  return {
    id: notice.id,
    caseNo: notice.caseNo,
    title: noticeTitle(notice.content),
    statusLabel: notice.statusLabel,
    live: notice.status === 'live',
    periodText: `公示期：${notice.periodText}`,
    remainingText: remainingText(notice.endsAt, now),
    posted: photo !== null,
    postedText: photo
      ? `${POSTED_LABEL}（${photo.byName ? `${photo.byName} ` : ''}${formatBeijingTime(photo.at)} 上传照片）`
      : NOT_POSTED_LABEL,
    photoSrc: photo ? srcOf(photo.fileId) : '',
    pendingLabel: notice.objectionPending ? OBJECTION_PENDING_LABEL : '',
    objectionText:
      notice.objectionCount > 0 ? `异议 ${notice.objectionCount} 条，待答复 ${notice.openObjectionCount} 条` : '',
    answerUrl: waiting ? answerUrl(waiting, societyId) : '',
    consentLabel: notice.consentWithheld ? CONSENT_WITHHELD_LABEL : '',
  };
}

export interface TodoScreen {
  pending: PendingRow[];
  /** 「另有 120 件待公示，……」 when more wait than the page lists; else ''. */
  pendingMoreText: string;
  notPosted: NoticeCard[];
  objections: ObjectionRow[];
  /** 「待公示 1 件 · 未拍照 1 条 · 待答复异议 1 条」 */
  summary: string;
  overdueText: string;
  allDone: boolean;
}

export function toTodoScreen(
  todo: OfficerTodo,
  now: Date,
  srcOf: (fileId: string) => string = (fileId) => fileId,
): TodoScreen {
  const summary = [
    `待公示 ${todo.unpublishedTotal} 件`,
    `未拍照 ${todo.notPostedOnPaper.length} 条`,
    `待答复异议 ${todo.openObjections.length} 条`,
  ].join(' · ');
  return {
    pending: todo.unpublished.map(toPendingRow),
    pendingMoreText:
      todo.unpublishedTotal > todo.unpublished.length
        ? `另有 ${todo.unpublishedTotal - todo.unpublished.length} 件待公示，发布以上各件后依次列出`
        : '',
    notPosted: todo.notPostedOnPaper.map((notice) =>
      toNoticeCard(notice, now, todo.openObjections, todo.societyId, srcOf),
    ),
    objections: todo.openObjections.map((objection) => toObjectionRow(objection, todo.societyId)),
    summary,
    overdueText: todo.overdueObjections > 0 ? `有 ${todo.overdueObjections} 条异议已超过答复期限，请尽快答复` : '',
    allDone: todo.unpublishedTotal === 0 && todo.notPostedOnPaper.length === 0 && todo.openObjections.length === 0,
  };
}

export interface SettingsScreen {
  days: number;
  /** 「异议答复时限：3 个工作日（默认）」 */
  text: string;
  canEdit: boolean;
  note: string;
  min: number;
  max: number;
}

export function toSettingsScreen(settings: NoticeSettingsView, roles: readonly Role[]): SettingsScreen {
  const canEdit = roles.includes('president');
  return {
    days: settings.objectionAnswerDays,
    text: `异议答复时限：${settings.objectionAnswerDays} 个工作日${settings.defaults ? '（默认）' : ''}`,
    canEdit,
    note: canEdit ? `可设 ${MIN_OBJECTION_ANSWER_DAYS}–${MAX_OBJECTION_ANSWER_DAYS} 个工作日` : SETTINGS_PRESIDENT_ONLY,
    min: MIN_OBJECTION_ANSWER_DAYS,
    max: MAX_OBJECTION_ANSWER_DAYS,
  };
}

/** The chosen number of days, or a Chinese reason it cannot be saved. */
export function settingsProblem(days: number): string {
  if (!Number.isInteger(days) || days < MIN_OBJECTION_ANSWER_DAYS || days > MAX_OBJECTION_ANSWER_DAYS) {
    return `异议答复时限须为 ${MIN_OBJECTION_ANSWER_DAYS}–${MAX_OBJECTION_ANSWER_DAYS} 个工作日`;
  }
  return '';
}
