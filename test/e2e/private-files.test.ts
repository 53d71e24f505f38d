/**
 * Issue 12 "Done when" (file access), in the browser preview: 李秀英 applies to 王家村 with a
 * photo of her father's household book. The photo is private: 柳塘村's secretary (another
 * society), a stranger and no caller can neither see it nor replace it; 王家村's own secretary
 * sees it on the case page, through a short-lived signed address. A villager unknown to us adds
 * a photo to an anonymous clue: it goes into a clue slot of the society, and only the society's
 * officers (and the villager) see it.
 */
import { COLLECTIONS } from '../../server/collections';
import { makeIdNumber } from '../../miniprogram/domain/id-number';
import type { MyCaseView } from '../../miniprogram/domain/case';
import { receiptPicture } from '../../server/seed/demo-files';
import type { ClueDoc } from '../../server/clues/usecases';
import { describeInChromium, startPreview, type PhonePage, type PreviewHarness } from './support/preview-harness';
import {
  attachPhoto,
  fillApplication,
  OFFICER_CASE,
  openApplication,
  submitApplication,
  WANGJIA,
} from './support/relief-story';
import { addLiutangSecretary } from '../support/people';

/** A real picture, so the browser can show that it loaded. */
const PHOTO = { name: 'household-book.png', mimeType: 'image/png', buffer: receiptPicture() };

jest.setTimeout(120_000);

