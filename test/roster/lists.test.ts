/**
 * Importing the township's lists, the roster built from them, scheduled visits, and the caps that
 * follow the lists: the real use cases over the real SQLite store of the demo county.
 */
import { createTestBackend, DEMO_NOW, type TestBackend } from '../support/test-backend';
import { COLLECTIONS } from '../../server/collections';
import { findAll } from '../../server/ports/store';
import type { ListEntryDoc, RosterEntryDoc, RosterVisitDoc } from '../../server/roster/model';
import type { ListImportPreview, ListImportResult } from '../../server/roster/lists';
import type { RosterDueItem, RosterEntryView, RosterView } from '../../miniprogram/domain/roster';
import type { CaseFileView, OfficerCaseView } from '../../miniprogram/domain/case';
import { caller, consent, SOCIETY } from '../cases/helpers';
import { uploaded, uploadedList, XLSX_TYPE } from '../support/uploads';
import { importList, listPeople as people, listXlsx, uploadList, type ListPerson } from '../support/list-import';

const SECRETARY = 'demo-secretary';
const PRESIDENT = 'demo-president';
const TOWNSHIP = 'demo-township';
const QINGSHI = { townshipId: 'area-qingshi' };
const LIST_REFUSED = '表格文件有误，请重新选择后上传';

let backend: TestBackend;
let api: ReturnType<typeof caller>;
beforeAll(async () => {
  backend = await createTestBackend();
  api = caller(backend);
});
afterAll(() => backend.close());

/** A list uploaded as the roster page does it: into a list slot of the society (issue 12). */
function upload(
  rows: ListPerson[],
  openid = SECRETARY,
  owner: { societyId: string } | { townshipId: string } = { societyId: SOCIETY },
) {
  return uploadList(backend, openid, owner, rows);
}

async function footprint() {
  const { store } = backend.ports;
  return {
    entries: await store.count(COLLECTIONS.listEntries),
    imports: await store.count(COLLECTIONS.listImports),
    roster: await store.count(COLLECTIONS.rosterEntries),
    audit: await store.count(COLLECTIONS.auditEvents),
  };
}

const preview = (payload: Record<string, unknown>, openid = SECRETARY) =>
  api.ok<ListImportPreview>('spreadsheets', 'previewListImport', payload, openid);
const apply = (payload: Record<string, unknown>, openid = SECRETARY) =>
  api.ok<ListImportResult>('spreadsheets', 'applyListImport', payload, openid);

/** One 300-household 低保 list of 王家村: the base every later test changes. */
const dibao = people(300);

