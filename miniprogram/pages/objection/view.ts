/** The objection form's checks and texts. Pure: tested without rendering. */
import { formatBeijingTime } from '../../domain/case';
import { OBJECTION_CONTACT_MAX, OBJECTION_TEXT_MAX, type RaiseObjectionResult } from '../../domain/notices';

export { OBJECTION_CONTACT_MAX, OBJECTION_TEXT_MAX };

export const EMPTY_OBJECTION_MESSAGE = '请写明异议的理由';
export const MISSING_NOTICE_MESSAGE = '缺少公示编号，请从公示详情重新打开';
export const NOT_LIVE_MESSAGE = '这条公示已过公示期，不能再提出异议';

/** What keeps the form from being sent, in Chinese; empty when it can go (the cloud checks again). */
export function objectionProblems(text: string, contact: string): string[] {
  const problems: string[] = [];
  const body = text.trim();
  if (body.length === 0) problems.push(EMPTY_OBJECTION_MESSAGE);
  if (Array.from(body).length > OBJECTION_TEXT_MAX) problems.push(`异议内容最多 ${OBJECTION_TEXT_MAX} 字`);
  if (Array.from(contact.trim()).length > OBJECTION_CONTACT_MAX)
    problems.push(`联系方式最多 ${OBJECTION_CONTACT_MAX} 字`);
  return problems;
}

/** 「还可以写 480 字」 */
export function remainingText(text: string): string {
  const left = OBJECTION_TEXT_MAX - Array.from(text).length;
  return left >= 0 ? `还可以写 ${left} 字` : `已超出 ${-left} 字`;
}

export interface ObjectionDoneScreen {
  title: string;
  /** The cloud's own words: received, answered by when, seen by the supervision committee. */
  message: string;
  dueText: string;
}

export function toDoneScreen(result: RaiseObjectionResult): ObjectionDoneScreen {
  return {
    title: '异议已提交',
    message: result.message,
    dueText: `答复期限：${formatBeijingTime(result.dueAt, true)}`,
  };
}
