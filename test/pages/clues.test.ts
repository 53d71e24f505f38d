/**
 * Issue 13 pages over the real backend: 反映线索 (anyone, from the society page), 我的线索, the
 * officers' 线索 queue (立案 through the intake form, or 关闭), and 帮办.
 */
import { usePageBackend } from '../support/page-backend';
import { DEMO_NOW } from '../support/test-backend';
import { navigations, recordedCalls } from '../support/simulate-setup';
import { findByText, loadPage, openPage, tap, textOf, textsOf, waitFor } from '../support/simulate-pages';
import type { PageComponent } from '../support/simulate-pages';
import { setDemoCaller } from '../../miniprogram/services/cloud';
import { makeIdNumber } from '../../miniprogram/domain/id-number';
import { COLLECTIONS } from '../../server/collections';
import type { ClueDoc } from '../../server/clues/usecases';
import type { CaseDoc } from '../../server/cases/model';
import type { MyClueItem } from '../../miniprogram/domain/clues';
import { clueProblems, emptyClueForm } from '../../miniprogram/pages/clue/view';
import { toMyClueRow } from '../../miniprogram/pages/my-clues/view';
import { FORBIDDEN_CLUES_MESSAGE, intakeFromClueUrl } from '../../miniprogram/packages/officer/pages/clues/view';
import { helpProblem, emptyHelpForm, updateProblem } from '../../miniprogram/packages/officer/pages/helps/view';

const SOCIETY_PAGE = 'pages/society/index';
const CLUE = 'pages/clue/index';
const MY_CLUES = 'pages/my-clues/index';
const HOME = 'pages/home/index';
const CLUES = 'packages/officer/pages/clues/index';
const INTAKE = 'packages/officer/pages/intake/index';
const HELPS = 'packages/officer/pages/helps/index';
const WANGJIA = 'soc-wangjia';

const backend = usePageBackend();

beforeAll(() => {
  [SOCIETY_PAGE, CLUE, MY_CLUES, HOME, CLUES, INTAKE, HELPS].forEach((page) => loadPage(page));
}, 90_000);

afterEach(() => backend().ports.clock.set(DEMO_NOW));

type Handler = (event?: unknown) => unknown;
interface Instance {
  onField: Handler;
  onNamed: Handler;
  onInput: Handler;
  onPick: Handler;
  onToggleConsent: Handler;
  onSubmit: () => Promise<void>;
  onReason: Handler;
  onProgramme: Handler;
  onOutcome: Handler;
  onUpdateField: Handler;
}
const instance = (page: PageComponent) => page.instance as unknown as Instance;
const field = (name: string, value: string) => ({ currentTarget: { dataset: { field: name } }, detail: { value } });
const pick = (value: string) => ({ currentTarget: { dataset: { value } }, detail: {} });

let seq = 0;
async function reportAs(openid: string, overrides: Record<string, unknown> = {}): Promise<MyClueItem> {
  const answer = (await backend().call(
    'applications',
    {
      action: 'reportClue',
      requestId: `page-clue-${(seq += 1)}`,
      societyId: WANGJIA,
      personHint: '三组的吴老伯',
      whatHappened: '独居，摔断了腿，没人照顾',
      anonymous: true,
      ...overrides,
    },
    openid,
  )) as { ok: boolean; data: MyClueItem };
  expect(answer.ok).toBe(true);
  return answer.data;
}

