/**
 * A photo uploaded the way a page does it: ask `societies.requestUpload` for a slot as the caller,
 * then store the bytes at the path the server chose. Answers the file id an action then receives.
 */
import type { TestBackend } from './test-backend';

export const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01]);

export interface UploadTarget {
  kind: 'materials' | 'visits' | 'receipts' | 'boards' | 'meetings';
  caseId?: string;
  societyId?: string;
}

export async function slotFor(backend: TestBackend, openid: string | null, target: UploadTarget): Promise<string> {
  const answer = await backend.call('societies', { action: 'requestUpload', ...target }, openid);
  if (!answer.ok) throw new Error(`requestUpload as ${openid} refused: ${answer.error.code} ${answer.error.message}`);
  return (answer.data as { path: string }).path;
}

export async function uploaded(backend: TestBackend, openid: string, target: UploadTarget): Promise<string> {
  const path = await slotFor(backend, openid, target);
  return (await backend.ports.files.put(path, JPEG, 'image/jpeg')).fileId;
}
