/**
 * The roster by hand (R-OVS-1): an officer adds a household the lists do not name, sealed and
 * audited like an imported row and matched by the same person key; a second add is refused; an
 * officer removes one with a reason. The real use cases over the real SQLite store of the demo county.
 */
import { createTestBackend, type TestBackend } from '../support/test-backend';
import { COLLECTIONS } from '../../server/collections';
import { findAll } from '../../server/ports/store';
import type { RosterEntryDoc } from '../../server/roster/model';
import { makeIdNumber } from '../../miniprogram/domain/id-number';
import type { RosterEntryView, RosterView } from '../../miniprogram/domain/roster';
import { caller, SOCIETY } from '../cases/helpers';
import { importList, type ListPerson } from '../support/list-import';

const SECRETARY = 'demo-secretary';
const SUPERVISOR = 'demo-supervisor';

let backend: TestBackend;
let api: ReturnType<typeof caller>;
beforeAll(async () => {
  backend = await createTestBackend();
  api = caller(backend);
});
afterAll(() => backend.close());

const ZHOU = { name: '周玉梅', idNumber: makeIdNumber({ birthDate: '1952-05-17', sequence: 71 }) };
const add = (payload: Record<string, unknown>) => ({
  requestId: 'req-roster-add-1',
  societyId: SOCIETY,
  ...ZHOU,
  category: 'other',
  levelId: 'l1',
  group: '三组',
  reason: '独居，冬季无取暖，入户时发现',
  ...payload,
});

async function footprint() {
  const { store } = backend.ports;
  return {
    roster: await store.count(COLLECTIONS.rosterEntries),
    audit: await store.count(COLLECTIONS.auditEvents),
  };
}

/** The village's 低保 list, imported by the secretary. */
const importDibao = (rows: ListPerson[]) =>
  importList(backend, { openid: SECRETARY, owner: { societyId: SOCIETY }, kind: 'dibao', rows });

