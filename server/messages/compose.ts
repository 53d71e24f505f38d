/**
 * Who hears what, and in which words. A message is composed from structured fields only (the
 * case number, a fixed progress word, a time, an amount, a deadline's name): never a name, an ID
 * number, a phone, a diagnosis or anything an officer typed, so it cannot carry another person's
 * data or sensitive personal information (the notice privacy rules, DESIGN.md). The reason for a
 * rejection is typed by an officer, so the message says where to read it, not what it is.
 */
import { formatBeijingTime, DEADLINE_LABELS, type DeadlineKind } from '../../miniprogram/domain/case';
import { formatYuanShort } from '../../miniprogram/domain/money';
import type { ObjectionOutcome } from '../../miniprogram/domain/notices';
import type { TemplateKey } from './templates';

/** To the applicant (or whoever applied for them), on each step of their own case. */
export type ApplicantMessageKind =
  'caseAccepted' | 'caseDeclined' | 'caseVisited' | 'caseApproved' | 'caseRejected' | 'casePaid';
/** To the society's officers, and to the township when a case is overdue. */
export type OfficerMessageKind = 'newApplication' | 'deadlineReminder' | 'caseOverdue';
/** To the person who raised an objection; to a donor; to the society's members. */
export type OtherMessageKind = 'objectionAnswered' | 'giftReceived' | 'fundRelief' | 'meetingScheduled';
export type MessageKind = ApplicantMessageKind | OfficerMessageKind | OtherMessageKind;

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
  'objectionAnswered',
  'giftReceived',
  'fundRelief',
  'meetingScheduled',
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

const MY_OBJECTIONS_PAGE = '/pages/my-objections/index';
const MY_PLEDGES_PAGE = '/pages/my-pledges/index';
const MEETING_PAGE = '/pages/meeting/index';

const OUTCOME_PHRASES: Record<ObjectionOutcome, string> = { upheld: '异议成立', notUpheld: '不成立' };

/**
 * To whoever raised an objection, when it is answered: the outcome in a fixed word. The answer is
 * an officer's text and the objection the raiser's own: both are read in the app (我的异议).
 */
export function composeObjectionAnswered(facts: { outcome: ObjectionOutcome; at: string }): ComposedMessage {
  const phrase = OUTCOME_PHRASES[facts.outcome];
  const note = '答复内容请在我的异议中查看';
  return {
    kind: 'objectionAnswered',
    templateKey: 'objectionResult',
    page: MY_OBJECTIONS_PAGE,
    values: { thing1: '对救助公示的异议', phrase2: phrase, time3: formatBeijingTime(facts.at, true), thing4: note },
    title: `您对公示提出的异议已答复：${phrase}，${note}`,
  };
}

/**
 * To a donor: their gift confirmed received, or relief paid from the fund their gift went into.
 * Only the society's name (public), a sum and a time: a payout names no recipient, no place, no
 * cause, so it is the same whether or not the recipient agreed to be named on notices.
 */
export function composeDonorMessage(
  kind: 'giftReceived' | 'fundRelief',
  facts: { societyName: string; amountFen: number; at: string },
): ComposedMessage {
  const amount = formatYuanShort(facts.amountFen);
  const time = formatBeijingTime(facts.at, true);
  if (kind === 'giftReceived') {
    const note = '感谢您的捐赠，回执可在小程序中查看';
    return {
      kind,
      templateKey: 'donationProgress',
      page: MY_PLEDGES_PAGE,
      values: { thing1: facts.societyName, phrase2: '已到账', amount3: amount, time4: time, thing5: note },
      title: `您的捐赠 ${amount} 已到账：${facts.societyName}`,
    };
  }
  const note = '互助资金发放了一笔救助';
  return {
    kind,
    templateKey: 'donationProgress',
    page: MY_PLEDGES_PAGE,
    values: { thing1: facts.societyName, phrase2: '已救助', amount3: amount, time4: time, thing5: note },
    title: `${facts.societyName}从互助资金发放救助 ${amount}`,
  };
}

/** R-OVS-4: to the society's members when the president schedules a general meeting. */
export function composeMeetingScheduled(facts: {
  meetingId: string;
  halfLabel: string;
  startsAt: string;
}): ComposedMessage {
  const name = `${facts.halfLabel}会员大会`;
  const time = formatBeijingTime(facts.startsAt, true);
  const note = '地点和议程请在小程序中查看';
  return {
    kind: 'meetingScheduled',
    templateKey: 'meetingNotice',
    page: `${MEETING_PAGE}?meetingId=${facts.meetingId}`,
    values: { thing1: name, time2: time, thing3: note },
    title: `${name}定于 ${time} 召开，${note}`,
  };
}
