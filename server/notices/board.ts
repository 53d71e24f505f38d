/**
 * The poster for the village notice board: the society's code (an opaque scene token mapped to
 * the society, made once and kept, so a printed poster keeps working), the society's name and
 * how to object. In the cloud the code is a mini program code from wxacode.getUnlimited; locally
 * a QR code of the same page link.
 */
import { AppError } from '../errors';
import type { ActionContext } from '../context';
import { COLLECTIONS, type MembershipDoc, type SocietyDoc, type UserDoc } from '../collections';
import { isStoreError } from '../ports/store';
import type { Actor } from '../access/caller';
import { requireNoticeOfficer } from '../access/rules';
import { loadSociety } from '../registry/load';
import { appendAudit } from '../audit/trail';
import { howToObject, type BoardPoster } from '../../miniprogram/domain/notices';
import { PUBLIC_PAGE, getMany, objectionAnswerDays, type NoticeBoardDoc, type NoticeSceneDoc } from './model';
import { newSceneToken } from './scene';
import { placeOf } from './views';

/** The society's board mapping, made on first use (a concurrent first use finds the winner's). */
async function ensureBoard(ctx: ActionContext, society: SocietyDoc, actor: Actor): Promise<NoticeBoardDoc> {
  const existing = await ctx.store.get<NoticeBoardDoc>(COLLECTIONS.noticeBoards, society._id);
  if (existing) return existing;
  const now = ctx.clock.now();
  const board: NoticeBoardDoc = {
    _id: society._id,
    societyId: society._id,
    scene: newSceneToken(),
    page: PUBLIC_PAGE,
    createdAt: now.toISOString(),
    createdBy: actor,
    qrFileId: null,
    qrKind: null,
  };
  try {
    return await ctx.store.transaction(async (tx) => {
      const found = await tx.get<NoticeBoardDoc>(COLLECTIONS.noticeBoards, society._id);
      if (found) return found;
      await tx.insert(COLLECTIONS.noticeBoards, board);
      await tx.insert<NoticeSceneDoc>(COLLECTIONS.noticeScenes, {
        _id: board.scene,
        societyId: society._id,
        createdAt: board.createdAt,
      });
      await appendAudit(tx, {
        scopeId: society._id,
        actor,
        action: 'notice.board',
        target: `${COLLECTIONS.noticeBoards}/${society._id}`,
        details: { page: board.page },
        at: now,
      });
      return board;
    });
  } catch (error) {
    if (!isStoreError(error, 'DUPLICATE_ID')) throw error;
    const winner = await ctx.store.get<NoticeBoardDoc>(COLLECTIONS.noticeBoards, society._id);
    if (!winner) throw error;
    return winner;
  }
}

/** The code's image in Files, rendered once per kind of code (a local one is redrawn in the cloud). */
async function ensureImage(ctx: ActionContext, board: NoticeBoardDoc): Promise<NoticeBoardDoc> {
  const renderer = ctx.boardCode;
  if (board.qrFileId && board.qrKind === renderer.kind) return board;
  let image;
  try {
    image = await renderer.render(board.scene, board.page);
  } catch (error) {
    throw new AppError(
      'INTERNAL',
      `board code rendering failed: ${error instanceof Error ? error.message : String(error)}`,
      '二维码生成失败，请稍后再试',
    );
  }
  const extension = image.contentType === 'image/png' ? 'png' : 'jpg';
  const stored = await ctx.files.put(
    `notices/board/${board.societyId}-${board.scene}-${renderer.kind}.${extension}`,
    image.content,
    image.contentType,
  );
  const patch = { qrFileId: stored.fileId, qrKind: renderer.kind };
  await ctx.store.transaction(async (tx) => {
    const current = await tx.get<NoticeBoardDoc>(COLLECTIONS.noticeBoards, board._id);
    if (current) await tx.update(COLLECTIONS.noticeBoards, board._id, patch);
  });
  return { ...board, ...patch };
}

async function supervisorNames(ctx: ActionContext, societyId: string): Promise<string[]> {
  const grants = await ctx.store.find<MembershipDoc>(COLLECTIONS.memberships, {
    where: { societyId, role: 'supervisor', revokedAt: null },
    limit: 20,
  });
  const users = await getMany<UserDoc>(
    ctx.store,
    COLLECTIONS.users,
    grants.map((grant) => grant.userId),
  );
  return users.map((user) => user.name).sort();
}

/** The poster's data for the society's officers (the page draws and saves it). */
export async function boardPoster(ctx: ActionContext, societyId: string): Promise<BoardPoster> {
  const society = await loadSociety(ctx.store, societyId);
  const actor = requireNoticeOfficer(ctx.caller, society);
  const board = await ensureImage(ctx, await ensureBoard(ctx, society, actor));
  const [place, days, supervisors, qrUrl] = await Promise.all([
    placeOf(ctx.store, society),
    objectionAnswerDays(ctx.store, society),
    supervisorNames(ctx, society._id),
    ctx.files.url(board.qrFileId!),
  ]);
  const objectTo = howToObject(days);
  return {
    societyId: society._id,
    societyName: society.name,
    villageName: place.villageName,
    title: `${society.name} 救助公示`,
    subtitle: '微信扫一扫，查看本村的救助对象、标准、程序和正在公示的救助',
    scene: board.scene,
    page: board.page,
    qrFileId: board.qrFileId!,
    qrUrl,
    qrKind: board.qrKind ?? ctx.boardCode.kind,
    howToObject: supervisors.length ? [...objectTo, `村监督委员会：${supervisors.join('、')}`] : objectTo,
    supervisors,
  };
}
