/**
 * The embedded local stack: the same cloud functions over the SQLite store, on loopback only.
 * The `x-openid` header picks the caller (a demo caller); the production entry never reads it.
 */
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { FUNCTIONS } from '../functions';
import { dispatch } from '../api/dispatch';
import { closeAfterReply, readLimited } from './body';
import { resealPersonalData } from '../cases/reseal';
import { rekeyPersons } from '../cases/rekey';
import { ERROR_MESSAGES, type Envelope } from '../errors';
import type { Logger, Ports } from '../context';
import { SqliteStore } from '../adapters/sqlite/store';
import { LocalFiles } from '../adapters/local-files';
import { INDEXES } from '../collections';
import { seedDemoCounty, DEMO_CALLERS, DEMO_SEED } from '../seed/demo-county';
import { systemClock, type Clock } from '../ports/clock';
import { handlePreview } from '../preview/handler';
import { receiveUpload } from './upload';
import { seedDemoFiles } from '../seed/demo-files';
import { LOCAL_NOTICE_SERVICES } from '../notices/services';
import { outboxNotifier } from '../ports/notifier';
import { inboxOf } from '../messages/inbox';
import { sealPendingAudit } from '../audit/seal';
import { countDigestsDue } from '../oversight/digest';
import { deliverEach } from '../messages/outbox';

export const LOOPBACK = '127.0.0.1';
const MAX_BODY_BYTES = 1024 * 1024;

/**
 * The minute timer's work (server/functions/scheduler.ts `sealAudit`), run after each call: hand
 * on what the call kept on its documents and seal the trail, count the overviews' digests it
 * marked, and send the messages just handed on.
 */
export async function minuteWork(ports: Ports): Promise<void> {
  const { handedOn } = await sealPendingAudit(ports.store);
  await countDigestsDue(ports.store, ports.clock.now());
  if (handedOn.queued.length) await deliverEach(ports, handedOn.queued);
}

export interface LocalStackOptions {
  dataDir: string;
  port: number;
  clock?: Clock;
  log: Logger;
  /** 'none': start without the demo county, as a new deployment does (issue 12's first start). */
  seed?: 'demo' | 'none';
}

export interface LocalStack {
  url: string;
  port: number;
  ports: Ports;
  reset(): Promise<void>;
  close(): Promise<void>;
}

/** Opens (and on first run seeds) the local database. */
export async function openLocalData(
  dataDir: string,
  options: { reset?: boolean; seed?: 'demo' | 'none'; keepKeys?: boolean } = {},
) {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, 'local.sqlite');
  if (options.reset) removeDatabase(file);
  const store = SqliteStore.open({ file, indexes: INDEXES });
  const files = new LocalFiles(path.join(dataDir, 'files'));
  if (options.seed !== 'none') {
    await seedDemoCounty(store);
    await seedDemoFiles(store, files);
  }
  // A data folder kept from before a key change (or from before key ids) is brought onto the current keys.
  // (Not for the key commands, which do it themselves and print what they did.)
  if (!options.keepKeys) {
    for (let more = true; more;) more = (await resealPersonalData(store)).more;
    for (let more = true; more;) more = (await rekeyPersons(store)).more;
  }
  return { store, file, files };
}

function removeDatabase(file: string): void {
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true });
}

