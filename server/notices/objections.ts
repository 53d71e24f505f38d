/**
 * Objections (异议) against a live notice: anyone raises one (the text passes the content check);
 * the society's officers answer within the society's number of working days; the notice shows
 * 有异议处理中 while one is open; the supervision committee, township and county see every one.
 * Objections and answers are kept, never changed after the fact.
 *
 * Who raised an objection is recorded (the audit trail, the raiser's own list) but shown to no
 * officer: the people a villager objects to see the text and, if left, the contact only.
 */
import { AppError } from '../errors';
import { requestIdReused } from '../api/request-ids';
import type { ActionContext } from '../context';
import { COLLECTIONS } from '../collections';
import { actorOf } from '../access/caller';
import {
  CONTACT_READERS,
  OBJECTION_READERS,
  ownRoleIn,
  requireNoticeOfficer,
  requireNotRecused,
  requireRole,
  roleIn,
} from '../access/rules';
import { loadSociety } from '../registry/load';
import { appendAudit } from '../audit/trail';
import { calendarOfSociety, loadWorkCalendar } from '../calendar/usecases';
import { formatBeijingTime } from '../../miniprogram/domain/case';
import {
  MAX_OPEN_OBJECTIONS_PER_CALLER,
  noticeStatusAt,
  noticeTitle,
  type MyObjectionView,
  type ObjectionOutcome,
  type ObjectionStatus,
  type ObjectionView,
  type RaiseObjectionResult,
} from '../../miniprogram/domain/notices';
import { loadCaseDoc } from './case-source';
import {
  getMany,
  loadNotice,
  noticesWithoutTitle,
  objectionAnswerDays,
  objectionIdOf,
  type NoticeDoc,
  type ObjectionDoc,
} from './model';
import { myObjectionView, objectionView } from './views';
import { keepUnposted } from './unposted';
import { queueObjectionAnswered } from '../messages/people-messages';
import type { Where } from '../ports/store';

export interface RaiseInput {
  requestId: string;
  noticeId: string;
  text: string;
  contact?: string | null;
}

const CLOSED_MESSAGE = '这条公示的公示期已结束，不能再提出异议；如有问题，请向村监督委员会或乡镇反映';

async function passContentCheck(ctx: ActionContext, text: string, openid: string | null): Promise<void> {
  let verdict;
  try {
    verdict = await ctx.contentCheck.check(text, openid);
  } catch (error) {
    throw new AppError(
      'INTERNAL',
      `content check failed: ${error instanceof Error ? error.message : String(error)}`,
      '内容检查暂时不可用，请稍后再试',
    );
  }
  if (!verdict.ok) {
    throw new AppError('CONTENT_REJECTED', `objection text refused by the content check (${verdict.label ?? '?'})`);
  }
}

function sameObjection(doc: ObjectionDoc, input: RaiseInput, openid: string | null, contact: string | null): boolean {
  return (
    doc.noticeId === input.noticeId &&
    doc.raisedByOpenid === openid &&
    doc.text === input.text.trim() &&
    doc.contact === contact
  );
}

function raiseResult(doc: ObjectionDoc, replayed: boolean): RaiseObjectionResult {
  return {
    objectionId: doc._id,
    dueAt: doc.dueAt,
    message: `异议已收到。互助社将在 ${formatBeijingTime(doc.dueAt)} 前答复，村监督委员会也能看到您的异议。`,
    replayed,
  };
}

