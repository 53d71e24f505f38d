/** Reading cases: the applicant's own, the society's queue and case view, the overdue list for oversight. */
import { AppError } from '../errors';
import type { ActionContext } from '../context';
import { COLLECTIONS, type SocietyDoc } from '../collections';
import type { Caller } from '../access/caller';
import {
  coversForOversight,
  isApprover,
  isRecused,
  OFFICERS,
  OVERDUE_READERS,
  overseenSocieties,
  requireReader,
  roleIn,
} from '../access/rules';
import { loadSociety } from '../registry/load';
import type { Transaction, Where } from '../ports/store';
import type { WorkCalendar } from '../domain/workdays';
import { deadlineView, nextOpenDeadline } from '../domain/case-deadlines';
import { openStored, unsealOrNull } from './pii';
import { calendarFor, casesOfPerson, earlierCasesForSameCause } from './common';
import { awaitingDecision, deciderOf, loadDeciders } from './decider';
import {
  eventsOf,
  loadCase,
  progressOf,
  settingsOf,
  tiersOf,
  type CaseDigest,
  type CaseDoc,
  type ReliefSettingsDoc,
} from './model';
import { listsForView } from '../roster/eligibility';
import {
  checklistOf,
  currentFacts,
  deadlinesView,
  decisionWaitView,
  eligibilityOf,
  materialsView,
  myCaseItem,
  payoutView,
  personView,
  planView,
  referralsView,
  decisionView,
  reliefFirstView,
  repeatCaseView,
  situationView,
  summaryBase,
  timelineOf,
  verifiedView,
} from './views';
import {
  CASE_STATE_LABELS,
  FINAL_STATES,
  OPEN_STATES,
  availableSteps,
  proposedStateLabel,
  stepActor,
  type CaseQueueItem,
  type CaseQueuePage,
  type CaseStep,
  type MyCaseItem,
  type MyCaseView,
  type OfficerCaseView,
  type OverdueCaseItem,
} from '../../miniprogram/domain/case';
import {
  checkEligibility,
  materialsChecklist,
  RELIEF_CAP_FEN,
  type EligibilityInput,
  type EligibilityResult,
  type MaterialItem,
  type Relationship,
  type ReliefTiers,
} from '../../miniprogram/domain/relief';

// ---------------------------------------------------------------------------------------------
// Before applying: the eligibility helper (anyone)

export interface EligibilityCheck {
  result: EligibilityResult;
  checklist: MaterialItem[];
  caps: typeof RELIEF_CAP_FEN;
  /** The society's standards (R-OVS-3: standards are public), when a society was named. */
  tiers: ReliefTiers | null;
}

export async function eligibilityCheck(
  ctx: ActionContext,
  input: EligibilityInput & { relationship: Relationship; societyId?: string },
): Promise<EligibilityCheck> {
  let tiers: ReliefTiers | null = null;
  if (input.societyId) {
    tiers = tiersOf(await settingsOf(ctx.store, await loadSociety(ctx.store, input.societyId)));
  }
  return {
    result: checkEligibility(input),
    checklist: materialsChecklist(input),
    caps: RELIEF_CAP_FEN,
    tiers,
  };
}

// ---------------------------------------------------------------------------------------------
// The applicant's own cases

function requireUser(caller: Caller): string {
  if (!caller.user) throw new AppError(caller.openid ? 'FORBIDDEN' : 'UNAUTHENTICATED', 'caller has no user record');
  return caller.user._id;
}

/** The caller's own case, or NOT_FOUND (another person's case is not even said to exist). */
export async function ownCase(ctx: ActionContext, caseId: string): Promise<CaseDoc> {
  const userId = requireUser(ctx.caller);
  return requireOwn(await ctx.store.get<CaseDoc>(COLLECTIONS.cases, caseId), caseId, userId);
}

function requireOwn(doc: CaseDoc | null, caseId: string, userId: string): CaseDoc {
  if (!doc || doc.applicantUserId !== userId) {
    throw new AppError('NOT_FOUND', `case ${caseId} is not a case of user ${userId}`, '没有找到这个救助案件');
  }
  return doc;
}

/**
 * The applicant's step on their own case, in one transaction that reads the case once (as
 * `officerStep` in ./common): checked as `ownCase` checks it; a refusal writes nothing, and the
 * work runs again if the transaction conflicts, so it writes through `tx` only.
 */
export async function ownStep<R>(
  ctx: ActionContext,
  caseId: string,
  work: (tx: Transaction, doc: CaseDoc) => Promise<R>,
): Promise<R> {
  const userId = requireUser(ctx.caller);
  return ctx.store.transaction(async (tx) =>
    work(tx, requireOwn(await tx.get<CaseDoc>(COLLECTIONS.cases, caseId), caseId, userId)),
  );
}