describe('the clue form, for anyone', () => {
  it('the society page offers 反映线索 to anyone and opens the form for that society', async () => {
    setDemoCaller('o-passer-by');
    const page = await openPage(SOCIETY_PAGE, { societyId: WANGJIA });
    await tap(findByText(page, '.t-button--t-button', '反映线索'));
    expect(navigations()).toEqual([`/pages/clue/index?societyId=${WANGJIA}`]);
  });

  it('R-PROC-1: a first-time caller reports anonymously; 我的线索 then shows it, naming nobody', async () => {
    setDemoCaller('o-first-time-clue');
    const page = await openPage(CLUE, { societyId: WANGJIA });
    expect(textOf(page)).toContain('王家村救急难互助社');
    instance(page).onField(field('personHint', '四组的孙奶奶（孙桂芝）'));
    instance(page).onField(field('whatHappened', '老伴去世，自己又查出肾病'));
    await tap(findByText(page, '.t-button--t-button', '提交线索'));
    await waitFor(() => page.data.done === true);
    expect(textOf(page)).toContain('线索已送到互助社');

    const sent = recordedCalls().find((call) => call.event.action === 'reportClue')!;
    expect(sent.event).toMatchObject({ anonymous: true, personHint: '四组的孙奶奶（孙桂芝）', photoFileId: null });
    const stored = await backend().ports.store.find<ClueDoc>(COLLECTIONS.clues, { where: { societyId: WANGJIA } });
    expect(stored.some((doc) => doc.source === 'anonymous' && doc.reporterUserId === null)).toBe(true);

    await tap(findByText(page, '.t-button--t-button', '查看我的线索'));
    expect(navigations()).toContain('/pages/my-clues/index');
    const mine = await openPage(MY_CLUES);
    expect(textsOf(mine, '.t-tag--t-tag__text')).toEqual(['已收到，等待互助社处理']);
    expect(textOf(mine)).toContain('匿名反映');
    expect(textOf(mine)).not.toContain('孙');
  });

  it('a named clue from someone unknown asks for their name first: nothing is sent without it', async () => {
    setDemoCaller('o-named-clue');
    const page = await openPage(CLUE, { societyId: WANGJIA });
    instance(page).onField(field('personHint', '吴老伯'));
    instance(page).onField(field('whatHappened', '家里房子漏雨，人又病了'));
    instance(page).onNamed();
    await simulateSleep();
    expect(textOf(page)).toContain('您的姓名');
    await tap(findByText(page, '.t-button--t-button', '提交线索'));
    expect(page.data.formError).toContain('请填写您的姓名');
    expect(recordedCalls().some((call) => call.event.action === 'reportClue')).toBe(false);
  });

  it('view: what the form checks, and the reporter row carries only the outcome wording', () => {
    expect(clueProblems(emptyClueForm(), true)).toHaveLength(2);
    const named = { ...emptyClueForm(), personHint: '吴老伯', whatHappened: '摔伤住院了', anonymous: false };
    expect(clueProblems(named, true)).toEqual(['请填写您的姓名，或选择匿名反映']);
    expect(clueProblems(named, false)).toEqual([]);
    const row = toMyClueRow({
      id: 'clue-x',
      societyName: '王家村救急难互助社',
      reportedAt: '2026-11-30T06:00:00.000Z',
      anonymous: false,
      outcome: 'relieved',
      outcomeLabel: '已救助',
    });
    expect(row).toEqual({
      id: 'clue-x',
      societyName: '王家村救急难互助社',
      reportedText: '2026年11月30日 14:00 实名反映',
      outcomeLabel: '已救助',
      outcomeTheme: 'success',
    });
  });
});

describe('home', () => {
  it('whoever reported a clue finds 我的线索 on home; a volunteer finds 反映线索 and 我的线索', async () => {
    await reportAs('o-home-clue');
    setDemoCaller('o-home-clue');
    const home = await openPage(HOME);
    expect(textsOf(home, '.t-cell--t-cell__title-text')).toContain('我的线索');

    const invitation = (await backend().call(
      'societies',
      {
        action: 'createInvitation',
        requestId: 'inv-page-volunteer',
        societyId: WANGJIA,
        role: 'volunteer',
        inviteeName: '驻村队员小陈',
      },
      'demo-secretary',
    )) as { ok: boolean; data: { code: string } };
    expect(invitation.ok).toBe(true);
    expect(
      (
        await backend().call(
          'societies',
          { action: 'acceptInvitation', code: invitation.data.code },
          'o-volunteer-home',
        )
      ).ok,
    ).toBe(true);
    setDemoCaller('o-volunteer-home');
    const volunteerHome = await openPage(HOME);
    const titles = textsOf(volunteerHome, '.t-cell--t-cell__title-text');
    expect(titles).toEqual(expect.arrayContaining(['反映线索', '我的线索']));
    expect(titles.filter((title) => title === '我的线索')).toHaveLength(1);
    expect(titles).not.toContain('工作台');
  });
});

