/**
 * miniprogram/services/files.ts: photos chosen on the phone, uploaded to CloudBase storage (cloud)
 * or the local stack (local) at a path the server issued for the case or society, and shown only
 * through the short-lived addresses `fileLinks` answers (issue 12). wx is faked at the boundary;
 * calls reach the seeded backend, uploads land in its Files port.
 */
import { usePageBackend } from '../support/page-backend';
import {
  recordedCalls,
  recordedUploads,
  routeUploadsTo,
  setChosenPhotos,
  setCloudCaller,
  setNetworkDown,
} from '../support/simulate-setup';
import { config } from '../../miniprogram/config';
import { CloudCallError, setDemoCaller } from '../../miniprogram/services/cloud';
import {
  fileIdsIn,
  photoLinks,
  photoSrc,
  pickAndUploadPhotos,
  UPLOAD_FAILED_MESSAGE,
  uploadSpreadsheet,
} from '../../miniprogram/services/files';

const backend = usePageBackend();

afterAll(() => {
  config.developBackend = 'local';
});

function actAs(openid: string) {
  setDemoCaller(openid);
  setCloudCaller(openid);
}

describe.each(['local', 'cloud'] as const)('photo upload in %s mode', (mode) => {
  beforeEach(() => {
    config.developBackend = mode;
    actAs('demo-secretary');
  });

  it('uploads each chosen photo to a path the server issued for the case, and can show it', async () => {
    setChosenPhotos(['wxfile://tmp/a.jpg', 'wxfile://tmp/b.png', 'wxfile://tmp/c.jpg']);

    const ids = await pickAndUploadPhotos({ kind: 'visits', caseId: 'demo-case-01' }, 2);

    expect(ids).toHaveLength(2);
    const uploads = recordedUploads();
    expect(uploads.map((upload) => upload.via)).toEqual(mode === 'cloud' ? ['cloud', 'cloud'] : ['request', 'request']);
    expect(uploads.map((upload) => upload.tempFilePath)).toEqual(['wxfile://tmp/a.jpg', 'wxfile://tmp/b.png']);
    expect(uploads[0]!.cloudPath).toMatch(/^private\/soc-wangjia\/visits\/demo-case-01\/[a-z0-9]+-[0-9a-f]+\.jpg$/);
    expect(uploads[1]!.cloudPath).toMatch(/\.png$/);
    for (const id of ids) expect(await backend().ports.files.get(id)).not.toBeNull();
    // The thumbnails' addresses came with the upload: signed, short-lived.
    expect(photoSrc(ids[0]!)).toMatch(/\/files\/private\/soc-wangjia\/visits\/demo-case-01\/.+\?expires=\d+&sig=/);
  });

  it('answers [] and uploads nothing when the user cancels the picker', async () => {
    setChosenPhotos(null);
    await expect(pickAndUploadPhotos({ kind: 'receipts', caseId: 'demo-case-01' })).resolves.toEqual([]);
    expect(recordedUploads()).toEqual([]);
  });

  it('turns a failed upload into a CloudCallError with a Chinese message', async () => {
    setNetworkDown(true);
    const error = await pickAndUploadPhotos({ kind: 'boards', societyId: 'soc-wangjia' }).catch((err: unknown) => err);
    expect(error).toBeInstanceOf(CloudCallError);
    expect((error as CloudCallError).message).toMatch(/[\u4e00-\u9fa5]/);
  });

  it('a clue photo from a caller WeChat knows but we do not goes to a slot of the society, and shows to them', async () => {
    actAs('o-clue-reporter');
    setChosenPhotos(['wxfile://tmp/roof.jpg']);
    const [fileId] = await pickAndUploadPhotos({ kind: 'clues', societyId: 'soc-wangjia' });
    expect(recordedUploads()[0]!.cloudPath).toMatch(/^private\/soc-wangjia\/clues\/society\/.+\.jpg$/);
    expect(photoSrc(fileId!)).not.toBe('');
  });

  it('a list goes to an xlsx slot of the society; a resident gets none and uploads nothing', async () => {
    const fileId = await uploadSpreadsheet('wxfile://tmp/低保名单.xlsx', { societyId: 'soc-wangjia' });
    expect(recordedUploads()[0]!.cloudPath).toMatch(/^private\/soc-wangjia\/lists\/society\/.+\.xlsx$/);
    expect(await backend().ports.files.get(fileId)).not.toBeNull();
    actAs('demo-resident');
    const error = await uploadSpreadsheet('wxfile://tmp/x.xlsx', { societyId: 'soc-wangjia' }).catch((err) => err);
    expect((error as CloudCallError).code).toBe('FORBIDDEN');
    expect(recordedUploads()).toHaveLength(1);
  });

  it('a caller who may not add the file gets the server’s refusal and uploads nothing', async () => {
    actAs('demo-member');
    const error = await pickAndUploadPhotos({ kind: 'visits', caseId: 'demo-case-01' }).catch((err: unknown) => err);
    expect(error).toBeInstanceOf(CloudCallError);
    expect((error as CloudCallError).code).toBe('FORBIDDEN');
    expect(recordedUploads()).toEqual([]);
  });
});

describe('what the local stack answers', () => {
  beforeEach(() => {
    config.developBackend = 'local';
    actAs('demo-secretary');
  });

  it('an answer without a file id is an upload failure, not a bogus id', async () => {
    routeUploadsTo(async () => '');
    const error = await pickAndUploadPhotos({ kind: 'materials', caseId: 'demo-case-01' }).catch((err: unknown) => err);
    expect((error as CloudCallError).message).toBe(UPLOAD_FAILED_MESSAGE);
  });
});

describe('photoLinks', () => {
  beforeEach(() => {
    config.developBackend = 'local';
  });

  it('asks the server; a file id is never an address, and a refused file shows nothing while the others show', async () => {
    actAs('demo-secretary');
    const [mine] = await pickAndUploadPhotos({ kind: 'visits', caseId: 'demo-case-01' });
    actAs('demo-applicant');
    const [theirs] = await pickAndUploadPhotos({ kind: 'materials', societyId: 'soc-wangjia' });
    actAs('demo-secretary');
    const src = await photoLinks([mine!, theirs!]);
    expect(src(mine!)).toMatch(new RegExp(`^${config.localBaseUrl}/files/private/.+\\?expires=\\d+&sig=`));
    // The secretary reads the society's applications too.
    expect(src(theirs!)).not.toBe('');
    actAs('demo-member');
    const forMember = await photoLinks([mine!]);
    expect(forMember(mine!)).toBe('');
    expect(recordedCalls().filter((call) => call.event.action === 'fileLinks').length).toBeGreaterThan(0);
  });

  it('finds every file id a view mentions, at any depth', () => {
    expect(
      fileIdsIn({
        materials: [{ fileId: 'local:private/a.jpg' }, { fileId: 'cloud://env.b/private/b.jpg' }],
        receipt: { fileId: null },
        note: 'local people',
      }),
    ).toEqual(['local:private/a.jpg', 'cloud://env.b/private/b.jpg']);
  });
});
