/**
 * 入户核查 (R-PROC-3): the home visit record and the review opinion, then the proposal to the
 * president (recordVisit, then propose). After 先行救助 (R-PROC-5) only the visit is filed here.
 * A retry after a failed proposal does not record the visit twice: the page goes on from where
 * the case is.
 */
import { screenBehavior } from '../../../../behaviors/screen';
import { loadScreenFor, type LoadState } from '../../../../utils/load-screen';
import { draftKey, loadDraft, mergeDraft, removeDraft, saveDraft } from '../../../../utils/drafts';
import { showToast } from '../../../../utils/toast';
import { CloudCallError, errorMessage } from '../../../../services/cloud';
import { fetchCase, proposeDecision, recordVisit } from '../../../../services/cases';
import { fetchMe } from '../../../../services/societies';
import { photoSrcsOf, pickAndUploadPhotos } from '../../../../services/files';
import type { OfficerCaseView } from '../../../../domain/case';
import type {
  GovernmentAssistance,
  HouseholdCategory,
  HukouHolder,
  MaterialKind,
  ReliefForm,
} from '../../../../domain/relief';
import { beijingDayAndTime, caseUrl, MISSING_CASE_MESSAGE, NOT_YOUR_CASE_MESSAGE, serverNowOf } from '../../case-step';
import {
  MAX_VISITORS,
  MAX_VISIT_PHOTOS,
  eligibilityFor,
  initialVisitForm,
  pickTier,
  toOpinion,
  toVisitInput,
  toVisitScreen,
  toggleAssistance,
  toggleOriginal,
  visitModeOf,
  visitProblems,
  type VisitForm,
  type VisitScreen,
} from './view';

type InputEvent = WechatMiniprogram.CustomEvent<
  { value: string },
  Record<string, never>,
  { field?: string; index?: number }
>;
type TapEvent = WechatMiniprogram.CustomEvent<
  Record<string, never>,
  Record<string, never>,
  { value?: string; index?: number }
