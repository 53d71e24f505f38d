/**
 * Requests about one's own personal information (PIPL): the villager files and follows them;
 * the society's officers answer; the township reads the deadlines.
 */
import { callCloud, type CloudResult } from './cloud';
import type { DataRequestKind } from '../domain/data-requests';

export { newRequestId } from './request-id';

export function fileDataRequest(input: {
  requestId: string;
  societyId: string;
  kind: DataRequestKind;
  details: string;
}): Promise<CloudResult<'applications', 'fileDataRequest'>> {
  return callCloud('applications', 'fileDataRequest', input);
}

export function fetchMyDataRequests(): Promise<CloudResult<'applications', 'myDataRequests'>> {
  return callCloud('applications', 'myDataRequests', {});
}

/** One society's requests (its officers), or without one every society the township oversees. */
export function fetchDataRequests(societyId?: string): Promise<CloudResult<'approvals', 'dataRequests'>> {
  return callCloud('approvals', 'dataRequests', societyId ? { societyId } : {});
}

export function answerDataRequest(input: {
  dataRequestId: string;
  outcome: 'accepted' | 'refused';
  answer: string;
}): Promise<CloudResult<'approvals', 'answerDataRequest'>> {
  return callCloud('approvals', 'answerDataRequest', input);
}
