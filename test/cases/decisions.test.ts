/**
 * No case stalls (DESIGN, rules the plan implies): a proposal has a decision clock, overdue to
 * the township after the county's number of working days; and a decision nobody in the society
 * may take (recusal, four eyes) goes to the designated approver or else to the township. Over the
 * real dispatch and the SQLite store.
 */
import { uploaded } from '../support/uploads';
import { createTestBackend, type TestBackend } from '../support/test-backend';
import { COLLECTIONS, type MembershipDoc, type SocietyDoc, type UserDoc } from '../../server/collections';
import { decisionWorkingDays } from '../../server/cases/county-rules';
import { findAll } from '../../server/ports/store';
import type { AuditEventDoc } from '../../server/audit/trail';
import type { CaseDoc } from '../../server/cases/model';
import type { CountySettingsDoc } from '../../server/funds/settings';
import type {
  CaseQueuePage,
  CountyCaseRulesView,
  OfficerCaseView,
  ProposalDone,
  TownshipDecisionView,
} from '../../miniprogram/domain/case';
import type { TownshipOverview } from '../../miniprogram/domain/oversight';
import { balanceOf, caller, discovery, footprint, SOCIETY, visit } from './helpers';
import { caseEventsOf } from '../support/case-events';
import { sealAll } from '../support/audit';

let backend: TestBackend;
let api: ReturnType<typeof caller>;

async function addPerson(userId: string, openid: string, name: string, grant: Partial<MembershipDoc>) {
  const { store } = backend.ports;
  await store.insert<UserDoc>(COLLECTIONS.users, { _id: userId, openid, name, createdAt: '2026-03-01T00:00:00Z' });
  await store.insert<MembershipDoc>(COLLECTIONS.memberships, {
    _id: `m-${userId}`,
    userId,
    role: 'secretary',
    societyId: null,
    areaId: null,
    grantedAt: '2026-03-01T00:00:00Z',
    grantedBy: 'test',
    ...grant,
  });
}

beforeAll(async () => {
  backend = await createTestBackend();
  api = caller(backend);
  // A township officer of 河口乡 (the other township), and a second secretary of 王家村.
  await addPerson('u-hekou-mz', 'test-hekou-township', '河口乡民政', { role: 'township', areaId: 'area-hekou' });
  await addPerson('u-wangkuaiji', 'test-second-secretary', '王会计', { role: 'secretary', societyId: SOCIETY });
});
afterAll(() => backend.close());

const proposal = { recommend: 'grant', form: 'cash', amountFen: 600_00, tierId: 'e2', reason: '建议按二档救助' };

/** A discovery brought to `proposed` by `proposer`; `household` makes it a case of that user's household. */
async function proposedCase(requestId: string, proposer: string, household?: string): Promise<OfficerCaseView> {
  const opened = await api.ok<OfficerCaseView>(
    'approvals',
    'openDiscovery',
    discovery({ requestId, ...(household ? { householdOfUserId: household } : {}) }),
    proposer,
  );
  await api.ok('approvals', 'recordVisit', visit(opened.id, proposal), proposer);
  // The proposal answers its state only (issue 15); the page goes back to the case.
  const done = await api.ok<ProposalDone>('approvals', 'propose', { caseId: opened.id, ...proposal }, proposer);
  expect(done).toMatchObject({ id: opened.id, caseNo: opened.caseNo, state: 'proposed', stateLabel: '待社长审批' });
  expect(done.proposal).toMatchObject({ recommend: 'grant', form: 'cash', amountFen: 600_00 });
  return api.ok<OfficerCaseView>('approvals', 'getCase', { caseId: opened.id }, proposer);
}

async function refusedWithoutTrace(action: string, payload: Record<string, unknown>, openid: string) {
  const before = await footprint(backend);
  const error = await api.refused('approvals', action, payload, openid);
  expect(await footprint(backend)).toEqual(before);
  return error;
}

