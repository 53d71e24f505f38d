/**
 * Public notices (公示) after relief (R-PROC-6) and what a society makes public (R-OVS-3:
 * 三公开 — recipients, standards, procedure; 四公布 — reason, findings, decision, amount), with
 * the objections (异议) residents raise against a live notice. Shared by the pages (preview,
 * the 村民小组 choice) and the cloud (which builds what is published). Pure: no wx, no I/O.
 *
 * Our reading of the plan (DESIGN, "Rules the plan implies"): a notice shows the masked name,
 * the village (and village group), the relief type, the cause as a category, the form and the
 * amount, the decision date and a check-finding line generated from the recorded home visit —
 * never an ID number, phone number, address or diagnosis. A notice is built from structured
 * fields only: nothing an officer types is published (issue 12). A recipient who withheld
 * consent to the notice gets an anonymised entry: the relief type and the amount only.
 */
import { DEADLINE_WORKING_DAYS, formatBeijingTime } from './case';
import { formatYuanShort, type Fen } from './money';
import {
  MATERIAL_KINDS,
  MATERIAL_KIND_LABELS,
  RELIEF_CAP_FEN,
  RELIEF_TYPES,
  RELIEF_TYPE_LABELS,
  formOfMethod,
  type Cause,
  type MaterialKind,
  type PayoutMethod,
  type ReliefForm,
  type ReliefTiers,
  type ReliefType,
} from './relief';

// ---------------------------------------------------------------------------------------------
// Lifecycle (R-PROC-6): 7 days from publication, computed from the stored start at read time

export const NOTICE_LIVE_DAYS = 7;
const DAY_MS = 86_400_000;
const NOTICE_LIVE_MS = NOTICE_LIVE_DAYS * DAY_MS;

export type NoticeStatus = 'live' | 'archived';
export const NOTICE_STATUS_LABELS: Record<NoticeStatus, string> = {
  live: '公示中',
  archived: '公示期满，已存档',
};

/** The instant the notice leaves the public page: exactly 7 × 24 hours after publication. */
export function noticeEndsAt(publishedAt: string): string {
  return new Date(Date.parse(publishedAt) + NOTICE_LIVE_MS).toISOString();
}

/** The earliest publication instant still live at `now` (what the public page's query starts after). */
export function liveSince(now: Date): string {
  return new Date(now.getTime() - NOTICE_LIVE_MS).toISOString();
}

export function noticeStatusAt(publishedAt: string, now: Date): NoticeStatus {
  return now.getTime() < Date.parse(publishedAt) + NOTICE_LIVE_MS ? 'live' : 'archived';
}

/** 「11月24日 16:00 至 12月1日 16:00」 */
export function noticePeriodText(publishedAt: string): string {
  return `${formatBeijingTime(publishedAt)} 至 ${formatBeijingTime(noticeEndsAt(publishedAt))}`;
}

// ---------------------------------------------------------------------------------------------
// What a notice says

/** The cause as a notice shows it: a category, never the diagnosis. */
export type CauseCategory = 'illness' | 'accident' | 'other';
export const CAUSE_CATEGORY_LABELS: Record<CauseCategory, string> = {
  illness: '因病',
  accident: '因意外',
  other: '其他',
};

export function causeCategoryOf(cause: Cause): CauseCategory {
  if (cause === 'majorIllness') return 'illness';
  if (cause === 'accident') return 'accident';
  return 'other';
}

/** The form as a village notice names it (the payout method's detail, cash or transfer, is not published). */
export const NOTICE_FORM_LABELS: Record<ReliefForm, string> = {
  cash: '现金',
  inKind: '实物',
  referral: '转介服务',
};

/** Exactly what is published; the preview shows this object and publishing stores it as it is. */
export interface NoticeContent {
  societyName: string;
  villageName: string;
  reliefType: ReliefType;
  reliefTypeLabel: string;
  /** The rest is null on an anonymised notice (the recipient withheld consent). */
  causeCategory: CauseCategory | null;
  causeCategoryLabel: string | null;
  form: ReliefForm | null;
  formLabel: string | null;
  amountFen: Fen;
  /** 「1000元」 (转介服务: 「不涉及资金」). */
  amountText: string;
  /** Beijing day of the decision (for 先行救助: of the payment made first), YYYY-MM-DD. */
  decisionDate: string | null;
  /**
   * 四公布: the findings of the check, generated from the recorded home visit (how many visited,
   * which originals were checked) — never the visit's own findings, never anything typed.
   */
  checkFinding: string | null;
  /** 张*华 */
  recipientMaskedName: string | null;
  /** 「第三村民小组」, from the number the officer picked (null: not shown). */
  villageGroup: string | null;
  anonymised: boolean;
}

