/**
 * An in-memory stand-in for exactly the wx-server-sdk 4.0.2 database calls CloudBaseStore makes,
 * behaving like CloudBase (MongoDB underneath), not like SQLite. Where the two differ, the fake
 * sides with CloudBase, so the adapter's bridging is what the contract suite tests.
 *
 * Modelled on the SDK's source (node_modules/wx-server-sdk/index.js, @cloudbase/database/src):
 * - a get returns 100 documents without a limit and at most 1000 with one (a larger limit is
 *   cut to 1000 without an error, as @cloudbase/database's Query.get does);
 * - without an order the result order is undefined (here: a fixed scramble of the ids);
 * - equality and `in` compare only values of one type (`true` is not `1`), `null` matches a
 *   missing field, a value matches an array holding it; ranges compare numbers with numbers and
 *   strings with strings (by UTF-8 bytes);
 * - a collection must be created before it is used;
 * - `doc().get()` of a missing document rejects ("document with _id … does not exist");
 * - add of an existing `_id` fails; `set` refuses `_id` in its data and empty data;
 * - every call is asynchronous (a macrotask), so concurrent callers interleave as over a network;
 * - transactions use snapshot isolation. A write takes a lock: another transaction's write to
 *   the same document fails at once (CloudBase's docs: "其他事务的写入会直接失败") and aborts that
 *   transaction; a plain write waits for the lock. A transaction whose written document was
 *   changed by someone else after its snapshot fails at commit. Like the real runTransaction, a
 *   commit conflict runs the callback again (3 more times by default); a write conflict inside
 *   the callback does not, because wx-server-sdk rewraps that error and loses its code.
 *
 * Error shapes follow wx-server-sdk's toSDKError (`<api>:fail <errCode> <text>. <server message>`)
 * and node-sdk's TcbError (`code`, `message`). The servers' own message texts are not documented;
 * the ones here are plausible stand-ins, and the adapter must not depend on them beyond the
 * documented codes.
 */
import type {
  CloudCollection,
  CloudCommand,
  CloudDatabase,
  CloudDocumentRef,
  CloudQuery,
  CloudTransaction,
} from '../../server/adapters/cloudbase/store';

export const FAKE_MAX_GET = 1000;
const DEFAULT_GET = 100;

type Operator = 'gt' | 'gte' | 'lt' | 'lte' | 'in' | 'and' | 'set' | 'remove';

class FakeCommand {
  constructor(
    readonly operator: Operator,
    readonly operands: unknown[],
  ) {}
}

const ERR_TEXT: Record<number, string> = {
  [-501001]: 'resource system error',
  [-501007]: 'invalid parameters',
  [-502005]: 'database collection not exists',
};

type SdkError = Error & { errCode: number; errMsg: string };

/** As wx-server-sdk's toSDKError builds it from `{ errCode, errMsg }`. */
function sdkError(api: string, errCode: number, serverMessage: string): SdkError {
  const error = new Error(`${api}:fail ${errCode} ${ERR_TEXT[errCode] ?? ''}. ${serverMessage}`) as SdkError;
  error.errCode = errCode;
  error.errMsg = error.message;
  return error;
}

/** As wx-server-sdk's toSDKError builds it from a thrown string. */
function sdkTextError(api: string, text: string): SdkError {
  const error = new Error(`${api}:fail ${text}`) as SdkError;
  error.errCode = -1;
  error.errMsg = error.message;
  return error;
}

/** As @cloudbase/node-sdk's TcbError: what runTransaction sees when the commit is refused. */
function tcbError(code: string, message: string): Error & { code: string; requestId: string } {
  return Object.assign(new Error(message), { code, requestId: 'fake-request' });
}

function missingCollection(api: string, name: string): SdkError {
  return sdkError(api, -502005, `[DATABASE_COLLECTION_NOT_EXIST] Db or Table not exist: ${name}`);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return Object.prototype.toString.call(value) === '[object Object]' && !(value instanceof FakeCommand);
}

