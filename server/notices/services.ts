/**
 * The two outside services notices need, behind small ports: the content-security check an
 * objection's text passes (WeChat's `security.msgSecCheck` in the cloud), and the code printed
 * on the village notice board (`wxacode.getUnlimited` in the cloud, a QR code of the same link
 * locally). The local versions are the default (local stack, tests); the `notices` cloud entry
 * puts the cloud ones in place (cloud-services.ts).
 */
import { createRequire } from 'node:module';

export interface ContentVerdict {
  ok: boolean;
  /** Why not, for the logs (e.g. the service's label). */
  label?: string;
}

export interface ContentCheck {
  /** ok: false when the text may not be kept; throws when the check itself cannot run. */
  check(text: string, openid: string | null): Promise<ContentVerdict>;
}

export interface BoardCodeImage {
  content: Buffer;
  contentType: 'image/png' | 'image/jpeg';
}

export interface BoardCodeRenderer {
  /** 'cloud': a mini program code; 'local': a QR code of the page link. */
  readonly kind: 'cloud' | 'local';
  render(scene: string, page: string): Promise<BoardCodeImage>;
}

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

let current: NoticeServices = LOCAL_NOTICE_SERVICES;

export function noticeServices(): NoticeServices {
  return current;
}

/** Puts other services in place (the cloud entry; tests that need a failing service). Returns the previous ones. */
export function useNoticeServices(services: NoticeServices): NoticeServices {
  const previous = current;
  current = services;
  return previous;
}
