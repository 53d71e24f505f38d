/**
 * Importing the township's 低保 / 特困 / 低保边缘 / 防止返贫监测 / 支出型困难 lists (R-OVS-1,
 * R-ELIG-3/4). The secretary or president imports for the society's village, the township for all
 * its villages, from an xlsx on the template the page offers (columns by name,
 * server/spreadsheets/table.ts). A file with any bad row is refused whole, with each row's
 * problem, and nothing is written. A good file is first previewed: who is new, who has left the
 * list, whose row changed; applying needs the preview's token, so what is written is what was
 * shown (a list changed in between asks for a new preview). Applying is audited, and the roster
 * follows the lists. Names, ID numbers and addresses are sealed at rest; a person is matched by
 * the keyed hash of their ID number, never by the number.
 */
import { AppError } from '../errors';
import type { ActionContext } from '../context';
import { type Actor, actorOf } from '../access/caller';
import { OFFICERS, requirePlace, requireRole } from '../access/rules';
import { loadSociety } from '../registry/load';
import { appendAudit } from '../audit/trail';
import { COLLECTIONS, type AreaDoc, type KeptListKinds, type SocietyDoc } from '../collections';
import { findAll, type Store, type Transaction } from '../ports/store';
import { beijingDayOf } from '../domain/workdays';
import { personKeyOf, seal, sealOrNull, shortHash } from '../cases/pii';
import { FILE_ID_PATTERN } from '../cases/common';
import { requireAttachable } from '../files/private';
import { eventActor } from '../cases/model';
import { readTable, rowErrorLines, tableTemplate, type RowError, type TableColumn } from '../spreadsheets/table';
import { isValidIdNumber, makeIdNumber, normalizeIdNumber } from '../../miniprogram/domain/id-number';
import { maskIdNumber, maskName } from '../../miniprogram/domain/masking';
import {
  LIST_KIND_LABELS,
  defaultLevelIdOf,
  levelFromText,
  nextVisitDue,
  type DifficultyLevel,
  type ListKind,
} from '../../miniprogram/domain/roster';
import {
  levelsOf,
  listEntryIdOf,
  listRowDigest,
  rosterIdOf,
  type ListEntryDoc,
  type ListImportChunkDoc,
  type ListImportDoc,
  type ListImportJobDoc,
  type PlannedWrite,
  type RosterEntryDoc,
} from './model';

type ListColumn = 'name' | 'idNumber' | 'village' | 'address' | 'level';

export const LIST_COLUMNS: readonly TableColumn<ListColumn>[] = [
  {
    key: 'name',
    header: '姓名',
    aliases: ['户主姓名', '对象姓名'],
    required: true,
    example: '王秀兰',
    note: '名单上的姓名',
  },
  {
    key: 'idNumber',
    header: '身份证号',
    aliases: ['身份证号码', '公民身份号码', '证件号码'],
    required: true,
    example: makeIdNumber({ birthDate: '1956-03-08', sequence: 42 }),
    note: '18 位居民身份证号码，请设为文本格式，末位 X 大写',
  },
  {
    key: 'village',
    header: '所在村',
    aliases: ['村（社区）', '村社区', '村名', '村'],
    required: false,
    example: '王家村',
    note: '乡镇导入全乡镇名单时必填，须与系统中的村（社区）名称一致；村里导入本村名单可不填',
  },
  {
    key: 'address',
    header: '住址',
    aliases: ['家庭住址', '现住址'],
    required: false,
    example: '三组 12 号',
    note: '便于入户走访，可不填',
  },
  {
    key: 'level',
    header: '困难等级',
    aliases: ['等级'],
    required: false,
    example: '一级',
    note: '如 一级、二级、三级（以县民政局设定的等级为准）；不填时按名单类别确定',
  },
];

const MAX_ROWS = 5000;
const SAMPLE = 20;

export interface ListImportInput {
  societyId?: string | null;
  townshipId?: string | null;
  kind: ListKind;
  fileId: string;
}

