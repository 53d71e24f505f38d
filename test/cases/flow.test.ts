/** The whole procedure through the real dispatch, as the demo callers would call it. */
import { uploaded } from '../support/uploads';
import { REQUEST_REUSED_MESSAGE } from '../../server/api/request-ids';
import { createTestBackend, type TestBackend } from '../support/test-backend';
import { COLLECTIONS } from '../../server/collections';
import { findAll } from '../../server/ports/store';
import type { LedgerEntryDoc } from '../../server/ledger/ledger';
import { verifyAuditChain, type AuditEventDoc } from '../../server/audit/trail';
import type { CaseDoc } from '../../server/cases/model';
import type {
  MyCaseItem,
  MyCaseView,
  OfficerCaseView,
  OverdueCaseItem,
  PayoutDone,
} from '../../miniprogram/domain/case';
import { application, balanceOf, caller, discovery, footprint, SOCIETY, visit } from './helpers';
import { sealedChain } from '../support/audit';
import { caseEventsOf } from '../support/case-events';

let backend: TestBackend;
let api: ReturnType<typeof caller>;
beforeAll(async () => {
  backend = await createTestBackend();
  api = caller(backend);
});
afterAll(() => backend.close());

describe('an application, end to end (R-PROC-1..4)', () => {
  let caseId: string;
  const payload = application({ requestId: 'req-flow-apply-1', applicantPhone: '13700000000' });
  const idNumber = (payload.beneficiary as { idNumber: string }).idNumber;
  let balanceBefore: number;

  it('the eligibility helper tells anyone which relief and cap apply, and why', async () => {
    const check = await api.ok<{ result: { reliefType: string; capFen: number; reasons: string[] } }>(
      'applications',
      'checkEligibility',
      {
        societyId: SOCIETY,
        hukou: 'beneficiary',
        cause: 'accident',
        assistance: ['dibao'],
        category: 'other',
        livingAtRisk: true,
      },
      null,
    );
    expect(check.result).toMatchObject({ reliefType: 'supplementary', capFen: 500_00 });
    expect(check.result.reasons[0]).toContain('低保');
  });

  it('R-PROC-1: the applicant submits; a retry with the same request id does not make a second case', async () => {
    balanceBefore = await balanceOf(backend);
    const before = await backend.ports.store.count(COLLECTIONS.cases);
    const first = await api.ok<MyCaseView>('applications', 'submit', payload, 'demo-applicant');
    const again = await api.ok<MyCaseView>('applications', 'submit', payload, 'demo-applicant');
    caseId = first.id;
    expect(again.id).toBe(caseId);
    expect(await backend.ports.store.count(COLLECTIONS.cases)).toBe(before + 1);
    // The same request id with another application is refused, and nothing more is created.
    const other = await api.refused(
      'applications',
      'submit',
      { ...payload, description: '另一件事：房屋漏雨需要修缮' },
      'demo-applicant',
    );
    expect(other.code).toBe('DUPLICATE');
    expect(await backend.ports.store.count(COLLECTIONS.cases)).toBe(before + 1);
    expect(first).toMatchObject({
      state: 'submitted',
      caseNo: '2026-005',
      beneficiaryName: '张小军',
      relationshipLabel: '子女',
    });
    expect(first.person.idNumber).toBe(idNumber);
    expect(first.timeline.map((entry) => entry.type)).toEqual(['submit']);
  });

  it('stores the ID number and phone sealed, never in clear, and keeps them out of events and audit', async () => {
    const raw = JSON.stringify(await backend.ports.store.get(COLLECTIONS.cases, caseId));
    expect(raw).not.toContain(idNumber);
    expect(raw).not.toContain('13700000000');
    expect(raw).not.toContain('骨折');
    const events = JSON.stringify(await caseEventsOf(backend.ports.store, caseId));
    const audit = JSON.stringify(
      await findAll(backend.ports.store, COLLECTIONS.auditEvents, { where: { scopeId: SOCIETY } }),
    );
    for (const text of [events, audit]) {
      expect(text).not.toContain(idNumber);
      expect(text).not.toContain('13700000000');
    }
  });

  it('R-PROC-3: the secretary accepts, which starts the 1-working-day clock for the visit', async () => {
    const view = await api.ok<OfficerCaseView>('approvals', 'accept', { caseId }, 'demo-secretary');
    expect(view.state).toBe('accepted');
    expect(view.nextDeadline).toMatchObject({ kind: 'visit', dueAt: '2026-12-01T06:00:00.000Z', overdue: false });
    expect(view.actions).toEqual(expect.arrayContaining(['recordVisit', 'reliefFirst']));
  });

  it('R-PROC-3: the home visit records two visitors, findings, photos, originals and the review opinion', async () => {
    const view = await api.ok<OfficerCaseView>(
      'approvals',
      'recordVisit',
      visit(caseId, { recommend: 'grant', form: 'cash', amountFen: 300_00, tierId: 's2' }),
      'demo-secretary',
    );
    expect(view.state).toBe('visited');
    expect(view.visit).toMatchObject({ visitors: ['刘芳', '王建军'], findings: '情况属实，家中确有困难' });
    expect(view.visit!.opinion).toMatchObject({
      reliefType: 'supplementary',
      amountFen: 300_00,
      tierLabel: '二档（较重困难）',
    });
    expect(view.deadlines[0]).toMatchObject({ kind: 'visit', met: true });
  });

  it('the secretary proposes; the president approves and the payout clock starts (R-PROC-4)', async () => {
    await api.ok(
      'approvals',
      'propose',
      { caseId, recommend: 'grant', form: 'cash', amountFen: 300_00, tierId: 's2', reason: '建议按二档救助' },
      'demo-secretary',
    );
    const approved = await api.ok<OfficerCaseView>('approvals', 'approve', { caseId, note: '同意' }, 'demo-president');
    expect(approved.state).toBe('approved');
    expect(approved.decision).toMatchObject({ outcome: 'approved', amountFen: 300_00, byName: '王建国' });
    expect(approved.nextDeadline).toMatchObject({ kind: 'payout', dueAt: '2026-12-01T06:00:00.000Z' });
  });

  it('the secretary pays: the fund drops by the amount exactly once, retried or repeated', async () => {
    const pay = { caseId, requestId: 'pay-flow-apply-1', method: 'cash', amountFen: 300_00 };
    const paid = await api.ok<PayoutDone>('approvals', 'disburse', pay, 'demo-secretary');
    // Issue 15: a payout answers the case's state and the payout only; the page reads the case again.
    expect(Object.keys(paid).sort()).toEqual(['caseNo', 'id', 'payout', 'state', 'stateLabel']);
    expect(paid).toMatchObject({ id: caseId, state: 'paid', stateLabel: '已发放' });
    expect(paid.payout).toMatchObject({
      method: 'cash',
      amountFen: 300_00,
      ledgerEntryId: `payout-${caseId}`,
      paidByName: '刘芳',
    });
    await api.ok('approvals', 'disburse', pay, 'demo-secretary');
    expect(
      await api.refused('approvals', 'disburse', { ...pay, requestId: 'pay-flow-apply-2' }, 'demo-secretary'),
    ).toMatchObject({
      code: 'INVALID_STATE',
    });
    // The same request id with another request (here: goods instead of cash) is refused, not answered with the first.
    const before = await footprint(backend);
    expect(
      await api.refused(
        'approvals',
        'disburse',
        { ...pay, method: 'goods', goodsDescription: '大米两袋' },
        'demo-secretary',
      ),
    ).toEqual({ code: 'DUPLICATE', message: '这个请求编号已经用于另一份不同的内容，请刷新页面后重新提交' });
    expect(await footprint(backend)).toEqual(before);
    expect(await balanceOf(backend)).toBe(balanceBefore - 300_00);
    const entries = await findAll<LedgerEntryDoc>(backend.ports.store, COLLECTIONS.ledgerEntries, {
      where: { sourceRef: `case:${caseId}` },
    });
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ type: 'reliefPayout', amountFen: -300_00, reliefType: 'supplementary' });
  });

  it('R-PROC-6 hand-over: the payout event carries the public notice facts, masked, without personal numbers', async () => {
    const events = await caseEventsOf(backend.ports.store, caseId);
    const payout = events.find((event) => event.type === 'disburse')!;
    expect(payout.details.notice).toEqual({
      caseId,
      societyId: SOCIETY,
      villageId: 'area-wangjia',
      maskedName: '张*军',
      reliefType: 'supplementary',
      cause: 'accident',
      method: 'cash',
      amountFen: 300_00,
      paidAt: '2026-11-30T06:00:00.000Z',
      reliefFirst: false,
      noticeConsented: true,
      ledgerEntryId: `payout-${caseId}`,
    });
    expect(events.map((event) => event._id)).toEqual(
      events.map((event) => `${caseId}:${String(event.seq).padStart(4, '0')}`),
    );
  });

  it('the applicant sees every step of their own case, confirms receipt, and the secretary closes it', async () => {
    const mine = await api.ok<MyCaseView>('applications', 'getMyCase', { caseId }, 'demo-applicant');
    expect(mine.timeline.map((entry) => entry.type)).toEqual([
      'submit',
      'accept',
      'recordVisit',
      'propose',
      'approve',
      'disburse',
    ]);
    expect(mine.timeline[4]).toMatchObject({ actorName: '王建国', actorRoleLabel: '社长' });
    expect(mine.can).toEqual({ addMaterials: false, withdraw: false, confirmReceipt: true });
    expect(mine.payout).toMatchObject({ amountFen: 300_00, methodLabel: '现金' });
    await api.ok('applications', 'confirmReceipt', { caseId }, 'demo-applicant');
    const closed = await api.ok<OfficerCaseView>('approvals', 'close', { caseId, note: '已签收' }, 'demo-secretary');
    expect(closed.state).toBe('closed');
    const list = await api.ok<{ items: MyCaseItem[] }>('applications', 'myCases', {}, 'demo-applicant');
    expect(list.items.map((item) => item.id)).toEqual([caseId, 'demo-case-04']);
  });

  it('never shows a case to anyone else on the applicant side', async () => {
    expect(await api.refused('applications', 'getMyCase', { caseId }, 'demo-resident')).toMatchObject({
      code: 'NOT_FOUND',
    });
    expect((await api.ok<{ items: unknown[] }>('applications', 'myCases', {}, 'demo-resident')).items).toEqual([]);
  });

  it('R-OVS-5: every step is in the society audit chain, unbroken', async () => {
    const { events, head } = await sealedChain(backend.ports.store, SOCIETY);
    expect(verifyAuditChain(events, head)).toMatchObject({ ok: true });
    const steps = events.filter((event) => event.target === `cases/${caseId}`).map((event) => event.action);
    expect(steps).toEqual([
      'case.submit',
      'case.accept',
      'case.recordVisit',
      'case.propose',
      'case.approve',
      'case.disburse',
      'case.confirmReceipt',
      'case.close',
    ]);
    // One audit event for the payout (issue 15): it names the ledger entry, which appends none.
    const payout = events.find((event) => event.target === `cases/${caseId}` && event.action === 'case.disburse')!;
    const entryId = payout.details.ledgerEntryId as string;
    expect(payout.details).toMatchObject({ amountFen: 300_00, method: 'cash' });
    expect(await backend.ports.store.get(COLLECTIONS.ledgerEntries, entryId)).toMatchObject({ amountFen: -300_00 });
    expect(events.filter((event) => event.target === `${COLLECTIONS.ledgerEntries}/${entryId}`)).toEqual([]);
  });
});

