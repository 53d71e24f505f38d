/**
 * The printable notice-board poster (R-OVS-3, issue #5 item 3): one A4 page of HTML with the code
 * embedded, stored through the Files port and audited (R-OVS-5); only the society's secretary or
 * president may export it, and a refusal writes nothing.
 *
 * The tests share one backend and run in order: each says what it changes.
 */
import type { LocalFiles } from '../../server/adapters/local-files';
import fs from 'node:fs';
import path from 'node:path';
import { COLLECTIONS } from '../../server/collections';
import type { AuditEventDoc } from '../../server/audit/trail';
import { findAll } from '../../server/ports/store';
import { POSTER_SCAN_LINE } from '../../server/notices/poster-file';
import type { BoardPoster } from '../../miniprogram/domain/notices';
import type { ExportedFile } from '../../miniprogram/domain/funds';
import { createTestBackend, type TestBackend } from '../support/test-backend';
import { api, footprint, LIUTANG, WANGJIA } from './support';
import { sealAll } from '../support/audit';

let backend: TestBackend;
let call: ReturnType<typeof api>;

beforeAll(async () => {
  backend = await createTestBackend();
  call = api(backend);
});
afterAll(() => backend.close());

/** Every file the Files port holds, as paths under its folder. */
function storedFiles(): string[] {
  const root = path.join(backend.dir, 'files');
  if (!fs.existsSync(root)) return [];
  return (fs.readdirSync(root, { recursive: true }) as string[])
    .filter((name) => fs.statSync(path.join(root, name)).isFile())
    .sort();
}

async function posterEvents(): Promise<AuditEventDoc[]> {
  return findAll<AuditEventDoc>(backend.ports.store, COLLECTIONS.auditEvents, {
    where: { scopeId: WANGJIA, action: 'notice.exportPoster' },
  });
}

async function exportedHtml(file: ExportedFile): Promise<string> {
  const stored = await backend.ports.files.get(file.fileId);
  expect(stored?.contentType).toBe('text/html');
  return stored!.content.toString('utf8');
}

