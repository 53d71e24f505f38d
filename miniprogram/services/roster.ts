/**
 * The roster of at-risk households and the assistance lists (`roster`), as typed verbs over
 * callCloud (R-OVS-1). Officers and the supervisor read the roster; officers import lists and
 * record visits; the township sees the visits due in its societies by masked name.
 */
import { callCloud, type CloudResult } from './cloud';
import type { DifficultyLevel, ListKind, ManualCategory } from '../domain/roster';

export { newRequestId } from './request-id';

export function fetchRoster(societyId: string): Promise<CloudResult<'roster', 'roster'>> {
  return callCloud('roster', 'roster', { societyId });
}

export function fetchRosterEntry(rosterId: string): Promise<CloudResult<'roster', 'rosterEntry'>> {
  return callCloud('roster', 'rosterEntry', { rosterId });
}

export function fetchListTemplate(kind: ListKind): Promise<CloudResult<'spreadsheets', 'listTemplate'>> {
  return callCloud('spreadsheets', 'listTemplate', { kind });
}

export function previewListImport(
  societyId: string,
  kind: ListKind,
  fileId: string,
): Promise<CloudResult<'spreadsheets', 'previewListImport'>> {
  return callCloud('spreadsheets', 'previewListImport', { societyId, kind, fileId });
}

export function applyListImport(
  societyId: string,
  kind: ListKind,
  fileId: string,
  token: string,
): Promise<CloudResult<'spreadsheets', 'applyListImport'>> {
  return callCloud('spreadsheets', 'applyListImport', { societyId, kind, fileId, token });
}

export interface RosterVisitInput {
  requestId: string;
  rosterId: string;
  visitors: string[];
  findings: string;
  photoFileIds: string[];
}

export function recordRosterVisit(input: RosterVisitInput): Promise<CloudResult<'roster', 'recordVisit'>> {
  return callCloud('roster', 'recordVisit', input);
}

/** Visits due within a week or overdue: one society, or every society the caller oversees. */
export function fetchDueVisits(societyId?: string): Promise<CloudResult<'roster', 'dueVisits'>> {
  return callCloud('roster', 'dueVisits', societyId ? { societyId } : {});
}

/** The caller's county's difficulty levels (county bureau, township, federation). */
export function fetchCountyLevels(): Promise<CloudResult<'roster', 'levels'>> {
  return callCloud('roster', 'levels', {});
}

/** The county bureau saves its levels; the roster's visit schedule follows. */
export function saveCountyLevels(levels: DifficultyLevel[]): Promise<CloudResult<'roster', 'setLevels'>> {
  return callCloud('roster', 'setLevels', { levels });
}

export interface AddRosterHouseholdInput {
  requestId: string;
  societyId: string;
  name: string;
  idNumber: string;
  category: ManualCategory;
  levelId: string;
  group: string | null;
  reason: string;
}

/** An officer puts a household on the roster by hand (R-OVS-1). */
export function addRosterHousehold(input: AddRosterHouseholdInput): Promise<CloudResult<'roster', 'addHousehold'>> {
  return callCloud('roster', 'addHousehold', input);
}

/** An officer takes a household off the roster, with the reason. */
export function removeRosterHousehold(input: {
  requestId: string;
  rosterId: string;
  reason: string;
}): Promise<CloudResult<'roster', 'removeHousehold'>> {
  return callCloud('roster', 'removeHousehold', input);
}
