/**
 * The officer's case steps over the real backend: home visit and review opinion (R-PROC-3), the
 * president's decision, disbursement (R-PROC-4) and 先行救助 (R-PROC-5), as demo-secretary and
 * demo-president of 王家村 — plus the refusals: caps (R-CAP-1), two visitors, a written reason,
 * recusal, another society.
 */
import { usePageBackend } from '../support/page-backend';
import { navigations, recordedCalls, recordedUploads } from '../support/simulate-setup';
import { findByText, openPage, silenceConsoleError, tap, textOf, textsOf, waitFor } from '../support/simulate-pages';
import type { PageComponent } from '../support/simulate-pages';
import { application, caller, discovery, footprint, visit } from '../cases/helpers';
import { setDemoCaller } from '../../miniprogram/services/cloud';
import { COLLECTIONS, type MembershipDoc, type UserDoc } from '../../server/collections';
import type { FundDoc, LedgerEntryDoc } from '../../server/ledger/ledger';
import { findAll } from '../../server/ports/store';
import { makeIdNumber } from '../../miniprogram/domain/id-number';
import type { MyCaseView, OfficerCaseView } from '../../miniprogram/domain/case';
import { caseUrl, NOT_YOUR_CASE_MESSAGE, RECUSAL_MESSAGE } from '../../miniprogram/packages/officer/case-step';
import { TWO_VISITORS_MESSAGE } from '../../miniprogram/packages/officer/pages/visit/view';
import { REJECT_REASON_MESSAGE } from '../../miniprogram/packages/officer/pages/decision/view';
import { RELIEF_FIRST_NOTE, toDisburseInput } from '../../miniprogram/packages/officer/pages/disburse/view';

const VISIT = 'packages/officer/pages/visit/index';
const DECISION = 'packages/officer/pages/decision/index';
const DISBURSE = 'packages/officer/pages/disburse/index';
const WANGJIA = 'soc-wangjia';
const OTHER_PRESIDENT = 'test-liutang-president';

// The first render loads TDesign; each walk renders several pages on a shared 2-core machine.
jest.setTimeout(30_000);

const backend = usePageBackend();
const api = () => caller(backend());

beforeAll(async () => {
  // The president of another society (柳塘村), to try a 王家村 case.
  const { store } = backend().ports;
  await store.insert<UserDoc>(COLLECTIONS.users, {
    _id: 'u-liutang-pres',
    openid: OTHER_PRESIDENT,
    name: '柳社长',
    createdAt: '2026-03-01T00:00:00Z',
  });
  await store.insert<MembershipDoc>(COLLECTIONS.memberships, {
    _id: 'm-u-liutang-pres-president',
    userId: 'u-liutang-pres',
    role: 'president',
    societyId: 'soc-liutang',
    areaId: null,
    grantedAt: '2026-03-01T00:00:00Z',
    grantedBy: 'test',
  });
});

type Handler = (event?: unknown) => unknown;
/** The page methods the tests call directly (input events are not practical to fire). */
interface StepPage {
  onInput: Handler;
  onVisitorInput: Handler;
  onToggleOriginal: Handler;
  onPickTier: Handler;
  onPickReceiptWay: Handler;
  onSubmit: Handler;
  onApprove: Handler;
  onPickAdjustTier: Handler;
  onAdjustAmount: Handler;
}
const on = (page: PageComponent) => page.instance as unknown as StepPage;
const input = (field: string, value: string) => ({ currentTarget: { dataset: { field } }, detail: { value } });
const pickEvent = (value: string) => ({ currentTarget: { dataset: { value } }, detail: {} });
const visitor = (index: number, value: string) => ({ currentTarget: { dataset: { index } }, detail: { value } });

async function balance(): Promise<number> {
  return (await backend().ports.store.get<FundDoc>(COLLECTIONS.funds, WANGJIA))!.balanceFen;
}

