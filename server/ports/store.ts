/**
 * The Store port: collections of JSON documents, shaped like the CloudBase database so that
 * code that runs over the embedded SQLite store also runs in the cloud.
 *
 * - Every document has a string `_id`. Ids chosen by the client (idempotency keys) become `_id`,
 *   so a retried call hits DUPLICATE_ID instead of writing twice.
 * - Queries outside a transaction: get by id, find with equality / $in / range filters on
 *   top-level or dotted fields, order, limit and offset paging, count.
 * - Inside a transaction only by-id operations exist (that is all CloudBase allows). The work
 *   function may run more than once when transactions conflict: no side effects inside it.
 * - Documents hold JSON values only (strings, finite numbers, booleans, null, arrays, plain
 *   objects; dates as ISO strings), at least one field besides `_id`; field names contain no `.`
 *   and do not start with `$`. Fields set to `undefined` are left out, as JSON does.
 * - Filters and ordering are defined on scalar fields. On a field holding an array or object the
 *   adapters differ (CloudBase matches any array element, SQLite does not): don't rely on it.
 */

export interface Doc {
  _id: string;
}

export type Scalar = string | number | boolean | null;

export interface RangeFilter {
  $gt?: string | number;
  $gte?: string | number;
  $lt?: string | number;
  $lte?: string | number;
}

export interface InFilter {
  $in: Scalar[];
}

/** A plain scalar means equality. */
export type FieldFilter = Scalar | InFilter | RangeFilter;

/** Field names may be dotted paths into nested objects: `{ 'scope.societyId': 's1' }`. */
export type Where = Record<string, FieldFilter>;

export type Direction = 'asc' | 'desc';

export interface FindQuery {
  where?: Where;
  /** Applied in order; ties beyond the last key are broken by `_id` ascending. */
  orderBy?: Array<[field: string, direction: Direction]>;
  /** How many documents to return at most; defaults to DEFAULT_FIND_LIMIT, at most MAX_FIND_LIMIT. */
  limit?: number;
  /** How many matching documents to skip (paging). */
  offset?: number;
}

export const DEFAULT_FIND_LIMIT = 100;
/** Larger reads than one CloudBase get allows (1000) are paged by the adapter. */
export const MAX_FIND_LIMIT = 10_000;

export interface Store {
  get<T extends Doc>(collection: string, id: string): Promise<T | null>;
  find<T extends Doc>(collection: string, query?: FindQuery): Promise<T[]>;
  count(collection: string, where?: Where): Promise<number>;
  /** Fails with StoreError DUPLICATE_ID when a document with that `_id` exists. */
  insert<T extends Doc>(collection: string, doc: T): Promise<void>;
  /**
   * Runs `work` atomically: all its writes land or none does. It may run more than once on
   * conflict, so it must not have side effects beyond the transaction's own calls. Fails with
   * StoreError CONFLICT when it keeps conflicting. CloudBase isolates transactions by snapshot:
   * only documents the work writes are protected against concurrent change, so write (e.g.
   * `update`) every document whose value the decision depends on. Don't start a transaction or
   * a store write from inside `work`.
   */
  transaction<R>(work: (tx: Transaction) => Promise<R>): Promise<R>;
  /**
   * Replaces `previous` (a document read before) by `next`, the same `_id`, in one write and no
   * transaction, only if the stored document's top-level `field` still holds `previous[field]`
   * (e.g. its version): answers false, having written nothing, when it is missing or was changed
   * since. A field `previous` has and `next` lacks is removed. One document is atomic on its own,
   * so a step that writes only that document needs no transaction (issue 15).
   */
  replaceIf<T extends Doc>(collection: string, previous: T, next: T, field: string): Promise<boolean>;
}

/** The value `replaceIf` compares: a top-level string or number of the document read before. */
export function expectedValue(previous: Doc, field: string): string | number {
  if (!TOP_LEVEL_FIELD.test(field)) throw new StoreError('INVALID_QUERY', `invalid field: ${field}`);
  const value = (previous as unknown as Record<string, unknown>)[field];
  if (typeof value !== 'string' && typeof value !== 'number') {
    throw new StoreError('INVALID_QUERY', `replaceIf needs a string or number in ${field}`);
  }
  return value;
}

export interface Transaction {
  get<T extends Doc>(collection: string, id: string): Promise<T | null>;
  /** Fails with StoreError DUPLICATE_ID when a document with that `_id` exists. */
  insert<T extends Doc>(collection: string, doc: T): Promise<void>;
  /** Creates or replaces the whole document. */
  set<T extends Doc>(collection: string, doc: T): Promise<void>;
  /** Replaces the given top-level fields; fails with StoreError NOT_FOUND when the document is missing. */
  update(collection: string, id: string, patch: Record<string, unknown>): Promise<void>;
}

