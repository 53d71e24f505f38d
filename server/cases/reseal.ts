/**
 * Key rotation for personal data at rest (./pii.ts): every sealed field of every collection that
 * holds one (`SEALED_FIELDS`) is sealed again with the current JJN_PII_KEY, so the previous keys
 * can then be dropped from JJN_PII_KEYS_PREVIOUS. A value still in clear where a sealed one
 * belongs (documents written before that field was sealed) is sealed too. Runs in batches (the
 * scheduler's nightly timer in the cloud, `npm run rotate-pii-key` locally); each document is
 * rewritten in its own transaction, so a run that dies halfway leaves every document readable
 * and the next run goes on; a run with nothing left to do writes nothing. Nothing but the sealed
 * values changes: not a case's version, not a person key (that has its own key: ./rekey.ts).
 */
import { COLLECTIONS, type CollectionName } from '../collections';
import type { Doc, Store } from '../ports/store';
import type { Logger } from '../context';
import { isSealed, needsReseal, seal, unseal } from './pii';

/**
 * Every sealed field, by collection, as dotted paths (an array step `[]` runs over its items).
 * A new sealed field is added here, or a rotation leaves it on the old key (a test reads every
 * document of the demo county and the lists after a rotation to catch that).
 */
export const SEALED_FIELDS: Partial<Record<CollectionName, string[]>> = {
  cases: [
    'person.name',
    'person.idNumber',
    'person.phone',
    'situation.description',
    'applicant.name',
    'applicant.phone',
    'visit.findings',
    'payout.recipientName',
  ],
  clues: ['reporterName', 'personHint', 'whatHappened', 'closedReason'],
  programmeHelps: ['personName', 'outcomeText'],
  listEntries: ['name', 'idNumber', 'address'],
  // An applied import's chunks keep the list and roster entries they wrote (../roster/lists.ts).
  listImportChunks: ['writes.[].set.name', 'writes.[].set.idNumber', 'writes.[].set.address'],
  rosterEntries: ['name', 'idNumber', 'address'],
  rosterVisits: ['findings'],
  societies: ['bankAccount.accountName', 'bankAccount.accountNumber'],
  ledgerEntries: ['counterparty.name'],
};

export interface ResealResult {
  /** Documents looked at in this run. */
  checked: number;
  /** Documents rewritten with the current key. */
  resealed: number;
  /** Documents rewritten, by collection. */
  byCollection: Record<string, number>;
  /** Whether documents are left for the next run (the batch was full). */
  more: boolean;
}

type Json = Record<string, unknown>;

/** The values at a dotted path (several through an array step); missing or null parts give none. */
function valuesAt(doc: unknown, path: string[]): unknown[] {
  if (path.length === 0) return [doc];
  if (doc === null || typeof doc !== 'object') return [];
  const [head, ...rest] = path as [string, ...string[]];
  if (head === '[]') return Array.isArray(doc) ? doc.flatMap((item) => valuesAt(item, rest)) : [];
  return valuesAt((doc as Json)[head], rest);
}

/** A copy of `doc` with `change` applied to every string at the path. */
function mapAt(doc: unknown, path: string[], change: (value: string) => string): unknown {
  if (path.length === 0) return typeof doc === 'string' && doc !== '' ? change(doc) : doc;
  if (doc === null || typeof doc !== 'object') return doc;
  const [head, ...rest] = path as [string, ...string[]];
  if (head === '[]') return Array.isArray(doc) ? doc.map((item) => mapAt(item, rest, change)) : doc;
  const object = doc as Json;
  if (!(head in object)) return doc;
  return { ...object, [head]: mapAt(object[head], rest, change) };
}

/** Sealed with a previous key, or not sealed at all (a field sealed since the document was written). */
function staleValue(value: unknown): boolean {
  if (typeof value !== 'string' || value === '') return false;
  return isSealed(value) ? needsReseal(value) : true;
}

function again(value: string): string {
  if (!isSealed(value)) return seal(value);
  return needsReseal(value) ? seal(unseal(value)) : value;
}

function stale(doc: Doc, fields: string[]): boolean {
  return fields.some((field) => valuesAt(doc, field.split('.')).some(staleValue));
}

function resealed<T extends Doc>(doc: T, fields: string[]): T {
  let next: unknown = doc;
  for (const field of fields) next = mapAt(next, field.split('.'), again);
  return next as T;
}

/** Re-seals up to `batch` documents that hold anything not sealed with the current key. */
export async function resealPersonalData(
  store: Store,
  options: { batch?: number; log?: Logger } = {},
): Promise<ResealResult> {
  const batch = options.batch ?? 500;
  const result: ResealResult = { checked: 0, resealed: 0, byCollection: {}, more: false };
  for (const [collection, fields] of Object.entries(SEALED_FIELDS) as Array<[CollectionName, string[]]>) {
    let after = '';
    for (;;) {
      const page = await store.find<Doc>(COLLECTIONS[collection], {
        where: after ? { _id: { $gt: after } } : {},
        orderBy: [['_id', 'asc']],
        limit: 100,
      });
      for (const candidate of page) {
        result.checked += 1;
        if (!stale(candidate, fields)) continue;
        if (result.resealed >= batch) {
          result.more = true;
          break;
        }
        const changed = await store.transaction(async (tx) => {
          const current = await tx.get<Doc>(COLLECTIONS[collection], candidate._id);
          if (!current || !stale(current, fields)) return false;
          await tx.set(COLLECTIONS[collection], resealed(current, fields));
          return true;
        });
        if (changed) {
          result.resealed += 1;
          result.byCollection[collection] = (result.byCollection[collection] ?? 0) + 1;
        }
      }
      if (result.more || page.length < 100) break;
      after = page[page.length - 1]!._id;
    }
    if (result.more) break;
  }
  options.log?.info('personal data resealed', { ...result });
  return result;
}
