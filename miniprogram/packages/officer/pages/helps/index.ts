/**
 * 帮办 (issue 13): help applying to 低保, 特困, 临时救助, 医疗救助, 大病保险… tracked with or
 * without a relief case: who, which programme, when applied, the outcome and the follow-up.
 * Officers record and update; the supervisor reads. Opened with `caseId`, a new record is linked
 * to that case.
 */
import { screenBehavior } from '../../../../behaviors/screen';
import { loadScreenFor, type LoadState } from '../../../../utils/load-screen';
import { showToast } from '../../../../utils/toast';
import { CloudCallError, errorMessage } from '../../../../services/cloud';
import { fetchHelps, newRequestId, recordHelp, updateHelp } from '../../../../services/clues';
import { fetchMe } from '../../../../services/societies';
import { isOfficerOf } from '../cases/view';
import type { HelpOutcome, Programme } from '../../../../domain/clues';
import {
  FORBIDDEN_HELPS_MESSAGE,
  MISSING_SOCIETY_MESSAGE,
  NO_HELPS_MESSAGE,
  OUTCOME_OPTIONS,
  PROGRAMME_OPTIONS,
  beijingToday,
  emptyHelpForm,
  helpProblem,
  toHelpRow,
  updateProblem,
  type HelpRow,
  type UpdateForm,
} from './view';

type DataEvent<T extends WechatMiniprogram.IAnyObject> = WechatMiniprogram.CustomEvent<
  Record<string, never>,
  Record<string, never>,
  T
>;
type FieldEvent = WechatMiniprogram.CustomEvent<{ value: string }, Record<string, never>, { field: string }>;

const emptyUpdate = (): UpdateForm => ({ helpId: '', outcome: 'pending', outcomeText: '', followUpOn: '' });

Component({
  behaviors: [screenBehavior],

  properties: {
    societyId: { type: String, value: '' },
    caseId: { type: String, value: '' },
  },

  data: {
    state: 'loading' as LoadState,
    errorMessage: '',
    rows: [] as HelpRow[],
    canAct: false,
    adding: false,
    form: emptyHelpForm(beijingToday(Date.now())),
    formError: '',
    requestId: '',
    update: emptyUpdate(),
    updateError: '',
    busy: false,
    programmeOptions: PROGRAMME_OPTIONS,
    outcomeOptions: OUTCOME_OPTIONS,
    forbiddenMessage: FORBIDDEN_HELPS_MESSAGE,
    emptyMessage: NO_HELPS_MESSAGE,
  },

  methods: {
    onStartAdd() {
      this.setData({
        adding: true,
        form: emptyHelpForm(beijingToday(Date.now())),
        formError: '',
        requestId: newRequestId('help'),
      });
    },

    onCancelAdd() {
      this.setData({ adding: false, formError: '' });
    },

    onField(event: FieldEvent) {
      this.setData({ [`form.${event.currentTarget.dataset.field}`]: event.detail.value, formError: '' });
    },

    onProgramme(event: DataEvent<{ value: Programme }>) {
      this.setData({ 'form.programme': event.currentTarget.dataset.value, formError: '' });
    },

    async onSave() {
      if (this.data.busy) return;
      const form = this.data.form;
      const problem = helpProblem(form, beijingToday(Date.now()));
      if (problem || !form.programme) {
        this.setData({ formError: problem });
        return;
      }
      this.setData({ busy: true, formError: '' });
      try {
        await recordHelp({
          requestId: this.data.requestId,
          societyId: this.data.societyId,
          personName: form.personName.trim(),
          programme: form.programme,
          programmeNote: form.programmeNote.trim(),
          appliedOn: form.appliedOn,
          followUpOn: form.followUpOn || null,
          caseId: this.data.caseId || null,
        });
        this.setData({ busy: false, adding: false });
        showToast(this, { message: '帮办已登记', theme: 'success' });
        await this._load();
      } catch (err) {
        // The request id stays: a retry records it once.
        this.setData({ busy: false, formError: errorMessage(err) });
      }
    },

    onStartUpdate(event: DataEvent<{ id: string }>) {
      const row = this.data.rows.find((item) => item.id === event.currentTarget.dataset.id);
      if (!row) return;
      this.setData({
        update: { helpId: row.id, outcome: row.outcome, outcomeText: row.outcomeText, followUpOn: '' },
        updateError: '',
      });
    },

    onCancelUpdate() {
      this.setData({ update: emptyUpdate(), updateError: '' });
    },

    onUpdateField(event: FieldEvent) {
      this.setData({ [`update.${event.currentTarget.dataset.field}`]: event.detail.value, updateError: '' });
    },

    onOutcome(event: DataEvent<{ value: HelpOutcome }>) {
      this.setData({ 'update.outcome': event.currentTarget.dataset.value, updateError: '' });
    },

    async onSaveUpdate() {
      if (this.data.busy) return;
      const update = this.data.update;
      const problem = updateProblem(update);
      if (problem) {
        this.setData({ updateError: problem });
        return;
      }
      this.setData({ busy: true, updateError: '' });
      try {
        await updateHelp({
          helpId: update.helpId,
          outcome: update.outcome,
          outcomeText: update.outcomeText.trim(),
          followUpOn: update.followUpOn || null,
        });
        this.setData({ busy: false, update: emptyUpdate() });
        showToast(this, { message: '帮办结果已更新', theme: 'success' });
        await this._load();
      } catch (err) {
        this.setData({ busy: false, updateError: errorMessage(err) });
      }
    },

    onOpenCase(event: DataEvent<{ url: string }>) {
      void wx.navigateTo({ url: event.currentTarget.dataset.url });
    },

    _load() {
      return loadScreenFor(this, this.data.societyId, MISSING_SOCIETY_MESSAGE, async (societyId) => {
        try {
          const [helps, me] = await Promise.all([fetchHelps(societyId), fetchMe()]);
          const today = beijingToday(Date.now());
          return { rows: helps.map((view) => toHelpRow(view, today)), canAct: isOfficerOf(me, societyId) };
        } catch (err) {
          if (err instanceof CloudCallError && err.code === 'FORBIDDEN') return 'forbidden';
          throw err;
        }
      });
    },
  },
});
