/**
 * From acceptance to decision: the home visit with its review opinion (R-PROC-3), the
 * secretary's proposal, and the decision within authority — the president or the society's
 * second approver, never of their own household, never on their own proposal. The relief type
 * follows from the facts as verified (R-ELIG-3/4), never from what a page says; the amount is
 * checked against the caps (R-CAP-1/2) and the society's tiers (R-CAP-3) at every step.
 */
import { requireAttachable } from '../files/private';
import { AppError } from '../errors';
import type { ActionContext } from '../context';
import type { Actor } from '../access/caller';
import { completeDeadline, dueText, startDeadline } from '../domain/case-deadlines';
import { seal } from './pii';
import { calendarFor, decisionStep, earlierCasesForSameCause, officerStep } from './common';
import { auditInTownshipChain, townshipNote, type DecidingAs } from './decider';
import { decisionWorkingDays } from './county-rules';
import type { SocietyDoc } from '../collections';
import {
  commitStep,
  eventActor,
  settingsOf,
  requireStep,
  tiersOf,
  type CaseDoc,
  type ReliefPlan,
  type VerifiedFacts,
} from './model';
import { currentFacts, planView } from './views';
import { factsWithLists } from '../roster/eligibility';
import { officerCaseView } from './queries';
import {
  MATERIAL_KIND_LABELS,
  RELIEF_CAP_FEN,
  RELIEF_FORM_LABELS,
  RELIEF_TYPE_LABELS,
  checkEligibility,
  checkReliefAmount,
  type MaterialKind,
  type ReliefForm,
  type ReliefTiers,
  type ReliefType,
} from '../../miniprogram/domain/relief';
import { CASE_STATE_LABELS, type OfficerCaseView, type ProposalDone } from '../../miniprogram/domain/case';
import { formatYuanShort } from '../../miniprogram/domain/money';

export interface OpinionInput {
  recommend: 'grant' | 'deny';
  form?: ReliefForm | null;
  amountFen?: number | null;
  tierId?: string | null;
  reason: string;
}

export interface VisitInput {
  caseId: string;
  visitedAt: string;
  visitors: Array<{ name: string; userId?: string | null }>;
  findings: string;
  photoFileIds: string[];
  originalsChecked: MaterialKind[];
  /** Facts the visit found different from what was declared (they decide the relief type). */
  verified?: Partial<VerifiedFacts>;
  opinion: OpinionInput;
}

export const UNVERIFIED_CATEGORY_MESSAGE =
  '申请人不清楚家庭类别：请入户核实属于低保边缘家庭、防止返贫监测对象、支出型困难家庭还是都不是，再提出救助意见';

/** A plan (review opinion, proposal or decision) that obeys R-ELIG and R-CAP, or the error saying why not. */
export function reliefPlan(
  doc: CaseDoc,
  facts: VerifiedFacts,
  opinion: OpinionInput,
  tiers: ReliefTiers,
  actor: Actor,
  at: Date,
): ReliefPlan {
  const eligibility = checkEligibility({ ...facts, cause: doc.situation.cause });
  const base = { reason: opinion.reason.trim(), by: eventActor(actor), at: at.toISOString() };
  if (opinion.recommend === 'deny') {
    return {
      ...base,
      recommend: 'deny',
      reliefType: eligibility.reliefType,
      form: null,
      amountFen: 0,
      tierId: null,
      tierLabel: null,
    };
  }
  if (eligibility.outcome === 'ineligible' || !eligibility.reliefType) {
    throw new AppError(
      'NOT_ELIGIBLE',
      `case ${doc._id} is ineligible on the verified facts (${eligibility.ruleIds.join(',')})`,
      `按核实的情况不符合救助条件：${eligibility.reasons.join('')}`,
    );
  }
  // R-ELIG-4: a category the applicant did not know (不清楚) is verified at the home visit before
  // any grant: it decides whether the household is one emergency relief is for.
  if (facts.category === 'unsure' && facts.assistance.length === 0) {
    throw new AppError(
      'BAD_REQUEST',
      `case ${doc._id}: the household category is still unverified`,
      UNVERIFIED_CATEGORY_MESSAGE,
    );
  }
  if (!opinion.form) {
    throw new AppError('BAD_REQUEST', 'a grant needs a form', '请选择救助形式（现金、实物或转介服务）');
  }
  const check = checkReliefAmount({
    reliefType: eligibility.reliefType,
    form: opinion.form,
    amountFen: opinion.amountFen ?? 0,
    tierId: opinion.tierId ?? null,
    tiers,
  });
  if (!check.ok) throw new AppError(check.code, `relief amount refused for case ${doc._id}`, check.message);
  return {
    ...base,
    recommend: 'grant',
    reliefType: eligibility.reliefType,
    form: opinion.form,
    amountFen: opinion.amountFen ?? 0,
    tierId: check.tier?.id ?? null,
    tierLabel: check.tier?.label ?? null,
  };
}