function tick(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

// --- matching, as MongoDB does it ---

function valuesAt(doc: unknown, path: string): unknown[] {
  let current: unknown[] = [doc];
  for (const key of path.split('.')) {
    const next: unknown[] = [];
    for (const value of current) {
      if (Array.isArray(value)) {
        for (const item of value) if (isPlainObject(item) && key in item) next.push(item[key]);
      } else if (isPlainObject(value)) {
        next.push(key in value ? value[key] : undefined);
      } else {
        next.push(undefined);
      }
    }
    current = next.length ? next : [undefined];
  }
  return current.flatMap((value) => (Array.isArray(value) ? [value, ...(value as unknown[])] : [value]));
}

function typeRank(value: unknown): number {
  if (value === undefined || value === null) return 1;
  if (typeof value === 'number') return 2;
  if (typeof value === 'string') return 3;
  if (Array.isArray(value)) return 5;
  if (typeof value === 'object') return 4;
  if (typeof value === 'boolean') return 8;
  return 10;
}

/** MongoDB's order: null < numbers < strings (UTF-8 bytes) < objects < arrays < booleans. */
function compareValues(a: unknown, b: unknown): number {
  const rank = typeRank(a) - typeRank(b);
  if (rank !== 0) return rank;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'string' && typeof b === 'string') return compareUtf8(a, b);
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  if (a === undefined || a === null) return 0;
  return Buffer.compare(Buffer.from(JSON.stringify(a)), Buffer.from(JSON.stringify(b)));
}

const BEYOND_BMP_ORDER = /[\uD800-\uFFFF]/;

/** MongoDB compares strings by their UTF-8 bytes; JavaScript's `<` agrees unless surrogates are involved. */
function compareUtf8(a: string, b: string): number {
  if (BEYOND_BMP_ORDER.test(a) || BEYOND_BMP_ORDER.test(b)) return Buffer.compare(Buffer.from(a), Buffer.from(b));
  return a < b ? -1 : a > b ? 1 : 0;
}

function equalsScalar(candidate: unknown, value: unknown): boolean {
  if (value === null) return candidate === null || candidate === undefined;
  if (typeof value === 'object') return JSON.stringify(candidate) === JSON.stringify(value);
  return candidate === value;
}

function matchesCondition(candidates: unknown[], condition: unknown): boolean {
  if (!(condition instanceof FakeCommand)) {
    return candidates.some((candidate) => equalsScalar(candidate, condition));
  }
  const { operator, operands } = condition;
  switch (operator) {
    case 'in':
      return operands.some((value) => candidates.some((candidate) => equalsScalar(candidate, value)));
    case 'and':
      return operands.every((operand) => matchesCondition(candidates, operand));
    default: {
      const bound = operands[0];
      return candidates.some((candidate) => {
        if (typeRank(candidate) !== typeRank(bound) || candidate === null || candidate === undefined) return false;
        const order = compareValues(candidate, bound);
        return operator === 'gt'
          ? order > 0
          : operator === 'gte'
            ? order >= 0
            : operator === 'lt'
              ? order < 0
              : order <= 0;
      });
    }
  }
}

/** The SDK flattens nested plain objects of a where into dotted paths. */
function flattenWhere(where: Record<string, unknown>, prefix = ''): Array<[string, unknown]> {
  return Object.entries(where).flatMap(([key, value]): Array<[string, unknown]> => {
    if (value === undefined) return [];
    const path = prefix + key;
    if (isPlainObject(value)) return flattenWhere(value, `${path}.`);
    if (Array.isArray(value)) throw new Error(`the fake does not model array values in where (${path})`);
    return [[path, value]];
  });
}

function matches(doc: unknown, where: Array<[string, unknown]>): boolean {
  return where.every(([path, condition]) => matchesCondition(valuesAt(doc, path), condition));
}

