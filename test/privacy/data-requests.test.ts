/**
 * Requests about one's own personal information (PIPL art. 50): a villager files one, the
 * society's officers see it with its 15-working-day deadline and answer it (done, or refused with
 * the reason), audited; the township sees the deadlines by masked name; the villager reads the
 * answer. Refusals are clear and write nothing. Real use cases over the real SQLite store.
 */
import { createTestBackend, type TestBackend } from '../support/test-backend';
import { COLLECTIONS } from '../../server/collections';
import { findAll } from '../../server/ports/store';
import type { DataRequestDoc } from '../../server/privacy/data-requests';
import type { DataRequestsView, MyDataRequestItem } from '../../miniprogram/domain/data-requests';
import { caller, SOCIETY } from '../cases/helpers';

const RESIDENT = 'demo-resident';
const MEMBER = 'demo-member';
const SECRETARY = 'demo-secretary';
const TOWNSHIP = 'demo-township';

let backend: TestBackend;
let api: ReturnType<typeof caller>;
beforeAll(async () => {
  backend = await createTestBackend();
  api = caller(backend);
});
afterAll(() => backend.close());

async function footprint() {
  const { store } = backend.ports;
  return {
    requests: await store.count(COLLECTIONS.dataRequests),
    audit: await store.count(COLLECTIONS.auditEvents),
  };
}

const filing = (change: Record<string, unknown> = {}) => ({
  requestId: 'req-data-1',
  societyId: SOCIETY,
  kind: 'correction',
  details: '我家住址写成了二组，应为三组 8 号',
  ...change,
});

let requestId = '';

