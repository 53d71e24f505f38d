/** 一人一档 (R-PROC-7): every case of this case's person in the society; export for the paper archive. */
import { screenBehavior } from '../../../../behaviors/screen';
import { loadScreenFor, type LoadState } from '../../../../utils/load-screen';
import { showToast } from '../../../../utils/toast';
import { CloudCallError, errorMessage } from '../../../../services/cloud';
import { exportCaseFile, fetchCaseFile } from '../../../../services/cases';
import { exportAddress, photoLinksFor } from '../../../../services/files';
import {
  EXPORTED_TOAST,
  EXPORT_LINK_NOTE,
  LINK_COPIED_TOAST,
  MISSING_CASE_MESSAGE,
  NOT_A_READER_MESSAGE,
  documentTypeOf,
  toCaseFileScreen,
} from './view';
import type { CaseFileScreen } from './view';

Component({
  behaviors: [screenBehavior],

  properties: {
    caseId: { type: String, value: '' },
  },

  data: {
    state: 'loading' as LoadState,
    errorMessage: '',
    screen: null as CaseFileScreen | null,
    exporting: false,
    /** The exported file's address when WeChat cannot open it in the app (copy it instead). */
    exportLink: '',
    exportLinkNote: EXPORT_LINK_NOTE,
    notAReaderMessage: NOT_A_READER_MESSAGE,
  },

  methods: {
    onPreviewPhoto(
      event: WechatMiniprogram.CustomEvent<Record<string, never>, Record<string, never>, { src: string }>,
    ) {
      const current = event.currentTarget.dataset.src;
      const urls = (this.data.screen?.cases ?? []).flatMap((item) => item.photos.map((photo) => photo.src));
      void wx.previewImage({ current, urls });
    },

    _load() {
      return loadScreenFor(this, this.data.caseId, MISSING_CASE_MESSAGE, async (caseId) => {
        try {
          const file = await fetchCaseFile(caseId);
          return { screen: toCaseFileScreen(file, await photoLinksFor(file)) };
        } catch (err) {
          if (err instanceof CloudCallError && err.code === 'FORBIDDEN') return 'forbidden';
          throw err;
        }
      });
    },

    /** 导出档案: the cloud writes the printable file (audited); PDFs and office files open in WeChat. */
    async onExport() {
      if (this.data.exporting) return;
      this.setData({ exporting: true, exportLink: '' });
      try {
        const link = exportAddress(await exportCaseFile(this.data.caseId));
        const fileType = documentTypeOf(link);
        if (fileType) {
          const tempFilePath = await new Promise<string>((resolve, reject) =>
            wx.downloadFile({ url: link, success: (res) => resolve(res.tempFilePath), fail: reject }),
          );
          await new Promise<void>((resolve, reject) =>
            wx.openDocument({
              filePath: tempFilePath,
              fileType,
              showMenu: true,
              success: () => resolve(),
              fail: reject,
            }),
          );
        } else {
          this.setData({ exportLink: link });
        }
        showToast(this, { message: EXPORTED_TOAST, theme: 'success' });
      } catch (err) {
        showToast(this, { message: errorMessage(err), theme: 'error' });
      } finally {
        this.setData({ exporting: false });
      }
    },

    onCopyLink() {
      wx.setClipboardData({
        data: this.data.exportLink,
        success: () => showToast(this, { message: LINK_COPIED_TOAST, theme: 'success' }),
      });
    },
  },
});
