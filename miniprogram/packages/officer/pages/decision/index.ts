/**
 * 审批: the president (or the society's second approver) approves or rejects the proposal, or
 * files the explanation of a 先行救助 payment (R-PROC-5). The earlier cases of the same person
 * shown on the page are sent as seen (the record says the approver saw the repeat warning).
 * A need beyond the society's authority (R-CAP-1/2) is handed to the township's 临时救助 here,
 * by any officer, while the society's own decision goes on.
 */
import { screenBehavior } from '../../../../behaviors/screen';
import { loadScreenFor, type LoadState } from '../../../../utils/load-screen';
import { showToast } from '../../../../utils/toast';
import { CloudCallError, errorMessage } from '../../../../services/cloud';
import {
  approveCase,
  fetchCase,
  fileExplanation,
  newRequestId,
  referToTownship,
  rejectCase,
} from '../../../../services/cases';
import { photoLinks } from '../../../../services/files';
import type { OfficerCaseView } from '../../../../domain/case';
import { caseUrl, MISSING_CASE_MESSAGE, NOT_YOUR_CASE_MESSAGE } from '../../case-step';
import {
  adjustProblem,
  adjustTierChoices,
  explanationProblem,
  initialAdjustment,
  pickAdjustTier,
  referProblem,
  REFERRED_TOAST,
  rejectProblem,
  toReferInput,
  seenRepeatCaseIds,
  toApproveInput,
  toDecisionScreen,
  type Adjustment,
  type DecisionScreen,
} from './view';

type InputEvent = WechatMiniprogram.CustomEvent<{ value: string }, Record<string, never>, { field?: string }>;

Component({
  behaviors: [screenBehavior],

  properties: {
    caseId: { type: String, value: '' },
  },

  data: {
    state: 'loading' as LoadState,
    errorMessage: '',
    notYourCaseMessage: NOT_YOUR_CASE_MESSAGE,
    view: null as OfficerCaseView | null,
    screen: null as DecisionScreen | null,
    photos: [] as Array<{ fileId: string; src: string }>,
    note: '',
    reason: '',
    adjust: { on: false, tierId: '', amountYuan: '' } as Adjustment,
    adjustTiers: [] as Array<{ value: string; label: string; on: boolean }>,
    explanation: '',
    formError: '',
    submitting: false,
    /** The referral form to the township's 临时救助 is open; its request id is kept across retries. */
    referring: false,
    referAskedYuan: '',
    referReason: '',
    referRequestId: '',
    referError: '',
  },

  methods: {
    onBack() {
      void wx.navigateBack({ delta: 1 });
    },

    onGoVisit() {
      void wx.navigateTo({ url: `/packages/officer/pages/visit/index?caseId=${encodeURIComponent(this.data.caseId)}` });
    },

    _load() {
      return loadScreenFor(this, this.data.caseId, MISSING_CASE_MESSAGE, async (caseId) => {
        try {
          const view = await fetchCase(caseId);
          const adjust = initialAdjustment(view);
          return { ...(await this._shape(view)), adjust, adjustTiers: adjustTierChoices(view, adjust) };
        } catch (err) {
          if (err instanceof CloudCallError && err.code === 'FORBIDDEN') return 'forbidden';
          throw err;
        }
      });
    },

    async _shape(view: OfficerCaseView) {
      const fileIds = view.visit?.photoFileIds ?? [];
      const src = await photoLinks(fileIds);
      return {
        view,
        screen: toDecisionScreen(view),
        photos: fileIds.map((fileId) => ({ fileId, src: src(fileId) })),
      };
    },

    onInput(event: InputEvent) {
      const field = event.currentTarget.dataset.field as 'note' | 'reason' | 'explanation';
      this.setData({ [field]: event.detail.value, formError: '' });
    },

    onOpenRefer() {
      this.setData({
        referring: true,
        referAskedYuan: '',
        referReason: '',
        referRequestId: newRequestId('refer'),
        referError: '',
      });
    },

    onCancelRefer() {
      this.setData({ referring: false, referError: '' });
    },

    onReferInput(event: InputEvent) {
      const field = event.currentTarget.dataset.field as 'referAskedYuan' | 'referReason';
      this.setData({ [field]: event.detail.value, referError: '' });
    },

    async onSubmitRefer() {
      const view = this.data.view;
      if (!view || this.data.submitting) return;
      const problem = referProblem(this.data.referAskedYuan, this.data.referReason);
      if (problem) {
        this.setData({ referError: problem });
        return;
      }
      this.setData({ submitting: true, referError: '' });
      try {
        const next = await referToTownship(
          toReferInput(view, this.data.referAskedYuan, this.data.referReason, this.data.referRequestId),
        );
        // The society's own decision goes on here: the page stays, showing the referral's status.
        this.setData({ ...(await this._shape(next)), submitting: false, referring: false });
        showToast(this, { message: REFERRED_TOAST, theme: 'success' });
      } catch (err) {
        const message = errorMessage(err);
        this.setData({ submitting: false, referError: message });
        showToast(this, { message, theme: 'error' });
      }
    },

    _setAdjust(adjust: Adjustment) {
      const view = this.data.view;
      if (!view) return;
      this.setData({ adjust, adjustTiers: adjustTierChoices(view, adjust), formError: '' });
    },

    onToggleAdjust() {
      this._setAdjust({ ...this.data.adjust, on: !this.data.adjust.on });
    },

    onPickAdjustTier(
      event: WechatMiniprogram.CustomEvent<Record<string, never>, Record<string, never>, { value?: string }>,
    ) {
      const view = this.data.view;
      if (!view) return;
      this._setAdjust(pickAdjustTier(this.data.adjust, String(event.currentTarget.dataset.value), view));
    },

    onAdjustAmount(event: InputEvent) {
      this._setAdjust({ ...this.data.adjust, amountYuan: event.detail.value });
    },

    onApprove() {
      const view = this.data.view;
      if (!view) return Promise.resolve();
      const problem = adjustProblem(this.data.adjust);
      if (problem) {
        this.setData({ formError: problem });
        return Promise.resolve();
      }
      return this._act('已批准', () => approveCase(toApproveInput(view, this.data.note, this.data.adjust)));
    },

    onReject() {
      const view = this.data.view;
      if (!view) return Promise.resolve();
      const problem = rejectProblem(this.data.reason);
      if (problem) {
        this.setData({ formError: problem });
        return Promise.resolve();
      }
      return this._act('已作出不予批准的决定', () =>
        rejectCase(view.id, this.data.reason.trim(), seenRepeatCaseIds(view)),
      );
    },

    onRatify() {
      return this._explain(true);
    },

    onRefuseRatify() {
      return this._explain(false);
    },

    _explain(ratified: boolean) {
      const view = this.data.view;
      if (!view) return Promise.resolve();
      const problem = explanationProblem(this.data.explanation);
      if (problem) {
        this.setData({ formError: problem });
        return Promise.resolve();
      }
      return this._act(ratified ? '已追认先行救助' : '已记录不予追认', () =>
        fileExplanation(view.id, this.data.explanation.trim(), ratified),
      );
    },

    async _act(done: string, work: () => Promise<OfficerCaseView>) {
      if (this.data.submitting) return;
      this.setData({ submitting: true, formError: '' });
      try {
        const view = await work();
        this.setData(await this._shape(view)); // stays submitting until the page goes
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