describe('list import (R-OVS-1)', () => {
  it('R-OVS-1: a 300-row list with 3 bad rows is refused row by row, and nothing is written', async () => {
    const bad = dibao.map((person) => ({ ...person }));
    const first17 = bad[9]!.idNumber.slice(0, 17);
    bad[9]!.idNumber = `${first17}${bad[9]!.idNumber.endsWith('0') ? '1' : '0'}`; // wrong check character
    bad[120]!.idNumber = '99999919991340001X'; // no 13th month
    bad[250]!.idNumber = bad[3]!.idNumber; // the same person twice
    const before = await footprint();
    const fileId = await upload(bad);
    const result = await preview({ societyId: SOCIETY, kind: 'dibao', fileId });
    expect(result).toMatchObject({ status: 'refused', errorCount: 3, token: null, added: 0 });
    expect(result.errorLines).toEqual([
      '第 11 行 身份证号：身份证号码不正确（位数、出生日期或末位校验码不符）',
      '第 122 行 身份证号：身份证号码不正确（位数、出生日期或末位校验码不符）',
      '第 252 行 身份证号：与第 5 行的身份证号码重复',
    ]);
    const refused = await api.refused(
      'spreadsheets',
      'applyListImport',
      { societyId: SOCIETY, kind: 'dibao', fileId, token: '0'.repeat(20) },
      SECRETARY,
    );
    expect(refused.code).toBe('BAD_REQUEST');
    expect(refused.message).toContain('第 11 行');
    expect(await footprint()).toEqual(before);
  });

  it('R-OVS-1: the fixed list is previewed, applied with its token and audited; the roster holds all 300, sealed', async () => {
    const fileId = await upload(dibao);
    const result = await preview({ societyId: SOCIETY, kind: 'dibao', fileId });
    expect(result).toMatchObject({
      status: 'ready',
      firstImport: true,
      rowCount: 300,
      added: 300,
      removed: 0,
      changed: 0,
      errorLines: [],
    });
    expect(result.addedNames[0]).toBe('王*兰');
    const auditBefore = await backend.ports.store.count(COLLECTIONS.auditEvents, { scopeId: SOCIETY });
    const applied = await apply({ societyId: SOCIETY, kind: 'dibao', fileId, token: result.token });
    expect(applied).toMatchObject({ kindLabel: '低保', scopeName: '王家村', added: 300, rosterSize: 300 });
    expect(await backend.ports.store.count(COLLECTIONS.auditEvents, { scopeId: SOCIETY })).toBe(auditBefore + 1);

    const { store } = backend.ports;
    const entries = await findAll<ListEntryDoc>(store, COLLECTIONS.listEntries, {
      where: { villageId: 'area-wangjia' },
    });
    expect(entries).toHaveLength(300);
    // Sealed at rest: neither the ID number nor the name nor the address is stored readable.
    const stored = JSON.stringify([entries, await findAll(store, COLLECTIONS.rosterEntries)]);
    for (const person of dibao.slice(0, 20)) {
      expect(stored).not.toContain(person.idNumber);
      expect(stored).not.toContain(person.address!);
    }
    expect(stored).not.toContain(dibao[0]!.name);

    const roster = await api.ok<RosterView>('roster', 'roster', { societyId: SOCIETY }, SECRETARY);
    expect(roster.rows).toHaveLength(300);
    expect(roster.byKind.find((row) => row.kind === 'dibao')).toMatchObject({ count: 300 });
    // 低保 without a level on the list: 二级, visited every 60 days from today.
    expect(roster.byLevel.find((row) => row.levelId === 'l2')).toMatchObject({ count: 300, visitEveryDays: 60 });
    expect(roster.rows[0]).toMatchObject({
      nextVisitDue: '2027-01-29',
      status: 'scheduled',
      levelLabel: '二级（比较困难）',
    });
    expect(roster.rows.map((row) => row.name)).toContain(dibao[0]!.name);
    expect(roster.canEdit).toBe(true);
  });

  it('R-OVS-1: a re-import shows who is new, gone and changed before it is applied; a stale token is refused', async () => {
    const next = [...dibao.slice(2), ...people(1, 600)].map((person) => ({ ...person }));
    next[0] = { ...next[0]!, address: '搬到 9 组 1 号' };
    const fileId = await upload(next);
    const first = await preview({ societyId: SOCIETY, kind: 'dibao', fileId });
    expect(first).toMatchObject({
      status: 'ready',
      firstImport: false,
      added: 1,
      removed: 2,
      changed: 1,
      unchanged: 297,
    });
    expect([...first.removedNames].sort()).toEqual(['王*兰', '李*兰'].sort());

    // The list changes in between (the president imports another file): the first preview no longer holds.
    await importList(backend, { openid: PRESIDENT, owner: { societyId: SOCIETY }, rows: dibao.slice(0, 299) });
    const before = await footprint();
    const stale = await api.refused(
      'spreadsheets',
      'applyListImport',
      { societyId: SOCIETY, kind: 'dibao', fileId, token: first.token },
      SECRETARY,
    );
    expect(stale.code).toBe('INVALID_STATE');
    expect(await footprint()).toEqual(before);

    const again = await preview({ societyId: SOCIETY, kind: 'dibao', fileId });
    expect(again).toMatchObject({ added: 2, removed: 2, changed: 1 });
    const applied = await apply({ societyId: SOCIETY, kind: 'dibao', fileId, token: again.token });
    expect(applied.rosterSize).toBe(299);
    const gone = await backend.ports.store.get<RosterEntryDoc>(
      COLLECTIONS.rosterEntries,
      (await findAll<RosterEntryDoc>(backend.ports.store, COLLECTIONS.rosterEntries, { where: { active: false } }))[0]!
        ._id,
    );
    expect(gone).toMatchObject({ active: false, kinds: [] });
  });

  it('R-OVS-1: the township imports for all its villages by the 所在村 column; an unknown village refuses the file', async () => {
    const tekun: ListPerson[] = [
      { ...people(1, 700)[0]!, village: '王家村', level: '一级' },
      { ...people(1, 701)[0]!, village: '柳塘村' },
    ];
    const wrong = await preview(
      {
        townshipId: 'area-qingshi',
        kind: 'tekun',
        fileId: await upload([...tekun, { ...people(1, 702)[0]!, village: '白沙村' }], TOWNSHIP, QINGSHI),
      },
      TOWNSHIP,
    );
    expect(wrong.errorLines).toEqual(['第 4 行 所在村：「白沙村」不是青石镇的村（社区）']);
    const refused = await api.refused(
      'spreadsheets',
      'previewListImport',
      { townshipId: 'area-hekou', kind: 'tekun', fileId: await upload(tekun, TOWNSHIP, QINGSHI) },
      TOWNSHIP,
    );
    expect(refused.code).toBe('FORBIDDEN');

    const { preview: ready } = await importList(backend, {
      openid: TOWNSHIP,
      owner: QINGSHI,
      kind: 'tekun',
      rows: tekun,
    });
    expect(ready).toMatchObject({ status: 'ready', added: 2, scopeName: '青石镇' });
    const liutang = await findAll<RosterEntryDoc>(backend.ports.store, COLLECTIONS.rosterEntries, {
      where: { societyId: 'soc-liutang' },
    });
    expect(liutang.map((doc) => [doc.kinds, doc.levelId, doc.levelSetBy])).toEqual([[['tekun'], 'l1', 'default']]);
    const wangjia = await backend.ports.store.get<RosterEntryDoc>(
      COLLECTIONS.rosterEntries,
      `area-wangjia:${(await findAll<ListEntryDoc>(backend.ports.store, COLLECTIONS.listEntries, { where: { kind: 'tekun', villageId: 'area-wangjia' } }))[0]!.personKey}`,
    );
    expect(wangjia).toMatchObject({ kinds: ['tekun'], levelId: 'l1', levelSetBy: 'list', nextVisitDue: '2026-12-30' });
  });

  it('keeps the lists and the roster from the township, residents and other societies', async () => {
    expect((await api.refused('roster', 'roster', { societyId: SOCIETY }, TOWNSHIP)).code).toBe('FORBIDDEN');
    expect((await api.refused('roster', 'roster', { societyId: SOCIETY }, 'demo-resident')).code).toBe('FORBIDDEN');
    const fileId = await upload(dibao.slice(0, 3));
    expect(
      (
        await api.refused(
          'spreadsheets',
          'previewListImport',
          { societyId: 'soc-liutang', kind: 'dibao', fileId },
          SECRETARY,
        )
      ).code,
    ).toBe('FORBIDDEN');
    const supervisor = await api.ok<RosterView>('roster', 'roster', { societyId: SOCIETY }, 'demo-supervisor');
    expect(supervisor).toMatchObject({ canEdit: false });
    expect(supervisor.rows.length).toBeGreaterThan(0);
  });
});

