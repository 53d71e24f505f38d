/**
 * Both key changes end to end over the real SQLite store of the demo county with an imported 低保
 * list, its roster and a visit, a case, a clue and a 帮办 (issues 12/13):
 * - rotating JJN_PII_KEY re-seals every sealed field of every collection and leaves the person
 *   keys alone;
 * - changing JJN_PERSON_KEY re-keys every person key and every id that embeds one.
 * After each, list matching, the caps from the lists, the roster and the 一人一档 still work, and a
 * second run rewrites nothing.
 */
import { createTestBackend, type TestBackend } from '../support/test-backend';
import { COLLECTIONS, type CollectionName } from '../../server/collections';
import { findAll, type Doc } from '../../server/ports/store';
import { resealPersonalData, SEALED_FIELDS } from '../../server/cases/reseal';
import { rekeyPersons } from '../../server/cases/rekey';
import { currentKeyId, currentPersonKeyId, isSealed, keyIdOf, personKeyOf } from '../../server/cases/pii';
import type { CaseDoc } from '../../server/cases/model';
import type { ListEntryDoc, RosterEntryDoc, RosterVisitDoc } from '../../server/roster/model';
import type { ListImportPreview } from '../../server/roster/lists';
import type { CaseFileView, OfficerCaseView } from '../../miniprogram/domain/case';
import type { FundEntriesPage, FundReportView } from '../../miniprogram/domain/funds';
import type { LedgerEntryDoc } from '../../server/ledger/ledger';
import type { SocietyDoc } from '../../server/collections';
import { makeIdNumber } from '../../miniprogram/domain/id-number';
import { caller, consent, SOCIETY } from './helpers';
import { importList } from '../support/list-import';

const PII_A = 'keys-test-pii-A-0123456789abcdef0123456789abcdef';
const PII_B = 'keys-test-pii-B-fedcba9876543210fedcba9876543210';
const PERSON_A = 'keys-test-person-A-0123456789abcdef0123456789ab';
const PERSON_B = 'keys-test-person-B-fedcba9876543210fedcba987654';
const SECRETARY = 'demo-secretary';

function useKeys(pii: string, previous: string | undefined, person: string): void {
  process.env.JJN_PII_KEY = pii;
  if (previous === undefined) delete process.env.JJN_PII_KEYS_PREVIOUS;
  else process.env.JJN_PII_KEYS_PREVIOUS = previous;
  process.env.JJN_PERSON_KEY = person;
}

const people = Array.from({ length: 12 }, (_, n) => ({
  name: `${'王李张刘陈杨'[n % 6]}${['秀兰', '建国', '桂英', '志强'][n % 4]}`,
  idNumber: makeIdNumber({ birthDate: `195${n % 10}-0${1 + (n % 9)}-2${n % 9}`, sequence: 300 + n }),
  address: `${1 + (n % 5)} 组 ${n} 号`,
}));

let backend: TestBackend;
let api: ReturnType<typeof caller>;
let listFileId = '';
let listedCaseId = '';

const discover = (person: (typeof people)[number], requestId: string) =>
  api.ok<OfficerCaseView>(
    'approvals',
    'openDiscovery',
    {
      requestId,
      societyId: SOCIETY,
      person: { name: person.name, idNumber: person.idNumber },
      hukou: 'beneficiary',
      cause: 'majorIllness',
      description: '突发重病住院',
      assistance: [],
      category: 'nearDibao',
      livingAtRisk: true,
      discoveredHow: '入户走访中发现',
      consent: { ...consent, method: 'verbal' },
    },
    SECRETARY,
  );

