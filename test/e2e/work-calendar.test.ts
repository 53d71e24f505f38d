/**
 * Issue #10, the calendar in the browser preview: a case accepted on Thu 2026-12-31 17:00 has its
 * home visit due on the first working day of 2027, a year with no published arrangement — the
 * applicant and the secretary see 「（暂定）」 and why; the county bureau enters the State Council's
 * arrangement on 放假调休安排, and the deadline is recounted, on the timeline, no longer 暂定
 * (R-PROC-3, R-PROC-4, R-OVS-5).
 */
import type { MyCaseView, OfficerCaseView } from '../../miniprogram/domain/case';
import { application } from '../cases/helpers';
import { describeInChromium, startPreview, type PreviewHarness } from './support/preview-harness';

jest.setTimeout(120_000);

describeInChromium('working days across the new year (issue #10)', () => {
  let preview: PreviewHarness;
  let caseId = '';

  async function ok<T>(fn: string, event: Record<string, unknown>, openid: string): Promise<T> {
    const answer = await preview.call<T>(fn, event, openid);
    if (!answer.ok) throw new Error(`${fn}.${String(event.action)} as ${openid}: ${answer.error.message}`);
    return answer.data;
  }

  beforeAll(async () => {
    preview = await startPreview();
    preview.clock.set('2026-12-31T17:00:00+08:00');
    const submitted = await ok<MyCaseView>(
      'applications',
      { action: 'submit', ...application({ requestId: 'req-e2e-new-year' }) },
      'demo-applicant',
    );
    caseId = submitted.id;
    await ok<OfficerCaseView>('approvals', { action: 'accept', caseId }, 'demo-secretary');
    preview.clock.set('2027-01-04T09:00:00+08:00');
  });

  afterAll(async () => {
    await preview?.close();
  });

  it('R-PROC-3: the applicant and the secretary see the visit deadline as 暂定, and why', async () => {
    const mine = await preview.open('pages/case/index', { caller: 'demo-applicant', query: { caseId } });
    await mine.waitForText('（暂定）');
    const text = await mine.text();
    expect(text).toContain('截止 1月4日 17:00（暂定）');
    expect(text).toContain('2027年的放假调休安排还未录入，截止时间按法定节假日推算（暂定），录入后会自动重新计算');

    const queue = await preview.open('packages/officer/pages/cases/index', {
      caller: 'demo-secretary',
      query: { societyId: 'soc-wangjia' },
    });
    await queue.waitForText('2027年的放假调休安排还未录入');
    expect(await queue.text()).toContain('1月4日 17:00（暂定）');
  });

  it('R-PROC-3, R-OVS-5: the county enters 2027 on 放假调休安排; the deadline moves, on the timeline, no longer 暂定', async () => {
    const county = await preview.open('packages/oversight/pages/work-calendar/index', { caller: 'demo-county' });
    await county.waitForText('未录入：按法定节假日推算（暂定）');
    expect(await county.text()).toContain('春节：2月5日至8日');
    await county.tap('录入2027年安排');
    await county.fill(
      '如：1月1日至3日、2月5日至13日',
      '1月1日至4日、2月5日至13日、4月3日至5日、5月1日至5日、6月9日、9月15日、10月1日至7日',
    );
    await county.fill('没有可不填', '2月20日、10月9日');
    await county.waitForText('放假 30 天，调休上班 2 天');
    await county.tap('保存并重新计算时限');
    await county.waitForText('已录入官方安排');
    expect(await county.text()).toContain('调休上班：2月20日、10月9日');

    const view = await ok<OfficerCaseView>('approvals', { action: 'getCase', caseId }, 'demo-secretary');
    expect(view.deadlines.find((deadline) => deadline.kind === 'visit')).toMatchObject({
      dueAt: new Date('2027-01-05T17:00:00+08:00').toISOString(),
      provisional: false,
    });

    const mine = await preview.open('pages/case/index', { caller: 'demo-applicant', query: { caseId } });
    await mine.waitForText('按放假安排重新计算时限');
    const text = await mine.text();
    expect(text).toContain('入户核查和审核意见截止 1月4日 17:00 → 1月5日 17:00');
    expect(text).toContain('截止 1月5日 17:00，剩余');
    expect(text).not.toContain('（暂定），剩余');
  });
});
