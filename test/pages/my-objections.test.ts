/**
 * 我的异议: whoever objected to a public notice follows it to the society's answer — from home,
 * from the notice, from the form once sent — and sees only their own objections, masked as the
 * notice is. Rendered with TDesign over the seeded backend (demo-resident objected to the
 * house-fire notice on 11-30 09:10; now is 11-30 14:00).
 */
import { usePageBackend } from '../support/page-backend';
import { navigations } from '../support/simulate-setup';
import { findByText, openPage, tap, textOf, textsOf } from '../support/simulate-pages';
import { setDemoCaller } from '../../miniprogram/services/cloud';
import { DEMO_NOW } from '../support/test-backend';
import { NO_OBJECTIONS_MESSAGE, toMyObjectionRow } from '../../miniprogram/pages/my-objections/view';

const MY_OBJECTIONS = 'pages/my-objections/index';
const NOTICE = 'pages/notice/index';
const HOME = 'pages/home/index';
const FIRE_NOTICE = 'notice-demo-case-03';
const SEED_OBJECTION = 'obj-seed-objection-demo-case-03';
const STRANGER = 'o-stranger-never-objected';

jest.setTimeout(30_000);

const backend = usePageBackend();

afterEach(() => backend().ports.clock.set(DEMO_NOW));

const homeTitles = (page: Awaited<ReturnType<typeof openPage>>) => textsOf(page, '.t-cell--t-cell__title-text');

describe('my objections page', () => {
  it('R-OVS-3: the resident sees their open objection, the masked notice, when raised and the answer deadline', async () => {
    setDemoCaller('demo-resident');
    const page = await openPage(MY_OBJECTIONS);

    expect(page.data.state).toBe('ready');
    expect(page.data.objections).toHaveLength(1);
    expect(textsOf(page, '.main--objection-row__society')).toEqual(['王家村救急难互助社']);
    expect(textsOf(page, '.main--objection-row__notice')).toEqual(['王家村第三村民小组 陈*山 应急救助 1000元']);
    const text = textOf(page);
    expect(text).toContain('听说陈家烧的主要是厨房');
    expect(text).toContain('2026年11月30日 09:10 提出');
    expect(textsOf(page, '.t-tag--t-tag__text')).toEqual(['待答复']);
    expect(textsOf(page, '.main--objection-row__due')[0]).toMatch(/^互助社答复截止 12月\d+日 \d\d:\d\d，剩余/);
    expect(text).not.toContain('互助社答复：');
    // Masked as the notice is: never the recipient's full name.
    expect(text).not.toContain('陈大山');

    await tap(findByText(page, '.main--line--link', '查看公示'));
    expect(navigations()).toEqual([`/pages/notice/index?noticeId=${FIRE_NOTICE}`]);
  });

  it('past the answer deadline, says it is overdue and where to turn', async () => {
    backend().ports.clock.set('2026-12-10T10:00:00+08:00');
    setDemoCaller('demo-resident');
    const page = await openPage(MY_OBJECTIONS);

    const due = textsOf(page, '.main--objection-row__due')[0] ?? '';
    expect(due).toMatch(/^答复已超时 .+，可向村监督委员会或乡镇反映$/);
    expect(page.data.objections[0].overdue).toBe(true);
  });

  it('someone else never sees them: a caller who objected to nothing gets the empty message', async () => {
    setDemoCaller(STRANGER);
    const page = await openPage(MY_OBJECTIONS);

    expect(page.data.state).toBe('ready');
    expect(page.data.objections).toEqual([]);
    expect(textOf(page)).toContain(NO_OBJECTIONS_MESSAGE);
    expect(textOf(page)).not.toContain('陈*山');
    // Issue 11: the empty list is the shared empty state (jj-screen-state), its 返回首页 leads home.
    expect(textsOf(page, '.jj-screen-state--jj-screen-state--empty .t-empty--t-empty__description')).toEqual([
      NO_OBJECTIONS_MESSAGE,
    ]);
    await tap(findByText(page, '.jj-screen-state--jj-screen-state--empty .t-button--t-button', '返回首页'));
    expect(navigations()).toEqual(['/pages/home/index']);
  });

  it('once the secretary answers, the resident reads the answer, its outcome and when; no deadline left', async () => {
    const answered = await backend().call(
      'notices',
      {
        action: 'answerObjection',
        objectionId: SEED_OBJECTION,
        answer: '经再次入户核查，厨房和堂屋均烧毁，按应急救助档次发放，符合本社标准。',
        outcome: 'notUpheld',
      },
      'demo-secretary',
    );
    expect(answered.ok).toBe(true);

    setDemoCaller('demo-resident');
    const page = await openPage(MY_OBJECTIONS);

    expect(textsOf(page, '.t-tag--t-tag__text')).toEqual(['已答复']);
    const text = textOf(page);
    expect(text).toContain('互助社答复：异议不成立，已说明情况');
    expect(text).toContain('经再次入户核查，厨房和堂屋均烧毁');
    expect(text).toContain('2026年11月30日 14:00 答复');
    expect(text).not.toContain('超过答复期限');
    expect(textsOf(page, '.main--objection-row__due')).toEqual([]);
  });
});

