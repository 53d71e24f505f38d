/**
 * Paying relief (R-PROC-4), paying first in an emergency (R-PROC-5), the recipient's
 * confirmation, follow-up referrals (R-CAP-3) and closing.
 *
 * Money leaves the fund only here, through the one ledger, in the same transaction as the case
 * step: the ledger entry's id is derived from the case (`payout-<caseId>`), and the case's state
 * is written in that transaction, so a retried payout (same request id) answers what was done,
 * and a concurrent or repeated one (any request id) finds the case paid and moves no money. Not
 * enough money is INSUFFICIENT_FUNDS from the ledger, which aborts the whole transaction.
 */
import { requireAttachable } from '../files/private';
import { AppError } from '../errors';
import { requestFingerprint, requireSameRequest } from '../api/request-ids';
import type { ActionContext } from '../context';
import { type Actor, actorOf } from '../access/caller';
import type { SocietyDoc } from '../collections';
import type { OutboundTask } from '../outbound';
import type { Transaction } from '../ports/store';
import { recordLedgerEntry } from '../ledger/ledger';
import { completeDeadline, dueText, startDeadline } from '../domain/case-deadlines';
import { beijingDayOf } from '../domain/workdays';
import { openStored, seal, shortHash } from './pii';
import { calendarFor, decisionStep, officerStep, type OfficerCase } from './common';
import { auditInTownshipChain, townshipNote, type DecidingAs } from './decider';
import {
  commitStep,
  eventActor,
  settingsOf,
  progressOf,
  requireStep,
  tiersOf,
  type CaseDoc,
  type PayoutRecord,
  type ReferralRecord,
} from './model';
import { currentFacts, noticeFacts, payoutView } from './views';
import { factsWithLists } from '../roster/eligibility';
import { myCaseView, officerCaseView, ownStep } from './queries';
import {
  CAUSE_LABELS,
  FORM_PAYOUT_METHODS,
  PAYOUT_METHOD_LABELS,
  RELIEF_TYPE_LABELS,
  checkEligibility,
  checkReliefAmount,
  formOfMethod,
  type PayoutMethod,
  type ReliefType,
} from '../../miniprogram/domain/relief';
import {
  CASE_STATE_LABELS,
  REFERRAL_KIND_LABELS,
  REFERRAL_STATUS_LABELS,
  type MyCaseView,
  type PayoutDone,
  type OfficerCaseView,
  type DisburseInput,
  type ReferralInput,
  type ReliefFirstInput,
  type ReferralStatus,
} from '../../miniprogram/domain/case';
import { formatYuanShort } from '../../miniprogram/domain/money';

export const MAX_REFERRALS_PER_CASE = 20;

export function payoutEntryId(caseId: string): string {
  return `payout-${caseId}`;
}

/** A referral as the server records it: the officer's input and the request id that makes it retry-safe. */
type ReferralRequest = ReferralInput & { requestId: string };

function referralRecord(caseId: string, input: ReferralRequest, actor: Actor, at: Date): ReferralRecord {
  if (input.followUpDate < beijingDayOf(at)) {
    throw new AppError('BAD_REQUEST', 'follow-up date in the past', '跟进日期不能早于今天');
  }
  return {
    id: `ref-${shortHash(caseId, input.requestId).slice(0, 12)}`,
    requestId: input.requestId,
    requestFingerprint: requestFingerprint(input),
    kind: input.kind,
    description: input.description.trim(),
    ownerName: input.ownerName.trim(),
    ownerUserId: input.ownerUserId ?? null,
    followUpDate: input.followUpDate,
    status: 'open',
    notes: [],
    createdBy: eventActor(actor),
    createdAt: at.toISOString(),
  };
}

