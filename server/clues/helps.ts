/**
 * 帮办 on its own (issue 13): help applying to a government programme (低保, 特困, 临时救助,
 * 医疗救助, 大病保险…), tracked whether or not the society opened a relief case.
 *
 * Why not the case's referral record (cases/payouts.ts, kind 'governmentProgramme'): a referral
 * lives inside its case document and moves by the case's steps (it needs a paid or closed case),
 * while 帮办 often comes first, for someone who never applies for the society's own relief. So it is
 * its own record here, linked to a case when there is one; the referral after relief stays as it is.
 *
 * The person's name and the outcome text are sealed at rest (cases/pii.ts); officers and the
 * supervision committee read them; reports count them, never name them.
 */
import { AppError } from '../errors';
import type { ActionContext } from '../context';
import { COLLECTIONS } from '../collections';
import { appendAudit } from '../audit/trail';
import { findAll, type Doc, type Store } from '../ports/store';
import { requestFingerprint, requireSameRequest } from '../api/request-ids';
import { requireOfficer, requireReader } from '../access/rules';
import { loadSociety } from '../registry/load';
import { eventActor, type CaseDoc } from '../cases/model';
import { seal, sealOrNull, shortHash, unseal, unsealOrNull, type Sealed } from '../cases/pii';
import type { CaseEventActor } from '../../miniprogram/domain/case';
import { maskName } from '../../miniprogram/domain/masking';
import {
  HELP_OUTCOME_LABELS,
  PROGRAMMES,
  PROGRAMME_LABELS,
  type HelpOutcome,
  type HelpStatsView,
  type Programme,
  type ProgrammeHelpView,
} from '../../miniprogram/domain/clues';

export interface ProgrammeHelpDoc extends Doc {
  societyId: string;
  townshipId: string;
  requestId: string;
  requestFingerprint: string;
  personName: Sealed;
  maskedName: string;
  programme: Programme;
  programmeNote: string;
  /** YYYY-MM-DD (Beijing). */
  appliedOn: string;
  outcome: HelpOutcome;
  outcomeText: Sealed | null;
  /** The Beijing day the outcome was recorded; null while pending. */
  decidedOn: string | null;
  followUpOn: string | null;
  caseId: string | null;
  caseNo: string | null;
  createdBy: CaseEventActor;
  createdAt: string;
  updatedBy: CaseEventActor;
  updatedAt: string;
}

export interface RecordHelpInput {
  requestId: string;
  societyId: string;
  personName: string;
  programme: Programme;
  programmeNote: string;
  appliedOn: string;
  followUpOn?: string | null;
  caseId?: string | null;
}

export interface UpdateHelpInput {
  helpId: string;
  outcome: HelpOutcome;
  outcomeText: string;
  followUpOn: string | null;
}

function beijingDay(at: Date): string {
  return new Date(at.getTime() + 8 * 60 * 60 * 1000).toISOString().slice(0, 10);
}

function helpView(doc: ProgrammeHelpDoc): ProgrammeHelpView {
  const note = doc.programme === 'other' && doc.programmeNote ? `（${doc.programmeNote}）` : '';
  return {
    id: doc._id,
    societyId: doc.societyId,
    personName: unseal(doc.personName),
    programme: doc.programme,
    programmeLabel: `${PROGRAMME_LABELS[doc.programme]}${note}`,
    appliedOn: doc.appliedOn,
    outcome: doc.outcome,
    outcomeLabel: HELP_OUTCOME_LABELS[doc.outcome],
    outcomeText: unsealOrNull(doc.outcomeText) ?? '',
    followUpOn: doc.followUpOn,
    caseId: doc.caseId,
    caseNo: doc.caseNo,
    recordedByName: doc.createdBy.name,
    updatedAt: doc.updatedAt,
  };
}

export async function recordProgrammeHelp(ctx: ActionContext, input: RecordHelpInput): Promise<ProgrammeHelpView> {
  const society = await loadSociety(ctx.store, input.societyId);
  const actor = requireOfficer(ctx.caller, society);
  const helpId = `help-${shortHash(society._id, input.requestId)}`;
  const fingerprint = requestFingerprint(input);
  const replay = await ctx.store.get<ProgrammeHelpDoc>(COLLECTIONS.programmeHelps, helpId);
  if (replay) {
    requireSameRequest(replay.requestFingerprint, fingerprint, `help ${helpId}`);
    return helpView(replay);
  }
  if (input.programme === 'other' && !input.programmeNote.trim()) {
    throw new AppError('BAD_REQUEST', 'programme other without a note', '选择「其他」时请写明帮办的是什么项目');
  }
  const at = ctx.clock.now();
  if (input.appliedOn > beijingDay(at)) {
    throw new AppError('BAD_REQUEST', `appliedOn ${input.appliedOn} is in the future`, '申请日期不能晚于今天');
  }
  if (input.followUpOn && input.followUpOn < input.appliedOn) {
    throw new AppError('BAD_REQUEST', 'follow-up before the application', '跟进日期不能早于申请日期');
  }
  let caseNo: string | null = null;
  if (input.caseId) {
    const linked = await ctx.store.get<CaseDoc>(COLLECTIONS.cases, input.caseId);
    if (!linked || linked.societyId !== society._id) {
      throw new AppError('NOT_FOUND', `case ${input.caseId} not in ${society._id}`, '没有找到要关联的救助案件');
    }
    caseNo = linked.caseNo;
  }
  const name = input.personName.trim();
  const doc: ProgrammeHelpDoc = {
    _id: helpId,
    societyId: society._id,
    townshipId: society.townshipId,
    requestId: input.requestId,
    requestFingerprint: fingerprint,
    personName: seal(name),
    maskedName: maskName(name),
    programme: input.programme,
    programmeNote: input.programmeNote.trim(),
    appliedOn: input.appliedOn,
    outcome: 'pending',
    outcomeText: null,
    decidedOn: null,
    followUpOn: input.followUpOn ?? null,
    caseId: input.caseId ?? null,
    caseNo,
    createdBy: eventActor(actor),
    createdAt: at.toISOString(),
    updatedBy: eventActor(actor),
    updatedAt: at.toISOString(),
  };
  const stored = await ctx.store.transaction(async (tx) => {
    const existing = await tx.get<ProgrammeHelpDoc>(COLLECTIONS.programmeHelps, helpId);
    if (existing) {
      requireSameRequest(existing.requestFingerprint, fingerprint, `help ${helpId}`);
      return existing;
    }
    await tx.insert(COLLECTIONS.programmeHelps, doc);
    await appendAudit(tx, {
      scopeId: society._id,
      actor,
      action: 'help.record',
      target: `${COLLECTIONS.programmeHelps}/${helpId}`,
      details: { programme: doc.programme, appliedOn: doc.appliedOn, caseId: doc.caseId },
      at,
    });
    return doc;
  });
  return helpView(stored);
}

