/**
 * Private files (issue 12): ID-card and household-book photos, materials, visit photos, signed
 * receipts, board photos and meeting minutes. Storage is private; nobody reads a file by its id.
 *
 * - Upload: the page asks for a slot (`requestUpload`) for a case, a society or (a township's
 *   assistance list) a township; the server checks the caller may add that kind of file there and
 *   decides the path (`private/<societyId or townshipId>/<kind>/<caseId or "society" or
 *   "area">/<random>.<ext>`). The slot is recorded with who asked for it; a clue's slot keeps only
 *   the reporter's key (a hash, as the clue does), so an anonymous clue stays anonymous.
 * - Attach: an action given a file id (materials, visit photos, receipts, board photo, minutes)
 *   calls `requireAttachable` before it writes anything: the file must come from a slot of the
 *   same society (and the same case, when the slot was for a case), of a kind the action takes,
 *   and it must exist in storage.
 * - Read: `fileLinks` answers short-lived addresses (CloudBase getTempFileURL; locally a signed
 *   `/files/` address) only for files the caller may see: the society's case readers, the person
 *   who uploaded it, the applicant of its case; meeting minutes to the society's members and
 *   overseers; board photos to the notice archive's readers; a township's list to its officers.
 */
import { createHash, randomBytes } from 'node:crypto';
import { AppError } from '../errors';
import type { ActionContext } from '../context';
import { COLLECTIONS, type SocietyDoc } from '../collections';
import { findIn, type Doc } from '../ports/store';
import type { Files } from '../ports/files';
import type { Caller } from '../access/caller';
import { requireActive } from '../cases/common';
import {
  ARCHIVE_READERS,
  CASE_READERS,
  covers,
  coversSociety,
  MEETING_READERS,
  OFFICERS,
  roleIn,
} from '../access/rules';
import type { CaseDoc } from '../cases/model';
import { reporterKeyOf } from '../clues/usecases';
import {
  MAX_LINKS_PER_CALL,
  PHOTO_EXTENSIONS,
  PRIVATE_FILE_KINDS,
  UPLOAD_EXTENSIONS,
  type FileLink,
  type PrivateFileKind,
  type UploadExtension,
  type UploadSlot,
} from '../../miniprogram/domain/files';

export { MAX_LINKS_PER_CALL, PRIVATE_FILE_KINDS, UPLOAD_EXTENSIONS };
export type { PrivateFileKind };

/** Kinds that belong to a case, and kinds an officer adds for the society as a whole. */
const CASE_KINDS: readonly PrivateFileKind[] = ['materials', 'visits', 'receipts'];
const SOCIETY_KINDS: readonly PrivateFileKind[] = ['boards', 'meetings', 'roster', 'lists'];

/** How long a slot may wait for its upload. */
const SLOT_TTL_MS = 60 * 60 * 1000;

export interface FileSlotDoc extends Doc {
  path: string;
  /** The society the file belongs to; null only for a township's assistance list. */
  societyId: string | null;
  /** The township of a township-wide assistance list; absent or null otherwise. */
  townshipId?: string | null;
  /** The case the file belongs to; null for the society's own files and for an application's materials before the case exists. */
  caseId: string | null;
  kind: PrivateFileKind;
  /** Who asked for the slot (null when the server wrote the file itself, e.g. the demo seed, or for a clue). */
  openid: string | null;
  /** A clue's reporter, as the clue keeps them: `reporterKeyOf(openid)`, never the openid. */
  reporterKey?: string | null;
  createdAt: string;
  expiresAt: string;
}

export interface UploadSlotInput {
  kind: PrivateFileKind;
  societyId?: string;
  /** A township's own assistance list (kind 'lists' only). */
  townshipId?: string;
  caseId?: string;
  extension?: UploadExtension;
}

const SLOT_ID = (path: string) => `fs_${createHash('sha256').update(path).digest('hex').slice(0, 32)}`;

const FILE_REFUSED = '照片文件有误，请重新上传';
const LIST_REFUSED = '表格文件有误，请重新选择后上传';

// ---------------------------------------------------------------------------------------------
// Upload slots