/** The money movement of a payout, inside the case's transaction (nothing for a referral). */
async function moveMoney(
  tx: Transaction,
  doc: CaseDoc,
  method: PayoutMethod,
  amountFen: number,
  reliefType: ReliefType,
  recipientName: string,
  actor: Actor,
  at: Date,
): Promise<string | null> {
  if (method === 'referral') return null;
  const { entry } = await recordLedgerEntry(
    tx,
    doc.societyId,
    {
      entryId: payoutEntryId(doc._id),
      type: 'reliefPayout',
      amountFen,
      sourceRef: `case:${doc._id}`,
      memo: `${RELIEF_TYPE_LABELS[reliefType]}（${CAUSE_LABELS[doc.situation.cause]}）${doc.caseNo}`,
      reliefType,
      // A recipient who withheld the notice consent is never named outside the society's officers,
      // its supervisors and the applicant, masked or not (DESIGN: rules the plan implies).
      counterparty: { name: recipientName, anonymous: !doc.consent.publicNotice },
    },
    actor,
    at,
    // The case is paid once (its state, in this transaction), and its step's audit event names
    // the entry: the ledger looks for no earlier entry and appends no audit event of its own.
    { fresh: true, audited: true },
  );
  return entry._id;
}

function payoutSummary(payout: PayoutRecord, onTime: boolean | null): string {
  const what =
    payout.method === 'referral'
      ? `以转介服务方式实施${RELIEF_TYPE_LABELS[payout.reliefType]}`
      : `以${PAYOUT_METHOD_LABELS[payout.method]}发放${RELIEF_TYPE_LABELS[payout.reliefType]} ${formatYuanShort(payout.amountFen)}` +
        (payout.goodsDescription ? `（${payout.goodsDescription}）` : '');
  return `${what}${onTime === false ? '，已超过发放时限' : ''}`;
}

/** The donors hear of a payout from the fund: looked up when the step is handed on (./outbound.ts). */
function fundRelief(society: SocietyDoc, at: Date): OutboundTask {
  return { kind: 'fundRelief', societyName: society.name, at: at.toISOString() };
}

/**
 * A payout (disburse, 先行救助) as one officer step: the same request again answers the payout it
 * made, nothing more; otherwise the step must be allowed now and its receipt photo attachable
 * before `work` pays. The donors hear of the relief when the step is handed on (`fundRelief`).
 */
async function payoutStep(
  ctx: ActionContext,
  input: Pick<DisburseInput, 'caseId' | 'requestId' | 'receiptFileId'>,
  step: 'disburse' | 'reliefFirst',
  work: (tx: Transaction, found: OfficerCase, at: Date) => Promise<CaseDoc>,
): Promise<PayoutDone> {
  const fingerprint = requestFingerprint(input);
  const at = ctx.clock.now();
  const next = await officerStep(
    ctx,
    input.caseId,
    async (tx, found) => {
      const { doc } = found;
      // The same request again (an answer lost on the way): the payout it made, nothing more.
      if (doc.payout?.requestId === input.requestId) {
        requireSameRequest(doc.payout.requestFingerprint, fingerprint, `payout of ${doc._id}`);
        return doc;
      }
      requireStep(doc, step);
      await requireReceiptFile(ctx, doc, input.receiptFileId);
      return work(tx, found, at);
    },
    // It writes the ledger entry and the fund with the case.
    'transaction',
  );
  return payoutDone(next);
}

