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
import { visit } from '../cases/helpers';
import { describeInChromium, startPreview, type PhonePage, type PreviewHarness } from './support/preview-harness';

const WANGJIA = 'soc-wangjia';
const OFFICER_CASE = 'packages/officer/pages/case/index';
const TIMER = { Type: 'Timer', TriggerName: 'deadlineMessages', Time: '2026-12-01T02:00:00Z', Message: '' };

jest.setTimeout(180_000);

describeInChromium('messages in the browser preview (issue 14)', () => {
  let preview: PreviewHarness;
  let caseId = '';
  let caseNo = '';

  async function ok<T>(fn: string, event: Record<string, unknown>, openid: string | null): Promise<T> {
    const answer = await preview.call<T>(fn, event, openid);
    if (!answer.ok)
      throw new Error(`${fn}.${String(event.action ?? event.TriggerName)} as ${openid}: ${answer.error.message}`);
    return answer.data;
  }

  async function arrivesAt(phone: PhonePage, url: RegExp): Promise<void> {
    const deadline = Date.now() + 15_000;
    while (!url.test(await phone.url()) && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 100));
    await phone.settled();
    expect(await phone.url()).toMatch(url);
  }

  beforeAll(async () => {
    preview = await startPreview();
  });

  afterAll(async () => {
    await preview?.close();
  });

  it('李秀英 applies on the apply page; the secretary accepts on the case page', async () => {
    const phone = await preview.open('pages/apply/index', { caller: 'demo-applicant', query: { societyId: WANGJIA } });
    await phone.waitForText('第 1 步：困难情况');
    await phone.tap('意外事故');
    await phone.tap('最低生活保障（低保）');
    await phone.waitForText('可以申请补充救助，每人次最多 500元');
    await phone.tap('下一步');
    await phone.waitForText('第 2 步：救助对象');
    await phone.tap('父母');
    await phone.fill('请输入姓名', '李长福');
    await phone.fill('18 位身份证号码', makeIdNumber({ birthDate: '1951-06-18', sequence: 39 }));
    await phone.fill('请简单说明病情或事故经过、家里的困难', '父亲骑车摔伤腿骨骨折，住院手术费用负担不起');
    await phone.tap('下一步');
    await phone.waitForText('第 3 步：材料和同意');
    await phone.tap('我同意互助社按上述说明处理', { exact: false });
    await phone.tap('我同意救助发放后按上述内容在本村公示', { exact: false });
    await phone.tap('提交申请');
    await arrivesAt(phone, /^pages\/case\/index\?caseId=/);
    caseId = new URLSearchParams((await phone.url()).split('?')[1] ?? '').get('caseId') ?? '';
    const mine = await ok<MyCaseView>('applications', { action: 'getMyCase', caseId }, 'demo-applicant');
    caseNo = mine.caseNo;
    expect(caseNo).toMatch(/^2026-\d{3}$/);

    const officer = await preview.open(OFFICER_CASE, { caller: 'demo-secretary', query: { caseId } });
    await officer.tap('受理');
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
    await ok(
      'approvals',
      {
        action: 'recordVisit',
        ...visit(
          caseId,
          { recommend: 'grant', form: 'cash', amountFen: 300_00, tierId: 's2' },
          { visitedAt: '2026-12-01T09:00:00+08:00' },
        ),
      },
      'demo-secretary',
    );
    await ok(
      'approvals',
      {
        action: 'propose',
        caseId,
        recommend: 'grant',
        form: 'cash',
        amountFen: 300_00,
        tierId: 's2',
        reason: '建议按二档救助',
      },
      'demo-secretary',
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
