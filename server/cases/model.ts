/**
 * How a case is stored, and the one way it changes: `commitStep` checks the step against the
 * transition table and writes the whole case (a new version, so a concurrent change conflicts)
 * with the step's event, its audit event and the applicant's message kept on it, through the
 * caller's transaction or kept step (./common.ts).
 */
import { AppError } from '../errors';
import { COLLECTIONS, type SocietyDoc } from '../collections';
import type { Doc, Store, Transaction } from '../ports/store';
import type { Actor } from '../access/caller';
import { pendingAuditEvent } from '../audit/trail';
import { NO_DEADLINE, nextOpenDeadline } from '../domain/case-deadlines';
import type { Sealed } from './pii';
import { refusalMessage } from '../../miniprogram/domain/refusals';
import { applicantMessageOf } from '../messages/case-messages';
import { keepOutbound, type KeepsOutbound, type OutboundTask } from '../outbound';
import {
  FINAL_STATES,
  transitionFor,
  type CaseDeadlines,
  type CaseEvent,
  type CaseEventActor,
  type CaseEventType,
  type CaseOrigin,
  type CaseProgress,
  type CaseState,
  type CaseStep,
  type DeadlineKind,
  type ReferralKind,
  type ReferralStatus,
  type UnratifiedOutcomeKind,
} from '../../miniprogram/domain/case';
import {
  DEFAULT_RELIEF_TIERS,
  type Cause,
  type GovernmentAssistance,
  type HouseholdCategory,
  type HukouHolder,
  type MaterialKind,
  type PayoutMethod,
  type Relationship,
  type ReliefForm,
  type ReliefTiers,
  type ReliefType,
} from '../../miniprogram/domain/relief';

export interface CasePerson {
  /** Sealed (issue 12); documents from before are read in clear until the re-seal (`openStored`). */
  name: Sealed;
  maskedName: string;
  idNumber: Sealed;
  maskedIdNumber: string;
  phone: Sealed | null;
  relationship: Relationship;
  hukou: HukouHolder;
}

/** The facts that decide eligibility (R-ELIG-1..4); `description` may name an illness, so it is sealed. */
export interface CaseSituation {
  cause: Cause;
  description: Sealed;
  assistance: GovernmentAssistance[];
  category: HouseholdCategory;
  livingAtRisk: boolean;
}

export interface VerifiedFacts {
  hukou: HukouHolder;
  assistance: GovernmentAssistance[];
  category: HouseholdCategory;
  livingAtRisk: boolean;
}

export interface ReliefPlan {
  recommend: 'grant' | 'deny';
  /** Derived from the facts (never chosen by a page); null when they make the case ineligible. */
  reliefType: ReliefType | null;
  form: ReliefForm | null;
  amountFen: number;
  tierId: string | null;
  tierLabel: string | null;
  reason: string;
  by: CaseEventActor;
  at: string;
}

export interface VisitRecord {
  visitedAt: string;
  visitors: Array<{ name: string; userId: string | null }>;
  findings: Sealed;
  photoFileIds: string[];
  originalsChecked: MaterialKind[];
  verified: VerifiedFacts;
  opinion: ReliefPlan;
  recordedBy: CaseEventActor;
  recordedAt: string;
}

export interface RepeatCheck {
  /** Earlier cases of the same person for the same cause when the step was taken. */
  caseIds: string[];
  /** Those the officer's page showed and the officer acknowledged. */
  seenCaseIds: string[];
}

export interface DecisionRecord extends ReliefPlan {
  outcome: 'approved' | 'rejected';
  repeat: RepeatCheck;
}

export interface PayoutRecord {
  requestId: string;
  /** What the payout request asked for: a retry must ask the same. */
  requestFingerprint?: string;
  method: PayoutMethod;
  amountFen: number;
  goodsDescription: string | null;
  /** Sealed, like the person's name. */
  recipientName: Sealed;
  reliefType: ReliefType;
  paidAt: string;
  paidBy: CaseEventActor;
  reliefFirst: boolean;
  ledgerEntryId: string | null;
}

