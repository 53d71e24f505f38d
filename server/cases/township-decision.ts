/**
 * The township decides a case nobody in its society may decide (recusal; server/cases/decider.ts):
 * the list on the township's page, the case as the township needs it to decide (no ID number,
 * phone, address, the applicant's own description or material photos), and the decision itself,
 * taken by the same approve / reject steps as the society's, attributed to the township.
 */
import { AppError } from '../api/errors';
import type { ActionContext } from '../api/context';
import { COLLECTIONS, type SocietyDoc } from '../collections';
import { findAll } from '../ports/store';
import type { WorkCalendar } from '../domain/workdays';
import { calendarFor, earlierCasesForSameCause } from './common';
import { deciderOf, isTownshipOf, loadDeciders, type DeciderCandidates } from './decider';
import { loadCase, loadSettings, loadSociety, type CaseDoc } from './model';
import { approveStep, rejectStep, type ApproveInput, type RejectInput } from './review';
import { decisionWaitView, eligibilityOf, planView, repeatCaseView, summaryBase, verifiedView } from './views';
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

/** Proposed cases of these societies that go to the township, oldest proposal first. */
export async function townshipDecisionItems(
  ctx: ActionContext,
  societies: readonly SocietyDoc[],
): Promise<TownshipDecisionItem[]> {
  if (societies.length === 0) return [];
  const byId = new Map(societies.map((society) => [society._id, society]));
  const docs = await findAll<CaseDoc>(ctx.store, COLLECTIONS.cases, {
    where: { societyId: { $in: [...byId.keys()].slice(0, 1000) }, state: 'proposed' },
    orderBy: [['nextDueAt', 'asc']],
  });
  const now = ctx.clock.now();
  const candidates = new Map<string, DeciderCandidates>();
  const calendars = new Map<string, WorkCalendar>();
  const items: TownshipDecisionItem[] = [];
  for (const doc of docs) {
    const society = byId.get(doc.societyId);
    if (!society) continue;
    let found = candidates.get(society._id);
    if (!found) {
      found = await loadDeciders(ctx.store, society, await loadSettings(ctx.store, society._id));
      candidates.set(society._id, found);
    }
    const decider = deciderOf(found, doc);
    if (decider.kind !== 'township') continue;
    let calendar = calendars.get(society.countyId);
    if (!calendar) {
      calendar = await calendarFor(ctx.store, society);
      calendars.set(society.countyId, calendar);
    }
    const wait = decisionWaitView(doc, calendar, now);
    items.push({
      id: doc._id,
      caseNo: doc.caseNo,
      societyId: society._id,
      societyName: society.name,
      maskedName: doc.person.maskedName,
      causeLabel: CAUSE_LABELS[doc.situation.cause],
      reason: decider.reason,
      waitText: wait?.text ?? '',
      overdue: wait?.overdue ?? false,
      canDecide: isTownshipOf(ctx.caller, society),
    });
  }
  return items;
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
    doc.state === 'proposed' &&
    deciderOf(await loadDeciders(ctx.store, society, await loadSettings(ctx.store, society._id)), doc).kind ===
      'township';
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
    loadSettings(ctx.store, society._id),
    earlierCasesForSameCause(ctx.store, doc),
  ]);
  const now = ctx.clock.now();
  const base = summaryBase(doc, society.name, calendar, now);
  const decider = doc.state === 'proposed' ? deciderOf(await loadDeciders(ctx.store, society, settings), doc) : null;
  const mayDecide = decider?.kind === 'township' && isTownshipOf(ctx.caller, society);
  const verified = doc.visit ? verifiedView(doc) : null;
  return {
    id: doc._id,
    caseNo: doc.caseNo,
    societyId: society._id,
    societyName: society.name,
    state: doc.state,
    stateLabel: decider ? proposedStateLabel(decider) : base.stateLabel,
    name: doc.person.name,
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
    decision: doc.decision
      ? {
          ...planView(doc.decision),
          outcome: doc.decision.outcome,
          repeatCaseIds: doc.decision.repeat.caseIds,
          repeatSeenCaseIds: doc.decision.repeat.seenCaseIds,
        }
      : null,
    repeatCases: earlier.map(repeatCaseView),
    decider,
    decisionWait: decisionWaitView(doc, calendar, now),
    actions: mayDecide ? ['approve', 'reject'] : [],
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