/** A fixed but meaningless order, standing in for "no order guaranteed". */
function scramble(id: string): number {
  let hash = 0x811c9dc5;
  for (const char of id) {
    hash ^= char.codePointAt(0) ?? 0;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

function sortValue(doc: unknown, path: string): unknown {
  let value: unknown = doc;
  for (const key of path.split('.')) value = isPlainObject(value) ? value[key] : undefined;
  return value;
}

// --- storage ---

interface Version {
  seq: number;
  json: string;
  /** Parsed once, never handed out (callers get fresh copies parsed from `json`). */
  doc: unknown;
}

interface TransactionRun {
  snapshot: number;
  writes: Map<string, { collection: string; id: string; json: string }>;
  state: 'active' | 'aborted' | 'finished';
  abortReason?: Error;
}

function keyOf(collection: string, id: string): string {
  return `${collection}\u0000${id}`;
}

export interface FakeCloudDatabaseOptions {
  /** Collections that already exist (CloudBase needs a collection created before use). */
  collections?: string[];
  /** As `cloud.database({ throwOnNotFound: false })`: a missing document reads as `{ data: null }`. */
  throwOnNotFound?: boolean;
}

export class FakeCloudDatabase implements CloudDatabase {
  readonly command: CloudCommand = {
    in: (values) => {
      if (!Array.isArray(values)) throw new Error('in() needs an array');
      return new FakeCommand('in', [...values]);
    },
    gt: (value) => new FakeCommand('gt', [value]),
    gte: (value) => new FakeCommand('gte', [value]),
    lt: (value) => new FakeCommand('lt', [value]),
    lte: (value) => new FakeCommand('lte', [value]),
    and: (...conditions) => new FakeCommand('and', conditions),
    set: (value) => new FakeCommand('set', [value]),
    remove: () => new FakeCommand('remove', []),
  };

  /** Every get sent: the limit asked for (undefined when none) and the skip. */
  readonly gets: Array<{ collection: string; limit: number | undefined; skip: number }> = [];
  /** How many times a transaction callback started. */
  transactionRuns = 0;

  private readonly data = new Map<string, Map<string, Version[]>>();
  private readonly locks = new Map<string, TransactionRun>();
  private unlockWaiters: Array<() => void> = [];
  private seq = 0;
  private readonly throwOnNotFound: boolean;

  constructor(options: FakeCloudDatabaseOptions = {}) {
    for (const name of options.collections ?? []) this.data.set(name, new Map());
    this.throwOnNotFound = options.throwOnNotFound ?? true;
  }

  collection(name: string): CloudCollection {
    if (!name) throw new Error('Collection name is required');
    return new FakeCollection(this, name, { where: [], order: [] });
  }

  async createCollection(name: string): Promise<unknown> {
    await tick();
    if (this.data.has(name)) {
      throw sdkError('createCollection', -501001, `[DATABASE_COLLECTION_ALREADY_EXIST] Table exist: ${name}`);
    }
    this.data.set(name, new Map());
    return { errMsg: 'createCollection:ok' };
  }

  async runTransaction(callback: (transaction: CloudTransaction) => Promise<unknown>, times = 3): Promise<unknown> {
    await tick();
    const run: TransactionRun = { snapshot: this.seq, writes: new Map(), state: 'active' };
    try {
      this.transactionRuns += 1;
      const result = await callback(this.transactionHandle(run));
      await this.commit(run);
      return result;
    } catch (error) {
      this.finish(run, 'aborted');
      if (times <= 0) throw error;
      if ((error as { code?: unknown } | null)?.code === 'DATABASE_TRANSACTION_CONFLICT') {
        return this.runTransaction(callback, times - 1);
      }
      throw error;
    }
  }

  // --- test helpers (not SDK calls) ---

  /** Plants a document as a client-side add would store it (e.g. with `_openid`). */
  plant(collection: string, doc: Record<string, unknown> & { _id: string }): void {
    if (!this.data.has(collection)) this.data.set(collection, new Map());
    this.writeCommitted(collection, doc._id, JSON.stringify(doc), ++this.seq);
  }

  hasCollection(name: string): boolean {
    return this.data.has(name);
  }

  // --- used by the fake's query, document and transaction objects ---

  /** The matching documents in the query's order (as stored: copy before handing out). */
  async query(api: 'collection.get' | 'collection.count', state: QueryState): Promise<Version[]> {
    await tick();
    const docs = this.data.get(state.collection);
    if (!docs) throw missingCollection(api, state.collection);
    const found: Array<{ version: Version; keys: unknown[]; scrambled: number }> = [];
    for (const [id, versions] of docs) {
      const latest = versions[versions.length - 1];
      if (latest && matches(latest.doc, state.where)) {
        const keys = state.order.map(([path]) => sortValue(latest.doc, path));
        found.push({ version: latest, keys, scrambled: scramble(id) });
      }
    }
    found.sort((a, b) => {
      for (const [index, [, direction]] of state.order.entries()) {
        const order = compareValues(a.keys[index], b.keys[index]);
        if (order !== 0) return direction === 'desc' ? -order : order;
      }
      return a.scrambled - b.scrambled;
    });
    return found.map((entry) => entry.version);
  }

  recordGet(collection: string, limit: number | undefined, skip: number): void {
    this.gets.push({ collection, limit, skip });
  }

  async readCommitted(api: string, collection: string, id: string): Promise<{ data: unknown }> {
    await tick();
    const docs = this.data.get(collection);
    if (!docs) throw missingCollection(api, collection);
    const latest = docs.get(id)?.at(-1);
    if (!latest) return this.notFound(api, id);
    return { data: JSON.parse(latest.json) as unknown };
  }

  async add(collection: string, data: unknown): Promise<{ _id: string }> {
    await tick();
    if (!isPlainObject(data)) throw sdkTextError('collection.add', 'data must be an object');
    if (!this.data.has(collection)) throw missingCollection('collection.add', collection);
    const id = data._id === undefined ? `${Date.now().toString(16)}${Math.random().toString(16).slice(2)}` : data._id;
    if (typeof id !== 'string' || id === '') throw sdkTextError('collection.add', 'invalid _id');
    await this.waitUnlocked(keyOf(collection, id));
    if (this.data.get(collection)?.has(id)) {
      throw sdkError(
        'collection.add',
        -501001,
        `[DATABASE_DUPLICATE_WRITE] E11000 duplicate key error collection: ${collection} index: _id_ dup key: { _id: "${id}" }`,
      );
    }
    this.writeCommitted(collection, id, JSON.stringify({ ...data, _id: id }), ++this.seq);
    return { _id: id };
  }

  async setCommitted(collection: string, id: string, data: unknown): Promise<unknown> {
    await tick();
    this.checkSetData('document.set', data);
    if (!this.data.has(collection)) throw missingCollection('document.set', collection);
    await this.waitUnlocked(keyOf(collection, id));
    this.writeCommitted(collection, id, JSON.stringify({ _id: id, ...(data as object) }), ++this.seq);
    return { _id: id, stats: { updated: 1, created: 0 } };
  }

  /**
   * `where(…).update({ data })` outside a transaction: each matching document, waiting for a
   * transaction's lock on it, gets `_.set` fields replaced whole, `_.remove()` fields removed and
   * plain scalars assigned (the fake does not model MongoDB's merge of a plain object). Counts
   * only documents the update changed, as MongoDB's modified count does.
   */
  async updateWhere(state: QueryState, data: unknown): Promise<{ stats: { updated: number } }> {
    if (!isPlainObject(data) || Object.keys(data).length === 0) {
      throw sdkTextError('collection.update', 'options.data must be a non-empty object');
    }
    if ('_id' in data) throw sdkError('collection.update', -501007, '[INVALID_PARAM] 不能更新_id的值');
    const found = await this.query('collection.get', state);
    let updated = 0;
    for (const version of found) {
      const id = (version.doc as { _id: string })._id;
      await this.waitUnlocked(keyOf(state.collection, id));
      const latest = this.data.get(state.collection)?.get(id)?.at(-1);
      if (!latest || !matches(latest.doc, state.where)) continue;
      const doc = JSON.parse(latest.json) as Record<string, unknown>;
      for (const [key, value] of Object.entries(data)) {
        if (value instanceof FakeCommand && value.operator === 'set') doc[key] = value.operands[0];
        else if (value instanceof FakeCommand && value.operator === 'remove') delete doc[key];
        else if (value === null || typeof value !== 'object') doc[key] = value;
        else throw new Error(`the fake does not model merging ${key} in an update: use _.set`);
      }
      const json = JSON.stringify(doc);
      if (json === latest.json) continue;
      this.writeCommitted(state.collection, id, json, ++this.seq);
      updated += 1;
    }
    return { stats: { updated } };
  }

  private transactionHandle(run: TransactionRun): CloudTransaction {
    return {
      collection: (name: string) => {
        if (!name) throw new Error('Collection name is required');
        return {
          doc: (id: string): CloudDocumentRef => ({
            get: () => this.transactionGet(run, name, id),
            set: (options) => this.transactionSet(run, name, id, options?.data),
          }),
        };
      },
    };
  }

  private async transactionGet(run: TransactionRun, collection: string, id: string): Promise<{ data: unknown }> {
    await tick();
    this.checkActive(run, 'document.get');
    if (!this.data.has(collection)) throw this.abort(run, missingCollection('document.get', collection));
    const own = run.writes.get(keyOf(collection, id));
    if (own) return { data: JSON.parse(own.json) };
    const versions = this.data.get(collection)?.get(id) ?? [];
    const seen = versions.filter((version) => version.seq <= run.snapshot).at(-1);
    if (!seen) return this.notFound('document.get', id);
    return { data: JSON.parse(seen.json) };
  }

  private async transactionSet(run: TransactionRun, collection: string, id: string, data: unknown): Promise<unknown> {
    await tick();
    this.checkActive(run, 'document.set');
    this.checkSetData('document.set', data);
    if (!this.data.has(collection)) throw this.abort(run, missingCollection('document.set', collection));
    const key = keyOf(collection, id);
    const holder = this.locks.get(key);
    if (holder && holder !== run) {
      throw this.abort(
        run,
        sdkError('document.set', -501001, '[DATABASE_TRANSACTION_CONFLICT] database transaction conflict'),
      );
    }
    this.locks.set(key, run);
    run.writes.set(key, { collection, id, json: JSON.stringify({ _id: id, ...(data as object) }) });
    return { _id: id, stats: { updated: 1, created: 0 } };
  }

  private async commit(run: TransactionRun): Promise<void> {
    await tick();
    if (run.state !== 'active') throw run.abortReason ?? new Error('transaction is not active');
    for (const { collection, id } of run.writes.values()) {
      const latest = this.data.get(collection)?.get(id)?.at(-1);
      if (latest && latest.seq > run.snapshot) {
        throw tcbError('DATABASE_TRANSACTION_CONFLICT', 'database transaction conflict');
      }
    }
    const seq = ++this.seq;
    for (const { collection, id, json } of run.writes.values()) this.writeCommitted(collection, id, json, seq);
    this.finish(run, 'finished');
  }

  private checkActive(run: TransactionRun, api: string): void {
    if (run.state === 'aborted') throw run.abortReason ?? sdkTextError(api, 'transaction aborted');
    if (run.state !== 'active') throw sdkTextError(api, 'transaction is over');
  }

  /** A server-side error aborts a MongoDB transaction: later calls and the commit fail too. */
  private abort(run: TransactionRun, error: SdkError): SdkError {
    run.abortReason = error;
    this.finish(run, 'aborted');
    return error;
  }

  private finish(run: TransactionRun, state: 'aborted' | 'finished'): void {
    if (run.state === 'active') run.state = state;
    for (const [key, holder] of this.locks) if (holder === run) this.locks.delete(key);
    const waiters = this.unlockWaiters;
    this.unlockWaiters = [];
    waiters.forEach((wake) => wake());
  }

  private async waitUnlocked(key: string): Promise<void> {
    while (this.locks.has(key)) await new Promise<void>((resolve) => this.unlockWaiters.push(resolve));
  }

  private writeCommitted(collection: string, id: string, json: string, seq: number): void {
    const docs = this.data.get(collection) ?? new Map<string, Version[]>();
    this.data.set(collection, docs);
    const versions = docs.get(id) ?? [];
    versions.push({ seq, json, doc: JSON.parse(json) });
    docs.set(id, versions);
  }

  private notFound(api: string, id: string): { data: unknown } {
    if (!this.throwOnNotFound) return { data: null };
    // wx-server-sdk throws this string on the client side; the transaction stays usable.
    throw sdkTextError(api, `document with _id ${id} does not exist`);
  }

  private checkSetData(api: string, data: unknown): void {
    if (!isPlainObject(data)) throw sdkTextError(api, 'options.data must be an object');
    if (Object.keys(data).length === 0) throw sdkTextError(api, 'options.data must not be empty');
    if ('_id' in data) throw sdkError(api, -501007, '[INVALID_PARAM] 不能更新_id的值');
  }
}

interface QueryState {
  collection: string;
  where: Array<[string, unknown]>;
  order: Array<[string, 'asc' | 'desc']>;
  skip?: number;
  limit?: number;
}

function checkInteger(name: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value)) throw new Error(`${name} must be an integer`);
  return value;
}

