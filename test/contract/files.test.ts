import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type * as WxServerSdk from 'wx-server-sdk';
import type { Files } from '../../server/ports/files';
import { LocalFiles } from '../../server/adapters/local-files';
import { CloudBaseFiles, type CloudStorageApi, type CloudTempFileUrl } from '../../server/adapters/cloudbase/files';

// Type-level check, erased at run time: the wx-server-sdk module fits the interface the adapter declares.
export const realStorageFits: CloudStorageApi = null as unknown as typeof WxServerSdk;

const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46]);

/** What both adapters must do alike. */
function describeFilesContract(name: string, open: () => { files: Files; close(): void }) {
  describe(`Files contract: ${name}`, () => {
    let files: Files;
    let close: () => void;
    beforeEach(() => {
      ({ files, close } = open());
    });
    afterEach(() => close());

    it('stores a file and reads it back with its size and content type', async () => {
      const stored = await files.put('cases/c1/receipt-1.jpg', JPEG, 'image/jpeg');
      expect(stored.size).toBe(JPEG.length);
      expect(stored.contentType).toBe('image/jpeg');
      expect(await files.get(stored.fileId)).toEqual({ content: JPEG, contentType: 'image/jpeg' });
      expect(typeof (await files.url(stored.fileId))).toBe('string');
    });

    it('says whether a file is in storage and which path an id stands for', async () => {
      const stored = await files.put('private/soc-1/visits/c1/a.jpg', JPEG, 'image/jpeg');
      expect(await files.exists(stored.fileId)).toBe(true);
      expect(files.pathOf(stored.fileId)).toBe('private/soc-1/visits/c1/a.jpg');
      const missing = stored.fileId.replace('a.jpg', 'b.jpg');
      expect(await files.exists(missing)).toBe(false);
      expect(files.pathOf(missing)).toBe('private/soc-1/visits/c1/b.jpg');
      expect(() => files.pathOf('https://elsewhere/a.jpg')).toThrow();
    });

    it('replaces a file put again at the same path', async () => {
      await files.put('exports/report.csv', Buffer.from('a,b\n'), 'text/csv');
      const again = await files.put('exports/report.csv', Buffer.from('c,d\n'), 'text/csv; charset=utf-8');
      expect((await files.get(again.fileId))?.content.toString()).toBe('c,d\n');
    });

    it('refuses unsafe paths and content types that disagree with the file name', async () => {
      for (const bad of ['../outside.jpg', '/etc/passwd', 'a/../../b.jpg', 'a//b.jpg', '.hidden.jpg', 'a\\b.jpg', '']) {
        await expect(files.put(bad, JPEG, 'image/jpeg')).rejects.toThrow();
      }
      await expect(files.put('photo.jpg', JPEG, 'image/png')).rejects.toThrow(/does not match/);
      await expect(files.put('photo.exe', JPEG, 'image/jpeg')).rejects.toThrow(/does not match/);
    });
  });
}

describe('LocalFiles', () => {
  const folders: string[] = [];
  const tempFolder = () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'files-contract-'));
    folders.push(folder);
    return folder;
  };
  afterAll(() => folders.forEach((folder) => fs.rmSync(folder, { recursive: true, force: true })));

  describeFilesContract('LocalFiles', () => {
    const folder = tempFolder();
    return { files: new LocalFiles(path.join(folder, 'files')), close: () => undefined };
  });

  it('names files local:<path>, addresses them as signed /files/<path>, and maps the address back', async () => {
    const root = path.join(tempFolder(), 'files');
    let now = 1_800_000_000_000;
    const files = new LocalFiles(root, { maxAgeSeconds: 600, now: () => now });
    const stored = await files.put('visits/v-1/photo_1.png', Buffer.from('png'), 'image/png');
    expect(stored.fileId).toBe('local:visits/v-1/photo_1.png');
    expect(fs.readFileSync(path.join(root, 'visits', 'v-1', 'photo_1.png'), 'utf8')).toBe('png');
    const url = await files.url(stored.fileId);
    expect(url).toMatch(/^\/files\/visits\/v-1\/photo_1\.png\?expires=1800000600000&sig=[\w-]{43}$/);
    const [pathname, query] = url.split('?') as [string, string];
    expect(LocalFiles.fileIdOfUrlPath(pathname)).toBe(stored.fileId);
    // Issue 12: only the signed, unexpired address stands for the file.
    expect(files.fileIdOfSignedUrl(pathname, new URLSearchParams(query))).toBe(stored.fileId);
    expect(files.fileIdOfSignedUrl(pathname, new URLSearchParams())).toBeNull();
    expect(files.fileIdOfSignedUrl('/files/visits/v-1/other.png', new URLSearchParams(query))).toBeNull();
    expect(new LocalFiles(root).fileIdOfSignedUrl(pathname, new URLSearchParams(query))).toBeNull();
    now += 600_001;
    expect(files.fileIdOfSignedUrl(pathname, new URLSearchParams(query))).toBeNull();
    expect(LocalFiles.fileIdOfUrlPath('/files/..%2F..%2Fetc%2Fpasswd')).toBeNull();
    expect(LocalFiles.fileIdOfUrlPath('/files/%E0%A4%A')).toBeNull();
    expect(LocalFiles.fileIdOfUrlPath('/other/a.png')).toBeNull();
  });

  it('reads a missing file as null and refuses an address for it', async () => {
    const files = new LocalFiles(path.join(tempFolder(), 'files'));
    expect(await files.get('local:nothing/here.jpg')).toBeNull();
    await expect(files.url('local:nothing/here.jpg')).rejects.toThrow(/no such file/);
  });

  it('refuses file ids that are not local or leave the folder', async () => {
    const files = new LocalFiles(path.join(tempFolder(), 'files'));
    for (const bad of [
      'cloud://env.bucket/a.jpg',
      'local:../secret.txt',
      'local:/etc/passwd',
      'local:a/../../b.txt',
      'a.jpg',
    ]) {
      await expect(files.get(bad)).rejects.toThrow();
      await expect(files.url(bad)).rejects.toThrow();
    }
  });

  it('refuses a symbolic link that leads outside the folder', async () => {
    const folder = tempFolder();
    const root = path.join(folder, 'files');
    fs.mkdirSync(root);
    fs.writeFileSync(path.join(folder, 'secret.txt'), 'secret');
    fs.symlinkSync(path.join(folder, 'secret.txt'), path.join(root, 'link.txt'));
    fs.symlinkSync(folder, path.join(root, 'escape'));
    const files = new LocalFiles(root);
    await expect(files.get('local:link.txt')).rejects.toThrow(/outside/);
    await expect(files.put('escape/planted.txt', Buffer.from('x'), 'text/plain')).rejects.toThrow(/outside/);
    expect(fs.existsSync(path.join(folder, 'planted.txt'))).toBe(false);
  });
});

