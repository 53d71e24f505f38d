/**
 * The Store contract: what every adapter (SQLite locally, CloudBase in production) must do alike,
 * so that a use case tested over one behaves the same over the other. Run it with
 * `describeStoreContract(name, open)` from an adapter's test file.
 */
import { type Doc, type Store, type Transaction, findAll, isStoreError } from '../../server/ports/store';

export interface OpenedStore {
  store: Store;
  close(): Promise<void>;
}

interface CaseDoc extends Doc {
  societyId?: string;
  status: string;
  amount: number | string;
  urgent?: boolean | number;
  closedAt?: string | null;
  scope?: { societyId: string; township?: string };
  createdAt: string;
  rank: number;
}

/** Types are mixed on purpose: CloudBase never matches `true` with `1` or `'500'` with `500`. */
const CASES: CaseDoc[] = [
  {
    _id: 'c01',
    societyId: 's1',
    status: 'open',
    amount: 500,
    urgent: true,
    closedAt: null,
    scope: { societyId: 's1', township: 't1' },
    createdAt: '2025-01-05T08:00:00.000Z',
    rank: 2,
  },
  {
    _id: 'c02',
    societyId: 's1',
    status: 'closed',
    amount: 1000,
    urgent: false,
    closedAt: '2025-02-01T00:00:00.000Z',
    scope: { societyId: 's1', township: 't1' },
    createdAt: '2025-01-10T08:00:00.000Z',
    rank: 1,
  },
  {
    _id: 'c03',
    societyId: 's2',
    status: 'open',
    amount: 250,
    urgent: true,
    scope: { societyId: 's2' },
    createdAt: '2025-01-03T08:00:00.000Z',
    rank: 3,
  },
  {
    _id: 'c04',
    societyId: 's2',
    status: 'approved',
    amount: 1000,
    urgent: false,
    closedAt: null,
    scope: { societyId: 's2', township: 't2' },
    createdAt: '2025-03-01T08:00:00.000Z',
    rank: 2,
  },
  {
    _id: 'c05',
    societyId: 's1',
    status: 'open',
    amount: '500',
    urgent: true,
    closedAt: '2025-01-20T00:00:00.000Z',
    scope: { societyId: 's1', township: 't1' },
    createdAt: '2025-01-05T08:00:00.000Z',
    rank: 1,
  },
  {
    _id: 'c06',
    societyId: 's3',
    status: 'open',
    amount: 0,
    urgent: 1,
    createdAt: '2024-12-31T23:59:59.999Z',
    rank: 3,
  },
  {
    _id: 'c07',
    societyId: 's3',
    status: 'rejected',
    amount: 499.5,
    urgent: false,
    closedAt: '2025-01-25T00:00:00.000Z',
    scope: { societyId: 's3' },
    createdAt: '2025-01-20T08:00:00.000Z',
    rank: 2,
  },
  {
    _id: 'c08',
    status: 'draft',
    amount: 750,
    createdAt: '2025-02-14T08:00:00.000Z',
    rank: 1,
  },
];

const ids = (docs: Doc[]): string[] => docs.map((doc) => doc._id);

async function expectStoreError(promise: Promise<unknown>, code: string): Promise<void> {
  let caught: unknown;
  try {
    await promise;
  } catch (error) {
    caught = error;
  }
  if (!isStoreError(caught)) {
    throw new Error(`expected StoreError ${code}, got ${caught === undefined ? 'no error' : String(caught)}`);
  }
  expect(caught.code).toBe(code);
}

/** Runs `call` and expects INVALID_QUERY, thrown or rejected (a synchronous throw counts too). */
async function expectInvalid(call: () => Promise<unknown>): Promise<void> {
  await expectStoreError(Promise.resolve().then(call), 'INVALID_QUERY');
}

async function seed(store: Store, collection: string, docs: Doc[]): Promise<void> {
  for (let start = 0; start < docs.length; start += 100) {
    await Promise.all(docs.slice(start, start + 100).map((doc) => store.insert(collection, doc)));
  }
}

