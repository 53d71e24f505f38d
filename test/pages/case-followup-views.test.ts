/** The pure shaping functions of the case follow-up pages: no rendering. */
import { createTestBackend, type TestBackend } from '../support/test-backend';
import type { CaseFileView, MyCaseView, OfficerCaseView } from '../../miniprogram/domain/case';
import type { MemberView } from '../../miniprogram/domain/registry';
import { DEFAULT_RELIEF_TIERS } from '../../miniprogram/domain/relief';
import {
  addPhotos,
  emptyForm,
  photosLeft,
  readDraft,
  removePhoto,
  toApplicationInput,
  toApplyScreen,
} from '../../miniprogram/pages/apply/view';
import { confirmReceiptDialog, toCaseFollowUp, withdrawReason } from '../../miniprogram/pages/case/view';
import { documentTypeOf, toCaseFileScreen } from '../../miniprogram/packages/officer/pages/case-file/view';
import {
  beijingDatePlus,
  emptyReferralForm,
  isDate,
  referralProblem,
  toReferralsScreen,
  toUpdateInput,
  updateProblem,
} from '../../miniprogram/packages/officer/pages/referrals/view';
import {
  addTier,
  approverOptions,
  parseTiers,
  removeTier,
  settingsAccess,
  toTierSections,
  toTiersDraft,
} from '../../miniprogram/packages/officer/pages/settings/view';

const src = (fileId: string) => `src:${fileId}`;

let backend: TestBackend;
beforeAll(async () => {
  backend = await createTestBackend();
});
afterAll(() => backend.close());

async function data<T>(fn: string, event: Record<string, unknown>, openid: string): Promise<T> {
  const answer = await backend.call(fn, event, openid);
  if (!answer.ok) throw new Error(`${fn}.${String(event.action)}: ${answer.error.message}`);
  return answer.data as T;
}

describe('apply view: material photos (R-PROC-2)', () => {
  it('adds photos by kind once each, removes one, and counts what is left per kind', () => {
    let materials = addPhotos([], 'idCard', ['local:materials/a.jpg', 'local:materials/b.jpg']);
    materials = addPhotos(materials, 'idCard', ['local:materials/b.jpg', 'local:materials/c.jpg']);
    expect(materials.map((item) => item.fileId)).toEqual([
      'local:materials/a.jpg',
      'local:materials/b.jpg',
      'local:materials/c.jpg',
    ]);
    expect(photosLeft(materials, 'idCard')).toBe(6);
    expect(photosLeft(materials, 'householdBook')).toBe(9);
    expect(removePhoto(materials, 'local:materials/b.jpg').map((item) => item.fileId)).toEqual([
      'local:materials/a.jpg',
      'local:materials/c.jpg',
    ]);
  });

  it('shows photos under their checklist item, and keeps photos of a kind the checklist dropped', () => {
    const form = {
      ...emptyForm(),
      assistance: [],
      materials: [
        { kind: 'householdBook' as const, fileId: 'local:materials/h.jpg' },
        { kind: 'assistanceProof' as const, fileId: 'local:materials/d.jpg' },
      ],
    };
    const screen = toApplyScreen(form, 2);
    const hukou = screen.checklist.find((row) => row.kind === 'householdBook')!;
    expect(hukou.photos).toHaveLength(1);
    expect(hukou.photoCountText).toBe('已上传 1 张');
    // No assistance any more: the proof is not asked for, but the uploaded photo stays listed.
    expect(screen.checklist[screen.checklist.length - 1]).toMatchObject({
      kind: 'assistanceProof',
      requiredText: '已上传',
    });
    expect(toApplicationInput(form, 'app-1', 'soc-wangjia').materials).toEqual(form.materials);
    expect(toApplicationInput(emptyForm(), 'app-1', 'soc-wangjia')).not.toHaveProperty('materials');
  });

  it('a stored draft keeps well-formed photos only', () => {
    const draft = readDraft({
      form: {
        materials: [
          { kind: 'idCard', fileId: 'local:materials/a.jpg' },
          { kind: 'nonsense', fileId: 'local:materials/b.jpg' },
          { kind: 'idCard', fileId: '' },
          'junk',
        ],
      },
      step: 2,
      requestId: 'app-1',
    });
    expect(draft?.form.materials).toEqual([{ kind: 'idCard', fileId: 'local:materials/a.jpg' }]);
    expect(readDraft({ form: { materials: 'x' }, requestId: 'app-1' })?.form.materials).toEqual([]);
  });
});