/** What a re-import would change, shown before it is applied (masked names and their village). */
export interface ListImportPreview {
  status: 'ready' | 'refused';
  kind: ListKind;
  kindLabel: string;
  scopeName: string;
  /** Row problems of a refused file: 「第 5 行 身份证号：……」. */
  errorLines: string[];
  errorCount: number;
  /** Hand it back to apply exactly this; null when refused. */
  token: string | null;
  rowCount: number;
  added: number;
  removed: number;
  changed: number;
  unchanged: number;
  addedNames: string[];
  removedNames: string[];
  changedNames: string[];
  /** Whether this village or township ever imported this list before. */
  firstImport: boolean;
}

interface Scope {
  kind: 'society' | 'township';
  name: string;
  /** Where the audit event goes: each society concerned. */
  actor: Actor;
  townshipId: string;
  countyId: string;
  villages: AreaDoc[];
  /** Society of each village in scope (villages without one take no list). */
  societyOfVillage: Map<string, SocietyDoc>;
}

async function scopeOf(ctx: ActionContext, input: ListImportInput): Promise<Scope> {
  if (!!input.societyId === !!input.townshipId) {
    throw new AppError(
      'BAD_REQUEST',
      'list import needs exactly one of societyId, townshipId',
      '请选择导入到本村还是全乡镇',
    );
  }
  if (input.societyId) {
    const society = await loadSociety(ctx.store, input.societyId);
    const role = requireRole(ctx.caller, OFFICERS, society);
    const village = await ctx.store.get<AreaDoc>(COLLECTIONS.areas, society.villageId);
    if (!village) throw new AppError('NOT_FOUND', `village ${society.villageId} missing`, '没有找到本社所在的村');
    return {
      kind: 'society',
      name: village.name,
      actor: actorOf(ctx.caller, role),
      townshipId: society.townshipId,
      countyId: society.countyId,
      villages: [village],
      societyOfVillage: new Map([[village._id, society]]),
    };
  }
  const townshipId = input.townshipId!;
  requirePlace(ctx.caller, ['township'], { townshipId, countyId: null });
  const township = await ctx.store.get<AreaDoc>(COLLECTIONS.areas, townshipId);
  if (!township) throw new AppError('NOT_FOUND', `township ${townshipId} missing`, '没有找到这个乡镇');
  const villages = await findAll<AreaDoc>(ctx.store, COLLECTIONS.areas, {
    where: { kind: 'village', parentId: townshipId },
  });
  const societies = await findAll<SocietyDoc>(ctx.store, COLLECTIONS.societies, { where: { townshipId } });
  return {
    kind: 'township',
    name: township.name,
    actor: actorOf(ctx.caller, 'township'),
    townshipId,
    countyId: township.countyId,
    villages,
    societyOfVillage: new Map(societies.map((society) => [society.villageId, society])),
  };
}

interface IncomingEntry {
  villageId: string;
  personKey: string;
  name: string;
  idNumber: string;
  address: string;
  levelText: string;
  digest: string;
}

