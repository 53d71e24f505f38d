import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { SqliteStore } from '../../server/adapters/sqlite/store';
import { describeStoreContract } from './store-contract';
import { findIn } from '../../server/ports/store';

const folders: string[] = [];

function tempFolder(): string {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'store-contract-'));
  folders.push(folder);
  return folder;
}

afterAll(() => {
  for (const folder of folders) fs.rmSync(folder, { recursive: true, force: true });
});

describeStoreContract('SqliteStore', async () => {
  const folder = tempFolder();
  const store = SqliteStore.open({ file: path.join(folder, 'store.sqlite') });
  return {
    store,
    close: async () => {
      await store.close();
      fs.rmSync(folder, { recursive: true, force: true });
    },
  };
});

describe('SqliteStore', () => {
  const INDEXES = { cases: [['scope.societyId', 'status'], ['createdAt']], users: [['openid']] };

  it('creates the folder of the file and keeps the data across close and reopen', async () => {
    const file = path.join(tempFolder(), 'nested', 'deeper', 'data.sqlite');
    const first = SqliteStore.open({ file, indexes: INDEXES });
    await first.insert('cases', { _id: 'c1', scope: { societyId: 's1' }, status: 'open' });
    await first.transaction((tx) => tx.set('funds', { _id: 'f1', balance: 100 }));
    await first.close();

    const second = SqliteStore.open({ file, indexes: INDEXES });
    expect(await second.get('cases', 'c1')).toEqual({ _id: 'c1', scope: { societyId: 's1' }, status: 'open' });
    expect(await second.find('funds')).toEqual([{ _id: 'f1', balance: 100 }]);
    await second.close();
  });

  it('creates the expression indexes and uses them for indexed equality', async () => {
    const file = path.join(tempFolder(), 'indexed.sqlite');
    const store = SqliteStore.open({ file, indexes: INDEXES });
    for (let i = 0; i < 50; i += 1) {
      await store.insert('cases', {
        _id: `c${i}`,
        scope: { societyId: `s${i % 5}` },
        status: i % 2 ? 'open' : 'closed',
        createdAt: `2025-01-${String((i % 28) + 1).padStart(2, '0')}`,
      });
    }

    const plan = store.explainFind('cases', { where: { 'scope.societyId': 's1', status: 'open' } });
    expect(plan.join('\n')).toMatch(/SEARCH .*USING INDEX "?ix_cases__scope_societyId__status"?/);
    const rangePlan = store.explainFind('cases', {
      where: { createdAt: { $gte: '2025-01-10' } },
      orderBy: [['createdAt', 'asc']],
    });
    expect(rangePlan.join('\n')).toMatch(/USING INDEX "?ix_cases__createdAt"?/);
    const byIdPlan = store.explainFind('cases', { where: { _id: { $in: ['c1', 'c2'] } } });
    expect(byIdPlan.join('\n')).toMatch(/USING (INDEX sqlite_autoindex|PRIMARY KEY)/);
    expect(await store.find('cases', { where: { 'scope.societyId': 's1', status: 'open' } })).toHaveLength(5);
    await store.close();

    const db = new Database(file, { readonly: true });
    const indexes = db
      .prepare("SELECT name, tbl_name AS tableName, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL")
      .all() as Array<{ name: string; tableName: string; sql: string }>;
    db.close();
    expect(indexes.map((index) => index.name).sort()).toEqual([
      'ix_cases__createdAt',
      'ix_cases__scope_societyId__status',
      'ix_users__openid',
    ]);
    const compound = indexes.find((index) => index.name === 'ix_cases__scope_societyId__status');
    expect(compound?.sql).toContain("json_extract(data, '$.scope.societyId'), json_extract(data, '$.status')");
  });

  it('refuses an in-memory database, which two connections cannot share', () => {
    expect(() => SqliteStore.open({ file: ':memory:' })).toThrow(/needs a file/);
  });

  it('refuses invalid index definitions', () => {
    const file = path.join(tempFolder(), 'bad.sqlite');
    expect(() => SqliteStore.open({ file, indexes: { cases: [["a');drop"]] } })).toThrow(/invalid field path/);
    expect(() => SqliteStore.open({ file, indexes: { 'bad-name': [['a']] } })).toThrow(/invalid collection name/);
  });

  it('finishes queued writes before closing, and refuses calls afterwards', async () => {
    const store = SqliteStore.open({ file: path.join(tempFolder(), 'closing.sqlite') });
    const writes = Array.from({ length: 5 }, (_, i) => store.insert('docs', { _id: `d${i}`, i }));
    const closing = store.close();
    await Promise.all(writes);
    await closing;
    await expect(store.get('docs', 'd1')).rejects.toThrow(/closed/);
  });
  it('changes its commit mark on each committed write, and not on a read or an aborted transaction', async () => {
    const store = SqliteStore.open({ file: path.join(tempFolder(), 'mark.sqlite') });
    const start = store.commitMark();
    await store.get('docs', 'x');
    expect(store.commitMark()).toBe(start);
    await store.insert('docs', { _id: 'a', v: 1 });
    const afterInsert = store.commitMark();
    expect(afterInsert).not.toBe(start);
    await expect(
      store.transaction(async (tx) => {
        await tx.insert('docs', { _id: 'b', v: 1 });
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    expect(store.commitMark()).toBe(afterInsert);
    await store.transaction(async (tx) => tx.insert('docs', { _id: 'c', v: 1 }));
    expect(store.commitMark()).not.toBe(afterInsert);
    await store.close();
  });
  it('findIn finds by more values than one $in may hold, in chunks', async () => {
    const store = SqliteStore.open({ file: path.join(tempFolder(), 'in.sqlite') });
    await store.transaction(async (tx) => {
      for (let i = 0; i < 2_500; i += 1) await tx.insert('docs', { _id: `d${i}`, group: i % 2 });
    });
    const ids = Array.from({ length: 2_600 }, (_, i) => `d${i}`);
    expect(await findIn(store, 'docs', '_id', ids)).toHaveLength(2_500);
    expect(await findIn(store, 'docs', '_id', [...ids, ...ids], { group: 1 })).toHaveLength(1_250);
    await expect(store.find('docs', { where: { _id: { $in: ids } } })).rejects.toThrow(/at most 1000/);
    await store.close();
  });
});
