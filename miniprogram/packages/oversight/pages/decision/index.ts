/**
 * 乡镇审批: the township decides a case nobody in its society may decide (recusal). Opened from
 * the township page's list with ?caseId=; after deciding it stays on the result.
 */
import { screenBehavior } from '../../../../behaviors/screen';
import { loadScreenFor, type LoadState } from '../../../../utils/load-screen';
import { showToast } from '../../../../utils/toast';
import { CloudCallError, errorMessage } from '../../../../services/cloud';
import {
  approveAsTownship,
  explainAsTownship,
  fetchTownshipDecision,
  rejectAsTownship,
} from '../../../../services/cases';
import type { TownshipDecisionView } from '../../../../domain/case';
import {
  APPROVED_TOAST,
  MISSING_CASE_MESSAGE,
  NOT_FOR_TOWNSHIP_MESSAGE,
  NOT_RATIFIED_TOAST,
  RATIFIED_TOAST,
  REJECTED_TOAST,
  explanationProblem,
  rejectProblem,
  seenRepeatCaseIds,
  toTownshipDecisionScreen,
  type TownshipDecisionScreen,
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
    forbiddenMessage: NOT_FOR_TOWNSHIP_MESSAGE,
    view: null as TownshipDecisionView | null,
    screen: null as TownshipDecisionScreen | null,
    note: '',
    reason: '',
    explanation: '',
    formError: '',
    submitting: false,
  },

  methods: {
    _load() {
      return loadScreenFor(this, this.data.caseId, MISSING_CASE_MESSAGE, async (caseId) => {
        try {
          const view = await fetchTownshipDecision(caseId);
          return { view, screen: toTownshipDecisionScreen(view) };
        } catch (err) {
          if (err instanceof CloudCallError && err.code === 'FORBIDDEN') return 'forbidden';
          throw err;
        }
      });
    },

    onInput(event: InputEvent) {
      const field = event.currentTarget.dataset.field as 'note' | 'reason' | 'explanation';
      this.setData({ [field]: event.detail.value, formError: '' });
    },

    onApprove() {
      const view = this.data.view;
      if (!view) return Promise.resolve();
      return this._act(APPROVED_TOAST, () =>
        approveAsTownship(view.id, this.data.note.trim(), seenRepeatCaseIds(view)),
      );
    },

    onReject() {
      const view = this.data.view;
      if (!view) return Promise.resolve();
      const problem = rejectProblem(this.data.reason);
      if (problem) {
        this.setData({ formError: problem });
        return Promise.resolve();
      }
      return this._act(REJECTED_TOAST, () =>
        rejectAsTownship(view.id, this.data.reason.trim(), seenRepeatCaseIds(view)),
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
      return this._act(ratified ? RATIFIED_TOAST : NOT_RATIFIED_TOAST, () =>
        explainAsTownship(view.id, this.data.explanation.trim(), ratified),
      );
    },

    async _act(done: string, work: () => Promise<TownshipDecisionView>) {
      if (this.data.submitting) return;
      this.setData({ submitting: true, formError: '' });
      try {
        const view = await work();
        this.setData({ view, screen: toTownshipDecisionScreen(view), submitting: false });
        showToast(this, { message: done, theme: 'success' });
      } catch (err) {
        const message = errorMessage(err);
        this.setData({ submitting: false, formError: message });
        showToast(this, { message, theme: 'error' });
      }
    },
  },
});
