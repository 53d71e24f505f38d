/**
 * The per-call Store (server/ports/call-store.ts, issue 15): it passes the whole Store contract,
 * and it saves round trips only where the call could not have seen anything else.
 */
import { CallStore } from '../../server/ports/call-store';
import { CountingStore } from '../../server/ports/counting-store';
import { isStoreError, type Doc } from '../../server/ports/store';
import { CloudBaseStore } from '../../server/adapters/cloudbase/store';
import { FakeCloudDatabase } from '../support/fake-cloudbase-db';
import { describeStoreContract } from './store-contract';

describeStoreContract('CallStore over CloudBaseStore', async () => ({
  store: new CallStore(new CloudBaseStore(new FakeCloudDatabase())),
  close: async () => undefined,
}));

interface Item extends Doc {
  n: number;
  tags?: string[];
}

function counted() {
  // The collections exist, as after the deploy: a first write would otherwise create one and run again.
  const inner = new CloudBaseStore(
    new FakeCloudDatabase({ collections: ['items', 'other', 'heads', 'events', 'docs'] }),
  );
  const counting = new CountingStore(inner);
  counting.trace = [];
  return { inner, counting, call: new CallStore(counting), trace: () => counting.trace!.splice(0) };
}

describe('CallStore', () => {
  it('answers a second get and a second find of the call from the first', async () => {
    const { inner, call, trace } = counted();
    await inner.insert<Item>('items', { _id: 'a', n: 1 });
    expect(await call.get('items', 'a')).toEqual({ _id: 'a', n: 1 });
    expect(await call.get('items', 'a')).toEqual({ _id: 'a', n: 1 });
    expect(await call.get('items', 'missing')).toBeNull();
    expect(await call.get('items', 'missing')).toBeNull();
    expect(await call.find('items', { where: { n: 1 } })).toHaveLength(1);
    expect(await call.find('items', { where: { n: 1 } })).toHaveLength(1);
    expect(trace()).toEqual(['get items', 'get items', 'find items (1)']);
  });

  it('shares one round trip between two reads asked at once', async () => {
    const { inner, call, trace } = counted();
    await inner.insert<Item>('items', { _id: 'a', n: 1 });
    await Promise.all([call.get('items', 'a'), call.get('items', 'a'), call.find('items'), call.find('items')]);
    expect(trace()).toEqual(['get items', 'find items (1)']);
  });

  it('reads its own writes: an insert or a transaction writing a collection forgets what was read from it', async () => {
    const { inner, call, trace } = counted();
    await inner.insert<Item>('items', { _id: 'a', n: 1 });
    await inner.insert<Item>('other', { _id: 'o', n: 1 });
    await call.get('items', 'a');
    await call.find('items');
    await call.get('other', 'o');
    await call.insert<Item>('items', { _id: 'b', n: 2 });
    expect(await call.find('items')).toHaveLength(2);
    await call.transaction(async (tx) => tx.update('items', 'a', { n: 5 }));
    expect(await call.get<Item>('items', 'a')).toEqual({ _id: 'a', n: 5 });
    expect(await call.get('other', 'o')).toEqual({ _id: 'o', n: 1 });
    expect(trace().filter((line) => line.startsWith('get') || line.startsWith('find'))).toEqual([
      'get items',
      'find items (1)',
      'get other',
      'find items (2)',
      'get items',
    ]);
  });

  it('after a commit keeps a find whose filters and order the write left alone, with the written document in it', async () => {
    const { inner, call, trace } = counted();
    await inner.insert<Item>('items', { _id: 'a', n: 1, tags: ['x'] });
    await inner.insert<Item>('items', { _id: 'b', n: 1 });
    const byN = { where: { n: 1 }, orderBy: [['_id', 'asc']] as Array<[string, 'asc']> };
    expect(await call.find('items', byN)).toHaveLength(2);
    await call.get('items', 'a');
    trace();
    await call.transaction(async (tx) => {
      const a = (await tx.get<Item>('items', 'a'))!;
      await tx.set<Item>('items', { ...a, tags: ['x', 'y'] });
    });
    trace();
    expect(await call.find<Item>('items', byN)).toEqual([
      { _id: 'a', n: 1, tags: ['x', 'y'] },
      { _id: 'b', n: 1 },
    ]);
    expect(await call.get('items', 'a')).toEqual({ _id: 'a', n: 1, tags: ['x', 'y'] });
    expect(trace()).toEqual([]);
  });

  it('after a commit forgets a find on a field the write changed, or one it cannot tell about', async () => {
    const { inner, call, trace } = counted();
    await inner.insert<Item>('items', { _id: 'a', n: 1 });
    await inner.insert<Item>('items', { _id: 'b', n: 2 });
    await call.find('items', { where: { n: 1 } });
    await call.find('items', { where: { n: 2 } });
    await call.find('items', { orderBy: [['n', 'desc']] });
    await call.transaction(async (tx) => {
      const a = (await tx.get<Item>('items', 'a'))!;
      await tx.set<Item>('items', { ...a, n: 2 });
    });
    trace();
    expect(await call.find('items', { where: { n: 1 } })).toEqual([]);
    expect((await call.find('items', { where: { n: 2 } })).map((doc) => doc._id).sort()).toEqual(['a', 'b']);
    expect((await call.find('items', { orderBy: [['n', 'desc']] })).map((doc) => doc._id)).toEqual(['a', 'b']);
    expect(trace()).toEqual(['find items (0)', 'find items (2)', 'find items (2)']);

    // Written without reading it first: the write's effect on an answer is unknown.
    await call.find('items', { where: { n: 2 } });
    await call.transaction(async (tx) => tx.update('items', 'b', { tags: ['z'] }));
    trace();
    await call.find('items', { where: { n: 2 } });
    expect(trace()).toEqual(['find items (2)']);
  });

  it('after a commit forgets a find that held the document otherwise than the transaction read it', async () => {
    const { inner, call, trace } = counted();
    await inner.insert<Item>('items', { _id: 'a', n: 1 });
    await call.find('items', { where: { n: 1 } });
    // Another call moves it meanwhile; this call's transaction then changes something else.
    await inner.transaction(async (tx) => tx.update('items', 'a', { n: 3 }));
    await call.transaction(async (tx) => {
      const a = (await tx.get<Item>('items', 'a'))!;
      await tx.set<Item>('items', { ...a, tags: ['late'] });
    });
    trace();
    expect(await call.find('items', { where: { n: 1 } })).toEqual([]);
    expect(trace()).toEqual(['find items (0)']);
  });

  it('forgets a collection a transaction wrote to even when the transaction fails', async () => {
    const { inner, call } = counted();
    await inner.insert<Item>('items', { _id: 'a', n: 1 });
    await call.get('items', 'a');
    await expect(
      call.transaction(async (tx) => {
        await tx.update('items', 'a', { n: 2 });
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    await inner.transaction(async (tx) => tx.update('items', 'a', { n: 3 }));
    expect(await call.get<Item>('items', 'a')).toEqual({ _id: 'a', n: 3 });
  });

  it('never hands out the kept document itself: changing what one got changes nothing for the next', async () => {
    const { inner, call } = counted();
    await inner.insert<Item>('items', { _id: 'a', n: 1, tags: ['x'] });
    const first = (await call.get<Item>('items', 'a'))!;
    first.tags!.push('changed');
    first.n = 99;
    const [found] = await call.find<Item>('items');
    found!.tags!.push('changed');
    expect(await call.get<Item>('items', 'a')).toEqual({ _id: 'a', n: 1, tags: ['x'] });
    expect(await call.find<Item>('items')).toEqual([{ _id: 'a', n: 1, tags: ['x'] }]);
  });

  it('keeps no find bigger than one page of 100 (a paging loop would hold everything)', async () => {
    const { inner, call, trace } = counted();
    await inner.transaction(async (tx) => {
      for (let n = 0; n < 150; n += 1) await tx.insert<Item>('items', { _id: `i${String(n).padStart(3, '0')}`, n });
    });
    await call.find('items', { limit: 150 });
    await call.find('items', { limit: 150 });
    expect(trace()).toEqual(['find items (150)', 'find items (150)']);
  });

  it('keeps at most 2,000 documents in all: a long call starts afresh rather than hold everything it read', async () => {
    const { inner, call, trace } = counted();
    await inner.transaction(async (tx) => {
      for (let n = 0; n < 100; n += 1) await tx.insert<Item>('items', { _id: `i${String(n).padStart(3, '0')}`, n });
    });
    // 25 different finds of 100, 99, … 76 documents: the 23rd passes 2,000 and all is forgotten.
    for (let page = 0; page < 25; page += 1) await call.find('items', { where: { n: { $gte: 0 } }, limit: 100 - page });
    trace();
    await call.find('items', { where: { n: { $gte: 0 } }, limit: 100 });
    await call.find('items', { where: { n: { $gte: 0 } }, limit: 76 });
    expect(trace()).toEqual(['find items (100)']);
  });

  describe('inside a transaction', () => {
    it('reads a document once per run, and its own writes without asking', async () => {
      const { inner, call, trace } = counted();
      await inner.insert<Item>('heads', { _id: 'h', n: 1 });
      await call.transaction(async (tx) => {
        const head = (await tx.get<Item>('heads', 'h'))!;
        await tx.set<Item>('heads', { ...head, n: head.n + 1 });
        const again = (await tx.get<Item>('heads', 'h'))!;
        expect(again.n).toBe(2);
        await tx.set<Item>('heads', { ...again, n: again.n + 1 });
        await tx.insert<Item>('events', { _id: 'e1', n: 1 });
        expect(await tx.get('events', 'e1')).toEqual({ _id: 'e1', n: 1 });
      });
      expect(trace()).toEqual(['tx start + commit (2)', '  tx get heads', '  tx insert events', '  tx set heads']);
      expect(await inner.get('heads', 'h')).toEqual({ _id: 'h', n: 3 });
    });

    it('merges an update into a held set, and leaves out undefined fields as the store does', async () => {
      const { inner, call, trace } = counted();
      await call.transaction(async (tx) => {
        await tx.set('docs', { _id: 'd', n: 1, gone: undefined, nested: { a: 1, b: undefined } });
        await tx.update('docs', 'd', { m: 2 });
        expect(await tx.get('docs', 'd')).toEqual({ _id: 'd', n: 1, m: 2, nested: { a: 1 } });
      });
      expect(trace()).toEqual(['tx start + commit (2)', '  tx set docs']);
      expect(await inner.get('docs', 'd')).toEqual({ _id: 'd', n: 1, m: 2, nested: { a: 1 } });
    });

    it('sends a held set before an insert of the same document, so the store refuses the duplicate', async () => {
      const { inner, call } = counted();
      const failure = await call
        .transaction(async (tx) => {
          await tx.set('docs', { _id: 'd', n: 1 });
          await tx.insert('docs', { _id: 'd', n: 2 });
        })
        .catch((error: unknown) => error);
      expect(isStoreError(failure, 'DUPLICATE_ID')).toBe(true);
      expect(await inner.get('docs', 'd')).toBeNull();
    });

    it('writes nothing held when the work fails after a set', async () => {
      const { inner, call } = counted();
      await inner.insert<Item>('docs', { _id: 'd', n: 1 });
      await expect(
        call.transaction(async (tx) => {
          await tx.set<Item>('docs', { _id: 'd', n: 2 });
          throw new Error('refused');
        }),
      ).rejects.toThrow('refused');
      expect(await inner.get('docs', 'd')).toEqual({ _id: 'd', n: 1 });
    });

    it('sees an update of a document it read, without reading it again', async () => {
      const { inner, call, trace } = counted();
      await inner.insert<Item>('docs', { _id: 'd', n: 1 });
      await call.transaction(async (tx) => {
        await tx.get('docs', 'd');
        await tx.update('docs', 'd', { n: 4 });
        expect(await tx.get('docs', 'd')).toEqual({ _id: 'd', n: 4 });
      });
      expect(trace()).toEqual(['tx start + commit (2)', '  tx get docs', '  tx update docs']);
    });
  });
});
