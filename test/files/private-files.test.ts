/**
 * Private files (issue 12) over the real SQLite store and the local Files port: upload paths are
 * the server's, bound to a case or a society; a file id given to an action must be an upload of
 * that society (and case) that arrived; a file is shown only through a short-lived address to
 * someone who may see it.
 */
import { COLLECTIONS } from '../../server/collections';
import type { MyCaseView, OfficerCaseView } from '../../miniprogram/domain/case';
import { createTestBackend, type TestBackend } from '../support/test-backend';
import { JPEG, slotFor, uploaded, XLSX_TYPE } from '../support/uploads';
import { seedDemoFiles } from '../../server/seed/demo-files';
import { application, caller, discovery, footprint, SOCIETY, visit } from '../cases/helpers';
import { addLiutangSecretary } from '../support/people';

const LIUTANG = 'soc-liutang';

let backend: TestBackend;
let api: ReturnType<typeof caller>;

beforeAll(async () => {
  backend = await createTestBackend();
  api = caller(backend);
  await seedDemoFiles(backend.ports.store, backend.ports.files);
  // A secretary of 柳塘村, another society of the same township.
  await addLiutangSecretary(backend.ports.store);
});
afterAll(() => backend.close());

async function links(fileIds: string[], openid: string | null) {
  return backend.call('societies', { action: 'fileLinks', fileIds }, openid);
}

describe('upload slots: the server decides where a file goes', () => {
  it('a case officer gets a path under the case; the path names society, kind and case', async () => {
    const path = await slotFor(backend, 'demo-secretary', { kind: 'visits', caseId: 'demo-case-01' });
    expect(path).toMatch(/^private\/soc-wangjia\/visits\/demo-case-01\/[a-z0-9]+-[0-9a-f]{18}\.jpg$/);
    const again = await slotFor(backend, 'demo-secretary', { kind: 'visits', caseId: 'demo-case-01' });
    expect(again).not.toBe(path);
  });

  it('refuses a slot to whoever may not add that file there, and records nothing', async () => {
    const before = await backend.ports.store.count(COLLECTIONS.fileSlots);
    const refusals: Array<[string | null, Record<string, unknown>, string]> = [
      ['lt-secretary', { kind: 'visits', caseId: 'demo-case-01' }, 'FORBIDDEN'],
      ['demo-member', { kind: 'receipts', caseId: 'demo-case-01' }, 'FORBIDDEN'],
      ['demo-supervisor', { kind: 'visits', caseId: 'demo-case-01' }, 'FORBIDDEN'],
      ['o-stranger', { kind: 'boards', societyId: SOCIETY }, 'FORBIDDEN'],
      ['lt-secretary', { kind: 'meetings', societyId: SOCIETY }, 'FORBIDDEN'],
      ['demo-secretary', { kind: 'visits', societyId: SOCIETY }, 'BAD_REQUEST'],
      ['demo-secretary', { kind: 'boards', caseId: 'demo-case-01' }, 'BAD_REQUEST'],
      ['demo-secretary', { kind: 'visits', caseId: 'demo-case-01', societyId: LIUTANG }, 'BAD_REQUEST'],
      ['demo-secretary', { kind: 'visits' }, 'BAD_REQUEST'],
      ['demo-secretary', { kind: 'visits', caseId: 'no-such-case' }, 'NOT_FOUND'],
    ];
    for (const [openid, payload, code] of refusals) {
      expect([openid, payload, await api.refused('societies', 'requestUpload', payload, openid)]).toMatchObject([
        openid,
        payload,
        { code },
      ]);
    }
    expect(
      (await api.refused('societies', 'requestUpload', { kind: 'materials', societyId: SOCIETY }, null)).code,
    ).toBe('UNAUTHENTICATED');
    expect(await backend.ports.store.count(COLLECTIONS.fileSlots)).toBe(before);
  });
});

