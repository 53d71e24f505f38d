/**
 * The cloud side of the notices ports, through wx-server-sdk's open API (the function's
 * config.json grants `security.msgSecCheck` and `wxacode.getUnlimited`). Called only after the
 * cloud entry has initialised the SDK (dispatch builds its ports first). server/cloud/entry.ts
 * hands them to every function as its ContentCheck and BoardCode ports.
 */
import cloud from 'wx-server-sdk';
import type { ContentCheck } from '../ports/content-check';
import type { BoardCodeRenderer } from '../ports/board-code';
import type { NoticeServices } from './services';

/** The narrow part of `cloud.openapi` used here. */
export interface NoticeOpenApi {
  security: {
    msgSecCheck(param: {
      content: string;
      version?: 2;
      scene?: number;
      openid?: string;
    }): Promise<{ errCode?: number; result?: { suggest?: string; label?: number | string } }>;
  };
  wxacode: {
    getUnlimited(param: {
      scene: string;
      page: string;
      checkPath?: boolean;
      width?: number;
    }): Promise<{ contentType?: string; buffer?: Buffer; errCode?: number; errMsg?: string }>;
  };
}

/** WeChat's code for "this content is risky" in the v1 check. */
const RISKY_CONTENT = 87014;
/** msgSecCheck v2 scene 2: a comment. */
const COMMENT_SCENE = 2;

export function openApiContentCheck(api: () => NoticeOpenApi): ContentCheck {
  return {
    async check(text, openid) {
      try {
        // v2 needs the user's openid (they have opened the mini program recently); v1 otherwise.
        const answer = openid
          ? await api().security.msgSecCheck({ content: text, version: 2, scene: COMMENT_SCENE, openid })
          : await api().security.msgSecCheck({ content: text });
        const suggest = answer.result?.suggest;
        if (suggest && suggest !== 'pass') return { ok: false, label: `${suggest}:${String(answer.result?.label)}` };
        return { ok: true };
      } catch (error) {
        const code = (error as { errCode?: unknown } | null)?.errCode;
        if (code === RISKY_CONTENT) return { ok: false, label: 'risky (87014)' };
        throw error;
      }
    },
  };
}

export function openApiBoardCode(api: () => NoticeOpenApi): BoardCodeRenderer {
  return {
    kind: 'cloud',
    async render(scene, page) {
      const answer = await api().wxacode.getUnlimited({ scene, page, checkPath: false, width: 430 });
      if (!answer.buffer || (answer.errCode !== undefined && answer.errCode !== 0)) {
        throw new Error(`wxacode.getUnlimited failed: ${answer.errCode ?? '?'} ${answer.errMsg ?? ''}`);
      }
      return {
        content: Buffer.from(answer.buffer),
        contentType: answer.contentType === 'image/png' ? 'image/png' : 'image/jpeg',
      };
    },
  };
}

const openapi = () => cloud.openapi as unknown as NoticeOpenApi;

export const CLOUD_NOTICE_SERVICES: NoticeServices = {
  contentCheck: openApiContentCheck(openapi),
  boardCode: openApiBoardCode(openapi),
};