/** A small stand-in for CloudBase storage, shaped like wx-server-sdk's answers. */
class FakeStorage implements CloudStorageApi {
  readonly objects = new Map<string, Buffer>();
  readonly uploads: string[] = [];

  async uploadFile({ cloudPath, fileContent }: { cloudPath: string; fileContent: Buffer }) {
    this.uploads.push(cloudPath);
    const fileID = `cloud://test-env.7465-test-env-1300000000/${cloudPath}`;
    this.objects.set(fileID, Buffer.from(fileContent));
    return { fileID, statusCode: 200, errMsg: 'uploadFile:ok' };
  }

  async downloadFile({ fileID }: { fileID: string }) {
    const content = this.objects.get(fileID);
    if (!content) {
      throw Object.assign(new Error('downloadFile:fail -503003 storage file not exists. file not exist'), {
        errCode: -503003,
        errMsg: 'downloadFile:fail -503003 storage file not exists. file not exist',
      });
    }
    return { fileContent: Buffer.from(content), statusCode: 200, errMsg: 'downloadFile:ok' };
  }

  async getTempFileURL({ fileList }: { fileList: Array<string | { fileID: string; maxAge?: number }> }) {
    const answers: CloudTempFileUrl[] = fileList.map((entry) => {
      const fileID = typeof entry === 'string' ? entry : entry.fileID;
      return this.objects.has(fileID)
        ? { fileID, tempFileURL: `https://temp.example/${encodeURIComponent(fileID)}?sign=x`, status: 0, errMsg: 'ok' }
        : { fileID, tempFileURL: '', status: -503003, errMsg: 'storage file not exists' };
    });
    return { fileList: answers, errMsg: 'getTempFileURL:ok' };
  }
}

describe('CloudBaseFiles', () => {
  describeFilesContract('CloudBaseFiles over a fake storage', () => ({
    files: new CloudBaseFiles(new FakeStorage()),
    close: () => undefined,
  }));

  it('uploads under the prefix, returns the fileID, and asks for temporary URLs', async () => {
    const storage = new FakeStorage();
    const files = new CloudBaseFiles(storage, { prefix: 'prod/' });
    const stored = await files.put('cases/c1/a.pdf', Buffer.from('%PDF'), 'application/pdf');
    expect(storage.uploads).toEqual(['prod/cases/c1/a.pdf']);
    expect(stored).toEqual({
      fileId: 'cloud://test-env.7465-test-env-1300000000/prod/cases/c1/a.pdf',
      size: 4,
      contentType: 'application/pdf',
    });
    expect(await files.url(stored.fileId)).toMatch(/^https:\/\/temp\.example\//);
  });

  it('reads a missing file as null and refuses an address for it', async () => {
    const files = new CloudBaseFiles(new FakeStorage());
    expect(await files.get('cloud://test-env.7465-test-env-1300000000/none.jpg')).toBeNull();
    await expect(files.url('cloud://test-env.7465-test-env-1300000000/none.jpg')).rejects.toThrow(/no temporary URL/);
  });

  it('refuses file ids that are not CloudBase ones and unsafe paths before calling the storage', async () => {
    const storage = new FakeStorage();
    const files = new CloudBaseFiles(storage);
    await expect(files.get('local:a.jpg')).rejects.toThrow(/not a CloudBase file id/);
    await expect(files.url('https://elsewhere/a.jpg')).rejects.toThrow(/not a CloudBase file id/);
    await expect(files.put('../a.jpg', JPEG, 'image/jpeg')).rejects.toThrow(/unsafe/);
    expect(storage.uploads).toEqual([]);
  });
});