describeInChromium('private files (issue 12)', () => {
  let preview: PreviewHarness;
  let caseId = '';
  let fileId = '';

  beforeAll(async () => {
    preview = await startPreview();
    // A secretary of 柳塘村, another society of the same township.
    const store = preview.stack.ports.store;
    await addLiutangSecretary(store);
  });

  afterAll(async () => {
    await preview?.close();
  });

  /** The pictures on the phone's screen that come from the Files port, and whether each loaded. */
  async function storedPictures(phone: PhonePage): Promise<Array<{ src: string; loaded: boolean }>> {
    const frame = phone.page.frame({ name: 'phone' })!;
    await frame
      .waitForFunction(
        () =>
          Array.from(document.querySelectorAll('img'))
            .filter((img) => img.src.includes('/files/'))
            .every((img) => img.complete),
        undefined,
        { timeout: 10_000 },
      )
      .catch(() => undefined);
    return frame.evaluate(() =>
      Array.from(document.querySelectorAll('img'))
        .filter((img) => img.getAttribute('src'))
        .map((img) => ({ src: img.src, loaded: img.complete && img.naturalWidth > 0 })),
    );
  }

  it('李秀英 applies with a photo; it is stored under her society and she sees its thumbnail', async () => {
    const phone = await openApplication(preview);
    await fillApplication(phone, { idNumber: makeIdNumber({ birthDate: '1951-06-18', sequence: 39 }) });
    await attachPhoto(phone, PHOTO);
    const thumbnails = (await storedPictures(phone)).filter((img) => img.src.includes('/files/private/'));
    expect(thumbnails).toHaveLength(1);
    expect(thumbnails[0]).toMatchObject({ loaded: true, src: expect.stringMatching(/\?expires=\d+&sig=/) });

    caseId = await submitApplication(phone);
    const mine = await preview.call<MyCaseView>('applications', { action: 'getMyCase', caseId }, 'demo-applicant');
    if (!mine.ok) throw new Error(mine.error.message);
    fileId = mine.data.materials[0]!.fileId;
    expect(fileId).toMatch(new RegExp(`^local:private/${WANGJIA}/materials/`));
    expect(phone.errors).toEqual([]);
  });

  it('another society’s secretary gets neither the case nor the photo; nobody can read or replace it by its path', async () => {
    const phone = await preview.open(OFFICER_CASE, { caller: 'lt-secretary', query: { caseId } });
    await phone.settled();
    expect(await phone.text()).not.toContain('李长福');
    expect((await storedPictures(phone)).filter((img) => img.src.includes('/files/'))).toEqual([]);

    for (const openid of ['lt-secretary', 'o-stranger', null]) {
      const answer = await preview.call('societies', { action: 'fileLinks', fileIds: [fileId] }, openid);
      expect([openid, answer.ok ? 'shown' : answer.error.code]).toEqual([openid, 'FORBIDDEN']);
    }
    const path = fileId.slice('local:'.length);
    expect((await fetch(`${preview.url}/files/${path}`)).status).toBe(404);
    for (const openid of ['lt-secretary', 'o-stranger']) {
      const replaced = await fetch(`${preview.url}/files/upload?path=${encodeURIComponent(path)}`, {
        method: 'POST',
        headers: { 'content-type': 'image/png', 'x-openid': openid },
        body: new Uint8Array(Buffer.from('not the photo')),
      });
      expect(replaced.status).toBe(403);
    }
    expect((await preview.stack.ports.files.get(fileId))?.content).toEqual(PHOTO.buffer);
  });

  it('王家村’s own secretary sees the photo on the case page, from a signed short-lived address', async () => {
    const phone = await preview.open(OFFICER_CASE, { caller: 'demo-secretary', query: { caseId } });
    await phone.waitForText('李长福');
    const pictures = (await storedPictures(phone)).filter((img) => img.src.includes('/files/private/'));
    expect(pictures).toEqual([
      {
        loaded: true,
        src: expect.stringMatching(new RegExp(`/files/private/${WANGJIA}/materials/.+\\?expires=\\d+&sig=`)),
      },
    ]);
    expect(phone.errors).toEqual([]);
  });

  it('an anonymous clue’s photo goes into a slot of the society; its secretary sees it, 柳塘村’s does not', async () => {
    const villager = 'o-e2e-photo-villager';
    const phone = await preview.open('pages/clue/index', { caller: villager, query: { societyId: WANGJIA } });
    await phone.waitForText('谁可能需要帮助（必填）');
    await phone.fill('就您所知：姓名、住在哪个组或哪里', '三组的孙奶奶');
    await phone.fill('例如：突发重病住院、家里失火、老人独居无人照顾', '房顶漏雨塌了一角，一个人住');
    await phone.tapAndChoose('添加照片', [{ ...PHOTO, name: 'roof.png' }]);
    await phone.waitForText('已附照片 1 张');
    const thumbnail = (await storedPictures(phone)).filter((img) => img.src.includes('/files/private/'));
    expect(thumbnail).toEqual([{ loaded: true, src: expect.stringMatching(/\/clues\/society\/.+\?expires=\d+&sig=/) }]);
    await phone.tap('提交线索');
    await phone.waitForText('线索已送到互助社');
    const [clue] = await preview.stack.ports.store.find<ClueDoc>(COLLECTIONS.clues, {
      where: { societyId: WANGJIA, anonymous: true },
    });
    const photo = clue!.photoFileId!;
    expect(photo).toMatch(new RegExp(`^local:private/${WANGJIA}/clues/society/`));
    expect(phone.errors).toEqual([]);

    const officer = await preview.open('packages/officer/pages/clues/index', {
      caller: 'demo-secretary',
      query: { societyId: WANGJIA },
    });
    await officer.waitForText('三组的孙奶奶');
    const seen = (await storedPictures(officer)).filter((img) => img.src.includes('/files/private/'));
    expect(seen).toEqual([{ loaded: true, src: expect.stringMatching(/\?expires=\d+&sig=/) }]);
    for (const openid of ['lt-secretary', 'o-stranger', null]) {
      const answer = await preview.call('societies', { action: 'fileLinks', fileIds: [photo] }, openid);
      expect([openid, answer.ok ? 'shown' : answer.error.code]).toEqual([openid, 'FORBIDDEN']);
    }
    expect(officer.errors).toEqual([]);
  });
});
