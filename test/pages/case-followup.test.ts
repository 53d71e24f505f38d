/**
 * Relief cases, the remaining pieces over the real backend: material photos on the apply form
 * (R-PROC-2), the applicant's own case page (withdraw, confirm the receipt, add materials), and the
 * officer pages 一人一档 (R-PROC-7), 转介帮扶 (R-CAP-3) and 救助标准 (R-CAP-1..3).
 */
import { usePageBackend } from '../support/page-backend';
import { recordedCalls, recordedUploads, setChosenPhotos } from '../support/simulate-setup';
import { findByText, openPage, silenceConsoleError, tap, textOf, textsOf, waitFor } from '../support/simulate-pages';
import type { PageComponent } from '../support/simulate-pages';
import { application, caller, footprint, visit } from '../cases/helpers';
import { setDemoCaller } from '../../miniprogram/services/cloud';
import { makeIdNumber } from '../../miniprogram/domain/id-number';
import { COLLECTIONS } from '../../server/collections';
import type { CaseDoc } from '../../server/cases/model';
import type { ReliefSettingsDoc } from '../../server/cases/model';
import type { MyCaseView } from '../../miniprogram/domain/case';
import { DRAFT_KEY, readDraft } from '../../miniprogram/pages/apply/view';
import { WITHDRAW_DIALOG } from '../../miniprogram/pages/case/view';
import { EXPORT_LINK_NOTE } from '../../miniprogram/packages/officer/pages/case-file/view';
import { READ_ONLY_NOTE } from '../../miniprogram/packages/officer/pages/settings/view';
import { loadDraft } from '../../miniprogram/utils/drafts';

const APPLY = 'pages/apply/index';
const CASE = 'pages/case/index';
const CASE_FILE = 'packages/officer/pages/case-file/index';
const REFERRALS = 'packages/officer/pages/referrals/index';
const SETTINGS = 'packages/officer/pages/settings/index';
const WANGJIA = 'soc-wangjia';
const FIRE_CASE = 'demo-case-03';

// The first render of a file loads TDesign's components; on a busy 2-core machine that alone can
// take seconds, so these tests get more than jest's default 5 s.
jest.setTimeout(30_000);

const backend = usePageBackend();
const api = () => caller(backend());

afterEach(() => {
  jest.restoreAllMocks();
});

type Modal = { title?: string; content?: string; editable?: boolean; placeholderText?: string };

/** The next wx.showModal answers like this; returns what the page asked. */
function answerModal(answer: { confirm: boolean; content?: string }): Modal[] {
  const asked: Modal[] = [];
  jest.spyOn(wx, 'showModal').mockImplementation(((options: WechatMiniprogram.ShowModalOption) => {
    asked.push(options);
    options.success?.({
      confirm: answer.confirm,
      cancel: !answer.confirm,
      content: answer.content ?? '',
      errMsg: 'showModal:ok',
    } as WechatMiniprogram.ShowModalSuccessCallbackResult);
  }) as unknown as typeof wx.showModal);
  return asked;
}

function caseDoc(caseId: string): Promise<CaseDoc | null> {
  return backend().ports.store.get<CaseDoc>(COLLECTIONS.cases, caseId);
}

/** 李秀英 applies for her son (a 低保 household: supplementary relief); answers the case id. */
async function applyAsLiXiuying(overrides: Record<string, unknown> = {}): Promise<string> {
  const view = await api().ok<MyCaseView>('applications', 'submit', application(overrides), 'demo-applicant');
  return view.id;
}