async function societyNames(ctx: ActionContext, ids: string[]): Promise<Map<string, SocietyDoc>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const societies = await ctx.store.find<SocietyDoc>(COLLECTIONS.societies, {
    where: { _id: { $in: unique } },
    limit: unique.length,
  });
  return new Map(societies.map((society) => [society._id, society]));
}

export async function myCases(ctx: ActionContext): Promise<MyCaseItem[]> {
  const userId = requireUser(ctx.caller);
  const docs = await ctx.store.find<CaseDoc>(COLLECTIONS.cases, {
    where: { applicantUserId: userId },
    orderBy: [['createdAt', 'desc']],
    limit: 200,
  });
  const societies = await societyNames(
    ctx,
    docs.map((doc) => doc.societyId),
  );
  const now = ctx.clock.now();
  const calendars = new Map<string, WorkCalendar>();
  const items: MyCaseItem[] = [];
  for (const doc of docs) {
    const society = societies.get(doc.societyId);
    if (!society) continue;
    let calendar = calendars.get(society.countyId);
    if (!calendar) {
      calendar = await calendarFor(ctx.store, society);
      calendars.set(society.countyId, calendar);
    }
    items.push(myCaseItem(doc, society.name, calendar, now));
  }
  return items;
}

export async function myCaseView(ctx: ActionContext, doc: CaseDoc): Promise<MyCaseView> {
  const society = await loadSociety(ctx.store, doc.societyId);
  const [calendar, events] = await Promise.all([calendarFor(ctx.store, society), eventsOf(ctx.store, doc)]);
  const now = ctx.clock.now();
  const steps = availableSteps(progressOf(doc));
  const mine = doc.applicantUserId !== null && doc.applicantUserId === ctx.caller.user?._id;
  return {
    ...myCaseItem(doc, society.name, calendar, now),
    societyPhone: society.publicPhone ?? null,
    person: personView(doc),
    situation: situationView(doc),
    eligibility: eligibilityOf(doc),
    checklist: checklistOf(doc),
    materials: materialsView(doc),
    decision: doc.decision
      ? {
          outcome: doc.decision.outcome,
          amountFen: doc.decision.amountFen,
          reason: doc.decision.reason,
          at: doc.decision.at,
        }
      : null,
    payout: payoutView(doc),
    receipt: doc.receipt
      ? {
          method: doc.receipt.method,
          fileId: doc.receipt.fileId,
          byName: doc.receipt.by.name ?? '',
          at: doc.receipt.at,
        }
      : null,
    endReason: doc.endReason,
    timeline: timelineOf(events),
    can: {
      addMaterials: mine && steps.includes('addMaterials'),
      withdraw: mine && steps.includes('withdraw'),
      confirmReceipt: mine && steps.includes('confirmReceipt'),
    },
  };
}

export async function getMyCase(ctx: ActionContext, caseId: string): Promise<MyCaseView> {
  return myCaseView(ctx, await ownCase(ctx, caseId));
}

// ---------------------------------------------------------------------------------------------
// Officers and supervisor

/** The steps this caller may take now: the table, then role, recusal and the four-eyes rule. */
export function stepsFor(
  caller: Caller,
  society: SocietyDoc,
  settings: ReliefSettingsDoc | null,
  doc: CaseDoc,
): CaseStep[] {
  const officer = roleIn(caller, OFFICERS, society) !== null;
  const recused = isRecused(caller, doc);
  const ownParts = [doc.proposal?.by.userId, doc.reliefFirst?.by.userId];
  return availableSteps(progressOf(doc)).filter((step) => {
    if (recused) return false;
    switch (stepActor(step)) {
      case 'applicant':
        return false;
      case 'approver':
        return isApprover(caller, society, settings) && !ownParts.includes(caller.user?._id);
      case 'township':
        return false;
      default:
        return officer;
    }
  });
}

