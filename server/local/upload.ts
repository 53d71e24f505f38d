/**
 * `POST /files/upload?path=` of the local stack (and `/preview/upload` of the browser preview):
 * a photo chosen on the phone into the Files port. Takes the raw bytes (the preview's
 * wx.uploadFile and wx.cloud.uploadFile) or a multipart/form-data body with one file part
 * (WeChat's own wx.uploadFile, e.g. in DevTools). Answers the functions' envelope with the
 * stored file: `{ ok: true, data: { fileId, size, contentType } }`.
 *
 * The caller must say who they are (`x-openid`), and `path` must be an upload slot the server
 * issued to that caller (`requestUpload`, server/files/private.ts) that has not expired. The file
 * lands at that path, never over an existing file: nobody, known or not, can replace a stored
 * photo, a receipt, an export or another caller's upload, or put a file where the server did not
 * decide.
 */
import type http from 'node:http';
import { readLimited } from './body';
import { checkFilePath } from '../ports/files';
import { contentTypeOf, FALLBACK_CONTENT_TYPE } from '../adapters/file-types';
import type { Ports } from '../context';
import { slotForUpload } from '../files/private';

export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

export interface UploadReply {
  status: number;
  body: { ok: true; data: unknown } | { ok: false; error: { code: string; message: string } };
}

function fail(status: number, message: string, code = 'BAD_REQUEST'): UploadReply {
  return { status, body: { ok: false, error: { code, message } } };
}

export async function receiveUpload(
  request: http.IncomingMessage,
  query: URLSearchParams,
  ports: Pick<Ports, 'files' | 'store' | 'clock'>,
): Promise<UploadReply> {
  const files = ports.files;
  const openid = request.headers['x-openid'];
  if (typeof openid !== 'string' || openid.length === 0) {
    return fail(401, '无法识别您的身份，不能上传文件', 'UNAUTHENTICATED');
  }
  let filePath: string;
  try {
    filePath = checkFilePath(query.get('path') ?? '');
  } catch {
    return fail(400, '文件路径不合法');
  }
  if (!(await slotForUpload(ports, openid, filePath))) {
    return fail(403, '上传位置无效或已过期，请重新选择照片', 'FORBIDDEN');
  }
  if (await files.get(`local:${filePath}`).catch(() => null)) {
    return fail(409, '这个文件已经上传过了，不能覆盖', 'DUPLICATE');
  }
  const contentType = contentTypeOf(filePath);
  if (contentType === FALLBACK_CONTENT_TYPE) return fail(400, '不支持这种文件类型');
  const read = await readLimited(request, MAX_UPLOAD_BYTES);
  if (!read.ok) return fail(413, '文件太大（最多 10MB）');
  const body = read.body;
  const header = request.headers['content-type'] ?? '';
  const content = header.startsWith('multipart/form-data') ? filePart(body, header) : body;
  if (!content || content.length === 0) return fail(400, '没有收到文件内容');
  const stored = await files.put(filePath, content, contentType);
  return { status: 200, body: { ok: true, data: stored } };
}

/** The first part of a multipart body that carries a filename: its bytes. */
export function filePart(body: Buffer, contentType: string): Buffer | null {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
  const marker = boundary?.[1] ?? boundary?.[2];
  if (!marker) return null;
  const delimiter = Buffer.from(`--${marker.trim()}`);
  let start = body.indexOf(delimiter);
  while (start !== -1) {
    const headersStart = start + delimiter.length + 2; // CRLF after the delimiter
    const headersEnd = body.indexOf('\r\n\r\n', headersStart);
    if (headersEnd === -1) return null;
    const next = body.indexOf(Buffer.concat([Buffer.from('\r\n'), delimiter]), headersEnd);
    if (next === -1) return null;
    const headers = body.subarray(headersStart, headersEnd).toString('utf8');
    if (/filename=/i.test(headers)) return body.subarray(headersEnd + 4, next);
    start = next + 2;
  }
  return null;
}
