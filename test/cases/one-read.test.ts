/**
 * Issue 15: a case step reads its case once: in its transaction (server/cases/common.ts
 * `caseStep`), never first outside it and again inside; or, for a step that writes only its case
 * (`keptStep`), once before its one conditional write (`replaceIf`), with no transaction at all. Each step here goes through the real
 * dispatch over the seeded demo county, every store call counted and listed by a CountingStore.
 */
import { measuredBackend, type MeasuredBackend } from '../../bench/costs';
import type { OfficerCaseView, MyCaseView } from '../../miniprogram/domain/case';
import { application, discovery, visit } from './helpers';

jest.setTimeout(60_000);

let backend: MeasuredBackend;
beforeAll(async () => {
  backend = await measuredBackend();
  backend.counting.trace = [];
});
afterAll(() => backend.close());

async function ok<T>(fn: string, action: string, payload: Record<string, unknown>, openid: string): Promise<T> {
  const answer = await backend.call(fn, { action, ...payload }, openid);
  if (!answer.ok) throw new Error(`${fn}.${action} refused: ${answer.error.code} ${backend.lastRefusal()}`);
  return answer.data as T;
}

/** The step's calls, each store call as the CountingStore lists it, and its round trips. */
async function traced<T>(
  fn: string,
  action: string,
  payload: Record<string, unknown>,
  openid: string,
): Promise<{ answer: T; caseReads: string[]; caseWrites: string[]; roundTrips: number }> {
  backend.counting.reset();
  backend.counting.trace!.splice(0);
  const answer = await ok<T>(fn, action, payload, openid);
  const { roundTrips } = backend.counting.reset();
  const trace = backend.counting.trace!.splice(0);
  const caseReads = trace.filter((line) => /^\s*(tx )?get cases$/.test(line));
  const caseWrites = trace.filter((line) => /^\s*(tx set|replaceIf) cases$/.test(line));
  return { answer, caseReads, caseWrites, roundTrips };
}

async function photo(openid: string, kind: 'materials' | 'receipts', caseId: string): Promise<string> {
  const slot = await ok<{ path: string }>('societies', 'requestUpload', { kind, caseId }, openid);
  const bytes = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46]);
  return (await backend.ports.files.put(slot.path, bytes, 'image/jpeg')).fileId;
}

/** One read of the case: in the step's transaction, or before its one conditional write. */
function expectOneRead(step: { caseReads: string[]; caseWrites: string[] }): void {
  if (step.caseWrites.includes('replaceIf cases')) {
    expect(step).toMatchObject({ caseReads: ['get cases'], caseWrites: ['replaceIf cases'] });
  } else {
    expect(step.caseReads).toEqual(['  tx get cases']);
  }
}

