/**
 * 困难等级与走访周期 (R-OVS-1): the county bureau sets the roster's difficulty levels and how often
 * each is visited; saving moves every household's next visit in the county. The township and the
 * federation read them.
 */
import { screenBehavior } from '../../../../behaviors/screen';
import { loadScreen, type LoadState } from '../../../../utils/load-screen';
import { showToast } from '../../../../utils/toast';
import { orForbidden } from '../../../../utils/fund-format';
import { errorMessage } from '../../../../services/cloud';
import { fetchCountyLevels, saveCountyLevels } from '../../../../services/roster';
import {
  INTRO_TEXT,
  NOT_COUNTY_MESSAGE,
  SAVED_TOAST,
  canAddLevel,
  checkLevelsForm,
  formOf,
  newLevelId,
  toLevelsScreen,
  type LevelFormRow,
  type LevelsScreen,
} from './view';
import type { RosterLevelsView } from '../../../../domain/roster';

type RowEvent = { currentTarget: { dataset: { index: number; field?: 'label' | 'days' } }; detail: { value: string } };

Component({
  behaviors: [screenBehavior],

  properties: {},

  data: {
    state: 'loading' as LoadState,
    errorMessage: '',
    notCountyMessage: NOT_COUNTY_MESSAGE,
    introText: INTRO_TEXT,
    view: null as RosterLevelsView | null,
    screen: null as LevelsScreen | null,
    form: null as LevelFormRow[] | null,
    canAdd: false,
    formError: '',
    saving: false,
  },

  methods: {
    onEdit() {
      if (!this.data.view) return;
      const form = formOf(this.data.view.levels);
      this.setData({ form, canAdd: canAddLevel(form), formError: '' });
    },

    onCloseForm() {
      this.setData({ form: null, formError: '' });
    },

    onField(event: RowEvent) {
      const { index, field } = event.currentTarget.dataset;
      if (!this.data.form || !field) return;
      this.setData({ [`form[${Number(index)}].${field}`]: event.detail.value, formError: '' });
    },

    onAddLevel() {
      const form = this.data.form;
      if (!form || !canAddLevel(form)) return;
      const next = [...form, { id: newLevelId(form), label: '', days: '' }];
      this.setData({ form: next, canAdd: canAddLevel(next), formError: '' });
    },

    onRemoveLevel(event: RowEvent) {
      const form = this.data.form;
      if (!form || form.length <= 1) return;
      const next = form.filter((_, index) => index !== Number(event.currentTarget.dataset.index));
      this.setData({ form: next, canAdd: canAddLevel(next), formError: '' });
    },

    async onSave() {
      const form = this.data.form;
      if (!form || this.data.saving) return;
      const check = checkLevelsForm(form);
      if (!check.ok) {
        this.setData({ formError: check.problems.join('；') });
        return;
      }
      this.setData({ saving: true, formError: '' });
      try {
        const view = await saveCountyLevels(check.levels);
        this.setData({ saving: false, form: null, view, screen: toLevelsScreen(view) });
        showToast(this, { message: SAVED_TOAST, theme: 'success' });
      } catch (err) {
        const message = errorMessage(err);
        this.setData({ saving: false, formError: message });
        showToast(this, { message, theme: 'error' });
      }
    },

    _load() {
      return loadScreen(this, () =>
        orForbidden(async () => {
          const view = await fetchCountyLevels();
          return { view, screen: toLevelsScreen(view) };
        }),
      );
    },
  },
});
