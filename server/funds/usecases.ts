/**
 * Recording money by hand and reading the fund (R-FUND-3, R-OVS-4). The secretary records the
 * county subsidy, collective funds and bank interest (for a filed society the federation may
 * too: the money is in its account), and corrects a mistake with a reversing entry; members and
 * everyone else only read. Donations come in through confirmed pledges, relief through cases —
 * all of it through `recordLedgerEntry`.
 */
import { AppError } from '../errors';
import type { ActionContext } from '../context';
import { COLLECTIONS, type SocietyDoc } from '../collections';
import { openBankAccount } from '../registry/bank-account';
import { appendAudit } from '../audit/trail';
import { raisedFen, recordLedgerEntry, type FundDoc, type LedgerEntryDoc } from '../ledger/ledger';
import { reopenPledgeAfterReversal } from '../pledges/usecases';
import {
  entryView,
  fundEntries,
  fundStatement,
  keptStatement,
  verifyLedger,
  type LedgerVerification,
} from '../reports/statement';
import { ledgerCheckpoint } from '../ledger/checkpoints';
import { FUND_READERS, requireActing } from '../access/rules';
import { loadSociety } from '../registry/load';
import type { Role } from '../../miniprogram/domain/society';
import { formatBeijingTime } from '../../miniprogram/domain/case';
import {
  addMonths,
  beijingMonthOf,
  halfYearMonths,
  halfYearOf,
  type FundEntriesPage,
  type RecordEntryResult,
  type FundReportView,
  type ManualEntryType,
  type Month,
} from '../../miniprogram/domain/funds';

/** Who keeps the books of a society: its secretary; for a filed society also the federation. */
function bookkeepers(society: SocietyDoc): readonly Role[] {
  return society.form === 'filed' ? ['secretary', 'federation'] : ['secretary'];
}

export interface RecordEntryInput {
  societyId: string;
  entryId: string;
  type: ManualEntryType;
  amountFen: number;
  sourceRef: string;
  memo?: string;
  payerName?: string;
}

export async function recordEntry(ctx: ActionContext, input: RecordEntryInput): Promise<RecordEntryResult> {
  const society = await loadSociety(ctx.store, input.societyId);
  const { actor } = requireActing(ctx.caller, bookkeepers(society), society, '只有本社秘书长可以记账');
  const now = ctx.clock.now();
  const result = await ctx.store.transaction((tx) =>
    recordLedgerEntry(
      tx,
      society._id,
      {
        entryId: input.entryId,
        type: input.type,
        amountFen: input.amountFen,
        sourceRef: input.sourceRef,
        memo: input.memo,
        counterparty: input.payerName ? { name: input.payerName } : undefined,
      },
      actor,
      now,
    ),
  );
  return { entry: entryView(result.entry, null), balanceFen: result.fund.balanceFen, replayed: result.replayed };
}

export interface ReverseEntryInput {
  societyId: string;
  entryId: string;
  reversesEntryId: string;
  reason: string;
}

/**
 * R-FUND-3: a mistake is corrected by a reversing entry naming the one it reverses. A relief
 * payout of a case is corrected within its case (the case must say so too), not here. Reversing
 * a pledge's donation puts the pledge back to awaiting receipt, in the same transaction.
 */
export async function reverseEntry(ctx: ActionContext, input: ReverseEntryInput): Promise<RecordEntryResult> {
  const society = await loadSociety(ctx.store, input.societyId);
  const { actor } = requireActing(ctx.caller, bookkeepers(society), society, '只有本社秘书长可以冲正');
  const now = ctx.clock.now();
  const result = await ctx.store.transaction(async (tx) => {
    const original = await tx.get<LedgerEntryDoc>(COLLECTIONS.ledgerEntries, input.reversesEntryId);
    if (original && original.type === 'reliefPayout' && original.sourceRef.startsWith('case:')) {
      throw new AppError(
        'INVALID_STATE',
        `entry ${original._id} belongs to ${original.sourceRef}`,
        '救助支出请在对应的救助案件中更正',
      );
    }
    const recorded = await recordLedgerEntry(
      tx,
      society._id,
      {
        entryId: input.entryId,
        type: 'reversal',
        reversesEntryId: input.reversesEntryId,
        sourceRef: original?.sourceRef ?? '',
        memo: `冲正：${input.reason}`,
      },
      actor,
      now,
    );
    if (!recorded.replayed && original) {
      await reopenPledgeAfterReversal(tx, original, recorded.entry._id);
      await appendAudit(tx, {
        scopeId: society._id,
        actor,
        action: 'ledger.reverse',
        target: `${COLLECTIONS.ledgerEntries}/${original._id}`,
        details: { reversalEntryId: recorded.entry._id, reason: input.reason },
        at: now,
      });
    }
    return recorded;
  });
  return { entry: entryView(result.entry, null), balanceFen: result.fund.balanceFen, replayed: result.replayed };
}

