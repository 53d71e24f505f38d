/**
 * Opens an exported workbook (R-PROC-8 monthly report): downloaded, then shown by WeChat's document
 * viewer (which can forward or save it). Whatever happens, the page can still show the link.
 */
import type { ExportedFile } from '../domain/funds';
import { exportAddress } from '../services/files';

/** The address a phone downloads the file from (short-lived: the export's own answer). */
export function exportLink(file: ExportedFile): string {
  return exportAddress(file);
}

/** Resolves true when WeChat opened the xlsx, false when it could not (the link stays on screen). */
export async function openXlsx(file: ExportedFile): Promise<boolean> {
  try {
    const tempFilePath = await new Promise<string>((resolve, reject) =>
      wx.downloadFile({ url: exportLink(file), success: (res) => resolve(res.tempFilePath), fail: reject }),
    );
    await new Promise<void>((resolve, reject) =>
      wx.openDocument({
        filePath: tempFilePath,
        fileType: 'xlsx',
        showMenu: true,
        success: () => resolve(),
        fail: reject,
      }),
    );
    return true;
  } catch (err) {
    console.warn('could not open the exported workbook', err);
    return false;
  }
}
