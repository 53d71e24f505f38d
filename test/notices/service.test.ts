/** miniprogram/services/notices.ts: every verb names a real action of `notices` with a payload its schema takes. */
import { FUNCTIONS } from '../../server/functions';
import * as notices from '../../miniprogram/services/notices';

const calls: Array<{ name: string; action: string; payload: object }> = [];
jest.mock('../../miniprogram/services/cloud', () => ({
  callCloud: (name: string, action: string, payload: object = {}) => {
    calls.push({ name, action, payload });
    return Promise.resolve(null);
  },
}));

it('calls each action of the notices function with a payload its schema accepts', async () => {
  await notices.fetchNoticePage('soc-wangjia');
  await notices.resolveScene('Wj7qDemoBoard2026');
  await notices.fetchNotice('notice-demo-case-03');
  await notices.raiseObjection({ requestId: 'r-12345678', noticeId: 'notice-demo-case-03', text: '请核实' });
  await notices.fetchMyObjections();
  await notices.fetchOfficerTodo('soc-wangjia');
  await notices.previewNotice({ caseId: 'demo-case-03', villageGroupNo: 3 });
  await notices.publishNotice({ caseId: 'demo-case-03' });
  await notices.attachBoardPhoto('notice-demo-case-03', 'local:notices/photo.jpg');
  await notices.fetchOfficerNotices('soc-wangjia', 'live', { limit: 10 });
  await notices.answerObjection('obj-1', '已核实', 'notUpheld');
  await notices.fetchBoardPoster('soc-wangjia');
  await notices.exportBoardPoster('soc-wangjia');
  await notices.fetchNoticeSettings('soc-wangjia');
  await notices.saveNoticeSettings('soc-wangjia', 5);
  await notices.fetchNoticeArchive('soc-wangjia');
  await notices.fetchObjections('soc-wangjia', { status: 'open' });
  await notices.fetchSupervisionOverview('soc-wangjia');
  await notices.fetchSupervisedCases('soc-wangjia', { offset: 20 });
  await notices.fetchSupervisionLedger('soc-wangjia');
  await notices.fetchCaseSheet('demo-case-03');
  await notices.flagCase('r-12345678', 'demo-case-03', '请复核');
  await notices.fetchFlags({ status: 'open' });
  await notices.resolveFlag('flag-1', '已处理');
  await notices.fetchTownshipOverview();
  await notices.fetchAuditScopes();
  await notices.fetchAuditTrail('soc-wangjia');
  await notices.verifyAudit('soc-wangjia');

  const actions = FUNCTIONS.notices!.actions;
  expect(new Set(calls.map((call) => call.action))).toEqual(new Set(Object.keys(actions)));
  for (const call of calls) {
    expect(call.name).toBe('notices');
    const parsed = actions[call.action]!.payload.safeParse(call.payload);
    expect({ action: call.action, ok: parsed.success }).toEqual({ action: call.action, ok: true });
  }
});
