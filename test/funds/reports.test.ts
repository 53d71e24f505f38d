/** R-OVS-4 general meetings and R-PROC-8 monthly reports, the scheduler's timer, and the xlsx export. */
import { uploaded } from '../support/uploads';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { createTestBackend, type TestBackend } from '../support/test-backend';
import { DEMO_MEETING_ID } from '../../server/seed/demo-funds';
import { recordLedgerEntry } from '../../server/ledger/ledger';
import { COLLECTIONS } from '../../server/collections';
import type { MeetingView, MonthlyReportView } from '../../miniprogram/domain/funds';
import type { MonthlyRunResult } from '../../server/reports/monthly';
import { data, refusal, rid, snapshot } from './support';

let backend: TestBackend;
beforeEach(async () => {
  backend = await createTestBackend();
});
afterEach(() => backend.close());

describe('R-OVS-4: general meetings', () => {
  it('R-OVS-4: members see the meeting the president called, with its notice', async () => {
    const { next } = await data<{ next: MeetingView | null }>(
      backend,
      'funds',
      { action: 'listMeetings', societyId: 'soc-wangjia' },
      'demo-member',
    );
    expect(next).toMatchObject({
      id: DEMO_MEETING_ID,
      halfLabel: '2026年下半年',
      daysUntil: 20,
      started: false,
      pack: null,
    });
    expect(
      (await refusal(backend, 'funds', { action: 'listMeetings', societyId: 'soc-wangjia' }, 'demo-resident')).code,
    ).toBe('FORBIDDEN');
  });

  it('R-OVS-4: a meeting less than 10 days ahead is refused; only the president calls one', async () => {
    const event = {
      action: 'scheduleMeeting',
      requestId: rid('meet'),
      societyId: 'soc-wangjia',
      place: '村委会',
      startsAt: '2026-12-09T09:00:00+08:00',
    };
    const before = await snapshot(backend);
    expect(await refusal(backend, 'funds', event, 'demo-president')).toMatchObject({ code: 'INVALID_STATE' });
    expect(
      (await refusal(backend, 'funds', { ...event, startsAt: '2026-12-15T09:00:00+08:00' }, 'demo-secretary')).code,
    ).toBe('FORBIDDEN');
    expect(await snapshot(backend)).toEqual(before);
    const meeting = await data<MeetingView>(
      backend,
      'funds',
      { ...event, startsAt: '2026-12-15T09:00:00+08:00' },
      'demo-president',
    );
    expect(meeting).toMatchObject({
      title: '王家村救急难互助社2026年下半年会员大会',
      half: '2026-H2',
      daysUntil: 15,
      started: false,
    });
    // A retry answers the meeting; the same request id for another place is refused, nothing written.
    const retried = await data<MeetingView>(
      backend,
      'funds',
      { ...event, startsAt: '2026-12-15T09:00:00+08:00' },
      'demo-president',
    );
    expect(retried.id).toBe(meeting.id);
    const scheduled = await snapshot(backend);
    expect(
      await refusal(
        backend,
        'funds',
        { ...event, startsAt: '2026-12-15T09:00:00+08:00', place: '村小学' },
        'demo-president',
      ),
    ).toEqual({ code: 'DUPLICATE', message: '这个请求编号已经用于另一份不同的内容，请刷新页面后重新提交' });
    expect(await snapshot(backend)).toEqual(scheduled);
  });

  it('R-OVS-4: the pack is frozen at its cut-off, kept, and agrees with the ledger; minutes come after the meeting', async () => {
    const published = await data<MeetingView>(
      backend,
      'funds',
      { action: 'publishMeetingPack', meetingId: DEMO_MEETING_ID },
      'demo-secretary',
    );
    expect(published.pack).toMatchObject({
      cutoffMonth: '2026-10',
      statement: {
        from: '2026-07',
        to: '2026-10',
        openingFen: 35_700_00,
        closingFen: 35_200_00,
        outFen: 500_00,
        reconciliation: { ok: true },
      },
    });
    // Money that moves after the cut-off does not change the published pack.
    await backend.ports.store.transaction((tx) =>
      recordLedgerEntry(
        tx,
        'soc-wangjia',
        { entryId: 'after-cutoff', type: 'bankInterest', amountFen: 99_00, sourceRef: '结息' },
        { userId: null, openid: null, name: 't', role: null },
        backend.ports.clock.now(),
      ),
    );
    expect(
      (await refusal(backend, 'funds', { action: 'publishMeetingPack', meetingId: DEMO_MEETING_ID }, 'demo-president'))
        .message,
    ).toBe('会议材料已经发布，不能更改');
    const read = await data<MeetingView>(
      backend,
      'funds',
      { action: 'getMeeting', meetingId: DEMO_MEETING_ID },
      'demo-member',
    );
    expect(read.pack).toEqual(published.pack);

    const attach = {
      action: 'attachMeetingFile',
      meetingId: DEMO_MEETING_ID,
      fileId: await uploaded(backend, 'demo-secretary', { kind: 'meetings', societyId: 'soc-wangjia' }),
      kind: 'minutes',
      title: '会议纪要',
    };
    expect((await refusal(backend, 'funds', attach, 'demo-secretary')).message).toBe('会议召开后才能上传纪要和决议');
    backend.ports.clock.set('2026-12-20T12:00:00+08:00');
    await data(backend, 'funds', attach, 'demo-secretary');
    const after = await data<MeetingView>(
      backend,
      'funds',
      {
        ...attach,
        fileId: await uploaded(backend, 'demo-president', { kind: 'meetings', societyId: 'soc-wangjia' }),
        kind: 'resolution',
        title: '决议',
      },
      'demo-president',
    );
    expect(after.files.map((file) => file.kindLabel)).toEqual(['会议纪要', '会议决议']);
  });
});

