/**
 * The notice to-do's second list, kept on the society (issue 15): its notices still up (7 days)
 * whose paper notice has not been photographed on the board (R-PROC-6), copies written in every
 * transaction that changes one (publishing it, its board photo, an objection raised or answered),
 * so that the to-do reads the society it reads anyway instead of the notices. A notice that comes
 * down is dropped at the next write, and not shown after its week. A society written before it
 * kept them has none: its notices are read.
 */
import { COLLECTIONS, type SocietyDoc } from '../collections';
import type { Transaction } from '../ports/store';
import type { NoticeDoc } from './model';
import { liveSince } from '../../miniprogram/domain/notices';

/** Whether a notice belongs on the to-do's unposted list at `now`. */
export function isUnpostedAt(notice: Pick<NoticeDoc, 'boardPhoto' | 'publishedAt'>, now: Date): boolean {
  return notice.boardPhoto === null && notice.publishedAt > liveSince(now);
}

/** Keeps `notice`, as it is after the transaction's change, on its society's unposted list, in `tx`. */
export async function keepUnposted(tx: Transaction, notice: NoticeDoc, now: Date): Promise<void> {
  const society = await tx.get<SocietyDoc>(COLLECTIONS.societies, notice.societyId);
  if (!society || !Array.isArray(society.unpostedNotices)) return;
  const others = society.unpostedNotices.filter((kept) => kept._id !== notice._id && isUnpostedAt(kept, now));
  const next = (isUnpostedAt(notice, now) ? [...others, notice] : others).sort((a, b) =>
    a.publishedAt.localeCompare(b.publishedAt),
  );
  if (JSON.stringify(next) === JSON.stringify(society.unpostedNotices)) return;
  await tx.update(COLLECTIONS.societies, society._id, { unpostedNotices: next });
}