async function caseView(caseId: string): Promise<OfficerCaseView> {
  return api().ok<OfficerCaseView>('approvals', 'getCase', { caseId }, 'demo-secretary');
}

function callsOf(action: string) {
  return recordedCalls().filter((call) => call.event.action === action);
}

async function payoutEntries(caseId: string): Promise<LedgerEntryDoc[]> {
  return findAll<LedgerEntryDoc>(backend().ports.store, COLLECTIONS.ledgerEntries, {
    where: { sourceRef: `case:${caseId}` },
  });
}

/** 李秀英 applies for her mother-in-law 王桂兰 (低保, illness again: demo-case-01 was the first); the secretary accepts. */
async function acceptedApplication(requestId: string): Promise<string> {
  const mine = await api().ok<MyCaseView>(
    'applications',
    'submit',
    application({
      requestId,
      beneficiary: {
        name: '王桂兰',
        idNumber: makeIdNumber({ birthDate: '1948-03-12', sequence: 22 }),
        relationship: 'otherRelative',
      },
      cause: 'majorIllness',
      description: '胃癌复发再次住院化疗',
    }),
    'demo-applicant',
  );
  await api().ok('approvals', 'accept', { caseId: mine.id }, 'demo-secretary');
  return mine.id;
}

/** A discovered case (emergency: expenditure hardship) brought to `proposed` by the secretary. */
async function proposedDiscovery(requestId: string, extra: Record<string, unknown> = {}): Promise<string> {
  const opened = await api().ok<OfficerCaseView>(
    'approvals',
    'openDiscovery',
    discovery({ requestId, ...extra }),
    'demo-secretary',
  );
  await api().ok(
    'approvals',
    'recordVisit',
    visit(opened.id, { recommend: 'grant', form: 'cash', amountFen: 600_00, tierId: 'e2' }),
    'demo-secretary',
  );
  await api().ok(
    'approvals',
    'propose',
    { caseId: opened.id, recommend: 'grant', form: 'cash', amountFen: 600_00, tierId: 'e2', reason: '建议按二档救助' },
    'demo-secretary',
  );
  return opened.id;
}

/** Fills the visit form of an accepted supplementary case, with the caller prefilled as first visitor. */
async function fillVisit(page: PageComponent, amountYuan: string, tierId: string): Promise<void> {
  on(page).onVisitorInput(visitor(1, '王建军'));
  on(page).onInput(input('findings', '化疗期间无收入，低保金不足以支付自付药费，情况属实'));
  on(page).onToggleOriginal(pickEvent('householdBook'));
  on(page).onToggleOriginal(pickEvent('idCard'));
  on(page).onPickTier(pickEvent(tierId));
  on(page).onInput(input('amountYuan', amountYuan));
  on(page).onInput(input('reason', '情况属实，建议给予补充救助'));
}

