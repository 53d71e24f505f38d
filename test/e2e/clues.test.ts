/**
 * Issue 13 "Done when", in the browser preview: a villager reports a clue anonymously from the
 * society page; the secretary turns it into a discovery case (主动发现, R-PROC-1) that is visited,
 * approved and paid; the villager reads 已救助 and nothing of the person or the amount. A 帮办 is
 * recorded with its outcome and appears in November's monthly report (R-PROC-8).
 */
import { COLLECTIONS } from '../../server/collections';
import type { ClueDoc } from '../../server/clues/usecases';
import type { MonthlyReportDoc } from '../../server/reports/monthly';
import { makeIdNumber } from '../../miniprogram/domain/id-number';
import { DEMO_NOW } from '../support/test-backend';
import { describeInChromium, startPreview, type PreviewHarness } from './support/preview-harness';
import {
  approveOnDecisionPage,
  arrivesAt,
  officerCase,
  payOnDisbursePage,
  proposeOnVisitPage,
  registerDiscovery,
  WANGJIA,
} from './support/relief-story';

const VILLAGER = 'o-e2e-clue-villager';
const WORKBENCH = 'packages/officer/pages/workbench/index';
const HELPS = 'packages/officer/pages/helps/index';
const MONTHLY_REPORTS = 'packages/officer/pages/monthly-reports/index';

jest.setTimeout(120_000);

