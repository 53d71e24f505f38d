/**
 * People the tests add beside the demo county's, written straight into the store as the demo seed
 * writes its own (server/seed/demo-county.ts): the user, with the grants it keeps, and the
 * membership.
 */
import { COLLECTIONS, type MembershipDoc, type UserDoc } from '../../server/collections';
import type { Store } from '../../server/ports/store';

/** The OPENID of 柳秘书, secretary of 柳塘村: another society of 王家村's township. */
export const LIUTANG_SECRETARY = 'lt-secretary';

/** Adds 柳秘书 (once: a second call finds her) and answers her OPENID. */
export async function addLiutangSecretary(store: Store): Promise<string> {
  if (await store.get(COLLECTIONS.users, 'u-lt-sec')) return LIUTANG_SECRETARY;
  const membership: MembershipDoc = {
    _id: 'm-lt-sec',
    userId: 'u-lt-sec',
    role: 'secretary',
    societyId: 'soc-liutang',
    areaId: null,
    grantedAt: '2026-01-01T00:00:00Z',
    grantedBy: 'test',
  };
  await store.insert<UserDoc>(COLLECTIONS.users, {
    _id: 'u-lt-sec',
    openid: LIUTANG_SECRETARY,
    name: '柳秘书',
    createdAt: '2026-01-01T00:00:00Z',
    grants: [membership],
  });
  await store.insert<MembershipDoc>(COLLECTIONS.memberships, membership);
  return LIUTANG_SECRETARY;
}
