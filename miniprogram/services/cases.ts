/**
 * Relief cases: the applicant's side (`applications`) and the officers' side (`approvals`), as
 * typed verbs over callCloud. Every verb that creates something or moves money takes a request
 * id: make it once per form (newRequestId) and keep it across retries, so a retry after a
 * timeout never makes a second case or a second payout. Errors arrive as CloudCallError with a
 * Chinese message to show as it is (codes: docs/api.md).
 */
import { callCloud, type CloudResult } from './cloud';
import type {
  PayoutDone,
  CaseFileView,
  CaseQueuePage,
  CountyCaseRulesView,
  DisburseInput,
  MyCaseItem,
  MyCaseView,
  OfficerCaseView,
  ProposalDone,
  OverdueCaseItem,
  ReferralInput,
  ReferralStatus,
  ReliefFirstInput,
  ReliefSettingsView,
  SettleUnratifiedInput,
  TownshipReferralInput,
  TownshipReferralOutcomeInput,
  TownshipReferralView,
  UnratifiedOutcomeView,
  TownshipDecisionView,
} from '../domain/case';
import type {
  Cause,
  GovernmentAssistance,
  HouseholdCategory,
  HukouHolder,
  MaterialKind,
  Relationship,
  ReliefForm,
  ReliefTiers,
} from '../domain/relief';

/** One per form, kept across retries (shared with the funds pages). */
export { newRequestId } from './request-id';

export interface SituationInput {
  hukou: HukouHolder;
  cause: Cause;
  /** 发生了什么 (free text; may name an illness: it is stored encrypted). */
  description: string;
  /** Empty when none. */
  assistance: GovernmentAssistance[];
  category: HouseholdCategory;
  livingAtRisk: boolean;
}

export interface ConsentInput {
  processing: boolean;
  publicNotice: boolean;
  /** CONSENT_TEXT_VERSION of the text shown. */
  textVersion: string;
}

export interface MaterialInput {
  kind: MaterialKind;
  /** From wx.cloud.uploadFile (or the preview's upload). */
  fileId: string;
}

// ---------------------------------------------------------------------------------------------
// Applicant side

/** Before applying: which relief and cap apply, why, and the materials needed. No login needed. */
export function checkEligibility(
  input: Omit<SituationInput, 'description'> & { relationship?: Relationship; societyId?: string },
): Promise<CloudResult<'applications', 'checkEligibility'>> {
  return callCloud('applications', 'checkEligibility', input);
}

export interface ApplicationInput extends SituationInput {
  requestId: string;
  societyId: string;
  /** Required on a first application not for oneself. */
  applicantName?: string;
  applicantPhone?: string | null;
  beneficiary: { name: string; idNumber: string; phone?: string | null; relationship: Relationship };
  consent: ConsentInput;
  materials?: MaterialInput[];
}

export function submitApplication(input: ApplicationInput): Promise<MyCaseView> {
  return callCloud('applications', 'submit', input);
}

export async function fetchMyCases(): Promise<MyCaseItem[]> {
  const { items } = await callCloud('applications', 'myCases', {});
  return items;
}

export function fetchMyCase(caseId: string): Promise<MyCaseView> {
  return callCloud('applications', 'getMyCase', { caseId });
}

export function addMyMaterials(caseId: string, materials: MaterialInput[]): Promise<MyCaseView> {
  return callCloud('applications', 'addMaterials', { caseId, materials });
}

export function withdrawApplication(caseId: string, reason = ''): Promise<MyCaseView> {
  return callCloud('applications', 'withdraw', { caseId, reason });
}

export function confirmReceipt(caseId: string): Promise<MyCaseView> {
  return callCloud('applications', 'confirmReceipt', { caseId });
}

// ---------------------------------------------------------------------------------------------
// Officer side

export type QueueFilter = 'open' | 'final' | 'all';

/** One page of the society's queue; `offset` is the previous page's nextOffset. */
export function fetchQueue(societyId: string, filter: QueueFilter = 'open', offset = 0): Promise<CaseQueuePage> {
  return callCloud('approvals', 'queue', { societyId, filter, offset });
}

