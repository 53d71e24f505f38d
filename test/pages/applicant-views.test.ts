/** The pure functions of the applicant pages: no rendering. */
import type { MyCaseItem, MyCaseView } from '../../miniprogram/domain/case';
import { CONSENT_TEXT_VERSION } from '../../miniprogram/domain/relief';
import {
  emptyForm,
  readDraft,
  APPLICANT_NAME_NEEDED,
  CONSENT_PROCESSING_NEEDED,
  stepProblem,
  toApplicationInput,
  toApplyScreen,
  toggleAssistance,
} from '../../miniprogram/pages/apply/view';
import { toMyCaseRow } from '../../miniprogram/pages/my-cases/view';
import { toCaseScreen } from '../../miniprogram/pages/case/view';
import { toHomeScreen } from '../../miniprogram/pages/home/view';

const item: MyCaseItem = {
  id: 'c-1',
  caseNo: '2026-005',
  societyId: 'soc-wangjia',
  societyName: '王家村救急难互助社',
  origin: 'application',
  originLabel: '本人或家属申请',
  state: 'accepted',
  stateLabel: '已受理，待入户核查',
  causeLabel: '重大疾病',
  reliefType: null,
  reliefTypeLabel: null,
  amountFen: null,
  createdAt: '2026-11-29T12:15:00.000Z',
  nextDeadline: {
    kind: 'visit',
    label: '入户核查',
    dueAt: '2026-12-01T01:30:00.000Z',
    doneAt: null,
    overdue: false,
    met: null,
    wallMs: 3_600_000,
    workingMs: 3_600_000,
    text: '截止 12月1日 09:30，剩余 1小时',
    provisional: false,
    provisionalNote: null,
  },
  beneficiaryName: '张国强',
  relationshipLabel: '配偶',
};

describe('apply view', () => {
  it('R-ELIG-3, R-CAP-1: a 低保 household gets supplementary relief up to 500 yuan', () => {
    const screen = toApplyScreen({ ...emptyForm(), assistance: ['dibao'] }, 0);
    expect(screen.eligibility).toMatchObject({ outcome: 'eligible', capText: '适用：补充救助' });
    expect(screen.eligibility.summary).toContain('500');
    expect(screen.stepTitle).toBe('第 1 步：困难情况');
  });

  it('R-ELIG-1: without village hukou the form stops at step 1', () => {
    const form = { ...emptyForm(), hukou: 'none' as const };
    expect(toApplyScreen(form, 0).eligibility.outcome).toBe('ineligible');
    expect(stepProblem(form, 0)).toBe('按照互助社的规定，暂不符合申请条件');
  });

  it('R-PROC-2: the checklist follows the case; the consent version is sent, never shown to villagers', () => {
    const form = { ...emptyForm(), assistance: ['dibao' as const] };
    const screen = toApplyScreen(form, 2);
    expect(screen.checklist.map((entry) => entry.kind)).toContain('assistanceProof');
    expect(JSON.stringify(screen)).not.toContain(CONSENT_TEXT_VERSION);
    expect(toApplicationInput(form, 'app-1', 'soc-wangjia').consent.textVersion).toBe(CONSENT_TEXT_VERSION);
    expect(screen.canSubmit).toBe(false);
  });

  it('the eligibility block stands on step 1 only', () => {
    expect([0, 1, 2].map((step) => toApplyScreen(emptyForm(), step).showEligibility)).toEqual([true, false, false]);
  });

  it('a first-time applicant applying for another person gives their own name; for oneself, or once known, not', () => {
    const forFather = {
      ...emptyForm(),
      relationship: 'parent' as const,
      name: '李长福',
      idNumber: 'x',
      description: '摔伤',
    };
    expect(toApplyScreen(forFather, 1, true).askApplicantName).toBe(true);
    expect(stepProblem(forFather, 1, true)).toBe(APPLICANT_NAME_NEEDED);
    expect(stepProblem({ ...forFather, applicantName: '李秀英' }, 1, true)).toBe('');
    // The cloud knows a returning applicant's name.
    expect(toApplyScreen(forFather, 1, false).askApplicantName).toBe(false);
    expect(stepProblem(forFather, 1, false)).toBe('');
    expect(toApplicationInput({ ...forFather, applicantName: ' 李秀英 ' }, 'r', 'soc-wangjia').applicantName).toBe(
      '李秀英',
    );
    const self = { ...forFather, relationship: 'self' as const, applicantName: '李秀英' };
    expect(toApplyScreen(self, 1, true).askApplicantName).toBe(false);
    expect(stepProblem(self, 1, true)).toBe('');
    expect(toApplicationInput(self, 'r', 'soc-wangjia')).not.toHaveProperty('applicantName');
  });

  it('asks for name, ID number and description on step 2, and consent to processing on step 3 (the notice consent is the applicant’s choice)', () => {
    expect(stepProblem(emptyForm(), 1)).toBe('请填写救助对象的姓名');
    expect(stepProblem({ ...emptyForm(), name: '甲' }, 1)).toBe('请填写救助对象的身份证号码');
    expect(stepProblem({ ...emptyForm(), consentNotice: true }, 2)).toBe(CONSENT_PROCESSING_NEEDED);
    expect(stepProblem({ ...emptyForm(), consentProcessing: true }, 2)).toBe('');
  });

  it('toggles assistance on and off', () => {
    expect(toggleAssistance(['dibao'], 'tekun')).toEqual(['dibao', 'tekun']);
    expect(toggleAssistance(['dibao', 'tekun'], 'dibao')).toEqual(['tekun']);
  });

  it('restores only a well-formed draft, filling missing fields', () => {
    expect(readDraft('')).toBeNull();
    expect(readDraft({ form: {} })).toBeNull();
    expect(readDraft({ form: { name: '甲' }, step: 9, requestId: 'app-1' })).toEqual({
      form: { ...emptyForm(), name: '甲' },
      step: 0,
      requestId: 'app-1',
    });
  });

  it('builds the submit payload with the request id and consent version', () => {
    const input = toApplicationInput(
      { ...emptyForm(), name: ' 王桂兰 ', idNumber: '99999919500302004x', relationship: 'parent' },
      'app-1',
      'soc-wangjia',
    );
    expect(input).toMatchObject({
      requestId: 'app-1',
      societyId: 'soc-wangjia',
      beneficiary: { name: '王桂兰', idNumber: '99999919500302004X', phone: null, relationship: 'parent' },
      consent: { processing: false, publicNotice: false, textVersion: CONSENT_TEXT_VERSION },
    });
  });
});

