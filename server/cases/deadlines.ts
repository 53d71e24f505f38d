/**
 * When the county enters a year's official holiday arrangement, the deadlines still running in its
 * societies are counted again on the new calendar (R-PROC-3, R-PROC-4, R-PROC-5): a provisional
 * (暂定) deadline becomes the real one. Each case that moves gets an event on its timeline and in the
 * audit trail, attributed to the county bureau (R-OVS-5). Done deadlines never move.
 */
import type { Actor } from '../access/caller';
import { COLLECTIONS, type SocietyDoc } from '../collections';
import { findAll, type Store } from '../ports/store';
import { NO_DEADLINE, recomputedDeadline } from '../domain/case-deadlines';
import type { WorkCalendar } from '../domain/workdays';
import {
  DEADLINE_KINDS,
  DEADLINE_LABELS,
  formatBeijingTime,
  type CaseDeadlines,
  type DeadlineKind,
} from '../../miniprogram/domain/case';
import { caseInTx, commitDeadlines, type CaseDoc } from './model';

export interface RecomputedCase {
  caseId: string;
  caseNo: string;
  societyId: string;
  moved: Array<{ kind: DeadlineKind; from: string; to: string }>;
}

function movedDeadlines(calendar: WorkCalendar, deadlines: CaseDeadlines) {
  const next: CaseDeadlines = { ...deadlines };
  const moved: RecomputedCase['moved'] = [];
  for (const kind of DEADLINE_KINDS) {
    const deadline = deadlines[kind];
    if (!deadline) continue;
    const recomputed = recomputedDeadline(calendar, kind, deadline);
    if (!recomputed) continue;
    next[kind] = recomputed;
    moved.push({ kind, from: deadline.dueAt, to: recomputed.dueAt });
  }
  return { next, moved };
}

/** Recounts every running deadline of the county's societies on `calendar`; returns the cases that moved. */
export async function recomputeOpenDeadlines(
  store: Store,
  input: { countyId: string; calendar: WorkCalendar; actor: Actor; at: Date; reason: string },
): Promise<RecomputedCase[]> {
  const { calendar, actor, at } = input;
  const societies = await findAll<SocietyDoc>(store, COLLECTIONS.societies, { where: { countyId: input.countyId } });
  const changed: RecomputedCase[] = [];
  for (const society of societies) {
    const running = await findAll<CaseDoc>(store, COLLECTIONS.cases, {
      where: { societyId: society._id, nextDueAt: { $lt: NO_DEADLINE } },
    });
    for (const candidate of running) {
      if (movedDeadlines(calendar, candidate.deadlines).moved.length === 0) continue;
      // Read again in the transaction: a step taken meanwhile may have finished a deadline.
      const result = await store.transaction(async (tx) => {
        const current = await caseInTx(tx, candidate._id, society._id);
        const { next, moved } = movedDeadlines(calendar, current.deadlines);
        if (moved.length === 0) return null;
        const lines = moved.map(
          (move) => `${DEADLINE_LABELS[move.kind]}截止 ${formatBeijingTime(move.from)} → ${formatBeijingTime(move.to)}`,
        );
        await commitDeadlines(tx, current, next, actor, at, {
          summary: `${input.reason}，办理时限重新计算：${lines.join('；')}`,
          details: { moved },
          audit: { moved: moved.map((move) => ({ kind: move.kind, from: move.from, to: move.to })) },
        });
        return { caseId: current._id, caseNo: current.caseNo, societyId: society._id, moved };
      });
      if (result) changed.push(result);
    }
  }
  return changed;
}
