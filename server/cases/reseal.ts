/**
 * Key rotation for personal data at rest (./pii.ts): every sealed field of every case is sealed
 * again with the current JJN_PII_KEY, and the person key (keyed hash of the ID number) is
 * recomputed, so the previous keys can then be dropped from JJN_PII_KEYS_PREVIOUS. Runs in
 * batches (the scheduler's daily timer in the cloud, `npm run rotate-pii-key` locally); each case
 * is rewritten in its own transaction, so a run that dies halfway leaves every case readable and
 * the next run goes on. Nothing else about a case changes.
 */
import { COLLECTIONS } from '../collections';
import type { Store } from '../ports/store';
import type { Logger } from '../context';
import { needsReseal, personKeyOf, seal, unseal, type Sealed } from './pii';
import type { CaseDoc } from './model';

export interface ResealResult {
  /** Cases looked at in this run. */
  checked: number;
  /** Cases rewritten with the current key. */
  resealed: number;
  /** Whether cases are left for the next run (the batch was full). */
  more: boolean;
}

function again(sealed: Sealed): Sealed {
  return needsReseal(sealed) ? seal(unseal(sealed)) : sealed;
}

function againOrNull(sealed: Sealed | null): Sealed | null {
  return sealed === null ? null : again(sealed);
}

/** Whether the case holds anything sealed with a previous key, or a person key of a previous key. */
function stale(doc: CaseDoc): boolean {
  return (
    needsReseal(doc.person.idNumber) ||
    needsReseal(doc.person.phone) ||
    needsReseal(doc.situation.description) ||
    needsReseal(doc.applicant?.phone) ||
    needsReseal(doc.visit?.findings) ||
    doc.personKey !== personKeyOf(unseal(doc.person.idNumber))
  );
}

function resealed(doc: CaseDoc): CaseDoc {
  const idNumber = unseal(doc.person.idNumber);
  return {
    ...doc,
    personKey: personKeyOf(idNumber),
    person: { ...doc.person, idNumber: again(doc.person.idNumber), phone: againOrNull(doc.person.phone) },
    situation: { ...doc.situation, description: again(doc.situation.description) },
    applicant: doc.applicant ? { ...doc.applicant, phone: againOrNull(doc.applicant.phone) } : null,
    visit: doc.visit ? { ...doc.visit, findings: again(doc.visit.findings) } : null,
  };
}

/** Re-seals up to `batch` cases that are not yet on the current key, from case id `after` on. */
export async function resealPersonalData(
  store: Store,
  options: { batch?: number; log?: Logger } = {},
): Promise<ResealResult> {
  const batch = options.batch ?? 500;
  const result: ResealResult = { checked: 0, resealed: 0, more: false };
  let after = '';
  for (;;) {
    const page = await store.find<CaseDoc>(COLLECTIONS.cases, {
      where: after ? { _id: { $gt: after } } : {},
      orderBy: [['_id', 'asc']],
      limit: 100,
    });
    for (const candidate of page) {
      result.checked += 1;
      if (!stale(candidate)) continue;
      if (result.resealed >= batch) {
        result.more = true;
        break;
      }
      const changed = await store.transaction(async (tx) => {
        const current = await tx.get<CaseDoc>(COLLECTIONS.cases, candidate._id);
        if (!current || !stale(current)) return false;
        await tx.set(COLLECTIONS.cases, resealed(current));
        return true;
      });
      if (changed) result.resealed += 1;
    }
    if (result.more || page.length < 100) break;
    after = page[page.length - 1]!._id;
  }
  options.log?.info('personal data resealed', { ...result });
  return result;
}
