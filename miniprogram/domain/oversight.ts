/**
 * Oversight (R-OVS-2, R-OVS-5): what the village supervision committee, the township and the
 * county read — every case and step, every ledger entry, every objection, the audit trail, a
 * 四公布 sheet per case — and the one thing the supervision committee writes: a flag on a case
 * for the township. Types, labels and pure rules only: shared by the pages and the cloud.
 */
import {
  CASE_EVENT_LABELS,
  type CaseEventType,
  type OverdueCaseItem,
  type TimelineEntry,
  type TownshipDecisionItem,
} from './case';
import type { Fen } from './money';
import type { Role } from './society';
import type { NoticeStatus } from './notices';

// ---------------------------------------------------------------------------------------------
// Flags: the supervision committee asks the township to look at a case

export const FLAG_COMMENT_MAX = 500;
export type CaseFlagStatus = 'open' | 'resolved';
export const CASE_FLAG_STATUS_LABELS: Record<CaseFlagStatus, string> = {
  open: '待乡镇处理',
  resolved: '乡镇已处理',
};

export interface CaseFlagView {
  id: string;
  societyId: string;
  societyName: string;
  caseId: string;
  caseNo: string;
  /** Masked: the township's lists carry no more personal data than a notice. */
  maskedName: string;
  comment: string;
  byName: string;
  at: string;
  status: CaseFlagStatus;
  statusLabel: string;
  resolution: { note: string; byName: string; at: string } | null;
}

// ---------------------------------------------------------------------------------------------
// The supervision committee's view of its society

/** Where a paid case's notice stands. */
export type CaseNoticeState = 'notDue' | 'unpublished' | NoticeStatus;
export const CASE_NOTICE_STATE_LABELS: Record<CaseNoticeState, string> = {
  notDue: '未发放，无需公示',
  unpublished: '已发放，尚未公示',
  live: '公示中',
  archived: '公示期满，已存档',
};

/** One case with every step, for the supervision committee (it reads everything of its society). */
export interface SupervisedCaseItem {
  id: string;
  caseNo: string;
  name: string;
  maskedName: string;
  maskedIdNumber: string;
  state: string;
  stateLabel: string;
  causeLabel: string;
  reliefTypeLabel: string | null;
  amountFen: Fen | null;
  createdAt: string;
  paidAt: string | null;
  /** A deadline of the case is past due now. */
  overdue: boolean;
  noticeState: CaseNoticeState;
  noticeStateLabel: string;
  openObjections: number;
  flagged: boolean;
  steps: TimelineEntry[];
}

export interface SupervisedCasesPage {
  items: SupervisedCaseItem[];
  total: number;
  offset: number;
  limit: number;
}

/**
 * 四公布 (R-OVS-3): the reason for the application, the findings of the check, the decision
 * and the amount — each with what is (or will be) published beside the full record the
 * supervision committee checks it against.
 */
export interface FourPublicSheet {
  caseId: string;
  caseNo: string;
  societyId: string;
  societyName: string;
  name: string;
  maskedName: string;
  stateLabel: string;
  reason: {
    causeLabel: string;
    /** What a notice shows: 因病 / 因意外 / 其他. */
    published: string;
    /** The applicant's own account (the supervision committee may read it; never published). */
    record: string;
    eligibility: string;
  };
  findings: {
    published: string | null;
    record: string | null;
    visitedAt: string | null;
    visitors: string[];
    originalsChecked: string[];
  };
  decision: {
    outcomeLabel: string;
    reliefTypeLabel: string | null;
    formLabel: string | null;
    tierLabel: string | null;
    reason: string;
    byName: string;
    at: string;
    /** 先行救助: paid first, decision filed afterwards. */
    reliefFirst: boolean;
  } | null;
  /**
   * R-PROC-5 先行救助 not ratified: what the township decided about the money paid (追回 / 核销),
   * or that its decision is pending; null when the case was not paid first or was ratified.
   */
  unratified: {
    /** 「待乡镇处理」 / 「已追回 300元」 / 「已核销」 */
    outcomeLabel: string;
    pending: boolean;
    paidFen: Fen;
    recoveredFen: Fen;
    recoveredOn: string | null;
    reason: string | null;
    byName: string | null;
    at: string | null;
    ledgerEntryId: string | null;
  } | null;
  amount: {
    amountFen: Fen;
    methodLabel: string;
    paidAt: string;
    paidByName: string;
    ledgerEntryId: string | null;
    receiptConfirmed: boolean;
  } | null;
  notice: {
    id: string;
    statusLabel: string;
    publishedAt: string;
    periodText: string;
    lines: string[];
    objectionCount: number;
    openObjectionCount: number;
    postedOnPaper: boolean;
  } | null;
  flags: CaseFlagView[];
  /** Every step of the case, oldest first (who, in which role, when): what the sheet is checked against. */
  steps: TimelineEntry[];
  generatedAt: string;
}