class FakeQuery implements CloudQuery {
  constructor(
    protected readonly db: FakeCloudDatabase,
    protected readonly name: string,
    protected readonly state: Omit<QueryState, 'collection'>,
  ) {}

  where(condition: Record<string, unknown>): CloudQuery {
    if (!isPlainObject(condition)) throw new Error('query param type error: where() needs an object');
    const keys = Object.keys(condition);
    if (keys.length && keys.every((key) => condition[key] === undefined)) {
      throw new Error('query param value error: every value is undefined');
    }
    return new FakeQuery(this.db, this.name, { ...this.state, where: flattenWhere(condition) });
  }

  orderBy(fieldPath: string, order: string): CloudQuery {
    if (typeof fieldPath !== 'string' || !fieldPath) throw new Error('orderBy needs a field path');
    if (order !== 'asc' && order !== 'desc') throw new Error('orderBy direction must be asc or desc');
    // The SDK keeps the order as an object: a repeated field changes its direction in place.
    const existing = this.state.order.findIndex(([path]) => path === fieldPath);
    const next = [...this.state.order];
    if (existing >= 0) next[existing] = [fieldPath, order];
    else next.push([fieldPath, order]);
    return new FakeQuery(this.db, this.name, { ...this.state, order: next });
  }

  skip(offset: number): CloudQuery {
    return new FakeQuery(this.db, this.name, { ...this.state, skip: checkInteger('offset', offset) });
  }

