/**
 * Issue #4 "Done when", in the browser preview as the demo callers of 王家村: 李秀英 applies
 * (eligibility first, three screens, a material photo), the secretary accepts, visits with two
 * visitors and proposes, the president approves, the secretary pays — the fund drops once
 * (R-PROC-1, R-PROC-3, R-PROC-4, R-FUND-3); a discovered case (主动发现); 先行救助 and its
 * overdue explanation (R-PROC-5); refusals that write nothing (R-CAP-1/2, recusal, another
 * society, a wrong state); deadlines across the 2026 National Day holiday (R-PROC-3).
 */
import { COLLECTIONS, type MembershipDoc, type SocietyDoc } from '../../server/collections';
import { loadWorkCalendar } from '../../server/calendar/usecases';
import { makeIdNumber } from '../../miniprogram/domain/id-number';
import { formatBeijingTime, type MyCaseView } from '../../miniprogram/domain/case';
import type { SocietyPublicView } from '../../miniprogram/domain/society';
import { NOT_YOUR_CASE_MESSAGE, RECUSAL_MESSAGE } from '../../miniprogram/packages/officer/case-step';
import { DEMO_NOW } from '../support/test-backend';
import { application } from '../cases/helpers';
import { describeInChromium, startPreview, type PreviewHarness } from './support/preview-harness';
import {
  acceptOnCasePage,
  approveOnDecisionPage,
  arrivesAt,
  attachPhoto,
  balanceOf,
  DECISION,
  discoveredCase,
  DISBURSE,
  fillApplication,
  INTAKE,
  ledgerOf,
  officerCase,
  ok,
  openApplication,
  openVisitForm,
  OFFICER_CASE,
  payOnDisbursePage,
  proposeOnVisitPage,
  QUEUE,
  registerDiscovery,
  submitApplication,
  VISIT,
  visitAndPropose,
  WANGJIA,
} from './support/relief-story';
import { countCaseEvents } from '../support/case-events';

/** The smallest JPEG the upload accepts as a photo (SOI … EOI); the content is not decoded. */
const PHOTO = {
  name: 'diagnosis.jpg',
  mimeType: 'image/jpeg',
  buffer: Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0xff, 0xd9]),
};

/** What every visit of 李长福 records beside its tier (the second visitor is 王建军). */
const VISIT_FORM = {
  findings: '腿骨骨折住院，家中仅靠低保金，自付医疗费困难属实',
  reason: '情况属实，建议给予补充救助',
};

// A walk opens several pages in Chromium on a loaded 2-core machine.
jest.setTimeout(120_000);

