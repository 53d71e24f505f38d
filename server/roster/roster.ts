/**
 * The roster of at-risk households and its scheduled visits (R-OVS-1): officers and the supervisor
 * of the society read it with names; officers record visits (findings, photos, visitors) and set a
 * household's difficulty level, which sets how often it is visited; the county bureau sets the
 * levels. The township sees the visits due and overdue in its societies by masked name only.
 * Everything that identifies a person is sealed at rest and never in a public output.
 */
import { AppError } from '../errors';
import type { ActionContext } from '../context';
import { actorOf } from '../access/caller';
import {
  callerCounty,
  CASE_READERS,
  covers,
  OFFICERS,
  overseenSocieties,
  OVERSEERS,
  requireOfficer,
  requirePlace,
  requireReader,
  requireRole,
  roleIn,
} from '../access/rules';
import { loadSociety } from '../registry/load';
import { appendAudit } from '../audit/trail';
import { COLLECTIONS, type AreaDoc, type SocietyDoc } from '../collections';
import { findAll } from '../ports/store';
import { beijingDayOf } from '../domain/workdays';
import { personKeyOf, seal, sealOrNull, shortHash, unseal, unsealOrNull } from '../cases/pii';
import { requestFingerprint, requestIdReused } from '../api/request-ids';
import { isValidIdNumber, normalizeIdNumber } from '../../miniprogram/domain/id-number';
import { maskIdNumber, maskName } from '../../miniprogram/domain/masking';
import { FILE_ID_PATTERN } from '../cases/common';
import { requireAttachable } from '../files/private';
import { eventActor } from '../cases/model';
import {
  DEFAULT_DIFFICULTY_LEVELS,
  LIST_KINDS,
  LIST_KIND_LABELS,
  MANUAL_CATEGORY_LABELS,
  VISIT_STATUS_LABELS,
  levelProblems,
  nextVisitDue,
  visitDueText,
  visitStatus,
  type DifficultyLevel,
  type RosterDueItem,
  type RosterEntryView,
  type RosterLevelsView,
  type UnfinishedImport,
  type RosterRow,
  type RosterView,
  type ManualCategory,
  type RosterVisitView,
} from '../../miniprogram/domain/roster';
import {
  levelsOf,
  rosterIdOf,
  type ListImportDoc,
  type ListImportJobDoc,
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
    kindLabels: kindLabelsOf(doc),
    levelId: doc.levelId,
    levelLabel: levelLabel(levels, doc.levelId),
    nextVisitDue: doc.nextVisitDue,
    status,
    statusLabel: VISIT_STATUS_LABELS[status],
    dueText: visitDueText(doc.nextVisitDue, today),
    lastVisitDay: doc.lastVisitDay,
    manual: !!doc.manual,
  };
}

/** The lists the household is on, and the category an officer gave when adding it by hand. */
function kindLabelsOf(doc: RosterEntryDoc): string[] {
  const labels = doc.kinds.map((kind) => LIST_KIND_LABELS[kind]);
  const category = doc.manual?.category;
  if (category && !(doc.kinds as string[]).includes(category)) {
    labels.push(`${MANUAL_CATEGORY_LABELS[category]}（手工添加）`);
  }
  return labels;
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
      importedAt: imports.find((each) => each.kind === kind && each.status !== 'applying')?.appliedAt ?? null,
    })),
    unfinishedImports: roleIn(ctx.caller, OFFICERS, society) ? await unfinishedImportsOf(ctx, imports) : [],
    byLevel: levels.map((level) => ({
      levelId: level.id,
      label: level.label,
      count: docs.filter((doc) => doc.levelId === level.id).length,
      visitEveryDays: level.visitEveryDays,
    })),
    overdue: rows.filter((row) => row.status === 'overdue').length,
    due: rows.filter((row) => row.status === 'due').length,
    levels,
    canEdit: roleIn(ctx.caller, OFFICERS, society) !== null,
  };
}

/**
 * Imports of the village left half-applied (the call died between chunks): the page offers to
 * finish each, with the token that resumes it. Officers only apply it.
 */
