/** An officer's view of one case, and the steps this caller may take on it now (the cloud decides which). */
import { screenBehavior } from '../../../../behaviors/screen';
import { loadScreenFor, type LoadState } from '../../../../utils/load-screen';
import { showToast } from '../../../../utils/toast';
import { errorMessage } from '../../../../services/cloud';
import {
  acceptCase,
  addCaseMaterials,
  closeCase,
  declineCase,
  fetchCase,
  recordReceipt,
} from '../../../../services/cases';
import { pickAndUploadPhotos, photoLinksFor } from '../../../../services/files';
import type { OfficerCaseView } from '../../../../domain/case';
import type { MaterialKind } from '../../../../domain/relief';
import { orForbidden } from '../../utils/access';
import {
  ACCEPTED_TOAST,
  CLOSED_TOAST,
  DECLINED_TOAST,
  FORBIDDEN_CASE_MESSAGE,
  MATERIALS_ADDED_TOAST,
  MISSING_CASE_MESSAGE,
  RECEIPT_ADDED_TOAST,
  RECUSED_NOTE,
  declineProblem,
  toCaseDetailScreen,
} from './view';
import type { CaseDetailScreen } from './view';

Component({
  behaviors: [screenBehavior],

  properties: {
    caseId: { type: String, value: '' },
  },

  data: {
    state: 'loading' as LoadState,
    errorMessage: '',
    forbiddenMessage: FORBIDDEN_CASE_MESSAGE,
    recusedNote: RECUSED_NOTE,
    screen: null as CaseDetailScreen | null,
    /** One step at a time. */
    busy: false,
    actionError: '',
    declining: false,
    declineReason: '',
    materialKind: 'other' as MaterialKind,
    /** The whole ID number is shown only while the officer asks for it. */
    showFullId: false,
  },

  methods: {
    onShow() {
      // Back from a step page (visit, decision, payout): show where the case is now.
      if (this.data.state === 'ready' && !this.data.busy) void this._load();
    },

    /**
     * A t-button's tap: its host's data-url where the dataset survives, else TDesign's own
     * custom-dataset (the inner button's data-custom, carried in the event detail).
     */
    onNavigate(
      event: WechatMiniprogram.CustomEvent<
        { currentTarget?: { dataset?: { custom?: string } } },
        Record<string, never>,
        { url?: string }
      >,
    ) {
      const url = event.currentTarget.dataset.url || event.detail?.currentTarget?.dataset?.custom;
      if (url) void wx.navigateTo({ url });
    },

    onToggleIdNumber() {
      this.setData({ showFullId: !this.data.showFullId });
    },

    onPreviewPhoto(
      event: WechatMiniprogram.CustomEvent<Record<string, never>, Record<string, never>, { src: string }>,
    ) {
      const urls = (this.data.screen?.materials ?? []).map((item) => item.src);
      wx.previewImage({ current: event.currentTarget.dataset.src, urls });
    },

    /** 受理, recording which earlier cases of the same cause the officer was shown. */
    onAccept() {
      const seen = this.data.screen?.repeatCaseIds ?? [];
      void this._act(() => acceptCase(this.data.caseId, seen), ACCEPTED_TOAST);
    },

    onDeclineStart() {
      this.setData({ declining: true, actionError: '' });
    },

    onDeclineCancel() {
      this.setData({ declining: false, declineReason: '', actionError: '' });
    },

    onDeclineInput(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ declineReason: event.detail.value, actionError: '' });
    },

    onDeclineConfirm() {
      const reason = this.data.declineReason;
      const problem = declineProblem(reason);
      if (problem) {
        this.setData({ actionError: problem });
        return;
      }
      void this._act(() => declineCase(this.data.caseId, reason.trim()), DECLINED_TOAST).then((done) => {
        if (done) this.setData({ declining: false, declineReason: '' });
      });
    },

    onPickMaterialKind(
      event: WechatMiniprogram.CustomEvent<Record<string, never>, Record<string, never>, { value: MaterialKind }>,
    ) {
      this.setData({ materialKind: event.currentTarget.dataset.value });
    },

    /** 补充材料: photos of the chosen kind. */
    onAddMaterials() {
      const kind = this.data.materialKind;
      void this._act(async () => {
        const fileIds = await pickAndUploadPhotos({ kind: 'materials', caseId: this.data.caseId }, 9);
        if (fileIds.length === 0) return null;
        return addCaseMaterials(
          this.data.caseId,
          fileIds.map((fileId) => ({ kind, fileId })),
        );
      }, MATERIALS_ADDED_TOAST);
    },

    /** The recipient's signed receipt (a photo), due after money was paid. */
    onAddReceipt() {
      void this._act(async () => {
        const [fileId] = await pickAndUploadPhotos({ kind: 'receipts', caseId: this.data.caseId }, 1);
        return fileId ? recordReceipt(this.data.caseId, fileId) : null;
      }, RECEIPT_ADDED_TOAST);
    },

    onClose() {
      void this._act(() => closeCase(this.data.caseId), CLOSED_TOAST);
    },

    /** Runs one step; the answer (the case as it is now) replaces the screen. False when it did not happen. */
    async _act(work: () => Promise<OfficerCaseView | null>, doneMessage: string): Promise<boolean> {
      if (this.data.busy) return false;
      this.setData({ busy: true, actionError: '' });
      try {
        const view = await work();
        if (!view) {
          this.setData({ busy: false });
          return false;
        }
        await this._show(view);
        this.setData({ busy: false });
        showToast(this, { message: doneMessage, theme: 'success' });
        return true;
      } catch (err) {
        this.setData({ busy: false, actionError: errorMessage(err) });
        return false;
      }
    },

    async _show(view: OfficerCaseView) {
      const screen = toCaseDetailScreen(view, await photoLinksFor(view));
      this.setData({ screen, materialKind: screen.materialKinds[0]?.value ?? 'other' });
    },

    _load() {
      return loadScreenFor(this, this.data.caseId, MISSING_CASE_MESSAGE, async (caseId) => {
        const view = await orForbidden(fetchCase(caseId));
        if (view === 'forbidden') return 'forbidden';
        const screen = toCaseDetailScreen(view, await photoLinksFor(view));
        return { screen, materialKind: screen.materialKinds[0]?.value ?? 'other' };
      });
    },
  },
});