export function describePlan(plan: ReliefPlan): string {
  if (plan.recommend === 'deny') return `不予救助（${plan.reason}）`;
  const type = plan.reliefType ? RELIEF_TYPE_LABELS[plan.reliefType] : '';
  const form = plan.form ? RELIEF_FORM_LABELS[plan.form] : '';
  return plan.form === 'referral'
    ? `给予${type}（${form}）`
    : `给予${type} ${formatYuanShort(plan.amountFen)}（${form}${plan.tierLabel ? `，${plan.tierLabel}` : ''}）`;
}

function checkVisitors(visitors: VisitInput['visitors']): Array<{ name: string; userId: string | null }> {
  const cleaned = visitors.map((visitor) => ({ name: visitor.name.trim(), userId: visitor.userId ?? null }));
  if (new Set(cleaned.map((visitor) => visitor.name).filter(Boolean)).size < 2) {
    throw new AppError(
      'BAD_REQUEST',
      'a home visit needs two different visitors',
      '入户核查须由至少两人进行，请填写两位核查人',
    );
  }
  return cleaned;
}

/** R-PROC-3: the home visit and the review opinion; after 先行救助 it is filed while the case stays paid. */
export async function recordVisit(ctx: ActionContext, input: VisitInput): Promise<OfficerCaseView> {
  const at = ctx.clock.now();
  const { next, society } = await officerStep(ctx, input.caseId, async (tx, { doc, society, actor }) => {
    requireStep(doc, 'recordVisit');
    const visitedAt = new Date(input.visitedAt);
    if (
      visitedAt.getTime() > at.getTime() + 5 * 60_000 ||
      visitedAt.getTime() < Date.parse(doc.createdAt) - 86_400_000
    ) {
      throw new AppError(
        'BAD_REQUEST',
        `visit time out of range for case ${doc._id}`,
        '核查时间应在立案之后、当前时间之前',
      );
    }
    const visitors = checkVisitors(input.visitors);
    const tiers = tiersOf(await settingsOf(ctx.store, society));
    const declaredOrSeen: VerifiedFacts = { ...currentFacts(doc), ...input.verified };
    if (input.verified?.assistance) declaredOrSeen.assistance = [...new Set(input.verified.assistance)];
    // R-ELIG-3/4: where the village imported the lists, they decide 低保 / 特困 and the cap.
    const verified = await factsWithLists(ctx.store, doc, declaredOrSeen);
    const opinion = reliefPlan(doc, verified, input.opinion, tiers, actor, at);
    const originals = [...new Set(input.originalsChecked)];
    await requireAttachable(ctx, input.photoFileIds, { societyId: doc.societyId, caseId: doc._id, kinds: ['visits'] });

    const stepped = await commitStep(tx, doc, 'recordVisit', actor, at, {
      patch: {
        visit: {
          visitedAt: visitedAt.toISOString(),
          visitors,
          findings: seal(input.findings.trim()),
          photoFileIds: [...new Set(input.photoFileIds)],
          originalsChecked: originals,
          verified,
          opinion,
          recordedBy: eventActor(actor),
          recordedAt: at.toISOString(),
        },
        deadlines: completeDeadline(doc.deadlines, 'visit', at),
      },
      summary:
        `${visitors.map((visitor) => visitor.name).join('、')}入户核查` +
        (originals.length ? `，核验原件：${originals.map((kind) => MATERIAL_KIND_LABELS[kind]).join('、')}` : '') +
        `；审核意见：${describePlan(opinion)}`,
      details: {
        visitors: visitors.length,
        photos: input.photoFileIds.length,
        recommend: opinion.recommend,
        reliefType: opinion.reliefType,
        form: opinion.form,
        amountFen: opinion.amountFen,
      },
    });
    return { next: stepped, society };
  });
  return officerCaseView(ctx, next, society);
}

