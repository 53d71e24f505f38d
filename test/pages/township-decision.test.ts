/**
 * The township's decision and the county's decision clock, rendered over the real backend: the
 * township page lists a case nobody in its society may decide and opens the township's decision
 * page, which approves it (attributed to the township) or refuses a reason-less rejection; a
 * township of another township gets the forbidden state; the county dashboard sets the clock.
 */
import { usePageBackend } from '../support/page-backend';
import { navigations, recordedCalls } from '../support/simulate-setup';
import { findByText, openPage, tap, textOf, textsOf, waitFor } from '../support/simulate-pages';
import { setDemoCaller } from '../../miniprogram/services/cloud';
import { COLLECTIONS, type MembershipDoc, type UserDoc } from '../../server/collections';
import type { CaseDoc } from '../../server/cases/model';
import type { CountySettingsDoc } from '../../server/funds/settings';
import type { OfficerCaseView } from '../../miniprogram/domain/case';
import { discovery, visit } from '../cases/helpers';
import {
  EXPLANATION_MESSAGE,
  NOT_FOR_TOWNSHIP_MESSAGE,
  REJECT_REASON_MESSAGE,
} from '../../miniprogram/packages/oversight/pages/decision/view';

const TOWNSHIP = 'packages/oversight/pages/township/index';
const DECISION = 'packages/oversight/pages/decision/index';
const DASHBOARD = 'packages/oversight/pages/county-dashboard/index';

jest.setTimeout(30_000);

const backend = usePageBackend();

async function ok<T>(action: string, payload: Record<string, unknown>, openid: string): Promise<T> {
  const answer = await backend().call('approvals', { action, ...payload }, openid);
  if (!answer.ok) throw new Error(`${action} as ${openid}: ${answer.error.code} ${answer.error.message}`);
  return answer.data as T;
}

/** 王建国's household's case, visited and proposed by the secretary: it goes to 青石镇. */
async function recusedCase(requestId: string): Promise<string> {
  const opened = await ok<OfficerCaseView>(
    'openDiscovery',
    discovery({ requestId, householdOfUserId: 'u-wangjianguo' }),
    'demo-secretary',
  );
  const opinion = { recommend: 'grant', form: 'cash', amountFen: 600_00, tierId: 'e2' };
  await ok('recordVisit', visit(opened.id, opinion), 'demo-secretary');
  await ok('propose', { caseId: opened.id, ...opinion, reason: '情况属实，建议按二档救助' }, 'demo-secretary');
  return opened.id;
}

type DecisionForm = { onInput(e: { detail: { value: string }; currentTarget: { dataset: { field: string } } }): void };

function input(page: { instance: unknown }, field: string, value: string): void {
  (page.instance as DecisionForm).onInput({ detail: { value }, currentTarget: { dataset: { field } } });
}

