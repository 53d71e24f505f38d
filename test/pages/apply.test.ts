/** The applicant's pages over the real backend, as demo-applicant (李秀英). */
import { usePageBackend } from '../support/page-backend';
import { navigations, setNetworkDown } from '../support/simulate-setup';
import { findByText, openPage, silenceConsoleError, tap, textOf, textsOf, waitFor } from '../support/simulate-pages';
import type { PageComponent } from '../support/simulate-pages';
import { setDemoCaller } from '../../miniprogram/services/cloud';
import { makeIdNumber } from '../../miniprogram/domain/id-number';
import { CONSENT_TEXT_VERSION, HOUSEHOLD_CATEGORY_HINTS } from '../../miniprogram/domain/relief';
import type { MyCaseItem } from '../../miniprogram/domain/case';
import { APPLICANT_NAME_NEEDED, DRAFT_KEY, toApplicationInput } from '../../miniprogram/pages/apply/view';
import { COLLECTIONS } from '../../server/collections';
import type { CaseDoc } from '../../server/cases/model';
import { loadDraft } from '../../miniprogram/utils/drafts';

const APPLY = 'pages/apply/index';
const MY_CASES = 'pages/my-cases/index';
const CASE = 'pages/case/index';
const WANGJIA = 'soc-wangjia';

// The first render loads TDesign's components: seconds on a busy 2-core machine, over jest's 5 s default.
jest.setTimeout(30_000);

const backend = usePageBackend();

beforeEach(() => {
  setDemoCaller('demo-applicant');
});

interface ApplyInstance {
  onInput(event: unknown): void;
  onPick(event: unknown): void;
  onToggleConsent(event: unknown): void;
  onNext(): void;
  onSubmit(): Promise<void>;
}

const apply = (page: PageComponent) => page.instance as unknown as ApplyInstance;
const input = (field: string, value: string) => ({ currentTarget: { dataset: { field } }, detail: { value } });
const pick = (field: string, value: string) => ({ currentTarget: { dataset: { field, value } }, detail: {} });

async function myCases(): Promise<MyCaseItem[]> {
  const answer = (await backend().call('applications', { action: 'myCases' }, 'demo-applicant')) as {
    ok: boolean;
    data: { items: MyCaseItem[] };
  };
  expect(answer.ok).toBe(true);
  return answer.data.items;
}

/** Fills all three steps for 李秀英's mother, a 低保 household (supplementary relief). */
async function fillForm(page: PageComponent, idNumber: string): Promise<void> {
  apply(page).onPick(pick('cause', 'accident'));
  apply(page).onPick(pick('assistance', 'dibao'));
  await tap(findByText(page, '.t-button--t-button', '下一步'));
  expect(page.data.step).toBe(1);
  apply(page).onPick(pick('relationship', 'parent'));
  apply(page).onInput(input('name', '王桂兰'));
  apply(page).onInput(input('idNumber', idNumber));
  apply(page).onInput(input('description', '母亲骑车摔伤住院，手术费用负担不起'));
  await tap(findByText(page, '.t-button--t-button', '下一步'));
  expect(page.data.step).toBe(2);
  apply(page).onToggleConsent({ currentTarget: { dataset: { field: 'consentProcessing' } } });
  apply(page).onToggleConsent({ currentTarget: { dataset: { field: 'consentNotice' } } });
}

