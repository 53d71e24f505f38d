/** 认捐详情: payment details while awaiting receipt, the receipt once confirmed, the relief since; cancel while unconfirmed. */
import { screenBehavior } from '../../behaviors/screen';
import { loadScreen, type LoadState } from '../../utils/load-screen';
import { showToast } from '../../utils/toast';
import { errorMessage } from '../../services/cloud';
import { cancelPledge, fetchPledge } from '../../services/funds';
import { MISSING_PLEDGE_MESSAGE, cancelReasonProblem, toPledgeScreen, type PledgeScreen } from './view';

Component({
  behaviors: [screenBehavior],

  properties: {
    pledgeId: { type: String, value: '' },
  },

  data: {
    state: 'loading' as LoadState,
    errorMessage: '',
    screen: null as PledgeScreen | null,
    cancelling: false,
    cancelReason: '',
    formError: '',
    busy: false,
  },

  methods: {
    _load() {
      const pledgeId = decodeURIComponent(this.data.pledgeId);
      if (!pledgeId) {
        this.setData({ state: 'error', errorMessage: MISSING_PLEDGE_MESSAGE });
        return Promise.resolve();
      }
      return loadScreen(this, async () => ({ screen: toPledgeScreen(await fetchPledge(pledgeId)) }));
    },

    onStartCancel() {
      this.setData({ cancelling: true, cancelReason: '', formError: '' });
    },

    onStopCancel() {
      this.setData({ cancelling: false, formError: '' });
    },

    onReasonInput(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ cancelReason: event.detail.value, formError: '' });
    },

    async onConfirmCancel() {
      if (this.data.busy || !this.data.screen) return;
      const problem = cancelReasonProblem(this.data.cancelReason);
      if (problem) {
        this.setData({ formError: problem });
        return;
      }
      this.setData({ busy: true, formError: '' });
      try {
        await cancelPledge(this.data.screen.id, this.data.cancelReason.trim());
        const screen = toPledgeScreen(await fetchPledge(this.data.screen.id));
        this.setData({ busy: false, cancelling: false, screen });
        showToast(this, { message: '认捐已取消', theme: 'success' });
      } catch (err) {
        const message = errorMessage(err);
        this.setData({ busy: false, formError: message });
        showToast(this, { message, theme: 'error' });
      }
    },
  },
});
