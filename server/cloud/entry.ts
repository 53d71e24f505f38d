/**
 * Production wiring: CloudBase through wx-server-sdk. The caller's identity is the OPENID of the
 * WX context, which WeChat fills in; nothing in the event is trusted about who is calling.
 */
import cloud from 'wx-server-sdk';
import type { FunctionDefinition } from '../api/define';
import { jsonLogger, type Ports } from '../context';
import { dispatch } from '../api/dispatch';
import { ERROR_MESSAGES, type Envelope } from '../errors';
import { piiKeyProblem } from '../cases/pii';
import { CloudBaseStore } from '../adapters/cloudbase/store';
import { CloudBaseFiles } from '../adapters/cloudbase/files';
import { CLOUD_NOTICE_SERVICES } from '../notices/cloud-services';
import { openApiNotifier, type SubscribeMessageApi } from '../adapters/cloudbase/notifier';
import { systemClock } from '../ports/clock';
import type { Identity } from '../ports/identity';

let ports: Ports | null = null;

function cloudPorts(): Ports {
  if (!ports) {
    // The SDK types `env` as a string; DYNAMIC_CURRENT_ENV is a symbol meaning "the env this function runs in".
    cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string });
    ports = {
      store: new CloudBaseStore(cloud.database()),
      files: new CloudBaseFiles(cloud),
      notifier: openApiNotifier(() => cloud.openapi as unknown as SubscribeMessageApi),
      clock: systemClock,
      log: jsonLogger,
      // Open API calls; only the notices function's config.json grants them, and only it calls them.
      ...CLOUD_NOTICE_SERVICES,
    };
  }
  return ports;
}

export const wxContextIdentity: Identity = {
  current() {
    const openid = cloud.getWXContext().OPENID;
    return openid ? { openid } : null;
  },
};

/**
 * The `main` of a cloud function: `export const main = cloudMain(FUNCTIONS.societies)`. In the
 * cloud nothing runs without the key that seals personal data: a missing key would otherwise
 * mean data sealed with the development key, which is in the source.
 */
export function cloudMain(fn: FunctionDefinition): (event: unknown) => Promise<Envelope> {
  return async (event) => {
    const problem = piiKeyProblem();
    if (problem) {
      jsonLogger.error('refused: misconfigured', { fn: fn.name, detail: problem });
      return { ok: false, error: { code: 'UNAVAILABLE', message: ERROR_MESSAGES.UNAVAILABLE } };
    }
    return dispatch(fn, event, wxContextIdentity.current()?.openid ?? null, cloudPorts());
  };
}