describe('apply page', () => {
  it('R-ELIG-3, R-CAP-1: the helper first says which relief and cap apply, and why', async () => {
    const page = await openPage(APPLY, { societyId: WANGJIA });
    expect(textOf(page)).toContain('可以申请，入户核实后决定是否给予应急救助');
    apply(page).onPick(pick('assistance', 'dibao'));
    await waitFor(() => page.data.screen.eligibility.capText === '适用：补充救助');
    expect(textsOf(page, '.main--eligibility__summary')).toEqual(['可以申请补充救助，每人次最多 500元']);
    expect(textOf(page)).toContain('您家正在享受最低生活保障（低保）');
    // Issue 11: the chosen help carries ✓ and is announced as a ticked box, not colour alone.
    expect(textsOf(page, '.jj-choice--jj-choice--on')).toContain('✓最低生活保障（低保）');
    const ticked = page
      .querySelectorAll('.assistance-choice')
      .filter((chip) => chip.data.on)
      .map((chip) => [chip.data.label, chip.data.multiple]);
    expect(ticked).toEqual([['最低生活保障（低保）', true]]);
  });

  it('without a society id, submits to the society of the caller (李秀英: 王家村)', async () => {
    const before = await myCases();
    const page = await openPage(APPLY, {});
    await fillForm(page, makeIdNumber({ birthDate: '1949-01-20', sequence: 63 }));
    await apply(page).onSubmit();
    expect(page.data.errorMessage).toBe('');
    const after = await myCases();
    expect(after).toHaveLength(before.length + 1);
    expect(after.every((entry) => entry.societyId === WANGJIA)).toBe(true);
  });

  it('R-PROC-1: submits the form (the consent version sent, not shown), and the case appears in my cases', async () => {
    const before = await myCases();
    const page = await openPage(APPLY, { societyId: WANGJIA });
    await fillForm(page, makeIdNumber({ birthDate: '1950-03-02', sequence: 41 }));
    expect(textOf(page)).not.toContain(CONSENT_TEXT_VERSION);
    expect(textOf(page)).toContain('政府救助证明');

    await tap(findByText(page, '.t-button--t-button', '提交申请'));
    await waitFor(() => navigations().length > 0);

    const after = await myCases();
    expect(after).toHaveLength(before.length + 1);
    const created = after.find((item) => !before.some((old) => old.id === item.id))!;
    expect(created).toMatchObject({ beneficiaryName: '王桂兰', stateLabel: '已提交，待受理' });
    expect(navigations()[0]).toContain(`caseId=${created.id}`);
    expect(page.data.errorMessage).toBe('');

    const list = await openPage(MY_CASES);
    expect(textOf(list)).toContain('王桂兰（父母）· 意外事故');
    expect(textOf(list)).toContain('已提交，待受理');
  });

  it('R-PROC-6 (PIPL): an applicant may withhold the notice consent; the case is taken and records it', async () => {
    const before = await myCases();
    const page = await openPage(APPLY, { societyId: WANGJIA });
    await fillForm(page, makeIdNumber({ birthDate: '1951-06-12', sequence: 27 }));
    // Untick the notice consent: processing alone is enough to apply.
    apply(page).onToggleConsent({ currentTarget: { dataset: { field: 'consentNotice' } } });
    expect(page.data.form.consentNotice).toBe(false);

    await apply(page).onSubmit();

    expect(page.data.errorMessage).toBe('');
    const after = await myCases();
    expect(after).toHaveLength(before.length + 1);
    const created = after.find((item) => !before.some((old) => old.id === item.id))!;
    const stored = await backend().ports.store.get<CaseDoc>(COLLECTIONS.cases, created.id);
    expect(stored?.consent).toMatchObject({ processing: true, publicNotice: false, textVersion: CONSENT_TEXT_VERSION });
  });

  it('a bad ID number shows the backend Chinese error and creates nothing', async () => {
    const before = await myCases();
    const page = await openPage(APPLY, { societyId: WANGJIA });
    await fillForm(page, '999999195003020000');

    await apply(page).onSubmit();

    expect(page.data.errorMessage).toMatch(/身份证/);
    expect(textsOf(page, '.main--apply-error')).toEqual([page.data.errorMessage]);
    expect(await myCases()).toHaveLength(before.length);
  });

  it('a submit retried after a network failure creates one case (same request id)', async () => {
    silenceConsoleError();
    const before = await myCases();
    const page = await openPage(APPLY, { societyId: WANGJIA });
    await fillForm(page, makeIdNumber({ birthDate: '1952-07-09', sequence: 52 }));
    const requestId = page.data.requestId as string;

    // The first answer is lost on the way back: the case exists, the phone does not know it.
    const real = backend();
    await real.call(
      'applications',
      {
        action: 'submit',
        ...toApplicationInput(page.data.form, requestId, WANGJIA),
      },
      'demo-applicant',
    );
    setNetworkDown(true);
    await apply(page).onSubmit();
    expect(page.data.errorMessage).not.toBe('');
    setNetworkDown(false);
    await apply(page).onSubmit();
    expect(page.data.errorMessage).toBe('');

    expect(await myCases()).toHaveLength(before.length + 1);
  });

  it('keeps a draft on every change and restores it on open', async () => {
    const first = await openPage(APPLY, { societyId: WANGJIA });
    apply(first).onPick(pick('cause', 'accident'));
    await tap(findByText(first, '.t-button--t-button', '下一步'));
    apply(first).onInput(input('name', '赵大山'));
    const saved = loadDraft(DRAFT_KEY) as { requestId: string };
    expect(saved.requestId).toBe(first.data.requestId);

    const again = await openPage(APPLY, { societyId: WANGJIA });
    expect(again.data.restored).toBe(true);
    expect(again.data.step).toBe(1);
    expect(again.data.form).toMatchObject({ cause: 'accident', name: '赵大山' });
    expect(again.data.requestId).toBe(saved.requestId);
    expect(textOf(again)).toContain('已恢复您上次填写的内容');
  });
});

