/**
 * Files in a local folder, for the local stack and tests. A file id is `local:<path>`; its
 * address is `/files/<path>?expires=<ms>&sig=<hmac>`, which the local HTTP server serves from the
 * same folder only while the signature holds and the time has not passed (as CloudBase's
 * temporary URLs do): a bare `/files/<path>` serves nothing.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
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

export interface LocalFilesOptions {
  /** Signs the addresses; a fresh random one per process unless given. */
  secret?: Buffer;
  /** How long an address stays valid, in seconds (default 600, as CloudBase's). */
  maxAgeSeconds?: number;
  /** Real time for the addresses' expiry (a stack's business clock may be set elsewhere). */
  now?: () => number;
}

export class LocalFiles implements Files {
  private readonly root: string;
  private readonly secret: Buffer;
  private readonly maxAgeMs: number;
  private readonly now: () => number;

  constructor(root: string, options: LocalFilesOptions = {}) {
    this.root = nodePath.resolve(root);
    this.secret = options.secret ?? randomBytes(32);
    this.maxAgeMs = (options.maxAgeSeconds ?? 600) * 1000;
    this.now = options.now ?? Date.now;
  }

  /**
   * The file id a signed address from `url` stands for, or null when it is not one, its
   * signature does not hold or it has expired.
   */
  fileIdOfSignedUrl(urlPath: string, query: URLSearchParams): string | null {
    const fileId = LocalFiles.fileIdOfUrlPath(urlPath);
    if (!fileId) return null;
    const expires = Number(query.get('expires'));
    const sig = query.get('sig') ?? '';
    if (!Number.isSafeInteger(expires) || expires < this.now()) return null;
    const expected = Buffer.from(this.signature(fileId, expires), 'utf8');
    const given = Buffer.from(sig, 'utf8');
    return given.length === expected.length && timingSafeEqual(given, expected) ? fileId : null;
  }

  private signature(fileId: string, expires: number): string {
    return createHmac('sha256', this.secret).update(`${fileId}|${expires}`).digest('base64url');
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
    const expires = this.now() + this.maxAgeMs;
    const address = LOCAL_FILES_URL_PREFIX + path.split('/').map(encodeURIComponent).join('/');
    return `${address}?expires=${expires}&sig=${this.signature(fileId, expires)}`;
  }

  async exists(fileId: string): Promise<boolean> {
    try {
      return (await this.get(fileId)) !== null;
    } catch {
      return false;
    }
  }

  pathOf(fileId: string): string {
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
