/** One monthly report (R-PROC-8) in full, with its export as an xlsx workbook. */
import { screenBehavior } from '../../../../behaviors/screen';
import { loadScreen, type LoadState } from '../../../../utils/load-screen';
import { showToast } from '../../../../utils/toast';
import { orForbidden } from '../../../../utils/fund-format';
import { exportLink, openXlsx } from '../../../../utils/open-export';
import { errorMessage } from '../../../../services/cloud';
import { exportMonthlyReport, fetchMonthlyReport } from '../../../../services/funds';
import {
  MISSING_REPORT_MESSAGE,
  NOT_A_READER_MESSAGE,
  SUPERSEDED_MESSAGE,
  toMonthlyReportScreen,
  type MonthlyReportScreen,
} from './view';

Component({
  behaviors: [screenBehavior],

  properties: {
    reportId: { type: String, value: '' },
  },

  data: {
    state: 'loading' as LoadState,
    errorMessage: '',
    notAReaderMessage: NOT_A_READER_MESSAGE,
    supersededMessage: SUPERSEDED_MESSAGE,
    screen: null as MonthlyReportScreen | null,
    exporting: false,
    exported: null as { fileId: string; fileName: string; link: string } | null,
  },

  methods: {
    onExport() {
      return this._export();
    },

    _load() {
      const reportId = decodeURIComponent(this.data.reportId);
      if (!reportId) {
        this.setData({ state: 'error', errorMessage: MISSING_REPORT_MESSAGE });
        return Promise.resolve();
      }
      return loadScreen(this, () =>
        orForbidden(async () => ({ screen: toMonthlyReportScreen(await fetchMonthlyReport(reportId)) })),
      );
    },

    async _export() {
      if (this.data.exporting || !this.data.screen) return;
      this.setData({ exporting: true });
      try {
        const file = await exportMonthlyReport(this.data.screen.card.id);
        this.setData({ exported: { fileId: file.fileId, fileName: file.fileName, link: exportLink(file) } });
        await openXlsx(file);
        showToast(this, { message: `已导出 ${file.fileName}`, theme: 'success' });
      } catch (err) {
        showToast(this, { message: errorMessage(err), theme: 'error' });
      } finally {
        this.setData({ exporting: false });
      }
    },
  },
});
