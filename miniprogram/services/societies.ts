import type { MeView, SocietyListItem, SocietyPublicView } from '../domain/society';
import { callCloud } from './cloud';

/** A society's public page: anyone may read it, no login needed. */
export function fetchSocietyPublicPage(societyId: string): Promise<SocietyPublicView> {
  return callCloud<SocietyPublicView>('societies', 'getPublicPage', { societyId });
}

/** The caller and the roles they hold; an unknown caller gets `userId: null, roles: []`. */
export function fetchMe(): Promise<MeView> {
  return callCloud<MeView>('societies', 'me', {});
}

/** The societies the caller oversees (township: its own; county and federation: all). */
export async function fetchSocieties(townshipId?: string): Promise<SocietyListItem[]> {
  const payload = townshipId ? { townshipId } : {};
  const { items } = await callCloud<{ items: SocietyListItem[] }>('societies', 'list', payload);
  return items;
}
