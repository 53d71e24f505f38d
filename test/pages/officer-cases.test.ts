/** The officer's case pages (queue, discovery intake, case detail) over the real backend. */
import { usePageBackend } from '../support/page-backend';
import { DEMO_NOW } from '../support/test-backend';
import { navigations, recordedCalls, recordedUploads, setNetworkDown } from '../support/simulate-setup';
import {
  findByText,
  loadPage,
  openPage,
  silenceConsoleError,
  tap,
  textOf,
  textsOf,
  waitFor,
} from '../support/simulate-pages';
import type { PageComponent } from '../support/simulate-pages';
import { setDemoCaller } from '../../miniprogram/services/cloud';
import { makeIdNumber } from '../../miniprogram/domain/id-number';
import { CONSENT_TEXT_VERSION } from '../../miniprogram/domain/relief';
import type { OfficerCaseView } from '../../miniprogram/domain/case';
import { COLLECTIONS } from '../../server/collections';
import type { CaseDoc } from '../../server/cases/model';
import type { AuditEventDoc } from '../../server/audit/trail';
import { sealAll } from '../support/audit';
import { caseDetailUrl, FORBIDDEN_QUEUE_MESSAGE } from '../../miniprogram/packages/officer/pages/cases/view';
import { BAD_ID_NUMBER_MESSAGE, FORBIDDEN_INTAKE_MESSAGE } from '../../miniprogram/packages/officer/pages/intake/view';
import {
  DECLINE_REASON_MISSING,
  FORBIDDEN_CASE_MESSAGE,
  visitUrl,
} from '../../miniprogram/packages/officer/pages/case/view';

const QUEUE = 'packages/officer/pages/cases/index';
const INTAKE = 'packages/officer/pages/intake/index';
const CASE = 'packages/officer/pages/case/index';
const WANGJIA = 'soc-wangjia';

const backend = usePageBackend();

// Loading the pages and their TDesign components is the slow part: once, outside any test's time.
beforeAll(() => {
  [QUEUE, INTAKE, CASE].forEach((page) => loadPage(page));
}, 60_000);

beforeEach(() => {
  setDemoCaller('demo-secretary');
});

afterEach(() => {
  backend().ports.clock.set(DEMO_NOW);
});

let sequence = 100;
function freshIdNumber(birthDate = '1960-04-15'): string {
  sequence += 1;
  return makeIdNumber({ birthDate, sequence });
}

/** 李秀英 applies through the real `applications` function; answers the new case id. */
async function applyAsVillager(name: string, idNumber: string, cause = 'accident'): Promise<string> {
  const answer = (await backend().call(
    'applications',
    {
      action: 'submit',
      requestId: `test-${idNumber}-${cause}`,
      societyId: WANGJIA,
      beneficiary: { name, idNumber, relationship: 'parent' },
      hukou: 'beneficiary',
      cause,
      description: '摔伤住院，家里负担不起',
      assistance: ['dibao'],
      category: 'other',
      livingAtRisk: true,
      consent: { processing: true, publicNotice: true, textVersion: CONSENT_TEXT_VERSION },
    },
    'demo-applicant',
  )) as { ok: boolean; data: { id: string }; error?: unknown };
  expect(answer).toMatchObject({ ok: true });
  return answer.data.id;
}

async function caseDoc(id: string): Promise<CaseDoc> {
  return (await backend().ports.store.get<CaseDoc>(COLLECTIONS.cases, id))!;
}

async function caseCount(): Promise<number> {
  return backend().ports.store.count(COLLECTIONS.cases, {});
}

async function auditOf(caseId: string): Promise<AuditEventDoc[]> {
  // As the minute timer would: what the case's steps kept on it is handed on and sealed.
  await sealAll(backend().ports.store);
  return backend().ports.store.find<AuditEventDoc>(COLLECTIONS.auditEvents, {
    where: { target: `${COLLECTIONS.cases}/${caseId}` },
  });
}

interface IntakeInstance {
  onAddPhoto(event: unknown): Promise<void>;
  onInput(event: unknown): void;
  onPick(event: unknown): void;
  onToggleConsent(event: unknown): void;
  onSubmit(): Promise<void>;
}
const intake = (page: PageComponent) => page.instance as unknown as IntakeInstance;
const input = (field: string, value: string) => ({ currentTarget: { dataset: { field } }, detail: { value } });
const pick = (field: string, value: string) => ({ currentTarget: { dataset: { field, value } }, detail: {} });

