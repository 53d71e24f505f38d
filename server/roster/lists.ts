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
import { actorOf, type Actor } from '../access/caller';
import { appendAudit } from '../audit/trail';
import { COLLECTIONS, type AreaDoc, type SocietyDoc } from '../collections';
import { findAll, type Store } from '../ports/store';
import { beijingDayOf } from '../domain/workdays';
import { personKeyOf, seal, sealOrNull, shortHash } from '../cases/pii';
import { FILE_ID_PATTERN } from '../cases/common';
import { requireAttachable } from '../files/private';
import { eventActor, loadSociety } from '../cases/model';
import { OFFICERS, roleIn } from '../cases/access';
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
  rosterIdOf,
  type ListEntryDoc,
  type ListImportDoc,
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
    const role = roleIn(ctx.caller, society, OFFICERS);
    if (!role) throw new AppError('FORBIDDEN', `caller may not import lists for ${society._id}`);
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
  const grant = ctx.caller.grants.find((each) => each.role === 'township' && each.areaId === townshipId);
  if (!grant) throw new AppError('FORBIDDEN', `caller is no township officer of ${townshipId}`);
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
      digest: personKeyOf(['list-row', name, address, levelText].join('|')),
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

async function prepare(ctx: ActionContext, input: ListImportInput) {
  const scope = await scopeOf(ctx, input);
  const levels = await levelsOf(ctx.store, scope.countyId);
  const { entries, errors } = await readList(ctx, scope, input.fileId, levels);
  const villageIds = scope.villages.map((village) => village._id);
  const existing = villageIds.length
    ? await findAll<ListEntryDoc>(ctx.store, COLLECTIONS.listEntries, {
        where: { villageId: { $in: villageIds }, kind: input.kind, active: true },
      })
    : [];
  const diff = diffOf(entries, existing, input.kind);
  const scopeKey = input.societyId ? `society:${input.societyId}` : `township:${input.townshipId}`;
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
  const { scope, errors, diff, token, firstImport } = await prepare(ctx, input);
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
  if (kinds.length === 0 || !source)
    return before!.active ? { ...before!, kinds: [], active: false, updatedAt: at } : null;
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
  };
}

/** Applies exactly the previewed import (same token), audits it, and brings the roster up to date. */
export async function applyListImport(
  ctx: ActionContext,
  input: ListImportInput & { token: string },
): Promise<ListImportResult> {
  const { scope, levels, errors, diff, token } = await prepare(ctx, input);
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
  const at = ctx.clock.now();
  const atIso = at.toISOString();
  const today = beijingDayOf(at);
  const importId = `imp-${token.slice(0, 16)}`;
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
  const villageIds = scope.villages.map((village) => village._id);
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

  const countsOfVillage = (villageId: string) => ({
    rows: diff.incoming.filter((entry) => entry.villageId === villageId).length,
    added: diff.added.filter((entry) => entry.villageId === villageId).length,
    removed: diff.removed.filter((doc) => doc.villageId === villageId).length,
    changed: diff.changed.filter((entry) => entry.villageId === villageId).length,
  });

  // One transaction: the lists, the roster and the record land together or not at all.
  await ctx.store.transaction(async (tx) => {
    for (const doc of written) await tx.set(COLLECTIONS.listEntries, doc);
    for (const doc of removed) await tx.update(COLLECTIONS.listEntries, doc._id, { active: false, removedAt: atIso });
    for (const doc of rosterWrites) await tx.set(COLLECTIONS.rosterEntries, doc);
    for (const village of scope.villages) {
      const society = scope.societyOfVillage.get(village._id);
      if (!society) continue;
      const counts = countsOfVillage(village._id);
      await tx.set<ListImportDoc>(COLLECTIONS.listImports, {
        _id: `${importId}:${village._id}`,
        villageId: village._id,
        townshipId: scope.townshipId,
        societyId: society._id,
        kind,
        fileId: input.fileId,
        ...counts,
        appliedAt: atIso,
        appliedBy: eventActor(scope.actor),
        scope: scope.kind,
      });
      await appendAudit(tx, {
        scopeId: society._id,
        actor: scope.actor,
        action: 'roster.importList',
        target: `${COLLECTIONS.listImports}/${importId}:${village._id}`,
        details: { kind, scope: scope.kind, fileId: input.fileId, ...counts },
        at,
      });
    }
  });

  const rosterSize = await ctx.store.count(COLLECTIONS.rosterEntries, { villageId: { $in: villageIds }, active: true });
  return {
    kindLabel: LIST_KIND_LABELS[kind],
    scopeName: scope.name,
    rowCount: diff.incoming.length,
    added: diff.added.length,
    removed: diff.removed.length,
    changed: diff.changed.length,
    rosterSize,
  };
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

/** The lists a person is on in a village, and the lists that village has imported at all. */
export async function listStatusOf(
  store: Store,
  villageId: string,
  personKey: string,
): Promise<{ listed: ListKind[]; imported: ListKind[] }> {
  const imports = await store.find<ListImportDoc>(COLLECTIONS.listImports, { where: { villageId }, limit: 1000 });
  // A village that has imported no list has no one on one: the person is not looked up.
  if (imports.length === 0) return { listed: [], imported: [] };
  const entries = await store.find<ListEntryDoc>(COLLECTIONS.listEntries, {
    where: { villageId, personKey, active: true },
    limit: 10,
  });
  return {
    listed: [...new Set(entries.map((doc) => doc.kind))].sort(),
    imported: [...new Set(imports.map((doc) => doc.kind))].sort(),
  };
}
