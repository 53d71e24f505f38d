/**
 * Monthly reports of one society (R-PROC-8) for its secretary and president (the supervision
 * committee reads them too): generate a past month on demand, correct a sent report as a new
 * version with a note (the earlier version is kept), export a report as an xlsx workbook.
 */
import { screenBehavior } from '../../../../behaviors/screen';
import { loadScreenFor, type LoadState } from '../../../../utils/load-screen';
import { showToast } from '../../../../utils/toast';
import { orForbidden } from '../../../../utils/fund-format';
import { exportLink, openXlsx } from '../../../../utils/open-export';
import { errorMessage } from '../../../../services/cloud';
import {
  correctMonthlyReport,
  exportMonthlyReport,
  fetchMonthlyReports,
  generateMonthlyReport,
} from '../../../../services/funds';
import { fetchMe } from '../../../../services/societies';
import type { Month } from '../../../../domain/funds';
import {
  MISSING_SOCIETY_MESSAGE,
  NOT_AN_OFFICER_MESSAGE,
  NO_REPORTS_MESSAGE,
  correctionProblem,
  generatedText,
  lastMonth,
  monthText,
  rolesIn,
  toOfficerReportsScreen,
  type OfficerReportsScreen,
} from './view';

type ChangeEvent = { detail: { value: string } };
type RowEvent = { currentTarget: { dataset: { id: string; month: string; url: string } } };

Component({
  behaviors: [screenBehavior],

  properties: {
    societyId: { type: String, value: '' },
  },

  data: {
    state: 'loading' as LoadState,
    errorMessage: '',
    notAnOfficerMessage: NOT_AN_OFFICER_MESSAGE,
    noReportsMessage: NO_REPORTS_MESSAGE,
    screen: null as OfficerReportsScreen | null,
    month: '' as Month,
    monthText: '',
    pickerVisible: false,
    busy: false,
    /** The month whose correction form is open. */
    correcting: '' as Month,
    note: '',
    formError: '',
    exported: null as { fileName: string; link: string } | null,
  },

  methods: {
    onLoad() {
      // Display default only; the cloud's clock decides whether the month has ended.
      const month = lastMonth(new Date());
      this.setData({ month, monthText: monthText(month) });
      void this._load();
    },

    onPickMonth() {
      this.setData({ pickerVisible: true });
    },

    onPickerCancel() {
      this.setData({ pickerVisible: false });
    },

    onMonthChange(event: ChangeEvent) {
      const month = event.detail.value;
      this.setData({ month, monthText: monthText(month), pickerVisible: false });
    },

    onGenerate() {
      return this._act(async () => {
        const report = await generateMonthlyReport(this.data.societyId, this.data.month || undefined);
        return generatedText(report);
      });
    },

    onOpenReport(event: RowEvent) {
      void wx.navigateTo({ url: event.currentTarget.dataset.url });
    },

    onStartCorrection(event: RowEvent) {
      this.setData({ correcting: event.currentTarget.dataset.month, note: '', formError: '' });
    },

    onCloseCorrection() {
      this.setData({ correcting: '', note: '', formError: '' });
    },

    onNoteChange(event: ChangeEvent) {
      this.setData({ note: event.detail.value, formError: '' });
    },

    onCorrect() {
      const problem = correctionProblem(this.data.note);
      if (problem) {
        this.setData({ formError: problem });
        return Promise.resolve();
      }
      const month = this.data.correcting;
      return this._act(async () => {
        const report = await correctMonthlyReport(this.data.societyId, month, this.data.note.trim());
        this.setData({ correcting: '', note: '' });
        return `已报送${report.monthLabel}月报第${report.version}版`;
      });
    },

    onExport(event: RowEvent) {
      const reportId = event.currentTarget.dataset.id;
      return this._act(async () => {
        const file = await exportMonthlyReport(reportId);
        this.setData({ exported: { fileName: file.fileName, link: exportLink(file) } });
        await openXlsx(file);
        return `已导出 ${file.fileName}`;
      }, false);
    },

    _load() {
      return loadScreenFor(this, this.data.societyId, MISSING_SOCIETY_MESSAGE, (societyId) =>
        orForbidden(async () => {
          const [me, reports] = await Promise.all([fetchMe(), fetchMonthlyReports({ societyId, allVersions: true })]);
          return { screen: toOfficerReportsScreen(reports, rolesIn(me, societyId)) };
        }),
      );
    },

    /** One officer action; the list is read again after a change. */
    async _act(work: () => Promise<string>, reload = true) {
      if (this.data.busy) return;
      this.setData({ busy: true, formError: '' });
      try {
        const message = await work();
        if (reload) await this._load();
        this.setData({ busy: false });
        showToast(this, { message, theme: 'success' });
      } catch (err) {
        const message = errorMessage(err);
        this.setData({ busy: false, formError: message });
        showToast(this, { message, theme: 'error' });
      }
    },
  },
});
