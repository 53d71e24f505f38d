/**
 * 四公布 of one case (R-OVS-3) for the supervision committee and the society's officers, with every
 * step. The committee's one write (R-OVS-2): 提请乡镇关注 with a required comment, sent with one
 * request id kept across retries, so a resend after a timeout never files the flag twice.
 */
import { screenBehavior } from '../../../../behaviors/screen';
import { loadScreenFor, type LoadState } from '../../../../utils/load-screen';
import { showToast } from '../../../../utils/toast';
import { CloudCallError, errorMessage } from '../../../../services/cloud';
import { fetchMe } from '../../../../services/societies';
import { fetchCaseSheet, flagCase, newRequestId } from '../../../../services/notices';
import { canFlagFor } from '../supervision/view';
import {
  FLAG_COMMENT_MAX,
  FLAG_DONE_MESSAGE,
  FLAG_HINT,
  MISSING_CASE_MESSAGE,
  NOT_ALLOWED_MESSAGE,
  flagProblems,
  remainingText,
  toCaseSheetScreen,
  type CaseSheetScreen,
} from './view';

Component({
  behaviors: [screenBehavior],

  properties: {
    caseId: { type: String, value: '' },
    /** '1': open with the flag form showing (from 提请乡镇关注 on the supervision page). */
    flag: { type: String, value: '' },
  },

  data: {
    state: 'loading' as LoadState,
    errorMessage: '',
    screen: null as CaseSheetScreen | null,
    canFlag: false,
    forbiddenMessage: NOT_ALLOWED_MESSAGE,
    flagOpen: false,
    comment: '',
    remaining: remainingText(''),
    formError: '',
    submitting: false,
    /** Made at the first send and kept across retries; cleared once the flag is filed. */
    requestId: '',
    commentMax: FLAG_COMMENT_MAX,
    flagHint: FLAG_HINT,
  },

  methods: {
    onLoad() {
      void this._load().then(() => {
        if (this.data.flag === '1' && this.data.canFlag) this.setData({ flagOpen: true });
      });
    },

    onOpenFlag() {
      this.setData({ flagOpen: true, formError: '' });
    },

    onCancelFlag() {
      this.setData({ flagOpen: false, formError: '' });
    },

    onCommentChange(event: { detail: { value: string } }) {
      const comment = event.detail.value;
      this.setData({ comment, remaining: remainingText(comment), formError: '' });
    },

    onSubmitFlag() {
      return this._submit();
    },

    _load() {
      return loadScreenFor(this, this.data.caseId, MISSING_CASE_MESSAGE, async (caseId) => {
        try {
          const [sheet, me] = await Promise.all([fetchCaseSheet(caseId), fetchMe()]);
          return { screen: toCaseSheetScreen(sheet), canFlag: canFlagFor(me, sheet.societyId) };
        } catch (err) {
          if (err instanceof CloudCallError && err.code === 'FORBIDDEN') return 'forbidden';
          throw err;
        }
      });
    },

    async _submit() {
      if (this.data.submitting || !this.data.canFlag) return;
      const problems = flagProblems(this.data.comment);
      if (problems.length > 0) {
        this.setData({ formError: problems.join('；') });
        return;
      }
      const requestId = this.data.requestId || newRequestId('flag');
      this.setData({ requestId, submitting: true, formError: '' });
      try {
        await flagCase(requestId, this.data.caseId, this.data.comment.trim());
        this.setData({
          submitting: false,
          flagOpen: false,
          comment: '',
          remaining: remainingText(''),
          requestId: '',
        });
        showToast(this, { message: FLAG_DONE_MESSAGE, theme: 'success' });
        await this._load();
      } catch (err) {
        const message = errorMessage(err);
        this.setData({ submitting: false, formError: message });
        showToast(this, { message, theme: 'error' });
      }
    },
  },
});