describe('the officers’ clue queue', () => {
  it('lists open clues with what was reported; 立案 opens the intake form with the clue', async () => {
    const reported = await reportAs('o-queue-clue', {
      personHint: '五组的郑大姐',
      whatHappened: '丈夫车祸住院，两个孩子上学',
    });
    setDemoCaller('demo-secretary');
    const page = await openPage(CLUES, { societyId: WANGJIA });
    expect(page.data.state).toBe('ready');
    const row = findByText(page, '.main--clue-row', '五组的郑大姐');
    expect(row.textContent).toContain('反映人：匿名');
    expect(row.textContent).toContain('丈夫车祸住院');
    await tap(buttonIn(row, '立案'));
    expect(navigations()).toEqual([intakeFromClueUrl(WANGJIA, reported.id)]);

    const intake = await openPage(INTAKE, { societyId: WANGJIA, clueId: reported.id });
    expect(textOf(intake)).toContain('来自线索：匿名反映（反映人：匿名）');
    expect(textOf(intake)).toContain('五组的郑大姐');
    expect(intake.data.form.discoveredHow).toBe('匿名反映线索');
    const form = instance(intake);
    form.onInput(field('name', '郑秀兰'));
    form.onInput(field('idNumber', makeIdNumber({ birthDate: '1982-03-03', sequence: 431 })));
    form.onPick({ currentTarget: { dataset: { field: 'cause', value: 'accident' } }, detail: {} });
    form.onInput(field('description', '丈夫车祸住院，家里没有收入'));
    form.onPick({ currentTarget: { dataset: { field: 'category', value: 'expenditureHardship' } }, detail: {} });
    form.onToggleConsent({ currentTarget: { dataset: { field: 'consentProcessing' } } });
    await form.onSubmit();
    const clue = await backend().ports.store.get<ClueDoc>(COLLECTIONS.clues, reported.id);
    expect(clue).toMatchObject({ status: 'caseOpened' });
    const opened = await backend().ports.store.get<CaseDoc>(COLLECTIONS.cases, clue!.caseId!);
    expect(opened!.discovery).toMatchObject({ clueId: reported.id, how: '匿名反映线索' });
  });

  it('关闭 needs a reason; once closed the row says so and offers nothing more', async () => {
    const reported = await reportAs('o-close-clue', { personHint: '六组的冯大爷' });
    setDemoCaller('demo-secretary');
    const page = await openPage(CLUES, { societyId: WANGJIA });
    const row = () => findByText(page, '.main--clue-row', '六组的冯大爷');
    await tap(buttonIn(row(), '关闭'));
    await tap(buttonIn(row(), '确认关闭'));
    expect(page.data.closeError).toContain('请写明关闭的理由');
    expect((await backend().ports.store.get<ClueDoc>(COLLECTIONS.clues, reported.id))!.status).toBe('open');
    instance(page).onReason({ detail: { value: '已核实，其子女已接回照顾' } });
    await tap(buttonIn(row(), '确认关闭'));
    await waitFor(() => (row().textContent ?? '').includes('已关闭'));
    expect(row().textContent).toContain('已核实，其子女已接回照顾');
    expect(row().querySelectorAll('.t-button--t-button')).toHaveLength(0);
  });

  it('the supervisor reads the queue without buttons; a resident is turned away', async () => {
    await reportAs('o-supervised-clue', { personHint: '七组的褚阿姨' });
    setDemoCaller('demo-supervisor');
    const page = await openPage(CLUES, { societyId: WANGJIA });
    const row = findByText(page, '.main--clue-row', '七组的褚阿姨');
    expect(row.querySelectorAll('.t-button--t-button')).toHaveLength(0);
    setDemoCaller('demo-resident');
    const refused = await openPage(CLUES, { societyId: WANGJIA });
    expect(refused.data.state).toBe('forbidden');
    expect(textOf(refused)).toContain(FORBIDDEN_CLUES_MESSAGE);
  });
});

