/**
 * The society whose public page was opened last on this phone (the board code's landing). Home
 * offers 申请救助 and the page again to whoever opened it, role or not: a villager who scanned the
 * code once finds their society without scanning again (issue 11).
 */
export const VISITED_SOCIETY_KEY = 'visited-society';

export interface VisitedSociety {
  societyId: string;
  name: string;
  /** Active when its page was opened: a society still preparing takes no application yet. */
  acceptsApplications: boolean;
}

/** A stored entry, or null when there is none or it is not one of ours. */
export function readVisitedSociety(stored: unknown): VisitedSociety | null {
  if (!stored || typeof stored !== 'object') return null;
  const { societyId, name, acceptsApplications } = stored as Partial<VisitedSociety>;
  if (typeof societyId !== 'string' || !societyId || typeof name !== 'string') return null;
  return { societyId, name, acceptsApplications: acceptsApplications === true };
}

export function rememberVisitedSociety(society: VisitedSociety): void {
  const { societyId, name, acceptsApplications } = society;
  wx.setStorageSync(VISITED_SOCIETY_KEY, { societyId, name, acceptsApplications });
}

export function visitedSociety(): VisitedSociety | null {
  return readVisitedSociety(wx.getStorageSync(VISITED_SOCIETY_KEY));
}
