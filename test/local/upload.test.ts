/**
 * `POST /files/upload` of the local stack: what wx.uploadFile sends in WeChat (multipart) and what
 * the browser preview sends (the raw bytes) both land in the Files port, answered with the file id,
 * at a path the server issued to that caller (issue 12). `GET /files/…` serves only a signed,
 * unexpired address that `fileLinks` handed out.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startLocalStack, type LocalStack } from '../../server/local/stack';
import { silentLogger } from '../../server/context';
import { filePart } from '../../server/local/upload';

let dataDir: string;
let stack: LocalStack;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jj-upload-'));
  stack = await startLocalStack({ dataDir, port: 0, log: silentLogger });
});
afterAll(async () => {
  await stack.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const PHOTO = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x0d, 0x0a, 0x2d, 0x2d]);

function multipart(boundary: string, content: Buffer): Buffer {
  return Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="note"\r\n\r\nhello\r\n`),
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="tmp_abc.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`,
    ),
    content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
}

async function upload(filePath: string, body: Buffer, contentType: string, openid: string | null = 'demo-secretary') {
  const response = await fetch(`${stack.url}/files/upload?path=${encodeURIComponent(filePath)}`, {
    method: 'POST',
    headers: { 'content-type': contentType, ...(openid ? { 'x-openid': openid } : {}) },
    body: new Uint8Array(body),
  });
  return {
    status: response.status,
    body: (await response.json()) as { ok: boolean; data: { fileId: string }; error: { message: string } },
  };
}

async function callFunction(name: string, payload: Record<string, unknown>, openid: string | null) {
  const response = await fetch(`${stack.url}/functions/${name}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(openid ? { 'x-openid': openid } : {}) },
    body: JSON.stringify(payload),
  });
  return (await response.json()) as { ok: boolean; data: Record<string, unknown>; error: { code: string } };
}

/** A path the server issues for a photo of demo case 01 (soc-wangjia). */
async function slot(
  kind: string,
  openid = 'demo-secretary',
  target: Record<string, unknown> = { caseId: 'demo-case-01' },
) {
  const answer = await callFunction('societies', { action: 'requestUpload', kind, ...target }, openid);
  if (!answer.ok) throw new Error(`requestUpload refused: ${answer.error.code}`);
  return answer.data.path as string;
}