/** Hostile values, typed loosely on purpose: they come from outside TypeScript's reach. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const hostile = (value: unknown): any => value;

export function describeStoreContract(name: string, open: () => Promise<OpenedStore>): void {
  describe(`Store contract: ${name}`, () => {
    let opened: OpenedStore;
    let store: Store;

    beforeEach(async () => {
      opened = await open();
      store = opened.store;
    });
    afterEach(async () => {
      await opened.close();
    });

    describe('documents by id', () => {
      it('reads a missing document as null, also in a collection never used', async () => {
        expect(await store.get('neverUsed', 'x')).toBeNull();
        await store.insert('docs', { _id: 'a', n: 1 });
        expect(await store.get('docs', 'b')).toBeNull();
        expect(await store.find('neverUsed')).toEqual([]);
        expect(await store.count('neverUsed')).toBe(0);
      });

      it('round-trips nested objects, arrays and every JSON type exactly', async () => {
        const rich = {
          _id: 'rich-1',
          text: '张*华 申请 — emoji 😀',
          int: 42,
          negative: -7,
          float: 0.1 + 0.2,
          large: Number.MAX_SAFE_INTEGER,
          yes: true,
          no: false,
          nothing: null,
          empty: '',
          list: [1, 'two', null, false, { three: [3, [4]] }],
          emptyList: [],
          emptyObject: {},
          nested: { deeper: { deepest: ['x'], at: '2025-01-05T08:00:00.000Z' } },
        };
        await store.insert('docs', rich);
        expect(await store.get('docs', 'rich-1')).toEqual(rich);
        expect(JSON.stringify(await store.get('docs', 'rich-1'))).toBe(JSON.stringify(rich));
        expect(await store.find('docs', { where: { _id: 'rich-1' } })).toEqual([rich]);
      });

      it('leaves out fields set to undefined, as JSON does', async () => {
        await store.insert('docs', { _id: 'u', kept: 1, dropped: undefined });
        const doc = await store.get<Doc & Record<string, unknown>>('docs', 'u');
        expect(doc).toEqual({ _id: 'u', kept: 1 });
        expect(Object.keys(doc ?? {})).not.toContain('dropped');
      });

      it('refuses a second insert of the same id with DUPLICATE_ID and keeps the original', async () => {
        await store.insert('docs', { _id: 'a', version: 1 });
        await expectStoreError(store.insert('docs', { _id: 'a', version: 2 }), 'DUPLICATE_ID');
        expect(await store.get('docs', 'a')).toEqual({ _id: 'a', version: 1 });
        expect(await store.count('docs')).toBe(1);
      });

      it('lets exactly one of many concurrent inserts of one id succeed', async () => {
        const results = await Promise.allSettled(
          Array.from({ length: 10 }, (_, i) => store.insert('docs', { _id: 'same', by: i })),
        );
        const winners = results.filter((result) => result.status === 'fulfilled');
        expect(winners).toHaveLength(1);
        for (const result of results) {
          if (result.status === 'rejected') expect(isStoreError(result.reason, 'DUPLICATE_ID')).toBe(true);
        }
        expect(await store.count('docs')).toBe(1);
      });

      it('keeps what was stored when the inserted object or a returned document is changed afterwards', async () => {
        const doc = { _id: 'a', nested: { list: [1, 2] }, label: 'original' };
        const inserting = store.insert('docs', doc);
        doc.label = 'changed before the insert finished';
        await inserting;
        doc.nested.list.push(3);
        const stored = { _id: 'a', nested: { list: [1, 2] }, label: 'original' };
        expect(await store.get('docs', 'a')).toEqual(stored);

        const read = await store.get<typeof doc>('docs', 'a');
        read!.nested.list.push(99);
        read!.label = 'mutated';
        const [found] = await store.find<typeof doc>('docs');
        found!.nested.list.length = 0;
        expect(await store.get('docs', 'a')).toEqual(stored);
      });
    });

    describe('find and count', () => {
      beforeEach(async () => {
        await seed(store, 'cases', CASES);
      });

      const find = (where: Record<string, unknown>) => store.find<CaseDoc>('cases', { where: hostile(where) });

      it('returns every document in _id order without a query', async () => {
        expect(ids(await store.find('cases'))).toEqual(ids(CASES));
      });

      it('matches strings, numbers and booleans only against values of the same type', async () => {
        expect(ids(await find({ status: 'open' }))).toEqual(['c01', 'c03', 'c05', 'c06']);
        expect(ids(await find({ amount: 500 }))).toEqual(['c01']);
        expect(ids(await find({ amount: '500' }))).toEqual(['c05']);
        expect(ids(await find({ amount: 1000 }))).toEqual(['c02', 'c04']);
        expect(ids(await find({ urgent: true }))).toEqual(['c01', 'c03', 'c05']);
        expect(ids(await find({ urgent: false }))).toEqual(['c02', 'c04', 'c07']);
        expect(ids(await find({ urgent: 1 }))).toEqual(['c06']);
        expect(ids(await find({ amount: 0 }))).toEqual(['c06']);
        expect(ids(await find({ status: 'missing' }))).toEqual([]);
      });

      it('matches null against null and against a missing field', async () => {
        expect(ids(await find({ closedAt: null }))).toEqual(['c01', 'c03', 'c04', 'c06', 'c08']);
        expect(ids(await find({ societyId: null }))).toEqual(['c08']);
      });

      it('follows dotted field paths into nested objects', async () => {
        expect(ids(await find({ 'scope.societyId': 's1' }))).toEqual(['c01', 'c02', 'c05']);
        expect(ids(await find({ 'scope.township': 't2' }))).toEqual(['c04']);
        expect(ids(await find({ 'scope.township': null }))).toEqual(['c03', 'c06', 'c07', 'c08']);
      });

      it('matches $in against any of the values, each with its own type', async () => {
        expect(ids(await find({ status: { $in: ['approved', 'rejected'] } }))).toEqual(['c04', 'c07']);
        expect(ids(await find({ amount: { $in: [500, 250] } }))).toEqual(['c01', 'c03']);
        expect(ids(await find({ urgent: { $in: [true, 1] } }))).toEqual(['c01', 'c03', 'c05', 'c06']);
        expect(ids(await find({ closedAt: { $in: [null, '2025-01-25T00:00:00.000Z'] } }))).toEqual([
          'c01',
          'c03',
          'c04',
          'c06',
          'c07',
          'c08',
        ]);
        expect(ids(await find({ _id: { $in: ['c08', 'c02', 'nope'] } }))).toEqual(['c02', 'c08']);
        expect(await find({ status: { $in: [] } })).toEqual([]);
      });

      it('compares ranges of numbers with numbers only', async () => {
        expect(ids(await find({ amount: { $gte: 500 } }))).toEqual(['c01', 'c02', 'c04', 'c08']);
        expect(ids(await find({ amount: { $gt: 500 } }))).toEqual(['c02', 'c04', 'c08']);
        expect(ids(await find({ amount: { $gt: 0, $lt: 500 } }))).toEqual(['c03', 'c07']);
        expect(ids(await find({ amount: { $gte: 0, $lte: 250 } }))).toEqual(['c03', 'c06']);
        expect(ids(await find({ amount: { $lt: 0 } }))).toEqual([]);
        expect(ids(await find({ amount: { $gte: '0' } }))).toEqual(['c05']);
        expect(ids(await find({ amount: { $lt: 'a' } }))).toEqual(['c05']);
        expect(ids(await find({ urgent: { $gte: 1 } }))).toEqual(['c06']);
      });

      it('compares ranges of ISO date strings', async () => {
        expect(
          ids(await find({ createdAt: { $gte: '2025-01-05T08:00:00.000Z', $lt: '2025-02-01T00:00:00.000Z' } })),
        ).toEqual(['c01', 'c02', 'c05', 'c07']);
        expect(ids(await find({ createdAt: { $lt: '2025-01-01T00:00:00.000Z' } }))).toEqual(['c06']);
        expect(ids(await find({ closedAt: { $gt: '2025-01-01T00:00:00.000Z' } }))).toEqual(['c02', 'c05', 'c07']);
        expect(ids(await find({ _id: { $gt: 'c03', $lte: 'c05' } }))).toEqual(['c04', 'c05']);
      });

      it('combines several filters with AND', async () => {
        expect(ids(await find({ societyId: 's1', status: 'open', amount: { $gte: 100 } }))).toEqual(['c01']);
        expect(
          ids(await find({ 'scope.societyId': 's1', urgent: true, createdAt: { $lte: '2025-01-05T08:00:00.000Z' } })),
        ).toEqual(['c01', 'c05']);
        expect(ids(await find({ status: { $in: ['open', 'closed'] }, rank: { $gte: 2 }, societyId: 's1' }))).toEqual([
          'c01',
        ]);
      });

      it('orders by several keys, each ascending or descending, and breaks ties by _id ascending', async () => {
        const byStatusThenNewest = await store.find('cases', {
          orderBy: [
            ['status', 'asc'],
            ['createdAt', 'desc'],
          ],
        });
        expect(ids(byStatusThenNewest)).toEqual(['c04', 'c02', 'c08', 'c01', 'c05', 'c03', 'c06', 'c07']);
        const byRankDesc = await store.find('cases', { orderBy: [['rank', 'desc']] });
        expect(ids(byRankDesc)).toEqual(['c03', 'c06', 'c01', 'c04', 'c07', 'c02', 'c05', 'c08']);
        const byRankThenDate = await store.find('cases', {
          orderBy: [
            ['rank', 'asc'],
            ['createdAt', 'asc'],
          ],
        });
        expect(ids(byRankThenDate)).toEqual(['c05', 'c02', 'c08', 'c01', 'c07', 'c04', 'c06', 'c03']);
      });

      it('orders null and missing values first ascending and last descending', async () => {
        const ascending = await store.find('cases', { orderBy: [['closedAt', 'asc']] });
        expect(ids(ascending)).toEqual(['c01', 'c03', 'c04', 'c06', 'c08', 'c05', 'c07', 'c02']);
        const descending = await store.find('cases', { orderBy: [['closedAt', 'desc']] });
        expect(ids(descending)).toEqual(['c02', 'c07', 'c05', 'c01', 'c03', 'c04', 'c06', 'c08']);
      });

      it('orders by dotted paths and by _id, and lets the first of a repeated key win', async () => {
        const byTownship = await store.find('cases', {
          where: { 'scope.township': { $in: ['t1', 't2'] } },
          orderBy: [['scope.township', 'desc']],
        });
        expect(ids(byTownship)).toEqual(['c04', 'c01', 'c02', 'c05']);
        expect(ids(await store.find('cases', { orderBy: [['_id', 'desc']] }))).toEqual(ids(CASES).reverse());
        const repeated = await store.find('cases', {
          orderBy: [
            ['rank', 'desc'],
            ['rank', 'asc'],
          ],
        });
        expect(ids(repeated)).toEqual(ids(await store.find('cases', { orderBy: [['rank', 'desc']] })));
      });

      it('filters, orders, then pages with offset and limit', async () => {
        const query = { where: { amount: { $gte: 0 } }, orderBy: [['amount', 'desc']] as Array<[string, 'desc']> };
        expect(ids(await store.find('cases', query))).toEqual(['c02', 'c04', 'c08', 'c01', 'c07', 'c03', 'c06']);
        expect(ids(await store.find('cases', { ...query, limit: 3 }))).toEqual(['c02', 'c04', 'c08']);
        expect(ids(await store.find('cases', { ...query, offset: 3, limit: 3 }))).toEqual(['c01', 'c07', 'c03']);
        expect(ids(await store.find('cases', { ...query, offset: 6, limit: 3 }))).toEqual(['c06']);
        expect(await store.find('cases', { ...query, offset: 7 })).toEqual([]);
        expect(ids(await store.find('cases', { limit: 1 }))).toEqual(['c01']);
      });

      it('counts all documents or the matching ones', async () => {
        expect(await store.count('cases')).toBe(8);
        expect(await store.count('cases', {})).toBe(8);
        expect(await store.count('cases', { status: 'open' })).toBe(4);
        expect(await store.count('cases', { urgent: true, 'scope.societyId': 's1' })).toBe(2);
        expect(await store.count('cases', { amount: { $gt: 100, $lt: 1000 } })).toBe(4);
        expect(await store.count('cases', { status: { $in: [] } })).toBe(0);
      });
    });

    describe('limits and paging', () => {
      it('returns 100 documents without a limit, and the limit given otherwise', async () => {
        const docs = Array.from({ length: 150 }, (_, i) => ({ _id: `m${String(i).padStart(3, '0')}`, i }));
        await seed(store, 'many', docs);
        const firstPage = await store.find('many');
        expect(firstPage).toHaveLength(100);
        expect(ids(firstPage)).toEqual(ids(docs.slice(0, 100)));
        expect(ids(await store.find('many', { limit: 120 }))).toEqual(ids(docs.slice(0, 120)));
        expect(ids(await store.find('many', { offset: 100 }))).toEqual(ids(docs.slice(100)));
        const paged: string[] = [];
        for (let offset = 0; offset < 150; offset += 7) {
          paged.push(...ids(await store.find('many', { offset, limit: 7, orderBy: [['i', 'desc']] })));
        }
        expect(paged).toEqual(ids(docs).reverse());
      });
    });

    describe('hostile input', () => {
      const invalidIds = [
        hostile({ $gt: '' }),
        hostile(42),
        hostile(null),
        hostile(undefined),
        '',
        'x'.repeat(129),
        hostile(['a']),
      ];

      it.each(invalidIds.map((id) => [JSON.stringify(id) ?? String(id), id]))(
        'refuses the id %s',
        async (_label, id) => {
          await store.insert('docs', { _id: 'a', n: 1 });
          await expectInvalid(() => store.get('docs', id));
          await expectInvalid(() => store.insert('docs', { _id: id, n: 2 }));
          await expectInvalid(() => store.transaction((tx) => tx.get('docs', id)));
          await expectInvalid(() => store.transaction((tx) => tx.set('docs', { _id: id, n: 2 })));
          await expectInvalid(() => store.transaction((tx) => tx.update('docs', id, { n: 2 })));
          expect(await store.find('docs')).toEqual([{ _id: 'a', n: 1 }]);
        },
      );

      it.each(['', '1abc', 'a-b', 'a;drop table x', 'docs"', 'a.b', 'x'.repeat(65), hostile(7), hostile({})])(
        'refuses the collection name %p',
        async (collection) => {
          await expectInvalid(() => store.get(collection, 'a'));
          await expectInvalid(() => store.find(collection));
          await expectInvalid(() => store.count(collection));
          await expectInvalid(() => store.insert(collection, { _id: 'a', n: 1 }));
          await expectInvalid(() => store.transaction((tx) => tx.insert(collection, { _id: 'a', n: 1 })));
        },
      );

      it('treats a collection named like an engine table as an ordinary, empty collection', async () => {
        expect(await store.get('sqlite_master', 'x')).toBeNull();
        expect(await store.find('sqlite_master')).toEqual([]);
        await store.insert('sqlite_master', { _id: 'x', n: 1 });
        expect(await store.find('sqlite_master')).toEqual([{ _id: 'x', n: 1 }]);
      });

      it.each(["a';drop", 'a;drop', '$where', 'a..b', '.a', 'a.', 'a b', '1a', 'a.b.c.d.e.f.g', 'a[0]', "a')"])(
        'refuses the field path %p',
        async (field) => {
          await expectInvalid(() => store.find('docs', { where: { [field]: 1 } }));
          await expectInvalid(() => store.count('docs', { [field]: 1 }));
          await expectInvalid(() => store.find('docs', { orderBy: [[field, 'asc']] }));
        },
      );

      it.each([
        ['$regex', { $regex: '.*' }],
        ['$ne', { $ne: 1 }],
        ['$where', { $where: 'sleep(1000)' }],
        ['$exists', { $exists: true }],
        ['$nin', { $nin: [1] }],
        ['$in with another operator', { $in: [1], $gt: 0 }],
        ['an unknown operator beside a range', { $gt: 1, $foo: 2 }],
        ['an empty object', {}],
        ['$in of a string', { $in: 'abc' }],
        ['$in of objects', { $in: [{ $gt: '' }] }],
        ['$in of arrays', { $in: [['a']] }],
        ['a null bound', { $gt: null }],
        ['a boolean bound', { $lt: true }],
        ['an object bound', { $gte: { a: 1 } }],
        ['an array', ['a', 'b']],
        ['a nested object', { scope: 's1' }],
        ['a Date', new Date()],
        ['a function', () => 1],
        ['undefined', undefined],
        ['NaN', NaN],
        ['Infinity', Infinity],
        ['-Infinity in a range', { $gt: -Infinity }],
        ['NaN in a range', { $lt: NaN }],
        ['NaN in $in', { $in: [1, NaN] }],
        ['Infinity in $in', { $in: [Infinity] }],
      ])('refuses the filter %s', async (_label, filter) => {
        await expectInvalid(() => store.find('docs', { where: { amount: hostile(filter) } }));
        await expectInvalid(() => store.count('docs', { amount: hostile(filter) }));
      });

      it('refuses malformed queries, orders, limits and offsets', async () => {
        const bad = [
          { where: hostile('status = 1') },
          { where: hostile(['status']) },
          { where: hostile(null) },
          { orderBy: hostile('status') },
          { orderBy: hostile([['status']]) },
          { orderBy: hostile([['status', 'up']]) },
          { orderBy: hostile([['status', 'asc', 'extra']]) },
          { orderBy: hostile([[['status'], 'asc']]) },
          { limit: 0 },
          { limit: -1 },
          { limit: 1.5 },
          { limit: 10_001 },
          { limit: hostile('10') },
          { limit: NaN },
          { offset: -1 },
          { offset: 0.5 },
          { offset: hostile('1') },
          { offset: Infinity },
        ];
        for (const query of bad) await expectInvalid(() => store.find('docs', query));
        await expectInvalid(() => store.find('docs', hostile('where')));
        await expectInvalid(() => store.find('docs', hostile(null)));
        await expectInvalid(() => store.count('docs', hostile('x')));
      });

      it('refuses documents that are not plain JSON and writes nothing', async () => {
        const bad = [
          hostile(null),
          hostile('doc'),
          hostile([{ _id: 'a' }]),
          { _id: 'a' },
          { _id: 'a', amount: NaN },
          { _id: 'a', amount: Infinity },
          { _id: 'a', nested: { amount: -Infinity } },
          { _id: 'a', at: new Date() },
          { _id: 'a', content: Buffer.from('x') },
          { _id: 'a', list: [1, undefined] },
          { _id: 'a', fn: () => 1 },
          { _id: 'a', big: BigInt(1) },
          { _id: 'a', 'dotted.key': 1 },
          { _id: 'a', nested: { $where: 1 } },
          { _id: 'a', map: new Map() },
        ];
        for (const doc of bad) {
          await expectInvalid(() => store.insert('docs', doc));
          await expectInvalid(() => store.transaction((tx) => tx.insert('docs', doc)));
          await expectInvalid(() => store.transaction((tx) => tx.set('docs', doc)));
        }
        expect(await store.count('docs')).toBe(0);
      });

      it('refuses patches that touch _id, dotted paths or non-JSON values, and writes nothing', async () => {
        await store.insert('docs', { _id: 'a', n: 1, scope: { x: 1 } });
        const bad = [
          hostile(null),
          hostile([]),
          { _id: 'b' },
          { 'scope.x': 2 },
          { $set: { n: 2 } },
          { n: NaN },
          { n: new Date() },
        ];
        for (const patch of bad) {
          await expectInvalid(() =>
            store.transaction(async (tx) => {
              await tx.update('docs', 'a', { other: 'written first' });
              await tx.update('docs', 'a', patch);
            }),
          );
        }
        expect(await store.get('docs', 'a')).toEqual({ _id: 'a', n: 1, scope: { x: 1 } });
      });
    });

    describe('reads larger than one CloudBase get', () => {
      const BIG = 2500;
      const docs = Array.from({ length: BIG }, (_, n) => ({ _id: `b${String(n).padStart(4, '0')}`, n, group: n % 2 }));

      beforeEach(async () => {
        await seed(store, 'big', docs);
      });

      it('returns 2,200 documents in one find, and pages past 1,000 with an offset', async () => {
        const found = await store.find<(typeof docs)[number]>('big', { limit: 2200 });
        expect(found).toHaveLength(2200);
        expect(ids(found)).toEqual(ids(docs.slice(0, 2200)));
        const tail = await store.find('big', { offset: 1999, limit: 1000 });
        expect(ids(tail)).toEqual(ids(docs.slice(1999)));
        const odd = await store.find<(typeof docs)[number]>('big', {
          where: { group: 1 },
          orderBy: [['n', 'desc']],
          limit: 1500,
        });
        expect(odd).toHaveLength(1250);
        expect(odd.map((doc) => doc.n)).toEqual(
          docs
            .filter((doc) => doc.group === 1)
            .map((doc) => doc.n)
            .reverse(),
        );
        expect(await store.count('big')).toBe(BIG);
        expect(await store.count('big', { group: 0, n: { $lt: 1000 } })).toBe(500);
      });

      it('reads everything with findAll', async () => {
        const all = await findAll<(typeof docs)[number]>(store, 'big');
        expect(all).toHaveLength(BIG);
        expect(new Set(ids(all)).size).toBe(BIG);
        expect(ids(all)).toEqual(ids(docs));
        const evenDescending = await findAll<(typeof docs)[number]>(store, 'big', {
          where: { group: 0 },
          orderBy: [['n', 'desc']],
        });
        expect(evenDescending.map((doc) => doc.n)).toEqual(
          docs
            .filter((doc) => doc.group === 0)
            .map((doc) => doc.n)
            .reverse(),
        );
      });
    });

    describe('transactions', () => {
      it('gets, inserts, sets and updates by id, and sees its own writes', async () => {
        await store.insert('funds', { _id: 'f1', balance: 100, owner: { name: 'A', since: '2025' } });
        const seen = await store.transaction(async (tx) => {
          const before = await tx.get<Doc & { balance: number }>('funds', 'f1');
          await tx.insert('entries', { _id: 'e1', amount: 30 });
          await tx.set('funds', { _id: 'f2', balance: 5 });
          await tx.update('funds', 'f1', { balance: (before?.balance ?? 0) - 30 });
          return {
            before,
            entry: await tx.get('entries', 'e1'),
            f1: await tx.get('funds', 'f1'),
            f2: await tx.get('funds', 'f2'),
            missing: await tx.get('funds', 'nope'),
            neverUsed: await tx.get('neverUsedInTx', 'x'),
          };
        });
        expect(seen).toEqual({
          before: { _id: 'f1', balance: 100, owner: { name: 'A', since: '2025' } },
          entry: { _id: 'e1', amount: 30 },
          f1: { _id: 'f1', balance: 70, owner: { name: 'A', since: '2025' } },
          f2: { _id: 'f2', balance: 5 },
          missing: null,
          neverUsed: null,
        });
        expect(await store.get('funds', 'f1')).toEqual({ _id: 'f1', balance: 70, owner: { name: 'A', since: '2025' } });
        expect(await store.get('funds', 'f2')).toEqual({ _id: 'f2', balance: 5 });
        expect(await store.get('entries', 'e1')).toEqual({ _id: 'e1', amount: 30 });
      });

      it('returns what the work returns', async () => {
        await expect(store.transaction(async () => 42)).resolves.toBe(42);
        await expect(store.transaction(async () => ({ list: [1, 'a'] }))).resolves.toEqual({ list: [1, 'a'] });
        await expect(store.transaction(async () => undefined)).resolves.toBeUndefined();
      });

      it('set replaces the whole document; update replaces the given top-level fields whole', async () => {
        await store.insert('docs', { _id: 'a', keep: 1, scope: { x: 1, y: 2 }, list: [1, 2, 3] });
        await store.transaction((tx) => tx.update('docs', 'a', { scope: { x: 9 }, list: [4], added: null }));
        expect(await store.get('docs', 'a')).toEqual({ _id: 'a', keep: 1, scope: { x: 9 }, list: [4], added: null });
        await store.transaction((tx) => tx.set('docs', { _id: 'a', only: 'this' }));
        expect(await store.get('docs', 'a')).toEqual({ _id: 'a', only: 'this' });
      });

      it('fails an update of a missing document with NOT_FOUND and writes nothing', async () => {
        await expectStoreError(
          store.transaction(async (tx) => {
            await tx.set('docs', { _id: 'written', n: 1 });
            await tx.update('docs', 'missing', { n: 1 });
          }),
          'NOT_FOUND',
        );
        expect(await store.get('docs', 'missing')).toBeNull();
        expect(await store.get('docs', 'written')).toBeNull();
      });

      it('fails an insert of an existing id with DUPLICATE_ID, which the work may catch', async () => {
        await store.insert('docs', { _id: 'a', n: 1 });
        await expectStoreError(
          store.transaction((tx) => tx.insert('docs', { _id: 'a', n: 2 })),
          'DUPLICATE_ID',
        );
        const outcome = await store.transaction(async (tx) => {
          await tx.insert('docs', { _id: 'b', n: 1 });
          try {
            await tx.insert('docs', { _id: 'a', n: 3 });
            return 'inserted';
          } catch (error) {
            if (isStoreError(error, 'DUPLICATE_ID')) return 'duplicate';
            throw error;
          }
        });
        expect(outcome).toBe('duplicate');
        expect(await store.get('docs', 'a')).toEqual({ _id: 'a', n: 1 });
        expect(await store.get('docs', 'b')).toEqual({ _id: 'b', n: 1 });
      });

      it('rolls back every write when the work throws, and rethrows that error', async () => {
        await store.insert('funds', { _id: 'f1', balance: 100 });
        const boom = new Error('boom');
        await expect(
          store.transaction(async (tx) => {
            await tx.update('funds', 'f1', { balance: 0 });
            await tx.insert('entries', { _id: 'e1', amount: 100 });
            await tx.set('funds', { _id: 'f2', balance: 1 });
            await tx.insert('brandNewCollection', { _id: 'x', n: 1 });
            throw boom;
          }),
        ).rejects.toBe(boom);
        expect(await store.get('funds', 'f1')).toEqual({ _id: 'f1', balance: 100 });
        expect(await store.get('funds', 'f2')).toBeNull();
        expect(await store.get('entries', 'e1')).toBeNull();
        expect(await store.find('brandNewCollection')).toEqual([]);
        expect(await store.count('funds')).toBe(1);
      });

      it('hides its writes from reads outside it until it commits', async () => {
        await store.insert('docs', { _id: 'v', n: 1 });
        let release!: () => void;
        const gate = new Promise<void>((resolve) => (release = resolve));
        let arrived!: () => void;
        const atGate = new Promise<void>((resolve) => (arrived = resolve));
        const running = store.transaction(async (tx) => {
          await tx.update('docs', 'v', { n: 2 });
          await tx.insert('docs', { _id: 'w', n: 1 });
          arrived();
          await gate;
        });
        await atGate;
        expect(await store.get('docs', 'v')).toEqual({ _id: 'v', n: 1 });
        expect(await store.get('docs', 'w')).toBeNull();
        expect(await store.count('docs')).toBe(1);
        expect(ids(await store.find('docs'))).toEqual(['v']);
        release();
        await running;
        expect(await store.get('docs', 'v')).toEqual({ _id: 'v', n: 2 });
        expect(await store.count('docs')).toBe(2);
      });

      it('loses no update when 20 transactions increment one counter concurrently', async () => {
        await store.insert('counters', { _id: 'c', value: 0 });
        const N = 20;
        await Promise.all(
          Array.from({ length: N }, () =>
            store.transaction(async (tx) => {
              const counter = await tx.get<Doc & { value: number }>('counters', 'c');
              await tx.update('counters', 'c', { value: (counter?.value ?? 0) + 1 });
            }),
          ),
        );
        expect(await store.get('counters', 'c')).toEqual({ _id: 'c', value: N });
      });

      it('lets exactly one of concurrent transactions insert one id', async () => {
        const results = await Promise.allSettled(
          Array.from({ length: 8 }, (_, i) =>
            store.transaction(async (tx) => {
              await tx.insert('claims', { _id: 'key-1', by: i });
              await tx.insert('claimLog', { _id: `log-${i}`, by: i });
            }),
          ),
        );
        expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
        for (const result of results) {
          if (result.status === 'rejected') expect(isStoreError(result.reason, 'DUPLICATE_ID')).toBe(true);
        }
        expect(await store.count('claims')).toBe(1);
        expect(await store.count('claimLog')).toBe(1);
        const claim = await store.get<Doc & { by: number }>('claims', 'key-1');
        expect(await store.get('claimLog', `log-${claim?.by}`)).not.toBeNull();
      });

      it('copies documents in and out of a transaction', async () => {
        await store.insert('docs', { _id: 'a', list: [1] });
        await store.transaction(async (tx) => {
          const doc = { _id: 'b', list: [1] };
          const setting = tx.set('docs', doc);
          doc.list.push(2);
          await setting;
          const read = await tx.get<Doc & { list: number[] }>('docs', 'a');
          read?.list.push(2);
          expect(await tx.get('docs', 'a')).toEqual({ _id: 'a', list: [1] });
        });
        expect(await store.get('docs', 'a')).toEqual({ _id: 'a', list: [1] });
        expect(await store.get('docs', 'b')).toEqual({ _id: 'b', list: [1] });
      });

      it('refuses store writes and nested transactions inside the work', async () => {
        await expect(
          store.transaction(async () => {
            await store.insert('docs', { _id: 'a', n: 1 });
          }),
        ).rejects.toThrow(/transaction handle/);
        await expect(store.transaction(async () => store.transaction(async () => 1))).rejects.toThrow(
          /transaction handle/,
        );
        expect(await store.count('docs')).toBe(0);
      });

      it('refuses a transaction handle used after the work finished', async () => {
        let leaked: Transaction | undefined;
        await store.transaction(async (tx) => {
          leaked = tx;
        });
        await expect(Promise.resolve().then(() => leaked!.set('docs', { _id: 'late', n: 1 }))).rejects.toThrow(
          /transaction is over/,
        );
        await expect(Promise.resolve().then(() => leaked!.get('docs', 'late'))).rejects.toThrow(/transaction is over/);
        expect(await store.get('docs', 'late')).toBeNull();
      });
    });

    describe('replaceIf (one document, no transaction)', () => {
      type Versioned = Doc & { version: number; nested?: Record<string, unknown>; gone?: string; added?: string };

      it('replaces the document whole, nested objects too, when its field still holds what was read', async () => {
        const before: Versioned = { _id: 'r', version: 1, nested: { a: 1, b: 2 }, gone: 'x' };
        await store.insert('docs', before);
        const next: Versioned = { _id: 'r', version: 2, nested: { a: 3 }, added: 'y' };
        expect(await store.replaceIf('docs', before, next, 'version')).toBe(true);
        expect(await store.get('docs', 'r')).toEqual(next);
      });

      it('writes nothing and answers false when the document changed since or is missing', async () => {
        const before: Versioned = { _id: 'r', version: 1 };
        await store.insert('docs', before);
        await store.transaction((tx) => tx.update('docs', 'r', { version: 2 }));
        expect(await store.replaceIf('docs', before, { _id: 'r', version: 9 }, 'version')).toBe(false);
        expect(await store.get('docs', 'r')).toEqual({ _id: 'r', version: 2 });
        const missing: Versioned = { _id: 'none', version: 1 };
        expect(await store.replaceIf('docs', missing, { ...missing, version: 2 }, 'version')).toBe(false);
        expect(await store.replaceIf('neverUsed', missing, { ...missing, version: 2 }, 'version')).toBe(false);
        expect(await store.get('docs', 'none')).toBeNull();
      });

      it('lets exactly one of concurrent replacements of one version land', async () => {
        const before: Versioned = { _id: 'r', version: 1 };
        await store.insert('docs', before);
        const results = await Promise.all(
          Array.from({ length: 6 }, (_, i) =>
            store.replaceIf<Versioned>('docs', before, { _id: 'r', version: 2, added: `by-${i}` }, 'version'),
          ),
        );
        expect(results.filter(Boolean)).toHaveLength(1);
        const winner = results.indexOf(true);
        expect(await store.get('docs', 'r')).toEqual({ _id: 'r', version: 2, added: `by-${winner}` });
      });

      it('makes a transaction that read the document before conflict, not overwrite it', async () => {
        const before: Versioned = { _id: 'r', version: 1 };
        await store.insert('docs', before);
        let runs = 0;
        let readDone!: () => void;
        const read = new Promise<void>((resolve) => (readDone = resolve));
        let release!: () => void;
        const gate = new Promise<void>((resolve) => (release = resolve));
        const working = store.transaction(async (tx) => {
          runs += 1;
          const current = await tx.get<Versioned>('docs', 'r');
          if (runs === 1) {
            readDone();
            await gate;
          }
          await tx.set<Versioned>('docs', { ...current!, version: current!.version + 1, gone: `run-${runs}` });
        });
        await read;
        // Another caller's one-document write, while the transaction works on what it read.
        const plain = store.replaceIf<Versioned>('docs', before, { _id: 'r', version: 2, added: 'plain' }, 'version');
        await new Promise((resolve) => setTimeout(resolve, 20));
        release();
        await Promise.all([working, plain]);
        const after = await store.get<Versioned>('docs', 'r');
        // Either the plain write waited for the transaction (then found version 2 and wrote nothing)
        // or the transaction ran again on it: never a lost update.
        expect([
          { _id: 'r', version: 2, gone: 'run-1' },
          { _id: 'r', version: 3, added: 'plain', gone: `run-${runs}` },
        ]).toContainEqual(after);
      });

      it('refuses another id, a field that is not a top-level string or number, and calls inside a transaction', async () => {
        const before: Versioned = { _id: 'r', version: 1 };
        await store.insert('docs', before);
        await expect(store.replaceIf('docs', before, { _id: 'other', version: 2 }, 'version')).rejects.toThrow();
        await expect(store.replaceIf('docs', before, { _id: 'r', version: 2 }, 'nested')).rejects.toThrow();
        await expect(store.replaceIf('docs', before, { _id: 'r', version: 2 }, 'a.b')).rejects.toThrow();
        await expect(
          store.transaction(async () => store.replaceIf('docs', before, { _id: 'r', version: 2 }, 'version')),
        ).rejects.toThrow(/transaction handle/);
        expect(await store.get('docs', 'r')).toEqual(before);
      });
    });
  });
}
