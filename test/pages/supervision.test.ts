/**
 * The oversight pages over the real backend: the village supervision committee reads everything of
 * its society and changes nothing but a flag (R-OVS-2), a case's 四公布 sheet (R-OVS-3), the audit
 * trail read and verified (R-OVS-5), and the township's overview where flags are handled.
 */
import { usePageBackend } from '../support/page-backend';
import { navigations, recordedCalls, routeCloudTo } from '../support/simulate-setup';
import {
  findByText,
  openPage,
  silenceConsoleError,
  tap,
  textOf,
  textsOf,
  waitFor,
  type PageComponent,
} from '../support/simulate-pages';
import { DEMO_NOW } from '../support/test-backend';
import { footprint, payCase } from '../notices/support';
import { setDemoCaller, NETWORK_ERROR_MESSAGE } from '../../miniprogram/services/cloud';
import { COLLECTIONS } from '../../server/collections';
import { findAll } from '../../server/ports/store';
import type { AuditEventDoc } from '../../server/audit/trail';
import type { FundEntriesPage } from '../../miniprogram/domain/funds';
import type { ObjectionView } from '../../miniprogram/domain/notices';
import type { CaseFlagView, SupervisedCasesPage } from '../../miniprogram/domain/oversight';
import {
  CASES_HIDDEN_MESSAGE,
  NOT_SUPERVISOR_MESSAGE,
  type SupervisionTab,
} from '../../miniprogram/packages/oversight/pages/supervision/view';
import { EMPTY_FLAG_MESSAGE, NOT_ALLOWED_MESSAGE } from '../../miniprogram/packages/oversight/pages/case-sheet/view';
import { NOT_AN_AUDITOR_MESSAGE } from '../../miniprogram/packages/oversight/pages/audit/view';
import { EMPTY_NOTE_MESSAGE, NOT_TOWNSHIP_MESSAGE } from '../../miniprogram/packages/oversight/pages/township/view';
import { chainLength } from '../support/audit';

const SUPERVISION = 'packages/oversight/pages/supervision/index';
const CASE_SHEET = 'packages/oversight/pages/case-sheet/index';
const AUDIT = 'packages/oversight/pages/audit/index';
const TOWNSHIP = 'packages/oversight/pages/township/index';
const OVERVIEW = 'packages/oversight/pages/overview/index';
const WANGJIA = 'soc-wangjia';
const LIUTANG = 'soc-liutang';

// The first page of the file loads TDesign; two cores are shared with other test runs.
jest.setTimeout(30_000);

const backend = usePageBackend();

async function ok<T>(action: string, payload: Record<string, unknown>, openid: string): Promise<T> {
  const answer = await backend().call('notices', { action, ...payload }, openid);
  if (!answer.ok) throw new Error(`${action} as ${openid}: ${answer.error.code}`);
  return answer.data as T;
}

async function auditHead(scopeId: string): Promise<number> {
  return chainLength(backend().ports.store, scopeId);
}

/**
 * Switches a section as t-tabs' change event would. In miniprogram-simulate t-tabs draws no labels
 * (its relation to t-tab-panel spans two separately loaded components); the browser preview draws
 * and taps them (test/e2e/oversight.test.ts).
 */
async function showTab(page: PageComponent, tab: SupervisionTab): Promise<void> {
  (page.instance as unknown as { onTabChange(e: { detail: { value: string } }): void }).onTabChange({
    detail: { value: tab },
  });
  await waitFor(() => page.data.currentTab === tab);
}

function buttons(page: PageComponent): string[] {
  return textsOf(page, '.t-button--t-button');
}

type CommentForm = { onCommentChange(e: { detail: { value: string } }): void };
type NoteForm = { onNoteChange(e: { detail: { value: string } }): void };

afterEach(() => backend().ports.clock.set(DEMO_NOW));

