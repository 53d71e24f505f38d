/**
 * What the officer's case-step pages (home visit, decision, disbursement) share: the case page
 * they return to, the head of the screen (who, which case, the deadline running), the server's
 * "now" as the case view reveals it, and Beijing dates. Pure: tested without rendering.
 */
import {
  formatBeijingTime,
  type DeadlineKind,
  type OfficerCaseView,
  type UnratifiedOutcomeView,
} from '../../domain/case';
import { formatYuanShort } from '../../domain/money';

/** A1's case detail page: every step page returns there after a successful action. */
export const CASE_PAGE = '/packages/officer/pages/case/index';
export const MISSING_CASE_MESSAGE = '缺少案件编号，请从案件详情进入';
export const NOT_YOUR_CASE_MESSAGE = '这个案件不属于您任职的互助社，不能查看或办理';
/** The cloud's own words (server/cases/access.ts RECUSAL_MESSAGE), shown before anyone tries. */
export const RECUSAL_MESSAGE = '这是您本户的救助案件，按规定须回避，请由其他工作人员办理';

export function caseUrl(caseId: string): string {
  return `${CASE_PAGE}?caseId=${encodeURIComponent(caseId)}`;
}

export interface DeadlineLine {
  /** 「入户核查和审核意见：截止 12月1日 14:00，剩余 …」 */
  text: string;
  /** Why it is 暂定; '' when it is not. */
  note: string;
  overdue: boolean;
}

export interface CaseHead {
  title: string;
  caseNo: string;
  stateLabel: string;
  /** The running deadlines of the kinds asked for; else the first met one; else none. */
  deadlines: DeadlineLine[];
}

/** The head of a step page; `kinds` lists the deadlines it cares about, in order. */
export function caseHead(view: OfficerCaseView, kinds: readonly DeadlineKind[]): CaseHead {
  const found = kinds.flatMap((kind) => view.deadlines.filter((entry) => entry.kind === kind));
  const open = found.filter((entry) => entry.doneAt === null);
  const shown = open.length > 0 ? open : found.slice(0, 1);
  return {
    title: `${view.person.name} · ${view.causeLabel}`,
    caseNo: `编号 ${view.caseNo} · ${view.originLabel}`,
    stateLabel: view.stateLabel,
    deadlines: shown.map((entry) => ({
      text: `${entry.label}：${entry.text}`,
      note: entry.provisionalNote ?? '',
      overdue: entry.overdue,
    })),
  };
}

/**
 * The server's clock when it answered, read back from a deadline (wallMs = due − now); the
 * phone's clock when the case has none. Business time is the cloud's: the visit form defaults
 * to it, so a phone whose clock is off does not propose a visit "in the future".
 */
export function serverNowOf(view: Pick<OfficerCaseView, 'deadlines'>, phoneNow: Date): Date {
  const deadline = view.deadlines[0];
  return deadline ? new Date(Date.parse(deadline.dueAt) - deadline.wallMs) : phoneNow;
}

const BEIJING_OFFSET_MS = 8 * 3_600_000;

/** The Beijing calendar day and minute of an instant: { day: '2026-11-30', time: '14:00' }. */
export function beijingDayAndTime(instant: Date): { day: string; time: string } {
  const shifted = new Date(instant.getTime() + BEIJING_OFFSET_MS).toISOString();
  return { day: shifted.slice(0, 10), time: shifted.slice(11, 16) };
}

/** The Beijing day before `day` (YYYY-MM-DD). */
export function dayBefore(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
}

/** 「11月30日 14:00」 in Beijing time, with the year. */
export function beijingText(iso: string): string {
  return formatBeijingTime(iso, true);
}

/** R-PROC-5: what the township decided about 先行救助 money not ratified, or that it is pending. */
export function unratifiedText(outcome: UnratifiedOutcomeView | null): string {
  if (!outcome) return '待乡镇处理（追回或核销）';
  const what =
    outcome.kind === 'recovery'
      ? `已追回 ${formatYuanShort(outcome.recoveredFen)}（${outcome.recoveredOn}）`
      : '已核销';
  return `${what}：${outcome.reason}（${outcome.byName}，${beijingText(outcome.at)}）`;
}
