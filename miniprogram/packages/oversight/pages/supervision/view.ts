/**
 * Shapes what the village supervision committee reads of its society (R-OVS-2): the counts, every
 * case with every step, every ledger entry, every objection with its answer, and the flags raised.
 * Read-only: the one action offered is a flag for the township (R-OVS-3 sheet). Pure: tested
 * without rendering.
 */
import { formatYuan } from '../../../../domain/money';
import { formatBeijingTime, type TimelineEntry } from '../../../../domain/case';
import type { MeView } from '../../../../domain/society';
import type { FundEntryView } from '../../../../domain/funds';
import { noticeTitle, type ArchivedNoticeView, type ObjectionView } from '../../../../domain/notices';
import type { CaseFlagView, SupervisedCaseItem, SupervisionOverview } from '../../../../domain/oversight';

export const MISSING_SOCIETY_MESSAGE = '缺少互助社编号，请从监督总览进入';
export const NOT_SUPERVISOR_MESSAGE = '您不能查看这个互助社的监督信息';
/** What the township and county see instead of the cases (the cloud keeps case details in the village). */
export const CASES_HIDDEN_MESSAGE = '案件详情仅向本社秘书长、社长和村监督委员会开放';
export const NO_CASES_MESSAGE = '本社还没有救助案件';
export const NO_ENTRIES_MESSAGE = '还没有资金记录';
export const NO_NOTICES_MESSAGE = '还没有发布过公示';
export const NO_OBJECTIONS_MESSAGE = '还没有人提出异议';
export const NO_FLAGS_MESSAGE = '还没有提请乡镇关注的案件';
export const READ_ONLY_NOTE = '监督委员会只查看、不修改；发现问题可对案件「提请乡镇关注」。';

/** Items fetched per page of each list. */
export const PAGE_SIZE = 20;

export type SupervisionTab = 'cases' | 'ledger' | 'notices' | 'objections' | 'flags';

export const SUPERVISION_TABS: ReadonlyArray<{ value: SupervisionTab; label: string }> = [
  { value: 'cases', label: '案件' },
  { value: 'ledger', label: '台账' },
  { value: 'notices', label: '公示' },
  { value: 'objections', label: '异议' },
  { value: 'flags', label: '提请' },
];

export function isSupervisionTab(value: unknown): value is SupervisionTab {
  return SUPERVISION_TABS.some((tab) => tab.value === value);
}

/** Only the society's own supervision committee flags its cases (the cloud says the same). */
export function canFlagFor(me: MeView, societyId: string): boolean {
  return me.roles.some((grant) => grant.role === 'supervisor' && grant.societyId === societyId);
}

export function caseSheetUrl(caseId: string): string {
  return `/packages/oversight/pages/case-sheet/index?caseId=${encodeURIComponent(caseId)}`;
}

// ---------------------------------------------------------------------------------------------
// The header: counts

export interface CountCell {
  key: string;
  label: string;
  value: string;
  /** Something needs attention (overdue, open, unpublished). */
  alert: boolean;
}

export interface SupervisionHeader {
  title: string;
  place: string;
  statusLabel: string;
  counts: CountCell[];
}

export function toSupervisionHeader(overview: SupervisionOverview): SupervisionHeader {
  const { cases, notices, objections, flags, fund, audit } = overview;
  const cell = (key: string, label: string, value: number | string, alert = false): CountCell => ({
    key,
    label,
    value: String(value),
    alert,
  });
  return {
    title: overview.society.name,
    place: overview.society.villageName,
    statusLabel: overview.society.statusLabel,
    counts: [
      cell('cases', '案件总数', cases.total),
      cell('openCases', '办理中', cases.open),
      cell('paidCases', '已发放', cases.paid),
      cell('overdueCases', '超时案件', cases.overdue, cases.overdue > 0),
      cell('liveNotices', '公示中', notices.live),
      cell('archivedNotices', '公示已存档', notices.archived),
      cell('unpublished', '已发放未公示', notices.unpublished, notices.unpublished > 0),
      cell('notPosted', '未上传张贴照片', notices.notPostedOnPaper, notices.notPostedOnPaper > 0),
      cell('objections', '异议总数', objections.total),
      cell('openObjections', '待答复异议', objections.open, objections.open > 0),
      cell('overdueObjections', '超时未答复', objections.overdue, objections.overdue > 0),
      cell('openFlags', '待乡镇处理的提请', flags.open, flags.open > 0),
      cell('balance', '资金余额', formatYuan(fund.balanceFen)),
      cell('entries', '资金记录', `${fund.entryCount} 笔`),
      cell('audit', '操作记录', `${audit.count} 条`),
    ],
  };
}