/** The recorded home visit as far as a notice may speak of it: counts and kinds, no names, no findings. */
export interface NoticeVisitFacts {
  visitorCount: number;
  originalsChecked: readonly MaterialKind[];
}

/** What the cloud knows of a paid case when it builds a notice (no ID number, phone, address or illness). */
export interface NoticeSource {
  societyName: string;
  villageName: string;
  maskedName: string;
  reliefType: ReliefType;
  cause: Cause;
  method: PayoutMethod;
  amountFen: Fen;
  decisionDate: string | null;
  /** The recipient agreed to a masked public notice. */
  consented: boolean;
  /** Paid first (先行救助, R-PROC-5). */
  reliefFirst: boolean;
  /** null while the home visit is not filed (先行救助 files it after). */
  visit: NoticeVisitFacts | null;
}

/**
 * All the officer chooses for a notice: the 村民小组 by number. Nothing typed is published
 * (DESIGN: a public notice is built from structured fields only).
 */
export interface NoticeInput {
  villageGroupNo?: number | null;
}

/** 村民小组 numbers an officer can pick. */
export const VILLAGE_GROUP_MAX = 30;

const DIGITS = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 1 → 「一」, 10 → 「十」, 13 → 「十三」, 20 → 「二十」, 27 → 「二十七」 (1–99). */
export function chineseNumber(n: number): string {
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  if (tens === 0) return DIGITS[ones]!;
  return `${tens === 1 ? '' : DIGITS[tens]}十${DIGITS[ones]}`;
}

export function isVillageGroupNo(no: unknown): no is number {
  return typeof no === 'number' && Number.isInteger(no) && no >= 1 && no <= VILLAGE_GROUP_MAX;
}

/** 3 → 「第三村民小组」; null → null. */
export function villageGroupLabel(no: number | null | undefined): string | null {
  return isVillageGroupNo(no) ? `第${chineseNumber(no)}村民小组` : null;
}

export const RELIEF_FIRST_VISIT_PENDING = '先行救助，入户核查待补办';

/**
 * The 核查情况 line, from the recorded visit only: 「经2人入户核查，核验了户口簿、身份证原件，
 * 情况属实」; for 先行救助 whose visit is not filed yet, 「先行救助，入户核查待补办」. The visit's
 * findings (sealed) and the visitors' names are never used.
 */
export function checkFindingLine(source: Pick<NoticeSource, 'reliefFirst' | 'visit'>): string | null {
  const visit = source.visit;
  if (!visit) return source.reliefFirst ? RELIEF_FIRST_VISIT_PENDING : null;
  const kinds = MATERIAL_KINDS.filter((kind) => visit.originalsChecked.includes(kind));
  const originals = kinds.length ? `，核验了${kinds.map((kind) => MATERIAL_KIND_LABELS[kind]).join('、')}原件` : '';
  return `经${visit.visitorCount}人入户核查${originals}，情况属实`;
}

export function amountText(form: ReliefForm, amountFen: Fen): string {
  return form === 'referral' ? '不涉及资金' : formatYuanShort(amountFen);
}

/** R-PROC-6, R-OVS-3: the notice from the case's structured facts and the picked 村民小组 only. */
export function buildNoticeContent(source: NoticeSource, input: NoticeInput): NoticeContent {
  const form = formOfMethod(source.method);
  const base = {
    societyName: source.societyName,
    villageName: source.villageName,
    reliefType: source.reliefType,
    reliefTypeLabel: RELIEF_TYPE_LABELS[source.reliefType],
    amountFen: source.amountFen,
    amountText: amountText(form, source.amountFen),
  };
  if (!source.consented) {
    return {
      ...base,
      causeCategory: null,
      causeCategoryLabel: null,
      form: null,
      formLabel: null,
      decisionDate: null,
      checkFinding: null,
      recipientMaskedName: null,
      villageGroup: null,
      anonymised: true,
    };
  }
  const category = causeCategoryOf(source.cause);
  const groupNo = isVillageGroupNo(input.villageGroupNo) ? input.villageGroupNo : null;
  return {
    ...base,
    causeCategory: category,
    causeCategoryLabel: CAUSE_CATEGORY_LABELS[category],
    form,
    formLabel: NOTICE_FORM_LABELS[form],
    decisionDate: source.decisionDate,
    checkFinding: checkFindingLine(source),
    recipientMaskedName: source.maskedName,
    villageGroup: villageGroupLabel(groupNo),
    anonymised: false,
  };
}

