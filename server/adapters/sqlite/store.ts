/**
 * The embedded Store: one SQLite file, one table per collection (`_id` primary key, the whole
 * document as JSON in `data`), used by the local stack and by tests.
 *
 * better-sqlite3 is synchronous while a transaction's work is async, so every write goes through
 * one in-process queue on a write connection (BEGIN IMMEDIATE … COMMIT), and plain reads use a
 * second, read-only connection: in WAL mode it sees only committed data, never the half-done
 * work of a transaction that is waiting on an await.
 *
 * Filters are written so SQLite answers like CloudBase (a MongoDB underneath) does: values of a
 * different JSON type never match (`true` is not `1`, `'5'` is not `5`), and `null` matches a
 * missing field. Field paths are validated, then inlined into `json_extract(data, '$.path')` so
 * that the expression indexes given to `open` are usable.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import {
  type Doc,
  type FindQuery,
  type ParsedFilter,
  type Scalar,
  type Store,
  type Transaction,
  type Where,
  StoreError,
  effectiveOrder,
  expectedValue,
  parseWhere,
  storeInput,
} from '../../ports/store';

type Connection = Database.Database;
type Statement = Database.Statement;

export interface SqliteStoreOptions {
  /** The database file; its folder is created when missing. */
  file: string;
  /** Per collection, the field paths of each compound index (expression indexes on json_extract). */
  indexes?: Readonly<Partial<Record<string, ReadonlyArray<readonly string[]>>>>;
}

interface Compiled {
  sql: string;
  params: unknown[];
}

const TABLE_PREFIX = 'coll_';
const STATEMENT_CACHE_SIZE = 500;

function tableOf(collection: string): string {
  return `"${TABLE_PREFIX}${storeInput.collection(collection)}"`;
}

function indexName(collection: string, fields: readonly string[]): string {
  return `"ix_${collection}__${fields.map((field) => field.replace(/\./g, '_')).join('__')}"`;
}

/** The SQL expression for a (validated) field path; `_id` is the primary-key column. */
function valueOf(field: string): string {
  return field === '_id' ? '_id' : `json_extract(data, '$.${storeInput.field(field)}')`;
}

function typeOf(field: string): string {
  return `json_type(data, '$.${storeInput.field(field)}')`;
}

const NUMBER_TYPES = "IN ('integer', 'real')";

function placeholders(count: number): string {
  return new Array(count).fill('?').join(', ');
}

function compileFilter(field: string, filter: ParsedFilter): Compiled {
  const value = valueOf(field);
  const isId = field === '_id';
  switch (filter.kind) {
    case 'eq':
      return compileIn(field, [filter.value]);
    case 'in':
      return compileIn(field, filter.values);
    case 'range': {
      const kinds = new Set(filter.bounds.map(([, bound]) => typeof bound));
      // CloudBase compares only values of the bound's type; a string and a number bound together match nothing.
      if (kinds.size !== 1 || (isId && !kinds.has('string'))) return { sql: '0', params: [] };
      const sqlOperator = { $gt: '>', $gte: '>=', $lt: '<', $lte: '<=' } as const;
      const parts = filter.bounds.map(([op]) => `${value} ${sqlOperator[op]} ?`);
      if (!isId) parts.push(kinds.has('string') ? `${typeOf(field)} = 'text'` : `${typeOf(field)} ${NUMBER_TYPES}`);
      return { sql: `(${parts.join(' AND ')})`, params: filter.bounds.map(([, bound]) => bound) };
    }
  }
}

/** Equality with any of `values`, each matched only against a value of its own JSON type. */
function compileIn(field: string, values: Scalar[]): Compiled {
  const value = valueOf(field);
  const strings = values.filter((item): item is string => typeof item === 'string');
  if (field === '_id') {
    return strings.length
      ? { sql: `_id IN (${placeholders(strings.length)})`, params: strings }
      : { sql: '0', params: [] };
  }
  const numbers = values.filter((item): item is number => typeof item === 'number');
  const parts: string[] = [];
  const params: unknown[] = [];
  if (strings.length) {
    parts.push(`(${value} IN (${placeholders(strings.length)}) AND ${typeOf(field)} = 'text')`);
    params.push(...strings);
  }
  if (numbers.length) {
    parts.push(`(${value} IN (${placeholders(numbers.length)}) AND ${typeOf(field)} ${NUMBER_TYPES})`);
    params.push(...numbers);
  }
  // json_extract gives 1/0 for true/false; the json_type check keeps them apart from numbers.
  if (values.includes(true)) parts.push(`(${value} = 1 AND ${typeOf(field)} = 'true')`);
  if (values.includes(false)) parts.push(`(${value} = 0 AND ${typeOf(field)} = 'false')`);
  // Like CloudBase, null matches a field that is null or missing.
  if (values.includes(null)) parts.push(`${value} IS NULL`);
  if (parts.length === 0) return { sql: '0', params: [] };
  return { sql: parts.length === 1 ? (parts[0] as string) : `(${parts.join(' OR ')})`, params };
}