describe('caps follow the lists (R-ELIG-3/4, R-CAP-1/2)', () => {
  const opinion = (amountFen: number, tierId: string) => ({
    recommend: 'grant',
    form: 'cash',
    amountFen,
    tierId,
    reason: '情况属实',
  });
  const visitOf = (caseId: string, amountFen: number, tierId: string) => ({
    caseId,
    visitedAt: '2026-11-30T10:00:00+08:00',
    visitors: [{ name: '刘芳' }, { name: '王建军' }],
    findings: '情况属实',
    photoFileIds: [],
    originalsChecked: ['idCard'],
    opinion: opinion(amountFen, tierId),
  });
  const discover = (person: ListPerson, extra: Record<string, unknown>) =>
    api.ok<OfficerCaseView>(
      'approvals',
      'openDiscovery',
      {
        requestId: `disc-${Math.random().toString(36).slice(2, 12)}`,
        societyId: SOCIETY,
        person: { name: person.name, idNumber: person.idNumber },
        hukou: 'beneficiary',
        cause: 'majorIllness',
        description: '突发重病住院',
        livingAtRisk: true,
        discoveredHow: '入户走访中发现',
        consent: { ...consent, method: 'verbal' },
        ...extra,
      },
      SECRETARY,
    );

  it('R-CAP-1: a household on the 低保 list that declared none gets supplementary relief, at most 500 yuan; the officer sees the mismatch', async () => {
    const listed = dibao[50]!;
    const opened = await discover(listed, { assistance: [], category: 'nearDibao' });
    expect(opened.situation.assistanceLabels).toEqual([]);
    expect(opened.eligibility).toMatchObject({ reliefType: 'supplementary', capFen: 500_00 });
    expect(opened.listCheck).toMatchObject({ listedLabels: ['低保'] });
    expect(opened.listCheck.mismatches).toEqual(['在低保名单中，申请人未填报']);
    const over = await api.refused('approvals', 'recordVisit', visitOf(opened.id, 600_00, 'e2'), SECRETARY);
    expect(over.code).toBe('OVER_CAP');
    const visited = await api.ok<OfficerCaseView>(
      'approvals',
      'recordVisit',
      visitOf(opened.id, 500_00, 's3'),
      SECRETARY,
    );
    expect(visited.visit?.opinion).toMatchObject({ reliefType: 'supplementary', amountFen: 500_00 });
  });

  it('R-CAP-2: a household that declared 低保 but is not on the imported 低保 list is emergency relief, shown as a mismatch', async () => {
    const unlisted = people(1, 900)[0]!;
    const opened = await discover(unlisted, { assistance: ['dibao'], category: 'other' });
    expect(opened.eligibility).toMatchObject({ reliefType: 'emergency', capFen: 1_000_00 });
    expect(opened.listCheck.mismatches).toEqual(['申请人填报为低保，但不在已导入的低保名单中']);
    // The applicant's own answer is kept as given.
    expect(opened.situation.assistanceLabels).toEqual(['最低生活保障（低保）']);
  });
});

