/** Which backend the running build calls (see config.ts): a trial or release build never calls the local stack. */
import { config, type Backend } from '../config';

/** 'develop' | 'trial' | 'release' as WeChat reports it; anything else is taken for a release. */
export function backendFor(envVersion: string | undefined, developBackend: Backend): Backend {
  return envVersion === 'develop' ? developBackend : 'cloud';
}

/** The backend of the build that is running: a release build never calls the local stack. */
export function activeBackend(): Backend {
  let envVersion: string | undefined;
  try {
    envVersion = wx.getAccountInfoSync().miniProgram.envVersion;
  } catch {
    envVersion = undefined;
  }
  return backendFor(envVersion, config.developBackend);
}
