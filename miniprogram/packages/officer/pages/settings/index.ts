/** 救助标准设置 (R-CAP-3): the president sets the society's tiers inside the caps and the second approver. */
import { screenBehavior } from '../../../../behaviors/screen';
import { loadScreenFor, type LoadState } from '../../../../utils/load-screen';
import { showToast } from '../../../../utils/toast';
import { CloudCallError, errorMessage } from '../../../../services/cloud';
import { fetchReliefSettings, saveReliefSettings } from '../../../../services/cases';
import { fetchMe, fetchMembers } from '../../../../services/societies';
import type { ReliefSettingsView } from '../../../../domain/case';
import type { MemberView } from '../../../../domain/registry';
import type { ReliefType } from '../../../../domain/relief';
import {
  MISSING_SOCIETY_MESSAGE,
  NOT_A_READER_MESSAGE,
  READ_ONLY_NOTE,
  SAVED_TOAST,
  addTier,
  changeTier,
  parseTiers,
  removeTier,
  settingsAccess,
  toSettingsScreen,
  toTiersDraft,
} from './view';
import type { SettingsAccess, SettingsScreen, TierDraft, TiersDraft } from './view';

type TierEvent = WechatMiniprogram.CustomEvent<
  { value: string },
  Record<string, never>,
  { type: ReliefType; id: string; field: keyof TierDraft }
>;
type ValueEvent = WechatMiniprogram.CustomEvent<Record<string, never>, Record<string, never>, { value: string }>;

Component({
  behaviors: [screenBehavior],

  properties: {
    societyId: { type: String, value: '' },
  },

  data: {
    state: 'loading' as LoadState,
    errorMessage: '',
    access: 'none' as SettingsAccess,
    view: null as ReliefSettingsView | null,
    members: [] as MemberView[],
    draft: { supplementary: [], emergency: [] } as TiersDraft,
    approverUserId: '',
    screen: null as SettingsScreen | null,
    /** Why the tiers cannot be saved (the domain's Chinese messages, or the cloud's). */
    problems: [] as string[],
    saving: false,
    readOnlyNote: READ_ONLY_NOTE,
    notAReaderMessage: NOT_A_READER_MESSAGE,
  },

  methods: {
    _load() {
      return loadScreenFor(this, this.data.societyId, MISSING_SOCIETY_MESSAGE, async (societyId) => {
        try {
          const me = await fetchMe();
          const access = settingsAccess(me, societyId);
          if (access === 'none') return 'forbidden';
          const [view, members] = await Promise.all([
            fetchReliefSettings(societyId),
            access === 'edit' ? fetchMembers(societyId) : Promise.resolve([] as MemberView[]),
          ]);
          const draft = toTiersDraft(view.tiers);
          return {
            access,
            view,
            members,
            draft,
            approverUserId: view.secondApprover?.userId ?? '',
            problems: [],
            screen: toSettingsScreen(view, draft, members),
          };
        } catch (err) {
          if (err instanceof CloudCallError && err.code === 'FORBIDDEN') return 'forbidden';
          throw err;
        }
      });
    },

    _setDraft(draft: TiersDraft) {
      if (!this.data.view) return;
      this.setData({ draft, problems: [], screen: toSettingsScreen(this.data.view, draft, this.data.members) });
    },

    onTierInput(event: TierEvent) {
      const { type, id, field } = event.currentTarget.dataset;
      this._setDraft(changeTier(this.data.draft, type, id, { [field]: event.detail.value }));
    },

    onAddTier(event: ValueEvent) {
      this._setDraft(addTier(this.data.draft, event.currentTarget.dataset.value as ReliefType));
    },

    onRemoveTier(
      event: WechatMiniprogram.CustomEvent<
        Record<string, never>,
        Record<string, never>,
        { type: ReliefType; id: string }
      >,
    ) {
      const { type, id } = event.currentTarget.dataset;
      this._setDraft(removeTier(this.data.draft, type, id));
    },

    onPickApprover(event: ValueEvent) {
      this.setData({ approverUserId: event.currentTarget.dataset.value, problems: [] });
    },

    /** R-CAP-1/2/3: the domain refuses tiers above the caps before anything is sent; the cloud checks again. */
    async onSave() {
      if (this.data.saving || this.data.access !== 'edit') return;
      const { tiers, problems } = parseTiers(this.data.draft);
      if (problems.length) {
        this.setData({ problems });
        return;
      }
      this.setData({ saving: true, problems: [] });
      try {
        const view = await saveReliefSettings(this.data.societyId, tiers, this.data.approverUserId || null);
        const draft = toTiersDraft(view.tiers);
        this.setData({
          view,
          draft,
          approverUserId: view.secondApprover?.userId ?? '',
          screen: toSettingsScreen(view, draft, this.data.members),
          saving: false,
        });
        showToast(this, { message: SAVED_TOAST, theme: 'success' });
      } catch (err) {
        this.setData({ saving: false, problems: [errorMessage(err)] });
      }
    },
  },
});
