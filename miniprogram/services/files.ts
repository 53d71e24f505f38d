/**
 * Photos (materials, home visits, signed receipts, the paper notice on the board, meeting
 * minutes): chosen on the phone, uploaded, and referred to by a file id from then on.
 *
 * - cloud: `wx.cloud.uploadFile` into CloudBase storage → `cloud://…` file id, which an <image>
 *   shows directly.
 * - local: `wx.uploadFile` to the local stack's `/files/upload` → `local:…` file id, shown from
 *   the stack's `/files/…` address.
 *
 * A file id only says where the bytes are; the cloud function that receives it decides whether
 * the caller may attach it.
 */
import { config } from '../config';
import { activeBackend } from './backend';
import { CloudCallError, getDemoCaller, NETWORK_ERROR_MESSAGE } from './cloud';

export const UPLOAD_FAILED_MESSAGE = '照片上传失败，请检查网络后重试';
export const FILE_UPLOAD_FAILED_MESSAGE = '表格上传失败，请检查网络后重试';
export const MAX_PHOTOS = 9;

/** Folders of the file store, one per kind of document. */
export type UploadFolder = 'materials' | 'visits' | 'receipts' | 'boards' | 'meetings' | 'clues';

/**
 * Lets the user take or pick up to `count` photos; resolves their temporary paths, or [] when
 * they cancel (not an error).
 */
export function choosePhotos(count = 1): Promise<string[]> {
  return new Promise((resolve) => {
    wx.chooseMedia({
      count: Math.max(1, Math.min(MAX_PHOTOS, count)),
      mediaType: ['image'],
      sourceType: ['album', 'camera'],
      sizeType: ['compressed'],
      success: (result) => resolve(result.tempFiles.map((file) => file.tempFilePath)),
      fail: () => resolve([]),
    });
  });
}

/** Uploads one chosen photo; resolves its file id or throws a CloudCallError (Chinese message). */
export function uploadPhoto(tempFilePath: string, folder: UploadFolder): Promise<string> {
  const cloudPath = `${folder}/${Date.now()}-${Math.random().toString(36).slice(2, 10)}${extensionOf(tempFilePath)}`;
  return activeBackend() === 'cloud'
    ? uploadToCloud(tempFilePath, cloudPath)
    : uploadToLocalStack(tempFilePath, cloudPath);
}

/**
 * Lets the officer pick an .xlsx from a WeChat chat (list import); resolves its temporary path,
 * or '' when they cancel. Uploaded under imports/ with its .xlsx name kept.
 */
export function chooseSpreadsheet(): Promise<string> {
  return new Promise((resolve) => {
    wx.chooseMessageFile({
      count: 1,
      type: 'file',
      extension: ['xlsx'],
      success: (result) => resolve(result.tempFiles[0]?.path ?? ''),
      fail: () => resolve(''),
    });
  });
}

/** Uploads a chosen .xlsx; resolves its file id or throws a CloudCallError (Chinese message). */
export async function uploadSpreadsheet(tempFilePath: string): Promise<string> {
  const cloudPath = `imports/${Date.now()}-${Math.random().toString(36).slice(2, 10)}.xlsx`;
  try {
    return await (activeBackend() === 'cloud'
      ? uploadToCloud(tempFilePath, cloudPath)
      : uploadToLocalStack(tempFilePath, cloudPath));
  } catch (err) {
    if (err instanceof CloudCallError && err.code === 'UPLOAD_FAILED') {
      throw new CloudCallError('UPLOAD_FAILED', FILE_UPLOAD_FAILED_MESSAGE);
    }
    throw err;
  }
}

/** Chooses and uploads up to `count` photos in one go; [] when the user cancels. */
export async function pickAndUploadPhotos(folder: UploadFolder, count = 1): Promise<string[]> {
  const chosen = await choosePhotos(count);
  const ids: string[] = [];
  for (const path of chosen) ids.push(await uploadPhoto(path, folder));
  return ids;
}

/** What an <image src> needs to show a file id; a local stack's file shows only against the local stack. */
export function photoSrc(fileId: string): string {
  if (fileId.startsWith('local:')) {
    if (activeBackend() !== 'local') return '';
    const path = fileId.slice('local:'.length).split('/').map(encodeURIComponent).join('/');
    return `${config.localBaseUrl}/files/${path}`;
  }
  return fileId;
}

function extensionOf(path: string): string {
  const match = /\.(jpe?g|png|gif|webp|heic)$/i.exec(path);
  return match ? `.${match[1]!.toLowerCase()}` : '.jpg';
}

async function uploadToCloud(filePath: string, cloudPath: string): Promise<string> {
  try {
    const result = await wx.cloud.uploadFile({ cloudPath, filePath });
    return result.fileID;
  } catch (err) {
    console.error('cloud upload failed', err);
    throw new CloudCallError('UPLOAD_FAILED', UPLOAD_FAILED_MESSAGE);
  }
}

function uploadToLocalStack(filePath: string, cloudPath: string): Promise<string> {
  return new Promise((resolve, reject) => {
    wx.uploadFile({
      url: `${config.localBaseUrl}/files/upload?path=${encodeURIComponent(cloudPath)}`,
      filePath,
      name: 'file',
      header: { 'x-openid': getDemoCaller() },
      success: (res) => {
        const fileId = fileIdOf(res.data);
        if (fileId) resolve(fileId);
        else {
          console.error('local upload answered', res.statusCode, res.data);
          reject(new CloudCallError('UPLOAD_FAILED', UPLOAD_FAILED_MESSAGE));
        }
      },
      fail: (err) => {
        console.error('local upload failed', err);
        reject(new CloudCallError('NETWORK', NETWORK_ERROR_MESSAGE));
      },
    });
  });
}

function fileIdOf(body: unknown): string | null {
  let parsed: unknown = body;
  if (typeof body === 'string') {
    try {
      parsed = JSON.parse(body);
    } catch {
      return null;
    }
  }
  if (typeof parsed !== 'object' || parsed === null || !('ok' in parsed) || parsed.ok !== true) return null;
  const data = 'data' in parsed ? parsed.data : null;
  if (typeof data !== 'object' || data === null || !('fileId' in data)) return null;
  return typeof data.fileId === 'string' ? data.fileId : null;
}
