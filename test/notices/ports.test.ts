/**
 * Issue 12 "Injected, not global": the content check and the board code are ports of the context
 * each call gets, like Store and Files. Two backends side by side use their own; none leaks into
 * the other.
 */
import type { BoardCodeRenderer } from '../../server/ports/board-code';
import { createTestBackend, type TestBackend } from '../support/test-backend';

const NOTICE = 'notice-demo-case-03';

let strict: TestBackend;
let plain: TestBackend;

beforeAll(async () => {
  [strict, plain] = await Promise.all([createTestBackend(), createTestBackend()]);
});
afterAll(async () => {
  await Promise.all([strict.close(), plain.close()]);
});

async function raise(backend: TestBackend, requestId: string) {
  return backend.call(
    'notices',
    { action: 'raiseObjection', requestId, noticeId: NOTICE, text: '请核实金额' },
    'demo-resident',
  );
}

it('R-PROC-6: an objection passes the content check of its own backend only', async () => {
  const seen: string[] = [];
  strict.ports.contentCheck = {
    async check(text) {
      seen.push(text);
      return { ok: false, label: 'strict test check' };
    },
  };
  expect(await raise(strict, 'objection-strict-1')).toMatchObject({ ok: false, error: { code: 'CONTENT_REJECTED' } });
  expect(seen).toEqual(['请核实金额']);
  expect(await raise(plain, 'objection-plain-1')).toMatchObject({ ok: true });
  expect(seen).toHaveLength(1);
});

it('R-OVS-3: the board poster draws its code with its own backend’s renderer and records its kind', async () => {
  const drawn: string[] = [];
  const cloudLike: BoardCodeRenderer = {
    kind: 'cloud',
    async render(scene, page) {
      drawn.push(`${page}?scene=${scene}`);
      return {
        content: Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0xff, 0xd9]),
        contentType: 'image/jpeg',
      };
    },
  };
  strict.ports.boardCode = cloudLike;
  const poster = await strict.call('notices', { action: 'boardPoster', societyId: 'soc-wangjia' }, 'demo-secretary');
  expect(poster).toMatchObject({ ok: true, data: { qrKind: 'cloud' } });
  expect(drawn).toHaveLength(1);
  const local = await plain.call('notices', { action: 'boardPoster', societyId: 'soc-wangjia' }, 'demo-secretary');
  expect(local).toMatchObject({ ok: true, data: { qrKind: 'local' } });
  expect(drawn).toHaveLength(1);
});