describe('case view: what the applicant can still do', () => {
  it('R-PROC-2: an accepted case offers no withdrawing, but the checklist to add photos to', async () => {
    const view = await data<MyCaseView>(
      'applications',
      { action: 'getMyCase', caseId: 'demo-case-04' },
      'demo-applicant',
    );
    const followUp = toCaseFollowUp(view, src);
    // demo-case-04 is accepted: no withdrawing, materials still welcome.
    expect(followUp).toMatchObject({ canWithdraw: false, canConfirmReceipt: false, canAddMaterials: true });
    expect(followUp.materialGroups.map((group) => group.kind)).toContain('assistanceProof');
    expect(followUp.materialsCountText).toBe('还没有上传材料照片');
    expect(followUp.payoutText).toBe('');
  });

  it('shapes the payout, the tap receipt and the end reason; without add rights only groups with photos', () => {
    const view = {
      can: { withdraw: false, confirmReceipt: false, addMaterials: false },
      checklist: [{ kind: 'idCard', label: '身份证', required: true, note: '正反面', originalChecked: true }],
      materials: [{ kind: 'other', label: '其他材料', fileId: 'local:m/1.jpg', addedAt: '', addedByName: '' }],
      payout: {
        method: 'cash',
        methodLabel: '现金',
        amountFen: 300_00,
        goodsDescription: null,
        recipientName: '张小军',
        paidAt: '2026-11-30T06:00:00.000Z',
        paidByName: '刘芳',
        reliefFirst: false,
        ledgerEntryId: 'payout-x',
      },
      receipt: { method: 'tap', fileId: null, byName: '李秀英', at: '2026-11-30T07:00:00.000Z' },
      endReason: null,
    } as unknown as MyCaseView;
    const followUp = toCaseFollowUp(view, src);
    expect(followUp.materialGroups).toEqual([
      {
        kind: 'other',
        label: '其他材料',
        note: '',
        requiredText: '',
        photos: [{ fileId: 'local:m/1.jpg', src: 'src:local:m/1.jpg' }],
      },
    ]);
    expect(followUp.payoutText).toBe('2026年11月30日 14:00 以现金发放 ¥300.00，领取人 张小军');
    expect(followUp.receiptText).toBe('李秀英 已确认收到（2026年11月30日 15:00）');
    expect(confirmReceiptDialog(view).content).toContain('¥300.00');
    expect(toCaseFollowUp({ ...view, endReason: '申请人撤回' } as MyCaseView, src).endReasonText).toBe(
      '原因：申请人撤回',
    );
  });

  it('the withdraw reason is optional, trimmed and at most 200 characters', () => {
    expect(withdrawReason(undefined)).toBe('');
    expect(withdrawReason('  不需要了 ')).toBe('不需要了');
    expect(withdrawReason('字'.repeat(300))).toHaveLength(200);
  });
});

describe('一人一档 view (R-PROC-7)', () => {
  it('one person, every case oldest step first, photos with captions, masked ID only', async () => {
    const file = await data<CaseFileView>(
      'approvals',
      { action: 'caseFile', caseId: 'demo-case-03' },
      'demo-secretary',
    );
    const screen = toCaseFileScreen(file, src);
    expect(screen.name).toBe('陈大山');
    expect(screen.idText).toBe(`身份证 ${file.person.maskedIdNumber}`);
    expect(screen.idText).not.toContain(file.person.idNumber);
    expect(screen.cases).toHaveLength(1);
    const [fire] = screen.cases;
    expect(fire!.steps[0]!.label).toBe('主动发现并立案');
    expect(fire!.lines.some((line) => line.startsWith('发放：'))).toBe(true);
    expect(fire!.photos.map((photo) => photo.caption)).toEqual(['签字收据']);
    expect(fire!.photos[0]!.src).toBe('src:local:seed/receipts/demo-case-03.png');
  });

  it('opens in WeChat only what openDocument can: office files and PDF, not the printable web page', () => {
    expect(documentTypeOf('https://x/a/b.pdf?sign=1')).toBe('pdf');
    expect(documentTypeOf('/files/case-files/x.XLSX')).toBe('xlsx');
    expect(documentTypeOf('http://127.0.0.1:8787/files/case-files/x.html')).toBeNull();
  });
});

