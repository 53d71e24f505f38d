/**
 * Clues (主动发现, R-PROC-1; R-OVS-1 people at risk): any villager, or a volunteer of the society,
 * tells the officers about someone who may need help. A clue waits in the officers' queue until it
 * becomes a discovery case (cases/intake.ts, linked both ways) or is closed with a reason. The
 * reporter follows the outcome in wording that names nobody and no amount.
 *
 * Privacy (our reading of PIPL): what the reporter wrote about another person is sealed at rest;
 * an anonymous clue keeps only a keyed hash of the reporter's OPENID (so they can follow it) and
 * shows the officers, the supervisor and the audit trail no identity — not even that a volunteer
 * sent it.
 */
import { AppError } from '../errors';
import type { ActionContext } from '../context';
import { COLLECTIONS, type SocietyDoc } from '../collections';
import { type Actor, actorOf } from '../access/caller';
import { grantHeld, requireOfficer, requireReader } from '../access/rules';
import { loadSociety } from '../registry/load';
import { appendAudit } from '../audit/trail';
import { findAll, type Doc } from '../ports/store';
import { requireActive } from '../cases/common';
import { requireAttachable } from '../files/private';
import { requestFingerprint, requireSameRequest } from '../api/request-ids';
import { eventActor, type CaseDoc } from '../cases/model';
import { seal, sealOrNull, shortHash, unseal, unsealOrNull, type Sealed } from '../cases/pii';
import type { CaseEventActor } from '../../miniprogram/domain/case';
import {
  CLUE_OUTCOME_LABELS,
  CLUE_SOURCE_LABELS,
  CLUE_STATUS_LABELS,
  MAX_CLUES_PER_DAY,
  clueOutcomeOf,
  type ClueQueueItem,
  type ClueSource,
  type ClueStatus,
  type MyClueItem,
} from '../../miniprogram/domain/clues';

export interface ClueDoc extends Doc {
  societyId: string;
  townshipId: string;
  requestId: string;
  requestFingerprint: string;
  /** Keyed hash of the reporter's OPENID: how 我的线索 and the daily bound find their clues. */
  reporterKey: string;
  /** Null when anonymous. */
  reporterUserId: string | null;
  reporterName: Sealed | null;
  anonymous: boolean;
  source: ClueSource;
  /** Who may need help, as the reporter knows them. */
  personHint: Sealed;
  whatHappened: Sealed;
  photoFileId: string | null;
  status: ClueStatus;
  caseId: string | null;
  closedReason: Sealed | null;
  handledBy: CaseEventActor | null;
  handledAt: string | null;
  createdAt: string;
  updatedAt: string;
}

/** `clueQuotas/{reporterKey}:{YYYY-MM-DD}`: clues one caller reported that Beijing day. */
export interface ClueQuotaDoc extends Doc {
  reporterKey: string;
  day: string;
  count: number;
}

export interface ReportClueInput {
  requestId: string;
  societyId: string;
  personHint: string;
  whatHappened: string;
  photoFileId?: string | null;
  anonymous: boolean;
  /** Needed when not anonymous and the caller is not known yet. */
  reporterName?: string;
}

export function reporterKeyOf(openid: string): string {
  return shortHash('clue-reporter', openid);
}

function beijingDay(at: Date): string {
  return new Date(at.getTime() + 8 * 60 * 60 * 1000).toISOString().slice(0, 10);
}

const NOBODY: Actor = { userId: null, openid: null, name: null, role: null };