export interface SupervisionOverview {
  society: { id: string; name: string; villageName: string; statusLabel: string };
  cases: { total: number; open: number; paid: number; overdue: number };
  notices: { live: number; archived: number; unpublished: number; notPostedOnPaper: number };
  objections: { total: number; open: number; overdue: number };
  flags: { total: number; open: number };
  fund: { balanceFen: Fen; entryCount: number };
  audit: { count: number; lastAt: string | null };
  generatedAt: string;
}

// ---------------------------------------------------------------------------------------------
// The township's overview of its societies (R-OVS-2 from above)

export interface TownshipSocietyRow {
  id: string;
  name: string;
  villageName: string;
  townshipId: string;
  townshipName: string;
  statusLabel: string;
  liveNotices: number;
  liveNoticeTitles: string[];
  openObjections: number;
  overdueObjections: number;
  overdueCases: number;
  openFlags: number;
  /** Paid cases whose notice is not published yet. */
  unpublishedNotices: number;
}

/** R-PROC-5: a 先行救助 payment the society did not ratify, awaiting the township's recovery or write-off. */
export interface UnratifiedReliefItem {
  caseId: string;
  caseNo: string;
  societyId: string;
  societyName: string;
  /** Masked, as on a notice. */
  maskedName: string;
  paidFen: Fen;
  methodLabel: string;
  paidAt: string;
  urgency: string;
  /** Why the approver did not ratify it. */
  explanation: string;
  explainedByName: string;
  explainedAt: string;
}

/** A case beyond its society's authority handed to the township's 临时救助, awaiting its answer. */
export interface TownshipReferralItem {
  caseId: string;
  caseNo: string;
  societyId: string;
  societyName: string;
  maskedName: string;
  referralId: string;
  askedFen: Fen;
  reason: string;
  byName: string;
  at: string;
  /** What the society itself granted or paid alongside, e.g. 「应急救助 1000元（已发放）」; '' when nothing. */
  societyReliefText: string;
}

export interface TownshipOverview {
  areas: Array<{ id: string; name: string }>;
  societies: TownshipSocietyRow[];
  overdueCases: OverdueCaseItem[];
  /** Cases nobody in their society may decide (recusal), waiting for the township's decision. */
  decisions: TownshipDecisionItem[];
  openFlags: CaseFlagView[];
  /** Awaiting this township's decision (the county reads them, the township decides). */
  unratified: UnratifiedReliefItem[];
  referrals: TownshipReferralItem[];
  /** The caller is a township (it decides for its own societies); the county only reads. */
  canDecide: boolean;
  totals: {
    liveNotices: number;
    openObjections: number;
    overdueObjections: number;
    overdueCases: number;
    openFlags: number;
    unratified: number;
    referrals: number;
  };
  generatedAt: string;
}

// ---------------------------------------------------------------------------------------------
// The audit trail (R-OVS-5)

export type AuditScopeKind = 'society' | 'county' | 'township' | 'village';
export const AUDIT_SCOPE_KIND_LABELS: Record<AuditScopeKind, string> = {
  society: '互助社',
  county: '县',
  township: '乡镇',
  village: '村',
};

export interface AuditScopeItem {
  scopeId: string;
  name: string;
  kind: AuditScopeKind;
  kindLabel: string;
  eventCount: number;
}

