/**
 * Notices through the real `notices` function (and the relief-cases functions for the payouts),
 * as the demo callers: a paid relief → a masked notice on its own society's page and on no
 * other, 7 days live then only in the archive, objections that reach the officer and the
 * supervision committee, and everything a caller can get wrong refused with nothing written.
 */
import { uploaded } from '../support/uploads';
import { COLLECTIONS } from '../../server/collections';
import type { AuditEventDoc } from '../../server/audit/trail';
import { createTestBackend, type TestBackend } from '../support/test-backend';
import { LOCAL_NOTICE_SERVICES, LOCAL_REFUSED_WORDS } from '../../server/notices/services';
import type { CaseDoc } from '../../server/cases/model';
import type { ObjectionDoc } from '../../server/notices/model';
import type {
  ArchivedNoticeView,
  BoardPoster,
  MyObjectionView,
  NoticePreview,
  ObjectionView,
  OfficerNoticeView,
  OfficerTodo,
  PublicNoticeView,
  PublishResult,
  RaiseObjectionResult,
  SceneTarget,
  SocietyNoticePage,
} from '../../miniprogram/domain/notices';
import type { SupervisionOverview } from '../../miniprogram/domain/oversight';
import { TODO_PAGE } from '../../server/notices/publish';
import { api, footprint, newIdNumber, payCase, LIUTANG, WANGJIA } from './support';
import { CONSENT_TEXT_VERSION } from '../../miniprogram/domain/relief';
import type { LedgerEntryDoc } from '../../server/ledger/ledger';
import { WITHHELD_RECIPIENT_TEXT } from '../../server/reports/statement';
import { DEMO_PLEDGE_ID } from '../../server/seed/demo-funds';
import type { FundEntriesPage, MyPledgeView } from '../../miniprogram/domain/funds';
import { unseal } from '../../server/cases/pii';
import { addLiutangSecretary } from '../support/people';
import { keepAllDigests } from '../../server/oversight/digest';

const DAY = 86_400_000;
/** The board photo attached in one test and found in the archive in a later one. */
let boardPhotoId = '';