async function unfinishedImportsOf(ctx: ActionContext, imports: ListImportDoc[]): Promise<UnfinishedImport[]> {
  const jobIds = [...new Set(imports.filter((doc) => doc.status === 'applying').map((doc) => doc._id.split(':')[0]!))];
  const jobs = await Promise.all(jobIds.map((id) => ctx.store.get<ListImportJobDoc>(COLLECTIONS.listImportJobs, id)));
  return jobs
    .filter(
      (job): job is ListImportJobDoc =>
        job !== null && job.status === 'applying' && job.scopeKey.startsWith('society:'),
    )
    .map((job) => ({
      kind: job.kind,
      kindLabel: job.kindLabel,
      fileId: job.fileId,
      token: job.token,
      progressText: `${job.kindLabel}名单导入到一半（已完成 ${job.appliedChunks}/${job.chunkCount} 批）`,
    }));
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
    canEdit: roleIn(ctx.caller, OFFICERS, society) !== null,
    manualReason: doc.manual ? unseal(doc.manual.reason) : null,
    removalReason: !doc.active && doc.removal ? unseal(doc.removal.reason) : null,
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

export interface AddRosterHouseholdInput {
  requestId: string;
  societyId: string;
  name: string;
  idNumber: string;
  category: ManualCategory;
  levelId: string;
  /** 村民小组, e.g. 「三组」: kept as the household's address, sealed. */
  group?: string | null;
  reason: string;
}

/**
 * R-OVS-1: an officer adds a household the lists do not (yet) name, found on a visit or from a
 * clue. The person is matched by the keyed hash of the ID number as an import matches them, and
 * name, ID number, group and reason are sealed like an imported row. Refused when the household
 * is already on the roster; a retry with the same request id answers what was done. Audited. The
 * category never changes a cap: the caps follow the imported lists only (R-CAP-1/2).
 */
export async function addRosterHousehold(ctx: ActionContext, input: AddRosterHouseholdInput): Promise<RosterEntryView> {
  const society = await loadSociety(ctx.store, input.societyId);
  const actor = requireOfficer(ctx.caller, society);
  const at = ctx.clock.now();
  const today = beijingDayOf(at);
  const name = input.name.replace(/\s/g, '');
  if (!name || name.length > 20 || !/^[\u3400-\u9fff·•A-Za-z]+$/.test(name)) {
    throw new AppError('BAD_REQUEST', 'bad roster name', '姓名应为 1 至 20 个汉字');
  }
  const idNumber = normalizeIdNumber(input.idNumber);
  if (!isValidIdNumber(idNumber, { today })) {
    throw new AppError('BAD_REQUEST', 'bad roster id number', '身份证号码不正确（位数、出生日期或末位校验码不符）');
  }
  const reason = input.reason.trim();
  if (!reason) throw new AppError('BAD_REQUEST', 'no reason', '请写明列入花名册的理由');
  const group = (input.group ?? '').trim();
  const levels = await levelsOf(ctx.store, society.countyId);
  const level = levels.find((each) => each.id === input.levelId);
  if (!level) throw new AppError('BAD_REQUEST', `unknown level ${input.levelId}`, '请选择县民政局设定的困难等级');
  const personKey = personKeyOf(idNumber);
  const rosterId = rosterIdOf(society.villageId, personKey);
  const fingerprint = requestFingerprint({ ...input, name, idNumber, reason, group });
  await ctx.store.transaction(async (tx) => {
    const before = await tx.get<RosterEntryDoc>(COLLECTIONS.rosterEntries, rosterId);
    if (before?.manual?.requestId === input.requestId) {
      if (before.manual.fingerprint !== fingerprint) throw requestIdReused('roster.addHousehold');
      return; // a retry: already added
    }
    if (before?.active) {
      throw new AppError('DUPLICATE', `${rosterId} already on the roster`, `${before.maskedName}已在本社花名册上`);
    }
    await tx.set<RosterEntryDoc>(COLLECTIONS.rosterEntries, {
      _id: rosterId,
      societyId: society._id,
      villageId: society.villageId,
      townshipId: society.townshipId,
      countyId: society.countyId,
      personKey,
      name: seal(name),
      maskedName: maskName(name),
      idNumber: seal(idNumber),
      maskedIdNumber: maskIdNumber(idNumber),
      address: sealOrNull(group),
      kinds: before?.kinds ?? [],
      levelId: level.id,
      levelSetBy: 'officer',
      enrolledDay: today,
      lastVisitDay: before?.lastVisitDay ?? null,
      nextVisitDue: nextVisitDue(before?.lastVisitDay ?? null, today, level.visitEveryDays),
      active: true,
      updatedAt: at.toISOString(),
      manual: {
        category: input.category,
        reason: seal(reason),
        requestId: input.requestId,
        fingerprint,
        addedAt: at.toISOString(),
        addedBy: eventActor(actor),
      },
      removal: null,
    });
    await appendAudit(tx, {
      scopeId: society._id,
      actor,
      action: 'roster.addHousehold',
      target: `${COLLECTIONS.rosterEntries}/${rosterId}`,
      details: { category: input.category, levelId: level.id, again: !!before },
      at,
    });
  });
  return rosterEntry(ctx, rosterId);
}

/**
 * R-OVS-1: an officer takes a household off the roster, with the reason (moved away, died, no
 * longer in hardship). Its visits are kept; a later import of a list that still names the
 * household puts it back, since the list is the township's word. A retry answers what was done.
 */
export async function removeRosterHousehold(
  ctx: ActionContext,
  input: { requestId: string; rosterId: string; reason: string },
): Promise<RosterEntryView> {
  const { doc, society } = await loadEntry(ctx, input.rosterId);
  const actor = requireOfficer(ctx.caller, society);
  const reason = input.reason.trim();
  if (!reason) throw new AppError('BAD_REQUEST', 'no reason', '请写明移出花名册的理由');
  const at = ctx.clock.now();
  await ctx.store.transaction(async (tx) => {
    const current = await tx.get<RosterEntryDoc>(COLLECTIONS.rosterEntries, doc._id);
    if (!current) throw new AppError('NOT_FOUND', 'roster entry vanished', '没有找到这户花名册记录');
    if (!current.active) {
      if (current.removal?.requestId === input.requestId) {
        if (unseal(current.removal.reason) !== reason) throw requestIdReused('roster.removeHousehold');
        return;
      }
      throw new AppError('INVALID_STATE', `${doc._id} is not on the roster`, '这户已不在花名册上');
    }
    await tx.update(COLLECTIONS.rosterEntries, doc._id, {
      active: false,
      manual: null,
      removal: { reason: seal(reason), requestId: input.requestId, at: at.toISOString(), by: eventActor(actor) },
      updatedAt: at.toISOString(),
    });
    await appendAudit(tx, {
      scopeId: society._id,
      actor,
      action: 'roster.removeHousehold',
      target: `${COLLECTIONS.rosterEntries}/${doc._id}`,
      details: { kinds: current.kinds, manual: !!current.manual },
      at,
    });
  });
  return rosterEntry(ctx, doc._id);
}

/** The county's levels (defaults until set). Anyone overseeing the county, and its officers, read them. */
export async function getRosterLevels(
  ctx: ActionContext,
  countyId: string | null | undefined,
): Promise<RosterLevelsView> {
  // Without a county named: the caller's own (the county bureau's page, the township and federation read it).
  const county = countyId ? null : await callerCounty(ctx.store, ctx.caller, ['county', 'township', 'federation']);
  const id = countyId ?? county!.countyId;
  const doc = await ctx.store.get<RosterLevelsDoc>(COLLECTIONS.rosterLevels, id);
  return {
    countyId: id,
    levels: doc?.levels ?? DEFAULT_DIFFICULTY_LEVELS.map((level) => ({ ...level })),
    defaulted: !doc,
    canEdit: covers(ctx.caller, ['county'], { townshipId: null, countyId: id }),
    updatedAt: doc?.updatedAt ?? null,
  };
}

/**
 * The county bureau sets the difficulty levels and their visit frequency (R-OVS-1); the roster's
 * schedule follows. Without a county named, the caller's own.
 */
export async function setRosterLevels(
  ctx: ActionContext,
  input: { countyId?: string | null; levels: DifficultyLevel[] },
): Promise<RosterLevelsView> {
  const countyId = input.countyId ?? (await callerCounty(ctx.store, ctx.caller, ['county'])).countyId;
  requirePlace(ctx.caller, ['county'], { townshipId: null, countyId }, '困难等级由县民政局设定');
  const levels = input.levels.map((level) => ({ ...level, label: level.label.trim() }));
  const problems = levelProblems(levels);
  if (problems.length > 0) throw new AppError('BAD_REQUEST', 'bad roster levels', problems.join('；'));
  const at = ctx.clock.now();
  const entries = await findAll<RosterEntryDoc>(ctx.store, COLLECTIONS.rosterEntries, {
    where: { countyId, active: true },
  });
  const actor = actorOf(ctx.caller, 'county');
  await ctx.store.transaction(async (tx) => {
    await tx.set<RosterLevelsDoc>(COLLECTIONS.rosterLevels, {
      _id: countyId,
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
      scopeId: countyId,
      actor,
      action: 'roster.setLevels',
      target: `${COLLECTIONS.rosterLevels}/${countyId}`,
      details: { levels: levels.map((level) => `${level.id}:${level.visitEveryDays}`) },
      at,
    });
  });
  return getRosterLevels(ctx, countyId);
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
    requireRole(ctx.caller, [...CASE_READERS, ...OVERSEERS], society);
    societies = [society];
  } else {
    societies = await overseenSocieties(ctx.store, ctx.caller, OVERSEERS);
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
