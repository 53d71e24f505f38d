/**
 * Monthly reports (R-PROC-8): per society, for a month that has ended, generated on the 1st by
 * the scheduler's timer (or on demand), with the cases received, accepted and paid, amounts by
 * relief type, deadlines met and missed, and the fund's in, out and balance. A report is sent to
 * the township and the federation when it is generated and is frozen from then on: a correction
 * is a new version (`{societyId}:{month}:v{n}`), the earlier ones kept; `monthlyReportHeads`
 * names the latest. Exportable as an xlsx workbook.
 */
import { AppError } from '../errors';
import type { ActionContext } from '../context';
import { COLLECTIONS, type AreaDoc, type SocietyDoc } from '../collections';
import { type Actor, actorName, type Caller } from '../access/caller';
import { callerCounty, covers, coversSociety, requireActing } from '../access/rules';
import { loadSociety } from '../registry/load';
import { appendAudit } from '../audit/trail';
import { findAll, type Doc, type Store, type Where } from '../ports/store';
import { caseStatsBetween } from './case-stats';
import { helpStatsForMonths } from '../clues/helps';
import { fundStatement } from './statement';
import {
  addMonths,
  beijingMonthOf,
  monthLabel,
  monthStartIso,
  type CaseMonthStatsView,
  type FundStatement,
  type Month,
  type MonthlyReportView,
} from '../../miniprogram/domain/funds';
import { ROLE_LABELS } from '../../miniprogram/domain/society';

export type ReportTrigger = MonthlyReportView['trigger'];

export interface MonthlyReportDoc extends Doc {
  societyId: string;
  societyName: string;
  townshipId: string;
  townshipName: string;
  countyId: string;
  month: Month;
  version: number;
  trigger: ReportTrigger;
  correctionNote: string;
  generatedAt: string;
  /** null when the timer generated it. */
  generatedBy: Actor | null;
  sentTo: string[];
  cases: CaseMonthStatsView;
  statement: FundStatement;
  supersedes: string | null;
}

export interface MonthlyReportHeadDoc extends Doc {
  societyId: string;
  month: Month;
  latestVersion: number;
  latestId: string;
  updatedAt: string;
}

export function reportId(societyId: string, month: Month, version: number): string {
  return `${societyId}:${month}:v${version}`;
}

/** The month before `now`'s Beijing month: what the 1st's run reports on. */
export function previousMonth(now: Date): Month {
  return addMonths(beijingMonthOf(now), -1);
}

/** Societies that report: running, or suspended (money may still move). */
const REPORTING = ['active', 'suspended'];

export interface GenerateOptions {
  trigger: ReportTrigger;
  actor: Actor | null;
  correctionNote?: string;
}

/**
 * Generates and sends the report of `month`, or returns the one already sent (timer, manual).
 * A correction always makes the next version.
 */
export async function generateMonthlyReport(
  ctx: Pick<ActionContext, 'store' | 'clock'>,
  society: SocietyDoc,
  month: Month,
  options: GenerateOptions,
): Promise<{ report: MonthlyReportDoc; created: boolean }> {
  const now = ctx.clock.now();
  if (month >= beijingMonthOf(now)) {
    throw new AppError('INVALID_STATE', `month ${month} has not ended`, '只能生成已结束月份的月报');
  }
  if (!REPORTING.includes(society.status)) {
    throw new AppError('INVALID_STATE', `society ${society._id} is ${society.status}`, '互助社尚未启动，无需报送月报');
  }
  const headId = `${society._id}:${month}`;
  const head = await ctx.store.get<MonthlyReportHeadDoc>(COLLECTIONS.monthlyReportHeads, headId);
  if (head && options.trigger !== 'correction') {
    return { report: await loadReport(ctx.store, head.latestId), created: false };
  }
  const [caseStats, helps, statement, township] = await Promise.all([
    caseStatsBetween(ctx.store, society._id, monthStartIso(month), monthStartIso(addMonths(month, 1))),
    helpStatsForMonths(ctx.store, society._id, month, addMonths(month, 1)),
    fundStatement(ctx.store, society, month, month),
    ctx.store.get<AreaDoc>(COLLECTIONS.areas, society.townshipId),
  ]);
  const cases = { ...caseStats, helps };
  return ctx.store.transaction(async (tx) => {
    const currentHead = await tx.get<MonthlyReportHeadDoc>(COLLECTIONS.monthlyReportHeads, headId);
    if (currentHead && options.trigger !== 'correction') {
      const existing = await tx.get<MonthlyReportDoc>(COLLECTIONS.monthlyReports, currentHead.latestId);
      return { report: existing!, created: false };
    }
    const version = (currentHead?.latestVersion ?? 0) + 1;
    const report: MonthlyReportDoc = {
      _id: reportId(society._id, month, version),
      societyId: society._id,
      societyName: society.name,
      townshipId: society.townshipId,
      townshipName: township?.name ?? '',
      countyId: society.countyId,
      month,
      version,
      trigger: version > 1 ? 'correction' : options.trigger,
      correctionNote: options.correctionNote ?? '',
      generatedAt: now.toISOString(),
      generatedBy: options.actor,
      sentTo: [township?.name ?? ROLE_LABELS.township, ROLE_LABELS.federation],
      cases,
      statement,
      supersedes: currentHead?.latestId ?? null,
    };
    await tx.insert(COLLECTIONS.monthlyReports, report);
    await tx.set<MonthlyReportHeadDoc>(COLLECTIONS.monthlyReportHeads, {
      _id: headId,
      societyId: society._id,
      month,
      latestVersion: version,
      latestId: report._id,
      updatedAt: now.toISOString(),
    });
    await appendAudit(tx, {
      scopeId: society._id,
      actor: options.actor ?? { userId: null, openid: null, name: '定时任务', role: null },
      action: version > 1 ? 'monthlyReport.correct' : 'monthlyReport.send',
      target: `${COLLECTIONS.monthlyReports}/${report._id}`,
      details: { month, version, trigger: report.trigger, reconciled: statement.reconciliation.ok },
      at: now,
    });
    return { report, created: true };
  });
}

