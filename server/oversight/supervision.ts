/**
 * The village supervision committee's view of its society (R-OVS-2): read-only — every case with
 * every step, every ledger entry, the notice and objection state of each, and a 四公布 sheet per
 * case (R-OVS-3). Nothing here writes; the committee's one write is a flag (flags.ts).
 * The society's officers may read the same (the sheet is also what they check before printing),
 * the township and the county read the overview.
 */
import { AppError } from '../errors';
import type { ActionContext } from '../context';
import { COLLECTIONS } from '../collections';
import { findAll } from '../ports/store';
import { digestsOf } from './digest';
import type { FundDoc, LedgerEntryDoc, ReversalMarker } from '../ledger/ledger';
import { entryView } from '../reports/statement';
import { loadCaseDoc } from '../notices/case-source';
import { requireRole } from '../access/rules';
import { loadSociety } from '../registry/load';
import { getMany, noticeIdOf, type CaseFlagDoc, type NoticeDoc } from '../notices/model';
import { publicNoticeView } from '../notices/views';
import type { CaseDoc, CaseEventDoc } from '../cases/model';
import { officerCaseView } from '../cases/queries';
import { amountOf, reliefTypeOf, timelineOf } from '../cases/views';
import { CASE_STATE_LABELS, type OfficerCaseView } from '../../miniprogram/domain/case';
import { formatYuanShort } from '../../miniprogram/domain/money';
import { CAUSE_LABELS, RELIEF_TYPE_LABELS } from '../../miniprogram/domain/relief';
import { SOCIETY_STATUS_LABELS, type Role } from '../../miniprogram/domain/society';
import { CAUSE_CATEGORY_LABELS, causeCategoryOf, noticeStatusAt } from '../../miniprogram/domain/notices';
import {
  CASE_NOTICE_STATE_LABELS,
  type CaseNoticeState,
  type FourPublicSheet,
  type SupervisedCasesPage,
  type SupervisionOverview,
} from '../../miniprogram/domain/oversight';
import type { FundEntriesPage } from '../../miniprogram/domain/funds';
import { flagView } from './flags';
import { openStored } from '../cases/pii';

/** Every case with its personal data: the committee and the society's officers (DESIGN: they read everything). */
export const CASE_SUPERVISORS: readonly Role[] = ['supervisor', 'secretary', 'president'];
export const OVERVIEW_READERS: readonly Role[] = ['supervisor', 'secretary', 'president', 'township', 'county'];
export const LEDGER_READERS: readonly Role[] = ['supervisor', 'secretary', 'president', 'township', 'county'];

/**
 * The society's counts, from its digest (./digest.ts, issue 15): the society, the digest and the
 * fund, the same few reads at any number of cases; the counts at most about a minute behind the
 * society's last action, the fund as it is.
 */
export async function supervisionOverview(ctx: ActionContext, societyId: string): Promise<SupervisionOverview> {
  const society = await loadSociety(ctx.store, societyId);
  requireRole(ctx.caller, OVERVIEW_READERS, society);
  const now = ctx.clock.now();
  const [digests, fund] = await Promise.all([
    digestsOf(ctx.store, [society], now),
    ctx.store.get<FundDoc>(COLLECTIONS.funds, societyId),
  ]);
  const digest = digests.get(society._id)!;
  return {
    society: {
      id: society._id,
      name: society.name,
      villageName: digest.villageName,
      statusLabel: SOCIETY_STATUS_LABELS[society.status],
    },
    cases: {
      total: digest.cases.total,
      open: digest.cases.open,
      paid: digest.cases.paid,
      overdue: digest.cases.overdue,
    },
    notices: {
      live: digest.notices.live.length,
      archived: digest.notices.total - digest.notices.live.length,
      unpublished: digest.cases.awaitingNotice,
      notPostedOnPaper: digest.notices.live.filter((notice) => !notice.posted).length,
    },
    objections: digest.objections,
    flags: { total: digest.flags.total, open: digest.flags.open },
    fund: { balanceFen: fund?.balanceFen ?? 0, entryCount: fund?.entryCount ?? 0 },
    audit: digest.audit,
    generatedAt: now.toISOString(),
  };
}

function noticeStateOf(doc: CaseDoc, notice: NoticeDoc | undefined, now: Date): CaseNoticeState {
  if (notice) return noticeStatusAt(notice.publishedAt, now);
  return doc.payout ? 'unpublished' : 'notDue';
}

