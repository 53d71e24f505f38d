/** Clues from villagers and volunteers, and 帮办 on its own (issue 13), over the real store. */
import { createTestBackend, type TestBackend } from '../support/test-backend';
import { COLLECTIONS } from '../../server/collections';
import { findAll } from '../../server/ports/store';
import type { ClueDoc } from '../../server/clues/usecases';
import type { ProgrammeHelpDoc } from '../../server/clues/helps';
import type { AuditEventDoc } from '../../server/audit/trail';
import type { CaseDoc } from '../../server/cases/model';
import type { OfficerCaseView } from '../../miniprogram/domain/case';
import type { ClueQueueItem, MyClueItem, ProgrammeHelpView } from '../../miniprogram/domain/clues';
import type { MeView } from '../../miniprogram/domain/society';
import type { MonthlyReportView } from '../../miniprogram/domain/funds';
import ExcelJS from 'exceljs';
import { monthlyReportWorkbook } from '../../server/reports/xlsx';
import { SOCIETY, caller, discovery, visit } from '../cases/helpers';
import { uploaded } from '../support/uploads';
import type { FileSlotDoc } from '../../server/files/private';

let backend: TestBackend;
let api: ReturnType<typeof caller>;
beforeAll(async () => {
  backend = await createTestBackend();
  api = caller(backend);
});
afterAll(() => backend.close());

let seq = 0;
const clue = (overrides: Record<string, unknown> = {}) => ({
  requestId: `clue-req-${(seq += 1)}`,
  societyId: SOCIETY,
  personHint: '村东头的赵大爷（赵德福）',
  whatHappened: '老伴上周中风住院，家里没人照顾，医药费借了不少',
  anonymous: true,
  ...overrides,
});

async function myClues(openid: string): Promise<MyClueItem[]> {
  return (await api.ok<{ items: MyClueItem[] }>('applications', 'myClues', {}, openid)).items;
}

async function queue(openid = 'demo-secretary') {
  return api.ok<{ items: ClueQueueItem[]; openCount: number }>(
    'approvals',
    'listClues',
    { societyId: SOCIETY },
    openid,
  );
}

