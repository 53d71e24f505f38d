/**
 * What the pages receive. Personal information is unsealed only here, and only into the views of
 * the people allowed to see it (the society's officers and supervisor, the applicant); lists for
 * oversight carry masked names alone.
 */
import type { WorkCalendar } from '../domain/workdays';
import { deadlineView, nextOpenDeadline } from '../domain/case-deadlines';
import { openStored, unseal, unsealOrNull } from './pii';
import type {
  CaseDigest,
  CaseDoc,
  CaseEventDoc,
  CaseSituation,
  ReferralRecord,
  ReliefPlan,
  TownshipReferralRecord,
  VerifiedFacts,
  PayoutRecord,
} from './model';
import {
  CASE_ORIGIN_LABELS,
  CASE_STATE_LABELS,
  CASE_EVENT_LABELS,
  DEADLINE_KINDS,
  formatWorkingDuration,
  REFERRAL_KIND_LABELS,
  REFERRAL_STATUS_LABELS,
  type CaseMaterialView,
  type CasePersonView,
  type CaseSituationView,
  type DeadlineView,
  type DecisionView,
  type DecisionWaitView,
  type MyCaseItem,
  type PayoutNoticeFacts,
  type PayoutView,
  type ReferralView,
  type ReliefFirstView,
  type ReliefPlanView,
  type RepeatCaseView,
  type TimelineEntry,
  type TownshipReferralView,
  type UnratifiedOutcomeView,
  UNRATIFIED_OUTCOME_LABELS,
  townshipReferralStatusText,
} from '../../miniprogram/domain/case';
import {
  CAUSE_LABELS,
  GOVERNMENT_ASSISTANCE_LABELS,
  HOUSEHOLD_CATEGORY_LABELS,
  HUKOU_HOLDER_LABELS,
  MATERIAL_KIND_LABELS,
  PAYOUT_METHOD_LABELS,
  RELATIONSHIP_LABELS,
  RELIEF_FORM_LABELS,
  RELIEF_TYPE_LABELS,
  checkEligibility,
  materialsChecklist,
  type EligibilityResult,
  type MaterialItem,
  type ReliefType,
} from '../../miniprogram/domain/relief';
import { ROLE_LABELS } from '../../miniprogram/domain/society';

/** The facts as the visit found them, or as declared until there is a visit. */
export function currentFacts(doc: CaseDoc): VerifiedFacts {
  if (doc.visit) return doc.visit.verified;
  return {
    hukou: doc.person.hukou,
    assistance: doc.situation.assistance,
    category: doc.situation.category,
    livingAtRisk: doc.situation.livingAtRisk,
  };
}

export function eligibilityOf(doc: CaseDoc): EligibilityResult {
  return checkEligibility({ ...currentFacts(doc), cause: doc.situation.cause });
}

export function reliefTypeOf(doc: CaseDoc): ReliefType | null {
  return (
    doc.payout?.reliefType ??
    (doc.decision?.outcome === 'approved' ? doc.decision.reliefType : null) ??
    doc.proposal?.reliefType ??
    eligibilityOf(doc).reliefType
  );
}

export function amountOf(doc: CaseDoc): number | null {
  if (doc.payout) return doc.payout.amountFen;
  if (doc.decision?.outcome === 'approved') return doc.decision.amountFen;
  return null;
}

export function checklistOf(doc: CaseDoc): MaterialItem[] {
  return materialsChecklist({
    cause: doc.situation.cause,
    assistance: currentFacts(doc).assistance,
    category: currentFacts(doc).category,
    relationship: doc.person.relationship,
  });
}

export function personView(doc: CaseDoc): CasePersonView {
  return {
    name: openStored(doc.person.name),
    maskedName: doc.person.maskedName,
    idNumber: unseal(doc.person.idNumber),
    maskedIdNumber: doc.person.maskedIdNumber,
    phone: unsealOrNull(doc.person.phone),
    relationship: doc.person.relationship,
    relationshipLabel: RELATIONSHIP_LABELS[doc.person.relationship],
    hukou: doc.person.hukou,
    hukouLabel: HUKOU_HOLDER_LABELS[doc.person.hukou],
  };
}

function factsView(
  facts: Omit<CaseSituation, 'description'> | (VerifiedFacts & { cause: CaseSituation['cause'] }),
  description: string,
): CaseSituationView {
  return {
    cause: facts.cause,
    causeLabel: CAUSE_LABELS[facts.cause],
    description,
    assistance: [...facts.assistance],
    assistanceLabels: facts.assistance.map((item) => GOVERNMENT_ASSISTANCE_LABELS[item]),
    category: facts.category,
    categoryLabel: HOUSEHOLD_CATEGORY_LABELS[facts.category],
    livingAtRisk: facts.livingAtRisk,
  };
}

