/**
 * Requests about one's own personal information (issue 12, PIPL). A villager asks the society to
 * let them see and copy, correct, or delete what it holds about them. PIPL art. 50 requires a
 * convenient way to file such requests and to handle them, and a refusal must give its reason;
 * the answer is due within 15 working days — the limit the 《App违法违规收集使用个人信息行为认定
 * 方法》 (2019) sets where none is promised — counted on the county's work calendar. Officers of
 * the society answer (accepted or refused, with what was done or why not), audited; the township
 * sees the requests of its societies and their deadlines, by masked name. The request's text and
 * the answer are sealed at rest; the requester is found again by a keyed hash of their openid.
 */
import { AppError } from '../errors';
import type { ActionContext } from '../context';
import { COLLECTIONS, type SocietyDoc } from '../collections';
import type { Doc } from '../ports/store';
import { appendAudit } from '../audit/trail';
import { seal, shortHash, unseal, type Sealed } from '../cases/pii';
import { eventActor } from '../cases/model';
import { actorOf } from '../access/caller';
import { holdsAnyRole, OFFICERS, overseenSocieties, requireRole, roleIn } from '../access/rules';
import { loadSociety } from '../registry/load';
import { calendarOfSociety } from '../calendar/usecases';
import { requestFingerprint, requestIdReused } from '../api/request-ids';
import type { CaseEventActor } from '../../miniprogram/domain/case';
import { maskName } from '../../miniprogram/domain/masking';
import {
  DATA_REQUEST_KIND_LABELS,
  DATA_REQUEST_STATUS_LABELS,
  DATA_REQUEST_WORKING_DAYS,
  type DataRequestItem,
  type DataRequestKind,
  type DataRequestsView,
  type MyDataRequestItem,
} from '../../miniprogram/domain/data-requests';

export interface DataRequestDoc extends Doc {
  requesterKey: string;
  userId: string | null;
  requesterName: Sealed | null;
  maskedName: string;
  societyId: string;
  townshipId: string;
  countyId: string;
  kind: DataRequestKind;
  details: Sealed;
  fingerprint: string;
  filedAt: string;
  dueAt: string;
  status: 'open' | 'accepted' | 'refused';
  answer: Sealed | null;
  answeredAt: string | null;
  answeredBy: CaseEventActor | null;
}

const requesterKeyOf = (openid: string): string => shortHash('data-request', openid);

function requireOpenid(ctx: ActionContext): string {
  if (!ctx.caller.openid) throw new AppError('UNAUTHENTICATED', 'no openid for a data request');
  return ctx.caller.openid;
}

export interface FileDataRequestInput {
  requestId: string;
  societyId: string;
  kind: DataRequestKind;
  details: string;
}

/** A villager files a request about their own data; a retry answers the same request. */
export async function fileDataRequest(ctx: ActionContext, input: FileDataRequestInput): Promise<MyDataRequestItem> {
  const openid = requireOpenid(ctx);
  const society = await loadSociety(ctx.store, input.societyId);
  const details = input.details.trim();
  if (!details) throw new AppError('BAD_REQUEST', 'no details', '请写明要查阅、更正或删除哪些信息');
  const requesterKey = requesterKeyOf(openid);
  const id = `dr-${shortHash(requesterKey, input.requestId)}`;
  const fingerprint = requestFingerprint({ societyId: society._id, kind: input.kind, details });
  const at = ctx.clock.now();
  const calendar = await calendarOfSociety(ctx.store, society);
  const name = ctx.caller.user?.name ?? null;
  await ctx.store.transaction(async (tx) => {
    const before = await tx.get<DataRequestDoc>(COLLECTIONS.dataRequests, id);
    if (before) {
      if (before.fingerprint !== fingerprint) throw requestIdReused('privacy.fileDataRequest');
      return;
    }
    // Not in the audit trail, which the supervision committee reads: who asked is the officers' to
    // know. The request itself is the record; its answer is audited.
    await tx.insert<DataRequestDoc>(COLLECTIONS.dataRequests, {
      _id: id,
      requesterKey,
      userId: ctx.caller.user?._id ?? null,
      requesterName: name ? seal(name) : null,
      maskedName: name ? maskName(name) : '微信用户',
      societyId: society._id,
      townshipId: society.townshipId,
      countyId: society.countyId,
      kind: input.kind,
      details: seal(details),
      fingerprint,
      filedAt: at.toISOString(),
      // PIPL art. 50; 15 working days (see the head of this file).
      dueAt: calendar.addWorkingDays(at, DATA_REQUEST_WORKING_DAYS).toISOString(),
      status: 'open',
      answer: null,
      answeredAt: null,
      answeredBy: null,
    });
  });
  const doc = (await ctx.store.get<DataRequestDoc>(COLLECTIONS.dataRequests, id))!;
  return myItem(doc, society);
}

function myItem(doc: DataRequestDoc, society: SocietyDoc): MyDataRequestItem {
  return {
    id: doc._id,
    societyName: society.name,
    kind: doc.kind,
    kindLabel: DATA_REQUEST_KIND_LABELS[doc.kind],
    details: unseal(doc.details),
    filedAt: doc.filedAt,
    dueAt: doc.dueAt,
    status: doc.status,
    statusLabel: DATA_REQUEST_STATUS_LABELS[doc.status],
    answer: doc.answer ? unseal(doc.answer) : null,
    answeredAt: doc.answeredAt,
  };
}

