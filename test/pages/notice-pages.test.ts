/**
 * The resident side of public notices (R-PROC-6, R-OVS-3): the society page a notice-board code
 * opens, a notice's detail and the objection form, rendered with TDesign over the seeded backend.
 */
import { usePageBackend } from '../support/page-backend';
import { navigations, recordedCalls } from '../support/simulate-setup';
import { findByText, openPage, tap, textOf, textsOf, waitFor } from '../support/simulate-pages';
import { setDemoCaller } from '../../miniprogram/services/cloud';
import { COLLECTIONS } from '../../server/collections';
import { OBJECTION_PENDING_LABEL } from '../../miniprogram/domain/notices';
import { EMPTY_OBJECTION_MESSAGE } from '../../miniprogram/pages/objection/view';

const SOCIETY = 'pages/society/index';
const NOTICE = 'pages/notice/index';
const OBJECTION = 'pages/objection/index';
const WANGJIA = 'soc-wangjia';
const FIRE_NOTICE = 'notice-demo-case-03';
const DEMO_SCENE = 'Wj7qDemoBoard2026';

const ID_NUMBER = /\d{17}[\dXx]/;
const PHONE = /1[3-9]\d{9}/;

jest.setTimeout(30_000);

const backend = usePageBackend();

/** Someone in WeChat with no role anywhere: what a villager scanning the board is. */
const STRANGER = 'o-stranger-scans-board';

beforeEach(() => {
  setDemoCaller(STRANGER);
});

function objectionCount(): Promise<number> {
  return backend().ports.store.count(COLLECTIONS.noticeObjections);
}

type FormPage = {
  onTextChange(e: { detail: { value: string } }): void;
  onContactChange(e: { detail: { value: string } }): void;
};

describe('society public page: 三公开 and live notices', () => {
  it('R-OVS-3: an anonymous caller sees the live house-fire notice masked, 有异议处理中, the totals and 三公开; no ID or phone', async () => {
    const page = await openPage(SOCIETY, { societyId: WANGJIA });

    expect(page.data.state).toBe('ready');
    const text = textOf(page);
    // demo-case-03 (陈大山, house fire, 1000 yuan emergency relief) is the only live notice.
    expect(textsOf(page, '.main--notice-row__who')).toEqual(['王家村第三村民小组 陈*山']);
    const row = findByText(page, '.main--notice-row', '陈*山').textContent ?? '';
    expect(row).toContain('应急救助');
    expect(row).toContain('因意外');
    expect(row).toContain('1000元');
    expect(row).toContain('11月24日 17:00');
    expect(row).toContain(OBJECTION_PENDING_LABEL);
    expect(textsOf(page, '.main--board-totals')[0]).toMatch(/^2026年已救助 \d+ 人次，共/);
    // 三公开: who can be helped, standards and tiers, procedure with time limits.
    expect(text).toContain('三公开 · 救助对象');
    expect(text).toContain('三公开 · 救助标准');
    expect(text).toContain('三公开 · 救助程序');
    expect(text).toContain('受理后');
    expect(text).toContain('个工作日内答复');
    // Never personal data beyond the masked name.
    expect(text).not.toContain('陈大山');
    expect(text).not.toContain('厨房');
    expect(text).not.toMatch(ID_NUMBER);
    expect(text).not.toMatch(PHONE);
    // Archived notices of earlier cases are not on the public page.
    expect(page.data.board.notices).toHaveLength(1);
  });

  it('opened by the board code: the scene token resolves to 王家村, then loads its page', async () => {
    const page = await openPage(SOCIETY, { scene: encodeURIComponent(DEMO_SCENE) });

    expect(page.data.state).toBe('ready');
    expect(page.data.societyId).toBe(WANGJIA);
    expect(textsOf(page, '.main--society-header__name')).toEqual(['王家村救急难互助社']);
    expect(textOf(page)).toContain('陈*山');
    expect(recordedCalls().map((call) => `${call.name}/${String(call.event.action)}`)).toEqual(
      expect.arrayContaining(['notices/resolveScene', 'societies/getPublicPage', 'notices/publicPage']),
    );
  });

  it('a forged scene token is a clear Chinese error', async () => {
    const page = await openPage(SOCIETY, { scene: 'NoSuchBoard0000' });

    expect(page.data.state).toBe('error');
    expect(textsOf(page, '.t-empty--t-empty__description')[0]).toMatch(/[\u4e00-\u9fa5]/);
  });

  it('tapping a notice opens its detail', async () => {
    const page = await openPage(SOCIETY, { societyId: WANGJIA });
    await tap(findByText(page, '.main--notice-row', '陈*山'));

    expect(navigations()).toEqual([`/pages/notice/index?noticeId=${FIRE_NOTICE}`]);
  });
});

