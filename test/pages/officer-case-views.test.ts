/** The pure functions behind the officer's case queue, discovery intake and case detail: no rendering. */
import type { CaseQueueItem, DeadlineView, OfficerCaseView } from '../../miniprogram/domain/case';
import { DEFAULT_RELIEF_TIERS, CONSENT_TEXT_VERSION } from '../../miniprogram/domain/relief';
import { makeIdNumber } from '../../miniprogram/domain/id-number';
import type { MeView } from '../../miniprogram/domain/society';
import {
  caseDetailUrl,
  isOfficerOf,
  toQueueRow,
  toQueueScreen,
  appendQueuePage,
} from '../../miniprogram/packages/officer/pages/cases/view';
import {
  BAD_ID_NUMBER_MESSAGE,
  BAD_PHONE_MESSAGE,
  INTAKE_OPTIONS,
  emptyIntakeForm,
  intakeProblem,
  toDiscoveryInput,
  toIntakeScreen,
  type IntakeForm,
} from '../../miniprogram/packages/officer/pages/intake/view';
import {
  DECLINE_REASON_MISSING,
  declineProblem,
  disburseUrl,
  materialKindOptions,
  navActionsFor,
  toCaseDetailScreen,
} from '../../miniprogram/packages/officer/pages/case/view';
import { OPTIONS as APPLY_OPTIONS } from '../../miniprogram/pages/apply/view';

const visitDeadline = (overrides: Partial<DeadlineView> = {}): DeadlineView => ({
  kind: 'visit',
  label: '入户核查和审核意见',
  dueAt: '2026-12-01T01:30:00.000Z',
  doneAt: null,
  overdue: false,
  met: null,
  wallMs: 19.5 * 3_600_000,
  workingMs: 3_600_000,
  text: '截止 12月1日 09:30，剩余 19小时30分',
  provisional: false,
  provisionalNote: null,
  ...overrides,
});

const queueItem = (overrides: Partial<CaseQueueItem> = {}): CaseQueueItem => ({
  id: 'case-1',
  caseNo: '2026-005',
  societyId: 'soc-wangjia',
  societyName: '王家村救急难互助社',
  origin: 'application',
  originLabel: '本人或家属申请',
  state: 'accepted',
  stateLabel: '已受理，待入户核查',
  causeLabel: '重大疾病',
  reliefType: 'supplementary',
  reliefTypeLabel: '补充救助',
  amountFen: null,
  createdAt: '2026-11-30T01:00:00.000Z',
  nextDeadline: visitDeadline(),
  decisionWait: null,
  decider: null,
  name: '张国强',
  maskedIdNumber: '999999********3511',
  flags: { reliefFirstPending: false, receiptMissing: false, repeat: false, openReferrals: 0 },
  ...overrides,
});