export async function updateProgrammeHelp(ctx: ActionContext, input: UpdateHelpInput): Promise<ProgrammeHelpView> {
  const found = await ctx.store.get<ProgrammeHelpDoc>(COLLECTIONS.programmeHelps, input.helpId);
  if (!found) throw new AppError('NOT_FOUND', `help ${input.helpId} not found`, '没有找到这条帮办记录');
  const society = await loadSociety(ctx.store, found.societyId);
  const actor = requireOfficer(ctx.caller, society);
  if (input.outcome !== 'pending' && !input.outcomeText.trim()) {
    throw new AppError('BAD_REQUEST', 'an outcome without its text', '请写明办理结果（如批准的类别、未获批的原因）');
  }
  const at = ctx.clock.now();
  const next = await ctx.store.transaction(async (tx) => {
    const current = await tx.get<ProgrammeHelpDoc>(COLLECTIONS.programmeHelps, input.helpId);
    if (!current) throw new AppError('NOT_FOUND', `help ${input.helpId} gone`, '没有找到这条帮办记录');
    const decidedOn =
      input.outcome === 'pending' ? null : current.outcome === input.outcome ? current.decidedOn : beijingDay(at);
    const patch = {
      outcome: input.outcome,
      outcomeText: sealOrNull(input.outcomeText.trim() || null),
      decidedOn,
      followUpOn: input.followUpOn,
      updatedBy: eventActor(actor),
      updatedAt: at.toISOString(),
    };
    await tx.update(COLLECTIONS.programmeHelps, input.helpId, patch);
    await appendAudit(tx, {
      scopeId: society._id,
      actor,
      action: 'help.update',
      target: `${COLLECTIONS.programmeHelps}/${input.helpId}`,
      details: { outcome: input.outcome, followUpOn: input.followUpOn },
      at,
    });
    return { ...current, ...patch };
  });
  return helpView(next);
}

/** The society's 帮办, follow-ups due first, then newest. */
export async function listProgrammeHelps(ctx: ActionContext, societyId: string): Promise<ProgrammeHelpView[]> {
  const society = await loadSociety(ctx.store, societyId);
  requireReader(ctx.caller, society);
  const docs = await findAll<ProgrammeHelpDoc>(ctx.store, COLLECTIONS.programmeHelps, {
    where: { societyId },
    orderBy: [['appliedOn', 'desc']],
  });
  const pending = docs
    .filter((doc) => doc.outcome === 'pending')
    .sort((a, b) => (a.followUpOn ?? '9999').localeCompare(b.followUpOn ?? '9999'));
  return [...pending, ...docs.filter((doc) => doc.outcome !== 'pending')].map(helpView);
}

/**
 * 帮办 counted for the Beijing days [fromDay, untilDay) (R-PROC-8 monthly, R-OVS-4 half-yearly):
 * applied in it, decided in it, and still pending at its end. Counts only, no names.
 */
export async function helpStatsBetween(
  store: Store,
  societyId: string,
  fromDay: string,
  untilDay: string,
): Promise<HelpStatsView> {
  const docs = await findAll<ProgrammeHelpDoc>(store, COLLECTIONS.programmeHelps, {
    where: { societyId, appliedOn: { $lt: untilDay } },
  });
  const within = (day: string | null) => day !== null && day >= fromDay && day < untilDay;
  const recorded = docs.filter((doc) => within(doc.appliedOn));
  const decided = docs.filter((doc) => within(doc.decidedOn));
  return {
    recorded: recorded.length,
    approved: decided.filter((doc) => doc.outcome === 'approved').length,
    refused: decided.filter((doc) => doc.outcome === 'refused').length,
    pendingAtEnd: docs.filter((doc) => doc.decidedOn === null || doc.decidedOn >= untilDay).length,
    byProgramme: PROGRAMMES.map((programme) => ({
      programme,
      label: PROGRAMME_LABELS[programme],
      recorded: recorded.filter((doc) => doc.programme === programme).length,
      approved: decided.filter((doc) => doc.programme === programme && doc.outcome === 'approved').length,
    })).filter((row) => row.recorded > 0 || row.approved > 0),
  };
}

/** The same for whole months [from, until) ('2026-11', '2026-12'). */
export function helpStatsForMonths(store: Store, societyId: string, from: string, until: string) {
  return helpStatsBetween(store, societyId, `${from}-01`, `${until}-01`);
}
