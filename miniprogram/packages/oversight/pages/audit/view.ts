/**
 * Shapes the audit trail (R-OVS-5): who, in which role, did what (in Chinese), when, to what —
 * and the result of checking the hash chain: 「完整，共 N 条」 or where it first breaks.
 * Pure: tested without rendering.
 */
import { formatBeijingTime } from '../../../../domain/case';
import type { AuditEventView, AuditScopeItem, AuditVerification } from '../../../../domain/oversight';

export const NOT_AN_AUDITOR_MESSAGE = '您没有查看操作记录的权限';
export const NO_SCOPE_MESSAGE = '您没有可以查看的操作记录范围';
export const NO_EVENTS_MESSAGE = '这个范围还没有操作记录';
export const VERIFY_HINT = '核验会逐条核对每条记录与前一条的链接，发现删除、插入或改动的第一处。';

/** Events fetched per page. */
export const PAGE_SIZE = 20;

/** What an event was done to, by the collection its target names. */
const TARGET_LABELS: Record<string, string> = {
  cases: '案件',
  caseFlags: '监督提请',
  ledgerEntries: '资金记录',
  notices: '公示',
  noticeObjections: '异议',
  noticeBoards: '公示栏二维码',
  noticeSettings: '公示设置',
  societies: '互助社',
  memberships: '角色',
  invitations: '邀请',
  pledges: '认捐',
  meetings: '会员大会',
  monthlyReports: '月报',
  reliefSettings: '救助档次',
  workCalendars: '节假日安排',
  funds: '互助资金',
  countySettings: '县级设置',
};

/** 'cases/demo-case-03' with details.caseNo → 「案件 2026-003」; an unknown collection keeps its name. */
export function targetText(target: string, details: Record<string, unknown> = {}): string {
  const slash = target.indexOf('/');
  const collection = slash < 0 ? target : target.slice(0, slash);
  const id = slash < 0 ? '' : target.slice(slash + 1);
  const label = TARGET_LABELS[collection] ?? collection;
  const caseNo = typeof details.caseNo === 'string' ? details.caseNo : null;
  return `${label} ${caseNo ?? id}`.trim();
}

export interface AuditRow {
  id: string;
  seqText: string;
  what: string;
  who: string;
  timeText: string;
  target: string;
}

export function toAuditRow(event: AuditEventView): AuditRow {
  return {
    id: event.id,
    seqText: `第 ${event.seq} 条`,
    what: event.actionLabel,
    who: event.actorRoleLabel ? `${event.actorRoleLabel} ${event.actorName}` : event.actorName,
    timeText: formatBeijingTime(event.at, true),
    target: `对象：${targetText(event.target, event.details)}`,
  };
}

export interface ScopeChoice {
  scopeId: string;
  label: string;
  countText: string;
  current: boolean;
}

export function toScopeChoices(scopes: readonly AuditScopeItem[], currentId: string): ScopeChoice[] {
  return scopes.map((scope) => ({
    scopeId: scope.scopeId,
    label: `${scope.name}（${scope.kindLabel}）`,
    countText: `${scope.eventCount} 条`,
    current: scope.scopeId === currentId,
  }));
}

/** The scope asked for if the caller may read it, else their first with events, else their first. */
export function pickScope(scopes: readonly AuditScopeItem[], asked: string): string | null {
  if (asked && scopes.some((scope) => scope.scopeId === asked)) return asked;
  return (scopes.find((scope) => scope.eventCount > 0) ?? scopes[0])?.scopeId ?? null;
}

export interface VerifyResult {
  ok: boolean;
  /** 「完整，共 35 条」 or 「第 12 条起被改动」 */
  headline: string;
  detail: string;
}

export function toVerifyResult(result: AuditVerification): VerifyResult {
  const when = `${result.scopeName} · 核验于 ${formatBeijingTime(result.checkedAt, true)}`;
  // The events before the nightly checkpoint were verified then; this check read those after it.
  const checked = result.fromSeq > 0 ? `${when}；前 ${result.fromSeq} 条已由每晚核验确认` : when;
  if (result.ok) return { ok: true, headline: `完整，共 ${result.count} 条`, detail: checked };
  return {
    ok: false,
    headline: `第 ${result.brokenAtSeq ?? '?'} 条起被改动`,
    detail: [result.reason, checked].filter(Boolean).join('；'),
  };
}

export function pageSummary(shown: number, total: number): string {
  return `共 ${total} 条，已显示 ${shown} 条（最新在前）`;
}