export function fetchCase(caseId: string): Promise<OfficerCaseView> {
  return callCloud('approvals', 'getCase', { caseId });
}

export interface DiscoveryInput extends SituationInput {
  requestId: string;
  societyId: string;
  /** relationship: to the family member who speaks for them, 'self' (the default) when none does. */
  person: { name: string; idNumber: string; phone?: string | null; relationship?: Relationship };
  discoveredHow: string;
  /** The person lives in this registered user's household (recusal). */
  householdOfUserId?: string | null;
  consent: ConsentInput & { method: 'signed' | 'verbal' };
  materials?: MaterialInput[];
  seenRepeatCaseIds?: string[];
  /** The clue the case comes from (issue 13): the clue is marked 已立案 with it. */
  clueId?: string | null;
}

export function openDiscovery(input: DiscoveryInput): Promise<OfficerCaseView> {
  return callCloud('approvals', 'openDiscovery', input);
}

/** Pass the ids of `repeatCases` the page showed: the record says they were seen. */
export function acceptCase(caseId: string, seenRepeatCaseIds: string[] = []): Promise<OfficerCaseView> {
  return callCloud('approvals', 'accept', { caseId, seenRepeatCaseIds });
}

export function declineCase(caseId: string, reason: string): Promise<OfficerCaseView> {
  return callCloud('approvals', 'decline', { caseId, reason });
}

export function addCaseMaterials(caseId: string, materials: MaterialInput[]): Promise<OfficerCaseView> {
  return callCloud('approvals', 'addMaterials', { caseId, materials });
}

export interface OpinionInput {
  recommend: 'grant' | 'deny';
  form?: ReliefForm | null;
  amountFen?: number | null;
  tierId?: string | null;
  reason: string;
}

export interface VisitInput {
  caseId: string;
  /** ISO instant with offset, e.g. 2026-12-01T09:30:00+08:00. */
  visitedAt: string;
  /** At least two. */
  visitors: Array<{ name: string; userId?: string | null }>;
  findings: string;
  photoFileIds?: string[];
  originalsChecked?: MaterialKind[];
  /** Only what the visit found different from the application. */
  verified?: Partial<{
    hukou: HukouHolder;
    assistance: GovernmentAssistance[];
    category: HouseholdCategory;
    livingAtRisk: boolean;
  }>;
  opinion: OpinionInput;
}

export function recordVisit(input: VisitInput): Promise<OfficerCaseView> {
  return callCloud('approvals', 'recordVisit', input);
}

/** Answers the case's new state and the proposal; the page goes back to the case to read the rest. */
export function proposeDecision(caseId: string, opinion: OpinionInput): Promise<ProposalDone> {
  return callCloud('approvals', 'propose', { caseId, ...opinion });
}

export interface ApproveInput {
  caseId: string;
  seenRepeatCaseIds?: string[];
  /** Only to approve something other than the proposal. */
  form?: ReliefForm | null;
  amountFen?: number | null;
  tierId?: string | null;
  note?: string;
}

export function approveCase(input: ApproveInput): Promise<OfficerCaseView> {
  return callCloud('approvals', 'approve', input);
}

export function rejectCase(caseId: string, reason: string, seenRepeatCaseIds: string[] = []): Promise<OfficerCaseView> {
  return callCloud('approvals', 'reject', { caseId, reason, seenRepeatCaseIds });
}

/** A case nobody in its society may decide, as the township sees it to decide (recusal). */
export function fetchTownshipDecision(caseId: string): Promise<TownshipDecisionView> {
  return callCloud('approvals', 'townshipCase', { caseId });
}

export function approveAsTownship(
  caseId: string,
  note: string,
  seenRepeatCaseIds: string[] = [],
): Promise<TownshipDecisionView> {
  return callCloud('approvals', 'townshipApprove', { caseId, note, seenRepeatCaseIds });
}

export function rejectAsTownship(
  caseId: string,
  reason: string,
  seenRepeatCaseIds: string[] = [],
): Promise<TownshipDecisionView> {
  return callCloud('approvals', 'townshipReject', { caseId, reason, seenRepeatCaseIds });
}