describe('一人一档 (R-PROC-7) joins the roster', () => {
  it('R-PROC-7: the case file of a listed person holds their roster entry and visits, in the view and the export', async () => {
    const person = dibao[60]!;
    const opened = await api.ok<OfficerCaseView>(
      'approvals',
      'openDiscovery',
      {
        requestId: 'disc-casefile-roster',
        societyId: SOCIETY,
        person: { name: person.name, idNumber: person.idNumber },
        hukou: 'beneficiary',
        cause: 'accident',
        description: '房屋失火',
        assistance: ['dibao'],
        category: 'other',
        livingAtRisk: true,
        discoveredHow: '村民反映',
        consent: { ...consent, method: 'verbal' },
      },
      SECRETARY,
    );
    const file = await api.ok<CaseFileView>('approvals', 'caseFile', { caseId: opened.id }, 'demo-supervisor');
    expect(file.roster).toMatchObject({
      kindLabels: ['低保'],
      levelLabel: '二级（比较困难）',
      address: person.address,
    });
    await api.ok(
      'roster',
      'recordVisit',
      {
        requestId: 'visit-casefile-01',
        rosterId: file.roster!.id,
        visitors: ['刘芳'],
        findings: '房屋烧毁，暂住亲戚家',
      },
      SECRETARY,
    );
    const exported = await api.ok<{ fileId: string }>('approvals', 'exportCaseFile', { caseId: opened.id }, SECRETARY);
    const html = (await backend.ports.files.get(exported.fileId))!.content.toString('utf8');
    expect(html).toContain('重点对象花名册');
    expect(html).toContain('房屋烧毁，暂住亲戚家');
  });
});