function fillIntake(page: PageComponent, idNumber: string): void {
  intake(page).onInput(input('name', '孙老汉'));
  intake(page).onInput(input('idNumber', idNumber));
  intake(page).onPick(pick('cause', 'majorIllness'));
  intake(page).onInput(input('description', '独居老人突发中风，无人照料'));
  intake(page).onPick(pick('category', 'expenditureHardship'));
  intake(page).onPick(pick('discoveredHow', '入户走访'));
  intake(page).onToggleConsent({ currentTarget: { dataset: { field: 'consentProcessing' } } });
  intake(page).onToggleConsent({ currentTarget: { dataset: { field: 'consentNotice' } } });
}

describe('case queue', () => {
  it('R-PROC-3: lists the open cases by deadline, the overdue one first and marked in red', async () => {
    // A discovery opened at 14:00 on Monday (visit due Tuesday 14:00) and an application not yet accepted.
    const discovery = (await backend().call(
      'approvals',
      {
        action: 'openDiscovery',
        requestId: 'test-queue-discovery',
        societyId: WANGJIA,
        person: { name: '周大伯', idNumber: freshIdNumber() },
        hukou: 'beneficiary',
        cause: 'accident',
        description: '农用车侧翻受伤',
        assistance: [],
        category: 'nearDibao',
        livingAtRisk: true,
        discoveredHow: '村民反映',
        consent: { processing: true, publicNotice: true, textVersion: CONSENT_TEXT_VERSION, method: 'verbal' },
      },
      'demo-secretary',
    )) as { ok: boolean; data: OfficerCaseView };
    expect(discovery.ok).toBe(true);
    const waiting = await applyAsVillager('吴阿婆', freshIdNumber('1950-02-02'));
    // Tuesday 10:00: 张国强's visit (due 09:30) is 30 minutes late; 周大伯's runs until 14:00.
    backend().ports.clock.set('2026-12-01T10:00:00+08:00');

    const page = await openPage(QUEUE, { societyId: WANGJIA });

    expect(page.data.state).toBe('ready');
    const ids = (page.data.screen.rows as Array<{ id: string }>).map((row) => row.id);
    expect(ids.indexOf('demo-case-04')).toBe(0);
    expect(ids.indexOf(discovery.data.id)).toBe(1);
    expect(ids).toContain(waiting);
    const overdue = textsOf(page, '.main--case-row--overdue');
    expect(overdue).toHaveLength(1);
    expect(overdue[0]).toContain('张国强');
    expect(overdue[0]).toContain('已超时 30分钟');
    expect(textsOf(page, '.main--case-row__deadline--overdue')).toHaveLength(1);
    expect(textOf(page)).toContain('1 件已超时');
    // Row contents: number, full name, cause, state, origin.
    const first = textsOf(page, '.main--case-row')[0]!;
    expect(first).toContain('编号 2026-004');
    expect(first).toContain('重大疾病 · 已受理，待入户核查');
    expect(first).toContain('申请');
    expect(textsOf(page, '.main--case-row')[1]).toContain('主动发现');
  });

  it('switches to the finished cases and opens a case from its row', async () => {
    const page = await openPage(QUEUE, { societyId: WANGJIA });
    (page.instance as unknown as { onFilterChange(e: unknown): void }).onFilterChange({ detail: { value: 'final' } });
    await waitFor(() => page.data.filter === 'final' && page.data.state === 'ready');
    await waitFor(() => (page.data.screen.rows as unknown[]).length > 0);
    const names = textsOf(page, '.main--case-row__name');
    expect(names).toEqual(expect.arrayContaining(['王桂兰', '刘长河']));
    expect(names).not.toContain('张国强');

    await tap(findByText(page, '.main--case-row', '刘长河'));
    expect(navigations()).toEqual([caseDetailUrl('demo-case-02')]);
  });

  it('the discovery button opens the intake form for the society', async () => {
    const page = await openPage(QUEUE, { societyId: WANGJIA });
    await tap(findByText(page, '.t-button--t-button', '主动发现登记'));
    expect(navigations()).toEqual([`/packages/officer/pages/intake/index?societyId=${WANGJIA}`]);
  });
});

