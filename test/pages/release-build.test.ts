/**
 * A trial or release build calls the cloud, whatever the development switch says: the config as
 * shipped (developBackend 'local') must never make an uploaded mini program reach 127.0.0.1.
 */
import fs from 'node:fs';
import path from 'node:path';
import {
  cloudInitOptions,
  recordedCalls,
  recordedUploads,
  resetBoundary,
  routeCloudTo,
  routeUploadsTo,
  setEnvVersion,
} from '../support/simulate-setup';
import { openPage } from '../support/simulate-pages';
import { config } from '../../miniprogram/config';
import { activeBackend, backendFor } from '../../miniprogram/services/backend';
import { callCloud, initCloud } from '../../miniprogram/services/cloud';
import { photoLinks, uploadPhoto } from '../../miniprogram/services/files';

const MINIPROGRAM = path.join(__dirname, '../../miniprogram');

// The first page rendered in a file loads TDesign (about 4 s on a loaded 2-core machine).
jest.setTimeout(20_000);

function sourcesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'miniprogram_npm' ? [] : sourcesUnder(full);
    return /\.(ts|js|wxml|json)$/.test(entry.name) ? [full] : [];
  });
}

beforeEach(() => {
  resetBoundary();
  routeCloudTo(async (_name, event) => {
    if (event.action === 'requestUpload') {
      return { ok: true, data: { path: 'private/soc-1/materials/society/x.jpg', expiresAt: '2026-12-01T00:00:00Z' } };
    }
    if (event.action === 'fileLinks') {
      const fileIds = event.fileIds as string[];
      return {
        ok: true,
        data: { items: fileIds.map((fileId) => ({ fileId, url: `https://tmp.example/${fileId.slice(8)}` })) },
      };
    }
    return { ok: true, data: { userId: null, roles: [] } };
  });
  routeUploadsTo(async (cloudPath) => `cloud://env-1.7a/${cloudPath}`);
});

describe('which backend a build calls', () => {
  it('develop follows the switch; trial, release and an unknown build always use the cloud', () => {
    expect(backendFor('develop', 'local')).toBe('local');
    expect(backendFor('develop', 'cloud')).toBe('cloud');
    expect(backendFor('trial', 'local')).toBe('cloud');
    expect(backendFor('release', 'local')).toBe('cloud');
    expect(backendFor(undefined, 'local')).toBe('cloud');
  });

  it('the config is shipped as it is: development builds on the local stack', () => {
    expect(config.developBackend).toBe('local');
    setEnvVersion('develop');
    expect(activeBackend()).toBe('local');
  });

  it('a release build binds wx.cloud to the configured environment, or the default one', () => {
    setEnvVersion('release');
    initCloud();
    expect(cloudInitOptions()).toEqual(
      config.cloudEnv ? [{ env: config.cloudEnv, traceUser: true }] : [{ traceUser: true }],
    );
  });

  it.each(['trial', 'release'] as const)(
    'a %s build as shipped calls CloudBase only and never 127.0.0.1',
    async (envVersion) => {
      setEnvVersion(envVersion);
      await callCloud('societies', 'me', {});
      const fileId = await uploadPhoto('wxfile://tmp/photo-1.jpg', { kind: 'materials', societyId: 'soc-1' });
      expect(fileId).toBe('cloud://env-1.7a/private/soc-1/materials/society/x.jpg');
      const src = await photoLinks([fileId]);
      expect(src(fileId)).toBe('https://tmp.example/env-1.7a/private/soc-1/materials/society/x.jpg');

      expect(recordedCalls().map((call) => call.via)).toEqual(['cloud', 'cloud', 'cloud']);
      expect(recordedUploads().map((upload) => upload.via)).toEqual(['cloud']);
      const everything = JSON.stringify([recordedCalls(), recordedUploads()]);
      expect(everything).not.toContain('127.0.0.1');
      expect(everything).not.toContain(config.localBaseUrl);
    },
  );

  it('a release build shows no demo-caller picker on home', async () => {
    setEnvVersion('release');
    const page = await openPage('pages/home/index');
    expect(page.data.showDemoPicker).toBe(false);
  });

  it('the local stack’s address is read only where a call is sent, behind activeBackend()', () => {
    const readers = sourcesUnder(MINIPROGRAM)
      .filter((file) => /localBaseUrl|127\.0\.0\.1/.test(fs.readFileSync(file, 'utf8')))
      .map((file) => path.relative(MINIPROGRAM, file))
      .sort();
    expect(readers).toEqual(['config.ts', 'services/cloud.ts', 'services/files.ts']);
  });
});