describe('a file id given to an action must be an upload of that society and case', () => {
  let caseId: string;
  beforeAll(async () => {
    caseId = (await api.ok<OfficerCaseView>('approvals', 'openDiscovery', discovery(), 'demo-secretary')).id;
  });

  it('refuses visit photos from another society, another case, another kind, a made-up path or a missing upload; nothing changes', async () => {
    const otherSociety = await uploaded(backend, 'lt-secretary', { kind: 'boards', societyId: LIUTANG });
    const otherCase = await uploaded(backend, 'demo-secretary', { kind: 'visits', caseId: 'demo-case-01' });
    const wrongKind = await uploaded(backend, 'demo-secretary', { kind: 'receipts', caseId });
    const neverArrived = `local:${await slotFor(backend, 'demo-secretary', { kind: 'visits', caseId })}`;
    const madeUp = (
      await backend.ports.files.put(`private/${SOCIETY}/visits/${caseId}/made-up.jpg`, JPEG, 'image/jpeg')
    ).fileId;
    const before = await footprint(backend);
    for (const fileId of [otherSociety, otherCase, wrongKind, neverArrived, madeUp, 'cloud://env-1.bucket/x.jpg']) {
      const refusal = await api.refused(
        'approvals',
        'recordVisit',
        visit(
          caseId,
          { recommend: 'grant', form: 'cash', amountFen: 300_00, tierId: 'e1' },
          { photoFileIds: [fileId] },
        ),
        'demo-secretary',
      );
      expect([fileId, refusal.code]).toEqual([fileId, 'BAD_REQUEST']);
      expect(refusal.message).toMatch(/照片/);
    }
    expect(await footprint(backend)).toEqual(before);
  });

  it('takes the case officer’s own upload for this case', async () => {
    const photo = await uploaded(backend, 'demo-secretary', { kind: 'visits', caseId });
    const view = await api.ok<OfficerCaseView>(
      'approvals',
      'recordVisit',
      visit(caseId, { recommend: 'grant', form: 'cash', amountFen: 300_00, tierId: 'e1' }, { photoFileIds: [photo] }),
      'demo-secretary',
    );
    expect(view.visit?.photoFileIds).toEqual([photo]);
  });

  it('refuses another society’s upload as a board photo', async () => {
    const theirs = await uploaded(backend, 'lt-secretary', { kind: 'boards', societyId: LIUTANG });
    const before = await footprint(backend);
    expect(
      await api.refused(
        'notices',
        'attachBoardPhoto',
        { noticeId: 'notice-demo-case-03', fileId: theirs },
        'demo-secretary',
      ),
    ).toMatchObject({ code: 'BAD_REQUEST', message: '照片文件有误，请重新上传' });
    expect(await footprint(backend)).toEqual(before);
  });
});

describe('an applicant’s materials, chosen before the case exists', () => {
  let fileId: string;
  let caseId: string;

  it('R-PROC-1: a first-time applicant uploads for the society and the materials become the case’s', async () => {
    fileId = await uploaded(backend, 'o-newcomer', { kind: 'materials', societyId: SOCIETY });
    const submitted = await api.ok<MyCaseView>(
      'applications',
      'submit',
      application({
        applicantName: '赵新来',
        beneficiary: { name: '赵新来', idNumber: '110101199001011237', relationship: 'self' },
        materials: [{ kind: 'idCard', fileId }],
      }),
      'o-newcomer',
    );
    caseId = submitted.id;
    expect(submitted.materials).toHaveLength(1);
    const slots = await backend.ports.store.find<{ _id: string; path: string; caseId: string | null }>(
      COLLECTIONS.fileSlots,
      { where: { societyId: SOCIETY }, limit: 1000 },
    );
    expect(slots.find((slot) => `local:${slot.path}` === fileId)?.caseId).toBe(caseId);
  });

  it('refuses another applicant’s materials in an application, and opens no case', async () => {
    const before = await footprint(backend);
    const refusal = await api.refused(
      'applications',
      'submit',
      application({
        materials: [
          { kind: 'idCard', fileId: await uploaded(backend, 'lt-secretary', { kind: 'boards', societyId: LIUTANG }) },
        ],
      }),
      'demo-applicant',
    );
    expect(refusal.code).toBe('BAD_REQUEST');
    expect(await footprint(backend)).toEqual(before);
  });

  it('shows the ID card to the applicant and the society’s case readers, never to another society, the township, a member, a stranger or no caller', async () => {
    for (const openid of ['o-newcomer', 'demo-secretary', 'demo-president', 'demo-supervisor']) {
      const answer = await links([fileId], openid);
      expect([openid, answer.ok]).toEqual([openid, true]);
      const [link] = (answer as { data: { items: Array<{ fileId: string; url: string }> } }).data.items;
      expect(link).toMatchObject({ fileId, url: expect.stringMatching(/^\/files\/private\/.+\?expires=\d+&sig=/) });
    }
    for (const openid of [
      'lt-secretary',
      'demo-township',
      'demo-county',
      'demo-member',
      'demo-applicant',
      'o-stranger',
      null,
    ]) {
      const answer = await links([fileId], openid);
      expect([openid, answer.ok ? 'shown' : answer.error.code]).toEqual([openid, 'FORBIDDEN']);
    }
  });

  it('refuses the whole call when one of the files is not the caller’s to see', async () => {
    const theirs = await uploaded(backend, 'lt-secretary', { kind: 'boards', societyId: LIUTANG });
    const answer = await links([fileId, theirs], 'o-newcomer');
    expect(answer.ok ? 'shown' : answer.error).toEqual({ code: 'FORBIDDEN', message: '您没有权限查看这个文件' });
    expect(caseId).toMatch(/^case-/);
  });
});