describe('a paid relief becomes a masked notice on its own society page (R-PROC-6, R-OVS-3)', () => {
  let backend: TestBackend;
  let call: ReturnType<typeof api>;
  let caseId: string;
  let noticeId: string;
  let publishedAt: string;
  const finding = '经2人入户核查，核验了户口簿、身份证原件，情况属实';

  beforeAll(async () => {
    backend = await createTestBackend();
    call = api(backend);
    caseId = await payCase(backend, {
      name: '赵丽华',
      phone: '13912345678',
      description: '丈夫尿毒症，每周三次透析，医疗费用支出大',
      amountFen: 600_00,
      originalsChecked: ['idCard', 'householdBook'],
      findings: '赵丽华丈夫尿毒症晚期，每周透析三次，电话13912345678',
    });
  });
  afterAll(() => backend.close());

  it('lists the paid case on the officer to-do, not yet published', async () => {
    const todo = await call.notices.ok<OfficerTodo>('officerTodo', { societyId: WANGJIA }, 'demo-secretary');
    expect(todo.unpublished.map((item) => item.caseId)).toEqual([caseId]);
    expect(todo.unpublished[0]).toMatchObject({ maskedName: '赵*华', amountText: '600元', consentWithheld: false });
  });

  it('R-PROC-6: the preview shows exactly what will be published, masked, and writes nothing', async () => {
    const before = await footprint(backend);
    const preview = await call.notices.ok<NoticePreview>(
      'previewNotice',
      { caseId, villageGroupNo: 3 },
      'demo-secretary',
    );
    expect(await footprint(backend)).toEqual(before);
    expect(preview.alreadyPublished).toBe(false);
    expect(preview.notice.content).toEqual({
      societyName: '王家村救急难互助社',
      villageName: '王家村',
      reliefType: 'emergency',
      reliefTypeLabel: '应急救助',
      causeCategory: 'illness',
      causeCategoryLabel: '因病',
      form: 'cash',
      formLabel: '现金',
      amountFen: 600_00,
      amountText: '600元',
      decisionDate: '2026-11-30',
      checkFinding: finding,
      recipientMaskedName: '赵*华',
      villageGroup: '第三村民小组',
      anonymised: false,
    });
    // Issue 12: only the structured parts, exactly; the visit's own findings stay sealed.
    expect(preview.notice.lines).toEqual([
      '救助对象：王家村第三村民小组 赵*华',
      '救助类别：应急救助',
      '困难原因：因病',
      '救助形式和金额：现金 600元',
      '审批日期：2026年11月30日',
      '核查情况：经2人入户核查，核验了户口簿、身份证原件，情况属实',
    ]);
    const text = JSON.stringify(preview);
    for (const secret of ['赵丽华', '13912345678', '尿毒症', '透析', '刘芳', '王建军'])
      expect(text).not.toContain(secret);
  });

  it('R-PROC-6: publishing stores what the preview showed, once, with an audit event', async () => {
    const preview = await call.notices.ok<NoticePreview>(
      'previewNotice',
      { caseId, villageGroupNo: 3 },
      'demo-secretary',
    );
    const published = await call.notices.ok<PublishResult>(
      'publishNotice',
      { caseId, villageGroupNo: 3 },
      'demo-secretary',
    );
    expect(published.replayed).toBe(false);
    expect(published.notice.content).toEqual(preview.notice.content);
    expect(published.notice.lines).toEqual(preview.notice.lines);
    noticeId = published.notice.id;
    publishedAt = published.notice.publishedAt;
    expect(noticeId).toBe(`notice-${caseId}`);
    expect(published.notice.endsAt).toBe(new Date(Date.parse(publishedAt) + 7 * DAY).toISOString());

    const before = await footprint(backend);
    const again = await call.notices.ok<PublishResult>(
      'publishNotice',
      { caseId, villageGroupNo: 3 },
      'demo-president',
    );
    expect(again).toMatchObject({ replayed: true, notice: { id: noticeId, publishedAt } });
    const changed = await call.notices.refused('publishNotice', { caseId, villageGroupNo: 4 }, 'demo-secretary');
    expect(changed.code).toBe('DUPLICATE');
    expect(await footprint(backend)).toEqual(before);
    const audit = await backend.ports.store.find<AuditEventDoc>(COLLECTIONS.auditEvents, {
      where: { scopeId: WANGJIA, target: `notices/${noticeId}` },
    });
    expect(audit.map((event) => event.action)).toEqual(['notice.publish']);
  });

  it('shows the notice on its society page to anyone, and on no other society page', async () => {
    const page = await call.notices.ok<SocietyNoticePage>('publicPage', { societyId: WANGJIA }, null);
    const mine = page.liveNotices.find((notice) => notice.id === noticeId)!;
    expect(mine.lines).toEqual([
      '救助对象：王家村第三村民小组 赵*华',
      '救助类别：应急救助',
      '困难原因：因病',
      '救助形式和金额：现金 600元',
      '审批日期：2026年11月30日',
      `核查情况：${finding}`,
    ]);
    expect(mine).toMatchObject({ status: 'live', canObject: true, objectionPending: false, postedOnPaper: false });
    for (const other of [LIUTANG, 'soc-shiqiao', 'soc-baisha']) {
      const elsewhere = await call.notices.ok<SocietyNoticePage>('publicPage', { societyId: other }, 'demo-resident');
      expect(elsewhere.liveNotices.map((notice) => notice.id)).not.toContain(noticeId);
      expect(JSON.stringify(elsewhere)).not.toContain('赵*华');
    }
    const single = await call.notices.ok<PublicNoticeView>('getNotice', { noticeId }, 'o-stranger-from-a-qr-code');
    expect(single.content.recipientMaskedName).toBe('赵*华');
  });

  it('R-OVS-3: the page carries the society 三公开 and this year totals from the ledger', async () => {
    const page = await call.notices.ok<SocietyNoticePage>('publicPage', { societyId: WANGJIA }, null);
    expect(page.sanGongKai.recipients.items).toHaveLength(4);
    expect(page.sanGongKai.standards.caps.map((cap) => cap.text)).toEqual([
      '补充救助每人次最多 500元',
      '应急救助每人次最多 1000元',
    ]);
    expect(page.sanGongKai.standards.tiers[1]!.items.map((tier) => tier.text)).toContain('二档（较重困难）：600元');
    const limits = page.sanGongKai.procedure.steps.map((step) => step.timeLimit);
    expect(limits).toEqual(
      expect.arrayContaining(['受理后 1 个工作日内', '批准后 1 个工作日内', '7 天', '3 个工作日内答复']),
    );
    // Seed: 300 + 500 supplementary, 1,000 emergency; this test paid 600 emergency.
    expect(page.totals).toMatchObject({ year: 2026, count: 4, amountFen: 2_400_00 });
    expect(page.totals.text).toBe('2026年已救助 4 人次，共 2400元（补充救助 2 人次 800元，应急救助 2 人次 1600元）');
  });

  it('counts as posted on paper once an officer attaches the board photo', async () => {
    let todo = await call.notices.ok<OfficerTodo>('officerTodo', { societyId: WANGJIA }, 'demo-secretary');
    expect(todo.unpublished).toEqual([]);
    expect(todo.notPostedOnPaper.map((notice) => notice.id)).toContain(noticeId);
    boardPhotoId = await uploaded(backend, 'demo-secretary', { kind: 'boards', societyId: WANGJIA });
    const photo = await call.notices.ok<OfficerNoticeView>(
      'attachBoardPhoto',
      { noticeId, fileId: boardPhotoId },
      'demo-secretary',
    );
    expect(photo).toMatchObject({
      postedOnPaper: true,
      boardPhoto: { fileId: boardPhotoId, byName: '刘芳' },
    });
    todo = await call.notices.ok<OfficerTodo>('officerTodo', { societyId: WANGJIA }, 'demo-secretary');
    expect(todo.notPostedOnPaper.map((notice) => notice.id)).not.toContain(noticeId);
    const page = await call.notices.ok<SocietyNoticePage>('publicPage', { societyId: WANGJIA }, null);
    const shown = page.liveNotices.find((notice) => notice.id === noticeId)!;
    expect(shown.postedOnPaper).toBe(true);
    // The photo itself stays in the archive, off the public page.
    expect(JSON.stringify(page)).not.toContain('board-photo-1');
  });

  it('an objection reaches the officer and the supervision committee, and the notice shows 有异议处理中', async () => {
    const raised = await call.notices.ok<RaiseObjectionResult>(
      'raiseObjection',
      {
        requestId: 'objection-0001',
        noticeId,
        text: '她家儿子在城里开店，条件不差，请再核实。',
        contact: '村东头老李',
      },
      'o-stranger-from-a-qr-code',
    );
    // Monday 14:00 + 3 working days = Thursday 14:00 (Beijing).
    expect(raised).toMatchObject({ dueAt: '2026-12-03T06:00:00.000Z', replayed: false });
    const retried = await call.notices.ok<RaiseObjectionResult>(
      'raiseObjection',
      {
        requestId: 'objection-0001',
        noticeId,
        text: '她家儿子在城里开店，条件不差，请再核实。',
        contact: '村东头老李',
      },
      'o-stranger-from-a-qr-code',
    );
    expect(retried).toMatchObject({ objectionId: raised.objectionId, replayed: true });

    const page = await call.notices.ok<SocietyNoticePage>('publicPage', { societyId: WANGJIA }, null);
    const shown = page.liveNotices.find((notice) => notice.id === noticeId)!;
    expect(shown).toMatchObject({ objectionPending: true, objectionLabel: '有异议处理中' });
    expect(JSON.stringify(page)).not.toContain('开店');

    const todo = await call.notices.ok<OfficerTodo>('officerTodo', { societyId: WANGJIA }, 'demo-secretary');
    const forOfficer = todo.openObjections.find((item) => item.id === raised.objectionId)!;
    expect(forOfficer).toMatchObject({
      contact: '村东头老李',
      noticeTitle: '王家村第三村民小组 赵*华 应急救助 600元',
      overdue: false,
    });
    expect(JSON.stringify(forOfficer)).not.toContain('o-stranger');

    const forSupervisor = await call.notices.ok<{ items: ObjectionView[] }>(
      'listObjections',
      { societyId: WANGJIA },
      'demo-supervisor',
    );
    expect(forSupervisor.items.find((item) => item.id === raised.objectionId)).toMatchObject({
      text: '她家儿子在城里开店，条件不差，请再核实。',
      contact: '村东头老李',
      status: 'open',
    });
    const forTownship = await call.notices.ok<{ items: ObjectionView[] }>(
      'listObjections',
      { societyId: WANGJIA, status: 'open' },
      'demo-township',
    );
    expect(forTownship.items.find((item) => item.id === raised.objectionId)).toMatchObject({ contact: null });
  });

  it('the officer answers once; the answer is kept and the raiser sees it', async () => {
    const objectionId = 'obj-objection-0001';
    const answered = await call.notices.ok<ObjectionView>(
      'answerObjection',
      { objectionId, answer: '经再次入户核实，其子已分户另过，未共同生活，救助符合规定。', outcome: 'notUpheld' },
      'demo-secretary',
    );
    expect(answered).toMatchObject({
      status: 'answered',
      answer: { outcome: 'notUpheld', byName: '刘芳', late: false },
    });
    const twice = await call.notices.refused(
      'answerObjection',
      { objectionId, answer: '改一下答复', outcome: 'upheld' },
      'demo-president',
    );
    expect(twice.code).toBe('INVALID_STATE');
    const page = await call.notices.ok<SocietyNoticePage>('publicPage', { societyId: WANGJIA }, null);
    expect(page.liveNotices.find((notice) => notice.id === noticeId)!.objectionPending).toBe(false);
    const mine = await call.notices.ok<{ items: MyObjectionView[] }>('myObjections', {}, 'o-stranger-from-a-qr-code');
    expect(mine.items).toEqual([
      expect.objectContaining({
        id: objectionId,
        status: 'answered',
        answer: expect.objectContaining({ outcomeLabel: '异议不成立，已说明情况' }),
      }),
    ]);
    const supervisor = await call.notices.ok<{ items: ObjectionView[] }>(
      'listObjections',
      { societyId: WANGJIA, noticeId },
      'demo-supervisor',
    );
    expect(supervisor.items.map((item) => item.answer?.text)).toEqual([
      '经再次入户核实，其子已分户另过，未共同生活，救助符合规定。',
    ]);
  });

  it('R-PROC-6: 7 days after publication the notice leaves the public page and stays in the archive', async () => {
    backend.ports.clock.set(new Date(Date.parse(publishedAt) + 7 * DAY - 1));
    let page = await call.notices.ok<SocietyNoticePage>('publicPage', { societyId: WANGJIA }, null);
    expect(page.liveNotices.map((notice) => notice.id)).toContain(noticeId);

    backend.ports.clock.set(new Date(Date.parse(publishedAt) + 7 * DAY));
    page = await call.notices.ok<SocietyNoticePage>('publicPage', { societyId: WANGJIA }, null);
    expect(page.liveNotices.map((notice) => notice.id)).not.toContain(noticeId);
    expect(await call.notices.refused('getNotice', { noticeId }, 'o-stranger-from-a-qr-code')).toMatchObject({
      code: 'NOT_FOUND',
      message: '这条公示已过公示期',
    });
    const late = await call.notices.refused(
      'raiseObjection',
      { requestId: 'objection-late-01', noticeId, text: '还有异议' },
      'demo-resident',
    );
    expect(late.code).toBe('INVALID_STATE');

    for (const reader of ['demo-member', 'demo-supervisor', 'demo-township', 'demo-county']) {
      const archive = await call.notices.ok<{ items: ArchivedNoticeView[] }>(
        'archive',
        { societyId: WANGJIA, filter: 'archived' },
        reader,
      );
      const kept = archive.items.find((notice) => notice.id === noticeId);
      expect(kept).toMatchObject({
        status: 'archived',
        boardPhotoFileId: boardPhotoId,
        objectionCount: 1,
      });
      expect(await call.notices.ok<PublicNoticeView>('getNotice', { noticeId }, reader)).toMatchObject({
        status: 'archived',
      });
    }
    for (const outsider of ['demo-resident', 'demo-donor', 'demo-applicant', null]) {
      expect((await call.notices.refused('archive', { societyId: WANGJIA }, outsider)).code).toMatch(
        /FORBIDDEN|UNAUTHENTICATED/,
      );
    }
  });
});

