/**
 * Oversight through the real `notices` function as the demo callers: the supervision committee
 * sees everything of its society and changes nothing but a flag (R-OVS-2); the township sees its
 * societies; the audit trail is read by scope and a tampered event is found (R-OVS-5).
 */
import { COLLECTIONS } from '../../server/collections';
import { findAll } from '../../server/ports/store';
import { hashAuditEvent, type AuditEventDoc } from '../../server/audit/trail';
import { FUNCTIONS } from '../../server/functions';
import { createTestBackend, type TestBackend } from '../support/test-backend';
import type { FundEntriesPage } from '../../miniprogram/domain/funds';
import type { ObjectionView } from '../../miniprogram/domain/notices';
import type {
  AuditPage,
  AuditScopeItem,
  AuditVerification,
  CaseFlagView,
  FourPublicSheet,
  SupervisedCasesPage,
  SupervisionOverview,
  TownshipOverview,
} from '../../miniprogram/domain/oversight';
import { api, footprint, LIUTANG, WANGJIA } from './support';

describe('R-OVS-2: the supervision committee sees everything of its society and changes nothing', () => {
  let backend: TestBackend;
  let call: ReturnType<typeof api>;

  beforeAll(async () => {
    backend = await createTestBackend();
    call = api(backend);
  });
  afterAll(() => backend.close());

  it('reads every case with every step, every ledger entry, every objection and the audit trail — writing nothing', async () => {
    const before = await footprint(backend);
    const overview = await call.notices.ok<SupervisionOverview>(
      'supervisionOverview',
      { societyId: WANGJIA },
      'demo-supervisor',
    );
    expect(overview).toMatchObject({
      cases: { total: 4, open: 2, paid: 3, overdue: 0 },
      notices: { live: 1, archived: 2, unpublished: 0, notPostedOnPaper: 1 },
      objections: { total: 1, open: 1, overdue: 0 },
      flags: { total: 0, open: 0 },
      fund: { balanceFen: 34_200_00 },
    });

    const cases = await call.notices.ok<SupervisedCasesPage>(
      'supervisedCases',
      { societyId: WANGJIA, limit: 50 },
      'demo-supervisor',
    );
    expect(cases.total).toBe(4);
    expect(cases.items.map((item) => item.id).sort()).toEqual([
      'demo-case-01',
      'demo-case-02',
      'demo-case-03',
      'demo-case-04',
    ]);
    const fire = cases.items.find((item) => item.id === 'demo-case-03')!;
    expect(fire).toMatchObject({ name: '陈大山', noticeState: 'live', openObjections: 1, flagged: false });
    expect(fire.steps.map((step) => step.type)).toEqual([
      'discover',
      'recordVisit',
      'propose',
      'approve',
      'disburse',
      'addReferral',
    ]);
    expect(cases.items.find((item) => item.id === 'demo-case-04')).toMatchObject({ noticeState: 'notDue' });

    const ledger = await call.notices.ok<FundEntriesPage>(
      'supervisionLedger',
      { societyId: WANGJIA, limit: 50 },
      'demo-supervisor',
    );
    expect(ledger.items.length).toBe(ledger.total);
    expect(ledger.items.map((entry) => entry.id)).toEqual(
      expect.arrayContaining(['seed-wj-08', 'seed-wj-09', 'seed-wj-10']),
    );
    expect(JSON.stringify(ledger)).not.toContain('陈大山');

    const objections = await call.notices.ok<{ items: ObjectionView[] }>(
      'listObjections',
      { societyId: WANGJIA },
      'demo-supervisor',
    );
    expect(objections.items).toHaveLength(1);

    const sheet = await call.notices.ok<FourPublicSheet>('caseSheet', { caseId: 'demo-case-03' }, 'demo-supervisor');
    expect(sheet.reason).toMatchObject({ causeLabel: '意外事故', published: '因意外' });
    expect(sheet.reason.record).toContain('房屋失火');
    expect(sheet.findings).toMatchObject({
      published: '经2人入户核查，核验了户口簿、身份证、困难情况证明原件，情况属实',
      visitors: ['刘芳', '王建军'],
    });
    expect(sheet.findings.record).toContain('两间房屋过火');
    expect(sheet.decision).toMatchObject({
      outcomeLabel: '批准',
      byName: '王建国',
      tierLabel: '三档（特别困难）',
      reliefFirst: false,
    });
    expect(sheet.amount).toMatchObject({
      amountFen: 1_000_00,
      methodLabel: '现金',
      ledgerEntryId: 'seed-wj-10',
      receiptConfirmed: true,
    });
    expect(sheet.notice).toMatchObject({ statusLabel: '公示中', openObjectionCount: 1, postedOnPaper: false });
    expect(sheet.notice!.lines[0]).toBe('救助对象：王家村第三村民小组 陈*山');

    const trail = await call.notices.ok<AuditPage>('auditTrail', { scopeId: WANGJIA, limit: 50 }, 'demo-supervisor');
    expect(trail.total).toBeGreaterThan(20);
    // Latest first, by when it was done: 刘芳 accepted demo-case-04 at 09:30, after 周小红 objected at 09:10.
    expect(trail.items[0]).toMatchObject({
      action: 'case.accept',
      actionLabel: '案件：受理',
      actorRoleLabel: '秘书长',
    });
    expect(trail.items[1]).toMatchObject({
      action: 'notice.objection',
      actionLabel: '提出异议',
      actorRoleLabel: '村民',
    });
    expect(trail.items.map((item) => item.actionLabel)).toEqual(
      expect.arrayContaining(['案件：批准', '发布公示', '记账']),
    );
    const verified = await call.notices.ok<AuditVerification>('verifyAudit', { scopeId: WANGJIA }, 'demo-supervisor');
    expect(verified).toMatchObject({ ok: true, count: trail.total, brokenAtSeq: null });

    expect(await footprint(backend)).toEqual(before);
  });

  it('every write of the notices function but the flag is refused to the supervisor, and nothing changes', async () => {
    const before = await footprint(backend);
    const writes: Array<[string, Record<string, unknown>]> = [
      ['publishNotice', { caseId: 'demo-case-03', villageGroupNo: 3 }],
      ['previewNotice', { caseId: 'demo-case-03', villageGroupNo: 3 }],
      ['attachBoardPhoto', { noticeId: 'notice-demo-case-03', fileId: 'local:notices/x.jpg' }],
      [
        'answerObjection',
        { objectionId: 'obj-seed-objection-demo-case-03', answer: '监督委员会代答', outcome: 'upheld' },
      ],
      ['boardPoster', { societyId: WANGJIA }],
      ['exportBoardPoster', { societyId: WANGJIA }],
      ['setSettings', { societyId: WANGJIA, objectionAnswerDays: 10 }],
      ['resolveFlag', { flagId: 'flag-anything', note: '已处理' }],
      ['officerTodo', { societyId: WANGJIA }],
      ['officerNotices', { societyId: WANGJIA }],
      ['townshipOverview', {}],
    ];
    const covered = new Set(writes.map(([name]) => name));
    for (const [name, payload] of writes) {
      expect((await call.notices.refused(name, payload, 'demo-supervisor')).code).toBe('FORBIDDEN');
    }
    // Nor through the other functions.
    expect((await call.refused('approvals', 'accept', { caseId: 'demo-case-04' }, 'demo-supervisor')).code).toBe(
      'FORBIDDEN',
    );
    expect(
      (
        await call.refused(
          'funds',
          'recordEntry',
          { societyId: WANGJIA, entryId: 'sup-entry-0001', type: 'collectiveFund', amountFen: 100, sourceRef: 'x' },
          'demo-supervisor',
        )
      ).code,
    ).toBe('FORBIDDEN');
    expect(await footprint(backend)).toEqual(before);
    // The supervisor's reach in this function: reads, the flag, and (as anyone may) an objection.
    const actions = Object.entries(FUNCTIONS.notices!.actions);
    const supervisorMay = (access: unknown) =>
      access === 'anyone' || (Array.isArray(access) && (access as string[]).includes('supervisor'));
    expect(
      actions
        .filter(([, definition]) => supervisorMay(definition.access))
        .map(([name]) => name)
        .sort(),
    ).toEqual(
      [
        'publicPage',
        'resolveScene',
        'getNotice',
        'myObjections',
        'getSettings',
        'archive',
        'listObjections',
        'supervisionOverview',
        'supervisedCases',
        'supervisionLedger',
        'caseSheet',
        'listFlags',
        'auditScopes',
        'auditTrail',
        'verifyAudit',
        'raiseObjection',
        'flagCase',
      ].sort(),
    );
    // Every other action was tried above and refused.
    for (const [name, definition] of actions) {
      if (!supervisorMay(definition.access)) expect(covered).toContain(name);
    }
  });

  it('flags a case for the township with a comment — its one write, audited — and the township handles it', async () => {
    const flag = await call.notices.ok<CaseFlagView>(
      'flagCase',
      { requestId: 'flag-demo-03-0001', caseId: 'demo-case-03', comment: '有村民对金额提出异议，请乡镇复核档次。' },
      'demo-supervisor',
    );
    expect(flag).toMatchObject({ caseNo: '2026-003', maskedName: '陈*山', byName: '赵德明', status: 'open' });
    const again = await call.notices.ok<CaseFlagView>(
      'flagCase',
      { requestId: 'flag-demo-03-0001', caseId: 'demo-case-03', comment: '有村民对金额提出异议，请乡镇复核档次。' },
      'demo-supervisor',
    );
    expect(again.id).toBe(flag.id);
    expect(
      (
        await call.notices.refused(
          'flagCase',
          { requestId: 'flag-by-officer-01', caseId: 'demo-case-03', comment: 'x' },
          'demo-secretary',
        )
      ).code,
    ).toBe('FORBIDDEN');

    const township = await call.notices.ok<TownshipOverview>('townshipOverview', {}, 'demo-township');
    expect(township.openFlags.map((item) => item.id)).toEqual([flag.id]);
    expect(township.societies.find((row) => row.id === WANGJIA)).toMatchObject({ openFlags: 1 });
    expect(
      (
        await call.notices.ok<SupervisedCasesPage>('supervisedCases', { societyId: WANGJIA }, 'demo-supervisor')
      ).items.find((item) => item.id === 'demo-case-03'),
    ).toMatchObject({ flagged: true });

    const resolved = await call.notices.ok<CaseFlagView>(
      'resolveFlag',
      { flagId: flag.id, note: '已复核，档次符合规定。' },
      'demo-township',
    );
    expect(resolved).toMatchObject({ status: 'resolved', resolution: { note: '已复核，档次符合规定。' } });
    const societyTrail = await call.notices.ok<AuditPage>(
      'auditTrail',
      { scopeId: WANGJIA, limit: 5 },
      'demo-supervisor',
    );
    expect(societyTrail.items[0]).toMatchObject({
      action: 'oversight.flag',
      actorName: '赵德明',
      actorRoleLabel: '村监督委员会',
    });
    const areaTrail = await call.notices.ok<AuditPage>(
      'auditTrail',
      { scopeId: 'area-qingshi', limit: 5 },
      'demo-township',
    );
    expect(areaTrail.items[0]).toMatchObject({ action: 'oversight.resolveFlag', actorRoleLabel: '乡镇' });
    const sheet = await call.notices.ok<FourPublicSheet>('caseSheet', { caseId: 'demo-case-03' }, 'demo-supervisor');
    expect(sheet.flags.map((item) => item.status)).toEqual(['resolved']);
  });
});