describe('notice detail', () => {
  it('R-PROC-6: shows the masked notice, its period, 有异议处理中 and a 提出异议 button', async () => {
    const page = await openPage(NOTICE, { noticeId: FIRE_NOTICE });

    expect(page.data.state).toBe('ready');
    expect(textsOf(page, '.main--notice-header__title')).toEqual(['王家村第三村民小组 陈*山 应急救助 1000元']);
    const text = textOf(page);
    expect(text).toContain('公示期：11月24日 17:00 至 12月1日 17:00');
    expect(text).toContain('核查情况：经2人入户核查，核验了户口簿、身份证、困难情况证明原件，情况属实');
    expect(textsOf(page, '.t-tag--t-tag__text')).toEqual(['公示中', OBJECTION_PENDING_LABEL]);
    expect(text).not.toContain('陈大山');
    expect(text).not.toMatch(ID_NUMBER);
    expect(text).not.toMatch(PHONE);

    await tap(findByText(page, '.t-button--t-button', '提出异议'));
    expect(navigations()).toEqual([`/pages/objection/index?noticeId=${FIRE_NOTICE}`]);
  });

  it('an unknown notice is a Chinese error', async () => {
    const page = await openPage(NOTICE, { noticeId: 'notice-nowhere' });

    expect(page.data.state).toBe('error');
    expect(textsOf(page, '.t-empty--t-empty__description')[0]).toMatch(/[\u4e00-\u9fa5]/);
  });
});

describe('objection form', () => {
  it('an empty objection shows the Chinese error and writes nothing', async () => {
    const before = await objectionCount();
    const page = await openPage(OBJECTION, { noticeId: FIRE_NOTICE });
    expect(textsOf(page, '.main--objection-header__title')).toEqual(['王家村第三村民小组 陈*山 应急救助 1000元']);

    (page.instance as unknown as FormPage).onTextChange({ detail: { value: '   ' } });
    await tap(findByText(page, '.t-button--t-button', '提交异议'));

    expect(textsOf(page, '.main--form__error')).toEqual([EMPTY_OBJECTION_MESSAGE]);
    expect(recordedCalls().filter((call) => call.event.action === 'raiseObjection')).toEqual([]);
    expect(await objectionCount()).toBe(before);
    expect(page.data.done).toBeNull();
  });

  it('raising an objection succeeds: it is stored, and the form says when it will be answered', async () => {
    const before = await objectionCount();
    const page = await openPage(OBJECTION, { noticeId: FIRE_NOTICE });
    const form = page.instance as unknown as FormPage;

    form.onTextChange({ detail: { value: '三组陈家的房子只烧了厨房，请再核查一下。' } });
    form.onContactChange({ detail: { value: '村东头小卖部' } });
    expect(textOf(page)).toContain('还可以写 480 字');
    await tap(findByText(page, '.t-button--t-button', '提交异议'));
    await waitFor(() => page.data.done !== null);

    expect(await objectionCount()).toBe(before + 1);
    const text = textOf(page);
    expect(text).toContain('异议已提交');
    expect(text).toContain('异议已收到');
    expect(text).toContain('答复期限：');
    const raised = recordedCalls().filter((call) => call.event.action === 'raiseObjection');
    expect(raised).toHaveLength(1);
    expect(raised[0]?.event).toMatchObject({ noticeId: FIRE_NOTICE, contact: '村东头小卖部' });

    // The answer is followed on 我的异议.
    await tap(findByText(page, '.t-button--t-button', '查看我的异议'));
    expect(navigations()).toEqual(['/pages/my-objections/index']);
  });
});