describe('consent, input and access rules of publication', () => {
  let backend: TestBackend;
  let call: ReturnType<typeof api>;

  beforeAll(async () => {
    backend = await createTestBackend();
    call = api(backend);
  });
  afterAll(() => backend.close());

  it('a recipient who withheld consent gets an anonymised entry (category + amount) and the officer is told', async () => {
    // Intake takes a withheld notice consent and records it (processing is the one it needs).
    const caseId = await payCase(backend, {
      name: '钱桂英',
      supplementary: true,
      amountFen: 300_00,
      consentToNotice: false,
    });
    expect((await backend.ports.store.get<CaseDoc>(COLLECTIONS.cases, caseId))?.consent.publicNotice).toBe(false);
    const todo = await call.notices.ok<OfficerTodo>('officerTodo', { societyId: WANGJIA }, 'demo-secretary');
    expect(todo.unpublished.find((item) => item.caseId === caseId)).toMatchObject({ consentWithheld: true });
    const preview = await call.notices.ok<NoticePreview>('previewNotice', { caseId }, 'demo-secretary');
    expect(preview.consentWithheld).toBe(true);
    expect(preview.messages[0]).toContain('只显示救助类别和金额');
    const published = await call.notices.ok<PublishResult>('publishNotice', { caseId }, 'demo-secretary');
    expect(published.notice.content).toMatchObject({
      anonymised: true,
      reliefTypeLabel: '补充救助',
      amountText: '300元',
      recipientMaskedName: null,
      villageGroup: null,
      causeCategory: null,
      checkFinding: null,
      decisionDate: null,
    });
    expect(published.notice.lines).toEqual([
      '救助类别：补充救助',
      '金额：300元',
      '救助对象未同意公开姓名等信息，本条只公示救助类别和金额',
    ]);
    expect(published).toMatchObject({ consentWithheld: true, messages: [expect.stringContaining('未同意公示')] });
    expect(JSON.stringify(await call.notices.ok('publicPage', { societyId: WANGJIA }, null))).not.toContain('钱*英');
  });

  it('a recipient who withheld consent is not named, masked or not, to members or donors either', async () => {
    // The donor's gift arrives first, so the payout counts as relief paid since it.
    await call.ok(
      'pledges',
      'confirmReceipt',
      { pledgeId: DEMO_PLEDGE_ID, entryId: 'entry-privacy-gift', slip: '回单 P' },
      'demo-secretary',
    );
    const caseId = await payCase(backend, {
      name: '钱玉梅',
      supplementary: true,
      amountFen: 200_00,
      consentToNotice: false,
    });
    const agreed = await payCase(backend, { name: '周明亮' });
    const entry = await backend.ports.store.get<LedgerEntryDoc>(COLLECTIONS.ledgerEntries, `payout-${caseId}`);
    // The name is sealed at rest (issue 12 Keys) and marked anonymous.
    expect(entry?.counterparty).toEqual({ name: expect.stringMatching(/^v2:/), anonymous: true });
    expect(unseal(entry!.counterparty!.name)).toBe('钱玉梅');

    const entries = await call.ok<FundEntriesPage>(
      'funds',
      'fundEntries',
      { societyId: WANGJIA, from: '2026-01', to: '2026-12', limit: 50 },
      'demo-member',
    );
    const mine = await call.ok<{ items: MyPledgeView[] }>('pledges', 'myPledges', {}, 'demo-donor');
    const report = await call.ok('funds', 'fundReport', { societyId: WANGJIA }, 'demo-member');
    for (const body of [entries, mine, report].map((answer) => JSON.stringify(answer))) {
      expect(body).not.toContain('钱*梅');
      expect(body).not.toContain('钱玉梅');
    }
    expect(entries.items.find((item) => item.id === `payout-${caseId}`)?.party).toBe(WITHHELD_RECIPIENT_TEXT);
    expect(mine.items[0]?.reliefSince?.recent.map((line) => line.party)).toContain(WITHHELD_RECIPIENT_TEXT);
    // A recipient who agreed is still shown masked.
    expect(entries.items.find((item) => item.id === `payout-${agreed}`)?.party).toBe('周*亮');
  });

  it('issue 12: a payload with any free text (an old page’s finding or group) is refused and writes nothing', async () => {
    const caseId = await payCase(backend, { name: '孙建国' });
    const before = await footprint(backend);
    const payloads: Array<Record<string, unknown>> = [
      { checkFinding: '经入户核查情况属实' },
      { checkFinding: '' },
      { checkFinding: '经入户核查情况属实', villageGroupNo: 3 },
      { villageGroup: '三组' },
      { villageGroup: null },
      { villageGroupNo: '三组' },
      { villageGroupNo: 0 },
      { villageGroupNo: 31 },
      { villageGroupNo: 2.5 },
      { note: '孙建国家庭困难' },
    ];
    for (const action of ['publishNotice', 'previewNotice']) {
      for (const payload of payloads) {
        const refused = await call.notices.refused(action, { caseId, ...payload }, 'demo-secretary');
        expect(refused.code).toBe('BAD_REQUEST');
        expect(refused.message).not.toContain('孙建国');
      }
    }
    expect(await footprint(backend)).toEqual(before);
    // The same case publishes with the structured choice only.
    const published = await call.notices.ok<PublishResult>(
      'publishNotice',
      { caseId, villageGroupNo: 12 },
      'demo-secretary',
    );
    expect(published.notice.lines[0]).toBe('救助对象：王家村第十二村民小组 孙*国');
    expect(published.notice.lines.at(-1)).toBe('核查情况：经2人入户核查，情况属实');
  });

  it('R-PROC-5: 先行救助 before its visit is filed says so; once filed, the line comes from the visit', async () => {
    const opened = await call.ok<{ id: string }>(
      'approvals',
      'openDiscovery',
      {
        requestId: 'disc-notice-first',
        societyId: WANGJIA,
        person: { name: '冯德明', idNumber: newIdNumber(), phone: null },
        hukou: 'beneficiary',
        cause: 'accident',
        description: '夜间房屋失火，冯德明烧伤住院',
        assistance: [],
        category: 'expenditureHardship',
        livingAtRisk: true,
        discoveredHow: '村民报告',
        consent: { processing: true, publicNotice: true, textVersion: CONSENT_TEXT_VERSION, method: 'signed' },
      },
      'demo-secretary',
    );
    const caseId = opened.id;
    await call.ok(
      'approvals',
      'reliefFirst',
      {
        caseId,
        requestId: 'first-notice-1',
        method: 'cash',
        amountFen: 1_000_00,
        tierId: 'e3',
        urgency: '冯德明烧伤住院，一家人当晚无处安身',
      },
      'demo-secretary',
    );
    const before = await call.notices.ok<NoticePreview>('previewNotice', { caseId }, 'demo-secretary');
    expect(before.notice.lines).toEqual([
      '救助对象：王家村 冯*明',
      '救助类别：应急救助',
      '困难原因：因意外',
      '救助形式和金额：现金 1000元',
      '审批日期：2026年11月30日',
      '核查情况：先行救助，入户核查待补办',
    ]);

    await call.ok(
      'approvals',
      'recordVisit',
      {
        caseId,
        visitedAt: '2026-11-30T10:30:00+08:00',
        visitors: [{ name: '刘芳', userId: 'u-liufang' }, { name: '王建军' }, { name: '冯大' }],
        findings: '冯德明二度烧伤，住院治疗，房屋两间过火',
        originalsChecked: ['householdBook'],
        opinion: { recommend: 'grant', form: 'cash', amountFen: 1_000_00, tierId: 'e3', reason: '情况属实' },
      },
      'demo-secretary',
    );
    const after = await call.notices.ok<NoticePreview>(
      'previewNotice',
      { caseId, villageGroupNo: 7 },
      'demo-secretary',
    );
    expect(after.notice.lines[0]).toBe('救助对象：王家村第七村民小组 冯*明');
    expect(after.notice.lines.at(-1)).toBe('核查情况：经3人入户核查，核验了户口簿原件，情况属实');
    const text = JSON.stringify([before, after]);
    for (const secret of ['冯德明', '烧伤', '住院', '无处安身', '冯大']) expect(text).not.toContain(secret);
  });

  it('only the society officers publish; unpaid, unknown and recused cases are refused, writing nothing', async () => {
    const caseId = await payCase(backend, { name: '周海燕' });
    const before = await footprint(backend);
    const input = { caseId };
    for (const openid of ['demo-supervisor', 'demo-member', 'demo-resident', 'demo-township', 'demo-county', null]) {
      expect((await call.notices.refused('publishNotice', input, openid)).code).toMatch(/FORBIDDEN|UNAUTHENTICATED/);
      expect((await call.notices.refused('previewNotice', input, openid)).code).toMatch(/FORBIDDEN|UNAUTHENTICATED/);
    }
    // demo-case-04 is accepted, waiting for its visit: not paid.
    expect(await call.notices.refused('publishNotice', { caseId: 'demo-case-04' }, 'demo-secretary')).toMatchObject({
      code: 'INVALID_STATE',
      message: '救助发放之后才能公示',
    });
    expect((await call.notices.refused('publishNotice', { caseId: 'case-nope' }, 'demo-secretary')).code).toBe(
      'NOT_FOUND',
    );
    // The president's own household: he stays out of it.
    await backend.ports.store.transaction(async (tx) => {
      const doc = (await tx.get<CaseDoc>(COLLECTIONS.cases, caseId))!;
      await tx.set(COLLECTIONS.cases, { ...doc, householdId: 'hh-wangjia-wang-jianguo' });
    });
    expect(await call.notices.refused('publishNotice', input, 'demo-president')).toMatchObject({
      code: 'FORBIDDEN',
      message: expect.stringContaining('回避'),
    });
    const after = await footprint(backend);
    expect({ ...after, cases: before.cases }).toEqual(before);
  });

  it('an officer of one society cannot publish, photograph or answer for another', async () => {
    // A secretary for 柳塘村, and a notice of 王家村.
    await addLiutangSecretary(backend.ports.store);
    const before = await footprint(backend);
    const caseId = 'demo-case-03';
    expect((await call.notices.refused('publishNotice', { caseId }, 'lt-secretary')).code).toBe('FORBIDDEN');
    expect(
      (
        await call.notices.refused(
          'attachBoardPhoto',
          { noticeId: 'notice-demo-case-03', fileId: 'local:x/y.jpg' },
          'lt-secretary',
        )
      ).code,
    ).toBe('FORBIDDEN');
    expect(
      (
        await call.notices.refused(
          'answerObjection',
          { objectionId: 'obj-seed-objection-demo-case-03', answer: '不是我们社的', outcome: 'notUpheld' },
          'lt-secretary',
        )
      ).code,
    ).toBe('FORBIDDEN');
    expect((await call.notices.refused('officerTodo', { societyId: WANGJIA }, 'lt-secretary')).code).toBe('FORBIDDEN');
    expect((await call.notices.refused('listObjections', { societyId: WANGJIA }, 'lt-secretary')).code).toBe(
      'FORBIDDEN',
    );
    expect((await call.notices.refused('boardPoster', { societyId: WANGJIA }, 'lt-secretary')).code).toBe('FORBIDDEN');
    expect(await footprint(backend)).toEqual(before);
  });
});

