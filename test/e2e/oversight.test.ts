/**
 * The oversight pages in the browser preview, as a person would use them: the supervision
 * committee browses 王家村 tab by tab (t-tabs), flags a case from its 四公布 sheet (R-OVS-2,
 * R-OVS-3); the township finds the flag and handles it; the audit trail is verified (R-OVS-5).
 */
import { describeInChromium, startPreview, type PreviewHarness } from './support/preview-harness';

describeInChromium('oversight pages in the browser preview', () => {
  let preview: PreviewHarness;

  beforeAll(async () => {
    preview = await startPreview();
  });

  afterAll(async () => {
    await preview?.close();
  });

  it('R-OVS-2: the supervisor switches tabs, flags a case from its sheet; the township resolves the flag', async () => {
    const phone = await preview.open('packages/oversight/pages/supervision/index', {
      caller: 'demo-supervisor',
      query: { societyId: 'soc-wangjia' },
    });
    await phone.waitForText('办理经过（共 6 步）');
    expect(await phone.text()).toContain('陈大山');

    // The tab bar is TDesign's t-tabs: tapping a label shows that section.
    await phone.tap('台账');
    await phone.waitForText('共 10 笔，已显示 10 笔');
    expect(await phone.text()).toContain('-¥1,000.00');
    await phone.tap('异议');
    await phone.waitForText('卧室还能住');
    await phone.tap('案件');
    await phone.waitForText('共 4 件，已显示 4 件');

    await phone.tap('提请乡镇关注');
    await phone.waitForText('提请意见（必填）');
    expect(await phone.framePath()).toContain('case-sheet/index?caseId=demo-case-04&flag=1');
    await phone.fill('请写明发现的问题和希望乡镇核查的内容', '入户核查已超时，请乡镇督促。');
    await phone.tap('确认提请');
    await phone.waitForText('入户核查已超时，请乡镇督促。');
    expect(await phone.text()).toContain('待乡镇处理');
    expect(phone.errors).toEqual([]);

    const township = await preview.open('packages/oversight/pages/township/index', { caller: 'demo-township' });
    await township.waitForText('入户核查已超时，请乡镇督促。');
    await township.tap('处理这条提请');
    await township.fill('请写明核查结果和处理意见', '已电话督促秘书长今日入户。');
    await township.tap('确认处理');
    await township.waitForText('没有待处理的监督提请');
    expect(township.errors).toEqual([]);
  });

  it('R-OVS-5: the township verifies 王家村’s audit trail', async () => {
    const phone = await preview.open('packages/oversight/pages/audit/index', {
      caller: 'demo-township',
      query: { scopeId: 'soc-wangjia' },
    });
    await phone.waitForText('王家村救急难互助社');
    await phone.tap('核验');
    await phone.waitForText('完整，共');
    expect(await phone.text()).toMatch(/完整，共 \d+ 条/);
    expect(phone.errors).toEqual([]);
  });
});
