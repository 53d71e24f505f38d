/**
 * The production Store: the CloudBase database through wx-server-sdk (`cloud.database()`).
 *
 * Where CloudBase behaves differently from the port (and from the SQLite store), this adapter
 * bridges the gap:
 * - a get returns at most 1000 documents (100 without a limit): bigger reads are paged;
 * - without an order the result order is undefined: `_id` ascending always ends the order;
 * - a collection must exist before use: reads of a missing one are empty, the first write
 *   creates it (`createCollection`) and tries again;
 * - `doc().get()` of a missing document rejects: that is `null`;
 * - `doc().update()` merges nested objects and reports nothing for a missing document: an update
 *   is a read and a `set` of the whole document instead;
 * - a write that conflicts with another transaction fails inside the work, and the SDK only
 *   retries conflicts found at commit: the whole transaction is retried here, with backoff;
 * - an SDK failure inside the work aborts the transaction even if the work catches it.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import {
  type Doc,
  type FindQuery,
  type ParsedFilter,
  type Store,
  type Transaction,
  type Where,
  StoreError,
  effectiveOrder,
  expectedValue,
  parseWhere,
  storeInput,
} from '../../ports/store';

/** wx-server-sdk types every call as `Promise<…> | void | string` (callback style); `settle` takes the promise. */
export type SdkResult<T> = Promise<T> | void | string;

/** A query command (`_.gt(1)`, `_.in([...])`, `_.and(...)`): opaque here, built and read by the SDK. */
export type CloudCondition = object;

export interface CloudCommand {
  in(values: unknown[]): CloudCondition;
  gt(value: unknown): CloudCondition;
  gte(value: unknown): CloudCondition;
  lt(value: unknown): CloudCondition;
  lte(value: unknown): CloudCondition;
  and(...conditions: CloudCondition[]): CloudCondition;
  /** In an update: the field becomes this value, whole (a nested object is not merged). */
  set(value: unknown): CloudCondition;
  /** In an update: the field is removed. */
  remove(): CloudCondition;
}

export interface CloudQuery {
  where(condition: Record<string, unknown>): CloudQuery;
  orderBy(fieldPath: string, order: string): CloudQuery;
  skip(offset: number): CloudQuery;
  limit(max: number): CloudQuery;
  get(): SdkResult<{ data: unknown[] }>;
  count(): SdkResult<{ total: number }>;
  /** Updates every matching document (the server SDK may update many); `updated` counts those changed. */
  update(options: { data: Record<string, unknown> }): SdkResult<{ stats: { updated: number } }>;
}

export interface CloudDocumentRef {
  /** Rejects when the document does not exist (unless the database was made with `throwOnNotFound: false`). */
  get(): SdkResult<{ data: unknown }>;
  /** Creates or replaces the document; `data` must not hold `_id` and must not be empty. */
  set(options: { data: Record<string, unknown> }): SdkResult<unknown>;
}

export interface CloudCollection extends CloudQuery {
  doc(id: string): CloudDocumentRef;
  add(options: { data: Record<string, unknown> }): SdkResult<unknown>;
}

/** What the callback of `runTransaction` receives: by-id document operations only. */
export interface CloudTransaction {
  collection(name: string): { doc(id: string): CloudDocumentRef };
}

/** The narrow part of wx-server-sdk's `DB.Database` this adapter calls; `cloud.database()` is assignable to it. */
export interface CloudDatabase {
  readonly command: CloudCommand;
  collection(name: string): CloudCollection;
  createCollection(name: string): Promise<unknown>;
  runTransaction(run: (transaction: CloudTransaction) => Promise<unknown>, times?: number): Promise<unknown>;
}

export interface CloudBaseStoreOptions {
  /** How many times a transaction runs at most when it keeps conflicting (default 10). */
  maxAttempts?: number;
  /** The first backoff after a conflict, doubled each time with full jitter (default 20 ms). */
  backoffMs?: number;
}

/** CloudBase returns at most this many documents per get. */
export const CLOUDBASE_MAX_GET = 1000;
const MAX_BACKOFF_MS = 1000;
/** Fields CloudBase adds to a document (a client-side add records the writer's OPENID). */
const CLOUDBASE_FIELDS = ['_openid'];

const COLLECTION_NOT_EXIST = -502005;
const CONFLICT_CODE = 'DATABASE_TRANSACTION_CONFLICT';

