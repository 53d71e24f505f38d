/**
 * 乡镇监督 (R-OVS-2): the township's (or county's) societies with their live notices, open and
 * overdue objections, overdue cases and open flags; a flag is handled here with a note
 * (resolveFlag); tapping a society opens its supervision page (read-only for the township).
 * The township's own decisions are recorded here too: 先行救助 a society did not ratify (R-PROC-5:
 * 追回 or 核销) and cases handed to its 临时救助 (R-CAP-1/2: 受理 with an amount, or 不予受理).
 */
import { screenBehavior } from '../../../../behaviors/screen';
import { loadScreen, type LoadState } from '../../../../utils/load-screen';
import { showToast } from '../../../../utils/toast';
import { CloudCallError, errorMessage } from '../../../../services/cloud';
import { fetchTownshipOverview, resolveFlag } from '../../../../services/notices';
import { newRequestId, recordTownshipReferralOutcome, settleUnratifiedRelief } from '../../../../services/cases';
import type { UnratifiedOutcomeKind } from '../../../../domain/case';
import { fetchDueVisits } from '../../../../services/roster';
import { askToSubscribe, fetchMessageTemplates, recordSubscriptions } from '../../../../services/messages';
import { NO_DUE_VISITS_MESSAGE, toRosterDueRow, type RosterDueRow } from '../../../../domain/roster';
import {
  ANSWERED_MESSAGE,
  OVERDUE_ALERTS_NOTE,
  OVERDUE_ALERTS_SUBSCRIBED,
  NO_REFERRALS_MESSAGE,
  NO_UNRATIFIED_MESSAGE,
  OUTCOME_OPTIONS,
  SETTLED_MESSAGE,
  answerProblem,
  emptyAnswerForm,
  emptySettleForm,
  settleProblem,
  toAnswerInput,
  toSettleInput,
  type AnswerForm,
  type SettleForm,
  NO_FLAGS_MESSAGE,
  NO_OVERDUE_MESSAGE,
  NO_SOCIETIES_MESSAGE,
  NOT_TOWNSHIP_MESSAGE,
  NOTE_MAX,
  WAITING_FOR_DECISION_TAG,
  RESOLVED_MESSAGE,
  noteProblems,
  toTownshipScreen,
  type TownshipScreen,
} from './view';