/** Reads and checks every row; any problem refuses the whole file (nothing is written). */
async function readList(
  ctx: ActionContext,
  scope: Scope,
  fileId: string,
  levels: readonly DifficultyLevel[],
): Promise<{ entries: IncomingEntry[]; errors: RowError[] }> {
  if (!FILE_ID_PATTERN.test(fileId)) {
    throw new AppError('BAD_REQUEST', 'not a file id', '请重新选择要导入的表格文件');
  }
  // Issue 12: the file came through a list slot of this village's society or of this township.
  const society = scope.kind === 'society' ? scope.societyOfVillage.get(scope.villages[0]!._id)! : null;
  await requireAttachable(
    ctx,
    [fileId],
    society
      ? { societyId: society._id, caseId: null, kinds: ['lists'] }
      : { societyId: null, townshipId: scope.townshipId, caseId: null, kinds: ['lists'] },
  );
  const file = await ctx.files.get(fileId);
  if (!file) throw new AppError('NOT_FOUND', `file ${fileId} not found`, '没有找到上传的表格文件，请重新选择');
  const table = await readTable(file.content, LIST_COLUMNS, { maxRows: MAX_ROWS });
  const errors = [...table.errors];
  const entries: IncomingEntry[] = [];
  const firstRowOf = new Map<string, number>();
  const villageByName = new Map(scope.villages.map((village) => [village.name, village]));
  const today = beijingDayOf(ctx.clock.now());
  for (const { row, values } of table.rows) {
    const name = values.name.replace(/\s/g, '');
    const idNumber = normalizeIdNumber(values.idNumber);
    let bad = false;
    const fail = (column: string, message: string) => {
      errors.push({ row, column, message });
      bad = true;
    };
    if (name && (name.length > 20 || !/^[\u3400-\u9fff·•A-Za-z]+$/.test(name))) fail('姓名', '姓名应为 1 至 20 个汉字');
    if (idNumber && !isValidIdNumber(idNumber, { today })) {
      fail('身份证号', '身份证号码不正确（位数、出生日期或末位校验码不符）');
    } else if (idNumber) {
      const earlier = firstRowOf.get(idNumber);
      if (earlier !== undefined) fail('身份证号', `与第 ${earlier} 行的身份证号码重复`);
      else firstRowOf.set(idNumber, row);
    }
    let village: AreaDoc | undefined;
    const villageName = values.village.replace(/\s/g, '');
    if (scope.kind === 'society') {
      village = scope.villages[0]!;
      if (villageName && villageName !== village.name) fail('所在村', `不是本村（${village.name}）的名单`);
    } else if (!villageName) {
      fail('所在村', '乡镇导入时须填写所在村（社区）');
    } else {
      village = villageByName.get(villageName);
      if (!village) fail('所在村', `「${villageName}」不是${scope.name}的村（社区）`);
      else if (!scope.societyOfVillage.has(village._id)) fail('所在村', `${villageName}尚未成立互助社`);
    }
    const levelText = values.level.trim();
    if (levelText && !levelFromText(levelText, levels)) {
      fail('困难等级', `应为${levels.map((level) => level.label.replace(/[（(].*$/, '')).join('、')}之一`);
    }
    if (bad || !name || !idNumber || !village) continue;
    const address = values.address.trim().slice(0, 100);
    const personKey = personKeyOf(idNumber);
    entries.push({
      villageId: village._id,
      personKey,
      name,
      idNumber,
      address,
      levelText,
      digest: listRowDigest(name, address, levelText),
    });
  }
  errors.sort((a, b) => a.row - b.row);
  return { entries: errors.length > 0 ? [] : entries, errors };
}

interface Diff {
  incoming: IncomingEntry[];
  existing: ListEntryDoc[];
  added: IncomingEntry[];
  removed: ListEntryDoc[];
  changed: IncomingEntry[];
  unchanged: number;
}

function diffOf(incoming: IncomingEntry[], existing: ListEntryDoc[], kind: ListKind): Diff {
  const current = new Map(existing.map((doc) => [doc._id, doc]));
  const seen = new Set<string>();
  const added: IncomingEntry[] = [];
  const changed: IncomingEntry[] = [];
  let unchanged = 0;
  for (const entry of incoming) {
    const id = listEntryIdOf(entry.villageId, kind, entry.personKey);
    seen.add(id);
    const before = current.get(id);
    if (!before) added.push(entry);
    else if (before.digest !== entry.digest) changed.push(entry);
    else unchanged += 1;
  }
  const removed = existing.filter((doc) => !seen.has(doc._id));
  return { incoming, existing, added, removed, changed, unchanged };
}

function tokenOf(scopeKey: string, kind: ListKind, fileId: string, diff: Diff): string {
  const incoming = diff.incoming.map((entry) => `${entry.villageId}:${entry.personKey}:${entry.digest}`).sort();
  const existing = diff.existing.map((doc) => `${doc._id}:${doc.digest}`).sort();
  return shortHash('list-import', scopeKey, kind, fileId, incoming.join(','), '|', existing.join(','));
}