describe('scheduled visits (R-OVS-1)', () => {
  it('R-OVS-1: a visit moves the next one a period on; overdue visits show to the township by masked name only', async () => {
    const roster = await api.ok<RosterView>('roster', 'roster', { societyId: SOCIETY }, SECRETARY);
    const tekun = roster.rows.find((row) => row.kindLabels.includes('特困'))!;
    expect(tekun).toMatchObject({ levelId: 'l1', nextVisitDue: '2026-12-30' });

    backend.ports.clock.set('2027-01-05T09:00:00+08:00');
    const due = await api.ok<{ items: RosterDueItem[]; overdue: number }>('roster', 'dueVisits', {}, TOWNSHIP);
    const item = due.items.find((each) => each.id === tekun.id)!;
    expect(item).toMatchObject({
      status: 'overdue',
      societyName: '王家村救急难互助社',
      dueText: '已逾期 6 天（应于 2026-12-30 前走访）',
    });
    expect(item.maskedName).toMatch(/\*/);
    expect(JSON.stringify(due)).not.toContain(tekun.name);
    expect(due.items.some((each) => each.societyId === 'soc-liutang')).toBe(true);

    const visited = await api.ok<RosterEntryView>(
      'roster',
      'recordVisit',
      {
        requestId: 'visit-tekun-0001',
        rosterId: tekun.id,
        visitors: ['刘芳', '王建军'],
        findings: '独居，身体尚可，缺冬衣',
        photoFileIds: [await uploaded(backend, SECRETARY, { kind: 'roster', societyId: SOCIETY })],
      },
      SECRETARY,
    );
    expect(visited).toMatchObject({ lastVisitDay: '2027-01-05', nextVisitDue: '2027-02-04', status: 'scheduled' });
    expect(visited.visits).toEqual([
      expect.objectContaining({
        visitDay: '2027-01-05',
        visitors: ['刘芳', '王建军'],
        findings: '独居，身体尚可，缺冬衣',
      }),
    ]);
    // A retry records once; the findings are sealed at rest.
    await api.ok(
      'roster',
      'recordVisit',
      {
        requestId: 'visit-tekun-0001',
        rosterId: tekun.id,
        visitors: ['刘芳', '王建军'],
        findings: '独居，身体尚可，缺冬衣',
      },
      SECRETARY,
    );
    const visits = await findAll<RosterVisitDoc>(backend.ports.store, COLLECTIONS.rosterVisits, {
      where: { rosterId: tekun.id },
    });
    expect(visits).toHaveLength(1);
    expect(JSON.stringify(visits)).not.toContain('缺冬衣');

    const after = await api.ok<{ items: RosterDueItem[] }>('roster', 'dueVisits', {}, TOWNSHIP);
    expect(after.items.some((each) => each.id === tekun.id)).toBe(false);
    expect(
      (
        await api.refused(
          'roster',
          'recordVisit',
          { requestId: 'visit-by-township', rosterId: tekun.id, visitors: ['某'], findings: '看过' },
          TOWNSHIP,
        )
      ).code,
    ).toBe('FORBIDDEN');
    backend.ports.clock.set(DEMO_NOW);
  });

  it('R-OVS-1: the county sets the levels and their frequency; the schedule follows, and a bad set is refused', async () => {
    const bad = await api.refused(
      'roster',
      'setLevels',
      {
        countyId: 'area-qingxi',
        levels: [
          { id: 'a', label: '甲', visitEveryDays: 30 },
          { id: 'a', label: '乙', visitEveryDays: 60 },
        ],
      },
      'demo-county',
    );
    expect(bad.code).toBe('BAD_REQUEST');
    expect(
      (
        await api.refused(
          'roster',
          'setLevels',
          { countyId: 'area-qingxi', levels: [{ id: 'l1', label: '一级', visitEveryDays: 15 }] },
          TOWNSHIP,
        )
      ).code,
    ).toBe('FORBIDDEN');
    await api.ok(
      'roster',
      'setLevels',
      {
        countyId: 'area-qingxi',
        levels: [
          { id: 'l1', label: '一级（特别困难）', visitEveryDays: 15 },
          { id: 'l2', label: '二级（比较困难）', visitEveryDays: 45 },
        ],
      },
      'demo-county',
    );
    const roster = await api.ok<RosterView>('roster', 'roster', { societyId: SOCIETY }, SECRETARY);
    expect(roster.byLevel.map((row) => [row.levelId, row.visitEveryDays])).toEqual([
      ['l1', 15],
      ['l2', 45],
    ]);
    const dibaoRow = roster.rows.find((row) => row.kindLabels.join() === '低保' && row.lastVisitDay === null)!;
    expect(dibaoRow.nextVisitDue).toBe('2027-01-14');
  });
});