describe('a discovery case, paid in goods (R-PROC-1, R-CAP-3)', () => {
  it('opens accepted with the clock running, then visit → propose → approve → goods → receipt photo → close', async () => {
    const balance = await balanceOf(backend);
    const payload = discovery({ requestId: 'disc-flow-1' });
    const opened = await api.ok<OfficerCaseView>('approvals', 'openDiscovery', payload, 'demo-secretary');
    const again = await api.ok<OfficerCaseView>('approvals', 'openDiscovery', payload, 'demo-secretary');
    expect(again.id).toBe(opened.id);
    expect(opened).toMatchObject({ state: 'accepted', origin: 'discovery', reliefType: 'emergency', applicant: null });
    expect(opened.discovery).toEqual({ how: '入户走访中发现', byName: '刘芳' });
    expect(opened.nextDeadline).toMatchObject({ kind: 'visit', dueAt: '2026-12-01T06:00:00.000Z' });
    const caseId = opened.id;
    await api.ok(
      'approvals',
      'recordVisit',
      visit(caseId, { recommend: 'grant', form: 'inKind', amountFen: 600_00, tierId: 'e2' }),
      'demo-secretary',
    );
    await api.ok(
      'approvals',
      'propose',
      { caseId, recommend: 'grant', form: 'inKind', amountFen: 600_00, tierId: 'e2', reason: '购买被褥、营养品' },
      'demo-secretary',
    );
    await api.ok('approvals', 'approve', { caseId, note: '' }, 'demo-president');
    expect(
      await api.refused(
        'approvals',
        'disburse',
        { caseId, requestId: 'pay-disc-flow-1', method: 'cash', amountFen: 600_00 },
        'demo-secretary',
      ),
    ).toMatchObject({ code: 'BAD_REQUEST' });
    const receiptFileId = await uploaded(backend, 'demo-secretary', { kind: 'receipts', caseId });
    const paid = await api.ok<PayoutDone>(
      'approvals',
      'disburse',
      {
        caseId,
        requestId: 'pay-disc-flow-1',
        method: 'goods',
        amountFen: 580_00,
        goodsDescription: '棉被 2 床、米面油一批',
        receiptFileId,
      },
      'demo-secretary',
    );
    expect(paid.payout).toMatchObject({
      method: 'goods',
      amountFen: 580_00,
      goodsDescription: '棉被 2 床、米面油一批',
    });
    const view = await api.ok<OfficerCaseView>('approvals', 'getCase', { caseId }, 'demo-secretary');
    expect(view.receipt).toMatchObject({ method: 'photo', fileId: receiptFileId });
    expect(await balanceOf(backend)).toBe(balance - 580_00);
    expect((await api.ok<OfficerCaseView>('approvals', 'close', { caseId }, 'demo-secretary')).state).toBe('closed');
  });
});