function compileWhere(where: Where | undefined): Compiled {
  const compiled = parseWhere(where).map(([field, filter]) => compileFilter(field, filter));
  if (compiled.length === 0) return { sql: '', params: [] };
  return {
    sql: ` WHERE ${compiled.map((part) => part.sql).join(' AND ')}`,
    params: compiled.flatMap((part) => part.params),
  };
}

/** By code, not `instanceof`: the native module keeps the first SqliteError class it was given (one per jest realm). */
function isSqliteError(error: unknown, code: string): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === code;
}

function duplicate(collection: string, id: string): StoreError {
  return new StoreError('DUPLICATE_ID', `${collection}/${id} already exists`);
}

export class SqliteStore implements Store {
  private readonly statements = new WeakMap<Connection, Map<string, Statement>>();
  /** Tables known to exist (committed); tables are never dropped. */
  private readonly tables = new Set<string>();
  private readonly insideTransaction = new AsyncLocalStorage<SqliteStore>();
  private queue: Promise<unknown> = Promise.resolve();
  private pending = 0;
  private closed = false;

  private constructor(
    private readonly writer: Connection,
    private readonly reader: Connection,
    private readonly indexes: Readonly<Partial<Record<string, ReadonlyArray<readonly string[]>>>>,
  ) {}

  static open({ file, indexes = {} }: SqliteStoreOptions): SqliteStore {
    if (!file || file === ':memory:' || file.startsWith('file:')) {
      // Two connections must share the data: an in-memory database cannot be.
      throw new Error('SqliteStore needs a file path');
    }
    for (const [collection, list = []] of Object.entries(indexes)) {
      storeInput.collection(collection);
      for (const fields of list) {
        if (!Array.isArray(fields) || fields.length === 0) throw new Error(`empty index for ${collection}`);
        fields.forEach((field) => storeInput.field(field));
      }
    }
    fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    const writer = new Database(file);
    let reader: Connection | undefined;
    try {
      writer.pragma('journal_mode = WAL');
      writer.pragma('synchronous = NORMAL');
      writer.pragma('busy_timeout = 5000');
      reader = new Database(file, { readonly: true, fileMustExist: true });
      reader.pragma('busy_timeout = 5000');
      const store = new SqliteStore(writer, reader, indexes);
      for (const collection of Object.keys(indexes)) store.ensureTable(collection, store.tables);
      return store;
    } catch (error) {
      reader?.close();
      writer.close();
      throw error;
    }
  }

  /**
   * A number that changes whenever a write is committed (SQLite's data_version, as seen by the
   * reading connection), and only then: an aborted transaction leaves it. Tests use it as the
   * proof that a refused call wrote nothing, whatever collection it might have touched.
   */
  commitMark(): number {
    this.checkOpen();
    return this.reader.pragma('data_version', { simple: true }) as number;
  }

  /** Refuses new calls, lets queued writes finish, then closes both connections (at once when idle). */
  close(): Promise<void> {
    if (this.closed) return this.queue.then(() => undefined);
    this.closed = true;
    const closeConnections = (): void => {
      this.reader.close();
      this.writer.close();
    };
    if (this.pending === 0) {
      closeConnections();
      return Promise.resolve();
    }
    this.queue = this.queue.then(closeConnections);
    return this.queue.then(() => undefined);
  }

  async get<T extends Doc>(collection: string, id: string): Promise<T | null> {
    this.checkOpen();
    storeInput.id(id);
    if (!this.tableExists(this.reader, collection)) return null;
    const data = this.statement(this.reader, `SELECT data FROM ${tableOf(collection)} WHERE _id = ?`).get(id) as
      string | undefined;
    return data === undefined ? null : (JSON.parse(data) as T);
  }

  async find<T extends Doc>(collection: string, query?: FindQuery): Promise<T[]> {
    this.checkOpen();
    const { sql, params } = this.compileFind(collection, query);
    if (!this.tableExists(this.reader, collection)) return [];
    const rows = this.statement(this.reader, sql).all(...params) as string[];
    return rows.map((data) => JSON.parse(data) as T);
  }