/** 2026-11-23 → 「2026年11月23日」 */
export function formatDay(day: string): string {
  const [year, month, date] = day.split('-');
  return `${year}年${Number(month)}月${Number(date)}日`;
}

export const ANONYMISED_NOTE = '救助对象未同意公开姓名等信息，本条只公示救助类别和金额';
export const CONSENT_WITHHELD_MESSAGE =
  '救助对象未同意公示个人信息：本条公示只显示救助类别和金额，不显示姓名、村民小组、困难原因和核查情况';

/** The notice as lines a page or a paper notice shows, in order. */
export function noticeLines(content: NoticeContent): string[] {
  if (content.anonymised) {
    return [`救助类别：${content.reliefTypeLabel}`, `金额：${content.amountText}`, ANONYMISED_NOTE];
  }
  const who = [content.villageName + (content.villageGroup ?? ''), content.recipientMaskedName].join(' ');
  return [
    `救助对象：${who}`,
    `救助类别：${content.reliefTypeLabel}`,
    `困难原因：${content.causeCategoryLabel ?? ''}`,
    `救助形式和金额：${content.formLabel ?? ''} ${content.amountText}`,
    ...(content.decisionDate ? [`审批日期：${formatDay(content.decisionDate)}`] : []),
    ...(content.checkFinding ? [`核查情况：${content.checkFinding}`] : []),
  ];
}

// ---------------------------------------------------------------------------------------------
// Objections (异议)

export const OBJECTION_TEXT_MAX = 500;
export const OBJECTION_CONTACT_MAX = 40;
export const OBJECTION_ANSWER_MAX = 1000;
export const DEFAULT_OBJECTION_ANSWER_DAYS = 3;
export const MAX_OBJECTION_ANSWER_DAYS = 15;
/** Open objections one caller may hold on one notice (a guard against flooding, not a limit on voice). */
export const MAX_OPEN_OBJECTIONS_PER_CALLER = 3;
export const OBJECTION_PENDING_LABEL = '有异议处理中';

export type ObjectionStatus = 'open' | 'answered';
export const OBJECTION_STATUS_LABELS: Record<ObjectionStatus, string> = {
  open: '待答复',
  answered: '已答复',
};

export type ObjectionOutcome = 'upheld' | 'notUpheld';
export const OBJECTION_OUTCOMES: readonly ObjectionOutcome[] = ['upheld', 'notUpheld'];
export const OBJECTION_OUTCOME_LABELS: Record<ObjectionOutcome, string> = {
  upheld: '异议成立，已纠正或将纠正',
  notUpheld: '异议不成立，已说明情况',
};

export function howToObject(answerDays: number): string[] {
  return [
    `公示期内，任何人对公示内容有异议，可在公示上点「提出异议」，写明理由，可留联系方式。`,
    `互助社在 ${answerDays} 个工作日内答复；也可以向村监督委员会反映。`,
  ];
}

// ---------------------------------------------------------------------------------------------
// 三公开 (R-OVS-3): who can be helped, the standards and tiers, the procedure with its time limits

export interface SanGongKai {
  recipients: { title: string; items: string[] };
  standards: {
    title: string;
    caps: Array<{ reliefType: ReliefType; label: string; capFen: Fen; text: string }>;
    tiers: Array<{
      reliefType: ReliefType;
      label: string;
      items: Array<{ label: string; amountFen: Fen; text: string }>;
    }>;
    forms: string;
  };
  procedure: { title: string; steps: Array<{ title: string; detail: string; timeLimit: string | null }> };
}