beforeAll(async () => {
  useKeys(PII_A, undefined, PERSON_A);
  backend = await createTestBackend();
  api = caller(backend);
  ({ fileId: listFileId } = await importList(backend, {
    openid: SECRETARY,
    owner: { societyId: SOCIETY },
    kind: 'dibao',
    rows: people,
  }));
  const opened = await discover(people[0]!, 'keys-disc-1');
  listedCaseId = opened.id;
  const file = await api.ok<CaseFileView>('approvals', 'caseFile', { caseId: opened.id }, SECRETARY);
  await api.ok(
    'roster',
    'recordVisit',
    { requestId: 'keys-visit-1', rosterId: file.roster!.id, visitors: ['刘芳'], findings: '老人卧床，儿子外出务工' },
    SECRETARY,
  );
  await api.ok(
    'applications',
    'reportClue',
    {
      requestId: 'keys-clue-1',
      societyId: SOCIETY,
      personHint: '村西的周德福',
      whatHappened: '家里失火',
      anonymous: false,
      reporterName: '吴春花',
    },
    'wx-keys-reporter',
  );
  await api.ok(
    'funds',
    'recordEntry',
    {
      societyId: SOCIETY,
      entryId: 'keys-entry-1',
      type: 'collectiveFund',
      amountFen: 1_000_00,
      sourceRef: '村民代表会议决议',
      payerName: '赵德明',
    },
    SECRETARY,
  );
  await api.ok(
    'approvals',
    'recordHelp',
    {
      requestId: 'keys-help-1',
      societyId: SOCIETY,
      personName: '孙桂兰',
      programme: 'medical',
      appliedOn: '2026-11-20',
    },
    SECRETARY,
  );
  // A villager's PIPL request and its answer (their text is sealed).
  const request = await api.ok<{ id: string }>(
    'applications',
    'fileDataRequest',
    { requestId: 'keys-data-1', societyId: SOCIETY, kind: 'correction', details: '我的住址应为三组 8 号' },
    'demo-applicant',
  );
  await api.ok(
    'approvals',
    'answerDataRequest',
    { dataRequestId: request.id, outcome: 'accepted', answer: '已更正住址' },
    SECRETARY,
  );
});
afterAll(async () => {
  await backend.close();
  delete process.env.JJN_PII_KEY;
  delete process.env.JJN_PII_KEYS_PREVIOUS;
  delete process.env.JJN_PERSON_KEY;
});

/** Every sealed value the store holds, by collection, read raw. */
async function sealedValues(): Promise<Array<[string, string]>> {
  const found: Array<[string, string]> = [];
  for (const [collection, fields] of Object.entries(SEALED_FIELDS) as Array<[CollectionName, string[]]>) {
    for (const doc of await findAll<Doc>(backend.ports.store, COLLECTIONS[collection])) {
      for (const field of fields) {
        // A `[]` step runs over an array's items (a list import's planned documents).
        let values: unknown[] = [doc];
        for (const part of field.split('.')) {
          values = values.flatMap((value) =>
            part === '[]'
              ? Array.isArray(value)
                ? value
                : []
              : [(value as Record<string, unknown> | null | undefined)?.[part]],
          );
        }
        for (const value of values) {
          if (typeof value === 'string' && value !== '') found.push([`${collection}.${field}`, value]);
        }
      }
    }
  }
  return found;
}

/** Every string in every document of every collection that was sealed with the key `keyId`. */
async function anythingSealedWith(keyId: string): Promise<string[]> {
  const found: string[] = [];
  const walk = (where: string, value: unknown): void => {
    if (typeof value === 'string' && value.startsWith(`v2:${keyId}:`)) found.push(where);
    else if (value && typeof value === 'object')
      for (const [key, inner] of Object.entries(value)) walk(`${where}.${key}`, inner);
  };
  for (const collection of Object.values(COLLECTIONS)) {
    for (const doc of await findAll<Doc>(backend.ports.store, collection)) walk(`${collection}/${doc._id}`, doc);
  }
  return found;
}