function isPromiseLike<T>(value: unknown): value is PromiseLike<T> {
  return typeof value === 'object' && value !== null && typeof (value as { then?: unknown }).then === 'function';
}

function settle<T>(result: SdkResult<T>): Promise<T> {
  if (isPromiseLike<T>(result)) return Promise.resolve(result);
  return Promise.reject(new Error('wx-server-sdk returned no promise'));
}

/** The texts and codes an SDK error may carry: wx-server-sdk errors have errCode/errMsg, the node-sdk's have code/message. */
function errorInfo(error: unknown): { text: string; errCode?: unknown; code?: unknown } {
  if (typeof error === 'string') return { text: error };
  if (typeof error !== 'object' || error === null) return { text: String(error) };
  const { message, errMsg, errCode, code } = error as Record<string, unknown>;
  return { text: [message, errMsg, code].filter((part) => typeof part === 'string').join(' '), errCode, code };
}

function isMissingCollection(error: unknown): boolean {
  const { text, errCode, code } = errorInfo(error);
  return (
    errCode === COLLECTION_NOT_EXIST ||
    code === 'DATABASE_COLLECTION_NOT_EXIST' ||
    /DATABASE_COLLECTION_NOT_EXIST|collection not exist/i.test(text)
  );
}

function isMissingDocument(error: unknown): boolean {
  return /document with _id .* does not exist/.test(errorInfo(error).text);
}

function isConflict(error: unknown): boolean {
  const { text, code } = errorInfo(error);
  return code === CONFLICT_CODE || /DATABASE_TRANSACTION_CONFLICT|conflict/i.test(text);
}

/** A copy that holds exactly what JSON holds, taken when the call is made. */
function jsonCopy<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

function toDoc<T extends Doc>(data: unknown): T {
  const doc = { ...(data as Record<string, unknown>) };
  for (const field of CLOUDBASE_FIELDS) delete doc[field];
  return doc as unknown as T;
}

async function readDoc<T extends Doc>(ref: CloudDocumentRef): Promise<T | null> {
  let result: { data: unknown };
  try {
    result = await settle(ref.get());
  } catch (error) {
    if (isMissingDocument(error)) return null;
    throw error;
  }
  const data = Array.isArray(result.data) ? (result.data[0] as unknown) : result.data;
  return data === null || data === undefined ? null : toDoc<T>(data);
}

/** `set` takes the document without `_id` (the reference names it). */
function withoutId(doc: Doc): Record<string, unknown> {
  const { _id: _ignored, ...data } = doc as Doc & Record<string, unknown>;
  return data;
}

function toCondition(_: CloudCommand, filter: ParsedFilter): unknown {
  switch (filter.kind) {
    case 'eq':
      return filter.value;
    case 'in':
      return _.in(filter.values);
    case 'range': {
      const parts = filter.bounds.map(([op, value]) => _[op.slice(1) as 'gt' | 'gte' | 'lt' | 'lte'](value));
      return parts.length === 1 ? parts[0] : _.and(...parts);
    }
  }
}

function toWhere(_: CloudCommand, where: Where | undefined): Record<string, unknown> | undefined {
  const filters = parseWhere(where);
  if (filters.length === 0) return undefined;
  return Object.fromEntries(filters.map(([field, filter]) => [field, toCondition(_, filter)]));
}

/** An SDK failure that ended a transaction attempt, kept apart from whatever the work itself throws. */
class AttemptFailure extends Error {
  constructor(
    readonly sdkError: unknown,
    /** The collection of the failed call; empty when the SDK failed outside the work (start, commit). */
    readonly collection: string,
  ) {
    super(`a CloudBase call of a transaction failed: ${errorInfo(sdkError).text}`);
  }
}

export class CloudBaseStore implements Store {
  private readonly maxAttempts: number;
  private readonly backoffMs: number;
  private readonly insideTransaction = new AsyncLocalStorage<CloudBaseStore>();

  constructor(
    private readonly db: CloudDatabase,
    options: CloudBaseStoreOptions = {},
  ) {
    this.maxAttempts = options.maxAttempts ?? 10;
    this.backoffMs = options.backoffMs ?? 20;
  }

  async get<T extends Doc>(collection: string, id: string): Promise<T | null> {
    storeInput.collection(collection);
    storeInput.id(id);
    try {
      return await readDoc<T>(this.db.collection(collection).doc(id));
    } catch (error) {
      if (isMissingCollection(error)) return null;
      throw error;
    }
  }