describe('case queue rows', () => {
  it('R-PROC-3: a running deadline shows its time left; an overdue one is marked and says 已超时', () => {
    expect(toQueueRow(queueItem())).toMatchObject({
      caseNo: '编号 2026-005',
      name: '张国强',
      deadlineText: '入户核查和审核意见：截止 12月1日 09:30，剩余 19小时30分',
      overdue: false,
      url: caseDetailUrl('case-1'),
    });
    const late = toQueueRow(
      queueItem({
        nextDeadline: visitDeadline({ overdue: true, wallMs: -7_200_000, text: '已超时 2小时（截止 12月1日 09:30）' }),
      }),
    );
    expect(late.overdue).toBe(true);
    expect(late.deadlineText).toContain('已超时 2小时');
    expect(toQueueRow(queueItem({ nextDeadline: null })).deadlineText).toBe('');
  });

  it('R-PROC-1, R-PROC-5: the origin is 申请 or 主动发现, and a payment made first is tagged 先行救助', () => {
    expect(toQueueRow(queueItem()).tags.map((tag) => tag.text)).toEqual(['申请']);
    const first = toQueueRow(
      queueItem({
        origin: 'discovery',
        flags: { reliefFirstPending: true, receiptMissing: true, repeat: true, openReferrals: 2 },
      }),
    );
    expect(first.tags.map((tag) => tag.text)).toEqual([
      '主动发现',
      '先行救助',
      '曾因同一原因救助',
      '待签收',
      '转介跟进 2',
    ]);
  });

  it('keeps the cloud order and counts the overdue', () => {
    const items = [
      queueItem({ id: 'a', nextDeadline: visitDeadline({ overdue: true, text: '已超时 1小时' }) }),
      queueItem({ id: 'b' }),
      queueItem({ id: 'c', nextDeadline: null }),
    ];
    const screen = toQueueScreen(items, 'open', { total: 3, overdueTotal: 1, nextOffset: null });
    expect(screen.rows.map((row) => row.id)).toEqual(['a', 'b', 'c']);
    expect(screen.summary).toBe('在办 3 件，1 件已超时');
    expect(screen).toMatchObject({ nextOffset: null, moreText: '' });
    expect(toQueueScreen([], 'final', { total: 0, overdueTotal: 0, nextOffset: null })).toMatchObject({
      rows: [],
      emptyText: '还没有已结束的救助案件',
      summary: '已结束 0 件',
    });
  });

  it('heads with the totals of the whole queue, and appends the next page after the rows shown', () => {
    const first = toQueueScreen([queueItem({ id: 'a' }), queueItem({ id: 'b' })], 'open', {
      total: 5,
      overdueTotal: 2,
      nextOffset: 2,
    });
    expect(first).toMatchObject({ summary: '在办 5 件，2 件已超时', nextOffset: 2, moreText: '已显示 2 件，共 5 件' });
    const second = appendQueuePage(first, [queueItem({ id: 'c' }), queueItem({ id: 'd' })], 'open', {
      total: 5,
      overdueTotal: 2,
      nextOffset: 4,
    });
    expect(second.rows.map((row) => row.id)).toEqual(['a', 'b', 'c', 'd']);
    expect(second.moreText).toBe('已显示 4 件，共 5 件');
    const last = appendQueuePage(second, [queueItem({ id: 'e' })], 'open', {
      total: 5,
      overdueTotal: 2,
      nextOffset: null,
    });
    expect(last).toMatchObject({ nextOffset: null, moreText: '' });
    expect(last.rows).toHaveLength(5);
  });

  it('only a secretary or president of this society may open a discovery', () => {
    const me = (roles: MeView['roles']): MeView => ({ openid: 'x', userId: 'u', name: 'n', roles, activities: [] });
    const grant = (role: 'secretary' | 'supervisor', societyId: string) => ({
      role,
      roleLabel: role,
      societyId,
      scopeName: '',
    });
    expect(isOfficerOf(me([grant('secretary', 'soc-wangjia')]), 'soc-wangjia')).toBe(true);
    expect(isOfficerOf(me([grant('secretary', 'soc-liutang')]), 'soc-wangjia')).toBe(false);
    expect(isOfficerOf(me([grant('supervisor', 'soc-wangjia')]), 'soc-wangjia')).toBe(false);
  });
});

