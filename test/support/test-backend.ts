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

export async function createTestBackend(options: { seed?: boolean } = {}): Promise<TestBackend> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jj-backend-'));
  const store = SqliteStore.open({ file: path.join(dir, 'test.sqlite'), indexes: INDEXES });
  if (options.seed !== false) await seedDemoCounty(store);
  const ports = {
    store,
    files: new LocalFiles(path.join(dir, 'files')),
    clock: fixedClock(DEMO_NOW),
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
      return dispatch(fn, event, openid, ports);
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