describe("list files and roster photos come through the server's upload slots (issue 12)", () => {
  it("refuses a list stored outside a slot, another scope's list and a photo given as a list, writing nothing", async () => {
    const content = await listXlsx(dibao.slice(0, 3));
    const outside = (await backend.ports.files.put('imports/list-outside.xlsx', content, XLSX_TYPE)).fileId;
    const townships = await uploadedList(backend, TOWNSHIP, QINGSHI, content);
    const photo = await uploaded(backend, SECRETARY, { kind: 'roster', societyId: SOCIETY });
    const before = await footprint();
    for (const fileId of [outside, townships, photo]) {
      const refused = await api.refused(
        'spreadsheets',
        'previewListImport',
        { societyId: SOCIETY, kind: 'dibao', fileId },
        SECRETARY,
      );
      expect(refused).toMatchObject({ code: 'BAD_REQUEST', message: LIST_REFUSED });
    }
    // The society's own list is not the township's either.
    const societys = await uploadedList(backend, SECRETARY, { societyId: SOCIETY }, content);
    expect(
      (
        await api.refused(
          'spreadsheets',
          'previewListImport',
          { ...QINGSHI, kind: 'dibao', fileId: societys },
          TOWNSHIP,
        )
      ).code,
    ).toBe('BAD_REQUEST');
    expect(await footprint()).toEqual(before);
  });

  it("gives list slots only to the society's officers or the township, and only for an xlsx", async () => {
    const ask = (payload: Record<string, unknown>, openid: string | null) =>
      backend.call('societies', { action: 'requestUpload', ...payload }, openid);
    const before = await backend.ports.store.count(COLLECTIONS.fileSlots);
    for (const [payload, openid] of [
      [{ kind: 'lists', societyId: SOCIETY, extension: 'xlsx' }, 'demo-resident'],
      [{ kind: 'lists', societyId: 'soc-liutang', extension: 'xlsx' }, SECRETARY],
      [{ kind: 'lists', townshipId: 'area-hekou', extension: 'xlsx' }, TOWNSHIP],
      [{ kind: 'lists', townshipId: 'area-qingshi', extension: 'xlsx' }, SECRETARY],
      [{ kind: 'lists', societyId: SOCIETY, extension: 'jpg' }, SECRETARY],
      [{ kind: 'roster', societyId: SOCIETY, extension: 'xlsx' }, SECRETARY],
      [{ kind: 'roster', townshipId: 'area-qingshi' }, TOWNSHIP],
      [{ kind: 'roster', societyId: SOCIETY }, 'demo-resident'],
    ] as const) {
      const answer = await ask(payload, openid);
      expect([payload, answer.ok]).toEqual([payload, false]);
    }
    expect(await backend.ports.store.count(COLLECTIONS.fileSlots)).toBe(before);
    const slot = await ask({ kind: 'lists', ...QINGSHI }, TOWNSHIP);
    expect(slot).toMatchObject({
      ok: true,
      data: { path: expect.stringMatching(/^private\/area-qingshi\/lists\/area\/.+\.xlsx$/) },
    });
  });

  it('R-OVS-1: a roster visit refuses a photo outside a roster slot of its society, and records nothing', async () => {
    const roster = await api.ok<RosterView>('roster', 'roster', { societyId: SOCIETY }, SECRETARY);
    const row = roster.rows[0]!;
    const outside = (await backend.ports.files.put('visits/outside.jpg', Buffer.from([0xff, 0xd8]), 'image/jpeg'))
      .fileId;
    const list = await upload(dibao.slice(0, 1));
    const visits = await backend.ports.store.count(COLLECTIONS.rosterVisits);
    for (const [index, fileId] of [outside, list].entries()) {
      const refused = await api.refused(
        'roster',
        'recordVisit',
        {
          requestId: `visit-bad-photo-${index}`,
          rosterId: row.id,
          visitors: ['刘芳'],
          findings: '看过',
          photoFileIds: [fileId],
        },
        SECRETARY,
      );
      expect(refused.code).toBe('BAD_REQUEST');
    }
    expect(await backend.ports.store.count(COLLECTIONS.rosterVisits)).toBe(visits);
  });
});