const scopeKeyOf = (input: ListImportInput): string =>
  input.societyId ? `society:${input.societyId}` : `township:${input.townshipId}`;

async function prepare(ctx: ActionContext, input: ListImportInput, knownScope?: Scope) {
  const scope = knownScope ?? (await scopeOf(ctx, input));
  const levels = await levelsOf(ctx.store, scope.countyId);
  const { entries, errors } = await readList(ctx, scope, input.fileId, levels);
  const villageIds = scope.villages.map((village) => village._id);
  const existing = villageIds.length
    ? await findAll<ListEntryDoc>(ctx.store, COLLECTIONS.listEntries, {
        where: { villageId: { $in: villageIds }, kind: input.kind, active: true },
      })
    : [];
  const diff = diffOf(entries, existing, input.kind);
  const scopeKey = scopeKeyOf(input);
  const imports = villageIds.length
    ? await ctx.store.count(COLLECTIONS.listImports, { villageId: { $in: villageIds }, kind: input.kind })
    : 0;
  return {
    scope,
    levels,
    errors,
    diff,
    token: tokenOf(scopeKey, input.kind, input.fileId, diff),
    firstImport: !imports,
  };
}

function villageNames(scope: Scope): Map<string, string> {
  return new Map(scope.villages.map((village) => [village._id, village.name]));
}

/** Preview of an import: refused with every bad row, or what would change. Writes nothing. */
export async function previewListImport(ctx: ActionContext, input: ListImportInput): Promise<ListImportPreview> {
  const scope = await scopeOf(ctx, input);
  await refuseWhileImporting(
    ctx.store,
    scope.villages.map((village) => village._id),
    input.kind,
  );
  const { errors, diff, token, firstImport } = await prepare(ctx, input, scope);
  const base = { kind: input.kind, kindLabel: LIST_KIND_LABELS[input.kind], scopeName: scope.name, firstImport };
  if (errors.length > 0) {
    return {
      ...base,
      status: 'refused',
      errorLines: rowErrorLines(errors),
      errorCount: errors.length,
      token: null,
      rowCount: 0,
      added: 0,
      removed: 0,
      changed: 0,
      unchanged: 0,
      addedNames: [],
      removedNames: [],
      changedNames: [],
    };
  }
  const names = villageNames(scope);
  const label = (villageId: string, maskedName: string) =>
    scope.kind === 'township' ? `${maskedName}（${names.get(villageId) ?? ''}）` : maskedName;
  return {
    ...base,
    status: 'ready',
    errorLines: [],
    errorCount: 0,
    token,
    rowCount: diff.incoming.length,
    added: diff.added.length,
    removed: diff.removed.length,
    changed: diff.changed.length,
    unchanged: diff.unchanged,
    addedNames: diff.added.slice(0, SAMPLE).map((entry) => label(entry.villageId, maskName(entry.name))),
    removedNames: diff.removed.slice(0, SAMPLE).map((doc) => label(doc.villageId, doc.maskedName)),
    changedNames: diff.changed.slice(0, SAMPLE).map((entry) => label(entry.villageId, maskName(entry.name))),
  };
}

export interface ListImportResult {
  kindLabel: string;
  scopeName: string;
  rowCount: number;
  added: number;
  removed: number;
  changed: number;
  /** Households on the roster of the villages concerned after the import. */
  rosterSize: number;
}