describe('a clue from a villager', () => {
  const stranger = 'wx-stranger-clue';
  let clueId = '';
  let caseId = '';
  let photo = '';

  it('R-PROC-1: anyone in WeChat reports a clue anonymously, with no role and no user record', async () => {
    // The photo goes first into a clue slot of the society (issue 12), as the clue page does it.
    photo = await uploaded(backend, stranger, { kind: 'clues', societyId: SOCIETY });
    const mine = await api.ok<MyClueItem>('applications', 'reportClue', clue({ photoFileId: photo }), stranger);
    clueId = mine.id;
    expect(mine).toMatchObject({ anonymous: true, outcome: 'pending', outcomeLabel: '已收到，等待互助社处理' });
    const users = await backend.ports.store.count(COLLECTIONS.users, { openid: stranger });
    expect(users).toBe(0);
    const me = await api.ok<MeView>('societies', 'me', {}, stranger);
    expect(me.activities).toContain('reportedClue');
  });

  it('sealed at rest: what was written about the person is not stored in clear, nor any reporter identity', async () => {
    const raw = await backend.ports.store.get<ClueDoc>(COLLECTIONS.clues, clueId);
    const text = JSON.stringify(raw);
    expect(text).not.toContain('赵德福');
    expect(text).not.toContain('中风');
    expect(text).not.toContain(stranger);
    expect(raw).toMatchObject({ anonymous: true, reporterUserId: null, reporterName: null, source: 'anonymous' });
    // Nor does the photo's upload slot keep the reporter's openid.
    const slots = await findAll<FileSlotDoc>(backend.ports.store, COLLECTIONS.fileSlots, { where: { kind: 'clues' } });
    expect(slots.length).toBeGreaterThan(0);
    expect(JSON.stringify(slots)).not.toContain(stranger);
  });

  it('reaches the officers queue without any reporter identity, nor in the audit trail', async () => {
    const { items, openCount } = await queue();
    expect(openCount).toBeGreaterThanOrEqual(1);
    const item = items.find((entry) => entry.id === clueId)!;
    expect(item).toMatchObject({
      status: 'open',
      source: 'anonymous',
      sourceLabel: '匿名反映',
      reporterName: null,
      personHint: '村东头的赵大爷（赵德福）',
      photoFileId: photo,
    });
    const audit = await findAll<AuditEventDoc>(backend.ports.store, COLLECTIONS.auditEvents, {
      where: { scopeId: SOCIETY },
    });
    const reported = audit.find((event) => event.action === 'clue.report' && event.target.endsWith(clueId))!;
    expect(reported.actor).toEqual({ userId: null, openid: null, name: null, role: null });
    // The supervisor reads the queue; a resident does not.
    expect((await queue('demo-supervisor')).items.some((entry) => entry.id === clueId)).toBe(true);
    expect(await api.refused('approvals', 'listClues', { societyId: SOCIETY }, 'demo-resident')).toMatchObject({
      code: 'FORBIDDEN',
    });
  });

  it('R-PROC-1: the secretary opens a discovery case from the clue; the clue and the case are linked', async () => {
    const view = await api.ok<OfficerCaseView>(
      'approvals',
      'openDiscovery',
      discovery({
        person: { name: '赵德福', idNumber: discovery().person.idNumber },
        discoveredHow: '村民反映线索',
        clueId,
      }),
      'demo-secretary',
    );
    caseId = view.id;
    expect(view.state).toBe('accepted');
    const stored = await backend.ports.store.get<CaseDoc>(COLLECTIONS.cases, caseId);
    expect(stored!.discovery).toMatchObject({ clueId });
    const item = (await queue()).items.find((entry) => entry.id === clueId)!;
    expect(item).toMatchObject({ status: 'caseOpened', caseId, handledByName: '刘芳' });
    expect((await myClues(stranger))[0]).toMatchObject({ id: clueId, outcome: 'inProgress' });
  });

  it('a clue already turned into a case cannot open a second one: refused, nothing written', async () => {
    const before = await backend.ports.store.count(COLLECTIONS.cases);
    expect(await api.refused('approvals', 'openDiscovery', discovery({ clueId }), 'demo-secretary')).toMatchObject({
      code: 'INVALID_STATE',
    });
    expect(await api.refused('approvals', 'closeClue', { clueId, reason: '重复' }, 'demo-secretary')).toMatchObject({
      code: 'INVALID_STATE',
    });
    expect(await backend.ports.store.count(COLLECTIONS.cases)).toBe(before);
  });

  it('once paid, the reporter reads 已救助 — and nothing of the person, the amount or the officers’ words', async () => {
    await api.ok(
      'approvals',
      'recordVisit',
      visit(caseId, { recommend: 'grant', form: 'cash', amountFen: 600_00, tierId: 'e2' }),
      'demo-secretary',
    );
    await api.ok(
      'approvals',
      'propose',
      { caseId, recommend: 'grant', form: 'cash', amountFen: 600_00, tierId: 'e2', reason: '建议按二档救助' },
      'demo-secretary',
    );
    await api.ok('approvals', 'approve', { caseId, note: '同意' }, 'demo-president');
    await api.ok(
      'approvals',
      'disburse',
      { caseId, requestId: `pay-${caseId}`, method: 'cash', amountFen: 600_00 },
      'demo-secretary',
    );
    const mine = await myClues(stranger);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ outcome: 'relieved', outcomeLabel: '已救助' });
    // Privacy: the reporter's view holds no name, no amount, no case id, nothing typed by an officer.
    const text = JSON.stringify(mine);
    for (const secret of ['赵', '德福', '600', '60000', caseId, '建议', '刘芳', '中风']) {
      expect(text).not.toContain(secret);
    }
    expect(Object.keys(mine[0]!).sort()).toEqual([
      'anonymous',
      'id',
      'outcome',
      'outcomeLabel',
      'reportedAt',
      'societyName',
    ]);
  });
});

