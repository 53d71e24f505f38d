/**
 * Files in CloudBase storage through wx-server-sdk. A file id is CloudBase's `cloud://…` fileID;
 * an address is a temporary URL from getTempFileURL.
 */
import { type Files, type StoredFile, checkFilePath } from '../../ports/files';
import { checkContentType, contentTypeOf } from '../file-types';
import type { SdkResult } from './store';

export interface CloudTempFileUrl {
  fileID: string;
  tempFileURL: string;
  status: number;
  errMsg: string;
}

/** The narrow part of wx-server-sdk's module this adapter calls; the `cloud` module is assignable to it. */
export interface CloudStorageApi {
  uploadFile(param: { cloudPath: string; fileContent: Buffer }): Promise<{ fileID: string }>;
  downloadFile(param: { fileID: string }): Promise<{ fileContent: Buffer }>;
  getTempFileURL(param: {
    fileList: Array<string | { fileID: string; maxAge?: number }>;
  }): SdkResult<{ fileList: CloudTempFileUrl[] }>;
}

export interface CloudBaseFilesOptions {
  /** Prepended to every path (e.g. an environment's folder); default none. */
  prefix?: string;
  /** How long a temporary URL stays valid, in seconds (default 600). */
  maxAgeSeconds?: number;
}

const STORAGE_FILE_NOT_EXIST = -503003;

function isMissingFile(error: unknown): boolean {
  const { errCode, errMsg, message, code } = (error ?? {}) as Record<string, unknown>;
  if (errCode === STORAGE_FILE_NOT_EXIST || code === 'STORAGE_FILE_NONEXIST') return true;
  const text = [errMsg, message].filter((part) => typeof part === 'string').join(' ');
  return /STORAGE_FILE_NONEXIST|file not exist|storage file not exists/i.test(text);
}

function checkFileId(fileId: string): string {
  if (typeof fileId !== 'string' || !/^cloud:\/\/[^\s]+$/.test(fileId) || fileId.length > 1024) {
    throw new Error(`not a CloudBase file id: ${String(fileId)}`);
  }
  return fileId;
}

export class CloudBaseFiles implements Files {
  private readonly prefix: string;
  private readonly maxAgeSeconds: number;

  constructor(
    private readonly storage: CloudStorageApi,
    options: CloudBaseFilesOptions = {},
  ) {
    this.prefix = options.prefix ? checkFilePath(options.prefix.replace(/\/$/, '')) + '/' : '';
    this.maxAgeSeconds = options.maxAgeSeconds ?? 600;
  }

  async put(path: string, content: Buffer, contentType: string): Promise<StoredFile> {
    const canonicalType = checkContentType(checkFilePath(path), contentType);
    if (!Buffer.isBuffer(content)) throw new Error('file content must be a Buffer');
    const { fileID } = await this.storage.uploadFile({ cloudPath: this.prefix + path, fileContent: content });
    return { fileId: fileID, size: content.length, contentType: canonicalType };
  }

  async get(fileId: string): Promise<{ content: Buffer; contentType: string } | null> {
    checkFileId(fileId);
    try {
      const { fileContent } = await this.storage.downloadFile({ fileID: fileId });
      return { content: fileContent, contentType: contentTypeOf(fileId) };
    } catch (error) {
      if (isMissingFile(error)) return null;
      throw error;
    }
  }

  async exists(fileId: string): Promise<boolean> {
    checkFileId(fileId);
    const result = this.storage.getTempFileURL({ fileList: [{ fileID: fileId, maxAge: 60 }] });
    if (!result || typeof result === 'string') throw new Error('wx-server-sdk returned no promise');
    const { fileList } = await result;
    const item = fileList.find((entry) => entry.fileID === fileId);
    return item !== undefined && item.status === 0 && Boolean(item.tempFileURL);
  }

  /** `cloud://<env>.<bucket>/<path>` → `<path>` (the prefix, when one is set, stays part of it). */
  pathOf(fileId: string): string {
    const match = /^cloud:\/\/[^/]+\/(.+)$/.exec(checkFileId(fileId));
    if (!match) throw new Error(`no path in CloudBase file id: ${fileId}`);
    return checkFilePath(match[1]!);
  }

  async url(fileId: string): Promise<string> {
    checkFileId(fileId);
    const result = this.storage.getTempFileURL({ fileList: [{ fileID: fileId, maxAge: this.maxAgeSeconds }] });
    if (!result || typeof result === 'string') throw new Error('wx-server-sdk returned no promise');
    const { fileList } = await result;
    const item = fileList.find((entry) => entry.fileID === fileId) ?? fileList[0];
    if (!item || item.status !== 0 || !item.tempFileURL) {
      throw new Error(`no temporary URL for ${fileId}: ${item?.errMsg ?? 'empty answer'}`);
    }
    return item.tempFileURL;
  }
}
