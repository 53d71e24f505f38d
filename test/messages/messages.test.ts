/**
 * Who hears what (issue 14), over the real dispatch and SQLite store: the applicant on each step
 * of their own case, the officers on a new application and before each deadline, the township
 * when one is missed. Exactly once, with one-time authorisations counted, WeChat's errors kept.
 */
import { createTestBackend, type TestBackend } from '../support/test-backend';
import { COLLECTIONS, type UserDoc } from '../../server/collections';
import { findAll } from '../../server/ports/store';
import type { Notifier, SubscribeMessage } from '../../server/ports/notifier';
import type { CaseDoc } from '../../server/cases/model';
import { unseal } from '../../server/cases/pii';
import { OFFICER_ROLES, holdersOf } from '../../server/messages/case-messages';
import { deliver, deliverPending, grantId, type MessageGrantDoc, type OutboxDoc } from '../../server/messages/outbox';
import { MESSAGE_KINDS } from '../../server/messages/compose';
import { handOnWaiting } from '../../server/outbound';
import { FIELD_LIMITS, TEMPLATES } from '../../server/messages/templates';
import type { MyCaseView, OfficerCaseView } from '../../miniprogram/domain/case';
import { application, caller, visit } from '../cases/helpers';
import { payCase } from '../notices/support';
import { DEMO_PLEDGE_ID } from '../../server/seed/demo-funds';
import { MEETING_ADDRESSEES } from '../../server/messages/people-messages';
import type { PublishResult, RaiseObjectionResult } from '../../miniprogram/domain/notices';

let backend: TestBackend;
let api: ReturnType<typeof caller>;
beforeEach(async () => {
  backend = await createTestBackend();
  api = caller(backend);
});
afterEach(() => backend.close());

const TIMER = { Type: 'Timer', TriggerName: 'deadlineMessages', Time: '2026-12-04T07:00:00Z', Message: '' };

/**
 * The case's messages in the outbox, once what its steps kept on it is handed on (as the minute
 * timer, and every reader, does first: server/outbound.ts). Nothing is sent here.
 */
async function outboxOf(caseId: string): Promise<OutboxDoc[]> {
  await handOnWaiting(backend.ports.store);
  const all = await findAll<OutboxDoc>(backend.ports.store, COLLECTIONS.outbox, { where: { caseId } });
  return all.sort((a, b) => a.queuedAt.localeCompare(b.queuedAt) || a._id.localeCompare(b._id));
}

async function userIdOf(openid: string): Promise<string> {
  const [user] = await backend.ports.store.find<UserDoc>(COLLECTIONS.users, { where: { openid } });
  return user!._id;
}

async function outboxTo(userId: string): Promise<OutboxDoc[]> {
  const all = await findAll<OutboxDoc>(backend.ports.store, COLLECTIONS.outbox, { where: { userId } });
  return all.sort((a, b) => a.queuedAt.localeCompare(b.queuedAt) || a._id.localeCompare(b._id));
}

type Moment = 'applied' | 'workbench' | 'objected' | 'pledged' | 'meetings';

async function subscribe(openid: string, moment: Moment, times = 1): Promise<void> {
  for (let i = 0; i < times; i += 1) {
    const { templateIds } = await api.ok<{ templateIds: string[] }>(
      'societies',
      'messageSubscriptions',
      { moment },
      openid,
    );
    expect(templateIds.length).toBeGreaterThan(0);
    await api.ok('societies', 'recordSubscriptions', { acceptedTemplateIds: templateIds }, openid);
  }
}

async function submitAt(at: string, overrides: Record<string, unknown> = {}): Promise<string> {
  backend.ports.clock.set(at);
  const view = await api.ok<MyCaseView>('applications', 'submit', application(overrides), 'demo-applicant');
  return view.id;
}

async function acceptAt(at: string, caseId: string): Promise<void> {
  backend.ports.clock.set(at);
  await api.ok<OfficerCaseView>('approvals', 'accept', { caseId }, 'demo-secretary');
}

const MINUTE = { Type: 'Timer', TriggerName: 'sealAudit', Time: '2026-12-04T07:00:00Z', Message: '' };

/** The minute timer: hands on what steps kept on their cases, sends what is queued, seals the trail. */
async function minuteTimer(): Promise<void> {
  const result = await backend.call('scheduler', MINUTE, null);
  expect(result.ok).toBe(true);
}

