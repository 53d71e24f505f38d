/**
 * For page tests: a seeded backend for the whole file, and before each test a clean boundary
 * (storage, navigation, recorded calls) with `wx.cloud.callFunction` and `wx.request` routed to it,
 * and photo uploads (`wx.uploadFile`, `wx.cloud.uploadFile`) stored in its Files port.
 */
import { createTestBackend, type TestBackend } from './test-backend';
import { resetBoundary, routeCloudTo, routeUploadsTo } from './simulate-setup';
import { contentTypeOf } from '../../server/adapters/file-types';

export function usePageBackend(): () => TestBackend {
  let backend: TestBackend;
  beforeAll(async () => {
    backend = await createTestBackend();
  });
  afterAll(async () => {
    await backend.close();
  });
  beforeEach(() => {
    resetBoundary();
    routeCloudTo((name, event, openid) => backend.call(name, event, openid));
    // A chosen photo lands in the backend's Files port, as on the local stack.
    routeUploadsTo(async (cloudPath) => {
      const stored = await backend.ports.files.put(cloudPath, Buffer.from('jpeg'), contentTypeOf(cloudPath));
      return stored.fileId;
    });
  });
  return () => backend;
}
