/** Pieces the case use cases share: the society's calendar, case numbers, earlier cases of a person. */
import { AppError } from '../errors';
import type { ActionContext } from '../context';
import { COLLECTIONS, type SocietyDoc } from '../collections';
import type { Store, Transaction } from '../ports/store';
import { loadWorkCalendar } from '../calendar/usecases';
import type { WorkCalendar } from '../domain/workdays';
import { beijingDayOf } from '../domain/workdays';
import { settingsOf, type CaseCounterDoc, type CaseDoc, type ReliefSettingsDoc } from './model';
import { requireDecider, type DecidingAs } from './decider';
import type { Actor } from '../access/caller';
import { requireNotRecused, requireOfficer } from '../access/rules';
import { loadSociety } from '../registry/load';

export async function calendarFor(store: Store, society: SocietyDoc): Promise<WorkCalendar> {
  return loadWorkCalendar(store, society.countyId);
}

/** 2026-004: the society's running number of the Beijing year, taken in the creating transaction. */
export async function nextCaseNo(tx: Transaction, societyId: string, at: Date): Promise<string> {
  const year = Number(beijingDayOf(at).slice(0, 4));
  const id = `${societyId}:${year}`;
  const counter = await tx.get<CaseCounterDoc>(COLLECTIONS.caseCounters, id);
  const seq = (counter?.seq ?? 0) + 1;
  await tx.set<CaseCounterDoc>(COLLECTIONS.caseCounters, { _id: id, societyId, year, seq });
  return `${year}-${String(seq).padStart(3, '0')}`;
}

/** Every case of the same person in the society, oldest first. */
export async function casesOfPerson(store: Store, societyId: string, personKey: string): Promise<CaseDoc[]> {
  return store.find<CaseDoc>(COLLECTIONS.cases, {
    where: { societyId, personKey },
    orderBy: [['createdAt', 'asc']],
    limit: 500,
  });
}

/** The repeat-relief warning: earlier cases of the same person for the same cause (withdrawn ones aside). */
export async function earlierCasesForSameCause(store: Store, doc: CaseDoc): Promise<CaseDoc[]> {
  const all = await casesOfPerson(store, doc.societyId, doc.personKey);
  return all.filter(
    (other) =>
      other._id !== doc._id &&
      other.createdAt <= doc.createdAt &&
      other.situation.cause === doc.situation.cause &&
      other.state !== 'withdrawn',
  );
}

/** Only a running society takes cases. */
export function requireActive(society: SocietyDoc): void {
  if (society.status !== 'active') {
    throw new AppError(
      'INVALID_STATE',
      `society ${society._id} is ${society.status}`,
      '该互助社尚未运行或已暂停，暂不能办理救助',
    );
  }
}

export function now(ctx: Pick<ActionContext, 'clock'>): Date {
  return ctx.clock.now();
}

/** A file id from the Files port (local stack or CloudBase storage), never a path the server would build from it. */
export const FILE_ID_PATTERN = /^(?:local:[A-Za-z0-9][A-Za-z0-9_\-/.]{0,200}|cloud:\/\/[\x21-\x7e]{1,900})$/;

/** A case an officer acts on: of their society (else FORBIDDEN), not of their own household. */
async function officerChecks(ctx: ActionContext, doc: CaseDoc) {
  const society = await loadSociety(ctx.store, doc.societyId);
  const actor = requireOfficer(ctx.caller, society);
  requireNotRecused(ctx.caller, doc);
  return { doc, society, actor };
}

export type OfficerCase = Awaited<ReturnType<typeof officerChecks>>;

/**
 * A step on a case, in one transaction that reads the case once (issue 15: it was read outside
 * first and again inside). `work` gets the case as the transaction reads it; its checks and its
 * own reads (society, calendar, settings, lists) run in it through ctx.store. A refusal thrown
 * anywhere in it writes nothing, and the whole of it runs again if the transaction conflicts, so
 * it writes through `tx` only.
 */
export async function caseStep<R>(
  ctx: ActionContext,
  caseId: string,
  work: (tx: Transaction, doc: CaseDoc) => Promise<R>,
): Promise<R> {
  return ctx.store.transaction(async (tx) => {
    const doc = await tx.get<CaseDoc>(COLLECTIONS.cases, caseId);
    if (!doc) throw new AppError('NOT_FOUND', `case ${caseId} not found`, '没有找到这个救助案件');
    return work(tx, doc);
  });
}

/**
 * An officer's step on a case (caseStep): `work` gets the case, its society and the acting
 * officer, checked as above.
 */
export async function officerStep<R>(
  ctx: ActionContext,
  caseId: string,
  work: (tx: Transaction, found: OfficerCase) => Promise<R>,
): Promise<R> {
  return caseStep(ctx, caseId, async (tx, doc) => work(tx, await officerChecks(ctx, doc)));
}

/** What the approver's step gets: the case, its society, the society's relief settings and the decider. */
export interface DecisionCase {
  doc: CaseDoc;
  society: SocietyDoc;
  settings: ReliefSettingsDoc | null;
  actor: Actor;
}

/**
 * The approver's step on a case (caseStep): the decider is the president, the second approver
 * or the township, as server/cases/decider.ts routes it (`as` says which the caller acts as).
 */
export async function decisionStep<R>(
  ctx: ActionContext,
  caseId: string,
  as: DecidingAs,
  work: (tx: Transaction, found: DecisionCase) => Promise<R>,
): Promise<R> {
  return caseStep(ctx, caseId, async (tx, doc) => {
    const society = await loadSociety(ctx.store, doc.societyId);
    const settings = await settingsOf(ctx.store, society);
    const actor = await requireDecider(ctx.store, ctx.caller, { society, settings, doc, as });
    return work(tx, { doc, society, settings, actor });
  });
}