describe('先行救助 (R-PROC-5)', () => {
  let caseId: string;
  it('an officer pays an accepted case at once; the explanation is due 1 working day later', async () => {
    const balance = await balanceOf(backend);
    const opened = await api.ok<OfficerCaseView>(
      'approvals',
      'openDiscovery',
      discovery({
        requestId: 'disc-first-1',
        cause: 'accident',
        description: '夜间房屋失火，一家人无处居住',
        category: 'nearDibao',
      }),
      'demo-secretary',
    );
    caseId = opened.id;
    const paid = await api.ok<PayoutDone>(
      'approvals',
      'reliefFirst',
      {
        caseId,
        requestId: 'first-pay-1',
        method: 'cash',
        amountFen: 1_000_00,
        tierId: 'e3',
        urgency: '一家人当晚无处安身，急需购置生活用品',
      },
      'demo-secretary',
    );
    expect(paid.state).toBe('paid');
    expect(paid.payout).toMatchObject({ reliefFirst: true, amountFen: 1_000_00 });
    const view = await api.ok<OfficerCaseView>('approvals', 'getCase', { caseId }, 'demo-secretary');
    expect(view.reliefFirst).toMatchObject({ byName: '刘芳', explanation: null });
    expect(view.deadlines.map((deadline) => deadline.kind)).toEqual(['visit', 'explanation']);
    expect(view.deadlines[1]).toMatchObject({ dueAt: '2026-12-01T06:00:00.000Z', overdue: false });
    expect(view.actions).toEqual(expect.arrayContaining(['recordVisit', 'confirmReceipt']));
    expect(await balanceOf(backend)).toBe(balance - 1_000_00);
  });

  it('shows as overdue to the township and the supervisor once the working day has passed', async () => {
    backend.ports.clock.set('2026-12-01T15:00:00+08:00');
    try {
      const township = await api.ok<{ items: OverdueCaseItem[] }>('approvals', 'overdue', {}, 'demo-township');
      const item = township.items.find((overdue) => overdue.id === caseId)!;
      expect(item).toMatchObject({ societyName: '王家村救急难互助社', maskedName: '孙*珍' });
      expect(item.deadline.overdue).toBe(true);
      expect(JSON.stringify(township)).not.toMatch(/\d{17}[\dX]/);
      expect(township.items.map((overdue) => overdue.id)).toContain('demo-case-04');
      const supervisor = await api.ok<OfficerCaseView>('approvals', 'getCase', { caseId }, 'demo-supervisor');
      expect(supervisor.nextDeadline).toMatchObject({ overdue: true });
      expect(supervisor.actions).toEqual([]);
    } finally {
      backend.ports.clock.set('2026-11-30T14:00:00+08:00');
    }
  });

  it('the decision waits for the visit; the one who paid first cannot ratify it; the president does', async () => {
    expect(
      await api.refused(
        'approvals',
        'fileExplanation',
        { caseId, explanation: '情况紧急', ratified: true },
        'demo-president',
      ),
    ).toMatchObject({ code: 'INVALID_STATE' });
    const visited = await api.ok<OfficerCaseView>(
      'approvals',
      'recordVisit',
      visit(caseId, { recommend: 'grant', form: 'cash', amountFen: 1_000_00, tierId: 'e3' }),
      'demo-secretary',
    );
    expect(visited.state).toBe('paid');
    expect(
      await api.refused(
        'approvals',
        'fileExplanation',
        { caseId, explanation: '情况紧急', ratified: true },
        'demo-secretary',
      ),
    ).toMatchObject({ code: 'FORBIDDEN' });
    const filed = await api.ok<OfficerCaseView>(
      'approvals',
      'fileExplanation',
      { caseId, explanation: '失火当晚先行救助，经入户核查情况属实，予以追认', ratified: true },
      'demo-president',
    );
    expect(filed.reliefFirst!.explanation).toMatchObject({ ratified: true, byName: '王建国' });
    expect(filed.deadlines.find((deadline) => deadline.kind === 'explanation')).toMatchObject({ met: true });
    expect(filed.decision).toMatchObject({ outcome: 'approved', amountFen: 1_000_00 });
    expect(await api.refused('approvals', 'close', { caseId }, 'demo-secretary')).toMatchObject({
      code: 'INVALID_STATE',
      message: '还没有领款人确认（收据照片或本人确认），不能结案',
    });
    const fileId = await uploaded(backend, 'demo-secretary', { kind: 'receipts', caseId });
    await api.ok('approvals', 'recordReceipt', { caseId, fileId }, 'demo-secretary');
    expect((await api.ok<OfficerCaseView>('approvals', 'close', { caseId }, 'demo-secretary')).state).toBe('closed');
  });
});

