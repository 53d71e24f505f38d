/**
 * 个人信息申请 (PIPL art. 50): the society's officers answer villagers' requests to see, correct
 * or delete their own data — done (what was done) or refused (why) — within 15 working days; the
 * township (opened without a society) sees its societies' requests and deadlines, masked.
 */
import { screenBehavior } from '../../../../behaviors/screen';
import { loadScreen, type LoadState } from '../../../../utils/load-screen';
import { showToast } from '../../../../utils/toast';
import { orForbidden } from '../../../../utils/fund-format';
import { errorMessage } from '../../../../services/cloud';
import { answerDataRequest, fetchDataRequests } from '../../../../services/data-requests';
import {
  ANSWERED_TOAST,
  EMPTY_TEXT,
  FORBIDDEN_MESSAGE,
  answerProblem,
  toDataRequestsScreen,
  type DataRequestsScreen,
} from './view';

type PickEvent = WechatMiniprogram.CustomEvent<Record<string, never>, Record<string, never>, { value: string }>;
type InputEvent = WechatMiniprogram.CustomEvent<{ value: string }>;

Component({
  behaviors: [screenBehavior],

  properties: {
    societyId: { type: String, value: '' },
  },

  data: {
    state: 'loading' as LoadState,
    errorMessage: '',
    forbiddenMessage: FORBIDDEN_MESSAGE,
    emptyText: EMPTY_TEXT,
    screen: null as DataRequestsScreen | null,
    answeringId: '',
    answer: '',
    answerError: '',
    busy: false,
  },

  methods: {
    onOpenAnswer(event: PickEvent) {
      this.setData({ answeringId: event.currentTarget.dataset.value, answer: '', answerError: '' });
    },

    onCancelAnswer() {
      this.setData({ answeringId: '', answerError: '' });
    },

    onAnswerInput(event: InputEvent) {
      this.setData({ answer: event.detail.value, answerError: '' });
    },

    async onAnswer(event: PickEvent) {
      if (this.data.busy || !this.data.answeringId) return;
      const outcome = event.currentTarget.dataset.value as 'accepted' | 'refused';
      const problem = answerProblem(outcome, this.data.answer);
      if (problem) {
        this.setData({ answerError: problem });
        return;
      }
      this.setData({ busy: true, answerError: '' });
      try {
        const view = await answerDataRequest({
          dataRequestId: this.data.answeringId,
          outcome,
          answer: this.data.answer.trim(),
        });
        this.setData({ busy: false, answeringId: '', screen: toDataRequestsScreen(view) });
        showToast(this, { message: ANSWERED_TOAST, theme: 'success' });
      } catch (err) {
        this.setData({ busy: false, answerError: errorMessage(err) });
      }
    },

    _load() {
      return loadScreen(this, () =>
        orForbidden(async () => ({
          screen: toDataRequestsScreen(await fetchDataRequests(this.data.societyId || undefined)),
        })),
      );
    },
  },
});
