/**
 * The real cloud function dispatch over a freshly seeded demo county in a temp SQLite store:
 * what page tests route `wx.cloud.callFunction` to, and what use-case tests build on.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SqliteStore } from '../../server/adapters/sqlite/store';
import { LocalFiles } from '../../server/adapters/local-files';
import { INDEXES } from '../../server/collections';
import { FUNCTIONS } from '../../server/functions';
import { dispatch } from '../../server/api/dispatch';
import { silentLogger, type ActionContext, type Ports } from '../../server/context';
import type { Envelope } from '../../server/errors';
import { resolveCaller } from '../../server/access/caller';
import { seedDemoCounty } from '../../server/seed/demo-county';
import { countDigestsDue, keepAllDigests } from '../../server/oversight/digest';
import { fixedClock } from '../../server/ports/clock';
import { LOCAL_NOTICE_SERVICES } from '../../server/notices/services';
import { outboxNotifier } from '../../server/ports/notifier';

export interface TestBackend {
  ports: Ports & { store: SqliteStore; clock: ReturnType<typeof fixedClock> };
  dir: string;
  call(name: string, event: Record<string, unknown>, openid: string | null): Promise<Envelope>;
  /** An action context for calling use cases directly as a given caller. */
  contextFor(openid: string | null): Promise<ActionContext>;
  close(): Promise<void>;
}

/** Demo "now": a working Monday afternoon in Beijing, after the seeded history. */
export const DEMO_NOW = '2026-11-30T14:00:00+08:00';

export async function createTestBackend(
  options: {
    seed?: boolean;
    /**
     * 'afterEachCall' (the default): every call that succeeds and wrote counts the overviews'
     * digests again, as the minute timer would soon after it; 'timer': only the scheduler's timer does.
     */
    digests?: 'afterEachCall' | 'timer';
  } = {},
): Promise<TestBackend> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jj-backend-'));
  const store = SqliteStore.open({ file: path.join(dir, 'test.sqlite'), indexes: INDEXES });
  if (options.seed !== false) await seedDemoCounty(store);
  const clock = fixedClock(DEMO_NOW);
  // The overviews' digests as the minute timer leaves them at the demo's now (oversight/digest.ts).
  await countDigestsDue(store, clock.now());
  const ports = {
    store,
    files: new LocalFiles(path.join(dir, 'files')),
    clock,
    notifier: outboxNotifier,
    log: silentLogger,
    ...LOCAL_NOTICE_SERVICES,
  };
  return {
    ports,
    dir,
    async call(name, event, openid) {
      const fn = FUNCTIONS[name];
      if (!fn) throw new Error(`no cloud function named ${name}`);
      const before = store.commitMark();
      const answer = await dispatch(fn, event, openid, ports);
      // The overviews' digests as the minute timer leaves them after a call that wrote
      // (oversight/digest.ts); test/oversight/digest.test.ts covers the timer's own path.
      const wrote = store.commitMark() !== before;
      if (answer.ok && wrote && options.digests !== 'timer') await keepAllDigests(store, ports.clock.now());
      return answer;
    },
    async contextFor(openid) {
      return { ...ports, caller: await resolveCaller(store, openid) };
    },
    async close() {
      store.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