describe('society files', () => {
  it('a board photo is seen by the notice archive’s readers; meeting minutes by members', async () => {
    const board = await uploaded(backend, 'demo-secretary', { kind: 'boards', societyId: SOCIETY });
    const minutes = await uploaded(backend, 'demo-president', { kind: 'meetings', societyId: SOCIETY });
    for (const openid of ['demo-member', 'demo-township', 'demo-county']) {
      expect((await links([board, minutes], openid)).ok).toBe(true);
    }
    expect((await links([minutes], 'demo-federation')).ok).toBe(true);
    for (const openid of ['lt-secretary', 'demo-donor', 'o-stranger', null]) {
      expect((await links([board], openid)).ok).toBe(false);
      expect((await links([minutes], openid)).ok).toBe(false);
    }
  });

  it('the seeded receipts are their cases’ files: the secretary sees them, another society does not', async () => {
    const receipt = 'local:seed/receipts/demo-case-01.png';
    expect((await links([receipt], 'demo-secretary')).ok).toBe(true);
    expect((await links([receipt], 'lt-secretary')).ok).toBe(false);
  });
});

describe('clue photos, roster photos and lists (issue 12)', () => {
  const clue = (requestId: string, photoFileId: string, societyId = SOCIETY) => ({
    requestId,
    societyId,
    personHint: '村西的李奶奶',
    whatHappened: '房子漏雨，一个人住',
    anonymous: true,
    photoFileId,
  });

  it('an anonymous reporter’s photo is bound to the society and to them: seen by them and the case readers only', async () => {
    const photo = await uploaded(backend, 'o-reporter', { kind: 'clues', societyId: SOCIETY });
    expect(photo).toMatch(/^local:private\/soc-wangjia\/clues\/society\/.+\.jpg$/);
    await api.ok('applications', 'reportClue', clue('clue-files-1', photo), 'o-reporter');
    for (const openid of ['o-reporter', 'demo-secretary', 'demo-president', 'demo-supervisor']) {
      expect([openid, (await links([photo], openid)).ok]).toEqual([openid, true]);
    }
    for (const openid of ['lt-secretary', 'demo-member', 'demo-township', 'o-stranger', null]) {
      expect([openid, (await links([photo], openid)).ok]).toEqual([openid, false]);
    }
  });

  it('a clue refuses a photo that is another reporter’s, another society’s or not a clue photo, and writes nothing', async () => {
    const someoneElses = await uploaded(backend, 'o-stranger', { kind: 'clues', societyId: SOCIETY });
    const liutangs = await uploaded(backend, 'o-reporter', { kind: 'clues', societyId: LIUTANG });
    const board = await uploaded(backend, 'demo-secretary', { kind: 'boards', societyId: SOCIETY });
    const neverArrived = `local:${await slotFor(backend, 'o-reporter', { kind: 'clues', societyId: SOCIETY })}`;
    const outside = (await backend.ports.files.put('clues/outside.jpg', JPEG, 'image/jpeg')).fileId;
    const before = await footprint(backend);
    const clues = await backend.ports.store.count(COLLECTIONS.clues);
    for (const [index, [photo, openid]] of [
      [someoneElses, 'o-reporter'],
      [liutangs, 'o-reporter'],
      [board, 'demo-secretary'],
      [neverArrived, 'o-reporter'],
      [outside, 'o-reporter'],
    ].entries()) {
      const refusal = await api.refused('applications', 'reportClue', clue(`clue-bad-${index}`, photo!), openid!);
      expect([index, refusal.code]).toEqual([index, 'BAD_REQUEST']);
    }
    expect(await backend.ports.store.count(COLLECTIONS.clues)).toBe(clues);
    expect(await footprint(backend)).toEqual(before);
  });

  it('no clue slot without a caller, or for a society that does not exist', async () => {
    const ask = (openid: string | null, societyId: string) =>
      backend.call('societies', { action: 'requestUpload', kind: 'clues', societyId }, openid);
    expect((await ask(null, SOCIETY)).ok).toBe(false);
    const unknown = await ask('o-reporter', 'soc-nowhere');
    expect(unknown.ok ? 'issued' : unknown.error.code).toBe('NOT_FOUND');
  });

  it('a roster photo is seen by the society’s case readers; a township’s list by its township officers', async () => {
    const photo = await uploaded(backend, 'demo-secretary', { kind: 'roster', societyId: SOCIETY });
    expect((await links([photo], 'demo-supervisor')).ok).toBe(true);
    for (const openid of ['lt-secretary', 'demo-member', 'o-stranger', null]) {
      expect([openid, (await links([photo], openid)).ok]).toEqual([openid, false]);
    }
    const path = await slotFor(backend, 'demo-township', { kind: 'lists', townshipId: 'area-qingshi' });
    const list = (await backend.ports.files.put(path, Buffer.from('PK'), XLSX_TYPE)).fileId;
    expect((await links([list], 'demo-township')).ok).toBe(true);
    for (const openid of ['demo-secretary', 'demo-county', 'o-stranger', null]) {
      expect([openid, (await links([list], openid)).ok]).toEqual([openid, false]);
    }
  });
});
