/**
 * Issue 15: a case keeps its timeline on the case document, written with each step's event in the
 * step's transaction, so the case views read no events. A case from before keeps none and is read
 * as before; the answers are the same either way.
 */
import { COLLECTIONS } from '../../server/collections';
import { loadEvents, type CaseDoc } from '../../server/cases/model';
import type { MyCaseView, OfficerCaseView } from '../../miniprogram/domain/case';
import { createTestBackend, type TestBackend } from '../support/test-backend';
import { payCase } from '../notices/support';
import { application, caller } from './helpers';

let backend: TestBackend;
let api: ReturnType<typeof caller>;
beforeEach(async () => {
  backend = await createTestBackend();
  api = caller(backend);
});
afterEach(() => backend.close());

const caseDoc = async (id: string) => (await backend.ports.store.get<CaseDoc>(COLLECTIONS.cases, id))!;
const getCase = (caseId: string) => api.ok<OfficerCaseView>('approvals', 'getCase', { caseId }, 'demo-secretary');
const getMyCase = (caseId: string) => api.ok<MyCaseView>('applications', 'getMyCase', { caseId }, 'demo-applicant');

/** The case as it was stored before the timeline was kept. */
async function forgetTimeline(caseId: string): Promise<void> {
  await backend.ports.store.transaction(async (tx) => {
    const { timeline: _timeline, ...older } = (await tx.get<CaseDoc>(COLLECTIONS.cases, caseId))!;
    await tx.set(COLLECTIONS.cases, older);
  });
}

/** What the timeline shows of the events stored in `caseEvents`. */
async function stepsOfEvents(caseId: string) {
  return (await loadEvents(backend.ports.store, caseId)).map(({ seq, type, at, actor, summary }) => ({
    seq,
    type,
    at,
    actor,
    summary,
  }));
}

describe('R-PROC-7, issue 15: the timeline kept on the case', () => {
  it('R-PROC-7: every step from discovery to payout keeps its event on the case, the same as the stored events', async () => {
    const caseId = await payCase(backend, { name: '钱小梅', amountFen: 300_00 });
    const doc = await caseDoc(caseId);
    expect(doc.eventCount).toBeGreaterThanOrEqual(5);
    expect(doc.timeline).toEqual(await stepsOfEvents(caseId));
    const view = await getCase(caseId);
    expect(view.timeline.map((entry) => entry.seq)).toEqual(doc.timeline!.map((step) => step.seq));
  });

  it('R-PROC-7: a case from before the timeline was kept shows the same, from its events, and after a step too', async () => {
    const submitted = await api.ok<MyCaseView>('applications', 'submit', application(), 'demo-applicant');
    const caseId = submitted.id;
    expect((await caseDoc(caseId)).timeline).toHaveLength(1);
    const [officerView, ownView] = [await getCase(caseId), await getMyCase(caseId)];
    await forgetTimeline(caseId);
    expect(await getCase(caseId)).toEqual(officerView);
    expect(await getMyCase(caseId)).toEqual(ownView);

    // A step on it does not start a timeline that would lack the earlier events.
    const accepted = await api.ok<OfficerCaseView>('approvals', 'accept', { caseId }, 'demo-secretary');
    expect((await caseDoc(caseId)).timeline).toBeUndefined();
    expect(accepted.timeline.map((entry) => entry.type)).toEqual(['submit', 'accept']);
    expect((await getMyCase(caseId)).timeline).toEqual(accepted.timeline);
  });

  it('R-PROC-7: a kept timeline that does not hold every event is not used', async () => {
    const submitted = await api.ok<MyCaseView>('applications', 'submit', application(), 'demo-applicant');
    const caseId = submitted.id;
    const accepted = await api.ok<OfficerCaseView>('approvals', 'accept', { caseId }, 'demo-secretary');
    expect((await caseDoc(caseId)).timeline).toEqual(await stepsOfEvents(caseId));
    await backend.ports.store.transaction(async (tx) => {
      const doc = (await tx.get<CaseDoc>(COLLECTIONS.cases, caseId))!;
      await tx.set(COLLECTIONS.cases, { ...doc, timeline: doc.timeline!.slice(0, 1) });
    });
    expect((await getCase(caseId)).timeline).toEqual(accepted.timeline);
  });
});