/** Accepted, visited, proposed, approved and paid 300 yuan in cash, without a receipt photo: the recipient's tap is due. */
async function paidCase(): Promise<string> {
  const caseId = await applyAsLiXiuying();
  const { ok } = api();
  await ok('approvals', 'accept', { caseId }, 'demo-secretary');
  await ok(
    'approvals',
    'recordVisit',
    visit(caseId, { recommend: 'grant', form: 'cash', amountFen: 300_00, tierId: 's2' }),
    'demo-secretary',
  );
  await ok(
    'approvals',
    'propose',
    { caseId, recommend: 'grant', form: 'cash', amountFen: 300_00, tierId: 's2', reason: '建议按二档救助' },
    'demo-secretary',
  );
  await ok('approvals', 'approve', { caseId, note: '同意' }, 'demo-president');
  await ok(
    'approvals',
    'disburse',
    { caseId, requestId: `pay-${caseId}`, method: 'cash', amountFen: 300_00 },
    'demo-secretary',
  );
  return caseId;
}

const button = (page: PageComponent, text: string) => findByText(page, '.t-button--t-button', text);
/** Our own buttons that carry data-* (a t-button would drop them). */
const dataButton = (page: PageComponent, text: string) => findByText(page, '.main--data-button', text);

// ---------------------------------------------------------------------------------------------

describe('apply page: material photos (R-PROC-2)', () => {
  interface ApplyInstance {
    onInput(event: unknown): void;
    onPick(event: unknown): void;
    onToggleConsent(event: unknown): void;
    onSubmit(): Promise<void>;
  }
  const apply = (page: PageComponent) => page.instance as unknown as ApplyInstance;
  const input = (field: string, value: string) => ({ currentTarget: { dataset: { field } }, detail: { value } });
  const pick = (field: string, value: string) => ({ currentTarget: { dataset: { field, value } }, detail: {} });

  beforeEach(() => setDemoCaller('demo-applicant'));

  /** Steps 1 and 2 for 李秀英's mother (a 低保 household), landing on step 3 (materials and consent). */
  async function toMaterialsStep(idNumber: string): Promise<PageComponent> {
    const page = await openPage(APPLY, { societyId: WANGJIA });
    apply(page).onPick(pick('cause', 'accident'));
    apply(page).onPick(pick('assistance', 'dibao'));
    await tap(button(page, '下一步'));
    apply(page).onPick(pick('relationship', 'parent'));
    apply(page).onInput(input('name', '王桂兰'));
    apply(page).onInput(input('idNumber', idNumber));
    apply(page).onInput(input('description', '母亲骑车摔伤住院，手术费用负担不起'));
    await tap(button(page, '下一步'));
    expect(page.data.step).toBe(2);
    return page;
  }

  const addButtonOf = (page: PageComponent, label: string) =>
    findByText(page, '.main--material', label).querySelector('.main--material__add')!;

  it('R-PROC-2: photos chosen for a checklist item are uploaded, kept in the draft, and the stored case has their file ids', async () => {
    const page = await toMaterialsStep(makeIdNumber({ birthDate: '1951-02-03', sequence: 71 }));
    // The checklist of this case (a 低保 household) asks for the assistance proof: each item has a photo button.
    expect(textsOf(page, '.main--material__label')).toContain('政府救助证明（必须）');

    setChosenPhotos(['wxfile://tmp/hukou-1.jpg', 'wxfile://tmp/hukou-2.jpg']);
    await tap(addButtonOf(page, '户口簿'));
    await waitFor(() => page.data.form.materials.length === 2);
    setChosenPhotos(['wxfile://tmp/dibao.jpg']);
    await tap(addButtonOf(page, '政府救助证明'));
    await waitFor(() => page.data.form.materials.length === 3);

    const uploads = recordedUploads();
    expect(uploads.map((upload) => upload.tempFilePath)).toEqual([
      'wxfile://tmp/hukou-1.jpg',
      'wxfile://tmp/hukou-2.jpg',
      'wxfile://tmp/dibao.jpg',
    ]);
    expect(uploads.every((upload) => upload.cloudPath.startsWith('private/soc-wangjia/materials/society/'))).toBe(true);
    const [hukou1, hukou2, dibao] = uploads.map((upload) => upload.fileId);
    expect(page.data.form.materials).toEqual([
      { kind: 'householdBook', fileId: hukou1 },
      { kind: 'householdBook', fileId: hukou2 },
      { kind: 'assistanceProof', fileId: dibao },
    ]);
    // Thumbnails, and the count under the item.
    expect(page.dom!.querySelectorAll('.main--photo__image')).toHaveLength(3);
    expect(textOf(page)).toContain('已上传 2 张');

    // A resumed draft keeps the photos.
    const draft = readDraft(loadDraft(DRAFT_KEY));
    expect(draft?.form.materials).toEqual(page.data.form.materials);
    const resumed = await openPage(APPLY, { societyId: WANGJIA });
    expect(resumed.data.form.materials).toEqual(page.data.form.materials);
    expect(resumed.dom!.querySelectorAll('.main--photo__image')).toHaveLength(3);

    // Remove one, then submit.
    await tap(findByText(page, '.main--photo__remove', '删除'));
    expect(page.data.form.materials.map((item: { fileId: string }) => item.fileId)).toEqual([hukou2, dibao]);
    apply(page).onToggleConsent({ currentTarget: { dataset: { field: 'consentProcessing' } } });
    apply(page).onToggleConsent({ currentTarget: { dataset: { field: 'consentNotice' } } });
    const submit = recordedCalls().length;
    await apply(page).onSubmit();
    expect(page.data.errorMessage).toBe('');

    const sent = recordedCalls()
      .slice(submit)
      .find((call) => call.event.action === 'submit')!;
    expect(sent.event.materials).toEqual([
      { kind: 'householdBook', fileId: hukou2 },
      { kind: 'assistanceProof', fileId: dibao },
    ]);
    const cases = await backend().ports.store.find<CaseDoc>(COLLECTIONS.cases, {
      where: { requestId: page.data.requestId },
      limit: 1,
    });
    expect(cases[0]!.materials.map((item) => [item.kind, item.fileId])).toEqual([
      ['householdBook', hukou2],
      ['assistanceProof', dibao],
    ]);
    for (const fileId of [hukou2!, dibao!]) expect(await backend().ports.files.get(fileId)).not.toBeNull();
  });

  it('cancelling the picker changes nothing: no upload, no photo, no error, the draft as it was', async () => {
    const page = await toMaterialsStep(makeIdNumber({ birthDate: '1951-02-05', sequence: 73 }));
    const before = wx.getStorageSync(DRAFT_KEY) as unknown;
    setChosenPhotos(null);
    await tap(addButtonOf(page, '户口簿'));
    await waitFor(() => page.data.uploadingKind === '');
    expect(recordedUploads()).toHaveLength(0);
    expect(page.data.form.materials).toEqual([]);
    expect(page.data.errorMessage).toBe('');
    expect(page.dom!.querySelectorAll('.main--photo__image')).toHaveLength(0);
    expect(wx.getStorageSync(DRAFT_KEY)).toEqual(before);
  });
});

