/**
 * 反映线索: anyone in WeChat (no role needed) tells the society about someone who may need help —
 * who, what happened, an optional photo — named or anonymous. Reached from the society page
 * (and from a volunteer's home). One request id per form, kept across retries.
 */
import { screenBehavior } from '../../behaviors/screen';
import { loadScreenFor, type LoadState } from '../../utils/load-screen';
import { showToast } from '../../utils/toast';
import { errorMessage } from '../../services/cloud';
import { fetchMe, fetchSocietyPublicPage } from '../../services/societies';
import { newRequestId, reportClue } from '../../services/clues';
import { pickAndUploadPhotos, photoSrc } from '../../services/files';
import {
  ANONYMOUS_NOTE,
  CLUE_INTRO,
  DONE_MESSAGE,
  MISSING_SOCIETY_MESSAGE,
  MY_CLUES_URL,
  NAMED_NOTE,
  PERSON_HINT_MAX,
  WHAT_HAPPENED_MAX,
  clueProblems,
  emptyClueForm,
} from './view';

type FieldEvent = WechatMiniprogram.CustomEvent<{ value: string }, Record<string, never>, { field: string }>;

Component({
  behaviors: [screenBehavior],

  properties: {
    societyId: { type: String, value: '' },
  },

  data: {
    state: 'loading' as LoadState,
    errorMessage: '',
    societyName: '',
    /** The caller is known to us by name (a named clue then needs no name typed). */
    knownName: '',
    form: emptyClueForm(),
    photoSrc: '',
    formError: '',
    submitting: false,
    uploading: false,
    requestId: '',
    done: false,
    intro: CLUE_INTRO,
    anonymousNote: ANONYMOUS_NOTE,
    namedNote: NAMED_NOTE,
    doneMessage: DONE_MESSAGE,
    personHintMax: PERSON_HINT_MAX,
    whatHappenedMax: WHAT_HAPPENED_MAX,
  },

  methods: {
    onField(event: FieldEvent) {
      this.setData({ [`form.${event.currentTarget.dataset.field}`]: event.detail.value, formError: '' });
    },

    onAnonymous() {
      this.setData({ 'form.anonymous': true, formError: '' });
    },

    onNamed() {
      this.setData({ 'form.anonymous': false, formError: '' });
    },

    async onAddPhoto() {
      if (this.data.uploading) return;
      this.setData({ uploading: true });
      try {
        const [fileId] = await pickAndUploadPhotos({ kind: 'clues', societyId: this.data.societyId }, 1);
        if (fileId) this.setData({ 'form.photoFileId': fileId, photoSrc: photoSrc(fileId) });
      } catch (err) {
        showToast(this, { message: errorMessage(err), theme: 'error' });
      } finally {
        this.setData({ uploading: false });
      }
    },

    onRemovePhoto() {
      this.setData({ 'form.photoFileId': '', photoSrc: '' });
    },

    onSubmit() {
      return this._submit();
    },

    onMyClues() {
      void wx.redirectTo({ url: MY_CLUES_URL });
    },

    _load() {
      return loadScreenFor(this, this.data.societyId, MISSING_SOCIETY_MESSAGE, async (societyId) => {
        const [society, me] = await Promise.all([fetchSocietyPublicPage(societyId), fetchMe()]);
        return { societyName: society.name, knownName: me.name ?? '' };
      });
    },

    async _submit() {
      if (this.data.submitting || this.data.done) return;
      const form = this.data.form;
      const problems = clueProblems(form, !this.data.knownName);
      if (problems.length > 0) {
        this.setData({ formError: problems.join('；') });
        return;
      }
      const requestId = this.data.requestId || newRequestId('clue');
      this.setData({ requestId, submitting: true, formError: '' });
      try {
        await reportClue({
          requestId,
          societyId: this.data.societyId,
          personHint: form.personHint.trim(),
          whatHappened: form.whatHappened.trim(),
          photoFileId: form.photoFileId || null,
          anonymous: form.anonymous,
          ...(!form.anonymous && !this.data.knownName ? { reporterName: form.reporterName.trim() } : {}),
        });
        this.setData({ submitting: false, done: true });
        showToast(this, { message: '线索已提交', theme: 'success' });
      } catch (err) {
        const message = errorMessage(err);
        this.setData({ submitting: false, formError: message });
        showToast(this, { message, theme: 'error' });
      }
    },
  },
});
