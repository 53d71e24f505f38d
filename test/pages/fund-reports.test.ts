/**
 * The money pages over the real backend: the fund report and the general meetings (R-OVS-4), the
 * monthly reports of a society and those a township or the federation received (R-PROC-8), the
 * county dashboard (R-ORG-1/2) and the federation's sub-accounts (R-ORG-1).
 */
import { usePageBackend } from '../support/page-backend';
import { navigations, recordedCalls, recordedUploads, setNetworkDown } from '../support/simulate-setup';
import { findByText, openPage, silenceConsoleError, tap, textOf, waitFor } from '../support/simulate-pages';
import { setDemoCaller } from '../../miniprogram/services/cloud';
import { COLLECTIONS, type AreaDoc, type SocietyDoc } from '../../server/collections';
import { findAll } from '../../server/ports/store';
import type { FundDoc, LedgerEntryDoc } from '../../server/ledger/ledger';
import type { MeetingDoc } from '../../server/funds/meetings';
import type { MonthlyReportDoc } from '../../server/reports/monthly';
import type { CountySettingsDoc } from '../../server/funds/settings';
import { DEMO_MEETING_ID } from '../../server/seed/demo-funds';
import { DEMO_NOW } from '../support/test-backend';
import { beijingMonthOf, type Month } from '../../miniprogram/domain/funds';
import { formatYuan } from '../../miniprogram/domain/money';
import { MISSING_REASON_MESSAGE } from '../../miniprogram/pages/meeting/view';

const FUND_REPORT = 'pages/fund-report/index';
const MEETINGS = 'pages/meetings/index';
const MEETING = 'pages/meeting/index';
const OFFICER_REPORTS = 'packages/officer/pages/monthly-reports/index';
const RECEIVED_REPORTS = 'packages/oversight/pages/monthly-reports/index';
const REPORT = 'packages/oversight/pages/monthly-report/index';
const DASHBOARD = 'packages/oversight/pages/county-dashboard/index';
const FEDERATION = 'packages/oversight/pages/federation/index';
const WANGJIA = 'soc-wangjia';

// The first render of a page loads its TDesign components.
jest.setTimeout(30_000);

const backend = usePageBackend();

beforeEach(() => {
  setDemoCaller('demo-member');
  backend().ports.clock.set(DEMO_NOW);
});
afterEach(() => jest.restoreAllMocks());

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Instance = any;

function society(societyId: string): Promise<SocietyDoc | null> {
  return backend().ports.store.get<SocietyDoc>(COLLECTIONS.societies, societyId);
}

type Modal = { title?: string; content?: string; confirmText?: string };

/** The next wx.showModal answers like this; returns what the page asked. */
function answerModal(answer: { confirm: boolean }): Modal[] {
  const asked: Modal[] = [];
  jest.spyOn(wx, 'showModal').mockImplementation(((options: WechatMiniprogram.ShowModalOption) => {
    asked.push(options);
    options.success?.({
      confirm: answer.confirm,
      cancel: !answer.confirm,
      content: '',
      errMsg: 'showModal:ok',
    } as WechatMiniprogram.ShowModalSuccessCallbackResult);
  }) as unknown as typeof wx.showModal);
  return asked;
}

async function ledger(societyId: string): Promise<LedgerEntryDoc[]> {
  return findAll<LedgerEntryDoc>(backend().ports.store, COLLECTIONS.ledgerEntries, { where: { societyId } });
}

function inPeriod(entries: LedgerEntryDoc[], from: Month, to: Month): LedgerEntryDoc[] {
  return entries.filter((entry) => {
    const month = beijingMonthOf(entry.recordedAt);
    return month >= from && month <= to;
  });
}

/** Money in by channel, net of reversals, summed straight from the entries. */
function inByChannel(entries: LedgerEntryDoc[]): Record<string, number> {
  const sums: Record<string, number> = { countySubsidy: 0, collectiveFund: 0, donation: 0, bankInterest: 0 };
  for (const entry of entries) {
    const type = entry.type === 'reversal' ? entry.reverses!.type : entry.type;
    if (type in sums) sums[type]! += entry.amountFen;
  }
  return sums;
}

/** Relief paid by type, net of reversals, positive fen. */
function outByRelief(entries: LedgerEntryDoc[]): Record<string, number> {
  const sums: Record<string, number> = { supplementary: 0, emergency: 0 };
  for (const entry of entries) {
    const type = entry.type === 'reversal' ? entry.reverses!.type : entry.type;
    if (type === 'reliefPayout')
      sums[entry.reliefType ?? 'unspecified'] = (sums[entry.reliefType ?? 'unspecified'] ?? 0) - entry.amountFen;
  }
  return sums;
}

