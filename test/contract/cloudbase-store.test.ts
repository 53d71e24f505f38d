import type * as WxServerSdk from 'wx-server-sdk';
import { CloudBaseStore, type CloudDatabase } from '../../server/adapters/cloudbase/store';
import { isStoreError } from '../../server/ports/store';
import { FakeCloudDatabase, FAKE_MAX_GET } from '../support/fake-cloudbase-db';
import { describeStoreContract } from './store-contract';

// Type-level check, erased at run time: the real `cloud.database()` fits the interface the adapter declares.
export const realDatabaseFits: CloudDatabase = null as unknown as ReturnType<typeof WxServerSdk.database>;

describeStoreContract('CloudBaseStore over the fake CloudBase database', async () => ({
  store: new CloudBaseStore(new FakeCloudDatabase()),
  close: async () => undefined,
}));

describe('CloudBaseStore', () => {
  it('never asks for more than 1000 documents in one get, and orders every get by _id last', async () => {
    const db = new FakeCloudDatabase();
    const store = new CloudBaseStore(db);
    const docs = Array.from({ length: 2345 }, (_, n) => ({ _id: `d${String(n).padStart(4, '0')}`, n }));
    for (let i = 0; i < docs.length; i += 200)
      await Promise.all(docs.slice(i, i + 200).map((d) => store.insert('docs', d)));

    db.gets.length = 0;
    expect(await store.find('docs', { limit: 10_000 })).toHaveLength(2345);
    expect(await store.find('docs', { offset: 5, limit: 2200 })).toHaveLength(2200);
    expect(await store.find('docs')).toHaveLength(100);
    expect(db.gets.length).toBeGreaterThanOrEqual(7);
    for (const get of db.gets) {
      expect(get.limit).toBeDefined();
      expect(get.limit).toBeLessThanOrEqual(FAKE_MAX_GET);
    }
    expect(db.gets.slice(0, 3).map((get) => [get.skip, get.limit])).toEqual([
      [0, 1000],
      [1000, 1000],
      [2000, 1000],
    ]);
  });

  it('strips the _openid CloudBase adds to documents written from a client', async () => {
    const db = new FakeCloudDatabase({ collections: ['docs'] });
    db.plant('docs', { _id: 'a', _openid: 'o-123', n: 1 });
    const store = new CloudBaseStore(db);
    expect(await store.get('docs', 'a')).toEqual({ _id: 'a', n: 1 });
    expect(await store.find('docs')).toEqual([{ _id: 'a', n: 1 }]);
    expect(await store.transaction((tx) => tx.get('docs', 'a'))).toEqual({ _id: 'a', n: 1 });
  });

  it('creates a missing collection on its first write, in and out of transactions', async () => {
    const db = new FakeCloudDatabase();
    const store = new CloudBaseStore(db);
    expect(await store.find('a')).toEqual([]);
    expect(db.hasCollection('a')).toBe(false);
    await store.insert('a', { _id: '1', n: 1 });
    await store.transaction((tx) => tx.set('b', { _id: '1', n: 1 }));
    expect(db.hasCollection('a')).toBe(true);
    expect(db.hasCollection('b')).toBe(true);
    expect(await store.get('b', '1')).toEqual({ _id: '1', n: 1 });
  });

  it('reads a missing document as null also when the database does not throw on it', async () => {
    const db = new FakeCloudDatabase({ collections: ['docs'], throwOnNotFound: false });
    const store = new CloudBaseStore(db);
    expect(await store.get('docs', 'nope')).toBeNull();
    expect(await store.transaction((tx) => tx.get('docs', 'nope'))).toBeNull();
  });

  it('retries conflicting transactions, running the work again, and gives up with CONFLICT', async () => {
    const db = new FakeCloudDatabase({ collections: ['counters'] });
    const store = new CloudBaseStore(db, { maxAttempts: 3, backoffMs: 1 });
    await store.insert('counters', { _id: 'c', value: 0 });

    // A transaction whose document another one changed after its snapshot runs its work again.
    const other = new CloudBaseStore(db);
    let runs = 0;
    await store.transaction(async (tx) => {
      runs += 1;
      const counter = await tx.get<{ _id: string; value: number }>('counters', 'c');
      if (runs === 1) await other.transaction((tx2) => tx2.update('counters', 'c', { value: 100 }));
      await tx.update('counters', 'c', { value: (counter?.value ?? 0) + 1 });
    });
    expect(runs).toBe(2);
    expect(await store.get('counters', 'c')).toEqual({ _id: 'c', value: 101 });

    // One that always meets another writer's lock fails with CONFLICT after maxAttempts.
    const blocker = new FakeCloudDatabase({ collections: ['counters'] });
    const blocked = new CloudBaseStore(blocker, { maxAttempts: 3, backoffMs: 1 });
    await blocked.insert('counters', { _id: 'c', value: 0 });
    let release!: () => void;
    const holding = blocker.runTransaction(async (transaction) => {
      await transaction
        .collection('counters')
        .doc('c')
        .set({ data: { value: -1 } });
      await new Promise<void>((resolve) => (release = resolve));
    });
    let attempts = 0;
    const outcome = await blocked
      .transaction(async (tx) => {
        attempts += 1;
        await tx.update('counters', 'c', { value: 1 });
      })
      .catch((error: unknown) => error);
    expect(isStoreError(outcome, 'CONFLICT')).toBe(true);
    expect(attempts).toBe(3);
    release();
    await holding;
    expect(await blocked.get('counters', 'c')).toEqual({ _id: 'c', value: -1 });
  });

  it('does not commit when the work swallows a failed CloudBase call', async () => {
    const db = new FakeCloudDatabase({ collections: ['docs'] });
    const store = new CloudBaseStore(db, { maxAttempts: 2, backoffMs: 1 });
    await store.insert('docs', { _id: 'a', n: 0 });
    let release!: () => void;
    const holding = db.runTransaction(async (transaction) => {
      await transaction
        .collection('docs')
        .doc('a')
        .set({ data: { n: -1 } });
      await new Promise<void>((resolve) => (release = resolve));
    });
    const outcome = await store
      .transaction(async (tx) => {
        await tx.set('docs', { _id: 'b', n: 1 });
        await tx.update('docs', 'a', { n: 1 }).catch(() => 'ignored');
        return 'done';
      })
      .catch((error: unknown) => error);
    expect(isStoreError(outcome, 'CONFLICT')).toBe(true);
    release();
    await holding;
    expect(await store.get('docs', 'b')).toBeNull();
  });

  it('never retries an error the work throws itself, even one that mentions a conflict', async () => {
    const store = new CloudBaseStore(new FakeCloudDatabase({ collections: ['docs'] }), { backoffMs: 1 });
    let runs = 0;
    const error = new Error('recusal conflict: the officer is the applicant');
    await expect(
      store.transaction(async () => {
        runs += 1;
        throw error;
      }),
    ).rejects.toBe(error);
    expect(runs).toBe(1);
  });
});
