/** Every refusal is a clear error with a code, and writes nothing. */
import { createTestBackend, type TestBackend } from '../support/test-backend';
import { COLLECTIONS, type MembershipDoc, type UserDoc } from '../../server/collections';
import type { MyCaseView, OfficerCaseView } from '../../miniprogram/domain/case';
import { UNVERIFIED_CATEGORY_MESSAGE } from '../../server/cases/review';
import { application, caller, consent, discovery, footprint, newIdNumber, visit } from './helpers';

let backend: TestBackend;
let api: ReturnType<typeof caller>;
beforeAll(async () => {
  backend = await createTestBackend();
  api = caller(backend);
  // An officer of another society (柳塘村), to try a 王家村 case.
  await backend.ports.store.insert<UserDoc>(COLLECTIONS.users, {
    _id: 'u-liutang-sec',
    openid: 'test-liutang-secretary',
    name: '柳秘书',
    createdAt: '2026-03-01T00:00:00Z',
  });
  await backend.ports.store.insert<MembershipDoc>(COLLECTIONS.memberships, {
    _id: 'm-u-liutang-sec-secretary',
    userId: 'u-liutang-sec',
    role: 'secretary',
    societyId: 'soc-liutang',
    areaId: null,
    grantedAt: '2026-03-01T00:00:00Z',
    grantedBy: 'test',
  });
});
afterAll(() => backend.close());

/** Runs the refused call and checks that nothing at all changed. */
async function refusedWithoutTrace(
  fn: string,
  action: string,
  payload: Record<string, unknown>,
  openid: string | null,
) {
  const before = await footprint(backend);
  const error = await api.refused(fn, action, payload, openid);
  expect(await footprint(backend)).toEqual(before);
  return error;
}

/** A case brought to `visited` with the default opinion. */
async function visitedCase(requestId: string): Promise<string> {
  const opened = await api.ok<OfficerCaseView>(
    'approvals',
    'openDiscovery',
    discovery({ requestId }),
    'demo-secretary',
  );
  await api.ok(
    'approvals',
    'recordVisit',
    visit(opened.id, { recommend: 'grant', form: 'cash', amountFen: 600_00, tierId: 'e2' }),
    'demo-secretary',
  );
  return opened.id;
}

describe('applications: bad input', () => {
  it('refuses a missing consent, an outdated consent text and a bad ID number (BAD_REQUEST)', async () => {
    expect(
      await refusedWithoutTrace(
        'applications',
        'submit',
        application({ consent: { ...consent, processing: false } }),
        'demo-applicant',
      ),
    ).toEqual({ code: 'BAD_REQUEST', message: '请阅读并同意个人信息处理说明后再提交' });
    expect(
      await refusedWithoutTrace(
        'applications',
        'submit',
        application({ consent: { ...consent, textVersion: 'consent-2020' } }),
        'demo-applicant',
      ),
    ).toMatchObject({ code: 'BAD_REQUEST', message: '告知内容已更新，请重新阅读并同意' });
    const wrongCheck = '99999920060402010' + '0';
    expect(
      await refusedWithoutTrace(
        'applications',
        'submit',
        application({ beneficiary: { name: '张小军', idNumber: wrongCheck, relationship: 'child' } }),
        'demo-applicant',
      ),
    ).toEqual({ code: 'BAD_REQUEST', message: '身份证号码有误，请核对后重新填写' });
  });

  it('R-ELIG-1: refuses someone without household registration in the village (NOT_ELIGIBLE)', async () => {
    const error = await refusedWithoutTrace('applications', 'submit', application({ hukou: 'none' }), 'demo-applicant');
    expect(error.code).toBe('NOT_ELIGIBLE');
    expect(error.message).toContain('本村户籍');
  });

  it('refuses fields the schema does not know: a page cannot choose the relief type', async () => {
    expect(
      await refusedWithoutTrace('applications', 'submit', application({ reliefType: 'emergency' }), 'demo-applicant'),
    ).toEqual({ code: 'BAD_REQUEST', message: '请求内容有误，请检查后重试' }); // the field name goes to the log only
  });

  it('refuses a society still preparing (INVALID_STATE) and an unknown caller (UNAUTHENTICATED)', async () => {
    expect(
      await refusedWithoutTrace('applications', 'submit', application({ societyId: 'soc-shiqiao' }), 'demo-applicant'),
    ).toMatchObject({ code: 'INVALID_STATE' });
    expect(await refusedWithoutTrace('applications', 'submit', application(), null)).toMatchObject({
      code: 'UNAUTHENTICATED',
    });
  });

  it('a first-time WeChat user can apply: they get a user record and an applicant role, audited', async () => {
    const view = await api.ok<MyCaseView>(
      'applications',
      'submit',
      application({ applicantName: '吴大妈' }),
      'wx-new-villager',
    );
    expect(view.state).toBe('submitted');
    const [user] = await backend.ports.store.find<UserDoc>(COLLECTIONS.users, { where: { openid: 'wx-new-villager' } });
    expect(user!.name).toBe('吴大妈');
    const me = await api.ok<{ roles: Array<{ role: string; societyId: string }> }>(
      'societies',
      'me',
      {},
      'wx-new-villager',
    );
    expect(me.roles).toEqual([expect.objectContaining({ role: 'applicant', societyId: 'soc-wangjia' })]);
    expect((await api.ok<{ items: unknown[] }>('applications', 'myCases', {}, 'wx-new-villager')).items).toHaveLength(
      1,
    );
    const grant = await backend.ports.store.find(COLLECTIONS.auditEvents, {
      where: { action: 'membership.grant', target: `memberships/m-${user!._id}-applicant-soc-wangjia` },
    });
    expect(grant).toHaveLength(1);
  });
});