describe('supervision page (村监督委员会, R-OVS-2)', () => {
  it('R-OVS-2: the supervisor sees every case of 王家村 with every step, every ledger entry, every notice and every objection', async () => {
    const cases = await ok<SupervisedCasesPage>(
      'supervisedCases',
      { societyId: WANGJIA, limit: 50 },
      'demo-supervisor',
    );
    const ledger = await ok<FundEntriesPage>('supervisionLedger', { societyId: WANGJIA, limit: 50 }, 'demo-supervisor');
    const objections = await ok<{ items: ObjectionView[] }>(
      'listObjections',
      { societyId: WANGJIA, status: 'all' },
      'demo-supervisor',
    );
    expect(cases.total).toBe(4);
    expect(ledger.total).toBe(10);
    expect(objections.items).toHaveLength(1);

    setDemoCaller('demo-supervisor');
    const page = await openPage(SUPERVISION, { societyId: WANGJIA });
    expect(page.data.state).toBe('ready');
    expect(textsOf(page, '.main--sup-header__title')).toEqual(['王家村救急难互助社']);

    // Cases: every one, each with every step (who, role, when).
    const titles = textsOf(page, '.main--case-card__title');
    expect(titles).toHaveLength(cases.total);
    for (const item of cases.items) {
      const card = findByText(page, '.main--case-card', item.caseNo);
      expect(card.textContent).toContain(item.name);
      expect(card.querySelectorAll('.main--step')).toHaveLength(item.steps.length);
      for (const step of item.steps) expect(card.textContent).toContain(step.label);
    }
    const fire = findByText(page, '.main--case-card', '2026-003').textContent ?? '';
    expect(fire).toContain('陈大山');
    expect(fire).toContain('¥1,000.00');
    expect(fire).toContain('社长 王建国');
    expect(fire).toContain('待答复异议 1 条');
    expect(textOf(page)).toContain(`共 ${cases.total} 件，已显示 ${cases.total} 件`);

    // Ledger: every entry, signed yuan, recipients masked.
    await showTab(page, 'ledger');
    const entries = textsOf(page, '.main--entry');
    expect(entries).toHaveLength(ledger.total);
    expect(entries.find((text) => text.includes('-¥1,000.00'))).toContain('应急救助');
    for (const name of ['陈大山', '刘长河', '王桂兰']) expect(entries.join('')).not.toContain(name);
    expect(entries.filter((text) => text.includes('冲正'))).not.toHaveLength(0);

    // Notices: live and archived.
    await showTab(page, 'notices');
    expect(textsOf(page, '.main--notice')).toHaveLength(3);
    expect(textOf(page)).toContain('王家村第三村民小组 陈*山 应急救助 1000元');

    // Objections: every one, with its answer state.
    await showTab(page, 'objections');
    const shown = textsOf(page, '.main--objection');
    expect(shown).toHaveLength(objections.items.length);
    expect(shown[0]).toContain('卧室还能住');
    expect(shown[0]).toContain(objections.items[0]!.statusLabel);

    await showTab(page, 'flags');
    expect(textOf(page)).toContain('还没有提请乡镇关注的案件');
  });

  it('R-OVS-2: another society’s page is the forbidden state and shows none of its data', async () => {
    setDemoCaller('demo-supervisor');
    const page = await openPage(SUPERVISION, { societyId: LIUTANG });

    expect(page.data.state).toBe('forbidden');
    expect(textOf(page)).toContain(NOT_SUPERVISOR_MESSAGE);
    expect(textOf(page)).not.toContain('柳塘');
    expect(recordedCalls().map((call) => call.event.action)).not.toContain('supervisedCases');
  });

  it('R-OVS-2: the page offers no action but 提请乡镇关注, and browsing every tab, sheet and the audit trail changes nothing', async () => {
    const before = await footprint(backend());
    setDemoCaller('demo-supervisor');
    const page = await openPage(SUPERVISION, { societyId: WANGJIA });

    const offered = new Set<string>();
    for (const tab of ['cases', 'ledger', 'notices', 'objections', 'flags'] as const) {
      await showTab(page, tab);
      buttons(page).forEach((text) => offered.add(text));
    }
    expect([...offered]).toEqual(['提请乡镇关注']);
    await showTab(page, 'cases');
    expect(buttons(page)).toHaveLength(4);

    // The flag button opens the case's 四公布 sheet with the form showing; the card opens the sheet.
    await tap(findByText(page, '.t-button--t-button', '提请乡镇关注'));
    await tap(findByText(page, '.main--case-card__head', '2026-003'));
    expect(navigations()).toEqual([
      '/packages/oversight/pages/case-sheet/index?caseId=demo-case-04&flag=1',
      '/packages/oversight/pages/case-sheet/index?caseId=demo-case-03',
    ]);

    const sheet = await openPage(CASE_SHEET, { caseId: 'demo-case-03' });
    expect(buttons(sheet)).toEqual(['提请乡镇关注']);
    const audit = await openPage(AUDIT);
    await tap(findByText(audit, '.t-button--t-button', '加载更多'));
    await tap(findByText(audit, '.t-button--t-button', '核验'));
    await waitFor(() => audit.data.verify !== null);

    // Every call the supervisor's pages made was a read.
    const actions = new Set(recordedCalls().map((call) => String(call.event.action)));
    expect([...actions].sort()).toEqual(
      [
        'me',
        'supervisionOverview',
        'supervisedCases',
        'supervisionLedger',
        'archive',
        'listObjections',
        'listFlags',
        'caseSheet',
        'auditScopes',
        'auditTrail',
        'verifyAudit',
      ].sort(),
    );
    expect(await footprint(backend())).toEqual(before);
  });

  it('R-OVS-2: the township reads the society’s overview, ledger and objections but no case details, and has no flag button', async () => {
    setDemoCaller('demo-township');
    const page = await openPage(SUPERVISION, { societyId: WANGJIA });

    expect(page.data.state).toBe('ready');
    expect(page.data.currentTab).toBe('notices');
    await showTab(page, 'cases');
    expect(textOf(page)).toContain(CASES_HIDDEN_MESSAGE);
    expect(textOf(page)).not.toContain('陈大山');
    expect(buttons(page)).toEqual([]);
    await showTab(page, 'ledger');
    expect(textsOf(page, '.main--entry')).toHaveLength(10);
  });
});