describe('one case from visit to payout: demo-secretary, demo-president, demo-secretary', () => {
  let caseId = '';
  let balanceBefore = 0;

  beforeAll(async () => {
    caseId = await acceptedApplication('req-page-walk-01');
    balanceBefore = await balance();
  });

  it('R-PROC-3: the visit page shows the 1-working-day deadline, the relief type and cap, the tiers as choices', async () => {
    setDemoCaller('demo-secretary');
    const page = await openPage(VISIT, { caseId });
    expect(page.data.state).toBe('ready');
    expect(textsOf(page, '.main--step-head__deadline')[0]).toMatch(/^入户核查和审核意见：截止 12月1日 14:00/);
    const text = textOf(page);
    expect(text).toContain('救助类型：补充救助');
    expect(text).toContain('每人次最多 500元（R-CAP-1）');
    expect(textsOf(page, '.main--tier .jj-choice--jj-choice__label')).toEqual([
      '一档（一般困难） · 200元',
      '二档（较重困难） · 300元',
      '三档（特别困难） · 500元',
    ]);
    // Today (the cloud's Beijing day) and the caller as first visitor.
    expect(page.data.form.visitDate).toBe('2026-11-30');
    expect(page.data.form.visitors).toEqual(['刘芳', '']);
  });

  it('R-PROC-3: fewer than two visitors is refused on the page; nothing is sent', async () => {
    setDemoCaller('demo-secretary');
    const page = await openPage(VISIT, { caseId });
    await fillVisit(page, '300', 's2');
    on(page).onVisitorInput(visitor(1, '刘芳')); // the same person twice is still one visitor
    await tap(findByText(page, '.t-button--t-button', '保存核查记录并报社长审批'));
    expect(page.data.formError).toContain(TWO_VISITORS_MESSAGE);
    expect(textsOf(page, '.main--form-error')[0]).toContain(TWO_VISITORS_MESSAGE);
    expect(callsOf('recordVisit')).toHaveLength(0);
    expect((await caseView(caseId)).state).toBe('accepted');
  });

  it('R-CAP-1: 600 yuan of supplementary relief is refused by the cloud with its Chinese message; nothing is written', async () => {
    setDemoCaller('demo-secretary');
    const page = await openPage(VISIT, { caseId });
    await fillVisit(page, '600', 's3');
    expect(textsOf(page, '.main--amount-warning')[0]).toContain('超过补充救助每人次 500元 的上限');
    const before = await footprint(backend());
    await on(page).onSubmit();
    expect(callsOf('recordVisit')).toHaveLength(1);
    expect(page.data.formError).toBe('补充救助每人次最多 500元，600元超过上限');
    expect(textsOf(page, '.main--form-error')).toEqual([page.data.formError]);
    expect(await footprint(backend())).toEqual(before);
    expect(navigations()).toEqual([]);
  });

  it('R-PROC-3: records the visit with photos and originals, then proposes to the president; back to the case page', async () => {
    setDemoCaller('demo-secretary');
    const page = await openPage(VISIT, { caseId });
    await fillVisit(page, '300', 's2');
    await tap(findByText(page, '.t-button--t-button', '拍照或选择照片'));
    await waitFor(() => page.data.form.photoFileIds.length === 1);
    expect(recordedUploads()[0]!.cloudPath).toMatch(new RegExp(`^private/soc-wangjia/visits/${caseId}/`));
    expect(page.dom!.querySelectorAll('.main--photo__image')).toHaveLength(1);

    await tap(findByText(page, '.t-button--t-button', '保存核查记录并报社长审批'));
    await waitFor(() => navigations().length > 0);
    expect(navigations()).toEqual([caseUrl(caseId)]);

    const view = await caseView(caseId);
    expect(view.state).toBe('proposed');
    expect(view.visit).toMatchObject({
      visitors: ['刘芳', '王建军'],
      visitedAt: '2026-11-30T06:00:00.000Z',
      originalsChecked: ['householdBook', 'idCard'],
    });
    expect(view.visit!.photoFileIds).toEqual([recordedUploads()[0]!.fileId]);
    expect(view.proposal).toMatchObject({ reliefType: 'supplementary', form: 'cash', amountFen: 300_00, tierId: 's2' });
  });

  it('a secretary opening the decision sees that approval is the president’s: no buttons', async () => {
    setDemoCaller('demo-secretary');
    const page = await openPage(DECISION, { caseId });
    // The cloud says who decides (server/cases/decider.ts): the president, by name.
    expect(textsOf(page, '.main--blocked__text')).toEqual([
      '本案由社长王建国审批；提出审批意见或先行发放的人不能再审批同一案件。您可以在这里查看审批意见和入户核查记录。',
    ]);
    expect(textsOf(page, '.t-button--t-button').some((text) => text === '批准' || text === '不予批准')).toBe(false);
    expect(textOf(page)).toContain('300元');
  });

  it('the president of another society is forbidden', async () => {
    setDemoCaller(OTHER_PRESIDENT);
    const page = await openPage(DECISION, { caseId });
    expect(page.data.state).toBe('forbidden');
    expect(textOf(page)).toContain(NOT_YOUR_CASE_MESSAGE);
    expect(textOf(page)).not.toContain('王桂兰');
  });

  it('the president sees the proposal, the visit and the repeat warning, and approves with the warning seen', async () => {
    setDemoCaller('demo-president');
    const page = await openPage(DECISION, { caseId });
    const text = textOf(page);
    expect(text).toContain('审批意见（秘书长提出）');
    expect(text).toContain('二档（较重困难）');
    expect(text).toContain('刘芳、王建军');
    // demo-case-01: 王桂兰's earlier illness case (300 yuan, May).
    expect(textsOf(page, '.main--repeat__text')[0]).toContain('此人因同一原因已有 1 个案件');
    expect(textsOf(page, '.main--repeat__item')[0]).toContain('编号 2026-001');

    await tap(findByText(page, '.t-button--t-button', '批准'));
    await waitFor(() => navigations().length > 0);
    expect(navigations()).toEqual([caseUrl(caseId)]);
    expect(callsOf('approve')[0]!.event).toMatchObject({ caseId, seenRepeatCaseIds: ['demo-case-01'] });
    const view = await caseView(caseId);
    expect(view.state).toBe('approved');
    expect(view.decision).toMatchObject({ outcome: 'approved', repeatSeenCaseIds: ['demo-case-01'] });
  });

  it('R-PROC-4, R-FUND-3: pays once — the answer lost, the request id retried, the button pressed twice', async () => {
    silenceConsoleError();
    setDemoCaller('demo-secretary');
    const page = await openPage(DISBURSE, { caseId });
    expect(textsOf(page, '.main--step-head__deadline')[0]).toMatch(/^发放救助：截止/);
    expect(textsOf(page, '.main--fund__balance')).toEqual([
      `互助资金余额：¥${(balanceBefore / 100).toLocaleString('en-US')}.00`,
    ]);
    expect(textsOf(page, '.main--fixed-amount')).toEqual(['发放金额：300元（与批准金额一致）']);
    on(page).onPickReceiptWay(pickEvent('tap'));
    const requestId = page.data.requestId as string;
    expect(requestId).toMatch(/^pay-/);

    // The first answer is lost on the way back: the money left, the phone does not know it.
    await api().ok(
      'approvals',
      'disburse',
      { ...toDisburseInput(page.data.view, page.data.form, requestId) },
      'demo-secretary',
    );
    expect(await balance()).toBe(balanceBefore - 300_00);

    // The officer taps again, twice, with the same request id kept by the page.
    const button = findByText(page, '.t-button--t-button', '确认已发放');
    await Promise.all([tap(button), tap(button)]);
    await waitFor(() => navigations().length > 0);
    expect(navigations()).toEqual([caseUrl(caseId)]);
    expect(callsOf('disburse')).toHaveLength(1);
    expect(callsOf('disburse')[0]!.event).toMatchObject({ requestId, method: 'cash', amountFen: 300_00 });

    expect(await balance()).toBe(balanceBefore - 300_00);
    expect(await payoutEntries(caseId)).toHaveLength(1);
    const view = await caseView(caseId);
    expect(view.state).toBe('paid');
    expect(view.payout).toMatchObject({ amountFen: 300_00, paidByName: '刘芳', recipientName: '王桂兰' });
  });

  it('R-PROC-4: the paid case shows its payout; the receipt photo is recorded afterwards (recordReceipt)', async () => {
    setDemoCaller('demo-secretary');
    const page = await openPage(DISBURSE, { caseId });
    expect(page.data.stepMode).toBe('receipt');
    expect(textOf(page)).toContain('领款确认：尚未确认');
    await tap(findByText(page, '.t-button--t-button', '保存收据照片'));
    expect(page.data.formError).toContain('请上传领款人签字的收据照片');
    await tap(findByText(page, '.t-button--t-button', '拍摄签字收据'));
    await waitFor(() => page.data.form.receiptFileId !== '');
    expect(recordedUploads().map((upload) => upload.cloudPath)[0]).toMatch(
      new RegExp(`^private/soc-wangjia/receipts/${caseId}/`),
    );
    await tap(findByText(page, '.t-button--t-button', '保存收据照片'));
    await waitFor(() => navigations().length > 0);
    const view = await caseView(caseId);
    expect(view.receipt).toMatchObject({ method: 'photo', fileId: page.data.form.receiptFileId, byName: '刘芳' });
    expect(await balance()).toBe(balanceBefore - 300_00);
  });
});