describe('objections: working-day deadlines, the content check, limits', () => {
  let backend: TestBackend;
  let call: ReturnType<typeof api>;
  const noticeId = 'notice-demo-case-03';

  beforeAll(async () => {
    backend = await createTestBackend();
    call = api(backend);
  });
  afterAll(() => backend.close());

  it('the seed objection is open and overdue after its 3 working days', async () => {
    let list = await call.notices.ok<{ items: ObjectionView[] }>(
      'listObjections',
      { societyId: WANGJIA },
      'demo-president',
    );
    // Raised Monday 09:10; due Thursday 09:10.
    expect(list.items[0]).toMatchObject({ dueAt: '2026-12-03T01:10:00.000Z', overdue: false, status: 'open' });
    backend.ports.clock.set('2026-12-03T09:11:00+08:00');
    list = await call.notices.ok<{ items: ObjectionView[] }>(
      'listObjections',
      { societyId: WANGJIA },
      'demo-president',
    );
    expect(list.items[0]).toMatchObject({ overdue: true });
    expect(list.items[0]!.dueText).toContain('已超时');
    const todo = await call.notices.ok<OfficerTodo>('officerTodo', { societyId: WANGJIA }, 'demo-secretary');
    expect(todo.overdueObjections).toBe(1);
    backend.ports.clock.set('2026-11-30T14:00:00+08:00');
  });

  it('the president sets the working days to answer; a new objection takes them (a weekend skipped)', async () => {
    await call.notices.ok('setSettings', { societyId: WANGJIA, objectionAnswerDays: 5 }, 'demo-president');
    expect(
      (await call.notices.refused('setSettings', { societyId: WANGJIA, objectionAnswerDays: 5 }, 'demo-secretary'))
        .code,
    ).toBe('FORBIDDEN');
    expect(
      (await call.notices.refused('setSettings', { societyId: WANGJIA, objectionAnswerDays: 0 }, 'demo-president'))
        .code,
    ).toBe('BAD_REQUEST');
    const raised = await call.notices.ok<RaiseObjectionResult>(
      'raiseObjection',
      { requestId: 'objection-five-days', noticeId, text: '金额偏高' },
      'demo-member',
    );
    // Monday 14:00 + 5 working days = next Monday 14:00.
    expect(raised.dueAt).toBe('2026-12-07T06:00:00.000Z');
    const page = await call.notices.ok<SocietyNoticePage>('publicPage', { societyId: WANGJIA }, null);
    expect(page.howToObject.join('')).toContain('5 个工作日内答复');
  });

  it('issue 15: an objection keeps its notice title; one raised before it was kept shows the same, read from the notice', async () => {
    const list = () =>
      call.notices.ok<{ items: ObjectionView[] }>('listObjections', { societyId: WANGJIA }, 'demo-president');
    const todo = () => call.notices.ok<OfficerTodo>('officerTodo', { societyId: WANGJIA }, 'demo-secretary');
    const [listed, todoBefore] = [await list(), await todo()];
    const docs = await backend.ports.store.find<ObjectionDoc>(COLLECTIONS.noticeObjections, {
      where: { societyId: WANGJIA },
      limit: 100,
    });
    expect(docs.length).toBeGreaterThan(1);
    for (const doc of docs) {
      expect(doc.noticeTitle).toBeTruthy();
      expect(listed.items.find((item) => item.id === doc._id)?.noticeTitle).toBe(doc.noticeTitle);
    }
    await backend.ports.store.transaction(async (tx) => {
      for (const { noticeTitle: _title, ...older } of docs) await tx.set(COLLECTIONS.noticeObjections, older);
    });
    expect(await list()).toEqual(listed);
    expect(await todo()).toEqual(todoBefore);
  });

  it('text the content check refuses is CONTENT_REJECTED; a check that cannot run writes nothing either', async () => {
    const before = await footprint(backend);
    const refused = await call.notices.refused(
      'raiseObjection',
      { requestId: 'objection-bad-words', noticeId, text: `这里有${LOCAL_REFUSED_WORDS[0]}` },
      'demo-resident',
    );
    expect(refused).toMatchObject({ code: 'CONTENT_REJECTED', message: '内容含有不适宜发布的信息，请修改后再提交' });
    // The port is this backend's, handed to each call: no other backend or file sees the change.
    backend.ports.contentCheck = { check: () => Promise.reject(new Error('service down')) };
    const down = await call.notices.refused(
      'raiseObjection',
      { requestId: 'objection-service-down', noticeId, text: '请核实' },
      'demo-resident',
    );
    expect(down).toMatchObject({ code: 'INTERNAL', message: '内容检查暂时不可用，请稍后再试' });
    backend.ports.contentCheck = LOCAL_NOTICE_SERVICES.contentCheck;
    expect(await footprint(backend)).toEqual(before);
  });

  it('one caller holds at most 3 open objections on a notice; a reused request id is not someone else’s', async () => {
    for (let i = 1; i <= 3; i += 1) {
      await call.notices.ok(
        'raiseObjection',
        { requestId: `objection-flood-${i}`, noticeId, text: `第${i}条` },
        'o-flooder',
      );
    }
    expect(
      (
        await call.notices.refused(
          'raiseObjection',
          { requestId: 'objection-flood-4', noticeId, text: '第4条' },
          'o-flooder',
        )
      ).code,
    ).toBe('INVALID_STATE');
    expect(
      (
        await call.notices.refused(
          'raiseObjection',
          { requestId: 'objection-flood-1', noticeId, text: '别人的' },
          'o-other',
        )
      ).code,
    ).toBe('DUPLICATE');
    const mine = await call.notices.ok<{ items: MyObjectionView[] }>('myObjections', {}, 'o-other');
    expect(mine.items).toEqual([]);
    expect((await call.notices.refused('myObjections', {}, null)).code).toBe('UNAUTHENTICATED');
  });
});