async function loadReport(store: Store, id: string): Promise<MonthlyReportDoc> {
  const report = await store.get<MonthlyReportDoc>(COLLECTIONS.monthlyReports, id);
  if (!report) throw new AppError('NOT_FOUND', `monthly report ${id} not found`, '没有找到这份月报');
  return report;
}

export function reportView(report: MonthlyReportDoc, latest: boolean): MonthlyReportView {
  return {
    id: report._id,
    societyId: report.societyId,
    societyName: report.societyName,
    townshipName: report.townshipName,
    month: report.month,
    monthLabel: monthLabel(report.month),
    version: report.version,
    latest,
    trigger: report.trigger,
    correctionNote: report.correctionNote,
    generatedAt: report.generatedAt,
    generatedByName: report.generatedBy ? actorName(report.generatedBy) : '系统（每月1日自动生成）',
    sentTo: report.sentTo,
    cases: report.cases,
    ledger: {
      openingFen: report.statement.openingFen,
      inFen: report.statement.inFen,
      outFen: report.statement.outFen,
      closingFen: report.statement.closingFen,
      inByChannel: report.statement.inByChannel,
      outByRelief: report.statement.outByRelief,
      reconciled: report.statement.reconciliation.ok,
    },
  };
}

const REPORT_WRITERS = ['secretary', 'president'] as const;
const REPORT_READERS = ['secretary', 'president', 'supervisor', 'township', 'county', 'federation'] as const;

/** On demand by the society's secretary or president: the report of a past month (default: last month). */
export async function generateOnDemand(
  ctx: ActionContext,
  societyId: string,
  month: Month | undefined,
): Promise<MonthlyReportView & { created: boolean }> {
  const society = await loadSociety(ctx.store, societyId);
  const { actor } = requireActing(ctx.caller, REPORT_WRITERS, society, '月报由本社秘书长报送');
  const { report, created } = await generateMonthlyReport(ctx, society, month ?? previousMonth(ctx.clock.now()), {
    trigger: 'manual',
    actor,
  });
  return { ...reportView(report, true), created };
}

/** A correction: a new version of an already sent report, with the reason; the earlier one is kept. */
export async function correctReport(
  ctx: ActionContext,
  societyId: string,
  month: Month,
  note: string,
): Promise<MonthlyReportView> {
  const society = await loadSociety(ctx.store, societyId);
  const { actor } = requireActing(ctx.caller, REPORT_WRITERS, society, '月报由本社秘书长报送');
  const head = await ctx.store.get<MonthlyReportHeadDoc>(COLLECTIONS.monthlyReportHeads, `${societyId}:${month}`);
  if (!head) throw new AppError('INVALID_STATE', `no report of ${month} to correct`, '该月月报尚未报送，无需更正');
  const { report } = await generateMonthlyReport(ctx, society, month, {
    trigger: 'correction',
    actor,
    correctionNote: note,
  });
  return reportView(report, true);
}

export interface MonthlyRunResult {
  month: Month;
  generated: string[];
  alreadySent: string[];
  failed: Array<{ societyId: string; code: string; message: string }>;
}