describe('closing a clue, and the daily bound', () => {
  const neighbour = 'wx-neighbour-clue';

  it('a named clue by a first-time caller needs a name; closed with a reason, the reporter reads only 未立案', async () => {
    expect(await api.refused('applications', 'reportClue', clue({ anonymous: false }), neighbour)).toMatchObject({
      code: 'BAD_REQUEST',
    });
    const mine = await api.ok<MyClueItem>(
      'applications',
      'reportClue',
      clue({ anonymous: false, reporterName: '钱大妈' }),
      neighbour,
    );
    const item = (await queue()).items.find((entry) => entry.id === mine.id)!;
    expect(item).toMatchObject({ source: 'villager', reporterName: '钱大妈' });
    const closed = await api.ok<ClueQueueItem>(
      'approvals',
      'closeClue',
      { clueId: mine.id, reason: '已纳入低保，镇里在办' },
      'demo-secretary',
    );
    expect(closed).toMatchObject({ status: 'closed', closedReason: '已纳入低保，镇里在办' });
    const seen = (await myClues(neighbour)).find((entry) => entry.id === mine.id)!;
    expect(seen.outcomeLabel).toBe('互助社已核实，未立案');
    expect(JSON.stringify(seen)).not.toContain('低保');
  });

  it('only officers close clues: the supervisor is refused and nothing changes', async () => {
    const mine = await api.ok<MyClueItem>('applications', 'reportClue', clue(), 'wx-other-clue');
    expect(
      await api.refused('approvals', 'closeClue', { clueId: mine.id, reason: '无' }, 'demo-supervisor'),
    ).toMatchObject({
      code: 'FORBIDDEN',
    });
    expect((await backend.ports.store.get<ClueDoc>(COLLECTIONS.clues, mine.id))!.status).toBe('open');
  });

  it('at most 3 clues a day per caller: the 4th is refused with nothing written; a retry is no new clue; next day is fine', async () => {
    const flooder = 'wx-flooder';
    const first = clue();
    await api.ok('applications', 'reportClue', first, flooder);
    await api.ok('applications', 'reportClue', first, flooder); // retried: the same clue
    await api.ok('applications', 'reportClue', clue(), flooder);
    await api.ok('applications', 'reportClue', clue(), flooder);
    const before = await backend.ports.store.count(COLLECTIONS.clues);
    const auditBefore = await backend.ports.store.count(COLLECTIONS.auditEvents);
    expect(await api.refused('applications', 'reportClue', clue(), flooder)).toMatchObject({ code: 'INVALID_STATE' });
    expect(await backend.ports.store.count(COLLECTIONS.clues)).toBe(before);
    expect(await backend.ports.store.count(COLLECTIONS.auditEvents)).toBe(auditBefore);
    expect(await myClues(flooder)).toHaveLength(3);
    backend.ports.clock.set('2026-12-01T09:00:00+08:00');
    try {
      await api.ok('applications', 'reportClue', clue(), flooder);
      expect(await myClues(flooder)).toHaveLength(4);
    } finally {
      backend.ports.clock.set('2026-11-30T14:00:00+08:00');
    }
  });

  it('bad input changes nothing: an unknown society, an empty story', async () => {
    const before = await backend.ports.store.count(COLLECTIONS.clues);
    expect(await api.refused('applications', 'reportClue', clue({ societyId: 'soc-nowhere' }), 'wx-bad')).toMatchObject(
      {
        code: 'NOT_FOUND',
      },
    );
    expect(await api.refused('applications', 'reportClue', clue({ whatHappened: '' }), 'wx-bad')).toMatchObject({
      code: 'BAD_REQUEST',
    });
    expect(await backend.ports.store.count(COLLECTIONS.clues)).toBe(before);
  });
});

describe('volunteers', () => {
  const volunteer = 'wx-volunteer-grid';

  it('join by invitation (a 网格员), and their named clues are marked as from a volunteer', async () => {
    const invitation = await api.ok<{ code: string }>(
      'societies',
      'createInvitation',
      { requestId: 'inv-volunteer-1', societyId: SOCIETY, role: 'volunteer', inviteeName: '周网格' },
      'demo-secretary',
    );
    await api.ok('societies', 'acceptInvitation', { code: invitation.code }, volunteer);
    const me = await api.ok<MeView>('societies', 'me', {}, volunteer);
    expect(me.roles).toEqual([expect.objectContaining({ role: 'volunteer', roleLabel: '志愿者', societyId: SOCIETY })]);
    const named = await api.ok<MyClueItem>('applications', 'reportClue', clue({ anonymous: false }), volunteer);
    const anonymous = await api.ok<MyClueItem>('applications', 'reportClue', clue(), volunteer);
    const items = (await queue()).items;
    expect(items.find((entry) => entry.id === named.id)).toMatchObject({
      source: 'volunteer',
      sourceLabel: '志愿者反映',
      reporterName: '周网格',
    });
    expect(items.find((entry) => entry.id === anonymous.id)).toMatchObject({ source: 'anonymous', reporterName: null });
    // A volunteer holds no officer power.
    expect(await api.refused('approvals', 'listClues', { societyId: SOCIETY }, volunteer)).toMatchObject({
      code: 'FORBIDDEN',
    });
  });
});