describe('the board code and poster', () => {
  let backend: TestBackend;
  let call: ReturnType<typeof api>;

  beforeAll(async () => {
    backend = await createTestBackend();
    call = api(backend);
  });
  afterAll(() => backend.close());

  it('resolves the seeded scene token to its society for anyone', async () => {
    const target = await call.notices.ok<SceneTarget>('resolveScene', { scene: 'Wj7qDemoBoard2026' }, null);
    expect(target).toEqual({ societyId: WANGJIA, societyName: '王家村救急难互助社', page: 'pages/society/index' });
  });

  it('makes a random opaque token once per society, renders the code locally and keeps both', async () => {
    // 柳塘村 has no board yet: make a secretary there.
    await addLiutangSecretary(backend.ports.store);
    const poster = await call.notices.ok<BoardPoster>('boardPoster', { societyId: LIUTANG }, 'lt-secretary');
    expect(poster.scene).toMatch(/^[A-Za-z0-9]{20}$/);
    expect(poster.scene).not.toContain('liutang');
    expect(poster).toMatchObject({ societyName: '柳塘村救急难互助社', page: 'pages/society/index', qrKind: 'local' });
    expect(poster.howToObject.join('')).toContain('3 个工作日内答复');
    const image = await backend.ports.files.get(poster.qrFileId);
    expect(image!.contentType).toBe('image/png');
    expect(image!.content.subarray(1, 4).toString('latin1')).toBe('PNG');
    const again = await call.notices.ok<BoardPoster>('boardPoster', { societyId: LIUTANG }, 'lt-secretary');
    expect(again).toMatchObject({ scene: poster.scene, qrFileId: poster.qrFileId });
    expect(await call.notices.ok<SceneTarget>('resolveScene', { scene: poster.scene }, null)).toMatchObject({
      societyId: LIUTANG,
    });
    const wangjia = await call.notices.ok<BoardPoster>('boardPoster', { societyId: WANGJIA }, 'demo-secretary');
    expect(wangjia.scene).toBe('Wj7qDemoBoard2026');
    expect(wangjia.howToObject.join('')).toContain('村监督委员会：赵德明');
  });

  it('hostile scene tokens are a clear error and write nothing', async () => {
    const before = await footprint(backend);
    for (const scene of [
      '',
      'a'.repeat(33),
      '../etc/passwd',
      'soc wangjia',
      { $ne: null },
      ['Wj7qDemoBoard2026'],
      42,
    ]) {
      expect((await call.notices.refused('resolveScene', { scene }, null)).code).toBe('BAD_REQUEST');
    }
    expect(await call.notices.refused('resolveScene', { scene: 'soc-wangjia'.replace('-', '') }, null)).toMatchObject({
      code: 'NOT_FOUND',
      message: '二维码已失效，请在村务公开栏重新扫码',
    });
    expect(
      (await call.notices.refused('resolveScene', { scene: 'Wj7qDemoBoard2026', societyId: WANGJIA }, null)).code,
    ).toBe('BAD_REQUEST');
    expect(await footprint(backend)).toEqual(before);
  });
});

