/**
 * The Files port: photos of receipts, home visits and notice boards. Locally a folder under
 * the data folder; in the cloud, CloudBase storage. A file id is opaque to callers.
 */
export interface StoredFile {
  fileId: string;
  size: number;
  contentType: string;
}

export interface Files {
  put(path: string, content: Buffer, contentType: string): Promise<StoredFile>;
  get(fileId: string): Promise<{ content: Buffer; contentType: string } | null>;
  /** A short-lived address a page can show the file from. */
  url(fileId: string): Promise<string>;
  /** Whether the file is in storage (an upload a page says it made may never have arrived). */
  exists(fileId: string): Promise<boolean>;
  /** The storage path a file id stands for (what `put` was given); throws for an id of another store. */
  pathOf(fileId: string): string;
}

const SAFE_PATH = /^[A-Za-z0-9][A-Za-z0-9_\-/.]{0,200}$/;

/** Paths are built by our code from ids, never taken from a user as they are. */
export function checkFilePath(path: string): string {
  if (!SAFE_PATH.test(path) || path.includes('..') || path.includes('//')) {
    throw new Error(`unsafe file path: ${path}`);
  }
  return path;
}