describe('R-PROC-8: monthly reports', () => {
  it("R-PROC-8: the timer on the 1st generates last month's report for every running society, once", async () => {
    const timerEvent = { Type: 'Timer', TriggerName: 'monthlyReports', Time: '2026-12-01T02:00:00+08:00', Message: '' };
    backend.ports.clock.set('2026-12-01T02:00:00+08:00');
    const run = await data<MonthlyRunResult>(backend, 'scheduler', timerEvent, null);
    expect(run).toEqual({
      month: '2026-11',
      generated: ['soc-liutang:2026-11:v1', 'soc-wangjia:2026-11:v1'],
      alreadySent: [],
      failed: [],
    });
    const again = await data<MonthlyRunResult>(backend, 'scheduler', timerEvent, null);
    expect(again.generated).toEqual([]);
    expect(again.alreadySent).toHaveLength(2);
    // A person without an area role may not run it.
    expect((await refusal(backend, 'scheduler', { action: 'runMonthlyReports' }, 'demo-secretary')).code).toBe(
      'FORBIDDEN',
    );
  });

  it("a call without a caller is a timer only when it is the platform's timer event for a trigger the function has", async () => {
    backend.ports.clock.set('2026-12-01T02:00:00+08:00');
    const before = await backend.ports.store.count(COLLECTIONS.monthlyReports);
    // No OPENID is not enough: that is somebody we cannot identify, not the timer.
    expect((await refusal(backend, 'scheduler', { action: 'runMonthlyReports' }, null)).code).toBe('UNAUTHENTICATED');
    // A trigger the function does not have, and a timer event dressed up by a person, are refused too.
    expect((await refusal(backend, 'scheduler', { Type: 'Timer', TriggerName: 'other' }, null)).code).toBe(
      'BAD_REQUEST',
    );
    expect(
      (await refusal(backend, 'scheduler', { Type: 'Timer', TriggerName: 'monthlyReports' }, 'demo-resident')).code,
    ).toBe('BAD_REQUEST');
    // Another function has no timers: a timer event there runs nothing.
    expect((await refusal(backend, 'approvals', { Type: 'Timer', TriggerName: 'monthlyReports' }, null)).code).toBe(
      'BAD_REQUEST',
    );
    expect(await backend.ports.store.count(COLLECTIONS.monthlyReports)).toBe(before);
  });

  it('R-PROC-8: the report holds in, out and balance that agree with the ledger, and goes to the township and the federation', async () => {
    backend.ports.clock.set('2026-12-01T09:00:00+08:00');
    const report = await data<MonthlyReportView>(
      backend,
      'funds',
      { action: 'generateMonthlyReport', societyId: 'soc-wangjia', month: '2026-11' },
      'demo-secretary',
    );
    expect(report).toMatchObject({
      monthLabel: '2026年11月',
      version: 1,
      sentTo: ['青石镇', '县慈善协会互助社联合会'],
      ledger: { openingFen: 35_200_00, inFen: 0, outFen: 1_000_00, closingFen: 34_200_00, reconciled: true },
    });
    expect(report.ledger.outByRelief).toEqual([
      { key: 'supplementary', label: '补充救助', fen: 0, count: 0 },
      { key: 'emergency', label: '应急救助', fen: 1_000_00, count: 1 },
    ]);
    expect(Object.keys(report.cases).sort()).toEqual([
      'accepted',
      'deadlinesMet',
      'deadlinesMissed',
      'helps',
      'paid',
      'paidFenByType',
      'received',
      'unratified',
    ]);
    const township = await data<{ items: MonthlyReportView[] }>(
      backend,
      'funds',
      { action: 'listMonthlyReports' },
      'demo-township',
    );
    expect(township.items.map((item) => item.id)).toEqual(['soc-wangjia:2026-11:v1']);
    const federation = await data<{ items: MonthlyReportView[] }>(
      backend,
      'funds',
      { action: 'listMonthlyReports', month: '2026-11' },
      'demo-federation',
    );
    expect(federation.items.map((item) => item.id)).toEqual(['soc-wangjia:2026-11:v1']);
    expect(
      (await refusal(backend, 'funds', { action: 'getMonthlyReport', reportId: report.id }, 'demo-member')).code,
    ).toBe('FORBIDDEN');
    // The current month has not ended; a preparing society has nothing to report.
    expect(
      (
        await refusal(
          backend,
          'funds',
          { action: 'generateMonthlyReport', societyId: 'soc-wangjia', month: '2026-11' },
          'demo-member',
        )
      ).code,
    ).toBe('FORBIDDEN');
    expect(
      (
        await refusal(
          backend,
          'funds',
          { action: 'generateMonthlyReport', societyId: 'soc-wangjia', month: '2026-12' },
          'demo-secretary',
        )
      ).message,
    ).toBe('只能生成已结束月份的月报');
  });

  it('R-PROC-8: a sent report is frozen; a correction is a new version and the first is kept', async () => {
    backend.ports.clock.set('2026-12-01T09:00:00+08:00');
    const first = await data<MonthlyReportView>(
      backend,
      'funds',
      { action: 'generateMonthlyReport', societyId: 'soc-wangjia', month: '2026-11' },
      'demo-secretary',
    );
    // Money moving in December changes nothing in November's report, asked for again.
    await backend.ports.store.transaction((tx) =>
      recordLedgerEntry(
        tx,
        'soc-wangjia',
        { entryId: 'december-interest', type: 'bankInterest', amountFen: 56_78, sourceRef: '结息' },
        { userId: null, openid: null, name: 't', role: null },
        backend.ports.clock.now(),
      ),
    );
    expect(
      await data<MonthlyReportView>(
        backend,
        'funds',
        { action: 'generateMonthlyReport', societyId: 'soc-wangjia', month: '2026-11' },
        'demo-secretary',
      ),
    ).toEqual({ ...first, created: false });
    const corrected = await data<MonthlyReportView>(
      backend,
      'funds',
      { action: 'correctMonthlyReport', societyId: 'soc-wangjia', month: '2026-11', note: '补报一宗11月受理的案件' },
      'demo-secretary',
    );
    expect(corrected).toMatchObject({
      id: 'soc-wangjia:2026-11:v2',
      version: 2,
      trigger: 'correction',
      correctionNote: '补报一宗11月受理的案件',
      ledger: { closingFen: 34_200_00, reconciled: true },
    });
    const all = await data<{ items: MonthlyReportView[] }>(
      backend,
      'funds',
      { action: 'listMonthlyReports', societyId: 'soc-wangjia', allVersions: true },
      'demo-township',
    );
    expect(all.items.map((item) => [item.version, item.latest])).toEqual([
      [2, true],
      [1, false],
    ]);
    const kept = await data<MonthlyReportView>(
      backend,
      'funds',
      { action: 'getMonthlyReport', reportId: first.id },
      'demo-federation',
    );
    const { created: _created, ...firstView } = first as MonthlyReportView & { created: boolean };
    expect(kept).toEqual({ ...firstView, latest: false });
    expect(
      (
        await refusal(
          backend,
          'funds',
          { action: 'correctMonthlyReport', societyId: 'soc-wangjia', month: '2026-10', note: 'x' },
          'demo-secretary',
        )
      ).message,
    ).toBe('该月月报尚未报送，无需更正');
  });

  it("R-PROC-8: exported as an xlsx workbook whose figures are the report's", async () => {
    backend.ports.clock.set('2026-12-01T09:00:00+08:00');
    const report = await data<MonthlyReportView>(
      backend,
      'funds',
      { action: 'generateMonthlyReport', societyId: 'soc-wangjia', month: '2026-11' },
      'demo-secretary',
    );
    const exported = await data<{ fileId: string; url: string; fileName: string }>(
      backend,
      'spreadsheets',
      { action: 'exportMonthlyReport', reportId: report.id },
      'demo-federation',
    );
    expect(exported.fileName).toBe('王家村救急难互助社-2026-11-第1版.xlsx');
    const file = await backend.ports.files.get(exported.fileId);
    expect(file?.contentType).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file!.content as unknown as ArrayBuffer);
    const rows = new Map<string, unknown>();
    workbook.getWorksheet('月报')!.eachRow((row) => rows.set(String(row.getCell(1).value), row.getCell(2).value));
    expect(rows.get('期初余额')).toBe(35_200);
    expect(rows.get('支出合计（救助支出）')).toBe(1_000);
    expect(rows.get('期末余额')).toBe(34_200);
    expect(rows.get('与台账核对')).toBe('一致');
    expect(fs.existsSync(path.join(backend.dir, 'files'))).toBe(true);
  });
});

describe('cancelling a general meeting', () => {
  it('R-OVS-4: the president cancels a meeting not yet held; members see it cancelled', async () => {
    expect(
      (
        await refusal(
          backend,
          'funds',
          { action: 'cancelMeeting', meetingId: DEMO_MEETING_ID, reason: 'x' },
          'demo-secretary',
        )
      ).code,
    ).toBe('FORBIDDEN');
    const cancelled = await data<MeetingView>(
      backend,
      'funds',
      { action: 'cancelMeeting', meetingId: DEMO_MEETING_ID, reason: '与春耕冲突，改期' },
      'demo-president',
    );
    expect(cancelled.status).toBe('cancelled');
    const { next } = await data<{ next: MeetingView | null }>(
      backend,
      'funds',
      { action: 'listMeetings', societyId: 'soc-wangjia' },
      'demo-member',
    );
    expect(next).toBeNull();
    expect(
      (await refusal(backend, 'funds', { action: 'publishMeetingPack', meetingId: DEMO_MEETING_ID }, 'demo-president'))
        .message,
    ).toBe('会员大会已取消');
  });
});