describe('the ways to 我的异议', () => {
  it('home shows 我的异议 to whoever has objected, and opens it', async () => {
    setDemoCaller('demo-resident');
    const page = await openPage(HOME);

    expect(homeTitles(page)).toContain('我的异议');
    await tap(findByText(page, '.t-cell--t-cell', '我的异议'));
    expect(navigations()).toEqual(['/pages/my-objections/index']);
  });

  it('home shows no 我的异议 to a caller who never objected', async () => {
    setDemoCaller('demo-member');
    const page = await openPage(HOME);

    expect(page.data.state).toBe('ready');
    expect(homeTitles(page)).not.toContain('我的异议');
  });

  it('the notice tells its objector what they raised there and links to the answers', async () => {
    setDemoCaller('demo-resident');
    const page = await openPage(NOTICE, { noticeId: FIRE_NOTICE });

    expect(page.data.screen.mineText).toMatch(/^您对这条公示提出过 1 条异议，/);
    await tap(findByText(page, '.t-button--t-button', '查看我的异议和答复'));
    expect(navigations()).toEqual(['/pages/my-objections/index']);
  });

  it('the notice shows no such line to someone who did not object', async () => {
    setDemoCaller(STRANGER);
    const page = await openPage(NOTICE, { noticeId: FIRE_NOTICE });

    expect(page.data.state).toBe('ready');
    expect(page.data.screen.mineText).toBe('');
    expect(textOf(page)).not.toContain('查看我的异议');
  });
});

describe('my objection row (pure)', () => {
  const answered = {
    id: 'obj-1',
    noticeId: 'notice-x',
    societyName: '王家村救急难互助社',
    noticeTitle: '应急救助 1000元（未公开姓名）',
    text: '金额有误',
    raisedAt: '2026-11-30T01:10:00.000Z',
    dueAt: '2026-12-03T01:10:00.000Z',
    dueText: '已完成（超时）',
    dueNote: null,
    overdue: false,
    status: 'answered' as const,
    statusLabel: '已答复',
    answer: { text: '已核实', outcomeLabel: '异议成立，已纠正或将纠正', at: '2026-12-04T02:00:00.000Z', late: true },
  };

  it('an answer given after the deadline says so, in Beijing time; no deadline line once answered', () => {
    const row = toMyObjectionRow(answered);
    expect(row.answer).toEqual({
      outcomeLabel: '异议成立，已纠正或将纠正',
      text: '已核实',
      atText: '2026年12月4日 10:00 答复（超过答复期限）',
    });
    expect(row.dueText).toBe('');
    expect(row.raisedText).toBe('2026年11月30日 09:10 提出');
    expect(row.statusTheme).toBe('success');
    expect(row.noticeUrl).toBe('/pages/notice/index?noticeId=notice-x');
  });

  it('R-OVS-3: an open objection whose deadline is counted across a year not yet arranged says 暂定 and why', () => {
    const note = '2027年的放假调休安排还未录入，截止时间按法定节假日推算（暂定），录入后会自动重新计算';
    const row = toMyObjectionRow({
      ...answered,
      status: 'open',
      answer: null,
      dueText: '截止 1月5日 09:10（暂定），剩余 2天',
      dueNote: note,
    });
    expect(row.dueText).toBe('互助社答复截止 1月5日 09:10（暂定），剩余 2天');
    expect(row.dueNote).toBe(note);
    expect(toMyObjectionRow(answered).dueNote).toBe('');
  });
});
