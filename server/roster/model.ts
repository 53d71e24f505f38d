/**
 * Documents of the assistance lists and the roster (R-OVS-1). Names, ID numbers, addresses and
 * visit findings are sealed at rest (server/cases/pii.ts); a person is found by the keyed hash of
 * their ID number (`personKey`), the same one their relief cases carry, so the lists, the roster
 * and the cases of one person meet in the 一人一档.
 */
import type { Doc, Store } from '../ports/store';
import type { Sealed } from '../cases/pii';
import type { CaseEventActor } from '../../miniprogram/domain/case';
import { COLLECTIONS } from '../collections';
import { DEFAULT_DIFFICULTY_LEVELS, type DifficultyLevel, type ListKind } from '../../miniprogram/domain/roster';

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
