/**
 * The poster for the village notice board (R-PROC-6, R-OVS-3): the society's code, its name, what
 * scanning shows and how to object. Pure: tested without rendering.
 */
import type { BoardPoster } from '../../../../domain/notices';

export const NOT_POSTER_OFFICER_MESSAGE = '只有本社秘书长或社长可以下载公示栏海报';
export const SAVED_MESSAGE = '二维码已保存到手机相册，可打印后张贴在村务公开栏';
export const SAVE_DENIED_MESSAGE = '没有保存到相册的权限：请在右上角「…」→「设置」中允许保存到相册，或长按二维码保存';
export const SAVE_FAILED_MESSAGE = '保存失败，请检查网络后重试，或长按二维码保存';
export const PRINT_NOTE = '打印后张贴在村务公开栏，村民微信扫码即可查看本村的救助公示、三公开，并可以提出异议。';
export const LOCAL_CODE_NOTE = '演示环境：这是本页链接的二维码；正式环境会生成小程序码。';
/** The printable poster is a web page (WeChat opens only office files and PDFs): shown as a link to copy. */
export const EXPORT_POSTER_HINT = '打开链接后用电脑打印，A4纸张';
export const POSTER_EXPORTED_TOAST = '打印版海报已生成';
export const LINK_COPIED_TOAST = '链接已复制';

export type SaveOutcome = 'saved' | 'denied' | 'failed';

export const SAVE_MESSAGES: Record<SaveOutcome, string> = {
  saved: SAVED_MESSAGE,
  denied: SAVE_DENIED_MESSAGE,
  failed: SAVE_FAILED_MESSAGE,
};

/** WeChat's fail message for a declined album permission, e.g. 「saveImageToPhotosAlbum:fail auth deny」. */
export function saveOutcomeOf(errMsg: string): SaveOutcome {
  return /auth|deny|denied|authorize/i.test(errMsg) ? 'denied' : 'failed';
}

export interface PosterScreen {
  societyName: string;
  title: string;
  subtitle: string;
  /** What <image src> shows: the short-lived address boardPoster answered (storage is private). */
  qrSrc: string;
  /** What the save button downloads: an absolute address. */
  downloadUrl: string;
  howToObject: string[];
  kindNote: string;
  printNote: string;
}

export function toPosterScreen(poster: BoardPoster, addressOf: (url: string) => string = (url) => url): PosterScreen {
  return {
    societyName: poster.societyName,
    title: poster.title,
    subtitle: poster.subtitle,
    // The cloud's temporary https address; the local stack answers a signed path, which files.ts completes.
    qrSrc: addressOf(poster.qrUrl),
    downloadUrl: addressOf(poster.qrUrl),
    howToObject: poster.howToObject,
    kindNote: poster.qrKind === 'local' ? LOCAL_CODE_NOTE : '',
    printNote: PRINT_NOTE,
  };
}
