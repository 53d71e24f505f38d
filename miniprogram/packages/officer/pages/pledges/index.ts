/**
 * 认捐到账确认: the society's pledges by status; the secretary confirms receipt with the amount
 * that arrived and the slip number — the cloud writes the donation entry (R-FUND-3) and refuses a
 * donor confirming their own pledge. One entry id per pledge, kept across retries.
 */
import { screenBehavior } from '../../../../behaviors/screen';
import { loadScreenFor, type LoadState } from '../../../../utils/load-screen';
import { showToast } from '../../../../utils/toast';
import { errorMessage } from '../../../../services/cloud';
import { confirmReceipt, fetchSocietyPledges, newRequestId } from '../../../../services/funds';
import { fetchMe, fetchSocietyPublicPage } from '../../../../services/societies';
import type { Role, SocietyForm } from '../../../../domain/society';
import { MISSING_SOCIETY_MESSAGE, orForbidden, rolesFor } from '../../utils/access';
import { PLEDGE_FILTERS, toConfirmInput, toSocietyPledgeRows, type PledgeFilter, type SocietyPledgeRow } from './view';

type DataEvent = WechatMiniprogram.CustomEvent<
  Record<string, never>,
  Record<string, never>,
  { value: string; id: string }
>;
type InputEvent = WechatMiniprogram.CustomEvent<{ value: string }, Record<string, never>, { field: string }>;

Component({
  behaviors: [screenBehavior],

  properties: {
    societyId: { type: String, value: '' },
  },

  data: {
    state: 'loading' as LoadState,
    errorMessage: '',
    societyName: '',
    form: 'registered' as SocietyForm,
    roles: [] as Role[],
    filters: PLEDGE_FILTERS,
    filter: 'pledged' as PledgeFilter,
    pledges: [] as SocietyPledgeRow[],
    confirming: '',
    confirmForm: { amount: '', slip: '', date: '' },
    /** pledge id → entry id: the donation entry's id, made once and kept across retries. */
    entryIds: {} as Record<string, string>,
    formError: '',
    busy: false,
  },

  methods: {
    _load() {
      return loadScreenFor(this, this.data.societyId, MISSING_SOCIETY_MESSAGE, async (societyId) => {
        const items = await orForbidden(fetchSocietyPledges(societyId, this._status()));
        if (items === 'forbidden') return 'forbidden';
        const [me, society] = await Promise.all([fetchMe(), fetchSocietyPublicPage(societyId)]);
        const roles = rolesFor(me, societyId);
        return {
          societyName: society.name,
          form: society.form,
          roles,
          pledges: toSocietyPledgeRows(items, roles, society.form),
        };
      });
    },

    _status() {
      return this.data.filter === 'all' ? undefined : this.data.filter;
    },

    async _reloadList() {
      const items = await fetchSocietyPledges(this.data.societyId, this._status());
      this.setData({ pledges: toSocietyPledgeRows(items, this.data.roles, this.data.form) });
    },

    async onPickFilter(event: DataEvent) {
      this.setData({ filter: event.currentTarget.dataset.value as PledgeFilter, confirming: '' });
      try {
        await this._reloadList();
      } catch (err) {
        showToast(this, { message: errorMessage(err), theme: 'error' });
      }
    },

    onStartConfirm(event: DataEvent) {
      const id = event.currentTarget.dataset.id;
      const row = this.data.pledges.find((pledge) => pledge.id === id);
      if (!row) return;
      this.setData({ confirming: id, confirmForm: { amount: row.amountInput, slip: '', date: '' }, formError: '' });
    },

    onCancelConfirm() {
      this.setData({ confirming: '', formError: '' });
    },

    onConfirmInput(event: InputEvent) {
      this.setData({ [`confirmForm.${event.currentTarget.dataset.field}`]: event.detail.value, formError: '' });
    },

    async onConfirmReceipt() {
      const pledgeId = this.data.confirming;
      if (!pledgeId || this.data.busy) return;
      const checked = toConfirmInput(this.data.confirmForm);
      if (!checked.ok) {
        this.setData({ formError: checked.problem });
        return;
      }
      const entryId = this.data.entryIds[pledgeId] || newRequestId('don');
      this.setData({ entryIds: { ...this.data.entryIds, [pledgeId]: entryId }, busy: true, formError: '' });
      try {
        await confirmReceipt({ pledgeId, entryId, amountFen: checked.amountFen, slip: checked.slip });
        this.setData({ busy: false, confirming: '' });
        showToast(this, { message: '已确认到账，已记入资金台账', theme: 'success' });
        await this._reloadList();
      } catch (err) {
        const message = errorMessage(err);
        this.setData({ busy: false, formError: message });
        showToast(this, { message, theme: 'error' });
      }
    },
  },
});
