/**
 * The notice of one paid case (R-PROC-6, R-OVS-3): the officer picks the 村民小组 (or none),
 * previews EXACTLY what the cloud will publish — built from the case's structured facts, nothing
 * typed (issue 12) — then publishes. A recipient who withheld consent gets the anonymised entry,
 * and the officer is told so.
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
  CONSENT_WITHHELD_MESSAGE,
  MISSING_CASE_MESSAGE,
  NOT_PUBLISHER_MESSAGE,
  PREVIEW_FIRST_MESSAGE,
  STRUCTURED_HINT,
  formKey,
  groupChoices,
  groupNoOf,
  groupText,
  noticeInputOf,
  noticesUrl,
  toCaseHeader,
  toPreviewScreen,
  toPublishedScreen,
  type CaseHeader,
  type PreviewScreen,
  type PublishForm,
  type PublishedScreen,
} from './view';

type GroupTapEvent = { currentTarget: { dataset: { value?: unknown } } };

Component({
  behaviors: [screenBehavior],

  properties: {
    caseId: { type: String, value: '' },
  },

  data: {
    state: 'loading' as LoadState,
    errorMessage: '',
    forbiddenMessage: NOT_PUBLISHER_MESSAGE,
    structuredHint: STRUCTURED_HINT,
    consentMessage: CONSENT_WITHHELD_MESSAGE,
    header: null as CaseHeader | null,
    societyId: '',
    consentWithheld: false,
    form: { villageGroupNo: null } as PublishForm,
    groupChoices: groupChoices(null),
    groupText: groupText(null),
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
    onPickGroup(event: GroupTapEvent) {
      this._changeForm({ villageGroupNo: groupNoOf(event.currentTarget.dataset.value) });
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
      this.setData({
        form,
        groupChoices: groupChoices(form.villageGroupNo),
        groupText: groupText(form.villageGroupNo),
        formError: '',
        previewCurrent: this.data.previewKey === formKey(form),
      });
    },

    _load() {
      return loadScreenFor(this, this.data.caseId, MISSING_CASE_MESSAGE, async (caseId) => {
        try {
          // The preview first: it refuses anyone but this society's officers before any case data
          // is read, and shows at once what would be published with the current choice.
          const preview: NoticePreview = await previewNotice(noticeInputOf(caseId, this.data.form, false));
          const view = await fetchCase(caseId);
          return {
            header: toCaseHeader(view),
            societyId: view.societyId,
            consentWithheld: preview.consentWithheld,
            preview: toPreviewScreen(preview),
            previewKey: formKey(this.data.form),
            previewCurrent: true,
          };
        } catch (err) {
          if (isForbidden(err)) return 'forbidden';
          throw err;
        }
      });
    },

    async _preview() {
      if (this.data.previewing || this.data.publishing) return;
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
        const [fileId] = await pickAndUploadPhotos({ kind: 'boards', societyId: this.data.societyId }, 1);
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
