/**
 * The printable notice-board poster (R-OVS-3): one A4 page of HTML with the poster's title, the
 * society's name and village, its code embedded as a data: URI (so the page prints without a
 * network), how to object and the supervision committee. Stored through the Files port like the
 * case file; every export is audited. Nothing personal beyond the committee's (public) names.
 */
import { escapeHtml as escape } from '../domain/html';
import { AppError } from '../errors';
import type { ActionContext } from '../context';
import { COLLECTIONS } from '../collections';
import { appendAudit } from '../audit/trail';
import type { ExportedFile } from '../../miniprogram/domain/funds';
import type { BoardPoster } from '../../miniprogram/domain/notices';
import { requireNoticeOfficer } from '../access/rules';
import { loadSociety } from '../registry/load';
import { boardPoster } from './board';
import { type NoticeBoardDoc } from './model';

/** The line under the code telling residents what to do with it. */
export const POSTER_SCAN_LINE = '请用微信“扫一扫”扫描上面的二维码';
const PRINTABLE_IMAGE_TYPES = new Set(['image/png', 'image/jpeg']);

export interface PosterImage {
  content: Buffer;
  contentType: string;
}

/** One A4 page; `qr` is embedded, never linked. */
export function renderBoardPosterHtml(poster: BoardPoster, qr: PosterImage): string {
  if (!PRINTABLE_IMAGE_TYPES.has(qr.contentType)) throw new Error(`unprintable code image type ${qr.contentType}`);
  const committeeLine = poster.supervisors.length ? `村监督委员会：${poster.supervisors.join('、')}` : null;
  const objectLines = poster.howToObject.filter((line) => line !== committeeLine);
  const dataUri = `data:${qr.contentType};base64,${qr.content.toString('base64')}`;
  const committee = poster.supervisors.length
    ? `<section class="committee"><h2>村监督委员会</h2><p>${poster.supervisors.map(escape).join('&#12288;')}</p><p class="small">对救助有意见，也可以直接找村监督委员会反映。</p></section>`
    : '';
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${escape(poster.title)}</title>
<style>
@page{size:A4 portrait;margin:12mm}
*{box-sizing:border-box}
html,body{margin:0;padding:0;background:#eee;color:#000}
body{font-family:"Microsoft YaHei","PingFang SC","Noto Sans CJK SC","SimHei",sans-serif;line-height:1.5}
.sheet{width:210mm;min-height:297mm;margin:8mm auto;padding:12mm 14mm;background:#fff;text-align:center;display:flex;flex-direction:column;align-items:center}
h1{font-size:34pt;margin:0 0 3mm;letter-spacing:2pt}
.subtitle{font-size:17pt;margin:0 0 5mm}
.qr{width:95mm;height:95mm;image-rendering:pixelated;border:1px solid #ccc}
.scan{font-size:20pt;font-weight:bold;margin:3mm 0 2mm}
.society{font-size:24pt;font-weight:bold;margin:2mm 0 0}
.village{font-size:17pt;margin:1mm 0 5mm}
section{width:100%;text-align:left;border-top:2px solid #000;padding-top:3mm;margin-top:2mm;page-break-inside:avoid}
h2{font-size:20pt;margin:0 0 2mm}
ol{margin:0;padding-left:10mm}li,p{font-size:16pt;margin:0 0 2mm}
.small{font-size:14pt}
.hint{font-size:12pt;color:#555;text-align:center;margin:4mm 0}
@media print{html,body{background:#fff}.sheet{margin:0;padding:0;width:auto;min-height:0;height:272mm;overflow:hidden}.hint{display:none}}
</style></head><body>
<p class="hint">打印时请选择 A4 纸张、纵向，不缩放。</p>
<main class="sheet">
<h1>${escape(poster.title)}</h1>
<p class="subtitle">${escape(poster.subtitle)}</p>
<img class="qr" src="${dataUri}" alt="${escape(poster.societyName)}二维码">
<p class="scan">${escape(POSTER_SCAN_LINE)}</p>
<p class="society">${escape(poster.societyName)}</p>
<p class="village">${escape(poster.villageName)}</p>
<section class="object"><h2>如何提出异议</h2><ol>${objectLines.map((line) => `<li>${escape(line)}</li>`).join('')}</ol></section>
${committee}
</main>
</body></html>
`;
}

function printableImage(societyId: string, fileId: string, image: PosterImage | null): PosterImage {
  if (!image || !PRINTABLE_IMAGE_TYPES.has(image.contentType)) {
    throw new AppError(
      'NOT_FOUND',
      `board code image ${fileId} of society ${societyId} is ${image ? `of type ${image.contentType}` : 'missing'}`,
      '找不到本社公示栏二维码图片，无法导出海报，请稍后再试或联系县里的管理员',
    );
  }
  return image;
}

/** Stores the printable poster and answers where to open it; the export itself is audited. */
export async function exportBoardPoster(ctx: ActionContext, societyId: string): Promise<ExportedFile> {
  const society = await loadSociety(ctx.store, societyId);
  const actor = requireNoticeOfficer(ctx.caller, society);
  // An image already made is read before boardPoster, which would fail on a lost one less clearly.
  const board = await ctx.store.get<NoticeBoardDoc>(COLLECTIONS.noticeBoards, society._id);
  const kept = board?.qrFileId && board.qrKind === ctx.boardCode.kind ? board.qrFileId : null;
  const keptImage = kept ? printableImage(society._id, kept, await ctx.files.get(kept)) : null;
  const poster = await boardPoster(ctx, societyId);
  const image =
    keptImage && poster.qrFileId === kept
      ? keptImage
      : printableImage(society._id, poster.qrFileId, await ctx.files.get(poster.qrFileId));
  const html = renderBoardPosterHtml(poster, image);
  const at = ctx.clock.now();
  const stamp = at
    .toISOString()
    .replace(/[-:.TZ]/g, '')
    .slice(0, 14);
  const stored = await ctx.files.put(
    `notices/posters/${society._id}-${stamp}.html`,
    Buffer.from(html, 'utf8'),
    'text/html',
  );
  // One insert: the event is kept pending, chained by audit/seal.ts.
  await appendAudit(ctx.store, {
    scopeId: society._id,
    actor,
    action: 'notice.exportPoster',
    target: `${COLLECTIONS.noticeBoards}/${society._id}`,
    details: { fileId: stored.fileId, qrFileId: poster.qrFileId, qrKind: poster.qrKind },
    at,
  });
  return {
    fileId: stored.fileId,
    url: await ctx.files.url(stored.fileId),
    fileName: `${society.name}公示栏海报.html`,
  };
}
