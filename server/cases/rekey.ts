/**
 * Re-keying the person key (./pii.ts `personKeyOf`, under JJN_PERSON_KEY): after JJN_PERSON_KEY
 * changes, every stored person key is computed again from the sealed ID number beside it, and so
 * is everything that embeds one:
 * - cases: `personKey` (the repeat-relief check and the 一人一档 find a person by it);
 * - list entries: `personKey`, the `_id` `<villageId>:<kind>:<personKey>` and the row `digest`;
 * - roster entries: `personKey` and the `_id` `<villageId>:<personKey>`, with their visits'
 *   `rosterId` and `personKey`.
 * A document whose id changes is written under its new id and its old id is left as a tombstone
 * `{ movedTo, movedAt }` (the Store has no delete; a tombstone has none of the fields any query
 * filters on, so nothing finds it). One person's document (a roster entry with its visits) per
 * transaction; batches, resumable and idempotent like the re-seal (./reseal.ts): a run that dies
 * halfway leaves every document consistent and the next one goes on. Clues, 帮办, case files and
 * case events hold no person key (a case file's export path keeps the old prefix: a name only).
 */
import { COLLECTIONS } from '../collections';
import type { Doc, Store } from '../ports/store';
import type { Logger } from '../context';
import { currentPersonKeyId, personKeyOf, unseal, unsealOrNull } from './pii';
import type { CaseDoc } from './model';
import {
  listEntryIdOf,
  listRowDigest,
  rosterIdOf,
  type ListEntryDoc,
  type RosterEntryDoc,
  type RosterVisitDoc,
} from '../roster/model';

export interface RekeyResult {
  /** The id of JJN_PERSON_KEY, which every person key is computed with once `more` is false. */
  keyId: string;
  checked: number;
  /** Documents given the current person key (roster visits counted with their entry). */
  rekeyed: number;
  byCollection: Record<string, number>;
  more: boolean;
}

/** An old id whose document moved to a new one. */
export interface TombstoneDoc extends Doc {
  movedTo: string;
  movedAt: string;
}

function isTombstone(doc: Doc): doc is TombstoneDoc {
  return typeof (doc as Partial<TombstoneDoc>).movedTo === 'string';
}

type Person = { personKey: string; idNumber: string };
const staleKey = (doc: Person): boolean => doc.personKey !== personKeyOf(unseal(doc.idNumber));

function rekeyedEntry(doc: ListEntryDoc): ListEntryDoc {
  const personKey = personKeyOf(unseal(doc.idNumber));
  return {
    ...doc,
    _id: listEntryIdOf(doc.villageId, doc.kind, personKey),
    personKey,
    digest: listRowDigest(unseal(doc.name), unsealOrNull(doc.address) ?? '', doc.levelText),
  };
}

interface Step<T extends Doc> {
  collection: string;
  stale(doc: T): boolean;
  /** Rewrites one stale document in the transaction; false when there was nothing to do after all. */
  apply(store: Store, doc: T, at: string): Promise<boolean>;
}

const cases: Step<CaseDoc> = {
  collection: COLLECTIONS.cases,
  stale: (doc) => staleKey({ personKey: doc.personKey, idNumber: doc.person.idNumber }),
  apply: (store, doc) =>
    store.transaction(async (tx) => {
      const current = await tx.get<CaseDoc>(COLLECTIONS.cases, doc._id);
      if (!current || !cases.stale(current)) return false;
      // Only the key: a case's version counts its steps, and re-keying is not one.
      await tx.update(COLLECTIONS.cases, current._id, { personKey: personKeyOf(unseal(current.person.idNumber)) });
      return true;
    }),
};

const listEntries: Step<ListEntryDoc> = {
  collection: COLLECTIONS.listEntries,
  stale: staleKey,
  apply: (store, doc, at) =>
    store.transaction(async (tx) => {
      const current = await tx.get<ListEntryDoc>(COLLECTIONS.listEntries, doc._id);
      if (!current || isTombstone(current) || !staleKey(current)) return false;
      const next = rekeyedEntry(current);
      // An import after the key changed may already have written the person under the new id: it is newer.
      if (!(await tx.get<ListEntryDoc>(COLLECTIONS.listEntries, next._id))) await tx.set(COLLECTIONS.listEntries, next);
      await tx.set<TombstoneDoc>(COLLECTIONS.listEntries, { _id: current._id, movedTo: next._id, movedAt: at });
      return true;
    }),
};

