/**
 * miniprogram/services/files.ts: photos chosen on the phone, uploaded to CloudBase storage (cloud)
 * or the local stack (local), referred to by file id. wx is faked at the boundary; uploads land in
 * the seeded backend's Files port.
 */
import { usePageBackend } from '../support/page-backend';
import { recordedUploads, routeUploadsTo, setChosenPhotos, setNetworkDown } from '../support/simulate-setup';
import { config } from '../../miniprogram/config';
import { CloudCallError } from '../../miniprogram/services/cloud';
import { photoSrc, pickAndUploadPhotos, UPLOAD_FAILED_MESSAGE } from '../../miniprogram/services/files';

const backend = usePageBackend();

afterAll(() => {
  config.developBackend = 'local';
});

describe.each(['local', 'cloud'] as const)('photo upload in %s mode', (mode) => {
  beforeEach(() => {
    config.developBackend = mode;
  });

  it('uploads each chosen photo into its folder and answers file ids the Files port knows', async () => {
    setChosenPhotos(['wxfile://tmp/a.jpg', 'wxfile://tmp/b.png', 'wxfile://tmp/c.jpg']);

    const ids = await pickAndUploadPhotos('visits', 2);

    expect(ids).toHaveLength(2);
    const uploads = recordedUploads();
    expect(uploads.map((upload) => upload.via)).toEqual(mode === 'cloud' ? ['cloud', 'cloud'] : ['request', 'request']);
    expect(uploads.map((upload) => upload.tempFilePath)).toEqual(['wxfile://tmp/a.jpg', 'wxfile://tmp/b.png']);
    expect(uploads[0]!.cloudPath).toMatch(/^visits\/\d+-[a-z0-9]+\.jpg$/);
    expect(uploads[1]!.cloudPath).toMatch(/\.png$/);
    for (const id of ids) expect(await backend().ports.files.get(id)).not.toBeNull();
  });

  it('answers [] and uploads nothing when the user cancels the picker', async () => {
    setChosenPhotos(null);
    await expect(pickAndUploadPhotos('receipts')).resolves.toEqual([]);
    expect(recordedUploads()).toEqual([]);
  });

  it('turns a failed upload into a CloudCallError with a Chinese message', async () => {
    setNetworkDown(true);
    const error = await pickAndUploadPhotos('boards').catch((err: unknown) => err);
    expect(error).toBeInstanceOf(CloudCallError);
    expect((error as CloudCallError).message).toMatch(/[\u4e00-\u9fa5]/);
  });
});

describe('what the local stack answers', () => {
  beforeEach(() => {
    config.developBackend = 'local';
  });

  it('an answer without a file id is an upload failure, not a bogus id', async () => {
    routeUploadsTo(async () => '');
    const error = await pickAndUploadPhotos('materials').catch((err: unknown) => err);
    expect((error as CloudCallError).message).toBe(UPLOAD_FAILED_MESSAGE);
  });
});

describe('photoSrc', () => {
  it('shows a local file from the local stack and a cloud file id as it is', () => {
    expect(photoSrc('local:visits/1-a.jpg')).toBe(`${config.localBaseUrl}/files/visits/1-a.jpg`);
    expect(photoSrc('cloud://env-1.abcd/visits/1-a.jpg')).toBe('cloud://env-1.abcd/visits/1-a.jpg');
  });
});