  limit(max: number): CloudQuery {
    return new FakeQuery(this.db, this.name, { ...this.state, limit: checkInteger('limit', max) });
  }

  async get(): Promise<{ data: unknown[]; errMsg: string }> {
    this.db.recordGet(this.name, this.state.limit, this.state.skip ?? 0);
    const found = await this.db.query('collection.get', { collection: this.name, ...this.state });
    const skip = this.state.skip ?? 0;
    const limit = this.state.limit ? Math.min(this.state.limit, FAKE_MAX_GET) : DEFAULT_GET;
    const data = found.slice(skip, skip + limit).map((version) => JSON.parse(version.json) as unknown);
    return { data, errMsg: 'collection.get:ok' };
  }

  async update(options: { data: Record<string, unknown> }): Promise<{ stats: { updated: number }; errMsg: string }> {
    const { stats } = await this.db.updateWhere({ collection: this.name, ...this.state }, options?.data);
    return { stats, errMsg: 'collection.update:ok' };
  }

  async count(): Promise<{ total: number; errMsg: string }> {
    const found = await this.db.query('collection.count', { collection: this.name, ...this.state });
    return { total: found.length, errMsg: 'collection.count:ok' };
  }
}

class FakeCollection extends FakeQuery implements CloudCollection {
  doc(id: string): CloudDocumentRef {
    return {
      get: () => this.db.readCommitted('document.get', this.name, id),
      set: (options) => this.db.setCommitted(this.name, id, options?.data),
    };
  }

  async add(options: { data: Record<string, unknown> }): Promise<{ _id: string; errMsg: string }> {
    const { _id } = await this.db.add(this.name, options?.data);
    return { _id, errMsg: 'collection.add:ok' };
  }
}