  async count(collection: string, where?: Where): Promise<number> {
    this.checkOpen();
    const table = tableOf(collection);
    const filter = compileWhere(where);
    if (!this.tableExists(this.reader, collection)) return 0;
    const sql = `SELECT count(*) FROM ${table}${filter.sql}`;
    return this.statement(this.reader, sql).get(...filter.params) as number;
  }

  async insert<T extends Doc>(collection: string, doc: T): Promise<void> {
    this.checkOpen();
    this.refuseInsideTransaction('store.insert');
    storeInput.collection(collection);
    const id = storeInput.doc(doc)._id;
    const data = JSON.stringify(doc);
    await this.exclusive(() => {
      this.ensureTable(collection, this.tables);
      this.insertRow(collection, id, data);
    });
  }

  async replaceIf<T extends Doc>(collection: string, previous: T, next: T, field: string): Promise<boolean> {
    this.checkOpen();
    this.refuseInsideTransaction('store.replaceIf');
    storeInput.collection(collection);
    const id = storeInput.doc(next)._id;
    if (previous._id !== id) throw new StoreError('INVALID_QUERY', 'replaceIf replaces a document by the same id');
    const expected = expectedValue(previous, field);
    const data = JSON.stringify(next);
    return this.exclusive(() => {
      const current = this.readRow(collection, id);
      if (current === undefined) return false;
      if ((JSON.parse(current) as Record<string, unknown>)[field] !== expected) return false;
      this.updateRow(collection, id, data);
      return true;
    });
  }

  async transaction<R>(work: (tx: Transaction) => Promise<R>): Promise<R> {
    this.checkOpen();
    this.refuseInsideTransaction('store.transaction');
    return this.exclusive(async () => {
      const tx = new SqliteTransaction(this);
      this.writer.exec('BEGIN IMMEDIATE');
      let result: R;
      try {
        result = await this.insideTransaction.run(this, () => work(tx));
        tx.finish();
        this.writer.exec('COMMIT');
      } catch (error) {
        tx.finish();
        if (this.writer.inTransaction) this.writer.exec('ROLLBACK');
        throw error;
      }
      tx.createdTables.forEach((collection) => this.tables.add(collection));
      return result;
    });
  }

  /** SQLite's plan for a find, one line per step (for tests and for checking indexes). */
  explainFind(collection: string, query?: FindQuery): string[] {
    const { sql, params } = this.compileFind(collection, query);
    if (!this.tableExists(this.reader, collection)) return [];
    const rows = this.reader.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as Array<{ detail: string }>;
    return rows.map((row) => row.detail);
  }

  // --- used by SqliteTransaction, always on the write connection inside BEGIN IMMEDIATE ---

  readRow(collection: string, id: string): string | undefined {
    if (!this.tableExists(this.writer, collection)) return undefined;
    return this.statement(this.writer, `SELECT data FROM ${tableOf(collection)} WHERE _id = ?`).get(id) as
      string | undefined;
  }

  insertRow(collection: string, id: string, data: string): void {
    try {
      this.statement(this.writer, `INSERT INTO ${tableOf(collection)} (_id, data) VALUES (?, ?)`).run(id, data);
    } catch (error) {
      if (isSqliteError(error, 'SQLITE_CONSTRAINT_PRIMARYKEY')) throw duplicate(collection, id);
      throw error;
    }
  }

  upsertRow(collection: string, id: string, data: string): void {
    this.statement(
      this.writer,
      `INSERT INTO ${tableOf(collection)} (_id, data) VALUES (?, ?) ON CONFLICT(_id) DO UPDATE SET data = excluded.data`,
    ).run(id, data);
  }

  updateRow(collection: string, id: string, data: string): void {
    this.statement(this.writer, `UPDATE ${tableOf(collection)} SET data = ? WHERE _id = ?`).run(data, id);
  }

  /**
   * Creates the collection's table and indexes on first use and records it in `created`: the
   * store's own set outside a transaction, the transaction's inside one (added to the store's
   * set on commit, so the read connection never looks for a table that may still roll back).
   */
  ensureTable(collection: string, created: Set<string>): void {
    const table = tableOf(collection);
    if (this.tables.has(collection) || created.has(collection)) return;
    this.writer.exec(`CREATE TABLE IF NOT EXISTS ${table} (_id TEXT PRIMARY KEY NOT NULL, data TEXT NOT NULL)`);
    for (const fields of this.indexes[collection] ?? []) {
      const columns = fields.map(valueOf).join(', ');
      this.writer.exec(`CREATE INDEX IF NOT EXISTS ${indexName(collection, fields)} ON ${table} (${columns})`);
    }
    created.add(collection);
  }