/** The roster entry of one person after the lists changed (null when they were never on the roster and still are not). */
function nextRosterEntry(input: {
  before: RosterEntryDoc | null;
  kinds: ListKind[];
  source: ListEntryDoc | null;
  society: SocietyDoc;
  levels: readonly DifficultyLevel[];
  today: string;
  at: string;
}): RosterEntryDoc | null {
  const { before, kinds, source, society, levels, today, at } = input;
  if (!before && (kinds.length === 0 || !source)) return null;
  if (kinds.length === 0 || !source) {
    // R-OVS-1: a household an officer added by hand stays on the roster when the lists drop it.
    if (before!.active && before!.manual) return { ...before!, kinds: [], updatedAt: at };
    return before!.active ? { ...before!, kinds: [], active: false, updatedAt: at } : null;
  }
  const listedLevel = levelFromText(source.levelText, levels);
  const keepOfficer = before?.levelSetBy === 'officer' && levels.some((level) => level.id === before.levelId);
  const levelId = keepOfficer ? before!.levelId : (listedLevel?.id ?? defaultLevelIdOf(kinds, levels));
  const levelSetBy = keepOfficer ? 'officer' : listedLevel ? 'list' : 'default';
  const level = levels.find((each) => each.id === levelId)!;
  const enrolledDay = before?.active ? before.enrolledDay : today;
  const lastVisitDay = before?.lastVisitDay ?? null;
  return {
    _id: rosterIdOf(source.villageId, source.personKey),
    societyId: society._id,
    villageId: source.villageId,
    townshipId: society.townshipId,
    countyId: society.countyId,
    personKey: source.personKey,
    name: source.name,
    maskedName: source.maskedName,
    idNumber: source.idNumber,
    maskedIdNumber: source.maskedIdNumber,
    address: source.address,
    kinds,
    levelId,
    levelSetBy,
    enrolledDay,
    lastVisitDay,
    nextVisitDue: nextVisitDue(lastVisitDay, enrolledDay, level.visitEveryDays),
    active: true,
    updatedAt: at,
    manual: before?.active ? (before.manual ?? null) : null,
    removal: null,
  };
}

/**
 * How many writes one transaction of an import makes at most. CloudBase's own pages
 * (docs.cloudbase.net/database/transaction; WeChat's Database.runTransaction reference) allow
 * only single-document operations inside a transaction, each a round trip, retry a conflicting
 * transaction (3 times by default) and publish no document count; a whole 300-row import (about
 * 600 writes) is one long transaction inside one function call's time limit and the likeliest to
 * conflict. So an import is applied in chunks of this many writes, each its own transaction,
 * recorded as a job so that a call that dies between chunks is finished by the retry.
 */
export const MAX_WRITES_PER_TRANSACTION = 100;

export const IMPORT_UNFINISHED_MESSAGE = '上一次名单导入还没有完成：请在花名册页点“继续完成导入”，完成后再导入新的名单';

/**
 * Applies exactly the previewed import (same token), audits it, and brings the roster up to date
 * (R-OVS-1). The writes are planned first and stored as a job; then applied chunk by chunk, each
 * chunk in its own bounded transaction; then, in a last transaction, the village's import record
 * is marked complete and audited. Until then the village's lists are marked as importing and the
 * caps refuse (never read half a list). A retry with the same token resumes where the last call
 * stopped and applies the import exactly once; once complete, it answers what was done.
 */
export async function applyListImport(
  ctx: ActionContext,
  input: ListImportInput & { token: string },
): Promise<ListImportResult> {
  const scope = await scopeOf(ctx, input);
  const importId = `imp-${input.token.slice(0, 16)}`;
  const existing = await ctx.store.get<ListImportJobDoc>(COLLECTIONS.listImportJobs, importId);
  if (
    existing &&
    (existing.scopeKey !== scopeKeyOf(input) || existing.kind !== input.kind || existing.fileId !== input.fileId)
  ) {
    throw new AppError(
      'INVALID_STATE',
      `token of import ${importId} given for another import`,
      '名单或文件在预览后有变化，请重新预览后再确认导入',
    );
  }
  const job = existing ?? (await planImport(ctx, input, scope, importId));
  return finishImport(ctx, job);
}

