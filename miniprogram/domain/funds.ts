/**
 * The money side shared by the pages and the cloud (R-FUND, R-OVS-4, R-PROC-8): ledger entry
 * types and their labels, relief kinds, Beijing months and half-years, pledge channels, the
 * general-meeting notice rule, and the views the funds, pledges and reports actions answer.
 * Pure: no wx, no Node, no Intl. Money is integer fen; yuan only on screen (money.ts).
 */
import type { HelpStatsView } from './clues';
import type { Fen } from './money';
import type { SocietyForm } from './society';

// ---------------------------------------------------------------------------------------------
// Ledger entry types (R-FUND-1, R-FUND-3)

export type LedgerEntryType =
  'countySubsidy' | 'collectiveFund' | 'donation' | 'bankInterest' | 'reliefPayout' | 'reliefRecovery' | 'reversal';

/** Every type but a reversal: what a reversal reverses, and the buckets totals are kept in. */
export type OriginalEntryType = Exclude<LedgerEntryType, 'reversal'>;

export const ORIGINAL_ENTRY_TYPES: readonly OriginalEntryType[] = [
  'countySubsidy',
  'collectiveFund',
  'donation',
  'bankInterest',
  'reliefPayout',
  'reliefRecovery',
];

/**
 * Money in (R-FUND-1 channels, plus bank interest, plus 先行救助 money recovered when it was not
 * ratified, R-PROC-5: it comes back as an entry of its own, the payout stays as it was, R-FUND-3).
 */
export const INFLOW_TYPES = ['countySubsidy', 'collectiveFund', 'donation', 'bankInterest', 'reliefRecovery'] as const;
export type InflowType = (typeof INFLOW_TYPES)[number];

/** Money out: relief only (R-FUND-3: the fund is earmarked for relief). */
export const OUTFLOW_TYPES = ['reliefPayout'] as const;

/** R-FUND-1, R-ORG-2: the start-up channels whose money counts toward the 30,000 yuan. */
export const RAISING_TYPES = ['countySubsidy', 'collectiveFund', 'donation'] as const;
export type RaisingType = (typeof RAISING_TYPES)[number];

export const LEDGER_ENTRY_LABELS: Record<LedgerEntryType, string> = {
  countySubsidy: '县财政补助',
  collectiveFund: '村集体资金',
  donation: '社会捐赠',
  bankInterest: '银行利息',
  reliefPayout: '救助支出',
  reliefRecovery: '追回先行救助款',
  reversal: '冲正',
};

/** What the secretary records by hand; donations come through confirmed pledges, payouts through cases. */
export const MANUAL_ENTRY_TYPES = ['countySubsidy', 'collectiveFund', 'bankInterest'] as const;
export type ManualEntryType = (typeof MANUAL_ENTRY_TYPES)[number];

/** A sane upper bound for one entry or one pledge: one million yuan (a village fund is tens of thousands). */
export const MAX_ENTRY_FEN: Fen = 1_000_000_00;

// ---------------------------------------------------------------------------------------------
// Relief kinds (R-ELIG-3/4, R-CAP-1/2)

export type ReliefKind = 'supplementary' | 'emergency';
export const RELIEF_KINDS: readonly ReliefKind[] = ['supplementary', 'emergency'];
export const RELIEF_KIND_LABELS: Record<ReliefKind, string> = {
  supplementary: '补充救助',
  emergency: '应急救助',
};

// ---------------------------------------------------------------------------------------------
// Beijing months and half-years. A month is 'YYYY-MM', a half-year 'YYYY-H1' | 'YYYY-H2'.

export type Month = string;
export type HalfYear = string;

const BEIJING_OFFSET_MS = 8 * 60 * 60 * 1000;
const MONTH_PATTERN = /^(\d{4})-(0[1-9]|1[0-2])$/;
const HALF_PATTERN = /^(\d{4})-H([12])$/;

export function isMonth(text: unknown): text is Month {
  return typeof text === 'string' && MONTH_PATTERN.test(text);
}

export function isHalfYear(text: unknown): text is HalfYear {
  return typeof text === 'string' && HALF_PATTERN.test(text);
}

function monthParts(month: Month): [year: number, month: number] {
  const match = MONTH_PATTERN.exec(month);
  if (!match) throw new RangeError(`not a month (YYYY-MM): ${String(month)}`);
  return [Number(match[1]), Number(match[2])];
}

