/** 主动发现登记 (R-PROC-1): an officer opens a case for someone who cannot apply; it starts accepted. */
import { screenBehavior } from '../../../../behaviors/screen';
import { situationFormBehavior } from '../../../../behaviors/situation-form';
import { draftKey, loadDraft, mergeDraft, removeDraft, saveDraft } from '../../../../utils/drafts';
import { loadScreenFor, type LoadState } from '../../../../utils/load-screen';
import { errorMessage } from '../../../../services/cloud';
import { newRequestId, openDiscovery } from '../../../../services/cases';
import { fetchMe } from '../../../../services/societies';
import { pickAndUploadPhotos } from '../../../../services/files';
import type { MaterialKind } from '../../../../domain/relief';
import { ADD_PHOTO_TEXT, UPLOADING_TEXT, addPhotos, photosLeft, removePhoto } from '../../../../pages/apply/view';
import { caseDetailUrl, isOfficerOf } from '../cases/view';
import {
  FORBIDDEN_INTAKE_MESSAGE,
  INTAKE_OPTIONS,
  MISSING_SOCIETY_MESSAGE,
  emptyIntakeForm,
  intakeProblem,
  toDiscoveryInput,
  toClueBox,
  toIntakeScreen,
} from './view';
import type { ClueBox, IntakeForm, IntakeScreen } from './view';
import { fetchClue } from '../../../../services/clues';

const initialForm = emptyIntakeForm();

/** The intake form kept on the phone, with the request id it will be sent with. */
interface IntakeDraft {
  requestId: string;
  form: IntakeForm;
}

function readIntakeDraft(stored: unknown): IntakeDraft | null {
  if (!stored || typeof stored !== 'object') return null;
  const draft = stored as Partial<IntakeDraft>;
  return typeof draft.requestId === 'string' && draft.requestId && draft.form ? (draft as IntakeDraft) : null;
}

Component({
  behaviors: [screenBehavior, situationFormBehavior],

  properties: {
    societyId: { type: String, value: '' },
    /** Opened from a clue (issue 13): shown above the form, and linked to the case. */
    clueId: { type: String, value: '' },
  },

  data: {
    state: 'loading' as LoadState,
    submitting: false,
    errorMessage: '',
    formError: '',
    /** The form came back from a draft on the phone. */
    restored: false,
    forbiddenMessage: FORBIDDEN_INTAKE_MESSAGE,
    form: initialForm,
    /** One per form, the same on every retry: the cloud opens one case. */
    requestId: '',
    options: INTAKE_OPTIONS,
    /** The checklist kind whose photos are being chosen or uploaded; '' when none. */
    uploadingKind: '',
    addPhotoText: ADD_PHOTO_TEXT,
    uploadingText: UPLOADING_TEXT,
    screen: toIntakeScreen(initialForm) as IntakeScreen,
    clue: null as ClueBox | null,
  },

  methods: {
    onLoad() {
      if (!this.data.requestId) this.setData({ requestId: newRequestId('disc') });
      void this._load();
    },

    /** R-PROC-2: photos of one checklist item, taken during the visit that found the case. */
    async onAddPhoto(
      event: WechatMiniprogram.CustomEvent<Record<string, never>, Record<string, never>, { kind: MaterialKind }>,
    ) {
      if (this.data.uploadingKind || this.data.submitting) return;
      const kind = event.currentTarget.dataset.kind;
      const left = photosLeft(this.data.form.materials, kind);
      if (left === 0) return;
      this.setData({ uploadingKind: kind, formError: '' });
      try {
        const fileIds = await pickAndUploadPhotos({ kind: 'materials', societyId: this.data.societyId }, left);
        if (fileIds.length > 0) this._change({ materials: addPhotos(this.data.form.materials, kind, fileIds) });
      } catch (err) {
        this.setData({ formError: errorMessage(err) });
      } finally {
        this.setData({ uploadingKind: '' });
      }
    },

    onRemovePhoto(
      event: WechatMiniprogram.CustomEvent<Record<string, never>, Record<string, never>, { fileId: string }>,
    ) {
      if (this.data.submitting) return;
      this._change({ materials: removePhoto(this.data.form.materials, event.currentTarget.dataset.fileId) });
    },

    async onSubmit() {
      if (this.data.submitting || this.data.uploadingKind) return;
      const problem = intakeProblem(this.data.form, new Date());
      if (problem) {
        this.setData({ formError: problem });
        return;
      }
      this.setData({ submitting: true, formError: '' });
      try {
        const created = await openDiscovery(
          toDiscoveryInput(this.data.form, this.data.requestId, this.data.societyId, this.data.clueId),
        );
        removeDraft(draftKey('intake', this.data.societyId));
        this.setData({ submitting: false });
        void wx.redirectTo({ url: caseDetailUrl(created.id) });
      } catch (err) {
        // The request id stays: a retry lands on the same case if the first one got through.
        this.setData({ submitting: false, formError: errorMessage(err) });
      }
    },

    _load() {
      return loadScreenFor(this, this.data.societyId, MISSING_SOCIETY_MESSAGE, async (societyId) => {
        const me = await fetchMe();
        if (!isOfficerOf(me, societyId)) return 'forbidden';
        // What this officer typed before WeChat was killed (issue 11), with its request id: the
        // cloud still opens one case.
        const draft = readIntakeDraft(loadDraft(draftKey('intake', societyId)));
        const form = draft && mergeDraft(emptyIntakeForm(), draft.form);
        const restored =
          draft && form ? { form, requestId: draft.requestId, restored: true, screen: toIntakeScreen(form) } : {};
        if (!this.data.clueId) return restored;
        const clue = toClueBox(await fetchClue(this.data.clueId));
        if (!this.data.form.discoveredHow && !form) this._change({ discoveredHow: `${clue.sourceLabel}线索` });
        return { ...restored, clue };
      });
    },

    _change(patch: Partial<IntakeForm>) {
      const form = { ...this.data.form, ...patch };
      this.setData({ form, formError: '', screen: toIntakeScreen(form) });
      const draft: IntakeDraft = { requestId: this.data.requestId, form };
      saveDraft(draftKey('intake', this.data.societyId), draft);
    },
  },
});
