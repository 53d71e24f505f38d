/**
 * The township's decisions on its pages over the real backend: 先行救助 a society did not ratify
 * is recovered or written off on the township page (R-PROC-5, R-FUND-3) and shows on the 四公布
 * sheet; a case beyond the society's authority is handed to the township's 临时救助 from the
 * decision page (R-CAP-1/2), answered on the township page, and its outcome shows on the
 * officer's pages.
 */
import { usePageBackend } from '../support/page-backend';
import { recordedCalls } from '../support/simulate-setup';
import { findByText, openPage, tap, textOf, textsOf, waitFor, type PageComponent } from '../support/simulate-pages';
import { caller, discovery, visit } from '../cases/helpers';
import { setDemoCaller } from '../../miniprogram/services/cloud';
import { COLLECTIONS } from '../../server/collections';
import type { FundDoc, LedgerEntryDoc } from '../../server/ledger/ledger';
import type { OfficerCaseView } from '../../miniprogram/domain/case';
import {
  REFER_AMOUNT_MESSAGE,
  REFER_CAP_TEXT,
  REFER_REASON_MESSAGE,
} from '../../miniprogram/packages/officer/pages/decision/view';

const TOWNSHIP = 'packages/oversight/pages/township/index';
const DECISION = 'packages/officer/pages/decision/index';
const REFERRALS = 'packages/officer/pages/referrals/index';
const CASE_SHEET = 'packages/oversight/pages/case-sheet/index';
const OFFICER_CASE = 'packages/officer/pages/case/index';
const WANGJIA = 'soc-wangjia';

// The first page of the file loads TDesign; two cores are shared with other test runs.
jest.setTimeout(30_000);

const backend = usePageBackend();
const api = () => caller(backend());

type FieldEvent = { detail: { value: string }; currentTarget: { dataset: { field: string } } };
type TownshipForms = { onSettleInput(e: FieldEvent): void; onAnswerInput(e: FieldEvent): void };
type ReferForm = { onReferInput(e: FieldEvent): void };

function type(page: PageComponent, method: 'onSettleInput' | 'onAnswerInput', field: string, value: string) {
  (page.instance as unknown as TownshipForms)[method]({ detail: { value }, currentTarget: { dataset: { field } } });
}

async function balance(): Promise<number> {
  return (await backend().ports.store.get<FundDoc>(COLLECTIONS.funds, WANGJIA))!.balanceFen;
}

function callsOf(action: string) {
  return recordedCalls().filter((call) => call.event.action === action);
}

async function button(page: PageComponent, text: string): Promise<void> {
  await tap(findByText(page, '.t-button--t-button', text));
}

describe('R-PROC-5: the township recovers or writes off 先行救助 money not ratified', () => {
  let caseId: string;

  beforeAll(async () => {
    const opened = await api().ok<OfficerCaseView>(
      'approvals',
      'openDiscovery',
      discovery({ requestId: 'disc-page-unratified', cause: 'accident', category: 'nearDibao' }),
      'demo-secretary',
    );
    caseId = opened.id;
    await api().ok(
      'approvals',
      'reliefFirst',
      { caseId, requestId: 'first-page-unratified', method: 'cash', amountFen: 600_00, tierId: 'e2', urgency: '火灾' },
      'demo-secretary',
    );
    await api().ok(
      'approvals',
      'recordVisit',
      visit(caseId, { recommend: 'deny', reason: '已获保险赔付' }),
      'demo-secretary',
    );
    await api().ok(
      'approvals',
      'fileExplanation',
      { caseId, explanation: '已获保险赔付，不予追认', ratified: false },
      'demo-president',
    );
  });

  it('R-PROC-5: the township lists it, refuses a recovery above what was paid on the page, and records one that comes back once', async () => {
    setDemoCaller('demo-township');
    const page = await openPage(TOWNSHIP);
    const card = () => findByText(page, '.main--flag', '已获保险赔付，不予追认');
    expect(card().textContent).toContain('先行发放 现金 600元');
    expect(card().textContent).toContain('孙*珍');
    expect(textOf(page)).not.toContain('孙秀珍');

    await tap(
      Array.from(card().querySelectorAll('.t-button--t-button')).find((b) =>
        b.textContent?.includes('记录追回或核销'),
      )!,
    );
    await waitFor(() => page.data.settle.caseId === caseId);
    expect(page.data.settle.recoveredOn).toBe('2026-11-30');
    await button(page, '确认记录');
    expect(textsOf(page, '.main--resolve-form__error')).toEqual(['请填写追回金额（元，大于 0）']);
    type(page, 'onSettleInput', 'amountYuan', '700');
    type(page, 'onSettleInput', 'reason', '受助人同意退回');
    await button(page, '确认记录');
    expect(textsOf(page, '.main--resolve-form__error')).toEqual(['追回金额不能超过先行发放的 600元']);
    expect(callsOf('settleUnratified')).toEqual([]);

    const before = await balance();
    type(page, 'onSettleInput', 'amountYuan', '200');
    await button(page, '确认记录');
    await waitFor(() => page.data.settle.caseId === '' && !page.data.submitting && page.data.state === 'ready');
    expect(await balance()).toBe(before + 200_00);
    const entry = await backend().ports.store.get<LedgerEntryDoc>(COLLECTIONS.ledgerEntries, `recovery-${caseId}`);
    expect(entry).toMatchObject({ type: 'reliefRecovery', amountFen: 200_00 });
    expect(textOf(page)).not.toContain('已获保险赔付，不予追认');

    // The request id was made when the form opened: the same request again moves no money.
    const sent = callsOf('settleUnratified')[0]!.event;
    expect(sent).toMatchObject({ caseId, outcome: 'recovery', recoveredFen: 200_00, recoveredOn: '2026-11-30' });
    expect((await backend().call('approvals', sent, 'demo-township')).ok).toBe(true);
    expect(await balance()).toBe(before + 200_00);
  });

  it('R-OVS-3: the 四公布 sheet and the officer’s case page show the township’s decision', async () => {
    setDemoCaller('demo-supervisor');
    const sheet = await openPage(CASE_SHEET, { caseId });
    const decision = findByText(sheet, '.main--sheet-section', '三、审批决定').textContent ?? '';
    expect(decision).toContain('未予追认，乡镇已追回 200元（先行发放 600元）');
    expect(decision).toContain('受助人同意退回');
    expect(decision).toContain('青石镇民政办');

    setDemoCaller('demo-secretary');
    const officer = await openPage(OFFICER_CASE, { caseId });
    expect(textOf(officer)).toContain('乡镇处理：已追回 200元（2026-11-30）：受助人同意退回');
  });
});

