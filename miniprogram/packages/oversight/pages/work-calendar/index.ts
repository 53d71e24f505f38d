/**
 * 放假调休安排 (R-PROC-3, R-PROC-4): the county bureau enters each year's official holiday
 * arrangement; township and federation read it. Until a year is entered its deadlines are 暂定.
 */
import { screenBehavior } from '../../../../behaviors/screen';
import { loadScreen, type LoadState } from '../../../../utils/load-screen';
import { showToast } from '../../../../utils/toast';
import { orForbidden } from '../../../../utils/fund-format';
import { errorMessage } from '../../../../services/cloud';
import { fetchWorkCalendar, saveWorkCalendar } from '../../../../services/calendar';
import { fetchMe } from '../../../../services/societies';
import type { Role } from '../../../../domain/society';
import type { WorkCalendarView } from '../../../../domain/work-calendar';
import {
  FORMAT_HINT,
  INTRO_TEXT,
  NOT_COUNTY_LEVEL_MESSAGE,
  checkForm,
  initialForm,
  toWorkCalendarScreen,
  type CalendarForm,
  type WorkCalendarScreen,
} from './view';

type YearEvent = { currentTarget: { dataset: { year: number } } };
type TextEvent = { detail: { value: string } };

Component({
  behaviors: [screenBehavior],

  properties: {},

  data: {
    state: 'loading' as LoadState,
    errorMessage: '',
    notCountyLevelMessage: NOT_COUNTY_LEVEL_MESSAGE,
    introText: INTRO_TEXT,
    formatHint: FORMAT_HINT,
    view: null as WorkCalendarView | null,
    screen: null as WorkCalendarScreen | null,
    form: null as CalendarForm | null,
    formError: '',
    formSummary: '',
    saving: false,
  },

  methods: {
    onEdit(event: YearEvent) {
      const year = this.data.view?.years.find(
        (candidate) => candidate.year === Number(event.currentTarget.dataset.year),
      );
      if (!year) return;
      this.setData({ form: initialForm(year), formError: '', formSummary: '' });
    },

    onCloseForm() {
      this.setData({ form: null, formError: '', formSummary: '' });
    },

    onHolidays(event: TextEvent) {
      this.setData({ 'form.holidaysText': event.detail.value, formError: '' });
      this._summarise();
    },

    onWorkdays(event: TextEvent) {
      this.setData({ 'form.workdaysText': event.detail.value, formError: '' });
      this._summarise();
    },

    async onSave() {
      const form = this.data.form;
      if (!form || this.data.saving) return;
      const check = checkForm(form);
      if (!check.ok) {
        this.setData({ formError: check.problems.join('；') });
        return;
      }
      this.setData({ saving: true, formError: '' });
      try {
        const result = await saveWorkCalendar(check.schedule);
        this.setData({ saving: false, form: null, formSummary: '' });
        showToast(this, {
          message:
            result.recomputedCases + result.recomputedObjections > 0
              ? `已保存，${result.recomputedCases} 个案件、${result.recomputedObjections} 条异议的时限已重新计算`
              : `已保存${form.year}年安排`,
          theme: 'success',
        });
        await this._load();
      } catch (err) {
        const message = errorMessage(err);
        this.setData({ saving: false, formError: message });
        showToast(this, { message, theme: 'error' });
      }
    },

    _summarise() {
      const form = this.data.form;
      if (!form) return;
      const check = checkForm(form);
      this.setData({ formSummary: check.ok ? check.summary : '' });
    },

    _load() {
      return loadScreen(this, () =>
        orForbidden(async () => {
          const [me, view] = await Promise.all([fetchMe(), fetchWorkCalendar()]);
          const roles: Role[] = me.roles.filter((grant) => grant.societyId === null).map((grant) => grant.role);
          return { view, screen: toWorkCalendarScreen(view, roles) };
        }),
      );
    },
  },
});