describe('hostile input to every action', () => {
  let backend: TestBackend;
  let call: ReturnType<typeof api>;

  beforeAll(async () => {
    backend = await createTestBackend();
    call = api(backend);
  });
  afterAll(() => backend.close());

  it('operators, paths and other societies’ ids in place of ids are refused and nothing is written', async () => {
    const before = await footprint(backend);
    const hostile = [
      { $ne: null },
      { $gt: '' },
      ['soc-wangjia'],
      '../soc-wangjia',
      'soc-wangjia; drop',
      '',
      'a'.repeat(65),
    ];
    for (const id of hostile) {
      expect((await call.notices.refused('publicPage', { societyId: id }, null)).code).toBe('BAD_REQUEST');
      expect((await call.notices.refused('getNotice', { noticeId: id }, null)).code).toBe('BAD_REQUEST');
      expect(
        (
          await call.notices.refused(
            'raiseObjection',
            { requestId: 'objection-hostile', noticeId: id, text: 'x' },
            null,
          )
        ).code,
      ).toBe('BAD_REQUEST');
      expect((await call.notices.refused('publishNotice', { caseId: id }, 'demo-secretary')).code).toBe('BAD_REQUEST');
      expect((await call.notices.refused('auditTrail', { scopeId: id }, 'demo-county')).code).toBe('BAD_REQUEST');
    }
    expect((await call.notices.refused('publicPage', { societyId: 'soc-nowhere' }, null)).code).toBe('NOT_FOUND');
    expect((await call.notices.refused('getNotice', { noticeId: 'notice-demo-case-04' }, null)).code).toBe('NOT_FOUND');
    expect(
      (
        await call.notices.refused(
          'raiseObjection',
          { requestId: 'objection-xx-01', noticeId: 'notice-demo-case-01', text: '旧的' },
          null,
        )
      ).code,
    ).toBe('INVALID_STATE');
    expect(
      (
        await call.notices.refused(
          'raiseObjection',
          { requestId: 'bad', noticeId: 'notice-demo-case-03', text: 'x' },
          null,
        )
      ).code,
    ).toBe('BAD_REQUEST');
    expect(
      (
        await call.notices.refused(
          'raiseObjection',
          { requestId: 'objection-too-long', noticeId: 'notice-demo-case-03', text: '长'.repeat(501) },
          null,
        )
      ).code,
    ).toBe('BAD_REQUEST');
    expect(
      (
        await call.notices.refused(
          'raiseObjection',
          { requestId: 'objection-smuggle', noticeId: 'notice-demo-case-03', text: 'x', raisedByOpenid: 'demo-county' },
          null,
        )
      ).code,
    ).toBe('BAD_REQUEST');
    expect(await footprint(backend)).toEqual(before);
  });
});

