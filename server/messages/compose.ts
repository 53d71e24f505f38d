/**
 * Who hears what, and in which words. A message is composed from structured fields only (the
 * case number, a fixed progress word, a time, an amount, a deadline's name): never a name, an ID
 * number, a phone, a diagnosis or anything an officer typed, so it cannot carry another person's
 * data or sensitive personal information (the notice privacy rules, DESIGN.md). The reason for a
 * rejection is typed by an officer, so the message says where to read it, not what it is.
 */
import { formatBeijingTime, DEADLINE_LABELS, type DeadlineKind } from '../../miniprogram/domain/case';
import { formatYuanShort } from '../../miniprogram/domain/money';
import type { TemplateKey } from './templates';

/** To the applicant (or whoever applied for them), on each step of their own case. */
export type ApplicantMessageKind =
  'caseAccepted' | 'caseDeclined' | 'caseVisited' | 'caseApproved' | 'caseRejected' | 'casePaid';
/** To the society's officers, and to the township when a case is overdue. */
export type OfficerMessageKind = 'newApplication' | 'deadlineReminder' | 'caseOverdue';
export type MessageKind = ApplicantMessageKind | OfficerMessageKind;

export const MESSAGE_KINDS: readonly MessageKind[] = [
  'caseAccepted',
  'caseDeclined',
  'caseVisited',
  'caseApproved',
  'caseRejected',
  'casePaid',
  'newApplication',
  'deadlineReminder',
  'caseOverdue',
];

/** Everything a message may be made of. Nothing here names or describes a person. */
export interface MessageFacts {
  caseId: string;
  caseNo: string;
  /** When the step was taken (ISO). */
  at: string;
  amountFen?: number | null;
  deadlineKind?: DeadlineKind | null;
  dueAt?: string | null;
}

export interface ComposedMessage {
  kind: MessageKind;
  templateKey: TemplateKey;
  /** The page the message opens. */
  page: string;
  /** Keyword values by WeChat keyword name. */
  values: Record<string, string>;
  /** The same message as one line, for the outbox and the preview's 消息 panel. */
  title: string;
}

const APPLICANT_PAGE = '/pages/case/index';
const OFFICER_PAGE = '/packages/officer/pages/case/index';
/** The township's own list of its societies' overdue cases. */
const TOWNSHIP_PAGE = '/packages/oversight/pages/township/index';

const PROGRESS: Record<ApplicantMessageKind, { phrase: string; hint: (facts: MessageFacts) => string }> = {
  caseAccepted: { phrase: '已受理', hint: () => '工作人员将尽快入户核查' },
  caseDeclined: { phrase: '未受理', hint: () => '原因请在小程序中查看' },
  caseVisited: { phrase: '已核查', hint: () => '入户核查已完成，等待审批' },
  caseApproved: {
    phrase: '已批准',
    hint: (facts) => (facts.amountFen ? `批准救助${formatYuanShort(facts.amountFen)}` : '申请已获批准'),
  },
  caseRejected: { phrase: '未批准', hint: () => '原因请在小程序中查看' },
  casePaid: {
    phrase: '已发放',
    hint: (facts) => (facts.amountFen ? `已发放${formatYuanShort(facts.amountFen)}，请查收` : '救助已发放，请查收'),
  },
};

function isApplicantKind(kind: MessageKind): kind is ApplicantMessageKind {
  return Object.prototype.hasOwnProperty.call(PROGRESS, kind);
}

function deadlineLabel(facts: MessageFacts): string {
  return facts.deadlineKind ? DEADLINE_LABELS[facts.deadlineKind] : '办理期限';
}

export function composeMessage(kind: MessageKind, facts: MessageFacts): ComposedMessage {
  const time = formatBeijingTime(facts.at, true);
  if (isApplicantKind(kind)) {
    const { phrase, hint } = PROGRESS[kind];
    const note = hint(facts);
    return {
      kind,
      templateKey: 'caseProgress',
      page: `${APPLICANT_PAGE}?caseId=${facts.caseId}`,
      values: { character_string1: facts.caseNo, phrase2: phrase, time3: time, thing4: note },
      title: `救助申请 ${facts.caseNo} ${phrase}：${note}`,
    };
  }
  const page = `${OFFICER_PAGE}?caseId=${facts.caseId}`;
  const due = facts.dueAt ? formatBeijingTime(facts.dueAt, true) : time;
  if (kind === 'newApplication') {
    return {
      kind,
      templateKey: 'officerTodo',
      page,
      values: {
        character_string1: facts.caseNo,
        thing2: '新的救助申请待受理',
        time3: time,
        thing4: '请在工作台及时受理',
      },
      title: `新的救助申请 ${facts.caseNo} 待受理`,
    };
  }
  if (kind === 'deadlineReminder') {
    const task = `${deadlineLabel(facts)}即将到期`;
    return {
      kind,
      templateKey: 'officerTodo',
      page,
      values: { character_string1: facts.caseNo, thing2: task, time3: due, thing4: '剩余不足4个工作小时' },
      title: `案件 ${facts.caseNo} ${task}（截止 ${due}）`,
    };
  }
  const task = `${deadlineLabel(facts)}已超时`;
  return {
    kind,
    templateKey: 'officerTodo',
    page: TOWNSHIP_PAGE,
    values: { character_string1: facts.caseNo, thing2: task, time3: due, thing4: '请督促互助社办理' },
    title: `案件 ${facts.caseNo} ${task}（截止 ${due}）`,
  };
}
