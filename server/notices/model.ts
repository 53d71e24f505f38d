/**
 * How notices, objections, the board's QR code mapping and a society's notice settings are
 * stored. A notice's id derives from its case (`notice-<caseId>`), so publishing twice can only
 * ever find the first one. A notice stores when it was published and nothing about when it
 * ends: whether it is live is computed from that start at read time (R-PROC-6), so no missed
 * timer can leave one on the public page.
 */
import { AppError } from '../errors';
import { COLLECTIONS, type SocietyDoc } from '../collections';
import type { Doc, Store } from '../ports/store';
import type { Actor } from '../access/caller';
import {
  DEFAULT_OBJECTION_ANSWER_DAYS,
  type NoticeContent,
  type ObjectionOutcome,
  type ObjectionStatus,
} from '../../miniprogram/domain/notices';
import type { CaseFlagStatus } from '../../miniprogram/domain/oversight';

export interface NoticeDoc extends Doc {
  societyId: string;
  townshipId: string;
  countyId: string;
  caseId: string;
  caseNo: string;
  /** Exactly what is published (the preview showed the same object). */
  content: NoticeContent;
  /** What the officer chose (nothing typed), so a retried publish is told from a different one. */
  input: { villageGroupNo: number | null };
  publishedAt: string;
  publishedBy: Actor;
  /** The photo of the paper notice on the board: required before it counts as posted on paper. */
  boardPhoto: { fileId: string; at: string; by: Actor } | null;
  objectionCount: number;
  openObjectionCount: number;
  version: number;
}

export interface ObjectionDoc extends Doc {
  requestId: string;
  noticeId: string;
  societyId: string;
  townshipId: string;
  text: string;
  contact: string | null;
  /** Who raised it: kept for the audit trail and the raiser's own list, shown to no officer. */
  raisedByOpenid: string | null;
  raisedByUserId: string | null;
  raisedAt: string;
  dueAt: string;
  /** The working days the society allowed when it was raised (absent on older objections). */
  answerDays?: number;
  /**
   * The title of the notice objected to, kept when raised (a notice never changes once published),
   * so the officers' lists need not read the notices (issue 15). Absent on older objections.
   */
  noticeTitle?: string;
  status: ObjectionStatus;
  answer: { text: string; outcome: ObjectionOutcome; by: Actor; at: string } | null;
}

/** `noticeSettings/{societyId}` */
export interface NoticeSettingsDoc extends Doc {
  societyId: string;
  objectionAnswerDays: number;
  updatedAt: string;
  updatedBy: Actor;
}

/** `noticeBoards/{societyId}`: the society's board QR code (one per society, kept once printed). */
export interface NoticeBoardDoc extends Doc {
  societyId: string;
  scene: string;
  page: string;
  createdAt: string;
  createdBy: Actor;
  qrFileId: string | null;
  qrKind: 'cloud' | 'local' | null;
}

/** `noticeScenes/{scene}`: an opaque scene token → its society (what a scanned code resolves). */
export interface NoticeSceneDoc extends Doc {
  societyId: string;
  createdAt: string;
}

/** A case the supervision committee flagged for the township (its only write, R-OVS-2). */
export interface CaseFlagDoc extends Doc {
  requestId: string;
  societyId: string;
  townshipId: string;
  countyId: string;
  caseId: string;
  caseNo: string;
  maskedName: string;
  comment: string;
  by: Actor;
  at: string;
  status: CaseFlagStatus;
  resolution: { note: string; by: Actor; at: string } | null;
}

/** The page a board code opens: the society's public page. */
export const PUBLIC_PAGE = 'pages/society/index';

export function noticeIdOf(caseId: string): string {
  return `notice-${caseId}`;
}

export function objectionIdOf(requestId: string): string {
  return `obj-${requestId}`;
}

export function flagIdOf(requestId: string): string {
  return `flag-${requestId}`;
}

export async function loadNotice(store: Store, noticeId: string): Promise<NoticeDoc> {
  const notice = await store.get<NoticeDoc>(COLLECTIONS.notices, noticeId);
  if (!notice) throw new AppError('NOT_FOUND', `notice ${noticeId} not found`, '没有找到这条公示');
  return notice;
}

/** The society's notice settings: kept on the society (issue 15), or for one written before, read. */
export async function noticeSettingsOf(
  store: Store,
  society: Pick<SocietyDoc, '_id' | 'noticeSettings'>,
): Promise<NoticeSettingsDoc | null> {
  if (society.noticeSettings !== undefined) return society.noticeSettings;
  return store.get<NoticeSettingsDoc>(COLLECTIONS.noticeSettings, society._id);
}

export async function objectionAnswerDays(
  store: Store,
  society: Pick<SocietyDoc, '_id' | 'noticeSettings'>,
): Promise<number> {
  return (await noticeSettingsOf(store, society))?.objectionAnswerDays ?? DEFAULT_OBJECTION_ANSWER_DAYS;
}

/** The notices of those objections that do not keep their notice's title (raised before it was kept). */
export async function noticesWithoutTitle(
  store: Store,
  objections: readonly ObjectionDoc[],
): Promise<Map<string, NoticeDoc>> {
  const ids = objections.filter((doc) => doc.noticeTitle === undefined).map((doc) => doc.noticeId);
  if (ids.length === 0) return new Map();
  return new Map((await getMany<NoticeDoc>(store, COLLECTIONS.notices, ids)).map((doc) => [doc._id, doc]));
}

/** Reads documents by id in chunks of a query's `$in` limit. */
export async function getMany<T extends Doc>(store: Store, collection: string, ids: readonly string[]): Promise<T[]> {
  const unique = [...new Set(ids)];
  const found: T[] = [];
  for (let i = 0; i < unique.length; i += 1000) {
    const chunk = unique.slice(i, i + 1000);
    found.push(...(await store.find<T>(collection, { where: { _id: { $in: chunk } }, limit: chunk.length })));
  }
  return found;
}