export async function officerCaseView(ctx: ActionContext, doc: CaseDoc, society: SocietyDoc): Promise<OfficerCaseView> {
  const [calendar, events, settings, earlier, lists] = await Promise.all([
    calendarFor(ctx.store, society),
    eventsOf(ctx.store, doc),
    settingsOf(ctx.store, society),
    earlierCasesForSameCause(ctx.store, doc),
    listsForView(ctx.store, doc, currentFacts(doc)),
  ]);
  const now = ctx.clock.now();
  const decider = awaitingDecision(doc) ? deciderOf(await loadDeciders(ctx.store, society, settings), doc) : null;
  return {
    ...summaryBase(doc, society.name, calendar, now),
    ...(decider && doc.state === 'proposed' ? { stateLabel: proposedStateLabel(decider) } : {}),
    villageId: doc.villageId,
    applicant: doc.applicant
      ? {
          userId: doc.applicant.userId,
          name: openStored(doc.applicant.name),
          phone: unsealOrNull(doc.applicant.phone),
        }
      : null,
    person: personView(doc),
    situation: situationView(doc),
    // R-ELIG-3/4: the relief type and cap as the imported lists correct the facts.
    eligibility: checkEligibility({ ...lists.facts, cause: doc.situation.cause }),
    listCheck: lists.check,
    consent: {
      processing: doc.consent.processing,
      publicNotice: doc.consent.publicNotice,
      textVersion: doc.consent.textVersion,
      method: doc.consent.method,
      at: doc.consent.at,
    },
    discovery: doc.discovery ? { how: doc.discovery.how, byName: doc.discovery.by.name ?? '' } : null,
    checklist: checklistOf(doc),
    materials: materialsView(doc),
    deadlines: deadlinesView(doc, calendar, now),
    visit: doc.visit
      ? {
          visitedAt: doc.visit.visitedAt,
          visitors: doc.visit.visitors.map((visitor) => visitor.name),
          findings: verifiedView(doc).description,
          photoFileIds: doc.visit.photoFileIds,
          originalsChecked: doc.visit.originalsChecked,
          originalsCheckedLabels: doc.visit.originalsChecked.map(
            (kind) => checklistOf(doc).find((item) => item.kind === kind)?.label ?? kind,
          ),
          verified: verifiedView(doc),
          opinion: planView(doc.visit.opinion),
          recordedByName: doc.visit.recordedBy.name ?? '',
          recordedAt: doc.visit.recordedAt,
        }
      : null,
    proposal: doc.proposal ? planView(doc.proposal) : null,
    decision: decisionView(doc),
    payout: payoutView(doc),
    reliefFirst: reliefFirstView(doc),
    receipt: doc.receipt
      ? {
          method: doc.receipt.method,
          fileId: doc.receipt.fileId,
          byName: doc.receipt.by.name ?? '',
          at: doc.receipt.at,
        }
      : null,
    referrals: referralsView(doc),
    endReason: doc.endReason,
    repeatCases: earlier.map(repeatCaseView),
    timeline: timelineOf(events),
    actions: stepsFor(ctx.caller, society, settings, doc),
    recused: isRecused(ctx.caller, doc),
    decisionWait: decisionWaitView(doc, calendar, now),
    decider,
    tiers: tiersOf(settings),
  };
}

/** A case of a society the caller reads (officers, supervisor); another society's case is NOT_FOUND to them. */
export async function readableCase(ctx: ActionContext, caseId: string): Promise<{ doc: CaseDoc; society: SocietyDoc }> {
  const doc = await loadCase(ctx.store, caseId);
  const society = await loadSociety(ctx.store, doc.societyId);
  requireReader(ctx.caller, society);
  return { doc, society };
}

export async function getCase(ctx: ActionContext, caseId: string): Promise<OfficerCaseView> {
  const { doc, society } = await readableCase(ctx, caseId);
  return officerCaseView(ctx, doc, society);
}

export type QueueFilter = 'open' | 'final' | 'all';

/** The society's cases, the most urgent deadline first (cases with nothing running last, oldest first). */
/** Cases on one page of the officer queue: a page costs the same with 10 cases or 10,000. */
export const QUEUE_PAGE_SIZE = 30;

export interface QueuePaging {
  offset: number;
  limit: number;
}

/**
 * One page of the society's queue, the nearest deadline first, with the totals the page heads
 * with (how many, how many overdue) counted by the store rather than by reading every case.
 */