describe('四公布 sheet (R-OVS-3)', () => {
  it('R-OVS-3: shows the reason, findings, decision and amount of the fire case, published beside recorded, and every step', async () => {
    setDemoCaller('demo-supervisor');
    const page = await openPage(CASE_SHEET, { caseId: 'demo-case-03' });

    expect(page.data.state).toBe('ready');
    expect(textsOf(page, '.main--sheet-section__title').slice(0, 4)).toEqual([
      '一、申请原因',
      '二、核查情况',
      '三、审批决定',
      '四、救助金额',
    ]);
    const section = (title: string) => findByText(page, '.main--sheet-section', title).textContent ?? '';
    expect(section('一、申请原因')).toContain('因意外');
    expect(section('一、申请原因')).toContain('房屋失火');
    expect(section('二、核查情况')).toContain('经2人入户核查，核验了户口簿、身份证、困难情况证明原件，情况属实');
    expect(section('二、核查情况')).toContain('两间房屋过火');
    expect(section('二、核查情况')).toContain('刘芳、王建军');
    expect(section('三、审批决定')).toContain('三档（特别困难）');
    expect(section('三、审批决定')).toContain('王建国');
    expect(section('四、救助金额')).toContain('¥1,000.00');
    expect(section('四、救助金额')).toContain('seed-wj-10');
    expect(section('办理经过')).toContain('办理经过（共 6 步）');
    expect(findByText(page, '.main--sheet-section', '办理经过').querySelectorAll('.main--step')).toHaveLength(6);
    expect(buttons(page)).toEqual(['提请乡镇关注']);
  });

  it('the secretary reads the sheet but is offered no flag; the township may not read it', async () => {
    setDemoCaller('demo-secretary');
    const officer = await openPage(CASE_SHEET, { caseId: 'demo-case-03' });
    expect(officer.data.state).toBe('ready');
    expect(buttons(officer)).toEqual([]);

    setDemoCaller('demo-township');
    const township = await openPage(CASE_SHEET, { caseId: 'demo-case-03' });
    expect(township.data.state).toBe('forbidden');
    expect(textOf(township)).toContain(NOT_ALLOWED_MESSAGE);
    expect(textOf(township)).not.toContain('陈大山');
  });

  it('R-OVS-2: a flag without a comment is refused on the page and writes nothing', async () => {
    const flags = await backend().ports.store.count(COLLECTIONS.caseFlags);
    setDemoCaller('demo-supervisor');
    const page = await openPage(CASE_SHEET, { caseId: 'demo-case-03', flag: '1' });
    await waitFor(() => page.data.flagOpen === true);

    (page.instance as unknown as CommentForm).onCommentChange({ detail: { value: '   ' } });
    await tap(findByText(page, '.t-button--t-button', '确认提请'));

    expect(textsOf(page, '.main--flag-form__error')).toEqual([EMPTY_FLAG_MESSAGE]);
    expect(recordedCalls().filter((call) => call.event.action === 'flagCase')).toEqual([]);
    expect(await backend().ports.store.count(COLLECTIONS.caseFlags)).toBe(flags);
  });

  it('R-OVS-2: flagging writes exactly one flag and one audit event, even when the answer is lost and the page retries with the same request id', async () => {
    silenceConsoleError();
    const { store } = backend().ports;
    const flagsBefore = await store.count(COLLECTIONS.caseFlags);
    const headBefore = await auditHead(WANGJIA);
    const otherBefore = await footprint(backend());
    // The first answer is lost on the way back (a timeout after the cloud did it).
    let loseNextFlagAnswer = true;
    routeCloudTo(async (name, event, openid) => {
      const answer = await backend().call(name, event, openid);
      if (event.action === 'flagCase' && loseNextFlagAnswer) {
        loseNextFlagAnswer = false;
        throw new Error('timeout');
      }
      return answer;
    });

    setDemoCaller('demo-supervisor');
    const page = await openPage(CASE_SHEET, { caseId: 'demo-case-03' });
    await tap(findByText(page, '.t-button--t-button', '提请乡镇关注'));
    (page.instance as unknown as CommentForm).onCommentChange({
      detail: { value: '有村民对金额提出异议，请乡镇复核档次。' },
    });
    await tap(findByText(page, '.t-button--t-button', '确认提请'));
    await waitFor(() => page.data.formError !== '');
    expect(page.data.formError).toBe(NETWORK_ERROR_MESSAGE);
    expect(page.data.requestId).not.toBe('');

    await tap(findByText(page, '.t-button--t-button', '确认提请'));
    await waitFor(() => page.data.flagOpen === false && page.data.state === 'ready' && !page.data.submitting);

    const sent = recordedCalls().filter((call) => call.event.action === 'flagCase');
    expect(sent).toHaveLength(2);
    expect(sent[1]!.event.requestId).toBe(sent[0]!.event.requestId);
    expect(await store.count(COLLECTIONS.caseFlags)).toBe(flagsBefore + 1);
    expect(await auditHead(WANGJIA)).toBe(headBefore + 1);
    const events = await findAll<AuditEventDoc>(store, COLLECTIONS.auditEvents, {
      where: { scopeId: WANGJIA, action: 'oversight.flag' },
    });
    expect(events).toHaveLength(1);
    expect(events[0]!.actor).toMatchObject({ name: '赵德明', role: 'supervisor' });
    // Nothing else changed: only the flag and its audit event.
    const after = await footprint(backend());
    expect({ ...after, caseFlags: undefined, auditEvents: undefined, heads: undefined }).toEqual({
      ...otherBefore,
      caseFlags: undefined,
      auditEvents: undefined,
      heads: undefined,
    });
    // The sheet now lists the flag, waiting for the township.
    expect(findByText(page, '.main--flag', '请乡镇复核档次').textContent).toContain('待乡镇处理');
  });
});