/** What the officer sees of lists, caps, roster and 一人一档 for the listed person. */
async function whatWorks() {
  const repeat = await discover(people[0]!, `keys-disc-${Math.random().toString(36).slice(2, 10)}`);
  const file = await api.ok<CaseFileView>('approvals', 'caseFile', { caseId: listedCaseId }, SECRETARY);
  const again = await api.ok<ListImportPreview>(
    'spreadsheets',
    'previewListImport',
    { societyId: SOCIETY, kind: 'dibao', fileId: listFileId },
    SECRETARY,
  );
  return {
    listedLabels: repeat.listCheck.listedLabels,
    eligibility: { reliefType: repeat.eligibility.reliefType, capFen: repeat.eligibility.capFen },
    rosterKinds: file.roster?.kindLabels,
    visits: file.roster?.visits.map((one) => one.findings),
    fileCases: file.cases.length,
    reimport: { added: again.added, removed: again.removed, changed: again.changed },
  };
}

describe('names and the bank account are sealed at rest (issue 12 Keys)', () => {
  it('stores no name of a person, recipient, applicant or donor, nor the account, in clear; every reader opens them', async () => {
    const { store } = backend.ports;
    const raw = JSON.stringify([
      await findAll(store, COLLECTIONS.cases),
      await findAll(store, COLLECTIONS.ledgerEntries),
      await findAll(store, COLLECTIONS.societies),
      await findAll(store, COLLECTIONS.listEntries),
      await findAll(store, COLLECTIONS.rosterEntries),
    ]);
    const payouts = (await findAll<CaseDoc>(store, COLLECTIONS.cases)).filter((doc) => doc.payout);
    expect(payouts.length).toBeGreaterThan(0);
    for (const doc of payouts) expect(isSealed(doc.payout!.recipientName)).toBe(true);
    const donors = (await findAll<LedgerEntryDoc>(store, COLLECTIONS.ledgerEntries)).filter((e) => e.counterparty);
    expect(donors.length).toBeGreaterThan(0);
    for (const entry of donors) expect(isSealed(entry.counterparty!.name)).toBe(true);
    const inClear = ['张国强', '赵德明', people[0]!.name, '6230 9999 0000 0001', '62309999'].filter((clear) =>
      raw.includes(clear),
    );
    expect(inClear).toEqual([]);
    // The applicant's name as the applicant: sealed (as the one who acted, in consent and events, it is a user's name).
    const case04raw = (await store.get<CaseDoc>(COLLECTIONS.cases, 'demo-case-04'))!;
    expect(isSealed(case04raw.applicant!.name)).toBe(true);

    // The readers open them: the officer's case, the members' account and fund entries.
    const case04 = await api.ok<OfficerCaseView>('approvals', 'getCase', { caseId: 'demo-case-04' }, SECRETARY);
    expect(case04.person.name).toBe('张国强');
    expect(case04.applicant?.name).toBe('李秀英');
    const report = await api.ok<FundReportView>('funds', 'fundReport', { societyId: SOCIETY }, 'demo-member');
    expect(report.account?.text).toBe('王家村救急难互助社，清溪农村商业银行王家支行，尾号0001');
    const settings = await api.ok<{ bankAccount: { accountNumber: string } | null }>(
      'societies',
      'settings',
      { societyId: SOCIETY },
      'demo-president',
    );
    expect(settings.bankAccount?.accountNumber).toBe('6230 9999 0000 0001');
    const entries = await api.ok<FundEntriesPage>(
      'funds',
      'fundEntries',
      { societyId: SOCIETY, from: '2026-01', to: '2026-12', limit: 50 },
      'demo-member',
    );
    const parties = entries.items.map((item) => item.party).filter(Boolean);
    expect(parties.length).toBeGreaterThan(0);
    expect(parties.filter((party) => party.startsWith('v2:'))).toEqual([]);
    expect(parties).toContain('赵德明');
  });

  it('a case and an account written in clear before (migration) are read as they are, then sealed by the re-seal', async () => {
    const { store } = backend.ports;
    const doc = (await store.get<CaseDoc>(COLLECTIONS.cases, 'demo-case-04'))!;
    const society = (await store.get<SocietyDoc>(COLLECTIONS.societies, SOCIETY))!;
    await store.transaction(async (tx) => {
      await tx.set<CaseDoc>(COLLECTIONS.cases, {
        ...doc,
        person: { ...doc.person, name: '张国强' },
        applicant: { ...doc.applicant!, name: '李秀英' },
      });
      await tx.update(COLLECTIONS.societies, SOCIETY, {
        bankAccount: { ...society.bankAccount!, accountNumber: '6230 9999 0000 0001' },
      });
    });
    const before = await api.ok<OfficerCaseView>('approvals', 'getCase', { caseId: 'demo-case-04' }, SECRETARY);
    expect(before.person.name).toBe('张国强');
    const run = await resealPersonalData(store);
    expect(run.byCollection).toEqual({ cases: 1, societies: 1 });
    const raw = JSON.stringify([
      await store.get(COLLECTIONS.cases, 'demo-case-04'),
      await store.get(COLLECTIONS.societies, SOCIETY),
    ]);
    expect(raw).not.toContain('张国强');
    expect(raw).not.toContain('6230 9999');
    const after = await api.ok<OfficerCaseView>('approvals', 'getCase', { caseId: 'demo-case-04' }, SECRETARY);
    expect(after.person).toEqual(before.person);
    expect(after.applicant).toEqual(before.applicant);
  });
});