export async function startLocalStack(options: LocalStackOptions): Promise<LocalStack> {
  let data = await openLocalData(options.dataDir, { seed: options.seed });
  const ports: Ports = {
    store: data.store,
    files: data.files,
    notifier: outboxNotifier,
    clock: options.clock ?? systemClock,
    log: options.log,
    ...LOCAL_NOTICE_SERVICES,
  };
  // The overviews as the minute timer leaves them, now (the seed counted them as of its start).
  await countDigestsDue(ports.store, ports.clock.now());

  /** A `/files/` address with a holding signature and expiry; anything else serves nothing. */
  function signedFileId(url: URL): string | null {
    return ports.files instanceof LocalFiles ? ports.files.fileIdOfSignedUrl(url.pathname, url.searchParams) : null;
  }

  async function reset(): Promise<void> {
    data.store.close();
    data = await openLocalData(options.dataDir, { reset: true, seed: options.seed });
    ports.store = data.store;
    ports.files = data.files;
    await countDigestsDue(ports.store, ports.clock.now());
  }

  const server = http.createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      options.log.error('local stack request failed', { detail: String(error) });
      send(response, 500, { ok: false, error: { code: 'INTERNAL', message: ERROR_MESSAGES.INTERNAL } });
    });
  });

  async function handle(request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', `http://${LOOPBACK}`);
    if (request.method === 'GET' && url.pathname === '/healthz') {
      send(response, 200, { ok: true, seed: DEMO_SEED, functions: Object.keys(FUNCTIONS), callers: DEMO_CALLERS });
      return;
    }
    const fnMatch = /^\/functions\/([a-z][a-zA-Z0-9]*)$/.exec(url.pathname);
    if (fnMatch && request.method === 'POST') {
      const fn = FUNCTIONS[fnMatch[1]!];
      if (!fn) {
        send(response, 404, { ok: false, error: { code: 'NOT_FOUND', message: '没有这个云函数' } });
        return;
      }
      const body = await readJson(request);
      if (!body.ok) {
        if (body.status === 413) closeAfterReply(request, response);
        send(response, body.status, { ok: false, error: { code: 'BAD_REQUEST', message: ERROR_MESSAGES.BAD_REQUEST } });
        return;
      }
      const openidHeader = request.headers['x-openid'];
      const openid = typeof openidHeader === 'string' && openidHeader.length > 0 ? openidHeader : null;
      const answer = await dispatch(fn, body.value, openid, ports);
      // No timers here: the minute timer's work runs after each call, so messages, audit events
      // and overview counts are where the preview looks at once.
      if (answer.ok) await minuteWork(ports);
      send(response, 200, answer);
      return;
    }
    const fileId = request.method === 'GET' ? signedFileId(url) : null;
    if (fileId) {
      // What LocalFiles.url() hands to a page (through fileLinks or an export): signed, short-lived.
      const file = await ports.files.get(fileId);
      if (file) {
        response.writeHead(200, { 'content-type': file.contentType, 'cache-control': 'no-store' });
        response.end(file.content);
        return;
      }
    }
    if (request.method === 'POST' && url.pathname === '/files/upload') {
      const reply = await receiveUpload(request, url.searchParams, ports);
      // Refused before or while reading the body: the rest of it is never read.
      if (!request.complete) closeAfterReply(request, response);
      send(response, reply.status, reply.body);
      return;
    }
    if (request.method === 'POST' && url.pathname === '/dev/reset') {
      await reset();
      send(response, 200, { ok: true, data: { seed: DEMO_SEED } });
      return;
    }
    if (request.method === 'GET' && url.pathname === '/dev/messages') {
      // The preview's 消息 panel: what this demo caller was (or would have been) sent.
      const openid = url.searchParams.get('caller') ?? '';
      send(response, 200, { ok: true, data: { items: await inboxOf(ports.store, openid) } });
      return;
    }
    if (await handlePreview(request, response, ports)) return;
    send(response, 404, { ok: false, error: { code: 'NOT_FOUND', message: ERROR_MESSAGES.NOT_FOUND } });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, LOOPBACK, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://${LOOPBACK}:${port}`,
    port,
    ports,
    reset,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      data.store.close();
    },
  };
}

function send(response: http.ServerResponse, status: number, body: Envelope | Record<string, unknown>): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  response.end(text);
}

async function readJson(
  request: http.IncomingMessage,
): Promise<{ ok: true; value: unknown } | { ok: false; status: number }> {
  const read = await readLimited(request, MAX_BODY_BYTES);
  if (!read.ok) return { ok: false, status: 413 };
  try {
    return { ok: true, value: JSON.parse(read.body.toString('utf8') || '{}') };
  } catch {
    return { ok: false, status: 400 };
  }
}
