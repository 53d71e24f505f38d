/**
 * Issue 15, R-PROC-6: the notice to-do's notices still to post on paper are kept on the society
 * (server/notices/unposted.ts), written by every change of one, so the to-do reads no notices.
 * At every step the to-do must say what reading the notices themselves says.
 */
import { createTestBackend, type TestBackend } from '../support/test-backend';
import { uploaded } from '../support/uploads';
import { COLLECTIONS, type SocietyDoc } from '../../server/collections';
import { officerTodo } from '../../server/notices/publish';
import { CountingStore } from '../../server/ports/counting-store';
import type { NoticeDoc } from '../../server/notices/model';
import type { OfficerTodo, RaiseObjectionResult } from '../../miniprogram/domain/notices';
import { api, payCase, WANGJIA } from './support';

let backend: TestBackend;
beforeEach(async () => {
  backend = await createTestBackend();
});
afterEach(() => backend.close());

/** The to-do, and the same to-do as a society that keeps no copies would read it (the notices). */
async function todos(): Promise<{ kept: OfficerTodo; read: OfficerTodo; roundTrips: number }> {
  const { store } = backend.ports;
  const counting = new CountingStore(store);
  const ctx = { ...(await backend.contextFor('demo-secretary')), store: counting };
  const kept = await officerTodo(ctx, WANGJIA);
  const roundTrips = counting.reset().roundTrips;
  const society = (await store.get<SocietyDoc>(COLLECTIONS.societies, WANGJIA))!;
  const { unpostedNotices: _kept, ...old } = society;
  const withoutCopies = {
    ...ctx,
    store: Object.create(store, {
      get: {
        value: async (collection: string, id: string) =>
          collection === COLLECTIONS.societies && id === WANGJIA ? old : store.get(collection, id),
      },
    }),
  };
  const read = await officerTodo(withoutCopies, WANGJIA);
  return { kept, read, roundTrips };
}

async function keptIds(): Promise<string[]> {
  const society = await backend.ports.store.get<SocietyDoc>(COLLECTIONS.societies, WANGJIA);
  return (society?.unpostedNotices ?? []).map((notice) => notice._id);
}

describe('the notices to post on paper, kept on the society', () => {
  it('publishing, an objection, its answer and the board photo each keep the copy true', async () => {
    const { ok } = api(backend);
    const start = await todos();
    expect(start.kept).toEqual(start.read);
    // The society, its waiting cases and its open objections (the caller was read before): no notices.
    expect(start.roundTrips).toBe(3);
    let { kept, read } = start;

    const caseId = await payCase(backend, { name: '孙春花' });
    const published = await ok<{ notice: { id: string } }>(
      'notices',
      'publishNotice',
      { caseId, villageGroupNo: 2 },
      'demo-secretary',
    );
    const noticeId = published.notice.id;
    expect(await keptIds()).toContain(noticeId);
    ({ kept, read } = await todos());
    expect(kept).toEqual(read);
    expect(kept.notPostedOnPaper.map((notice) => notice.id)).toContain(noticeId);

    const raised = await ok<RaiseObjectionResult>(
      'notices',
      'raiseObjection',
      { requestId: 'objection-unposted-1', noticeId, text: '请再核实一下家里的收入。', contact: null },
      'o-a-neighbour',
    );
    ({ kept, read } = await todos());
    expect(kept).toEqual(read);
    expect(kept.notPostedOnPaper.find((notice) => notice.id === noticeId)).toMatchObject({
      objectionCount: 1,
      openObjectionCount: 1,
    });

    await ok(
      'notices',
      'answerObjection',
      { objectionId: raised.objectionId, answer: '已再次入户核实，收入情况属实。', outcome: 'notUpheld' },
      'demo-secretary',
    );
    ({ kept, read } = await todos());
    expect(kept).toEqual(read);
    expect(kept.notPostedOnPaper.find((notice) => notice.id === noticeId)).toMatchObject({ openObjectionCount: 0 });

    const fileId = await uploaded(backend, 'demo-secretary', { kind: 'boards', societyId: WANGJIA });
    await ok('notices', 'attachBoardPhoto', { noticeId, fileId }, 'demo-secretary');
    expect(await keptIds()).not.toContain(noticeId);
    ({ kept, read } = await todos());
    expect(kept).toEqual(read);
    expect(kept.notPostedOnPaper.map((notice) => notice.id)).not.toContain(noticeId);
    const stored = await backend.ports.store.get<NoticeDoc>(COLLECTIONS.notices, noticeId);
    expect(stored?.boardPhoto?.fileId).toBe(fileId);
  });

  it('a notice that came down is not shown, and the next write drops it', async () => {
    const { ok } = api(backend);
    const { clock } = backend.ports;
    const first = await payCase(backend, { name: '周夏至' });
    const second = await payCase(backend, { name: '吴冬青' });
    const { notice } = await ok<{ notice: { id: string } }>(
      'notices',
      'publishNotice',
      { caseId: first, villageGroupNo: null },
      'demo-secretary',
    );
    expect(await keptIds()).toContain(notice.id);
    clock.set(new Date(clock.now().getTime() + 8 * 24 * 3600_000));
    const { kept, read } = await todos();
    expect(kept).toEqual(read);
    expect(kept.notPostedOnPaper.map((item) => item.id)).not.toContain(notice.id);
    const { notice: next } = await ok<{ notice: { id: string } }>(
      'notices',
      'publishNotice',
      { caseId: second, villageGroupNo: null },
      'demo-secretary',
    );
    expect(await keptIds()).toEqual([next.id]);
  });

  it('a society written before it kept them reads its notices, and is not given a partial copy', async () => {
    const { store } = backend.ports;
    const { unpostedNotices: _dropped, ...old } = (await store.get<SocietyDoc>(COLLECTIONS.societies, WANGJIA))!;
    await store.transaction((tx) => tx.set(COLLECTIONS.societies, old));
    const caseId = await payCase(backend, { name: '郑秋实' });
    const { notice } = await api(backend).ok<{ notice: { id: string } }>(
      'notices',
      'publishNotice',
      { caseId, villageGroupNo: null },
      'demo-secretary',
    );
    expect((await store.get<SocietyDoc>(COLLECTIONS.societies, WANGJIA))?.unpostedNotices).toBeUndefined();
    const counting = new CountingStore(store);
    const todo = await officerTodo({ ...(await backend.contextFor('demo-secretary')), store: counting }, WANGJIA);
    expect(todo.notPostedOnPaper.map((item) => item.id)).toContain(notice.id);
    expect(counting.reset().roundTrips).toBe(4);
  });
});