const rosterEntries: Step<RosterEntryDoc> = {
  collection: COLLECTIONS.rosterEntries,
  stale: staleKey,
  apply: async (store, doc, at) => {
    const visits = await store.find<RosterVisitDoc>(COLLECTIONS.rosterVisits, {
      where: { rosterId: doc._id },
      limit: 1000,
    });
    return store.transaction(async (tx) => {
      const current = await tx.get<RosterEntryDoc>(COLLECTIONS.rosterEntries, doc._id);
      if (!current || isTombstone(current) || !staleKey(current)) return false;
      const personKey = personKeyOf(unseal(current.idNumber));
      const nextId = rosterIdOf(current.villageId, personKey);
      const there = await tx.get<RosterEntryDoc>(COLLECTIONS.rosterEntries, nextId);
      if (!there) await tx.set<RosterEntryDoc>(COLLECTIONS.rosterEntries, { ...current, _id: nextId, personKey });
      for (const visit of visits) {
        await tx.update(COLLECTIONS.rosterVisits, visit._id, { rosterId: nextId, personKey });
      }
      await tx.set<TombstoneDoc>(COLLECTIONS.rosterEntries, { _id: current._id, movedTo: nextId, movedAt: at });
      return true;
    });
  },
};

/** A visit recorded against a roster entry while it moved: it follows the entry. */
async function strayVisits(store: Store, result: RekeyResult, batch: number): Promise<void> {
  const moved = await store.find<TombstoneDoc>(COLLECTIONS.rosterEntries, {
    where: { movedTo: { $gt: '' } },
    limit: 1000,
  });
  for (const tombstone of moved) {
    const visits = await store.find<RosterVisitDoc>(COLLECTIONS.rosterVisits, {
      where: { rosterId: tombstone._id },
      limit: 1000,
    });
    for (const visit of visits) {
      if (result.rekeyed >= batch) {
        result.more = true;
        return;
      }
      const target = await store.get<RosterEntryDoc>(COLLECTIONS.rosterEntries, tombstone.movedTo);
      if (!target) continue;
      await store.transaction((tx) =>
        tx.update(COLLECTIONS.rosterVisits, visit._id, { rosterId: target._id, personKey: target.personKey }),
      );
      result.rekeyed += 1;
      result.byCollection.rosterVisits = (result.byCollection.rosterVisits ?? 0) + 1;
    }
  }
}

/** Gives up to `batch` documents the person key of the current JJN_PERSON_KEY. */
export async function rekeyPersons(
  store: Store,
  options: { batch?: number; log?: Logger; now?: Date } = {},
): Promise<RekeyResult> {
  const batch = options.batch ?? 500;
  const at = (options.now ?? new Date()).toISOString();
  const result: RekeyResult = { keyId: currentPersonKeyId(), checked: 0, rekeyed: 0, byCollection: {}, more: false };
  const steps = [cases, listEntries, rosterEntries] as Array<Step<Doc>>;
  for (const step of steps) {
    let after = '';
    for (;;) {
      const page = await store.find<Doc>(step.collection, {
        where: after ? { _id: { $gt: after } } : {},
        orderBy: [['_id', 'asc']],
        limit: 100,
      });
      for (const candidate of page) {
        if (isTombstone(candidate)) continue;
        result.checked += 1;
        if (!step.stale(candidate)) continue;
        if (result.rekeyed >= batch) {
          result.more = true;
          break;
        }
        if (await step.apply(store, candidate, at)) {
          result.rekeyed += 1;
          result.byCollection[step.collection] = (result.byCollection[step.collection] ?? 0) + 1;
        }
      }
      if (result.more || page.length < 100) break;
      after = page[page.length - 1]!._id;
    }
    if (result.more) break;
  }
  if (!result.more) await strayVisits(store, result, batch);
  options.log?.info('person keys recomputed', { ...result });
  return result;
}
