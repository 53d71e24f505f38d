/**
 * The roster of at-risk households and its scheduled visits (R-OVS-1): officers and the supervisor
 * of the society read it with names; officers record visits (findings, photos, visitors) and set a
 * household's difficulty level, which sets how often it is visited; the county bureau sets the
 * levels. The township sees the visits due and overdue in its societies by masked name only.
 * Everything that identifies a person is sealed at rest and never in a public output.
 */
import { AppError } from '../errors';
import type { ActionContext } from '../context';
import { actorOf, coversSociety } from '../access/caller';
import { appendAudit } from '../audit/trail';
import { COLLECTIONS, type AreaDoc, type SocietyDoc } from '../collections';
import { findAll } from '../ports/store';
import { beijingDayOf } from '../domain/workdays';
import { seal, shortHash, unseal, unsealOrNull } from '../cases/pii';
import { FILE_ID_PATTERN } from '../cases/common';
import { requireAttachable } from '../files/private';
import { eventActor, loadSociety } from '../cases/model';
import { CASE_READERS, OFFICERS, requireOfficer, requireReader, roleIn } from '../cases/access';
import { overseenSocieties } from '../oversight/flags';
import {
  LIST_KINDS,
  LIST_KIND_LABELS,
  VISIT_STATUS_LABELS,
  levelProblems,
  nextVisitDue,
  visitDueText,
  visitStatus,
  type DifficultyLevel,
  type RosterDueItem,
  type RosterEntryView,
  type RosterRow,
  type RosterView,
  type RosterVisitView,
} from '../../miniprogram/domain/roster';
import {
  levelsOf,
  rosterIdOf,
  type ListImportDoc,
  type RosterEntryDoc,
  type RosterLevelsDoc,
  type RosterVisitDoc,
} from './model';

function levelLabel(levels: readonly DifficultyLevel[], levelId: string): string {
  return levels.find((level) => level.id === levelId)?.label ?? levelId;
}

function rowOf(doc: RosterEntryDoc, levels: readonly DifficultyLevel[], today: string): RosterRow {
  const status = visitStatus(doc.nextVisitDue, today);
  return {
    id: doc._id,
    name: unseal(doc.name),
    maskedIdNumber: doc.maskedIdNumber,
    kindLabels: doc.kinds.map((kind) => LIST_KIND_LABELS[kind]),
    levelId: doc.levelId,
    levelLabel: levelLabel(levels, doc.levelId),
    nextVisitDue: doc.nextVisitDue,
    status,
    statusLabel: VISIT_STATUS_LABELS[status],
    dueText: visitDueText(doc.nextVisitDue, today),
    lastVisitDay: doc.lastVisitDay,
  };
}

async function loadEntry(ctx: ActionContext, rosterId: string): Promise<{ doc: RosterEntryDoc; society: SocietyDoc }> {
  const doc = await ctx.store.get<RosterEntryDoc>(COLLECTIONS.rosterEntries, rosterId);
  if (!doc) throw new AppError('NOT_FOUND', `roster entry ${rosterId} not found`, '没有找到这户花名册记录');
  return { doc, society: await loadSociety(ctx.store, doc.societyId) };
}

/** The society's roster, the visits due first (R-OVS-1). Officers and the supervisor. */
export async function rosterOf(ctx: ActionContext, societyId: string): Promise<RosterView> {
  const society = await loadSociety(ctx.store, societyId);
  requireReader(ctx.caller, society);
  const [docs, levels, village, imports] = await Promise.all([
    findAll<RosterEntryDoc>(ctx.store, COLLECTIONS.rosterEntries, {
      where: { societyId, active: true },
      orderBy: [['nextVisitDue', 'asc']],
    }),
    levelsOf(ctx.store, society.countyId),
    ctx.store.get<AreaDoc>(COLLECTIONS.areas, society.villageId),
    ctx.store.find<ListImportDoc>(COLLECTIONS.listImports, {
      where: { villageId: society.villageId },
      orderBy: [['appliedAt', 'desc']],
      limit: 200,
    }),
  ]);
  const today = beijingDayOf(ctx.clock.now());
  const rows = docs.map((doc) => rowOf(doc, levels, today));
  return {
    societyId,
    societyName: society.name,
    villageName: village?.name ?? '',
    today,
    rows,
    byKind: LIST_KINDS.map((kind) => ({
      kind,
      label: LIST_KIND_LABELS[kind],
      count: docs.filter((doc) => doc.kinds.includes(kind)).length,
      importedAt: imports.find((each) => each.kind === kind)?.appliedAt ?? null,
    })),
    byLevel: levels.map((level) => ({
      levelId: level.id,
      label: level.label,
      count: docs.filter((doc) => doc.levelId === level.id).length,
      visitEveryDays: level.visitEveryDays,
    })),
    overdue: rows.filter((row) => row.status === 'overdue').length,
    due: rows.filter((row) => row.status === 'due').length,
    levels,
    canEdit: roleIn(ctx.caller, society, OFFICERS) !== null,
  };
}

