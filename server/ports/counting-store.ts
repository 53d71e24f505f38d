/**
 * A Store that counts what a call costs in CloudBase terms, around any other Store: for
 * `npm run bench` and the round-trip budget test (issue 15). It changes nothing it passes on.
 *
 * How CloudBase is charged here (wx-server-sdk's database API from a cloud function):
 * - get by id, count, insert, replaceIf (a conditional update): one round trip each;
 * - find: one round trip per CLOUDBASE_MAX_GET documents (the adapter pages bigger reads), at
 *   least one;
 * - a transaction: one to start it, one per document operation inside, one to commit; a work
 *   that runs again after a conflict is counted again, as CloudBase would bill it.
 * Documents read are the documents returned (a count reads none).
 */
import type { Doc, FindQuery, Store, Transaction, Where } from './store';

/** What one get returns at most on CloudBase (server/adapters/cloudbase/store.ts pages beyond it). */
const CLOUDBASE_PAGE = 1000;

export interface StoreCosts {
  /** Calls to the database service. */
  roundTrips: number;
  /** Documents returned by gets and finds. */
  docsRead: number;
  /** Documents inserted, set or updated (in and out of transactions). */
  docsWritten: number;
  transactions: number;
  /** For each collection, how many transactions wrote to it (a money move writes the ledger in one). */
  transactionsWriting: Record<string, number>;
}

export function zeroCosts(): StoreCosts {
  return { roundTrips: 0, docsRead: 0, docsWritten: 0, transactions: 0, transactionsWriting: {} };
}

export class CountingStore implements Store {
  private costs = zeroCosts();
  /** When set (`npm run bench -- --trace`), each round trip is listed here: operation and collection. */
  trace: string[] | null = null;

  constructor(private readonly inner: Store) {}

  private note(line: string): void {
    this.trace?.push(line);
  }

  /** The costs since the last reset, and a fresh count from now on. */
  reset(): StoreCosts {
    const costs = this.costs;
    this.costs = zeroCosts();
    return costs;
  }

  async get<T extends Doc>(collection: string, id: string): Promise<T | null> {
    this.costs.roundTrips += 1;
    this.note(`get ${collection}`);
    const doc = await this.inner.get<T>(collection, id);
    if (doc) this.costs.docsRead += 1;
    return doc;
  }

  async find<T extends Doc>(collection: string, query?: FindQuery): Promise<T[]> {
    const docs = await this.inner.find<T>(collection, query);
    this.costs.roundTrips += Math.max(1, Math.ceil(docs.length / CLOUDBASE_PAGE));
    this.note(`find ${collection} (${docs.length})`);
    this.costs.docsRead += docs.length;
    return docs;
  }

  async count(collection: string, where?: Where): Promise<number> {
    this.costs.roundTrips += 1;
    this.note(`count ${collection}`);
    return this.inner.count(collection, where);
  }

  async insert<T extends Doc>(collection: string, doc: T): Promise<void> {
    this.costs.roundTrips += 1;
    this.costs.docsWritten += 1;
    this.note(`insert ${collection}`);
    return this.inner.insert(collection, doc);
  }

  async replaceIf<T extends Doc>(collection: string, previous: T, next: T, field: string): Promise<boolean> {
    this.costs.roundTrips += 1;
    this.costs.docsWritten += 1;
    this.note(`replaceIf ${collection}`);
    return this.inner.replaceIf(collection, previous, next, field);
  }

  async transaction<R>(work: (tx: Transaction) => Promise<R>): Promise<R> {
    const costs = () => this.costs;
    const note = (line: string) => this.note(line);
    return this.inner.transaction(async (tx) => {
      const c = costs();
      c.transactions += 1;
      c.roundTrips += 2;
      note('tx start + commit (2)');
      const written = new Set<string>();
      const wrote = (collection: string, op: string) => {
        note(`  tx ${op} ${collection}`);
        c.roundTrips += 1;
        c.docsWritten += 1;
        if (!written.has(collection)) {
          written.add(collection);
          c.transactionsWriting[collection] = (c.transactionsWriting[collection] ?? 0) + 1;
        }
      };
      const counted: Transaction = {
        async get<T extends Doc>(collection: string, id: string) {
          c.roundTrips += 1;
          note(`  tx get ${collection}`);
          const doc = await tx.get<T>(collection, id);
          if (doc) c.docsRead += 1;
          return doc;
        },
        async insert(collection, doc) {
          wrote(collection, 'insert');
          return tx.insert(collection, doc);
        },
        async set(collection, doc) {
          wrote(collection, 'set');
          return tx.set(collection, doc);
        },
        async update(collection, id, patch) {
          wrote(collection, 'update');
          return tx.update(collection, id, patch);
        },
      };
      return work(counted);
    });
  }
}