describe('the printable board poster (R-OVS-3)', () => {
  it('R-OVS-3: one A4 page with the title, society, village, the code embedded, how to object and the committee', async () => {
    const poster = await call.notices.ok<BoardPoster>('boardPoster', { societyId: WANGJIA }, 'demo-secretary');
    const file = await call.notices.ok<ExportedFile>('exportBoardPoster', { societyId: WANGJIA }, 'demo-secretary');
    expect(file.fileId).toMatch(/^local:notices\/posters\/soc-wangjia-\d{14}\.html$/);
    // A signed, short-lived address of that very file (issue 12).
    const [pathname, query] = file.url.split('?') as [string, string];
    expect((backend.ports.files as LocalFiles).fileIdOfSignedUrl(pathname, new URLSearchParams(query))).toBe(
      file.fileId,
    );
    expect(file.fileName).toBe('王家村救急难互助社公示栏海报.html');

    const html = await exportedHtml(file);
    expect(html).toContain('<title>王家村救急难互助社 救助公示</title>');
    expect(html).toContain('<h1>王家村救急难互助社 救助公示</h1>');
    expect(html).toContain(poster.subtitle);
    expect(html).toContain('<p class="society">王家村救急难互助社</p>');
    expect(html).toContain('<p class="village">王家村</p>');
    expect(html).toContain(POSTER_SCAN_LINE.replace(/"/g, '&#34;'));
    for (const line of poster.howToObject.filter((each) => !each.startsWith('村监督委员会'))) {
      expect(html).toContain(`<li>${line}</li>`);
    }
    expect(html).toContain('个工作日内答复');
    expect(html).toContain('<h2>村监督委员会</h2><p>赵德明</p>');
    // Print CSS: A4, large type.
    expect(html).toContain('@page{size:A4 portrait');
    expect(html).toContain('h1{font-size:34pt');

    // The code is embedded, byte for byte the stored image: the page prints offline.
    const images = [...html.matchAll(/<img [^>]*src="([^"]*)"/g)].map((match) => match[1]!);
    expect(images).toHaveLength(1);
    const embedded = /^data:image\/png;base64,([A-Za-z0-9+/=]+)$/.exec(images[0]!);
    expect(embedded).not.toBeNull();
    const qr = await backend.ports.files.get(poster.qrFileId);
    expect(Buffer.from(embedded![1]!, 'base64').equals(qr!.content)).toBe(true);
    expect(html).not.toMatch(/https?:\/\//);
    expect(html).not.toContain(poster.qrFileId);
    // Nothing personal: no id number, no phone number (in the text, the image aside).
    const text = html.replace(images[0]!, '');
    expect(text).not.toMatch(/\d{17}[\dXx]/);
    expect(text).not.toMatch(/(?<!\d)1[3-9]\d{9}(?!\d)/);
  });

  it('R-OVS-5: each export is one audit event, by whom and of which file', async () => {
    const before = await posterEvents();
    await sealAll(backend.ports.store);
    const heads = (await footprint(backend)).heads;
    const file = await call.notices.ok<ExportedFile>('exportBoardPoster', { societyId: WANGJIA }, 'demo-president');
    const after = await posterEvents();
    expect(after).toHaveLength(before.length + 1);
    const event = after.find((each) => !before.some((old) => old._id === each._id))!;
    expect(event).toMatchObject({
      scopeId: WANGJIA,
      action: 'notice.exportPoster',
      target: `${COLLECTIONS.noticeBoards}/${WANGJIA}`,
      actor: { openid: 'demo-president', role: 'president' },
      details: { fileId: file.fileId },
    });
    // Exactly one event was appended anywhere.
    await sealAll(backend.ports.store);
    const headsAfter = (await footprint(backend)).heads as string[];
    const moved = headsAfter.filter((head) => !(heads as string[]).includes(head));
    expect(moved).toEqual([expect.stringMatching(/^soc-wangjia@/)]);
    const seq = (head: string) => Number(head.split('@')[1]);
    const old = (heads as string[]).find((head) => head.startsWith('soc-wangjia@'))!;
    expect(seq(moved[0]!) - seq(old)).toBe(1);
  });

  it('escapes every text: a society name with a script in it comes out inert', async () => {
    await backend.ports.store.transaction((tx) =>
      tx.update(COLLECTIONS.societies, WANGJIA, {
        name: '王家村<script>alert("x")</script>&互助社',
      }),
    );
    const file = await call.notices.ok<ExportedFile>('exportBoardPoster', { societyId: WANGJIA }, 'demo-secretary');
    const html = await exportedHtml(file);
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain('王家村&#60;script&#62;alert(&#34;x&#34;)&#60;/script&#62;&#38;互助社');
    expect(html).toContain(`<p class="society">王家村&#60;script&#62;`);
  });

  it('a member, the supervisor, overseers, another society’s officer and strangers are refused, and nothing is written', async () => {
    const before = await footprint(backend);
    const files = storedFiles();
    for (const openid of ['demo-member', 'demo-supervisor', 'demo-township', 'demo-county', 'demo-resident']) {
      expect((await call.notices.refused('exportBoardPoster', { societyId: WANGJIA }, openid)).code).toBe('FORBIDDEN');
    }
    // The secretary of 王家村 is no officer of 柳塘村.
    expect((await call.notices.refused('exportBoardPoster', { societyId: LIUTANG }, 'demo-secretary')).code).toBe(
      'FORBIDDEN',
    );
    expect((await call.notices.refused('exportBoardPoster', { societyId: WANGJIA }, null)).code).toMatch(
      /UNAUTHENTICATED|FORBIDDEN/,
    );
    expect((await call.notices.refused('exportBoardPoster', { societyId: 'soc-nowhere' }, 'demo-secretary')).code).toBe(
      'NOT_FOUND',
    );
    expect(
      (await call.notices.refused('exportBoardPoster', { societyId: WANGJIA, extra: 1 }, 'demo-secretary')).code,
    ).toBe('BAD_REQUEST');
    expect(await footprint(backend)).toEqual(before);
    expect(storedFiles()).toEqual(files);
  });

  it('a missing code image is a clear error, not a broken poster, and nothing is written', async () => {
    const poster = await call.notices.ok<BoardPoster>('boardPoster', { societyId: WANGJIA }, 'demo-secretary');
    fs.rmSync(path.join(backend.dir, 'files', poster.qrFileId.replace(/^local:/, '')));
    const before = await footprint(backend);
    const files = storedFiles();

    const refused = await call.notices.refused('exportBoardPoster', { societyId: WANGJIA }, 'demo-secretary');
    expect(refused).toEqual({
      code: 'NOT_FOUND',
      message: '找不到本社公示栏二维码图片，无法导出海报，请稍后再试或联系县里的管理员',
    });
    expect(await footprint(backend)).toEqual(before);
    expect(storedFiles()).toEqual(files);
  });
});