describe('the decision clock', () => {
  let caseId: string;

  it('R-PROC-4 (decision clock): a proposal starts a decision deadline of 1 working day by default', async () => {
    const proposed = await proposedCase('req-clock-1', 'demo-secretary');
    caseId = proposed.id;
    expect(proposed.state).toBe('proposed');
    // Proposed Mon 30 Nov 14:00 Beijing: due Tue 1 Dec 14:00.
    expect(proposed.nextDeadline).toMatchObject({
      kind: 'decision',
      label: '审批决定',
      dueAt: '2026-12-01T06:00:00.000Z',
    });
    expect(proposed.decisionWait).toMatchObject({ text: '已等待审批 0分钟', overdue: false });
    expect(proposed.decider).toEqual({ kind: 'president', name: '社长王建国', reason: '' });
    expect(proposed.stateLabel).toBe('待社长审批');
  });

  it('the case page and the queue show how long it has waited, in working days', async () => {
    // Thu 3 Dec 17:00: Mon 14:00 → Thu 17:00 is 3 working days and 3 hours.
    backend.ports.clock.set('2026-12-03T17:00:00+08:00');
    const view = await api.ok<OfficerCaseView>('approvals', 'getCase', { caseId }, 'demo-secretary');
    expect(view.decisionWait).toMatchObject({ text: '已等待审批 3个工作日3小时', overdue: true });
    const { items } = await api.ok<CaseQueuePage>('approvals', 'queue', { societyId: SOCIETY }, 'demo-president');
    const row = items.find((item) => item.id === caseId)!;
    expect(row.decisionWait?.text).toBe('已等待审批 3个工作日3小时');
    expect(row.decider?.kind).toBe('president');
  });

  it('the queue comes in pages that add up to the whole queue, with totals counted by the store', async () => {
    const whole = await api.ok<CaseQueuePage>(
      'approvals',
      'queue',
      { societyId: SOCIETY, filter: 'all' },
      'demo-president',
    );
    expect(whole.nextOffset).toBeNull();
    expect(whole.total).toBe(whole.items.length);
    expect(whole.total).toBeGreaterThanOrEqual(4);
    const pages: CaseQueuePage[] = [];
    let offset: number | null = 0;
    while (offset !== null) {
      const page: CaseQueuePage = await api.ok<CaseQueuePage>(
        'approvals',
        'queue',
        { societyId: SOCIETY, filter: 'all', offset, limit: 2 },
        'demo-president',
      );
      pages.push(page);
      offset = page.nextOffset;
    }
    expect(pages.every((page) => page.total === whole.total && page.overdueTotal === whole.overdueTotal)).toBe(true);
    expect(pages.flatMap((page) => page.items.map((item) => item.id))).toEqual(whole.items.map((item) => item.id));
    expect(whole.overdueTotal).toBe(whole.items.filter((item) => item.nextDeadline?.overdue).length);
    expect(
      await api.refused('approvals', 'queue', { societyId: SOCIETY, limit: 1_000 }, 'demo-president'),
    ).toMatchObject({ code: 'BAD_REQUEST', message: '填写的内容有误：每页条数，请检查后重试' });
  });

  it('past the limit it is overdue to the township, marked as waiting for a decision', async () => {
    const overview = await api.ok<TownshipOverview>('notices', 'townshipOverview', {}, 'demo-township');
    const item = overview.overdueCases.find((entry) => entry.id === caseId)!;
    expect(item.deadline).toMatchObject({ kind: 'decision', overdue: true });
    expect(item.waitingForDecision).toBe('已等待审批 3个工作日3小时');
    expect(item.stateLabel).toBe('待社长审批');
    // Before the limit it is not on the list.
    backend.ports.clock.set('2026-12-01T13:00:00+08:00');
    const early = await api.ok<TownshipOverview>('notices', 'townshipOverview', {}, 'demo-township');
    expect(early.overdueCases.some((entry) => entry.id === caseId)).toBe(false);
  });

  it('the decision completes the clock: approval met within the limit', async () => {
    backend.ports.clock.set('2026-12-01T13:00:00+08:00');
    const approved = await api.ok<OfficerCaseView>('approvals', 'approve', { caseId, note: '同意' }, 'demo-president');
    expect(approved.deadlines.find((deadline) => deadline.kind === 'decision')).toMatchObject({ met: true });
    expect(approved.decisionWait).toMatchObject({ text: '审批用时 23小时', overdue: false });
    expect(approved.nextDeadline?.kind).toBe('payout');
  });

  it('a rejection completes it too', async () => {
    backend.ports.clock.set('2026-11-30T14:00:00+08:00');
    const proposed = await proposedCase('req-clock-2', 'demo-secretary');
    const rejected = await api.ok<OfficerCaseView>(
      'approvals',
      'reject',
      { caseId: proposed.id, reason: '经核实另有收入' },
      'demo-president',
    );
    expect(rejected.deadlines.find((deadline) => deadline.kind === 'decision')?.doneAt).not.toBeNull();
    expect(rejected.nextDeadline).toBeNull();
  });
});