/** Every case of the society, newest first, each with every step. */
export async function supervisedCases(
  ctx: ActionContext,
  input: { societyId: string; offset: number; limit: number },
): Promise<SupervisedCasesPage> {
  const society = await loadSociety(ctx.store, input.societyId);
  requireRole(ctx.caller, CASE_SUPERVISORS, society, '案件详情仅向本社秘书长、社长和村监督委员会开放');
  const now = ctx.clock.now();
  const [docs, total] = await Promise.all([
    ctx.store.find<CaseDoc>(COLLECTIONS.cases, {
      where: { societyId: society._id },
      orderBy: [['createdAt', 'desc']],
      offset: input.offset,
      limit: input.limit,
    }),
    ctx.store.count(COLLECTIONS.cases, { societyId: society._id }),
  ]);
  const ids = docs.map((doc) => doc._id);
  // Cases written before their events were kept on them (issue 15) read theirs in one query.
  const legacyIds = docs.filter((doc) => !doc.events).map((doc) => doc._id);
  const [legacyEvents, notices, flags] = await Promise.all([
    legacyIds.length
      ? findAll<CaseEventDoc>(ctx.store, COLLECTIONS.caseEvents, {
          where: { caseId: { $in: legacyIds } },
          orderBy: [['seq', 'asc']],
        })
      : Promise.resolve([]),
    getMany<NoticeDoc>(ctx.store, COLLECTIONS.notices, ids.map(noticeIdOf)),
    ids.length
      ? ctx.store.find<CaseFlagDoc>(COLLECTIONS.caseFlags, { where: { caseId: { $in: ids } }, limit: 1000 })
      : Promise.resolve([]),
  ]);
  const eventsByCase = new Map<string, CaseEventDoc[]>();
  for (const doc of docs) if (doc.events) eventsByCase.set(doc._id, doc.events);
  for (const event of legacyEvents) eventsByCase.set(event.caseId, [...(eventsByCase.get(event.caseId) ?? []), event]);
  const noticeOf = new Map(notices.map((notice) => [notice.caseId, notice]));
  const flagged = new Set(flags.filter((flag) => flag.status === 'open').map((flag) => flag.caseId));
  return {
    items: docs.map((doc) => {
      const notice = noticeOf.get(doc._id);
      const noticeState = noticeStateOf(doc, notice, now);
      const reliefType = reliefTypeOf(doc);
      return {
        id: doc._id,
        caseNo: doc.caseNo,
        name: openStored(doc.person.name),
        maskedName: doc.person.maskedName,
        maskedIdNumber: doc.person.maskedIdNumber,
        state: doc.state,
        stateLabel: CASE_STATE_LABELS[doc.state],
        causeLabel: CAUSE_LABELS[doc.situation.cause],
        reliefTypeLabel: reliefType ? RELIEF_TYPE_LABELS[reliefType] : null,
        amountFen: amountOf(doc),
        createdAt: doc.createdAt,
        paidAt: doc.paidAt,
        overdue: doc.nextDueAt < now.toISOString(),
        noticeState,
        noticeStateLabel: CASE_NOTICE_STATE_LABELS[noticeState],
        openObjections: notice?.openObjectionCount ?? 0,
        flagged: flagged.has(doc._id),
        steps: timelineOf(eventsByCase.get(doc._id) ?? []),
      };
    }),
    total,
    offset: input.offset,
    limit: input.limit,
  };
}

/** Every ledger entry of the society, newest first (recipients masked as in every member view). */
export async function supervisionLedger(
  ctx: ActionContext,
  input: { societyId: string; offset: number; limit: number },
): Promise<FundEntriesPage> {
  const society = await loadSociety(ctx.store, input.societyId);
  requireRole(ctx.caller, LEDGER_READERS, society);
  const [entries, fund] = await Promise.all([
    ctx.store.find<LedgerEntryDoc>(COLLECTIONS.ledgerEntries, {
      where: { societyId: society._id },
      orderBy: [
        ['recordedAt', 'desc'],
        ['seq', 'desc'],
      ],
      offset: input.offset,
      limit: input.limit,
    }),
    ctx.store.get<FundDoc>(COLLECTIONS.funds, society._id),
  ]);
  const markers = await getMany<ReversalMarker>(
    ctx.store,
    COLLECTIONS.ledgerReversals,
    entries.map((entry) => entry._id),
  );
  const reversedBy = new Map(markers.map((marker) => [marker._id, marker.reversalEntryId]));
  return {
    items: entries.map((entry) => entryView(entry, reversedBy.get(entry._id) ?? null)),
    total: fund?.entryCount ?? entries.length,
    offset: input.offset,
    limit: input.limit,
  };
}

