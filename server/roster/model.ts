/**
 * Documents of the assistance lists and the roster (R-OVS-1). Names, ID numbers, addresses and
 * visit findings are sealed at rest (server/cases/pii.ts); a person is found by the keyed hash of
 * their ID number (`personKey`), the same one their relief cases carry, so the lists, the roster
 * and the cases of one person meet in the 一人一档.
 */
import type { Doc, Store } from '../ports/store';
import { personKeyOf, type Sealed } from '../cases/pii';
import type { CaseEventActor } from '../../miniprogram/domain/case';
import type { Actor } from '../access/caller';
import { COLLECTIONS } from '../collections';
import {
  DEFAULT_DIFFICULTY_LEVELS,
  type DifficultyLevel,
  type ListKind,
  type ManualCategory,
} from '../../miniprogram/domain/roster';

/**
 * A keyed hash of what a row says (under the person key: a re-key recomputes it, ../cases/rekey.ts).
 * Kept here, away from the xlsx reader, so the scheduler's re-key does not bundle exceljs.
 */
export function listRowDigest(name: string, address: string, levelText: string): string {
  return personKeyOf(['list-row', name, address, levelText].join('|'));
}

/** One person on one list of one village; `_id` is `<villageId>:<kind>:<personKey>`. */
export interface ListEntryDoc extends Doc {
  villageId: string;
  townshipId: string;
  countyId: string;
  kind: ListKind;
  personKey: string;
  name: Sealed;
  maskedName: string;
  idNumber: Sealed;
  maskedIdNumber: string;
  address: Sealed | null;
  /** The difficulty level the list gives (its text), '' when none. */
  levelText: string;
  /** A keyed hash of what the row says: a re-import sees a change without opening anything. */
  digest: string;
  /** Still on the list at the last import; a person who left it is kept, marked. */
  active: boolean;
  importId: string;
  importedAt: string;
  removedAt: string | null;
}

/** One import of one list for one village (a township's import writes one per village). */
export interface ListImportDoc extends Doc {
  villageId: string;
  townshipId: string;
  societyId: string | null;
  kind: ListKind;
  fileId: string;
  rows: number;
  added: number;
  removed: number;
  changed: number;
  appliedAt: string;
  appliedBy: CaseEventActor;
  scope: 'society' | 'township';
  /**
   * 'applying' while the import is being written in bounded transactions: the village's lists
   * are then not to be trusted, and the caps refuse until it completes. Absent on imports from
   * before jobs (all complete).
   */
  status?: 'applying' | 'complete';
}

/** One write of an import, planned before any is made. */
export type PlannedWrite =
  | { collection: 'listEntries' | 'rosterEntries'; set: Doc }
  | { collection: 'listEntries'; update: { id: string; patch: Record<string, unknown> } };

/**
 * An import being applied (`listImportJobs/{importId}`, the id from the preview's token): its
 * writes in numbered chunks, how many are applied, and what the import says when done. A retry
 * with the same token resumes it; once complete, answers its result.
 */
export interface ListImportJobDoc extends Doc {
  scopeKey: string;
  kind: ListKind;
  fileId: string;
  /** The preview's token: a retry with it resumes this import. */
  token: string;
  villageIds: string[];
  townshipId: string;
  status: 'applying' | 'complete';
  chunkCount: number;
  appliedChunks: number;
  /** Per village with a society: its society and the counts its import record and audit carry. */
  villages: Array<{
    villageId: string;
    societyId: string;
    rows: number;
    added: number;
    removed: number;
    changed: number;
  }>;
  actor: Actor;
  scope: 'society' | 'township';
  kindLabel: string;
  scopeName: string;
  rowCount: number;
  added: number;
  removed: number;
  changed: number;
  createdAt: string;
  completedAt: string | null;
}

/** `listImportChunks/{importId}:{index}`: at most MAX_WRITES_PER_TRANSACTION writes. */
export interface ListImportChunkDoc extends Doc {
  importId: string;
  index: number;
  writes: PlannedWrite[];
}

/** One household on a society's roster; `_id` is `<villageId>:<personKey>`. */
export interface RosterEntryDoc extends Doc {
  societyId: string;
  villageId: string;
  townshipId: string;
  countyId: string;
  personKey: string;
  name: Sealed;
  maskedName: string;
  idNumber: Sealed;
  maskedIdNumber: string;
  address: Sealed | null;
  /** The lists the person is on now (empty when off every list: then inactive). */
  kinds: ListKind[];
  levelId: string;
  /** Who set the level: an officer's choice is kept over a later list. */
  levelSetBy: 'list' | 'officer' | 'default';
  enrolledDay: string;
  lastVisitDay: string | null;
  /** R-OVS-1: 'YYYY-MM-DD', Beijing day. */
  nextVisitDue: string;
  active: boolean;
  updatedAt: string;
  /** Added by an officer by hand (R-OVS-1); kept on the roster while no list names the household. */
  manual?: ManualRosterRecord | null;
  /** Taken off the roster by an officer, with the reason; a later list that names them again re-enrols. */
  removal?: RosterRemovalRecord | null;
}

export interface ManualRosterRecord {
  category: ManualCategory;
  reason: Sealed;
  requestId: string;
  fingerprint: string;
  addedAt: string;
  addedBy: CaseEventActor;
}

export interface RosterRemovalRecord {
  reason: Sealed;
  requestId: string;
  at: string;
  by: CaseEventActor;
}

export interface RosterVisitDoc extends Doc {
  rosterId: string;
  societyId: string;
  villageId: string;
  townshipId: string;
  personKey: string;
  visitDay: string;
  visitors: string[];
  findings: Sealed;
  photoFileIds: string[];
  recordedBy: CaseEventActor;
  recordedAt: string;
}

/** The county's difficulty levels (`rosterLevels/{countyId}`). */
export interface RosterLevelsDoc extends Doc {
  levels: DifficultyLevel[];
  updatedAt: string;
  updatedBy: CaseEventActor;
}

export async function levelsOf(store: Store, countyId: string): Promise<DifficultyLevel[]> {
  const doc = await store.get<RosterLevelsDoc>(COLLECTIONS.rosterLevels, countyId);
  return doc?.levels ?? DEFAULT_DIFFICULTY_LEVELS.map((level) => ({ ...level }));
}

export const rosterIdOf = (villageId: string, personKey: string): string => `${villageId}:${personKey}`;
export const listEntryIdOf = (villageId: string, kind: ListKind, personKey: string): string =>
  `${villageId}:${kind}:${personKey}`;
