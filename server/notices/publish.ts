/**
 * Publishing a notice after relief (R-PROC-6, R-OVS-3): the officer's to-do (paid cases without
 * a notice, live notices not yet on paper, open objections), the preview that shows exactly what
 * will be published, the idempotent publication, and the photo of the paper notice on the board.
 */
import { requireAttachable } from '../files/private';
import { AppError } from '../errors';
import type { ActionContext } from '../context';
import type { Actor } from '../access/caller';
import { NOTICE_OFFICERS, requireNoticeOfficer, requireNotRecused, requireRole } from '../access/rules';
import { isUnpostedAt, keepUnposted } from './unposted';
import { loadSociety } from '../registry/load';
import { COLLECTIONS, type SocietyDoc } from '../collections';
import { isStoreError, type Where } from '../ports/store';
import { appendAudit } from '../audit/trail';
import { calendarOfSociety } from '../calendar/usecases';
import { formatDuration } from '../../miniprogram/domain/case';
import { RELIEF_TYPE_LABELS, formOfMethod } from '../../miniprogram/domain/relief';
import {
  CONSENT_WITHHELD_MESSAGE,
  NOTICE_FORM_LABELS,
  amountText,
  buildNoticeContent,
  isVillageGroupNo,
  liveSince,
  type NoticeContent,
  type NoticeInput,
  type NoticePreview,
  type OfficerNoticeView,
  type OfficerTodo,
  type PendingNoticeItem,
  type PublishResult,
} from '../../miniprogram/domain/notices';
import { awaitingNotice, loadCaseDoc, paidCase, type PaidCase } from './case-source';
import { loadNotice, noticeIdOf, noticesWithoutTitle, type NoticeDoc, type ObjectionDoc } from './model';
import { objectionView, officerNoticeView, placeOf, publicViewOf } from './views';
import { FILE_ID_PATTERN } from '../cases/common';

export type NoticeFilter = 'live' | 'archived' | 'all';

/** A paid case the caller may publish: it exists, was paid, is of the caller's society, not of their household. */
async function publishableCase(
  ctx: ActionContext,
  caseId: string,
): Promise<{ paid: PaidCase; society: SocietyDoc; actor: Actor }> {
  const paid = await paidCase(ctx.store, caseId);
  if (!paid) {
    const doc = await loadCaseDoc(ctx.store, caseId);
    if (!doc) throw new AppError('NOT_FOUND', `case ${caseId} not found`, '没有找到这个救助案件');
    const society = await loadSociety(ctx.store, doc.societyId);
    requireNoticeOfficer(ctx.caller, society);
    throw new AppError('INVALID_STATE', `case ${caseId} is ${doc.state}, not paid`, '救助发放之后才能公示');
  }
  const society = await loadSociety(ctx.store, paid.societyId);
  const actor = requireNoticeOfficer(ctx.caller, society);
  requireNotRecused(ctx.caller, { ...paid, _id: paid.caseId });
  return { paid, society, actor };
}

type StoredInput = NoticeDoc['input'];

function cleanInput(input: NoticeInput): StoredInput {
  return { villageGroupNo: isVillageGroupNo(input.villageGroupNo) ? input.villageGroupNo : null };
}

/** R-PROC-6, R-OVS-3: built from the case's structured facts only; nothing typed is published (issue 12). */
async function contentFor(
  ctx: ActionContext,
  paid: PaidCase,
  society: SocietyDoc,
  input: StoredInput,
): Promise<NoticeContent> {
  const consented = paid.facts.noticeConsented;
  const place = await placeOf(ctx.store, society);
  return buildNoticeContent(
    {
      societyName: society.name,
      villageName: place.villageName,
      maskedName: paid.facts.maskedName,
      reliefType: paid.facts.reliefType,
      cause: paid.facts.cause,
      method: paid.facts.method,
      amountFen: paid.facts.amountFen,
      decisionDate: paid.decisionDate,
      consented,
      reliefFirst: paid.facts.reliefFirst,
      visit: paid.visit,
    },
    input,
  );
}

function messagesFor(content: NoticeContent): string[] {
  return content.anonymised ? [CONSENT_WITHHELD_MESSAGE] : [];
}

/** Exactly what publishing would store and show, as of now; writes nothing. */
export async function previewNotice(ctx: ActionContext, caseId: string, input: NoticeInput): Promise<NoticePreview> {
  const { paid, society } = await publishableCase(ctx, caseId);
  const now = ctx.clock.now();
  const existing = await ctx.store.get<NoticeDoc>(COLLECTIONS.notices, noticeIdOf(caseId));
  if (existing) {
    return {
      caseId,
      notice: officerNoticeView(existing, now),
      consentWithheld: existing.content.anonymised,
      messages: ['该案件已经公示，以下是已发布的内容', ...messagesFor(existing.content)],
      alreadyPublished: true,
    };
  }
  const content = await contentFor(ctx, paid, society, cleanInput(input));
  return {
    caseId,
    notice: publicViewOf(noticeIdOf(caseId), society._id, content, now.toISOString(), now, {
      openObjections: 0,
      postedOnPaper: false,
    }),
    consentWithheld: content.anonymised,
    messages: messagesFor(content),
    alreadyPublished: false,
  };
}