describe('discovery intake form', () => {
  const filled = (overrides: Partial<IntakeForm> = {}): IntakeForm => ({
    ...emptyIntakeForm(),
    name: ' 孙老汉 ',
    idNumber: makeIdNumber({ birthDate: '1944-09-09', sequence: 7 }).toLowerCase(),
    description: '突发中风',
    discoveredHow: '入户走访',
    consentProcessing: true,
    consentNotice: true,
    ...overrides,
  });

  it('reuses the apply page: same option lists, same eligibility helper (R-ELIG-3, R-CAP-1)', () => {
    const screen = toIntakeScreen(filled({ assistance: ['dibao'] }));
    expect(screen.eligibility.summary).toBe('可以申请补充救助，每人次最多 500元');
    expect(screen.checklist.map((item) => item.kind)).toContain('assistanceProof');
    expect(toIntakeScreen(filled()).eligibility.outcome).toBe('needsReview');
  });

  it('checks the ID number (GB 11643) and the rest before anything is sent', () => {
    expect(intakeProblem(filled())).toBe('');
    expect(intakeProblem(filled({ idNumber: '999999194409090000' }))).toBe(BAD_ID_NUMBER_MESSAGE);
    expect(intakeProblem(filled({ idNumber: '' }))).toBe('请填写救助对象的身份证号码');
    expect(intakeProblem(filled({ name: '  ' }))).toBe('请填写救助对象的姓名');
    expect(intakeProblem(filled({ phone: '12345' }))).toBe(BAD_PHONE_MESSAGE);
    expect(intakeProblem(filled({ phone: '13800000000' }))).toBe('');
    expect(intakeProblem(filled({ description: '' }))).toBe('请简单说明发生了什么');
    expect(intakeProblem(filled({ discoveredHow: ' ' }))).toContain('如何发现');
    expect(intakeProblem(filled({ consentProcessing: false }))).toContain('取得个人信息处理的同意');
    expect(intakeProblem(filled({ consentNotice: false }))).toBe('');
    // A birth date after today is no valid number either.
    const born = makeIdNumber({ birthDate: '2026-12-24', sequence: 1 });
    expect(intakeProblem(filled({ idNumber: born }), new Date('2026-11-30T06:00:00Z'))).toBe(BAD_ID_NUMBER_MESSAGE);
  });

  it('R-ELIG-1: someone without household registration in the village is refused on the phone already', () => {
    expect(intakeProblem(filled({ hukou: 'none' }))).toContain('本村户籍');
  });

  it('builds the openDiscovery payload: trimmed, upper-case X, consent with its method and text version', () => {
    const form = filled({ consentMethod: 'verbal', phone: ' ' });
    const payload = toDiscoveryInput(form, 'disc-12345678', 'soc-wangjia');
    expect(payload).toMatchObject({
      requestId: 'disc-12345678',
      societyId: 'soc-wangjia',
      person: { name: '孙老汉', idNumber: form.idNumber.toUpperCase(), phone: null, relationship: 'self' },
      discoveredHow: '入户走访',
      consent: { processing: true, publicNotice: true, textVersion: CONSENT_TEXT_VERSION, method: 'verbal' },
    });
    expect(payload).not.toHaveProperty('materials');
    const withPhoto = toDiscoveryInput(
      filled({ materials: [{ kind: 'idCard', fileId: 'local:materials/id.jpg' }] }),
      'disc-12345678',
      'soc-wangjia',
    );
    expect(withPhoto.materials).toEqual([{ kind: 'idCard', fileId: 'local:materials/id.jpg' }]);
  });

  it('the option lists are the apply page’s own objects, not copies', () => {
    expect(INTAKE_OPTIONS.cause).toBe(APPLY_OPTIONS.cause);
    expect(INTAKE_OPTIONS.assistance).toBe(APPLY_OPTIONS.assistance);
    expect(INTAKE_OPTIONS.consentMethod.map((option) => option.value)).toEqual(['signed', 'verbal']);
  });
});

const officerView = (overrides: Partial<OfficerCaseView> = {}): OfficerCaseView => ({
  ...queueItem(),
  villageId: 'area-wangjia',
  applicant: { userId: 'u-lixiuying', name: '李秀英', phone: '13800000000' },
  person: {
    name: '张国强',
    maskedName: '张*强',
    idNumber: '999999196805183511',
    maskedIdNumber: '999999********3511',
    phone: null,
    relationship: 'spouse',
    relationshipLabel: '配偶',
    hukou: 'beneficiary',
    hukouLabel: '救助对象本人是本村户籍',
  },
  situation: {
    cause: 'majorIllness',
    causeLabel: '重大疾病',
    description: '尿毒症，每周三次透析',
    assistance: ['dibao'],
    assistanceLabels: ['最低生活保障（低保）'],
    category: 'other',
    categoryLabel: '以上都不是',
    livingAtRisk: true,
  },
  eligibility: {
    outcome: 'eligible',
    reliefType: 'supplementary',
    reliefTypeLabel: '补充救助',
    capFen: 500_00,
    summary: '可以申请补充救助，每人次最多 500元',
    reasons: ['您家正在享受最低生活保障（低保），可以申请补充救助。'],
    ruleIds: ['R-ELIG-3'],
  },
  listCheck: {
    listedLabels: [],
    importedLabels: [],
    mismatches: [],
    summary: '本村尚未导入困难群众名单，以申请人填报和入户核实为准',
  },
  consent: {
    processing: true,
    publicNotice: true,
    textVersion: CONSENT_TEXT_VERSION,
    method: 'app',
    at: '2026-11-29T12:15:00.000Z',
  },
  discovery: null,
  checklist: [
    { kind: 'applicationForm', label: '救急难互助社申请审核审批表', required: true, note: '', originalChecked: false },
    { kind: 'householdBook', label: '户口簿', required: true, note: '', originalChecked: true },
  ],
  materials: [
    {
      kind: 'applicationForm',
      label: '救急难互助社申请审核审批表',
      fileId: 'local:materials/a.jpg',
      addedAt: '2026-11-30T01:00:00.000Z',
      addedByName: '李秀英',
    },
  ],
  deadlines: [visitDeadline()],
  visit: null,
  proposal: null,
  decision: null,
  payout: null,
  reliefFirst: null,
  receipt: null,
  referrals: [],
  endReason: null,
  repeatCases: [],
  timeline: [
    {
      seq: 2,
      type: 'accept',
      label: '受理',
      at: '2026-11-30T01:30:00.000Z',
      actorName: '刘芳',
      actorRoleLabel: '秘书长',
      summary: '受理申请',
    },
    {
      seq: 1,
      type: 'submit',
      label: '提交申请',
      at: '2026-11-29T12:15:00.000Z',
      actorName: '李秀英',
      actorRoleLabel: '申请人',
      summary: '提交救助申请',
    },
  ],
  actions: ['addMaterials', 'recordVisit', 'reliefFirst'],
  recused: false,
  decisionWait: null,
  decider: null,
  tiers: DEFAULT_RELIEF_TIERS,
  ...overrides,
});