/** R-PROC-4: pays what was approved, in the approved form, once. */
export async function disburse(ctx: ActionContext, input: DisburseInput): Promise<PayoutDone> {
  return payoutStep(ctx, input, 'disburse', async (tx, { doc, society, actor }, at) => {
    const decision = doc.decision!;
    const form = decision.form!;
    if (!FORM_PAYOUT_METHODS[form].includes(input.method)) {
      throw new AppError(
        'BAD_REQUEST',
        `method ${input.method} does not carry out form ${form}`,
        `发放方式应为：${FORM_PAYOUT_METHODS[form].map((method) => PAYOUT_METHOD_LABELS[method]).join('或')}`,
      );
    }
    if (input.method === 'goods') {
      if (!input.goodsDescription?.trim()) {
        throw new AppError('BAD_REQUEST', 'goods need a description', '请填写发放的实物名称和数量');
      }
      if (input.amountFen <= 0 || input.amountFen > decision.amountFen) {
        throw new AppError(
          'OVER_CAP',
          `goods value ${input.amountFen} exceeds the approved ${decision.amountFen}`,
          `实物价值须大于 0 且不超过批准金额 ${formatYuanShort(decision.amountFen)}`,
        );
      }
    } else if (input.method === 'referral') {
      if (input.amountFen !== 0 || !input.referral) {
        throw new AppError(
          'BAD_REQUEST',
          'a referral moves no money and names its follow-up',
          '转介服务金额为 0，并须填写转介内容、负责人和跟进日期',
        );
      }
    } else if (input.amountFen !== decision.amountFen) {
      throw new AppError(
        input.amountFen > decision.amountFen ? 'OVER_CAP' : 'BAD_REQUEST',
        `cash amount ${input.amountFen} differs from the approved ${decision.amountFen}`,
        `发放金额须与批准金额 ${formatYuanShort(decision.amountFen)} 一致`,
      );
    }
    const recipientName = input.recipientName?.trim() || openStored(doc.person.name);
    const referral = input.referral
      ? referralRecord(doc._id, { ...input.referral, requestId: input.requestId }, actor, at)
      : null;
    const payout = await recordPayout(tx, doc, input, decision.reliefType!, recipientName, actor, at, false);
    const { ledgerEntryId } = payout;
    const deadlines = completeDeadline(doc.deadlines, 'payout', at);
    return commitStep(tx, doc, 'disburse', actor, at, {
      patch: {
        payout,
        paidAt: payout.paidAt,
        awaitingNotice: true,
        deadlines,
        receipt: receiptOnPayout(input, doc, actor, at),
        referrals: referral ? [...doc.referrals, referral] : doc.referrals,
      },
      summary: payoutSummary(payout, deadlines.payout ? deadlines.payout.doneAt! <= deadlines.payout.dueAt : null),
      details: { notice: noticeFacts(doc, payout), receipt: Boolean(input.receiptFileId) },
      audit: { amountFen: payout.amountFen, method: payout.method, ledgerEntryId },
      handOn: [fundRelief(society, at)],
    });
  });
}

/** The answer of a payout: the case's state and the payout (the page then reads the case again). */
function payoutDone(doc: CaseDoc): PayoutDone {
  return {
    id: doc._id,
    caseNo: doc.caseNo,
    state: doc.state,
    stateLabel: CASE_STATE_LABELS[doc.state],
    payout: payoutView(doc)!,
  };
}

/** Moves the money through the ledger (once per case) and describes the payout: disburse and 先行救助 alike. */
async function recordPayout(
  tx: Transaction,
  current: CaseDoc,
  input: Pick<DisburseInput, 'requestId' | 'method' | 'amountFen' | 'goodsDescription'>,
  reliefType: ReliefType,
  recipientName: string,
  actor: Actor,
  at: Date,
  reliefFirst: boolean,
): Promise<PayoutRecord> {
  const ledgerEntryId = await moveMoney(
    tx,
    current,
    input.method,
    input.amountFen,
    reliefType,
    recipientName,
    actor,
    at,
  );
  return {
    requestId: input.requestId,
    requestFingerprint: requestFingerprint(input),
    method: input.method,
    amountFen: input.amountFen,
    goodsDescription: input.goodsDescription?.trim() || null,
    recipientName: seal(recipientName),
    reliefType,
    paidAt: at.toISOString(),
    paidBy: eventActor(actor),
    reliefFirst,
    ledgerEntryId,
  };
}

