/**
 * Publishing the notice of a paid case (R-PROC-6, R-OVS-3 四公布). The notice is built by the
 * cloud from the case's structured facts only (issue 12): the officer picks the 村民小组 by
 * number and types nothing that is published; the 核查情况 line comes from the recorded home
 * visit. The preview is shaped from the cloud's own answer, so what the officer sees is exactly
 * what is published. Pure: tested without rendering.
 */
import { formatYuanShort } from '../../../../domain/money';
import {
  CONSENT_WITHHELD_MESSAGE,
  NOTICE_LIVE_DAYS,
  VILLAGE_GROUP_MAX,
  isVillageGroupNo,
  noticeTitle,
  villageGroupLabel,
  type NoticePreview,
  type PublishResult,
} from '../../../../domain/notices';
import type { OfficerCaseView } from '../../../../domain/case';

export { CONSENT_WITHHELD_MESSAGE, VILLAGE_GROUP_MAX };

export const MISSING_CASE_MESSAGE = '缺少案件编号，请从公示待办重新打开';
export const NOT_PUBLISHER_MESSAGE = '只有本社秘书长或社长可以发布公示';
export const PREVIEW_FIRST_MESSAGE = '请先点「预览公示」，看清将要发布的内容后再发布';
export const PUBLISHED_MESSAGE = '公示已发布';
export const PAPER_REMINDER = `请把同样的内容打印张贴在村务公开栏，公示 ${NOTICE_LIVE_DAYS} 天，并拍照上传；上传照片后才算已张贴。`;
export const STRUCTURED_HINT =
  '公示内容由系统按案件记录生成：打码姓名、村民小组、救助类别、困难原因类别、救助形式和金额、审批日期；核查情况按入户核查记录（核查人数、核验的原件）生成，不公示核查记录原文。';

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

/** All the officer chooses: the 村民小组 number, or none. */
export interface PublishForm {
  villageGroupNo: number | null;
}

/** One button of the 村民小组 choice; value 0 is 「不写村民小组」. */
export interface GroupChoice {
  value: number;
  label: string;
  on: boolean;
}

export function groupChoices(selected: number | null): GroupChoice[] {
  const none: GroupChoice = { value: 0, label: '不写', on: selected === null };
  const numbered = Array.from({ length: VILLAGE_GROUP_MAX }, (_, index) => ({
    value: index + 1,
    label: `${index + 1}组`,
    on: selected === index + 1,
  }));
  return [none, ...numbered];
}

/** The choice a tapped button stands for (0 or anything out of range: none). */
export function groupNoOf(value: unknown): number | null {
  const no = Number(value);
  return isVillageGroupNo(no) ? no : null;
}

/** 「公示写为：第三村民小组」 / 「公示不写村民小组」 */
export function groupText(no: number | null): string {
  const label = villageGroupLabel(no);
  return label ? `公示写为：${label}` : '公示不写村民小组';
}

/** The payload of previewNotice and publishNotice: no free text at all. */
export function noticeInputOf(
  caseId: string,
  form: PublishForm,
  consentWithheld: boolean,
): { caseId: string; villageGroupNo: number | null } {
  return { caseId, villageGroupNo: consentWithheld ? null : form.villageGroupNo };
}

/** What the preview was made for: publishing another choice needs a new preview. */
export function formKey(form: PublishForm): string {
  return String(form.villageGroupNo ?? 0);
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
