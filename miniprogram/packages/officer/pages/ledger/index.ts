/**
 * 资金台账 (R-FUND-3): the society's ledger, newest first, paged, with the balance; the secretary
 * records county subsidy, collective funds and bank interest, and reverses a mistaken entry by
 * naming it (reason required). Entry ids are made once per form and kept across retries, so a
 * retry after a timeout never records twice. Members read the fund report, not this page.
 */
import { screenBehavior } from '../../../../behaviors/screen';
import { loadScreenFor, type LoadState } from '../../../../utils/load-screen';
import { showToast } from '../../../../utils/toast';
import { errorMessage } from '../../../../services/cloud';
import { fetchFundEntries, fetchFundReport, newRequestId, recordEntry, reverseEntry } from '../../../../services/funds';
import { fetchMe, fetchSocietyPublicPage } from '../../../../services/societies';
import { beijingMonthOf, type FundEntryView } from '../../../../domain/funds';
import type { SocietyForm } from '../../../../domain/society';
import { MISSING_SOCIETY_MESSAGE, holdsAny, rolesFor } from '../../utils/access';
import {
  ENTRY_TYPE_OPTIONS,
  LEDGER_PAGE_ROLES,
  LEDGER_PAGE_SIZE,
  NOT_A_BOOKKEEPER_NOTE,
  balanceText,
  emptyEntryForm,
  entryName,
  ledgerFrom,
  mayKeepBooks,
  reverseReasonProblem,
  toEntryInput,
  toEntryRows,
  type EntryForm,
  type EntryRow,
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
    form: 'registered' as SocietyForm,
    canKeepBooks: false,
    readOnlyNote: NOT_A_BOOKKEEPER_NOTE,
    balanceFen: 0,
    balanceText: '',
    from: '',
    entries: [] as FundEntryView[],
    rows: [] as EntryRow[],
    total: 0,
    hasMore: false,
    loadingMore: false,
    typeOptions: ENTRY_TYPE_OPTIONS,
    recording: false,
    entryForm: emptyEntryForm() as EntryForm,
    /** The entry id of the form being recorded: kept across retries, new after success. */
    entryId: '',
    reversing: '',
    reverseName: '',
    reverseReason: '',
    /** reversed entry id → the reversal's entry id, kept across retries. */
    reversalIds: {} as Record<string, string>,
    formError: '',
    busy: false,
  },

  methods: {
    _load() {
      return loadScreenFor(this, this.data.societyId, MISSING_SOCIETY_MESSAGE, async (societyId) => {
        const roles = rolesFor(await fetchMe(), societyId);
        if (!holdsAny(roles, LEDGER_PAGE_ROLES)) return 'forbidden';
        const from = ledgerFrom(beijingMonthOf(new Date()));
        const [society, report, page] = await Promise.all([
          fetchSocietyPublicPage(societyId),
          fetchFundReport(societyId),
          fetchFundEntries({ societyId, from, offset: 0, limit: LEDGER_PAGE_SIZE }),
        ]);
        const canKeepBooks = mayKeepBooks(roles, society.form);
        return {
          societyName: society.name,
          form: society.form,
          canKeepBooks,
          from,
          balanceFen: report.currentBalanceFen,
          balanceText: balanceText(report.currentBalanceFen),
          entries: page.items,
          rows: toEntryRows(page.items, canKeepBooks),
          total: page.total,
          hasMore: page.items.length < page.total,
        };
      });
    },

    /** After a change: the first page again, and the balance the cloud answered. */
    async _refreshEntries(balanceFen: number) {
      const page = await fetchFundEntries({
        societyId: this.data.societyId,
        from: this.data.from,
        offset: 0,
        limit: Math.max(LEDGER_PAGE_SIZE, this.data.entries.length),
      });
      this.setData({
        balanceFen,
        balanceText: balanceText(balanceFen),
        entries: page.items,
        rows: toEntryRows(page.items, this.data.canKeepBooks),
        total: page.total,
        hasMore: page.items.length < page.total,
      });
    },

    async onLoadMore() {
      if (this.data.loadingMore || this.data.entries.length >= this.data.total) return;
      this.setData({ loadingMore: true });
      try {
        const page = await fetchFundEntries({
          societyId: this.data.societyId,
          from: this.data.from,
          offset: this.data.entries.length,
          limit: LEDGER_PAGE_SIZE,
        });
        const entries = [...this.data.entries, ...page.items];
        this.setData({
          loadingMore: false,
          entries,
          rows: toEntryRows(entries, this.data.canKeepBooks),
          total: page.total,
          hasMore: entries.length < page.total,
        });
      } catch (err) {
        this.setData({ loadingMore: false });
        showToast(this, { message: errorMessage(err), theme: 'error' });
      }
    },

    // --- record an entry ---

    onStartRecord() {
      this.setData({ recording: true, reversing: '', formError: '' });
    },

    onCancelRecord() {
      this.setData({ recording: false, formError: '' });
    },

    onPickType(event: DataEvent) {
      this.setData({ 'entryForm.type': event.currentTarget.dataset.value, formError: '' });
    },

    onEntryInput(event: InputEvent) {
      this.setData({ [`entryForm.${event.currentTarget.dataset.field}`]: event.detail.value, formError: '' });
    },

    async onRecord() {
      if (this.data.busy) return;
      const checked = toEntryInput(this.data.entryForm);
      if (!checked.ok) {
        this.setData({ formError: checked.problem });
        return;
      }
      const entryId = this.data.entryId || newRequestId('ent');
      this.setData({ entryId, busy: true, formError: '' });
      try {
        const result = await recordEntry({ societyId: this.data.societyId, entryId, ...checked.input });
        this.setData({ busy: false, recording: false, entryId: '', entryForm: emptyEntryForm() });
        showToast(this, { message: result.replayed ? '这笔已记过，未重复记账' : '已记账', theme: 'success' });
        await this._refreshEntries(result.balanceFen);
      } catch (err) {
        const message = errorMessage(err);
        this.setData({ busy: false, formError: message });
        showToast(this, { message, theme: 'error' });
      }
    },

    // --- reverse an entry ---

    onStartReverse(event: DataEvent) {
      const id = event.currentTarget.dataset.id;
      const entry = this.data.entries.find((candidate) => candidate.id === id);
      if (!entry) return;
      this.setData({
        reversing: id,
        reverseName: entryName(entry),
        reverseReason: '',
        recording: false,
        formError: '',
      });
    },

    onCancelReverse() {
      this.setData({ reversing: '', formError: '' });
    },

    onReasonInput(event: InputEvent) {
      this.setData({ reverseReason: event.detail.value, formError: '' });
    },

    async onReverse() {
      const target = this.data.reversing;
      if (!target || this.data.busy) return;
      const problem = reverseReasonProblem(this.data.reverseReason);
      if (problem) {
        this.setData({ formError: problem });
        return;
      }
      const entryId = this.data.reversalIds[target] || newRequestId('rev');
      this.setData({ reversalIds: { ...this.data.reversalIds, [target]: entryId }, busy: true, formError: '' });
      try {
        const result = await reverseEntry({
          societyId: this.data.societyId,
          entryId,
          reversesEntryId: target,
          reason: this.data.reverseReason.trim(),
        });
        this.setData({ busy: false, reversing: '' });
        showToast(this, { message: '已冲正', theme: 'success' });
        await this._refreshEntries(result.balanceFen);
      } catch (err) {
        const message = errorMessage(err);
        this.setData({ busy: false, formError: message });
        showToast(this, { message, theme: 'error' });
      }
    },
  },
});