/** The receipt photo handed in with a payout, else whatever receipt the case already has. */
function receiptOnPayout(
  input: Pick<DisburseInput, 'receiptFileId'>,
  current: CaseDoc,
  actor: Actor,
  at: Date,
): CaseDoc['receipt'] {
  return input.receiptFileId
    ? { method: 'photo', fileId: input.receiptFileId, by: eventActor(actor), at: at.toISOString() }
    : current.receipt;
}

/**
 * R-PROC-5 先行救助: an officer pays an accepted case at once, within the cap and tiers of the
 * relief type its facts give; the visit record and the decision are due 1 working day later.
 */
export async function reliefFirst(ctx: ActionContext, input: ReliefFirstInput): Promise<PayoutDone> {
  return payoutStep(ctx, input, 'reliefFirst', async (tx, { doc, society, actor }, at) => {
    // R-ELIG-3/4: the imported lists decide 低保 / 特困, and with them the cap of 先行救助 too.
    const facts = await factsWithLists(ctx.store, doc, currentFacts(doc));
    const reliefType = checkEligibility({ ...facts, cause: doc.situation.cause }).reliefType;
    if (!reliefType) throw new AppError('NOT_ELIGIBLE', `case ${doc._id} has no relief type`);
    if (input.method === 'goods' && !input.goodsDescription?.trim()) {
      throw new AppError('BAD_REQUEST', 'goods need a description', '请填写发放的实物名称和数量');
    }
    const tiers = tiersOf(await settingsOf(ctx.store, society));
    const check = checkReliefAmount({
      reliefType,
      form: formOfMethod(input.method),
      amountFen: input.amountFen,
      tierId: input.tierId,
      tiers,
    });
    if (!check.ok) throw new AppError(check.code, `relief-first amount refused for case ${doc._id}`, check.message);
    const calendar = await calendarFor(ctx.store, society);
    const explanation = startDeadline({}, calendar, 'explanation', at).explanation!;
    const recipientName = input.recipientName?.trim() || openStored(doc.person.name);
    const payout = await recordPayout(tx, doc, input, reliefType, recipientName, actor, at, true);
    const { ledgerEntryId } = payout;
    return commitStep(tx, doc, 'reliefFirst', actor, at, {
      patch: {
        payout,
        paidAt: payout.paidAt,
        awaitingNotice: true,
        reliefFirst: { urgency: input.urgency.trim(), by: eventActor(actor), at: at.toISOString(), explanation: null },
        deadlines: { ...doc.deadlines, explanation },
        receipt: receiptOnPayout(input, doc, actor, at),
      },
      summary: `先行救助：${payoutSummary(payout, null)}；原因：${input.urgency.trim()}。入户核查记录和审批说明须于 ${dueText(calendar, explanation)} 前补办`,
      details: { notice: noticeFacts(doc, payout), explanationDueAt: explanation.dueAt },
      audit: { amountFen: payout.amountFen, method: payout.method, ledgerEntryId, reliefFirst: true },
      handOn: [fundRelief(society, at)],
    });
  });
}

/**
 * R-PROC-5: after the visit, the approver files the decision on a payment made first (ratified or
 * not); the township files it when nobody in the society may (recusal, server/cases/decider.ts).
 */
export async function fileExplanation(
  ctx: ActionContext,
  caseId: string,
  text: string,
  ratified: boolean,
): Promise<OfficerCaseView> {
  const { next, society } = await fileExplanationStep(ctx, caseId, text, ratified, 'society');
  return officerCaseView(ctx, next, society);
}

