/**
 * Forms kept on the phone while they are filled (issue 11, offline): WeChat may be killed by the
 * camera on a cheap phone, or the network drop, and the person comes back to what they typed.
 * A draft is bound to the user it was typed by (the last `me` the phone received): another
 * WeChat user, or another demo caller on the local stack, never sees it. It is removed once sent.
 * Before the phone knows who is there (no `me` yet, or it belongs to another demo caller) no draft
 * is read or saved: a page waits for the caller (`fetchMe`) and then reads and saves.
 */
import { lastMe } from '../services/societies';

interface StoredDraft {
  owner: string;
  value: unknown;
}

/** Who drafts belong to now: the caller's openid, '' before the phone has heard who it is. */
export function draftOwner(): string {
  return lastMe()?.openid ?? '';
}

/** Whether drafts can be read and saved now: only once the phone knows who the caller is. */
export function draftsReady(): boolean {
  return draftOwner() !== '';
}

/** Keeps the draft under the caller; false (nothing stored) while the caller is not known yet. */
export function saveDraft(key: string, value: unknown): boolean {
  const owner = draftOwner();
  if (!owner) return false;
  const stored: StoredDraft = { owner, value };
  wx.setStorageSync(key, stored);
  return true;
}

/**
 * The stored value, or null when there is none, it is not one of ours, another user typed it, or
 * the caller is not known yet (a draft stored under an empty owner is never anyone's).
 */
export function loadDraft(key: string): unknown {
  const owner = draftOwner();
  if (!owner) return null;
  const stored: unknown = wx.getStorageSync(key);
  if (!stored || typeof stored !== 'object' || !('owner' in stored) || !('value' in stored)) return null;
  const draft = stored as StoredDraft;
  return draft.owner === owner ? draft.value : null;
}

export function removeDraft(key: string): void {
  wx.removeStorageSync(key);
}

/**
 * A stored form over a fresh one: only the fresh form's fields, each only when the stored value is
 * of the same kind (a string for a string, an array for an array…). Null when nothing was stored.
 */
export function mergeDraft<T extends object>(fresh: T, stored: unknown): T | null {
  if (!stored || typeof stored !== 'object' || Array.isArray(stored)) return null;
  const merged = { ...fresh } as Record<string, unknown>;
  const source = stored as Record<string, unknown>;
  for (const [field, value] of Object.entries(fresh)) {
    const candidate = source[field];
    if (candidate === undefined) continue;
    const sameKind = Array.isArray(value)
      ? Array.isArray(candidate)
      : value === null
        ? true
        : typeof candidate === typeof value && !Array.isArray(candidate);
    if (sameKind) merged[field] = candidate;
  }
  return merged as T;
}

/** The officer's forms that keep drafts, each per case (or per society for intake). */
export type OfficerDraftForm = 'intake' | 'visit' | 'disburse';

export function draftKey(form: OfficerDraftForm, id: string): string {
  return `draft:${form}:${id}`;
}
