/**
 * The notices of the demo county (../shared/notes/demo-county.md), written through the notices
 * use cases themselves at the times they happened: 王家村's two earlier paid cases were each
 * published the day after payment (long archived by the demo Monday); the house-fire relief of
 * demo-case-03 was published on 11月24日 and is still live on 11月30日, with an objection from
 * 周小红 (demo-resident) waiting for an answer. 王家村's board code has a fixed demo scene token.
 */
import { LOCAL_NOTICE_SERVICES } from '../notices/services';
import { COLLECTIONS } from '../collections';
import type { Store } from '../ports/store';
import type { Files } from '../ports/files';
import { actorOf, resolveCaller } from '../access/caller';
import { silentLogger, type ActionContext } from '../context';
import { fixedClock } from '../ports/clock';
import { appendAudit } from '../audit/trail';
import { publishNotice } from '../notices/publish';
import { raiseObjection } from '../notices/objections';
import { PUBLIC_PAGE, type NoticeBoardDoc, type NoticeSceneDoc } from '../notices/model';
import { outboxNotifier } from '../ports/notifier';

const SOCIETY = 'soc-wangjia';
/** The scene token of 王家村's board code in the demo (a real one is random, see notices/scene.ts). */
export const DEMO_BOARD_SCENE = 'Wj7qDemoBoard2026';

const noFiles: Files = {
  put: () => Promise.reject(new Error('the notices seed writes no files')),
  get: () => Promise.resolve(null),
  url: () => Promise.reject(new Error('the notices seed writes no files')),
  exists: () => Promise.resolve(false),
  pathOf: () => {
    throw new Error('the notices seed writes no files');
  },
};

async function contextAt(store: Store, openid: string, at: string): Promise<ActionContext> {
  return {
    store,
    files: noFiles,
    notifier: outboxNotifier,
    clock: fixedClock(at),
    log: silentLogger,
    // The seed raises objections and publishes notices; it draws no board code.
    ...LOCAL_NOTICE_SERVICES,
    caller: await resolveCaller(store, openid),
  };
}

const PUBLISHED = [
  {
    caseId: 'demo-case-01',
    at: '2026-05-15T09:30:00+08:00',
    villageGroupNo: 2,
  },
  {
    caseId: 'demo-case-02',
    at: '2026-08-07T09:00:00+08:00',
    villageGroupNo: 4,
  },
  {
    caseId: 'demo-case-03',
    at: '2026-11-24T17:00:00+08:00',
    villageGroupNo: 3,
  },
];

export async function seedDemoNotices(store: Store): Promise<void> {
  for (const notice of PUBLISHED) {
    const ctx = await contextAt(store, 'demo-secretary', notice.at);
    // Structured fields only: the 核查情况 line comes from each case's recorded home visit.
    await publishNotice(ctx, notice.caseId, { villageGroupNo: notice.villageGroupNo });
  }
  const secretary = await resolveCaller(store, 'demo-secretary');
  const at = new Date('2026-11-24T17:05:00+08:00');
  const actor = actorOf(secretary, 'secretary');
  await store.transaction(async (tx) => {
    await tx.insert<NoticeBoardDoc>(COLLECTIONS.noticeBoards, {
      _id: SOCIETY,
      societyId: SOCIETY,
      scene: DEMO_BOARD_SCENE,
      page: PUBLIC_PAGE,
      createdAt: at.toISOString(),
      createdBy: actor,
      qrFileId: null,
      qrKind: null,
    });
    await tx.insert<NoticeSceneDoc>(COLLECTIONS.noticeScenes, {
      _id: DEMO_BOARD_SCENE,
      societyId: SOCIETY,
      createdAt: at.toISOString(),
    });
    await appendAudit(tx, {
      scopeId: SOCIETY,
      actor,
      action: 'notice.board',
      target: `${COLLECTIONS.noticeBoards}/${SOCIETY}`,
      details: { page: PUBLIC_PAGE, seed: true },
      at,
    });
  });
  const resident = await contextAt(store, 'demo-resident', '2026-11-30T09:10:00+08:00');
  await raiseObjection(resident, {
    requestId: 'seed-objection-demo-case-03',
    noticeId: 'notice-demo-case-03',
    text: '听说陈家烧的主要是厨房，卧室还能住，救助金额是不是按最高档给多了？请说明核查情况。',
    contact: null,
  });
}