/**
 * The secretary (or president) proposes the decision; the relief type comes from the verified
 * facts. The decision clock starts: after the county's number of working days (default 1) the
 * case is overdue to the township.
 */
export async function proposeDecision(
  ctx: ActionContext,
  caseId: string,
  opinion: OpinionInput,
): Promise<ProposalDone> {
  const at = ctx.clock.now();
  const { next } = await officerStep(ctx, caseId, async (tx, { doc, society, actor }) => {
    requireStep(doc, 'propose');
    const tiers = tiersOf(await settingsOf(ctx.store, society));
    const facts = await factsWithLists(ctx.store, doc, currentFacts(doc));
    const proposal = reliefPlan(doc, facts, opinion, tiers, actor, at);
    const [calendar, days] = await Promise.all([
      calendarFor(ctx.store, society),
      decisionWorkingDays(ctx.store, society),
    ]);
    const stepped = await commitStep(tx, doc, 'propose', actor, at, {
      patch: { proposal, deadlines: startDeadline(doc.deadlines, calendar, 'decision', at, days) },
      summary: `提出审批意见：${describePlan(proposal)}`,
      details: {
        recommend: proposal.recommend,
        reliefType: proposal.reliefType,
        form: proposal.form,
        amountFen: proposal.amountFen,
      },
    });
    return { next: stepped };
  });
  // The page goes back to the case and reads it (the repeat warning, who decides): not read here.
  return {
    id: next._id,
    caseNo: next.caseNo,
    state: next.state,
    stateLabel: CASE_STATE_LABELS[next.state],
    proposal: planView(next.proposal!),
  };
}

export interface ApproveInput {
  caseId: string;
  seenRepeatCaseIds: string[];
  /** To approve something other than the proposal (e.g. a lower amount); checked like a proposal. */
  form?: ReliefForm | null;
  amountFen?: number | null;
  tierId?: string | null;
  note: string;
}

function repeatRecord(earlierIds: string[], seen: string[]) {
  return { caseIds: earlierIds, seenCaseIds: seen.filter((id) => earlierIds.includes(id)) };
}

function repeatText(repeat: { caseIds: string[]; seenCaseIds: string[] }): string {
  if (repeat.caseIds.length === 0) return '';
  const allSeen = repeat.caseIds.every((id) => repeat.seenCaseIds.includes(id));
  return `；同一原因此前已有 ${repeat.caseIds.length} 个案件，审批人${allSeen ? '已查看' : '未全部查看'}`;
}

/** R-PROC-4 starts here: the payout is due 1 working day after approval. */
export async function approveCase(ctx: ActionContext, input: ApproveInput): Promise<OfficerCaseView> {
  const { next, society } = await approveStep(ctx, input, 'society');
  return officerCaseView(ctx, next, society);
}