Component({
  behaviors: [screenBehavior],

  properties: {
    /** The county may narrow the view to one township. */
    townshipId: { type: String, value: '' },
  },

  data: {
    state: 'loading' as LoadState,
    errorMessage: '',
    screen: null as TownshipScreen | null,
    /** The flag whose resolution form is open. */
    resolvingId: '',
    note: '',
    formError: '',
    submitting: false,
    noteMax: NOTE_MAX,
    forbiddenMessage: NOT_TOWNSHIP_MESSAGE,
    noSocietiesMessage: NO_SOCIETIES_MESSAGE,
    noOverdueMessage: NO_OVERDUE_MESSAGE,
    noFlagsMessage: NO_FLAGS_MESSAGE,
    noUnratifiedMessage: NO_UNRATIFIED_MESSAGE,
    noReferralsMessage: NO_REFERRALS_MESSAGE,
    outcomeOptions: OUTCOME_OPTIONS,
    /** The unratified 先行救助 whose form is open (its case id in `settle.caseId`), and its request id. */
    settle: emptySettleForm() as SettleForm,
    settleRequestId: '',
    settleError: '',
    /** The 临时救助 referral being answered. */
    answer: emptyAnswerForm() as AnswerForm,
    answerError: '',
    waitingTag: WAITING_FOR_DECISION_TAG,
    rosterDue: [] as RosterDueRow[],
    noDueVisitsMessage: NO_DUE_VISITS_MESSAGE,
    /** The township's overdue-case alerts (待办事项提醒); none configured, or not a township: no button. */
    messageTemplateIds: [] as string[],
    overdueAlertsNote: OVERDUE_ALERTS_NOTE,
  },

  methods: {
    /** One tap, one authorisation (WeChat's dialog), so an overdue case reaches the township; declining changes nothing. */
    async onSubscribeOverdue() {
      const accepted = await askToSubscribe(this.data.messageTemplateIds);
      if (accepted.length === 0) return;
      await recordSubscriptions(accepted);
      showToast(this, { message: OVERDUE_ALERTS_SUBSCRIBED, theme: 'success' });
    },

    onOpenSociety(event: { currentTarget: { dataset: { url: string } } }) {
      void wx.navigateTo({ url: event.currentTarget.dataset.url });
    },

    onStartResolve(event: { currentTarget: { dataset: { flagId: string } } }) {
      this.setData({ resolvingId: event.currentTarget.dataset.flagId, note: '', formError: '' });
    },

    onCancelResolve() {
      this.setData({ resolvingId: '', note: '', formError: '' });
    },

    onNoteChange(event: { detail: { value: string } }) {
      this.setData({ note: event.detail.value, formError: '' });
    },

    onSubmitResolve() {
      return this._resolve();
    },

    // -- 先行救助 not ratified (R-PROC-5) ---------------------------------------------------------

    onStartSettle(event: { currentTarget: { dataset: { caseId: string } } }) {
      this.setData({
        settle: emptySettleForm(event.currentTarget.dataset.caseId, this.data.screen?.today ?? ''),
        // One per form, kept across retries: the money comes back once however often it is sent.
        settleRequestId: newRequestId('settle'),
        settleError: '',
      });
    },

    onCancelSettle() {
      this.setData({ settle: emptySettleForm(), settleError: '' });
    },

    onPickOutcome(event: { currentTarget: { dataset: { value: UnratifiedOutcomeKind } } }) {
      this.setData({ settle: { ...this.data.settle, outcome: event.currentTarget.dataset.value }, settleError: '' });
    },

    onSettleInput(event: { detail: { value: string }; currentTarget: { dataset: { field: string } } }) {
      const field = event.currentTarget.dataset.field as keyof SettleForm;
      this.setData({ settle: { ...this.data.settle, [field]: event.detail.value }, settleError: '' });
    },

    async onSubmitSettle() {
      const form = this.data.settle;
      const row = this.data.screen?.unratified.find((item) => item.caseId === form.caseId);
      if (this.data.submitting || !row) return;
      const problem = settleProblem(form, row.paidFen);
      if (problem) {
        this.setData({ settleError: problem });
        return;
      }
      this.setData({ submitting: true, settleError: '' });
      try {
        await settleUnratifiedRelief(toSettleInput(form, this.data.settleRequestId));
        this.setData({ submitting: false, settle: emptySettleForm() });
        showToast(this, { message: SETTLED_MESSAGE, theme: 'success' });
        await this._load();
      } catch (err) {
        const message = errorMessage(err);
        this.setData({ submitting: false, settleError: message });
        showToast(this, { message, theme: 'error' });
      }
    },

    // -- 临时救助 referrals (R-CAP-1/2) -----------------------------------------------------------

    onStartAnswer(event: { currentTarget: { dataset: { caseId: string; referralId: string } } }) {
      const { caseId, referralId } = event.currentTarget.dataset;
      this.setData({ answer: emptyAnswerForm(caseId, referralId), answerError: '' });
    },

    onCancelAnswer() {
      this.setData({ answer: emptyAnswerForm(), answerError: '' });
    },

    onPickAnswer(event: { currentTarget: { dataset: { accepted: string } } }) {
      const accepted = event.currentTarget.dataset.accepted === 'yes';
      this.setData({ answer: { ...this.data.answer, accepted }, answerError: '' });
    },

    onAnswerInput(event: { detail: { value: string }; currentTarget: { dataset: { field: string } } }) {
      const field = event.currentTarget.dataset.field as keyof AnswerForm;
      this.setData({ answer: { ...this.data.answer, [field]: event.detail.value }, answerError: '' });
    },

    async onSubmitAnswer() {
      const form = this.data.answer;
      if (this.data.submitting || !form.referralId) return;
      const problem = answerProblem(form);
      if (problem) {
        this.setData({ answerError: problem });
        return;
      }
      this.setData({ submitting: true, answerError: '' });
      try {
        // The same answer sent again answers what was recorded: a retry is safe.
        await recordTownshipReferralOutcome(toAnswerInput(form));
        this.setData({ submitting: false, answer: emptyAnswerForm() });
        showToast(this, { message: ANSWERED_MESSAGE, theme: 'success' });
        await this._load();
      } catch (err) {
        const message = errorMessage(err);
        this.setData({ submitting: false, answerError: message });
        showToast(this, { message, theme: 'error' });
      }
    },

    _load() {
      return loadScreen(this, async () => {
        try {
          const [overview, due, messageTemplateIds] = await Promise.all([
            fetchTownshipOverview(this.data.townshipId || undefined),
            fetchDueVisits(),
            fetchMessageTemplates('workbench'),
          ]);
          // R-OVS-1: roster visits due or overdue in the societies overseen, masked names only.
          return {
            screen: toTownshipScreen(overview),
            rosterDue: due.items.map(toRosterDueRow),
            messageTemplateIds,
          };
        } catch (err) {
          if (err instanceof CloudCallError && err.code === 'FORBIDDEN') return 'forbidden';
          throw err;
        }
      });
    },

    async _resolve() {
      const flagId = this.data.resolvingId;
      if (this.data.submitting || !flagId) return;
      const problems = noteProblems(this.data.note);
      if (problems.length > 0) {
        this.setData({ formError: problems.join('；') });
        return;
      }
      this.setData({ submitting: true, formError: '' });
      try {
        // Resolving twice with the same note answers the first resolution: a retry is safe.
        await resolveFlag(flagId, this.data.note.trim());
        this.setData({ submitting: false, resolvingId: '', note: '' });
        showToast(this, { message: RESOLVED_MESSAGE, theme: 'success' });
        await this._load();
      } catch (err) {
        const message = errorMessage(err);
        this.setData({ submitting: false, formError: message });
        showToast(this, { message, theme: 'error' });
      }
    },
  },
});