describe('referrals view (R-CAP-3)', () => {
  it('validates the add and follow-up forms in Chinese', () => {
    const form = { ...emptyReferralForm('刘芳'), description: '链接物资', followUpDate: '2026-12-08' };
    expect(referralProblem(form)).toBe('');
    expect(referralProblem({ ...form, description: ' ' })).toBe('请写明转介内容');
    expect(referralProblem({ ...form, ownerName: '' })).toBe('请填写负责人');
    expect(referralProblem({ ...form, followUpDate: '2026-02-30' })).toBe('请按 2026-12-08 的格式填写跟进日期');
    expect(isDate('2028-02-29')).toBe(true);
    expect(isDate('2026-2-1')).toBe(false);
    const update = { referralId: 'r', status: 'done' as const, note: ' 已办结 ', followUpDate: '' };
    expect(updateProblem({ ...update, note: '' })).toBe('请写明跟进情况');
    expect(updateProblem({ ...update, followUpDate: '12月8日' })).toBe('请按 2026-12-08 的格式填写下次跟进日期');
    expect(toUpdateInput(update)).toEqual({ status: 'done', note: '已办结' });
  });

  it('quick follow-up dates count Beijing days', () => {
    // 2026-11-30 20:00 UTC is already 1 December in Beijing.
    expect(beijingDatePlus(Date.parse('2026-11-30T20:00:00Z'), 7)).toBe('2026-12-08');
  });

  it('a paid case waiting for its receipt says why it cannot be closed yet', () => {
    const base = {
      person: { name: '张小军' },
      causeLabel: '意外事故',
      caseNo: '2026-010',
      stateLabel: '已发放',
      state: 'paid',
      recused: false,
      referrals: [],
      reliefFirst: null,
      payout: { method: 'cash', methodLabel: '现金', amountFen: 300_00, paidAt: '2026-11-30T06:00:00.000Z' },
      receipt: null,
      actions: ['addReferral', 'updateReferral'],
    } as unknown as OfficerCaseView;
    expect(toReferralsScreen(base)).toMatchObject({
      canAdd: true,
      canClose: false,
      closeHint: '领款人确认收到（或上传签字收据）后才能结案',
    });
    expect(toReferralsScreen({ ...base, actions: [...base.actions, 'close'] } as OfficerCaseView)).toMatchObject({
      canClose: true,
      closeHint: '',
    });
  });
});

describe('settings view (R-CAP-1..3)', () => {
  const me = (roles: Array<[string, string]>) => ({
    openid: 'o',
    userId: 'u',
    name: '某人',
    roles: roles.map(([role, societyId]) => ({ role, roleLabel: role, societyId, scopeName: '' })),
  });

  it('the president of this society edits; its secretary and supervisor read; others none', () => {
    expect(settingsAccess(me([['president', 'soc-wangjia']]) as never, 'soc-wangjia')).toBe('edit');
    expect(settingsAccess(me([['secretary', 'soc-wangjia']]) as never, 'soc-wangjia')).toBe('read');
    expect(settingsAccess(me([['president', 'soc-liutang']]) as never, 'soc-wangjia')).toBe('none');
  });

  it('R-CAP-1/2: amounts above the caps or typed wrong are refused in Chinese', () => {
    const draft = toTiersDraft(DEFAULT_RELIEF_TIERS);
    expect(draft.supplementary[0]).toEqual({ id: 's1', label: '一档（一般困难）', yuan: '200' });
    expect(parseTiers(draft).problems).toEqual([]);
    const over = {
      ...draft,
      emergency: draft.emergency.map((tier) => (tier.id === 'e3' ? { ...tier, yuan: '1200' } : tier)),
    };
    expect(parseTiers(over).problems).toEqual(['应急救助「三档（特别困难）」1200元超过每人次 1000元 的上限']);
    const typo = { ...draft, supplementary: [{ id: 's1', label: '一档', yuan: '两百' }] };
    expect(parseTiers(typo).problems).toEqual(['补充救助「一档」的金额请填写数字（元）']);
    expect(parseTiers({ ...draft, supplementary: [] }).problems).toEqual(['补充救助须设 1 至 6 个档次']);
  });

  it('adds a tier with a fresh id, at most six, and removes one', () => {
    let draft = toTiersDraft(DEFAULT_RELIEF_TIERS);
    draft = removeTier(draft, 'emergency', 'e2');
    draft = addTier(draft, 'emergency');
    expect(draft.emergency.map((tier) => tier.id)).toEqual(['e1', 'e3', 'e4']);
    for (let i = 0; i < 5; i += 1) draft = addTier(draft, 'supplementary');
    expect(draft.supplementary).toHaveLength(6);
    expect(toTierSections(draft)[0]).toMatchObject({ canAdd: false, capText: '每人次最多 500元（R-CAP-1）' });
  });

  it('the second approver is chosen among the active secretaries and presidents', () => {
    const member = (userId: string, name: string, role: string, revokedAt: string | null = null) =>
      ({
        membershipId: `m-${userId}-${role}`,
        userId,
        name,
        role,
        roleLabel: role === 'secretary' ? '秘书长' : '社长',
        revokedAt,
      }) as unknown as MemberView;
    expect(
      approverOptions([
        member('u-1', '刘芳', 'secretary'),
        member('u-2', '王建国', 'president'),
        member('u-3', '陈立新', 'member'),
        member('u-4', '旧秘书', 'secretary', '2026-01-01T00:00:00Z'),
      ]),
    ).toEqual([
      { userId: '', label: '不指定（只由社长审批）' },
      { userId: 'u-1', label: '刘芳（秘书长）' },
      { userId: 'u-2', label: '王建国（社长）' },
    ]);
  });
});