export interface ReliefFirstRecord {
  urgency: string;
  by: CaseEventActor;
  at: string;
  explanation: { text: string; ratified: boolean; by: CaseEventActor; at: string } | null;
  /** Not ratified: the township's recovery or write-off (absent on cases from before it existed). */
  outcome?: UnratifiedOutcomeRecord | null;
}

/** R-PROC-5: what the township decided about money paid first and not ratified. */
export interface UnratifiedOutcomeRecord {
  requestId: string;
  /** What that request asked for (requestFingerprint): the id reused for another request is refused. */
  requestFingerprint?: string;
  kind: UnratifiedOutcomeKind;
  /** Fen that came back into the fund through the ledger (0 for a write-off). */
  recoveredFen: number;
  recoveredOn: string | null;
  reason: string;
  ledgerEntryId: string | null;
  by: CaseEventActor;
  at: string;
}

/** A referral to the township's 临时救助 (beyond the society's authority) and the township's answer. */
export interface TownshipReferralRecord {
  townshipId: string;
  townshipName: string;
  askedFen: number;
  outcome: {
    accepted: boolean;
    amountFen: number;
    reason: string;
    by: CaseEventActor;
    at: string;
  } | null;
}

export interface ReceiptRecord {
  method: 'photo' | 'tap';
  fileId: string | null;
  by: CaseEventActor;
  at: string;
}

export interface ReferralRecord {
  id: string;
  requestId: string;
  /** What that request asked for (requestFingerprint): the id reused for another request is refused. */
  requestFingerprint?: string;
  kind: ReferralKind;
  description: string;
  ownerName: string;
  ownerUserId: string | null;
  followUpDate: string;
  status: ReferralStatus;
  notes: Array<{ text: string; by: CaseEventActor; at: string }>;
  createdBy: CaseEventActor;
  createdAt: string;
  /** Only for 'temporaryAssistance'. */
  township?: TownshipReferralRecord | null;
}

export interface MaterialRecord {
  kind: MaterialKind;
  fileId: string;
  addedAt: string;
  addedBy: CaseEventActor;
}

export interface ConsentRecord {
  processing: boolean;
  publicNotice: boolean;
  textVersion: string;
  /** 'app': ticked by the applicant in the mini program; 'signed' / 'verbal': recorded by an officer. */
  method: 'app' | 'signed' | 'verbal';
  recordedBy: CaseEventActor;
  at: string;
}

/**
 * A case keeps its steps' audit events and messages until they are handed on (`outbound`,
 * server/outbound.ts: issue 15, a step writes its case and nothing else for them).
 */
export interface CaseDoc extends KeepsOutbound {
  societyId: string;
  villageId: string;
  /** 2026-004: the society's number for the paper archive. */
  caseNo: string;
  origin: CaseOrigin;
  /** The client request id that created it (retries find the same case). */
  requestId: string;
  /** What that request asked for (requestFingerprint): the id reused for another request is refused. */
  requestFingerprint?: string;
  state: CaseState;
  version: number;
  eventCount: number;
  /** The WeChat user who applied (sees the case as theirs); null for a discovery. */
  applicantUserId: string | null;
  /** `name` sealed, like the person's. */
  applicant: { userId: string | null; name: Sealed; phone: Sealed | null } | null;
  /** For recusal: officers of this household stay out. */
  householdId: string;
  /** The person, across cases (keyed hash of the ID number). */
  personKey: string;
  person: CasePerson;
  situation: CaseSituation;
  consent: ConsentRecord;
  /** clueId: the clue it came from (issue 13), when it did. */
  discovery: { how: string; by: CaseEventActor; clueId?: string } | null;
  materials: MaterialRecord[];
  deadlines: CaseDeadlines;
  /** The earliest running deadline, or NO_DEADLINE: what queues sort by and the overdue list filters on. */
  nextDueAt: string;
  nextDueKind: DeadlineKind | null;
  /**
   * Something of this case waits for the township (an unratified 先行救助 to recover or write off,
   * a 临时救助 referral to answer): what the township's list filters on. Derived on every write.
   */
  awaitingTownship?: boolean;
  /**
   * R-PROC-6: paid, and its notice not yet published. Set by the payout step, cleared in the
   * transaction that publishes the notice, so the officers' to-do reads one page of cases however
   * long the society's history (issue 15) instead of every payout ever made.
   */
  awaitingNotice?: boolean;
  intakeRepeat: RepeatCheck | null;
  visit: VisitRecord | null;
  proposal: ReliefPlan | null;
  decision: DecisionRecord | null;
  payout: PayoutRecord | null;
  reliefFirst: ReliefFirstRecord | null;
  receipt: ReceiptRecord | null;
  referrals: ReferralRecord[];
  endReason: string | null;
  createdAt: string;
  acceptedAt: string | null;
  decidedAt: string | null;
  paidAt: string | null;
  closedAt: string | null;
  updatedAt: string;
  /**
   * The case's events in order (its timeline), kept on the case (issue 15): a step writes no
   * other document for it and a view reads no query for it. Absent on a case written before:
   * its events are in `caseEvents`, and its later steps go on there (`eventsOf` reads either).
   */
  events?: CaseEventDoc[];
}