describe('my cases view', () => {
  it('R-PROC-3: a row shows status, amount and the running deadline', () => {
    expect(toMyCaseRow(item)).toEqual({
      id: 'c-1',
      title: '张国强（配偶）· 重大疾病',
      stateLabel: '已受理，待入户核查',
      amountText: '金额待定',
      deadlineText: '入户核查：截止 12月1日 09:30，剩余 1小时',
      deadlineNote: '',
      createdText: '申请时间 11月29日 20:15',
      url: '/pages/case/index?caseId=c-1',
    });
    // R-PROC-3: a provisional (暂定) deadline carries its one line why.
    const note = '2027年的放假调休安排还未录入，截止时间按法定节假日推算（暂定），录入后会自动重新计算';
    expect(
      toMyCaseRow({ ...item, nextDeadline: { ...item.nextDeadline!, provisional: true, provisionalNote: note } }),
    ).toMatchObject({ deadlineNote: note });
    expect(toMyCaseRow({ ...item, amountFen: 300_00, nextDeadline: null })).toMatchObject({
      amountText: '¥300.00',
      deadlineText: '',
    });
  });
});

describe('case view', () => {
  it('lists the timeline newest first, in Beijing time', () => {
    const view = {
      ...item,
      timeline: [
        {
          seq: 1,
          type: 'submit',
          label: '提交申请',
          at: '2026-11-29T12:15:00.000Z',
          actorName: '李秀英',
          actorRoleLabel: '申请人',
          summary: '提交',
        },
        {
          seq: 2,
          type: 'accept',
          label: '受理',
          at: '2026-11-30T01:30:00.000Z',
          actorName: '刘芳',
          actorRoleLabel: '秘书长',
          summary: '受理申请',
        },
      ],
    } as unknown as MyCaseView;
    const screen = toCaseScreen(view);
    expect(screen.timeline.map((row) => row.label)).toEqual(['受理', '提交申请']);
    expect(screen.timeline[0]).toMatchObject({ timeText: '2026年11月30日 09:30', who: '秘书长 刘芳' });
    expect(screen.caseNo).toBe('编号 2026-005');
  });
});

describe('home entries for an applicant', () => {
  it('an applicant gets the 申请救助 button, and 我的申请 besides the society page', () => {
    const screen = toHomeScreen({
      openid: 'demo-applicant',
      userId: 'u-lixiuying',
      name: '李秀英',
      roles: [{ role: 'applicant', roleLabel: '申请人', societyId: 'soc-wangjia', scopeName: '王家村救急难互助社' }],
      activities: [],
    });
    expect(screen.applyButtons.map(({ title, url }) => ({ title, url }))).toEqual([
      { title: '申请救助', url: '/pages/apply/index?societyId=soc-wangjia' },
    ]);
    expect(screen.entries.map(({ title, url }) => ({ title, url }))).toEqual([
      { title: '互助社公示', url: '/pages/society/index?societyId=soc-wangjia' },
      { title: '我的申请', url: '/pages/my-cases/index' },
      { title: '个人信息', url: '/pages/my-data/index?societyId=soc-wangjia' },
    ]);
  });
});
