/**
 * 发放救助 (R-PROC-4), or with `mode=reliefFirst` 先行救助 (R-PROC-5); on a paid case whose
 * receipt is still due, the photo of the signed receipt. One request id per form, made when the
 * form opens and kept across retries: a retry after a timeout, or a second tap, pays once.
 */
import { screenBehavior } from '../../../../behaviors/screen';
import { loadScreenFor, type LoadState } from '../../../../utils/load-screen';
import { draftKey, loadDraft, mergeDraft, removeDraft, saveDraft } from '../../../../utils/drafts';
import { showToast } from '../../../../utils/toast';
import { CloudCallError, errorMessage } from '../../../../services/cloud';
import { disburse, fetchCase, newRequestId, recordReceipt, reliefFirst } from '../../../../services/cases';
import { fetchMe, fetchSocietyPublicPage } from '../../../../services/societies';
import { photoLinks, pickAndUploadPhotos } from '../../../../services/files';
import type { OfficerCaseView, ReferralKind } from '../../../../domain/case';
import type { PayoutMethod } from '../../../../domain/relief';
import { caseUrl, MISSING_CASE_MESSAGE, NOT_YOUR_CASE_MESSAGE } from '../../case-step';
import {
  disburseModeOf,
  disburseProblems,
  initialDisburseForm,
  pickTier,
  toDisburseInput,
  toDisburseScreen,
  toReliefFirstInput,
  type DisburseForm,
  type DisburseMode,
  type DisburseScreen,
  type ReceiptWay,
} from './view';

type InputEvent = WechatMiniprogram.CustomEvent<{ value: string }, Record<string, never>, { field?: string }>;
type TapEvent = WechatMiniprogram.CustomEvent<Record<string, never>, Record<string, never>, { value?: string }>;

/** The disburse form kept on the phone: the step it was for, its request id, what was typed. */
interface DisburseDraft {
  stepMode: DisburseMode;
  requestId: string;
  form: DisburseForm;
}

function readDisburseDraft(stored: unknown, stepMode: DisburseMode): DisburseDraft | null {
  if (!stored || typeof stored !== 'object') return null;
  const draft = stored as Partial<DisburseDraft>;
  if (draft.stepMode !== stepMode || typeof draft.requestId !== 'string' || !draft.form) return null;
  return draft as DisburseDraft;
}

