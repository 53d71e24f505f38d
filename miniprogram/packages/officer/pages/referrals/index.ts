/**
 * 转介帮扶 after relief (R-CAP-3): the case's referrals with owner, follow-up date and status; add
 * one, record its follow-up, and close the case when all is done. Officers act; the supervisor reads.
 */
import { screenBehavior } from '../../../../behaviors/screen';
import { loadScreenFor, type LoadState } from '../../../../utils/load-screen';
import { showToast } from '../../../../utils/toast';
import { CloudCallError, errorMessage } from '../../../../services/cloud';
import { addReferral, closeCase, fetchCase, newRequestId, updateReferral } from '../../../../services/cases';
import { fetchMe } from '../../../../services/societies';
import type { OfficerCaseView, ReferralKind, ReferralStatus } from '../../../../domain/case';
import {
  CASE_CLOSED_TOAST,
  CLOSE_DIALOG,
  KIND_OPTIONS,
  MISSING_CASE_MESSAGE,
  NOT_AN_OFFICER_MESSAGE,
  REFERRAL_ADDED_TOAST,
  REFERRAL_UPDATED_TOAST,
  STATUS_OPTIONS,
  closeNote,
  emptyReferralForm,
  quickDates,
  referralProblem,
  toReferralInput,
  toReferralsScreen,
  toUpdateInput,
  updateProblem,
} from './view';
import type { ReferralForm, ReferralsScreen, UpdateForm } from './view';

type Busy = '' | 'add' | 'update' | 'close';
type FieldEvent = WechatMiniprogram.CustomEvent<{ value: string }, Record<string, never>, { field: string }>;
type PickEvent = WechatMiniprogram.CustomEvent<Record<string, never>, Record<string, never>, { value: string }>;

const emptyUpdate = (): UpdateForm => ({ referralId: '', status: 'open', note: '', followUpDate: '' });

Component({
  behaviors: [screenBehavior],

  properties: {
    caseId: { type: String, value: '' },
  },

  data: {
    state: 'loading' as LoadState,
    errorMessage: '',
    screen: null as ReferralsScreen | null,
    busy: '' as Busy,
    /** The add form is open. */
    adding: false,
    form: emptyReferralForm(),
    formError: '',
    /** Made when the add form opens, kept across retries: one referral however often it is sent. */
    requestId: '',
    update: emptyUpdate(),
    updateError: '',
    actionError: '',
    officerName: '',
    kindOptions: KIND_OPTIONS,
    statusOptions: STATUS_OPTIONS,
    dateOptions: quickDates(Date.now()),
    notAnOfficerMessage: NOT_AN_OFFICER_MESSAGE,
  },

  methods: {
    _load() {
      return loadScreenFor(this, this.data.caseId, MISSING_CASE_MESSAGE, async (caseId) => {
        try {
          const [view, me] = await Promise.all([fetchCase(caseId), fetchMe()]);
          return { screen: toReferralsScreen(view), officerName: me.name ?? '' };
        } catch (err) {
          if (err instanceof CloudCallError && err.code === 'FORBIDDEN') return 'forbidden';
          throw err;
        }
      });
    },

    _show(view: OfficerCaseView) {
      this.setData({ screen: toReferralsScreen(view) });
    },

    // -- add -------------------------------------------------------------------------------------

    onOpenAdd() {
      this.setData({
        adding: true,
        form: emptyReferralForm(this.data.officerName),
        formError: '',
        requestId: newRequestId('ref'),
        dateOptions: quickDates(Date.now()),
      });
    },

    onCancelAdd() {
      this.setData({ adding: false, formError: '' });
    },

    onFormInput(event: FieldEvent) {
      const field = event.currentTarget.dataset.field as keyof ReferralForm;
      this.setData({ form: { ...this.data.form, [field]: event.detail.value }, formError: '' });
    },

    onPickKind(event: PickEvent) {
      this.setData({ form: { ...this.data.form, kind: event.currentTarget.dataset.value as ReferralKind } });
    },

    onPickDate(event: PickEvent) {
      this.setData({ form: { ...this.data.form, followUpDate: event.currentTarget.dataset.value }, formError: '' });
    },

    async onSubmitAdd() {
      if (this.data.busy) return;
      const problem = referralProblem(this.data.form);
      if (problem) {
        this.setData({ formError: problem });
        return;
      }
      this.setData({ busy: 'add', formError: '' });
      try {
        const view = await addReferral(this.data.caseId, this.data.requestId, toReferralInput(this.data.form));
        this._show(view);
        this.setData({ busy: '', adding: false });
        showToast(this, { message: REFERRAL_ADDED_TOAST, theme: 'success' });
      } catch (err) {
        this.setData({ busy: '', formError: errorMessage(err) });
      }
    },

    // -- follow-up -------------------------------------------------------------------------------

    onOpenUpdate(event: PickEvent) {
      const referralId = event.currentTarget.dataset.value;
      const row = this.data.screen?.rows.find((item) => item.id === referralId);
      if (!row) return;
      this.setData({ update: { referralId, status: row.status, note: '', followUpDate: '' }, updateError: '' });
    },

    onCancelUpdate() {
      this.setData({ update: emptyUpdate(), updateError: '' });
    },

    onUpdateInput(event: FieldEvent) {
      const field = event.currentTarget.dataset.field as keyof UpdateForm;
      this.setData({ update: { ...this.data.update, [field]: event.detail.value }, updateError: '' });
    },

    onPickStatus(event: PickEvent) {
      this.setData({ update: { ...this.data.update, status: event.currentTarget.dataset.value as ReferralStatus } });
    },

    async onSubmitUpdate() {
      if (this.data.busy) return;
      const problem = updateProblem(this.data.update);
      if (problem) {
        this.setData({ updateError: problem });
        return;
      }
      this.setData({ busy: 'update', updateError: '' });
      try {
        const { referralId } = this.data.update;
        const view = await updateReferral(this.data.caseId, referralId, toUpdateInput(this.data.update));
        this._show(view);
        this.setData({ busy: '', update: emptyUpdate() });
        showToast(this, { message: REFERRAL_UPDATED_TOAST, theme: 'success' });
      } catch (err) {
        this.setData({ busy: '', updateError: errorMessage(err) });
      }
    },

    // -- close -----------------------------------------------------------------------------------

    async onClose() {
      if (this.data.busy) return;
      this.setData({ busy: 'close', actionError: '' });
      try {
        const answer = await new Promise<{ confirm: boolean; content: string }>((resolve) =>
          wx.showModal({
            ...CLOSE_DIALOG,
            editable: true,
            cancelText: '取消',
            success: (res) => resolve({ confirm: res.confirm, content: res.content ?? '' }),
            fail: () => resolve({ confirm: false, content: '' }),
          }),
        );
        if (answer.confirm) {
          this._show(await closeCase(this.data.caseId, closeNote(answer.content)));
          showToast(this, { message: CASE_CLOSED_TOAST, theme: 'success' });
        }
        this.setData({ busy: '' });
      } catch (err) {
        const message = errorMessage(err);
        this.setData({ busy: '', actionError: message });
        showToast(this, { message, theme: 'error' });
      }
    },
  },
});