// ---------------------------------------------------------------------------------------------
// Cases with every step

export interface StepRow {
  key: string;
  label: string;
  timeText: string;
  who: string;
  summary: string;
}

/** Every step, oldest first: who, in which role, when. */
export function toStepRows(steps: readonly TimelineEntry[]): StepRow[] {
  return [...steps]
    .sort((a, b) => a.seq - b.seq)
    .map((step) => ({
      key: String(step.seq),
      label: step.label,
      timeText: formatBeijingTime(step.at, true),
      who: `${step.actorRoleLabel} ${step.actorName}`.trim(),
      summary: step.summary,
    }));
}

export interface CaseCard {
  id: string;
  caseNo: string;
  title: string;
  stateLabel: string;
  causeLine: string;
  amountText: string;
  dateLine: string;
  noticeStateLabel: string;
  /** Warnings: overdue, open objections, flagged. */
  alerts: string[];
  steps: StepRow[];
  sheetUrl: string;
}

export function toCaseCard(item: SupervisedCaseItem): CaseCard {
  const alerts: string[] = [];
  if (item.overdue) alerts.push('办理期限已超时');
  if (item.openObjections > 0) alerts.push(`待答复异议 ${item.openObjections} 条`);
  if (item.flagged) alerts.push('已提请乡镇关注');
  return {
    id: item.id,
    caseNo: `编号 ${item.caseNo}`,
    title: `${item.name}（${item.maskedIdNumber}）`,
    stateLabel: item.stateLabel,
    causeLine: [item.causeLabel, item.reliefTypeLabel ?? '救助类别待定'].join(' · '),
    amountText: item.amountFen === null ? '金额待定' : formatYuan(item.amountFen),
    dateLine:
      `立案 ${formatBeijingTime(item.createdAt, true)}` +
      (item.paidAt ? `，发放 ${formatBeijingTime(item.paidAt, true)}` : ''),
    noticeStateLabel: `公示：${item.noticeStateLabel}`,
    alerts,
    steps: toStepRows(item.steps),
    sheetUrl: caseSheetUrl(item.id),
  };
}

// ---------------------------------------------------------------------------------------------
// Ledger entries (masked recipients, as the cloud answers them)

export interface LedgerRow {
  id: string;
  typeLabel: string;
  /** Signed: +¥10,000.00 in, -¥300.00 out. */
  amountText: string;
  outflow: boolean;
  balanceText: string;
  timeText: string;
  party: string;
  detail: string;
  who: string;
  /** 冲正 links: this entry corrects another, or was corrected. */
  reversalNote: string;
}

export function signedYuan(fen: number): string {
  return fen > 0 ? `+${formatYuan(fen)}` : formatYuan(fen);
}

export function toLedgerRow(entry: FundEntryView): LedgerRow {
  return {
    id: entry.id,
    typeLabel: entry.typeLabel,
    amountText: signedYuan(entry.amountFen),
    outflow: entry.amountFen < 0,
    balanceText: `余额 ${formatYuan(entry.balanceAfterFen)}`,
    timeText: formatBeijingTime(entry.recordedAt, true),
    party: entry.party,
    detail: [entry.reliefKindLabel, entry.memo].filter(Boolean).join(' · '),
    who: entry.recordedByName ? `记账：${entry.recordedByName}` : '',
    reversalNote: entry.reverses
      ? `冲正记录 ${entry.reverses}`
      : entry.reversedBy
        ? `已被冲正（${entry.reversedBy}）`
        : '',
  };
}

