/**
 * The fund report (R-OVS-4) for members, officers and the supervision committee: balance, money
 * in by channel and out by relief type for a chosen period (default this half-year), relief
 * person-times, entries with masked recipients, and whether it agrees with the ledger.
 */
import { screenBehavior } from '../../behaviors/screen';
import { loadScreenFor, type LoadState } from '../../utils/load-screen';
import { showToast } from '../../utils/toast';
import { orForbidden } from '../../utils/fund-format';
import { errorMessage } from '../../services/cloud';
import { fetchFundEntries, fetchFundReport } from '../../services/funds';
import type { Month } from '../../domain/funds';
import {
  ENTRIES_PAGE_SIZE,
  MISSING_SOCIETY_MESSAGE,
  NOT_A_MEMBER_MESSAGE,
  entriesCountText,
  periodProblem,
  toEntryRow,
  toFundReportScreen,
  type EntryRow,
  type FundReportScreen,
} from './view';

type PickEvent = { detail: { value: string } };

Component({
  behaviors: [screenBehavior],

  properties: {
    societyId: { type: String, value: '' },
  },

  data: {
    state: 'loading' as LoadState,
    errorMessage: '',
    notAMemberMessage: NOT_A_MEMBER_MESSAGE,
    screen: null as FundReportScreen | null,
    from: '' as Month,
    to: '' as Month,
    entries: [] as EntryRow[],
    entriesTotal: 0,
    entriesText: '',
    loadingMore: false,
    pickerVisible: false,
    pickerTarget: 'from' as 'from' | 'to',
    pickerValue: '',
  },

  methods: {
    onPickFrom() {
      this.setData({ pickerVisible: true, pickerTarget: 'from', pickerValue: this.data.from });
    },

    onPickTo() {
      this.setData({ pickerVisible: true, pickerTarget: 'to', pickerValue: this.data.to });
    },

    onPickerCancel() {
      this.setData({ pickerVisible: false });
    },

    onPickerConfirm(event: PickEvent) {
      this.setData({ pickerVisible: false });
      return this.data.pickerTarget === 'from'
        ? this.onPeriodChange(event.detail.value, this.data.to)
        : this.onPeriodChange(this.data.from, event.detail.value);
    },

    /** A new period: checked here, then the report and its first page of entries are asked again. */
    onPeriodChange(from: Month, to: Month) {
      const problem = periodProblem(from, to);
      if (problem) {
        showToast(this, { message: problem, theme: 'warning' });
        return Promise.resolve();
      }
      this.setData({ from, to });
      return this._load();
    },

    onMore() {
      return this._more();
    },

    _load() {
      const from = this.data.from || undefined;
      const to = this.data.to || undefined;
      return loadScreenFor(this, this.data.societyId, MISSING_SOCIETY_MESSAGE, (societyId) =>
        orForbidden(async () => {
          const [report, page] = await Promise.all([
            fetchFundReport(societyId, from, to),
            fetchFundEntries({ societyId, from, to, offset: 0, limit: ENTRIES_PAGE_SIZE }),
          ]);
          const entries = page.items.map(toEntryRow);
          return {
            screen: toFundReportScreen(report),
            from: report.from,
            to: report.to,
            entries,
            entriesTotal: page.total,
            entriesText: entriesCountText(entries.length, page.total),
          };
        }),
      );
    },

    async _more() {
      if (this.data.loadingMore || this.data.entries.length >= this.data.entriesTotal) return;
      this.setData({ loadingMore: true });
      try {
        const page = await fetchFundEntries({
          societyId: this.data.societyId,
          from: this.data.from,
          to: this.data.to,
          offset: this.data.entries.length,
          limit: ENTRIES_PAGE_SIZE,
        });
        const entries = [...this.data.entries, ...page.items.map(toEntryRow)];
        this.setData({
          entries,
          entriesTotal: page.total,
          entriesText: entriesCountText(entries.length, page.total),
          loadingMore: false,
        });
      } catch (err) {
        this.setData({ loadingMore: false });
        showToast(this, { message: errorMessage(err), theme: 'error' });
      }
    },
  },
});