describe('applications: the first application from the board code (issue 11)', () => {
  it('R-ELIG-4: a villager with no record who does not know the category applies; only the applicant role is granted', async () => {
    const view = await api.ok<MyCaseView>(
      'applications',
      'submit',
      application({
        beneficiary: { name: '孙二妹', idNumber: newIdNumber('1972-03-08'), relationship: 'self' },
        assistance: [],
        category: 'unsure',
      }),
      'wx-unsure-villager',
    );
    expect(view.state).toBe('submitted');
    const me = await api.ok<{ name: string; roles: Array<{ role: string; societyId: string }> }>(
      'societies',
      'me',
      {},
      'wx-unsure-villager',
    );
    expect(me.name).toBe('孙二妹');
    expect(me.roles).toEqual([expect.objectContaining({ role: 'applicant', societyId: 'soc-wangjia' })]);
  });

  it('R-ELIG-4: the home visit must verify an unknown category before a grant; verified, it decides the relief type', async () => {
    const submitted = await api.ok<MyCaseView>(
      'applications',
      'submit',
      application({ assistance: [], category: 'unsure', applicantName: '孙大姐' }),
      'wx-unsure-for-son',
    );
    await api.ok('approvals', 'accept', { caseId: submitted.id }, 'demo-secretary');
    const grant = { recommend: 'grant', form: 'cash', amountFen: 300_00, tierId: 'e1' };
    expect(await refusedWithoutTrace('approvals', 'recordVisit', visit(submitted.id, grant), 'demo-secretary')).toEqual(
      { code: 'BAD_REQUEST', message: UNVERIFIED_CATEGORY_MESSAGE },
    );
    const visited = await api.ok<OfficerCaseView>(
      'approvals',
      'recordVisit',
      visit(submitted.id, grant, { verified: { category: 'nearDibao' } }),
      'demo-secretary',
    );
    expect(visited.visit?.opinion).toMatchObject({ reliefType: 'emergency', amountFen: 300_00 });
  });

  it('a resident who applies gains the applicant role there (for 我的申请), and no other role', async () => {
    const before = await api.ok<{ roles: Array<{ role: string }> }>('societies', 'me', {}, 'demo-resident');
    expect(before.roles.map((grant) => grant.role)).toEqual(['resident']);
    await api.ok('applications', 'submit', application(), 'demo-resident');
    const after = await api.ok<{ roles: Array<{ role: string }> }>('societies', 'me', {}, 'demo-resident');
    expect(after.roles.map((grant) => grant.role).sort()).toEqual(['applicant', 'resident']);
  });

  it('a stranger applying to a society still preparing gets no user record and no role', async () => {
    expect(
      await refusedWithoutTrace(
        'applications',
        'submit',
        application({ societyId: 'soc-shiqiao', applicantName: '路人' }),
        'wx-preparing-stranger',
      ),
    ).toMatchObject({ code: 'INVALID_STATE' });
    expect(await backend.ports.store.find(COLLECTIONS.users, { where: { openid: 'wx-preparing-stranger' } })).toEqual(
      [],
    );
  });
});