describe('操作记录 (R-OVS-5)', () => {
  it('R-OVS-5: the supervisor reads 王家村’s trail page by page: who, role, what in Chinese, when, on what', async () => {
    const total = await auditHead(WANGJIA);
    setDemoCaller('demo-supervisor');
    const page = await openPage(AUDIT);

    expect(page.data.currentScope).toBe(WANGJIA);
    expect(textsOf(page, '.main--audit-head__title')).toEqual(['王家村救急难互助社']);
    expect(textsOf(page, '.main--event')).toHaveLength(20);
    expect(textOf(page)).toContain(`共 ${total} 条，已显示 20 条`);
    const approval = findByText(page, '.main--event', '案件：批准').textContent ?? '';
    expect(approval).toContain('社长 王建国');
    expect(approval).toMatch(/2026年\d+月\d+日 \d\d:\d\d/);
    expect(approval).toContain('对象：案件');
    expect(findByText(page, '.main--event', '发布公示').textContent).toContain('对象：公示 2026-');

    await tap(findByText(page, '.t-button--t-button', '加载更多'));
    await waitFor(() => page.data.events.length === Math.min(total, 40));
    expect(textsOf(page, '.main--event__seq')[0]).toBe(`第 ${total} 条`);
    if (total <= 40) {
      expect(textsOf(page, '.main--event__seq').at(-1)).toBe('第 1 条');
      expect(buttons(page)).not.toContain('加载更多');
    }
  });

  it('R-OVS-5: 核验 says the seeded trail is whole, and after one audit document is altered in the store, where it first breaks', async () => {
    const { store } = backend().ports;
    const total = await auditHead(WANGJIA);
    setDemoCaller('demo-supervisor');
    const page = await openPage(AUDIT, { scopeId: WANGJIA });

    await tap(findByText(page, '.t-button--t-button', '核验'));
    await waitFor(() => page.data.verify !== null);
    expect(textsOf(page, '.main--verify__headline')).toEqual([`完整，共 ${total} 条`]);

    const target = (
      await store.find<AuditEventDoc>(COLLECTIONS.auditEvents, {
        where: { scopeId: WANGJIA, action: 'ledger.record' },
        orderBy: [['seq', 'asc']],
        limit: 1,
      })
    )[0]!;
    // Someone edits the amount of an early ledger record directly in the database.
    await store.transaction((tx) =>
      tx.set(COLLECTIONS.auditEvents, { ...target, details: { ...target.details, amountFen: 1 } }),
    );
    try {
      await tap(findByText(page, '.t-button--t-button', '核验'));
      await waitFor(() => page.data.verify !== null && page.data.verify.ok === false);
      expect(textsOf(page, '.main--verify__headline')).toEqual([`第 ${target.seq} 条起被改动`]);
      expect(textsOf(page, '.main--verify__detail')[0]).toContain('记录内容被改动');
    } finally {
      await store.transaction((tx) => tx.set(COLLECTIONS.auditEvents, target));
    }
  });

  it('R-OVS-5: another society’s trail is forbidden to the supervisor, and the trail to a resident', async () => {
    setDemoCaller('demo-supervisor');
    const other = await openPage(AUDIT, { scopeId: LIUTANG });
    expect(other.data.state).toBe('forbidden');
    expect(textOf(other)).toContain(NOT_AN_AUDITOR_MESSAGE);

    setDemoCaller('demo-resident');
    const resident = await openPage(AUDIT);
    expect(resident.data.state).toBe('forbidden');
  });

  it('R-OVS-5: the township picks among its own scope and its societies', async () => {
    setDemoCaller('demo-township');
    const page = await openPage(AUDIT);

    expect(textsOf(page, '.main--scope .jj-choice--jj-choice__label')).toEqual([
      '青石镇（乡镇）',
      '柳塘村救急难互助社（互助社）',
      '王家村救急难互助社（互助社）',
    ]);
    await tap(findByText(page, '.main--scope', '柳塘村'));
    await waitFor(() => page.data.currentScope === LIUTANG);
    expect(textsOf(page, '.main--audit-head__title')).toEqual(['柳塘村救急难互助社']);
    await tap(findByText(page, '.t-button--t-button', '核验'));
    await waitFor(() => page.data.verify !== null);
    expect(page.data.verify.headline).toBe(`完整，共 ${await auditHead(LIUTANG)} 条`);
  });
});

