/**
 * Files in a local folder, for the local stack and tests. A file id is `local:<path>`; its
 * address is `/files/<path>`, which the local HTTP server serves from the same folder.
 */
import fs from 'node:fs/promises';
import nodePath from 'node:path';
import { type Files, type StoredFile, checkFilePath } from '../ports/files';
import { checkContentType, contentTypeOf } from './file-types';

const FILE_ID_PREFIX = 'local:';
export const LOCAL_FILES_URL_PREFIX = '/files/';

function isMissing(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}

export class LocalFiles implements Files {
  private readonly root: string;

  constructor(root: string) {
    this.root = nodePath.resolve(root);
  }

  /** The file id an address from `url` stands for, or null when it is not one. */
  static fileIdOfUrlPath(urlPath: string): string | null {
    if (!urlPath.startsWith(LOCAL_FILES_URL_PREFIX)) return null;
    let path: string;
    try {
      path = decodeURIComponent(urlPath.slice(LOCAL_FILES_URL_PREFIX.length));
    } catch {
      return null;
    }
    try {
      return FILE_ID_PREFIX + checkFilePath(path);
    } catch {
      return null;
    }
  }

  async put(path: string, content: Buffer, contentType: string): Promise<StoredFile> {
    const canonicalType = checkContentType(checkFilePath(path), contentType);
    if (!Buffer.isBuffer(content)) throw new Error('file content must be a Buffer');
    const target = this.locate(path);
    await fs.mkdir(nodePath.dirname(target), { recursive: true });
    await this.checkInside(nodePath.dirname(target));
    // Write beside it, then rename: a reader never sees half a file.
    const temporary = `${target}.${process.pid}.${Date.now()}.${Math.random().toString(36).slice(2)}.tmp`;
    await fs.writeFile(temporary, content, { flag: 'wx' });
    await fs.rename(temporary, target);
    return { fileId: FILE_ID_PREFIX + path, size: content.length, contentType: canonicalType };
  }

  async get(fileId: string): Promise<{ content: Buffer; contentType: string } | null> {
    const path = this.pathOf(fileId);
    const target = this.locate(path);
    try {
      await this.checkInside(target);
      return { content: await fs.readFile(target), contentType: contentTypeOf(path) };
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
  }

  async url(fileId: string): Promise<string> {
    const path = this.pathOf(fileId);
    const target = this.locate(path);
    try {
      await this.checkInside(target);
    } catch (error) {
      if (isMissing(error)) throw new Error(`no such file: ${fileId}`);
      throw error;
    }
    return LOCAL_FILES_URL_PREFIX + path.split('/').map(encodeURIComponent).join('/');
  }

  private pathOf(fileId: string): string {
    if (typeof fileId !== 'string' || !fileId.startsWith(FILE_ID_PREFIX)) {
      throw new Error(`not a local file id: ${String(fileId)}`);
    }
    return checkFilePath(fileId.slice(FILE_ID_PREFIX.length));
  }

  /** The absolute path inside the root folder, refusing anything that would leave it. */
  private locate(path: string): string {
    const target = nodePath.resolve(this.root, checkFilePath(path));
    if (!target.startsWith(this.root + nodePath.sep)) throw new Error(`unsafe file path: ${path}`);
    return target;
  }

  /** Follows symbolic links: the real location must still be inside the root folder. */
  private async checkInside(target: string): Promise<void> {
    const [realRoot, realTarget] = await Promise.all([fs.realpath(this.root), fs.realpath(target)]);
    if (realTarget !== realRoot && !realTarget.startsWith(realRoot + nodePath.sep)) {
      throw new Error(`unsafe file path: ${target} leads outside the files folder`);
    }
  }
}