/**
 * What an overview keeps of a case (oversight/digest.ts): enough for its running deadline, how
 * long it waits for a decision and its line on a list, and nothing personal beyond the masked name.
 */
export type CaseDigest = Pick<
  CaseDoc,
  '_id' | 'caseNo' | 'societyId' | 'state' | 'deadlines' | 'nextDueAt' | 'nextDueKind' | 'decidedAt'
> & {
  person: Pick<CaseDoc['person'], 'maskedName'>;
  situation: Pick<CaseDoc['situation'], 'cause'>;
  proposal: Pick<ReliefPlan, 'at'> | null;
};

export function caseDigest(doc: CaseDoc): CaseDigest {
  return {
    _id: doc._id,
    caseNo: doc.caseNo,
    societyId: doc.societyId,
    state: doc.state,
    deadlines: doc.deadlines,
    nextDueAt: doc.nextDueAt,
    nextDueKind: doc.nextDueKind,
    decidedAt: doc.decidedAt,
    person: { maskedName: doc.person.maskedName },
    situation: { cause: doc.situation.cause },
    proposal: doc.proposal ? { at: doc.proposal.at } : null,
  };
}

export interface CaseEventDoc extends Doc, CaseEvent {}

export interface CaseCounterDoc extends Doc {
  societyId: string;
  year: number;
  seq: number;
}

/** `reliefSettings/{societyId}`: the society's tiers (R-CAP-3) and its second approver. */
export interface ReliefSettingsDoc extends Doc {
  societyId: string;
  tiers: ReliefTiers;
  secondApproverUserId: string | null;
  version: number;
  updatedAt: string;
  updatedBy: CaseEventActor;
}

export function eventId(caseId: string, seq: number): string {
  return `${caseId}:${String(seq).padStart(4, '0')}`;
}

export function eventActor(actor: Actor): CaseEventActor {
  return { userId: actor.userId, name: actor.name, role: actor.role };
}

export function progressOf(doc: CaseDoc): CaseProgress {
  return {
    state: doc.state,
    reliefFirst: doc.reliefFirst !== null,
    visitRecorded: doc.visit !== null,
    explanationFiled: doc.reliefFirst?.explanation != null,
    receiptConfirmed: doc.receipt !== null,
    moneyPaid: doc.payout !== null && doc.payout.method !== 'referral',
    unratifiedPending: unratifiedPending(doc),
  };
}

/** R-PROC-5: paid first, not ratified, and no recovery or write-off recorded yet. */
export function unratifiedPending(doc: Pick<CaseDoc, 'reliefFirst'>): boolean {
  return doc.reliefFirst?.explanation?.ratified === false && !doc.reliefFirst.outcome;
}

/** A 临时救助 referral the township has not answered. */
export function openTownshipReferral(doc: Pick<CaseDoc, 'referrals'>): ReferralRecord | null {
  return (
    doc.referrals.find((referral) => referral.kind === 'temporaryAssistance' && referral.township?.outcome === null) ??
    null
  );
}

