/**
 * 接受邀请 / 认捐 (R-FUND-2): opened from the society's link or code only. Without a valid code
 * the page shows why and no form. A member or officer invitation is accepted; a donor invitation
 * leads to the pledge form (amount in yuan, channel, named or anonymous), one request id per
 * pledge kept across retries, then the account details to pay to.
 */
import { screenBehavior } from '../../behaviors/screen';
import { loadScreen, type LoadState } from '../../utils/load-screen';
import { showToast } from '../../utils/toast';
import { errorMessage } from '../../services/cloud';
import { acceptInvitation, openInvitation } from '../../services/societies';
import { newRequestId, pledge } from '../../services/funds';
import { askToSubscribe, fetchMessageTemplates, recordSubscriptions } from '../../services/messages';
import {
  MISSING_CODE_MESSAGE,
  acceptedText,
  decodeCode,
  emptyPledgeForm,
  toInvitationScreen,
  toPledgeInput,
  toPledgedScreen,
  type InvitationScreen,
  type PledgeForm,
  type PledgedScreen,
} from './view';

type InputEvent = WechatMiniprogram.CustomEvent<{ value: string }, Record<string, never>, { field: string }>;
type DataEvent = WechatMiniprogram.CustomEvent<Record<string, never>, Record<string, never>, { value: string }>;

Component({
  behaviors: [screenBehavior],

  properties: {
    code: { type: String, value: '' },
  },

  data: {
    state: 'loading' as LoadState,
    errorMessage: '',
    invitation: null as InvitationScreen | null,
    form: emptyPledgeForm([]) as PledgeForm,
    acceptName: '',
    requestId: '',
    formError: '',
    busy: false,
    pledged: null as PledgedScreen | null,
    accepted: '',
    /** 捐赠进展通知 (gift received, relief paid from the fund): asked in the pledge tap; none configured, not asked. */
    messageTemplateIds: [] as string[],
  },

  methods: {
    _load() {
      const code = decodeCode(this.data.code);
      if (!code) {
        this.setData({ state: 'error', errorMessage: MISSING_CODE_MESSAGE });
        return Promise.resolve();
      }
      return loadScreen(this, async () => {
        const invitation = toInvitationScreen(await openInvitation(code));
        const messageTemplateIds = invitation.isDonor ? await fetchMessageTemplates('pledged') : [];
        return {
          invitation,
          form: emptyPledgeForm(invitation.channels),
          acceptName: invitation.inviteeName,
          messageTemplateIds,
        };
      });
    },

    onFormInput(event: InputEvent) {
      this.setData({ [`form.${event.currentTarget.dataset.field}`]: event.detail.value, formError: '' });
    },

    onPickChannel(event: DataEvent) {
      this.setData({ 'form.channel': event.currentTarget.dataset.value, formError: '' });
    },

    onPickShown(event: DataEvent) {
      this.setData({ 'form.anonymous': event.currentTarget.dataset.value === 'anonymous' });
    },

    onNameInput(event: InputEvent) {
      this.setData({ acceptName: event.detail.value, formError: '' });
    },

    async onPledge() {
      const invitation = this.data.invitation;
      if (!invitation?.isDonor || invitation.closedMessage || this.data.busy || this.data.pledged) return;
      const checked = toPledgeInput(this.data.form, invitation.channels);
      if (!checked.ok) {
        this.setData({ formError: checked.problem });
        return;
      }
      const requestId = this.data.requestId || newRequestId('pledge');
      this.setData({ requestId, busy: true, formError: '' });
      // Asked in the tap itself; counted once the pledge has made the donor known. Declining changes nothing.
      const subscribed = askToSubscribe(this.data.messageTemplateIds);
      try {
        const made = await pledge({ requestId, code: decodeCode(this.data.code), ...checked.input });
        await recordSubscriptions(await subscribed);
        this.setData({ busy: false, pledged: toPledgedScreen(made) });
        showToast(this, { message: '认捐已登记', theme: 'success' });
      } catch (err) {
        const message = errorMessage(err);
        this.setData({ busy: false, formError: message });
        showToast(this, { message, theme: 'error' });
      }
    },

    async onAccept() {
      const invitation = this.data.invitation;
      if (!invitation || invitation.isDonor || invitation.closedMessage || this.data.busy) return;
      this.setData({ busy: true, formError: '' });
      try {
        const name = this.data.acceptName.trim();
        const result = await acceptInvitation(decodeCode(this.data.code), name || undefined);
        this.setData({ busy: false, accepted: acceptedText(result) });
        showToast(this, { message: '已接受邀请', theme: 'success' });
      } catch (err) {
        const message = errorMessage(err);
        this.setData({ busy: false, formError: message });
        showToast(this, { message, theme: 'error' });
      }
    },

    onCopyAccount() {
      const account = this.data.pledged?.accountNumber;
      if (!account) return;
      wx.setClipboardData({
        data: account.replace(/\s/g, ''),
        success: () => showToast(this, { message: '账号已复制', theme: 'success' }),
      });
    },

    onOpenPledge() {
      if (this.data.pledged) void wx.redirectTo({ url: this.data.pledged.pledgeUrl });
    },

    onMyPledges() {
      void wx.redirectTo({ url: '/pages/my-pledges/index' });
    },

    onCopyFundraising() {
      const url = this.data.invitation?.publicFundraisingUrl;
      if (url) wx.setClipboardData({ data: url });
    },
  },
});