/** One household: who, where, which lists, its level and every visit. Officers and the supervisor. */
export async function rosterEntry(ctx: ActionContext, rosterId: string): Promise<RosterEntryView> {
  const { doc, society } = await loadEntry(ctx, rosterId);
  requireReader(ctx.caller, society);
  return rosterEntryViewOf(ctx, doc, society);
}

/**
 * 一人一档 (R-PROC-7): the roster entry of the person of a case, with its visits, or null when they
 * are not on the society's roster. The caller's right to read the case was checked by the caller.
 */
export async function rosterOfPerson(
  ctx: ActionContext,
  society: SocietyDoc,
  villageId: string,
  personKey: string,
): Promise<RosterEntryView | null> {
  const doc = await ctx.store.get<RosterEntryDoc>(COLLECTIONS.rosterEntries, rosterIdOf(villageId, personKey));
  return doc && doc.societyId === society._id ? rosterEntryViewOf(ctx, doc, society) : null;
}

async function rosterEntryViewOf(
  ctx: ActionContext,
  doc: RosterEntryDoc,
  society: SocietyDoc,
): Promise<RosterEntryView> {
  const rosterId = doc._id;
  const [levels, visits] = await Promise.all([
    levelsOf(ctx.store, society.countyId),
    findAll<RosterVisitDoc>(ctx.store, COLLECTIONS.rosterVisits, {
      where: { rosterId },
      orderBy: [['visitDay', 'desc']],
    }),
  ]);
  const today = beijingDayOf(ctx.clock.now());
  return {
    ...rowOf(doc, levels, today),
    societyId: society._id,
    idNumber: unseal(doc.idNumber),
    address: unsealOrNull(doc.address),
    enrolledDay: doc.enrolledDay,
    active: doc.active,
    visits: visits.map(visitView),
    levels,
    canEdit: roleIn(ctx.caller, society, OFFICERS) !== null,
  };
}

function visitView(doc: RosterVisitDoc): RosterVisitView {
  return {
    id: doc._id,
    visitDay: doc.visitDay,
    visitors: doc.visitors,
    findings: unseal(doc.findings),
    photoFileIds: doc.photoFileIds,
    recordedByName: doc.recordedBy.name ?? '',
  };
}

export interface RosterVisitInput {
  requestId: string;
  rosterId: string;
  /** 'YYYY-MM-DD', Beijing; today when absent. Not in the future, not before joining the roster. */
  visitDay?: string | null;
  visitors: string[];
  findings: string;
  photoFileIds: string[];
}

