/** Shapes a society's public view for its page. Pure: tested without rendering. */
import { callButtonText } from '../../utils/phone-call';
import { formatYuan } from '../../domain/money';
import type { SocietyForm, SocietyPublicView, SocietyStatus } from '../../domain/society';
import { APPLY_ENTRY } from '../../domain/entries';
import { formatBeijingTime } from '../../domain/case';
import { OBJECTION_PENDING_LABEL, type PublicNoticeView, type SocietyNoticePage } from '../../domain/notices';
import { FORM_TAG_THEMES, STATUS_TAG_THEMES, placeLine, startupProgress } from '../../utils/society-format';
import type { TagTheme } from '../../utils/society-format';

/** 反映线索 (issue 13): anyone, no role needed, like 申请救助. */
export const CLUE_PAGE_PATH = '/pages/clue/index';

export interface SocietyScreen {
  name: string;
  place: string;
  formLabel: string;
  formTheme: TagTheme;
  statusLabel: string;
  statusTheme: TagTheme;
  /** 登记证号 or 备案号 */
  registrationTitle: string;
  registrationNumber: string;
  /** R-ORG-1 in one plain line: what 登记 or 备案 means for this society. */
  formExplanation: string;
  /** 申请救助 for anyone who opened the page (issue 11); only an active society takes applications. */
  canApply: boolean;
  applyUrl: string;
  /** 反映线索 (issue 13), for anyone, while the society is active. */
  clueUrl: string;
  /** Under the button, or in its place when the society cannot take applications yet. */
  applyNote: string;
  /** The society's public phone for 联系互助社; '' when its officers set none (no button). */
  phone: string;
  callText: string;
  balanceText: string;
  raisedText: string;
  /** R-ORG-2: only a preparing society shows how far it is from the start-up fund. */
  showProgress: boolean;
  progressPercent: number;
  progressLabel: string;
  progressRemainder: string;
}

/** R-ORG-1, said plainly where the page shows 登记 or 备案. */
export const FORM_EXPLANATIONS: Record<SocietyForm, string> = {
  registered: '登记：在县民政局登记成立，用互助社自己的银行账户管钱',
  filed: '备案：在乡镇备案成立，钱存在县慈善协会联合会为本社开设的分账户里',
};

/** R-OVS-3, said plainly where the page shows 三公开. */
export const SAN_GONG_KAI_NOTE = '三公开：救助对象、救助标准和办理程序向全村公开，大家都可以查看和监督';

export const APPLY_NOTES: Record<SocietyStatus, string> = {
  active: '家里遇到大病、意外等急难，基本生活有困难，可以在这里申请',
  preparing: '本社还在筹备，启动后才能受理救助申请；急需帮助请联系村委会',
  suspended: '本社暂停受理救助申请；急需帮助请联系村委会或乡镇',
};

export function toSocietyScreen(society: SocietyPublicView): SocietyScreen {
  const progress = startupProgress(society.fund.raisedFen, society.fund.targetFen);
  return {
    name: society.name,
    place: placeLine(society.countyName, society.townshipName, society.villageName),
    formLabel: society.formLabel,
    formTheme: FORM_TAG_THEMES[society.form],
    statusLabel: society.statusLabel,
    statusTheme: STATUS_TAG_THEMES[society.status],
    registrationTitle: society.form === 'registered' ? '登记证号' : '备案号',
    registrationNumber: society.registrationNumber ?? '办理中',
    formExplanation: FORM_EXPLANATIONS[society.form],
    canApply: society.status === 'active',
    applyUrl: `${APPLY_ENTRY.path}?societyId=${encodeURIComponent(society.id)}`,
    clueUrl: `${CLUE_PAGE_PATH}?societyId=${encodeURIComponent(society.id)}`,
    applyNote: APPLY_NOTES[society.status],
    phone: society.publicPhone ?? '',
    callText: society.publicPhone ? callButtonText(society.publicPhone) : '',
    balanceText: formatYuan(society.fund.balanceFen),
    raisedText: formatYuan(society.fund.raisedFen),
    showProgress: society.status === 'preparing',
    progressPercent: progress.percent,
    progressLabel: progress.label,
    progressRemainder: progress.remainder,
  };
}

