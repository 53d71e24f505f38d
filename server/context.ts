import type { Store } from './ports/store';
import type { Clock } from './ports/clock';
import type { Files } from './ports/files';
import type { Caller } from './access/caller';
import type { Notifier } from './ports/notifier';

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