export async function loadCase(store: Store, caseId: string): Promise<CaseDoc> {
  const doc = await store.get<CaseDoc>(COLLECTIONS.cases, caseId);
  if (!doc) throw new AppError('NOT_FOUND', `case ${caseId} not found`, '没有找到这个救助案件');
  return doc;
}

export async function loadSettings(store: Store, societyId: string): Promise<ReliefSettingsDoc | null> {
  return store.get<ReliefSettingsDoc>(COLLECTIONS.reliefSettings, societyId);
}

/** The society's relief settings: kept on the society, or for one written before, read. */
export async function settingsOf(
  store: Store,
  society: Pick<SocietyDoc, '_id' | 'reliefSettings'>,
): Promise<ReliefSettingsDoc | null> {
  return society.reliefSettings !== undefined ? society.reliefSettings : loadSettings(store, society._id);
}

export function tiersOf(settings: ReliefSettingsDoc | null): ReliefTiers {
  return settings?.tiers ?? DEFAULT_RELIEF_TIERS;
}

/** A case's events in order: kept on the case, or for a case written before, in `caseEvents`. */
export async function eventsOf(store: Store, doc: CaseDoc): Promise<CaseEventDoc[]> {
  if (doc.events) return doc.events;
  return store.find<CaseEventDoc>(COLLECTIONS.caseEvents, {
    where: { caseId: doc._id },
    orderBy: [['seq', 'asc']],
    limit: 1000,
  });
}

/** The refusal says why, and what to do next, for this step where the case stands. */
function invalidState(doc: CaseDoc | null, step: CaseStep): AppError {
  return new AppError(
    'INVALID_STATE',
    `step ${step} not allowed for case ${doc?._id ?? '(new)'} in state ${doc?.state ?? 'none'}`,
    refusalMessage(step, doc ? progressOf(doc) : null),
  );
}

/** Throws INVALID_STATE unless the table allows `step` now. */
export function requireStep(doc: CaseDoc, step: CaseStep): void {
  if (!transitionFor(progressOf(doc), step)) throw invalidState(doc, step);
}

export interface StepChange {
  patch: Partial<Omit<CaseDoc, '_id' | 'state' | 'version' | 'eventCount'>>;
  summary: string;
  details?: CaseEvent['details'];
  /** Extra audit details (never personal information). */
  audit?: Record<string, unknown>;
  /** Messages to people looked up when the step is handed on (../outbound.ts). */
  handOn?: OutboundTask[];
}

function withNextDue(doc: CaseDoc): CaseDoc {
  const next = FINAL_STATES.includes(doc.state) ? null : nextOpenDeadline(doc.deadlines);
  return {
    ...doc,
    nextDueAt: next?.deadline.dueAt ?? NO_DEADLINE,
    nextDueKind: next?.kind ?? null,
    awaitingTownship: unratifiedPending(doc) || openTownshipReferral(doc) !== null,
  };
}

/** The event of a step just taken on `doc` (its new state and event count). */
function eventOf(
  doc: CaseDoc,
  step: CaseEventType,
  from: CaseState | null,
  actor: Actor,
  at: Date,
  change: Omit<StepChange, 'patch'>,
): CaseEventDoc {
  return {
    _id: eventId(doc._id, doc.eventCount),
    caseId: doc._id,
    societyId: doc.societyId,
    seq: doc.eventCount,
    type: step,
    from,
    to: doc.state,
    at: at.toISOString(),
    actor: eventActor(actor),
    summary: change.summary,
    details: change.details ?? {},
  };
}

/** The case with its event kept on it; a case written before keeps none (its events are in `caseEvents`). */
function withEvent(doc: CaseDoc, event: CaseEventDoc): CaseDoc {
  return doc.events ? { ...doc, events: [...doc.events, event] } : doc;
}

/**
 * The case with a step's audit event and the applicant's message about it kept on it: they reach
 * the audit trail and the outbox when ../outbound.ts hands them on (issue 15: a step writes its
 * case and nothing else for them).
 */