/** Runs the half-hourly timer from `from` to `to` (each run twice, as a platform retry would). */
async function runTimer(from: string, to: string): Promise<void> {
  for (let at = Date.parse(from); at <= Date.parse(to); at += 30 * 60 * 1000) {
    backend.ports.clock.set(new Date(at));
    for (let run = 0; run < 2; run += 1) {
      const result = await backend.call('scheduler', TIMER, null);
      expect(result.ok).toBe(true);
    }
  }
}

describe('the applicant hears of each step of their own case', () => {
  it('apply, accept, visit, approve, pay: four messages to the applicant, sent while authorisations last', async () => {
    const caseId = await submitAt('2026-11-30T09:00:00+08:00');
    await subscribe('demo-applicant', 'applied', 3);
    await acceptAt('2026-11-30T10:00:00+08:00', caseId);
    // A step without a transaction keeps its message on the case: the minute timer sends it.
    await minuteTimer();
    await api.ok(
      'approvals',
      'recordVisit',
      visit(caseId, { recommend: 'grant', form: 'cash', amountFen: 300_00, tierId: 's2' }),
      'demo-secretary',
    );
    await minuteTimer();
    await api.ok(
      'approvals',
      'propose',
      { caseId, recommend: 'grant', form: 'cash', amountFen: 300_00, tierId: 's2', reason: '建议按二档救助' },
      'demo-secretary',
    );
    await api.ok('approvals', 'approve', { caseId, note: '同意' }, 'demo-president');
    await minuteTimer();
    const pay = { caseId, requestId: 'pay-msg-1', method: 'cash', amountFen: 300_00, recipientName: '张小军' };
    await api.ok('approvals', 'disburse', pay, 'demo-secretary');
    await api.ok('approvals', 'disburse', pay, 'demo-secretary');

    const applicant = await userIdOf('demo-applicant');
    const mine = (await outboxOf(caseId)).filter((doc) => doc.userId === applicant);
    expect(mine.map((doc) => doc.kind)).toEqual(['caseAccepted', 'caseVisited', 'caseApproved', 'casePaid']);
    expect(mine.map((doc) => doc.values.phrase2)).toEqual(['已受理', '已核查', '已批准', '已发放']);
    expect(mine.find((doc) => doc.kind === 'casePaid')!.values.thing4).toBe('已发放300元，请查收');
    // Three accepts, four messages: the fourth waits for no one and is kept as unsubscribed.
    expect(mine.map((doc) => doc.status)).toEqual(['sent', 'sent', 'sent', 'unsubscribed']);
    const grant = await backend.ports.store.get<MessageGrantDoc>(
      COLLECTIONS.messageGrants,
      grantId(applicant, 'caseProgress'),
    );
    expect(grant!.remaining).toBe(0);
    expect(mine[0]!.page).toBe(`/pages/case/index?caseId=${caseId}`);
  });

  it('the officers hear of a new application once, even when the submit is retried', async () => {
    const payload = application({ requestId: 'req-msg-new-1' });
    backend.ports.clock.set('2026-11-30T09:00:00+08:00');
    const first = await api.ok<MyCaseView>('applications', 'submit', payload, 'demo-applicant');
    await api.ok<MyCaseView>('applications', 'submit', payload, 'demo-applicant');
    const officers = await holdersOf(backend.ports.store, { societyId: 'soc-wangjia' }, OFFICER_ROLES);
    expect(officers.length).toBeGreaterThanOrEqual(2);
    const docs = await outboxOf(first.id);
    expect(docs.map((doc) => [doc.kind, doc.userId])).toEqual(officers.map((userId) => ['newApplication', userId]));
    expect(docs.every((doc) => doc.status === 'unsubscribed')).toBe(true);
  });

  it('a refused step queues nothing', async () => {
    const caseId = await submitAt('2026-11-30T09:00:00+08:00');
    const before = await backend.ports.store.count(COLLECTIONS.outbox);
    await api.refused('approvals', 'approve', { caseId, note: '同意' }, 'demo-president');
    expect(await backend.ports.store.count(COLLECTIONS.outbox)).toBe(before);
  });
});