export function situationView(doc: CaseDoc): CaseSituationView {
  return factsView(doc.situation, unseal(doc.situation.description));
}

export function planView(plan: ReliefPlan): ReliefPlanView {
  return {
    recommend: plan.recommend,
    reliefType: plan.reliefType,
    reliefTypeLabel: plan.reliefType ? RELIEF_TYPE_LABELS[plan.reliefType] : null,
    form: plan.form,
    formLabel: plan.form ? RELIEF_FORM_LABELS[plan.form] : null,
    amountFen: plan.amountFen,
    tierId: plan.tierId,
    tierLabel: plan.tierLabel,
    reason: plan.reason,
    byName: plan.by.name ?? '',
    at: plan.at,
  };
}

/** What a payout's notice says of it (R-PROC-6): carried on the payout event, and read from the case when none does. */
export function noticeFacts(doc: CaseDoc, payout: PayoutRecord): PayoutNoticeFacts {
  return {
    caseId: doc._id,
    societyId: doc.societyId,
    villageId: doc.villageId,
    maskedName: doc.person.maskedName,
    reliefType: payout.reliefType,
    cause: doc.situation.cause,
    method: payout.method,
    amountFen: payout.amountFen,
    paidAt: payout.paidAt,
    reliefFirst: payout.reliefFirst,
    noticeConsented: doc.consent.publicNotice,
    ledgerEntryId: payout.ledgerEntryId,
  };
}

export function payoutView(doc: CaseDoc): PayoutView | null {
  const payout = doc.payout;
  if (!payout) return null;
  return {
    method: payout.method,
    methodLabel: PAYOUT_METHOD_LABELS[payout.method],
    amountFen: payout.amountFen,
    goodsDescription: payout.goodsDescription,
    recipientName: openStored(payout.recipientName),
    paidAt: payout.paidAt,
    paidByName: payout.paidBy.name ?? '',
    reliefFirst: payout.reliefFirst,
    ledgerEntryId: payout.ledgerEntryId,
  };
}

export function materialsView(doc: CaseDoc): CaseMaterialView[] {
  return doc.materials.map((item) => ({
    kind: item.kind,
    label: MATERIAL_KIND_LABELS[item.kind],
    fileId: item.fileId,
    addedAt: item.addedAt,
    addedByName: item.addedBy.name ?? '',
  }));
}

export function referralsView(doc: CaseDoc): ReferralView[] {
  return doc.referrals.map((referral) => ({
    id: referral.id,
    kind: referral.kind,
    kindLabel: REFERRAL_KIND_LABELS[referral.kind],
    description: referral.description,
    ownerName: referral.ownerName,
    followUpDate: referral.followUpDate,
    status: referral.status,
    statusLabel: REFERRAL_STATUS_LABELS[referral.status],
    notes: referral.notes.map((note) => ({ text: note.text, byName: note.by.name ?? '', at: note.at })),
    createdAt: referral.createdAt,
    township: referral.township ? townshipReferralView(referral, referral.township) : null,
  }));
}

function townshipReferralView(referral: ReferralRecord, township: TownshipReferralRecord): TownshipReferralView {
  const outcome = township.outcome
    ? {
        accepted: township.outcome.accepted,
        amountFen: township.outcome.amountFen,
        reason: township.outcome.reason,
        byName: township.outcome.by.name ?? '',
        at: township.outcome.at,
      }
    : null;
  const view = {
    townshipName: township.townshipName,
    askedFen: township.askedFen,
    reason: referral.description,
    byName: referral.createdBy.name ?? '',
    outcome,
  };
  return { ...view, statusText: townshipReferralStatusText(view) };
}

/** R-PROC-5: the township's recovery or write-off of money paid first and not ratified. */
export function unratifiedOutcomeView(doc: CaseDoc): UnratifiedOutcomeView | null {
  const outcome = doc.reliefFirst?.outcome;
  if (!outcome) return null;
  return {
    kind: outcome.kind,
    label: UNRATIFIED_OUTCOME_LABELS[outcome.kind],
    recoveredFen: outcome.recoveredFen,
    recoveredOn: outcome.recoveredOn,
    reason: outcome.reason,
    byName: outcome.by.name ?? '',
    at: outcome.at,
    ledgerEntryId: outcome.ledgerEntryId,
  };
}

export function timelineOf(events: readonly CaseEventDoc[]): TimelineEntry[] {
  return events.map((event) => ({
    seq: event.seq,
    type: event.type,
    label: CASE_EVENT_LABELS[event.type],
    at: event.at,
    actorName: event.actor.name ?? '',
    actorRoleLabel: event.actor.role ? ROLE_LABELS[event.actor.role] : '',
    summary: event.summary,
  }));
}