export async function requestUpload(ctx: ActionContext, input: UploadSlotInput): Promise<UploadSlot> {
  const openid = ctx.caller.openid;
  if (!openid) throw new AppError('UNAUTHENTICATED', 'an upload needs a caller');
  checkExtension(input);
  if (input.townshipId) return townshipListSlot(ctx, openid, input.townshipId, input);
  const { society, doc } = await target(ctx, input);
  if (doc) {
    if (!CASE_KINDS.includes(input.kind)) {
      throw new AppError('BAD_REQUEST', `kind ${input.kind} is not a case file`, FILE_REFUSED);
    }
    const applicant = ctx.caller.user !== null && doc.applicantUserId === ctx.caller.user._id;
    const officer = roleIn(ctx.caller, OFFICERS, society) !== null;
    // The applicant adds materials to their own case; officers add any case file.
    if (!officer && !(applicant && input.kind === 'materials')) {
      throw new AppError('FORBIDDEN', `caller ${openid} may not upload ${input.kind} to case ${doc._id}`);
    }
  } else if (input.kind === 'materials') {
    // An application's materials are chosen before the case exists: anyone who can apply to this
    // society may upload them; they stay readable to the uploader and the society's case readers.
  } else if (input.kind === 'clues') {
    // Anyone may report a clue to an active society (server/clues/usecases.ts), anonymously too.
    requireActive(society);
  } else if (SOCIETY_KINDS.includes(input.kind)) {
    if (!roleIn(ctx.caller, OFFICERS, society)) {
      throw new AppError('FORBIDDEN', `caller ${openid} is no officer of ${society._id}`);
    }
  } else {
    throw new AppError('BAD_REQUEST', `kind ${input.kind} needs a case`, FILE_REFUSED);
  }
  return issueSlot(ctx, openid, input, { societyId: society._id, townshipId: null, caseId: doc?._id ?? null });
}

/** A list is an xlsx; every other kind is a photo. */
function checkExtension(input: UploadSlotInput): void {
  const extension = input.extension ?? (input.kind === 'lists' ? 'xlsx' : 'jpg');
  const photo = (PHOTO_EXTENSIONS as readonly string[]).includes(extension);
  if (input.kind === 'lists' ? extension !== 'xlsx' : !photo) {
    throw new AppError(
      'BAD_REQUEST',
      `extension ${extension} for kind ${input.kind}`,
      input.kind === 'lists' ? '名单请上传 xlsx 表格文件' : '请上传照片',
    );
  }
}

/** A township officer's own list, for the villages of their township (server/roster/lists.ts). */
async function townshipListSlot(
  ctx: ActionContext,
  openid: string,
  townshipId: string,
  input: UploadSlotInput,
): Promise<UploadSlot> {
  if (input.kind !== 'lists' || input.caseId || input.societyId) {
    throw new AppError('BAD_REQUEST', `kind ${input.kind} is no township file`, FILE_REFUSED);
  }
  if (!townshipOfficer(ctx.caller, townshipId)) {
    throw new AppError('FORBIDDEN', `caller ${openid} is no township officer of ${townshipId}`);
  }
  return issueSlot(ctx, openid, input, { societyId: null, townshipId, caseId: null });
}

async function issueSlot(
  ctx: ActionContext,
  openid: string,
  input: UploadSlotInput,
  owner: { societyId: string | null; townshipId: string | null; caseId: string | null },
): Promise<UploadSlot> {
  const now = ctx.clock.now();
  const extension = input.extension ?? (input.kind === 'lists' ? 'xlsx' : 'jpg');
  const name = `${now.getTime().toString(36)}-${randomBytes(9).toString('hex')}.${extension}`;
  const folder = owner.caseId ?? (owner.societyId ? 'society' : 'area');
  const path = `private/${owner.societyId ?? owner.townshipId}/${input.kind}/${folder}/${name}`;
  const clue = input.kind === 'clues';
  const slot: FileSlotDoc = {
    _id: SLOT_ID(path),
    path,
    societyId: owner.societyId,
    townshipId: owner.townshipId,
    caseId: owner.caseId,
    kind: input.kind,
    // A clue's reporter may be anonymous: the slot keeps their key, as the clue does, not the openid.
    openid: clue ? null : openid,
    reporterKey: clue ? reporterKeyOf(openid) : null,
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + SLOT_TTL_MS).toISOString(),
  };
  await ctx.store.insert(COLLECTIONS.fileSlots, slot);
  return { path, expiresAt: slot.expiresAt };
}

function townshipOfficer(caller: Caller, townshipId: string): boolean {
  return covers(caller, ['township'], { townshipId, countyId: null });
}

