/**
 * Writing and publishing the notice of a paid case (R-PROC-6, R-OVS-3 四公布: the findings of the
 * check): the officer's inputs checked as the cloud checks them, and the preview shaped from the
 * cloud's own answer, so what the officer sees is exactly what is published. Pure: tested
 * without rendering.
 */
import { formatYuanShort } from '../../../../domain/money';
import {
  CHECK_FINDING_MAX,
  CONSENT_WITHHELD_MESSAGE,
  NOTICE_LIVE_DAYS,
  VILLAGE_GROUP_MAX,
  noticeInputProblems,
  noticeTitle,
  type NoticePreview,
  type PublishResult,
} from '../../../../domain/notices';
import type { OfficerCaseView } from '../../../../domain/case';

export { CHECK_FINDING_MAX, CONSENT_WITHHELD_MESSAGE, VILLAGE_GROUP_MAX };

export const MISSING_CASE_MESSAGE = '缺少案件编号，请从公示待办重新打开';
export const NOT_PUBLISHER_MESSAGE = '只有本社秘书长或社长可以发布公示';
export const PREVIEW_FIRST_MESSAGE = '请先点「预览公示」，看清将要发布的内容后再发布';
export const PUBLISHED_MESSAGE = '公示已发布';
export const PAPER_REMINDER = `请把同样的内容打印张贴在村务公开栏，公示 ${NOTICE_LIVE_DAYS} 天，并拍照上传；上传照片后才算已张贴。`;
export const FINDING_HINT = `一句话写明核查结果，如「房屋失火，一家四口暂住亲戚家，经入户核查情况属实」。不写姓名、证件号码、电话、病情，最多 ${CHECK_FINDING_MAX} 字。`;

/** The case the notice is for, in a header (no name: the notice shows the masked one). */
export interface CaseHeader {
  caseNo: string;
  /** 「应急救助 1000元 · 已发放」 */
  line: string;
  consented: boolean;
}

export function toCaseHeader(view: OfficerCaseView): CaseHeader {
  const parts = [
    view.reliefTypeLabel ?? '',
    view.amountFen !== null ? formatYuanShort(view.amountFen) : '',
    view.stateLabel,
  ].filter(Boolean);
  return { caseNo: view.caseNo, line: parts.join(' · '), consented: view.consent.publicNotice };
}

/** The full names the notice must not carry (the server refuses them too). */
export function fullNamesOf(view: OfficerCaseView): string[] {
  return [view.person.name, view.applicant?.name ?? ''].filter((name) => name.trim().length >= 2);
}

export interface PublishForm {
  checkFinding: string;
  villageGroup: string;
}

/** Why the inputs cannot be previewed or published (Chinese), none when they can. */
export function publishFormProblems(
  form: PublishForm,
  options: { consentWithheld: boolean; fullNames?: readonly string[] },
): string[] {
  // Consent withheld: the notice is the anonymised entry; nothing the officer types is published.
  if (options.consentWithheld) return [];
  return noticeInputProblems(
    { checkFinding: form.checkFinding, villageGroup: form.villageGroup },
    options.fullNames ?? [],
  );
}

/** The payload of previewNotice and publishNotice for these inputs. */
export function noticeInputOf(
  caseId: string,
  form: PublishForm,
  consentWithheld: boolean,
): { caseId: string; checkFinding: string; villageGroup: string | null } {
  if (consentWithheld) return { caseId, checkFinding: '', villageGroup: null };
  return { caseId, checkFinding: form.checkFinding.trim(), villageGroup: form.villageGroup.trim() || null };
}

/** What the preview was made for: publishing other inputs needs a new preview. */
export function formKey(form: PublishForm): string {
  return `${form.checkFinding.trim()}\u0000${form.villageGroup.trim()}`;
}

export interface PreviewScreen {
  title: string;
  statusLabel: string;
  /** 「公示期：11月30日 14:00 至 12月7日 14:00（7 天）」 */
  periodText: string;
  /** The notice's lines, as the public page and the paper notice show them. */
  lines: string[];
  anonymised: boolean;
  /** What the officer must be told (e.g. consent withheld), in the cloud's words. */
  messages: string[];
  alreadyPublished: boolean;
}

export function toPreviewScreen(preview: NoticePreview): PreviewScreen {
  const notice = preview.notice;
  const period = preview.alreadyPublished
    ? `公示期：${notice.periodText}`
    : `公示期：自发布起 ${NOTICE_LIVE_DAYS} 天（如现在发布：${notice.periodText}）`;
  return {
    title: noticeTitle(notice.content),
    statusLabel: preview.alreadyPublished ? notice.statusLabel : '预览（尚未发布）',
    periodText: period,
    lines: notice.lines,
    anonymised: notice.content.anonymised,
    // The consent message stands on its own at the top of the page.
    messages: preview.messages.filter((message) => message !== CONSENT_WITHHELD_MESSAGE),
    alreadyPublished: preview.alreadyPublished,
  };
}

export interface PublishedScreen {
  noticeId: string;
  title: string;
  message: string;
  periodText: string;
  lines: string[];
  reminder: string;
  posted: boolean;
}

export function toPublishedScreen(result: PublishResult): PublishedScreen {
  const notice = result.notice;
  return {
    noticeId: notice.id,
    title: noticeTitle(notice.content),
    message: result.replayed ? '这条公示之前已经发布，内容相同，没有重复发布' : PUBLISHED_MESSAGE,
    periodText: `公示期：${notice.periodText}`,
    lines: notice.lines,
    reminder: PAPER_REMINDER,
    posted: notice.postedOnPaper,
  };
}

export function noticesUrl(societyId: string): string {
  return `/packages/officer/pages/notices/index?societyId=${encodeURIComponent(societyId)}`;
}