describe('乡镇监督 (township overview)', () => {
  it('R-OVS-2: the township sees its societies’ live notices, open objections and overdue cases, and opens a society’s supervision page', async () => {
    // Tuesday noon: 李秀英's case waited for a home visit due at 09:30.
    backend().ports.clock.set('2026-12-01T12:00:00+08:00');
    setDemoCaller('demo-township');
    const page = await openPage(TOWNSHIP);

    expect(page.data.state).toBe('ready');
    expect(textsOf(page, '.main--town-head__title')).toEqual(['青石镇']);
    expect(textsOf(page, '.main--society__name')).toEqual(['柳塘村救急难互助社', '王家村救急难互助社']);
    const wangjia = findByText(page, '.main--society', '王家村').textContent ?? '';
    expect(wangjia).toContain('公示中：王家村第三村民小组 陈*山 应急救助 1000元');
    expect(wangjia).toContain('待答复异议 1');
    expect(wangjia).toContain('超时案件 1');
    const overdue = textsOf(page, '.main--overdue');
    expect(overdue).toHaveLength(1);
    expect(overdue[0]).toContain('2026-004');
    expect(overdue[0]).toContain('已超时');
    expect(textOf(page)).not.toContain('张国强');
    expect(textOf(page)).not.toContain('石桥');

    await tap(findByText(page, '.main--society', '王家村'));
    expect(navigations()).toEqual(['/packages/oversight/pages/supervision/index?societyId=soc-wangjia']);
  });

  it('R-OVS-2: a flag raised by the supervision committee is listed and the township resolves it with a note', async () => {
    const { store } = backend().ports;
    const flag = await ok<CaseFlagView>(
      'flagCase',
      { requestId: 'flag-township-page-01', caseId: 'demo-case-02', comment: '结案材料缺少签收单，请乡镇核查。' },
      'demo-supervisor',
    );
    const areaHead = await auditHead('area-qingshi');
    setDemoCaller('demo-township');
    const page = await openPage(TOWNSHIP);

    const card = () => findByText(page, '.main--flag', '结案材料缺少签收单');
    expect(card().textContent).toContain('案件 2026-002 · 刘*河');
    expect(card().textContent).toContain('赵德明');

    // An empty note is refused on the page.
    const resolve = Array.from(card().querySelectorAll('.t-button--t-button')).find((button) =>
      (button.textContent ?? '').includes('处理这条提请'),
    );
    await tap(resolve!);
    await waitFor(() => page.data.resolvingId === flag.id);
    await tap(findByText(page, '.t-button--t-button', '确认处理'));
    expect(textsOf(page, '.main--resolve-form__error')).toEqual([EMPTY_NOTE_MESSAGE]);
    expect(recordedCalls().filter((call) => call.event.action === 'resolveFlag')).toEqual([]);

    (page.instance as unknown as NoteForm).onNoteChange({ detail: { value: '已补齐签收单，核查无误。' } });
    await tap(findByText(page, '.t-button--t-button', '确认处理'));
    await waitFor(() => page.data.resolvingId === '' && !page.data.submitting && page.data.state === 'ready');

    const stored = await store.get<{ _id: string; status: string; resolution: { note: string } }>(
      COLLECTIONS.caseFlags,
      flag.id,
    );
    expect(stored).toMatchObject({ status: 'resolved', resolution: { note: '已补齐签收单，核查无误。' } });
    expect(await auditHead('area-qingshi')).toBe(areaHead + 1);
    expect(textOf(page)).not.toContain('结案材料缺少签收单');

    // The supervision committee sees how it was handled.
    setDemoCaller('demo-supervisor');
    const sheet = await openPage(CASE_SHEET, { caseId: 'demo-case-02' });
    expect(findByText(sheet, '.main--flag', '结案材料缺少签收单').textContent).toContain(
      '处理情况：已补齐签收单，核查无误。',
    );
  });

  it('the county sees every township’s societies; the supervisor may not open the township page', async () => {
    setDemoCaller('demo-county');
    const county = await openPage(TOWNSHIP);
    expect(textsOf(county, '.main--society__name')).toHaveLength(4);

    setDemoCaller('demo-supervisor');
    const page = await openPage(TOWNSHIP);
    expect(page.data.state).toBe('forbidden');
    expect(textOf(page)).toContain(NOT_TOWNSHIP_MESSAGE);
  });
});