describe('apply page, step 1 in plain words (issue 11)', () => {
  it('explains each household category in one line, and 不清楚 leads to 入户核实后确定救助类型 (R-ELIG-4)', async () => {
    const page = await openPage(APPLY, { societyId: WANGJIA });
    const categories = Array.from(page.dom?.querySelectorAll('.main--category-choice') ?? []);
    expect(categories.map((row) => row.querySelector('.jj-choice--jj-choice__label')?.textContent)).toEqual([
      '低保边缘家庭',
      '防止返贫监测对象',
      '支出型困难家庭',
      '以上都不是',
      '不清楚，由村里核实',
    ]);
    for (const category of ['nearDibao', 'relapseMonitored', 'expenditureHardship', 'unsure'] as const) {
      expect(textOf(page)).toContain(HOUSEHOLD_CATEGORY_HINTS[category]);
    }

    await tap(findByText(page, '.main--category-choice', '不清楚，由村里核实'));
    await waitFor(() => page.data.form.category === 'unsure');
    expect(textsOf(page, '.main--eligibility__summary')).toEqual(['可以申请，入户核实后确定救助类型']);
    expect(textsOf(page, '.main--category-choice .jj-choice--jj-choice--on')).toEqual([
      `✓不清楚，由村里核实${HOUSEHOLD_CATEGORY_HINTS.unsure}`,
    ]);

    // It is not a refusal: the form goes on, and the eligibility block stays on step 1.
    await tap(findByText(page, '.t-button--t-button', '下一步'));
    expect(page.data.step).toBe(1);
    expect(page.dom?.querySelector('.main--eligibility')).toBeNull();
    apply(page).onInput(input('name', '孙二妹'));
    apply(page).onInput(input('idNumber', makeIdNumber({ birthDate: '1972-03-08', sequence: 45 })));
    apply(page).onInput(input('description', '丈夫车祸住院'));
    await tap(findByText(page, '.t-button--t-button', '下一步'));
    expect(page.data.step).toBe(2);
    expect(page.dom?.querySelector('.main--eligibility')).toBeNull();
    expect(textOf(page)).not.toContain(CONSENT_TEXT_VERSION);
  });

  it('a first-time caller applying for a parent is asked their own name, and the cloud records it', async () => {
    setDemoCaller('wx-first-time-daughter');
    const page = await openPage(APPLY, { societyId: WANGJIA });
    await waitFor(() => page.data.newApplicant === true);
    await tap(findByText(page, '.t-button--t-button', '下一步'));
    apply(page).onPick(pick('relationship', 'parent'));
    apply(page).onInput(input('name', '吴老汉'));
    apply(page).onInput(input('idNumber', makeIdNumber({ birthDate: '1948-05-05', sequence: 47 })));
    apply(page).onInput(input('description', '父亲突发脑出血住院'));
    await waitFor(() => textOf(page).includes('您本人（申请人）的姓名'));
    await tap(findByText(page, '.t-button--t-button', '下一步'));
    expect(page.data.errorMessage).toBe(APPLICANT_NAME_NEEDED);
    apply(page).onInput(input('applicantName', '吴小梅'));
    await tap(findByText(page, '.t-button--t-button', '下一步'));
    expect(page.data.step).toBe(2);
    apply(page).onToggleConsent({ currentTarget: { dataset: { field: 'consentProcessing' } } });
    await apply(page).onSubmit();
    await waitFor(() => navigations().length > 0);

    const me = (await backend().call('societies', { action: 'me' }, 'wx-first-time-daughter')) as {
      ok: boolean;
      data: { name: string; roles: Array<{ role: string }> };
    };
    expect(me.data.name).toBe('吴小梅');
    expect(me.data.roles.map((grant) => grant.role)).toEqual(['applicant']);
  });
});

describe('case progress page', () => {
  it("R-PROC-1: shows the seeded case demo-case-04's steps, newest first", async () => {
    const page = await openPage(CASE, { caseId: 'demo-case-04' });
    expect(page.data.state).toBe('ready');
    expect(textsOf(page, '.main--timeline__label')).toEqual(['受理', '提交申请']);
    expect(textOf(page)).toContain('张国强（配偶）');
    expect(textOf(page)).toContain('已受理，待入户核查');
  });
});