>;

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
    form: null as VisitForm | null,
    today: '',
    screen: null as VisitScreen | null,
    photos: [] as Array<{ fileId: string; src: string }>,
    /** Short-lived addresses of the form's photos (societies.fileLinks), by file id. */
    photoSrcs: {} as Record<string, string>,
    formError: '',
    /** The form came back from a draft on the phone. */
    restored: false,
    submitting: false,
    uploading: false,
    /** The verified-facts choices are open (they start folded: most visits confirm the application). */
    showFacts: false,
  },

  methods: {
    onBack() {
      void wx.navigateBack({ delta: 1 });
    },

    _load() {
      return loadScreenFor(this, this.data.caseId, MISSING_CASE_MESSAGE, async (caseId) => {
        let view: OfficerCaseView;
        try {
          view = await fetchCase(caseId);
        } catch (err) {
          if (err instanceof CloudCallError && err.code === 'FORBIDDEN') return 'forbidden';
          throw err;
        }
        const me = await fetchMe().catch(() => null);
        const now = serverNowOf(view, new Date());
        const fresh = initialVisitForm(view, now, me?.name ?? null);
        // What was typed before WeChat was killed (issue 11), by this officer only.
        const draft = mergeDraft(fresh, loadDraft(draftKey('visit', caseId)));
        const form = draft ?? fresh;
        const today = beijingDayAndTime(now).day;
        const photoSrcs = await photoSrcsOf(form.photoFileIds);
        return {
          view,
          form,
          today,
          formError: '',
          restored: draft !== null,
          photoSrcs,
          ...this._shape(view, form, today, photoSrcs),
        };
      });
    },

    _shape(view: OfficerCaseView, form: VisitForm, today: string, given?: Record<string, string>) {
      const photoSrcs = given ?? this.data.photoSrcs;
      return {
        screen: toVisitScreen(view, form, today),
        photos: form.photoFileIds.map((fileId) => ({ fileId, src: photoSrcs[fileId] ?? '' })),
      };
    },

    _change(patch: Partial<VisitForm>) {
      const { view, form, today } = this.data;
      if (!view || !form) return;
      const next = { ...form, ...patch };
      this.setData({ form: next, formError: '', ...this._shape(view, next, today) });
      saveDraft(draftKey('visit', view.id), next);
    },

    onInput(event: InputEvent) {
      const field = event.currentTarget.dataset.field as keyof VisitForm;
      this._change({ [field]: event.detail.value } as Partial<VisitForm>);
    },

    onVisitorInput(event: InputEvent) {
      const index = Number(event.currentTarget.dataset.index);
      const visitors = [...(this.data.form?.visitors ?? [])];
      visitors[index] = event.detail.value;
      this._change({ visitors });
    },

    onAddVisitor() {
      const visitors = this.data.form?.visitors ?? [];
      if (visitors.length < MAX_VISITORS) this._change({ visitors: [...visitors, ''] });
    },

    onPickDate(event: TapEvent) {
      this._change({ visitDate: String(event.currentTarget.dataset.value) });
    },

    onToggleOriginal(event: TapEvent) {
      const kind = event.currentTarget.dataset.value as MaterialKind;
      this._change({ originals: toggleOriginal(this.data.form?.originals ?? [], kind) });
    },

    onToggleFacts() {
      this.setData({ showFacts: !this.data.showFacts });
    },

    /** A verified fact changed: when the relief type changes with it, the tier chosen no longer applies. */
    _changeFacts(patch: Partial<VisitForm>) {
      const { view, form } = this.data;
      if (!view || !form) return;
      const before = eligibilityFor(view, form).reliefType;
      const after = eligibilityFor(view, { ...form, ...patch }).reliefType;
      this._change(before === after ? patch : { ...patch, tierId: '', amountYuan: '' });
    },

    onPickHukou(event: TapEvent) {
      this._changeFacts({ hukou: event.currentTarget.dataset.value as HukouHolder });
    },

    onToggleAssistance(event: TapEvent) {
      const item = event.currentTarget.dataset.value as GovernmentAssistance;
      this._changeFacts({ assistance: toggleAssistance(this.data.form?.assistance ?? [], item) });
    },

    onPickCategory(event: TapEvent) {
      this._changeFacts({ category: event.currentTarget.dataset.value as HouseholdCategory });
    },

    onPickLiving(event: TapEvent) {
      this._changeFacts({ livingAtRisk: event.currentTarget.dataset.value === 'yes' });
    },

    onPickRecommend(event: TapEvent) {
      this._change({ recommend: event.currentTarget.dataset.value === 'deny' ? 'deny' : 'grant' });
    },

    onPickForm(event: TapEvent) {
      const value = event.currentTarget.dataset.value as ReliefForm;
      this._change(value === 'referral' ? { form: value, tierId: '', amountYuan: '' } : { form: value });
    },

    onPickTier(event: TapEvent) {
      const { view, form } = this.data;
      if (!view || !form) return;
      this._change(pickTier(form, String(event.currentTarget.dataset.value), view));
    },

    async onAddPhotos() {
      const form = this.data.form;
      if (!form || this.data.uploading) return;
      this.setData({ uploading: true });
      try {
        const ids = await pickAndUploadPhotos(
          { kind: 'visits', caseId: this.data.caseId },
          MAX_VISIT_PHOTOS - form.photoFileIds.length,
        );
        const photoSrcs = { ...this.data.photoSrcs, ...(await photoSrcsOf(ids)) };
        this.setData({ uploading: false, photoSrcs });
        if (ids.length > 0) this._change({ photoFileIds: [...(this.data.form?.photoFileIds ?? []), ...ids] });
      } catch (err) {
        this.setData({ uploading: false, formError: errorMessage(err) });
      }
    },

    onRemovePhoto(event: TapEvent) {
      const index = Number(event.currentTarget.dataset.index);
      this._change({ photoFileIds: (this.data.form?.photoFileIds ?? []).filter((_, at) => at !== index) });
    },

    onSubmit() {
      return this._submit();
    },

    async _submit() {
      const { view, form, submitting } = this.data;
      if (!view || !form || submitting) return;
      const mode = visitModeOf(view);
      if (mode === 'none') return;
      const problems = visitProblems(form, mode);
      if (problems.length > 0) {
        this.setData({ formError: problems.join('；') });
        return;
      }
      this.setData({ submitting: true, formError: '' });
      let current = view;
      try {
        if (mode === 'visitAndPropose' || mode === 'visitOnly') {
          current = await recordVisit(toVisitInput(view, form));
          // Kept, so a retry after a failed proposal goes on to propose only.
          this.setData({ view: current, ...this._shape(current, form, this.data.today) });
        }
        if (visitModeOf(current) === 'proposeOnly') {
          // Answers the new state only: the case page the visit goes back to reads the rest.
          await proposeDecision(view.id, toOpinion(form));
        }
        removeDraft(draftKey('visit', view.id)); // stays submitting until the page goes
        showToast(this, {
          message: mode === 'visitOnly' ? '入户核查已补录' : '已报社长审批',
          theme: 'success',
        });
        setTimeout(() => void wx.redirectTo({ url: caseUrl(view.id) }), 800);
      } catch (err) {
        const message = errorMessage(err);
        this.setData({ submitting: false, formError: message });
        showToast(this, { message, theme: 'error' });
      }
    },
  },
});
