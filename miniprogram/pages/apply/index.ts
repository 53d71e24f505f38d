/** 申请救助: the eligibility helper first, then the form in three steps, a draft kept on the phone. */
import { readingSizeBehavior } from '../../behaviors/reading-size';
import { situationFormBehavior } from '../../behaviors/situation-form';
import { errorMessage } from '../../services/cloud';
import { newRequestId, submitApplication } from '../../services/cases';
import { fetchMe } from '../../services/societies';
import { askToSubscribe, fetchMessageTemplates, recordSubscriptions } from '../../services/messages';
import { photoLinks, pickAndUploadPhotos } from '../../services/files';
import { draftsReady, loadDraft, removeDraft, saveDraft } from '../../utils/drafts';
import { showToast } from '../../utils/toast';
import type { MaterialKind } from '../../domain/relief';
import {
  ADD_PHOTO_TEXT,
  DRAFT_KEY,
  MATERIALS_LATER_NOTE,
  PHOTO_REMOVED_TEXT,
  UPLOADING_TEXT,
  addPhotos,
  NO_SOCIETY_MESSAGE,
  OPTIONS,
  caseUrl,
  emptyForm,
  photosLeft,
  readDraft,
  removePhoto,
  stepProblem,
  toApplicationInput,
  toApplyScreen,
} from './view';
import type { ApplyForm, ApplyScreen } from './view';

const initialForm = emptyForm();