describe('issue 15: every case step reads its case once', () => {
  let applied: string;
  let firstPaid: string;

  it('the applicant adds materials and withdraws: one read each', async () => {
    const submitted = await ok<MyCaseView>('applications', 'submit', application(), 'demo-applicant');
    applied = submitted.id;
    const fileId = await photo('demo-applicant', 'materials', applied);
    const added = await traced<MyCaseView>(
      'applications',
      'addMaterials',
      { caseId: applied, materials: [{ kind: 'idCard', fileId }] },
      'demo-applicant',
    );
    expectOneRead(added);
    expect(added.answer.timeline.at(-1)).toMatchObject({ type: 'addMaterials' });

    const other = await ok<MyCaseView>('applications', 'submit', application(), 'demo-applicant');
    const withdrawn = await traced<MyCaseView>(
      'applications',
      'withdraw',
      { caseId: other.id, reason: '已解决' },
      'demo-applicant',
    );
    expectOneRead(withdrawn);
    expect(withdrawn.answer.state).toBe('withdrawn');
  });

  it('an officer adds materials, and after payment records the receipt, refers and closes: one read each', async () => {
    const fileId = await photo('demo-secretary', 'materials', applied);
    const added = await traced<OfficerCaseView>(
      'approvals',
      'addMaterials',
      { caseId: applied, materials: [{ kind: 'hardshipProof', fileId }] },
      'demo-secretary',
    );
    expectOneRead(added);
    await ok('approvals', 'accept', { caseId: applied }, 'demo-secretary');
    await ok(
      'approvals',
      'recordVisit',
      visit(applied, { recommend: 'grant', form: 'cash', amountFen: 300_00, tierId: 's2' }),
      'demo-secretary',
    );
    await ok(
      'approvals',
      'propose',
      { caseId: applied, recommend: 'grant', form: 'cash', amountFen: 300_00, tierId: 's2', reason: '建议救助' },
      'demo-secretary',
    );
    await ok('approvals', 'approve', { caseId: applied, note: '同意' }, 'demo-president');
    await ok(
      'approvals',
      'disburse',
      { caseId: applied, requestId: 'one-read-pay', method: 'cash', amountFen: 300_00 },
      'demo-secretary',
    );

    const receipt = await photo('demo-secretary', 'receipts', applied);
    const recorded = await traced<OfficerCaseView>(
      'approvals',
      'recordReceipt',
      { caseId: applied, fileId: receipt },
      'demo-secretary',
    );
    expectOneRead(recorded);

    const referral = {
      caseId: applied,
      requestId: 'one-read-ref',
      kind: 'counselling',
      description: '心理疏导',
      ownerName: '陈立新',
      followUpDate: '2026-12-10',
    };
    const referred = await traced<OfficerCaseView>('approvals', 'addReferral', referral, 'demo-secretary');
    expectOneRead(referred);
    const referralId = referred.answer.referrals.find((item) => item.kind === 'counselling')!.id;
    const followed = await traced<OfficerCaseView>(
      'approvals',
      'updateReferral',
      { caseId: applied, referralId, status: 'done', note: '已上门两次' },
      'demo-secretary',
    );
    expectOneRead(followed);

    const closed = await traced<OfficerCaseView>('approvals', 'close', { caseId: applied }, 'demo-secretary');
    expectOneRead(closed);
    expect(closed.answer.state).toBe('closed');
  });

  it('R-PROC-5: paying first, filing the explanation and the township settling it: one read each', async () => {
    const opened = await ok<OfficerCaseView>(
      'approvals',
      'openDiscovery',
      discovery({ cause: 'accident', description: '房屋失火', category: 'nearDibao' }),
      'demo-secretary',
    );
    firstPaid = opened.id;
    const paid = await traced<{ state: string }>(
      'approvals',
      'reliefFirst',
      {
        caseId: firstPaid,
        requestId: 'one-read-first',
        method: 'cash',
        amountFen: 1_000_00,
        tierId: 'e3',
        urgency: '当晚无处安身',
      },
      'demo-secretary',
    );
    expectOneRead(paid);
    expect(paid.answer.state).toBe('paid');
    await ok(
      'approvals',
      'recordVisit',
      visit(firstPaid, { recommend: 'deny', reason: '损失已由保险赔付' }),
      'demo-secretary',
    );
    const filed = await traced<OfficerCaseView>(
      'approvals',
      'fileExplanation',
      { caseId: firstPaid, explanation: '损失已由保险赔付，不予追认', ratified: false },
      'demo-president',
    );
    expectOneRead(filed);
    const settled = await traced<{ kind: string }>(
      'approvals',
      'settleUnratified',
      { caseId: firstPaid, requestId: 'one-read-settle', outcome: 'writeOff', reason: '无力退回' },
      'demo-township',
    );
    expectOneRead(settled);
  });

  it('R-CAP-2: handing a case to the township and its answer: one read each', async () => {
    const opened = await ok<OfficerCaseView>('approvals', 'openDiscovery', discovery(), 'demo-secretary');
    const referred = await traced<OfficerCaseView>(
      'approvals',
      'referTownship',
      { caseId: opened.id, requestId: 'one-read-township', askedFen: 5_000_00, reason: '超出互助社上限' },
      'demo-secretary',
    );
    expectOneRead(referred);
    const referralId = referred.answer.referrals[0]!.id;
    const answered = await traced<unknown>(
      'approvals',
      'townshipReferralOutcome',
      { caseId: opened.id, referralId, accepted: true, amountFen: 3_000_00, reason: '' },
      'demo-township',
    );
    expectOneRead(answered);
  });
  it('R-PROC-5: the township files the explanation nobody in the society may file: one read', async () => {
    const opened = await ok<OfficerCaseView>(
      'approvals',
      'openDiscovery',
      discovery({ householdOfUserId: 'u-wangjianguo' }),
      'demo-secretary',
    );
    await ok(
      'approvals',
      'reliefFirst',
      {
        caseId: opened.id,
        requestId: 'one-read-recused-first',
        method: 'cash',
        amountFen: 600_00,
        tierId: 'e2',
        urgency: '住院急需押金',
      },
      'demo-secretary',
    );
    await ok('approvals', 'recordVisit', visit(opened.id, { recommend: 'deny', reason: '另有收入' }), 'demo-secretary');
    const filed = await traced<{ actions: string[] }>(
      'approvals',
      'townshipExplain',
      { caseId: opened.id, explanation: '核查属实，先行救助符合规定', ratified: true },
      'demo-township',
    );
    expectOneRead(filed);
    expect(filed.answer.actions).toEqual([]);
  });
});
