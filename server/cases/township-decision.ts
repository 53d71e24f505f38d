/**
 * The township decides a case nobody in its society may decide (recusal; server/cases/decider.ts):
 * a proposal, or the explanation of a payment made first (先行救助, R-PROC-5). The list on the
 * township's page, the case as the township needs it to decide (no ID number, phone, address, the
 * applicant's own description or material photos), and the decision itself, taken by the same
 * approve / reject / fileExplanation steps as the society's, attributed to the township.
 */
import { AppError } from '../errors';
import type { ActionContext } from '../context';
import { COLLECTIONS, type SocietyDoc } from '../collections';
import { findAll, type Store } from '../ports/store';
import type { WorkCalendar } from '../domain/workdays';
import { calendarFor, earlierCasesForSameCause } from './common';
import { awaitingDecision, deciderOf, explanationDue, loadDeciders, type DeciderCandidates } from './decider';
import { caseDigest, loadCase, settingsOf, type CaseDigest, type CaseDoc } from './model';
import { loadSociety } from '../registry/load';
import { isTownshipOf } from '../access/rules';
import { approveStep, rejectStep, type ApproveInput, type RejectInput } from './review';
import { fileExplanationStep } from './payouts';
import {
  decisionWaitView,
  deadlinesView,
  eligibilityOf,
  payoutView,
  planView,
  repeatCaseView,
  summaryBase,
  decisionView,
  reliefFirstView,
  verifiedView,
} from './views';
import {
  CAUSE_LABELS,
  GOVERNMENT_ASSISTANCE_LABELS,
  HOUSEHOLD_CATEGORY_LABELS,
  HUKOU_HOLDER_LABELS,
} from '../../miniprogram/domain/relief';
import {
  proposedStateLabel,
  type TownshipDecisionItem,
  type TownshipDecisionView,
} from '../../miniprogram/domain/case';
import { openStored } from './pii';

/** A case whose decision goes to the township now (recusal), as a society's digest keeps it. */
export interface TownshipDecisionCase {
  doc: CaseDigest;
  /** Why nobody in the society may decide it (./decider.ts). */
  reason: string;
}

/**
 * The society's cases waiting for a decision that goes to the township, the most urgent first:
 * counted into the society's digest (oversight/digest.ts), with who may decide as of then.
 */
export async function townshipDecisionCases(store: Store, society: SocietyDoc): Promise<TownshipDecisionCase[]> {
  const [proposed, paidFirst] = await Promise.all([
    findAll<CaseDoc>(store, COLLECTIONS.cases, { where: { societyId: society._id, state: 'proposed' } }),
    findAll<CaseDoc>(store, COLLECTIONS.cases, {
      where: { societyId: society._id, state: 'paid', nextDueKind: 'explanation' },
    }),
  ]);
  const docs = [...proposed, ...paidFirst.filter(explanationDue)].sort((a, b) =>
    a.nextDueAt.localeCompare(b.nextDueAt),
  );
  if (docs.length === 0) return [];
  const candidates: DeciderCandidates = await loadDeciders(store, society, await settingsOf(store, society));
  return docs.flatMap((doc) => {
    const decider = deciderOf(candidates, doc);
    return decider.kind === 'township' ? [{ doc: caseDigest(doc), reason: decider.reason }] : [];
  });
}

/** Such a case on the township's page, its wait as of now. */
export function townshipDecisionItem(
  { doc, reason }: TownshipDecisionCase,
  society: Pick<SocietyDoc, '_id' | 'name'>,
  calendar: WorkCalendar,
  now: Date,
  canDecide: boolean,
): TownshipDecisionItem {
  const wait = decisionWaitView(doc, calendar, now);
  const explanationView = doc.deadlines.explanation
    ? deadlinesView(doc, calendar, now).find((d) => d.kind === 'explanation')
    : null;
  return {
    id: doc._id,
    caseNo: doc.caseNo,
    societyId: society._id,
    societyName: society.name,
    maskedName: doc.person.maskedName,
    causeLabel: CAUSE_LABELS[doc.situation.cause],
    stepLabel: doc.state === 'proposed' ? '审批' : '先行救助补办审批',
    reason,
    waitText: doc.state === 'proposed' ? (wait?.text ?? '') : `补办审批：${explanationView?.text ?? ''}`,
    overdue: doc.state === 'proposed' ? (wait?.overdue ?? false) : (explanationView?.overdue ?? false),
    canDecide,
  };
}

/**
 * A case the caller decides (or decided) as the township: of a society of their township, and
 * routed to the township now or decided by it; any other case is FORBIDDEN to them.
 */
