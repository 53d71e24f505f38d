import http from 'node:http';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startLocalStack, type LocalStack } from '../../server/local/stack';
import { silentLogger } from '../../server/context';
import { DEMO_CALLERS } from '../../server/seed/demo-county';
import { COLLECTIONS } from '../../server/collections';

let dataDir: string;
let stack: LocalStack;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jj-stack-'));
  stack = await startLocalStack({ dataDir, port: 0, log: silentLogger });
});
afterAll(async () => {
  await stack.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function post(fn: string, body: unknown, openid?: string) {
  const response = await fetch(`${stack.url}/functions/${fn}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(openid ? { 'x-openid': openid } : {}) },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('the local stack', () => {
  it('listens on loopback only and answers /healthz', async () => {
    expect(stack.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const response = await fetch(`${stack.url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ ok: true, functions: expect.arrayContaining(['societies']) });
  });

  it.each(DEMO_CALLERS)('answers a function call as %s within the envelope', async (openid) => {
    const { status, body } = await post('societies', { action: 'me' }, openid);
    expect(status).toBe(200);
    expect(body).toMatchObject({ ok: true, data: { openid, roles: [expect.any(Object)] } });
  });

  it('answers bad JSON, an unknown function and an unknown path with a Chinese error', async () => {
    expect(await post('societies', '{not json')).toMatchObject({
      status: 400,
      body: { ok: false, error: { code: 'BAD_REQUEST' } },
    });
    expect(await post('nosuch', { action: 'me' })).toMatchObject({
      status: 404,
      body: { ok: false, error: { message: '没有这个云函数' } },
    });
    const response = await fetch(`${stack.url}/elsewhere`);
    expect(response.status).toBe(404);
  });

  it('serves a stored file at the address the Files port gives, and nothing outside it', async () => {
    const stored = await stack.ports.files.put('receipts/test-receipt.png', Buffer.from('PNG-bytes'), 'image/png');
    const address = await stack.ports.files.url(stored.fileId);
    const response = await fetch(`${stack.url}${address}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await response.arrayBuffer()).toString()).toBe('PNG-bytes');
    for (const hostile of ['/files/../local.sqlite', '/files/%2e%2e/local.sqlite', '/files/receipts/missing.png']) {
      expect((await fetch(`${stack.url}${hostile}`)).status).toBe(404);
    }
  });

  it('keeps data across a restart and puts the demo seed back on reset', async () => {
    await stack.ports.store.insert(COLLECTIONS.meta, { _id: 'marker', value: 1, updatedAt: 'now' });
    await stack.close();
    stack = await startLocalStack({ dataDir, port: 0, log: silentLogger });
    expect(await stack.ports.store.get(COLLECTIONS.meta, 'marker')).not.toBeNull();

    const response = await fetch(`${stack.url}/dev/reset`, { method: 'POST' });
    expect(response.status).toBe(200);
    expect(await stack.ports.store.get(COLLECTIONS.meta, 'marker')).toBeNull();
    const page = await post('societies', { action: 'getPublicPage', societyId: 'soc-wangjia' });
    expect(page.body).toMatchObject({ ok: true, data: { name: '王家村救急难互助社' } });
  });

  it('serves the seeded receipt photos the demo cases point at (PNG pictures, not broken links), signed only', async () => {
    // Issue 12: the bare path serves nothing; the case's secretary gets a signed address.
    expect((await fetch(`${stack.url}/files/seed/receipts/demo-case-03.png`)).status).toBe(404);
    const links = await post(
      'societies',
      { action: 'fileLinks', fileIds: ['local:seed/receipts/demo-case-03.png'] },
      'demo-secretary',
    );
    const [link] = (links.body.data as { items: Array<{ url: string }> }).items;
    const response = await fetch(`${stack.url}${link!.url}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/png');
    const bytes = Buffer.from(await response.arrayBuffer());
    expect(bytes.subarray(1, 4).toString('ascii')).toBe('PNG');
    expect(bytes.readUInt32BE(16)).toBe(320);
  });
});

describe('a body too large', () => {
  /** Sends `bytes` of body on a keep-alive connection; answers the status, the connection header and whether the server closed the socket. */
  function sendTooMuch(
    pathname: string,
    bytes: number,
    openid: string | null = 'demo-secretary',
  ): Promise<{ status: number; connection: string; closed: boolean }> {
    const agent = new http.Agent({ keepAlive: true });
    return new Promise((resolve, reject) => {
      const url = new URL(pathname, stack.url);
      const request = http.request(url, {
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', ...(openid ? { 'x-openid': openid } : {}) },
      });
      request.on('error', () => undefined);
      request.on('response', (response) => {
        response.resume();
        const socket = request.socket!;
        socket.once('close', () => {
          agent.destroy();
          resolve({ status: response.statusCode ?? 0, connection: String(response.headers.connection), closed: true });
        });
      });
      request.on('close', () => undefined);
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      let sent = 0;
      const pump = () => {
        while (sent < bytes) {
          sent += chunk.length;
          if (!request.write(chunk)) return void request.once('drain', pump);
        }
        request.end();
      };
      pump();
      setTimeout(() => reject(new Error('the server kept the connection open')), 4000).unref();
    });
  }

  /** An upload path the server issued to the demo secretary (issue 12). */
  async function uploadSlot(): Promise<string> {
    const answer = await post(
      'societies',
      { action: 'requestUpload', kind: 'receipts', caseId: 'demo-case-01' },
      'demo-secretary',
    );
    return `/files/upload?path=${encodeURIComponent((answer.body.data as { path: string }).path)}`;
  }

  it.each(['/functions/societies', 'an issued upload path'])(
    '%s: is refused with 413 and the connection is closed, not left stalled',
    async (target) => {
      const pathname = target.startsWith('/') ? target : await uploadSlot();
      const result = await sendTooMuch(pathname, 12 * 1024 * 1024);
      expect(result).toEqual({ status: 413, connection: 'close', closed: true });
      // The stack still answers the next caller at once.
      const { status } = await post('societies', { action: 'me' }, 'demo-resident');
      expect(status).toBe(200);
    },
  );

  it('an upload refused before its body is read (no caller) closes the connection too', async () => {
    const result = await sendTooMuch('/files/upload?path=cases/x.jpg', 2 * 1024 * 1024, null);
    expect(result).toEqual({ status: 401, connection: 'close', closed: true });
  });
});