describe('case detail screen', () => {
  it('shows who, what, materials through photoSrc, and the whole timeline oldest first (R-OVS-5)', () => {
    const screen = toCaseDetailScreen(officerView(), (fileId) => `https://files/${fileId}`);
    expect(screen.who.map((row) => row.value)).toEqual(
      expect.arrayContaining(['张国强', '配偶', '李秀英（13800000000）']),
    );
    // The ID number is masked on screen; the whole one only on request.
    expect(screen.who.map((row) => row.value)).not.toContain('999999196805183511');
    expect(screen.idNumber).toEqual({ masked: '999999********3511', full: '999999196805183511' });
    expect(screen.what.find((row) => row.key === 'assistance')!.value).toBe('最低生活保障（低保）');
    expect(screen.materials[0]).toMatchObject({
      src: 'https://files/local:materials/a.jpg',
      label: '救急难互助社申请审核审批表',
    });
    expect(screen.checklist).toEqual([
      expect.objectContaining({ key: 'applicationForm', status: '已上传 1 张', missing: false }),
      expect.objectContaining({ key: 'householdBook', status: '未上传，入户时核验原件', missing: true }),
    ]);
    expect(screen.timeline.map((row) => row.label)).toEqual(['提交申请', '受理']);
    expect(screen.timeline[1]).toMatchObject({ who: '秘书长 刘芳', timeText: '2026年11月30日 09:30' });
    expect(screen.consentText).toContain('本人在小程序勾选同意');
  });

  it('R-PROC-3: the running deadline, and overdue flagged', () => {
    expect(toCaseDetailScreen(officerView()).anyOverdue).toBe(false);
    const late = toCaseDetailScreen(
      officerView({ deadlines: [visitDeadline({ overdue: true, text: '已超时 2小时' })] }),
    );
    expect(late.anyOverdue).toBe(true);
    expect(late.deadlines[0]).toMatchObject({ label: '入户核查和审核意见', text: '已超时 2小时', overdue: true });
  });

  it('buttons follow view.actions only: the page derives no rule of its own', () => {
    const screen = toCaseDetailScreen(officerView());
    expect(screen.can).toEqual({ accept: false, decline: false, addMaterials: true, receipt: false, close: false });
    expect(screen.navActions.map((action) => [action.label, action.url])).toEqual([
      ['入户核查', '/packages/officer/pages/visit/index?caseId=case-1'],
      ['先行救助', '/packages/officer/pages/disburse/index?caseId=case-1&mode=reliefFirst'],
    ]);
    expect(toCaseDetailScreen(officerView({ actions: [] }))).toMatchObject({
      can: { accept: false, decline: false, addMaterials: false, receipt: false, close: false },
      navActions: [],
    });
    expect(navActionsFor('c', ['approve', 'reject']).map((action) => action.url)).toEqual([
      '/packages/officer/pages/decision/index?caseId=c',
    ]);
    expect(navActionsFor('c', ['disburse']).map((action) => action.url)).toEqual([disburseUrl('c')]);
    expect(navActionsFor('c', ['propose'])[0]!.url).toBe('/packages/officer/pages/visit/index?caseId=c');
    const submitted = toCaseDetailScreen(officerView({ actions: ['accept', 'decline', 'addMaterials'] }));
    expect(submitted.can).toMatchObject({ accept: true, decline: true });
  });

  it('一人一档 always; 转介与回访 when referrals can be added or exist; 帮办 for an officer who may act (issue 13)', () => {
    // A reader with nothing to do (the supervisor, or an officer who must stay out).
    expect(toCaseDetailScreen(officerView({ actions: [] })).recordLinks.map((link) => link.url)).toEqual([
      '/packages/officer/pages/case-file/index?caseId=case-1',
    ]);
    const links = toCaseDetailScreen(officerView({ actions: ['addReferral'] })).recordLinks;
    expect(links.map((link) => link.label)).toEqual(['一人一档', '转介与回访', '帮办政府救助']);
    expect(links[2]!.url).toBe(
      `/packages/officer/pages/helps/index?societyId=${officerView().societyId}&caseId=case-1`,
    );
  });

  it('the repeat-relief warning lists the earlier cases and their ids go with accept', () => {
    const screen = toCaseDetailScreen(
      officerView({
        repeatCases: [
          {
            id: 'demo-case-01',
            caseNo: '2026-001',
            stateLabel: '已结案',
            createdAt: '2026-05-13T01:00:00.000Z',
            reliefTypeLabel: '补充救助',
            amountFen: 300_00,
            paidAt: '2026-05-14T03:00:00.000Z',
          },
        ],
      }),
    );
    expect(screen.repeat!.title).toBe('重复救助提示：张国强此前因「重大疾病」已有 1 个案件');
    expect(screen.repeat!.note).toContain('不影响受理和审批');
    expect(screen.repeat!.cases[0]!.text).toBe('编号 2026-001 · 已结案 · 补充救助 · ¥300.00 · 2026年5月14日 11:00发放');
    expect(screen.repeatCaseIds).toEqual(['demo-case-01']);
    expect(toCaseDetailScreen(officerView()).repeat).toBeNull();
  });

  it('R-PROC-5: a payment made first shows the explanation still due, with its deadline', () => {
    const pending = toCaseDetailScreen(
      officerView({
        reliefFirst: {
          urgency: '房屋失火，一家无处安身',
          byName: '刘芳',
          at: '2026-11-30T02:00:00.000Z',
          explanation: null,
          outcome: null,
        },
        deadlines: [
          visitDeadline({
            kind: 'explanation',
            label: '先行救助补办说明',
            text: '已超时 1小时（截止 12月1日 10:00）',
            overdue: true,
          }),
        ],
        actions: ['fileExplanation'],
      }),
    );
    expect(pending.reliefFirst).toMatchObject({ pending: true });
    expect(pending.reliefFirst!.lines).toContain('紧急情况：房屋失火，一家无处安身');
    expect(pending.reliefFirst!.lines.at(-1)).toBe('待补办说明和审批：已超时 1小时（截止 12月1日 10:00）');
    expect(pending.navActions.map((action) => action.label)).toEqual(['先行救助补办审批']);
    const filed = toCaseDetailScreen(
      officerView({
        reliefFirst: {
          urgency: '房屋失火',
          byName: '刘芳',
          at: '2026-11-30T02:00:00.000Z',
          explanation: { text: '情况紧急先行发放', ratified: true, byName: '王建国', at: '2026-11-30T08:00:00.000Z' },
          outcome: null,
        },
      }),
    );
    expect(filed.reliefFirst!.pending).toBe(false);
    expect(filed.reliefFirst!.lines.at(-1)).toContain('王建国 已追认');
  });

  it('material kinds to add: the missing required ones first, then the rest and 其他材料', () => {
    expect(materialKindOptions(officerView()).map((option) => option.value)).toEqual([
      'householdBook',
      'applicationForm',
      'other',
    ]);
  });

  it('declining needs a reason', () => {
    expect(declineProblem('  ')).toBe(DECLINE_REASON_MISSING);
    expect(declineProblem('不是本村户籍')).toBe('');
  });
});