/** Defaults to the current half-year up to this month (Beijing). */
export function resolvePeriod(now: Date, from: Month | undefined, to: Month | undefined): { from: Month; to: Month } {
  const thisMonth = beijingMonthOf(now);
  const resolvedTo = to ?? (from && from > thisMonth ? from : thisMonth);
  const resolvedFrom = from ?? halfYearMonths(halfYearOf(resolvedTo)).from;
  if (resolvedFrom > resolvedTo) {
    throw new AppError('BAD_REQUEST', `period ${resolvedFrom}..${resolvedTo} is backwards`, '开始月份不能晚于结束月份');
  }
  if (resolvedTo > addMonths(resolvedFrom, 119)) {
    throw new AppError('BAD_REQUEST', 'period longer than ten years', '一次最多查询十年');
  }
  return { from: resolvedFrom, to: resolvedTo };
}

/**
 * R-OVS-4: the fund report for members, from the monthly aggregates (the same cost at 100 or
 * 100,000 entries): those the fund keeps for the recent months, else the `fundPeriods` documents.
 */
export async function fundReport(
  ctx: ActionContext,
  societyId: string,
  from?: Month,
  to?: Month,
): Promise<FundReportView> {
  const society = await loadSociety(ctx.store, societyId);
  requireActing(ctx.caller, FUND_READERS, society, '互助资金报告仅向本社会员和监督、管理部门公开');
  const period = resolvePeriod(ctx.clock.now(), from, to);
  // The fund keeps its recent months (issue 15): a report of them reads the fund alone.
  const fund = await ctx.store.get<FundDoc>(COLLECTIONS.funds, societyId);
  const statement =
    keptStatement(fund, society, period.from, period.to) ??
    (await fundStatement(ctx.store, society, period.from, period.to));
  const account = openBankAccount(society);
  const changedBy = society.bankAccountChangedBy ?? null;
  return {
    ...statement,
    currentBalanceFen: fund?.balanceFen ?? 0,
    raisedFen: fund ? raisedFen(fund) : 0,
    generatedAt: ctx.clock.now().toISOString(),
    // Members check where donations go: the bank, the name and the last four digits (the whole number is on the invitation).
    account: account
      ? {
          text: `${account.accountName}，${account.bankName}，尾号${account.accountNumber.replace(/\s/g, '').slice(-4)}`,
          changedText:
            society.bankAccountChangedAt && changedBy
              ? `${changedBy.role === 'president' ? '社长' : ''}${changedBy.name ?? ''}于${formatBeijingTime(society.bankAccountChangedAt, true)}填写`
              : null,
        }
      : null,
  };
}

export async function listFundEntries(
  ctx: ActionContext,
  input: { societyId: string; from?: Month; to?: Month; offset?: number; limit?: number },
): Promise<FundEntriesPage> {
  const society = await loadSociety(ctx.store, input.societyId);
  requireActing(ctx.caller, FUND_READERS, society, '互助资金明细仅向本社会员和监督、管理部门公开');
  const period = resolvePeriod(ctx.clock.now(), input.from, input.to);
  return fundEntries(ctx.store, society._id, period.from, period.to, input.offset ?? 0, input.limit ?? 20);
}

/** The full check of a ledger, every entry read (for the supervisor and the overseers). */
export async function auditLedger(ctx: ActionContext, societyId: string): Promise<LedgerVerification> {
  const society = await loadSociety(ctx.store, societyId);
  requireActing(ctx.caller, ['supervisor', 'secretary', 'president', 'township', 'county', 'federation'], society);
  // From the nightly checkpoint (issue 15): only the entries since are read.
  const { next: _next, ...verification } = await verifyLedger(
    ctx.store,
    societyId,
    await ledgerCheckpoint(ctx.store, societyId),
  );
  return verification;
}