function withRecord(
  doc: CaseDoc,
  event: CaseEventDoc,
  actor: Actor,
  at: Date,
  change: Omit<StepChange, 'patch'>,
): CaseDoc {
  const audit = pendingAuditEvent({
    scopeId: doc.societyId,
    actor,
    action: `case.${event.type}`,
    target: `${COLLECTIONS.cases}/${doc._id}`,
    details: { seq: event.seq, from: event.from, to: doc.state, ...change.audit },
    at,
  });
  const message = applicantMessageOf(doc, event.type, event.seq, at);
  return keepOutbound(doc, [audit], message ? [message] : [], change.handOn ?? []);
}

/** Creates a case by 'submit' or 'discover'; DUPLICATE_ID from the store means the request was done before. */
export async function createCase(
  tx: Transaction,
  draft: Omit<CaseDoc, 'state' | 'version' | 'eventCount' | 'nextDueAt' | 'nextDueKind' | 'events'>,
  step: 'submit' | 'discover',
  actor: Actor,
  at: Date,
  change: Omit<StepChange, 'patch'>,
): Promise<CaseDoc> {
  const transition = transitionFor(null, step);
  if (!transition) throw invalidState(null, step);
  const created = withNextDue({
    ...draft,
    state: transition.to,
    version: 1,
    eventCount: 1,
    nextDueAt: NO_DEADLINE,
    nextDueKind: null,
    events: [],
  });
  const event = eventOf(created, step, null, actor, at, change);
  const doc = withRecord(withEvent(created, event), event, actor, at, change);
  await tx.insert(COLLECTIONS.cases, doc);
  return doc;
}

/**
 * Takes one step on a case read in this transaction: the table decides the next state (or
 * INVALID_STATE), the case is written whole with the next version, then its event and audit.
 */
export async function commitStep(
  tx: Transaction,
  current: CaseDoc,
  step: CaseStep,
  actor: Actor,
  at: Date,
  change: StepChange,
): Promise<CaseDoc> {
  const transition = transitionFor(progressOf(current), step);
  if (!transition) throw invalidState(current, step);
  const stepped = withNextDue({
    ...current,
    ...change.patch,
    state: transition.to,
    version: current.version + 1,
    eventCount: current.eventCount + 1,
    updatedAt: at.toISOString(),
  });
  const event = eventOf(stepped, step, current.state, actor, at, change);
  const next = withRecord(withEvent(stepped, event), event, actor, at, change);
  await tx.set(COLLECTIONS.cases, next);
  // A case written before cases kept their events goes on in caseEvents.
  if (!next.events) await tx.insert(COLLECTIONS.caseEvents, event);
  return next;
}

/**
 * Moves the running deadlines of a case read in this transaction (the county entered a year's
 * holiday arrangement): no step, the state stays; the case is written with the next version, with
 * its own event on the timeline and in the audit trail.
 */
export async function commitDeadlines(
  tx: Transaction,
  current: CaseDoc,
  deadlines: CaseDeadlines,
  actor: Actor,
  at: Date,
  change: Omit<StepChange, 'patch'>,
): Promise<CaseDoc> {
  const moved = withNextDue({
    ...current,
    deadlines,
    version: current.version + 1,
    eventCount: current.eventCount + 1,
    updatedAt: at.toISOString(),
  });
  const event = eventOf(moved, 'recomputeDeadlines', current.state, actor, at, change);
  const next = withRecord(withEvent(moved, event), event, actor, at, change);
  await tx.set(COLLECTIONS.cases, next);
  // A case written before cases kept their events goes on in caseEvents.
  if (!next.events) await tx.insert(COLLECTIONS.caseEvents, event);
  return next;
}

/** Reads the case inside the transaction; it must exist and belong to the society checked outside. */
export async function caseInTx(tx: Transaction, caseId: string, societyId: string): Promise<CaseDoc> {
  const doc = await tx.get<CaseDoc>(COLLECTIONS.cases, caseId);
  if (!doc || doc.societyId !== societyId) throw new AppError('NOT_FOUND', `case ${caseId} not found`);
  return doc;
}