describe('乡镇审批 (recusal never stalls a case)', () => {
  it('the township page lists the case and opens its decision page; the township approves, attributed to it', async () => {
    const caseId = await recusedCase('page-recused-01');
    setDemoCaller('demo-township');
    const township = await openPage(TOWNSHIP);
    const row = findByText(township, '.main--overdue', '本案社长需回避，由青石镇审批');
    expect(row.textContent).toContain('孙*珍');
    await tap(findByText(township, '.t-button--t-button', '审批这个案件'));
    expect(navigations()).toEqual([`/${DECISION}?caseId=${caseId}`]);

    const page = await openPage(DECISION, { caseId });
    expect(page.data.state).toBe('ready');
    expect(textsOf(page, '.main--step-head__reason')).toEqual(['本案社长需回避，由青石镇审批']);
    expect(textOf(page)).toContain('待青石镇审批');
    expect(textOf(page)).toContain('600元');
    const stored = await backend().ports.store.get<CaseDoc>(COLLECTIONS.cases, caseId);
    expect(textOf(page)).not.toContain(stored!.person.maskedIdNumber);

    // Rejecting needs a reason: refused on the page, nothing sent.
    await tap(findByText(page, '.t-button--t-button', '不予批准'));
    expect(textsOf(page, '.main--form-error')).toEqual([REJECT_REASON_MESSAGE]);
    expect(recordedCalls().filter((call) => call.event.action === 'townshipReject')).toEqual([]);

    input(page, 'note', '经核查属实，同意救助');
    await tap(findByText(page, '.t-button--t-button', '按审批意见批准'));
    await waitFor(() => page.data.view?.state === 'approved' && !page.data.submitting);
    expect(textOf(page)).toContain('审批结果：已批准');
    expect(textOf(page)).toContain('青石镇民政办');
    expect(textsOf(page, '.t-button--t-button')).not.toContain('按审批意见批准');
    const decided = await backend().ports.store.get<CaseDoc>(COLLECTIONS.cases, caseId);
    expect(decided).toMatchObject({
      state: 'approved',
      decision: { outcome: 'approved', reason: '经核查属实，同意救助', by: { role: 'township' } },
    });
  });

  it('R-PROC-5: a 先行救助 nobody in the society may explain: the township ratifies it on the same page', async () => {
    const opened = await ok<OfficerCaseView>(
      'openDiscovery',
      discovery({ requestId: 'page-recused-first', householdOfUserId: 'u-wangjianguo' }),
      'demo-secretary',
    );
    const caseId = opened.id;
    await ok(
      'reliefFirst',
      {
        requestId: 'page-recused-first-pay',
        caseId,
        method: 'cash',
        amountFen: 600_00,
        tierId: 'e2',
        urgency: '住院急需押金',
      },
      'demo-secretary',
    );
    await ok(
      'recordVisit',
      visit(caseId, { recommend: 'grant', form: 'cash', amountFen: 600_00, tierId: 'e2' }),
      'demo-secretary',
    );

    setDemoCaller('demo-township');
    const page = await openPage(DECISION, { caseId });
    expect(page.data.screen?.mode).toBe('explain');
    expect(textOf(page)).toContain('住院急需押金');
    await tap(findByText(page, '.t-button--t-button', '予以追认'));
    expect(textsOf(page, '.main--form-error')).toEqual([EXPLANATION_MESSAGE]);
    input(page, 'explanation', '核查属实，先行救助符合规定');
    await tap(findByText(page, '.t-button--t-button', '予以追认'));
    await waitFor(() => page.data.view?.reliefFirst?.explanation !== null && !page.data.submitting);
    expect(textOf(page)).toContain('予以追认：核查属实，先行救助符合规定（青石镇民政办）');
    expect(textsOf(page, '.t-button--t-button')).toEqual([]);
  });

  it('a township officer of another township gets the forbidden state, and no buttons', async () => {
    const caseId = await recusedCase('page-recused-02');
    const { store } = backend().ports;
    await store.insert<UserDoc>(COLLECTIONS.users, {
      _id: 'u-hekou-page',
      openid: 'test-hekou-page',
      name: '河口乡民政',
      createdAt: '2026-03-01T00:00:00Z',
    });
    await store.insert<MembershipDoc>(COLLECTIONS.memberships, {
      _id: 'm-u-hekou-page',
      userId: 'u-hekou-page',
      role: 'township',
      societyId: null,
      areaId: 'area-hekou',
      grantedAt: '2026-03-01T00:00:00Z',
      grantedBy: 'test',
    });
    setDemoCaller('test-hekou-page');
    const page = await openPage(DECISION, { caseId });
    expect(page.data.state).toBe('forbidden');
    expect(textOf(page)).toContain(NOT_FOR_TOWNSHIP_MESSAGE);
    expect(textsOf(page, '.t-button--t-button')).toEqual([]);
  });
});

describe('审批时限 on the county dashboard', () => {
  it('the county bureau sets 2 working days; the township reads it and gets no choices', async () => {
    setDemoCaller('demo-county');
    const page = await openPage(DASHBOARD);
    expect(page.data.state).toBe('ready');
    expect(textOf(page)).toContain('审批意见提出后 1 个工作日内作出决定（默认）');
    await tap(findByText(page, '.main--rules__option', '2 个工作日'));
    await waitFor(() => page.data.decisionDays === 2);
    await tap(findByText(page, '.t-button--t-button', '保存审批时限'));
    await waitFor(() => !page.data.savingRules && page.data.caseRules?.text.includes('2 个工作日') === true);
    expect(textOf(page)).toContain('审批意见提出后 2 个工作日内作出决定（县民政局设定）');
    const settings = await backend().ports.store.get<CountySettingsDoc>(COLLECTIONS.countySettings, 'area-qingxi');
    expect(settings?.decisionWorkingDays).toBe(2);

    setDemoCaller('demo-township');
    const township = await openPage(DASHBOARD);
    expect(textOf(township)).toContain('审批意见提出后 2 个工作日内作出决定（县民政局设定）');
    expect(textsOf(township, '.t-button--t-button')).not.toContain('保存审批时限');
  });
});