describe('personal information requests (PIPL art. 50)', () => {
  it('PIPL-50: a villager files a correction request, due in 15 working days; sealed, kept out of the audit trail the supervisors read; a retry files once', async () => {
    const before = await footprint();
    const item = await api.ok<MyDataRequestItem>('applications', 'fileDataRequest', filing(), RESIDENT);
    requestId = item.id;
    expect(item).toMatchObject({
      kind: 'correction',
      kindLabel: '更正、补充我的个人信息',
      status: 'open',
      statusLabel: '办理中',
      details: '我家住址写成了二组，应为三组 8 号',
      // Mon 2026-11-30 14:00 + 15 working days = Mon 2026-12-21 14:00 (Beijing).
      dueAt: '2026-12-21T06:00:00.000Z',
      answer: null,
    });
    expect(await footprint()).toEqual({ requests: before.requests + 1, audit: before.audit });
    const stored = JSON.stringify(await findAll<DataRequestDoc>(backend.ports.store, COLLECTIONS.dataRequests));
    expect(stored).not.toContain('三组 8 号');
    expect(stored).not.toContain('周小红');
    expect(stored).not.toContain(RESIDENT);

    const retry = await api.ok<MyDataRequestItem>('applications', 'fileDataRequest', filing(), RESIDENT);
    expect(retry.id).toBe(item.id);
    const reused = await api.refused('applications', 'fileDataRequest', filing({ kind: 'deletion' }), RESIDENT);
    expect(reused.code).toBe('DUPLICATE');
    expect(await footprint()).toEqual({ requests: before.requests + 1, audit: before.audit });
  });

  it('PIPL-50: an empty request, an unknown society or no WeChat identity is refused and nothing is written', async () => {
    const before = await footprint();
    expect(
      (
        await api.refused(
          'applications',
          'fileDataRequest',
          filing({ requestId: 'req-data-2', details: '  ' }),
          RESIDENT,
        )
      ).code,
    ).toBe('BAD_REQUEST');
    expect(
      (
        await api.refused(
          'applications',
          'fileDataRequest',
          filing({ requestId: 'req-data-3', societyId: 'soc-nowhere' }),
          RESIDENT,
        )
      ).code,
    ).toBe('NOT_FOUND');
    expect((await api.refused('applications', 'fileDataRequest', filing({ requestId: 'req-data-4' }), null)).code).toBe(
      'UNAUTHENTICATED',
    );
    expect(await footprint()).toEqual(before);
  });

  it('PIPL-50: the society’s officers see the request with its name, text and deadline; the township by masked name only', async () => {
    const officer = await api.ok<DataRequestsView>('approvals', 'dataRequests', { societyId: SOCIETY }, SECRETARY);
    expect(officer).toMatchObject({ open: 1, overdue: 0, canAnswer: true });
    expect(officer.items[0]).toMatchObject({
      id: requestId,
      requesterName: '周小红',
      details: '我家住址写成了二组，应为三组 8 号',
      dueAt: '2026-12-21T06:00:00.000Z',
      overdue: false,
    });

    const township = await api.ok<DataRequestsView>('approvals', 'dataRequests', {}, TOWNSHIP);
    expect(township).toMatchObject({ open: 1, canAnswer: false });
    expect(township.items[0]).toMatchObject({ requesterName: '周*红', details: '', answer: null });

    for (const openid of ['demo-supervisor', RESIDENT, MEMBER]) {
      expect((await api.refused('approvals', 'dataRequests', { societyId: SOCIETY }, openid)).code).toBe('FORBIDDEN');
    }
  });

  it('PIPL-50: past its 15 working days an open request shows overdue, to the society and the township', async () => {
    backend.ports.clock.set('2026-12-21T15:00:00+08:00');
    const township = await api.ok<DataRequestsView>('approvals', 'dataRequests', {}, TOWNSHIP);
    expect(township).toMatchObject({ open: 1, overdue: 1 });
    backend.ports.clock.set('2026-12-02T10:00:00+08:00');
  });

  it('PIPL-50: an officer answers once, audited; the township cannot answer; a second answer is refused', async () => {
    const before = await footprint();
    const answer = { dataRequestId: requestId, outcome: 'accepted', answer: '已将住址更正为三组 8 号' };
    expect((await api.refused('approvals', 'answerDataRequest', answer, TOWNSHIP)).code).toBe('FORBIDDEN');
    expect((await api.refused('approvals', 'answerDataRequest', { ...answer, answer: ' ' }, SECRETARY)).code).toBe(
      'BAD_REQUEST',
    );
    expect(await footprint()).toEqual(before);

    const view = await api.ok<DataRequestsView>('approvals', 'answerDataRequest', answer, SECRETARY);
    expect(view).toMatchObject({ open: 0 });
    expect(view.items[0]).toMatchObject({ status: 'accepted', answer: '已将住址更正为三组 8 号' });
    expect(await footprint()).toEqual({ requests: before.requests, audit: before.audit + 1 });
    const [audit] = await backend.ports.store.find<{ _id: string; target: string }>(COLLECTIONS.auditEvents, {
      where: { action: 'privacy.answerDataRequest' },
    });
    expect(audit?.target).toBe(`${COLLECTIONS.dataRequests}/${requestId}`);

    // The same answer again (a retry) is answered; another answer is refused; nothing more is written.
    await api.ok('approvals', 'answerDataRequest', answer, SECRETARY);
    const again = await api.refused(
      'approvals',
      'answerDataRequest',
      { ...answer, outcome: 'refused', answer: '不予更正' },
      SECRETARY,
    );
    expect(again).toEqual({ code: 'INVALID_STATE', message: '这份申请已经答复过了' });
    expect(await footprint()).toEqual({ requests: before.requests, audit: before.audit + 1 });
  });

  it('PIPL-50: the villager reads the answer; another villager sees none of it', async () => {
    const mine = await api.ok<{ items: MyDataRequestItem[] }>('applications', 'myDataRequests', {}, RESIDENT);
    expect(mine.items).toEqual([
      expect.objectContaining({
        id: requestId,
        status: 'accepted',
        statusLabel: '已办理',
        answer: '已将住址更正为三组 8 号',
      }),
    ]);
    const theirs = await api.ok<{ items: MyDataRequestItem[] }>('applications', 'myDataRequests', {}, MEMBER);
    expect(theirs.items).toEqual([]);
  });

  it('PIPL-50: a refusal carries its reason to the villager', async () => {
    const item = await api.ok<MyDataRequestItem>(
      'applications',
      'fileDataRequest',
      filing({ requestId: 'req-data-5', kind: 'deletion', details: '请删除我 2025 年的救助申请记录' }),
      RESIDENT,
    );
    await api.ok(
      'approvals',
      'answerDataRequest',
      { dataRequestId: item.id, outcome: 'refused', answer: '救助档案须按规定保存 10 年，期满后删除' },
      SECRETARY,
    );
    const mine = await api.ok<{ items: MyDataRequestItem[] }>('applications', 'myDataRequests', {}, RESIDENT);
    expect(mine.items.find((each) => each.id === item.id)).toMatchObject({
      status: 'refused',
      statusLabel: '不予办理',
      answer: '救助档案须按规定保存 10 年，期满后删除',
    });
  });
});
