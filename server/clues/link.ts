/**
 * A clue becomes a discovery case (R-PROC-1): checked before the case is built, and marked in the
 * case's own transaction, so a clue is never linked to two cases nor a case left without its clue.
 */
import { AppError } from '../errors';
import { COLLECTIONS } from '../collections';
import type { Actor } from '../access/caller';
import type { Store, Transaction } from '../ports/store';
import { appendAudit } from '../audit/trail';
import type { ClueDoc } from './usecases';

function requireOpen(clue: ClueDoc | null, clueId: string, societyId: string): ClueDoc {
  if (!clue || clue.societyId !== societyId) {
    throw new AppError('NOT_FOUND', `clue ${clueId} not found in ${societyId}`, '没有找到这条线索');
  }
  if (clue.status !== 'open') {
    throw new AppError('INVALID_STATE', `clue ${clueId} is ${clue.status}`, '这条线索已经处理过了');
  }
  return clue;
}

export async function requireOpenClue(store: Store, clueId: string, societyId: string): Promise<void> {
  requireOpen(await store.get<ClueDoc>(COLLECTIONS.clues, clueId), clueId, societyId);
}

export async function linkClueInTx(
  tx: Transaction,
  link: { clueId: string; societyId: string; caseId: string; actor: Actor; at: Date },
): Promise<void> {
  requireOpen(await tx.get<ClueDoc>(COLLECTIONS.clues, link.clueId), link.clueId, link.societyId);
  await tx.update(COLLECTIONS.clues, link.clueId, {
    status: 'caseOpened',
    caseId: link.caseId,
    handledBy: { userId: link.actor.userId, name: link.actor.name, role: link.actor.role },
    handledAt: link.at.toISOString(),
    updatedAt: link.at.toISOString(),
  });
  await appendAudit(tx, {
    scopeId: link.societyId,
    actor: link.actor,
    action: 'clue.openCase',
    target: `${COLLECTIONS.clues}/${link.clueId}`,
    details: { caseId: link.caseId },
    at: link.at,
  });
}