function monthOf(year: number, monthNumber: number): Month {
  return `${String(year).padStart(4, '0')}-${String(monthNumber).padStart(2, '0')}`;
}

/** The Beijing month of an instant (an ISO string or a Date), whatever the machine's time zone. */
export function beijingMonthOf(instant: string | Date): Month {
  const ms = typeof instant === 'string' ? Date.parse(instant) : instant.getTime();
  if (Number.isNaN(ms)) throw new RangeError(`not an instant: ${String(instant)}`);
  return new Date(ms + BEIJING_OFFSET_MS).toISOString().slice(0, 7);
}

export function addMonths(month: Month, count: number): Month {
  const [year, m] = monthParts(month);
  const index = year * 12 + (m - 1) + count;
  return monthOf(Math.floor(index / 12), (index % 12) + 1);
}

/** Months from `from` to `to`, both included; empty when `to` is before `from`. */
export function monthsBetween(from: Month, to: Month): Month[] {
  const months: Month[] = [];
  for (let month = from; month <= to; month = addMonths(month, 1)) months.push(month);
  return months;
}

/** The instant 00:00 Beijing time on the 1st of `month`, as an ISO string (UTC). */
export function monthStartIso(month: Month): string {
  const [year, m] = monthParts(month);
  return new Date(Date.UTC(year, m - 1, 1) - BEIJING_OFFSET_MS).toISOString();
}

/** 2026-11 → 2026年11月 */
export function monthLabel(month: Month): string {
  const [year, m] = monthParts(month);
  return `${year}年${m}月`;
}

export function halfYearOf(month: Month): HalfYear {
  const [year, m] = monthParts(month);
  return `${year}-H${m <= 6 ? 1 : 2}`;
}

export function halfYearMonths(half: HalfYear): { from: Month; to: Month } {
  const match = HALF_PATTERN.exec(half);
  if (!match) throw new RangeError(`not a half-year (YYYY-H1|H2): ${String(half)}`);
  const year = Number(match[1]);
  return match[2] === '1'
    ? { from: monthOf(year, 1), to: monthOf(year, 6) }
    : { from: monthOf(year, 7), to: monthOf(year, 12) };
}

/** 2026-H2 → 2026年下半年 */
export function halfYearLabel(half: HalfYear): string {
  const match = HALF_PATTERN.exec(half);
  if (!match) throw new RangeError(`not a half-year: ${String(half)}`);
  return `${match[1]}年${match[2] === '1' ? '上' : '下'}半年`;
}

/** 2026-01..2026-06 → 2026年1月至6月; one month → 2026年11月. */
export function periodLabel(from: Month, to: Month): string {
  if (from === to) return monthLabel(from);
  const [fromYear] = monthParts(from);
  const [toYear, toMonth] = monthParts(to);
  return fromYear === toYear ? `${monthLabel(from)}至${toMonth}月` : `${monthLabel(from)}至${monthLabel(to)}`;
}

// ---------------------------------------------------------------------------------------------
// Pledges (R-FUND-2): by invitation only.

/** Bank transfer to a registered society's own account, to the federation's account for a filed society's sub-account, or cash to the treasurer. */
export type PledgeChannel = 'bankToSociety' | 'bankToFederation' | 'cash';
export const PLEDGE_CHANNEL_LABELS: Record<PledgeChannel, string> = {
  bankToSociety: '银行转账至互助社账户',
  bankToFederation: '银行转账至县慈善协会（本村分账户）',
  cash: '现金交秘书长（出纳）',
};

/** R-ORG-1: a registered society has its own account; a filed society's money sits in a federation sub-account. */
export function pledgeChannelsFor(form: SocietyForm): PledgeChannel[] {
  return form === 'registered' ? ['bankToSociety', 'cash'] : ['bankToFederation', 'cash'];
}

export type PledgeStatus = 'pledged' | 'received' | 'cancelled';
export const PLEDGE_STATUS_LABELS: Record<PledgeStatus, string> = {
  pledged: '已认捐，待到账',
  received: '已到账',
  cancelled: '已取消',
};

// ---------------------------------------------------------------------------------------------
// General meetings (R-OVS-4)

/** Members are told at least this many days before a general meeting. */
export const MEETING_NOTICE_DAYS = 10;
const DAY_MS = 24 * 60 * 60 * 1000;