// ---------------------------------------------------------------------------------------------

describe('applicant case page: withdraw, confirm the receipt, add materials', () => {
  beforeEach(() => setDemoCaller('demo-applicant'));

  it('R-PROC-1: a submitted case can be withdrawn with an optional reason after a confirm dialog', async () => {
    const caseId = await applyAsLiXiuying();
    const page = await openPage(CASE, { caseId });
    expect(page.data.followUp.canWithdraw).toBe(true);
    const asked = answerModal({ confirm: true, content: '家里已经筹到钱了' });

    await tap(button(page, '撤回申请'));
    await waitFor(() => page.data.busy === '');

    expect(asked[0]).toMatchObject({ title: WITHDRAW_DIALOG.title, editable: true });
    const doc = await caseDoc(caseId);
    expect(doc).toMatchObject({ state: 'withdrawn', endReason: '家里已经筹到钱了' });
    expect(page.data.screen.stateLabel).toBe('已撤回');
    expect(textOf(page)).toContain('原因：家里已经筹到钱了');
    expect(textsOf(page, '.main--timeline__label')[0]).toBe('撤回申请');
    // Nothing more to withdraw.
    expect(() => button(page, '撤回申请')).toThrow();
  });

  it('cancelling the dialog withdraws nothing', async () => {
    const caseId = await applyAsLiXiuying();
    const page = await openPage(CASE, { caseId });
    answerModal({ confirm: false });
    const before = await footprint(backend());
    await tap(button(page, '撤回申请'));
    await waitFor(() => page.data.busy === '');
    expect(await footprint(backend())).toEqual(before);
    expect((await caseDoc(caseId))!.state).toBe('submitted');
  });

  it('once accepted, withdrawing is refused with a Chinese message and nothing is written', async () => {
    silenceConsoleError();
    const caseId = await applyAsLiXiuying();
    const page = await openPage(CASE, { caseId });
    expect(page.data.followUp.canWithdraw).toBe(true);
    // Meanwhile the secretary accepts it: the button on the phone is stale.
    await api().ok('approvals', 'accept', { caseId }, 'demo-secretary');
    answerModal({ confirm: true, content: '不需要了' });
    const before = await footprint(backend());

    await tap(button(page, '撤回申请'));
    await waitFor(() => page.data.busy === '');

    expect(page.data.actionError).toBe('申请已受理，不能自行撤回；如需撤回，请联系村秘书长');
    expect(textsOf(page, '.main--action-error')).toEqual([page.data.actionError]);
    expect(await footprint(backend())).toEqual(before);
    expect((await caseDoc(caseId))!.state).toBe('accepted');
  });

  it('R-PROC-4: after a cash payout the recipient confirms the receipt with one tap', async () => {
    const caseId = await paidCase();
    const page = await openPage(CASE, { caseId });
    expect(page.data.followUp.canConfirmReceipt).toBe(true);
    expect(textOf(page)).toContain('以现金发放 ¥300.00');
    expect(() => button(page, '撤回申请')).toThrow();
    const asked = answerModal({ confirm: true });

    await tap(button(page, '确认已收到救助'));
    await waitFor(() => page.data.busy === '');

    expect(asked[0]!.content).toContain('¥300.00');
    const doc = await caseDoc(caseId);
    expect(doc!.receipt).toMatchObject({ method: 'tap', fileId: null, by: { userId: 'u-lixiuying' } });
    expect(page.data.followUp.canConfirmReceipt).toBe(false);
    expect(textOf(page)).toContain('李秀英 已确认收到');
    expect(() => button(page, '确认已收到救助')).toThrow();

    // A second tap from a stale screen is refused and writes nothing.
    const before = await footprint(backend());
    expect((await backend().call('applications', { action: 'confirmReceipt', caseId }, 'demo-applicant')).ok).toBe(
      false,
    );
    expect(await footprint(backend())).toEqual(before);
  });

  it('R-PROC-2: 补充材料 uploads photos and adds them to the case; cancelling adds nothing', async () => {
    const caseId = await applyAsLiXiuying();
    const page = await openPage(CASE, { caseId });
    expect(page.data.followUp.canAddMaterials).toBe(true);
    const addFor = (label: string) => findByText(page, '.main--material', label).querySelector('.main--material__add')!;

    setChosenPhotos(null);
    const before = await footprint(backend());
    await tap(addFor('户口簿'));
    await waitFor(() => page.data.busy === '');
    expect(await footprint(backend())).toEqual(before);

    setChosenPhotos(['wxfile://tmp/diagnosis.jpg']);
    await tap(addFor('困难情况证明'));
    await waitFor(() => page.data.busy === '' && page.data.view.materials.length === 1);
    const [upload] = recordedUploads();
    expect((await caseDoc(caseId))!.materials.map((item) => [item.kind, item.fileId])).toEqual([
      ['hardshipProof', upload!.fileId],
    ]);
    expect(page.dom!.querySelectorAll('.main--photo')).toHaveLength(1);
    expect(textOf(page)).toContain('已上传材料照片 1 张');
  });

  it("another applicant's case id shows an error, never their data", async () => {
    silenceConsoleError();
    // 周小红 (demo-resident) applies for her father.
    const theirs = await api().ok<MyCaseView>(
      'applications',
      'submit',
      application({
        applicantName: '周小红',
        beneficiary: {
          name: '周德胜',
          idNumber: makeIdNumber({ birthDate: '1949-09-09', sequence: 91 }),
          relationship: 'parent',
        },
      }),
      'demo-resident',
    );
    const page = await openPage(CASE, { caseId: theirs.id });
    expect(page.data.state).toBe('error');
    expect(page.data.errorMessage).toMatch(/权限|没有找到/);
    expect(page.data.screen).toBeNull();
    expect(page.data.view).toBeNull();
    expect(textOf(page)).not.toContain('周德胜');
    expect(textOf(page)).not.toContain('周小红');
  });
});

