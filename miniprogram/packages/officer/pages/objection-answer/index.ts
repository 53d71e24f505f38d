/**
 * The answer to one objection (secretary or president of the notice's society): the objection,
 * the contact if left, the notice, the deadline in working days, the answers given before to the
 * same notice; the answer is sent once and kept (R-OVS-3). Opened from the notices to-do with
 * ?objectionId=&societyId=&noticeId= (the last two narrow the look-up; the officer's own society
 * is used when societyId is missing).
 */
import { screenBehavior } from '../../../../behaviors/screen';
import { loadScreenFor, type LoadState } from '../../../../utils/load-screen';
import { showToast } from '../../../../utils/toast';
import { CloudCallError, errorMessage } from '../../../../services/cloud';
import { fetchMe } from '../../../../services/societies';
import { answerObjection, fetchNotice, fetchObjections } from '../../../../services/notices';
import type { ObjectionOutcome, ObjectionView } from '../../../../domain/notices';
import { pickOfficerSeat } from '../workbench/view';
import { isForbidden } from '../notices/view';
import {
  ANSWER_FINAL_NOTE,
  ANSWER_SENT_MESSAGE,
  MISSING_OBJECTION_MESSAGE,
  NOT_ANSWERER_MESSAGE,
  NOT_FOUND_MESSAGE,
  OBJECTION_ANSWER_MAX,
  OUTCOME_OPTIONS,
  answerProblems,
  earlierAnswers,
  toNoticeSummary,
  toObjectionScreen,
  type NoticeSummary,
  type ObjectionScreen,
} from './view';

type ChangeEvent = { detail: { value: string } };
type PickEvent = { currentTarget: { dataset: { value?: ObjectionOutcome } } };

const PAGE_SIZE = 50;

/** The objection among the society's (or the notice's) objections, paging until found. */
async function findObjection(
  societyId: string,
  objectionId: string,
  noticeId: string,
): Promise<{ objection: ObjectionView; siblings: ObjectionView[] }> {
  if (noticeId) {
    const ofNotice = await fetchObjections(societyId, { noticeId, status: 'all', limit: PAGE_SIZE });
    const found = ofNotice.items.find((item) => item.id === objectionId);
    if (found) return { objection: found, siblings: ofNotice.items };
  }
  for (let offset = 0; ; offset += PAGE_SIZE) {
    const page = await fetchObjections(societyId, { status: 'all', offset, limit: PAGE_SIZE });
    const found = page.items.find((item) => item.id === objectionId);
    if (found) {
      const ofNotice = await fetchObjections(societyId, { noticeId: found.noticeId, status: 'all', limit: PAGE_SIZE });
      return { objection: found, siblings: ofNotice.items };
    }
    if (offset + PAGE_SIZE >= page.total) throw new CloudCallError('NOT_FOUND', NOT_FOUND_MESSAGE);
  }
}

Component({
  behaviors: [screenBehavior],

  properties: {
    objectionId: { type: String, value: '' },
    societyId: { type: String, value: '' },
    noticeId: { type: String, value: '' },
  },

  data: {
    state: 'loading' as LoadState,
    errorMessage: '',
    forbiddenMessage: NOT_ANSWERER_MESSAGE,
    finalNote: ANSWER_FINAL_NOTE,
    answerMax: OBJECTION_ANSWER_MAX,
    outcomes: OUTCOME_OPTIONS,
    objection: null as ObjectionScreen | null,
    notice: null as NoticeSummary | null,
    earlier: [] as ObjectionScreen[],
    answer: '',
    outcome: '' as ObjectionOutcome | '',
    formError: '',
    sending: false,
  },

  methods: {
    onBack() {
      void wx.navigateBack({ delta: 1 });
    },

    onAnswerChange(event: ChangeEvent) {
      this.setData({ answer: event.detail.value, formError: '' });
    },

    onPickOutcome(event: PickEvent) {
      const value = event.currentTarget.dataset.value;
      if (value) this.setData({ outcome: value, formError: '' });
    },

    onSend() {
      return this._send();
    },

    _load() {
      return loadScreenFor(this, this.data.objectionId, MISSING_OBJECTION_MESSAGE, async (objectionId) => {
        const me = await fetchMe();
        const asked = this.data.societyId;
        const seat = pickOfficerSeat(me, asked || undefined);
        // The supervision committee reads objections too, but only the society's officers answer.
        if (!seat || (asked && seat.societyId !== asked)) return 'forbidden';
        try {
          const { objection, siblings } = await findObjection(seat.societyId, objectionId, this.data.noticeId);
          const notice = await fetchNotice(objection.noticeId);
          return {
            objection: toObjectionScreen(objection),
            notice: toNoticeSummary(notice),
            earlier: earlierAnswers(siblings, objection.id),
          };
        } catch (err) {
          if (isForbidden(err)) return 'forbidden';
          throw err;
        }
      });
    },

    async _send() {
      const objection = this.data.objection;
      if (!objection || objection.answered || this.data.sending) return;
      const problems = answerProblems(this.data.answer, this.data.outcome);
      if (problems.length > 0 || !this.data.outcome) {
        this.setData({ formError: problems.join('；') });
        return;
      }
      this.setData({ sending: true, formError: '' });
      try {
        const answered = await answerObjection(objection.id, this.data.answer.trim(), this.data.outcome);
        this.setData({ sending: false, objection: toObjectionScreen(answered) });
        showToast(this, { message: ANSWER_SENT_MESSAGE, theme: 'success' });
      } catch (err) {
        // The answer typed stays on screen for another try.
        const message = errorMessage(err);
        this.setData({ sending: false, formError: message });
        showToast(this, { message, theme: 'error' });
      }
    },
  },
});
