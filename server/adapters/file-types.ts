/**
 * A stored file's content type follows from its name's extension, in both Files adapters:
 * CloudBase storage keeps no content type of its own, so neither adapter keeps one, and a put
 * whose content type disagrees with the extension is refused instead of coming back different.
 */
const CONTENT_TYPES: Record<string, string> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  gif: 'image/gif',
  // iPhones take photos in HEIC; WeChat hands them on as they are.
  heic: 'image/heic',
  pdf: 'application/pdf',
  txt: 'text/plain',
  html: 'text/html',
  csv: 'text/csv',
  json: 'application/json',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  zip: 'application/zip',
};

export const FALLBACK_CONTENT_TYPE = 'application/octet-stream';

export function contentTypeOf(name: string): string {
  const match = /\.([A-Za-z0-9]+)$/.exec(name);
  return (match && CONTENT_TYPES[match[1]!.toLowerCase()]) ?? FALLBACK_CONTENT_TYPE;
}

/** The canonical content type for `path`, after checking the caller's agrees with it. */
export function checkContentType(path: string, contentType: string): string {
  const expected = contentTypeOf(path);
  const given = String(contentType).split(';')[0]!.trim().toLowerCase();
  if (given !== expected) {
    throw new Error(`content type ${contentType} does not match the file name ${path} (${expected})`);
  }
  return expected;
}