describe('oversight overview entries', () => {
  it('the supervisor finds 监督本社 for 王家村 and 操作记录; the township 乡镇监督 and 操作记录', async () => {
    setDemoCaller('demo-supervisor');
    const supervisor = await openPage(OVERVIEW);
    await tap(findByText(supervisor, '.t-cell--t-cell', '监督本社'));
    expect(navigations()).toEqual(['/packages/oversight/pages/supervision/index?societyId=soc-wangjia']);
    expect(textOf(supervisor)).toContain('操作记录');
    expect(textOf(supervisor)).not.toContain('乡镇监督');

    setDemoCaller('demo-township');
    const township = await openPage(OVERVIEW);
    expect(textOf(township)).toContain('乡镇监督');
    expect(textOf(township)).toContain('操作记录');
    expect(textOf(township)).not.toContain('监督本社');
  });
});

describe('paging (the last tests: they add a payout and ledger entries)', () => {
  it('R-OVS-2: past 20 entries the ledger pages with 加载更多; a payout through the cases shows its recipient masked', async () => {
    await payCase(backend(), { name: '欧阳丽娜', supplementary: true, amountFen: 300_00 });
    for (let i = 1; i <= 11; i += 1) {
      const answer = await backend().call(
        'funds',
        {
          action: 'recordEntry',
          societyId: WANGJIA,
          entryId: `page-test-entry-${String(i).padStart(2, '0')}`,
          type: 'collectiveFund',
          amountFen: 100_00,
          sourceRef: `村集体 第${i}笔`,
        },
        'demo-secretary',
      );
      expect(answer.ok).toBe(true);
    }
    const total = (await ok<FundEntriesPage>('supervisionLedger', { societyId: WANGJIA, limit: 1 }, 'demo-supervisor'))
      .total;
    expect(total).toBe(22);

    setDemoCaller('demo-supervisor');
    const page = await openPage(SUPERVISION, { societyId: WANGJIA, tab: 'ledger' });
    expect(page.data.currentTab).toBe('ledger');
    expect(textsOf(page, '.main--entry')).toHaveLength(20);
    expect(textOf(page)).toContain('共 22 笔，已显示 20 笔');
    await tap(findByText(page, '.t-button--t-button', '加载更多'));
    await waitFor(() => page.data.ledger.items.length === 22);
    expect(textsOf(page, '.main--entry')).toHaveLength(22);
    expect(buttons(page)).toEqual([]);
    const payout = findByText(page, '.main--entry', '-¥300.00').textContent ?? '';
    expect(payout).toContain('欧**娜');
    expect(textOf(page)).not.toContain('欧阳丽娜');
    // The case list has the new case too, with its name in full (the committee reads everything).
    await showTab(page, 'cases');
    expect(textsOf(page, '.main--case-card__title').some((title) => title.startsWith('欧阳丽娜'))).toBe(true);
  });
});
