/**
 * Issue #5 end to end in the browser preview: a paid relief becomes a masked public notice
 * (R-PROC-6, R-OVS-3), a resident objects and the officer answers, the notice leaves the public
 * page after 7 days but stays in the archive, the supervision committee browses everything and
 * changes nothing (R-OVS-2), and the audit chain shows where someone altered it (R-OVS-5).
 *
 * The tests share one stack and run in order: each says what it changes.
 */
import { COLLECTIONS } from '../../server/collections';
import type { AuditEventDoc } from '../../server/audit/trail';
import type { NoticeDoc, ObjectionDoc } from '../../server/notices/model';
import type { SocietyNoticePage } from '../../miniprogram/domain/notices';
import { footprint, payCase, LIUTANG, WANGJIA } from '../notices/support';
import { sealAll } from '../support/audit';
import type { TestBackend } from '../support/test-backend';
import { describeInChromium, startPreview, type PhonePage, type PreviewHarness } from './support/preview-harness';

const NOTICES = 'packages/officer/pages/notices/index';
const SOCIETY = 'pages/society/index';
const SUPERVISION = 'packages/oversight/pages/supervision/index';
const AUDIT = 'packages/oversight/pages/audit/index';

const FULL_NAME = '张秋华';
const MASKED = '张*华';
const PHONE_NUMBER = '13812345678';
const ILLNESS = '确诊尿毒症，需长期透析治疗';
/** Issue 12: generated from the recorded visit (2 visitors, the originals checked), never typed. */
const FINDING = '经2人入户核查，核验了户口簿、身份证原件，情况属实';
/** What the officer wrote at the visit: sealed, never on a notice. */
const VISIT_FINDINGS = '张秋华确诊尿毒症，每周透析三次，儿子在外打零工';
const WHO = `王家村第五村民小组 ${MASKED}`;
const TITLE = `${WHO} 应急救助 600元`;
const OBJECTION = '听说张家儿子在城里有稳定工作，请再核实一下家庭收入。';
const ANSWER = '经再次入户核查，其子务工收入不稳定，家庭医疗支出远超收入，符合救助条件。';

const ID_NUMBER = /\d{17}[\dXx]/;
const PHONE = /1[3-9]\d{9}/;
const ILLNESS_WORDS = /尿毒症|透析|确诊/; // the words of the case's description

jest.setTimeout(120_000);

/** The relief-cases and notices helpers of test/notices, over the stack's HTTP functions. */
function backendOf(preview: PreviewHarness): TestBackend {
  return { call: preview.call, ports: preview.stack.ports } as unknown as TestBackend;
}

/** Taps the button `label` inside the innermost card showing `text`. */
async function tapInCard(phone: PhonePage, text: string, label: string): Promise<void> {
  const card = phone.phone
    .locator('page:not([hidden]) wx-view')
    .filter({ hasText: text })
    .filter({ has: phone.phone.getByText(label, { exact: true }) })
    .last();
  await card.locator('wx-button').filter({ hasText: label }).first().click();
  await phone.settled();
}

/** Waits for `text` on the page on top (pages below it stay in the DOM, hidden). */
async function waitOnTop(phone: PhonePage, text: string): Promise<void> {
  await phone.phone
    .locator('page:not([hidden])')
    .getByText(text)
    .first()
    .waitFor({ state: 'visible', timeout: 10_000 });
}

function expectNoPersonalData(text: string): void {
  expect(text).not.toContain(FULL_NAME);
  expect(text).not.toMatch(ID_NUMBER);
  expect(text).not.toMatch(PHONE);
  expect(text).not.toMatch(ILLNESS_WORDS);
}

