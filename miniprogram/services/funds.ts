/**
 * The money side for the pages: the ledger's hand entries and corrections, the fund report and
 * its entries, general meetings, monthly reports, donation pledges (by invitation only) and the
 * county's fund settings. Typed verbs over callCloud; amounts are fen, months 'YYYY-MM'.
 * Verbs that write take a request or entry id the page makes once (newRequestId) and keeps for
 * retries.
 */
import type {
  CountyFundSettingsView,
  ExportedFile,
  FundEntriesPage,
  FundReportView,
  HalfYear,
  LedgerVerification,
  ManualEntryType,
  MeetingFileKind,
  MeetingView,
  Month,
  MonthlyReportView,
  MyPledgeView,
  PledgeChannel,
  PledgeListItem,
  PledgeStatus,
  PledgeView,
  PublicFundraisingLink,
  RecordEntryResult,
} from '../domain/funds';
import type { BankAccount } from '../domain/registry';
import { callCloud, type CloudResult } from './cloud';

export { newRequestId } from './request-id';

// --- ledger (secretary; for a filed society also the federation) ---

export function recordEntry(input: {
  societyId: string;
  entryId: string;
  type: ManualEntryType;
  amountFen: number;
  sourceRef: string;
  memo?: string;
  payerName?: string;
}): Promise<RecordEntryResult> {
  return callCloud('funds', 'recordEntry', input);
}

export function reverseEntry(input: {
  societyId: string;
  entryId: string;
  reversesEntryId: string;
  reason: string;
}): Promise<RecordEntryResult> {
  return callCloud('funds', 'reverseEntry', input);
}

// --- fund report (members, officers, supervisor, township, county, federation) ---

/** Without from/to: this half-year up to this month. */
export function fetchFundReport(societyId: string, from?: Month, to?: Month): Promise<FundReportView> {
  return callCloud('funds', 'fundReport', {
    societyId,
    ...(from ? { from } : {}),
    ...(to ? { to } : {}),
  });
}

export function fetchFundEntries(input: {
  societyId: string;
  from?: Month;
  to?: Month;
  offset?: number;
  limit?: number;
}): Promise<FundEntriesPage> {
  return callCloud('funds', 'fundEntries', input);
}

export function auditLedger(societyId: string): Promise<LedgerVerification> {
  return callCloud('funds', 'auditLedger', { societyId });
}

// --- general meetings ---

export function scheduleMeeting(input: {
  requestId: string;
  societyId: string;
  /** ISO 8601 with the offset, e.g. 2026-12-20T09:00:00+08:00; at least 10 days ahead. */
  startsAt: string;
  place: string;
  agenda?: string;
  title?: string;
  half?: HalfYear;
}): Promise<MeetingView> {
  return callCloud('funds', 'scheduleMeeting', input);
}

export function fetchMeetings(societyId: string): Promise<CloudResult<'funds', 'listMeetings'>> {
  return callCloud('funds', 'listMeetings', { societyId });
}

export function fetchMeeting(meetingId: string): Promise<MeetingView> {
  return callCloud('funds', 'getMeeting', { meetingId });
}

export function publishMeetingPack(meetingId: string): Promise<MeetingView> {
  return callCloud('funds', 'publishMeetingPack', { meetingId });
}

export function attachMeetingFile(input: {
  meetingId: string;
  fileId: string;
  kind: MeetingFileKind;
  title: string;
}): Promise<MeetingView> {
  return callCloud('funds', 'attachMeetingFile', input);
}

export function cancelMeeting(meetingId: string, reason: string): Promise<MeetingView> {
  return callCloud('funds', 'cancelMeeting', { meetingId, reason });
}

// --- monthly reports (R-PROC-8) ---

export function generateMonthlyReport(
  societyId: string,
  month?: Month,
): Promise<CloudResult<'funds', 'generateMonthlyReport'>> {
  return callCloud('funds', 'generateMonthlyReport', {
    societyId,
    ...(month ? { month } : {}),
  });
}

export function correctMonthlyReport(societyId: string, month: Month, note: string): Promise<MonthlyReportView> {
  return callCloud('funds', 'correctMonthlyReport', { societyId, month, note });
}

/** Township: its own; county and federation: the county; a society's officers: pass societyId. */
export async function fetchMonthlyReports(
  filter: { societyId?: string; month?: Month; allVersions?: boolean } = {},
): Promise<MonthlyReportView[]> {
  const { items } = await callCloud('funds', 'listMonthlyReports', filter);
  return items;
}

export function fetchMonthlyReport(reportId: string): Promise<MonthlyReportView> {
  return callCloud('funds', 'getMonthlyReport', { reportId });
}

/** An xlsx workbook: open `url` with wx.downloadFile + wx.openDocument (fileType 'xlsx'). */
export function exportMonthlyReport(reportId: string): Promise<ExportedFile> {
  return callCloud('spreadsheets', 'exportMonthlyReport', { reportId });
}

// --- county fund settings ---

export function fetchFundSettings(): Promise<CountyFundSettingsView> {
  return callCloud('funds', 'getSettings', {});
}

export function setFederationAccount(account: BankAccount | null): Promise<CountyFundSettingsView> {
  return callCloud('funds', 'setFederationAccount', { account });
}

export function setPublicFundraising(link: PublicFundraisingLink | null): Promise<CountyFundSettingsView> {
  return callCloud('funds', 'setPublicFundraising', { link });
}

// --- pledges (R-FUND-2: by invitation only) ---

/** With the invitation code (from the link or typed), or the id of an invitation the caller accepted before. */
export function pledge(input: {
  requestId: string;
  code?: string;
  invitationId?: string;
  amountFen: number;
  channel: PledgeChannel;
  anonymous: boolean;
  message?: string;
  donorName?: string;
}): Promise<PledgeView> {
  return callCloud('pledges', 'pledge', input);
}

export async function fetchMyPledges(): Promise<MyPledgeView[]> {
  const { items } = await callCloud('pledges', 'myPledges', {});
  return items;
}

export function fetchPledge(pledgeId: string): Promise<MyPledgeView> {
  return callCloud('pledges', 'getPledge', { pledgeId });
}

export async function fetchSocietyPledges(societyId: string, status?: PledgeStatus): Promise<PledgeListItem[]> {
  const { items } = await callCloud('pledges', 'listPledges', {
    societyId,
    ...(status ? { status } : {}),
  });
  return items;
}

export function confirmReceipt(input: {
  pledgeId: string;
  entryId: string;
  amountFen?: number;
  slip: string;
}): Promise<PledgeView> {
  return callCloud('pledges', 'confirmReceipt', input);
}

export function cancelPledge(pledgeId: string, reason: string): Promise<PledgeView> {
  return callCloud('pledges', 'cancelPledge', { pledgeId, reason });
}
