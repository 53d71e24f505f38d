/**
 * Clues from villagers and volunteers, and 帮办 (issue 13), as typed verbs over callCloud: the
 * reporter's side (`applications`) and the officers' side (`approvals`). Verbs that create
 * something take a request id: make it once per form (newRequestId) and keep it across retries.
 */
import { callCloud, type CloudPayload } from './cloud';
import type { ClueQueueItem, MyClueItem, ProgrammeHelpView } from '../domain/clues';

export { newRequestId } from './request-id';

export type ReportClueInput = CloudPayload<'applications', 'reportClue'>;
export type RecordHelpInput = CloudPayload<'approvals', 'recordHelp'>;
export type UpdateHelpInput = CloudPayload<'approvals', 'updateHelp'>;

export function reportClue(input: ReportClueInput): Promise<MyClueItem> {
  return callCloud('applications', 'reportClue', input);
}

export async function fetchMyClues(): Promise<MyClueItem[]> {
  return (await callCloud('applications', 'myClues', {})).items;
}

export function fetchClues(societyId: string): Promise<{ items: ClueQueueItem[]; openCount: number }> {
  return callCloud('approvals', 'listClues', { societyId });
}

export function fetchClue(clueId: string): Promise<ClueQueueItem> {
  return callCloud('approvals', 'getClue', { clueId });
}

export function closeClue(clueId: string, reason: string): Promise<ClueQueueItem> {
  return callCloud('approvals', 'closeClue', { clueId, reason });
}

export async function fetchHelps(societyId: string): Promise<ProgrammeHelpView[]> {
  return (await callCloud('approvals', 'listHelps', { societyId })).items;
}

export function recordHelp(input: RecordHelpInput): Promise<ProgrammeHelpView> {
  return callCloud('approvals', 'recordHelp', input);
}

export function updateHelp(input: UpdateHelpInput): Promise<ProgrammeHelpView> {
  return callCloud('approvals', 'updateHelp', input);
}
