/**
 * Issue 15, R-CAP-3, R-OVS-3: a society keeps its relief settings (tiers, second approver) and its
 * notice settings (objection answer days) on itself, so a step or page that reads the society
 * reads no settings document. A society written before keeps them only in their own documents,
 * and is read the old way until they are next saved.
 */
import { createTestBackend, type TestBackend } from '../support/test-backend';
import { COLLECTIONS, type SocietyDoc } from '../../server/collections';
import type { ReliefSettingsDoc } from '../../server/cases/model';
import { DEFAULT_RELIEF_TIERS } from '../../miniprogram/domain/relief';
import type { MyCaseView, OfficerCaseView, ReliefSettingsView } from '../../miniprogram/domain/case';
import { application, caller, SOCIETY } from './helpers';

let backend: TestBackend;
let api: ReturnType<typeof caller>;
beforeEach(async () => {
  backend = await createTestBackend();
  api = caller(backend);
});
afterEach(() => backend.close());

const TIERS = {
  supplementary: [{ id: 's1', label: '一档', amountFen: 250_00 }],
  emergency: [{ id: 'e1', label: '一档', amountFen: 800_00 }],
};

const society = async () => (await backend.ports.store.get<SocietyDoc>(COLLECTIONS.societies, SOCIETY))!;

async function caseTiers(requestId: string) {
  const submitted = await api.ok<MyCaseView>('applications', 'submit', application({ requestId }), 'demo-applicant');
  return (await api.ok<OfficerCaseView>('approvals', 'getCase', { caseId: submitted.id }, 'demo-secretary')).tiers;
}

describe('relief settings kept on the society (issue 15, R-CAP-3)', () => {
  it('a society starts with none kept; saving them keeps the very document on it, and cases use them', async () => {
    expect((await society()).reliefSettings).toBeNull();
    expect(await caseTiers('req-kept-s1')).toEqual(DEFAULT_RELIEF_TIERS);

    await api.ok(
      'approvals',
      'setSettings',
      { societyId: SOCIETY, tiers: TIERS, secondApproverUserId: null },
      'demo-president',
    );
    const stored = await backend.ports.store.get<ReliefSettingsDoc>(COLLECTIONS.reliefSettings, SOCIETY);
    expect(stored).toMatchObject({ tiers: TIERS, version: 1 });
    expect((await society()).reliefSettings).toEqual(stored);
    expect(await caseTiers('req-kept-s2')).toEqual(TIERS);
  });

  it('a society written before reads its settings document, until they are saved again', async () => {
    const { store } = backend.ports;
    await api.ok(
      'approvals',
      'setSettings',
      { societyId: SOCIETY, tiers: TIERS, secondApproverUserId: null },
      'demo-president',
    );
    // As before the settings were kept: the field absent, the document alone holds them.
    const { reliefSettings: _kept, ...older } = await society();
    await store.transaction((tx) => tx.set(COLLECTIONS.societies, older));
    expect(await society()).not.toHaveProperty('reliefSettings');

    expect(await caseTiers('req-kept-s3')).toEqual(TIERS);
    const view = await api.ok<ReliefSettingsView>('approvals', 'getSettings', { societyId: SOCIETY }, 'demo-president');
    expect(view).toMatchObject({ tiers: TIERS, defaults: false });

    const next = { ...TIERS, supplementary: [{ id: 's1', label: '一档', amountFen: 300_00 }] };
    await api.ok(
      'approvals',
      'setSettings',
      { societyId: SOCIETY, tiers: next, secondApproverUserId: null },
      'demo-president',
    );
    expect((await society()).reliefSettings).toMatchObject({ tiers: next, version: 2 });
    expect(await caseTiers('req-kept-s4')).toEqual(next);
  });

  it('R-OVS-3: the notice settings are kept the same way, and the objection answer days follow them', async () => {
    const { store } = backend.ports;
    const days = async () =>
      (
        await api.ok<{ objectionAnswerDays: number }>(
          'notices',
          'getSettings',
          { societyId: SOCIETY },
          'demo-president',
        )
      ).objectionAnswerDays;
    expect((await society()).noticeSettings).toBeNull();
    await api.ok('notices', 'setSettings', { societyId: SOCIETY, objectionAnswerDays: 7 }, 'demo-president');
    const stored = await store.get(COLLECTIONS.noticeSettings, SOCIETY);
    expect(stored).toMatchObject({ objectionAnswerDays: 7 });
    expect((await society()).noticeSettings).toEqual(stored);
    expect(await days()).toBe(7);
    // A society from before they were kept reads the settings document.
    const { noticeSettings: _kept, ...older } = await society();
    await store.transaction((tx) => tx.set(COLLECTIONS.societies, older));
    expect(await days()).toBe(7);
    await api.ok('notices', 'setSettings', { societyId: SOCIETY, objectionAnswerDays: 4 }, 'demo-president');
    expect((await society()).noticeSettings).toMatchObject({ objectionAnswerDays: 4 });
    expect(await days()).toBe(4);
  });
});
