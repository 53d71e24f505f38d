/**
 * Issue 15: a case keeps its events (its timeline) on itself, so a step writes no event document
 * and a view reads no event query. A case written before keeps its events in `caseEvents`: its
 * later steps go on there, and every view reads them in order.
 */
import { createTestBackend, type TestBackend } from '../support/test-backend';
import { COLLECTIONS } from '../../server/collections';
import { findAll } from '../../server/ports/store';
import type { CaseDoc, CaseEventDoc } from '../../server/cases/model';
import type { MyCaseView, OfficerCaseView } from '../../miniprogram/domain/case';
import type { SupervisedCasesPage } from '../../miniprogram/domain/oversight';
import { application, caller, SOCIETY } from './helpers';

let backend: TestBackend;
let api: ReturnType<typeof caller>;
beforeEach(async () => {
  backend = await createTestBackend();
  api = caller(backend);
});
afterEach(() => backend.close());

const eventDocs = (caseId: string) =>
  findAll<CaseEventDoc>(backend.ports.store, COLLECTIONS.caseEvents, { where: { caseId }, orderBy: [['seq', 'asc']] });

async function supervisionSteps(caseId: string): Promise<string[]> {
  const page = await api.ok<SupervisedCasesPage>(
    'notices',
    'supervisedCases',
    { societyId: SOCIETY, offset: 0, limit: 50 },
    'demo-supervisor',
  );
  const item = page.items.find((each) => each.id === caseId)!;
  return item.steps.map((step) => step.type);
}

describe('the events of a case (issue 15)', () => {
  it('a new case keeps its events on itself, in order, and writes none to caseEvents', async () => {
    const submitted = await api.ok<MyCaseView>(
      'applications',
      'submit',
      application({ requestId: 'req-kept-1' }),
      'demo-applicant',
    );
    const accepted = await api.ok<OfficerCaseView>('approvals', 'accept', { caseId: submitted.id }, 'demo-secretary');
    const doc = await backend.ports.store.get<CaseDoc>(COLLECTIONS.cases, submitted.id);
    expect(doc!.events!.map((event) => [event.seq, event.type, event.from, event.to])).toEqual([
      [1, 'submit', null, 'submitted'],
      [2, 'accept', 'submitted', 'accepted'],
    ]);
    expect(doc!.events![1]).toMatchObject({
      _id: `${submitted.id}:0002`,
      caseId: submitted.id,
      actor: { name: '刘芳', role: 'secretary' },
    });
    expect(doc!.eventCount).toBe(2);
    expect(await eventDocs(submitted.id)).toEqual([]);
    expect(accepted.timeline.map((entry) => entry.type)).toEqual(['submit', 'accept']);
    expect(await supervisionSteps(submitted.id)).toEqual(['submit', 'accept']);
  });

  it('a case written before goes on in caseEvents, and every view reads its events in order', async () => {
    const submitted = await api.ok<MyCaseView>(
      'applications',
      'submit',
      application({ requestId: 'req-kept-2' }),
      'demo-applicant',
    );
    // As a case written before this change: no events on it, its one event in caseEvents.
    const { store } = backend.ports;
    const doc = (await store.get<CaseDoc>(COLLECTIONS.cases, submitted.id))!;
    const { events, ...older } = doc;
    await store.transaction(async (tx) => {
      await tx.set(COLLECTIONS.cases, older);
      for (const event of events!) await tx.insert(COLLECTIONS.caseEvents, event);
    });

    const accepted = await api.ok<OfficerCaseView>('approvals', 'accept', { caseId: submitted.id }, 'demo-secretary');
    expect(accepted.timeline.map((entry) => entry.type)).toEqual(['submit', 'accept']);
    const after = (await store.get<CaseDoc>(COLLECTIONS.cases, submitted.id))!;
    expect(after).not.toHaveProperty('events');
    expect(after.eventCount).toBe(2);
    expect((await eventDocs(submitted.id)).map((event) => [event.seq, event.type])).toEqual([
      [1, 'submit'],
      [2, 'accept'],
    ]);
    const mine = await api.ok<MyCaseView>('applications', 'getMyCase', { caseId: submitted.id }, 'demo-applicant');
    expect(mine.timeline.map((entry) => entry.type)).toEqual(['submit', 'accept']);
    expect(await supervisionSteps(submitted.id)).toEqual(['submit', 'accept']);
  });
});