describeInChromium('clues and 帮办 through the browser preview (issue 13)', () => {
  let preview: PreviewHarness;
  let clueId = '';
  let caseId = '';
  const store = () => preview.stack.ports.store;

  beforeAll(async () => {
    preview = await startPreview();
  });

  afterAll(async () => {
    await preview?.close();
  });

  it('R-PROC-1: a villager with no role reports a clue anonymously from the society page', async () => {
    const phone = await preview.open('pages/society/index', { caller: VILLAGER, query: { societyId: WANGJIA } });
    await phone.tap('反映线索（可匿名）');
    await arrivesAt(phone, `pages/clue/index?societyId=${WANGJIA}`);
    await phone.waitForText('谁可能需要帮助（必填）');
    await phone.fill('就您所知：姓名、住在哪个组或哪里', '二组的钱大爷（钱有福）');
    await phone.fill('例如：突发重病住院、家里失火、老人独居无人照顾', '独居老人，脑梗住院，医药费借遍了亲戚');
    await phone.tap('提交线索');
    await phone.waitForText('线索已送到互助社');
    const [clue] = await store().find<ClueDoc>(COLLECTIONS.clues, { where: { societyId: WANGJIA } });
    expect(clue).toMatchObject({ anonymous: true, source: 'anonymous', reporterUserId: null, status: 'open' });
    clueId = clue!._id;

    await phone.tap('查看我的线索');
    await arrivesAt(phone, 'pages/my-clues/index');
    await phone.waitForText('已收到，等待互助社处理');
    expect(phone.errors).toEqual([]);
    expect(phone.externalRequests).toEqual([]);
  });

  it('the secretary finds it from the workbench and opens a discovery case from it, linked', async () => {
    const phone = await preview.open(WORKBENCH, { caller: 'demo-secretary', query: { societyId: WANGJIA } });
    await phone.tap('线索');
    await phone.waitForText('待处理 1 条');
    const text = await phone.text();
    expect(text).toContain('二组的钱大爷（钱有福）');
    expect(text).toContain('反映人：匿名');
    await phone.tap('立案');
    await arrivesAt(phone, /^packages\/officer\/pages\/intake\/index\?/);
    await phone.waitForText('来自线索：匿名反映（反映人：匿名）');
    caseId = await registerDiscovery(phone, {
      name: '钱有福',
      idNumber: makeIdNumber({ birthDate: '1948-02-12', sequence: 61 }),
      description: '独居老人脑梗住院，自付医疗费用高',
    });
    await phone.waitForText('主动发现');
    expect(await phone.text()).toContain('匿名反映线索');
    expect(await officerCase(preview, caseId)).toMatchObject({ origin: 'discovery', state: 'accepted' });
    expect(await store().get<ClueDoc>(COLLECTIONS.clues, clueId)).toMatchObject({ status: 'caseOpened', caseId });
    expect(phone.errors).toEqual([]);
  });

  it('R-PROC-3, R-PROC-4: the case is visited, approved by the president and paid', async () => {
    const visit = await proposeOnVisitPage(preview, caseId, {
      findings: '独居，住院自付费用高，情况属实',
      reason: '建议按一档给予应急救助',
      tier: '一档（一般困难） · 300元',
    });
    expect((await officerCase(preview, caseId)).state).toBe('proposed');

    const decision = await approveOnDecisionPage(preview, caseId);
    expect((await officerCase(preview, caseId)).state).toBe('approved');

    const pay = await payOnDisbursePage(preview, caseId, 300);
    expect((await officerCase(preview, caseId)).state).toBe('paid');
    expect([visit.errors, decision.errors, pay.errors]).toEqual([[], [], []]);
  });

  it('the villager reads 已救助 on 我的线索 (from home), and nothing of the person or the amount', async () => {
    const home = await preview.open('pages/home/index', { caller: VILLAGER });
    await home.tap('我的线索');
    await arrivesAt(home, 'pages/my-clues/index');
    await home.waitForText('已救助');
    const text = await home.text();
    for (const secret of ['钱', '有福', '300', '脑梗', '刘芳']) expect(text).not.toContain(secret);
    expect(home.errors).toEqual([]);
  });

  it('R-PROC-8: a 帮办 is recorded with its outcome and counted in November’s monthly report', async () => {
    const phone = await preview.open(HELPS, { caller: 'demo-secretary', query: { societyId: WANGJIA } });
    await phone.tap('登记帮办');
    await phone.fill('姓名', '钱有福');
    await phone.tap('医疗救助');
    await phone.fill('2026-11-30', '2026-11-27');
    await phone.tap('保存');
    await phone.waitForText('2026-11-27 申请');
    await phone.tap('更新结果');
    await phone.tap('已获批');
    await phone.fill('如：镇里已批准低保，每月 600 元；或未获批的原因', '县医保局批准医疗救助 2,400 元');
    await phone.tap('保存结果');
    await phone.waitForText('县医保局批准医疗救助 2,400 元');
    expect(await phone.text()).toContain('已获批');
    expect(phone.errors).toEqual([]);

    preview.clock.set('2026-12-01T09:00:00+08:00');
    try {
      const reports = await preview.open(MONTHLY_REPORTS, { caller: 'demo-secretary', query: { societyId: WANGJIA } });
      await reports.waitForText('生成并报送月报');
      await reports.phone.evaluate(() => {
        const pages = (
          globalThis as unknown as { getCurrentPages(): Array<Record<string, (event: unknown) => unknown>> }
        ).getCurrentPages();
        return pages[pages.length - 1]!.onMonthChange!({ detail: { value: '2026-11' } });
      });
      await reports.settled();
      await reports.waitForText('2026年11月');
      await reports.tap('生成并报送');
      await reports.waitForText('2026年11月月报');
      await reports.waitForText('帮办政府救助');
      expect(await reports.text()).toContain('新办 1 件（医疗救助 1），获批 1 件，未获批 0 件，期末办理中 0 件');
      expect(await reports.text()).not.toContain('钱有福');
      const [report] = await store().find<MonthlyReportDoc>(COLLECTIONS.monthlyReports, {
        where: { societyId: WANGJIA, month: '2026-11' },
      });
      expect(report!.cases.helps).toMatchObject({ recorded: 1, approved: 1, refused: 0, pendingAtEnd: 0 });
      expect(reports.errors).toEqual([]);
    } finally {
      preview.clock.set(DEMO_NOW);
    }
  });
});