/** R-PROC-5: the township explains a payment made first that nobody in the society may (recusal). */
export function explainAsTownship(
  caseId: string,
  explanation: string,
  ratified: boolean,
): Promise<TownshipDecisionView> {
  return callCloud('approvals', 'townshipExplain', { caseId, explanation, ratified });
}

/** The county's decision clock (working days a proposal may wait before it is overdue to the township). */
export function fetchCaseRules(): Promise<CountyCaseRulesView> {
  return callCloud('approvals', 'getCaseRules', {});
}

export function setDecisionWorkingDays(days: number): Promise<CountyCaseRulesView> {
  return callCloud('approvals', 'setDecisionWorkingDays', { days });
}

export function disburse(input: DisburseInput): Promise<PayoutDone> {
  return callCloud('approvals', 'disburse', input);
}

export function reliefFirst(input: ReliefFirstInput): Promise<PayoutDone> {
  return callCloud('approvals', 'reliefFirst', input);
}

export function fileExplanation(caseId: string, explanation: string, ratified: boolean): Promise<OfficerCaseView> {
  return callCloud('approvals', 'fileExplanation', { caseId, explanation, ratified });
}

export function recordReceipt(caseId: string, fileId: string): Promise<OfficerCaseView> {
  return callCloud('approvals', 'recordReceipt', { caseId, fileId });
}

export function addReferral(caseId: string, requestId: string, referral: ReferralInput): Promise<OfficerCaseView> {
  return callCloud('approvals', 'addReferral', { caseId, requestId, ...referral });
}

export function updateReferral(
  caseId: string,
  referralId: string,
  update: { status: ReferralStatus; note: string; followUpDate?: string | null },
): Promise<OfficerCaseView> {
  return callCloud('approvals', 'updateReferral', { caseId, referralId, ...update });
}

/** Beyond the society's authority (R-CAP-1/2): hand the case to the township's 临时救助 (keep the request id across retries). */
export function referToTownship(input: TownshipReferralInput): Promise<OfficerCaseView> {
  return callCloud('approvals', 'referTownship', input);
}

/** The township answers a 临时救助 referral of a society it covers. */
export function recordTownshipReferralOutcome(input: TownshipReferralOutcomeInput): Promise<TownshipReferralView> {
  return callCloud('approvals', 'townshipReferralOutcome', input);
}

/** R-PROC-5: the township records recovery (追回) or write-off (核销) of unratified 先行救助 money, once per case. */
export function settleUnratifiedRelief(input: SettleUnratifiedInput): Promise<UnratifiedOutcomeView> {
  return callCloud('approvals', 'settleUnratified', input);
}

export function closeCase(caseId: string, note = ''): Promise<OfficerCaseView> {
  return callCloud('approvals', 'close', { caseId, note });
}

/** 一人一档: every case of this case's person. */
export function fetchCaseFile(caseId: string): Promise<CaseFileView> {
  return callCloud('approvals', 'caseFile', { caseId });
}

/** A printable document of the case file; open `url` (wx.downloadFile + wx.openDocument, or copy the link). */
export function exportCaseFile(caseId: string): Promise<CloudResult<'approvals', 'exportCaseFile'>> {
  return callCloud('approvals', 'exportCaseFile', { caseId });
}

/** Overdue deadlines the caller oversees (township, county, federation; a society's own people). */
export async function fetchOverdue(societyId?: string): Promise<OverdueCaseItem[]> {
  const { items } = await callCloud('approvals', 'overdue', societyId ? { societyId } : {});
  return items;
}

export function fetchReliefSettings(societyId: string): Promise<ReliefSettingsView> {
  return callCloud('approvals', 'getSettings', { societyId });
}

export function saveReliefSettings(
  societyId: string,
  tiers: ReliefTiers,
  secondApproverUserId: string | null,
): Promise<ReliefSettingsView> {
  return callCloud('approvals', 'setSettings', { societyId, tiers, secondApproverUserId });
}
