/**
 * Issue 14 "Done when", in the browser preview: 李秀英 applies on the apply page, the secretary
 * accepts on the case page; the half-hourly timer, run 4 working hours before the visit deadline,
 * reminds the secretary (their 消息 panel shows it); the visit, the approval and the payout follow;
 * 李秀英's 消息 panel shows the four messages of her case: accepted, visited, approved, paid. Then
 * the donor hears the gift arrived, the member hears of the general meeting, and the society page
 * offers 联系互助社 once the secretary set its public phone.
 */
import { makeIdNumber } from '../../miniprogram/domain/id-number';
import type { MyCaseView } from '../../miniprogram/domain/case';
import { describeInChromium, startPreview, type PreviewHarness } from './support/preview-harness';
import {
  acceptOnCasePage,
  fillApplication,
  ok as called,
  openApplication,
  submitApplication,
  visitAndPropose,
  WANGJIA,
} from './support/relief-story';

const TIMER = { Type: 'Timer', TriggerName: 'deadlineMessages', Time: '2026-12-01T02:00:00Z', Message: '' };

jest.setTimeout(180_000);

describeInChromium('messages in the browser preview (issue 14)', () => {
  let preview: PreviewHarness;
  let caseId = '';
  let caseNo = '';

  const ok = <T>(fn: string, event: Record<string, unknown>, openid: string | null) =>
    called<T>(preview, fn, event, openid);

  beforeAll(async () => {
    preview = await startPreview();
  });

  afterAll(async () => {
    await preview?.close();
  });

  it('李秀英 applies on the apply page; the secretary accepts on the case page', async () => {
    const phone = await openApplication(preview);
    await fillApplication(phone, { idNumber: makeIdNumber({ birthDate: '1951-06-18', sequence: 39 }) });
    caseId = await submitApplication(phone);
    const mine = await ok<MyCaseView>('applications', { action: 'getMyCase', caseId }, 'demo-applicant');
    caseNo = mine.caseNo;
    expect(caseNo).toMatch(/^2026-\d{3}$/);

    const officer = await acceptOnCasePage(preview, caseId);
    await officer.waitForText('入户核查和审核意见：截止 12月1日 14:00');
    // The secretary heard of the application; the panel beside the phone shows it.
    await officer.waitForMessage(`新的救助申请 ${caseNo} 待受理`);
    expect(phone.errors).toEqual([]);
    expect(officer.errors).toEqual([]);
  });

  it('R-PROC-3: 4 working hours before the visit deadline the timer reminds the secretary, once', async () => {
    preview.clock.set('2026-12-01T10:00:00+08:00');
    await ok('scheduler', TIMER, null);
    await ok('scheduler', TIMER, null);
    const phone = await preview.open('pages/home/index', { caller: 'demo-secretary' });
    const reminder = `案件 ${caseNo} 入户核查和审核意见即将到期（截止 2026年12月1日 14:00）`;
    await phone.waitForMessage(reminder);
    const lines = (await phone.messages()).filter((message) => message.title === reminder);
    expect(lines).toHaveLength(1);
    expect(lines[0]!.meta).toContain('待办事项提醒');
  });

  it('visit, approval and payout: 李秀英’s 消息 panel shows the four messages of her case', async () => {
    await visitAndPropose(
      preview,
      caseId,
      { recommend: 'grant', form: 'cash', amountFen: 300_00, tierId: 's2', reason: '建议按二档救助' },
      { visitedAt: '2026-12-01T09:00:00+08:00' },
    );
    preview.clock.set('2026-12-01T11:00:00+08:00');
    await ok('approvals', { action: 'approve', caseId, note: '同意' }, 'demo-president');
    preview.clock.set('2026-12-01T15:00:00+08:00');
    await ok(
      'approvals',
      {
        action: 'disburse',
        caseId,
        requestId: 'pay-e2e-messages',
        method: 'cash',
        amountFen: 300_00,
        recipientName: '李长福',
      },
      'demo-secretary',
    );

    const phone = await preview.open('pages/my-cases/index', { caller: 'demo-applicant' });
    await phone.waitForMessage(`救助申请 ${caseNo} 已发放`);
    const mine = (await phone.messages()).filter((message) => message.title.startsWith(`救助申请 ${caseNo} `));
    expect(mine.map((message) => message.title)).toEqual([
      `救助申请 ${caseNo} 已发放：已发放300元，请查收`,
      `救助申请 ${caseNo} 已批准：批准救助300元`,
      `救助申请 ${caseNo} 已核查：入户核查已完成，等待审批`,
      `救助申请 ${caseNo} 已受理：工作人员将尽快入户核查`,
    ]);
    expect(mine.every((message) => message.meta.startsWith('申请进度通知'))).toBe(true);
    expect(phone.errors).toEqual([]);
  });

  it('the donor hears the gift arrived, the member the meeting; the society page offers 联系互助社', async () => {
    await ok(
      'pledges',
      { action: 'confirmReceipt', pledgeId: 'seed-pledge-qsjc-01', entryId: 'entry-e2e-gift', slip: '银行回单 1201' },
      'demo-secretary',
    );
    await ok(
      'funds',
      {
        action: 'scheduleMeeting',
        requestId: 'meeting-e2e-messages',
        societyId: WANGJIA,
        place: '王家村村民委员会二楼会议室',
        startsAt: '2026-12-20T09:00:00+08:00',
      },
      'demo-president',
    );
    await ok(
      'societies',
      { action: 'setPublicPhone', societyId: WANGJIA, publicPhone: '0571-88886666' },
      'demo-secretary',
    );

    const donor = await preview.open('pages/my-pledges/index', { caller: 'demo-donor' });
    await donor.waitForMessage('您的捐赠 5000元 已到账：王家村救急难互助社');
    const member = await preview.open('pages/society/index', { caller: 'demo-member', query: { societyId: WANGJIA } });
    await member.waitForMessage('2026年下半年会员大会定于 2026年12月20日 09:00 召开，地点和议程请在小程序中查看');
    await member.waitForText('联系互助社 0571-88886666');
    expect(donor.errors).toEqual([]);
    expect(member.errors).toEqual([]);
  });
});