/** R-PROC-5: 先行救助 not ratified, and what the township decided about the money (or that it has not yet). */
function unratifiedOf(view: OfficerCaseView): FourPublicSheet['unratified'] {
  const first = view.reliefFirst;
  if (!first || first.explanation?.ratified !== false || !view.payout) return null;
  const outcome = first.outcome;
  const paidFen = view.payout.amountFen;
  if (!outcome) {
    return {
      outcomeLabel: '未予追认，待乡镇处理（追回或核销）',
      pending: true,
      paidFen,
      recoveredFen: 0,
      recoveredOn: null,
      reason: null,
      byName: null,
      at: null,
      ledgerEntryId: null,
    };
  }
  return {
    outcomeLabel:
      outcome.kind === 'recovery'
        ? `未予追认，乡镇已追回 ${formatYuanShort(outcome.recoveredFen)}（先行发放 ${formatYuanShort(paidFen)}）`
        : `未予追认，乡镇已核销 ${formatYuanShort(paidFen)}`,
    pending: false,
    paidFen,
    recoveredFen: outcome.recoveredFen,
    recoveredOn: outcome.recoveredOn,
    reason: outcome.reason,
    byName: outcome.byName,
    at: outcome.at,
    ledgerEntryId: outcome.ledgerEntryId,
  };
}

/** 四公布 (R-OVS-3) of one case: reason, findings, decision, amount — published beside recorded. */
export async function fourPublicSheet(ctx: ActionContext, caseId: string): Promise<FourPublicSheet> {
  const doc = await loadCaseDoc(ctx.store, caseId);
  if (!doc) throw new AppError('NOT_FOUND', `case ${caseId} not found`, '没有找到这个救助案件');
  const society = await loadSociety(ctx.store, doc.societyId);
  requireRole(ctx.caller, CASE_SUPERVISORS, society, '案件详情仅向本社秘书长、社长和村监督委员会开放');
  const now = ctx.clock.now();
  const [view, notice, flags] = await Promise.all([
    officerCaseView(ctx, doc, society),
    ctx.store.get<NoticeDoc>(COLLECTIONS.notices, noticeIdOf(doc._id)),
    ctx.store.find<CaseFlagDoc>(COLLECTIONS.caseFlags, {
      where: { caseId: doc._id },
      orderBy: [['at', 'desc']],
      limit: 100,
    }),
  ]);
  const decided = view.decision;
  const reliefFirst = view.reliefFirst;
  const noticeView = notice ? publicNoticeView(notice, now) : null;
  return {
    caseId: doc._id,
    caseNo: doc.caseNo,
    societyId: society._id,
    societyName: society.name,
    name: view.person.name,
    maskedName: view.person.maskedName,
    stateLabel: view.stateLabel,
    reason: {
      causeLabel: view.situation.causeLabel,
      published: CAUSE_CATEGORY_LABELS[causeCategoryOf(doc.situation.cause)],
      record: view.situation.description,
      eligibility: view.eligibility.summary,
    },
    findings: {
      published: notice?.content.checkFinding ?? null,
      record: view.visit?.findings ?? null,
      visitedAt: view.visit?.visitedAt ?? null,
      visitors: view.visit?.visitors ?? [],
      originalsChecked: view.visit?.originalsCheckedLabels ?? [],
    },
    decision: decided
      ? {
          outcomeLabel: decided.outcome === 'approved' ? '批准' : '不予批准',
          reliefTypeLabel: decided.reliefTypeLabel,
          formLabel: decided.formLabel,
          tierLabel: decided.tierLabel,
          reason: decided.reason,
          byName: decided.byName,
          at: decided.at,
          reliefFirst: reliefFirst !== null,
        }
      : reliefFirst
        ? {
            outcomeLabel: reliefFirst.explanation
              ? reliefFirst.explanation.ratified
                ? '先行救助，已追认'
                : '先行救助，未予追认'
              : '先行救助，待补办审批',
            reliefTypeLabel: view.reliefTypeLabel,
            formLabel: null,
            tierLabel: null,
            reason: reliefFirst.explanation?.text ?? reliefFirst.urgency,
            byName: reliefFirst.explanation?.byName ?? reliefFirst.byName,
            at: reliefFirst.explanation?.at ?? reliefFirst.at,
            reliefFirst: true,
          }
        : null,
    unratified: unratifiedOf(view),
    amount: view.payout
      ? {
          amountFen: view.payout.amountFen,
          methodLabel: view.payout.methodLabel,
          paidAt: view.payout.paidAt,
          paidByName: view.payout.paidByName,
          ledgerEntryId: view.payout.ledgerEntryId,
          receiptConfirmed: view.receipt !== null,
        }
      : null,
    notice:
      notice && noticeView
        ? {
            id: notice._id,
            statusLabel: noticeView.statusLabel,
            publishedAt: notice.publishedAt,
            periodText: noticeView.periodText,
            lines: noticeView.lines,
            objectionCount: notice.objectionCount,
            openObjectionCount: notice.openObjectionCount,
            postedOnPaper: notice.boardPhoto !== null,
          }
        : null,
    flags: flags.map((flag) => flagView(flag, society.name)),
    steps: view.timeline,
    generatedAt: now.toISOString(),
  };
}
