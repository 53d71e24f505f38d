/**
 * Who decides a proposed case (or files the explanation of a 先行救助, R-PROC-5), so that recusal
 * never stalls it (DESIGN: "a decision that nobody in the society may take (recusal) goes to the
 * township"). The president decides; when no president may (the case is of their household or
 * they applied for it, they proposed it or paid it first, or the society has none), the approver
 * the society designated (its second approver) decides if they may; else the township officers
 * of the society's township, for that case only. The route is worked out from who holds the
 * roles now, never stored, so a new president or a new second approver takes over at once.
 */
import { COLLECTIONS, type AreaDoc, type MembershipDoc, type SocietyDoc, type UserDoc } from '../collections';
import type { Store, Transaction } from '../ports/store';
import { appendAudit } from '../audit/trail';
import type { Actor, Caller } from '../access/caller';
import { hasOwnPart, isRecusedUser, requireApprover, requireTownshipDecider } from '../access/rules';
import { getMany } from '../notices/model';
import type { CaseDoc, ReliefSettingsDoc } from './model';
import type { DeciderView } from '../../miniprogram/domain/case';

/** Who could decide a case of the society: its presidents, its second approver (if still an officer), its township. */
export interface DeciderCandidates {
  presidents: UserDoc[];
  secondApprover: UserDoc | null;
  townshipId: string;
  townshipName: string;
}

export async function loadDeciders(
  store: Store,
  society: SocietyDoc,
  settings: ReliefSettingsDoc | null,
): Promise<DeciderCandidates> {
  const grants = await store.find<MembershipDoc>(COLLECTIONS.memberships, {
    where: { societyId: society._id, role: { $in: ['president', 'secretary'] }, revokedAt: null },
    limit: 50,
  });
  const presidentIds = grants.filter((grant) => grant.role === 'president').map((grant) => grant.userId);
  const secondId = settings?.secondApproverUserId ?? null;
  const secondIsOfficer = secondId !== null && grants.some((grant) => grant.userId === secondId);
  const ids = [...new Set([...presidentIds, ...(secondIsOfficer ? [secondId] : [])])];
  const [users, townships] = await Promise.all([
    getMany<UserDoc>(store, COLLECTIONS.users, ids),
    getMany<AreaDoc>(store, COLLECTIONS.areas, [society.townshipId]),
  ]);
  const byId = new Map(users.map((user) => [user._id, user]));
  return {
    presidents: presidentIds.flatMap((id) => byId.get(id) ?? []),
    secondApprover: secondIsOfficer ? (byId.get(secondId) ?? null) : null,
    townshipId: society.townshipId,
    townshipName: townships[0]?.name ?? '乡镇',
  };
}

/** A payment made first whose explanation is due now (the visit recorded, R-PROC-5). */
export function explanationDue(doc: CaseDoc): boolean {
  return doc.state === 'paid' && doc.reliefFirst !== null && doc.visit !== null && doc.reliefFirst.explanation === null;
}

/** Waiting for a decision now: a proposal, or a payment made first to be explained. */
export function awaitingDecision(doc: CaseDoc): boolean {
  return doc.state === 'proposed' || explanationDue(doc);
}

type CaseParts = Pick<CaseDoc, 'householdId' | 'applicantUserId' | 'proposal' | 'reliefFirst'>;

/** Why this person may not decide the case, or null when they may. */
function barOf(user: UserDoc, doc: CaseParts): 'recused' | 'ownPart' | null {
  if (isRecusedUser(user, doc)) return 'recused';
  return hasOwnPart(user, doc) ? 'ownPart' : null;
}

/** The route for this case now. */
export function deciderOf(candidates: DeciderCandidates, doc: CaseParts): DeciderView {
  const free = candidates.presidents.filter((user) => barOf(user, doc) === null);
  if (free.length > 0)
    return { kind: 'president', name: `社长${free.map((user) => user.name).join('、')}`, reason: '' };
  const bars = candidates.presidents.map((user) => barOf(user, doc));
  const why =
    candidates.presidents.length === 0
      ? '本社暂无社长'
      : bars.includes('recused')
        ? '本案社长需回避'
        : '社长提出了审批意见或先行发放，不能再审批';
  const second = candidates.secondApprover;
  if (second && barOf(second, doc) === null) {
    return {
      kind: 'secondApprover',
      name: `审批人${second.name}`,
      reason: `${why}，由本社指定的审批人${second.name}审批`,
    };
  }
  return { kind: 'township', name: candidates.townshipName, reason: `${why}，由${candidates.townshipName}审批` };
}

/**
 * Who decides, as whom: as the society, the president or its second approver (requireApprover);
 * as the township, a township officer of the society's township, and only when nobody in the
 * society may decide this case.
 */
export type DecidingAs = 'society' | 'township';

export async function requireDecider(
  store: Store,
  caller: Caller,
  input: { society: SocietyDoc; settings: ReliefSettingsDoc | null; doc: CaseDoc; as: DecidingAs },
): Promise<Actor> {
  const { society, settings, doc } = input;
  if (input.as === 'society') return requireApprover(caller, society, settings, doc);
  const decider = deciderOf(await loadDeciders(store, society, settings), doc);
  return requireTownshipDecider(caller, society, decider, doc);
}

/**
 * A township's decision is kept in the township's own audit chain too (as a flag's handling is),
 * so the township's trail shows what it decided for which society; no personal information.
 */
export async function auditInTownshipChain(
  tx: Transaction,
  input: { society: SocietyDoc; doc: CaseDoc; actor: Actor; outcome: 'approved' | 'rejected'; at: Date },
): Promise<void> {
  if (input.actor.role !== 'township') return;
  await appendAudit(tx, {
    scopeId: input.society.townshipId,
    actor: input.actor,
    action: 'township.decision',
    target: `${COLLECTIONS.cases}/${input.doc._id}`,
    details: { societyId: input.society._id, caseNo: input.doc.caseNo, outcome: input.outcome },
    at: input.at,
  });
}

/** What the event and the audit record when the township decided (attributed as township). */
export function townshipNote(actor: Actor): { summary: string; details: Record<string, unknown> } {
  return actor.role === 'township'
    ? { summary: '（本社无人可以审批，由乡镇审批）', details: { decidedBy: 'township' } }
    : { summary: '', details: {} };
}