/** Anyone, against a live notice. A retry with the same request id answers the first one. */
export async function raiseObjection(ctx: ActionContext, input: RaiseInput): Promise<RaiseObjectionResult> {
  const openid = ctx.caller.openid;
  const text = input.text.trim();
  const contact = input.contact?.trim() || null;
  const id = objectionIdOf(input.requestId);
  const earlier = await ctx.store.get<ObjectionDoc>(COLLECTIONS.noticeObjections, id);
  if (earlier) {
    if (!sameObjection(earlier, input, openid, contact)) {
      throw requestIdReused(`objection ${id}`);
    }
    return raiseResult(earlier, true);
  }
  const notice = await loadNotice(ctx.store, input.noticeId);
  const now = ctx.clock.now();
  if (noticeStatusAt(notice.publishedAt, now) !== 'live') {
    throw new AppError('INVALID_STATE', `notice ${notice._id} is no longer live`, CLOSED_MESSAGE);
  }
  const mine = await ctx.store.count(COLLECTIONS.noticeObjections, {
    noticeId: notice._id,
    raisedByOpenid: openid,
    status: 'open',
  });
  if (mine >= MAX_OPEN_OBJECTIONS_PER_CALLER) {
    throw new AppError(
      'INVALID_STATE',
      `caller ${openid ?? 'anonymous'} holds ${mine} open objections on ${notice._id}`,
      '您对这条公示提出的异议还在处理中，请等待互助社答复',
    );
  }
  await passContentCheck(ctx, contact ? `${text}\n${contact}` : text, openid);
  const society = await loadSociety(ctx.store, notice.societyId);
  const [calendar, days] = await Promise.all([
    calendarOfSociety(ctx.store, society),
    objectionAnswerDays(ctx.store, society),
  ]);
  const doc: ObjectionDoc = {
    _id: id,
    requestId: input.requestId,
    noticeId: notice._id,
    societyId: society._id,
    townshipId: society.townshipId,
    text,
    contact,
    raisedByOpenid: openid,
    raisedByUserId: ctx.caller.user?._id ?? null,
    raisedAt: now.toISOString(),
    dueAt: calendar.addWorkingDays(now, days).toISOString(),
    answerDays: days,
    noticeTitle: noticeTitle(notice.content),
    status: 'open',
    answer: null,
  };
  const roleHere = ownRoleIn(ctx.caller, society) ?? 'resident';
  const stored = await ctx.store.transaction(async (tx) => {
    const again = await tx.get<ObjectionDoc>(COLLECTIONS.noticeObjections, id);
    if (again) {
      if (!sameObjection(again, input, openid, contact)) throw requestIdReused(`objection ${id}`);
      return { doc: again, replayed: true };
    }
    const current = await tx.get<NoticeDoc>(COLLECTIONS.notices, notice._id);
    if (!current || noticeStatusAt(current.publishedAt, now) !== 'live') {
      throw new AppError('INVALID_STATE', `notice ${notice._id} is no longer live`, CLOSED_MESSAGE);
    }
    await tx.insert(COLLECTIONS.noticeObjections, doc);
    const counted = {
      objectionCount: current.objectionCount + 1,
      openObjectionCount: current.openObjectionCount + 1,
      version: current.version + 1,
    };
    await tx.update(COLLECTIONS.notices, notice._id, counted);
    await keepUnposted(tx, { ...current, ...counted }, now);
    // The text stays out of the trail (it may name people); the trail says who raised which, when.
    await appendAudit(tx, {
      scopeId: society._id,
      actor: actorOf(ctx.caller, roleHere),
      action: 'notice.objection',
      target: `${COLLECTIONS.noticeObjections}/${id}`,
      details: { noticeId: notice._id, dueAt: doc.dueAt, withContact: contact !== null },
      at: now,
    });
    return { doc, replayed: false };
  });
  return raiseResult(stored.doc, stored.replayed);
}

export interface AnswerInput {
  objectionId: string;
  answer: string;
  outcome: ObjectionOutcome;
}