/** fileExplanation as the society's approver or as the township; the answer is the case as filed. */
export async function fileExplanationStep(
  ctx: ActionContext,
  caseId: string,
  text: string,
  ratified: boolean,
  as: DecidingAs,
): Promise<{ next: CaseDoc; society: SocietyDoc }> {
  const at = ctx.clock.now();
  return decisionStep(ctx, caseId, as, async (tx, { doc, society, actor }) => {
    if (doc.state === 'paid' && doc.reliefFirst && !doc.visit) {
      throw new AppError(
        'INVALID_STATE',
        `case ${caseId}: visit not recorded yet`,
        '请先补录入户核查记录，再补办审批说明',
      );
    }
    requireStep(doc, 'fileExplanation');
    const township = townshipNote(actor);
    const payout = doc.payout!;
    await auditInTownshipChain(tx, { society, doc, actor, outcome: ratified ? 'approved' : 'rejected', at });
    const explanation = { text: text.trim(), ratified, by: eventActor(actor), at: at.toISOString() };
    const next = await commitStep(tx, doc, 'fileExplanation', actor, at, {
      patch: {
        reliefFirst: { ...doc.reliefFirst!, explanation },
        deadlines: completeDeadline(doc.deadlines, 'explanation', at),
        decidedAt: at.toISOString(),
        decision: {
          recommend: 'grant',
          reliefType: payout.reliefType,
          form: formOfMethod(payout.method),
          amountFen: payout.amountFen,
          tierId: null,
          tierLabel: null,
          reason: explanation.text,
          by: explanation.by,
          at: explanation.at,
          outcome: ratified ? 'approved' : 'rejected',
          repeat: { caseIds: [], seenCaseIds: [] },
        },
      },
      summary: `补办先行救助审批：${ratified ? '予以追认' : '不予追认'}。${explanation.text}${township.summary}`,
      details: { ...township.details, ratified },
      audit: township.details,
    });
    return { next, society };
  });
}

/** The recipient's confirmation by an officer: a photo of the signed receipt. */
/** A signed-receipt photo must be an upload for this case (or this society) that arrived. */
async function requireReceiptFile(ctx: ActionContext, doc: CaseDoc, fileId: string | null | undefined): Promise<void> {
  if (!fileId) return;
  await requireAttachable(ctx, [fileId], { societyId: doc.societyId, caseId: doc._id, kinds: ['receipts'] });
}

export async function recordReceipt(ctx: ActionContext, caseId: string, fileId: string): Promise<OfficerCaseView> {
  const at = ctx.clock.now();
  const { next, society } = await officerStep(ctx, caseId, async (tx, { doc, society, actor }) => {
    requireStep(doc, 'confirmReceipt');
    await requireReceiptFile(ctx, doc, fileId);
    const confirmed = await commitStep(tx, doc, 'confirmReceipt', actor, at, {
      patch: { receipt: { method: 'photo', fileId, by: eventActor(actor), at: at.toISOString() } },
      summary: '上传领款人签字的收据照片',
      details: { method: 'photo' },
    });
    return { next: confirmed, society };
  });
  return officerCaseView(ctx, next, society);
}

/** The recipient's confirmation by the applicant: one tap in their own case. */
export async function confirmReceiptByTap(ctx: ActionContext, caseId: string): Promise<MyCaseView> {
  const actor = actorOf(ctx.caller, 'applicant');
  const at = ctx.clock.now();
  const next = await ownStep(ctx, caseId, (tx, doc) =>
    commitStep(tx, doc, 'confirmReceipt', actor, at, {
      patch: { receipt: { method: 'tap', fileId: null, by: eventActor(actor), at: at.toISOString() } },
      summary: '申请人确认已收到救助',
      details: { method: 'tap' },
    }),
  );
  return myCaseView(ctx, next);
}

