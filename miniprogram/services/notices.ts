/**
 * Public notices, 三公开, objections, the supervision committee's view, the township overview and
 * the audit trail (`notices` function), as typed verbs over callCloud. Errors arrive as
 * CloudCallError with a Chinese message to show as it is (codes: docs/api.md). Verbs that create
 * something take a request id: make it once per form (newRequestId) and keep it across retries.
 */
import { callCloud, type CloudResult } from './cloud';
import type {
  BoardPoster,
  NoticePreview,
  NoticeSettingsView,
  ObjectionOutcome,
  ObjectionStatus,
  ObjectionView,
  OfficerNoticeView,
  OfficerTodo,
  PublicNoticeView,
  PublishResult,
  RaiseObjectionResult,
  SceneTarget,
  SocietyNoticePage,
} from '../domain/notices';
import type {
  AuditPage,
  AuditVerification,
  CaseFlagStatus,
  CaseFlagView,
  FourPublicSheet,
  SupervisedCasesPage,
  SupervisionOverview,
  TownshipOverview,
} from '../domain/oversight';
import type { ExportedFile, FundEntriesPage } from '../domain/funds';

export { newRequestId } from './request-id';

const FN = 'notices';

export interface Paging {
  offset?: number;
  /** 1–50, default 20. */
  limit?: number;
}

export type NoticeFilter = 'live' | 'archived' | 'all';

// ---------------------------------------------------------------------------------------------
// Anyone (no login): the page a board code opens

/** The society's public page: 三公开, live notices, this year's totals. */
export function fetchNoticePage(societyId: string): Promise<SocietyNoticePage> {
  return callCloud(FN, 'publicPage', { societyId });
}

/** A scanned board code: `options.scene` (decodeURIComponent it first) → the society. */
export function resolveScene(scene: string): Promise<SceneTarget> {
  return callCloud(FN, 'resolveScene', { scene });
}

export function fetchNotice(noticeId: string): Promise<PublicNoticeView> {
  return callCloud(FN, 'getNotice', { noticeId });
}

export interface ObjectionInput {
  requestId: string;
  noticeId: string;
  /** At most OBJECTION_TEXT_MAX characters. */
  text: string;
  contact?: string | null;
}

export function raiseObjection(input: ObjectionInput): Promise<RaiseObjectionResult> {
  return callCloud(FN, 'raiseObjection', input);
}

export function fetchMyObjections(): Promise<CloudResult<typeof FN, 'myObjections'>> {
  return callCloud(FN, 'myObjections', {});
}

// ---------------------------------------------------------------------------------------------
// Officers (secretary, president)

export function fetchOfficerTodo(societyId: string): Promise<OfficerTodo> {
  return callCloud(FN, 'officerTodo', { societyId });
}

/** No free text: the cloud builds the notice from the case's structured facts (issue 12). */
export interface NoticeInput {
  caseId: string;
  /** 村民小组 number, 1–VILLAGE_GROUP_MAX; null or absent: not shown. */
  villageGroupNo?: number | null;
}

/** Exactly what publishing will show; writes nothing. */
export function previewNotice(input: NoticeInput): Promise<NoticePreview> {
  return callCloud(FN, 'previewNotice', input);
}

/** Publishes once per case; a retry answers the first publication (`replayed`). */
export function publishNotice(input: NoticeInput): Promise<PublishResult> {
  return callCloud(FN, 'publishNotice', input);
}

/** The photo of the paper notice on the board (a fileId from wx.cloud.uploadFile). */
export function attachBoardPhoto(noticeId: string, fileId: string): Promise<OfficerNoticeView> {
  return callCloud(FN, 'attachBoardPhoto', { noticeId, fileId });
}

export function fetchOfficerNotices(
  societyId: string,
  filter: NoticeFilter = 'all',
  paging: Paging = {},
): Promise<CloudResult<typeof FN, 'officerNotices'>> {
  return callCloud(FN, 'officerNotices', { societyId, filter, ...paging });
}