/** Whether a meeting starting at `startsAt` gives members the notice they are owed, scheduled at `now`. */
export function meetingNoticeOk(now: Date, startsAt: Date): boolean {
  return startsAt.getTime() - now.getTime() >= MEETING_NOTICE_DAYS * DAY_MS;
}

export type MeetingStatus = 'scheduled' | 'cancelled';
export type MeetingFileKind = 'minutes' | 'resolution';
export const MEETING_FILE_KIND_LABELS: Record<MeetingFileKind, string> = {
  minutes: '会议纪要',
  resolution: '会议决议',
};

// ---------------------------------------------------------------------------------------------
// Views the actions answer

export interface AmountLine<K extends string = string> {
  key: K;
  label: string;
  fen: Fen;
  count: number;
}

/** Opening + Σ money in − Σ money out = closing, checked against the ledger's own running balance. */
export interface Reconciliation {
  ok: boolean;
  /** From the per-month aggregates. */
  openingFen: Fen;
  closingFen: Fen;
  entryCount: number;
  /** From the ledger entries themselves (the balance after the last entry before each boundary). */
  ledgerOpeningFen: Fen;
  ledgerClosingFen: Fen;
  ledgerEntryCount: number;
  /** The stored fund balance equals the balance after the latest entry and the sum of all months. */
  balanceMatches: boolean;
  problems: string[];
}

/** R-OVS-4: the fund statement of a period (months, Beijing time). */
export interface FundStatement {
  societyId: string;
  societyName: string;
  from: Month;
  to: Month;
  periodLabel: string;
  openingFen: Fen;
  closingFen: Fen;
  inFen: Fen;
  outFen: Fen;
  /** By channel, net of reversals recorded in the period. */
  inByChannel: Array<AmountLine<InflowType>>;
  /** Relief paid by kind, net of reversals; fen positive. */
  outByRelief: Array<AmountLine<ReliefKind | 'unspecified'>>;
  reliefCount: number;
  reliefFen: Fen;
  reversalCount: number;
  entryCount: number;
  reconciliation: Reconciliation;
}

export interface FundReportView extends FundStatement {
  currentBalanceFen: Fen;
  raisedFen: Fen;
  generatedAt: string;
  /** Where the society's money is kept (a registered society's own account), and who last set it. */
  account: { text: string; changedText: string | null } | null;
}

/** One ledger entry as members see it: the recipient of relief masked (张*华), an anonymous donor unnamed. */
export interface FundEntryView {
  id: string;
  seq: number;
  type: LedgerEntryType;
  typeLabel: string;
  amountFen: Fen;
  balanceAfterFen: Fen;
  recordedAt: string;
  recordedByName: string;
  /** Masked recipient, named or 匿名 donor, or the payer (e.g. 县财政); '' when not recorded. */
  party: string;
  reliefKind: ReliefKind | null;
  reliefKindLabel: string;
  /** Shown for money in; for relief the masked recipient and kind say enough (no causes, no case notes). */
  memo: string;
  reverses: string | null;
  reversedBy: string | null;
}

export interface FundEntriesPage {
  items: FundEntryView[];
  total: number;
  offset: number;
  limit: number;
}

/** The relief of a society since a date, for the donor (R-FUND-2) and the public: counts, amounts, masked names. */
export interface ReliefSinceView {
  since: string;
  count: number;
  fen: Fen;
  byKind: Array<AmountLine<ReliefKind | 'unspecified'>>;
  recent: Array<{ date: string; party: string; kindLabel: string; amountFen: Fen }>;
}

export interface PaymentInstructions {
  channel: PledgeChannel;
  channelLabel: string;
  /** Account holder, bank and number for a transfer; null for cash. */
  account: { accountName: string; bankName: string; accountNumber: string } | null;
  /** For the federation account: the sub-account code to write in the transfer note (附言). */
  transferNote: string | null;
  text: string;
}

export interface PledgeView {
  id: string;
  societyId: string;
  societyName: string;
  donorName: string;
  anonymous: boolean;
  amountFen: Fen;
  channel: PledgeChannel;
  channelLabel: string;
  status: PledgeStatus;
  statusLabel: string;
  pledgedAt: string;
  payment: PaymentInstructions;
  receipt: PledgeReceipt | null;
  cancelledAt: string | null;
}