describe('帮办', () => {
  it('the secretary records a 帮办 and then its outcome; the list shows both', async () => {
    setDemoCaller('demo-secretary');
    const page = await openPage(HELPS, { societyId: WANGJIA });
    await tap(findByText(page, '.t-button--t-button', '登记帮办'));
    const form = instance(page);
    form.onField(field('personName', '蒋玉梅'));
    form.onProgramme(pick('seriousIllness'));
    form.onField(field('appliedOn', '2026-11-25'));
    form.onField(field('followUpOn', '2026-12-05'));
    await tap(findByText(page, '.t-button--t-button', '保存'));
    await waitFor(() => textsOf(page, '.main--help-row').some((text) => text.includes('蒋玉梅')));
    const row = () => findByText(page, '.main--help-row', '蒋玉梅');
    expect(row().textContent).toContain('大病保险');
    expect(row().textContent).toContain('办理中');
    expect(row().textContent).toContain('2026-11-25 申请');

    await tap(buttonIn(row(), '更新结果'));
    form.onOutcome(pick('approved'));
    form.onUpdateField(field('outcomeText', '大病保险二次报销 8,000 元已到账'));
    await tap(buttonIn(row(), '保存结果'));
    await waitFor(() => (row().textContent ?? '').includes('已获批'));
    expect(row().textContent).toContain('二次报销');
  });

  it('opened from a case (帮办政府救助 on the case page), the new 帮办 is linked to that case', async () => {
    setDemoCaller('demo-secretary');
    const page = await openPage(HELPS, { societyId: WANGJIA, caseId: 'demo-case-04' });
    await tap(findByText(page, '.t-button--t-button', '登记帮办'));
    const form = instance(page);
    form.onField(field('personName', '张国强'));
    form.onProgramme(pick('dibao'));
    form.onField(field('appliedOn', '2026-11-28')); // the phone's today is not the stack's fixed "now"

    await tap(findByText(page, '.t-button--t-button', '保存'));
    await waitFor(() => textsOf(page, '.main--help-row').some((text) => text.includes('张国强')));
    const row = findByText(page, '.main--help-row', '张国强');
    expect(row.textContent).toContain('关联案件 2026-004');
    const sent = recordedCalls().find((call) => call.event.action === 'recordHelp')!;
    expect(sent.event).toMatchObject({ caseId: 'demo-case-04', programme: 'dibao', appliedOn: '2026-11-28' });
  });

  it('the supervisor reads 帮办 without recording; a resident is turned away', async () => {
    setDemoCaller('demo-supervisor');
    const page = await openPage(HELPS, { societyId: WANGJIA });
    expect(page.data.state).toBe('ready');
    expect(textOf(page)).not.toContain('登记帮办');
    setDemoCaller('demo-resident');
    expect((await openPage(HELPS, { societyId: WANGJIA })).data.state).toBe('forbidden');
  });

  it('view: the forms refuse what the server would refuse', () => {
    const form = { ...emptyHelpForm('2026-11-30'), personName: '蒋玉梅', programme: 'other' as const };
    expect(helpProblem(form, '2026-11-30')).toContain('写明帮办的是什么项目');
    expect(helpProblem({ ...form, programme: 'dibao', appliedOn: '2026-12-01' }, '2026-11-30')).toBe(
      '申请日期不能晚于今天',
    );
    expect(helpProblem({ ...form, programme: 'dibao', followUpOn: '2026-11-01' }, '2026-11-30')).toBe(
      '跟进日期不能早于申请日期',
    );
    expect(helpProblem({ ...form, programme: 'dibao' }, '2026-11-30')).toBe('');
    expect(updateProblem({ helpId: 'h', outcome: 'refused', outcomeText: ' ', followUpOn: '' })).toContain(
      '写明办理结果',
    );
  });
});

/** A button of one row, by its text. */
function buttonIn(row: Element, text: string): Element {
  const found = Array.from(row.querySelectorAll('.t-button--t-button')).find((button) =>
    (button.textContent ?? '').includes(text),
  );
  if (!found) throw new Error(`no button "${text}" in: ${row.textContent ?? ''}`);
  return found;
}

function simulateSleep(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