async function townshipCase(ctx: ActionContext, caseId: string): Promise<{ doc: CaseDoc; society: SocietyDoc }> {
  const doc = await loadCase(ctx.store, caseId);
  const society = await loadSociety(ctx.store, doc.societyId);
  if (!isTownshipOf(ctx.caller, society)) {
    throw new AppError(
      'FORBIDDEN',
      `caller is no township officer of ${society.townshipId} (case ${caseId})`,
      '这个互助社不在您所在乡镇的辖区',
    );
  }
  const decidedByTownship = doc.decision?.by.role === 'township';
  const routed =
    awaitingDecision(doc) &&
    deciderOf(await loadDeciders(ctx.store, society, await settingsOf(ctx.store, society)), doc).kind === 'township';
  if (!decidedByTownship && !routed) {
    throw new AppError(
      'FORBIDDEN',
      `case ${caseId} is not for the township to decide`,
      '本案由互助社自行审批，乡镇只审批本社无人可以审批的案件',
    );
  }
  return { doc, society };
}

async function townshipView(ctx: ActionContext, doc: CaseDoc, society: SocietyDoc): Promise<TownshipDecisionView> {
  const [calendar, settings, earlier] = await Promise.all([
    calendarFor(ctx.store, society),
    settingsOf(ctx.store, society),
    earlierCasesForSameCause(ctx.store, doc),
  ]);
  const now = ctx.clock.now();
  const base = summaryBase(doc, society.name, calendar, now);
  const decider = awaitingDecision(doc) ? deciderOf(await loadDeciders(ctx.store, society, settings), doc) : null;
  const mayDecide = decider?.kind === 'township' && isTownshipOf(ctx.caller, society);
  const verified = doc.visit ? verifiedView(doc) : null;
  return {
    id: doc._id,
    caseNo: doc.caseNo,
    societyId: society._id,
    societyName: society.name,
    state: doc.state,
    stateLabel: decider ? proposedStateLabel(decider) : base.stateLabel,
    name: openStored(doc.person.name),
    causeLabel: CAUSE_LABELS[doc.situation.cause],
    eligibilitySummary: eligibilityOf(doc).summary,
    visit:
      doc.visit && verified
        ? {
            visitedAt: doc.visit.visitedAt,
            visitors: doc.visit.visitors.map((visitor) => visitor.name),
            findings: verified.description,
            verifiedLabels: [
              HUKOU_HOLDER_LABELS[doc.visit.verified.hukou],
              HOUSEHOLD_CATEGORY_LABELS[doc.visit.verified.category],
              ...doc.visit.verified.assistance.map((item) => GOVERNMENT_ASSISTANCE_LABELS[item]),
              doc.visit.verified.livingAtRisk ? '基本生活陷入困境' : '基本生活尚可维持',
            ],
            recordedByName: doc.visit.recordedBy.name ?? '',
          }
        : null,
    proposal: doc.proposal ? planView(doc.proposal) : null,
    decision: decisionView(doc),
    reliefFirst: reliefFirstView(doc),
    payout: payoutView(doc),
    repeatCases: earlier.map(repeatCaseView),
    decider,
    decisionWait: decisionWaitView(doc, calendar, now),
    explanationDeadline:
      deadlinesView(doc, calendar, now).find((deadline) => deadline.kind === 'explanation' && !deadline.doneAt) ?? null,
    actions: !mayDecide ? [] : doc.state === 'proposed' ? ['approve', 'reject'] : ['fileExplanation'],
  };
}

export async function getTownshipDecision(ctx: ActionContext, caseId: string): Promise<TownshipDecisionView> {
  const { doc, society } = await townshipCase(ctx, caseId);
  return townshipView(ctx, doc, society);
}

/** The township approves as proposed (with its note); the payout clock (R-PROC-4) starts as usual. */
export async function approveAsTownship(
  ctx: ActionContext,
  input: Pick<ApproveInput, 'caseId' | 'seenRepeatCaseIds' | 'note'>,
): Promise<TownshipDecisionView> {
  const { next, society } = await approveStep(ctx, input, 'township');
  return townshipView(ctx, next, society);
}

export async function rejectAsTownship(ctx: ActionContext, input: RejectInput): Promise<TownshipDecisionView> {
  const { next, society } = await rejectStep(ctx, input, 'township');
  return townshipView(ctx, next, society);
}

/** R-PROC-5: the township files the explanation of a payment made first (ratified or not), as the approver would. */
export async function explainAsTownship(
  ctx: ActionContext,
  input: { caseId: string; explanation: string; ratified: boolean },
): Promise<TownshipDecisionView> {
  const { next, society } = await fileExplanationStep(ctx, input.caseId, input.explanation, input.ratified, 'township');
  return townshipView(ctx, next, society);
}
