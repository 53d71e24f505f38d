/**
 * `POST /files/upload` of the local stack: what wx.uploadFile sends in WeChat (multipart) and what
 * the browser preview sends (the raw bytes) both land in the Files port, answered with the file id.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startLocalStack, type LocalStack } from '../../server/local/stack';
import { silentLogger } from '../../server/context';
import { filePart, uploadFolderOf } from '../../server/local/upload';

/** Where the demo secretary's uploads land. */
const MINE = uploadFolderOf('demo-secretary');

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

describe('photo upload to the local stack', () => {
  it('stores the file part of a multipart body (WeChat wx.uploadFile) and serves it back byte for byte', async () => {
    const boundary = '----WebKitFormBoundary7MA4YWxkTrZu0gW';
    const { status, body } = await upload(
      'visits/1-a.jpg',
      multipart(boundary, PHOTO),
      `multipart/form-data; boundary=${boundary}`,
    );

    expect(status).toBe(200);
    expect(body).toEqual({
      ok: true,
      data: { fileId: `local:${MINE}/visits/1-a.jpg`, size: PHOTO.length, contentType: 'image/jpeg' },
    });
    const served = await fetch(`${stack.url}/files/${MINE}/visits/1-a.jpg`);
    expect(served.headers.get('content-type')).toBe('image/jpeg');
    expect(Buffer.from(await served.arrayBuffer())).toEqual(PHOTO);
  });

  it('stores a raw body (the preview) as it is', async () => {
    const { status, body } = await upload('receipts/2-b.png', PHOTO, 'image/png');
    expect(status).toBe(200);
    expect(body.data.fileId).toBe(`local:${MINE}/receipts/2-b.png`);
    expect((await stack.ports.files.get(`local:${MINE}/receipts/2-b.png`))?.content).toEqual(PHOTO);
  });

  it.each([
    ['../escape.jpg', '文件路径不合法'],
    ['visits/evil.exe', '不支持这种文件类型'],
  ])('refuses the path %s with a Chinese message and stores nothing', async (filePath, message) => {
    const { status, body } = await upload(filePath, PHOTO, 'image/jpeg');
    expect(status).toBe(400);
    expect(body).toEqual({ ok: false, error: { code: 'BAD_REQUEST', message } });
    expect(fs.existsSync(path.join(dataDir, 'files', 'escape.jpg'))).toBe(false);
    expect(fs.existsSync(path.join(dataDir, 'files', 'visits', 'evil.exe'))).toBe(false);
  });

  it('refuses an empty body and a multipart body without a file part', async () => {
    expect((await upload('visits/3-c.jpg', Buffer.alloc(0), 'image/jpeg')).status).toBe(400);
    const noFile = Buffer.from('--xx\r\nContent-Disposition: form-data; name="note"\r\n\r\nhi\r\n--xx--\r\n');
    expect((await upload('visits/3-c.jpg', noFile, 'multipart/form-data; boundary=xx')).body.error.message).toBe(
      '没有收到文件内容',
    );
    expect(await stack.ports.files.get(`local:${MINE}/visits/3-c.jpg`)).toBeNull();
  });

  it('no caller, another caller or the same caller can replace a stored file (issue 12)', async () => {
    const stored = 'local:seed/receipts/demo-case-01.png';
    const seeded = await stack.ports.files.get(stored);
    expect(seeded?.content.length).toBeGreaterThan(0);
    // Nobody: refused before anything is read.
    const anonymous = await upload('receipts/x.png', PHOTO, 'image/png', null);
    expect(anonymous).toEqual({
      status: 401,
      body: { ok: false, error: { code: 'UNAUTHENTICATED', message: '无法识别您的身份，不能上传文件' } },
    });
    // Anybody's upload lands in their own folder: the path of a stored file cannot be reached.
    const other = await upload('seed/receipts/demo-case-01.png', PHOTO, 'image/png', 'o-stranger');
    expect(other.body.data.fileId).toBe(`local:${uploadFolderOf('o-stranger')}/seed/receipts/demo-case-01.png`);
    expect(await stack.ports.files.get(stored)).toEqual(seeded);
    const intoMine = await upload(
      `${MINE.slice('uploads/'.length)}/visits/1-a.jpg`,
      Buffer.from('x'),
      'image/jpeg',
      'o-stranger',
    );
    expect(intoMine.body.data.fileId.startsWith(`local:${uploadFolderOf('o-stranger')}/`)).toBe(true);
    expect((await stack.ports.files.get(`local:${MINE}/visits/1-a.jpg`))?.content).toEqual(PHOTO);
    // Even the owner cannot write over a file already there.
    const again = await upload('visits/1-a.jpg', Buffer.from('replaced'), 'image/jpeg');
    expect(again).toEqual({
      status: 409,
      body: { ok: false, error: { code: 'DUPLICATE', message: '这个文件已经上传过了，不能覆盖' } },
    });
    expect((await stack.ports.files.get(`local:${MINE}/visits/1-a.jpg`))?.content).toEqual(PHOTO);
  });

  it('finds the file part whatever its position and keeps CRLF bytes inside the file', () => {
    const boundary = 'b0undary';
    expect(filePart(multipart(boundary, PHOTO), `multipart/form-data; boundary="${boundary}"`)).toEqual(PHOTO);
    expect(filePart(multipart(boundary, PHOTO), 'multipart/form-data')).toBeNull();
  });
});