/** Whether `openid` asked for this slot (a clue's slot knows its reporter by key only). */
function uploadedBy(slot: FileSlotDoc, openid: string): boolean {
  if (slot.openid !== null) return slot.openid === openid;
  return !!slot.reporterKey && slot.reporterKey === reporterKeyOf(openid);
}

async function target(
  ctx: ActionContext,
  input: UploadSlotInput,
): Promise<{ society: SocietyDoc; doc: CaseDoc | null }> {
  const doc = input.caseId ? await ctx.store.get<CaseDoc>(COLLECTIONS.cases, input.caseId) : null;
  if (input.caseId && !doc) throw new AppError('NOT_FOUND', `case ${input.caseId} not found`, '没有找到这个救助案件');
  const societyId = doc?.societyId ?? input.societyId;
  if (!societyId) throw new AppError('BAD_REQUEST', 'an upload names a case or a society');
  if (doc && input.societyId && input.societyId !== doc.societyId) {
    throw new AppError('BAD_REQUEST', `case ${doc._id} is not of society ${input.societyId}`);
  }
  const society = await ctx.store.get<SocietyDoc>(COLLECTIONS.societies, societyId);
  if (!society) throw new AppError('NOT_FOUND', `society ${societyId} not found`, '没有找到这个互助社');
  return { society, doc };
}

/**
 * The slot a stored upload came through, for the local upload route: it must have been issued to
 * this caller and not have expired.
 */
export async function slotForUpload(
  ctx: Pick<ActionContext, 'store' | 'clock'>,
  openid: string,
  path: string,
): Promise<FileSlotDoc | null> {
  const slot = await ctx.store.get<FileSlotDoc>(COLLECTIONS.fileSlots, SLOT_ID(path));
  if (!slot || slot.path !== path || !uploadedBy(slot, openid)) return null;
  if (Date.parse(slot.expiresAt) < ctx.clock.now().getTime()) return null;
  return slot;
}

/** Records a file the server itself stored (the demo seed's receipts) as if uploaded through a slot. */
export async function recordServerFile(
  ctx: Pick<ActionContext, 'store'>,
  file: { path: string; societyId: string; caseId: string | null; kind: PrivateFileKind; at: string },
): Promise<void> {
  const existing = await ctx.store.get<FileSlotDoc>(COLLECTIONS.fileSlots, SLOT_ID(file.path));
  if (existing) return;
  await ctx.store.insert<FileSlotDoc>(COLLECTIONS.fileSlots, {
    _id: SLOT_ID(file.path),
    path: file.path,
    societyId: file.societyId,
    caseId: file.caseId,
    kind: file.kind,
    openid: null,
    createdAt: file.at,
    expiresAt: file.at,
  });
}

async function slotOf(ctx: Pick<ActionContext, 'store' | 'files'>, fileId: string): Promise<FileSlotDoc | null> {
  const path = safePathOf(ctx.files, fileId);
  if (!path) return null;
  const slot = await ctx.store.get<FileSlotDoc>(COLLECTIONS.fileSlots, SLOT_ID(path));
  return slot && slot.path === path ? slot : null;
}

