/**
 * The Store one call sees (issue 15: "the calendar and society read once per call"). The
 * dispatcher wraps the adapter's Store in a CallStore for each call; it changes what costs a
 * CloudBase round trip, never what the call reads or writes:
 *
 * - Outside transactions, a get or a small find asked twice in the call is answered the second
 *   time from what the first returned. The call always reads its own writes: an insert, or a
 *   transaction that fails, forgets what was read from the collections it wrote to; a committed
 *   transaction puts what it wrote in place of what was read, where it can tell the answer is
 *   the same: a document read by id, and a find whose filters and order name only fields the
 *   write left as they were (in the document as the transaction read it and as the find had
 *   it); any other find of that collection is forgotten. What other calls write meanwhile is not
 *   seen, exactly as if both reads had happened at the first one's moment.
 * - Inside a transaction (each run of the work on its own, as the Store may run it again):
 *   - a document read or written earlier in the same run is answered from there (an audit head
 *     read by two appends costs one read);
 *   - a `set` is held until the work returns and only the last one of each document is sent (two
 *     appends to one audit chain set its head once). A later `update` of a held document is merged
 *     into it; an `insert` of it sends the held `set` first, so the store decides the duplicate.
 *   Reads, inserts and updates of other documents go to the store at once, in order; so do the
 *   held sets, before the work's result is returned, inside the same transaction: all land or
 *   none does, as before.
 * Documents are copied in and out of the cache, so a caller changing what it got changes nothing
 * here.
 */
import { storeInput, type Doc, type FindQuery, type Store, type Transaction, type Where } from './store';

/** Finds with more documents than this are not kept (a paging loop would hold them all). */
const KEEP_AT_MOST = 100;
/**
 * At most this many documents are kept in all: a long call (a timer going through every society)
 * starts afresh when it has read more, so memory stays bounded; it only costs the round trips.
 */
const KEEP_IN_ALL = 2000;

/** Documents hold JSON values only (the Store's contract), so a JSON copy is a whole copy. */
const copy = <T>(value: T): T => (value === null ? value : (JSON.parse(JSON.stringify(value)) as T));

export class CallStore implements Store {
  /** What was asked, kept as it is being answered: two reads at once share one round trip. */
  private readonly gets = new Map<string, Promise<Doc | null>>();
  private readonly finds = new Map<string, { query: FindQuery; answer: Promise<Doc[] | null> }>();

  /** Documents kept by finds, and gets, as counted when kept (a bound, not an exact figure). */
  private kept = 0;

  constructor(private readonly inner: Store) {}

  /** Makes room for `docs` more kept documents, forgetting everything kept when it would pass the bound. */
  private room(docs: number): void {
    if (this.kept + docs > KEEP_IN_ALL) {
      this.gets.clear();
      this.finds.clear();
      this.kept = 0;
    }
    this.kept += docs;
  }

  private forget(collection: string): void {
    for (const key of this.gets.keys()) if (key.startsWith(`${collection}\u0000`)) this.gets.delete(key);
    for (const key of this.finds.keys()) if (key.startsWith(`${collection}\u0000`)) this.finds.delete(key);
  }

  async get<T extends Doc>(collection: string, id: string): Promise<T | null> {
    const key = `${collection}\u0000${id}`;
    let asked = this.gets.get(key);
    if (!asked) {
      asked = this.inner.get<T>(collection, id);
      this.room(1);
      this.gets.set(key, asked);
      asked.catch(() => this.gets.get(key) === asked && this.gets.delete(key));
    }
    return copy((await asked) as T | null);
  }

  async find<T extends Doc>(collection: string, query?: FindQuery): Promise<T[]> {
    const key = `${collection}\u0000${JSON.stringify(query ?? {})}`;
    const asked = this.finds.get(key);
    if (asked) {
      const kept = await asked.answer;
      // A find too big to keep is asked again (only one asked at the same moment shares it).
      if (kept) return copy(kept as T[]);
    }
    const answer = this.inner.find<T>(collection, query);
    const entry = {
      query: query ?? {},
      answer: answer.then((docs) => {
        if (docs.length > KEEP_AT_MOST) return null;
        this.room(docs.length);
        return docs;
      }),
    };
    this.finds.set(key, entry);
    entry.answer.catch(() => this.finds.get(key) === entry && this.finds.delete(key));
    return copy(await answer);
  }

  count(collection: string, where?: Where): Promise<number> {
    return this.inner.count(collection, where);
  }

  async insert<T extends Doc>(collection: string, doc: T): Promise<void> {
    this.forget(collection);
    return this.inner.insert(collection, doc);
  }

  /**
   * Written, the document is known as `next`, and finds are kept as after a committed transaction
   * (see the header); refused, the collection is forgotten, so reading it again asks the store.
   */
  async replaceIf<T extends Doc>(collection: string, previous: T, next: T, field: string): Promise<boolean> {
    const replaced = await this.inner.replaceIf(collection, previous, next, field);
    if (replaced) await this.settle([{ collection, id: next._id, before: copy(previous), after: copy(next) }]);
    else this.forget(collection);
    return replaced;
  }

  async transaction<R>(work: (tx: Transaction) => Promise<R>): Promise<R> {
    const written = new Set<string>();
    let last: HeldWrites | null = null;
    let committed = false;
    try {
      const result = await this.inner.transaction(async (tx) => {
        const run = new HeldWrites(tx, (collection) => written.add(collection));
        last = run;
        try {
          const answer = await work(run);
          await run.flush();
          return answer;
        } finally {
          run.over();
        }
      });
      committed = true;
      return result;
    } finally {
      const run = last as HeldWrites | null;
      if (committed && run) await this.settle(run.changes());
      else for (const collection of written) this.forget(collection);
    }
  }

