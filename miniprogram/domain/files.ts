/**
 * Private files (issue 12), as the pages and the server both name them: the kinds of file a page
 * may ask to upload, and what the server answers. The server decides where a file goes and who
 * may see it (server/files/private.ts).
 */

/**
 * Case files (materials, visit photos, signed receipts), the society's own (board photos, minutes,
 * photos of its roster visits), a clue's photo (from anyone, to a society) and an assistance list
 * (an xlsx of a society's village or of a township's villages).
 */
export const PRIVATE_FILE_KINDS = [
  'materials',
  'visits',
  'receipts',
  'boards',
  'meetings',
  'roster',
  'clues',
  'lists',
] as const;
export type PrivateFileKind = (typeof PRIVATE_FILE_KINDS)[number];

export const PHOTO_EXTENSIONS = ['jpg', 'jpeg', 'png', 'gif', 'webp', 'heic'] as const;
export const UPLOAD_EXTENSIONS = [...PHOTO_EXTENSIONS, 'xlsx'] as const;
export type UploadExtension = (typeof UPLOAD_EXTENSIONS)[number];

/** At most this many addresses in one call. */
export const MAX_LINKS_PER_CALL = 40;

/** Where the page uploads a file: a path the server chose, valid until `expiresAt`. */
export interface UploadSlot {
  path: string;
  expiresAt: string;
}

/** A short-lived address of a file the caller may see. */
export interface FileLink {
  fileId: string;
  url: string;
}