function sum(entries: LedgerEntryDoc[]): number {
  return entries.reduce((total, entry) => total + entry.amountFen, 0);
}

async function record(type: 'collectiveFund' | 'bankInterest', amountFen: number, entryId: string): Promise<void> {
  const answer = await backend().call(
    'funds',
    { action: 'recordEntry', societyId: WANGJIA, entryId, type, amountFen, sourceRef: `凭证-${entryId}` },
    'demo-secretary',
  );
  expect(answer).toMatchObject({ ok: true });
}

/** A member of 柳塘村's society (invited by the township), who is no member of 王家村's. */
async function liutangMember(): Promise<string> {
  const openid = 'o-liutang-member';
  const invitation = (await backend().call(
    'societies',
    {
      action: 'createInvitation',
      requestId: 'inv-liutang-member-01',
      societyId: 'soc-liutang',
      role: 'member',
      inviteeName: '柳会员',
    },
    'demo-township',
  )) as { ok: true; data: { code: string } };
  expect(invitation.ok).toBe(true);
  expect(
    await backend().call('societies', { action: 'acceptInvitation', code: invitation.data.code }, openid),
  ).toMatchObject({
    ok: true,
  });
  return openid;
}

describe('fund report (R-OVS-4)', () => {
  it('R-OVS-4: a member sees the balance, in by channel and out by relief type equal to the ledger entries to the fen (this half-year)', async () => {
    const page = await openPage(FUND_REPORT, { societyId: WANGJIA });

    expect(page.data.state).toBe('ready');
    const entries = await ledger(WANGJIA);
    const fund = await backend().ports.store.get<FundDoc>(COLLECTIONS.funds, WANGJIA);
    expect(sum(entries)).toBe(fund!.balanceFen);
    expect(page.data.screen.balanceText).toBe(formatYuan(sum(entries)));
    expect(page.data.from).toBe('2026-07');
    expect(page.data.to).toBe('2026-11');
    const half = inPeriod(entries, '2026-07', '2026-11');
    const out = outByRelief(half);
    expect(
      page.data.screen.outRows.map((row: { key: string; amountText: string }) => [row.key, row.amountText]),
    ).toEqual([
      ['supplementary', formatYuan(out.supplementary!)],
      ['emergency', formatYuan(out.emergency!)],
    ]);
    const text = textOf(page);
    expect(text).toContain('互助资金余额');
    expect(text).toContain(formatYuan(sum(entries)));
    expect(text).toContain('报告期间：2026年7月至11月');
    expect(text).toContain('与台账逐笔核对一致');
    expect(text).toContain(`本期救助 ${half.filter((entry) => entry.type === 'reliefPayout').length} 人次`);
    // Entries: only the period's, newest first, no ID or phone numbers.
    expect(page.data.entries.map((row: { id: string }) => row.id)).toEqual(
      [...half].sort((a, b) => b.seq - a.seq).map((entry) => entry._id),
    );
    expect(text).not.toMatch(/\d{17}[\dXx]/);
    expect(text).not.toMatch(/1[3-9]\d{9}/);
  });

  it('R-OVS-4: for a chosen period (January to November) every channel and relief type sums the ledger to the fen', async () => {
    const page = await openPage(FUND_REPORT, { societyId: WANGJIA });
    await (page.instance as Instance).onPeriodChange('2026-01', '2026-11');
    await waitFor(() => page.data.from === '2026-01' && page.data.screen.periodLabel === '2026年1月至11月');

    const entries = inPeriod(await ledger(WANGJIA), '2026-01', '2026-11');
    const inSums = inByChannel(entries);
    expect(Object.values(inSums).some((fen) => fen > 0)).toBe(true);
    expect(
      page.data.screen.inRows.map((row: { key: string; amountText: string }) => [row.key, row.amountText]),
    ).toEqual(Object.entries(inSums).map(([key, fen]) => [key, formatYuan(fen)]));
    const outSums = outByRelief(entries);
    expect(
      page.data.screen.outRows.map((row: { key: string; amountText: string }) => [row.key, row.amountText]),
    ).toEqual(Object.entries(outSums).map(([key, fen]) => [key, formatYuan(fen)]));
    expect(page.data.screen.inText).toBe(formatYuan(Object.values(inSums).reduce((a, b) => a + b, 0)));
    expect(page.data.screen.closingText).toBe(formatYuan(sum(entries)));
    expect(page.data.entriesTotal).toBe(entries.length);
    expect(
      recordedCalls()
        .filter((call) => call.event.action === 'fundReport')
        .at(-1)?.event,
    ).toMatchObject({
      from: '2026-01',
      to: '2026-11',
    });
  });

  it('a period ending before it starts is refused on the phone, nothing asked', async () => {
    const page = await openPage(FUND_REPORT, { societyId: WANGJIA });
    const before = recordedCalls().length;
    await (page.instance as Instance).onPeriodChange('2026-10', '2026-08');
    expect(recordedCalls().length).toBe(before);
    expect(page.data.from).toBe('2026-07');
  });

  it('R-OVS-4: a resident with no member role, and a member of another society, are refused', async () => {
    setDemoCaller('demo-resident');
    const resident = await openPage(FUND_REPORT, { societyId: WANGJIA });
    expect(resident.data.state).toBe('forbidden');
    expect(resident.data.screen).toBeNull();
    expect(textOf(resident)).toContain('互助资金报告仅向本社会员');

    setDemoCaller(await liutangMember());
    const outsider = await openPage(FUND_REPORT, { societyId: WANGJIA });
    expect(outsider.data.state).toBe('forbidden');
    expect(textOf(outsider)).not.toContain('¥');
    const meetings = await openPage(MEETINGS, { societyId: WANGJIA });
    expect(meetings.data.state).toBe('forbidden');
  });

  it('entries come 20 at a time, newest first; 加载更多 brings the rest without gaps or doubles', async () => {
    for (let i = 1; i <= 12; i += 1) await record('bankInterest', i, `entry-paging-${String(i).padStart(2, '0')}`);
    const page = await openPage(FUND_REPORT, { societyId: WANGJIA });
    await (page.instance as Instance).onPeriodChange('2026-01', '2026-11');
    await waitFor(() => page.data.from === '2026-01');
    const entries = inPeriod(await ledger(WANGJIA), '2026-01', '2026-11').sort((a, b) => b.seq - a.seq);
    expect(entries.length).toBeGreaterThan(20);
    expect(page.data.entries).toHaveLength(20);
    expect(textOf(page)).toContain(`已显示 20 笔，共 ${entries.length} 笔`);

    await tap(findByText(page, '.t-button--t-button', '加载更多'));
    await waitFor(() => page.data.entries.length === entries.length);
    expect(page.data.entries.map((row: { id: string }) => row.id)).toEqual(entries.map((entry) => entry._id));
    expect(textOf(page)).not.toContain('加载更多');
  });
});