describe('after relief: referrals, repeat warning, case file', () => {
  it('R-CAP-3: a referral has an owner and a follow-up date, and is followed up', async () => {
    const added = await api.ok<OfficerCaseView>(
      'approvals',
      'addReferral',
      {
        caseId: 'demo-case-03',
        requestId: 'ref-flow-0001',
        kind: 'counselling',
        description: '火灾后心理疏导',
        ownerName: '陈立新',
        followUpDate: '2026-12-10',
      },
      'demo-secretary',
    );
    const referral = added.referrals.find((item) => item.kind === 'counselling')!;
    expect(referral).toMatchObject({ ownerName: '陈立新', followUpDate: '2026-12-10', status: 'open' });
    const updated = await api.ok<OfficerCaseView>(
      'approvals',
      'updateReferral',
      { caseId: 'demo-case-03', referralId: referral.id, status: 'done', note: '已完成两次上门疏导' },
      'demo-secretary',
    );
    expect(updated.referrals.find((item) => item.id === referral.id)).toMatchObject({
      status: 'done',
      statusLabel: '已完成',
    });
  });

  it('R-CAP-3: a retried referral is recorded once; its request id reused for another referral is refused', async () => {
    const referral = {
      caseId: 'demo-case-03',
      requestId: 'ref-flow-0002',
      kind: 'governmentProgramme',
      description: '协助申请医疗救助',
      ownerName: '陈立新',
      followUpDate: '2026-12-11',
    };
    const first = await api.ok<OfficerCaseView>('approvals', 'addReferral', referral, 'demo-secretary');
    const again = await api.ok<OfficerCaseView>('approvals', 'addReferral', referral, 'demo-secretary');
    expect(again.referrals).toEqual(first.referrals);
    const before = await footprint(backend);
    expect(
      await api.refused('approvals', 'addReferral', { ...referral, ownerName: '另一位负责人' }, 'demo-secretary'),
    ).toEqual({ code: 'DUPLICATE', message: REQUEST_REUSED_MESSAGE });
    expect(await footprint(backend)).toEqual(before);
  });

  it('warns of earlier cases of the same person for the same cause and records that the decision saw them', async () => {
    const first = await api.ok<MyCaseView>(
      'applications',
      'submit',
      application({ requestId: 'req-repeat-0001' }),
      'demo-applicant',
    );
    const second = await api.ok<MyCaseView>(
      'applications',
      'submit',
      application({
        requestId: 'req-repeat-0002',
        beneficiary: { name: '张小军', idNumber: first.person.idNumber, relationship: 'child' },
      }),
      'demo-applicant',
    );
    const view = await api.ok<OfficerCaseView>('approvals', 'getCase', { caseId: second.id }, 'demo-secretary');
    expect(view.repeatCases.map((other) => other.id)).toEqual([first.id]);
    const accepted = await api.ok<OfficerCaseView>(
      'approvals',
      'accept',
      { caseId: second.id, seenRepeatCaseIds: [first.id] },
      'demo-secretary',
    );
    expect(accepted.timeline.at(-1)!.summary).toContain('此前同一原因已有 1 个案件，已查看');
    const raw = await backend.ports.store.get<CaseDoc>(COLLECTIONS.cases, second.id);
    expect(raw!.intakeRepeat).toEqual({ caseIds: [first.id], seenCaseIds: [first.id] });
    const file = await api.ok<{ cases: OfficerCaseView[]; person: { name: string } }>(
      'approvals',
      'caseFile',
      { caseId: second.id },
      'demo-supervisor',
    );
    expect(file.cases.map((item) => item.id)).toEqual([first.id, second.id]);
  });

  it("R-PROC-7: exports one person's file as a printable document through Files, and audits the export", async () => {
    const exported = await api.ok<{ fileId: string; url: string }>(
      'approvals',
      'exportCaseFile',
      { caseId: 'demo-case-03' },
      'demo-supervisor',
    );
    expect(exported.url).toMatch(/^\/files\/case-files\/soc-wangjia\/.+\.html\?expires=\d+&sig=[\w-]+$/);
    const stored = await backend.ports.files.get(exported.fileId);
    const html = stored!.content.toString('utf8');
    expect(stored!.contentType).toBe('text/html');
    expect(html).toContain('陈大山');
    expect(html).toContain('2026-003');
    expect(html).toContain('以现金发放应急救助 1000元');
    const audit = await findAll<AuditEventDoc>(backend.ports.store, COLLECTIONS.auditEvents, {
      where: { scopeId: SOCIETY },
    });
    expect(audit.some((event) => event.action === 'case.exportFile' && event.actor.role === 'supervisor')).toBe(true);
  });
});

