/**
 * The local side of the two outside services notices need (the ContentCheck and BoardCode ports,
 * server/ports/): a content check that refuses a few test words, and a QR code of the board's
 * link. The local stack and tests hand these in; the cloud entry hands in the cloud ones
 * (cloud-services.ts). Nothing here is a process-wide setting.
 */
import { createRequire } from 'node:module';
import type { ContentCheck } from '../ports/content-check';
import type { BoardCodeRenderer } from '../ports/board-code';

export type { ContentCheck, ContentVerdict } from '../ports/content-check';
export type { BoardCodeImage, BoardCodeRenderer } from '../ports/board-code';

/** The two ports a notices action may use, as a context carries them. */
export interface NoticeServices {
  contentCheck: ContentCheck;
  boardCode: BoardCodeRenderer;
}

/** What the local content check refuses (so tests and the demo can see a refusal); everything else passes. */
export const LOCAL_REFUSED_WORDS: readonly string[] = ['违禁测试词', '测试敏感内容'];

export const localContentCheck: ContentCheck = {
  async check(text) {
    const word = LOCAL_REFUSED_WORDS.find((candidate) => text.includes(candidate));
    return word ? { ok: false, label: `local test word ${word}` } : { ok: true };
  },
};

interface QrCodeModule {
  toBuffer(
    text: string,
    options: {
      type: 'png';
      errorCorrectionLevel: 'L' | 'M' | 'Q' | 'H';
      margin: number;
      width: number;
      rendererOpts?: { filterType?: number };
    },
  ): Promise<Buffer>;
}

/** The link a local board code carries: the same page and scene the cloud code opens. */
export function localBoardLink(scene: string, page: string): string {
  return `${page}?scene=${encodeURIComponent(scene)}`;
}

/**
 * A QR code (the `qrcode` package) of the page link. Loaded at run time, not bundled: the local
 * stack and tests have it in node_modules, and no cloud function carries it.
 */
export const localBoardCode: BoardCodeRenderer = {
  kind: 'local',
  async render(scene, page) {
    const qrcode = createRequire(__filename)('qrcode') as QrCodeModule;
    const content = await qrcode.toBuffer(localBoardLink(scene, page), {
      type: 'png',
      errorCorrectionLevel: 'M',
      margin: 2,
      width: 430,
      // One PNG filter (Up) instead of trying all five per line: as small for a two-colour code, far faster.
      rendererOpts: { filterType: 2 },
    });
    return { content, contentType: 'image/png' };
  },
};

export const LOCAL_NOTICE_SERVICES: NoticeServices = { contentCheck: localContentCheck, boardCode: localBoardCode };
