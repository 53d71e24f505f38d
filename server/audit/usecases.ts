/**
 * Reading and checking the audit trail (R-OVS-5). A scope is a society or an area (township,
 * county); who reads which: the supervision committee its own society; a township its societies
 * and its own scope; the county every scope of the county. Verification reads a scope's whole
 * chain in sequence order and reports the first break (a removed, inserted or altered event).
 */
import { AppError } from '../errors';
import type { ActionContext } from '../context';
import { COLLECTIONS, type AreaDoc, type SocietyDoc } from '../collections';
import { findAll } from '../ports/store';
import { covers, coversSociety, placeOfArea, scopesOf } from '../access/rules';
import { verifyAuditChain, type AuditEventDoc, type AuditHeadDoc } from './trail';
import { ROLE_LABELS, type Role } from '../../miniprogram/domain/society';
import {
  AUDIT_BREAK_LABELS,
  AUDIT_SCOPE_KIND_LABELS,
  auditActionLabel,
  type AuditEventView,
  type AuditPage,
  type AuditScopeItem,
  type AuditScopeKind,
  type AuditVerification,
} from '../../miniprogram/domain/oversight';
import { auditCheckpoint } from './checkpoints';
import { sealScope } from './seal';

export const AUDIT_READERS: readonly Role[] = ['supervisor', 'township', 'county'];

interface Scope {
  scopeId: string;
  name: string;
  kind: AuditScopeKind;
}

/** The scope, if the caller may read it; NOT_FOUND when there is no such scope, FORBIDDEN when not theirs. */
export async function readableScope(ctx: ActionContext, scopeId: string): Promise<Scope> {
  const society = await ctx.store.get<SocietyDoc>(COLLECTIONS.societies, scopeId);
  if (society) {
    if (!coversSociety(ctx.caller, AUDIT_READERS, society)) {
      throw new AppError(
        'FORBIDDEN',
        `caller may not read the audit trail of ${scopeId}`,
        '您不能查看这个范围的操作记录',
      );
    }
    return { scopeId, name: society.name, kind: 'society' };
  }
  const area = await ctx.store.get<AreaDoc>(COLLECTIONS.areas, scopeId);
  if (!area) throw new AppError('NOT_FOUND', `no audit scope ${scopeId}`, '没有找到这个范围');
  if (!covers(ctx.caller, AUDIT_READERS, placeOfArea(area))) {
    throw new AppError(
      'FORBIDDEN',
      `caller may not read the audit trail of ${scopeId}`,
      '您不能查看这个范围的操作记录',
    );
  }
  return { scopeId, name: area.name, kind: area.kind };
}

/** Every scope the caller reads, with its number of events. */
export async function auditScopes(ctx: ActionContext): Promise<{ items: AuditScopeItem[] }> {
  const scopes = new Map<string, Scope>();
  const add = (scope: Scope) => scopes.set(scope.scopeId, scope);
  const { societyIds, townshipIds, countyIds } = scopesOf(ctx.caller, AUDIT_READERS);
  const societies: SocietyDoc[] = [];
  if (societyIds.length) {
    societies.push(
      ...(await ctx.store.find<SocietyDoc>(COLLECTIONS.societies, { where: { _id: { $in: societyIds } } })),
    );
  }
  if (townshipIds.length) {
    for (const area of await ctx.store.find<AreaDoc>(COLLECTIONS.areas, { where: { _id: { $in: townshipIds } } })) {
      add({ scopeId: area._id, name: area.name, kind: area.kind });
    }
    societies.push(
      ...(await findAll<SocietyDoc>(ctx.store, COLLECTIONS.societies, { where: { townshipId: { $in: townshipIds } } })),
    );
  }
  if (countyIds.length) {
    const areas = await findAll<AreaDoc>(ctx.store, COLLECTIONS.areas, {
      where: { countyId: { $in: countyIds }, kind: { $in: ['county', 'township'] } },
    });
    for (const area of areas) add({ scopeId: area._id, name: area.name, kind: area.kind });
    societies.push(
      ...(await findAll<SocietyDoc>(ctx.store, COLLECTIONS.societies, { where: { countyId: { $in: countyIds } } })),
    );
  }
  for (const society of societies) {
    if (coversSociety(ctx.caller, AUDIT_READERS, society))
      add({ scopeId: society._id, name: society.name, kind: 'society' });
  }
  const ids = [...scopes.keys()];
  const heads = new Map<string, AuditHeadDoc>();
  for (let i = 0; i < ids.length; i += 1000) {
    const chunk = ids.slice(i, i + 1000);
    for (const head of await ctx.store.find<AuditHeadDoc>(COLLECTIONS.auditHeads, {
      where: { _id: { $in: chunk } },
      limit: chunk.length,
    })) {
      heads.set(head._id, head);
    }
  }
  const order: Record<AuditScopeKind, number> = { county: 0, township: 1, village: 2, society: 3 };
  return {
    items: [...scopes.values()]
      .sort((a, b) => order[a.kind] - order[b.kind] || a.name.localeCompare(b.name, 'zh'))
      .map((scope) => ({
        ...scope,
        kindLabel: AUDIT_SCOPE_KIND_LABELS[scope.kind],
        eventCount: heads.get(scope.scopeId)?.seq ?? 0,
      })),
  };
}

