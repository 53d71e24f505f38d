/**
 * Photos (materials, home visits, signed receipts, the paper notice on the board, meeting
 * minutes, roster visits, a clue's photo) and assistance lists (xlsx): chosen on the phone,
 * uploaded, and referred to by a file id from then on.
 *
 * Storage is private (issue 12):
 * - Upload: the server first gives a path for the case, the society or the township
 *   (`societies.requestUpload`); the file goes there: `wx.cloud.uploadFile` into CloudBase storage (`cloud://…` file id), or
 *   `wx.uploadFile` to the local stack's `/files/upload` (`local:…` file id).
 * - Show: a file id is never an address. `photoLinks` asks `societies.fileLinks`, which checks the
 *   caller may see each file and answers short-lived addresses (CloudBase temporary URLs, or the
 *   local stack's signed `/files/…`).
 *
 * The cloud function that receives a file id checks it is an upload of that case or society.
 */
import { config } from '../config';
import { activeBackend } from './backend';
import { callCloud, CloudCallError, getDemoCaller, NETWORK_ERROR_MESSAGE } from './cloud';
import { MAX_LINKS_PER_CALL, type PrivateFileKind, type UploadExtension } from '../domain/files';

export const UPLOAD_FAILED_MESSAGE = '照片上传失败，请检查网络后重试';
export const FILE_UPLOAD_FAILED_MESSAGE = '表格上传失败，请检查网络后重试';
export const MAX_PHOTOS = 9;

/**
 * What a file is and whose: a case's (materials, visit photos, receipts), a society's (board
 * photos, minutes, roster visits, a clue's photo, its village's list) or a township's (its list).
 */
export interface UploadTarget {
  kind: PrivateFileKind;
  caseId?: string;
  societyId?: string;
  townshipId?: string;
}

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
export async function uploadPhoto(tempFilePath: string, target: UploadTarget): Promise<string> {
  const slot = await callCloud('societies', 'requestUpload', { ...target, extension: extensionOf(tempFilePath) });
  return activeBackend() === 'cloud'
    ? uploadToCloud(tempFilePath, slot.path)
    : uploadToLocalStack(tempFilePath, slot.path);
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

/**
 * Uploads a chosen .xlsx list into a slot of the society's village or of the township; resolves
 * its file id or throws a CloudCallError (Chinese message).
 */
export async function uploadSpreadsheet(
  tempFilePath: string,
  owner: { societyId: string } | { townshipId: string },
): Promise<string> {
  const slot = await callCloud('societies', 'requestUpload', { kind: 'lists', ...owner, extension: 'xlsx' });
  const cloudPath = slot.path;
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
export async function pickAndUploadPhotos(target: UploadTarget, count = 1): Promise<string[]> {
  const chosen = await choosePhotos(count);
  const ids: string[] = [];
  for (const path of chosen) ids.push(await uploadPhoto(path, target));
  // The thumbnails' addresses, ready for photoSrc.
  if (ids.length > 0) await photoLinks(ids);
  return ids;
}

/** What an <image src> shows for a file id: its short-lived address, or '' when there is none. */
export type PhotoSrc = (fileId: string) => string;

const FILE_ID = /^(?:local:|cloud:\/\/)/;

/**
 * Short-lived addresses of the given files (server-checked), as a lookup for the screen builders.
 * A file the caller may not see, or a failed call, shows nothing rather than failing the page.
 */
export async function photoLinks(fileIds: readonly string[]): Promise<PhotoSrc> {
  const unique = [...new Set(fileIds.filter((id) => typeof id === 'string' && FILE_ID.test(id)))];
  const links = new Map<string, string>();
  for (let at = 0; at < unique.length; at += MAX_LINKS_PER_CALL) {
    const batch = unique.slice(at, at + MAX_LINKS_PER_CALL);
    // One file refused refuses its whole call: then each is asked alone, so the others still show.
    if (!(await askLinks(batch, links)) && batch.length > 1) {
      for (const fileId of batch) await askLinks([fileId], links);
    }
  }
  return (fileId) => links.get(fileId) ?? '';
}

async function askLinks(fileIds: string[], links: Map<string, string>): Promise<boolean> {
  try {
    const { items } = await callCloud('societies', 'fileLinks', { fileIds });
    const until = Date.now() + LINK_REUSE_MS;
    for (const item of items) {
      links.set(item.fileId, addressOf(item.url));
      recent.set(item.fileId, { src: addressOf(item.url), until });
    }
    return true;
  } catch (err) {
    console.error('file links refused', err);
    return false;
  }
}

/** Addresses answered lately, reused while they are surely still valid (the server's last 10 minutes). */
const recent = new Map<string, { src: string; until: number }>();
const LINK_REUSE_MS = 8 * 60 * 1000;

/**
 * The address photoLinks (or an upload) answered lately for this file, or '' (then the page asks
 * photoLinks again): for screens built synchronously, such as a form's thumbnails.
 */
export function photoSrc(fileId: string): string {
  const known = recent.get(fileId);
  if (!known) return '';
  if (known.until < Date.now()) {
    recent.delete(fileId);
    return '';
  }
  return known.src;
}

/** The addresses of `fileIds` as a plain object, for page data ('' where there is none). */
export async function photoSrcsOf(fileIds: readonly string[]): Promise<Record<string, string>> {
  const src = await photoLinks(fileIds);
  return Object.fromEntries(fileIds.map((fileId) => [fileId, src(fileId)]));
}

/** Addresses of every file id a view mentions (materials, photos, receipts, board photo, minutes). */
export function photoLinksFor(view: unknown): Promise<PhotoSrc> {
  return photoLinks(fileIdsIn(view));
}

/** Every string of `value` (at any depth) that is a file id. */
export function fileIdsIn(value: unknown, found: string[] = []): string[] {
  if (typeof value === 'string') {
    if (FILE_ID.test(value)) found.push(value);
  } else if (Array.isArray(value)) {
    for (const item of value) fileIdsIn(item, found);
  } else if (typeof value === 'object' && value !== null) {
    for (const item of Object.values(value)) fileIdsIn(item, found);
  }
  return found;
}

/** The local stack answers a path on itself; CloudBase answers a whole URL. */
function addressOf(url: string): string {
  return url.startsWith('/') ? `${config.localBaseUrl}${url}` : url;
}

function extensionOf(path: string): UploadExtension {
  const match = /\.(jpe?g|png|gif|webp|heic)$/i.exec(path);
  return match ? (match[1]!.toLowerCase() as UploadExtension) : 'jpg';
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

/** Where a phone downloads an export from: the short-lived address the export answered with. */
export function exportAddress(file: { url: string }): string {
  return addressOf(file.url);
}
