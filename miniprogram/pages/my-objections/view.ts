/** 我的异议: the caller's objections to public notices, each with the answer or its deadline. Pure. */
import { formatBeijingTime } from '../../domain/case';
import type { MyObjectionView, ObjectionStatus } from '../../domain/notices';

export const NO_OBJECTIONS_MESSAGE = '您还没有对公示提出过异议。对公示有不同意见时，可在公示详情中提出。';

export const OBJECTION_STATUS_THEMES: Record<ObjectionStatus, string> = {
  open: 'warning',
  answered: 'success',
};

export interface MyObjectionRow {
  id: string;
  societyName: string;
  /** The notice as it was published (masked, or 未公开姓名). */
  noticeTitle: string;
  text: string;
  raisedText: string;
  statusLabel: string;
  statusTheme: string;
  /** While open: when the society must answer by; empty once answered. */
  dueText: string;
  /** Why that deadline is 暂定 (the year's holiday arrangement is not entered); '' when it is not. */
  dueNote: string;
  overdue: boolean;
  answer: { outcomeLabel: string; text: string; atText: string } | null;
  noticeUrl: string;
}

export function toMyObjectionRow(objection: MyObjectionView): MyObjectionRow {
  const answer = objection.answer;
  return {
    id: objection.id,
    societyName: objection.societyName,
    noticeTitle: objection.noticeTitle,
    text: objection.text,
    raisedText: `${formatBeijingTime(objection.raisedAt, true)} 提出`,
    statusLabel: objection.statusLabel,
    statusTheme: OBJECTION_STATUS_THEMES[objection.status],
    dueText:
      objection.status === 'open'
        ? objection.overdue
          ? `答复${objection.dueText}，可向村监督委员会或乡镇反映`
          : `互助社答复${objection.dueText}`
        : '',
    dueNote: objection.status === 'open' ? (objection.dueNote ?? '') : '',
    overdue: objection.overdue,
    answer: answer
      ? {
          outcomeLabel: answer.outcomeLabel,
          text: answer.text,
          atText: `${formatBeijingTime(answer.at, true)} 答复${answer.late ? '（超过答复期限）' : ''}`,
        }
      : null,
    noticeUrl: `/pages/notice/index?noticeId=${encodeURIComponent(objection.noticeId)}`,
  };
}