describe('the decision: adjusting, a written reason, recusal', () => {
  it('R-CAP-2, R-CAP-3: the president may approve less than proposed, never over the cap', async () => {
    silenceConsoleError();
    const caseId = await proposedDiscovery('disc-page-adjust-1');
    setDemoCaller('demo-president');
    const page = await openPage(DECISION, { caseId });
    await tap(findByText(page, '.main--adjust-toggle', '调整批准的档次和金额'));
    expect(page.data.adjust).toMatchObject({ on: true, tierId: 'e2', amountYuan: '600.00' });

    on(page).onPickAdjustTier(pickEvent('e3'));
    on(page).onAdjustAmount({ detail: { value: '1200' } });
    const before = await footprint(backend());
    await on(page).onApprove();
    expect(page.data.formError).toBe('应急救助每人次最多 1000元，1200元超过上限');
    expect(await footprint(backend())).toEqual(before);

    await tap(findByText(page, '.jj-choice--jj-choice', '一档（一般困难） · 300元'));
    expect(page.data.adjust.amountYuan).toBe('300.00');
    await tap(findByText(page, '.t-button--t-button', '批准'));
    await waitFor(() => navigations().length > 0);
    const view = await caseView(caseId);
    expect(view.decision).toMatchObject({ outcome: 'approved', amountFen: 300_00, tierId: 'e1', byName: '王建国' });
  });

  it('R-PROC-3: rejecting needs a written reason; with one the case is rejected and nothing is paid', async () => {
    const caseId = await proposedDiscovery('disc-page-reject-1');
    const before = await footprint(backend());
    setDemoCaller('demo-president');
    const page = await openPage(DECISION, { caseId });
    await tap(findByText(page, '.t-button--t-button', '不予批准'));
    expect(page.data.formError).toBe(REJECT_REASON_MESSAGE);
    expect(textsOf(page, '.main--form-error')).toEqual([REJECT_REASON_MESSAGE]);
    expect(callsOf('reject')).toHaveLength(0);
    expect(await footprint(backend())).toEqual(before);

    on(page).onInput(input('reason', '核实家中另有稳定收入，不符合条件'));
    await tap(findByText(page, '.t-button--t-button', '不予批准'));
    await waitFor(() => navigations().length > 0);
    const view = await caseView(caseId);
    expect(view.state).toBe('rejected');
    expect(view.endReason).toBe('核实家中另有稳定收入，不符合条件');
    expect(await balance()).toBe(before.balanceFen);
  });

  it("recusal: the president of the case's own household sees why he must stay out; the cloud refuses, nothing is written", async () => {
    const caseId = await proposedDiscovery('disc-page-recusal-1', { householdOfUserId: 'u-wangjianguo' });
    setDemoCaller('demo-president');
    const page = await openPage(DECISION, { caseId });
    // Nobody else in the society may decide it either: it goes to the township, and the page says so.
    expect(textsOf(page, '.main--blocked__text')).toEqual([`${RECUSAL_MESSAGE}。本案社长需回避，由青石镇审批。`]);
    expect(textsOf(page, '.t-button--t-button')).not.toContain('批准');

    const before = await footprint(backend());
    await on(page).onApprove();
    expect(page.data.formError).toBe(RECUSAL_MESSAGE);
    expect(textsOf(page, '.main--form-error')).toEqual([RECUSAL_MESSAGE]);
    expect(await footprint(backend())).toEqual(before);
  });
});