describe('the other endings, and materials', () => {
  it('the applicant adds materials until the decision; a file id must come from the Files port', async () => {
    const submitted = await api.ok<MyCaseView>(
      'applications',
      'submit',
      application({ requestId: 'req-materials-1' }),
      'demo-applicant',
    );
    const added = await api.ok<MyCaseView>(
      'applications',
      'addMaterials',
      {
        caseId: submitted.id,
        materials: [
          {
            kind: 'idCard',
            fileId: await uploaded(backend, 'demo-applicant', { kind: 'materials', caseId: submitted.id }),
          },
          {
            kind: 'hardshipProof',
            fileId: await uploaded(backend, 'demo-applicant', { kind: 'materials', caseId: submitted.id }),
          },
        ],
      },
      'demo-applicant',
    );
    expect(added.materials.map((item) => item.label)).toEqual(['身份证', '困难情况证明']);
    expect(added.timeline.at(-1)).toMatchObject({
      type: 'addMaterials',
      summary: '补充材料 2 份（身份证、困难情况证明）',
    });
    expect(
      await api.refused(
        'applications',
        'addMaterials',
        { caseId: submitted.id, materials: [{ kind: 'idCard', fileId: '../../etc/passwd' }] },
        'demo-applicant',
      ),
    ).toMatchObject({ code: 'BAD_REQUEST' });
    const withdrawn = await api.ok<MyCaseView>(
      'applications',
      'withdraw',
      { caseId: submitted.id, reason: '已由亲戚帮忙解决' },
      'demo-applicant',
    );
    expect(withdrawn).toMatchObject({ state: 'withdrawn', stateLabel: '已撤回', endReason: '已由亲戚帮忙解决' });
  });

  it('a declined application and a rejected decision carry their reasons to the applicant', async () => {
    const one = await api.ok<MyCaseView>(
      'applications',
      'submit',
      application({ requestId: 'req-decline-1' }),
      'demo-applicant',
    );
    await api.ok('approvals', 'decline', { caseId: one.id, reason: '已在其他村享受同类救助' }, 'demo-secretary');
    expect(await api.ok<MyCaseView>('applications', 'getMyCase', { caseId: one.id }, 'demo-applicant')).toMatchObject({
      state: 'declined',
      endReason: '已在其他村享受同类救助',
    });
    const two = await api.ok<MyCaseView>(
      'applications',
      'submit',
      application({ requestId: 'req-reject-1' }),
      'demo-applicant',
    );
    await api.ok('approvals', 'accept', { caseId: two.id }, 'demo-secretary');
    await api.ok(
      'approvals',
      'recordVisit',
      visit(two.id, { recommend: 'deny', reason: '家庭收入稳定，基本生活未受影响' }),
      'demo-secretary',
    );
    await api.ok(
      'approvals',
      'propose',
      { caseId: two.id, recommend: 'deny', reason: '建议不予救助' },
      'demo-secretary',
    );
    expect(await api.refused('approvals', 'approve', { caseId: two.id }, 'demo-president')).toMatchObject({
      code: 'BAD_REQUEST',
    });
    await api.ok(
      'approvals',
      'reject',
      { caseId: two.id, reason: '经核查家庭收入稳定，不符合救助条件' },
      'demo-president',
    );
    const mine = await api.ok<MyCaseView>('applications', 'getMyCase', { caseId: two.id }, 'demo-applicant');
    expect(mine).toMatchObject({
      state: 'rejected',
      decision: { outcome: 'rejected', reason: '经核查家庭收入稳定，不符合救助条件' },
    });
    expect(mine.timeline.at(-1)!.summary).toBe('不予批准：经核查家庭收入稳定，不符合救助条件');
  });
});