describe('rotating JJN_PII_KEY (issue 12): everything sealed is sealed again', () => {
  it('re-seals cases, clues, 帮办, lists, roster and visits in batches; the person keys stay; nothing is lost', async () => {
    const before = await whatWorks();
    expect(before).toMatchObject({
      listedLabels: ['低保'],
      eligibility: { reliefType: 'supplementary', capFen: 500_00 },
      rosterKinds: ['低保'],
      visits: ['老人卧床，儿子外出务工'],
      reimport: { added: 0, removed: 0, changed: 0 },
    });
    const collections = new Set((await sealedValues()).map(([field]) => field.split('.')[0]));
    expect([...collections].sort()).toEqual(Object.keys(SEALED_FIELDS).sort());
    const oldKeyId = currentKeyId();
    expect((await anythingSealedWith(oldKeyId)).length).toBeGreaterThan(people.length * 2);
    const personKeys = new Map(
      (await findAll<CaseDoc>(backend.ports.store, COLLECTIONS.cases)).map((doc) => [doc._id, doc.personKey]),
    );

    useKeys(PII_B, PII_A, PERSON_A);
    const first = await resealPersonalData(backend.ports.store, { batch: 5 });
    expect(first).toMatchObject({ resealed: 5, more: true });
    let total = first.resealed;
    const counts: Record<string, number> = { ...first.byCollection };
    for (let more = true; more;) {
      const run = await resealPersonalData(backend.ports.store, { batch: 5 });
      total += run.resealed;
      for (const [name, count] of Object.entries(run.byCollection)) counts[name] = (counts[name] ?? 0) + count;
      more = run.more;
    }
    expect(Object.keys(counts).sort()).toEqual(Object.keys(SEALED_FIELDS).sort());
    expect(counts.listEntries).toBe(people.length);
    expect(total).toBeGreaterThan(people.length * 2);
    const values = await sealedValues();
    expect(values.filter(([, value]) => !isSealed(value) || keyIdOf(value) !== currentKeyId())).toEqual([]);
    expect((await resealPersonalData(backend.ports.store)).resealed).toBe(0);
    // Read raw, no collection holds anything on the old key: SEALED_FIELDS misses no sealed field.
    expect(await anythingSealedWith(oldKeyId)).toEqual([]);

    // The previous key can go: everything reads the same, and the person keys did not move.
    useKeys(PII_B, undefined, PERSON_A);
    const after = await whatWorks();
    expect(after).toEqual({ ...before, fileCases: before.fileCases + 1 });
    for (const doc of await findAll<CaseDoc>(backend.ports.store, COLLECTIONS.cases)) {
      if (personKeys.has(doc._id)) expect(doc.personKey).toBe(personKeys.get(doc._id));
    }
  });
});