describe('the scheduler: reminders 4 working hours before, overdue to the township, each once', () => {
  it('R-PROC-3: a visit due Monday 15:00 (accepted Friday 15:00) is reminded Monday 11:00, not over the weekend, and escalated at 15:30', async () => {
    const caseId = await submitAt('2026-12-04T14:00:00+08:00');
    await acceptAt('2026-12-04T15:00:00+08:00', caseId);
    await subscribe('demo-secretary', 'workbench');
    await runTimer('2026-12-04T15:30:00+08:00', '2026-12-07T17:00:00+08:00');

    const officers = await holdersOf(backend.ports.store, { societyId: 'soc-wangjia' }, OFFICER_ROLES);
    const township = await holdersOf(backend.ports.store, { areaId: 'area-qingshi' }, ['township']);
    expect(township.length).toBeGreaterThan(0);
    const docs = await outboxOf(caseId);
    const reminders = docs.filter((doc) => doc.kind === 'deadlineReminder');
    expect(reminders.map((doc) => doc.userId).sort()).toEqual(officers);
    expect(new Set(reminders.map((doc) => doc.queuedAt))).toEqual(new Set(['2026-12-07T03:00:00.000Z']));
    expect(reminders[0]!.values).toMatchObject({ thing2: '入户核查和审核意见即将到期', time3: '2026年12月7日 15:00' });
    const overdue = docs.filter((doc) => doc.kind === 'caseOverdue');
    expect(overdue.map((doc) => doc.userId).sort()).toEqual(township);
    expect(new Set(overdue.map((doc) => doc.queuedAt))).toEqual(new Set(['2026-12-07T07:30:00.000Z']));
    // The secretary granted one authorisation: their reminder was sent, the others are kept unsent.
    const secretary = await userIdOf('demo-secretary');
    expect(reminders.find((doc) => doc.userId === secretary)!.status).toBe('sent');
    expect(reminders.filter((doc) => doc.userId !== secretary).every((doc) => doc.status === 'unsubscribed')).toBe(
      true,
    );
  });

  it('R-PROC-4: across National Day a deadline of 8 Oct 17:00 is reminded on 8 Oct at 13:00, none during the holiday', async () => {
    const caseId = await submitAt('2026-09-30T16:00:00+08:00');
    await acceptAt('2026-09-30T17:00:00+08:00', caseId);
    const stored = await backend.ports.store.get<CaseDoc>(COLLECTIONS.cases, caseId);
    expect(stored!.deadlines.visit!.dueAt).toBe('2026-10-08T09:00:00.000Z');
    await runTimer('2026-09-30T17:30:00+08:00', '2026-10-08T17:30:00+08:00');
    const docs = await outboxOf(caseId);
    const reminders = docs.filter((doc) => doc.kind === 'deadlineReminder');
    expect(reminders.length).toBeGreaterThan(0);
    expect(new Set(reminders.map((doc) => doc.queuedAt))).toEqual(new Set(['2026-10-08T05:00:00.000Z']));
    expect(new Set(docs.filter((doc) => doc.kind === 'caseOverdue').map((doc) => doc.queuedAt))).toEqual(
      new Set(['2026-10-08T09:30:00.000Z']),
    );
  });

  it('a deadline met in time is reminded but never escalated', async () => {
    const caseId = await submitAt('2026-12-04T14:00:00+08:00');
    await acceptAt('2026-12-04T15:00:00+08:00', caseId);
    await runTimer('2026-12-07T10:30:00+08:00', '2026-12-07T12:00:00+08:00');
    await api.ok(
      'approvals',
      'recordVisit',
      visit(
        caseId,
        { recommend: 'grant', form: 'cash', amountFen: 300_00, tierId: 's2' },
        { visitedAt: '2026-12-07T10:00:00+08:00' },
      ),
      'demo-secretary',
    );
    await runTimer('2026-12-07T12:30:00+08:00', '2026-12-07T18:00:00+08:00');
    const kinds = (await outboxOf(caseId)).map((doc) => doc.kind);
    expect(kinds).toContain('deadlineReminder');
    expect(kinds).not.toContain('caseOverdue');
  });
});

