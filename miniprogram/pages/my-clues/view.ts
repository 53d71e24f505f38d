/** 我的线索: the caller's clues, each with its outcome in fixed wording (no one else's data). Pure. */
import { formatBeijingTime } from '../../domain/case';
import type { ClueOutcome, MyClueItem } from '../../domain/clues';

export const NO_CLUES_MESSAGE = '您还没有反映过线索。身边有人遇到急难时，可在互助社页面点「反映线索」。';

export const CLUE_OUTCOME_THEMES: Record<ClueOutcome, string> = {
  pending: 'warning',
  inProgress: 'primary',
  relieved: 'success',
  referred: 'success',
  notRelieved: 'default',
  closed: 'default',
};

export interface MyClueRow {
  id: string;
  societyName: string;
  reportedText: string;
  outcomeLabel: string;
  outcomeTheme: string;
}

export function toMyClueRow(item: MyClueItem): MyClueRow {
  return {
    id: item.id,
    societyName: item.societyName,
    reportedText: `${formatBeijingTime(item.reportedAt, true)} ${item.anonymous ? '匿名反映' : '实名反映'}`,
    outcomeLabel: item.outcomeLabel,
    outcomeTheme: CLUE_OUTCOME_THEMES[item.outcome],
  };
}
