/**
 * The notice-board poster (secretary, president): the society's code with its name and how to
 * object, and a button that saves the code to the phone's album for printing (wx.downloadFile,
 * then wx.saveImageToPhotosAlbum; a declined permission is explained, not an error). 导出打印版海报
 * has the cloud write one A4 page of HTML (code embedded, audited); its link is shown to copy.
 */
import { screenBehavior } from '../../../../behaviors/screen';
import { loadScreen, type LoadState } from '../../../../utils/load-screen';
import { showToast } from '../../../../utils/toast';
import { exportLink } from '../../../../utils/open-export';
import { errorMessage } from '../../../../services/cloud';
import { exportBoardPoster, fetchBoardPoster } from '../../../../services/notices';
import { exportAddress } from '../../../../services/files';
import { fetchMe } from '../../../../services/societies';
import { pickOfficerSeat } from '../workbench/view';
import { isForbidden } from '../notices/view';
import {
  EXPORT_POSTER_HINT,
  LINK_COPIED_TOAST,
  NOT_POSTER_OFFICER_MESSAGE,
  POSTER_EXPORTED_TOAST,
  SAVE_MESSAGES,
  saveOutcomeOf,
  toPosterScreen,
  type PosterScreen,
  type SaveOutcome,
} from './view';

/** Downloads `url` and saves it to the album; never throws. */
function saveImage(url: string): Promise<SaveOutcome> {
  return new Promise((resolve) => {
    wx.downloadFile({
      url,
      success: (download) => {
        if (download.statusCode !== 200 || !download.tempFilePath) {
          resolve('failed');
          return;
        }
        wx.saveImageToPhotosAlbum({
          filePath: download.tempFilePath,
          success: () => resolve('saved'),
          fail: (err) => resolve(saveOutcomeOf(err.errMsg ?? '')),
        });
      },
      fail: () => resolve('failed'),
    });
  });
}

Component({
  behaviors: [screenBehavior],

  properties: {
    societyId: { type: String, value: '' },
  },

  data: {
    state: 'loading' as LoadState,
    errorMessage: '',
    forbiddenMessage: NOT_POSTER_OFFICER_MESSAGE,
    poster: null as PosterScreen | null,
    /** The society the poster is of (the asked one, or the caller's only seat). */
    posterSocietyId: '',
    saving: false,
    saveMessage: '',
    exporting: false,
    /** The printable poster's address (an HTML page WeChat cannot open in the app: copy it). */
    exportLink: '',
    exportHint: EXPORT_POSTER_HINT,
  },

  methods: {
    onSave() {
      return this._save();
    },

    onPreviewCode() {
      const poster = this.data.poster;
      if (poster) void wx.previewImage({ urls: [poster.qrSrc], current: poster.qrSrc });
    },

    _load() {
      return loadScreen(this, async () => {
        const me = await fetchMe();
        const asked = this.data.societyId;
        const seat = pickOfficerSeat(me, asked || undefined);
        if (!seat || (asked && seat.societyId !== asked)) return 'forbidden';
        try {
          return {
            poster: toPosterScreen(await fetchBoardPoster(seat.societyId), (url) => exportAddress({ url })),
            posterSocietyId: seat.societyId,
          };
        } catch (err) {
          if (isForbidden(err)) return 'forbidden';
          throw err;
        }
      });
    },

    async _save() {
      const poster = this.data.poster;
      if (!poster || this.data.saving) return;
      this.setData({ saving: true, saveMessage: '' });
      const outcome = await saveImage(poster.downloadUrl);
      const message = SAVE_MESSAGES[outcome];
      this.setData({ saving: false, saveMessage: message });
      showToast(this, { message, theme: outcome === 'saved' ? 'success' : 'warning' });
    },

    /** 导出打印版海报: the cloud writes the A4 page (audited); the page shows its link to copy. */
    async onExport() {
      const societyId = this.data.posterSocietyId;
      if (!societyId || this.data.exporting) return;
      this.setData({ exporting: true, exportLink: '' });
      try {
        const file = await exportBoardPoster(societyId);
        this.setData({ exportLink: exportLink(file) });
        showToast(this, { message: POSTER_EXPORTED_TOAST, theme: 'success' });
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
