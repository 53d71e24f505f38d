/**
 * Excel files on the phone (issue 12's area import): pick an .xlsx from a WeChat chat (the
 * county officer receives it from the office computer through 文件传输助手) and read it as
 * Base64 for the cloud; write a template the cloud made and open it in WeChat's document
 * viewer, which can forward it back to the computer.
 */

/** Resolves with the chosen file's name and content, or null when the user cancels. */
export function pickXlsx(): Promise<{ name: string; base64: string } | null> {
  return new Promise((resolve, reject) => {
    wx.chooseMessageFile({
      count: 1,
      type: 'file',
      extension: ['xlsx'],
      success: (chosen) => {
        const file = chosen.tempFiles[0];
        if (!file) {
          resolve(null);
          return;
        }
        wx.getFileSystemManager().readFile({
          filePath: file.path,
          encoding: 'base64',
          success: (read) => resolve({ name: file.name, base64: String(read.data) }),
          fail: (err) => reject(new Error(`读取文件失败：${err.errMsg}`)),
        });
      },
      fail: () => resolve(null),
    });
  });
}

/** Writes the workbook to the phone and opens it; false when WeChat could not (the page says so). */
export async function openXlsxFromBase64(fileName: string, base64: string): Promise<boolean> {
  try {
    const filePath = `${wx.env.USER_DATA_PATH}/${fileName}`;
    await new Promise<void>((resolve, reject) =>
      wx.getFileSystemManager().writeFile({
        filePath,
        data: base64,
        encoding: 'base64',
        success: () => resolve(),
        fail: reject,
      }),
    );
    await new Promise<void>((resolve, reject) =>
      wx.openDocument({ filePath, fileType: 'xlsx', showMenu: true, success: () => resolve(), fail: reject }),
    );
    return true;
  } catch (err) {
    console.warn('could not open the template', err);
    return false;
  }
}
