/** A society's notice settings: how many working days its officers have to answer an objection (president sets). */
import { AppError } from '../errors';
import type { ActionContext } from '../context';
import { COLLECTIONS } from '../collections';
import { actorOf } from '../access/caller';
import { requireRole } from '../access/rules';
import { loadSociety } from '../registry/load';
import { appendAudit } from '../audit/trail';
import {
  DEFAULT_OBJECTION_ANSWER_DAYS,
  MAX_OBJECTION_ANSWER_DAYS,
  type NoticeSettingsView,
} from '../../miniprogram/domain/notices';
import { noticeSettingsOf, type NoticeSettingsDoc } from './model';

function view(societyId: string, doc: NoticeSettingsDoc | null): NoticeSettingsView {
  return {
    societyId,
    objectionAnswerDays: doc?.objectionAnswerDays ?? DEFAULT_OBJECTION_ANSWER_DAYS,
    defaults: doc === null,
    updatedAt: doc?.updatedAt ?? null,
  };
}

export async function getNoticeSettings(ctx: ActionContext, societyId: string): Promise<NoticeSettingsView> {
  const society = await loadSociety(ctx.store, societyId);
  requireRole(ctx.caller, ['secretary', 'president', 'supervisor', 'township', 'county'], society);
  return view(society._id, await noticeSettingsOf(ctx.store, society));
}

export async function setNoticeSettings(
  ctx: ActionContext,
  societyId: string,
  objectionAnswerDays: number,
): Promise<NoticeSettingsView> {
  const society = await loadSociety(ctx.store, societyId);
  const role = requireRole(ctx.caller, ['president'], society, '只有社长可以设置异议答复时限');
  if (
    !Number.isInteger(objectionAnswerDays) ||
    objectionAnswerDays < 1 ||
    objectionAnswerDays > MAX_OBJECTION_ANSWER_DAYS
  ) {
    throw new AppError('BAD_REQUEST', `answer days ${objectionAnswerDays} out of range`);
  }
  const actor = actorOf(ctx.caller, role);
  const now = ctx.clock.now();
  const saved = await ctx.store.transaction(async (tx) => {
    const current = await tx.get<NoticeSettingsDoc>(COLLECTIONS.noticeSettings, society._id);
    const doc: NoticeSettingsDoc = {
      _id: society._id,
      societyId: society._id,
      objectionAnswerDays,
      updatedAt: now.toISOString(),
      updatedBy: actor,
    };
    await tx.set(COLLECTIONS.noticeSettings, doc);
    // Kept on the society too, so that the pages that read the society read no settings (issue 15).
    await tx.update(COLLECTIONS.societies, society._id, { noticeSettings: doc });
    await appendAudit(tx, {
      scopeId: society._id,
      actor,
      action: 'notice.settings',
      target: `${COLLECTIONS.noticeSettings}/${society._id}`,
      details: { objectionAnswerDays, before: current?.objectionAnswerDays ?? DEFAULT_OBJECTION_ANSWER_DAYS },
      at: now,
    });
    return doc;
  });
  return view(society._id, saved);
}
