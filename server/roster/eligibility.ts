/**
 * Eligibility from the lists (R-ELIG-3/4, R-CAP-1/2): the relief type and its cap follow the
 * township's imported lists where the village has imported them, not the applicant's word alone.
 * The applicant's own answer stays on the case as they gave it; a mismatch is shown to the
 * officer (never silently trusted), and every plan, decision and 先行救助 is checked against the
 * facts as the lists correct them.
 */
import type { Store } from '../ports/store';
import type { CaseDoc, VerifiedFacts } from '../cases/model';
import { caseListCheck, factsFromLists, type CaseListCheck } from '../../miniprogram/domain/roster';
import { listStatusOf } from './lists';

type ListStatus = Awaited<ReturnType<typeof listStatusOf>>;

function corrected(facts: VerifiedFacts, { listed, imported }: ListStatus): VerifiedFacts {
  if (imported.length === 0 && listed.length === 0) return facts;
  return { ...facts, ...factsFromLists(facts, listed, imported) };
}

/** The facts the caps follow: `facts` (declared or verified) as the imported lists correct them. */
export async function factsWithLists(store: Store, doc: CaseDoc, facts: VerifiedFacts): Promise<VerifiedFacts> {
  return corrected(facts, await listStatusOf(store, doc.villageId, doc.personKey));
}

/**
 * For the officer's case view, from one reading of the lists: the corrected facts, and what the
 * lists say against the applicant's own answer.
 */
export async function listsForView(
  store: Store,
  doc: CaseDoc,
  facts: VerifiedFacts,
): Promise<{ facts: VerifiedFacts; check: CaseListCheck }> {
  const status = await listStatusOf(store, doc.villageId, doc.personKey);
  return { facts: corrected(facts, status), check: caseListCheck(doc.situation, status.listed, status.imported) };
}