describe('facts verified at the visit (R-ELIG-3, R-CAP-1)', () => {
  it('a household found on 低保 gets supplementary relief: the tiers and cap switch, the cloud records the change', async () => {
    const opened = await api().ok<OfficerCaseView>(
      'approvals',
      'openDiscovery',
      discovery({ requestId: 'disc-page-facts-1' }),
      'demo-secretary',
    );
    setDemoCaller('demo-secretary');
    const page = await openPage(VISIT, { caseId: opened.id });
    expect(textOf(page)).toContain('救助类型：应急救助');
    on(page).onPickTier(pickEvent('e2'));
    expect(page.data.form.amountYuan).toBe('600.00');

    await tap(findByText(page, '.main--facts-toggle', '与申报不一致'));
    await tap(findByText(page, '.jj-choice--jj-choice', '最低生活保障（低保）'));
    expect(textOf(page)).toContain('救助类型：补充救助');
    expect(textOf(page)).toContain('已修改：救助类型按核实的情况确定');
    // The emergency tier no longer applies.
    expect(page.data.form).toMatchObject({ tierId: '', amountYuan: '' });

    on(page).onVisitorInput(visitor(1, '王建军'));
    on(page).onInput(input('findings', '核实享受低保'));
    on(page).onPickTier(pickEvent('s2'));
    on(page).onInput(input('reason', '按补充救助二档'));
    await tap(findByText(page, '.t-button--t-button', '保存核查记录并报社长审批'));
    await waitFor(() => navigations().length > 0);
    expect(callsOf('recordVisit')[0]!.event).toMatchObject({ verified: { assistance: ['dibao'] } });
    const view = await caseView(opened.id);
    expect(view.proposal).toMatchObject({ reliefType: 'supplementary', amountFen: 300_00 });
  });
});

