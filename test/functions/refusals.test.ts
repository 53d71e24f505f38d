/**
 * Clear refusals through the functions' real entry (dispatch over the seeded SQLite store): a step
 * the case is not in the state for says why and what to do next; a payload that fails its schema
 * names the field in Chinese, never its path or zod's wording, which stay in the English log.
 * Nothing refused writes anything. Seed: demo-case-04 accepted (waits for its visit), demo-case-03 paid.
 */
import { createTestBackend, type TestBackend } from '../support/test-backend';
import { dispatch } from '../../server/api/dispatch';
import { FUNCTIONS } from '../../server/functions';
import { application, caller, footprint, visit } from '../cases/helpers';

let backend: TestBackend;
let api: ReturnType<typeof caller>;
beforeAll(async () => {
  backend = await createTestBackend();
  api = caller(backend);
});
afterAll(() => backend.close());

const NO_ENGLISH = /^[^A-Za-z]+$/;

async function refusedWithoutTrace(fn: string, action: string, payload: Record<string, unknown>, openid: string) {
  const before = await footprint(backend);
  const error = await api.refused(fn, action, payload, openid);
  expect(await footprint(backend)).toEqual(before);
  expect(error.message).toMatch(NO_ENGLISH);
  return error;
}

/** Calls a function as dispatch does in the cloud, keeping what it logs. */
async function callLogged(fn: string, event: Record<string, unknown>, openid: string) {
  const lines: string[] = [];
  const log = {
    info: (message: string, fields?: Record<string, unknown>) =>
      void lines.push(`${message} ${JSON.stringify(fields)}`),
    error: (message: string, fields?: Record<string, unknown>) =>
      void lines.push(`${message} ${JSON.stringify(fields)}`),
  };
  const before = await footprint(backend);
  const result = await dispatch(FUNCTIONS[fn]!, event, openid, { ...backend.ports, log });
  expect(await footprint(backend)).toEqual(before);
  return { result, log: lines.join('\n') };
}

describe('a step the case is not in the state for says why and what to do next', () => {
  it('withdrawing after acceptance: ask the village secretary', async () => {
    expect(await refusedWithoutTrace('applications', 'withdraw', { caseId: 'demo-case-04' }, 'demo-applicant')).toEqual(
      {
        code: 'INVALID_STATE',
        message: '申请已受理，不能自行撤回；如需撤回，请联系村秘书长',
      },
    );
  });

  it('approving a case already approved and paid says it was decided', async () => {
    expect(
      await refusedWithoutTrace('approvals', 'approve', { caseId: 'demo-case-03', note: '再批一次' }, 'demo-president'),
    ).toEqual({ code: 'INVALID_STATE', message: '这个案件已经审批过了（已批准），不能重复审批' });
  });

  it('approving before any proposal says who has to act first', async () => {
    expect(await refusedWithoutTrace('approvals', 'approve', { caseId: 'demo-case-04' }, 'demo-president')).toEqual({
      code: 'INVALID_STATE',
      message: '还没有提出审批意见，不能审批；请等待秘书长入户核查并提出审批意见',
    });
  });

  it('R-PROC-4, R-PROC-5: paying before approval points at 先行救助; accepting twice says it was accepted', async () => {
    expect(
      await refusedWithoutTrace(
        'approvals',
        'disburse',
        { caseId: 'demo-case-04', requestId: 'pay-too-early-2', method: 'cash', amountFen: 300_00 },
        'demo-secretary',
      ),
    ).toEqual({ code: 'INVALID_STATE', message: '救助还没有审批，不能发放；情况紧急的，可在受理后先行救助' });
    expect(await refusedWithoutTrace('approvals', 'accept', { caseId: 'demo-case-04' }, 'demo-secretary')).toEqual({
      code: 'INVALID_STATE',
      message: '这份申请已经受理过了，不能再受理；请继续入户核查和审批',
    });
  });
});

describe('a payload that fails its schema names the field in Chinese', () => {
  it('a nested amount that is not a number: 「填写的内容有误：金额」; the log keeps opinion.amountFen', async () => {
    const { result, log } = await callLogged(
      'approvals',
      { action: 'recordVisit', ...visit('demo-case-04', { recommend: 'grant', form: 'cash', amountFen: '三百元' }) },
      'demo-secretary',
    );
    expect(result).toEqual({
      ok: false,
      error: { code: 'BAD_REQUEST', message: '填写的内容有误：金额，请检查后重试' },
    });
    expect(log).toContain('opinion.amountFen');
  });

  it('a missing id and a malformed ID number are named; no field name or zod wording reaches the page', async () => {
    const missing = await callLogged('societies', { action: 'getPublicPage' }, 'demo-resident');
    expect(missing.result).toEqual({
      ok: false,
      error: { code: 'BAD_REQUEST', message: '填写的内容有误：互助社，请检查后重试' },
    });
    expect(missing.log).toContain('societyId');
    const idNumber = await callLogged(
      'applications',
      {
        action: 'submit',
        ...application({ beneficiary: { name: '张小军', idNumber: '12345', relationship: 'child' } }),
      },
      'demo-applicant',
    );
    expect(idNumber.result).toEqual({
      ok: false,
      error: { code: 'BAD_REQUEST', message: '填写的内容有误：身份证号码，请检查后重试' },
    });
    expect(idNumber.log).toContain('beneficiary.idNumber');
  });

  it('an unknown field is the page’s fault: the plain message, the field only in the log', async () => {
    const { result, log } = await callLogged(
      'societies',
      { action: 'getPublicPage', societyId: 'soc-wangjia', role: 'president' },
      'demo-resident',
    );
    expect(result).toEqual({ ok: false, error: { code: 'BAD_REQUEST', message: '请求内容有误，请检查后重试' } });
    expect(log).toContain('role');
  });

  it('too few visitors (a rule of the schema, not of the type) names 核查人', async () => {
    const { result } = await callLogged(
      'approvals',
      {
        action: 'recordVisit',
        ...visit('demo-case-04', { recommend: 'grant', form: 'cash', amountFen: 300_00 }),
        visitors: [{ name: '刘芳' }],
      },
      'demo-secretary',
    );
    expect(result).toEqual({
      ok: false,
      error: { code: 'BAD_REQUEST', message: '填写的内容有误：核查人，请检查后重试' },
    });
  });
});