  /** After a commit: what the call had read, with the transaction's writes in it (see the header). */
  private async settle(changes: readonly Change[]): Promise<void> {
    for (const change of changes) {
      const key = `${change.collection}\u0000${change.id}`;
      const { before, after } = change;
      if (after === undefined) this.gets.delete(key);
      else this.gets.set(key, Promise.resolve(copy(after)));
      for (const [findKey, entry] of this.finds) {
        if (!findKey.startsWith(`${change.collection}\u0000`)) continue;
        const fields = [
          ...Object.keys(entry.query.where ?? {}),
          ...(entry.query.orderBy ?? []).map(([field]) => field),
        ];
        const kept = await entry.answer.catch(() => null);
        const had = kept?.find((doc) => doc._id === change.id);
        const same = (a: Doc | null | undefined, b: Doc | null | undefined) =>
          !!a &&
          !!b &&
          fields.every((field) => JSON.stringify(valueAt(a, field)) === JSON.stringify(valueAt(b, field)));
        // Kept only when the write cannot have moved the document into, out of or within the answer.
        if (!kept || !same(before, after) || (had && !same(had, before))) {
          this.finds.delete(findKey);
          continue;
        }
        if (had) {
          const next = kept.map((doc) => (doc._id === change.id ? copy(after!) : doc));
          this.finds.set(findKey, { query: entry.query, answer: Promise.resolve(next) });
        }
      }
    }
  }
}

/** A document one run wrote: as the run first knew it (undefined: never read), and as it left it. */
interface Change {
  collection: string;
  id: string;
  before: Doc | null | undefined;
  after: Doc | undefined;
}

/** The value at a dotted path, as a filter or an order names it. */
function valueAt(doc: Doc, path: string): unknown {
  let value: unknown = doc;
  for (const part of path.split('.')) {
    value = value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[part] : undefined;
  }
  return value === undefined ? null : value;
}

/** One run of a transaction's work: reads its own reads and writes, holds sets to the end. */
class HeldWrites implements Transaction {
  /** What this run knows a document to be (null: known missing). */
  private readonly known = new Map<string, Doc | null>();
  /** Sets not yet sent, by document, in the order first held. */
  private readonly held = new Map<string, { collection: string; doc: Doc }>();
  /** After the work: every call goes to the store's handle, which refuses it. */
  private done = false;
  /** Each document written, as this run knew it before its first write. */
  private readonly before = new Map<string, { collection: string; id: string; doc: Doc | null | undefined }>();

  constructor(
    private readonly tx: Transaction,
    private readonly wrote: (collection: string) => void,
  ) {}

  over(): void {
    this.done = true;
  }

  /** What the run wrote: before (as first known) and after (as left; undefined when not known). */
  changes(): Change[] {
    return [...this.before.entries()].map(([key, { collection, id, doc }]) => ({
      collection,
      id,
      before: doc,
      after: (this.known.get(key) ?? undefined) as Doc | undefined,
    }));
  }

  private writing(collection: string, id: string): void {
    const key = `${collection}\u0000${id}`;
    if (!this.before.has(key)) {
      this.before.set(key, { collection, id, doc: this.known.has(key) ? copy(this.known.get(key)) : undefined });
    }
    this.wrote(collection);
  }

  async get<T extends Doc>(collection: string, id: string): Promise<T | null> {
    const key = `${collection}\u0000${id}`;
    if (this.done) return this.tx.get<T>(collection, id);
    if (this.known.has(key)) return copy(this.known.get(key) as T | null);
    const doc = await this.tx.get<T>(collection, id);
    this.known.set(key, doc === null ? null : copy(doc));
    return doc;
  }

  async insert<T extends Doc>(collection: string, doc: T): Promise<void> {
    if (this.done) return this.tx.insert(collection, doc);
    const key = `${collection}\u0000${storeInput.doc(doc)._id}`;
    this.writing(collection, doc._id);
    // An insert has no before: whatever was read, a find may now hold it.
    this.before.set(key, { collection, id: doc._id, doc: undefined });
    await this.send(key);
    await this.tx.insert(collection, doc);
    this.known.set(key, copy(withoutUndefined(doc)));
  }

  async set<T extends Doc>(collection: string, doc: T): Promise<void> {
    if (this.done) return this.tx.set(collection, doc);
    // Checked now, as the store would: a bad document is refused at the call, not at the end.
    storeInput.collection(collection);
    const key = `${collection}\u0000${storeInput.doc(doc)._id}`;
    this.writing(collection, doc._id);
    const stored = copy(withoutUndefined(doc));
    this.held.set(key, { collection, doc: stored });
    this.known.set(key, copy(stored));
  }

  async update(collection: string, id: string, patch: Record<string, unknown>): Promise<void> {
    if (this.done) return this.tx.update(collection, id, patch);
    const key = `${collection}\u0000${id}`;
    this.writing(collection, id);
    const held = this.held.get(key);
    if (held) {
      storeInput.patch(patch);
      held.doc = copy(withoutUndefined({ ...held.doc, ...patch, _id: id }));
      this.known.set(key, copy(held.doc));
      return;
    }
    await this.tx.update(collection, id, patch);
    const before = this.known.get(key);
    if (before) this.known.set(key, copy(withoutUndefined({ ...before, ...patch, _id: id })));
    else this.known.delete(key);
  }

  /** Sends the held sets, each once, in the order they were first held. */
  async flush(): Promise<void> {
    for (const key of [...this.held.keys()]) await this.send(key);
  }

  private async send(key: string): Promise<void> {
    const held = this.held.get(key);
    if (!held) return;
    this.held.delete(key);
    await this.tx.set(held.collection, held.doc);
  }
}

/** As the store keeps it: fields set to `undefined` left out, at every level. */
function withoutUndefined<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