export function answerObjection(
  objectionId: string,
  answer: string,
  outcome: ObjectionOutcome,
): Promise<ObjectionView> {
  return callCloud(FN, 'answerObjection', { objectionId, answer, outcome });
}

export function fetchBoardPoster(societyId: string): Promise<BoardPoster> {
  return callCloud(FN, 'boardPoster', { societyId });
}

/** The printable poster (one A4 page of HTML, its code embedded): stored, audited, answered as a link. */
export function exportBoardPoster(societyId: string): Promise<ExportedFile> {
  return callCloud(FN, 'exportBoardPoster', { societyId });
}

export function fetchNoticeSettings(societyId: string): Promise<NoticeSettingsView> {
  return callCloud(FN, 'getSettings', { societyId });
}

/** President only: working days to answer an objection (1–15). */
export function saveNoticeSettings(societyId: string, objectionAnswerDays: number): Promise<NoticeSettingsView> {
  return callCloud(FN, 'setSettings', { societyId, objectionAnswerDays });
}

// ---------------------------------------------------------------------------------------------
// Archive and objections (members, supervision committee, township, county)

export function fetchNoticeArchive(
  societyId: string,
  filter: NoticeFilter = 'all',
  paging: Paging = {},
): Promise<CloudResult<typeof FN, 'archive'>> {
  return callCloud(FN, 'archive', { societyId, filter, ...paging });
}

export function fetchObjections(
  societyId: string,
  options: { noticeId?: string; status?: ObjectionStatus | 'all' } & Paging = {},
): Promise<CloudResult<typeof FN, 'listObjections'>> {
  return callCloud(FN, 'listObjections', { societyId, ...options });
}

// ---------------------------------------------------------------------------------------------
// Supervision committee (read-only, plus flags), township and county

export function fetchSupervisionOverview(societyId: string): Promise<SupervisionOverview> {
  return callCloud(FN, 'supervisionOverview', { societyId });
}

export function fetchSupervisedCases(societyId: string, paging: Paging = {}): Promise<SupervisedCasesPage> {
  return callCloud(FN, 'supervisedCases', { societyId, ...paging });
}

export function fetchSupervisionLedger(societyId: string, paging: Paging = {}): Promise<FundEntriesPage> {
  return callCloud(FN, 'supervisionLedger', { societyId, ...paging });
}

/** 四公布 of one case: reason, findings, decision, amount (published beside recorded). */
export function fetchCaseSheet(caseId: string): Promise<FourPublicSheet> {
  return callCloud(FN, 'caseSheet', { caseId });
}

export function flagCase(requestId: string, caseId: string, comment: string): Promise<CaseFlagView> {
  return callCloud(FN, 'flagCase', { requestId, caseId, comment });
}

export function fetchFlags(
  options: { societyId?: string; status?: CaseFlagStatus | 'all' } = {},
): Promise<CloudResult<typeof FN, 'listFlags'>> {
  return callCloud(FN, 'listFlags', options);
}

export function resolveFlag(flagId: string, note: string): Promise<CaseFlagView> {
  return callCloud(FN, 'resolveFlag', { flagId, note });
}

export function fetchTownshipOverview(townshipId?: string): Promise<TownshipOverview> {
  return callCloud(FN, 'townshipOverview', townshipId ? { townshipId } : {});
}

// ---------------------------------------------------------------------------------------------
// Audit trail (R-OVS-5)

export function fetchAuditScopes(): Promise<CloudResult<typeof FN, 'auditScopes'>> {
  return callCloud(FN, 'auditScopes', {});
}

export function fetchAuditTrail(scopeId: string, paging: Paging = {}): Promise<AuditPage> {
  return callCloud(FN, 'auditTrail', { scopeId, ...paging });
}

export function verifyAudit(scopeId: string): Promise<AuditVerification> {
  return callCloud(FN, 'verifyAudit', { scopeId });
}