describe('the roster by hand (R-OVS-1)', () => {
  it('R-OVS-1: bad input is refused in Chinese and nothing is written', async () => {
    const before = await footprint();
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ idNumber: `${ZHOU.idNumber.slice(0, 17)}${ZHOU.idNumber.endsWith('0') ? '1' : '0'}` }, '身份证号码不正确'],
      [{ levelId: 'l9' }, '请选择县民政局设定的困难等级'],
      [{ name: '周1' }, '姓名应为 1 至 20 个汉字'],
    ];
    for (const [change, message] of cases) {
      const refused = await api.refused('roster', 'addHousehold', add(change), SECRETARY);
      expect(refused).toMatchObject({ code: 'BAD_REQUEST' });
      expect(refused.message).toContain(message);
    }
    expect((await api.refused('roster', 'addHousehold', add({}), SUPERVISOR)).code).toBe('FORBIDDEN');
    expect(await footprint()).toEqual(before);
  });

  it('R-OVS-1: an officer adds a household by hand: sealed, audited, keyed like an import, on the roster at its level', async () => {
    const before = await footprint();
    const view = await api.ok<RosterEntryView>('roster', 'addHousehold', add({}), SECRETARY);
    expect(view).toMatchObject({
      name: '周玉梅',
      idNumber: ZHOU.idNumber,
      address: '三组',
      levelId: 'l1',
      kindLabels: ['其他困难（手工添加）'],
      manual: true,
      manualReason: '独居，冬季无取暖，入户时发现',
      nextVisitDue: '2026-12-30',
      active: true,
    });
    expect(await footprint()).toEqual({ roster: before.roster + 1, audit: before.audit + 1 });
    const docs = await findAll<RosterEntryDoc>(backend.ports.store, COLLECTIONS.rosterEntries);
    const stored = JSON.stringify(docs);
    for (const plain of [ZHOU.name, ZHOU.idNumber, '三组', '冬季无取暖']) expect(stored).not.toContain(plain);
    const [audit] = await backend.ports.store.find<{ _id: string; action: string; target: string }>(
      COLLECTIONS.auditEvents,
      {
        where: { action: 'roster.addHousehold' },
      },
    );
    expect(audit?.target).toBe(`${COLLECTIONS.rosterEntries}/${view.id}`);

    // A retry of the same request answers what was done; the same id for another request is refused.
    const retry = await api.ok<RosterEntryView>('roster', 'addHousehold', add({}), SECRETARY);
    expect(retry.id).toBe(view.id);
    expect((await api.refused('roster', 'addHousehold', add({ reason: '另一个理由' }), SECRETARY)).code).toBe(
      'DUPLICATE',
    );
    expect(await footprint()).toEqual({ roster: before.roster + 1, audit: before.audit + 1 });
  });

  it('R-OVS-1: the same person again, with a new request, is refused: already on the roster', async () => {
    const before = await footprint();
    const refused = await api.refused(
      'roster',
      'addHousehold',
      add({ requestId: 'req-roster-add-2', idNumber: ZHOU.idNumber.toLowerCase(), category: 'dibao' }),
      SECRETARY,
    );
    expect(refused).toEqual({ code: 'DUPLICATE', message: '周*梅已在本社花名册上' });
    expect(await footprint()).toEqual(before);
  });

  it('R-OVS-1: an imported list that names the household keeps it and the officer’s level; one that drops it does not take it off', async () => {
    await importDibao([ZHOU]);
    let roster = await api.ok<RosterView>('roster', 'roster', { societyId: SOCIETY }, SECRETARY);
    expect(roster.rows).toHaveLength(1);
    expect(roster.rows[0]).toMatchObject({ kindLabels: ['低保', '其他困难（手工添加）'], levelId: 'l1', manual: true });

    const other = { name: '吴海军', idNumber: makeIdNumber({ birthDate: '1960-01-02', sequence: 5 }) };
    await importDibao([other]);
    roster = await api.ok<RosterView>('roster', 'roster', { societyId: SOCIETY }, SECRETARY);
    expect(roster.rows.map((row) => [row.name, row.kindLabels])).toEqual(
      expect.arrayContaining([
        ['周玉梅', ['其他困难（手工添加）']],
        ['吴海军', ['低保']],
      ]),
    );
  });

  it('R-OVS-1: an officer removes a household with a reason, audited; visits kept, a second remove is refused', async () => {
    const roster = await api.ok<RosterView>('roster', 'roster', { societyId: SOCIETY }, SECRETARY);
    const zhou = roster.rows.find((row) => row.name === '周玉梅')!;
    await api.ok(
      'roster',
      'recordVisit',
      { requestId: 'req-visit-zhou', rosterId: zhou.id, visitors: ['刘芳'], findings: '已送取暖器' },
      SECRETARY,
    );
    const before = await footprint();
    expect(
      (
        await api.refused(
          'roster',
          'removeHousehold',
          { requestId: 'req-rm-1', rosterId: zhou.id, reason: '  ' },
          SECRETARY,
        )
      ).code,
    ).toBe('BAD_REQUEST');
    expect(
      (
        await api.refused(
          'roster',
          'removeHousehold',
          { requestId: 'req-rm-1', rosterId: zhou.id, reason: '迁出' },
          SUPERVISOR,
        )
      ).code,
    ).toBe('FORBIDDEN');
    expect(await footprint()).toEqual(before);

    const removed = await api.ok<RosterEntryView>(
      'roster',
      'removeHousehold',
      { requestId: 'req-rm-1', rosterId: zhou.id, reason: '已随子女迁往县城居住' },
      SECRETARY,
    );
    expect(removed).toMatchObject({ active: false, removalReason: '已随子女迁往县城居住', manual: false });
    expect(removed.visits).toHaveLength(1);
    expect(await footprint()).toEqual({ roster: before.roster, audit: before.audit + 1 });
    const after = await api.ok<RosterView>('roster', 'roster', { societyId: SOCIETY }, SECRETARY);
    expect(after.rows.map((row) => row.name)).toEqual(['吴海军']);

    // A retry answers what was done; another remove is refused; nothing more is written.
    await api.ok(
      'roster',
      'removeHousehold',
      { requestId: 'req-rm-1', rosterId: zhou.id, reason: '已随子女迁往县城居住' },
      SECRETARY,
    );
    const again = await api.refused(
      'roster',
      'removeHousehold',
      { requestId: 'req-rm-2', rosterId: zhou.id, reason: '重复' },
      SECRETARY,
    );
    expect(again).toEqual({ code: 'INVALID_STATE', message: '这户已不在花名册上' });
    expect(await footprint()).toEqual({ roster: before.roster, audit: before.audit + 1 });

    // Removed, the household may be added again by hand.
    const back = await api.ok<RosterEntryView>(
      'roster',
      'addHousehold',
      add({ requestId: 'req-roster-add-3', reason: '搬回村里，仍独居' }),
      SECRETARY,
    );
    expect(back).toMatchObject({ active: true, manual: true, removalReason: null, lastVisitDay: '2026-11-30' });
  });
});
