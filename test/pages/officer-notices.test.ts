/**
 * The officer side of public notices (R-PROC-6, R-OVS-3), rendered with TDesign over the seeded
 * backend: the notice to-do, writing and publishing a notice from a paid case, the board photo,
 * answering an objection, the board poster; and that nobody else can do any of it.
 *
 * The tests of one file share one backend and run in order: each says what it changes.
 */
import { usePageBackend } from '../support/page-backend';
import { navigations, recordedCalls, recordedUploads, routeCloudTo, setChosenPhotos } from '../support/simulate-setup';
import { findByText, openPage, silenceConsoleError, tap, textOf, textsOf, waitFor } from '../support/simulate-pages';
import type { PageComponent } from '../support/simulate-pages';
import { DEMO_NOW } from '../support/test-backend';
import { api, footprint, payCase, LIUTANG, WANGJIA } from '../notices/support';
import { setDemoCaller } from '../../miniprogram/services/cloud';
import { COLLECTIONS } from '../../server/collections';
import type { NoticeDoc, ObjectionDoc } from '../../server/notices/model';
import type { AuditEventDoc } from '../../server/audit/trail';
import {
  ANONYMISED_NOTE,
  CONSENT_WITHHELD_MESSAGE,
  OBJECTION_PENDING_LABEL,
  type PublicNoticeView,
  type SocietyNoticePage,
} from '../../miniprogram/domain/notices';
import {
  NOT_A_NOTICE_OFFICER_MESSAGE,
  NOT_POSTED_LABEL,
  PHOTO_RULE_NOTE,
} from '../../miniprogram/packages/officer/pages/notices/view';
import { NOT_PUBLISHER_MESSAGE } from '../../miniprogram/packages/officer/pages/notice-publish/view';
import {
  EMPTY_ANSWER_MESSAGE,
  NOT_ANSWERER_MESSAGE,
} from '../../miniprogram/packages/officer/pages/objection-answer/view';
import {
  EXPORT_POSTER_HINT,
  LINK_COPIED_TOAST,
  NOT_POSTER_OFFICER_MESSAGE,
  SAVE_DENIED_MESSAGE,
  SAVED_MESSAGE,
} from '../../miniprogram/packages/officer/pages/poster/view';
import { addLiutangSecretary } from '../support/people';

const NOTICES = 'packages/officer/pages/notices/index';
const PUBLISH = 'packages/officer/pages/notice-publish/index';
const ANSWER = 'packages/officer/pages/objection-answer/index';
const POSTER = 'packages/officer/pages/poster/index';

const FIRE_NOTICE = 'notice-demo-case-03';
const SEED_OBJECTION = 'obj-seed-objection-demo-case-03';

const ID_NUMBER = /\d{17}[\dXx]/;
const PHONE = /1[3-9]\d{9}/;

const backend = usePageBackend();

// Two cores shared with other suites: the first render (compiling the page, loading TDesign) can be slow.
jest.setTimeout(30_000);

/** Only Date is faked (to the backend's demo Monday): the countdowns on screen are then fixed. */
function atDemoNow(): void {
  jest.useFakeTimers({
    now: Date.parse(DEMO_NOW),
    doNotFake: [
      'hrtime',
      'nextTick',
      'performance',
      'queueMicrotask',
      'requestAnimationFrame',
      'cancelAnimationFrame',
      'requestIdleCallback',
      'cancelIdleCallback',
      'setImmediate',
      'clearImmediate',
      'setInterval',
      'clearInterval',
      'setTimeout',
      'clearTimeout',
    ],
  });
}

afterEach(() => {
  jest.useRealTimers();
});

function callsOf(action: string) {
  return recordedCalls().filter((call) => call.event.action === action);
}

async function notice(id: string): Promise<NoticeDoc | null> {
  return backend().ports.store.get<NoticeDoc>(COLLECTIONS.notices, id);
}

async function publicPage(societyId: string): Promise<SocietyNoticePage> {
  return api(backend()).notices.ok<SocietyNoticePage>('publicPage', { societyId }, null);
}

/** A secretary of 柳塘村 (another society of the same township), made once. */
async function liutangSecretary(): Promise<string> {
  return addLiutangSecretary(backend().ports.store);
}

type AnswerPage = {
  onAnswerChange(e: { detail: { value: string } }): void;
  onSend(): Promise<void>;
};
type NoticesPage = { onDaysChange(e: { detail: { value: number } }): void };

