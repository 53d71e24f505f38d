/**
 * 本社登记与成员 (R-ORG-1, R-ORG-2): settings, the activation checklist, edits by the president,
 * activation/suspension by the county (registered) or township (filed), and the roster with
 * revocation (reason required, attributed by the cloud).
 */
import { screenBehavior } from '../../../../behaviors/screen';
import { loadScreenFor, type LoadState } from '../../../../utils/load-screen';
import { showToast } from '../../../../utils/toast';
import { errorMessage } from '../../../../services/cloud';
import {
  activateSociety,
  fetchMe,
  fetchMembers,
  fetchSocietySettings,
  resumeSociety,
  revokeRole,
  setSocietyPhone,
  suspendSociety,
  updateSociety,
} from '../../../../services/societies';
import type { SocietySettingsView } from '../../../../domain/registry';
import type { Role } from '../../../../domain/society';
import { MISSING_SOCIETY_MESSAGE, orForbidden, rolesFor } from '../../utils/access';
import {
  editFormOf,
  reasonProblem,
  registrationProblem,
  settingsPermissions,
  toMemberRows,
  toSettingsScreen,
  toUpdateInput,
  publicPhoneText,
  toPublicPhone,
  type EditForm,
  type MemberRow,
  type SettingsPermissions,
  type SettingsScreen,
} from './view';

type StatusAction = '' | 'activate' | 'suspend' | 'resume';
type InputEvent = WechatMiniprogram.CustomEvent<{ value: string }, Record<string, never>, { field: string }>;
type TapEvent = WechatMiniprogram.CustomEvent<Record<string, never>, Record<string, never>, { id: string }>;

const STATUS_TITLES: Record<Exclude<StatusAction, ''>, string> = {
  activate: '启动互助社',
  suspend: '暂停互助社',
  resume: '恢复互助社',
};

