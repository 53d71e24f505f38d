/**
 * The notice of one paid case (R-PROC-6, R-OVS-3): the officer writes the one-line check finding
 * (and the village group), previews EXACTLY what the cloud will publish, then publishes. A
 * recipient who withheld consent gets the anonymised entry, and the officer is told so.
 *
 * Retries: publishing is keyed by the case (one notice per case, its id derived from the case id),
 * so a resend after a timeout answers the first publication instead of publishing twice; the page
 * keeps the inputs it previewed, and a resend sends exactly them.
 */
import { screenBehavior } from '../../../../behaviors/screen';
import { loadScreenFor, type LoadState } from '../../../../utils/load-screen';
import { showToast } from '../../../../utils/toast';
import { errorMessage } from '../../../../services/cloud';
import { fetchCase } from '../../../../services/cases';
import { pickAndUploadPhotos } from '../../../../services/files';
import { attachBoardPhoto, previewNotice, publishNotice } from '../../../../services/notices';
import type { NoticePreview } from '../../../../domain/notices';
import { isForbidden, PHOTO_ATTACHED_MESSAGE } from '../notices/view';
import {
  CHECK_FINDING_MAX,
  CONSENT_WITHHELD_MESSAGE,
  FINDING_HINT,
  MISSING_CASE_MESSAGE,
  NOT_PUBLISHER_MESSAGE,
  PREVIEW_FIRST_MESSAGE,
  VILLAGE_GROUP_MAX,
  formKey,
  fullNamesOf,
  noticeInputOf,
  noticesUrl,
  publishFormProblems,
  toCaseHeader,
  toPreviewScreen,
  toPublishedScreen,
  type CaseHeader,
  type PreviewScreen,
  type PublishForm,
  type PublishedScreen,
} from './view';

type ChangeEvent = { detail: { value: string } };

function isBadRequest(err: unknown): boolean {
  return typeof err === 'object' && err !== null && 'code' in err && err.code === 'BAD_REQUEST';
}

Component({
  behaviors: [screenBehavior],

  properties: {
    caseId: { type: String, value: '' },
  },

  data: {
    state: 'loading' as LoadState,
    errorMessage: '',
    forbiddenMessage: NOT_PUBLISHER_MESSAGE,
    findingHint: FINDING_HINT,
    consentMessage: CONSENT_WITHHELD_MESSAGE,
    findingMax: CHECK_FINDING_MAX,
    groupMax: VILLAGE_GROUP_MAX,
    header: null as CaseHeader | null,
    societyId: '',
    /** Only for the local check that the finding does not name the recipient; never shown. */
    fullNames: [] as string[],
    consentWithheld: false,
    form: { checkFinding: '', villageGroup: '' } as PublishForm,
    formError: '',
    preview: null as PreviewScreen | null,
    /** The inputs the preview on screen was made for ('' when none). */
    previewKey: '',
    /** The preview on screen matches the inputs: publishing shows exactly it. */
    previewCurrent: false,
    previewing: false,
    publishing: false,
    published: null as PublishedScreen | null,
    attaching: false,
  },

  methods: {
    onFindingChange(event: ChangeEvent) {
      this._changeForm({ checkFinding: event.detail.value });
    },

    onGroupChange(event: ChangeEvent) {
      this._changeForm({ villageGroup: event.detail.value });
    },

    onPreview() {
      return this._preview();
    },

    onPublish() {
      return this._publish();
    },

    onAttachPhoto() {
      return this._attachPhoto();
    },

    onBackToNotices() {
      if (getCurrentPages().length > 1) void wx.navigateBack({ delta: 1 });
      else void wx.redirectTo({ url: noticesUrl(this.data.societyId) });
    },

    _changeForm(patch: Partial<PublishForm>) {
      const form = { ...this.data.form, ...patch };
      this.setData({ form, formError: '', previewCurrent: this.data.previewKey === formKey(form) });
    },

    _load() {
      return loadScreenFor(this, this.data.caseId, MISSING_CASE_MESSAGE, async (caseId) => {
        try {
          // The preview first: it refuses anyone but this society's officers before any case data
          // is read. With no finding yet, a consented, unpublished case answers BAD_REQUEST.
          let preview: NoticePreview | null = null;
          try {
            preview = await previewNotice({ caseId, checkFinding: '' });
          } catch (err) {
            if (!isBadRequest(err)) throw err;
          }
          const view = await fetchCase(caseId);
          const header = toCaseHeader(view);
          const key = formKey(this.data.form);
          return {
            header,
            societyId: view.societyId,
            fullNames: fullNamesOf(view),
            consentWithheld: preview ? preview.consentWithheld : !header.consented,
            preview: preview ? toPreviewScreen(preview) : null,
            previewKey: preview ? key : '',
            previewCurrent: preview !== null,
          };
        } catch (err) {
          if (isForbidden(err)) return 'forbidden';
          throw err;
        }
      });
    },

    _problems(): string[] {
      return publishFormProblems(this.data.form, {
        consentWithheld: this.data.consentWithheld,
        fullNames: this.data.fullNames,
      });
    },

    async _preview() {
      if (this.data.previewing || this.data.publishing) return;
      const problems = this._problems();
      if (problems.length > 0) {
        this.setData({ formError: problems.join('；') });
        return;
      }
      const key = formKey(this.data.form);
      this.setData({ previewing: true, formError: '' });
      try {
        const preview = await previewNotice(noticeInputOf(this.data.caseId, this.data.form, this.data.consentWithheld));
        this.setData({
          previewing: false,
          preview: toPreviewScreen(preview),
          consentWithheld: preview.consentWithheld,
          previewKey: key,
          previewCurrent: key === formKey(this.data.form),
        });
      } catch (err) {
        const message = errorMessage(err);
        this.setData({ previewing: false, formError: message });
        showToast(this, { message, theme: 'error' });
      }
    },

    async _publish() {
      if (this.data.publishing || this.data.published || this.data.preview?.alreadyPublished) return;
      const problems = this._problems();
      if (problems.length > 0) {
        this.setData({ formError: problems.join('；') });
        return;
      }
      if (!this.data.preview || this.data.previewKey !== formKey(this.data.form)) {
        this.setData({ formError: PREVIEW_FIRST_MESSAGE });
        return;
      }
      this.setData({ publishing: true, formError: '' });
      try {
        const result = await publishNotice(noticeInputOf(this.data.caseId, this.data.form, this.data.consentWithheld));
        this.setData({ publishing: false, published: toPublishedScreen(result) });
        showToast(this, { message: '公示已发布', theme: 'success' });
      } catch (err) {
        const message = errorMessage(err);
        this.setData({ publishing: false, formError: message });
        showToast(this, { message, theme: 'error' });
      }
    },

    /** R-PROC-6: the photo of the paper notice on the board, right after publishing. */
    async _attachPhoto() {
      const published = this.data.published;
      if (!published || this.data.attaching) return;
      this.setData({ attaching: true });
      try {
        const [fileId] = await pickAndUploadPhotos('boards', 1);
        if (fileId) {
          await attachBoardPhoto(published.noticeId, fileId);
          this.setData({ published: { ...published, posted: true } });
          showToast(this, { message: PHOTO_ATTACHED_MESSAGE, theme: 'success' });
        }
        this.setData({ attaching: false });
      } catch (err) {
        this.setData({ attaching: false });
        showToast(this, { message: errorMessage(err), theme: 'error' });
      }
    },
  },
});