describeInChromium('relief cases through the browser preview (issue #4)', () => {
  let preview: PreviewHarness;
  const store = () => preview.stack.ports.store;

  /** What a refusal must leave untouched: counts, the fund, and every case's version. */
  async function footprint() {
    const cases = await store().find<{ _id: string; version: number }>(COLLECTIONS.cases, { limit: 1000 });
    return {
      cases: await store().count(COLLECTIONS.cases),
      events: await countCaseEvents(store()),
      ledger: await store().count(COLLECTIONS.ledgerEntries),
      balanceFen: await balanceOf(preview),
      caseVersions: cases
        .map((doc) => `${doc._id}@${doc.version}`)
        .sort()
        .join(','),
    };
  }

  beforeAll(async () => {
    preview = await startPreview();
  });

  afterAll(async () => {
    await preview?.close();
  });

  describe('R-PROC-1..4: an application from 李秀英 to the payout, money out exactly once', () => {
    let caseId = '';
    let balanceBefore = 0;

    it('R-PROC-1, R-ELIG-3: 李秀英 sees her eligibility first, applies in three screens with a photo, and finds the case', async () => {
      const phone = await openApplication(preview);
      expect(await phone.text()).toContain('可以申请，入户核实后决定是否给予应急救助');
      await fillApplication(phone, { idNumber: makeIdNumber({ birthDate: '1951-06-18', sequence: 37 }) });
      await attachPhoto(phone, PHOTO);
      caseId = await submitApplication(phone);
      await phone.waitForText('提交申请');
      expect(await phone.text()).toContain('李长福');
      expect(phone.errors).toEqual([]);
      expect(phone.externalRequests).toEqual([]);

      const mine = await ok<MyCaseView>(preview, 'applications', { action: 'getMyCase', caseId }, 'demo-applicant');
      expect(mine.state).toBe('submitted');
      expect(mine.materials).toHaveLength(1);

      const list = await preview.open('pages/my-cases/index', { caller: 'demo-applicant' });
      await list.waitForText('李长福（父母）· 意外事故');
      expect(await list.text()).toContain('已提交，待受理');
      expect(list.errors).toEqual([]);
    });

    it('R-PROC-2, R-PROC-3: the secretary finds it in the queue and accepts it; the visit is due in 1 working day', async () => {
      const phone = await preview.open(QUEUE, { caller: 'demo-secretary', query: { societyId: WANGJIA } });
      await phone.waitForText('李长福');
      await phone.tap('李长福');
      await arrivesAt(phone, `${OFFICER_CASE}?caseId=${caseId}`);
      await phone.tap('受理');
      await phone.waitForText('入户核查和审核意见：截止 12月1日 14:00');
      expect((await officerCase(preview, caseId)).state).toBe('accepted');
      expect(phone.errors).toEqual([]);
    });

    it('R-CAP-1: 600 yuan of supplementary relief is refused on the visit page in Chinese; nothing is written', async () => {
      const phone = await openVisitForm(preview, caseId, VISIT_FORM);
      await phone.tap('三档（特别困难） · 500元');
      await phone.fill('不超过所选档次标准', '600');
      expect(await phone.text()).toContain('超过补充救助每人次 500元 的上限');
      const before = await footprint();
      await phone.tap('保存核查记录并报社长审批');
      await phone.waitForText('补充救助每人次最多 500元，600元超过上限');
      expect(await footprint()).toEqual(before);
      expect(await phone.url()).toBe(`${VISIT}?caseId=${caseId}`);
    });

    it('R-PROC-3: the secretary records the home visit with two visitors and proposes 300 yuan', async () => {
      const phone = await proposeOnVisitPage(preview, caseId, { ...VISIT_FORM, tier: '二档（较重困难） · 300元' });
      await phone.waitForText('已按时完成');
      const view = await officerCase(preview, caseId);
      expect(view.state).toBe('proposed');
      expect(view.visit!.visitors).toEqual(['刘芳', '王建军']);
      expect(view.proposal).toMatchObject({ reliefType: 'supplementary', amountFen: 300_00, tierId: 's2' });
      expect(phone.errors).toEqual([]);
    });

    it('another society’s president gets the forbidden state; the cloud refuses them; nothing is written', async () => {
      // 周小红 (demo-resident) is made president of 柳塘村 for this check.
      await store().insert<MembershipDoc>(COLLECTIONS.memberships, {
        _id: 'm-e2e-liutang-president',
        userId: 'u-zhouxiaohong',
        role: 'president',
        societyId: 'soc-liutang',
        areaId: null,
        grantedAt: '2026-03-01T00:00:00Z',
        grantedBy: 'test',
      });
      const before = await footprint();
      const phone = await preview.open(DECISION, { caller: 'demo-resident', query: { caseId } });
      await phone.waitForText(NOT_YOUR_CASE_MESSAGE);
      const text = await phone.text();
      expect(text).not.toContain('李长福');
      expect(text).not.toContain('批准');
      const refused = await preview.call('approvals', { action: 'approve', caseId, note: '同意' }, 'demo-resident');
      expect(refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      expect(await footprint()).toEqual(before);
    });

    it('R-PROC-3: the president approves on the decision page; approving again is a clear error', async () => {
      const phone = await approveOnDecisionPage(preview, caseId);
      expect((await officerCase(preview, caseId)).state).toBe('approved');
      expect(phone.errors).toEqual([]);

      // A wrong-state action: the approved case approved again.
      const before = await footprint();
      const again = await preview.call('approvals', { action: 'approve', caseId, note: '再批一次' }, 'demo-president');
      expect(again).toMatchObject({
        ok: false,
        error: { code: 'INVALID_STATE', message: '这个案件已经审批过了（已批准），不能重复审批' },
      });
      expect(await footprint()).toEqual(before);
    });

    it('R-PROC-4, R-FUND-3: the secretary pays 300 yuan; pressing 发放 again and reloading pay nothing more', async () => {
      balanceBefore = await balanceOf(preview);
      const publicBefore = await ok<SocietyPublicView>(
        preview,
        'societies',
        { action: 'getPublicPage', societyId: WANGJIA },
        'demo-resident',
      );
      expect(publicBefore.fund.balanceFen).toBe(balanceBefore);

      // Two phones show the form; the second is pressed after the first has paid.
      const stale = await preview.open(DISBURSE, { caller: 'demo-secretary', query: { caseId } });
      const phone = await payOnDisbursePage(preview, caseId, 300);
      expect(await balanceOf(preview)).toBe(balanceBefore - 300_00);

      await stale.waitForText('确认已发放');
      await stale.tap('发放后再补传收据照片');
      await stale.tap('确认已发放');
      expect(await stale.url()).toBe(`${DISBURSE}?caseId=${caseId}`);
      // The cloud refuses the second payment (wrong state) and the page says why in Chinese.
      await stale.waitForText('这笔救助已经发放过了，不能重复发放');

      // Opened again, the page shows the payout on file and offers no second payment.
      const reload = await preview.open(DISBURSE, { caller: 'demo-secretary', query: { caseId } });
      await reload.waitForText('发放记录');
      expect(await reload.text()).not.toContain('确认已发放');

      expect(await balanceOf(preview)).toBe(balanceBefore - 300_00);
      const entries = await ledgerOf(preview, caseId);
      expect(entries).toHaveLength(1);
      expect(entries[0]).toMatchObject({ amountFen: -300_00 });
      const publicAfter = await ok<SocietyPublicView>(
        preview,
        'societies',
        { action: 'getPublicPage', societyId: WANGJIA },
        'demo-resident',
      );
      expect(publicAfter.fund.balanceFen).toBe(balanceBefore - 300_00);
      expect((await officerCase(preview, caseId)).state).toBe('paid');
      expect(phone.errors).toEqual([]);
    });

    it('R-PROC-1: 李秀英’s case page shows every step in the timeline', async () => {
      const phone = await preview.open('pages/case/index', { caller: 'demo-applicant', query: { caseId } });
      await phone.waitForText('发放救助');
      const text = await phone.text();
      // The timeline, newest first: every step from the application to the payout.
      expect(text).toMatch(/发放救助 .*批准 .*提出审批意见 .*入户核查 .*受理 .*提交申请 /);
      expect(text).toContain('300');
      expect(phone.errors).toEqual([]);
    });
  });

  describe('主动发现: a case opened by the secretary for someone who cannot apply', () => {
    let caseId = '';

    it('R-PROC-2: the secretary registers a discovered case on the intake page; it is accepted at once', async () => {
      const phone = await preview.open(INTAKE, { caller: 'demo-secretary', query: { societyId: WANGJIA } });
      await phone.waitForText('为无法自行申请的困难群众立案');
      caseId = await registerDiscovery(phone, {
        name: '孙秀珍',
        idNumber: makeIdNumber({ birthDate: '1950-09-09', sequence: 45 }),
        description: '独居老人，突发心梗住院，医疗费用支出大',
        discoveredHow: '入户走访',
        noticeConsent: true,
      });
      await phone.waitForText('主动发现');
      expect(await phone.text()).toContain('入户走访（刘芳 登记）');
      const view = await officerCase(preview, caseId);
      expect(view).toMatchObject({ origin: 'discovery', state: 'accepted' });
      expect(phone.errors).toEqual([]);
    });

    it('R-PROC-3: it proceeds through the visit page to the president', async () => {
      const phone = await preview.open(OFFICER_CASE, { caller: 'demo-secretary', query: { caseId } });
      await phone.tap('入户核查');
      expect(await phone.url()).toBe(`${VISIT}?caseId=${caseId}`);
      await phone.fill('第 2 位核查人姓名', '王建军');
      await phone.fill('家庭成员、居住和收入情况，困难是否属实', '独居，住院费用自付部分较大，情况属实');
      await phone.tap('一档（一般困难） · 300元');
      await phone.fill('如：情况属实，建议按二档给予补充救助', '建议按一档给予应急救助');
      await phone.tap('保存核查记录并报社长审批');
      await arrivesAt(phone, `${OFFICER_CASE}?caseId=${caseId}`);
      const view = await officerCase(preview, caseId);
      expect(view.state).toBe('proposed');
      expect(view.proposal).toMatchObject({ reliefType: 'emergency', amountFen: 300_00 });
    });

    it('R-CAP-2: the president approving 1,200 yuan of emergency relief sees the Chinese error; nothing is written', async () => {
      const phone = await preview.open(DECISION, { caller: 'demo-president', query: { caseId } });
      await phone.tap('调整批准的档次和金额', { exact: false });
      await phone.tap('三档', { exact: false });
      await phone.fill('批准金额（元）', '1200');
      const before = await footprint();
      await phone.tap('批准');
      await phone.waitForText('应急救助每人次最多 1000元，1200元超过上限');
      expect(await footprint()).toEqual(before);
      expect((await officerCase(preview, caseId)).state).toBe('proposed');
    });
  });

  it('recusal: the president of the case’s own household is kept out on the page and by the cloud; nothing is written', async () => {
    const opened = await discoveredCase(preview, { householdOfUserId: 'u-wangjianguo' });
    await visitAndPropose(preview, opened.id, {
      recommend: 'grant',
      form: 'cash',
      amountFen: 300_00,
      tierId: 'e1',
      reason: '建议按一档救助',
    });
    const phone = await preview.open(DECISION, { caller: 'demo-president', query: { caseId: opened.id } });
    await phone.waitForText(RECUSAL_MESSAGE);
    expect(await phone.text()).not.toContain('不予批准');
    const before = await footprint();
    const refused = await preview.call(
      'approvals',
      { action: 'approve', caseId: opened.id, note: '同意' },
      'demo-president',
    );
    expect(refused.ok).toBe(false);
    expect(await footprint()).toEqual(before);
  });

  describe('R-PROC-5: 先行救助, then the explanation overdue', () => {
    let caseId = '';

    afterAll(() => {
      preview.clock.set(DEMO_NOW);
    });

    it('R-PROC-5: the secretary pays first on an emergency case, once; the explanation is due in 1 working day', async () => {
      const opened = await discoveredCase(preview, {
        description: '夜间房屋失火，一家人无处安身',
        person: { name: '赵永福', idNumber: makeIdNumber({ birthDate: '1962-02-02', sequence: 51 }) },
      });
      caseId = opened.id;
      const before = await balanceOf(preview);

      const phone = await preview.open(OFFICER_CASE, { caller: 'demo-secretary', query: { caseId } });
      await phone.tap('先行救助');
      expect(await phone.url()).toBe(`${DISBURSE}?caseId=${caseId}&mode=reliefFirst`);
      await phone.tap('一档（一般困难） · 300元');
      await phone.fill('如：房屋失火，一家人当晚无处安身', '房屋失火，一家人当晚无处安身');
      await phone.tap('发放后再补传收据照片');
      await phone.tap('确认先行发放');
      await arrivesAt(phone, `${OFFICER_CASE}?caseId=${caseId}`);
      await phone.waitForText('先行救助补办说明：截止 12月1日 14:00');

      expect(await balanceOf(preview)).toBe(before - 300_00);
      expect(await ledgerOf(preview, caseId)).toHaveLength(1);
      expect(phone.errors).toEqual([]);
    });

    it('R-PROC-5: past the working day the case page and the queue show the explanation overdue', async () => {
      preview.clock.set('2026-12-01T08:00:00.000Z'); // Tue 16:00 Beijing, 2 hours past due
      const phone = await preview.open(OFFICER_CASE, { caller: 'demo-secretary', query: { caseId } });
      await phone.waitForText('先行救助补办说明：已超时 2小时（截止 12月1日 14:00）');

      const queue = await preview.open(QUEUE, { caller: 'demo-secretary', query: { societyId: WANGJIA } });
      await queue.waitForText('赵永福');
      const text = await queue.text();
      expect(text).toMatch(/\d+ 件已超时/);
      // The row shows the first overdue step: the visit, due at the same hour after a 先行救助.
      expect(text).toMatch(/赵永福 编号 \S+ 重大疾病 · 已发放 入户核查和审核意见：已超时 2小时（截止 12月1日 14:00）/);
    });
  });

  describe('R-PROC-3: the visit deadline across the 2026 National Day holiday', () => {
    afterAll(() => {
      preview.clock.set(DEMO_NOW);
    });

    it('R-PROC-3: accepted on Wed 2026-09-30 10:00, the visit is due on the first working day after the holiday', async () => {
      await preview.reset();
      const acceptedAt = new Date('2026-09-30T02:00:00.000Z'); // Wed 10:00 Beijing
      preview.clock.set(acceptedAt.toISOString());
      const submitted = await ok<MyCaseView>(
        preview,
        'applications',
        {
          action: 'submit',
          ...application({
            beneficiary: {
              name: '李长寿',
              idNumber: makeIdNumber({ birthDate: '1949-12-01', sequence: 61 }),
              relationship: 'parent',
            },
          }),
        },
        'demo-applicant',
      );

      const phone = await acceptOnCasePage(preview, submitted.id);

      // The calendar the cloud uses (chinese-days data, with any county schedule).
      const society = (await store().get<SocietyDoc>(COLLECTIONS.societies, WANGJIA))!;
      const calendar = await loadWorkCalendar(store(), society.countyId);
      const due = calendar.addWorkingDays(acceptedAt, 1);
      const expected = formatBeijingTime(due.toISOString());
      // The concrete date: 10月1日–7日 are off, 10月8日 (Thu) is the first working day after.
      expect(expected).toBe('10月8日 10:00');
      expect(due.getTime()).toBeGreaterThan(new Date('2026-10-07T16:00:00.000Z').getTime());

      await phone.waitForText(`入户核查和审核意见：截止 ${expected}`);
      const view = await officerCase(preview, submitted.id);
      expect(view.deadlines.find((deadline) => deadline.kind === 'visit')!.dueAt).toBe(due.toISOString());

      const mine = await preview.open('pages/case/index', {
        caller: 'demo-applicant',
        query: { caseId: submitted.id },
      });
      await mine.waitForText('受理');
      expect(await mine.text()).toContain(`截止 ${expected}`);
    });
  });
});
