/**
 * Shapes the township's (or county's) overview of its societies (R-OVS-2 from above): per society
 * its live notices, open and overdue objections, overdue case deadlines and open flags; the
 * overdue cases; the flags the supervision committees raised, which the township handles with a
 * note. Masked names only, as on a notice. Pure: tested without rendering.
 */
import type { TownshipOverview, TownshipSocietyRow } from '../../../../domain/oversight';
import { toFlagRow, type CountCell, type FlagRow } from '../supervision/view';

export const NOT_TOWNSHIP_MESSAGE = '只有乡镇和县民政局可以查看乡镇监督';
export const NO_SOCIETIES_MESSAGE = '辖区内还没有互助社';
export const NO_OVERDUE_MESSAGE = '没有超时的案件';
export const NO_FLAGS_MESSAGE = '没有待处理的监督提请';
/** Proposed cases waiting for a decision past the county's limit are marked on the overdue list. */
export const WAITING_FOR_DECISION_TAG = '待审批';
export const EMPTY_NOTE_MESSAGE = '请写明处理情况';
export const NOTE_MAX = 500;
export const NOTE_TOO_LONG_MESSAGE = `处理情况不能超过 ${NOTE_MAX} 字`;
export const RESOLVED_MESSAGE = '已处理';

export function supervisionUrl(societyId: string): string {
  return `/packages/oversight/pages/supervision/index?societyId=${encodeURIComponent(societyId)}`;
}

export interface SocietyRowScreen {
  id: string;
  name: string;
  place: string;
  statusLabel: string;
  noticeTitles: string[];
  /** 「公示中 1 · 待答复异议 1 · 超时案件 0 · 待处理提请 0」 */
  stats: string;
  /** Warnings: overdue objections, overdue cases, open flags, unpublished notices. */
  alerts: string[];
  url: string;
}

export function toSocietyRowScreen(row: TownshipSocietyRow): SocietyRowScreen {
  const alerts: string[] = [];
  if (row.overdueObjections > 0) alerts.push(`超时未答复异议 ${row.overdueObjections} 条`);
  if (row.overdueCases > 0) alerts.push(`超时案件 ${row.overdueCases} 件`);
  if (row.openFlags > 0) alerts.push(`待处理提请 ${row.openFlags} 条`);
  if (row.unpublishedNotices > 0) alerts.push(`已发放未公示 ${row.unpublishedNotices} 件`);
  return {
    id: row.id,
    name: row.name,
    place: [row.townshipName, row.villageName].filter(Boolean).join(' · '),
    statusLabel: row.statusLabel,
    noticeTitles: row.liveNoticeTitles,
    stats: [
      `公示中 ${row.liveNotices}`,
      `待答复异议 ${row.openObjections}`,
      `超时案件 ${row.overdueCases}`,
      `待处理提请 ${row.openFlags}`,
    ].join(' · '),
    alerts,
    url: supervisionUrl(row.id),
  };
}

export function decisionUrl(caseId: string): string {
  return `/packages/oversight/pages/decision/index?caseId=${encodeURIComponent(caseId)}`;
}

export interface OverdueRow {
  id: string;
  title: string;
  stateLabel: string;
  deadlineText: string;
  /** 「已等待审批 2个工作日」 when it waits for a decision (tagged 待审批); '' otherwise. */
  waitingText: string;
}

/** A case nobody in its society may decide, waiting for the township (recusal). */
export interface DecisionRow {
  id: string;
  title: string;
  /** 「审批」 or 「先行救助补办审批」 */
  stepLabel: string;
  reason: string;
  waitText: string;
  overdue: boolean;
  /** '' for the county, which sees the list and does not decide. */
  url: string;
}

export interface TownshipScreen {
  title: string;
  totals: CountCell[];
  societies: SocietyRowScreen[];
  overdue: OverdueRow[];
  decisions: DecisionRow[];
  flags: FlagRow[];
}

export function toTownshipScreen(view: TownshipOverview): TownshipScreen {
  const { totals } = view;
  const cell = (key: string, label: string, value: number, alert: boolean): CountCell => ({
    key,
    label,
    value: String(value),
    alert: alert && value > 0,
  });
  return {
    title: view.areas.map((area) => area.name).join('、') || '辖区',
    totals: [
      cell('liveNotices', '公示中', totals.liveNotices, false),
      cell('openObjections', '待答复异议', totals.openObjections, true),
      cell('overdueObjections', '超时未答复', totals.overdueObjections, true),
      cell('overdueCases', '超时案件', totals.overdueCases, true),
      cell('openFlags', '待处理提请', totals.openFlags, true),
    ],
    societies: view.societies.map(toSocietyRowScreen),
    overdue: view.overdueCases.map((item) => ({
      id: item.id,
      title: `${item.societyName} · 案件 ${item.caseNo} · ${item.maskedName}`,
      stateLabel: item.stateLabel,
      deadlineText: `${item.deadline.label}：${item.deadline.text}`,
      waitingText: item.waitingForDecision,
    })),
    decisions: view.decisions.map((item) => ({
      id: item.id,
      title: `${item.societyName} · 案件 ${item.caseNo} · ${item.maskedName} · ${item.causeLabel}`,
      stepLabel: item.stepLabel,
      reason: item.reason,
      waitText: item.waitText,
      overdue: item.overdue,
      url: item.canDecide ? decisionUrl(item.id) : '',
    })),
    flags: view.openFlags.map(toFlagRow),
  };
}

/** What is wrong with a resolution note; [] when it can be sent. */
export function noteProblems(note: string): string[] {
  const text = note.trim();
  if (text === '') return [EMPTY_NOTE_MESSAGE];
  if (text.length > NOTE_MAX) return [NOTE_TOO_LONG_MESSAGE];
  return [];
}