/**
 * The 1st-of-the-month run: every reporting society (the timer trigger), or those of the calling
 * township, county bureau or federation (a catch-up).
 */
export async function runMonthlyReports(ctx: ActionContext, month: Month | undefined): Promise<MonthlyRunResult> {
  const system = ctx.caller.timer !== undefined;
  let where: Where = { status: { $in: REPORTING } };
  let actor: Actor | null = null;
  if (!system) {
    const scope = await callerCounty(ctx.store, ctx.caller, ['county', 'federation', 'township']);
    where = scope.role === 'township' ? { ...where, townshipId: scope.areaId } : { ...where, countyId: scope.countyId };
    actor = {
      userId: ctx.caller.user?._id ?? null,
      openid: ctx.caller.openid,
      name: ctx.caller.user?.name ?? null,
      role: scope.role,
    };
  }
  const target = month ?? previousMonth(ctx.clock.now());
  const societies = (
    await findAll<SocietyDoc>(ctx.store, COLLECTIONS.societies, { where, orderBy: [['_id', 'asc']] })
  ).filter((society) => system || coversSociety(ctx.caller, ['county', 'federation', 'township'], society));
  const result: MonthlyRunResult = { month: target, generated: [], alreadySent: [], failed: [] };
  for (const society of societies) {
    try {
      const { report, created } = await generateMonthlyReport(ctx, society, target, {
        trigger: system ? 'timer' : 'manual',
        actor,
      });
      (created ? result.generated : result.alreadySent).push(report._id);
    } catch (error) {
      const code = error instanceof AppError ? error.code : 'INTERNAL';
      const message = error instanceof AppError ? error.userMessage : String(error);
      ctx.log.error('monthly report failed', { societyId: society._id, month: target, code, detail: String(error) });
      result.failed.push({ societyId: society._id, code, message });
    }
  }
  ctx.log.info('monthly reports', { month: target, generated: result.generated.length, failed: result.failed.length });
  return result;
}

function readable(caller: Caller, report: MonthlyReportDoc): boolean {
  return covers(caller, REPORT_READERS, {
    societyId: report.societyId,
    townshipId: report.townshipId,
    countyId: report.countyId,
  });
}

export interface ListReportsInput {
  societyId?: string;
  month?: Month;
  allVersions?: boolean;
}

/** What the township and the federation received (their whole area), or one society's reports. */
export async function listMonthlyReports(
  ctx: ActionContext,
  input: ListReportsInput,
): Promise<{ items: MonthlyReportView[] }> {
  let where: Where;
  if (input.societyId) {
    const society = await loadSociety(ctx.store, input.societyId);
    requireActing(ctx.caller, REPORT_READERS, society);
    where = { societyId: society._id };
  } else {
    const scope = await callerCounty(ctx.store, ctx.caller, ['township', 'county', 'federation']);
    where = scope.role === 'township' ? { townshipId: scope.areaId } : { countyId: scope.countyId };
  }
  if (input.month) where = { ...where, month: input.month };
  const reports = (
    await ctx.store.find<MonthlyReportDoc>(COLLECTIONS.monthlyReports, {
      where,
      orderBy: [
        ['month', 'desc'],
        ['societyId', 'asc'],
        ['version', 'desc'],
      ],
      limit: 1000,
    })
  ).filter((report) => readable(ctx.caller, report));
  const latestVersion = new Map<string, number>();
  for (const report of reports) {
    const key = `${report.societyId}:${report.month}`;
    latestVersion.set(key, Math.max(latestVersion.get(key) ?? 0, report.version));
  }
  const items = reports
    .map((report) => reportView(report, latestVersion.get(`${report.societyId}:${report.month}`) === report.version))
    .filter((view) => input.allVersions || view.latest);
  return { items };
}

export async function readableReport(
  ctx: ActionContext,
  id: string,
): Promise<{ report: MonthlyReportDoc; latest: boolean }> {
  const report = await loadReport(ctx.store, id);
  if (!readable(ctx.caller, report)) throw new AppError('FORBIDDEN', `caller may not read report ${id}`);
  const head = await ctx.store.get<MonthlyReportHeadDoc>(
    COLLECTIONS.monthlyReportHeads,
    `${report.societyId}:${report.month}`,
  );
  return { report, latest: head?.latestId === report._id };
}

export async function getMonthlyReport(ctx: ActionContext, id: string): Promise<MonthlyReportView> {
  const { report, latest } = await readableReport(ctx, id);
  return reportView(report, latest);
}