describe('photo upload to the local stack', () => {
  it('stores the file part of a multipart body (WeChat wx.uploadFile) at the issued path', async () => {
    const boundary = '----WebKitFormBoundary7MA4YWxkTrZu0gW';
    const issued = await slot('visits');
    expect(issued).toMatch(/^private\/soc-wangjia\/visits\/demo-case-01\/[a-z0-9]+-[0-9a-f]{18}\.jpg$/);
    const { status, body } = await upload(
      issued,
      multipart(boundary, PHOTO),
      `multipart/form-data; boundary=${boundary}`,
    );

    expect(status).toBe(200);
    expect(body).toEqual({
      ok: true,
      data: { fileId: `local:${issued}`, size: PHOTO.length, contentType: 'image/jpeg' },
    });
    expect((await stack.ports.files.get(`local:${issued}`))?.content).toEqual(PHOTO);
  });

  it('stores a raw body (the preview) as it is', async () => {
    const issued = await slot('receipts');
    const { status, body } = await upload(issued, PHOTO, 'image/jpeg');
    expect(status).toBe(200);
    expect(body.data.fileId).toBe(`local:${issued}`);
    expect((await stack.ports.files.get(`local:${issued}`))?.content).toEqual(PHOTO);
  });

  it.each([
    ['../escape.jpg', 400, '文件路径不合法'],
    ['visits/evil.exe', 403, '上传位置无效或已过期，请重新选择照片'],
    ['private/soc-wangjia/visits/demo-case-01/made-up.jpg', 403, '上传位置无效或已过期，请重新选择照片'],
  ])('refuses the path %s (not an issued slot) and stores nothing', async (filePath, status, message) => {
    const answer = await upload(filePath, PHOTO, 'image/jpeg');
    expect(answer.status).toBe(status);
    expect(answer.body.error.message).toBe(message);
    expect(fs.existsSync(path.join(dataDir, 'files', 'escape.jpg'))).toBe(false);
    expect(fs.existsSync(path.join(dataDir, 'files', 'visits', 'evil.exe'))).toBe(false);
    expect(await stack.ports.files.get(`local:private/soc-wangjia/visits/demo-case-01/made-up.jpg`)).toBeNull();
  });

  it('refuses an empty body and a multipart body without a file part', async () => {
    const issued = await slot('visits');
    expect((await upload(issued, Buffer.alloc(0), 'image/jpeg')).status).toBe(400);
    const noFile = Buffer.from('--xx\r\nContent-Disposition: form-data; name="note"\r\n\r\nhi\r\n--xx--\r\n');
    expect((await upload(issued, noFile, 'multipart/form-data; boundary=xx')).body.error.message).toBe(
      '没有收到文件内容',
    );
    expect(await stack.ports.files.get(`local:${issued}`)).toBeNull();
  });

  it('no caller, another caller or the same caller can replace a stored file (issue 12)', async () => {
    const stored = 'local:seed/receipts/demo-case-01.png';
    const seeded = await stack.ports.files.get(stored);
    expect(seeded?.content.length).toBeGreaterThan(0);
    // Nobody: refused before anything is read.
    const issued = await slot('receipts');
    const anonymous = await upload(issued, PHOTO, 'image/jpeg', null);
    expect(anonymous).toEqual({
      status: 401,
      body: { ok: false, error: { code: 'UNAUTHENTICATED', message: '无法识别您的身份，不能上传文件' } },
    });
    // A stored file's path was never issued to anyone as a slot.
    const other = await upload('seed/receipts/demo-case-01.png', PHOTO, 'image/png', 'o-stranger');
    expect(other.status).toBe(403);
    expect(await stack.ports.files.get(stored)).toEqual(seeded);
    // Another caller cannot use a slot issued to the secretary.
    const theirs = await upload(issued, Buffer.from('x'), 'image/jpeg', 'o-stranger');
    expect(theirs.status).toBe(403);
    expect(await stack.ports.files.get(`local:${issued}`)).toBeNull();
    // Even the owner cannot write over a file already there.
    expect((await upload(issued, PHOTO, 'image/jpeg')).status).toBe(200);
    const again = await upload(issued, Buffer.from('replaced'), 'image/jpeg');
    expect(again).toEqual({
      status: 409,
      body: { ok: false, error: { code: 'DUPLICATE', message: '这个文件已经上传过了，不能覆盖' } },
    });
    expect((await stack.ports.files.get(`local:${issued}`))?.content).toEqual(PHOTO);
  });

  it('serves a file only at the signed, unexpired address fileLinks gives to someone who may see it', async () => {
    const fileId = 'local:seed/receipts/demo-case-01.png';
    // The bare address, as a page could guess it from the file id: nothing.
    expect((await fetch(`${stack.url}/files/seed/receipts/demo-case-01.png`)).status).toBe(404);
    // A member, the township, a stranger and no caller get no address.
    for (const openid of ['demo-member', 'demo-township', 'o-stranger', null]) {
      const refused = await callFunction('societies', { action: 'fileLinks', fileIds: [fileId] }, openid);
      expect(refused.ok).toBe(false);
    }
    const answer = await callFunction('societies', { action: 'fileLinks', fileIds: [fileId] }, 'demo-secretary');
    expect(answer.ok).toBe(true);
    const [link] = answer.data.items as Array<{ fileId: string; url: string }>;
    expect(link!.url).toMatch(/^\/files\/seed\/receipts\/demo-case-01\.png\?expires=\d+&sig=[\w-]+$/);
    const served = await fetch(`${stack.url}${link!.url}`);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await served.arrayBuffer())).toEqual((await stack.ports.files.get(fileId))!.content);
    // A signature moved to another file, or an expiry pushed later, serves nothing.
    const query = link!.url.slice(link!.url.indexOf('?'));
    expect((await fetch(`${stack.url}/files/seed/receipts/demo-case-02.png${query}`)).status).toBe(404);
    const later = link!.url.replace(/expires=(\d+)/, (_, ms: string) => `expires=${Number(ms) + 3_600_000}`);
    expect((await fetch(`${stack.url}${later}`)).status).toBe(404);
  });

  it('finds the file part whatever its position and keeps CRLF bytes inside the file', () => {
    const boundary = 'b0undary';
    expect(filePart(multipart(boundary, PHOTO), `multipart/form-data; boundary="${boundary}"`)).toEqual(PHOTO);
    expect(filePart(multipart(boundary, PHOTO), 'multipart/form-data')).toBeNull();
  });
});
