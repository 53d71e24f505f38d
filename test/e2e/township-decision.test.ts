/**
 * No case stalls, in the browser preview: a case of 王建国's (the president's) own household is
 * opened by the secretary, who visits and proposes 600 yuan. The president must stay out and the
 * proposer may not decide either, so the decision goes to 青石镇: the officers' pages say so and
 * show how long it has waited; the township finds it on its page, opens the decision page (no ID
 * number or phone there) and approves; the secretary then pays, the fund drops once. The decision
 * is attributed and audited as township. Past the decision clock an undecided proposal is on the
 * township's overdue list, marked 待审批.
 */
import { COLLECTIONS } from '../../server/collections';
import type { AuditEventDoc } from '../../server/audit/trail';
import { findAll } from '../../server/ports/store';
import { RECUSAL_MESSAGE } from '../../miniprogram/packages/officer/case-step';
import { DEMO_NOW } from '../support/test-backend';
import { makeIdNumber } from '../../miniprogram/domain/id-number';
import { describeInChromium, startPreview, type PreviewHarness } from './support/preview-harness';
import {
  arrivesAt,
  balanceOf,
  DECISION,
  discoveredCase,
  ledgerOf,
  officerCase,
  payOnDisbursePage,
  proposeOnVisitPage,
  QUEUE,
  visitAndPropose,
  WANGJIA,
} from './support/relief-story';

const TOWNSHIP = 'packages/oversight/pages/township/index';
const TOWNSHIP_DECISION = 'packages/oversight/pages/decision/index';

jest.setTimeout(120_000);

describeInChromium('recusal never stalls a case: the township decides (issue 10)', () => {
  let preview: PreviewHarness;
  const store = () => preview.stack.ports.store;
  let caseId = '';
  let idNumber = '';

  beforeAll(async () => {
    preview = await startPreview();
    // 王小梅 lives in 王建国's household: the secretary opens the case (主动发现) for her.
    idNumber = makeIdNumber({ birthDate: '1998-05-06', sequence: 412 });
    const opened = await discoveredCase(preview, {
      requestId: 'e2e-president-household',
      householdOfUserId: 'u-wangjianguo',
      cause: 'accident',
      description: '骑车摔伤住院，手术费用支出大',
      person: { name: '王小梅', idNumber },
    });
    caseId = opened.id;
  });

  afterAll(async () => {
    await preview?.close();
  });

  it('the secretary visits and proposes 600 yuan; the case page says 青石镇 decides, and how long it has waited', async () => {
    const phone = await proposeOnVisitPage(preview, caseId, {
      secondVisitor: '赵德明',
      findings: '摔伤住院属实，家中无其他收入来源',
      reason: '情况属实，建议按二档给予应急救助',
      tier: '二档（较重困难） · 600元',
    });
    await phone.waitForText('本案社长需回避，由青石镇审批');
    expect(await phone.text()).toContain('已等待审批 0分钟');
    expect(await phone.text()).toContain('待青石镇审批');
    expect(phone.errors).toEqual([]);

    // Three working hours later the queue shows the wait and who decides.
    preview.clock.set('2026-11-30T17:00:00+08:00');
    const queue = await preview.open(QUEUE, { caller: 'demo-secretary', query: { societyId: WANGJIA } });
    await queue.waitForText('已等待审批 3小时');
    expect(await queue.text()).toContain('由青石镇审批');
  });

  it('the president must stay out, and the secretary who proposed cannot decide: the decision page says why', async () => {
    const president = await preview.open(DECISION, { caller: 'demo-president', query: { caseId } });
    await president.waitForText(`${RECUSAL_MESSAGE}。本案社长需回避，由青石镇审批。`);
    expect(await president.text()).not.toContain('不予批准的理由');
    const secretary = await preview.open(DECISION, { caller: 'demo-secretary', query: { caseId } });
    await secretary.waitForText('本案社长需回避，由青石镇审批。审批结果会记入办理过程，批准后由本社按时发放。');
    const refused = await preview.call('approvals', { action: 'approve', caseId, note: '同意' }, 'demo-president');
    expect(refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('青石镇 finds it on its page, opens the decision page without ID number or phone, and approves', async () => {
    const phone = await preview.open(TOWNSHIP, { caller: 'demo-township' });
    await phone.waitForText('待乡镇审批的案件');
    expect(await phone.text()).toContain('王家村救急难互助社 · 案件');
    expect(await phone.text()).toContain('本案社长需回避，由青石镇审批');
    await phone.tap('审批这个案件');
    await arrivesAt(phone, `${TOWNSHIP_DECISION}?caseId=${caseId}`);
    await phone.waitForText('审批意见（互助社提出）');
    const text = await phone.text();
    expect(text).toContain('王小梅');
    expect(text).toContain('600元');
    expect(text).toContain('摔伤住院属实，家中无其他收入来源');
    expect(text).not.toContain(idNumber);
    expect(text).not.toContain(idNumber.slice(-4));

    await phone.fill('如：经核查属实，同意按审批意见发放', '经核查属实，同意救助');
    await phone.tap('按审批意见批准');
    await phone.waitForText('审批结果：已批准');
    expect(await phone.text()).toContain('青石镇民政办');
    expect(await phone.text()).not.toContain('按审批意见批准');
    expect(phone.errors).toEqual([]);
    expect(phone.externalRequests).toEqual([]);

    const audit = await findAll<AuditEventDoc>(store(), COLLECTIONS.auditEvents, {
      where: { scopeId: WANGJIA, action: 'case.approve', target: `cases/${caseId}` },
    });
    expect(audit.map((event) => [event.actor.role, event.actor.name])).toEqual([['township', '青石镇民政办']]);
  });

  it('the secretary pays 600 yuan: the fund drops once, and the timeline names the township', async () => {
    const before = await balanceOf(preview);
    const phone = await payOnDisbursePage(preview, caseId, 600);
    await phone.waitForText('由乡镇审批');
    expect(await balanceOf(preview)).toBe(before - 600_00);
    expect((await ledgerOf(preview, caseId)).map((entry) => entry.amountFen)).toEqual([-600_00]);
    const view = await officerCase(preview, caseId);
    expect(view.state).toBe('paid');
    expect(view.decision).toMatchObject({ outcome: 'approved', byName: '青石镇民政办' });
    expect(phone.errors).toEqual([]);
  });

  it('a proposal left undecided past the decision clock is on the township’s overdue list, marked 待审批', async () => {
    preview.clock.set(DEMO_NOW);
    const other = await discoveredCase(preview, { requestId: 'e2e-undecided-proposal' });
    await visitAndPropose(
      preview,
      other.id,
      { recommend: 'grant', form: 'cash', amountFen: 300_00, tierId: 'e1', reason: '情况属实' },
      {
        visitedAt: '2026-11-30T11:00:00+08:00',
        visitors: [{ name: '刘芳' }, { name: '赵德明' }],
        findings: '情况属实',
      },
    );
    // Tue 1 Dec 16:00: one working day and two hours since the proposal (due 14:00).
    preview.clock.set('2026-12-01T16:00:00+08:00');
    const phone = await preview.open(TOWNSHIP, { caller: 'demo-township' });
    await phone.waitForText('超时的案件');
    await phone.waitForText('已等待审批 1个工作日2小时');
    const text = await phone.text();
    expect(text).toContain('待审批');
    expect(text).toContain('审批决定：已超时 2小时');
    expect(phone.errors).toEqual([]);
  });
});
