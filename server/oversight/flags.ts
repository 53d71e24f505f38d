/**
 * The supervision committee's one write (R-OVS-2): flag a case of its society for the township,
 * with a comment. The township (or the county) marks a flag handled with a note. Both are
 * audited: the flag in the society's chain, the handling in the township's (or county's).
 */
import { AppError } from '../errors';
import { requestIdReused } from '../api/request-ids';
import type { ActionContext } from '../context';
import { COLLECTIONS, type SocietyDoc } from '../collections';
import type { Where } from '../ports/store';
import { actorOf } from '../access/caller';
import { overseenSocieties, requireRole } from '../access/rules';
import { loadSociety } from '../registry/load';
import { appendAudit } from '../audit/trail';
import { CASE_FLAG_STATUS_LABELS, type CaseFlagStatus, type CaseFlagView } from '../../miniprogram/domain/oversight';
import { loadCaseDoc } from '../notices/case-source';
import type { Role } from '../../miniprogram/domain/society';
import { flagIdOf, type CaseFlagDoc } from '../notices/model';

export const FLAG_READERS: readonly Role[] = ['supervisor', 'township', 'county'];

export function flagView(doc: CaseFlagDoc, societyName: string): CaseFlagView {
  return {
    id: doc._id,
    societyId: doc.societyId,
    societyName,
    caseId: doc.caseId,
    caseNo: doc.caseNo,
    maskedName: doc.maskedName,
    comment: doc.comment,
    byName: doc.by.name ?? '',
    at: doc.at,
    status: doc.status,
    statusLabel: CASE_FLAG_STATUS_LABELS[doc.status],
    resolution: doc.resolution
      ? { note: doc.resolution.note, byName: doc.resolution.by.name ?? '', at: doc.resolution.at }
      : null,
  };
}

export interface FlagInput {
  requestId: string;
  caseId: string;
  comment: string;
}

export async function flagCase(ctx: ActionContext, input: FlagInput): Promise<CaseFlagView> {
  const doc = await loadCaseDoc(ctx.store, input.caseId);
  if (!doc) throw new AppError('NOT_FOUND', `case ${input.caseId} not found`, '没有找到这个救助案件');
  const society = await loadSociety(ctx.store, doc.societyId);
  const role = requireRole(ctx.caller, ['supervisor'], society, '只有本村监督委员会可以提请乡镇关注');
  const actor = actorOf(ctx.caller, role);
  const comment = input.comment.trim();
  const id = flagIdOf(input.requestId);
  const now = ctx.clock.now();
  const flag: CaseFlagDoc = {
    _id: id,
    requestId: input.requestId,
    societyId: society._id,
    townshipId: society.townshipId,
    countyId: society.countyId,
    caseId: doc._id,
    caseNo: doc.caseNo,
    maskedName: doc.person.maskedName,
    comment,
    by: actor,
    at: now.toISOString(),
    status: 'open',
    resolution: null,
  };
  const stored = await ctx.store.transaction(async (tx) => {
    const found = await tx.get<CaseFlagDoc>(COLLECTIONS.caseFlags, id);
    if (found) {
      if (found.caseId !== doc._id || found.comment !== comment || found.by.userId !== actor.userId) {
        throw requestIdReused(`flag ${id}`);
      }
      return found;
    }
    await tx.insert(COLLECTIONS.caseFlags, flag);
    await appendAudit(tx, {
      scopeId: society._id,
      actor,
      action: 'oversight.flag',
      target: `${COLLECTIONS.caseFlags}/${id}`,
      details: { caseId: doc._id, caseNo: doc.caseNo },
      at: now,
    });
    return flag;
  });
  return flagView(stored, society.name);
}

export async function resolveFlag(ctx: ActionContext, flagId: string, note: string): Promise<CaseFlagView> {
  const flag = await ctx.store.get<CaseFlagDoc>(COLLECTIONS.caseFlags, flagId);
  if (!flag) throw new AppError('NOT_FOUND', `flag ${flagId} not found`, '没有找到这条提请');
  const society = await loadSociety(ctx.store, flag.societyId);
  const role = requireRole(ctx.caller, ['township', 'county'], society, '只有乡镇或县民政局可以处理监督提请');
  const actor = actorOf(ctx.caller, role);
  const scopeId = role === 'township' ? society.townshipId : society.countyId;
  const text = note.trim();
  const now = ctx.clock.now();
  const resolved = await ctx.store.transaction(async (tx) => {
    const current = await tx.get<CaseFlagDoc>(COLLECTIONS.caseFlags, flagId);
    if (!current) throw new AppError('NOT_FOUND', `flag ${flagId} vanished`);
    if (current.resolution) {
      if (current.resolution.note === text) return current;
      throw new AppError('INVALID_STATE', `flag ${flagId} was resolved already`, '这条提请已经处理过');
    }
    const next: CaseFlagDoc = {
      ...current,
      status: 'resolved',
      resolution: { note: text, by: actor, at: now.toISOString() },
    };
    await tx.update(COLLECTIONS.caseFlags, flagId, { status: next.status, resolution: next.resolution });
    await appendAudit(tx, {
      scopeId,
      actor,
      action: 'oversight.resolveFlag',
      target: `${COLLECTIONS.caseFlags}/${flagId}`,
      details: { societyId: society._id, caseId: current.caseId },
      at: now,
    });
    return next;
  });
  return flagView(resolved, society.name);
}

export async function listFlags(
  ctx: ActionContext,
  input: { societyId?: string; status: CaseFlagStatus | 'all' },
): Promise<{ items: CaseFlagView[] }> {
  let societies: SocietyDoc[];
  if (input.societyId) {
    const society = await loadSociety(ctx.store, input.societyId);
    requireRole(ctx.caller, FLAG_READERS, society);
    societies = [society];
  } else {
    societies = await overseenSocieties(ctx.store, ctx.caller, FLAG_READERS);
  }
  if (societies.length === 0) return { items: [] };
  const names = new Map(societies.map((society) => [society._id, society.name]));
  const where: Where = { societyId: { $in: [...names.keys()].slice(0, 1000) } };
  if (input.status !== 'all') where.status = input.status;
  const docs = await ctx.store.find<CaseFlagDoc>(COLLECTIONS.caseFlags, {
    where,
    orderBy: [['at', 'desc']],
    limit: 500,
  });
  return { items: docs.map((doc) => flagView(doc, names.get(doc.societyId) ?? '')) };
}