  async find<T extends Doc>(collection: string, query?: FindQuery): Promise<T[]> {
    storeInput.collection(collection);
    const { where, orderBy, limit: requestedLimit, offset: requestedOffset } = storeInput.query(query);
    const condition = toWhere(this.db.command, where);
    const order = effectiveOrder(orderBy);
    const limit = storeInput.limit(requestedLimit);
    const offset = storeInput.offset(requestedOffset);

    let base: CloudQuery = this.db.collection(collection);
    if (condition) base = base.where(condition);
    for (const [field, direction] of order) base = base.orderBy(field, direction);

    const docs: T[] = [];
    try {
      while (docs.length < limit) {
        const want = Math.min(CLOUDBASE_MAX_GET, limit - docs.length);
        const { data } = await settle(
          base
            .skip(offset + docs.length)
            .limit(want)
            .get(),
        );
        docs.push(...data.map((item) => toDoc<T>(item)));
        if (data.length < want) break;
      }
    } catch (error) {
      if (isMissingCollection(error)) return [];
      throw error;
    }
    return docs;
  }

  async count(collection: string, where?: Where): Promise<number> {
    storeInput.collection(collection);
    const condition = toWhere(this.db.command, where);
    let query: CloudQuery = this.db.collection(collection);
    if (condition) query = query.where(condition);
    try {
      return (await settle(query.count())).total;
    } catch (error) {
      if (isMissingCollection(error)) return 0;
      throw error;
    }
  }

  async insert<T extends Doc>(collection: string, doc: T): Promise<void> {
    this.refuseInsideTransaction('store.insert');
    storeInput.collection(collection);
    const data = jsonCopy(storeInput.doc(doc));
    try {
      await this.add(collection, data);
    } catch (error) {
      // The server's duplicate-key message is not part of the SDK's contract; the document's presence is.
      if ((await this.get(collection, data._id)) !== null) {
        throw new StoreError('DUPLICATE_ID', `${collection}/${data._id} already exists`);
      }
      throw error;
    }
  }

