/**
 * Clues from villagers and volunteers (主动发现, R-PROC-1, R-OVS-1) and 帮办: help applying to a
 * government programme, tracked on its own. Types, labels and the reporter's outcome wording,
 * shared by the pages and the cloud. Pure: no wx.
 */
import type { CaseState } from './case';

/** How many clues one WeChat account may report in one Beijing day (the form cannot flood the queue). */
export const MAX_CLUES_PER_DAY = 3;

export type ClueStatus = 'open' | 'caseOpened' | 'closed';

export const CLUE_STATUS_LABELS: Record<ClueStatus, string> = {
  open: '待处理',
  caseOpened: '已立案',
  closed: '已关闭',
};

/** Who reported it, as the officers see it: an anonymous clue names nobody, not even a volunteer. */
export type ClueSource = 'villager' | 'volunteer' | 'anonymous';

export const CLUE_SOURCE_LABELS: Record<ClueSource, string> = {
  villager: '村民反映',
  volunteer: '志愿者反映',
  anonymous: '匿名反映',
};

/**
 * What the reporter is told, and nothing more (our reading of PIPL: the reporter learns that
 * their clue was acted on, never the person's name, the amount, or what an officer typed).
 */
export type ClueOutcome = 'pending' | 'inProgress' | 'relieved' | 'referred' | 'notRelieved' | 'closed';

export const CLUE_OUTCOME_LABELS: Record<ClueOutcome, string> = {
  pending: '已收到，等待互助社处理',
  inProgress: '互助社已立案，正在核实',
  relieved: '已救助',
  referred: '已转介',
  notRelieved: '未予救助',
  closed: '互助社已核实，未立案',
};

/**
 * The outcome of a clue that became a case, from that case's state: money paid → 已救助; only a
 * referral → 已转介; rejected or declined → 未予救助; otherwise still in progress.
 */
export function clueOutcomeOf(
  status: ClueStatus,
  linkedCase: { state: CaseState; moneyPaid: boolean; referred: boolean } | null,
): ClueOutcome {
  if (status === 'open') return 'pending';
  if (status === 'closed') return 'closed';
  if (!linkedCase) return 'inProgress';
  if (linkedCase.moneyPaid) return 'relieved';
  if (linkedCase.referred && (linkedCase.state === 'paid' || linkedCase.state === 'closed')) return 'referred';
  if (['rejected', 'declined', 'withdrawn'].includes(linkedCase.state)) return 'notRelieved';
  if (linkedCase.state === 'closed') return 'notRelieved';
  return 'inProgress';
}

/** One of the caller's own clues: when, to which society, and the outcome wording. No personal data. */
export interface MyClueItem {
  id: string;
  societyName: string;
  reportedAt: string;
  anonymous: boolean;
  outcome: ClueOutcome;
  outcomeLabel: string;
}

/** A clue in the officers' queue. */
export interface ClueQueueItem {
  id: string;
  societyId: string;
  status: ClueStatus;
  statusLabel: string;
  source: ClueSource;
  sourceLabel: string;
  /** The reporter's name; null when anonymous. */
  reporterName: string | null;
  /** Who may need help, as the reporter knows them (name, where they live). */
  personHint: string;
  whatHappened: string;
  photoFileId: string | null;
  reportedAt: string;
  caseId: string | null;
  closedReason: string | null;
  handledByName: string | null;
  handledAt: string | null;
}

// ---------------------------------------------------------------------------------------------
// 帮办: help applying to a government programme

export const PROGRAMMES = ['dibao', 'tekun', 'temporary', 'medical', 'seriousIllness', 'other'] as const;
export type Programme = (typeof PROGRAMMES)[number];

export const PROGRAMME_LABELS: Record<Programme, string> = {
  dibao: '低保',
  tekun: '特困供养',
  temporary: '临时救助',
  medical: '医疗救助',
  seriousIllness: '大病保险',
  other: '其他',
};

export const HELP_OUTCOMES = ['pending', 'approved', 'refused'] as const;
export type HelpOutcome = (typeof HELP_OUTCOMES)[number];

export const HELP_OUTCOME_LABELS: Record<HelpOutcome, string> = {
  pending: '办理中',
  approved: '已获批',
  refused: '未获批',
};

/** A 帮办 record for the society's officers and supervisor. */
export interface ProgrammeHelpView {
  id: string;
  societyId: string;
  personName: string;
  programme: Programme;
  programmeLabel: string;
  /** YYYY-MM-DD: when the application to the programme was made. */
  appliedOn: string;
  outcome: HelpOutcome;
  outcomeLabel: string;
  outcomeText: string;
  /** YYYY-MM-DD, or null once nothing remains to follow. */
  followUpOn: string | null;
  caseId: string | null;
  caseNo: string | null;
  recordedByName: string | null;
  updatedAt: string;
}

/** 帮办 in a month's report (R-PROC-8) or a half-year's: counts by programme and outcome. */
export interface HelpStatsView {
  /** Recorded in the period. */
  recorded: number;
  /** Reached an outcome in the period. */
  approved: number;
  refused: number;
  /** Still pending at the end of the period (recorded in or before it). */
  pendingAtEnd: number;
  byProgramme: Array<{ programme: Programme; label: string; recorded: number; approved: number }>;
}