describe('general meetings (R-OVS-4)', () => {
  it('R-OVS-4: a member sees the next meeting with its date, place and notice, and no scheduling form', async () => {
    const page = await openPage(MEETINGS, { societyId: WANGJIA });

    expect(page.data.state).toBe('ready');
    const text = textOf(page);
    expect(text).toContain('王家村救急难互助社2026年下半年会员大会');
    expect(text).toContain('时间：2026年12月20日 09:00');
    expect(text).toContain('地点：王家村村民委员会二楼会议室');
    expect(text).toContain('还有 20 天召开');
    expect(text).not.toContain('召集会员大会');
    await tap(findByText(page, '.main--next-meeting', '还有 20 天召开'));
    expect(navigations()).toEqual([`/pages/meeting/index?meetingId=${DEMO_MEETING_ID}`]);
  });

  it('R-OVS-4: the president schedules a meeting less than 10 days ahead: Chinese error, nothing written', async () => {
    silenceConsoleError();
    setDemoCaller('demo-president');
    const before = await backend().ports.store.count(COLLECTIONS.meetings);
    const page = await openPage(MEETINGS, { societyId: WANGJIA });
    await tap(findByText(page, '.t-button--t-button', '召集会员大会'));
    const form = page.instance as Instance;
    form.onTimeChange({ detail: { value: '2026-12-05 09:00' } });
    form.onPlaceChange({ detail: { value: '王家村村民委员会二楼会议室' } });
    await tap(findByText(page, '.t-button--t-button', '通知会员'));
    await waitFor(() => page.data.formError !== '');

    expect(page.data.formError).toContain('须至少提前 10 天');
    expect(textOf(page)).toContain('须至少提前 10 天通知会员');
    expect(await backend().ports.store.count(COLLECTIONS.meetings)).toBe(before);
    expect(recordedCalls().filter((call) => call.event.action === 'scheduleMeeting')).toHaveLength(1);
  });

  it('R-OVS-4: the president schedules one 10 days ahead; the same request id on a resend; members see it', async () => {
    setDemoCaller('demo-president');
    const page = await openPage(MEETINGS, { societyId: WANGJIA });
    const form = page.instance as Instance;
    form.onOpenForm();
    await form.onSchedule();
    expect(page.data.formError).toBe('请选择开会时间；请填写开会地点');
    form.onTimeChange({ detail: { value: '2026-12-11 09:00' } });
    form.onPlaceChange({ detail: { value: '王家村文化礼堂' } });
    form.onAgendaChange({ detail: { value: '一、通报情况' } });
    // No signal: the form keeps its request id, so the resend cannot call two meetings.
    silenceConsoleError();
    setNetworkDown(true);
    await form.onSchedule();
    const requestId = page.data.requestId as string;
    expect(requestId).not.toBe('');
    expect(page.data.formError).toBe('网络连接失败，请检查网络后重试');
    setNetworkDown(false);
    await form.onSchedule();
    await waitFor(() => page.data.formOpen === false);

    const calls = recordedCalls().filter((entry) => entry.event.action === 'scheduleMeeting');
    expect(calls.map((call) => call.event.requestId)).toEqual([requestId]);
    const stored = await backend().ports.store.get<MeetingDoc>(COLLECTIONS.meetings, requestId);
    expect(stored).toMatchObject({
      place: '王家村文化礼堂',
      startsAt: '2026-12-11T01:00:00.000Z',
      status: 'scheduled',
    });
    // The earliest upcoming meeting is the one members are told about now.
    expect(page.data.screen.next.place).toBe('王家村文化礼堂');
    expect(textOf(page)).toContain('还有 11 天召开');
  });

  it('R-OVS-4: the president cancels a meeting not yet held, with a reason (none: Chinese error, nothing written)', async () => {
    setDemoCaller('demo-president');
    const scheduled = (await backend().call(
      'funds',
      {
        action: 'scheduleMeeting',
        requestId: 'mtg-cancel-test-01',
        societyId: WANGJIA,
        startsAt: '2026-12-27T09:00:00+08:00',
        place: '村委会',
      },
      'demo-president',
    )) as { ok: boolean };
    expect(scheduled.ok).toBe(true);
    const page = await openPage(MEETING, { meetingId: 'mtg-cancel-test-01' });
    expect(page.data.screen.canCancel).toBe(true);
    await tap(findByText(page, '.t-button--t-button', '取消这次会员大会'));
    expect(page.data.actionError).toBe(MISSING_REASON_MESSAGE);
    expect((await backend().ports.store.get<MeetingDoc>(COLLECTIONS.meetings, 'mtg-cancel-test-01'))?.status).toBe(
      'scheduled',
    );

    (page.instance as Instance).onReasonChange({ detail: { value: '与村两委换届冲突，改期另行通知' } });
    await tap(findByText(page, '.t-button--t-button', '取消这次会员大会'));
    await waitFor(() => page.data.screen.statusLabel === '已取消');
    expect(await backend().ports.store.get<MeetingDoc>(COLLECTIONS.meetings, 'mtg-cancel-test-01')).toMatchObject({
      status: 'cancelled',
      cancelReason: '与村两委换届冲突，改期另行通知',
    });
  });

  it('R-OVS-4: publishing the pack freezes its figures: an entry recorded after the cut-off leaves the pack unchanged', async () => {
    setDemoCaller('demo-member');
    const asMember = await openPage(MEETING, { meetingId: DEMO_MEETING_ID });
    expect(asMember.data.screen.canPublish).toBe(false);
    expect(textOf(asMember)).toContain('会议材料尚未发布');

    setDemoCaller('demo-president');
    const page = await openPage(MEETING, { meetingId: DEMO_MEETING_ID });
    await tap(findByText(page, '.t-button--t-button', '发布会议材料'));
    await waitFor(() => page.data.screen.pack !== null);
    const published = (await backend().ports.store.get<MeetingDoc>(COLLECTIONS.meetings, DEMO_MEETING_ID))!.pack!;
    expect(published.cutoffMonth).toBe('2026-10');
    // The pack agrees with the ledger for July to October.
    const entries = inPeriod(await ledger(WANGJIA), '2026-07', '2026-10');
    expect(published.statement.closingFen).toBe(sum(inPeriod(await ledger(WANGJIA), '2000-01', '2026-10')));
    expect(published.statement.outFen).toBe(-sum(entries.filter((entry) => entry.type === 'reliefPayout')));
    expect(textOf(page)).toContain('材料截至2026年10月底，发布后不再改变');
    const shown = JSON.stringify(page.data.screen.pack);

    // 1 December: interest recorded after the cut-off.
    backend().ports.clock.set('2026-12-01T10:00:00+08:00');
    await record('bankInterest', 123_45, 'entry-after-cutoff-01');
    setDemoCaller('demo-member');
    const again = await openPage(MEETING, { meetingId: DEMO_MEETING_ID });
    expect(JSON.stringify(again.data.screen.pack)).toBe(shown);
    expect((await backend().ports.store.get<MeetingDoc>(COLLECTIONS.meetings, DEMO_MEETING_ID))!.pack).toEqual(
      published,
    );
    // Published once: the button is gone.
    setDemoCaller('demo-president');
    const president = await openPage(MEETING, { meetingId: DEMO_MEETING_ID });
    expect(president.data.screen.canPublish).toBe(false);
  });

  it('R-OVS-4: after the meeting the secretary attaches the minutes as a photo; members see it', async () => {
    backend().ports.clock.set('2026-12-20T11:30:00+08:00');
    setDemoCaller('demo-secretary');
    const page = await openPage(MEETING, { meetingId: DEMO_MEETING_ID });
    expect(page.data.screen).toMatchObject({ canAttach: true, canCancel: false, statusLabel: '已召开' });
    const form = page.instance as Instance;
    form.onFileTitleChange({ detail: { value: '2026年下半年会员大会纪要' } });
    await tap(findByText(page, '.t-button--t-button', '拍照或选择图片上传'));
    await waitFor(() => page.data.screen.files.length === 1);

    const [upload] = recordedUploads();
    expect(upload?.cloudPath).toMatch(/^private\/soc-wangjia\/meetings\/society\//);
    const stored = (await backend().ports.store.get<MeetingDoc>(COLLECTIONS.meetings, DEMO_MEETING_ID))!;
    expect(stored.files).toMatchObject([
      { fileId: upload!.fileId, kind: 'minutes', title: '2026年下半年会员大会纪要' },
    ]);
    expect(await backend().ports.files.get(upload!.fileId)).not.toBeNull();

    setDemoCaller('demo-member');
    const member = await openPage(MEETING, { meetingId: DEMO_MEETING_ID });
    expect(textOf(member)).toContain('会议纪要：2026年下半年会员大会纪要');
    // The member sees it through a short-lived address, not by its id.
    expect(member.data.screen.files[0].src).toMatch(
      new RegExp(`/files/${upload!.fileId.replace(/^local:/, '')}\\?expires=\\d+&sig=`),
    );
  });
});

describe('monthly reports (R-PROC-8)', () => {
  it('R-PROC-8: the secretary generates August; the report agrees with the ledger for its month', async () => {
    setDemoCaller('demo-secretary');
    const page = await openPage(OFFICER_REPORTS, { societyId: WANGJIA });
    expect(page.data.state).toBe('ready');
    expect(page.data.screen.canWrite).toBe(true);
    const form = page.instance as Instance;
    form.onMonthChange({ detail: { value: '2026-08' } });
    await tap(findByText(page, '.t-button--t-button', '生成并报送'));
    await waitFor(() => page.data.screen.rows.length > 0 && !page.data.busy);

    const report = (await backend().ports.store.get<MonthlyReportDoc>(
      COLLECTIONS.monthlyReports,
      'soc-wangjia:2026-08:v1',
    ))!;
    const all = await ledger(WANGJIA);
    const august = inPeriod(all, '2026-08', '2026-08');
    expect(report.statement.inFen).toBe(sum(august.filter((entry) => entry.amountFen > 0)));
    expect(report.statement.outFen).toBe(-sum(august.filter((entry) => entry.amountFen < 0)));
    expect(report.statement.closingFen).toBe(sum(inPeriod(all, '2000-01', '2026-08')));
    expect(report.statement.openingFen).toBe(sum(inPeriod(all, '2000-01', '2026-07')));
    const row = page.data.screen.rows[0];
    expect(row.ledger.map((line: { value: string }) => line.value)).toEqual([
      formatYuan(report.statement.openingFen),
      formatYuan(report.statement.inFen),
      formatYuan(report.statement.outFen),
      formatYuan(report.statement.closingFen),
    ]);
    expect(textOf(page)).toContain('2026年8月月报');
    expect(textOf(page)).toContain('已报送青石镇、县慈善协会互助社联合会');
  });

  it('R-PROC-8: a correction with a note creates version 2 while version 1 stays as sent', async () => {
    setDemoCaller('demo-secretary');
    const v1 = await backend().ports.store.get<MonthlyReportDoc>(COLLECTIONS.monthlyReports, 'soc-wangjia:2026-08:v1');
    expect(v1).not.toBeNull();
    const page = await openPage(OFFICER_REPORTS, { societyId: WANGJIA });
    await tap(findByText(page, '.t-button--t-button', '更正'));
    expect(page.data.correcting).toBe('2026-08');
    await tap(findByText(page, '.t-button--t-button', '报送更正'));
    expect(page.data.formError).toBe('请写明更正的原因');
    expect(await backend().ports.store.get(COLLECTIONS.monthlyReports, 'soc-wangjia:2026-08:v2')).toBeNull();

    (page.instance as Instance).onNoteChange({ detail: { value: '8月救助支出类型核对后重新报送' } });
    await tap(findByText(page, '.t-button--t-button', '报送更正'));
    await waitFor(() => page.data.screen.rows.some((row: { id: string }) => row.id === 'soc-wangjia:2026-08:v2'));

    expect(await backend().ports.store.get(COLLECTIONS.monthlyReports, 'soc-wangjia:2026-08:v1')).toEqual(v1);
    expect(await backend().ports.store.get(COLLECTIONS.monthlyReports, 'soc-wangjia:2026-08:v2')).toMatchObject({
      version: 2,
      correctionNote: '8月救助支出类型核对后重新报送',
      supersedes: 'soc-wangjia:2026-08:v1',
    });
    expect(
      page.data.screen.rows.map((row: { versionText: string; canCorrect: boolean }) => [
        row.versionText,
        row.canCorrect,
      ]),
    ).toEqual([
      ['第2版（更正）', true],
      ['第1版，已被更正', false],
    ]);
  });

  it('R-PROC-8: export returns an xlsx present in the Files port', async () => {
    setDemoCaller('demo-secretary');
    const page = await openPage(OFFICER_REPORTS, { societyId: WANGJIA });
    await (page.instance as Instance).onExport({ currentTarget: { dataset: { id: 'soc-wangjia:2026-08:v2' } } });
    await waitFor(() => page.data.exported !== null && !page.data.busy);

    const call = recordedCalls().find((entry) => entry.event.action === 'exportMonthlyReport');
    expect(call?.event.reportId).toBe('soc-wangjia:2026-08:v2');
    expect(page.data.exported.fileName).toBe('王家村救急难互助社-2026-08-第2版.xlsx');
    const fileId = decodeURIComponent(String(page.data.exported.link).split('/files/')[1]?.split('?')[0] ?? '');
    const stored = await backend().ports.files.get(`local:${fileId}`);
    expect(stored?.contentType).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(stored?.content.subarray(0, 2).toString()).toBe('PK');
    expect(textOf(page)).toContain('已导出：王家村救急难互助社-2026-08-第2版.xlsx');
  });

  it('R-PROC-8: the township sees the reports sent to it, and the detail (with the old version marked); a member is refused', async () => {
    setDemoCaller('demo-township');
    const list = await openPage(RECEIVED_REPORTS);
    expect(list.data.state).toBe('ready');
    const ids = list.data.screen.months.flatMap((group: { rows: Array<{ id: string }> }) =>
      group.rows.map((row) => row.id),
    );
    expect(ids).toContain('soc-wangjia:2026-08:v2');
    expect(ids).not.toContain('soc-wangjia:2026-08:v1');
    await tap(findByText(list, '.main--report-row', '王家村救急难互助社'));
    expect(navigations().at(-1)).toBe(
      '/packages/oversight/pages/monthly-report/index?reportId=soc-wangjia%3A2026-08%3Av2',
    );

    const old = await openPage(REPORT, { reportId: 'soc-wangjia%3A2026-08%3Av1' });
    expect(old.data.state).toBe('ready');
    expect(textOf(old)).toContain('这一版已被更正，请以最新版本为准');
    await tap(findByText(old, '.t-button--t-button', '导出Excel'));
    await waitFor(() => old.data.exported !== null);
    expect(await backend().ports.files.get(old.data.exported.fileId)).not.toBeNull();

    setDemoCaller('demo-member');
    expect((await openPage(REPORT, { reportId: 'soc-wangjia:2026-08:v2' })).data.state).toBe('forbidden');
    expect((await openPage(OFFICER_REPORTS, { societyId: WANGJIA })).data.state).toBe('forbidden');
    expect((await openPage(RECEIVED_REPORTS)).data.state).toBe('forbidden');
  });
});

describe('county dashboard (R-ORG-1, R-ORG-2)', () => {
  it('R-ORG-1: every village of 清溪县 is shown, township by township, incl. 东岭村 without a society', async () => {
    setDemoCaller('demo-county');
    const page = await openPage(DASHBOARD);
    expect(page.data.state).toBe('ready');

    const villages = await findAll<AreaDoc>(backend().ports.store, COLLECTIONS.areas, {
      where: { countyId: 'area-qingxi', kind: 'village' },
    });
    expect(villages.length).toBeGreaterThan(0);
    expect(page.data.screen.townships.map((row: { townshipName: string }) => row.townshipName).sort()).toEqual(
      ['河口乡', '青石镇'].sort(),
    );
    const shown: string[] = [];
    for (const name of ['河口乡', '青石镇']) {
      const card = findByText(page, '.main--township', name);
      await tap(card.querySelector('.t-button--t-button')!);
      await waitFor(() => page.data.township?.townshipName === name && !page.data.loadingVillages);
      shown.push(...page.data.township.villages.map((village: { villageId: string }) => village.villageId));
      if (name === '河口乡') {
        const dongling = findByText(page, '.main--village', '东岭村').textContent ?? '';
        expect(dongling).toContain('尚未成立互助社');
        const shiqiao = findByText(page, '.main--village', '石桥社区').textContent ?? '';
        expect(shiqiao).toContain('还差 ¥9,000.00 达到启动资金');
        expect(shiqiao).toContain('县财政补助 ¥10,000.00 · 村集体资金 ¥6,000.00 · 社会捐赠 ¥5,000.00');
      }
      await tap(findByText(page, '.t-button--t-button', '返回全县各乡镇'));
      await waitFor(() => page.data.township === null);
    }
    expect([...shown].sort()).toEqual(villages.map((village) => village._id).sort());
    const societies = await findAll<SocietyDoc>(backend().ports.store, COLLECTIONS.societies, {
      where: { countyId: 'area-qingxi' },
    });
    expect(textOf(page)).toContain(`尚未成立 ${villages.length - societies.length} 个`);
  });

  it('a resident is refused', async () => {
    setDemoCaller('demo-resident');
    expect((await openPage(DASHBOARD)).data.state).toBe('forbidden');
  });
});

describe('federation sub-accounts (R-ORG-1)', () => {
  it('R-ORG-1: the federation total equals the sum of its sub-accounts, each the balance of a filed society', async () => {
    setDemoCaller('demo-federation');
    const page = await openPage(FEDERATION);
    expect(page.data.state).toBe('ready');

    const filed = await findAll<SocietyDoc>(backend().ports.store, COLLECTIONS.societies, {
      where: { countyId: 'area-qingxi', form: 'filed' },
    });
    const balances = await Promise.all(
      filed.map(
        async (society) => (await backend().ports.store.get<FundDoc>(COLLECTIONS.funds, society._id))?.balanceFen ?? 0,
      ),
    );
    const total = balances.reduce((a, b) => a + b, 0);
    expect(page.data.screen.rows.map((row: { societyId: string }) => row.societyId).sort()).toEqual(
      filed.map((society) => society._id).sort(),
    );
    expect(page.data.screen.totalText).toBe(formatYuan(total));
    expect(page.data.screen.sumMatches).toBe(true);
    expect(textOf(page)).toContain(`${filed.length} 个分账户之和 ${formatYuan(total)}，与合计一致`);
    expect(page.data.screen).toMatchObject({ canEditAccount: true, canEditPublicFundraising: false });
  });

  it('the federation changes its bank account (a bad number: Chinese error, nothing written)', async () => {
    setDemoCaller('demo-federation');
    const before = await backend().ports.store.get<CountySettingsDoc>(COLLECTIONS.countySettings, 'area-qingxi');
    const page = await openPage(FEDERATION);
    await tap(findByText(page, '.t-button--t-button', '修改账户'));
    const form = page.instance as Instance;
    const field = (name: string, value: string) =>
      form.onAccountField({ currentTarget: { dataset: { field: name } }, detail: { value } });
    field('accountNumber', '12');
    await form.onSaveAccount();
    expect(page.data.formError).toBe('账号须为 8 到 40 位数字（可含空格）');
    expect(await backend().ports.store.get(COLLECTIONS.countySettings, 'area-qingxi')).toEqual(before);

    field('accountNumber', '6230 9999 0000 0010');
    await form.onSaveAccount();
    await waitFor(() => page.data.editing === '' && !page.data.saving);
    expect(
      (await backend().ports.store.get<CountySettingsDoc>(COLLECTIONS.countySettings, 'area-qingxi'))
        ?.federationAccount,
    ).toEqual({
      accountName: '清溪县慈善协会',
      bankName: '清溪农村商业银行营业部',
      accountNumber: '6230 9999 0000 0010',
    });
    expect(textOf(page)).toContain('账号：6230 9999 0000 0010');
  });

  it('R-ORG-1: the federation opens a sub-account for a filed society that has none, after confirming; the list shows it', async () => {
    // 东岭村 gets a filed society (the township files it): no sub-account yet.
    const created = await backend().call(
      'societies',
      { action: 'create', villageId: 'area-dongling', form: 'filed' },
      'demo-county',
    );
    expect(created.ok).toBe(true);
    const dongling = (created as { ok: true; data: { id: string } }).data.id;
    setDemoCaller('demo-federation');
    const page = await openPage(FEDERATION);
    const row = findByText(page, '.main--sub-account', '东岭村');
    expect(row.textContent).toContain('尚未开设分账户');

    await tap(findByText(page, '.t-button--t-button', '开设分账户'));
    expect(page.data.editing).toBe('subAccount');
    expect(page.data.subAccount).toMatchObject({ societyId: dongling, current: '' });
    const form = page.instance as Instance;
    form.onSubAccountCode({ detail: { value: 'QXLH-005' } });

    // Declined at the confirmation: nothing is sent.
    answerModal({ confirm: false });
    await form.onSaveSubAccount();
    expect(recordedCalls().filter((call) => call.event.action === 'setSubAccount')).toEqual([]);
    expect((await society(dongling))?.subAccountCode).toBeNull();

    const asked = answerModal({ confirm: true });
    await form.onSaveSubAccount();
    await waitFor(() => page.data.editing === '' && !page.data.saving);
    expect(asked[0]).toMatchObject({ title: '开设分账户', confirmText: '确认开设' });
    expect(asked[0]?.content).toContain('QXLH-005');
    expect((await society(dongling))?.subAccountCode).toBe('QXLH-005');
    expect(findByText(page, '.main--sub-account', '东岭村').textContent).toContain('分账户 QXLH-005');
    expect(findByText(page, '.main--sub-account', '东岭村').textContent).toContain('调整分账户代码');
  });

  it('R-ORG-1: the federation adjusts a code; another society’s code is refused in Chinese and nothing changes', async () => {
    setDemoCaller('demo-federation');
    const page = await openPage(FEDERATION);
    const form = page.instance as Instance;
    form.onEditSubAccount({ currentTarget: { dataset: { societyId: 'soc-liutang' } } });
    expect(page.data.subAccount).toMatchObject({ current: 'QXLH-002', code: 'QXLH-002' });

    form.onSubAccountCode({ detail: { value: '柳塘' } });
    await form.onSaveSubAccount();
    expect(page.data.formError).toBe('分账户代码须为 2 到 30 位字母、数字或短横线，例如 QXLH-005');

    silenceConsoleError();
    answerModal({ confirm: true });
    form.onSubAccountCode({ detail: { value: 'QXLH-004' } });
    await form.onSaveSubAccount();
    await waitFor(() => !page.data.saving);
    expect(page.data.formError).toBe('分账户代码 QXLH-004 已经用于白沙村救急难互助社，请换一个代码');
    expect(textOf(page)).toContain(page.data.formError);
    expect((await society('soc-liutang'))?.subAccountCode).toBe('QXLH-002');

    const asked = answerModal({ confirm: true });
    form.onSubAccountCode({ detail: { value: 'QXLH-012' } });
    await form.onSaveSubAccount();
    await waitFor(() => page.data.editing === '' && !page.data.saving);
    expect(asked[0]?.content).toContain('由 QXLH-002 改为 QXLH-012');
    expect((await society('soc-liutang'))?.subAccountCode).toBe('QXLH-012');
    expect(findByText(page, '.main--sub-account', '柳塘村').textContent).toContain('分账户 QXLH-012');
  });

  it('the county bureau reads the sub-accounts but is offered no way to change them', async () => {
    setDemoCaller('demo-county');
    const page = await openPage(FEDERATION);
    expect(page.data.screen.canEditSubAccounts).toBe(false);
    const buttons = Array.from(page.dom?.querySelectorAll('.t-button--t-button') ?? []).map((b) => b.textContent ?? '');
    expect(buttons.filter((label) => /开设分账户|调整分账户代码/.test(label))).toEqual([]);
    expect(textOf(page)).toContain('柳塘村救急难互助社');
  });

  it('R-FUND-2: the county bureau records the public-fundraising qualification; the federation cannot', async () => {
    setDemoCaller('demo-county');
    const page = await openPage(FEDERATION);
    expect(page.data.screen).toMatchObject({ canEditAccount: false, canEditPublicFundraising: true });
    expect(textOf(page)).toContain('未登记公开募捐资格');
    const form = page.instance as Instance;
    form.onEditFundraising();
    const field = (name: string, value: string) =>
      form.onFundraisingField({ currentTarget: { dataset: { field: name } }, detail: { value } });
    field('qualificationHolder', '清溪县慈善协会');
    field('platformName', '某公开募捐信息平台');
    field('projectName', '清溪县救急难互助项目');
    field('url', 'https://example.org/projects/qingxi-jjn');
    await form.onSaveFundraising();
    await waitFor(() => page.data.editing === '' && !page.data.saving);
    expect(
      (await backend().ports.store.get<CountySettingsDoc>(COLLECTIONS.countySettings, 'area-qingxi'))
        ?.publicFundraising,
    ).toMatchObject({ projectName: '清溪县救急难互助项目', url: 'https://example.org/projects/qingxi-jjn' });
    expect(textOf(page)).toContain('清溪县慈善协会具有公开募捐资格');
  });
});