export function auditEventView(event: AuditEventDoc): AuditEventView {
  return {
    id: event._id,
    scopeId: event.scopeId,
    seq: event.seq,
    at: event.at,
    actorName: event.actor.name ?? (event.actor.userId ? event.actor.userId : '未登记的微信用户'),
    actorRole: event.actor.role,
    actorRoleLabel: event.actor.role ? ROLE_LABELS[event.actor.role] : '',
    action: event.action,
    actionLabel: auditActionLabel(event.action),
    target: event.target,
    details: event.details,
    hash: event.hash,
    prevHash: event.prevHash,
  };
}

/** One page of a scope's trail, the latest first. */
export async function readAuditTrail(
  ctx: ActionContext,
  input: { scopeId: string; offset: number; limit: number },
): Promise<AuditPage> {
  const scope = await readableScope(ctx, input.scopeId);
  await sealScope(ctx.store, scope.scopeId);
  const [events, head] = await Promise.all([
    ctx.store.find<AuditEventDoc>(COLLECTIONS.auditEvents, {
      where: { scopeId: scope.scopeId, seq: { $gt: 0 } },
      orderBy: [['seq', 'desc']],
      offset: input.offset,
      limit: input.limit,
    }),
    ctx.store.get<AuditHeadDoc>(COLLECTIONS.auditHeads, scope.scopeId),
  ]);
  return {
    scopeId: scope.scopeId,
    scopeName: scope.name,
    items: events.map(auditEventView),
    total: head?.seq ?? 0,
    offset: input.offset,
    limit: input.limit,
  };
}

/** Reads a scope's chain after its checkpoint and reports whether it holds, or where it first breaks. */
export async function verifyAuditScope(ctx: ActionContext, scopeId: string): Promise<AuditVerification> {
  const scope = await readableScope(ctx, scopeId);
  await sealScope(ctx.store, scope.scopeId);
  // From the nightly verified checkpoint (issue 15): only the events since are read.
  const [from, head] = await Promise.all([
    auditCheckpoint(ctx.store, scope.scopeId),
    ctx.store.get<AuditHeadDoc>(COLLECTIONS.auditHeads, scope.scopeId),
  ]);
  const events = await findAll<AuditEventDoc>(ctx.store, COLLECTIONS.auditEvents, {
    where: { scopeId: scope.scopeId, seq: { $gt: from.seq } },
    orderBy: [['seq', 'asc']],
  });
  const check = verifyAuditChain(events, head, from);
  const base = {
    scopeId: scope.scopeId,
    scopeName: scope.name,
    count: check.count,
    fromSeq: from.seq,
    checkedAt: ctx.clock.now().toISOString(),
  };
  if (check.ok) return { ...base, ok: true, brokenAtSeq: null, brokenEventId: null, reason: null };
  return {
    ...base,
    ok: false,
    brokenAtSeq: check.brokenAtSeq,
    brokenEventId: events.find((event) => event.seq === check.brokenAtSeq)?._id ?? null,
    reason: AUDIT_BREAK_LABELS[check.reason] ?? check.reason,
  };
}