describe('approvals: wrong role, other society, wrong state', () => {
  it('refuses callers without the role for the step (FORBIDDEN)', async () => {
    expect(await refusedWithoutTrace('approvals', 'accept', { caseId: 'demo-case-04' }, 'demo-member')).toMatchObject({
      code: 'FORBIDDEN',
    });
    expect(
      await refusedWithoutTrace('approvals', 'queue', { societyId: 'soc-wangjia' }, 'demo-applicant'),
    ).toMatchObject({ code: 'FORBIDDEN' });
    expect(
      await refusedWithoutTrace('approvals', 'getCase', { caseId: 'demo-case-04' }, 'demo-township'),
    ).toMatchObject({ code: 'FORBIDDEN' });
    expect(
      await refusedWithoutTrace(
        'approvals',
        'recordVisit',
        visit('demo-case-04', { recommend: 'deny' }),
        'demo-supervisor',
      ),
    ).toMatchObject({ code: 'FORBIDDEN' });
    expect(
      await refusedWithoutTrace(
        'approvals',
        'setSettings',
        {
          societyId: 'soc-wangjia',
          tiers: {
            supplementary: [{ id: 's1', label: '一档', amountFen: 100_00 }],
            emergency: [{ id: 'e1', label: '一档', amountFen: 100_00 }],
          },
          secondApproverUserId: null,
        },
        'demo-secretary',
      ),
    ).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('refuses an officer of another society, reading or acting', async () => {
    for (const [action, payload] of [
      ['getCase', { caseId: 'demo-case-04' }],
      ['accept', { caseId: 'demo-case-04' }],
      ['recordVisit', visit('demo-case-04', { recommend: 'grant', form: 'cash', amountFen: 300_00, tierId: 's2' })],
      ['queue', { societyId: 'soc-wangjia' }],
      ['openDiscovery', discovery()],
    ] as const) {
      expect(await refusedWithoutTrace('approvals', action, payload, 'test-liutang-secretary')).toMatchObject({
        code: 'FORBIDDEN',
      });
    }
  });

  it('refuses a step the case is not ready for (INVALID_STATE)', async () => {
    expect(
      await refusedWithoutTrace('approvals', 'approve', { caseId: 'demo-case-04' }, 'demo-president'),
    ).toMatchObject({
      code: 'INVALID_STATE',
    });
    expect(
      await refusedWithoutTrace(
        'approvals',
        'disburse',
        { caseId: 'demo-case-04', requestId: 'pay-too-early-1', method: 'cash', amountFen: 300_00 },
        'demo-secretary',
      ),
    ).toMatchObject({ code: 'INVALID_STATE' });
    expect(
      await refusedWithoutTrace('approvals', 'accept', { caseId: 'demo-case-04' }, 'demo-secretary'),
    ).toMatchObject({
      code: 'INVALID_STATE',
    });
    expect(
      await refusedWithoutTrace('applications', 'withdraw', { caseId: 'demo-case-04' }, 'demo-applicant'),
    ).toMatchObject({
      code: 'INVALID_STATE',
    });
    expect(await refusedWithoutTrace('approvals', 'close', { caseId: 'demo-case-01' }, 'demo-secretary')).toMatchObject(
      {
        code: 'INVALID_STATE',
      },
    );
  });
});

describe('caps (R-CAP-1/2/3), whatever the page sends', () => {
  it('refuses an amount over the cap or the tier at the visit, the proposal and the approval (OVER_CAP)', async () => {
    expect(
      await refusedWithoutTrace(
        'approvals',
        'recordVisit',
        visit('demo-case-04', { recommend: 'grant', form: 'cash', amountFen: 500_01, tierId: 's3' }),
        'demo-secretary',
      ),
    ).toEqual({ code: 'OVER_CAP', message: '补充救助每人次最多 500元，500.01元超过上限' });
    const caseId = await visitedCase('disc-cap-0001');
    expect(
      await refusedWithoutTrace(
        'approvals',
        'propose',
        { caseId, recommend: 'grant', form: 'cash', amountFen: 1_200_00, tierId: 'e3', reason: '多给' },
        'demo-secretary',
      ),
    ).toMatchObject({ code: 'OVER_CAP' });
    expect(
      await refusedWithoutTrace(
        'approvals',
        'propose',
        { caseId, recommend: 'grant', form: 'cash', amountFen: 700_00, tierId: 'e2', reason: '超档' },
        'demo-secretary',
      ),
    ).toMatchObject({ code: 'OVER_CAP', message: expect.stringContaining('档次标准') });
    await api.ok(
      'approvals',
      'propose',
      { caseId, recommend: 'grant', form: 'cash', amountFen: 600_00, tierId: 'e2', reason: '二档' },
      'demo-secretary',
    );
    expect(
      await refusedWithoutTrace(
        'approvals',
        'approve',
        { caseId, amountFen: 1_000_01, tierId: 'e3' },
        'demo-president',
      ),
    ).toMatchObject({ code: 'OVER_CAP' });
    await api.ok('approvals', 'approve', { caseId }, 'demo-president');
    expect(
      await refusedWithoutTrace(
        'approvals',
        'disburse',
        { caseId, requestId: 'pay-over-0001', method: 'cash', amountFen: 900_00 },
        'demo-secretary',
      ),
    ).toMatchObject({ code: 'OVER_CAP' });
  });

  it('the relief type follows the verified facts: a 低保 household found at the visit gets the 500 cap', async () => {
    const opened = await api.ok<OfficerCaseView>(
      'approvals',
      'openDiscovery',
      discovery({ requestId: 'disc-verified-1' }),
      'demo-secretary',
    );
    expect(opened.reliefType).toBe('emergency');
    expect(
      await refusedWithoutTrace(
        'approvals',
        'recordVisit',
        visit(
          opened.id,
          { recommend: 'grant', form: 'cash', amountFen: 600_00, tierId: 'e2' },
          { verified: { assistance: ['dibao'] } },
        ),
        'demo-secretary',
      ),
    ).toEqual({ code: 'OVER_CAP', message: '补充救助每人次最多 500元，600元超过上限' });
    const visited = await api.ok<OfficerCaseView>(
      'approvals',
      'recordVisit',
      visit(
        opened.id,
        { recommend: 'grant', form: 'cash', amountFen: 500_00, tierId: 's3' },
        { verified: { assistance: ['dibao'] } },
      ),
      'demo-secretary',
    );
    expect(visited.visit!.opinion.reliefType).toBe('supplementary');
    expect(visited.reliefType).toBe('supplementary');
  });

  it('R-CAP-3: the president sets tiers inside the caps, and they bind the next proposal', async () => {
    expect(
      await refusedWithoutTrace(
        'approvals',
        'setSettings',
        {
          societyId: 'soc-wangjia',
          tiers: {
            supplementary: [{ id: 's1', label: '一档', amountFen: 600_00 }],
            emergency: [{ id: 'e1', label: '一档', amountFen: 800_00 }],
          },
          secondApproverUserId: null,
        },
        'demo-president',
      ),
    ).toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('上限') });
    const caseId = await visitedCase('disc-tiers-001');
    const saved = await api.ok<{ tiers: { emergency: Array<{ amountFen: number }> }; defaults: boolean }>(
      'approvals',
      'setSettings',
      {
        societyId: 'soc-wangjia',
        tiers: {
          supplementary: [
            { id: 's1', label: '一档', amountFen: 200_00 },
            { id: 's2', label: '二档', amountFen: 400_00 },
          ],
          emergency: [
            { id: 'e2', label: '二档', amountFen: 800_00 },
            { id: 'e1', label: '一档', amountFen: 500_00 },
          ],
        },
        secondApproverUserId: null,
      },
      'demo-president',
    );
    expect(saved.defaults).toBe(false);
    expect(saved.tiers.emergency.map((tier) => tier.amountFen)).toEqual([500_00, 800_00]);
    expect(
      await refusedWithoutTrace(
        'approvals',
        'propose',
        { caseId, recommend: 'grant', form: 'cash', amountFen: 900_00, tierId: 'e2', reason: '按新二档' },
        'demo-secretary',
      ),
    ).toMatchObject({ code: 'OVER_CAP' });
    await api.ok(
      'approvals',
      'propose',
      { caseId, recommend: 'grant', form: 'cash', amountFen: 800_00, tierId: 'e2', reason: '按新二档' },
      'demo-secretary',
    );
    // Back to the defaults for the tests after this one.
    await api.ok(
      'approvals',
      'setSettings',
      {
        societyId: 'soc-wangjia',
        tiers: {
          supplementary: [
            { id: 's1', label: '一档', amountFen: 200_00 },
            { id: 's2', label: '二档', amountFen: 300_00 },
            { id: 's3', label: '三档', amountFen: 500_00 },
          ],
          emergency: [
            { id: 'e1', label: '一档', amountFen: 300_00 },
            { id: 'e2', label: '二档', amountFen: 600_00 },
            { id: 'e3', label: '三档', amountFen: 1_000_00 },
          ],
        },
        secondApproverUserId: null,
      },
      'demo-president',
    );
  });
});