// ---------------------------------------------------------------------------------------------

describe('一人一档 (R-PROC-7)', () => {
  beforeEach(() => setDemoCaller('demo-secretary'));

  it('R-PROC-7: shows the person with every case, step, photo and decision, and exports the file', async () => {
    const page = await openPage(CASE_FILE, { caseId: FIRE_CASE });
    expect(page.data.state).toBe('ready');
    expect(textsOf(page, '.main--file-head__name')).toEqual(['陈大山']);
    expect(textOf(page)).toContain('在本社共 1 个案件');
    const text = textOf(page);
    expect(text).toContain('2026-003');
    expect(text).toContain('审批决定：批准');
    expect(text).toContain('转介：帮办政府救助');
    expect(textsOf(page, '.main--step__label')).toEqual(
      expect.arrayContaining(['主动发现并立案', '入户核查', '批准', '发放救助', '转介帮扶']),
    );
    // The receipt photo is one of the documents.
    expect(textsOf(page, '.main--photo__caption')).toContain('签字收据');
    expect(text).not.toMatch(/\d{17}[\dXx]/);

    await tap(button(page, '导出档案'));
    await waitFor(() => page.data.exporting === false && page.data.exportLink !== '');
    const call = recordedCalls().find((each) => each.event.action === 'exportCaseFile')!;
    expect(call.event).toMatchObject({ caseId: FIRE_CASE });
    const fileId = decodeURIComponent(page.data.exportLink.split('/files/')[1]!.split('?')[0]!);
    const stored = await backend().ports.files.get(`local:${fileId}`);
    expect(stored?.content.toString('utf8')).toContain('陈大山');
    expect(textOf(page)).toContain(EXPORT_LINK_NOTE);
  });

  it("an applicant cannot open someone's case file: forbidden, no data", async () => {
    setDemoCaller('demo-applicant');
    const page = await openPage(CASE_FILE, { caseId: FIRE_CASE });
    expect(page.data.state).toBe('forbidden');
    expect(page.data.screen).toBeNull();
    expect(textOf(page)).not.toContain('陈大山');
  });
});