describe('case detail', () => {
  it('R-PROC-1, R-PROC-3, R-OVS-5: a secretary accepts an application; the store and the audit trail show it', async () => {
    const caseId = await applyAsVillager('郑秀兰', freshIdNumber('1955-08-08'));
    const queue = await openPage(QUEUE, { societyId: WANGJIA });
    await tap(findByText(queue, '.main--case-row', '郑秀兰'));
    expect(navigations()).toEqual([caseDetailUrl(caseId)]);

    const page = await openPage(CASE, { caseId });
    expect(textOf(page)).toContain('已提交，待受理');
    expect(textOf(page)).not.toContain('重复救助提示');
    await tap(findByText(page, '.t-button--t-button', '受理'));
    await waitFor(() => page.data.screen.stateLabel === '已受理，待入户核查');

    const doc = await caseDoc(caseId);
    expect(doc.state).toBe('accepted');
    expect(doc.deadlines.visit).toBeDefined();
    const audit = await auditOf(caseId);
    expect(audit.map((event) => event.action)).toEqual(['case.submit', 'case.accept']);
    expect(audit[1]!.actor).toMatchObject({ name: '刘芳', role: 'secretary' });
    // The clock started (R-PROC-3) and the next step is offered: the home visit.
    expect(textsOf(page, '.main--deadline')[0]).toContain('入户核查和审核意见');
    expect(textOf(page)).toContain('入户核查');
    await tap(findByText(page, '.t-button--t-button', '入户核查'));
    expect(navigations()).toContain(visitUrl(caseId));
    // The timeline names who did each step, in which role.
    expect(textsOf(page, '.main--timeline__label')).toEqual(['提交申请', '受理']);
    expect(textsOf(page, '.main--timeline__time')[1]).toContain('秘书长 刘芳');
  });

  it('declining needs a reason: without one nothing is sent, with one the case is declined', async () => {
    const caseId = await applyAsVillager('钱小英', freshIdNumber('1962-03-03'));
    const page = await openPage(CASE, { caseId });
    await tap(findByText(page, '.t-button--t-button', '不予受理'));
    await tap(findByText(page, '.t-button--t-button', '确认不予受理'));

    expect(page.data.actionError).toBe(DECLINE_REASON_MISSING);
    expect(textsOf(page, '.main--action-error')).toEqual([DECLINE_REASON_MISSING]);
    expect(recordedCalls().filter((call) => call.event.action === 'decline')).toHaveLength(0);
    expect((await caseDoc(caseId)).state).toBe('submitted');

    (page.instance as unknown as { onDeclineInput(e: unknown): void }).onDeclineInput({
      detail: { value: '经核实已随子女迁往外县居住' },
    });
    await tap(findByText(page, '.t-button--t-button', '确认不予受理'));
    await waitFor(() => page.data.screen.stateLabel === '不予受理');
    const doc = await caseDoc(caseId);
    expect(doc.state).toBe('declined');
    expect(doc.endReason).toBe('经核实已随子女迁往外县居住');
    expect(textOf(page)).toContain('理由：经核实已随子女迁往外县居住');
    expect(textsOf(page, '.t-button--t-button')).not.toContain('受理');
  });

  it('repeat relief: 王桂兰 applies again for the same cause; the warning shows, and accepting records it was seen', async () => {
    // 王桂兰 was helped in May (demo-case-01, 重大疾病); the same person and cause again.
    const idNumber = makeIdNumber({ birthDate: '1948-03-12', sequence: 22 });
    const caseId = await applyAsVillager('王桂兰', idNumber, 'majorIllness');
    const page = await openPage(CASE, { caseId });

    expect(textsOf(page, '.main--repeat__title')).toEqual(['重复救助提示：王桂兰此前因「重大疾病」已有 1 个案件']);
    expect(textsOf(page, '.main--repeat__case')[0]).toContain('编号 2026-001');
    expect(textsOf(page, '.main--repeat__case')[0]).toContain('300.00');
    // A warning, not a block: 受理 is there.
    await tap(findByText(page, '.t-button--t-button', '受理'));
    await waitFor(() => page.data.screen.stateLabel === '已受理，待入户核查');

    const accept = recordedCalls().find((call) => call.event.action === 'accept')!;
    expect(accept.event.seenRepeatCaseIds).toEqual(['demo-case-01']);
    const doc = await caseDoc(caseId);
    expect(doc.intakeRepeat).toEqual({ caseIds: ['demo-case-01'], seenCaseIds: ['demo-case-01'] });
    expect(textsOf(page, '.main--timeline__summary')[1]).toContain('已查看');
  });

  it('R-PROC-4: a paid case shows its payout, done on time, and no intake buttons', async () => {
    const page = await openPage(CASE, { caseId: 'demo-case-03' });
    expect(page.data.state).toBe('ready');
    expect(textOf(page)).toContain('陈大山');
    expect(textOf(page)).toContain('发放救助：已按时完成');
    expect(textOf(page)).toContain('现金 ¥1,000.00');
    const buttons = textsOf(page, '.t-button--t-button');
    expect(buttons).not.toContain('受理');
    expect(buttons).toEqual(expect.arrayContaining(['一人一档', '转介与回访']));
  });

  it('a step button navigates even where the host dataset is lost (TDesign custom-dataset)', async () => {
    const page = await openPage(CASE, { caseId: 'demo-case-04' });
    (page.instance as unknown as { onNavigate(e: unknown): void }).onNavigate({
      currentTarget: { dataset: {} },
      detail: { currentTarget: { dataset: { custom: visitUrl('demo-case-04') } } },
    });
    expect(navigations()).toEqual([visitUrl('demo-case-04')]);
  });

  it('shows the ID number masked, and the whole number only when asked', async () => {
    const page = await openPage(CASE, { caseId: 'demo-case-04' });
    const whole = makeIdNumber({ birthDate: '1968-05-18', sequence: 35 });
    expect(textOf(page)).not.toContain(whole);
    await tap(findByText(page, '.main--info--tap', '显示完整'));
    await waitFor(() => page.data.showFullId === true);
    expect(textOf(page)).toContain(whole);
  });

  it('the supervisor reads the whole case but gets no buttons to act', async () => {
    setDemoCaller('demo-supervisor');
    const page = await openPage(CASE, { caseId: 'demo-case-04' });
    expect(page.data.state).toBe('ready');
    expect(textOf(page)).toContain('张国强');
    const buttons = textsOf(page, '.t-button--t-button');
    expect(buttons).not.toContain('入户核查');
    expect(buttons).not.toContain('补充材料（拍照或选照片）');
  });

  it('补充材料: the chosen photo is uploaded and attached to the case', async () => {
    const page = await openPage(CASE, { caseId: 'demo-case-04' });
    const before = (await caseDoc('demo-case-04')).materials.length;
    await tap(findByText(page, '.jj-choice--jj-choice', '户口簿'));
    await tap(findByText(page, '.t-button--t-button', '补充材料'));
    await waitFor(() => (page.data.screen.materials as unknown[]).length === before + 1);
    const doc = await caseDoc('demo-case-04');
    expect(doc.materials).toHaveLength(before + 1);
    expect(doc.materials.at(-1)).toMatchObject({ kind: 'householdBook', addedBy: { name: '刘芳' } });
  });
});

