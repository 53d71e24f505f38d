/**
 * For page tests: a seeded backend for the whole file, and before each test a clean boundary
 * (storage, navigation, recorded calls) with `wx.cloud.callFunction` and `wx.request` routed to it.
 */
import { createTestBackend, type TestBackend } from './test-backend';
import { resetBoundary, routeCloudTo } from './simulate-setup';

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
  });
  return () => backend;
}