describe('recusal: no officer acts on a case of their own household', () => {
  let caseId: string;
  it('the president applies for his mother; he cannot accept, approve or pay it', async () => {
    const mine = await api.ok<MyCaseView>(
      'applications',
      'submit',
      application({
        requestId: 'req-president-mother',
        beneficiary: { name: '王老太', idNumber: newIdNumber('1941-02-03'), relationship: 'parent' },
      }),
      'demo-president',
    );
    caseId = mine.id;
    expect(await refusedWithoutTrace('approvals', 'accept', { caseId }, 'demo-president')).toEqual({
      code: 'FORBIDDEN',
      message: '这是您本户的救助案件，按规定须回避，请由其他工作人员办理',
    });
    await api.ok('approvals', 'accept', { caseId }, 'demo-secretary');
    await api.ok(
      'approvals',
      'recordVisit',
      visit(caseId, { recommend: 'grant', form: 'cash', amountFen: 300_00, tierId: 's2' }),
      'demo-secretary',
    );
    await api.ok(
      'approvals',
      'propose',
      { caseId, recommend: 'grant', form: 'cash', amountFen: 300_00, tierId: 's2', reason: '属实' },
      'demo-secretary',
    );
    expect(await refusedWithoutTrace('approvals', 'approve', { caseId }, 'demo-president')).toMatchObject({
      code: 'FORBIDDEN',
      message: expect.stringContaining('回避'),
    });
    const view = await api.ok<OfficerCaseView>('approvals', 'getCase', { caseId }, 'demo-president');
    expect(view).toMatchObject({ recused: true, actions: [] });
  });

  it('the secretary who proposed cannot approve either, even when named second approver (four eyes)', async () => {
    await api.ok(
      'approvals',
      'setSettings',
      {
        societyId: 'soc-wangjia',
        tiers: {
          supplementary: [
            { id: 's1', label: '一档', amountFen: 200_00 },
            { id: 's2', label: '二档', amountFen: 300_00 },
            { id: 's3', label: '三档', amountFen: 500_00 },
          ],
          emergency: [
            { id: 'e1', label: '一档', amountFen: 300_00 },
            { id: 'e2', label: '二档', amountFen: 600_00 },
            { id: 'e3', label: '三档', amountFen: 1_000_00 },
          ],
        },
        secondApproverUserId: 'u-liufang',
      },
      'demo-president',
    );
    expect(await refusedWithoutTrace('approvals', 'approve', { caseId }, 'demo-secretary')).toMatchObject({
      code: 'FORBIDDEN',
      message: expect.stringContaining('不能再审批同一案件'),
    });
  });

  it("a discovery in an officer's household is recused too", async () => {
    const opened = await api.ok<OfficerCaseView>(
      'approvals',
      'openDiscovery',
      discovery({ requestId: 'disc-wang-family', householdOfUserId: 'u-wangjianguo' }),
      'demo-secretary',
    );
    expect(
      (await api.ok<OfficerCaseView>('approvals', 'getCase', { caseId: opened.id }, 'demo-president')).recused,
    ).toBe(true);
    expect(
      await refusedWithoutTrace('approvals', 'recordVisit', visit(opened.id, { recommend: 'deny' }), 'demo-president'),
    ).toMatchObject({ code: 'FORBIDDEN' });
    expect(
      await refusedWithoutTrace(
        'approvals',
        'openDiscovery',
        discovery({ requestId: 'disc-own-family', householdOfUserId: 'u-wangjianguo' }),
        'demo-president',
      ),
    ).toMatchObject({ code: 'FORBIDDEN' });
  });
});