describe('discovery intake', () => {
  it('R-PROC-1: opens a discovery case once, even when submitted twice with the same request id', async () => {
    const before = await caseCount();
    const page = await openPage(INTAKE, { societyId: WANGJIA });
    expect(page.data.state).toBe('ready');
    fillIntake(page, freshIdNumber('1944-09-09'));
    await waitFor(() => page.data.screen.eligibility.summary.includes('应急救助'));
    expect(textsOf(page, '.main--eligibility__summary')[0]).toContain('可以申请应急救助，每人次最多 1000元');
    const requestId = page.data.requestId as string;

    await intake(page).onSubmit();
    await intake(page).onSubmit();

    expect(page.data.formError).toBe('');
    expect(await caseCount()).toBe(before + 1);
    const made = await backend().ports.store.find<CaseDoc>(COLLECTIONS.cases, { where: { requestId } });
    expect(made).toHaveLength(1);
    expect(made[0]).toMatchObject({ origin: 'discovery', state: 'accepted', discovery: { how: '入户走访' } });
    expect(made[0]!.consent).toMatchObject({ method: 'signed', processing: true, publicNotice: true });
    expect(navigations()).toEqual([caseDetailUrl(made[0]!._id), caseDetailUrl(made[0]!._id)]);
  });

  it('R-PROC-2: a submit retried after a network failure opens one case, with the photo taken on the spot', async () => {
    silenceConsoleError();
    const before = await caseCount();
    const page = await openPage(INTAKE, { societyId: WANGJIA });
    fillIntake(page, freshIdNumber('1947-06-06'));
    await intake(page).onAddPhoto({ currentTarget: { dataset: { kind: 'householdBook' } } });
    expect(recordedUploads()).toHaveLength(1);
    expect(textOf(page)).toContain('已上传 1 张');
    const requestId = page.data.requestId as string;

    setNetworkDown(true);
    await intake(page).onSubmit();
    expect(page.data.formError).toBe('网络连接失败，请检查网络后重试');
    expect(textsOf(page, '.main--intake-error')).toEqual([page.data.formError]);
    setNetworkDown(false);
    await intake(page).onSubmit();

    expect(page.data.formError).toBe('');
    expect(page.data.requestId).toBe(requestId);
    expect(await caseCount()).toBe(before + 1);
    const [made] = await backend().ports.store.find<CaseDoc>(COLLECTIONS.cases, { where: { requestId } });
    expect(made!.materials).toEqual([
      expect.objectContaining({ kind: 'householdBook', fileId: recordedUploads()[0]!.fileId }),
    ]);
  });

  it('a bad ID number is a Chinese error before any call', async () => {
    const page = await openPage(INTAKE, { societyId: WANGJIA });
    fillIntake(page, '999999194409090000');
    const callsBefore = recordedCalls().length;

    await intake(page).onSubmit();

    expect(page.data.formError).toBe(BAD_ID_NUMBER_MESSAGE);
    expect(textsOf(page, '.main--intake-error')).toEqual([BAD_ID_NUMBER_MESSAGE]);
    expect(recordedCalls()).toHaveLength(callsBefore);
  });
});