describe('帮办 on its own', () => {
  let helpId = '';
  const record = (overrides: Record<string, unknown> = {}) => ({
    requestId: `help-req-${(seq += 1)}`,
    societyId: SOCIETY,
    personName: '孙桂兰',
    programme: 'medical',
    appliedOn: '2026-11-20',
    followUpOn: '2026-12-04',
    ...overrides,
  });

  it('is recorded without any case, the person sealed at rest; a retry makes no second record', async () => {
    const payload = record();
    const view = await api.ok<ProgrammeHelpView>('approvals', 'recordHelp', payload, 'demo-secretary');
    helpId = view.id;
    await api.ok('approvals', 'recordHelp', payload, 'demo-secretary');
    expect(view).toMatchObject({ personName: '孙桂兰', programmeLabel: '医疗救助', outcome: 'pending', caseId: null });
    const raw = await backend.ports.store.get<ProgrammeHelpDoc>(COLLECTIONS.programmeHelps, helpId);
    expect(JSON.stringify(raw)).not.toContain('孙桂兰');
    expect(raw!.maskedName).toBe('孙*兰');
    const list = await api.ok<{ items: ProgrammeHelpView[] }>(
      'approvals',
      'listHelps',
      { societyId: SOCIETY },
      'demo-supervisor',
    );
    expect(list.items.filter((item) => item.id === helpId)).toHaveLength(1);
  });

  it('links to a case when there is one, and refuses one of another society', async () => {
    const linked = await api.ok<ProgrammeHelpView>(
      'approvals',
      'recordHelp',
      record({ programme: 'dibao', caseId: 'demo-case-04' }),
      'demo-secretary',
    );
    expect(linked).toMatchObject({ caseId: 'demo-case-04', programmeLabel: '低保' });
    const before = await backend.ports.store.count(COLLECTIONS.programmeHelps);
    expect(
      await api.refused('approvals', 'recordHelp', record({ caseId: 'case-nowhere' }), 'demo-secretary'),
    ).toMatchObject({ code: 'NOT_FOUND' });
    expect(
      await api.refused('approvals', 'recordHelp', record({ programme: 'other' }), 'demo-secretary'),
    ).toMatchObject({ code: 'BAD_REQUEST' });
    expect(await api.refused('approvals', 'recordHelp', record(), 'demo-supervisor')).toMatchObject({
      code: 'FORBIDDEN',
    });
    expect(await backend.ports.store.count(COLLECTIONS.programmeHelps)).toBe(before);
  });

  it('records the outcome (with its text) and the follow-up; an outcome without text is refused', async () => {
    expect(
      await api.refused(
        'approvals',
        'updateHelp',
        { helpId, outcome: 'approved', outcomeText: '', followUpOn: null },
        'demo-secretary',
      ),
    ).toMatchObject({ code: 'BAD_REQUEST' });
    const view = await api.ok<ProgrammeHelpView>(
      'approvals',
      'updateHelp',
      { helpId, outcome: 'approved', outcomeText: '县医保局批准医疗救助 3,200 元', followUpOn: null },
      'demo-secretary',
    );
    expect(view).toMatchObject({ outcome: 'approved', outcomeLabel: '已获批', followUpOn: null });
    const raw = await backend.ports.store.get<ProgrammeHelpDoc>(COLLECTIONS.programmeHelps, helpId);
    expect(JSON.stringify(raw)).not.toContain('医保局');
  });

  it('R-PROC-8: the monthly report counts 帮办 by programme and outcome, without names; the xlsx too', async () => {
    backend.ports.clock.set('2026-12-02T09:00:00+08:00');
    try {
      const report = await api.ok<MonthlyReportView>(
        'funds',
        'generateMonthlyReport',
        { societyId: SOCIETY, month: '2026-11' },
        'demo-secretary',
      );
      expect(report.cases.helps).toEqual({
        recorded: 2,
        approved: 1, // decided on 2026-11-30, the demo "now"
        refused: 0,
        pendingAtEnd: 1,
        byProgramme: [
          { programme: 'dibao', label: '低保', recorded: 1, approved: 0 },
          { programme: 'medical', label: '医疗救助', recorded: 1, approved: 1 },
        ],
      });
      expect(JSON.stringify(report)).not.toContain('孙桂兰');
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load((await monthlyReportWorkbook(report)) as unknown as ArrayBuffer);
      const rows: unknown[][] = [];
      workbook.getWorksheet('月报')!.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
      expect(rows).toEqual(
        expect.arrayContaining([
          ['帮办政府救助'],
          ['本月新办', 2],
          ['其中低保', 1],
          ['其中医疗救助', 1],
          ['本月获批', 1],
          ['月末办理中', 1],
        ]),
      );
    } finally {
      backend.ports.clock.set('2026-11-30T14:00:00+08:00');
    }
  });
  it('R-OVS-4: the half-yearly meeting pack counts 帮办 too (July to November, no names)', async () => {
    backend.ports.clock.set('2026-12-02T09:00:00+08:00');
    try {
      const meeting = await api.ok<{ pack: { cases: { helps?: unknown } | null } | null }>(
        'funds',
        'publishMeetingPack',
        { meetingId: 'seed-meeting-wj-2026h2' },
        'demo-president',
      );
      expect(meeting.pack!.cases!.helps).toMatchObject({ recorded: 2, approved: 1, pendingAtEnd: 1 });
      expect(JSON.stringify(meeting)).not.toContain('孙桂兰');
    } finally {
      backend.ports.clock.set('2026-11-30T14:00:00+08:00');
    }
  });
});