describe('sending: claimed once, WeChat errors kept, retried only where it helps', () => {
  function scriptedNotifier(answers: Array<{ errCode: number; errMsg: string } | 'ok'>): Notifier & {
    sent: SubscribeMessage[];
  } {
    const sent: SubscribeMessage[] = [];
    return {
      kind: 'local',
      sent,
      async send(message) {
        sent.push(message);
        const answer = answers.shift() ?? 'ok';
        return answer === 'ok' ? { ok: true } : { ok: false, ...answer };
      },
    };
  }

  async function queuedAcceptance(): Promise<OutboxDoc> {
    const caseId = await submitAt('2026-11-30T09:00:00+08:00');
    await subscribe('demo-applicant', 'applied', 2);
    // Queue without sending: the step keeps its message on the case, handed on here and not sent.
    const ctx = await backend.contextFor('demo-secretary');
    const { acceptCase } = await import('../../server/cases/intake');
    await acceptCase(ctx, caseId, []);
    const doc = (await outboxOf(caseId)).find((item) => item.kind === 'caseAccepted')!;
    expect(doc.status).toBe('queued');
    return doc;
  }

  it('system busy (-1) is recorded and retried later; the authorisation is not used up by a failure', async () => {
    const doc = await queuedAcceptance();
    const notifier = scriptedNotifier([{ errCode: -1, errMsg: 'system error' }, 'ok']);
    const ports = { ...backend.ports, notifier };
    expect(await deliver(ports, doc._id)).toBe('retry');
    let stored = await backend.ports.store.get<OutboxDoc>(COLLECTIONS.outbox, doc._id);
    expect(stored).toMatchObject({ status: 'retry', errCode: -1, attempts: 1 });
    const applicant = await userIdOf('demo-applicant');
    const grant = () =>
      backend.ports.store.get<MessageGrantDoc>(COLLECTIONS.messageGrants, grantId(applicant, 'caseProgress'));
    expect((await grant())!.remaining).toBe(2);
    // Not before its time; then sent once.
    await deliverPending(ports);
    expect(notifier.sent).toHaveLength(1);
    backend.ports.clock.set(new Date(Date.parse(stored!.nextAttemptAt!) + 1000));
    await deliverPending(ports);
    await deliverPending(ports);
    stored = await backend.ports.store.get<OutboxDoc>(COLLECTIONS.outbox, doc._id);
    expect(stored).toMatchObject({ status: 'sent', errCode: 0, attempts: 2 });
    expect(notifier.sent).toHaveLength(2);
    expect((await grant())!.remaining).toBe(1);
    expect(notifier.sent[1]).toMatchObject({ touser: 'demo-applicant', templateId: 'local-caseProgress' });
  });

  it('"user refused" (43101) is recorded and not retried, and no authorisation is counted any more', async () => {
    const doc = await queuedAcceptance();
    const notifier = scriptedNotifier([{ errCode: 43101, errMsg: 'user refuse to accept the msg' }]);
    const ports = { ...backend.ports, notifier };
    expect(await deliver(ports, doc._id)).toBe('failed');
    backend.ports.clock.set('2026-12-30T09:00:00+08:00');
    await deliverPending(ports);
    expect(notifier.sent).toHaveLength(1);
    expect(await backend.ports.store.get<OutboxDoc>(COLLECTIONS.outbox, doc._id)).toMatchObject({
      status: 'failed',
      errCode: 43101,
      errMsg: 'user refuse to accept the msg',
    });
    const applicant = await userIdOf('demo-applicant');
    expect(
      (await backend.ports.store.get<MessageGrantDoc>(COLLECTIONS.messageGrants, grantId(applicant, 'caseProgress')))!
        .remaining,
    ).toBe(0);
  });

  it('two deliveries at once send once; a run that died after claiming does not send again', async () => {
    const doc = await queuedAcceptance();
    const notifier = scriptedNotifier([]);
    const ports = { ...backend.ports, notifier };
    await Promise.all([deliver(ports, doc._id), deliver(ports, doc._id), deliverPending(ports)]);
    expect(notifier.sent).toHaveLength(1);
    // A claim whose run died before WeChat answered stays 'sending' and is left alone.
    await backend.ports.store.transaction((tx) => tx.update(COLLECTIONS.outbox, doc._id, { status: 'sending' }));
    await deliverPending(ports);
    expect(await deliver(ports, doc._id)).toBe('sending');
    expect(notifier.sent).toHaveLength(1);
  });

  it('a step kept on its case is sent by the minute timer; a message a dead call left queued goes out with the timer', async () => {
    const accepted = await queuedAcceptance();
    const caseId = accepted.caseId!;
    // Nobody subscribed to the officers' template: their messages are kept unsubscribed at once.
    const other = await submitAt('2026-11-30T09:30:00+08:00');
    const otherDocs = await outboxOf(other);
    expect(otherDocs.length).toBeGreaterThan(0);
    expect(otherDocs.every((doc) => doc.status === 'unsubscribed' && doc.attempts === 0)).toBe(true);
    backend.ports.clock.set('2026-11-30T11:00:00+08:00');
    await api.ok(
      'approvals',
      'recordVisit',
      visit(
        caseId,
        { recommend: 'grant', form: 'cash', amountFen: 300_00, tierId: 's2' },
        { visitedAt: '2026-11-30T10:30:00+08:00' },
      ),
      'demo-secretary',
    );
    const statuses = async () =>
      Object.fromEntries(
        (await outboxOf(caseId)).filter((doc) => doc.caseId === caseId).map((doc) => [doc.kind, doc.status]),
      );
    expect(await statuses()).toMatchObject({ caseAccepted: 'queued', caseVisited: 'queued' });
    await minuteTimer();
    expect(await statuses()).toMatchObject({ caseAccepted: 'sent', caseVisited: 'sent' });
  });

  it('template ids the page reports that are not ours count for nothing', async () => {
    await submitAt('2026-11-30T09:00:00+08:00');
    const result = await api.ok<{ remaining: Record<string, number> }>(
      'societies',
      'recordSubscriptions',
      { acceptedTemplateIds: ['someone-elses-template'] },
      'demo-applicant',
    );
    expect(result.remaining).toEqual({});
    expect(await backend.ports.store.count(COLLECTIONS.messageGrants)).toBe(0);
  });
});