describe('R-CAP-1/2: beyond the society’s authority, to the township’s 临时救助', () => {
  let caseId: string;

  beforeAll(async () => {
    const opened = await api().ok<OfficerCaseView>(
      'approvals',
      'openDiscovery',
      discovery({ requestId: 'disc-page-township-ref' }),
      'demo-secretary',
    );
    caseId = opened.id;
  });

  it('R-CAP-2: the officer hands it over from the decision page with what is asked and why; the page stays', async () => {
    setDemoCaller('demo-secretary');
    const page = await openPage(DECISION, { caseId });
    expect(textOf(page)).toContain(REFER_CAP_TEXT);
    await button(page, '转乡镇临时救助');
    await waitFor(() => page.data.referring === true);
    await button(page, '确认转乡镇');
    expect(page.data.referError).toBe(REFER_AMOUNT_MESSAGE);
    const refer = (field: string, value: string) =>
      (page.instance as unknown as ReferForm).onReferInput({
        detail: { value },
        currentTarget: { dataset: { field } },
      });
    refer('referAskedYuan', '8000');
    await button(page, '确认转乡镇');
    expect(page.data.referError).toBe(REFER_REASON_MESSAGE);
    expect(callsOf('referTownship')).toEqual([]);
    refer('referReason', '心脏手术费用约 6 万元，超出应急救助 1000 元上限');
    await button(page, '确认转乡镇');
    await waitFor(() => page.data.referring === false && !page.data.submitting);
    expect(textOf(page)).toContain('等待青石镇答复');
    expect(textOf(page)).toContain('8000元：心脏手术费用约 6 万元');
    expect(textsOf(page, '.t-button--t-button')).not.toContain('转乡镇临时救助');
    expect(callsOf('referTownship')[0]!.event).toMatchObject({ caseId, askedFen: 8_000_00 });
  });

  it('R-CAP-2: the county reads the referral but is offered no answer (the township decides)', async () => {
    setDemoCaller('demo-county');
    const page = await openPage(TOWNSHIP);
    const card = findByText(page, '.main--flag', '心脏手术费用约 6 万元');
    expect(card.textContent).toContain('由乡镇答复');
    expect(card.textContent).not.toContain('答复这项转介');
  });

  it('R-CAP-2: the township answers on its page: a decline needs a reason; an acceptance names the amount', async () => {
    setDemoCaller('demo-township');
    const page = await openPage(TOWNSHIP);
    const card = () => findByText(page, '.main--flag', '心脏手术费用约 6 万元');
    expect(card().textContent).toContain('申请临时救助 8000元');
    await tap(
      Array.from(card().querySelectorAll('.t-button--t-button')).find((b) => b.textContent?.includes('答复这项转介'))!,
    );
    await waitFor(() => page.data.answer.caseId === caseId);
    await tap(findByText(page, '.jj-choice--jj-choice', '不予受理'));
    await button(page, '确认答复');
    expect(textsOf(page, '.main--resolve-form__error')).toEqual(['请写明不予受理的理由']);
    await tap(findByText(page, '.jj-choice--jj-choice', '受理，给予临时救助'));
    type(page, 'onAnswerInput', 'amountYuan', '5000');
    type(page, 'onAnswerInput', 'reason', '按临时救助标准给予');
    await button(page, '确认答复');
    await waitFor(() => page.data.answer.referralId === '' && !page.data.submitting && page.data.state === 'ready');
    expect(callsOf('townshipReferralOutcome')[0]!.event).toMatchObject({ accepted: true, amountFen: 5_000_00 });
    expect(textOf(page)).not.toContain('心脏手术费用约 6 万元');
  });

  it('R-CAP-2: the officer’s referrals page and case page show the township’s outcome', async () => {
    setDemoCaller('demo-secretary');
    const referrals = await openPage(REFERRALS, { caseId });
    const row = findByText(referrals, '.main--referral', '转乡镇临时救助').textContent ?? '';
    expect(row).toContain('申请临时救助 ¥8,000.00 · 青石镇已受理，给予临时救助 5000元');
    expect(row).toContain('已完成');
    const officer = await openPage(OFFICER_CASE, { caseId });
    expect(textOf(officer)).toContain('转乡镇临时救助（青石镇已受理，给予临时救助 5000元）');
  });
});