Component({
  behaviors: [screenBehavior],

  properties: {
    caseId: { type: String, value: '' },
    /** 'reliefFirst' for 先行救助. */
    mode: { type: String, value: '' },
  },

  data: {
    state: 'loading' as LoadState,
    errorMessage: '',
    notYourCaseMessage: NOT_YOUR_CASE_MESSAGE,
    view: null as OfficerCaseView | null,
    form: null as DisburseForm | null,
    stepMode: 'done' as DisburseMode,
    balanceFen: null as number | null,
    screen: null as DisburseScreen | null,
    receiptSrc: '',
    /** Made when the form opens, kept across retries (never a second payout). */
    requestId: '',
    formError: '',
    /** The form came back from a draft on the phone. */
    restored: false,
    submitting: false,
    uploading: false,
  },

  methods: {
    onBack() {
      void wx.navigateBack({ delta: 1 });
    },

    _load() {
      return loadScreenFor(this, this.data.caseId, MISSING_CASE_MESSAGE, async (caseId) => {
        let view: OfficerCaseView;
        try {
          view = await fetchCase(caseId);
        } catch (err) {
          if (err instanceof CloudCallError && err.code === 'FORBIDDEN') return 'forbidden';
          throw err;
        }
        const [me, society] = await Promise.all([
          fetchMe().catch(() => null),
          fetchSocietyPublicPage(view.societyId).catch(() => null),
        ]);
        const stepMode = disburseModeOf(view, this.data.mode);
        const fresh = initialDisburseForm(view, stepMode, me?.name ?? null);
        // What was typed before WeChat was killed (issue 11), by this officer, for this same step;
        // with its request id, so sending it after a lost answer still pays once.
        const draft = readDisburseDraft(loadDraft(draftKey('disburse', caseId)), stepMode);
        const form = (draft && mergeDraft(fresh, draft.form)) ?? fresh;
        const balanceFen = society ? society.fund.balanceFen : null;
        return {
          view,
          form,
          stepMode,
          balanceFen,
          requestId: draft?.requestId || this.data.requestId || newRequestId(stepMode === 'reliefFirst' ? 'rf' : 'pay'),
          restored: draft !== null,
          formError: '',
          ...this._shape(view, form, stepMode, balanceFen),
        };
      });
    },

    _shape(view: OfficerCaseView, form: DisburseForm, stepMode: DisburseMode, balanceFen: number | null) {
      return {
        screen: toDisburseScreen(view, form, stepMode, this.data.mode, balanceFen),
        // The address arrives with the photo (onTakeReceiptPhoto); a form without one shows none.
        receiptSrc: form.receiptFileId ? this.data.receiptSrc : '',
      };
    },

    _change(patch: Partial<DisburseForm>) {
      const { view, form, stepMode, balanceFen } = this.data;
      if (!view || !form) return;
      const next = { ...form, ...patch };
      this.setData({ form: next, formError: '', ...this._shape(view, next, stepMode, balanceFen) });
      const draft: DisburseDraft = { stepMode, requestId: this.data.requestId, form: next };
      saveDraft(draftKey('disburse', view.id), draft);
    },

    onInput(event: InputEvent) {
      const field = event.currentTarget.dataset.field as keyof DisburseForm;
      this._change({ [field]: event.detail.value } as Partial<DisburseForm>);
    },

    onPickMethod(event: TapEvent) {
      this._change({ method: event.currentTarget.dataset.value as PayoutMethod });
    },

    onPickReferralKind(event: TapEvent) {
      this._change({ referralKind: event.currentTarget.dataset.value as ReferralKind });
    },

    onPickReceiptWay(event: TapEvent) {
      this._change({ receiptWay: event.currentTarget.dataset.value as ReceiptWay });
    },

    onPickTier(event: TapEvent) {
      const { view, form } = this.data;
      if (!view || !form) return;
      this._change(pickTier(form, String(event.currentTarget.dataset.value), view));
    },

    async onTakeReceiptPhoto() {
      if (this.data.uploading) return;
      this.setData({ uploading: true });
      try {
        const [fileId] = await pickAndUploadPhotos({ kind: 'receipts', caseId: this.data.caseId }, 1);
        const receiptSrc = fileId ? (await photoLinks([fileId]))(fileId) : this.data.receiptSrc;
        this.setData({ uploading: false, receiptSrc });
        if (fileId) this._change({ receiptFileId: fileId, receiptWay: 'photo' });
      } catch (err) {
        this.setData({ uploading: false, formError: errorMessage(err) });
      }
    },

    onSubmit() {
      return this._submit();
    },

    async _submit() {
      const { view, form, stepMode, requestId, submitting } = this.data;
      if (!view || !form || submitting || stepMode === 'done') return;
      const problems = disburseProblems(view, form, stepMode);
      if (problems.length > 0) {
        this.setData({ formError: problems.join('；') });
        return;
      }
      this.setData({ submitting: true, formError: '' });
      try {
        let done: string;
        if (stepMode === 'receipt') {
          await recordReceipt(view.id, form.receiptFileId);
          done = '收据照片已保存';
        } else if (stepMode === 'reliefFirst') {
          await reliefFirst(toReliefFirstInput(view, form, requestId));
          done = '已先行发放，请在 1 个工作日内补办';
        } else {
          await disburse(toDisburseInput(view, form, requestId));
          done = '已发放';
        }
        removeDraft(draftKey('disburse', view.id));
        // Stays "submitting" until the page goes: a second tap cannot send again.
        showToast(this, { message: done, theme: 'success' });
        setTimeout(() => void wx.redirectTo({ url: caseUrl(view.id) }), 800);
      } catch (err) {
        const message = errorMessage(err);
        this.setData({ submitting: false, formError: message });
        showToast(this, { message, theme: 'error' });
      }
    },
  },
});