Component({
  behaviors: [readingSizeBehavior, situationFormBehavior],
  properties: {
    societyId: { type: String, value: '' },
  },

  data: {
    state: 'ready' as 'ready' | 'submitting',
    step: 0,
    form: initialForm,
    requestId: '',
    restored: false,
    /** The draft has been looked for: the caller was known (a draft is never read or saved before). */
    draftBound: false,
    /** The person has changed the form or the step since the page opened. */
    edited: false,
    /** Subscribe-message templates to ask for in the submit tap (WeChat allows the dialog only in a tap). */
    messageTemplateIds: [] as string[],
    /** The cloud does not know this caller yet: applying for someone else, they give their own name. */
    newApplicant: false,
    errorMessage: '',
    /** The checklist kind whose photos are being chosen or uploaded; '' when none. */
    uploadingKind: '',
    addPhotoText: ADD_PHOTO_TEXT,
    uploadingText: UPLOADING_TEXT,
    materialsLaterNote: MATERIALS_LATER_NOTE,
    options: OPTIONS,
    screen: toApplyScreen(initialForm, 0) as ApplyScreen,
  },

  methods: {
    onLoad() {
      this.setData({ requestId: newRequestId('app') });
      // Issue 11: the draft is the caller's; known from the last `me`, or else once `me` answers.
      if (draftsReady()) this._bindDraft();
      void this._learnCaller();
      void fetchMessageTemplates('applied').then((ids) => this.setData({ messageTemplateIds: ids }));
    },

    /** A kept draft's thumbnails: their addresses are short-lived, so they are asked for again. */
    async _showDraftPhotos(fileIds: string[]) {
      if (fileIds.length === 0) return;
      await photoLinks(fileIds);
      this.setData({ screen: toApplyScreen(this.data.form, this.data.step, this.data.newApplicant) });
    },

    /** Whether this is the caller's first application (no user record): then step 2 asks their name. */
    async _learnCaller() {
      try {
        const me = await fetchMe();
        const newApplicant = me.userId === null;
        this.setData({ newApplicant, screen: toApplyScreen(this.data.form, this.data.step, newApplicant) });
      } catch {
        // Offline: the form still fills; the cloud says what is missing when it is sent.
      }
      if (!this.data.draftBound && draftsReady()) this._bindDraft();
    },

    /**
     * Once the caller is known: their draft comes back, unless they have already started typing
     * (then what they typed is kept, and saved under them from now on).
     */
    _bindDraft() {
      this.setData({ draftBound: true });
      const draft = this.data.edited ? null : readDraft(loadDraft(DRAFT_KEY));
      if (draft) void this._showDraftPhotos(draft.form.materials.map((item) => item.fileId));
      if (draft) {
        this.setData({
          form: draft.form,
          step: draft.step,
          requestId: draft.requestId,
          restored: true,
          screen: toApplyScreen(draft.form, draft.step, this.data.newApplicant),
        });
      } else if (this.data.edited) {
        this._save();
      }
    },

    /** R-PROC-2: photos for one checklist item, uploaded at once; the draft keeps their file ids. */
    async onAddPhoto(
      event: WechatMiniprogram.CustomEvent<Record<string, never>, Record<string, never>, { kind: MaterialKind }>,
    ) {
      if (this.data.uploadingKind || this.data.state === 'submitting') return;
      const kind = event.currentTarget.dataset.kind;
      const left = photosLeft(this.data.form.materials, kind);
      if (left === 0) return;
      this.setData({ uploadingKind: kind, errorMessage: '' });
      try {
        // The photos go to the society applied to (the server decides the path and keeps them private).
        const societyId = this.data.societyId || (await this._mySocietyId());
        if (!societyId) {
          this.setData({ errorMessage: NO_SOCIETY_MESSAGE });
          return;
        }
        const fileIds = await pickAndUploadPhotos({ kind: 'materials', societyId }, left);
        if (fileIds.length > 0) this._change({ materials: addPhotos(this.data.form.materials, kind, fileIds) });
      } catch (err) {
        this.setData({ errorMessage: errorMessage(err) });
      } finally {
        this.setData({ uploadingKind: '' });
      }
    },

    onRemovePhoto(
      event: WechatMiniprogram.CustomEvent<Record<string, never>, Record<string, never>, { fileId: string }>,
    ) {
      if (this.data.state === 'submitting') return;
      this._change({ materials: removePhoto(this.data.form.materials, event.currentTarget.dataset.fileId) });
      showToast(this, { message: PHOTO_REMOVED_TEXT });
    },

    onNext() {
      const problem = stepProblem(this.data.form, this.data.step, this.data.newApplicant);
      if (problem) {
        this.setData({ errorMessage: problem });
        return;
      }
      this._go(this.data.step + 1);
    },

    onBack() {
      this._go(this.data.step - 1);
    },

    async onSubmit() {
      if (this.data.state === 'submitting' || this.data.uploadingKind) return;
      const problem = stepProblem(this.data.form, 2) || stepProblem(this.data.form, 1, this.data.newApplicant);
      if (problem) {
        this.setData({ errorMessage: problem });
        return;
      }
      this.setData({ state: 'submitting', errorMessage: '' });
      // Asked in the tap itself; counted once the application has made the caller known.
      const subscribed = askToSubscribe(this.data.messageTemplateIds);
      try {
        const societyId = this.data.societyId || (await this._mySocietyId());
        if (!societyId) {
          this.setData({ state: 'ready', errorMessage: NO_SOCIETY_MESSAGE });
          return;
        }
        // The same request id on every retry: the cloud makes one case.
        const created = await submitApplication(toApplicationInput(this.data.form, this.data.requestId, societyId));
        removeDraft(DRAFT_KEY);
        await recordSubscriptions(await subscribed);
        this.setData({ state: 'ready' });
        wx.redirectTo({ url: caseUrl(created.id) });
      } catch (err) {
        this.setData({ state: 'ready', errorMessage: errorMessage(err) });
      }
    },

    async _mySocietyId(): Promise<string> {
      const me = await fetchMe();
      const grant = me.roles.find((role) => role.societyId);
      return grant?.societyId ?? '';
    },

    _go(step: number) {
      const next = Math.max(0, Math.min(2, step));
      this.setData({
        step: next,
        errorMessage: '',
        screen: toApplyScreen(this.data.form, next, this.data.newApplicant),
      });
      this._save();
    },

    _change(patch: Partial<ApplyForm>) {
      const form = { ...this.data.form, ...patch };
      this.setData({ form, errorMessage: '', screen: toApplyScreen(form, this.data.step, this.data.newApplicant) });
      this._save();
    },

    _save() {
      if (!this.data.edited) this.setData({ edited: true });
      // Before the caller is known this keeps nothing; _bindDraft saves once they are.
      saveDraft(DRAFT_KEY, { form: this.data.form, step: this.data.step, requestId: this.data.requestId });
    },
  },
});