Component({
  behaviors: [screenBehavior],

  properties: {
    societyId: { type: String, value: '' },
  },

  data: {
    state: 'loading' as LoadState,
    errorMessage: '',
    settings: null as SocietySettingsView | null,
    screen: null as SettingsScreen | null,
    perms: null as SettingsPermissions | null,
    members: [] as MemberRow[],
    roles: [] as Role[],
    myUserId: null as string | null,
    editing: false,
    form: null as EditForm | null,
    statusAction: '' as StatusAction,
    statusTitle: '',
    statusInput: '',
    revoking: '',
    revokeName: '',
    revokeReason: '',
    formError: '',
    busy: false,
    /** 联系互助社: the number shown, and what the president or secretary is typing. */
    phoneText: '',
    phoneInput: '',
    phoneError: '',
  },

  methods: {
    _load() {
      return loadScreenFor(this, this.data.societyId, MISSING_SOCIETY_MESSAGE, async (societyId) => {
        const settings = await orForbidden(fetchSocietySettings(societyId));
        if (settings === 'forbidden') return 'forbidden';
        const [me, members] = await Promise.all([fetchMe(), fetchMembers(societyId, true)]);
        const roles = rolesFor(me, societyId);
        return {
          settings,
          phoneText: publicPhoneText(settings),
          phoneInput: settings.publicPhone ?? '',
          screen: toSettingsScreen(settings),
          perms: settingsPermissions(settings, roles),
          members: toMemberRows(members, roles, me.userId),
          roles,
          myUserId: me.userId,
        };
      });
    },

    _applySettings(settings: SocietySettingsView) {
      this.setData({
        settings,
        phoneText: publicPhoneText(settings),
        screen: toSettingsScreen(settings),
        perms: settingsPermissions(settings, this.data.roles),
      });
    },

    // --- edit (president) ---

    onStartEdit() {
      if (!this.data.settings) return;
      this.setData({ editing: true, form: editFormOf(this.data.settings), formError: '' });
    },

    onCancelEdit() {
      this.setData({ editing: false, formError: '' });
    },

    onFormInput(event: InputEvent) {
      this.setData({ [`form.${event.currentTarget.dataset.field}`]: event.detail.value, formError: '' });
    },

    onToggleCharter() {
      if (this.data.form) this.setData({ 'form.hasCharter': !this.data.form.hasCharter });
    },

    async onSaveEdit() {
      const { settings, form } = this.data;
      if (!settings || !form || this.data.busy) return;
      const checked = toUpdateInput(settings, form);
      if (!checked.ok) {
        this.setData({ formError: checked.problem });
        return;
      }
      await this._run(async () => {
        this._applySettings(await updateSociety(checked.input));
        this.setData({ editing: false });
        return '已保存';
      });
    },

    // --- public phone (president or secretary) ---

    onPhoneInput(event: { detail: { value: string } }) {
      this.setData({ phoneInput: event.detail.value, phoneError: '' });
    },

    async onSavePhone() {
      const { settings } = this.data;
      if (!settings || this.data.busy) return;
      const checked = toPublicPhone(this.data.phoneInput);
      if (!checked.ok) {
        this.setData({ phoneError: checked.problem });
        return;
      }
      await this._run(async () => {
        this._applySettings(await setSocietyPhone(settings.id, checked.phone));
        return checked.phone ? '联系电话已保存' : '联系电话已清除';
      });
    },

    // --- status (county for registered, township for filed) ---

    onStartStatus(
      event: WechatMiniprogram.CustomEvent<Record<string, never>, Record<string, never>, { action: string }>,
    ) {
      const action = event.currentTarget.dataset.action as Exclude<StatusAction, ''>;
      this.setData({ statusAction: action, statusTitle: STATUS_TITLES[action], statusInput: '', formError: '' });
    },

    onCancelStatus() {
      this.setData({ statusAction: '', formError: '' });
    },

    onStatusInput(event: InputEvent) {
      this.setData({ statusInput: event.detail.value, formError: '' });
    },

    async onConfirmStatus() {
      const { statusAction, statusInput, societyId } = this.data;
      if (!statusAction || this.data.busy) return;
      const problem = statusAction === 'activate' ? registrationProblem(statusInput) : reasonProblem(statusInput);
      if (problem) {
        this.setData({ formError: problem });
        return;
      }
      const text = statusInput.trim();
      await this._run(async () => {
        const settings =
          statusAction === 'activate'
            ? await activateSociety(societyId, text)
            : statusAction === 'suspend'
              ? await suspendSociety(societyId, text)
              : await resumeSociety(societyId, text);
        this._applySettings(settings);
        this.setData({ statusAction: '' });
        return `${STATUS_TITLES[statusAction].replace('互助社', '')}成功`;
      });
    },

    // --- roster ---

    onStartRevoke(event: TapEvent) {
      const id = event.currentTarget.dataset.id;
      const row = this.data.members.find((member) => member.membershipId === id);
      if (!row) return;
      this.setData({ revoking: id, revokeName: `${row.name}（${row.roleLabel}）`, revokeReason: '', formError: '' });
    },

    onCancelRevoke() {
      this.setData({ revoking: '', formError: '' });
    },

    onRevokeInput(event: InputEvent) {
      this.setData({ revokeReason: event.detail.value, formError: '' });
    },

    async onConfirmRevoke() {
      const { revoking, revokeReason, societyId } = this.data;
      if (!revoking || this.data.busy) return;
      const problem = reasonProblem(revokeReason);
      if (problem) {
        this.setData({ formError: problem });
        return;
      }
      await this._run(async () => {
        await revokeRole(revoking, revokeReason.trim());
        const members = await fetchMembers(societyId, true);
        this.setData({ revoking: '', members: toMemberRows(members, this.data.roles, this.data.myUserId) });
        return '已撤销该角色';
      });
    },

    async _run(work: () => Promise<string>) {
      this.setData({ busy: true, formError: '' });
      try {
        const done = await work();
        this.setData({ busy: false });
        showToast(this, { message: done, theme: 'success' });
      } catch (err) {
        const message = errorMessage(err);
        this.setData({ busy: false, formError: message });
        showToast(this, { message, theme: 'error' });
      }
    },
  },
});
