/** Reading a society by id: NOT_FOUND, with its Chinese message, when there is none. */
import { AppError } from '../errors';
import { COLLECTIONS, type SocietyDoc } from '../collections';
import type { Store } from '../ports/store';

export async function loadSociety(store: Store, societyId: string): Promise<SocietyDoc> {
  const society = await store.get<SocietyDoc>(COLLECTIONS.societies, societyId);
  if (!society) throw new AppError('NOT_FOUND', `society ${societyId} not found`, '没有找到这个互助社');
  return society;
}