export async function queue(
  ctx: ActionContext,
  societyId: string,
  filter: QueueFilter,
  paging: QueuePaging = { offset: 0, limit: QUEUE_PAGE_SIZE },
): Promise<CaseQueuePage> {
  const society = await loadSociety(ctx.store, societyId);
  requireReader(ctx.caller, society);
  const where: Where = { societyId };
  if (filter === 'open') where.state = { $in: [...OPEN_STATES] };
  if (filter === 'final') where.state = { $in: [...FINAL_STATES] };
  const now = ctx.clock.now();
  const [docs, calendar] = await Promise.all([
    ctx.store.find<CaseDoc>(COLLECTIONS.cases, {
      where,
      orderBy: [
        ['nextDueAt', 'asc'],
        ['createdAt', filter === 'open' ? 'asc' : 'desc'],
      ],
      offset: paging.offset,
      limit: paging.limit,
    }),
    calendarFor(ctx.store, society),
  ]);
  // When the first page holds the whole queue (most societies, most days) its totals are on it;
  // otherwise the store counts them, two round trips whatever the size.
  const whole = paging.offset === 0 && docs.length < paging.limit;
  const nowIso = now.toISOString();
  const [total, overdueTotal] = whole
    ? [
        docs.length,
        filter === 'final' ? 0 : docs.filter((doc) => doc.nextDueAt !== null && doc.nextDueAt < nowIso).length,
      ]
    : await Promise.all([
        ctx.store.count(COLLECTIONS.cases, where),
        filter === 'final'
          ? Promise.resolve(0)
          : ctx.store.count(COLLECTIONS.cases, { ...where, nextDueAt: { $lt: nowIso } }),
      ]);
  const keys = [...new Set(docs.map((doc) => doc.personKey))];
  const related = keys.length
    ? await ctx.store.find<CaseDoc>(COLLECTIONS.cases, {
        where: { societyId, personKey: { $in: keys } },
        limit: 5000,
      })
    : [];
  const nextOffset = paging.offset + docs.length < total ? paging.offset + docs.length : null;
  const deciders = docs.some((doc) => doc.state === 'proposed')
    ? await loadDeciders(ctx.store, society, await settingsOf(ctx.store, society))
    : null;
  const items = docs.map((doc): CaseQueueItem => {
    const decider = deciders && doc.state === 'proposed' ? deciderOf(deciders, doc) : null;
    return {
      ...summaryBase(doc, society.name, calendar, now),
      ...(decider ? { stateLabel: proposedStateLabel(decider) } : {}),
      name: openStored(doc.person.name),
      maskedIdNumber: doc.person.maskedIdNumber,
      decisionWait: decisionWaitView(doc, calendar, now),
      decider,
      flags: {
        reliefFirstPending: doc.reliefFirst !== null && doc.reliefFirst.explanation === null,
        receiptMissing: doc.payout !== null && doc.payout.method !== 'referral' && doc.receipt === null,
        repeat: related.some(
          (other) =>
            other._id !== doc._id &&
            other.personKey === doc.personKey &&
            other.situation.cause === doc.situation.cause &&
            other.createdAt <= doc.createdAt &&
            other.state !== 'withdrawn',
        ),
        openReferrals: doc.referrals.filter((referral) => referral.status === 'open').length,
      },
    };
  });
  return { items, total, overdueTotal, nextOffset };
}

/** Every case of the same person (一人一档), oldest first. */
export async function personCases(ctx: ActionContext, doc: CaseDoc): Promise<CaseDoc[]> {
  return casesOfPerson(ctx.store, doc.societyId, doc.personKey);
}

// ---------------------------------------------------------------------------------------------
// Oversight: overdue deadlines (township, county, federation, and the society's own people)

async function coveredSocieties(ctx: ActionContext, societyId: string | undefined): Promise<SocietyDoc[]> {
  if (societyId) {
    const society = await loadSociety(ctx.store, societyId);
    if (!coversForOversight(ctx.caller, society)) {
      throw new AppError('FORBIDDEN', `caller may not oversee society ${societyId}`);
    }
    return [society];
  }
  return overseenSocieties(ctx.store, ctx.caller, OVERDUE_READERS);
}

/** Cases whose running deadline has passed, most overdue first; masked names only. */
export async function overdueCases(ctx: ActionContext, societyId: string | undefined): Promise<OverdueCaseItem[]> {
  const societies = await coveredSocieties(ctx, societyId);
  if (societies.length === 0) return [];
  const byId = new Map(societies.map((society) => [society._id, society]));
  const now = ctx.clock.now();
  const docs = await ctx.store.find<CaseDoc>(COLLECTIONS.cases, {
    where: { societyId: { $in: [...byId.keys()].slice(0, 1000) }, nextDueAt: { $lt: now.toISOString() } },
    orderBy: [['nextDueAt', 'asc']],
    limit: 1000,
  });
  const calendars = new Map<string, WorkCalendar>();
  const items: OverdueCaseItem[] = [];
  for (const doc of docs) {
    const society = byId.get(doc.societyId);
    if (!society) continue;
    let calendar = calendars.get(society.countyId);
    if (!calendar) {
      calendar = await calendarFor(ctx.store, society);
      calendars.set(society.countyId, calendar);
    }
    const item = overdueItem(doc, society.name, calendar, now);
    if (item) items.push(item);
  }
  return items;
}

/** A case's line on an overdue list: its running deadline and, waiting for a decision, how long. */
export function overdueItem(
  doc: CaseDigest,
  societyName: string,
  calendar: WorkCalendar,
  now: Date,
): OverdueCaseItem | null {
  const next = nextOpenDeadline(doc.deadlines);
  if (!next) return null;
  return {
    id: doc._id,
    caseNo: doc.caseNo,
    societyId: doc.societyId,
    societyName,
    maskedName: doc.person.maskedName,
    stateLabel: CASE_STATE_LABELS[doc.state],
    deadline: deadlineView(calendar, next.kind, next.deadline, now),
    waitingForDecision: next.kind === 'decision' ? (decisionWaitView(doc, calendar, now)?.text ?? '') : '',
  };
}