describe('the objector, the donor and the members hear what concerns them, once', () => {
  const DONOR = 'u-qingshijiancai';
  const confirm = { pledgeId: DEMO_PLEDGE_ID, entryId: 'entry-gift-msg-1', slip: '银行回单 1204-01' };

  it('the donor hears when the gift arrives and when the fund pays relief after it, each once even on retry', async () => {
    // Paid before the gift arrived: nothing to tell this donor about it.
    const before = await payCase(backend, { name: '孙桂芝' });
    await subscribe('demo-donor', 'pledged', 3);
    backend.ports.clock.set('2026-11-30T14:30:00+08:00');
    await api.ok('pledges', 'confirmReceipt', confirm, 'demo-secretary');
    await api.ok('pledges', 'confirmReceipt', confirm, 'demo-secretary');
    await minuteTimer();
    backend.ports.clock.set('2026-11-30T15:00:00+08:00');
    const after = await payCase(backend, { name: '钱秀兰', amountFen: 800_00, tierId: 'e3', consentToNotice: false });
    // The payout's request again (a retried call): no second message.
    await api.ok(
      'approvals',
      'disburse',
      { requestId: `pay-${after}`.slice(0, 60), caseId: after, method: 'cash', amountFen: 800_00 },
      'demo-secretary',
    );
    await minuteTimer();
    await minuteTimer();

    const mine = await outboxTo(DONOR);
    expect(mine.map((doc) => [doc.kind, doc.status, doc.values.phrase2, doc.values.amount3])).toEqual([
      ['giftReceived', 'sent', '已到账', '5000元'],
      ['fundRelief', 'sent', '已救助', '800元'],
    ]);
    expect(mine.every((doc) => doc.templateKey === 'donationProgress' && doc.page === '/pages/my-pledges/index')).toBe(
      true,
    );
    // The recipient withheld consent to be named: the donor's message names nobody, as for everyone.
    expect(JSON.stringify(mine)).not.toMatch(/钱|秀兰|孙桂芝/);
    expect(mine.some((doc) => doc.values.thing1 === '王家村救急难互助社')).toBe(true);
    expect((await outboxOf(before)).some((doc) => doc.userId === DONOR)).toBe(false);
    expect(
      (await backend.ports.store.get<MessageGrantDoc>(COLLECTIONS.messageGrants, grantId(DONOR, 'donationProgress')))!
        .remaining,
    ).toBe(1);
  });

  it('the objector hears the outcome once, in a fixed word; who has no user record is not asked', async () => {
    const paid = await payCase(backend, { name: '赵丽华', amountFen: 600_00 });
    const published = await api.ok<PublishResult>(
      'notices',
      'publishNotice',
      { caseId: paid, villageGroupNo: 3 },
      'demo-secretary',
    );
    const stranger = await api.ok<{ templateIds: string[] }>(
      'societies',
      'messageSubscriptions',
      { moment: 'objected' },
      'o-stranger-from-a-qr-code',
    );
    expect(stranger.templateIds).toEqual([]);
    const raised = await api.ok<RaiseObjectionResult>(
      'notices',
      'raiseObjection',
      { requestId: 'objection-msg-1', noticeId: published.notice.id, text: '她家儿子在城里开店，请再核实。' },
      'demo-resident',
    );
    await subscribe('demo-resident', 'objected');
    const answer = {
      objectionId: raised.objectionId,
      answer: '经再次入户核实，其子已分户另过。',
      outcome: 'notUpheld',
    };
    await api.ok('notices', 'answerObjection', answer, 'demo-secretary');
    await api.ok('notices', 'answerObjection', answer, 'demo-secretary');

    const mine = (await outboxTo(await userIdOf('demo-resident'))).filter((doc) => doc.kind === 'objectionAnswered');
    expect(mine.map((doc) => [doc.status, doc.values.phrase2, doc.page])).toEqual([
      ['sent', '不成立', '/pages/my-objections/index'],
    ]);
    expect(JSON.stringify(mine)).not.toMatch(/分户|开店|赵/);
  });

  it('R-OVS-4: members hear of a general meeting once; the president who called it does not', async () => {
    await subscribe('demo-member', 'meetings');
    const refused = await api.ok<{ templateIds: string[] }>(
      'societies',
      'messageSubscriptions',
      { moment: 'meetings' },
      'demo-resident',
    );
    expect(refused.templateIds).toEqual([]);
    const meeting = {
      requestId: 'meeting-msg-1',
      societyId: 'soc-wangjia',
      place: '王家村村民委员会二楼会议室',
      startsAt: '2026-12-28T09:00:00+08:00',
    };
    await api.ok('funds', 'scheduleMeeting', meeting, 'demo-president');
    await api.ok('funds', 'scheduleMeeting', meeting, 'demo-president');

    const docs = (await findAll<OutboxDoc>(backend.ports.store, COLLECTIONS.outbox, { where: {} })).filter(
      (doc) => doc.kind === 'meetingScheduled',
    );
    const holders = await holdersOf(backend.ports.store, { societyId: 'soc-wangjia' }, MEETING_ADDRESSEES);
    expect(holders).toContain('u-wangjianguo');
    expect(docs.map((doc) => doc.userId).sort()).toEqual(holders.filter((id) => id !== 'u-wangjianguo'));
    const member = docs.find((doc) => doc.userId === 'u-chenlixin')!;
    expect(member).toMatchObject({ status: 'sent', page: '/pages/meeting/index?meetingId=meeting-msg-1' });
    expect(member.values).toEqual({
      thing1: '2026年下半年会员大会',
      time2: '2026年12月28日 09:00',
      thing3: '地点和议程请在小程序中查看',
    });
    expect(docs.filter((doc) => doc.userId !== 'u-chenlixin').every((doc) => doc.status === 'unsubscribed')).toBe(true);
  });
});