describe('who may see and act', () => {
  async function addLiutangSecretary(): Promise<void> {
    const store = backend().ports.store;
    if (await store.get(COLLECTIONS.users, 'u-test-liutang-sec')) return;
    await store.insert(COLLECTIONS.users, {
      _id: 'u-test-liutang-sec',
      openid: 'test-liutang-secretary',
      name: '柳塘秘书长',
      createdAt: '2026-01-01T00:00:00.000Z',
      householdId: null,
    });
    await store.insert(COLLECTIONS.memberships, {
      _id: 'm-test-liutang-sec',
      userId: 'u-test-liutang-sec',
      role: 'secretary',
      societyId: 'soc-liutang',
      areaId: null,
      grantedAt: '2026-01-01T00:00:00.000Z',
      grantedBy: 'test',
    });
  }

  it.each([
    ['demo-member', 'a member'],
    ['test-liutang-secretary', 'the secretary of another society'],
  ])('%s (%s) gets the forbidden state on every page and writes nothing', async (openid) => {
    await addLiutangSecretary();
    const cases = await caseCount();
    const audit = await backend().ports.store.count(COLLECTIONS.auditEvents, {});
    setDemoCaller(openid);

    const queue = await openPage(QUEUE, { societyId: WANGJIA });
    expect(queue.data.state).toBe('forbidden');
    expect(textsOf(queue, '.t-empty--t-empty__description')).toEqual([FORBIDDEN_QUEUE_MESSAGE]);
    expect(textOf(queue)).not.toContain('张国强');

    const detail = await openPage(CASE, { caseId: 'demo-case-04' });
    expect(detail.data.state).toBe('forbidden');
    expect(textsOf(detail, '.t-empty--t-empty__description')).toEqual([FORBIDDEN_CASE_MESSAGE]);
    expect(textOf(detail)).not.toContain('张国强');

    const form = await openPage(INTAKE, { societyId: WANGJIA });
    expect(form.data.state).toBe('forbidden');
    expect(textsOf(form, '.t-empty--t-empty__description')).toEqual([FORBIDDEN_INTAKE_MESSAGE]);

    // Even a submit forced past the screen is refused by the cloud.
    fillIntake(form, freshIdNumber());
    await intake(form).onSubmit();
    expect(form.data.formError).not.toBe('');

    expect(await caseCount()).toBe(cases);
    expect(await backend().ports.store.count(COLLECTIONS.auditEvents, {})).toBe(audit);
  });

  it('the secretary of 王家村 is refused the queue of 柳塘村', async () => {
    const page = await openPage(QUEUE, { societyId: 'soc-liutang' });
    expect(page.data.state).toBe('forbidden');
  });
});
