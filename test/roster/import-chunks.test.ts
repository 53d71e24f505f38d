/**
 * A list import applied in bounded transactions (R-OVS-1): a 300-row list is written in chunks of
 * at most MAX_WRITES_PER_TRANSACTION writes, each its own transaction. A function that dies half
 * way leaves the list marked as importing (the caps refuse clearly, the officer's case view says
 * so, a new import of the same list is refused, the roster page offers to finish); the retry with
 * the same token finishes the same import exactly once. Real use cases over the real SQLite store.
 */
import { createTestBackend, type TestBackend } from '../support/test-backend';
import { COLLECTIONS, type SocietyDoc } from '../../server/collections';
import { listKindsFromRecords, listStatusOf } from '../../server/roster/eligibility';
import { CountingStore } from '../../server/ports/counting-store';
import { personKeyOf } from '../../server/cases/pii';
import { findAll, type Store, type Transaction } from '../../server/ports/store';
import type { ListImportDoc, ListImportJobDoc } from '../../server/roster/model';
import {
  IMPORT_UNFINISHED_MESSAGE,
  MAX_WRITES_PER_TRANSACTION,
  applyListImport,
  type ListImportPreview,
  type ListImportResult,
} from '../../server/roster/lists';
import type { RosterView } from '../../miniprogram/domain/roster';
import type { OfficerCaseView } from '../../miniprogram/domain/case';
import { caller, consent, SOCIETY } from '../cases/helpers';
import { listPeople, uploadList, type ListPerson } from '../support/list-import';

const SECRETARY = 'demo-secretary';

let backend: TestBackend;
let api: ReturnType<typeof caller>;
beforeAll(async () => {
  backend = await createTestBackend();
  api = caller(backend);
});
afterAll(() => backend.close());

const people = listPeople(300);
const upload = (rows: ListPerson[]) => uploadList(backend, SECRETARY, { societyId: SOCIETY }, rows);

/**
 * The store as a cloud function sees it, until it dies: transaction number `dieAt` (1-based)
 * throws after `writesBeforeDeath` of its writes, as a function killed by its time limit would
 * (the store rolls that transaction back). Counts the writes of every transaction.
 */
function dyingStore(store: Store, dieAt: number, writesBeforeDeath = 50) {
  const writesPerTransaction: number[] = [];
  const dying: Store = Object.create(store) as Store;
  dying.transaction = <R>(work: (tx: Transaction) => Promise<R>): Promise<R> => {
    const number = writesPerTransaction.push(0);
    return store.transaction((tx) => {
      writesPerTransaction[number - 1] = 0;
      const write = () => {
        writesPerTransaction[number - 1]! += 1;
        if (number === dieAt && writesPerTransaction[number - 1]! > writesBeforeDeath) {
          throw new Error('the function was killed');
        }
      };
      return work({
        get: (collection, id) => tx.get(collection, id),
        insert: async (collection, doc) => (write(), tx.insert(collection, doc)),
        set: async (collection, doc) => (write(), tx.set(collection, doc)),
        update: async (collection, id, patch) => (write(), tx.update(collection, id, patch)),
      });
    });
  };
  return { store: dying, writesPerTransaction };
}

async function footprint() {
  const { store } = backend.ports;
  return {
    entries: await store.count(COLLECTIONS.listEntries),
    activeEntries: await store.count(COLLECTIONS.listEntries, { active: true }),
    roster: await store.count(COLLECTIONS.rosterEntries),
    audit: await store.count(COLLECTIONS.auditEvents, { action: 'roster.importList' }),
  };
}

const discover = (person: ListPerson) =>
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
      assistance: [],
      category: 'nearDibao',
    },
    SECRETARY,
  );

const visitOf = (caseId: string) => ({
  caseId,
  visitedAt: '2026-11-30T10:00:00+08:00',
  visitors: [{ name: '刘芳' }, { name: '王建军' }],
  findings: '情况属实',
  photoFileIds: [],
  originalsChecked: ['idCard'],
  opinion: { recommend: 'grant', form: 'cash', amountFen: 500_00, tierId: 's3', reason: '情况属实' },
});