  /**
   * `where({ _id, [field]: expected }).update()`: one round trip. Each field is written with
   * `_.set` (whole, as the port replaces it), a field only `previous` has with `_.remove()`.
   * CloudBase counts a document as updated only when the update changed it; `next` always
   * differs from what was read (a step writes its next version).
   */
  async replaceIf<T extends Doc>(collection: string, previous: T, next: T, field: string): Promise<boolean> {
    this.refuseInsideTransaction('store.replaceIf');
    storeInput.collection(collection);
    const doc = jsonCopy(storeInput.doc(next));
    if (previous._id !== doc._id) throw new StoreError('INVALID_QUERY', 'replaceIf replaces a document by the same id');
    const expected = expectedValue(previous, field);
    const _ = this.db.command;
    const data: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(withoutId(doc))) data[key] = _.set(value);
    for (const key of Object.keys(previous)) {
      if (key !== '_id' && !(key in data) && !CLOUDBASE_FIELDS.includes(key)) data[key] = _.remove();
    }
    try {
      const result = await settle(
        this.db
          .collection(collection)
          .where({ _id: doc._id, [field]: expected })
          .update({ data }),
      );
      return result.stats.updated === 1;
    } catch (error) {
      if (isMissingCollection(error)) return false;
      throw error;
    }
  }

  async transaction<R>(work: (tx: Transaction) => Promise<R>): Promise<R> {
    this.refuseInsideTransaction('store.transaction');
    const createdCollections = new Set<string>();
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await this.attempt(work);
      } catch (error) {
        // What the work throws (a StoreError, a domain error) is the caller's, never retried.
        if (!(error instanceof AttemptFailure)) throw error;
        const { sdkError, collection } = error;
        if (collection && isMissingCollection(sdkError) && !createdCollections.has(collection)) {
          createdCollections.add(collection);
          await this.createCollection(collection);
          attempt -= 1;
          continue;
        }
        if (!isConflict(sdkError)) throw sdkError;
        if (attempt >= this.maxAttempts) {
          throw new StoreError('CONFLICT', `transaction still conflicting after ${attempt} attempts`);
        }
        await sleep(Math.random() * Math.min(MAX_BACKOFF_MS, this.backoffMs * 2 ** (attempt - 1)));
      }
    }
  }

  /**
   * One run of `db.runTransaction` (which may itself run the work again on a commit conflict).
   * An error the work throws is rethrown as it is; an SDK failure comes out as AttemptFailure.
   */
  private async attempt<R>(work: (tx: Transaction) => Promise<R>): Promise<R> {
    let workError: { error: unknown } | undefined;
    try {
      return (await this.db.runTransaction(async (transaction) => {
        workError = undefined;
        const tx = new CloudBaseTransaction(transaction);
        let result: R;
        try {
          result = await this.insideTransaction.run(this, () => work(tx));
        } catch (error) {
          tx.finish();
          if (tx.failure) throw tx.failure;
          workError = { error };
          throw error;
        }
        tx.finish();
        if (tx.failure) throw tx.failure;
        return result;
      })) as R;
    } catch (error) {
      if (workError && workError.error === error) throw error;
      if (error instanceof AttemptFailure) throw error;
      // Thrown by the SDK outside the work: the commit (a conflict once its retries are spent) or the start.
      throw new AttemptFailure(error, '');
    }
  }

  private async add(collection: string, data: Doc, retried = false): Promise<void> {
    try {
      await settle(this.db.collection(collection).add({ data: data as unknown as Record<string, unknown> }));
    } catch (error) {
      if (!retried && isMissingCollection(error)) {
        await this.createCollection(collection);
        return this.add(collection, data, true);
      }
      throw error;
    }
  }

  /** Creates a collection; "already exists" (another instance was quicker) is fine, and any other failure shows on the retried call. */
  private async createCollection(collection: string): Promise<void> {
    try {
      await this.db.createCollection(collection);
    } catch {
      // See above: the retried call reports a collection that still does not exist.
    }
  }

  private refuseInsideTransaction(what: string): void {
    if (this.insideTransaction.getStore() === this) {
      // It would not be part of the transaction; write through the transaction's handle.
      throw new Error(`${what} called inside a transaction's work: use the transaction handle`);
    }
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

class CloudBaseTransaction implements Transaction {
  /** The first SDK failure: CloudBase aborts the transaction on it, so it must not commit. */
  failure: AttemptFailure | undefined;
  private finished = false;

  constructor(private readonly transaction: CloudTransaction) {}

  finish(): void {
    this.finished = true;
  }

  async get<T extends Doc>(collection: string, id: string): Promise<T | null> {
    this.checkActive();
    storeInput.collection(collection);
    storeInput.id(id);
    return this.call(collection, () => readDoc<T>(this.transaction.collection(collection).doc(id)));
  }

  async insert<T extends Doc>(collection: string, doc: T): Promise<void> {
    this.checkActive();
    storeInput.collection(collection);
    const data = jsonCopy(storeInput.doc(doc));
    // Only by-id operations exist in a transaction: read, then create. A concurrent insert of
    // the same id makes one of the two transactions conflict; its retry then sees the document.
    if ((await this.get(collection, data._id)) !== null) {
      throw new StoreError('DUPLICATE_ID', `${collection}/${data._id} already exists`);
    }
    await this.write(collection, data);
  }

  async set<T extends Doc>(collection: string, doc: T): Promise<void> {
    this.checkActive();
    storeInput.collection(collection);
    await this.write(collection, jsonCopy(storeInput.doc(doc)));
  }

  async update(collection: string, id: string, patch: Record<string, unknown>): Promise<void> {
    this.checkActive();
    storeInput.collection(collection);
    storeInput.id(id);
    const changes = jsonCopy(storeInput.patch(patch));
    // CloudBase's doc().update() would merge nested objects field by field and says nothing
    // when the document is missing; the port replaces top-level fields and reports NOT_FOUND.
    const current = await this.get(collection, id);
    if (current === null) throw new StoreError('NOT_FOUND', `${collection}/${id} does not exist`);
    await this.write(collection, { ...current, ...changes, _id: id });
  }

  private write(collection: string, doc: Doc): Promise<void> {
    return this.call(collection, async () => {
      await settle(
        this.transaction
          .collection(collection)
          .doc(doc._id)
          .set({ data: withoutId(doc) }),
      );
    });
  }

  private async call<T>(collection: string, operation: () => Promise<T>): Promise<T> {
    if (this.failure) throw this.failure;
    try {
      return await operation();
    } catch (error) {
      this.failure = new AttemptFailure(error, collection);
      throw this.failure;
    }
  }

  private checkActive(): void {
    if (this.finished) throw new Error('this transaction is over: its handle cannot be used any more');
  }
}
