/**
 * The roster of at-risk households and the assistance lists (`roster`), as typed verbs over
 * callCloud (R-OVS-1). Officers and the supervisor read the roster; officers import lists and
 * record visits; the township sees the visits due in its societies by masked name.
 */
import { callCloud, type CloudResult } from './cloud';
import type { ListKind } from '../domain/roster';

export { newRequestId } from './request-id';

export function fetchRoster(societyId: string): Promise<CloudResult<'roster', 'roster'>> {
  return callCloud('roster', 'roster', { societyId });
}

export function fetchRosterEntry(rosterId: string): Promise<CloudResult<'roster', 'rosterEntry'>> {
  return callCloud('roster', 'rosterEntry', { rosterId });
}

export function fetchListTemplate(kind: ListKind): Promise<CloudResult<'roster', 'listTemplate'>> {
  return callCloud('roster', 'listTemplate', { kind });
}

export function previewListImport(
  societyId: string,
  kind: ListKind,
  fileId: string,
): Promise<CloudResult<'roster', 'previewListImport'>> {
  return callCloud('roster', 'previewListImport', { societyId, kind, fileId });
}

export function applyListImport(
  societyId: string,
  kind: ListKind,
  fileId: string,
  token: string,
): Promise<CloudResult<'roster', 'applyListImport'>> {
  return callCloud('roster', 'applyListImport', { societyId, kind, fileId, token });
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