/** What the donor keeps (收据): the donation entry the secretary recorded on receipt. */
export interface PledgeReceipt {
  entryId: string;
  amountFen: Fen;
  receivedAt: string;
  confirmedByName: string;
  societyName: string;
  registrationNumber: string | null;
  sourceRef: string;
}

export interface MyPledgeView extends PledgeView {
  reliefSince: ReliefSinceView | null;
}

/** An invitation as the invitee sees it before accepting. */
export interface InvitationView {
  id: string;
  societyId: string;
  societyName: string;
  role: string;
  roleLabel: string;
  inviteeName: string;
  message: string;
  invitedByName: string;
  expiresAt: string;
  status: 'open' | 'accepted' | 'revoked' | 'expired';
  /** For a donor invitation: how the donor may pay. */
  pledgeChannels: Array<{ channel: PledgeChannel; label: string }>;
  publicFundraising: PublicFundraisingLink | null;
}

/** R-FUND-2: where the county recorded that the federation holds the public-fundraising qualification; a link only. */
export interface PublicFundraisingLink {
  qualificationHolder: string;
  platformName: string;
  projectName: string;
  url: string;
}

export interface MeetingView {
  id: string;
  societyId: string;
  title: string;
  half: HalfYear;
  halfLabel: string;
  startsAt: string;
  place: string;
  agenda: string;
  status: MeetingStatus;
  scheduledByName: string;
  scheduledAt: string;
  /** Calendar days (Beijing) from today to the meeting's day: 0 on the day, negative after it. */
  daysUntil: number;
  /** Its start time has passed (minutes may be attached; it can no longer be cancelled). */
  started: boolean;
  pack: MeetingPack | null;
  files: Array<{ fileId: string; kind: MeetingFileKind; kindLabel: string; title: string; attachedAt: string }>;
}

/** Frozen at its cut-off when published, and kept. */
export interface MeetingPack {
  publishedAt: string;
  publishedByName: string;
  cutoffMonth: Month;
  statement: FundStatement;
  cases: CaseMonthStatsView | null;
}

export interface CaseMonthStatsView {
  received: number;
  accepted: number;
  paid: number;
  paidFenByType: Record<ReliefKind, Fen>;
  deadlinesMet: number;
  deadlinesMissed: number;
  /** R-PROC-5 先行救助未追认 (absent from reports made before it was counted). */
  unratified?: UnratifiedMonthStats;
  /** 帮办政府救助 in the period (issue 13; absent from reports made before it was counted). */
  helps?: HelpStatsView;
}

/**
 * 先行救助 the approver did not ratify in the month, with the township's decision as it stood when
 * the report was made: recovered (追回, fen back in the fund), written off (核销), or pending.
 */
export interface UnratifiedMonthStats {
  count: number;
  paidFen: Fen;
  recovered: number;
  recoveredFen: Fen;
  writtenOff: number;
  writtenOffFen: Fen;
  pending: number;
}

export const UNRATIFIED_MONTH_LABEL = '先行救助未追认';

export interface MonthlyReportView {
  id: string;
  societyId: string;
  societyName: string;
  townshipName: string;
  month: Month;
  monthLabel: string;
  version: number;
  latest: boolean;
  trigger: 'timer' | 'manual' | 'correction';
  correctionNote: string;
  generatedAt: string;
  generatedByName: string;
  sentTo: string[];
  cases: CaseMonthStatsView;
  ledger: {
    openingFen: Fen;
    inFen: Fen;
    outFen: Fen;
    closingFen: Fen;
    inByChannel: Array<AmountLine<InflowType>>;
    outByRelief: Array<AmountLine<ReliefKind | 'unspecified'>>;
    reconciled: boolean;
  };
}

/** The answer to recording or reversing an entry by hand. */
export interface RecordEntryResult {
  entry: FundEntryView;
  balanceFen: Fen;
  /** True when this entry id had been recorded before (a retry): nothing new was written. */
  replayed: boolean;
}

/** The full check of a ledger: every entry read. */
export interface LedgerVerification {
  ok: boolean;
  entryCount: number;
  balanceFen: Fen;
  problems: string[];
}

export interface PledgeListItem extends PledgeView {
  invitedByName: string;
}

export interface CountyFundSettingsView {
  countyId: string;
  federationAccount: { accountName: string; bankName: string; accountNumber: string } | null;
  publicFundraising: PublicFundraisingLink | null;
  updatedAt: string | null;
}

export interface ExportedFile {
  fileId: string;
  url: string;
  fileName: string;
}