export const MISSING_SOCIETY_MESSAGE = '缺少互助社编号，请重新扫描村务公开栏上的二维码';

/** One live notice as the public page lists it (masked name only, never an ID number or phone). */
export interface NoticeRow {
  id: string;
  /** 「王家村第三村民小组 陈*山」, or 「未公开姓名」 on an anonymised notice. */
  who: string;
  typeLabel: string;
  /** 「因意外」; empty on an anonymised notice. */
  causeLabel: string;
  amountText: string;
  /** 「11月24日 17:00」: when it was published. */
  dateText: string;
  /** 「应急救助 · 因意外 · 11月24日 17:00 公示」 */
  metaText: string;
  /** R-OVS-3: an open objection shows 有异议处理中. */
  pendingLabel: string;
  url: string;
}

/** R-OVS-3: the society's 三公开, its live notices and this year's totals. */
export interface NoticeBoardScreen {
  recipientsTitle: string;
  recipients: string[];
  standardsTitle: string;
  caps: string[];
  tiers: Array<{ key: string; label: string; items: string[] }>;
  forms: string;
  procedureTitle: string;
  steps: Array<{ key: string; title: string; detail: string; timeLimit: string }>;
  notices: NoticeRow[];
  totalsText: string;
  howToObject: string[];
}

export function noticeUrl(noticeId: string): string {
  return `/pages/notice/index?noticeId=${encodeURIComponent(noticeId)}`;
}

export function toNoticeRow(notice: PublicNoticeView): NoticeRow {
  const content = notice.content;
  const dateText = formatBeijingTime(notice.publishedAt);
  return {
    id: notice.id,
    who: content.anonymised
      ? '未公开姓名'
      : `${content.villageName}${content.villageGroup ?? ''} ${content.recipientMaskedName ?? ''}`.trim(),
    typeLabel: content.reliefTypeLabel,
    causeLabel: content.causeCategoryLabel ?? '',
    amountText: content.amountText,
    dateText,
    metaText: [content.reliefTypeLabel, content.causeCategoryLabel, `${dateText} 公示`].filter(Boolean).join(' · '),
    pendingLabel: notice.objectionPending ? OBJECTION_PENDING_LABEL : '',
    url: noticeUrl(notice.id),
  };
}

export function toNoticeBoardScreen(page: SocietyNoticePage): NoticeBoardScreen {
  const { recipients, standards, procedure } = page.sanGongKai;
  return {
    recipientsTitle: recipients.title,
    recipients: recipients.items,
    standardsTitle: standards.title,
    caps: standards.caps.map((cap) => cap.text),
    tiers: standards.tiers.map((tier) => ({
      key: tier.reliefType,
      label: tier.label,
      items: tier.items.map((item) => item.text),
    })),
    forms: standards.forms,
    procedureTitle: procedure.title,
    steps: procedure.steps.map((step, index) => ({
      key: String(index),
      title: `${index + 1}. ${step.title}`,
      detail: step.detail,
      timeLimit: step.timeLimit ? `时限：${step.timeLimit}` : '',
    })),
    notices: page.liveNotices.map(toNoticeRow),
    totalsText: page.totals.text,
    howToObject: page.howToObject,
  };
}

export const NO_LIVE_NOTICES_MESSAGE = '目前没有正在公示的救助';

/** A board code's scene arrives URI-encoded; an empty or undecodable one is treated as missing. */
export function decodeScene(scene: string): string {
  try {
    return decodeURIComponent(scene).trim();
  } catch {
    return '';
  }
}

/** What the society page shares: its name, and a path that opens this public page again. */
export function societyShareCard(
  societyId: string,
  screen: Pick<SocietyScreen, 'name'> | null,
): { title: string; path: string } {
  const title = screen ? `${screen.name}：救助公示与互助资金` : '村级救急难互助社';
  return { title, path: societyId ? `/pages/society/index?societyId=${societyId}` : '/pages/home/index' };
}

/** Where a villager looks for help and cannot find it on the page: WeChat's customer service (客服). */
export const CONTACT_NOTE = '不会填写或有疑问，可以联系在线客服';