describe('R-OVS-2: the township overview of its societies', () => {
  let backend: TestBackend;
  let call: ReturnType<typeof api>;

  beforeAll(async () => {
    backend = await createTestBackend();
    call = api(backend);
  });
  afterAll(() => backend.close());

  it('shows its societies with live notices, open objections and overdue deadlines — only its own', async () => {
    // Tuesday noon: 李秀英's case waits for a visit due at 09:30; the fire notice is live until 17:00.
    backend.ports.clock.set('2026-12-01T12:00:00+08:00');
    const view = await call.notices.ok<TownshipOverview>('townshipOverview', {}, 'demo-township');
    expect(view.areas).toEqual([{ id: 'area-qingshi', name: '青石镇' }]);
    expect(view.societies.map((row) => row.id)).toEqual([LIUTANG, WANGJIA]);
    expect(view.societies.find((row) => row.id === WANGJIA)).toMatchObject({
      liveNotices: 1,
      liveNoticeTitles: ['王家村第三村民小组 陈*山 应急救助 1000元'],
      openObjections: 1,
      overdueObjections: 0,
      overdueCases: 1,
      unpublishedNotices: 0,
    });
    expect(view.overdueCases.map((item) => item.id)).toEqual(['demo-case-04']);
    expect(view.totals).toMatchObject({ liveNotices: 1, openObjections: 1, overdueCases: 1 });
    expect(JSON.stringify(view)).not.toContain('张国强');

    const county = await call.notices.ok<TownshipOverview>('townshipOverview', {}, 'demo-county');
    expect(county.societies.map((row) => row.id).sort()).toEqual(
      ['soc-baisha', LIUTANG, 'soc-shiqiao', WANGJIA].sort(),
    );
    expect((await call.notices.refused('townshipOverview', { townshipId: 'area-hekou' }, 'demo-township')).code).toBe(
      'FORBIDDEN',
    );
    for (const openid of ['demo-supervisor', 'demo-secretary', 'demo-resident']) {
      expect((await call.notices.refused('townshipOverview', {}, openid)).code).toBe('FORBIDDEN');
    }
  });
});