/** The caller's own requests and their answers. */
export async function myDataRequests(ctx: ActionContext): Promise<{ items: MyDataRequestItem[] }> {
  if (!ctx.caller.openid) return { items: [] };
  const docs = await ctx.store.find<DataRequestDoc>(COLLECTIONS.dataRequests, {
    where: { requesterKey: requesterKeyOf(ctx.caller.openid) },
    orderBy: [['filedAt', 'desc']],
    limit: 100,
  });
  const societyIds = [...new Set(docs.map((doc) => doc.societyId))];
  const societies = societyIds.length
    ? await ctx.store.find<SocietyDoc>(COLLECTIONS.societies, { where: { _id: { $in: societyIds } } })
    : [];
  const byId = new Map(societies.map((society) => [society._id, society]));
  return {
    items: docs.flatMap((doc) => {
      const society = byId.get(doc.societyId);
      return society ? [myItem(doc, society)] : [];
    }),
  };
}

/**
 * The requests of a society, to its officers (with names and text); without a society, those of
 * every society the township oversees, by masked name and without the text.
 */
export async function dataRequests(
  ctx: ActionContext,
  input: { societyId?: string | null },
): Promise<DataRequestsView> {
  let societies: SocietyDoc[];
  let asOfficer = false;
  if (input.societyId) {
    const society = await loadSociety(ctx.store, input.societyId);
    requireRole(ctx.caller, OFFICERS, society);
    societies = [society];
    asOfficer = true;
  } else {
    if (!holdsAnyRole(ctx.caller, ['township'])) {
      throw new AppError('FORBIDDEN', 'only the township reads data requests across societies');
    }
    societies = await overseenSocieties(ctx.store, ctx.caller, ['township']);
  }
  const now = ctx.clock.now().toISOString();
  const byId = new Map(societies.map((society) => [society._id, society]));
  const docs = societies.length
    ? await ctx.store.find<DataRequestDoc>(COLLECTIONS.dataRequests, {
        where: { societyId: { $in: [...byId.keys()] } },
        orderBy: [['filedAt', 'desc']],
        limit: 500,
      })
    : [];
  const items: DataRequestItem[] = docs.map((doc) => ({
    id: doc._id,
    societyId: doc.societyId,
    societyName: byId.get(doc.societyId)?.name ?? '',
    requesterName: asOfficer && doc.requesterName ? unseal(doc.requesterName) : doc.maskedName,
    kind: doc.kind,
    kindLabel: DATA_REQUEST_KIND_LABELS[doc.kind],
    details: asOfficer ? unseal(doc.details) : '',
    filedAt: doc.filedAt,
    dueAt: doc.dueAt,
    overdue: doc.status === 'open' && doc.dueAt < now,
    status: doc.status,
    statusLabel: DATA_REQUEST_STATUS_LABELS[doc.status],
    answer: asOfficer && doc.answer ? unseal(doc.answer) : null,
    answeredAt: doc.answeredAt,
    answeredByName: doc.answeredBy?.name ?? null,
  }));
  // Open first, the soonest due first; then the answered, latest first.
  items.sort((a, b) =>
    a.status === 'open' && b.status === 'open'
      ? a.dueAt.localeCompare(b.dueAt)
      : a.status === 'open'
        ? -1
        : b.status === 'open'
          ? 1
          : (b.answeredAt ?? '').localeCompare(a.answeredAt ?? ''),
  );
  return {
    items,
    open: items.filter((item) => item.status === 'open').length,
    overdue: items.filter((item) => item.overdue).length,
    canAnswer: asOfficer,
  };
}

/**
 * An officer answers: accepted (what was done: the copy given, the record corrected or deleted)
 * or refused (why: PIPL art. 50 — a refusal gives its reason). Once; audited.
 */
export async function answerDataRequest(
  ctx: ActionContext,
  input: { dataRequestId: string; outcome: 'accepted' | 'refused'; answer: string },
): Promise<DataRequestsView> {
  const doc = await ctx.store.get<DataRequestDoc>(COLLECTIONS.dataRequests, input.dataRequestId);
  if (!doc) throw new AppError('NOT_FOUND', `data request ${input.dataRequestId} not found`, '没有找到这份申请');
  const society = await loadSociety(ctx.store, doc.societyId);
  const role = roleIn(ctx.caller, OFFICERS, society);
  if (!role) throw new AppError('FORBIDDEN', `caller may not answer the data requests of ${society._id}`);
  const answer = input.answer.trim();
  if (!answer) {
    throw new AppError(
      'BAD_REQUEST',
      'no answer text',
      input.outcome === 'refused' ? '不予办理须写明理由' : '请写明办理情况（如已提供复印件、已更正、已删除）',
    );
  }
  const actor = actorOf(ctx.caller, role);
  const at = ctx.clock.now();
  await ctx.store.transaction(async (tx) => {
    const current = await tx.get<DataRequestDoc>(COLLECTIONS.dataRequests, doc._id);
    if (!current) throw new AppError('NOT_FOUND', 'data request vanished', '没有找到这份申请');
    if (current.status !== 'open') {
      // A retry of the same answer answers what was done; another answer is refused.
      if (current.status === input.outcome && current.answer && unseal(current.answer) === answer) return;
      throw new AppError('INVALID_STATE', `data request ${doc._id} already answered`, '这份申请已经答复过了');
    }
    await tx.update(COLLECTIONS.dataRequests, doc._id, {
      status: input.outcome,
      answer: seal(answer),
      answeredAt: at.toISOString(),
      answeredBy: eventActor(actor),
    });
    await appendAudit(tx, {
      scopeId: society._id,
      actor,
      action: 'privacy.answerDataRequest',
      target: `${COLLECTIONS.dataRequests}/${doc._id}`,
      details: { kind: current.kind, outcome: input.outcome, late: current.dueAt < at.toISOString() },
      at,
    });
  });
  return dataRequests(ctx, { societyId: society._id });
}