async function planImport(
  ctx: ActionContext,
  input: ListImportInput & { token: string },
  scope: Scope,
  importId: string,
): Promise<ListImportJobDoc> {
  const { levels, errors, diff, token } = await prepare(ctx, input, scope);
  if (errors.length > 0) {
    throw new AppError(
      'BAD_REQUEST',
      `list import refused: ${errors.length} row errors`,
      `表格有 ${errors.length} 处问题，未导入：${rowErrorLines(errors, 3).join('；')}`,
    );
  }
  if (token !== input.token) {
    throw new AppError(
      'INVALID_STATE',
      'list import token does not match the current preview',
      '名单或文件在预览后有变化，请重新预览后再确认导入',
    );
  }
  const villageIds = scope.villages.map((village) => village._id);
  await refuseWhileImporting(ctx.store, villageIds, input.kind);
  const at = ctx.clock.now();
  const atIso = at.toISOString();
  const today = beijingDayOf(at);
  const kind = input.kind;

  const written: ListEntryDoc[] = [...diff.added, ...diff.changed].map((entry) => ({
    _id: listEntryIdOf(entry.villageId, kind, entry.personKey),
    villageId: entry.villageId,
    townshipId: scope.townshipId,
    countyId: scope.countyId,
    kind,
    personKey: entry.personKey,
    name: seal(entry.name),
    maskedName: maskName(entry.name),
    idNumber: seal(entry.idNumber),
    maskedIdNumber: maskIdNumber(entry.idNumber),
    address: sealOrNull(entry.address),
    levelText: entry.levelText,
    digest: entry.digest,
    active: true,
    importId,
    importedAt: atIso,
    removedAt: null,
  }));
  const removed: ListEntryDoc[] = diff.removed.map((doc) => ({ ...doc, active: false, removedAt: atIso }));

  // The roster of every person whose lists changed: their other lists stay as they are.
  const allActive = await findAll<ListEntryDoc>(ctx.store, COLLECTIONS.listEntries, {
    where: { villageId: { $in: villageIds }, active: true },
  });
  const afterById = new Map(allActive.map((doc) => [doc._id, doc]));
  for (const doc of removed) afterById.delete(doc._id);
  for (const doc of written) afterById.set(doc._id, doc);
  const entriesOfPerson = new Map<string, ListEntryDoc[]>();
  for (const doc of afterById.values()) {
    const key = rosterIdOf(doc.villageId, doc.personKey);
    entriesOfPerson.set(key, [...(entriesOfPerson.get(key) ?? []), doc]);
  }
  const rosterBefore = new Map(
    (
      await findAll<RosterEntryDoc>(ctx.store, COLLECTIONS.rosterEntries, { where: { villageId: { $in: villageIds } } })
    ).map((doc) => [doc._id, doc]),
  );
  const touched = new Set([...written, ...removed].map((doc) => rosterIdOf(doc.villageId, doc.personKey)));
  const rosterWrites: RosterEntryDoc[] = [];
  for (const rosterId of touched) {
    const docs = entriesOfPerson.get(rosterId) ?? [];
    // The row just imported speaks for the person's name, address and level; else their latest list.
    const source =
      written.find((doc) => rosterIdOf(doc.villageId, doc.personKey) === rosterId) ??
      [...docs].sort((a, b) => b.importedAt.localeCompare(a.importedAt))[0] ??
      null;
    const villageId = rosterId.slice(0, rosterId.lastIndexOf(':'));
    const society = scope.societyOfVillage.get(villageId);
    if (!society) continue;
    const next = nextRosterEntry({
      before: rosterBefore.get(rosterId) ?? null,
      kinds: [...new Set(docs.map((doc) => doc.kind))].sort(),
      source,
      society,
      levels,
      today,
      at: atIso,
    });
    if (next) rosterWrites.push(next);
  }

  const writes: PlannedWrite[] = [
    ...written.map((doc) => ({ collection: 'listEntries' as const, set: doc })),
    ...removed.map((doc) => ({
      collection: 'listEntries' as const,
      update: { id: doc._id, patch: { active: false, removedAt: atIso } },
    })),
    ...rosterWrites.map((doc) => ({ collection: 'rosterEntries' as const, set: doc })),
  ];
  const chunks: ListImportChunkDoc[] = [];
  for (let index = 0; index * MAX_WRITES_PER_TRANSACTION < writes.length; index += 1) {
    chunks.push({
      _id: `${importId}:${index}`,
      importId,
      index,
      writes: writes.slice(index * MAX_WRITES_PER_TRANSACTION, (index + 1) * MAX_WRITES_PER_TRANSACTION),
    });
  }
  const villages = scope.villages.flatMap((village) => {
    const society = scope.societyOfVillage.get(village._id);
    if (!society) return [];
    return [
      {
        villageId: village._id,
        societyId: society._id,
        rows: diff.incoming.filter((entry) => entry.villageId === village._id).length,
        added: diff.added.filter((entry) => entry.villageId === village._id).length,
        removed: diff.removed.filter((doc) => doc.villageId === village._id).length,
        changed: diff.changed.filter((entry) => entry.villageId === village._id).length,
      },
    ];
  });
  const job: ListImportJobDoc = {
    _id: importId,
    scopeKey: scopeKeyOf(input),
    kind,
    fileId: input.fileId,
    token: input.token,
    villageIds,
    townshipId: scope.townshipId,
    status: 'applying',
    chunkCount: chunks.length,
    appliedChunks: 0,
    villages,
    actor: scope.actor,
    scope: scope.kind,
    kindLabel: LIST_KIND_LABELS[kind],
    scopeName: scope.name,
    rowCount: diff.incoming.length,
    added: diff.added.length,
    removed: diff.removed.length,
    changed: diff.changed.length,
    createdAt: atIso,
    completedAt: null,
  };
  // The chunks are stored before the job that names them (each alone; unseen until the job exists,
  // and the same again if this call dies and the retry plans anew).
  for (const chunk of chunks) await ctx.store.transaction((tx) => tx.set(COLLECTIONS.listImportChunks, chunk));
  // The job and the villages' 'applying' marks in one transaction: from here the lists are importing.
  await ctx.store.transaction(async (tx) => {
    if (await tx.get<ListImportJobDoc>(COLLECTIONS.listImportJobs, importId)) return;
    await tx.set<ListImportJobDoc>(COLLECTIONS.listImportJobs, job);
    for (const village of villages) {
      await tx.set<ListImportDoc>(COLLECTIONS.listImports, importRecordOf(job, village, 'applying', atIso));
      await keepListKinds(tx, village.societyId, (kinds) => ({
        imported: kinds.imported,
        importing: [...kinds.importing.filter((one) => one.importId !== job._id), { importId: job._id, kind }],
      }));
    }
  });
  return (await ctx.store.get<ListImportJobDoc>(COLLECTIONS.listImportJobs, importId)) ?? job;
}

