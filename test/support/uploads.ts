/**
 * A photo uploaded the way a page does it: ask `societies.requestUpload` for a slot as the caller,
 * then store the bytes at the path the server chose. Answers the file id an action then receives.
 */
import type { TestBackend } from './test-backend';
import type { PrivateFileKind } from '../../miniprogram/domain/files';

export const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01]);

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export interface UploadTarget {
  kind: PrivateFileKind;
  caseId?: string;
  societyId?: string;
  townshipId?: string;
}

export async function slotFor(backend: TestBackend, openid: string | null, target: UploadTarget): Promise<string> {
  const extension = target.kind === 'lists' ? { extension: 'xlsx' } : {};
  const answer = await backend.call('societies', { action: 'requestUpload', ...extension, ...target }, openid);
  if (!answer.ok) throw new Error(`requestUpload as ${openid} refused: ${answer.error.code} ${answer.error.message}`);
  return (answer.data as { path: string }).path;
}

export async function uploaded(backend: TestBackend, openid: string, target: UploadTarget): Promise<string> {
  const path = await slotFor(backend, openid, target);
  return (await backend.ports.files.put(path, JPEG, 'image/jpeg')).fileId;
}

/** An assistance list (xlsx) uploaded as a page does it, into a list slot of a society or a township. */
export async function uploadedList(
  backend: TestBackend,
  openid: string,
  owner: { societyId: string } | { townshipId: string },
  content: Buffer,
): Promise<string> {
  const path = await slotFor(backend, openid, { kind: 'lists', ...owner });
  return (await backend.ports.files.put(path, content, XLSX_TYPE)).fileId;
}