describeInChromium('public notices end to end in the browser preview (issue #5)', () => {
  let preview: PreviewHarness;
  let caseId = '';
  let noticeId = '';
  /** The audit page the supervisor opened in the read-only tour, verified again after the tampering. */
  let auditPhone: PhonePage | undefined;

  beforeAll(async () => {
    preview = await startPreview();
  });

  afterAll(async () => {
    await preview?.close();
  });

  async function storedNotice(): Promise<NoticeDoc | null> {
    return preview.stack.ports.store.get<NoticeDoc>(COLLECTIONS.notices, noticeId);
  }

  it('R-PROC-6, R-OVS-3: the secretary previews and publishes a paid relief; residents see it masked on 王家村’s page only (changes: pays and publishes a case)', async () => {
    caseId = await payCase(backendOf(preview), {
      name: FULL_NAME,
      phone: PHONE_NUMBER,
      cause: 'majorIllness',
      description: ILLNESS,
      originalsChecked: ['householdBook', 'idCard'],
      findings: VISIT_FINDINGS,
    });
    noticeId = `notice-${caseId}`;

    const officer = await preview.open(NOTICES, { caller: 'demo-secretary', query: { societyId: WANGJIA } });
    await officer.waitForText('发放后待公示');
    expect(await officer.text()).toContain(`${MASKED} 应急救助 现金 600元`);
    await tapInCard(officer, MASKED, '预览并发布公示');
    expect(await officer.url()).toBe(`packages/officer/pages/notice-publish/index?caseId=${caseId}`);
    // Issue 12: nothing to type; the notice is previewed from the case's facts at once.
    await officer.waitForText('村民小组（可不选）');
    await officer.waitForText(`救助对象：王家村 ${MASKED}`);
    expect(await officer.phone.locator('page:not([hidden]) textarea, page:not([hidden]) input').count()).toBe(0);

    await officer.tap('5组');
    await officer.waitForText('公示写为：第五村民小组');
    await officer.waitForText('内容已修改，请重新预览');
    await officer.tap('预览公示');
    await officer.waitForText(`救助对象：${WHO}`);
    await officer.waitForText('将要发布的内容（与公示完全一致）');
    const previewed = await officer.text();
    expect(previewed).not.toContain('内容已修改，请重新预览');
    for (const line of [
      `救助对象：${WHO}`,
      '救助类别：应急救助',
      '困难原因：因病',
      '救助形式和金额：现金 600元',
      '审批日期：2026年11月30日',
      `核查情况：${FINDING}`,
    ])
      expect(previewed).toContain(line);
    expectNoPersonalData(previewed);
    expect(previewed).not.toContain(VISIT_FINDINGS);
    expect(await storedNotice()).toBeNull(); // a preview publishes nothing

    await officer.tap('确认发布（公示 7 天）');
    await officer.waitForText('公示已发布');
    expect(await officer.text()).toContain('请把同样的内容打印张贴在村务公开栏');
    const stored = await storedNotice();
    expect(stored?.content.recipientMaskedName).toBe(MASKED);
    expect(JSON.stringify(stored?.content)).not.toContain(FULL_NAME);
    expect(officer.errors).toEqual([]);

    // An anonymous resident on 王家村's public page: masked name, group, amount, cause category.
    const [resident, other] = await Promise.all([
      preview.open(SOCIETY, { caller: 'demo-resident', query: { societyId: WANGJIA } }),
      preview.open(SOCIETY, { caller: 'demo-resident', query: { societyId: LIUTANG } }),
    ]);
    await resident.waitForText(WHO);
    const board = await resident.text();
    expect(board).toContain('600元');
    expect(board).toMatch(/应急救助 · 因病 · 11月30日 14:00 公示/);
    expectNoPersonalData(board);

    // On no other society's page.
    await other.waitForText('柳塘村救急难互助社');
    expect(await other.text()).not.toContain(MASKED);
    for (const societyId of [LIUTANG, 'soc-shiqiao', 'soc-baisha']) {
      const answer = await preview.call<SocietyNoticePage>('notices', { action: 'publicPage', societyId }, null);
      expect(answer.ok).toBe(true);
      expect(JSON.stringify(answer)).not.toContain(MASKED);
      expect(JSON.stringify(answer)).not.toContain(noticeId);
    }
    expect([...resident.errors, ...other.errors]).toEqual([]);
    expect(resident.externalRequests).toEqual([]);
  });

  it('R-OVS-3: a resident objects to the live notice; the officer answers from the to-do; the supervision committee sees both (changes: one objection, answered)', async () => {
    const resident = await preview.open(SOCIETY, { caller: 'demo-resident', query: { societyId: WANGJIA } });
    await resident.tap(WHO);
    expect(await resident.url()).toBe(`pages/notice/index?noticeId=${noticeId}`);
    await resident.waitForText(`核查情况：${FINDING}`);
    expectNoPersonalData(await resident.text());

    await resident.tap('提出异议');
    await resident.waitForText('对这条公示提出异议');
    await resident.fill('请写明您认为公示哪里不对，以及理由', OBJECTION);
    await resident.tap('提交异议');
    await resident.waitForText('异议已提交');
    const objections = await preview.stack.ports.store.find<ObjectionDoc>(COLLECTIONS.noticeObjections, {
      where: { noticeId },
    });
    expect(objections).toHaveLength(1);
    expect(objections[0]?.status).toBe('open');

    // Back on the notice: 有异议处理中.
    await resident.tap('返回公示');
    await waitOnTop(resident, '有异议处理中');
    expect(await resident.url()).toBe(`pages/notice/index?noticeId=${noticeId}`);
    expect(resident.errors).toEqual([]);

    // The secretary finds it on the notice to-do and answers it.
    const officer = await preview.open(NOTICES, { caller: 'demo-secretary', query: { societyId: WANGJIA } });
    await officer.waitForText(OBJECTION);
    expect(await officer.text()).toContain('待答复异议 2 条'); // the seeded one and this one
    await tapInCard(officer, OBJECTION, '答复异议');
    expect(await officer.url()).toMatch(/^packages\/officer\/pages\/objection-answer\/index\?objectionId=/);
    await waitOnTop(officer, OBJECTION);
    await officer.tap('异议不成立，已说明情况');
    await officer.fill('说明核查的情况和处理结果', ANSWER);
    await officer.tap('发出答复');
    await officer.waitForText('本条答复');
    expect(await officer.text()).toContain(ANSWER);
    expect(await officer.text()).not.toContain('发出答复');
    const answered = await preview.stack.ports.store.get<ObjectionDoc>(
      COLLECTIONS.noticeObjections,
      objections[0]!._id,
    );
    expect(answered?.status).toBe('answered');
    expect(answered?.answer).toMatchObject({ text: ANSWER, outcome: 'notUpheld' });
    expect(officer.errors).toEqual([]);

    // The supervision committee reads the objection and its answer.
    const supervisor = await preview.open(SUPERVISION, { caller: 'demo-supervisor', query: { societyId: WANGJIA } });
    await supervisor.waitForText('办理经过');
    await supervisor.tap('异议');
    await supervisor.waitForText(OBJECTION);
    expect(await supervisor.text()).toContain(`答复：${ANSWER}`);
    expect(supervisor.errors).toEqual([]);
  });

  it('R-OVS-3: the resident opens 我的异议 from home and reads the answer; the seeded objection still waits, with its deadline (changes: nothing)', async () => {
    const home = await preview.open('pages/home/index', { caller: 'demo-resident' });
    await home.waitForText('我的异议');
    await home.tap('我的异议');
    expect(await home.url()).toBe('pages/my-objections/index');
    await waitOnTop(home, OBJECTION);
    const mine = await home.text();
    expect(mine).toContain(TITLE);
    expect(mine).toContain('互助社答复：异议不成立，已说明情况');
    expect(mine).toContain(ANSWER);
    expect(mine).toMatch(/2026年11月30日 \d\d:\d\d 答复/);
    // The seeded objection to the house-fire notice is still open: its deadline shows.
    expect(mine).toContain('王家村第三村民小组 陈*山 应急救助 1000元');
    expect(mine).toMatch(/互助社答复截止 12月\d+日 \d\d:\d\d，剩余/);
    expectNoPersonalData(mine);

    // Newest first: from this answer back to the notice it was about, which links to 我的异议 again.
    await home.tap('查看公示 ›');
    expect(await home.url()).toBe(`pages/notice/index?noticeId=${noticeId}`);
    await waitOnTop(home, '您对这条公示提出过 1 条异议，1 条已答复');
    expect(await home.text()).toContain('查看我的异议和答复');
    expect(home.errors).toEqual([]);
  });

  it('R-PROC-6: 7 days after publication the notice is gone from the public page and kept in the archive (changes: the clock)', async () => {
    const publishedAt = (await storedNotice())!.publishedAt;
    preview.clock.set(new Date(Date.parse(publishedAt) + 7 * 86_400_000 + 60_000).toISOString());

    const [resident, officer] = await Promise.all([
      preview.open(SOCIETY, { caller: 'demo-resident', query: { societyId: WANGJIA } }),
      preview.open(NOTICES, { caller: 'demo-secretary', query: { societyId: WANGJIA } }),
    ]);
    await resident.waitForText('救助公示');
    expect(await resident.text()).not.toContain(MASKED);
    const live = await preview.call<SocietyNoticePage>('notices', { action: 'publicPage', societyId: WANGJIA }, null);
    expect(live.ok && live.data.liveNotices.map((item) => item.id)).not.toContain(noticeId);

    await officer.tap('已存档');
    await officer.waitForText(TITLE);
    expect(await officer.text()).toContain('公示期满，已存档');
    expect([...resident.errors, ...officer.errors]).toEqual([]);
  });

  it('R-OVS-2: the supervisor browses cases, ledger, notices, objections, a case sheet and the audit trail and changes nothing', async () => {
    // Events the earlier tests appended are chained first: a reader of the trail seals what is pending.
    await sealAll(backendOf(preview).ports.store);
    const before = await footprint(backendOf(preview));

    const supervisor = await preview.open(SUPERVISION, { caller: 'demo-supervisor', query: { societyId: WANGJIA } });
    await supervisor.waitForText('办理经过');
    expect(await supervisor.text()).toContain(FULL_NAME); // the committee reads the case itself
    await supervisor.tap('台账');
    await supervisor.waitForText('-¥600.00');
    await supervisor.tap('公示');
    await supervisor.waitForText(TITLE);
    expect(await supervisor.text()).toContain(`核查情况：${FINDING}`);
    await supervisor.tap('异议');
    await supervisor.waitForText(OBJECTION);
    await supervisor.tap('提请');
    await supervisor.tap('案件');
    await supervisor.tap(FULL_NAME, { exact: false });
    expect(await supervisor.url()).toBe(`packages/oversight/pages/case-sheet/index?caseId=${caseId}`);
    await waitOnTop(supervisor, `核查情况：${FINDING}`);
    expect(supervisor.errors).toEqual([]);

    const audit = await preview.open(AUDIT, { caller: 'demo-supervisor', query: { scopeId: WANGJIA } });
    auditPhone = audit;
    await audit.waitForText('王家村救急难互助社');
    await audit.tap('核验');
    await audit.waitForText('完整，共');
    expect(audit.errors).toEqual([]);

    expect(await footprint(backendOf(preview))).toEqual(before);
  });

  it('R-OVS-5: 核验 says 王家村’s chain is whole; after one event is altered in the store it names where it first breaks (changes: tampers, then restores, one audit event)', async () => {
    const { store } = preview.stack.ports;
    const audit = auditPhone ?? (await preview.open(AUDIT, { caller: 'demo-supervisor', query: { scopeId: WANGJIA } }));
    await audit.tap('核验');
    await audit.waitForText('完整，共');
    const total = (
      await store.find<AuditEventDoc>(COLLECTIONS.auditEvents, { where: { scopeId: WANGJIA }, limit: 10_000 })
    ).length;
    expect(await audit.text()).toContain(`完整，共 ${total} 条`);

    // Someone edits this story's publication event directly in the database.
    const target = (
      await store.find<AuditEventDoc>(COLLECTIONS.auditEvents, {
        where: { scopeId: WANGJIA, target: `${COLLECTIONS.notices}/${noticeId}` },
        orderBy: [['seq', 'asc']],
        limit: 1,
      })
    )[0]!;
    expect(target.action).toBe('notice.publish');
    await store.transaction((tx) => tx.set(COLLECTIONS.auditEvents, { ...target, at: '2026-11-01T00:00:00.000Z' }));
    try {
      await audit.tap('核验');
      await audit.waitForText(`第 ${target.seq} 条起被改动`);
      expect(await audit.text()).not.toContain('完整，共');
      expect(audit.errors).toEqual([]);
    } finally {
      await store.transaction((tx) => tx.set(COLLECTIONS.auditEvents, target));
    }
  });
});