/**
 * In an import's transaction, with its import records: the society's kept list kinds (issue 15,
 * roster/eligibility.ts), changed as the record changes. A society written before it kept them
 * has none to change: its records are read.
 */
async function keepListKinds(
  tx: Transaction,
  societyId: string,
  change: (kinds: KeptListKinds) => KeptListKinds,
): Promise<void> {
  const society = await tx.get<SocietyDoc>(COLLECTIONS.societies, societyId);
  if (!society?.listKinds) return;
  await tx.update(COLLECTIONS.societies, societyId, { listKinds: change(society.listKinds) });
}

function importRecordOf(
  job: ListImportJobDoc,
  village: ListImportJobDoc['villages'][number],
  status: 'applying' | 'complete',
  at: string,
): ListImportDoc {
  const { villageId, societyId, rows, added, removed, changed } = village;
  return {
    _id: `${job._id}:${villageId}`,
    villageId,
    townshipId: job.townshipId,
    societyId,
    kind: job.kind,
    fileId: job.fileId,
    rows,
    added,
    removed,
    changed,
    appliedAt: at,
    appliedBy: eventActor(job.actor),
    scope: job.scope,
    status,
  };
}

/** Applies the job's chunks not yet applied, each in its own transaction, then completes it. */
async function finishImport(ctx: ActionContext, planned: ListImportJobDoc): Promise<ListImportResult> {
  const importId = planned._id;
  for (let index = planned.appliedChunks; index < planned.chunkCount; index += 1) {
    const chunk = await ctx.store.get<ListImportChunkDoc>(COLLECTIONS.listImportChunks, `${importId}:${index}`);
    if (!chunk) throw new Error(`list import ${importId} lost chunk ${index}`);
    await ctx.store.transaction(async (tx) => {
      const job = await tx.get<ListImportJobDoc>(COLLECTIONS.listImportJobs, importId);
      // Another call applied this chunk meanwhile: nothing to do (each chunk is applied once).
      if (!job || job.status === 'complete' || job.appliedChunks !== index) return;
      for (const write of chunk.writes) {
        if ('set' in write) await tx.set(write.collection, write.set);
        else await tx.update(write.collection, write.update.id, write.update.patch);
      }
      await tx.update(COLLECTIONS.listImportJobs, importId, { appliedChunks: index + 1 });
    });
  }
  const at = ctx.clock.now();
  await ctx.store.transaction(async (tx) => {
    const job = await tx.get<ListImportJobDoc>(COLLECTIONS.listImportJobs, importId);
    if (!job || job.status === 'complete') return;
    if (job.appliedChunks !== job.chunkCount) throw new Error(`list import ${importId} completed before its chunks`);
    for (const village of job.villages) {
      const record = importRecordOf(job, village, 'complete', at.toISOString());
      await tx.set<ListImportDoc>(COLLECTIONS.listImports, record);
      await keepListKinds(tx, village.societyId, (kinds) => ({
        imported: [...new Set([...kinds.imported, job.kind])].sort(),
        importing: kinds.importing.filter((one) => one.importId !== job._id),
      }));
      await appendAudit(tx, {
        scopeId: village.societyId,
        actor: job.actor,
        action: 'roster.importList',
        target: `${COLLECTIONS.listImports}/${record._id}`,
        details: {
          kind: job.kind,
          scope: job.scope,
          fileId: job.fileId,
          rows: village.rows,
          added: village.added,
          removed: village.removed,
          changed: village.changed,
          chunks: job.chunkCount,
        },
        at,
      });
    }
    await tx.update(COLLECTIONS.listImportJobs, importId, { status: 'complete', completedAt: at.toISOString() });
  });
  const rosterSize = await ctx.store.count(COLLECTIONS.rosterEntries, {
    villageId: { $in: planned.villageIds },
    active: true,
  });
  return {
    kindLabel: planned.kindLabel,
    scopeName: planned.scopeName,
    rowCount: planned.rowCount,
    added: planned.added,
    removed: planned.removed,
    changed: planned.changed,
    rosterSize,
  };
}

/** An import of the same list in these villages left unfinished is finished first (its token resumes it). */
async function refuseWhileImporting(store: Store, villageIds: string[], kind: ListKind): Promise<void> {
  if (villageIds.length === 0) return;
  const unfinished = await store.find<ListImportDoc>(COLLECTIONS.listImports, {
    where: { villageId: { $in: villageIds }, kind, status: 'applying' },
    limit: 1,
  });
  if (unfinished.length > 0) {
    throw new AppError(
      'INVALID_STATE',
      `list ${kind} of ${unfinished[0]!.villageId} still importing`,
      IMPORT_UNFINISHED_MESSAGE,
    );
  }
}

/** The template the page offers: the columns, one example row (a made-up ID number) and a 说明 sheet. */
export async function listTemplate(ctx: ActionContext, kind: ListKind): Promise<{ fileId: string; url: string }> {
  const content = await tableTemplate(`${LIST_KIND_LABELS[kind]}名单导入模板`, LIST_COLUMNS);
  const stored = await ctx.files.put(
    `templates/list-${kind}.xlsx`,
    content,
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  );
  return { fileId: stored.fileId, url: await ctx.files.url(stored.fileId) };
}