export async function approveStep(
  ctx: ActionContext,
  input: ApproveInput,
  as: DecidingAs,
): Promise<{ next: CaseDoc; society: SocietyDoc }> {
  const at = ctx.clock.now();
  return decisionStep(ctx, input.caseId, as, async (tx, { doc, society, settings, actor }) => {
    requireStep(doc, 'approve');
    const proposal = doc.proposal!;
    const override = input.form != null || input.amountFen != null || input.tierId != null;
    if (!override && proposal.recommend === 'deny') {
      throw new AppError(
        'BAD_REQUEST',
        'approving a deny proposal needs form and amount',
        '审批意见为不予救助；如要批准，请填写救助形式、档次和金额',
      );
    }
    const facts = await factsWithLists(ctx.store, doc, currentFacts(doc));
    const plan = override
      ? reliefPlan(
          doc,
          facts,
          {
            recommend: 'grant',
            form: input.form ?? proposal.form,
            amountFen: input.amountFen ?? proposal.amountFen,
            tierId: input.tierId ?? proposal.tierId,
            reason: input.note || proposal.reason,
          },
          tiersOf(settings),
          actor,
          at,
        )
      : { ...proposal, reason: input.note.trim() || proposal.reason, by: eventActor(actor), at: at.toISOString() };
    // The caps hold whatever happened since the proposal (R-CAP-1/2), tiers or no tiers, and a
    // list imported since then (a household now on the 低保 list gets at most 500 yuan).
    reliefPlanCapCheck(doc, plan, checkEligibility({ ...facts, cause: doc.situation.cause }).reliefType);
    const earlierIds = (await earlierCasesForSameCause(ctx.store, doc)).map((other) => other._id);
    const repeat = repeatRecord(earlierIds, input.seenRepeatCaseIds);
    const calendar = await calendarFor(ctx.store, society);
    const payoutDeadline = startDeadline({}, calendar, 'payout', at).payout!;
    const township = townshipNote(actor);

    await auditInTownshipChain(tx, { society, doc, actor, outcome: 'approved', at });
    const next = await commitStep(tx, doc, 'approve', actor, at, {
      patch: {
        decision: { ...plan, outcome: 'approved', repeat },
        decidedAt: at.toISOString(),
        deadlines: { ...completeDeadline(doc.deadlines, 'decision', at), payout: payoutDeadline },
      },
      summary: `批准：${describePlan(plan)}，发放截止 ${dueText(calendar, payoutDeadline)}${repeatText(repeat)}${township.summary}`,
      details: {
        ...township.details,
        reliefType: plan.reliefType,
        form: plan.form,
        amountFen: plan.amountFen,
        payoutDueAt: payoutDeadline.dueAt,
        repeat: repeat.caseIds,
        repeatSeen: repeat.seenCaseIds,
      },
      audit: { amountFen: plan.amountFen, reliefType: plan.reliefType, ...township.details },
    });
    return { next, society };
  });
}

function reliefPlanCapCheck(doc: CaseDoc, plan: ReliefPlan, factsType: ReliefType | null): void {
  if (plan.recommend !== 'grant' || !plan.reliefType || !plan.form) {
    throw new AppError('BAD_REQUEST', `case ${doc._id}: nothing to approve`, '没有可批准的救助内容');
  }
  const type = factsType && RELIEF_CAP_FEN[factsType] < RELIEF_CAP_FEN[plan.reliefType] ? factsType : plan.reliefType;
  const cap = RELIEF_CAP_FEN[type];
  if (plan.amountFen > cap) {
    throw new AppError(
      'OVER_CAP',
      `case ${doc._id}: ${plan.amountFen} fen over the ${type} cap`,
      `${RELIEF_TYPE_LABELS[type]}每人次最多 ${formatYuanShort(cap)}`,
    );
  }
}

export async function rejectCase(
  ctx: ActionContext,
  caseId: string,
  reason: string,
  seenRepeatCaseIds: string[],
): Promise<OfficerCaseView> {
  const { next, society } = await rejectStep(ctx, { caseId, reason, seenRepeatCaseIds }, 'society');
  return officerCaseView(ctx, next, society);
}

export interface RejectInput {
  caseId: string;
  reason: string;
  seenRepeatCaseIds: string[];
}

export async function rejectStep(
  ctx: ActionContext,
  { caseId, reason, seenRepeatCaseIds }: RejectInput,
  as: DecidingAs,
): Promise<{ next: CaseDoc; society: SocietyDoc }> {
  const at = ctx.clock.now();
  return decisionStep(ctx, caseId, as, async (tx, { doc, society, actor }) => {
    requireStep(doc, 'reject');
    const earlierIds = (await earlierCasesForSameCause(ctx.store, doc)).map((other) => other._id);
    const repeat = repeatRecord(earlierIds, seenRepeatCaseIds);
    const township = townshipNote(actor);
    const proposal = doc.proposal!;
    await auditInTownshipChain(tx, { society, doc, actor, outcome: 'rejected', at });
    const next = await commitStep(tx, doc, 'reject', actor, at, {
      patch: {
        decision: {
          ...proposal,
          reason: reason.trim(),
          by: eventActor(actor),
          at: at.toISOString(),
          outcome: 'rejected',
          repeat,
        },
        decidedAt: at.toISOString(),
        endReason: reason.trim(),
        deadlines: completeDeadline(doc.deadlines, 'decision', at),
      },
      summary: `不予批准：${reason.trim()}${repeatText(repeat)}${township.summary}`,
      details: { ...township.details, repeat: repeat.caseIds, repeatSeen: repeat.seenCaseIds },
      audit: township.details,
    });
    return { next, society };
  });
}