export function sanGongKai(tiers: ReliefTiers, objectionAnswerDays: number): SanGongKai {
  const days = DEADLINE_WORKING_DAYS;
  return {
    recipients: {
      title: '救助对象',
      items: [
        '本村户籍居民，或与本村户籍家庭成员共同生活的人。',
        '因重大疾病、突发意外事故或其他特殊困难，导致基本生活陷入困境的家庭。',
        '补充救助：正在享受低保、特困供养或临时救助，基本生活仍有特殊困难的家庭。',
        '应急救助：不符合政府救助条件、暂时陷入困境的低保边缘家庭、防止返贫监测对象、支出型困难家庭。',
      ],
    },
    standards: {
      title: '救助标准',
      caps: RELIEF_TYPES.map((type) => ({
        reliefType: type,
        label: RELIEF_TYPE_LABELS[type],
        capFen: RELIEF_CAP_FEN[type],
        text: `${RELIEF_TYPE_LABELS[type]}每人次最多 ${formatYuanShort(RELIEF_CAP_FEN[type])}`,
      })),
      tiers: RELIEF_TYPES.map((type) => ({
        reliefType: type,
        label: RELIEF_TYPE_LABELS[type],
        items: tiers[type].map((tier) => ({
          label: tier.label,
          amountFen: tier.amountFen,
          text: `${tier.label}：${formatYuanShort(tier.amountFen)}`,
        })),
      })),
      forms: '以现金救助为主，实物救助和转介服务为补充；救助后还可链接其他帮扶。',
    },
    procedure: {
      title: '救助程序',
      steps: [
        {
          title: '申请或主动发现',
          detail: '本人或共同生活的家属在小程序或到村委会申请；互助社走访中主动发现的也可立案。',
          timeLimit: null,
        },
        { title: '受理', detail: '秘书长受理申请，开始计时。', timeLimit: null },
        {
          title: '入户核查',
          detail: '至少两人入户核实情况，提出审核意见。',
          timeLimit: `受理后 ${days.visit} 个工作日内`,
        },
        { title: '审批', detail: '社长（或互助社指定的审批人）在权限内审批。', timeLimit: null },
        {
          title: '发放',
          detail: '按批准的形式和金额发放，领款人签收。',
          timeLimit: `批准后 ${days.payout} 个工作日内`,
        },
        {
          title: '先行救助',
          detail: '情况紧急的，可以先行发放，再补办核查和审批。',
          timeLimit: `发放后 ${days.explanation} 个工作日内补办`,
        },
        {
          title: '公示',
          detail: '发放后在村务公开栏和本页公示，打码显示姓名。',
          timeLimit: `${NOTICE_LIVE_DAYS} 天`,
        },
        {
          title: '异议',
          detail: '公示期内任何人可以提出异议，互助社答复，村监督委员会全程监督。',
          timeLimit: `${objectionAnswerDays} 个工作日内答复`,
        },
      ],
    },
  };
}

// ---------------------------------------------------------------------------------------------
// The totals line of the public page: relief this year, from the ledger

export interface ReliefTotals {
  year: number;
  /** 人次: payouts net of reversals. */
  count: number;
  amountFen: Fen;
  byType: Array<{ reliefType: ReliefType; label: string; count: number; amountFen: Fen }>;
  /** 「2026年已救助 3 人次，共 1800元（补充救助 2 人次 800元，应急救助 1 人次 1000元）」 */
  text: string;
}

export function totalsText(totals: Omit<ReliefTotals, 'text'>): string {
  if (totals.count === 0) return `${totals.year}年暂未发放救助`;
  const parts = totals.byType
    .filter((line) => line.count !== 0 || line.amountFen !== 0)
    .map((line) => `${line.label} ${line.count} 人次 ${formatYuanShort(line.amountFen)}`);
  return `${totals.year}年已救助 ${totals.count} 人次，共 ${formatYuanShort(totals.amountFen)}（${parts.join('，')}）`;
}

// ---------------------------------------------------------------------------------------------
// What the pages receive

/** A notice as anyone sees it on the society's public page (and the archive, once it ended). */
export interface PublicNoticeView {
  id: string;
  societyId: string;
  status: NoticeStatus;
  statusLabel: string;
  publishedAt: string;
  endsAt: string;
  /** 「11月24日 16:00 至 12月1日 16:00」 */
  periodText: string;
  content: NoticeContent;
  lines: string[];
  /** An objection is open: show OBJECTION_PENDING_LABEL. */
  objectionPending: boolean;
  objectionLabel: string | null;
  /** A photo of the paper notice on the board was attached (the photo itself is in the archive). */
  postedOnPaper: boolean;
  /** Objections can be raised now (live). */
  canObject: boolean;
}

/** In the society's archive (members, supervision committee, township, county). */
export interface ArchivedNoticeView extends PublicNoticeView {
  boardPhotoFileId: string | null;
  objectionCount: number;
  openObjectionCount: number;
}

/** The officer's view of a published notice. */
export interface OfficerNoticeView extends ArchivedNoticeView {
  caseId: string;
  caseNo: string;
  publishedByName: string;
  boardPhoto: { fileId: string; at: string; byName: string } | null;
  consentWithheld: boolean;
}

