import type { Store } from './ports/store';
import type { Clock } from './ports/clock';
import type { Files } from './ports/files';
import type { Caller } from './access/caller';
import type { Notifier } from './ports/notifier';
import type { ContentCheck } from './ports/content-check';
import type { BoardCodeRenderer } from './ports/board-code';

export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

/** The ports an adapter (cloud or local) hands to the dispatcher. */
export interface Ports {
  store: Store;
  clock: Clock;
  files: Files;
  /** Subscribe messages: WeChat in the cloud, the outbox alone locally. */
  notifier: Notifier;
  log: Logger;
  /** Whether a villager's text may be kept (WeChat's check in the cloud, a fake locally). */
  contentCheck: ContentCheck;
  /** The code on the village notice board (a mini program code in the cloud, a QR code locally). */
  boardCode: BoardCodeRenderer;
}

/** What every action handler receives besides its validated payload. */
export interface ActionContext extends Ports {
  caller: Caller;
}

/** One JSON line per message: CloudBase's log view and a terminal both read it. */
export const jsonLogger: Logger = {
  info: (message, fields) => console.log(JSON.stringify({ level: 'info', message, ...fields })),
  error: (message, fields) => console.error(JSON.stringify({ level: 'error', message, ...fields })),
};

export const silentLogger: Logger = { info: () => undefined, error: () => undefined };
