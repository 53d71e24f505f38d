/** Pieces the case use cases share: the society's calendar, case numbers, earlier cases of a person. */
import { AppError } from '../errors';
import type { ActionContext } from '../context';
import { COLLECTIONS, type SocietyDoc } from '../collections';
import { StoreError, type Doc, type Store, type Transaction } from '../ports/store';
import type { PendingAuditEventDoc } from '../audit/trail';
import type { OutboxDoc } from '../messages/outbox';
import { calendarOfSociety } from '../calendar/usecases';
import type { WorkCalendar } from '../domain/workdays';
import { beijingDayOf } from '../domain/workdays';
import { settingsOf, type CaseCounterDoc, type CaseDoc, type ReliefSettingsDoc } from './model';
import { keepOutbound, type Outbound } from '../outbound';
import { requireDecider, type DecidingAs } from './decider';
import type { Actor } from '../access/caller';
import { requireNotRecused, requireOfficer } from '../access/rules';
import { loadSociety } from '../registry/load';

/** The society's calendar: from the copy of its county's it keeps, else read (calendar/usecases.ts). */
export async function calendarFor(store: Store, society: SocietyDoc): Promise<WorkCalendar> {
  return calendarOfSociety(store, society);
}

/**
 * 2026-004: the society's running number of the Beijing year, taken in the creating transaction
 * from the society itself (`caseCounter`: issue 15, the society is read there anyway), which must
 * have been read in this same transaction (`societyInTx`). A society written before it kept its
 * counter reads this year's `caseCounters` document once; no such document is written any more.
 */
export async function nextCaseNo(tx: Transaction, society: SocietyDoc, at: Date): Promise<string> {
  const year = Number(beijingDayOf(at).slice(0, 4));
  const kept = society.caseCounter;
  const last = kept
    ? kept.year === year
      ? kept.seq
      : 0
    : ((await tx.get<CaseCounterDoc>(COLLECTIONS.caseCounters, `${society._id}:${year}`))?.seq ?? 0);
  const seq = last + 1;
  await tx.update(COLLECTIONS.societies, society._id, { caseCounter: { year, seq } });
  return `${year}-${String(seq).padStart(3, '0')}`;
}