/** Anyone in WeChat reports a clue to a society; the same request id always lands on the same clue. */
export async function reportClue(ctx: ActionContext, input: ReportClueInput): Promise<MyClueItem> {
  const openid = ctx.caller.openid;
  if (!openid) throw new AppError('UNAUTHENTICATED', 'a clue needs a WeChat identity');
  const reporterKey = reporterKeyOf(openid);
  const clueId = `clue-${shortHash(reporterKey, input.requestId)}`;
  const fingerprint = requestFingerprint(input);
  const replay = await ctx.store.get<ClueDoc>(COLLECTIONS.clues, clueId);
  if (replay) {
    requireSameRequest(replay.requestFingerprint, fingerprint, `clue ${clueId}`);
    return myClueItem(replay, await loadSociety(ctx.store, replay.societyId), null);
  }
  const society = await loadSociety(ctx.store, input.societyId);
  requireActive(society);
  const reporterName = input.anonymous ? null : (ctx.caller.user?.name ?? input.reporterName?.trim() ?? '');
  if (reporterName === '') {
    throw new AppError('BAD_REQUEST', 'reporterName missing for a named clue', '请填写您的姓名，或选择匿名反映');
  }
  // Issue 12: the photo came through a clue slot of this society that this reporter asked for.
  if (input.photoFileId) {
    await requireAttachable(ctx, [input.photoFileId], {
      societyId: society._id,
      caseId: null,
      kinds: ['clues'],
      uploadedBy: openid,
    });
  }
  const volunteer = grantHeld(ctx.caller, 'volunteer', { societyId: society._id }) !== null;
  const source: ClueSource = input.anonymous ? 'anonymous' : volunteer ? 'volunteer' : 'villager';
  const at = ctx.clock.now();
  const day = beijingDay(at);
  const actor: Actor = input.anonymous
    ? NOBODY
    : { ...actorOf(ctx.caller, volunteer ? 'volunteer' : null), name: reporterName };

  const doc = await ctx.store.transaction(async (tx) => {
    const existing = await tx.get<ClueDoc>(COLLECTIONS.clues, clueId);
    if (existing) {
      requireSameRequest(existing.requestFingerprint, fingerprint, `clue ${clueId}`);
      return existing;
    }
    const quotaId = `${reporterKey}:${day}`;
    const quota = await tx.get<ClueQuotaDoc>(COLLECTIONS.clueQuotas, quotaId);
    if ((quota?.count ?? 0) >= MAX_CLUES_PER_DAY) {
      throw new AppError(
        'INVALID_STATE',
        `reporter reached ${MAX_CLUES_PER_DAY} clues on ${day}`,
        `每人每天最多反映 ${MAX_CLUES_PER_DAY} 条线索，请明天再提交；情况紧急请直接联系村干部`,
      );
    }
    await tx.set<ClueQuotaDoc>(COLLECTIONS.clueQuotas, {
      _id: quotaId,
      reporterKey,
      day,
      count: (quota?.count ?? 0) + 1,
    });
    const clue: ClueDoc = {
      _id: clueId,
      societyId: society._id,
      townshipId: society.townshipId,
      requestId: input.requestId,
      requestFingerprint: fingerprint,
      reporterKey,
      reporterUserId: input.anonymous ? null : (ctx.caller.user?._id ?? null),
      reporterName: sealOrNull(reporterName),
      anonymous: input.anonymous,
      source,
      personHint: seal(input.personHint.trim()),
      whatHappened: seal(input.whatHappened.trim()),
      photoFileId: input.photoFileId ?? null,
      status: 'open',
      caseId: null,
      closedReason: null,
      handledBy: null,
      handledAt: null,
      createdAt: at.toISOString(),
      updatedAt: at.toISOString(),
    };
    await tx.insert(COLLECTIONS.clues, clue);
    await appendAudit(tx, {
      scopeId: society._id,
      actor,
      action: 'clue.report',
      target: `${COLLECTIONS.clues}/${clueId}`,
      details: { source, photo: clue.photoFileId !== null },
      at,
    });
    return clue;
  });
  return myClueItem(doc, society, null);
}

function linkedCaseFacts(doc: CaseDoc | null | undefined) {
  if (!doc) return null;
  return {
    state: doc.state,
    moneyPaid: doc.payout !== null && doc.payout.method !== 'referral',
    referred: doc.referrals.length > 0 || doc.payout?.method === 'referral',
  };
}

function myClueItem(doc: ClueDoc, society: SocietyDoc, linked: CaseDoc | null): MyClueItem {
  const outcome = clueOutcomeOf(doc.status, linkedCaseFacts(linked));
  return {
    id: doc._id,
    societyName: society.name,
    reportedAt: doc.createdAt,
    anonymous: doc.anonymous,
    outcome,
    outcomeLabel: CLUE_OUTCOME_LABELS[outcome],
  };
}