  // --- internals ---

  private compileFind(collection: string, query: FindQuery | undefined): Compiled {
    const table = tableOf(collection);
    const { where, orderBy, limit, offset } = storeInput.query(query);
    const filter = compileWhere(where);
    const order = effectiveOrder(orderBy)
      .map(([field, direction]) => `${valueOf(field)} ${direction === 'asc' ? 'ASC' : 'DESC'}`)
      .join(', ');
    return {
      sql: `SELECT data FROM ${table}${filter.sql} ORDER BY ${order} LIMIT ? OFFSET ?`,
      params: [...filter.params, storeInput.limit(limit), storeInput.offset(offset)],
    };
  }

  private tableExists(connection: Connection, collection: string): boolean {
    storeInput.collection(collection);
    if (this.tables.has(collection)) return true;
    const found = this.statement(connection, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(
      `${TABLE_PREFIX}${collection}`,
    );
    // Only a committed table is remembered: one created inside a transaction may still roll back.
    if (found !== undefined && connection === this.reader) this.tables.add(collection);
    return found !== undefined;
  }

  private statement(connection: Connection, sql: string): Statement {
    let cache = this.statements.get(connection);
    if (!cache) {
      cache = new Map();
      this.statements.set(connection, cache);
    }
    let statement = cache.get(sql);
    if (!statement) {
      if (cache.size >= STATEMENT_CACHE_SIZE) cache.clear();
      statement = connection.prepare(sql);
      if (statement.reader && statement.columns().length === 1) statement.pluck();
      cache.set(sql, statement);
    }
    return statement;
  }

  private exclusive<T>(task: () => T | Promise<T>): Promise<T> {
    this.pending += 1;
    const result = this.queue.then(task).finally(() => {
      this.pending -= 1;
    });
    this.queue = result.catch(() => undefined);
    return result;
  }

  private refuseInsideTransaction(what: string): void {
    if (this.insideTransaction.getStore() === this) {
      // It would wait for the transaction that waits for it; write through the transaction's handle.
      throw new Error(`${what} called inside a transaction's work: use the transaction handle`);
    }
  }

  private checkOpen(): void {
    if (this.closed) throw new Error('the store is closed');
  }
}

class SqliteTransaction implements Transaction {
  readonly createdTables = new Set<string>();
  private finished = false;

  constructor(private readonly store: SqliteStore) {}

  finish(): void {
    this.finished = true;
  }

  async get<T extends Doc>(collection: string, id: string): Promise<T | null> {
    this.checkActive();
    storeInput.collection(collection);
    storeInput.id(id);
    const data = this.store.readRow(collection, id);
    return data === undefined ? null : (JSON.parse(data) as T);
  }

  async insert<T extends Doc>(collection: string, doc: T): Promise<void> {
    this.checkActive();
    storeInput.collection(collection);
    const id = storeInput.doc(doc)._id;
    const data = JSON.stringify(doc);
    this.ensureTable(collection);
    this.store.insertRow(collection, id, data);
  }

  async set<T extends Doc>(collection: string, doc: T): Promise<void> {
    this.checkActive();
    storeInput.collection(collection);
    const id = storeInput.doc(doc)._id;
    const data = JSON.stringify(doc);
    this.ensureTable(collection);
    this.store.upsertRow(collection, id, data);
  }

  async update(collection: string, id: string, patch: Record<string, unknown>): Promise<void> {
    this.checkActive();
    storeInput.collection(collection);
    storeInput.id(id);
    const changes = JSON.parse(JSON.stringify(storeInput.patch(patch))) as Record<string, unknown>;
    const current = this.store.readRow(collection, id);
    if (current === undefined) throw new StoreError('NOT_FOUND', `${collection}/${id} does not exist`);
    const next = { ...(JSON.parse(current) as Record<string, unknown>), ...changes, _id: id };
    this.store.updateRow(collection, id, JSON.stringify(next));
  }

  private ensureTable(collection: string): void {
    this.store.ensureTable(collection, this.createdTables);
  }

  private checkActive(): void {
    if (this.finished) throw new Error('this transaction is over: its handle cannot be used any more');
  }
}