// ---------------------------------------------------------------------------------------------

describe('转介帮扶 after relief (R-CAP-3)', () => {
  beforeEach(() => setDemoCaller('demo-secretary'));

  interface ReferralsInstance {
    onFormInput(event: unknown): void;
    onPickKind(event: unknown): void;
    onUpdateInput(event: unknown): void;
    onPickStatus(event: unknown): void;
  }
  const referrals = (page: PageComponent) => page.instance as unknown as ReferralsInstance;
  const field = (name: string, value: string) => ({ currentTarget: { dataset: { field: name } }, detail: { value } });
  const value = (v: string) => ({ currentTarget: { dataset: { value: v } }, detail: {} });

  it('lists the seeded referral with owner, follow-up date and status', async () => {
    const page = await openPage(REFERRALS, { caseId: FIRE_CASE });
    expect(textsOf(page, '.main--referral__kind')).toEqual(['帮办政府救助']);
    expect(textOf(page)).toContain('负责人 刘芳 · 跟进日期 2026-12-04');
    expect(textOf(page)).toContain('跟进中');
  });

  it('adds a referral, records its follow-up, and closes the case once the receipt is in', async () => {
    const caseId = await paidCase();
    const page = await openPage(REFERRALS, { caseId });
    // The receipt is not confirmed yet: no closing.
    expect(page.data.screen.canClose).toBe(false);
    expect(textOf(page)).toContain('领款人确认收到（或上传签字收据）后才能结案');

    await tap(button(page, '添加转介'));
    referrals(page).onPickKind(value('counselling'));
    referrals(page).onFormInput(field('description', '孩子住院后情绪低落，联系镇社工站心理疏导'));
    referrals(page).onFormInput(field('followUpDate', '2026-12-07'));
    // Bad input first: told in Chinese, nothing sent.
    referrals(page).onFormInput(field('ownerName', ''));
    await tap(button(page, '保存转介'));
    expect(page.data.formError).toBe('请填写负责人');
    referrals(page).onFormInput(field('ownerName', '刘芳'));
    await tap(button(page, '保存转介'));
    await waitFor(() => page.data.busy === '' && page.data.adding === false);

    let doc = (await caseDoc(caseId))!;
    expect(doc.referrals).toHaveLength(1);
    expect(doc.referrals[0]).toMatchObject({
      kind: 'counselling',
      ownerName: '刘芳',
      followUpDate: '2026-12-07',
      status: 'open',
    });
    expect(textsOf(page, '.main--referral__kind')).toEqual(['心理疏导']);

    await tap(dataButton(page, '记录跟进'));
    referrals(page).onPickStatus(value('done'));
    referrals(page).onUpdateInput(field('note', '已完成两次心理疏导，情绪好转'));
    await tap(button(page, '保存跟进情况'));
    await waitFor(() => page.data.busy === '' && page.data.update.referralId === '');
    doc = (await caseDoc(caseId))!;
    expect(doc.referrals[0]).toMatchObject({ status: 'done' });
    expect(textOf(page)).toContain('已完成两次心理疏导，情绪好转');

    // The recipient confirms; now the case can be closed.
    await api().ok('applications', 'confirmReceipt', { caseId }, 'demo-applicant');
    const again = await openPage(REFERRALS, { caseId });
    expect(again.data.screen.canClose).toBe(true);
    answerModal({ confirm: true, content: '救助和转介均已完成' });
    await tap(button(again, '结案'));
    await waitFor(() => again.data.busy === '');
    expect((await caseDoc(caseId))!.state).toBe('closed');
    expect(again.data.screen.stateLabel).toBe('已结案');
  });

  it('a follow-up date in the past is refused by the cloud in Chinese and nothing is written', async () => {
    silenceConsoleError();
    const page = await openPage(REFERRALS, { caseId: FIRE_CASE });
    const before = await footprint(backend());
    await tap(button(page, '添加转介'));
    referrals(page).onFormInput(field('description', '链接县慈善协会物资'));
    referrals(page).onFormInput(field('followUpDate', '2026-11-01'));
    await tap(button(page, '保存转介'));
    await waitFor(() => page.data.busy === '');
    expect(page.data.formError).toBe('跟进日期不能早于今天');
    expect(await footprint(backend())).toEqual(before);
  });

  it('the supervisor reads the referrals but cannot add, update or close', async () => {
    setDemoCaller('demo-supervisor');
    const page = await openPage(REFERRALS, { caseId: FIRE_CASE });
    expect(page.data.state).toBe('ready');
    expect(textsOf(page, '.main--referral__kind')).toEqual(['帮办政府救助']);
    for (const text of ['添加转介', '结案']) expect(() => button(page, text)).toThrow();
    expect(() => dataButton(page, '记录跟进')).toThrow();
  });
});