describe('not enough money (R-FUND-3)', () => {
  it('the page shows the shortfall; INSUFFICIENT_FUNDS is a clear Chinese error and nothing moves', async () => {
    silenceConsoleError();
    const caseId = await proposedDiscovery('disc-page-poor-1');
    await api().ok('approvals', 'approve', { caseId, note: '同意' }, 'demo-president');
    const { store } = backend().ports;
    const real = await balance();
    // The fund is nearly empty (a test shortcut: only the ledger moves money in the product).
    await store.transaction((tx) => tx.update(COLLECTIONS.funds, WANGJIA, { balanceFen: 100_00 }));
    try {
      setDemoCaller('demo-secretary');
      const page = await openPage(DISBURSE, { caseId });
      expect(textsOf(page, '.main--fund__after')).toEqual(['余额不足：还差 ¥500.00']);
      on(page).onPickReceiptWay(pickEvent('later'));
      const before = await footprint(backend());
      await on(page).onSubmit();
      expect(page.data.formError).toBe('互助资金余额不足，无法支出');
      expect(textsOf(page, '.main--form-error')).toEqual(['互助资金余额不足，无法支出']);
      expect(await footprint(backend())).toEqual(before);
      expect(navigations()).toEqual([]);
    } finally {
      await store.transaction((tx) => tx.update(COLLECTIONS.funds, WANGJIA, { balanceFen: real }));
    }
  });
});

