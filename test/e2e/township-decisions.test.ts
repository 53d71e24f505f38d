/**
 * What goes to the township and comes back, in the browser preview as the demo callers:
 * - 先行救助 the president does not ratify; the township (青石镇) recovers part of the money on its
 *   page — it comes back into 王家村's fund once (R-PROC-5, R-FUND-3) — and the 四公布 sheet says so;
 * - a need beyond the society's authority, handed from the decision page to the township's
 *   临时救助 (R-CAP-1/2), answered on the township page, its outcome on the officer's referrals page.
 */
import { visit } from '../cases/helpers';
import { describeInChromium, startPreview, type PreviewHarness } from './support/preview-harness';
import { balanceOf, DECISION, discoveredCase, ledgerOf, ok as called } from './support/relief-story';

const TOWNSHIP = 'packages/oversight/pages/township/index';
const REFERRALS = 'packages/officer/pages/referrals/index';
const CASE_SHEET = 'packages/oversight/pages/case-sheet/index';

// A walk opens several pages in Chromium on a loaded 2-core machine.
jest.setTimeout(120_000);

describeInChromium('township decisions through the browser preview', () => {
  let preview: PreviewHarness;

  beforeAll(async () => {
    preview = await startPreview();
  });

  afterAll(async () => {
    await preview?.close();
  });

  const ok = <T>(fn: string, event: Record<string, unknown>, openid: string) => called<T>(preview, fn, event, openid);

  it('R-PROC-5, R-FUND-3: not ratified by the president, part recovered by the township, once; the sheet shows it', async () => {
    const opened = await discoveredCase(preview, {
      requestId: 'e2e-unratified-1',
      cause: 'accident',
      category: 'nearDibao',
    });
    const caseId = opened.id;
    await ok(
      'approvals',
      {
        action: 'reliefFirst',
        caseId,
        requestId: 'e2e-first-unratified',
        method: 'cash',
        amountFen: 1_000_00,
        tierId: 'e3',
        urgency: '房屋失火，当晚无处安身',
      },
      'demo-secretary',
    );
    await ok(
      'approvals',
      {
        action: 'recordVisit',
        ...visit(caseId, { recommend: 'deny', reason: '损失已由保险全额赔付' }, { photoFileIds: [] }),
      },
      'demo-secretary',
    );

    const president = await preview.open(DECISION, { caller: 'demo-president', query: { caseId } });
    await president.waitForText('补办先行救助审批说明');
    await president.fill('核查情况属实，先行救助符合规定', '损失已由保险全额赔付，不予追认');
    await president.tap('不予追认');
    await president.waitForText('乡镇处理：待乡镇处理（追回或核销）');
    expect(president.errors).toEqual([]);

    const before = await balanceOf(preview);
    const township = await preview.open(TOWNSHIP, { caller: 'demo-township' });
    await township.waitForText('损失已由保险全额赔付，不予追认');
    expect(await township.text()).toContain('先行发放 现金 1000元');
    expect(await township.text()).not.toContain('孙秀珍');
    await township.tap('记录追回或核销');
    await township.fill('追回金额，不超过先行发放的金额', '1200');
    await township.fill('写明追回或核销的理由', '受助人同意退回');
    await township.tap('确认记录');
    await township.waitForText('追回金额不能超过先行发放的 1000元');
    await township.fill('追回金额，不超过先行发放的金额', '400');
    await township.tap('确认记录');
    await township.waitForText('没有待处理的未追认先行救助');
    expect(township.errors).toEqual([]);

    expect(await balanceOf(preview)).toBe(before + 400_00);
    const entries = await ledgerOf(preview, caseId);
    expect(entries.map((entry) => [entry.type, entry.amountFen]).sort()).toEqual([
      ['reliefPayout', -1_000_00],
      ['reliefRecovery', 400_00],
    ]);

    const sheet = await preview.open(CASE_SHEET, { caller: 'demo-supervisor', query: { caseId } });
    await sheet.waitForText('未予追认，乡镇已追回 400元（先行发放 1000元）');
    expect(await sheet.text()).toContain('青石镇民政办');
    expect(sheet.errors).toEqual([]);
  });

  it('R-CAP-1/2: beyond the caps, the secretary hands the case to the township’s 临时救助; the township accepts; the officer sees it', async () => {
    const opened = await discoveredCase(preview, { requestId: 'e2e-township-ref-1' });
    const caseId = opened.id;

    const secretary = await preview.open(DECISION, { caller: 'demo-secretary', query: { caseId } });
    await secretary.waitForText('超出互助社权限：转乡镇临时救助');
    await secretary.tap('转乡镇临时救助');
    await secretary.fill('申请金额（元）', '8000');
    await secretary.fill(
      '如：住院手术费用约 3 万元，超出互助社应急救助上限',
      '心脏手术费用约 6 万元，超出应急救助上限',
    );
    await secretary.tap('确认转乡镇');
    await secretary.waitForText('等待青石镇答复');
    expect(secretary.errors).toEqual([]);

    const township = await preview.open(TOWNSHIP, { caller: 'demo-township' });
    await township.waitForText('申请临时救助 8000元');
    await township.tap('答复这项转介');
    await township.fill('临时救助金额', '5000');
    await township.fill('写明办理情况或不予受理的理由', '按临时救助标准给予');
    await township.tap('确认答复');
    await township.waitForText('没有待答复的临时救助转介');
    expect(township.errors).toEqual([]);

    const referrals = await preview.open(REFERRALS, { caller: 'demo-secretary', query: { caseId } });
    await referrals.waitForText('申请临时救助 ¥8,000.00 · 青石镇已受理，给予临时救助 5000元');
    expect(await referrals.text()).toContain('已完成');
    expect(referrals.errors).toEqual([]);
  });
});
