/**
 * Answering an objection (异议) to a live notice (R-OVS-3, R-OVS-2): the objection, its contact
 * if one was left, the notice it is about, the answer deadline in working days; the answer form
 * and the answers given before. Answers are kept and never changed. Pure: tested without rendering.
 */
import { formatBeijingTime } from '../../../../domain/case';
import {
  OBJECTION_ANSWER_MAX,
  OBJECTION_OUTCOMES,
  OBJECTION_OUTCOME_LABELS,
  noticeTitle,
  type ObjectionOutcome,
  type ObjectionView,
  type PublicNoticeView,
} from '../../../../domain/notices';

export { OBJECTION_ANSWER_MAX };

export const MISSING_OBJECTION_MESSAGE = '缺少异议编号，请从公示待办重新打开';
export const NOT_FOUND_MESSAGE = '没有找到这条异议';
export const NOT_ANSWERER_MESSAGE = '只有本社秘书长或社长可以答复异议';
export const EMPTY_ANSWER_MESSAGE = '请填写答复内容';
export const NO_OUTCOME_MESSAGE = '请选择异议是否成立';
export const ANSWER_FINAL_NOTE = '答复发出后不能修改，提出人和村监督委员会都能看到。';
export const ANSWER_SENT_MESSAGE = '答复已发出';

export const OUTCOME_OPTIONS: ReadonlyArray<{ value: ObjectionOutcome; label: string }> = OBJECTION_OUTCOMES.map(
  (value) => ({ value, label: OBJECTION_OUTCOME_LABELS[value] }),
);

export interface AnswerScreen {
  text: string;
  outcomeLabel: string;
  /** 「刘芳 12月1日 10:00 答复」, with 「（超过答复期限）」 when late. */
  byline: string;
}

export interface ObjectionScreen {
  id: string;
  noticeTitle: string;
  text: string;
  /** 「联系方式：…」, or 「未留联系方式」. */
  contactText: string;
  raisedText: string;
  /** 「答复期限：截止 12月3日 09:10，剩余 …」 (working days, from the cloud). */
  dueText: string;
  overdue: boolean;
  statusLabel: string;
  tagTheme: 'success' | 'danger' | 'warning';
  answered: boolean;
  answer: AnswerScreen | null;
}

export function toAnswerScreen(answer: NonNullable<ObjectionView['answer']>): AnswerScreen {
  const who = answer.byName ? `${answer.byName} ` : '';
  return {
    text: answer.text,
    outcomeLabel: answer.outcomeLabel,
    byline: `${who}${formatBeijingTime(answer.at)} 答复${answer.late ? '（超过答复期限）' : ''}`,
  };
}

export function toObjectionScreen(objection: ObjectionView): ObjectionScreen {
  return {
    id: objection.id,
    noticeTitle: objection.noticeTitle,
    text: objection.text,
    contactText: objection.contact ? `联系方式：${objection.contact}` : '未留联系方式',
    raisedText: `提出时间：${formatBeijingTime(objection.raisedAt)}`,
    dueText: `答复期限：${objection.dueText}`,
    overdue: objection.overdue,
    statusLabel: objection.overdue ? `${objection.statusLabel}（已超时）` : objection.statusLabel,
    tagTheme: objection.answer ? 'success' : objection.overdue ? 'danger' : 'warning',
    answered: objection.answer !== null,
    answer: objection.answer ? toAnswerScreen(objection.answer) : null,
  };
}

/** The other objections to the same notice that were answered already, newest first. */
export function earlierAnswers(all: readonly ObjectionView[], current: string): ObjectionScreen[] {
  return all.filter((objection) => objection.id !== current && objection.answer !== null).map(toObjectionScreen);
}

export interface NoticeSummary {
  title: string;
  statusLabel: string;
  periodText: string;
  lines: string[];
}

export function toNoticeSummary(notice: PublicNoticeView): NoticeSummary {
  return {
    title: noticeTitle(notice.content),
    statusLabel: notice.statusLabel,
    periodText: `公示期：${notice.periodText}`,
    lines: notice.lines,
  };
}

/** Why the answer cannot be sent (Chinese), none when it can (the cloud checks again). */
export function answerProblems(text: string, outcome: ObjectionOutcome | ''): string[] {
  const problems: string[] = [];
  const body = text.trim();
  if (body.length === 0) problems.push(EMPTY_ANSWER_MESSAGE);
  if (Array.from(body).length > OBJECTION_ANSWER_MAX) problems.push(`答复最多 ${OBJECTION_ANSWER_MAX} 字`);
  if (!outcome) problems.push(NO_OUTCOME_MESSAGE);
  return problems;
}