describe('the county sets the decision clock', () => {
  it('reads the default, 1 working day; the township reads it and may not change it', async () => {
    expect(await api.ok<CountyCaseRulesView>('approvals', 'getCaseRules', {}, 'demo-county')).toMatchObject({
      countyId: 'area-qingxi',
      decisionWorkingDays: 1,
      defaulted: true,
      canEdit: true,
    });
    expect(await api.ok<CountyCaseRulesView>('approvals', 'getCaseRules', {}, 'demo-township')).toMatchObject({
      decisionWorkingDays: 1,
      canEdit: false,
    });
    expect(await refusedWithoutTrace('setDecisionWorkingDays', { days: 2 }, 'demo-township')).toMatchObject({
      code: 'FORBIDDEN',
    });
    expect(await refusedWithoutTrace('setDecisionWorkingDays', { days: 0 }, 'demo-county')).toMatchObject({
      code: 'BAD_REQUEST',
    });
    expect(await refusedWithoutTrace('setDecisionWorkingDays', { days: 1.5 }, 'demo-county')).toMatchObject({
      code: 'BAD_REQUEST',
    });
  });

  it('the county bureau sets 2 working days: audited, the fund settings kept, later proposals get 2', async () => {
    const { store } = backend.ports;
    const before = await store.get<CountySettingsDoc>(COLLECTIONS.countySettings, 'area-qingxi');
    const saved = await api.ok<CountyCaseRulesView>('approvals', 'setDecisionWorkingDays', { days: 2 }, 'demo-county');
    expect(saved).toMatchObject({ decisionWorkingDays: 2, defaulted: false });
    const after = await store.get<CountySettingsDoc>(COLLECTIONS.countySettings, 'area-qingxi');
    expect(after?.federationAccount).toEqual(before?.federationAccount);
    const audit = await findAll<AuditEventDoc>(store, COLLECTIONS.auditEvents, {
      where: { scopeId: 'area-qingxi', action: 'settings.decisionWorkingDays' },
    });
    expect(audit.map((event) => [event.actor.role, event.details])).toEqual([['county', { from: null, to: 2 }]]);
    // Issue 15: every society of the county keeps the clock, so a proposal reads no settings.
    const societies = await findAll<SocietyDoc>(store, COLLECTIONS.societies, { where: { countyId: 'area-qingxi' } });
    expect(societies.length).toBeGreaterThan(1);
    expect(societies.map((society) => society.decisionWorkingDays)).toEqual(societies.map(() => 2));
    const { decisionWorkingDays: _kept, ...withoutCopy } = societies[0]!;
    expect(await decisionWorkingDays(store, withoutCopy)).toBe(2);

    const proposed = await proposedCase('req-clock-3', 'demo-secretary');
    // Mon 30 Nov 14:00 + 2 working days = Wed 2 Dec 14:00 Beijing.
    expect(proposed.nextDeadline).toMatchObject({ kind: 'decision', dueAt: '2026-12-02T06:00:00.000Z' });
    await api.ok('approvals', 'reject', { caseId: proposed.id, reason: '测试结束' }, 'demo-president');
    await api.ok('approvals', 'setDecisionWorkingDays', { days: 1 }, 'demo-county');
    const reset = await findAll<SocietyDoc>(store, COLLECTIONS.societies, { where: { countyId: 'area-qingxi' } });
    expect(reset.map((society) => society.decisionWorkingDays)).toEqual(reset.map(() => 1));
  });
});

