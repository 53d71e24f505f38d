/**
 * Issue 11 "Done when", in the browser preview: a villager the cloud has never seen (no user
 * record, no role) scans 王家村's notice-board code, lands on the society page, taps 申请救助 and
 * sends an application in three screens, not knowing the household category (R-ELIG-4); the
 * secretary then finds it in the queue (R-PROC-1). Applying granted the applicant role and no other.
 */
import { DEMO_CALLER_STORAGE_KEY } from '../../miniprogram/config';
import { makeIdNumber } from '../../miniprogram/domain/id-number';
import type { MyCaseView } from '../../miniprogram/domain/case';
import type { MeView } from '../../miniprogram/domain/society';
import { APPLY_NOTES } from '../../miniprogram/pages/society/view';
import { STEP_TITLES } from '../../miniprogram/pages/apply/view';
import { describeInChromium, startPreview, type PhonePage, type PreviewHarness } from './support/preview-harness';

const WANGJIA = 'soc-wangjia';
/** The scene token the demo seed's board code for 王家村 carries. */
const BOARD_SCENE = 'Wj7qDemoBoard2026';
const NEWCOMER = 'wx-newcomer-from-the-board';
const QUEUE = 'packages/officer/pages/cases/index';

jest.setTimeout(120_000);

describeInChromium('apply from anywhere (issue 11)', () => {
  let preview: PreviewHarness;

  beforeAll(async () => {
    preview = await startPreview();
  });

  afterAll(async () => {
    await preview?.close();
  });

  /** Waits for the page's own navigation to `pattern`. */
  async function arrivesAt(phone: PhonePage, pattern: RegExp): Promise<void> {
    const deadline = Date.now() + 15_000;
    while (!pattern.test(await phone.url()) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await phone.settled();
    expect(await phone.url()).toMatch(pattern);
  }

  /** The society page as a board-code scan opens it, for a caller outside the demo list. */
  async function scanBoardCodeAs(openid: string): Promise<PhonePage> {
    // The invitation page without a code makes no cloud call: the cheapest page to start from.
    const phone = await preview.open('pages/invite/index');
    await phone.page.evaluate(
      ([key, value]) => localStorage.setItem(key!, JSON.stringify(value)),
      [`wx:${DEMO_CALLER_STORAGE_KEY}`, openid],
    );
    // A new search makes it a new load of the frame; the frame takes ?caller= for demo callers only.
    await phone.page.goto(`${preview.url}/?as=${encodeURIComponent(openid)}#/pages/society/index?scene=${BOARD_SCENE}`);
    await phone.settled();
    return phone;
  }

  it('R-PROC-1, R-ELIG-4: a villager with no role applies from the board code in 3 screens; the secretary sees it', async () => {
    const before = await preview.call<MeView>('societies', { action: 'me' }, NEWCOMER);
    expect(before).toMatchObject({ ok: true, data: { userId: null, roles: [] } });

    const phone = await scanBoardCodeAs(NEWCOMER);
    await phone.waitForText('王家村救急难互助社');
    expect(await phone.text()).toContain(APPLY_NOTES.active);
    await phone.tap('申请救助');
    await arrivesAt(phone, new RegExp(`^pages/apply/index\\?societyId=${WANGJIA}$`));

    const screens: string[] = [];
    // Screen 1: what happened; 不清楚 the household category is no refusal.
    await phone.waitForText(STEP_TITLES[0]!);
    screens.push(STEP_TITLES[0]!);
    await phone.tap('意外事故');
    await phone.tap('不清楚，由村里核实');
    await phone.waitForText('可以申请，入户核实后确定救助类型');
    await phone.tap('下一步');

    // Screen 2: who needs help (the villager's own husband; she gives her name, being new).
    await phone.waitForText(STEP_TITLES[1]!);
    screens.push(STEP_TITLES[1]!);
    await phone.tap('配偶');
    await phone.fill('请输入姓名', '赵铁柱');
    await phone.fill('请输入您的姓名', '钱桂芝');
    await phone.fill('18 位身份证号码', makeIdNumber({ birthDate: '1968-08-12', sequence: 71 }));
    await phone.fill('请简单说明病情或事故经过、家里的困难', '丈夫上山砍柴摔伤，腰椎骨折住院');
    await phone.tap('下一步');

    // Screen 3: consent, then send.
    await phone.waitForText(STEP_TITLES[2]!);
    screens.push(STEP_TITLES[2]!);
    await phone.tap('我同意互助社按上述说明处理', { exact: false });
    await phone.tap('提交申请');

    await arrivesAt(phone, /^pages\/case\/index\?caseId=/);
    expect(screens).toHaveLength(3);
    const caseId = new URLSearchParams((await phone.url()).split('?')[1] ?? '').get('caseId') ?? '';
    await phone.waitForText('赵铁柱');
    expect(phone.errors).toEqual([]);
    expect(phone.externalRequests).toEqual([]);

    const mine = await preview.call<MyCaseView>('applications', { action: 'getMyCase', caseId }, NEWCOMER);
    expect(mine).toMatchObject({ ok: true, data: { state: 'submitted' } });
    const after = await preview.call<MeView>('societies', { action: 'me' }, NEWCOMER);
    if (!after.ok) throw new Error(after.error.message);
    expect(after.data.name).toBe('钱桂芝');
    expect(after.data.roles.map((grant) => [grant.role, grant.societyId])).toEqual([['applicant', WANGJIA]]);

    const queue = await preview.open(QUEUE, { caller: 'demo-secretary', query: { societyId: WANGJIA } });
    await queue.waitForText('赵铁柱');
    expect(queue.errors).toEqual([]);
  });
});