/** R-OVS-1: a visit recorded moves the next one a period on. A retry (same request id) records once. */
export async function recordRosterVisit(ctx: ActionContext, input: RosterVisitInput): Promise<RosterEntryView> {
  const { doc, society } = await loadEntry(ctx, input.rosterId);
  const actor = requireOfficer(ctx.caller, society);
  const at = ctx.clock.now();
  const today = beijingDayOf(at);
  const visitDay = input.visitDay ?? today;
  if (visitDay > today) throw new AppError('BAD_REQUEST', 'visit in the future', '走访日期不能晚于今天');
  if (!doc.active) throw new AppError('INVALID_STATE', 'roster entry inactive', '这户已不在花名册上');
  const visitors = [...new Set(input.visitors.map((name) => name.trim()).filter(Boolean))];
  if (visitors.length === 0) throw new AppError('BAD_REQUEST', 'no visitors', '请填写走访人');
  const findings = input.findings.trim();
  if (!findings) throw new AppError('BAD_REQUEST', 'no findings', '请填写走访情况');
  if (input.photoFileIds.some((fileId) => !FILE_ID_PATTERN.test(fileId))) {
    throw new AppError('BAD_REQUEST', 'bad photo file id', '照片上传不完整，请重新选择');
  }
  // Issue 12: each photo came through a roster slot of this society and is in storage.
  await requireAttachable(ctx, input.photoFileIds, { societyId: society._id, caseId: null, kinds: ['roster'] });
  const levels = await levelsOf(ctx.store, society.countyId);
  const level = levels.find((each) => each.id === doc.levelId) ?? levels[levels.length - 1]!;
  const visitId = `rv-${shortHash(doc._id, input.requestId)}`;
  await ctx.store.transaction(async (tx) => {
    if (await tx.get<RosterVisitDoc>(COLLECTIONS.rosterVisits, visitId)) return;
    const current = await tx.get<RosterEntryDoc>(COLLECTIONS.rosterEntries, doc._id);
    if (!current) throw new AppError('NOT_FOUND', 'roster entry vanished', '没有找到这户花名册记录');
    await tx.insert<RosterVisitDoc>(COLLECTIONS.rosterVisits, {
      _id: visitId,
      rosterId: doc._id,
      societyId: society._id,
      villageId: doc.villageId,
      townshipId: doc.townshipId,
      personKey: doc.personKey,
      visitDay,
      visitors,
      findings: seal(findings),
      photoFileIds: input.photoFileIds,
      recordedBy: eventActor(actor),
      recordedAt: at.toISOString(),
    });
    const lastVisitDay = current.lastVisitDay && current.lastVisitDay > visitDay ? current.lastVisitDay : visitDay;
    await tx.update(COLLECTIONS.rosterEntries, doc._id, {
      lastVisitDay,
      nextVisitDue: nextVisitDue(lastVisitDay, current.enrolledDay, level.visitEveryDays),
      updatedAt: at.toISOString(),
    });
    await appendAudit(tx, {
      scopeId: society._id,
      actor,
      action: 'roster.recordVisit',
      target: `${COLLECTIONS.rosterVisits}/${visitId}`,
      details: { rosterId: doc._id, visitDay, visitors: visitors.length, photos: input.photoFileIds.length },
      at,
    });
  });
  return rosterEntry(ctx, doc._id);
}

/** An officer sets a household's difficulty level; the visit schedule follows. Audited. */
export async function setRosterLevel(
  ctx: ActionContext,
  input: { rosterId: string; levelId: string },
): Promise<RosterEntryView> {
  const { doc, society } = await loadEntry(ctx, input.rosterId);
  const actor = requireOfficer(ctx.caller, society);
  const levels = await levelsOf(ctx.store, society.countyId);
  const level = levels.find((each) => each.id === input.levelId);
  if (!level) throw new AppError('BAD_REQUEST', `unknown level ${input.levelId}`, '请选择县民政局设定的困难等级');
  const at = ctx.clock.now();
  await ctx.store.transaction(async (tx) => {
    const current = await tx.get<RosterEntryDoc>(COLLECTIONS.rosterEntries, doc._id);
    if (!current) throw new AppError('NOT_FOUND', 'roster entry vanished', '没有找到这户花名册记录');
    await tx.update(COLLECTIONS.rosterEntries, doc._id, {
      levelId: level.id,
      levelSetBy: 'officer',
      nextVisitDue: nextVisitDue(current.lastVisitDay, current.enrolledDay, level.visitEveryDays),
      updatedAt: at.toISOString(),
    });
    await appendAudit(tx, {
      scopeId: society._id,
      actor,
      action: 'roster.setLevel',
      target: `${COLLECTIONS.rosterEntries}/${doc._id}`,
      details: { from: current.levelId, to: level.id },
      at,
    });
  });
  return rosterEntry(ctx, doc._id);
}