async function tapButton(page: PageComponent, text: string): Promise<void> {
  await tap(findByText(page, '.t-button--t-button', text));
}

/** The 村民小组 button labelled exactly so (「3组」 is not 「13组」). */
async function tapGroup(page: PageComponent, label: string): Promise<void> {
  const found = Array.from(page.dom?.querySelectorAll('.main--groups__item .jj-choice--jj-choice__label') ?? []).find(
    (element) => (element.textContent ?? '').trim() === label,
  );
  if (!found) throw new Error(`no 村民小组 button "${label}" in: ${textOf(page)}`);
  await tap(found);
}

describe('the notice to-do (R-PROC-6, R-OVS-3)', () => {
  it('lists the seeded open objection with its working-day deadline and the live notice without its board photo', async () => {
    atDemoNow();
    setDemoCaller('demo-secretary');
    const page = await openPage(NOTICES, { societyId: WANGJIA });

    expect(page.data.state).toBe('ready');
    expect(textsOf(page, '.main--todo-head__summary')).toEqual(['待公示 0 件 · 未拍照 1 条 · 待答复异议 1 条']);
    // The objection 周小红 raised on 11月30日 09:10: answered within 3 working days.
    const objection = textsOf(page, '.main--objection-row')[0] ?? '';
    expect(objection).toContain('王家村第三村民小组 陈*山 应急救助 1000元');
    expect(objection).toContain('听说陈家烧的主要是厨房');
    expect(objection).toContain('答复期限：截止 12月3日 09:10');
    expect(objection).not.toContain('已超时');
    // The house-fire notice has no photo of the paper notice on the board.
    const unposted = textsOf(page, '.main--unposted-row');
    expect(unposted).toHaveLength(1);
    expect(unposted[0]).toContain('陈*山');
    expect(unposted[0]).toContain(NOT_POSTED_LABEL);
    expect(unposted[0]).toContain('还剩 1天3小时');
    expect(textOf(page)).toContain(PHOTO_RULE_NOTE);
    // The live tab: the one live notice, with 有异议处理中 and its countdown.
    expect(textsOf(page, '.main--notice-card__title')).toEqual(['王家村第三村民小组 陈*山 应急救助 1000元']);
    const card = textsOf(page, '.main--notice-card')[0] ?? '';
    expect(card).toContain(OBJECTION_PENDING_LABEL);
    expect(card).toContain('异议 1 条，待答复 1 条');
    // Settings: the secretary reads the time limit; only the president changes it.
    expect(textOf(page)).toContain('异议答复时限：3 个工作日（默认）');
    expect(textOf(page)).toContain('只有社长可以修改异议答复时限');
    expect(page.dom?.querySelector('.t-stepper--t-stepper')).toBeNull();
  });

  it('the archived tab lists the two earlier notices; the objection opens its answer page', async () => {
    setDemoCaller('demo-secretary');
    const page = await openPage(NOTICES, { societyId: WANGJIA });

    await tap(findByText(page, '.main--tabs__item', '已存档'));
    await waitFor(() => page.data.tab === 'archived' && page.data.list.length > 0);
    expect(callsOf('officerNotices').map((call) => call.event.filter)).toEqual(['live', 'archived']);
    const archived = textsOf(page, '.main--notice-card__title');
    expect(archived).toHaveLength(2);
    expect(archived.join(' ')).toContain('补充救助');
    expect(textsOf(page, '.main--notice-card').join(' ')).toContain('公示期满，已存档');

    await tap(findByText(page, '.main--objection-row .t-button--t-button', '答复异议'));
    expect(navigations()).toEqual([
      `/packages/officer/pages/objection-answer/index?objectionId=${SEED_OBJECTION}&societyId=${WANGJIA}&noticeId=${FIRE_NOTICE}`,
    ]);
  });

  it('cancelling the photo picker attaches nothing', async () => {
    setDemoCaller('demo-secretary');
    setChosenPhotos(null);
    const page = await openPage(NOTICES, { societyId: WANGJIA });

    await tap(findByText(page, '.main--unposted-row .t-button--t-button', '拍照上传张贴照片'));
    await waitFor(() => page.data.attachingId === '');

    expect(recordedUploads()).toEqual([]);
    expect(callsOf('attachBoardPhoto')).toEqual([]);
    expect((await notice(FIRE_NOTICE))?.boardPhoto).toBeNull();
  });

  it('R-PROC-6: attaching the photo of the paper notice marks it posted (changes: the fire notice gets a photo)', async () => {
    setDemoCaller('demo-secretary');
    const page = await openPage(NOTICES, { societyId: WANGJIA });

    await tap(findByText(page, '.main--unposted-row .t-button--t-button', '拍照上传张贴照片'));
    await waitFor(() => page.data.todo?.notPosted.length === 0);

    const uploads = recordedUploads();
    expect(uploads).toHaveLength(1);
    expect(uploads[0]?.cloudPath).toMatch(/^private\/soc-wangjia\/boards\/society\//);
    const stored = await notice(FIRE_NOTICE);
    expect(stored?.boardPhoto?.fileId).toBe(uploads[0]?.fileId);
    expect(stored?.boardPhoto?.by.name).toBe('刘芳');
    // The to-do no longer asks for it; the card says posted; anyone sees it as posted on paper.
    expect(textsOf(page, '.main--unposted-row')).toEqual([]);
    expect(textsOf(page, '.main--todo-head__summary')).toEqual(['待公示 0 件 · 未拍照 0 条 · 待答复异议 1 条']);
    expect(textsOf(page, '.main--notice-card')[0]).toMatch(/已张贴（刘芳 \d+月\d+日 \d\d:\d\d 上传照片）/);
    expect(page.dom?.querySelector('.main--notice-card__photo')).not.toBeNull();
    const shown = await api(backend()).notices.ok<PublicNoticeView>('getNotice', { noticeId: FIRE_NOTICE }, null);
    expect(shown.postedOnPaper).toBe(true);
  });

  it('the president changes the objection answer time limit (changes: 5 working days, then back to 3)', async () => {
    setDemoCaller('demo-president');
    const page = await openPage(NOTICES, { societyId: WANGJIA });
    expect(page.dom?.querySelector('.t-stepper--t-stepper')).not.toBeNull();

    (page.instance as unknown as NoticesPage).onDaysChange({ detail: { value: 5 } });
    await tapButton(page, '保存答复时限');
    await waitFor(() => !page.data.savingSettings);

    expect(textOf(page)).toContain('异议答复时限：5 个工作日');
    const settings = await api(backend()).notices.ok<{ objectionAnswerDays: number }>(
      'getSettings',
      { societyId: WANGJIA },
      'demo-secretary',
    );
    expect(settings.objectionAnswerDays).toBe(5);
    await api(backend()).notices.ok('setSettings', { societyId: WANGJIA, objectionAnswerDays: 3 }, 'demo-president');
  });

  it.each([
    ['a member', 'demo-member'],
    ['the supervision committee', 'demo-supervisor'],
    ['a resident', 'demo-resident'],
  ])('%s is told the page is for officers; nothing is read or written', async (_who, openid) => {
    const before = await footprint(backend());
    setDemoCaller(openid);
    const page = await openPage(NOTICES, { societyId: WANGJIA });

    expect(page.data.state).toBe('forbidden');
    expect(textsOf(page, '.t-empty--t-empty__description')).toEqual([NOT_A_NOTICE_OFFICER_MESSAGE]);
    expect(callsOf('officerTodo')).toEqual([]);
    expect(await footprint(backend())).toEqual(before);
  });

  it('another society’s secretary is refused 王家村’s to-do', async () => {
    const openid = await liutangSecretary();
    const before = await footprint(backend());
    setDemoCaller(openid);
    const page = await openPage(NOTICES, { societyId: WANGJIA });

    expect(page.data.state).toBe('forbidden');
    expect(textOf(page)).not.toContain('陈*山');
    expect(await footprint(backend())).toEqual(before);
  });
});

describe('publishing a notice (R-PROC-6, R-OVS-3 四公布)', () => {
  it('a paid case waits on the to-do, and its form opens from there (changes: pays a case)', async () => {
    const caseId = await payCase(backend(), { name: '赵桂华', phone: '13800001234', cause: 'majorIllness' });
    setDemoCaller('demo-secretary');
    const page = await openPage(NOTICES, { societyId: WANGJIA });

    const row = textsOf(page, '.main--pending-row')[0] ?? '';
    expect(row).toContain('赵*华 应急救助 现金 600元');
    expect(row).not.toContain('赵桂华');
    await tap(findByText(page, '.main--pending-row .t-button--t-button', '预览并发布公示'));
    expect(navigations()).toEqual([`/packages/officer/pages/notice-publish/index?caseId=${caseId}`]);
  });

  it('the preview shows exactly what is published, built from the case’s facts; the notice is on its own society’s page and no other', async () => {
    const caseId = await payCase(backend(), {
      name: '钱玉华',
      phone: '13900005678',
      cause: 'accident',
      originalsChecked: ['idCard', 'householdBook'],
      findings: '钱玉华摔伤骨折住院，电话13900005678',
    });
    setDemoCaller('demo-secretary');
    const page = await openPage(PUBLISH, { caseId });

    expect(page.data.state).toBe('ready');
    expect(page.data.consentWithheld).toBe(false);
    expect(textsOf(page, '.main--publish-head__line')[0]).toMatch(/^案件编号 \d{4}-\d{3}$/);
    // Issue 12: nothing to type, only the 村民小组 to pick; the preview is there from the start.
    expect(page.dom?.querySelectorAll('.main--groups__item')).toHaveLength(31);
    expect(textsOf(page, '.main--form__group')).toEqual(['公示不写村民小组']);
    expect(textsOf(page, '.main--preview .main--notice-paper__line')[0]).toBe('救助对象：王家村 钱*华');

    await tapGroup(page, '5组');
    expect(textsOf(page, '.main--form__group')).toEqual(['公示写为：第五村民小组']);
    // Issue 11: the chosen group carries ✓, not colour alone.
    expect(textsOf(page, '.main--groups__item .jj-choice--jj-choice--on')).toEqual(['✓5组']);
    expect(page.data.previewCurrent).toBe(false);
    expect(textOf(page)).toContain('内容已修改，请重新预览');
    await tapButton(page, '预览公示');
    await waitFor(() => page.data.previewCurrent === true);

    const previewLines = textsOf(page, '.main--preview .main--notice-paper__line');
    expect(previewLines).toEqual([
      '救助对象：王家村第五村民小组 钱*华',
      '救助类别：应急救助',
      '困难原因：因意外',
      '救助形式和金额：现金 600元',
      '审批日期：2026年11月30日',
      '核查情况：经2人入户核查，核验了户口簿、身份证原件，情况属实',
    ]);
    expect(textOf(page)).toContain('公示期：自发布起 7 天');
    expect(callsOf('previewNotice').map((call) => call.event)).toEqual([
      { action: 'previewNotice', caseId, villageGroupNo: null },
      { action: 'previewNotice', caseId, villageGroupNo: 5 },
    ]);
    // Never the full name, the ID number, the phone or the visit's own findings.
    const text = textOf(page);
    expect(text).not.toContain('钱玉华');
    expect(text).not.toContain('骨折');
    expect(text).not.toMatch(ID_NUMBER);
    expect(text).not.toMatch(PHONE);
    expect(await notice(`notice-${caseId}`)).toBeNull();

    await tapButton(page, '确认发布');
    await waitFor(() => page.data.published !== null);

    expect(callsOf('publishNotice').map((call) => call.event)).toEqual([
      { action: 'publishNotice', caseId, villageGroupNo: 5 },
    ]);
    const stored = await notice(`notice-${caseId}`);
    expect(stored?.content.recipientMaskedName).toBe('钱*华');
    expect(stored?.input).toEqual({ villageGroupNo: 5 });
    expect(JSON.stringify(stored?.content)).not.toContain('钱玉华');
    expect(textsOf(page, '.main--published .main--notice-paper__line')).toEqual(previewLines);
    expect(textOf(page)).toContain('请把同样的内容打印张贴在村务公开栏');

    // On 王家村's public page, exactly as previewed; on no other society's.
    const own = await publicPage(WANGJIA);
    const shown = own.liveNotices.find((item) => item.id === `notice-${caseId}`);
    expect(shown?.lines).toEqual(previewLines);
    for (const other of [LIUTANG, 'soc-shiqiao', 'soc-baisha']) {
      const page = await publicPage(other);
      expect(page.liveNotices.map((item) => item.id)).not.toContain(`notice-${caseId}`);
      expect(JSON.stringify(page)).not.toContain('钱*华');
    }
  });

  it('a changed 村民小组 cannot be published before it is previewed again', async () => {
    const caseId = await payCase(backend(), { name: '孙丽华' });
    setDemoCaller('demo-secretary');
    const page = await openPage(PUBLISH, { caseId });

    await tapGroup(page, '12组');
    await tapButton(page, '确认发布');
    expect(callsOf('publishNotice')).toEqual([]);
    expect(await notice(`notice-${caseId}`)).toBeNull();
    // Back to the previewed choice: current again, without another call.
    const previews = callsOf('previewNotice').length;
    await tapGroup(page, '不写');
    expect(page.data.previewCurrent).toBe(true);
    expect(callsOf('previewNotice')).toHaveLength(previews);
  });

  it('consent withheld: the officer is told plainly and the preview is the anonymised entry (类别 and amount only)', async () => {
    const caseId = await payCase(backend(), {
      name: '周建华',
      amountFen: 800_00,
      tierId: 'e3',
      consentToNotice: false,
    });
    setDemoCaller('demo-secretary');
    const page = await openPage(PUBLISH, { caseId });

    expect(page.data.consentWithheld).toBe(true);
    expect(textsOf(page, '.main--consent-note')).toEqual([CONSENT_WITHHELD_MESSAGE]);
    // Nothing to type: no finding or group is published.
    expect(page.dom?.querySelector('.t-textarea--t-textarea')).toBeNull();
    const lines = textsOf(page, '.main--preview .main--notice-paper__line');
    expect(lines).toEqual(['救助类别：应急救助', '金额：800元', ANONYMISED_NOTE]);
    expect(textOf(page)).not.toContain('周建华');
    expect(textOf(page)).not.toContain('周*华');

    await tapButton(page, '确认发布');
    await waitFor(() => page.data.published !== null);
    const stored = await notice(`notice-${caseId}`);
    expect(stored?.content.anonymised).toBe(true);
    expect(stored?.content.recipientMaskedName).toBeNull();
  });

  it('a publication whose answer was lost is retried without publishing twice', async () => {
    silenceConsoleError();
    const caseId = await payCase(backend(), { name: '吴秀华' });
    setDemoCaller('demo-secretary');
    const page = await openPage(PUBLISH, { caseId });
    await tapGroup(page, '2组');
    await tapButton(page, '预览公示');
    await waitFor(() => page.data.previewCurrent === true);

    // The first publication reaches the cloud, but its answer never comes back.
    let lost = false;
    routeCloudTo(async (name, event, openid) => {
      const answer = await backend().call(name, event, openid);
      if (event.action === 'publishNotice' && !lost) {
        lost = true;
        throw new Error('timeout');
      }
      return answer;
    });
    await tapButton(page, '确认发布');
    await waitFor(() => !page.data.publishing);
    expect(page.data.published).toBeNull();
    expect(textsOf(page, '.main--form__error')[0]).toMatch(/[\u4e00-\u9fa5]/);

    await tapButton(page, '确认发布');
    await waitFor(() => page.data.published !== null);
    expect(page.data.published.message).toContain('没有重复发布');
    const publications = await backend().ports.store.find(COLLECTIONS.notices, { where: { caseId } });
    expect(publications).toHaveLength(1);
    const events = await backend().ports.store.find<AuditEventDoc>(COLLECTIONS.auditEvents, {
      where: { target: `${COLLECTIONS.notices}/notice-${caseId}` },
    });
    expect(events.filter((event) => event.action === 'notice.publish')).toHaveLength(1);
  });

  it('an already published case shows what was published, with no publish button', async () => {
    setDemoCaller('demo-secretary');
    const page = await openPage(PUBLISH, { caseId: 'demo-case-03' });

    expect(page.data.preview?.alreadyPublished).toBe(true);
    expect(textOf(page)).toContain('该案件已经公示');
    expect(textOf(page)).toContain('核查情况：经2人入户核查，核验了户口簿、身份证、困难情况证明原件，情况属实');
    expect(textOf(page)).not.toContain('确认发布');
  });

  it.each([
    ['the supervision committee', 'demo-supervisor'],
    ['a member', 'demo-member'],
    ['another society’s secretary', 'lt-secretary'],
  ])('%s cannot publish: forbidden, nothing written', async (_who, openid) => {
    await liutangSecretary();
    const caseId = await payCase(backend(), { name: '郑春华' });
    const before = await footprint(backend());
    setDemoCaller(openid);
    const page = await openPage(PUBLISH, { caseId });

    expect(page.data.state).toBe('forbidden');
    expect(textsOf(page, '.t-empty--t-empty__description')).toEqual([NOT_PUBLISHER_MESSAGE]);
    expect(textOf(page)).not.toContain('郑春华');
    expect(callsOf('publishNotice')).toEqual([]);
    expect(await footprint(backend())).toEqual(before);
  });
});

describe('answering an objection (R-OVS-3)', () => {
  async function objection(id: string): Promise<ObjectionDoc | null> {
    return backend().ports.store.get<ObjectionDoc>(COLLECTIONS.noticeObjections, id);
  }

  it('shows the objection, that no contact was left, the notice and the deadline; an empty answer is a Chinese error with no call', async () => {
    const before = await footprint(backend());
    setDemoCaller('demo-secretary');
    const page = await openPage(ANSWER, { objectionId: SEED_OBJECTION, societyId: WANGJIA, noticeId: FIRE_NOTICE });

    expect(page.data.state).toBe('ready');
    expect(textsOf(page, '.main--objection__text')[0]).toContain('听说陈家烧的主要是厨房');
    expect(textsOf(page, '.main--objection__contact')).toEqual(['未留联系方式']);
    expect(textsOf(page, '.main--objection__due')[0]).toContain('答复期限：截止 12月3日 09:10');
    expect(textOf(page)).toContain('核查情况：经2人入户核查，核验了户口簿、身份证、困难情况证明原件，情况属实');

    (page.instance as unknown as AnswerPage).onAnswerChange({ detail: { value: '   ' } });
    await tap(findByText(page, '.jj-choice--jj-choice', '异议不成立'));
    await tapButton(page, '发出答复');

    expect(textsOf(page, '.main--form__error')).toEqual([EMPTY_ANSWER_MESSAGE]);
    expect(callsOf('answerObjection')).toEqual([]);
    expect((await objection(SEED_OBJECTION))?.status).toBe('open');
    expect(await footprint(backend())).toEqual(before);
  });

  it.each([
    ['the supervision committee', 'demo-supervisor'],
    ['a member', 'demo-member'],
    ['another society’s secretary', 'lt-secretary'],
  ])('%s cannot answer: forbidden, nothing written', async (_who, openid) => {
    await liutangSecretary();
    const before = await footprint(backend());
    setDemoCaller(openid);
    const page = await openPage(ANSWER, { objectionId: SEED_OBJECTION, societyId: WANGJIA, noticeId: FIRE_NOTICE });

    expect(page.data.state).toBe('forbidden');
    expect(textsOf(page, '.t-empty--t-empty__description')).toEqual([NOT_ANSWERER_MESSAGE]);
    await (page.instance as unknown as AnswerPage).onSend();
    expect(callsOf('answerObjection')).toEqual([]);
    expect(await footprint(backend())).toEqual(before);
  });

  it('the answer is stored and kept; 有异议处理中 clears only when no objection is left open (changes: answers both)', async () => {
    // A second objection to the same notice, from a villager who leaves a contact.
    const second = await api(backend()).notices.ok<{ objectionId: string }>(
      'raiseObjection',
      {
        requestId: 'page-test-second-objection',
        noticeId: FIRE_NOTICE,
        text: '陈家房子确实烧得厉害，同意救助，但希望公示注明是哪一档。',
        contact: '村口小卖部',
      },
      'o-another-villager',
    );
    setDemoCaller('demo-secretary');
    const page = await openPage(ANSWER, { objectionId: SEED_OBJECTION, societyId: WANGJIA, noticeId: FIRE_NOTICE });
    const answer = '经再次入户核查，厨房和堂屋被烧毁，全家暂住亲戚家，按应急救助第三档发放，符合规定。';

    (page.instance as unknown as AnswerPage).onAnswerChange({ detail: { value: answer } });
    await tap(findByText(page, '.jj-choice--jj-choice', '异议不成立'));
    await tapButton(page, '发出答复');
    await waitFor(() => page.data.objection?.answered === true);

    const stored = await objection(SEED_OBJECTION);
    expect(stored?.status).toBe('answered');
    expect(stored?.answer).toMatchObject({ text: answer, outcome: 'notUpheld', by: { name: '刘芳' } });
    expect(textsOf(page, '.main--answer__text')).toEqual([answer]);
    expect(textsOf(page, '.main--answer__byline')[0]).toMatch(/^刘芳 \d+月\d+日 \d\d:\d\d 答复$/);
    expect(textOf(page)).not.toContain('发出答复');
    // The other objection is still open: the notice still says 有异议处理中.
    let shown = await api(backend()).notices.ok<PublicNoticeView>('getNotice', { noticeId: FIRE_NOTICE }, null);
    expect(shown.objectionLabel).toBe(OBJECTION_PENDING_LABEL);

    // The second one: its contact is shown to the officer, and the first answer is listed as earlier.
    const next = await openPage(ANSWER, { objectionId: second.objectionId, societyId: WANGJIA, noticeId: FIRE_NOTICE });
    expect(textsOf(next, '.main--objection__contact')).toEqual(['联系方式：村口小卖部']);
    expect(textsOf(next, '.main--earlier__answer')).toEqual([`异议不成立，已说明情况：${answer}`]);
    (next.instance as unknown as AnswerPage).onAnswerChange({ detail: { value: '已在纸质公示上补注救助档次。' } });
    await tap(findByText(next, '.jj-choice--jj-choice', '异议成立'));
    await tapButton(next, '发出答复');
    await waitFor(() => next.data.objection?.answered === true);

    shown = await api(backend()).notices.ok<PublicNoticeView>('getNotice', { noticeId: FIRE_NOTICE }, null);
    expect(shown.objectionPending).toBe(false);
    expect(shown.objectionLabel).toBeNull();

    // Reopened later, the answer is there to read, not to change.
    const again = await openPage(ANSWER, { objectionId: SEED_OBJECTION, societyId: WANGJIA });
    expect(textsOf(again, '.main--answer__text')).toEqual([answer]);
    expect(again.dom?.querySelector('.main--form')).toBeNull();
  });
});

describe('the notice-board poster', () => {
  // The real QR renderer (the qrcode package) needs TextEncoder, which jsdom leaves out.
  beforeAll(() => {
    const globals = globalThis as { TextEncoder?: unknown };
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    globals.TextEncoder ??= (require('util') as typeof import('util')).TextEncoder;
  });

  type WxSaving = {
    downloadFile: unknown;
    saveImageToPhotosAlbum: unknown;
  };
  const wxSaving = wx as unknown as WxSaving;
  const original = { downloadFile: wxSaving.downloadFile, saveImageToPhotosAlbum: wxSaving.saveImageToPhotosAlbum };
  afterEach(() => {
    wxSaving.downloadFile = original.downloadFile;
    wxSaving.saveImageToPhotosAlbum = original.saveImageToPhotosAlbum;
  });

  type Callbacks = { success?: (result: unknown) => void; fail?: (err: { errMsg: string }) => void };
  function fakeSaving(saveResult: 'ok' | 'deny') {
    const downloaded: string[] = [];
    const saved: string[] = [];
    wxSaving.downloadFile = (options: { url: string } & Callbacks) => {
      downloaded.push(options.url);
      options.success?.({ statusCode: 200, tempFilePath: 'wxfile://tmp/board-code.png' });
    };
    wxSaving.saveImageToPhotosAlbum = (options: { filePath: string } & Callbacks) => {
      if (saveResult === 'ok') {
        saved.push(options.filePath);
        options.success?.({ errMsg: 'saveImageToPhotosAlbum:ok' });
      } else options.fail?.({ errMsg: 'saveImageToPhotosAlbum:fail auth deny' });
    };
    return { downloaded, saved };
  }

  it('shows the society’s code, its name and how to object; saving downloads the code into the album', async () => {
    setDemoCaller('demo-secretary');
    const page = await openPage(POSTER, { societyId: WANGJIA });

    expect(page.data.state).toBe('ready');
    expect(textsOf(page, '.main--poster__title')).toEqual(['王家村救急难互助社 救助公示']);
    expect(textsOf(page, '.main--poster__society')).toEqual(['王家村救急难互助社']);
    const howTo = textsOf(page, '.main--poster__object-line');
    expect(howTo.join('')).toContain('提出异议');
    expect(howTo.join('')).toContain('个工作日内答复');
    expect(howTo).toContain('村监督委员会：赵德明');
    // The code's image, from the local stack's files (an absolute, signed, short-lived address the phone can load).
    expect(page.dom?.querySelector('.main--poster__code')).not.toBeNull();
    expect(page.data.poster.qrSrc).toMatch(
      /^http:\/\/127\.0\.0\.1:8787\/files\/notices\/board\/soc-wangjia-.+\?expires=\d+&sig=[\w-]+$/,
    );
    const stored = await backend().ports.files.get(
      page.data.poster.qrSrc.replace(/^.*\/files\//, 'local:').replace(/\?.*$/, ''),
    );
    expect(stored?.contentType).toBe('image/png');

    const { downloaded, saved } = fakeSaving('ok');
    await tapButton(page, '保存二维码到相册');
    await waitFor(() => page.data.saveMessage !== '');
    expect(downloaded).toEqual([page.data.poster.downloadUrl]);
    expect(saved).toEqual(['wxfile://tmp/board-code.png']);
    expect(textOf(page)).toContain(SAVED_MESSAGE);
  });

  it('a declined album permission is explained, not an error', async () => {
    setDemoCaller('demo-president');
    const page = await openPage(POSTER, { societyId: WANGJIA });
    fakeSaving('deny');
    await tapButton(page, '保存二维码到相册');
    await waitFor(() => page.data.saveMessage !== '');

    expect(page.data.state).toBe('ready');
    expect(textOf(page)).toContain(SAVE_DENIED_MESSAGE);
  });

  it('R-OVS-3: 导出打印版海报 stores the A4 poster with the code embedded and shows its link to copy (changes: one export, audited)', async () => {
    setDemoCaller('demo-secretary');
    const page = await openPage(POSTER, { societyId: WANGJIA });
    expect(page.data.state).toBe('ready');
    const events = async () =>
      (
        await backend().ports.store.find<AuditEventDoc>(COLLECTIONS.auditEvents, {
          where: { scopeId: WANGJIA, action: 'notice.exportPoster' },
        })
      ).length;
    const before = await events();

    await tapButton(page, '导出打印版海报');
    await waitFor(() => page.data.exporting === false && page.data.exportLink !== '');
    expect(callsOf('exportBoardPoster').map((call) => call.event.societyId)).toEqual([WANGJIA]);
    expect(page.data.exportLink).toMatch(
      /^http:\/\/127\.0\.0\.1:8787\/files\/notices\/posters\/soc-wangjia-\d{14}\.html\?expires=\d+&sig=[\w-]+$/,
    );
    const text = textOf(page);
    expect(text).toContain(EXPORT_POSTER_HINT);
    expect(textsOf(page, '.main--export__link')).toEqual([page.data.exportLink]);
    expect(findByText(page, '.t-button--t-button', '复制链接')).toBeTruthy();

    // The file is in the Files port: the poster's text and the code as a data: URI.
    const fileId = `local:${decodeURIComponent(page.data.exportLink.split('/files/')[1]!.split('?')[0]!)}`;
    const stored = await backend().ports.files.get(fileId);
    expect(stored?.contentType).toBe('text/html');
    const html = stored!.content.toString('utf8');
    expect(html).toContain('王家村救急难互助社');
    expect(html).toMatch(/<img [^>]*src="data:image\/png;base64,/);
    expect(await events()).toBe(before + 1);

    const copied: string[] = [];
    const wxClipboard = wx as unknown as { setClipboardData: unknown };
    const originalClipboard = wxClipboard.setClipboardData;
    wxClipboard.setClipboardData = (options: { data: string; success?: () => void }) => {
      copied.push(options.data);
      options.success?.();
    };
    try {
      await tapButton(page, '复制链接');
    } finally {
      wxClipboard.setClipboardData = originalClipboard;
    }
    expect(copied).toEqual([page.data.exportLink]);
    expect(textOf(page)).toContain(LINK_COPIED_TOAST);
  });

  it('the supervision committee cannot take the poster', async () => {
    setDemoCaller('demo-supervisor');
    const page = await openPage(POSTER, { societyId: WANGJIA });

    expect(page.data.state).toBe('forbidden');
    expect(textsOf(page, '.t-empty--t-empty__description')).toEqual([NOT_POSTER_OFFICER_MESSAGE]);
    expect(callsOf('boardPoster')).toEqual([]);
    expect(callsOf('exportBoardPoster')).toEqual([]);
  });
});