function sameInput(doc: NoticeDoc, input: StoredInput): boolean {
  if (doc.content.anonymised) return true;
  // A notice stored before issue 12 has no number: it answers only a publication without one.
  return (doc.input.villageGroupNo ?? null) === input.villageGroupNo;
}

function replayOrRefuse(doc: NoticeDoc, input: StoredInput): NoticeDoc {
  if (!sameInput(doc, input)) {
    throw new AppError(
      'DUPLICATE',
      `notice ${doc._id} was published with other content`,
      '该案件已经公示，公示内容不能再修改；如有错误，请在公示的异议中答复说明',
    );
  }
  return doc;
}

/**
 * Publishes the notice of a paid case: once, whatever the retries (the notice id is the case's),
 * with its audit event in the same transaction. The same content again answers the first
 * publication; other content for a published case is DUPLICATE.
 */
export async function publishNotice(ctx: ActionContext, caseId: string, input: NoticeInput): Promise<PublishResult> {
  const { paid, society, actor } = await publishableCase(ctx, caseId);
  const cleaned = cleanInput(input);
  const id = noticeIdOf(caseId);
  const now = ctx.clock.now();
  const existing = await ctx.store.get<NoticeDoc>(COLLECTIONS.notices, id);
  if (existing) return publishResult(replayOrRefuse(existing, cleaned), true, now);
  const content = await contentFor(ctx, paid, society, cleaned);
  const doc: NoticeDoc = {
    _id: id,
    societyId: society._id,
    townshipId: society.townshipId,
    countyId: society.countyId,
    caseId,
    caseNo: paid.caseNo,
    content,
    input: content.anonymised ? { villageGroupNo: null } : cleaned,
    publishedAt: now.toISOString(),
    publishedBy: actor,
    boardPhoto: null,
    objectionCount: 0,
    openObjectionCount: 0,
    version: 1,
  };
  try {
    const stored = await ctx.store.transaction(async (tx) => {
      const found = await tx.get<NoticeDoc>(COLLECTIONS.notices, id);
      if (found) return { doc: replayOrRefuse(found, cleaned), replayed: true };
      await tx.insert(COLLECTIONS.notices, doc);
      // R-PROC-6: off the officers' to-do, in the same transaction (case-source.ts), and on the
      // list of notices to post on paper (./unposted.ts).
      await tx.update(COLLECTIONS.cases, caseId, { awaitingNotice: false });
      await keepUnposted(tx, doc, now);
      await appendAudit(tx, {
        scopeId: society._id,
        actor,
        action: 'notice.publish',
        target: `${COLLECTIONS.notices}/${id}`,
        details: { caseId, caseNo: paid.caseNo, anonymised: content.anonymised, amountFen: content.amountFen },
        at: now,
      });
      return { doc, replayed: false };
    });
    return publishResult(stored.doc, stored.replayed, now);
  } catch (error) {
    // A concurrent publication of the same case got there first.
    if (!isStoreError(error, 'DUPLICATE_ID')) throw error;
    return publishResult(replayOrRefuse(await loadNotice(ctx.store, id), cleaned), true, now);
  }
}

function publishResult(doc: NoticeDoc, replayed: boolean, now: Date): PublishResult {
  return {
    notice: officerNoticeView(doc, now),
    replayed,
    consentWithheld: doc.content.anonymised,
    messages: messagesFor(doc.content),
  };
}

/** A photo of the paper notice on the village board; a notice counts as posted on paper once it has one. */
export async function attachBoardPhoto(
  ctx: ActionContext,
  noticeId: string,
  fileId: string,
): Promise<OfficerNoticeView> {
  if (!FILE_ID_PATTERN.test(fileId)) throw new AppError('BAD_REQUEST', 'not a file id', '照片文件有误，请重新上传');
  const notice = await loadNotice(ctx.store, noticeId);
  const society = await loadSociety(ctx.store, notice.societyId);
  const actor = requireNoticeOfficer(ctx.caller, society);
  const doc = await loadCaseDoc(ctx.store, notice.caseId);
  if (doc) requireNotRecused(ctx.caller, doc);
  await requireAttachable(ctx, [fileId], { societyId: society._id, caseId: null, kinds: ['boards'] });
  const now = ctx.clock.now();
  const updated = await ctx.store.transaction(async (tx) => {
    const current = await tx.get<NoticeDoc>(COLLECTIONS.notices, noticeId);
    if (!current) throw new AppError('NOT_FOUND', `notice ${noticeId} vanished`);
    if (current.boardPhoto?.fileId === fileId) return current;
    const next: NoticeDoc = {
      ...current,
      boardPhoto: { fileId, at: now.toISOString(), by: actor },
      version: current.version + 1,
    };
    await tx.update(COLLECTIONS.notices, noticeId, { boardPhoto: next.boardPhoto, version: next.version });
    await keepUnposted(tx, next, now);
    await appendAudit(tx, {
      scopeId: society._id,
      actor,
      action: 'notice.boardPhoto',
      target: `${COLLECTIONS.notices}/${noticeId}`,
      details: { fileId, replaced: current.boardPhoto?.fileId ?? null },
      at: now,
    });
    return next;
  });
  return officerNoticeView(updated, now);
}

