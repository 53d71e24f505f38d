/**
 * The county dashboard (R-ORG-1, R-ORG-2): every village of the county, "应登记尽登记" at a glance.
 * The county (and a township, whose dashboard lists its own villages) founds a society for a
 * village without one here — 登记 or 备案, an optional name — and then goes on to invite its
 * president and fill in its settings.
 */
import { screenBehavior } from '../../../../behaviors/screen';
import { loadScreen, type LoadState } from '../../../../utils/load-screen';
import { orForbidden } from '../../../../utils/fund-format';
import { showToast } from '../../../../utils/toast';
import { CloudCallError, errorMessage } from '../../../../services/cloud';
import { fetchCaseRules, setDecisionWorkingDays } from '../../../../services/cases';
import type { CountyCaseRulesView } from '../../../../domain/case';
import { CASE_RULES_SAVED, toCaseRulesScreen, type CaseRulesScreen } from './case-rules';
import { createSociety, fetchCountyDashboard, fetchMe } from '../../../../services/societies';
import type { SocietyForm } from '../../../../domain/society';
import {
  FOUND_FORMS,
  NOT_COUNTY_MESSAGE,
  canFoundSocieties,
  defaultSocietyName,
  foundProblem,
  foundedMessage,
  toCountyDashboardScreen,
  toFoundInput,
  type CountyDashboardScreen,
} from './view';

type DataEvent = WechatMiniprogram.CustomEvent<
  Record<string, never>,
  Record<string, never>,
  { url?: string; villageId?: string; villageName?: string; value?: string }
>;

Component({
  behaviors: [screenBehavior],

  properties: {},

  data: {
    state: 'loading' as LoadState,
    errorMessage: '',
    notCountyMessage: NOT_COUNTY_MESSAGE,
    screen: null as CountyDashboardScreen | null,
    foundForms: FOUND_FORMS,
    /** The village whose founding form is open ('' when none). */
    foundingVillageId: '',
    foundingVillageName: '',
    foundForm: 'registered' as SocietyForm,
    foundName: '',
    foundError: '',
    submitting: false,
    /** The decision clock (null for a caller who may not read it, e.g. the federation). */
    caseRules: null as CaseRulesScreen | null,
    decisionDays: 1,
    savingRules: false,
  },

  methods: {
    onOpenCalendar() {
      void wx.navigateTo({ url: '/packages/oversight/pages/work-calendar/index' });
    },

    onOpen(event: DataEvent) {
      const url = event.currentTarget.dataset.url;
      if (url) void wx.navigateTo({ url });
    },

    onStartFound(event: DataEvent) {
      const { villageId = '', villageName = '' } = event.currentTarget.dataset;
      this.setData({
        foundingVillageId: villageId,
        foundingVillageName: villageName,
        foundForm: 'registered',
        foundName: defaultSocietyName(villageName),
        foundError: '',
      });
    },

    onPickForm(event: DataEvent) {
      this.setData({ foundForm: event.currentTarget.dataset.value as SocietyForm, foundError: '' });
    },

    onFoundNameInput(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ foundName: event.detail.value, foundError: '' });
    },

    onCancelFound() {
      this.setData({ foundingVillageId: '', foundingVillageName: '', foundName: '', foundError: '' });
    },

    async onConfirmFound() {
      const { foundingVillageId, foundingVillageName, foundForm, foundName, submitting } = this.data;
      if (!foundingVillageId || submitting) return;
      const problem = foundProblem(foundForm, foundName);
      if (problem) {
        this.setData({ foundError: problem });
        return;
      }
      const input = toFoundInput(foundingVillageName, foundForm, foundName);
      this.setData({ submitting: true, foundError: '' });
      try {
        // One society per village: its id follows from the village's, so a retry finds the first.
        const society = await createSociety(foundingVillageId, input.form, input.name);
        this.setData({ foundingVillageId: '', foundingVillageName: '', foundName: '' });
        showToast(this, { message: foundedMessage(society.name), theme: 'success' });
        await this._load();
      } catch (err) {
        const message = errorMessage(err);
        this.setData({ foundError: message });
        showToast(this, { message, theme: 'error' });
      } finally {
        this.setData({ submitting: false });
      }
    },

    onPickDecisionDays(event: DataEvent) {
      this.setData({ decisionDays: Number(event.currentTarget.dataset.value) });
    },

    async onSaveDecisionDays() {
      if (this.data.savingRules) return;
      this.setData({ savingRules: true });
      try {
        const rules = await setDecisionWorkingDays(this.data.decisionDays);
        this.setData(this._rules(rules));
        showToast(this, { message: CASE_RULES_SAVED, theme: 'success' });
      } catch (err) {
        showToast(this, { message: errorMessage(err), theme: 'error' });
      } finally {
        this.setData({ savingRules: false });
      }
    },

    _rules(rules: CountyCaseRulesView | null) {
      return rules
        ? { caseRules: toCaseRulesScreen(rules), decisionDays: rules.decisionWorkingDays }
        : { caseRules: null };
    },

    _load() {
      return loadScreen(this, () =>
        orForbidden(async () => {
          const [view, me, rules] = await Promise.all([
            fetchCountyDashboard(),
            fetchMe(),
            fetchCaseRules().catch((err: unknown) => {
              if (err instanceof CloudCallError && err.code === 'FORBIDDEN') return null;
              throw err;
            }),
          ]);
          return { screen: toCountyDashboardScreen(view, canFoundSocieties(me)), ...this._rules(rules) };
        }),
      );
    },
  },
});