// ---------------------------------------------------------------------------------------------

describe('救助标准设置 (R-CAP-3)', () => {
  interface SettingsInstance {
    onTierInput(event: unknown): void;
  }
  const settings = (page: PageComponent) => page.instance as unknown as SettingsInstance;
  const tierInput = (type: string, id: string, name: string, v: string) => ({
    currentTarget: { dataset: { type, id, field: name } },
    detail: { value: v },
  });

  function settingsDoc(): Promise<ReliefSettingsDoc | null> {
    return backend().ports.store.get<ReliefSettingsDoc>(COLLECTIONS.reliefSettings, WANGJIA);
  }

  it('R-CAP-1: a supplementary tier above 500 yuan is refused by the domain in Chinese; nothing is sent or written', async () => {
    setDemoCaller('demo-president');
    const page = await openPage(SETTINGS, { societyId: WANGJIA });
    expect(page.data.access).toBe('edit');
    const before = { doc: await settingsDoc(), audit: await backend().ports.store.count(COLLECTIONS.auditEvents) };
    settings(page).onTierInput(tierInput('supplementary', 's3', 'yuan', '600'));
    const calls = recordedCalls().length;

    await tap(button(page, '保存救助标准'));

    expect(page.data.problems).toEqual(['补充救助「三档（特别困难）」600元超过每人次 500元 的上限']);
    expect(textsOf(page, '.main--problem')).toEqual(page.data.problems);
    expect(
      recordedCalls()
        .slice(calls)
        .some((call) => call.event.action === 'setSettings'),
    ).toBe(false);
    expect(await settingsDoc()).toEqual(before.doc);
    expect(await backend().ports.store.count(COLLECTIONS.auditEvents)).toBe(before.audit);
  });

  it('R-CAP-3: the president sets the tiers inside the caps and names the secretary second approver', async () => {
    setDemoCaller('demo-president');
    const page = await openPage(SETTINGS, { societyId: WANGJIA });
    settings(page).onTierInput(tierInput('emergency', 'e2', 'yuan', '800'));
    settings(page).onTierInput(tierInput('emergency', 'e2', 'label', '二档（严重困难）'));
    await tap(dataButton(page, '增加一档'));
    const added = page.data.draft.supplementary[3];
    expect(added).toMatchObject({ id: 's4', yuan: '' });
    settings(page).onTierInput(tierInput('supplementary', 's4', 'yuan', '100'));
    await tap(findByText(page, '.jj-choice--jj-choice', '刘芳'));

    await tap(button(page, '保存救助标准'));
    await waitFor(() => page.data.saving === false);

    expect(page.data.problems).toEqual([]);
    const doc = await settingsDoc();
    expect(doc).toMatchObject({ secondApproverUserId: 'u-liufang' });
    expect(doc!.tiers.emergency.map((tier) => [tier.id, tier.label, tier.amountFen])).toEqual([
      ['e1', '一档（一般困难）', 300_00],
      ['e2', '二档（严重困难）', 800_00],
      ['e3', '三档（特别困难）', 1_000_00],
    ]);
    expect(doc!.tiers.supplementary.map((tier) => tier.amountFen)).toEqual([100_00, 200_00, 300_00, 500_00]);
    expect(textOf(page)).toContain('最近保存');
  });

  it('the secretary sees the standards read-only: no inputs, no save', async () => {
    setDemoCaller('demo-secretary');
    const page = await openPage(SETTINGS, { societyId: WANGJIA });
    expect(page.data.access).toBe('read');
    expect(textOf(page)).toContain(READ_ONLY_NOTE);
    expect(page.dom!.querySelectorAll('input')).toHaveLength(0);
    expect(() => button(page, '保存救助标准')).toThrow();
    expect(textsOf(page, '.main--tier__amount').length).toBeGreaterThan(0);
  });

  it('an applicant may not open the settings', async () => {
    setDemoCaller('demo-applicant');
    const page = await openPage(SETTINGS, { societyId: WANGJIA });
    expect(page.data.state).toBe('forbidden');
  });
});
