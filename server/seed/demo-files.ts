/**
 * The photos the demo seed refers to (the signed receipts of the paid demo cases): drawn here as
 * small PNG pictures of a signed slip, so the pages show an image rather than a broken link.
 * Written into the Files port when missing; never overwrites a file. Each is recorded as a file of
 * its case (server/files/private.ts), so its officers and applicant can see it and nobody else.
 */
import zlib from 'node:zlib';
import { COLLECTIONS } from '../collections';
import type { Files } from '../ports/files';
import { findAll, type Store } from '../ports/store';
import { recordServerFile } from '../files/private';

const SEED_FILE_PREFIX = 'local:seed/';

/** Writes every seed/… file a seeded case points at and the Files port lacks; answers how many. */
export async function seedDemoFiles(store: Store, files: Files): Promise<number> {
  const cases = await findAll<{
    _id: string;
    societyId: string;
    createdAt: string;
    receipt?: { fileId?: unknown } | null;
  }>(store, COLLECTIONS.cases);
  let written = 0;
  for (const doc of cases) {
    const fileId = doc.receipt?.fileId;
    if (typeof fileId !== 'string' || !fileId.startsWith(SEED_FILE_PREFIX)) continue;
    const path = fileId.slice('local:'.length);
    await recordServerFile(
      { store },
      { path, societyId: doc.societyId, caseId: doc._id, kind: 'receipts', at: doc.createdAt },
    );
    if (await files.get(fileId)) continue;
    await files.put(fileId.slice('local:'.length), receiptPicture(), 'image/png');
    written += 1;
  }
  return written;
}

const WIDTH = 320;
const HEIGHT = 200;

/** A paper slip with a ruled text block and a signature stroke (RGB PNG, ~1 KB). */
export function receiptPicture(): Buffer {
  const pixels = Buffer.alloc(WIDTH * HEIGHT * 3);
  const paint = (x: number, y: number, [r, g, b]: readonly [number, number, number]) => {
    if (x < 0 || y < 0 || x >= WIDTH || y >= HEIGHT) return;
    const at = (y * WIDTH + x) * 3;
    pixels[at] = r;
    pixels[at + 1] = g;
    pixels[at + 2] = b;
  };
  for (let y = 0; y < HEIGHT; y++) for (let x = 0; x < WIDTH; x++) paint(x, y, [251, 248, 240]);
  for (let x = 0; x < WIDTH; x++) for (const y of [0, 1, HEIGHT - 2, HEIGHT - 1]) paint(x, y, [90, 90, 90]);
  for (let y = 0; y < HEIGHT; y++) for (const x of [0, 1, WIDTH - 2, WIDTH - 1]) paint(x, y, [90, 90, 90]);
  // Five lines of "text".
  for (let line = 0; line < 5; line++) {
    const y0 = 28 + line * 22;
    const length = line === 4 ? 150 : 250 - line * 12;
    for (let y = y0; y < y0 + 6; y++) for (let x = 30; x < 30 + length; x++) paint(x, y, [150, 150, 150]);
  }
  // The recipient's signature: a wave in blue ink.
  for (let x = 180; x < 290; x++) {
    const y = Math.round(162 + 10 * Math.sin((x - 180) / 9) * Math.cos((x - 180) / 31));
    for (let dy = -1; dy <= 1; dy++) paint(x, y + dy, [30, 60, 160]);
  }
  return png(WIDTH, HEIGHT, pixels);
}

function png(width: number, height: number, rgb: Buffer): Buffer {
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) rgb.copy(raw, y * (width * 3 + 1) + 1, y * width * 3, (y + 1) * width * 3);
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', zlib.deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