export function deadlinesView(doc: Pick<CaseDoc, 'deadlines'>, calendar: WorkCalendar, now: Date): DeadlineView[] {
  return DEADLINE_KINDS.flatMap((kind) => {
    const deadline = doc.deadlines[kind];
    return deadline ? [deadlineView(calendar, kind, deadline, now)] : [];
  });
}

export function nextDeadlineView(doc: CaseDoc, calendar: WorkCalendar, now: Date): DeadlineView | null {
  if (doc.nextDueKind === null) return null;
  const next = nextOpenDeadline(doc.deadlines);
  return next ? deadlineView(calendar, next.kind, next.deadline, now) : null;
}

/**
 * The decision clock: working time from the proposal to the decision (or to now while it waits).
 * Only for a case proposed since the clock exists (it has a decision deadline) or waiting now.
 */
export function decisionWaitView(
  doc: Pick<CaseDigest, 'deadlines' | 'state' | 'decidedAt' | 'proposal'>,
  calendar: WorkCalendar,
  now: Date,
): DecisionWaitView | null {
  const deadline = doc.deadlines.decision;
  if (!doc.proposal || (!deadline && doc.state !== 'proposed')) return null;
  const since = doc.proposal.at;
  const waiting = doc.state === 'proposed';
  const end = waiting ? now : new Date(deadline?.doneAt ?? doc.decidedAt ?? now.toISOString());
  const workingMs = Math.max(0, calendar.workingTimeBetween(new Date(since), end));
  return {
    since,
    workingMs,
    text: `${waiting ? '已等待审批' : '审批用时'} ${formatWorkingDuration(workingMs)}`,
    overdue: waiting && !!deadline && deadlineView(calendar, 'decision', deadline, now).overdue,
  };
}

export function summaryBase(doc: CaseDoc, societyName: string, calendar: WorkCalendar, now: Date) {
  const reliefType = reliefTypeOf(doc);
  return {
    id: doc._id,
    caseNo: doc.caseNo,
    societyId: doc.societyId,
    societyName,
    origin: doc.origin,
    originLabel: CASE_ORIGIN_LABELS[doc.origin],
    state: doc.state,
    stateLabel: CASE_STATE_LABELS[doc.state],
    causeLabel: CAUSE_LABELS[doc.situation.cause],
    reliefType,
    reliefTypeLabel: reliefType ? RELIEF_TYPE_LABELS[reliefType] : null,
    amountFen: amountOf(doc),
    createdAt: doc.createdAt,
    nextDeadline: nextDeadlineView(doc, calendar, now),
  };
}

export function myCaseItem(doc: CaseDoc, societyName: string, calendar: WorkCalendar, now: Date): MyCaseItem {
  return {
    ...summaryBase(doc, societyName, calendar, now),
    beneficiaryName: openStored(doc.person.name),
    relationshipLabel: RELATIONSHIP_LABELS[doc.person.relationship],
  };
}

export function repeatCaseView(doc: CaseDoc): RepeatCaseView {
  const reliefType = reliefTypeOf(doc);
  return {
    id: doc._id,
    caseNo: doc.caseNo,
    stateLabel: CASE_STATE_LABELS[doc.state],
    createdAt: doc.createdAt,
    reliefTypeLabel: reliefType ? RELIEF_TYPE_LABELS[reliefType] : null,
    amountFen: amountOf(doc),
    paidAt: doc.paidAt,
  };
}

export function verifiedView(doc: CaseDoc): CaseSituationView & { hukou: VerifiedFacts['hukou'] } {
  const visit = doc.visit!;
  return {
    ...factsView({ ...visit.verified, cause: doc.situation.cause }, unseal(visit.findings)),
    hukou: visit.verified.hukou,
  };
}

/** The decision as the officers and the township see it. */
export function decisionView(doc: CaseDoc): DecisionView | null {
  if (!doc.decision) return null;
  return {
    ...planView(doc.decision),
    outcome: doc.decision.outcome,
    repeatCaseIds: doc.decision.repeat.caseIds,
    repeatSeenCaseIds: doc.decision.repeat.seenCaseIds,
  };
}

/** R-PROC-5: the payment made first, its explanation and, when not ratified, the township's outcome. */
export function reliefFirstView(doc: CaseDoc): ReliefFirstView | null {
  const first = doc.reliefFirst;
  if (!first) return null;
  return {
    urgency: first.urgency,
    byName: first.by.name ?? '',
    at: first.at,
    explanation: first.explanation
      ? {
          text: first.explanation.text,
          ratified: first.explanation.ratified,
          byName: first.explanation.by.name ?? '',
          at: first.explanation.at,
        }
      : null,
    outcome: unratifiedOutcomeView(doc),
  };
}