describe('a list import in bounded transactions (R-OVS-1)', () => {
  let fileId = '';
  let token = '';

  it('R-OVS-1: a function killed half way through a 300-row import leaves the list marked as importing, never silently half-applied', async () => {
    fileId = await upload(people);
    const preview = await api.ok<ListImportPreview>(
      'spreadsheets',
      'previewListImport',
      { societyId: SOCIETY, kind: 'dibao', fileId },
      SECRETARY,
    );
    expect(preview).toMatchObject({ status: 'ready', added: 300 });
    token = preview.token!;
    const before = await footprint();

    // 600 writes: 6 chunks stored (transactions 1–6), the job (7), chunks applied (8–13), completion (14).
    // Killed in the third chunk applied, after 50 of its writes.
    const { store, writesPerTransaction } = dyingStore(backend.ports.store, 10);
    const ctx = { ...(await backend.contextFor(SECRETARY)), store };
    await expect(applyListImport(ctx, { societyId: SOCIETY, kind: 'dibao', fileId, token })).rejects.toThrow(
      'the function was killed',
    );
    // The job's transaction: the job, the village's mark, and the society's kept list kinds.
    expect(writesPerTransaction.slice(0, 7)).toEqual([1, 1, 1, 1, 1, 1, 3]);
    expect(writesPerTransaction.slice(7, 9)).toEqual([MAX_WRITES_PER_TRANSACTION + 1, MAX_WRITES_PER_TRANSACTION + 1]);

    // Two chunks landed whole, the third not at all; nothing audited; the import is marked unfinished.
    expect(await footprint()).toEqual({ ...before, entries: 200, activeEntries: 200 });
    const job = await backend.ports.store.get<ListImportJobDoc>(
      COLLECTIONS.listImportJobs,
      `imp-${token.slice(0, 16)}`,
    );
    expect(job).toMatchObject({ status: 'applying', chunkCount: 6, appliedChunks: 2 });
    const marks = await findAll<ListImportDoc>(backend.ports.store, COLLECTIONS.listImports, {
      where: { villageId: 'area-wangjia' },
    });
    expect(marks.map((doc) => doc.status)).toEqual(['applying']);
    // The society keeps it too (issue 15): a case step reads no import record.
    const society = await backend.ports.store.get<SocietyDoc>(COLLECTIONS.societies, SOCIETY);
    expect(society?.listKinds).toEqual({ imported: [], importing: [{ importId: job!._id, kind: 'dibao' }] });
  });

  it('R-OVS-1: meanwhile the caps refuse clearly, the case view says so, and another import of the list is refused', async () => {
    const opened = await discover(people[10]!);
    expect(opened.listCheck.summary).toBe('本村的低保名单正在导入、尚未完成：比对暂不可靠，审批和发放须等导入完成');
    const refused = await api.refused('approvals', 'recordVisit', visitOf(opened.id), SECRETARY);
    expect(refused.code).toBe('INVALID_STATE');
    expect(refused.message).toContain('本村的低保名单正在导入、尚未完成');
    const after = await api.ok<OfficerCaseView>('approvals', 'getCase', { caseId: opened.id }, SECRETARY);
    expect(after.state).toBe('accepted');

    const other = await upload(people.slice(0, 10));
    const again = await api.refused(
      'spreadsheets',
      'previewListImport',
      { societyId: SOCIETY, kind: 'dibao', fileId: other },
      SECRETARY,
    );
    expect(again).toEqual({ code: 'INVALID_STATE', message: IMPORT_UNFINISHED_MESSAGE });
    // Another list of the village is not held up.
    const tekun = await api.ok<ListImportPreview>(
      'spreadsheets',
      'previewListImport',
      { societyId: SOCIETY, kind: 'tekun', fileId: other },
      SECRETARY,
    );
    expect(tekun.status).toBe('ready');

    // The roster page offers to finish it, to officers.
    const roster = await api.ok<RosterView>('roster', 'roster', { societyId: SOCIETY }, SECRETARY);
    expect(roster.unfinishedImports).toEqual([
      { kind: 'dibao', kindLabel: '低保', fileId, token, progressText: '低保名单导入到一半（已完成 2/6 批）' },
    ]);
    expect(roster.byKind.find((row) => row.kind === 'dibao')?.importedAt).toBeNull();
    const supervisor = await api.ok<RosterView>('roster', 'roster', { societyId: SOCIETY }, 'demo-supervisor');
    expect(supervisor.unfinishedImports).toEqual([]);
  });

  it('R-OVS-1: the retry with the same token finishes the same import exactly once; a second retry changes nothing', async () => {
    const before = await footprint();
    const done = await api.ok<ListImportResult>(
      'spreadsheets',
      'applyListImport',
      { societyId: SOCIETY, kind: 'dibao', fileId, token },
      SECRETARY,
    );
    expect(done).toMatchObject({ kindLabel: '低保', rowCount: 300, added: 300, removed: 0, rosterSize: 300 });
    expect(await footprint()).toEqual({ entries: 300, activeEntries: 300, roster: 300, audit: before.audit + 1 });
    const marks = await findAll<ListImportDoc>(backend.ports.store, COLLECTIONS.listImports, {
      where: { villageId: 'area-wangjia', kind: 'dibao' },
    });
    expect(marks.map((doc) => [doc.status, doc.added])).toEqual([['complete', 300]]);
    const society = await backend.ports.store.get<SocietyDoc>(COLLECTIONS.societies, SOCIETY);
    expect(society?.listKinds).toEqual({ imported: ['dibao'], importing: [] });
    // What the society keeps is what its village's records say.
    expect(await listKindsFromRecords(backend.ports.store, 'area-wangjia')).toEqual(society?.listKinds);

    const retried = await api.ok<ListImportResult>(
      'spreadsheets',
      'applyListImport',
      { societyId: SOCIETY, kind: 'dibao', fileId, token },
      SECRETARY,
    );
    expect(retried).toEqual(done);
    expect(await footprint()).toEqual({ entries: 300, activeEntries: 300, roster: 300, audit: before.audit + 1 });

    const roster = await api.ok<RosterView>('roster', 'roster', { societyId: SOCIETY }, SECRETARY);
    expect(roster.unfinishedImports).toEqual([]);
    expect(roster.byKind.find((row) => row.kind === 'dibao')?.importedAt).not.toBeNull();
  });

  it('R-CAP-1: once complete, the caps follow the list again', async () => {
    const opened = await discover(people[11]!);
    expect(opened.listCheck).toMatchObject({ listedLabels: ['低保'] });
    expect(opened.eligibility).toMatchObject({ reliefType: 'supplementary', capFen: 500_00 });
    const visited = await api.ok<OfficerCaseView>('approvals', 'recordVisit', visitOf(opened.id), SECRETARY);
    expect(visited.state).toBe('visited');
  });

  it("issue 15: a society that keeps no list kinds (written before) reads its village's records, to the same answer", async () => {
    const person = { societyId: SOCIETY, villageId: 'area-wangjia', personKey: personKeyOf(people[12]!.idNumber) };
    const counted = new CountingStore(backend.ports.store);
    counted.trace = [];
    const kept = await listStatusOf(counted, person);
    expect(kept).toEqual({ listed: ['dibao'], imported: ['dibao'], importing: [] });
    expect(counted.trace.filter((line) => line.includes('listImports'))).toEqual([]);

    await backend.ports.store.transaction(async (tx) => {
      const { listKinds: _dropped, ...before } = (await tx.get<SocietyDoc>(COLLECTIONS.societies, SOCIETY))!;
      await tx.set(COLLECTIONS.societies, before);
    });
    counted.trace = [];
    expect(await listStatusOf(counted, person)).toEqual(kept);
    expect(counted.trace.filter((line) => line.includes('listImports'))).toEqual(['find listImports (1)']);
  });

  it('R-OVS-1: a token given with another file is refused, whatever job it names', async () => {
    const other = await upload(people.slice(0, 3));
    const refused = await api.refused(
      'spreadsheets',
      'applyListImport',
      { societyId: SOCIETY, kind: 'dibao', fileId: other, token },
      SECRETARY,
    );
    expect(refused).toEqual({ code: 'INVALID_STATE', message: '名单或文件在预览后有变化，请重新预览后再确认导入' });
  });
});