/** 我的线索: the caller's clues and their outcome; no name, no amount, nothing an officer typed. */
export async function myClues(ctx: ActionContext): Promise<MyClueItem[]> {
  const openid = ctx.caller.openid;
  if (!openid) return [];
  const clues = await ctx.store.find<ClueDoc>(COLLECTIONS.clues, {
    where: { reporterKey: reporterKeyOf(openid) },
    orderBy: [['createdAt', 'desc']],
    limit: 100,
  });
  const caseIds = clues.flatMap((clue) => (clue.caseId ? [clue.caseId] : []));
  const societyIds = [...new Set(clues.map((clue) => clue.societyId))];
  const [cases, societies] = await Promise.all([
    caseIds.length
      ? ctx.store.find<CaseDoc>(COLLECTIONS.cases, { where: { _id: { $in: caseIds } }, limit: caseIds.length })
      : Promise.resolve([]),
    societyIds.length
      ? ctx.store.find<SocietyDoc>(COLLECTIONS.societies, { where: { _id: { $in: societyIds } } })
      : Promise.resolve([]),
  ]);
  const caseById = new Map(cases.map((doc) => [doc._id, doc]));
  const societyById = new Map(societies.map((society) => [society._id, society]));
  return clues.flatMap((clue) => {
    const society = societyById.get(clue.societyId);
    return society ? [myClueItem(clue, society, clue.caseId ? (caseById.get(clue.caseId) ?? null) : null)] : [];
  });
}

/** Has this caller reported any clue (home then shows 我的线索)? */
export async function hasReportedClue(ctx: ActionContext): Promise<boolean> {
  if (!ctx.caller.openid) return false;
  return (await ctx.store.count(COLLECTIONS.clues, { reporterKey: reporterKeyOf(ctx.caller.openid) })) > 0;
}

function queueItem(doc: ClueDoc): ClueQueueItem {
  return {
    id: doc._id,
    societyId: doc.societyId,
    status: doc.status,
    statusLabel: CLUE_STATUS_LABELS[doc.status],
    source: doc.source,
    sourceLabel: CLUE_SOURCE_LABELS[doc.source],
    reporterName: doc.anonymous ? null : unsealOrNull(doc.reporterName),
    personHint: unseal(doc.personHint),
    whatHappened: unseal(doc.whatHappened),
    photoFileId: doc.photoFileId,
    reportedAt: doc.createdAt,
    caseId: doc.caseId,
    closedReason: unsealOrNull(doc.closedReason),
    handledByName: doc.handledBy?.name ?? null,
    handledAt: doc.handledAt,
  };
}

/** The society's clues for its officers and supervisor, open ones first, newest first. */
export async function listClues(
  ctx: ActionContext,
  societyId: string,
): Promise<{ items: ClueQueueItem[]; openCount: number }> {
  const society = await loadSociety(ctx.store, societyId);
  requireReader(ctx.caller, society);
  const clues = await findAll<ClueDoc>(ctx.store, COLLECTIONS.clues, {
    where: { societyId },
    orderBy: [['createdAt', 'desc']],
  });
  const open = clues.filter((clue) => clue.status === 'open');
  const rest = clues.filter((clue) => clue.status !== 'open').slice(0, 100);
  return { items: [...open, ...rest].map(queueItem), openCount: open.length };
}

/** One clue, for the officer who turns it into a case. */
export async function getClue(ctx: ActionContext, clueId: string): Promise<ClueQueueItem> {
  const doc = await ctx.store.get<ClueDoc>(COLLECTIONS.clues, clueId);
  if (!doc) throw new AppError('NOT_FOUND', `clue ${clueId} not found`, '没有找到这条线索');
  requireReader(ctx.caller, await loadSociety(ctx.store, doc.societyId));
  return queueItem(doc);
}

/** An officer closes a clue that needs no case (checked, already helped, not in the village…). */
export async function closeClue(ctx: ActionContext, clueId: string, reason: string): Promise<ClueQueueItem> {
  const found = await ctx.store.get<ClueDoc>(COLLECTIONS.clues, clueId);
  if (!found) throw new AppError('NOT_FOUND', `clue ${clueId} not found`, '没有找到这条线索');
  const society = await loadSociety(ctx.store, found.societyId);
  const actor = requireOfficer(ctx.caller, society);
  const at = ctx.clock.now();
  const next = await ctx.store.transaction(async (tx) => {
    const current = await tx.get<ClueDoc>(COLLECTIONS.clues, clueId);
    if (!current || current.status !== 'open') {
      throw new AppError('INVALID_STATE', `clue ${clueId} is ${current?.status ?? 'gone'}`, '这条线索已经处理过了');
    }
    const patch = {
      status: 'closed' as const,
      closedReason: seal(reason.trim()),
      handledBy: eventActor(actor),
      handledAt: at.toISOString(),
      updatedAt: at.toISOString(),
    };
    await tx.update(COLLECTIONS.clues, clueId, patch);
    await appendAudit(tx, {
      scopeId: society._id,
      actor,
      action: 'clue.close',
      target: `${COLLECTIONS.clues}/${clueId}`,
      details: {},
      at,
    });
    return { ...current, ...patch };
  });
  return queueItem(next);
}