/** The society as this transaction reads it (for a write that depends on it, e.g. its case counter). */
export async function societyInTx(tx: Transaction, societyId: string): Promise<SocietyDoc> {
  const society = await tx.get<SocietyDoc>(COLLECTIONS.societies, societyId);
  if (!society) throw new AppError('NOT_FOUND', `society ${societyId} not found`, '没有找到这个互助社');
  return society;
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

/** Documents hold JSON values only (the Store's contract), so a JSON copy is a whole copy. */
function jsonCopy<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** Attempts of a kept step before it gives up on a case others keep writing (as a transaction would). */
const KEPT_ATTEMPTS = 5;

/**
 * What a kept step's work writes through: its case (once, as its next version), audit events and
 * messages. Those two are kept on the case (`outbound`) and reach the trail and the outbox by
 * ../outbound.ts. Anything else it refuses: such a step needs `caseStep`'s transaction.
 */
export class KeptCaseWriter implements Transaction {
  next: CaseDoc | null = null;
  readonly outbound: Outbound = { audit: [], messages: [] };

  constructor(
    private readonly store: Store,
    private readonly read: CaseDoc,
  ) {}

  async get<T extends Doc>(collection: string, id: string): Promise<T | null> {
    if (collection === COLLECTIONS.cases && id === this.read._id) return jsonCopy(this.read) as unknown as T;
    return this.store.get<T>(collection, id);
  }

  async insert<T extends Doc>(collection: string, doc: T): Promise<void> {
    const copy = jsonCopy(doc) as unknown;
    if (collection === COLLECTIONS.auditEvents && (copy as PendingAuditEventDoc).pending === true) {
      this.outbound.audit.push(copy as PendingAuditEventDoc);
    } else if (collection === COLLECTIONS.outbox) {
      this.outbound.messages.push(copy as OutboxDoc);
    } else {
      throw this.refuse(`insert into ${collection}`);
    }
  }

  async set<T extends Doc>(collection: string, doc: T): Promise<void> {
    if (collection !== COLLECTIONS.cases || doc._id !== this.read._id || this.next) {
      throw this.refuse(`set ${collection}/${doc._id}`);
    }
    const next = jsonCopy(doc) as unknown as CaseDoc;
    if (next.version <= this.read.version) throw this.refuse('a case written without a new version');
    this.next = next;
  }

  async update(collection: string, id: string): Promise<void> {
    throw this.refuse(`update ${collection}/${id}`);
  }

  /** The case to write: the next version with what waits to be handed on. */
  written(): CaseDoc | null {
    const { audit, messages } = this.outbound;
    if (!this.next) {
      if (audit.length || messages.length) throw this.refuse('audit events or messages without the case');
      return null;
    }
    return keepOutbound(this.next, audit, messages);
  }

  private refuse(what: string): Error {
    return new Error(`a kept step on case ${this.read._id} writes only its case, audit and messages (${what})`);
  }
}

/**
 * A step that writes only its case (issue 15): the case is read once, the work checks and steps
 * it, and it is written back in one conditional write if it is still the version read. No
 * transaction: one document is atomic on its own. Its audit events and messages ride on the case
 * (KeptCaseWriter). When another step wrote the case in between, the whole work runs again on the
 * fresh case, as a conflicting transaction's would; a refusal writes nothing. A case written
 * before cases kept their events (no `events`) takes `caseStep`'s transaction.
 */
export async function keptStep<R>(
  ctx: ActionContext,
  caseId: string,
  work: (tx: Transaction, doc: CaseDoc) => Promise<R>,
): Promise<R> {
  for (let attempt = 1; attempt <= KEPT_ATTEMPTS; attempt += 1) {
    const doc = await ctx.store.get<CaseDoc>(COLLECTIONS.cases, caseId);
    if (!doc) throw new AppError('NOT_FOUND', `case ${caseId} not found`, '没有找到这个救助案件');
    if (!doc.events) return caseStep(ctx, caseId, work);
    const writer = new KeptCaseWriter(ctx.store, doc);
    const result = await work(writer, doc);
    const next = writer.written();
    if (!next || (await ctx.store.replaceIf(COLLECTIONS.cases, doc, next, 'version'))) return result;
  }
  throw new StoreError('CONFLICT', `case ${caseId} kept changing during ${KEPT_ATTEMPTS} attempts`);
}

/**
 * An officer's step on a case (keptStep, or caseStep's transaction): `work` gets the case, its
 * society and the acting officer, checked as above.
 */
export async function officerStep<R>(
  ctx: ActionContext,
  caseId: string,
  work: (tx: Transaction, found: OfficerCase) => Promise<R>,
  mode: StepMode = 'kept',
): Promise<R> {
  return stepIn(mode)(ctx, caseId, async (tx, doc) => work(tx, await officerChecks(ctx, doc)));
}

/**
 * How a step writes: 'kept', its case alone in one conditional write (`keptStep`), or
 * 'transaction', when it writes other documents too (a payout's ledger entry and fund).
 */
export type StepMode = 'kept' | 'transaction';

function stepIn(mode: StepMode): typeof caseStep {
  return mode === 'kept' ? keptStep : caseStep;
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
  mode: StepMode = 'kept',
): Promise<R> {
  return stepIn(mode)(ctx, caseId, async (tx, doc) => {
    const society = await loadSociety(ctx.store, doc.societyId);
    const settings = await settingsOf(ctx.store, society);
    const actor = await requireDecider(ctx.store, ctx.caller, { society, settings, doc, as });
    return work(tx, { doc, society, settings, actor });
  });
}