/** The county's levels (defaults until set). Anyone overseeing the county, and its officers, read them. */
export async function getRosterLevels(ctx: ActionContext, countyId: string): Promise<{ levels: DifficultyLevel[] }> {
  return { levels: await levelsOf(ctx.store, countyId) };
}

/** The county bureau sets the difficulty levels and their visit frequency; the roster's schedule follows. */
export async function setRosterLevels(
  ctx: ActionContext,
  input: { countyId: string; levels: DifficultyLevel[] },
): Promise<{ levels: DifficultyLevel[] }> {
  if (!ctx.caller.grants.some((grant) => grant.role === 'county' && grant.areaId === input.countyId)) {
    throw new AppError('FORBIDDEN', `caller is not the county bureau of ${input.countyId}`);
  }
  const levels = input.levels.map((level) => ({ ...level, label: level.label.trim() }));
  const problems = levelProblems(levels);
  if (problems.length > 0) throw new AppError('BAD_REQUEST', 'bad roster levels', problems.join('；'));
  const at = ctx.clock.now();
  const entries = await findAll<RosterEntryDoc>(ctx.store, COLLECTIONS.rosterEntries, {
    where: { countyId: input.countyId, active: true },
  });
  const actor = actorOf(ctx.caller, 'county');
  await ctx.store.transaction(async (tx) => {
    await tx.set<RosterLevelsDoc>(COLLECTIONS.rosterLevels, {
      _id: input.countyId,
      levels,
      updatedAt: at.toISOString(),
      updatedBy: eventActor(actor),
    });
    for (const entry of entries) {
      // A level that no longer exists becomes the lowest one.
      const level = levels.find((each) => each.id === entry.levelId) ?? levels[levels.length - 1]!;
      await tx.update(COLLECTIONS.rosterEntries, entry._id, {
        levelId: level.id,
        nextVisitDue: nextVisitDue(entry.lastVisitDay, entry.enrolledDay, level.visitEveryDays),
      });
    }
    await appendAudit(tx, {
      scopeId: input.countyId,
      actor,
      action: 'roster.setLevels',
      target: `${COLLECTIONS.rosterLevels}/${input.countyId}`,
      details: { levels: levels.map((level) => `${level.id}:${level.visitEveryDays}`) },
      at,
    });
  });
  return { levels };
}

/**
 * Visits due (within a week) or overdue, for the workbench (one society) and the township view
 * (every society it oversees): masked names, the level and the date only.
 */
export async function dueRosterVisits(
  ctx: ActionContext,
  input: { societyId?: string | null },
): Promise<{ items: RosterDueItem[]; overdue: number }> {
  let societies: SocietyDoc[];
  if (input.societyId) {
    const society = await loadSociety(ctx.store, input.societyId);
    if (!coversSociety(ctx.caller, [...CASE_READERS, 'township', 'county'], society)) {
      throw new AppError('FORBIDDEN', `caller may not see the roster visits of ${society._id}`);
    }
    societies = [society];
  } else {
    societies = await overseenSocieties(ctx, ['township', 'county']);
  }
  const today = beijingDayOf(ctx.clock.now());
  const horizon = nextVisitDue(today, today, 7);
  const items: RosterDueItem[] = [];
  for (const society of societies) {
    const levels = await levelsOf(ctx.store, society.countyId);
    const docs = await ctx.store.find<RosterEntryDoc>(COLLECTIONS.rosterEntries, {
      where: { societyId: society._id, active: true, nextVisitDue: { $lte: horizon } },
      orderBy: [['nextVisitDue', 'asc']],
      limit: 500,
    });
    for (const doc of docs) {
      const status = visitStatus(doc.nextVisitDue, today);
      items.push({
        id: doc._id,
        societyId: society._id,
        societyName: society.name,
        maskedName: doc.maskedName,
        levelLabel: levelLabel(levels, doc.levelId),
        nextVisitDue: doc.nextVisitDue,
        status,
        dueText: visitDueText(doc.nextVisitDue, today),
      });
    }
  }
  items.sort((a, b) => a.nextVisitDue.localeCompare(b.nextVisitDue) || a.id.localeCompare(b.id));
  return { items, overdue: items.filter((item) => item.status === 'overdue').length };
}