// ---------------------------------------------------------------------------------------------
// Notices, live and archived (R-PROC-6, R-OVS-3)

export interface NoticeRow {
  id: string;
  title: string;
  statusLabel: string;
  live: boolean;
  periodText: string;
  lines: string[];
  objectionText: string;
  paperText: string;
}

export function toNoticeRow(notice: ArchivedNoticeView): NoticeRow {
  return {
    id: notice.id,
    title: noticeTitle(notice.content),
    statusLabel: notice.statusLabel,
    live: notice.status === 'live',
    periodText: `公示期：${notice.periodText}`,
    lines: notice.lines,
    objectionText:
      notice.objectionCount === 0
        ? '无异议'
        : `异议 ${notice.objectionCount} 条，待答复 ${notice.openObjectionCount} 条`,
    paperText: notice.postedOnPaper ? '已上传公示栏张贴照片' : '未上传公示栏张贴照片',
  };
}

// ---------------------------------------------------------------------------------------------
// Objections with their answers

export interface ObjectionRow {
  id: string;
  noticeTitle: string;
  text: string;
  contactText: string;
  raisedText: string;
  dueText: string;
  statusLabel: string;
  overdue: boolean;
  answer: { text: string; line: string; late: boolean } | null;
}

export function toObjectionRow(objection: ObjectionView): ObjectionRow {
  const answer = objection.answer;
  return {
    id: objection.id,
    noticeTitle: objection.noticeTitle,
    text: objection.text,
    contactText: objection.contact ? `联系方式：${objection.contact}` : '',
    raisedText: `提出于 ${formatBeijingTime(objection.raisedAt, true)}`,
    dueText: objection.dueText,
    statusLabel: objection.statusLabel,
    overdue: objection.overdue,
    answer: answer
      ? {
          text: answer.text,
          line: `${answer.outcomeLabel} · ${answer.byName} · ${formatBeijingTime(answer.at, true)}${answer.late ? '（超时答复）' : ''}`,
          late: answer.late,
        }
      : null,
  };
}

// ---------------------------------------------------------------------------------------------
// Flags

export interface FlagRow {
  id: string;
  caseId: string;
  title: string;
  societyName: string;
  comment: string;
  byLine: string;
  statusLabel: string;
  open: boolean;
  resolutionText: string;
}

export function toFlagRow(flag: CaseFlagView): FlagRow {
  return {
    id: flag.id,
    caseId: flag.caseId,
    title: `案件 ${flag.caseNo} · ${flag.maskedName}`,
    societyName: flag.societyName,
    comment: flag.comment,
    byLine: `${flag.byName} 提请于 ${formatBeijingTime(flag.at, true)}`,
    statusLabel: flag.statusLabel,
    open: flag.status === 'open',
    resolutionText: flag.resolution
      ? `处理情况：${flag.resolution.note}（${flag.resolution.byName}，${formatBeijingTime(flag.resolution.at, true)}）`
      : '',
  };
}

// ---------------------------------------------------------------------------------------------
// Paged lists

export interface PagedList<T> {
  items: T[];
  total: number;
  /** More to fetch: the next offset is items.length. */
  hasMore: boolean;
  summary: string;
}

/** Appends one fetched page (offset = what is already shown) to a list. */
export function appendPage<T>(
  shown: readonly T[],
  page: { items: readonly T[]; total: number },
  unit: string,
): PagedList<T> {
  const items = [...shown, ...page.items];
  const total = Math.max(page.total, items.length);
  return {
    items,
    total,
    hasMore: items.length < total && page.items.length > 0,
    summary: `共 ${total} ${unit}，已显示 ${items.length} ${unit}`,
  };
}