describe('R-PROC-6, issue 15: the notice to-do is kept with the payout and the publication', () => {
  let backend: TestBackend;
  let call: ReturnType<typeof api>;
  beforeAll(async () => {
    backend = await createTestBackend();
    call = api(backend);
  });
  afterAll(() => backend.close());

  const todo = () => call.notices.ok<OfficerTodo>('officerTodo', { societyId: WANGJIA }, 'demo-secretary');
  const caseDoc = async (id: string) => (await backend.ports.store.get<CaseDoc>(COLLECTIONS.cases, id))!;

  it('a payout puts the case on the to-do in its own transaction; publishing takes it off in its own', async () => {
    const before = await todo();
    const caseId = await payCase(backend, { name: '钱小梅', amountFen: 300_00 });
    expect((await caseDoc(caseId)).awaitingNotice).toBe(true);
    const after = await todo();
    expect(after.unpublishedTotal).toBe(before.unpublishedTotal + 1);
    expect(after.unpublished.map((item) => item.caseId)).toContain(caseId);

    await call.notices.ok<PublishResult>('publishNotice', { caseId, villageGroupNo: 2 }, 'demo-secretary');
    expect((await caseDoc(caseId)).awaitingNotice).toBe(false);
    const done = await todo();
    expect(done.unpublishedTotal).toBe(before.unpublishedTotal);
    expect(done.unpublished.map((item) => item.caseId)).not.toContain(caseId);
  });

  it('a long to-do lists the longest waiting first, one page of them, and counts them all', async () => {
    const template = await caseDoc(await payCase(backend, { name: '孙大海', amountFen: 300_00 }));
    const paidAt = Date.parse(template.paidAt!);
    await backend.ports.store.transaction(async (tx) => {
      for (let n = 0; n < TODO_PAGE + 10; n += 1) {
        const at = new Date(paidAt - (n + 1) * 60_000).toISOString();
        await tx.insert<CaseDoc>(COLLECTIONS.cases, {
          ...template,
          _id: `waiting-${n}`,
          caseNo: `2026-9${String(n).padStart(2, '0')}`,
          paidAt: at,
          payout: { ...template.payout!, paidAt: at },
        });
      }
    });
    const long = await todo();
    const waiting = long.unpublished.filter((item) => item.caseId.startsWith('waiting-'));
    expect(long.unpublished).toHaveLength(TODO_PAGE);
    expect(long.unpublishedTotal).toBe(TODO_PAGE + 11);
    // Oldest first: the last one inserted was paid earliest.
    expect(waiting[0]!.caseId).toBe(`waiting-${TODO_PAGE + 9}`);
    expect(long.unpublished.map((item) => item.caseId)).not.toContain(template._id);
    // Written straight into the store, without an action's audit event that would mark the
    // society's overview digest: counted as the minute timer counts a marked one.
    await keepAllDigests(backend.ports.store, backend.ports.clock.now());
    const overview = await call.notices.ok<SupervisionOverview>(
      'supervisionOverview',
      { societyId: WANGJIA },
      'demo-supervisor',
    );
    expect(overview.notices.unpublished).toBe(TODO_PAGE + 11);
  });
});