describe('changing JJN_PERSON_KEY (issue 13): a re-key of every person key and every id that embeds one', () => {
  it('moves lists, roster and visits to their new ids, re-keys the cases, and matching goes on as before', async () => {
    const before = await whatWorks();
    const { store } = backend.ports;
    const listedKey = personKeyOf(people[0]!.idNumber);
    const visitsBefore = await findAll<RosterVisitDoc>(store, COLLECTIONS.rosterVisits);
    expect(visitsBefore.length).toBeGreaterThan(0);

    useKeys(PII_B, undefined, PERSON_B);
    const newKey = personKeyOf(people[0]!.idNumber);
    expect(newKey).not.toBe(listedKey);
    // Before the re-key, the new key finds nothing: this is what a PII rotation must never do.
    const entryId = `area-wangjia:dibao:${newKey}`;
    expect(await store.get(COLLECTIONS.listEntries, entryId)).toBeNull();

    const first = await rekeyPersons(store, { batch: 4 });
    expect(first).toMatchObject({ keyId: currentPersonKeyId(), rekeyed: 4, more: true });
    const counts: Record<string, number> = { ...first.byCollection };
    for (let more = true; more;) {
      const run = await rekeyPersons(store, { batch: 4 });
      for (const [name, count] of Object.entries(run.byCollection)) counts[name] = (counts[name] ?? 0) + count;
      more = run.more;
    }
    expect(counts).toMatchObject({ listEntries: people.length, rosterEntries: people.length });
    expect(counts.cases).toBeGreaterThan(0);
    const second = await rekeyPersons(store);
    expect(second).toMatchObject({ rekeyed: 0, byCollection: {}, more: false });

    // Every person key, id and visit is on the new key; the old ids are tombstones pointing at the new ones.
    const entries = await findAll<ListEntryDoc>(store, COLLECTIONS.listEntries, {
      where: { villageId: 'area-wangjia' },
    });
    expect(entries).toHaveLength(people.length);
    for (const entry of entries) expect(entry._id).toBe(`area-wangjia:dibao:${entry.personKey}`);
    expect(entries.map((entry) => entry.personKey).sort()).toEqual(
      people.map((person) => personKeyOf(person.idNumber)).sort(),
    );
    expect(await store.get(COLLECTIONS.listEntries, `area-wangjia:dibao:${listedKey}`)).toEqual({
      _id: `area-wangjia:dibao:${listedKey}`,
      movedTo: entryId,
      movedAt: expect.any(String),
    });
    const roster = await findAll<RosterEntryDoc>(store, COLLECTIONS.rosterEntries, {
      where: { villageId: 'area-wangjia' },
    });
    for (const entry of roster) expect(entry._id).toBe(`area-wangjia:${entry.personKey}`);
    const visits = await findAll<RosterVisitDoc>(store, COLLECTIONS.rosterVisits);
    expect(visits).toHaveLength(visitsBefore.length);
    expect(visits.find((visit) => visit.personKey === newKey)?.rosterId).toBe(`area-wangjia:${newKey}`);
    const cases = await findAll<CaseDoc>(store, COLLECTIONS.cases);
    expect(cases.filter((doc) => doc.personKey === listedKey)).toEqual([]);
    expect(cases.filter((doc) => doc.personKey === newKey).length).toBe(before.fileCases);

    // Lists, caps, roster with its visit, the 一人一档 and a re-import all work as before.
    const after = await whatWorks();
    expect(after).toEqual({ ...before, fileCases: before.fileCases + 1 });
    // A visit recorded after the re-key lands on the moved entry.
    const file = await api.ok<CaseFileView>('approvals', 'caseFile', { caseId: listedCaseId }, SECRETARY);
    expect(file.roster!.id).toBe(`area-wangjia:${newKey}`);
  });
});
