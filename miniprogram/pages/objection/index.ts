/**
 * The objection (异议) form against a live notice: any resident, no login; reason up to 500
 * characters, contact optional. One request id per form, kept across retries, so a resend never
 * files the objection twice.
 */
import { screenBehavior } from '../../behaviors/screen';
import { loadScreen, type LoadState } from '../../utils/load-screen';
import { showToast } from '../../utils/toast';
import { errorMessage } from '../../services/cloud';
import { fetchNotice, newRequestId, raiseObjection } from '../../services/notices';
import { askToSubscribe, fetchMessageTemplates, recordSubscriptions } from '../../services/messages';
import { MY_OBJECTIONS_URL, toNoticeScreen, type NoticeScreen } from '../notice/view';
import {
  MISSING_NOTICE_MESSAGE,
  NOT_LIVE_MESSAGE,
  OBJECTION_CONTACT_MAX,
  OBJECTION_TEXT_MAX,
  objectionProblems,
  remainingText,
  toDoneScreen,
  type ObjectionDoneScreen,
} from './view';

type ChangeEvent = { detail: { value: string } };

Component({
  behaviors: [screenBehavior],

  properties: {
    noticeId: { type: String, value: '' },
  },

  data: {
    state: 'loading' as LoadState,
    errorMessage: '',
    notice: null as NoticeScreen | null,
    closedMessage: NOT_LIVE_MESSAGE,
    text: '',
    contact: '',
    remaining: remainingText(''),
    formError: '',
    submitting: false,
    /** Made at the first send and kept across retries. */
    requestId: '',
    done: null as ObjectionDoneScreen | null,
    textMax: OBJECTION_TEXT_MAX,
    contactMax: OBJECTION_CONTACT_MAX,
    /** 异议处理结果通知: asked in the send tap; none for someone the cloud could not tell (or none configured). */
    messageTemplateIds: [] as string[],
  },

  methods: {
    onTextChange(event: ChangeEvent) {
      const text = event.detail.value;
      this.setData({ text, remaining: remainingText(text), formError: '' });
    },

    onContactChange(event: ChangeEvent) {
      this.setData({ contact: event.detail.value, formError: '' });
    },

    onSubmit() {
      return this._submit();
    },

    onBack() {
      void wx.navigateBack({ delta: 1 });
    },

    onMyObjections() {
      void wx.redirectTo({ url: MY_OBJECTIONS_URL });
    },

    _load() {
      const noticeId = this.data.noticeId;
      if (!noticeId) {
        this.setData({ state: 'error', errorMessage: MISSING_NOTICE_MESSAGE });
        return Promise.resolve();
      }
      return loadScreen(this, async () => {
        const [notice, messageTemplateIds] = await Promise.all([
          fetchNotice(noticeId),
          fetchMessageTemplates('objected'),
        ]);
        return { notice: toNoticeScreen(notice), messageTemplateIds };
      });
    },

    async _submit() {
      if (this.data.submitting || this.data.done) return;
      const problems = objectionProblems(this.data.text, this.data.contact);
      if (problems.length > 0) {
        this.setData({ formError: problems.join('；') });
        return;
      }
      const requestId = this.data.requestId || newRequestId('obj');
      this.setData({ requestId, submitting: true, formError: '' });
      // Asked in the tap itself (before anything is awaited); declining changes nothing.
      const subscribed = askToSubscribe(this.data.messageTemplateIds);
      try {
        const contact = this.data.contact.trim();
        const result = await raiseObjection({
          requestId,
          noticeId: this.data.noticeId,
          text: this.data.text.trim(),
          contact: contact || null,
        });
        this.setData({ submitting: false, done: toDoneScreen(result) });
        showToast(this, { message: '异议已提交', theme: 'success' });
        await recordSubscriptions(await subscribed);
      } catch (err) {
        const message = errorMessage(err);
        this.setData({ submitting: false, formError: message });
        showToast(this, { message, theme: 'error' });
      }
    },
  },
});
