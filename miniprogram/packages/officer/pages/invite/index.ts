/**
 * 邀请会员与捐赠人 (R-FUND-2: donors come by invitation, never through a public listing): create
 * an invitation for a role (the code is shown once, big, with the link and a copy button), the
 * society's invitations with their status, and revoking an open one. One request id per
 * invitation, kept across retries.
 */
import { screenBehavior } from '../../../../behaviors/screen';
import { loadScreenFor, type LoadState } from '../../../../utils/load-screen';
import { showToast } from '../../../../utils/toast';
import { errorMessage } from '../../../../services/cloud';
import { newRequestId } from '../../../../services/request-id';
import {
  createInvitation,
  fetchInvitations,
  fetchMe,
  fetchSocietySettings,
  revokeInvitation,
} from '../../../../services/societies';
import type { InvitableRole } from '../../../../domain/registry';
import { MISSING_SOCIETY_MESSAGE, orForbidden, rolesFor } from '../../utils/access';
import {
  emptyInviteForm,
  inviteShareCard,
  invitableRoles,
  toCreatedScreen,
  toInvitationRows,
  toInviteInput,
  type CreatedScreen,
  type InvitationRow,
  type InviteForm,
} from './view';

type InputEvent = WechatMiniprogram.CustomEvent<{ value: string }, Record<string, never>, { field: string }>;
type DataEvent = WechatMiniprogram.CustomEvent<
  Record<string, never>,
  Record<string, never>,
  { id: string; value: string }
>;

Component({
  behaviors: [screenBehavior],

  properties: {
    societyId: { type: String, value: '' },
  },

  data: {
    state: 'loading' as LoadState,
    errorMessage: '',
    societyName: '',
    roleOptions: [] as Array<{ value: InvitableRole; label: string }>,
    form: emptyInviteForm(),
    requestId: '',
    created: null as CreatedScreen | null,
    invitations: [] as InvitationRow[],
    formError: '',
    busy: false,
    revoking: '',
  },

  methods: {
    _load() {
      return loadScreenFor(this, this.data.societyId, MISSING_SOCIETY_MESSAGE, async (societyId) => {
        const settings = await orForbidden(fetchSocietySettings(societyId));
        if (settings === 'forbidden') return 'forbidden';
        const me = await fetchMe();
        const roleOptions = invitableRoles(rolesFor(me, societyId), settings.form);
        if (roleOptions.length === 0) return 'forbidden';
        const invitations = await fetchInvitations(societyId);
        const keep = roleOptions.some((option) => option.value === this.data.form.role);
        return {
          societyName: settings.name,
          roleOptions,
          form: keep ? this.data.form : emptyInviteForm(roleOptions[0]!.value),
          invitations: toInvitationRows(invitations),
        };
      });
    },

    onPickRole(event: DataEvent) {
      this.setData({ 'form.role': event.currentTarget.dataset.value, formError: '' });
    },

    onFormInput(event: InputEvent) {
      this.setData({ [`form.${event.currentTarget.dataset.field}`]: event.detail.value, formError: '' });
    },

    async onCreate() {
      if (this.data.busy) return;
      const checked = toInviteInput(this.data.form as InviteForm);
      if (!checked.ok) {
        this.setData({ formError: checked.problem });
        return;
      }
      const requestId = this.data.requestId || newRequestId('inv');
      this.setData({ requestId, busy: true, formError: '' });
      try {
        const created = await createInvitation({ requestId, societyId: this.data.societyId, ...checked.input });
        // The next invitation is a new one: a new request id, an empty form.
        this.setData({
          busy: false,
          requestId: '',
          created: toCreatedScreen(created),
          form: emptyInviteForm(checked.input.role),
          invitations: toInvitationRows(await fetchInvitations(this.data.societyId)),
        });
        showToast(this, { message: '邀请已生成', theme: 'success' });
      } catch (err) {
        const message = errorMessage(err);
        this.setData({ busy: false, formError: message });
        showToast(this, { message, theme: 'error' });
      }
    },

    onCopyCode() {
      if (this.data.created) this._copy(this.data.created.code, '邀请码已复制');
    },

    onCopyLink() {
      if (this.data.created) this._copy(this.data.created.path, '邀请链接已复制');
    },

    /** The invitation as a WeChat card (the button has open-type="share"). */
    onShareAppMessage(event: { from?: string }) {
      return inviteShareCard(this.data.created, this.data.societyName, event?.from ?? 'menu');
    },

    onCloseCreated() {
      this.setData({ created: null });
    },

    _copy(text: string, done: string) {
      wx.setClipboardData({
        data: text,
        success: () => showToast(this, { message: done, theme: 'success' }),
        fail: () => showToast(this, { message: '复制失败，请手动抄写', theme: 'error' }),
      });
    },

    async onRevoke(event: DataEvent) {
      const invitationId = event.currentTarget.dataset.id;
      if (!invitationId || this.data.revoking) return;
      this.setData({ revoking: invitationId });
      try {
        await revokeInvitation(invitationId);
        this.setData({ revoking: '', invitations: toInvitationRows(await fetchInvitations(this.data.societyId)) });
        showToast(this, { message: '邀请已撤销', theme: 'success' });
      } catch (err) {
        this.setData({ revoking: '' });
        showToast(this, { message: errorMessage(err), theme: 'error' });
      }
    },
  },
});
