/**
 * The county dashboard (R-ORG-1, R-ORG-2): "应登记尽登记" at a glance. First the county's counts
 * and one row per township (issue 15: read from counters, the same at any size); 查看各村 opens a
 * township's villages, 50 at a time with 加载更多. A township officer sees their own villages at
 * once. The county (and a township, for its own villages) founds a society for a village without
 * one here — 登记 or 备案, an optional name — and then goes on to invite its president and fill in
 * its settings.
 */
import { screenBehavior } from '../../../../behaviors/screen';
import { loadScreen, type LoadState } from '../../../../utils/load-screen';
import { orForbidden } from '../../../../utils/fund-format';
import { showToast } from '../../../../utils/toast';
import { CloudCallError, errorMessage } from '../../../../services/cloud';
import { fetchCaseRules, setDecisionWorkingDays } from '../../../../services/cases';
import type { CountyCaseRulesView } from '../../../../domain/case';
import { CASE_RULES_SAVED, toCaseRulesScreen, type CaseRulesScreen } from './case-rules';
import { createSociety, fetchCountyDashboard, fetchDashboardVillages, fetchMe } from '../../../../services/societies';
import {
  DASHBOARD_VILLAGES_PAGE,
  type DashboardTownship,
  type TownshipVillagesPage,
} from '../../../../domain/registry';
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
  withVillagesPage,
  type CountyDashboardScreen,
  type TownshipScreen,
} from './view';

type DataEvent = WechatMiniprogram.CustomEvent<
  Record<string, never>,
  Record<string, never>,
  { url?: string; villageId?: string; villageName?: string; value?: string; townshipId?: string }
>;

Component({
  behaviors: [screenBehavior],

  properties: {},

  data: {
    state: 'loading' as LoadState,
    errorMessage: '',
    notCountyMessage: NOT_COUNTY_MESSAGE,
    screen: null as CountyDashboardScreen | null,
    /** The township whose villages are open (null: the county's townships). */
    township: null as TownshipScreen | null,
    /** A township officer stays on their own township: no 返回全县. */
    ownTownship: false,
    /** The townships' counts as last read (a township's villages head with its own). */
    townshipCounts: [] as DashboardTownship[],
    founder: false,
    loadingVillages: false,
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
    async onOpenTownship(event: DataEvent) {
      const townshipId = event.currentTarget.dataset.townshipId;
      if (!townshipId || this.data.loadingVillages) return;
      await this._villages(townshipId, 0, null);
    },

    async onLoadMore() {
      const { township, loadingVillages } = this.data;
      if (!township || township.nextOffset === null || loadingVillages) return;
      await this._villages(township.townshipId, township.nextOffset, township);
    },

    onBackToCounty() {
      this.setData({ township: null, foundingVillageId: '', foundingVillageName: '', foundError: '' });
    },

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
        await this._refreshAfterFounding(foundingVillageId);
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

    /** Loads a page of a township's villages into `shown` (null: the township's first page). */
    async _villages(townshipId: string, offset: number, shown: TownshipScreen | null) {
      this.setData({ loadingVillages: true });
      try {
        const page = await fetchDashboardVillages(townshipId, offset);
        this._showVillages(page, offset, shown);
      } catch (err) {
        showToast(this, { message: errorMessage(err), theme: 'error' });
      } finally {
        this.setData({ loadingVillages: false });
      }
    },

    _showVillages(page: TownshipVillagesPage, offset: number, shown: TownshipScreen | null) {
      const row = this.data.townshipCounts.find((candidate) => candidate.townshipId === page.townshipId);
      this.setData({ township: withVillagesPage(shown, row, page, offset, this.data.founder) });
    },

    /** After founding: the counts again, and the page of villages that holds the village. */
    async _refreshAfterFounding(villageId: string) {
      const township = this.data.township;
      const at = township ? township.villages.findIndex((row) => row.villageId === villageId) : -1;
      const offset = at < 0 ? 0 : at - (at % DASHBOARD_VILLAGES_PAGE);
      const [view, page] = await Promise.all([
        fetchCountyDashboard(),
        township ? fetchDashboardVillages(township.townshipId, offset) : Promise.resolve(null),
      ]);
      this.setData({ screen: toCountyDashboardScreen(view), townshipCounts: view.townships });
      if (page) this._showVillages(page, offset, township);
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
          const founder = canFoundSocieties(me);
          // A township officer opens on their own villages; the county on its townships (or the
          // township it had open, when pulled down to refresh).
          const openId = view.ownTownshipId ?? this.data.township?.townshipId ?? null;
          const page = openId ? await fetchDashboardVillages(openId, 0) : null;
          const row = view.townships.find((candidate) => candidate.townshipId === openId);
          return {
            screen: toCountyDashboardScreen(view),
            townshipCounts: view.townships,
            founder,
            ownTownship: view.ownTownshipId !== null,
            township: page ? withVillagesPage(null, row, page, 0, founder) : null,
            ...this._rules(rules),
          };
        }),
      );
    },
  },
});