describe('recusal never stalls a case', () => {
  let caseId: string;

  it("the president's own household's case, proposed by the secretary, goes to the township", async () => {
    const proposed = await proposedCase('req-recusal-1', 'demo-secretary', 'u-wangjianguo');
    caseId = proposed.id;
    expect(proposed.decider).toEqual({ kind: 'township', name: '青石镇', reason: '本案社长需回避，由青石镇审批' });
    expect(proposed.stateLabel).toBe('待青石镇审批');
    const asPresident = await api.ok<OfficerCaseView>('approvals', 'getCase', { caseId }, 'demo-president');
    expect(asPresident).toMatchObject({ recused: true, actions: [] });
    expect(await refusedWithoutTrace('approve', { caseId, note: '' }, 'demo-president')).toMatchObject({
      code: 'FORBIDDEN',
    });
    // The proposer may not decide it either.
    expect(await refusedWithoutTrace('approve', { caseId, note: '' }, 'demo-secretary')).toMatchObject({
      code: 'FORBIDDEN',
    });
  });

  it('the township sees it waiting for its decision, and reads what deciding needs (no ID number or phone)', async () => {
    const overview = await api.ok<TownshipOverview>('notices', 'townshipOverview', {}, 'demo-township');
    expect(overview.decisions).toEqual([
      expect.objectContaining({
        id: caseId,
        societyName: '王家村救急难互助社',
        maskedName: '孙*珍',
        reason: '本案社长需回避，由青石镇审批',
        canDecide: true,
      }),
    ]);
    const county = await api.ok<TownshipOverview>('notices', 'townshipOverview', {}, 'demo-county');
    expect(county.decisions.map((item) => [item.id, item.canDecide])).toEqual([[caseId, false]]);

    const view = await api.ok<TownshipDecisionView>('approvals', 'townshipCase', { caseId }, 'demo-township');
    expect(view).toMatchObject({ name: '孙秀珍', actions: ['approve', 'reject'], decider: { kind: 'township' } });
    expect(view.proposal).toMatchObject({ amountFen: 600_00, byName: '刘芳' });
    expect(view.visit?.findings).toBe('情况属实，家中确有困难');
    const raw = JSON.stringify(view);
    const stored = await backend.ports.store.get<CaseDoc>(COLLECTIONS.cases, caseId);
    expect(raw).not.toContain(stored!.person.maskedIdNumber);
    expect(raw).not.toContain('心梗');
  });

  it('refused: a township of another township, a county, and the township on a normal case', async () => {
    expect(await refusedWithoutTrace('townshipApprove', { caseId, note: '' }, 'test-hekou-township')).toMatchObject({
      code: 'FORBIDDEN',
      message: '这个互助社不在您所在乡镇的辖区，不能审批其案件',
    });
    expect(await refusedWithoutTrace('townshipCase', { caseId }, 'test-hekou-township')).toMatchObject({
      code: 'FORBIDDEN',
    });
    expect(await refusedWithoutTrace('townshipApprove', { caseId, note: '' }, 'demo-county')).toMatchObject({
      code: 'FORBIDDEN',
    });
    const normal = await proposedCase('req-recusal-normal', 'demo-secretary');
    expect(
      await refusedWithoutTrace('townshipApprove', { caseId: normal.id, note: '' }, 'demo-township'),
    ).toMatchObject({ code: 'FORBIDDEN', message: '本案由社长王建国审批；乡镇只审批本社无人可以审批的案件' });
    expect(
      await refusedWithoutTrace('townshipReject', { caseId: normal.id, reason: '不行' }, 'demo-township'),
    ).toMatchObject({ code: 'FORBIDDEN' });
    expect(await refusedWithoutTrace('townshipCase', { caseId: normal.id }, 'demo-township')).toMatchObject({
      code: 'FORBIDDEN',
    });
    // The township gets no other case powers: the officers' actions stay closed to it.
    expect(await refusedWithoutTrace('getCase', { caseId }, 'demo-township')).toMatchObject({ code: 'FORBIDDEN' });
    expect(await refusedWithoutTrace('approve', { caseId, note: '' }, 'demo-township')).toMatchObject({
      code: 'FORBIDDEN',
    });
    await api.ok('approvals', 'reject', { caseId: normal.id, reason: '测试结束' }, 'demo-president');
  });

  it('the township approves, attributed and audited as township; the secretary then pays', async () => {
    const balance = await balanceOf(backend);
    const approved = await api.ok<TownshipDecisionView>(
      'approvals',
      'townshipApprove',
      { caseId, note: '经核查属实，同意救助' },
      'demo-township',
    );
    expect(approved).toMatchObject({ state: 'approved', actions: [], decider: null });
    expect(approved.decision).toMatchObject({ outcome: 'approved', amountFen: 600_00, byName: '青石镇民政办' });
    const events = (await caseEventsOf(backend.ports.store, caseId)).filter((event) => event.type === 'approve');
    expect(events.map((event) => [event.actor.role, event.details.decidedBy])).toEqual([['township', 'township']]);
    expect(events[0]!.summary).toContain('由乡镇审批');
    await sealAll(backend.ports.store);
    const audit = await findAll<AuditEventDoc>(backend.ports.store, COLLECTIONS.auditEvents, {
      where: { scopeId: SOCIETY, action: 'case.approve', target: `cases/${caseId}` },
    });
    expect(audit.map((event) => [event.actor.role, event.actor.userId])).toEqual([['township', 'u-qingshi-mz']]);
    // The township's own trail keeps it too, without personal information.
    const own = await findAll<AuditEventDoc>(backend.ports.store, COLLECTIONS.auditEvents, {
      where: { scopeId: 'area-qingshi', action: 'township.decision' },
    });
    expect(own.map((event) => [event.target, event.details])).toEqual([
      [`cases/${caseId}`, { societyId: SOCIETY, caseNo: expect.any(String), outcome: 'approved' }],
    ]);
    expect(JSON.stringify(own)).not.toContain('孙秀珍');
    // Decided: it leaves the township's list; a second decision is refused.
    const overview = await api.ok<TownshipOverview>('notices', 'townshipOverview', {}, 'demo-township');
    expect(overview.decisions).toEqual([]);
    expect(await refusedWithoutTrace('townshipReject', { caseId, reason: '再议' }, 'demo-township')).toMatchObject({
      code: 'INVALID_STATE',
    });

    const paid = await api.ok<OfficerCaseView>(
      'approvals',
      'disburse',
      { caseId, requestId: 'pay-recusal-1', method: 'cash', amountFen: 600_00 },
      'demo-secretary',
    );
    expect(paid.state).toBe('paid');
    expect(await balanceOf(backend)).toBe(balance - 600_00);
  });

  it('the township may reject such a case, with a reason', async () => {
    const proposed = await proposedCase('req-recusal-2', 'demo-secretary', 'u-wangjianguo');
    const rejected = await api.ok<TownshipDecisionView>(
      'approvals',
      'townshipReject',
      { caseId: proposed.id, reason: '家庭另有稳定收入' },
      'demo-township',
    );
    expect(rejected).toMatchObject({
      state: 'rejected',
      decision: { outcome: 'rejected', reason: '家庭另有稳定收入' },
    });
  });

  it('R-PROC-5: 先行救助 of the president’s household paid by the secretary: the township files the explanation', async () => {
    const opened = await api.ok<OfficerCaseView>(
      'approvals',
      'openDiscovery',
      discovery({ requestId: 'req-recusal-first', householdOfUserId: 'u-wangjianguo' }),
      'demo-secretary',
    );
    const caseId = opened.id;
    await api.ok(
      'approvals',
      'reliefFirst',
      {
        requestId: 'req-recusal-first-pay',
        caseId,
        method: 'cash',
        amountFen: 600_00,
        tierId: 'e2',
        urgency: '住院急需押金',
      },
      'demo-secretary',
    );
    // Before the visit is filed there is nothing to explain yet, for the township too.
    expect(
      await refusedWithoutTrace('townshipExplain', { caseId, explanation: '属实', ratified: true }, 'demo-township'),
    ).toMatchObject({
      code: 'INVALID_STATE',
    });
    await api.ok('approvals', 'recordVisit', visit(caseId, proposal), 'demo-secretary');
    const paid = await api.ok<OfficerCaseView>('approvals', 'getCase', { caseId }, 'demo-secretary');
    expect(paid.decider).toEqual({ kind: 'township', name: '青石镇', reason: '本案社长需回避，由青石镇审批' });
    expect(paid.stateLabel).toBe('已发放');
    expect(
      await refusedWithoutTrace('fileExplanation', { caseId, explanation: '属实', ratified: true }, 'demo-president'),
    ).toMatchObject({ code: 'FORBIDDEN' });
    expect(
      await refusedWithoutTrace('fileExplanation', { caseId, explanation: '属实', ratified: true }, 'demo-secretary'),
    ).toMatchObject({ code: 'FORBIDDEN' });

    const overview = await api.ok<TownshipOverview>('notices', 'townshipOverview', {}, 'demo-township');
    expect(overview.decisions).toContainEqual(
      expect.objectContaining({ id: caseId, stepLabel: '先行救助补办审批', canDecide: true }),
    );
    const view = await api.ok<TownshipDecisionView>('approvals', 'townshipCase', { caseId }, 'demo-township');
    expect(view).toMatchObject({ actions: ['fileExplanation'], reliefFirst: { urgency: '住院急需押金' } });
    expect(view.payout).toMatchObject({ amountFen: 600_00 });

    const filed = await api.ok<TownshipDecisionView>(
      'approvals',
      'townshipExplain',
      { caseId, explanation: '核查属实，先行救助符合规定', ratified: true },
      'demo-township',
    );
    expect(filed).toMatchObject({
      actions: [],
      decider: null,
      reliefFirst: { explanation: { ratified: true, byName: '青石镇民政办' } },
    });
    const events = (await caseEventsOf(backend.ports.store, caseId)).filter(
      (event) => event.type === 'fileExplanation',
    );
    expect(events.map((event) => event.actor.role)).toEqual(['township']);
    // The case no longer waits for anyone: with the receipt it can be closed.
    const fileId = await uploaded(backend, 'demo-secretary', { kind: 'receipts', caseId });
    await api.ok('approvals', 'recordReceipt', { caseId, fileId }, 'demo-secretary');
    const closed = await api.ok<OfficerCaseView>('approvals', 'close', { caseId }, 'demo-secretary');
    expect(closed.state).toBe('closed');
  });

  it('with a designated approver free to decide, the decision stays in the society', async () => {
    // 刘芳 is the designated second approver; 王会计 proposes the president's household's case.
    const settings = await api.ok<{ tiers: unknown }>(
      'approvals',
      'getSettings',
      { societyId: SOCIETY },
      'demo-president',
    );
    await api.ok(
      'approvals',
      'setSettings',
      { societyId: SOCIETY, tiers: settings.tiers, secondApproverUserId: 'u-liufang' },
      'demo-president',
    );
    const proposed = await proposedCase('req-recusal-3', 'test-second-secretary', 'u-wangjianguo');
    expect(proposed.decider).toEqual({
      kind: 'secondApprover',
      name: '审批人刘芳',
      reason: '本案社长需回避，由本社指定的审批人刘芳审批',
    });
    expect(proposed.stateLabel).toBe('待审批人刘芳审批');
    expect(
      await refusedWithoutTrace('townshipApprove', { caseId: proposed.id, note: '' }, 'demo-township'),
    ).toMatchObject({ code: 'FORBIDDEN' });
    const approved = await api.ok<OfficerCaseView>(
      'approvals',
      'approve',
      { caseId: proposed.id, note: '同意' },
      'demo-secretary',
    );
    expect(approved.decision).toMatchObject({ byName: '刘芳' });

    // When the designated approver proposed it herself, it goes to the township after all.
    const own = await proposedCase('req-recusal-4', 'demo-secretary', 'u-wangjianguo');
    expect(own.decider).toMatchObject({ kind: 'township', reason: '本案社长需回避，由青石镇审批' });
    await api.ok('approvals', 'townshipReject', { caseId: own.id, reason: '测试结束' }, 'demo-township');
  });
});