/** The society's secretary or president answers, once; the answer is kept beside the objection. */
export async function answerObjection(ctx: ActionContext, input: AnswerInput): Promise<ObjectionView> {
  const objection = await ctx.store.get<ObjectionDoc>(COLLECTIONS.noticeObjections, input.objectionId);
  if (!objection) throw new AppError('NOT_FOUND', `objection ${input.objectionId} not found`, '没有找到这条异议');
  const society = await loadSociety(ctx.store, objection.societyId);
  const actor = requireNoticeOfficer(ctx.caller, society);
  const notice = await loadNotice(ctx.store, objection.noticeId);
  const caseDoc = await loadCaseDoc(ctx.store, notice.caseId);
  if (caseDoc) requireNotRecused(ctx.caller, caseDoc);
  const now = ctx.clock.now();
  const text = input.answer.trim();
  const answered = await ctx.store.transaction(async (tx) => {
    const current = await tx.get<ObjectionDoc>(COLLECTIONS.noticeObjections, objection._id);
    const currentNotice = await tx.get<NoticeDoc>(COLLECTIONS.notices, notice._id);
    if (!current || !currentNotice) throw new AppError('NOT_FOUND', `objection ${objection._id} vanished`);
    if (current.answer) {
      if (current.answer.text === text && current.answer.outcome === input.outcome) return current;
      throw new AppError('INVALID_STATE', `objection ${current._id} was answered already`, '这条异议已经答复过');
    }
    const next: ObjectionDoc = {
      ...current,
      status: 'answered',
      answer: { text, outcome: input.outcome, by: actor, at: now.toISOString() },
    };
    await tx.update(COLLECTIONS.noticeObjections, current._id, { status: next.status, answer: next.answer });
    const counted = {
      openObjectionCount: Math.max(0, currentNotice.openObjectionCount - 1),
      version: currentNotice.version + 1,
    };
    await tx.update(COLLECTIONS.notices, currentNotice._id, counted);
    await keepUnposted(tx, { ...currentNotice, ...counted }, now);
    await appendAudit(tx, {
      scopeId: society._id,
      actor,
      action: 'notice.objectionAnswer',
      target: `${COLLECTIONS.noticeObjections}/${current._id}`,
      details: { noticeId: notice._id, outcome: input.outcome, late: now.toISOString() > current.dueAt },
      at: now,
    });
    await queueObjectionAnswered(tx, next, now);
    return next;
  });
  const calendar = await calendarOfSociety(ctx.store, society);
  return objectionView(answered, notice, calendar, now, true);
}

export interface ListObjectionsInput {
  societyId: string;
  noticeId?: string;
  status: ObjectionStatus | 'all';
  offset: number;
  limit: number;
}

/** Every objection of the society (officers, supervision committee, township, county), newest first. */
export async function listObjections(
  ctx: ActionContext,
  input: ListObjectionsInput,
): Promise<{ items: ObjectionView[]; total: number; offset: number; limit: number }> {
  const society = await loadSociety(ctx.store, input.societyId);
  requireRole(ctx.caller, OBJECTION_READERS, society);
  const showContact = roleIn(ctx.caller, CONTACT_READERS, society) !== null;
  const where: Where = { societyId: society._id };
  if (input.noticeId) where.noticeId = input.noticeId;
  if (input.status !== 'all') where.status = input.status;
  const [docs, total, calendar] = await Promise.all([
    ctx.store.find<ObjectionDoc>(COLLECTIONS.noticeObjections, {
      where,
      orderBy: [['raisedAt', 'desc']],
      offset: input.offset,
      limit: input.limit,
    }),
    ctx.store.count(COLLECTIONS.noticeObjections, where),
    calendarOfSociety(ctx.store, society),
  ]);
  const notices = await noticesWithoutTitle(ctx.store, docs);
  const now = ctx.clock.now();
  return {
    items: docs.map((doc) => objectionView(doc, notices.get(doc.noticeId), calendar, now, showContact)),
    total,
    offset: input.offset,
    limit: input.limit,
  };
}

/** The caller's own objections and their answers (by WeChat identity; no user record needed). */
export async function myObjections(ctx: ActionContext): Promise<{ items: MyObjectionView[] }> {
  const openid = ctx.caller.openid;
  if (!openid) throw new AppError('UNAUTHENTICATED', 'my objections need an openid');
  const docs = await ctx.store.find<ObjectionDoc>(COLLECTIONS.noticeObjections, {
    where: { raisedByOpenid: openid },
    orderBy: [['raisedAt', 'desc']],
    limit: 100,
  });
  const notices = new Map(
    (
      await getMany<NoticeDoc>(
        ctx.store,
        COLLECTIONS.notices,
        docs.map((doc) => doc.noticeId),
      )
    ).map((doc) => [doc._id, doc]),
  );
  // Each answer deadline counts the working days of its own county (R-PROC-3's calendar).
  const countyIds = [...new Set([...notices.values()].map((notice) => notice.countyId))];
  const calendars = new Map(
    await Promise.all(
      countyIds.map(async (countyId) => [countyId, await loadWorkCalendar(ctx.store, countyId)] as const),
    ),
  );
  const now = ctx.clock.now();
  const items: MyObjectionView[] = [];
  for (const doc of docs) {
    const notice = notices.get(doc.noticeId);
    // A notice is never deleted; were one missing, the national calendar alone counts.
    const calendar = calendars.get(notice?.countyId ?? '') ?? (await loadWorkCalendar(ctx.store, ''));
    items.push(myObjectionView(doc, notice, calendar, now));
  }
  return { items };
}
