/**
 * The notice-board poster (secretary, president): the society's code with its name and how to
 * object, and a button that saves the code to the phone's album for printing (wx.downloadFile,
 * then wx.saveImageToPhotosAlbum; a declined permission is explained, not an error).
 */
import { loadScreen, type LoadState } from '../../../../utils/load-screen';
import { showToast } from '../../../../utils/toast';
import { fetchBoardPoster } from '../../../../services/notices';
import { photoSrc } from '../../../../services/files';
import { fetchMe } from '../../../../services/societies';
import { pickOfficerSeat } from '../workbench/view';
import { isForbidden } from '../notices/view';
import {
  NOT_POSTER_OFFICER_MESSAGE,
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
  properties: {
    societyId: { type: String, value: '' },
  },

  data: {
    state: 'loading' as LoadState,
    errorMessage: '',
    forbiddenMessage: NOT_POSTER_OFFICER_MESSAGE,
    poster: null as PosterScreen | null,
    saving: false,
    saveMessage: '',
  },

  methods: {
    onLoad() {
      void this._load();
    },

    onRetry() {
      void this._load();
    },

    onGoHome() {
      void wx.reLaunch({ url: '/pages/home/index' });
    },

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
          return { poster: toPosterScreen(await fetchBoardPoster(seat.societyId), photoSrc) };
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
  },
});