export async function addReferral(
  ctx: ActionContext,
  caseId: string,
  input: ReferralRequest,
): Promise<OfficerCaseView> {
  const at = ctx.clock.now();
  const { next, society } = await officerStep(ctx, caseId, async (tx, { doc, society, actor }) => {
    requireStep(doc, 'addReferral');
    const referral = referralRecord(caseId, input, actor, at);
    const stored = doc.referrals.find((existing) => existing.id === referral.id);
    if (stored) {
      requireSameRequest(stored.requestFingerprint, referral.requestFingerprint!, `referral ${referral.id}`);
      return { next: doc, society };
    }
    if (doc.referrals.length >= MAX_REFERRALS_PER_CASE) {
      throw new AppError('BAD_REQUEST', 'too many referrals', `每个案件最多 ${MAX_REFERRALS_PER_CASE} 项转介`);
    }
    const added = await commitStep(tx, doc, 'addReferral', actor, at, {
      patch: { referrals: [...doc.referrals, referral] },
      summary: `转介帮扶：${REFERRAL_KIND_LABELS[referral.kind]}，负责人 ${referral.ownerName}，${referral.followUpDate} 跟进`,
      details: { referralId: referral.id, kind: referral.kind, followUpDate: referral.followUpDate },
    });
    return { next: added, society };
  });
  return officerCaseView(ctx, next, society);
}

export interface ReferralUpdateInput {
  referralId: string;
  status: ReferralStatus;
  note: string;
  followUpDate?: string | null;
}

export async function updateReferral(
  ctx: ActionContext,
  caseId: string,
  input: ReferralUpdateInput,
): Promise<OfficerCaseView> {
  const at = ctx.clock.now();
  const { next, society } = await officerStep(ctx, caseId, async (tx, { doc, society, actor }) => {
    requireStep(doc, 'updateReferral');
    if (input.followUpDate && input.followUpDate < beijingDayOf(at)) {
      throw new AppError('BAD_REQUEST', 'follow-up date in the past', '跟进日期不能早于今天');
    }
    const target = doc.referrals.find((referral) => referral.id === input.referralId);
    if (!target)
      throw new AppError('NOT_FOUND', `referral ${input.referralId} not on case ${caseId}`, '没有找到这项转介');
    if (target.kind === 'temporaryAssistance' && input.status !== target.status) {
      // The township answers its own referral (accepted or declined); the officer adds notes only.
      throw new AppError(
        'FORBIDDEN',
        `referral ${target.id} is answered by the township`,
        '临时救助转介的办理结果由乡镇记录，这里只能记录跟进情况',
      );
    }
    const updated: ReferralRecord = {
      ...target,
      status: input.status,
      followUpDate: input.followUpDate ?? target.followUpDate,
      notes: [...target.notes, { text: input.note.trim(), by: eventActor(actor), at: at.toISOString() }].slice(-50),
    };
    const stepped = await commitStep(tx, doc, 'updateReferral', actor, at, {
      patch: { referrals: doc.referrals.map((referral) => (referral.id === target.id ? updated : referral)) },
      summary: `转介跟进（${REFERRAL_KIND_LABELS[target.kind]}）：${REFERRAL_STATUS_LABELS[updated.status]}。${input.note.trim()}`,
      details: { referralId: target.id, status: updated.status },
    });
    return { next: stepped, society };
  });
  return officerCaseView(ctx, next, society);
}

export async function closeCase(ctx: ActionContext, caseId: string, note: string): Promise<OfficerCaseView> {
  const at = ctx.clock.now();
  const { next, society } = await officerStep(ctx, caseId, async (tx, { doc, society, actor }) => {
    const progress = progressOf(doc);
    if (doc.state === 'paid' && progress.moneyPaid && !progress.receiptConfirmed) {
      throw new AppError(
        'INVALID_STATE',
        `case ${caseId}: no receipt yet`,
        '还没有领款人确认（收据照片或本人确认），不能结案',
      );
    }
    if (doc.state === 'paid' && progress.reliefFirst && !progress.explanationFiled) {
      throw new AppError(
        'INVALID_STATE',
        `case ${caseId}: relief-first not explained`,
        '先行救助尚未补办核查和审批，不能结案',
      );
    }
    requireStep(doc, 'close');
    const closed = await commitStep(tx, doc, 'close', actor, at, {
      patch: { closedAt: at.toISOString() },
      summary: `结案${note.trim() ? `：${note.trim()}` : ''}`,
    });
    return { next: closed, society };
  });
  return officerCaseView(ctx, next, society);
}