describe('先行救助 (R-PROC-5)', () => {
  let caseId = '';

  beforeAll(async () => {
    const opened = await api().ok<OfficerCaseView>(
      'approvals',
      'openDiscovery',
      discovery({ requestId: 'disc-page-first-1', description: '夜间房屋失火，一家人无处安身' }),
      'demo-secretary',
    );
    caseId = opened.id;
  });

  it('pays first on an emergency case, once; the case then shows the visit and decision due within 1 working day', async () => {
    setDemoCaller('demo-secretary');
    const before = await balance();
    const page = await openPage(DISBURSE, { caseId, mode: 'reliefFirst' });
    expect(page.data.stepMode).toBe('reliefFirst');
    expect(textsOf(page, '.main--note')).toEqual([RELIEF_FIRST_NOTE]);
    expect(textOf(page)).toContain('救助类型：应急救助，每人次最多 1000元');

    await tap(findByText(page, '.t-button--t-button', '确认先行发放'));
    expect(page.data.formError).toContain('请选择救助档次');
    expect(page.data.formError).toContain('请写明为什么必须先行救助');
    expect(callsOf('reliefFirst')).toHaveLength(0);

    on(page).onPickTier(pickEvent('e1'));
    expect(textsOf(page, '.main--fund__after')).toEqual([
      `发放后余额：¥${((before - 300_00) / 100).toLocaleString('en-US')}.00`,
    ]);
    on(page).onInput(input('urgency', '房屋失火，一家人当晚无处安身'));
    on(page).onPickReceiptWay(pickEvent('later'));
    await tap(findByText(page, '.t-button--t-button', '确认先行发放'));
    await waitFor(() => navigations().length > 0);
    expect(navigations()).toEqual([caseUrl(caseId)]);

    expect(await balance()).toBe(before - 300_00);
    expect(await payoutEntries(caseId)).toHaveLength(1);
    const view = await caseView(caseId);
    expect(view.state).toBe('paid');
    // R-PROC-5: the explanation is due 1 working day after the payout, besides the visit (R-PROC-3).
    expect(view.deadlines.find((deadline) => deadline.kind === 'explanation')).toMatchObject({
      doneAt: null,
      overdue: false,
      dueAt: '2026-12-01T06:00:00.000Z',
    });
    expect(view.reliefFirst).toMatchObject({ urgency: '房屋失火，一家人当晚无处安身', explanation: null });

    // Opened again, the page shows the payout and the explanation due at the top.
    const again = await openPage(DISBURSE, { caseId });
    expect(textsOf(again, '.main--step-head__deadline')[0]).toMatch(/^先行救助补办说明：截止/);
    expect(textOf(again)).toContain('现金（先行救助）');
  });

  it('the secretary files the visit afterwards; the president, not the payer, files the explanation', async () => {
    setDemoCaller('demo-secretary');
    const visitPage = await openPage(VISIT, { caseId });
    expect(visitPage.data.screen.mode).toBe('visitOnly');
    expect(textsOf(visitPage, '.main--step-head__deadline')).toEqual([
      expect.stringMatching(/^入户核查和审核意见：截止/),
      expect.stringMatching(/^先行救助补办说明：截止/),
    ]);
    on(visitPage).onVisitorInput(visitor(1, '王建军'));
    on(visitPage).onInput(input('findings', '房屋过火属实'));
    on(visitPage).onPickTier(pickEvent('e1'));
    on(visitPage).onInput(input('reason', '先行救助符合规定'));
    await tap(findByText(visitPage, '.t-button--t-button', '保存入户核查记录'));
    await waitFor(() => navigations().length > 0);
    expect(callsOf('propose')).toHaveLength(0);
    expect((await caseView(caseId)).visit).not.toBeNull();

    // The payer (secretary) cannot ratify her own payment.
    const secretaryPage = await openPage(DECISION, { caseId });
    expect(secretaryPage.data.screen.mode).toBe('readOnly');

    setDemoCaller('demo-president');
    const page = await openPage(DECISION, { caseId });
    expect(page.data.screen.mode).toBe('explain');
    await tap(findByText(page, '.t-button--t-button', '予以追认'));
    expect(page.data.formError).toBe('请填写先行救助的审批说明');
    on(page).onInput(input('explanation', '核查属实，同意追认'));
    await tap(findByText(page, '.t-button--t-button', '予以追认'));
    await waitFor(() => navigations().length > 1);
    const view = await caseView(caseId);
    expect(view.reliefFirst!.explanation).toMatchObject({ ratified: true, byName: '王建国' });
    expect(view.deadlines.find((deadline) => deadline.kind === 'explanation')!.met).toBe(true);
  });
});