/** A paid case whose notice is not published yet (the officer's to-do). */
export interface PendingNoticeItem {
  caseId: string;
  caseNo: string;
  maskedName: string;
  reliefTypeLabel: string;
  formLabel: string;
  amountFen: Fen;
  amountText: string;
  paidAt: string;
  /** 「已发放 3 天」 */
  waitingText: string;
  consentWithheld: boolean;
}

export interface NoticePreview {
  caseId: string;
  /** Exactly what publishing will store and show. */
  notice: PublicNoticeView;
  consentWithheld: boolean;
  /** Things the officer must be told (e.g. CONSENT_WITHHELD_MESSAGE). */
  messages: string[];
  alreadyPublished: boolean;
}

export interface PublishResult {
  notice: OfficerNoticeView;
  /** The same publication was done before; nothing new was written. */
  replayed: boolean;
  consentWithheld: boolean;
  messages: string[];
}

export interface OfficerTodo {
  societyId: string;
  /** The paid cases waiting for their notice, longest waiting first: the first page of them. */
  unpublished: PendingNoticeItem[];
  /** How many wait in all (more than `unpublished` holds when the list is long). */
  unpublishedTotal: number;
  /** Live notices without a photo of the paper notice. */
  notPostedOnPaper: OfficerNoticeView[];
  openObjections: ObjectionView[];
  overdueObjections: number;
}

export interface SocietyNoticePage {
  society: {
    id: string;
    name: string;
    villageName: string;
    townshipName: string;
    statusLabel: string;
  };
  sanGongKai: SanGongKai;
  liveNotices: PublicNoticeView[];
  totals: ReliefTotals;
  howToObject: string[];
  generatedAt: string;
}

export interface SceneTarget {
  societyId: string;
  societyName: string;
  /** The page the QR code opens. */
  page: string;
}

/** The poster an officer prints for the village notice board. */
export interface BoardPoster {
  societyId: string;
  societyName: string;
  villageName: string;
  title: string;
  subtitle: string;
  scene: string;
  page: string;
  qrFileId: string;
  qrUrl: string;
  /** 'cloud': a WeChat mini program code (wxacode.getUnlimited); 'local': a QR code of the same link. */
  qrKind: 'cloud' | 'local';
  howToObject: string[];
  supervisors: string[];
}

export interface ObjectionAnswerView {
  text: string;
  outcome: ObjectionOutcome;
  outcomeLabel: string;
  byName: string;
  at: string;
  /** Answered after the due time. */
  late: boolean;
}

/** An objection as officers, the supervision committee, township and county see it. */
export interface ObjectionView {
  id: string;
  noticeId: string;
  /** 「王家村 陈*山 应急救助 1000元」 (masked). */
  noticeTitle: string;
  text: string;
  /** Only the society's officers and supervision committee see the contact; null for others or when none was left. */
  contact: string | null;
  raisedAt: string;
  dueAt: string;
  dueText: string;
  /** Why the answer deadline is 暂定 (the year's holiday arrangement is not entered); null when it is not. */
  dueNote: string | null;
  overdue: boolean;
  status: ObjectionStatus;
  statusLabel: string;
  answer: ObjectionAnswerView | null;
}

/** The one who raised it sees their own objections and the answers. */
export interface MyObjectionView {
  id: string;
  noticeId: string;
  societyName: string;
  noticeTitle: string;
  text: string;
  raisedAt: string;
  dueAt: string;
  /** While open: 「截止 12月1日 09:30，剩余 …」 or 「已超时 …」; once answered: on time or late. */
  dueText: string;
  /** Why the answer deadline is 暂定; null when it is not. */
  dueNote: string | null;
  /** Open and past the answer deadline. */
  overdue: boolean;
  status: ObjectionStatus;
  statusLabel: string;
  answer: { text: string; outcomeLabel: string; at: string; late: boolean } | null;
}

export interface RaiseObjectionResult {
  objectionId: string;
  dueAt: string;
  message: string;
  replayed: boolean;
}

export interface NoticeSettingsView {
  societyId: string;
  objectionAnswerDays: number;
  defaults: boolean;
  updatedAt: string | null;
}

/** 「王家村第三村民小组 陈*山 应急救助 1000元」, or 「应急救助 1000元（匿名）」. */
export function noticeTitle(content: NoticeContent): string {
  if (content.anonymised) return `${content.reliefTypeLabel} ${content.amountText}（未公开姓名）`;
  return `${content.villageName}${content.villageGroup ?? ''} ${content.recipientMaskedName ?? ''} ${content.reliefTypeLabel} ${content.amountText}`;
}