function safePathOf(files: Files, fileId: string): string | null {
  try {
    return files.pathOf(fileId);
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------------------------------------
// Attaching

export interface AttachTarget {
  /** The society the files are attached to; null for a township's own list. */
  societyId: string | null;
  /** A township's own list: the township it was uploaded for. */
  townshipId?: string;
  /** The case the files are attached to; null for the society's own files. */
  caseId: string | null;
  kinds: readonly PrivateFileKind[];
  /** Only files this caller uploaded (a clue's photo is its reporter's). */
  uploadedBy?: string;
}

/**
 * Every file id must come from a slot of this society (and of this case when the slot was for a
 * case), be of one of `kinds`, and exist in storage. Call before writing anything: a refused file
 * leaves the record as it was.
 */
export async function requireAttachable(
  ctx: Pick<ActionContext, 'store' | 'files'>,
  fileIds: readonly string[],
  attach: AttachTarget,
): Promise<void> {
  const lists = attach.kinds.every((kind) => kind === 'lists');
  const unique = [...new Set(fileIds)];
  if (unique.length === 0) return;
  // One read for all the slots (a visit brings up to 9 photos), not one per file.
  const paths = new Map(unique.map((fileId) => [fileId, safePathOf(ctx.files, fileId)]));
  const ids = [...paths.values()].filter((path): path is string => path !== null).map(SLOT_ID);
  const slots = new Map(
    (await findIn<FileSlotDoc>(ctx.store, COLLECTIONS.fileSlots, '_id', ids)).map((slot) => [slot.path, slot]),
  );
  for (const fileId of unique) {
    const path = paths.get(fileId);
    const slot = (path && slots.get(path)) || null;
    const fits =
      slot !== null &&
      slot.societyId === attach.societyId &&
      (slot.townshipId ?? null) === (attach.townshipId ?? null) &&
      attach.kinds.includes(slot.kind) &&
      (slot.caseId === null || slot.caseId === attach.caseId) &&
      (attach.uploadedBy === undefined || uploadedBy(slot, attach.uploadedBy));
    if (!fits) {
      throw new AppError(
        'BAD_REQUEST',
        `file ${fileId.slice(0, 120)} is not a ${attach.kinds.join('/')} upload of ${attach.societyId ?? attach.townshipId}` +
          (attach.caseId ? ` / case ${attach.caseId}` : ''),
        lists ? LIST_REFUSED : FILE_REFUSED,
      );
    }
    if (!(await ctx.files.exists(fileId))) {
      throw new AppError(
        'BAD_REQUEST',
        `file ${fileId.slice(0, 120)} was never uploaded`,
        lists ? '表格还没有上传成功，请重新上传' : '照片还没有上传成功，请重新上传',
      );
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Reading

/** Short-lived addresses of the files the caller may see; any other file refuses the whole call. */
export async function fileLinks(ctx: ActionContext, fileIds: readonly string[]): Promise<{ items: FileLink[] }> {
  const unique = [...new Set(fileIds)];
  if (unique.length > MAX_LINKS_PER_CALL) {
    throw new AppError(
      'BAD_REQUEST',
      `${unique.length} files in one call`,
      `一次最多查看 ${MAX_LINKS_PER_CALL} 个文件`,
    );
  }
  const items: FileLink[] = [];
  for (const fileId of unique) {
    const slot = await slotOf(ctx, fileId);
    if (!slot || !(await maySee(ctx, slot))) {
      throw new AppError(
        'FORBIDDEN',
        `caller ${ctx.caller.openid ?? 'anonymous'} may not see file ${fileId.slice(0, 120)}`,
        '您没有权限查看这个文件',
      );
    }
    if (!(await ctx.files.exists(fileId))) {
      throw new AppError('NOT_FOUND', `file ${fileId.slice(0, 120)} is not in storage`, '这个文件已不存在');
    }
    items.push({ fileId, url: await ctx.files.url(fileId) });
  }
  return { items };
}

async function maySee(ctx: ActionContext, slot: FileSlotDoc): Promise<boolean> {
  const caller = ctx.caller;
  if (!caller.openid) return false;
  if (uploadedBy(slot, caller.openid)) return true;
  // A township's own list: its township officers (only the server reads its rows).
  if (slot.societyId === null) return !!slot.townshipId && townshipOfficer(caller, slot.townshipId);
  const society = await ctx.store.get<SocietyDoc>(COLLECTIONS.societies, slot.societyId);
  if (!society) return false;
  if (roleIn(caller, CASE_READERS, society)) return true;
  if (slot.kind === 'meetings') return coversSociety(caller, MEETING_READERS, society);
  // The photo of a notice on the village board is kept with the notice in its archive.
  if (slot.kind === 'boards') return coversSociety(caller, ARCHIVE_READERS, society);
  if (slot.caseId && caller.user) {
    const doc = await ctx.store.get<CaseDoc>(COLLECTIONS.cases, slot.caseId);
    return doc !== null && doc.applicantUserId === caller.user._id;
  }
  return false;
}

/**
 * Files the applicant's case now holds from slots issued before the case existed: they become the
 * case's, so its applicant keeps seeing them even from another WeChat account of theirs.
 */
export async function bindToCase(
  ctx: Pick<ActionContext, 'store' | 'files'>,
  fileIds: readonly string[],
  caseId: string,
): Promise<void> {
  for (const fileId of new Set(fileIds)) {
    const slot = await slotOf(ctx, fileId);
    if (slot && slot.caseId === null && CASE_KINDS.includes(slot.kind)) {
      await ctx.store.transaction((tx) => tx.update(COLLECTIONS.fileSlots, slot._id, { caseId }));
    }
  }
}
