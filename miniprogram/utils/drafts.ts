/**
 * Forms kept on the phone while they are filled (issue 11, offline): WeChat may be killed by the
 * camera on a cheap phone, or the network drop, and the person comes back to what they typed.
 * A draft is bound to the user it was typed by (the last `me` the phone received): another
 * WeChat user, or another demo caller on the local stack, never sees it. It is removed once sent.
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

export function saveDraft(key: string, value: unknown): void {
  const stored: StoredDraft = { owner: draftOwner(), value };
  wx.setStorageSync(key, stored);
}

/** The stored value, or null when there is none, it is not one of ours, or another user typed it. */
export function loadDraft(key: string): unknown {
  const stored: unknown = wx.getStorageSync(key);
  if (!stored || typeof stored !== 'object' || !('owner' in stored) || !('value' in stored)) return null;
  const { owner, value } = stored as StoredDraft;
  return owner === draftOwner() ? value : null;
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