describe('privacy: a message carries no personal data beyond the addressee’s own case', () => {
  it('every kind of message, composed from real cases, holds no name, ID number, phone or description', async () => {
    // The donor: the gift received, then relief paid to someone who withheld consent to be named.
    backend.ports.clock.set('2026-11-30T15:00:00+08:00');
    await api.ok(
      'pledges',
      'confirmReceipt',
      { pledgeId: DEMO_PLEDGE_ID, entryId: 'entry-privacy', slip: '回单 1207' },
      'demo-secretary',
    );
    const unnamed = await payCase(backend, {
      name: '钱秀兰',
      consentToNotice: false,
      phone: '13698765432',
      description: '丈夫尿毒症透析，支出大',
    });
    // The objector, on a notice of a named recipient; the members, on a meeting.
    const named = await payCase(backend, { name: '孙桂芝', description: '白血病化疗，支出大' });
    const published = await api.ok<PublishResult>(
      'notices',
      'publishNotice',
      { caseId: named, villageGroupNo: 2 },
      'demo-secretary',
    );
    const raised = await api.ok<RaiseObjectionResult>(
      'notices',
      'raiseObjection',
      {
        requestId: 'objection-privacy',
        noticeId: published.notice.id,
        text: '孙家另有门面房出租',
        contact: '13511112222',
      },
      'demo-resident',
    );
    await api.ok(
      'notices',
      'answerObjection',
      { objectionId: raised.objectionId, answer: '孙桂芝的门面房已于去年出售', outcome: 'upheld' },
      'demo-secretary',
    );
    await api.ok(
      'funds',
      'scheduleMeeting',
      {
        requestId: 'meeting-privacy',
        societyId: 'soc-wangjia',
        place: '王家村张三家院子',
        startsAt: '2026-12-28T09:00:00+08:00',
      },
      'demo-president',
    );

    // Accepted, visited, approved, paid; declined; rejected; reminded and overdue; new application.
    const paid = await submitAt('2026-12-04T09:00:00+08:00', { applicantPhone: '13712345678' });
    await acceptAt('2026-12-04T10:00:00+08:00', paid);
    await api.ok(
      'approvals',
      'recordVisit',
      visit(
        paid,
        { recommend: 'grant', form: 'cash', amountFen: 300_00, tierId: 's2' },
        { visitedAt: '2026-12-04T09:30:00+08:00' },
      ),
      'demo-secretary',
    );
    await api.ok(
      'approvals',
      'propose',
      { caseId: paid, recommend: 'grant', form: 'cash', amountFen: 300_00, tierId: 's2', reason: '建议按二档救助' },
      'demo-secretary',
    );
    await api.ok('approvals', 'approve', { caseId: paid, note: '同意' }, 'demo-president');
    await api.ok(
      'approvals',
      'disburse',
      { caseId: paid, requestId: 'pay-privacy', method: 'cash', amountFen: 300_00, recipientName: '张小军' },
      'demo-secretary',
    );
    const declined = await submitAt('2026-12-04T11:00:00+08:00');
    await api.ok(
      'approvals',
      'decline',
      { caseId: declined, reason: '申请人患有精神分裂症，另行处理' },
      'demo-secretary',
    );
    const rejected = await submitAt('2026-12-04T11:30:00+08:00');
    await acceptAt('2026-12-04T12:00:00+08:00', rejected);
    await api.ok(
      'approvals',
      'recordVisit',
      visit(
        rejected,
        { recommend: 'deny', form: null, amountFen: 0, tierId: null },
        { visitedAt: '2026-12-04T11:45:00+08:00' },
      ),
      'demo-secretary',
    );
    await api.ok(
      'approvals',
      'propose',
      { caseId: rejected, recommend: 'deny', reason: '家中另有收入' },
      'demo-secretary',
    );
    await api.ok('approvals', 'reject', { caseId: rejected, reason: '经核实肺癌已治愈，另有收入' }, 'demo-president');
    const late = await submitAt('2026-12-04T13:00:00+08:00');
    await acceptAt('2026-12-04T14:00:00+08:00', late);
    await runTimer('2026-12-07T13:30:00+08:00', '2026-12-07T15:00:00+08:00');
    const cases = [paid, declined, rejected, late, unnamed, named];
    await handOnWaiting(backend.ports.store);
    const docs = await findAll<OutboxDoc>(backend.ports.store, COLLECTIONS.outbox, { where: {} });
    expect(new Set(docs.map((doc) => doc.kind))).toEqual(new Set(MESSAGE_KINDS));
    const forbidden: string[] = [
      '13712345678',
      '精神分裂',
      '肺癌',
      '另有收入',
      '13698765432',
      '尿毒症',
      '白血病',
      '门面房',
      '13511112222',
      '张三',
      '青石建材',
      '孙伟',
    ];
    for (const id of cases) {
      const doc = (await backend.ports.store.get<CaseDoc>(COLLECTIONS.cases, id))!;
      forbidden.push(
        doc.person.name,
        doc.person.maskedName,
        doc.person.maskedIdNumber,
        unseal(doc.person.idNumber),
        doc.applicant?.name ?? doc.person.name,
        unseal(doc.situation.description).slice(0, 6),
      );
    }
    for (const doc of docs) {
      const text = JSON.stringify({ values: doc.values, title: doc.title, page: doc.page });
      for (const word of forbidden)
        expect({ kind: doc.kind, leaks: text.includes(word) ? word : null }).toEqual({ kind: doc.kind, leaks: null });
      // Each keyword fits its WeChat type.
      for (const field of TEMPLATES[doc.templateKey].fields) {
        expect([...(doc.values[field.key] ?? '')].length).toBeLessThanOrEqual(FIELD_LIMITS[field.kind]);
      }
    }
  });
});