export interface AuditEventView {
  id: string;
  scopeId: string;
  seq: number;
  at: string;
  actorName: string;
  actorRole: Role | null;
  actorRoleLabel: string;
  action: string;
  actionLabel: string;
  target: string;
  details: Record<string, unknown>;
  hash: string;
  prevHash: string;
}

export interface AuditPage {
  scopeId: string;
  scopeName: string;
  items: AuditEventView[];
  /** Events in the chain (the head's count). */
  total: number;
  offset: number;
  limit: number;
}

export interface AuditVerification {
  scopeId: string;
  scopeName: string;
  ok: boolean;
  count: number;
  /** The first sequence number where the chain breaks; null when it holds. */
  brokenAtSeq: number | null;
  brokenEventId: string | null;
  /** Chinese, for the page. */
  reason: string | null;
  checkedAt: string;
}

const ACTION_LABELS: Record<string, string> = {
  'ledger.record': '记账',
  'ledger.reverse': '冲正',
  'calendar.set': '录入节假日安排',
  'relief.settings': '设置救助档次',
  'settings.decisionWorkingDays': '设置审批时限',
  'invitation.create': '发出邀请',
  'county.firstStart': '县民政局管理员初始化',
  'county.importAreas': '导入乡镇和村（社区）',
  'invitation.revoke': '撤销邀请',
  'membership.grant': '授予角色',
  'membership.revoke': '撤销角色',
  'meeting.schedule': '召集会员大会',
  'meeting.cancel': '取消会员大会',
  'meeting.publishPack': '发布会议材料',
  'meeting.attach': '上传会议纪要',
  'pledge.create': '认捐',
  'pledge.confirm': '确认捐赠到账',
  'pledge.cancel': '取消认捐',
  'society.create': '筹建互助社',
  'society.update': '修改互助社信息',
  'society.publicPhone': '设置互助社联系电话',
  'society.activate': '启动互助社',
  'society.subAccount': '设定分账户',
  'society.status': '变更互助社状态',
  'monthlyReport.send': '报送月报',
  'monthlyReport.correct': '更正月报',
  'case.exportFile': '导出一人一档',
  'notice.exportPoster': '导出公示栏海报',
  'notice.publish': '发布公示',
  'notice.boardPhoto': '上传公示张贴照片',
  'notice.board': '生成公示栏二维码',
  'notice.settings': '设置异议答复时限',
  'notice.objection': '提出异议',
  'notice.objectionAnswer': '答复异议',
  'notice.objectionDeadline': '按放假安排重新计算异议答复时限',
  'oversight.flag': '监督委员会提请乡镇关注',
  'oversight.resolveFlag': '乡镇处理监督提请',
  'township.settleUnratified': '乡镇处理未追认的先行救助',
  'township.referralOutcome': '乡镇答复临时救助转介',
  'township.decision': '乡镇审批本社无人可以审批的案件',
  'clue.report': '反映线索',
  'clue.close': '关闭线索',
  'clue.openCase': '线索立案',
  'help.record': '登记帮办',
  'help.update': '更新帮办结果',
  'roster.importList': '导入困难群众名单',
  'roster.recordVisit': '记录花名册走访',
  'roster.setLevel': '调整困难等级',
  'roster.setLevels': '设定困难等级和走访周期',
  'roster.addHousehold': '手工列入花名册',
  'roster.removeHousehold': '移出花名册',
  'privacy.answerDataRequest': '答复个人信息申请',
};

/** 'case.approve' → 「案件：批准」; an action this list does not know keeps its own name. */
export function auditActionLabel(action: string): string {
  const known = ACTION_LABELS[action];
  if (known) return known;
  if (action.startsWith('case.')) {
    const type = action.slice('case.'.length) as CaseEventType;
    if (Object.prototype.hasOwnProperty.call(CASE_EVENT_LABELS, type)) return `案件：${CASE_EVENT_LABELS[type]}`;
  }
  return action;
}

export const AUDIT_BREAK_LABELS: Record<string, string> = {
  'event missing': '缺少一条记录（被删除）',
  'previous hash does not match': '与前一条记录的链接对不上（被删除或插入）',
  'event altered': '记录内容被改动',
  'events after the last one are missing': '最后的记录被删除',
};
