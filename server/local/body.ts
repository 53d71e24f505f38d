/**
 * Reads a request body up to a limit. Past the limit it keeps draining (and discarding) the rest,
 * so that the client, still sending, can read the 413 reply; the caller then closes the
 * connection (`closeAfterReply`) once the body has ended or after a short grace period.
 */
import type http from 'node:http';

export type LimitedBody = { ok: true; body: Buffer } | { ok: false; tooLarge: true };

export function readLimited(request: http.IncomingMessage, maxBytes: number): Promise<LimitedBody> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    request.on('data', (chunk: Buffer) => {
      if (settled) return;
      size += chunk.length;
      if (size > maxBytes) {
        settled = true;
        chunks.length = 0;
        resolve({ ok: false, tooLarge: true });
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => {
      if (settled) return;
      settled = true;
      resolve({ ok: true, body: Buffer.concat(chunks) });
    });
    request.on('error', (error) => {
      if (settled) return;
      settled = true;
      reject(error);
    });
  });
}

/** How long a refused body may go on draining before its connection is cut. */
const DRAIN_GRACE_MS = 3000;

/**
 * After a body refused or left unread: the connection is closed once the body has drained, or
 * after DRAIN_GRACE_MS, so it never stalls a keep-alive client.
 */
export function closeAfterReply(request: http.IncomingMessage, response: http.ServerResponse): void {
  const socket = request.socket;
  // The client must not reuse this connection.
  response.setHeader('connection', 'close');
  // Whatever is left of the body is read and dropped, so the client can read the reply.
  request.resume();
  response.once('finish', () => {
    if (request.complete) {
      socket.destroy();
      return;
    }
    const timer = setTimeout(() => socket.destroy(), DRAIN_GRACE_MS);
    timer.unref();
    request.once('end', () => {
      clearTimeout(timer);
      socket.destroy();
    });
  });
}