export type StoreErrorCode = 'DUPLICATE_ID' | 'NOT_FOUND' | 'INVALID_QUERY' | 'CONFLICT';

export class StoreError extends Error {
  constructor(
    readonly code: StoreErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'StoreError';
  }
}

export function isStoreError(error: unknown, code?: StoreErrorCode): error is StoreError {
  return error instanceof StoreError && (code === undefined || error.code === code);
}

const COLLECTION_NAME = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;
const FIELD_PATH = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/;
const TOP_LEVEL_FIELD = /^[A-Za-z_][A-Za-z0-9_]*$/;
const RANGE_OPERATORS = new Set(['$gt', '$gte', '$lt', '$lte']);
const MAX_DOC_DEPTH = 32;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * Both stores keep JSON: a Date, a Buffer or a NaN would come back changed (or differently from
 * each store), and a dotted or `$` key means something else to CloudBase. Refuse them up front.
 */
function checkJsonValue(value: unknown, where: string, depth: number): void {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new StoreError('INVALID_QUERY', `non-finite number at ${where}`);
    return;
  }
  if (depth > MAX_DOC_DEPTH) throw new StoreError('INVALID_QUERY', `document nested too deep at ${where}`);
  if (Array.isArray(value)) {
    value.forEach((item, index) => checkJsonValue(item, `${where}[${index}]`, depth + 1));
    return;
  }
  if (!isPlainObject(value)) {
    throw new StoreError('INVALID_QUERY', `only JSON values can be stored (at ${where})`);
  }
  for (const [key, item] of Object.entries(value)) {
    if (key.includes('.') || key.startsWith('$') || key === '__proto__') {
      throw new StoreError('INVALID_QUERY', `invalid field name at ${where}: ${key}`);
    }
    if (item !== undefined) checkJsonValue(item, `${where}.${key}`, depth + 1);
  }
}

/** Checks shared by every adapter, so hostile input fails the same way everywhere. */
export const storeInput = {
  collection(name: string): string {
    if (typeof name !== 'string' || !COLLECTION_NAME.test(name)) {
      throw new StoreError('INVALID_QUERY', `invalid collection name: ${String(name)}`);
    }
    return name;
  },
  id(id: unknown): string {
    if (typeof id !== 'string' || id.length === 0 || id.length > 128) {
      throw new StoreError('INVALID_QUERY', 'document id must be a non-empty string of at most 128 characters');
    }
    return id;
  },
  field(path: string): string {
    if (typeof path !== 'string' || !FIELD_PATH.test(path) || path.split('.').length > 6) {
      throw new StoreError('INVALID_QUERY', `invalid field path: ${path}`);
    }
    return path;
  },
  doc<T extends Doc>(doc: T): T {
    if (!isPlainObject(doc)) {
      throw new StoreError('INVALID_QUERY', 'a document must be a plain object');
    }
    storeInput.id(doc._id);
    checkJsonValue(doc, 'document', 0);
    // CloudBase cannot write a document with nothing but its id inside a transaction (empty `set`).
    if (!Object.entries(doc).some(([key, value]) => key !== '_id' && value !== undefined)) {
      throw new StoreError('INVALID_QUERY', 'a document needs a field besides _id');
    }
    return doc;
  },
  /** An update's patch: top-level field names other than `_id`, JSON values. */
  patch(patch: Record<string, unknown>): Record<string, unknown> {
    if (!isPlainObject(patch)) {
      throw new StoreError('INVALID_QUERY', 'a patch must be a plain object');
    }
    for (const key of Object.keys(patch)) {
      if (!TOP_LEVEL_FIELD.test(key) || key === '_id' || key === '__proto__') {
        throw new StoreError('INVALID_QUERY', `a patch replaces top-level fields other than _id, not ${key}`);
      }
    }
    checkJsonValue(patch, 'patch', 0);
    return patch;
  },
  query(query: FindQuery | undefined): FindQuery {
    if (query === undefined) return {};
    if (query === null || typeof query !== 'object' || Array.isArray(query)) {
      throw new StoreError('INVALID_QUERY', 'a query must be an object');
    }
    return query;
  },
  limit(limit: number | undefined): number {
    if (limit === undefined) return DEFAULT_FIND_LIMIT;
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_FIND_LIMIT) {
      throw new StoreError('INVALID_QUERY', `limit must be an integer from 1 to ${MAX_FIND_LIMIT}`);
    }
    return limit;
  },
  offset(offset: number | undefined): number {
    if (offset === undefined) return 0;
    if (!Number.isInteger(offset) || offset < 0) {
      throw new StoreError('INVALID_QUERY', 'offset must be a non-negative integer');
    }
    return offset;
  },
};

export type ParsedFilter =
  | { kind: 'eq'; value: Scalar }
  | { kind: 'in'; values: Scalar[] }
  | { kind: 'range'; bounds: Array<[op: keyof RangeFilter, value: string | number]> };