export function noticeWhere(societyId: string, filter: NoticeFilter, now: Date): Where {
  const since = liveSince(now);
  if (filter === 'live') return { societyId, publishedAt: { $gt: since } };
  if (filter === 'archived') return { societyId, publishedAt: { $lte: since } };
  return { societyId };
}

export interface NoticePageInput {
  societyId: string;
  filter: NoticeFilter;
  offset: number;
  limit: number;
}

/** The society's published notices for its officers, newest first. */
export async function officerNotices(
  ctx: ActionContext,
  input: NoticePageInput,
): Promise<{ items: OfficerNoticeView[]; total: number; offset: number; limit: number }> {
  const society = await loadSociety(ctx.store, input.societyId);
  requireRole(ctx.caller, NOTICE_OFFICERS, society);
  const now = ctx.clock.now();
  const where = noticeWhere(society._id, input.filter, now);
  const [docs, total] = await Promise.all([
    ctx.store.find<NoticeDoc>(COLLECTIONS.notices, {
      where,
      orderBy: [['publishedAt', 'desc']],
      offset: input.offset,
      limit: input.limit,
    }),
    ctx.store.count(COLLECTIONS.notices, where),
  ]);
  return { items: docs.map((doc) => officerNoticeView(doc, now)), total, offset: input.offset, limit: input.limit };
}

/** The to-do lists at most this many of the cases waiting for a notice, longest waiting first; it counts them all. */
export const TODO_PAGE = 50;

/** Paid cases of the society whose notice is not published yet, the longest waiting first. */
export async function unpublishedCases(
  ctx: ActionContext,
  society: SocietyDoc,
): Promise<{ items: PendingNoticeItem[]; total: number }> {
  const paid = await awaitingNotice(ctx.store, society._id, TODO_PAGE);
  const now = ctx.clock.now();
  const items = paid.cases.map((item) => {
    const form = formOfMethod(item.facts.method);
    return {
      caseId: item.caseId,
      caseNo: item.caseNo,
      maskedName: item.facts.maskedName,
      reliefTypeLabel: RELIEF_TYPE_LABELS[item.facts.reliefType],
      formLabel: NOTICE_FORM_LABELS[form],
      amountFen: item.facts.amountFen,
      amountText: amountText(form, item.facts.amountFen),
      paidAt: item.facts.paidAt,
      waitingText: `已发放 ${formatDuration(now.getTime() - Date.parse(item.facts.paidAt))}`,
      consentWithheld: !item.facts.noticeConsented,
    };
  });
  return { items, total: paid.total };
}

/** The officer's notice to-do: what to publish, what to post on paper, which objections to answer. */
export async function officerTodo(ctx: ActionContext, societyId: string): Promise<OfficerTodo> {
  const society = await loadSociety(ctx.store, societyId);
  requireRole(ctx.caller, NOTICE_OFFICERS, society);
  const now = ctx.clock.now();
  const [unpublished, unposted, open, calendar] = await Promise.all([
    unpublishedCases(ctx, society),
    // Kept on the society (./unposted.ts); one written before it kept them reads its notices.
    society.unpostedNotices
      ? society.unpostedNotices.filter((notice) => isUnpostedAt(notice, now))
      : ctx.store
          .find<NoticeDoc>(COLLECTIONS.notices, {
            where: noticeWhere(society._id, 'live', now),
            orderBy: [['publishedAt', 'asc']],
            limit: 500,
          })
          .then((live) => live.filter((notice) => notice.boardPhoto === null)),
    ctx.store.find<ObjectionDoc>(COLLECTIONS.noticeObjections, {
      where: { societyId: society._id, status: 'open' },
      orderBy: [['dueAt', 'asc']],
      limit: 500,
    }),
    calendarOfSociety(ctx.store, society),
  ]);
  const notices = await noticesWithoutTitle(ctx.store, open);
  const openObjections = open.map((doc) => objectionView(doc, notices.get(doc.noticeId), calendar, now, true));
  return {
    societyId: society._id,
    unpublished: unpublished.items,
    unpublishedTotal: unpublished.total,
    notPostedOnPaper: unposted.map((doc) => officerNoticeView(doc, now)),
    openObjections,
    overdueObjections: openObjections.filter((item) => item.overdue).length,
  };
}
