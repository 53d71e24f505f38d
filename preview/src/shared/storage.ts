/**
 * wx storage kept in the browser's localStorage, one entry per key, the value as JSON. The frame
 * and the phone are two documents of one origin: both read the demo caller from here, and the frame
 * hears the phone change it (a `storage` event).
 */
const PREFIX = 'wx:';

export function storageKey(key: string): string {
  return PREFIX + key;
}

export function readStorage(key: string): unknown {
  const raw = localStorage.getItem(storageKey(key));
  if (raw === null) return undefined;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return undefined;
  }
}

export function writeStorage(key: string, value: unknown): void {
  localStorage.setItem(storageKey(key), JSON.stringify(value === undefined ? null : value));
}

export function removeStorage(key: string): void {
  localStorage.removeItem(storageKey(key));
}

export function storageKeys(): string[] {
  const keys: string[] = [];
  for (let index = 0; index < localStorage.length; index += 1) {
    const key = localStorage.key(index);
    if (key?.startsWith(PREFIX)) keys.push(key.slice(PREFIX.length));
  }
  return keys;
}

export function clearStorage(): void {
  for (const key of storageKeys()) removeStorage(key);
}
