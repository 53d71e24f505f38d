/**
 * What anyone sees without logging in (R-PROC-6, R-OVS-3): a society's public page — its 三公开,
 * its live notices, this year's relief totals — reached from the board's QR code through an
 * opaque scene token; a single live notice; and, for members and overseers, the archive of
 * every notice after its 7 days.
 */
import { AppError } from '../errors';
import type { ActionContext } from '../context';
import { COLLECTIONS } from '../collections';
import { findAll } from '../ports/store';
import { settingsOf, tiersOf } from '../cases/model';
import type { FundPeriodDoc } from '../ledger/periods';
import { beijingDayOf } from '../domain/workdays';
import { SOCIETY_STATUS_LABELS } from '../../miniprogram/domain/society';
import { RELIEF_TYPES, RELIEF_TYPE_LABELS } from '../../miniprogram/domain/relief';
import {
  howToObject,
  noticeStatusAt,
  sanGongKai,
  totalsText,
  type ArchivedNoticeView,
  type PublicNoticeView,
  type ReliefTotals,
  type SceneTarget,
  type SocietyNoticePage,
} from '../../miniprogram/domain/notices';
import { ARCHIVE_READERS, requireRole, roleIn } from '../access/rules';
import { loadSociety } from '../registry/load';
import { PUBLIC_PAGE, loadNotice, objectionAnswerDays, type NoticeDoc, type NoticeSceneDoc } from './model';
import { noticeWhere, type NoticePageInput } from './publish';
import { archivedNoticeView, placeOf, publicNoticeView } from './views';

/** Relief paid this Beijing year, from the ledger's monthly aggregates (net of reversals). */
export async function reliefTotals(ctx: ActionContext, societyId: string): Promise<ReliefTotals> {
  const year = Number(beijingDayOf(ctx.clock.now()).slice(0, 4));
  const periods = await findAll<FundPeriodDoc>(ctx.store, COLLECTIONS.fundPeriods, {
    where: { societyId, month: { $gte: `${year}-01`, $lte: `${year}-12` } },
  });
  const sum = (pick: (period: FundPeriodDoc) => number) => periods.reduce((total, period) => total + pick(period), 0);
  const byType = RELIEF_TYPES.map((type) => ({
    reliefType: type,
    label: RELIEF_TYPE_LABELS[type],
    count: sum((period) => period.reliefCountByKind[type] ?? 0),
    amountFen: sum((period) => period.reliefFenByKind[type] ?? 0),
  }));
  const totals = {
    year,
    count: sum((period) => Object.values(period.reliefCountByKind).reduce((a, b) => a + b, 0)),
    amountFen: sum((period) => Object.values(period.reliefFenByKind).reduce((a, b) => a + b, 0)),
    byType,
  };
  return { ...totals, text: totalsText(totals) };
}

/** A society's public page: anyone, no login (R-OVS-3 三公开, R-PROC-6 live notices). */
export async function publicPage(ctx: ActionContext, societyId: string): Promise<SocietyNoticePage> {
  const society = await loadSociety(ctx.store, societyId);
  const now = ctx.clock.now();
  const [place, settings, days, live, totals] = await Promise.all([
    placeOf(ctx.store, society),
    settingsOf(ctx.store, society),
    objectionAnswerDays(ctx.store, society),
    ctx.store.find<NoticeDoc>(COLLECTIONS.notices, {
      where: noticeWhere(society._id, 'live', now),
      orderBy: [['publishedAt', 'desc']],
      limit: 200,
    }),
    reliefTotals(ctx, society._id),
  ]);
  return {
    society: {
      id: society._id,
      name: society.name,
      villageName: place.villageName,
      townshipName: place.townshipName,
      statusLabel: SOCIETY_STATUS_LABELS[society.status],
    },
    sanGongKai: sanGongKai(tiersOf(settings), days),
    liveNotices: live.map((doc) => publicNoticeView(doc, now)),
    totals,
    howToObject: howToObject(days),
    generatedAt: now.toISOString(),
  };
}

/**
 * One notice: anyone while it is live; after its 7 days only the society's archive readers
 * (to anyone else it is gone, as from the board).
 */
export async function getNotice(ctx: ActionContext, noticeId: string): Promise<PublicNoticeView> {
  const notice = await loadNotice(ctx.store, noticeId);
  const now = ctx.clock.now();
  if (noticeStatusAt(notice.publishedAt, now) === 'archived') {
    const society = await loadSociety(ctx.store, notice.societyId);
    if (!roleIn(ctx.caller, ARCHIVE_READERS, society)) {
      throw new AppError('NOT_FOUND', `notice ${noticeId} is archived`, '这条公示已过公示期');
    }
  }
  return publicNoticeView(notice, now);
}

/** What a scanned board code opens: the scene token's society (the token itself says nothing). */
export async function resolveScene(ctx: ActionContext, scene: string): Promise<SceneTarget> {
  const mapping = await ctx.store.get<NoticeSceneDoc>(COLLECTIONS.noticeScenes, scene);
  if (!mapping) throw new AppError('NOT_FOUND', 'unknown scene token', '二维码已失效，请在村务公开栏重新扫码');
  const society = await loadSociety(ctx.store, mapping.societyId);
  return { societyId: society._id, societyName: society.name, page: PUBLIC_PAGE };
}

/** Every notice of the society, live and ended (members, supervision committee, township, county). */
export async function noticeArchive(
  ctx: ActionContext,
  input: NoticePageInput,
): Promise<{ items: ArchivedNoticeView[]; total: number; offset: number; limit: number }> {
  const society = await loadSociety(ctx.store, input.societyId);
  requireRole(ctx.caller, ARCHIVE_READERS, society, '公示档案仅向本社会员、村监督委员会、乡镇和县民政局开放');
  const now = ctx.clock.now();
  const where = noticeWhere(society._id, input.filter, now);
  const [docs, total] = await Promise.all([
    ctx.store.find<NoticeDoc>(COLLECTIONS.notices, {
      where,
      orderBy: [['publishedAt', 'desc']],
      offset: input.offset,
      limit: input.limit,
    }),
    ctx.store.count(COLLECTIONS.notices, where),
  ]);
  return { items: docs.map((doc) => archivedNoticeView(doc, now)), total, offset: input.offset, limit: input.limit };
}