function isScalar(value: unknown): value is Scalar {
  return value === null || ['string', 'number', 'boolean'].includes(typeof value);
}

function isFiniteScalar(value: unknown): value is Scalar {
  return isScalar(value) && (typeof value !== 'number' || Number.isFinite(value));
}

/** Turns a where-clause into checked filters; anything but the documented shapes is INVALID_QUERY. */
export function parseWhere(where: Where | undefined): Array<[field: string, filter: ParsedFilter]> {
  if (where === undefined) return [];
  if (where === null || typeof where !== 'object' || Array.isArray(where)) {
    throw new StoreError('INVALID_QUERY', 'where must be an object');
  }
  return Object.entries(where).map(([field, filter]) => {
    storeInput.field(field);
    if (isScalar(filter)) {
      if (typeof filter === 'number' && !Number.isFinite(filter)) {
        throw new StoreError('INVALID_QUERY', `non-finite number for ${field}`);
      }
      return [field, { kind: 'eq', value: filter }];
    }
    if (typeof filter !== 'object' || Array.isArray(filter)) {
      throw new StoreError('INVALID_QUERY', `unsupported filter for ${field}`);
    }
    const keys = Object.keys(filter);
    if (keys.length === 1 && keys[0] === '$in') {
      const values = (filter as InFilter).$in;
      if (!Array.isArray(values) || !values.every(isFiniteScalar) || values.length > 1000) {
        throw new StoreError('INVALID_QUERY', `$in for ${field} needs an array of at most 1000 finite scalars`);
      }
      return [field, { kind: 'in', values }];
    }
    if (keys.length === 0 || !keys.every((key) => RANGE_OPERATORS.has(key))) {
      throw new StoreError('INVALID_QUERY', `unsupported operator for ${field}: ${keys.join(',')}`);
    }
    const bounds = keys.map((op) => {
      const value = (filter as Record<string, unknown>)[op];
      if (!(typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value)))) {
        throw new StoreError('INVALID_QUERY', `range bound ${op} for ${field} must be a string or number`);
      }
      return [op as keyof RangeFilter, value] as [keyof RangeFilter, string | number];
    });
    return [field, { kind: 'range', bounds }];
  });
}

export function parseOrderBy(orderBy: FindQuery['orderBy']): Array<[string, Direction]> {
  if (orderBy === undefined) return [];
  if (!Array.isArray(orderBy)) throw new StoreError('INVALID_QUERY', 'orderBy must be an array');
  return orderBy.map((entry) => {
    if (!Array.isArray(entry) || entry.length !== 2 || (entry[1] !== 'asc' && entry[1] !== 'desc')) {
      throw new StoreError('INVALID_QUERY', 'orderBy entries are [field, "asc" | "desc"]');
    }
    return [storeInput.field(entry[0]), entry[1]];
  });
}

/** Keys in order, a repeated field keeps its first place, and `_id` ascending breaks the remaining ties. */
export function effectiveOrder(orderBy: FindQuery['orderBy']): Array<[string, Direction]> {
  const seen = new Set<string>();
  const order: Array<[string, Direction]> = [];
  for (const [field, direction] of parseOrderBy(orderBy)) {
    if (seen.has(field)) continue;
    seen.add(field);
    order.push([field, direction]);
    if (field === '_id') return order;
  }
  order.push(['_id', 'asc']);
  return order;
}

/** Reads every page of a query (for reports and exports); stops at `max` documents. */
export async function findAll<T extends Doc>(
  store: Store,
  collection: string,
  query: Omit<FindQuery, 'limit' | 'offset'> = {},
  max = 100_000,
): Promise<T[]> {
  const all: T[] = [];
  for (let offset = 0; offset < max; offset += MAX_FIND_LIMIT) {
    const page = await store.find<T>(collection, { ...query, offset, limit: MAX_FIND_LIMIT });
    all.push(...page);
    if (page.length < MAX_FIND_LIMIT) break;
  }
  return all;
}

/** How many values one `$in` filter may hold (CloudBase's limit, enforced by both adapters). */
export const MAX_IN_VALUES = 1000;

/**
 * Every document whose `field` is one of `values` (and matches `where`), in chunks of
 * MAX_IN_VALUES: a county with more societies than one `$in` may name still gets them all.
 */
export async function findIn<T extends Doc>(
  store: Store,
  collection: string,
  field: string,
  values: readonly Scalar[],
  where: Where = {},
): Promise<T[]> {
  const unique = [...new Set(values)];
  const found: T[] = [];
  for (let start = 0; start < unique.length; start += MAX_IN_VALUES) {
    const chunk = unique.slice(start, start + MAX_IN_VALUES);
    found.push(...(await findAll<T>(store, collection, { where: { ...where, [field]: { $in: chunk } } })));
  }
  return found;
}
