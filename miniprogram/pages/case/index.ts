/**
 * The progress of one of the caller's own cases (the cloud refuses anyone else's), and what the
 * applicant can still do: withdraw before acceptance, add material photos until the decision
 * (R-PROC-2), and confirm with one tap that the relief arrived.
 */
import { screenBehavior } from '../../behaviors/screen';
import { loadScreen, type LoadState } from '../../utils/load-screen';
import { showToast } from '../../utils/toast';
import { errorMessage } from '../../services/cloud';
import { addMyMaterials, confirmReceipt, fetchMyCase, withdrawApplication } from '../../services/cases';
import { photoLinksFor, pickAndUploadPhotos, MAX_PHOTOS } from '../../services/files';
import { callButtonText, callSociety } from '../../utils/phone-call';
import type { MyCaseView } from '../../domain/case';
import type { MaterialKind } from '../../domain/relief';
import {
  ADD_MATERIAL_TEXT,
  MATERIALS_ADDED_TOAST,
  MISSING_CASE_MESSAGE,
  RECEIPT_CONFIRMED_TOAST,
  RECEIPT_HINT,
  UPLOADING_TEXT,
  WITHDRAWN_TOAST,
  WITHDRAW_DIALOG,
  confirmReceiptDialog,
  toCaseFollowUp,
  toCaseScreen,
  withdrawReason,
} from './view';
import type { CaseFollowUp, CaseScreen } from './view';

type Busy = '' | 'withdraw' | 'receipt' | 'materials';

function ask(options: {
  title: string;
  content?: string;
  confirmText: string;
  editable?: boolean;
  placeholderText?: string;
}): Promise<{ confirm: boolean; content: string }> {
  return new Promise((resolve) => {
    wx.showModal({
      ...options,
      cancelText: '取消',
      success: (res) => resolve({ confirm: res.confirm, content: res.content ?? '' }),
      fail: () => resolve({ confirm: false, content: '' }),
    });
  });
}

Component({
  behaviors: [screenBehavior],

  properties: {
    caseId: { type: String, value: '' },
  },

  data: {
    state: 'loading' as LoadState,
    errorMessage: '',
    screen: null as CaseScreen | null,
    followUp: null as CaseFollowUp | null,
    view: null as MyCaseView | null,
    busy: '' as Busy,
    /** The Chinese reason the last action was refused; '' when none. */
    actionError: '',
    addMaterialText: ADD_MATERIAL_TEXT,
    uploadingText: UPLOADING_TEXT,
    receiptHint: RECEIPT_HINT,
    /** 联系互助社 with the society's public phone; '' when none is set (no button). */
    callText: '',
  },

  methods: {
    _load() {
      const caseId = this.data.caseId;
      if (!caseId) {
        this.setData({ state: 'error', errorMessage: MISSING_CASE_MESSAGE });
        return Promise.resolve();
      }
      return loadScreen(this, async () => await this._shape(await fetchMyCase(caseId)));
    },

    async _shape(view: MyCaseView) {
      const photoSrc = await photoLinksFor(view.materials);
      return {
        view,
        screen: toCaseScreen(view),
        followUp: toCaseFollowUp(view, photoSrc),
        callText: view.societyPhone ? callButtonText(view.societyPhone) : '',
      };
    },

    /** 联系互助社: the applicant calls the society's public phone from their case. */
    onCallSociety() {
      callSociety(this.data.view?.societyPhone ?? '');
    },

    /** Runs one action of the applicant; a refusal shows the cloud's Chinese message and changes nothing. */
    async _act(busy: Busy, work: () => Promise<MyCaseView | null>, done: string) {
      if (this.data.busy) return;
      this.setData({ busy, actionError: '' });
      try {
        const view = await work();
        if (view) {
          this.setData({ ...(await this._shape(view)), busy: '' });
          showToast(this, { message: done, theme: 'success' });
        } else this.setData({ busy: '' });
      } catch (err) {
        const message = errorMessage(err);
        this.setData({ busy: '', actionError: message });
        showToast(this, { message, theme: 'error' });
      }
    },

    onWithdraw() {
      const caseId = this.data.caseId;
      return this._act(
        'withdraw',
        async () => {
          const answer = await ask({ ...WITHDRAW_DIALOG, editable: true });
          return answer.confirm ? withdrawApplication(caseId, withdrawReason(answer.content)) : null;
        },
        WITHDRAWN_TOAST,
      );
    },

    onConfirmReceipt() {
      const { caseId, view } = this.data;
      if (!view) return Promise.resolve();
      return this._act(
        'receipt',
        async () => ((await ask(confirmReceiptDialog(view))).confirm ? confirmReceipt(caseId) : null),
        RECEIPT_CONFIRMED_TOAST,
      );
    },

    onAddMaterial(
      event: WechatMiniprogram.CustomEvent<Record<string, never>, Record<string, never>, { kind: MaterialKind }>,
    ) {
      const caseId = this.data.caseId;
      const kind = event.currentTarget.dataset.kind;
      return this._act(
        'materials',
        async () => {
          const fileIds = await pickAndUploadPhotos({ kind: 'materials', caseId }, MAX_PHOTOS);
          return fileIds.length
            ? addMyMaterials(
                caseId,
                fileIds.map((fileId) => ({ kind, fileId })),
              )
            : null;
        },
        MATERIALS_ADDED_TOAST,
      );
    },
  },
});