describe('R-OVS-5: the audit trail, read by scope and verified', () => {
  let backend: TestBackend;
  let call: ReturnType<typeof api>;

  beforeAll(async () => {
    backend = await createTestBackend();
    call = api(backend);
  });
  afterAll(() => backend.close());

  it('is read by the supervision committee for its society, the township for its scope, the county for all', async () => {
    const supervisor = await call.notices.ok<{ items: AuditScopeItem[] }>('auditScopes', {}, 'demo-supervisor');
    expect(supervisor.items.map((scope) => scope.scopeId)).toEqual([WANGJIA]);
    const township = await call.notices.ok<{ items: AuditScopeItem[] }>('auditScopes', {}, 'demo-township');
    expect(township.items.map((scope) => scope.scopeId)).toEqual(['area-qingshi', LIUTANG, WANGJIA]);
    const county = await call.notices.ok<{ items: AuditScopeItem[] }>('auditScopes', {}, 'demo-county');
    expect(county.items.map((scope) => scope.scopeId)).toEqual(
      expect.arrayContaining([
        'area-qingxi',
        'area-qingshi',
        'area-hekou',
        WANGJIA,
        LIUTANG,
        'soc-shiqiao',
        'soc-baisha',
      ]),
    );

    expect((await call.notices.refused('auditTrail', { scopeId: LIUTANG }, 'demo-supervisor')).code).toBe('FORBIDDEN');
    expect((await call.notices.refused('auditTrail', { scopeId: 'soc-shiqiao' }, 'demo-township')).code).toBe(
      'FORBIDDEN',
    );
    expect((await call.notices.refused('auditTrail', { scopeId: 'area-qingxi' }, 'demo-township')).code).toBe(
      'FORBIDDEN',
    );
    expect((await call.notices.refused('auditTrail', { scopeId: 'area-nowhere' }, 'demo-county')).code).toBe(
      'NOT_FOUND',
    );
    for (const openid of ['demo-secretary', 'demo-president', 'demo-member', 'demo-resident', null]) {
      expect((await call.notices.refused('auditTrail', { scopeId: WANGJIA }, openid)).code).toMatch(
        /FORBIDDEN|UNAUTHENTICATED/,
      );
    }
    for (const scope of county.items) {
      const result = await call.notices.ok<AuditVerification>('verifyAudit', { scopeId: scope.scopeId }, 'demo-county');
      expect(result).toMatchObject({ ok: true, count: scope.eventCount });
    }
  });

  it('every event says who, in which role, did what to what and when', async () => {
    const events = await findAll<AuditEventDoc>(backend.ports.store, COLLECTIONS.auditEvents, {
      where: { scopeId: WANGJIA },
    });
    const notices = events.filter((event) => event.action.startsWith('notice.'));
    expect(notices.map((event) => event.action).sort()).toEqual([
      'notice.board',
      'notice.objection',
      'notice.publish',
      'notice.publish',
      'notice.publish',
    ]);
    for (const event of notices) {
      expect(event.actor.openid).toBeTruthy();
      expect(event.actor.role).toBeTruthy();
      expect(event.target).toMatch(/^(notices|noticeObjections|noticeBoards)\//);
      expect(Date.parse(event.at)).not.toBeNaN();
    }
    // The objection's text never enters the trail.
    expect(JSON.stringify(notices)).not.toContain('卧室还能住');
  });

  it('detects an altered event, and a forged one re-hashed to look whole, at the first break', async () => {
    const { store } = backend.ports;
    const target = (
      await store.find<AuditEventDoc>(COLLECTIONS.auditEvents, {
        where: { scopeId: WANGJIA, action: 'notice.publish' },
        orderBy: [['seq', 'asc']],
        limit: 1,
      })
    )[0]!;
    const original = { ...target };
    // Someone lowers the amount recorded for a publication.
    await store.transaction((tx) =>
      tx.set(COLLECTIONS.auditEvents, { ...target, details: { ...target.details, amountFen: 1 } }),
    );
    let result = await call.notices.ok<AuditVerification>('verifyAudit', { scopeId: WANGJIA }, 'demo-supervisor');
    expect(result).toMatchObject({
      ok: false,
      brokenAtSeq: target.seq,
      brokenEventId: target._id,
      reason: '记录内容被改动',
    });

    // A careful forger recomputes the event's own hash: the next event's link gives it away.
    const { _id, hash: _hash, ...body } = { ...target, details: { ...target.details, amountFen: 1 } };
    await store.transaction((tx) => tx.set(COLLECTIONS.auditEvents, { _id, ...body, hash: hashAuditEvent(body) }));
    result = await call.notices.ok<AuditVerification>('verifyAudit', { scopeId: WANGJIA }, 'demo-township');
    expect(result).toMatchObject({
      ok: false,
      brokenAtSeq: target.seq + 1,
      reason: '与前一条记录的链接对不上（被删除或插入）',
    });

    await store.transaction((tx) => tx.set(COLLECTIONS.auditEvents, original));
    result = await call.notices.ok<AuditVerification>('verifyAudit', { scopeId: WANGJIA }, 'demo-county');
    expect(result.ok).toBe(true);
  });
});
