import * as z from 'zod/mini';
import { action, defineFunction } from '../../server/api/define';
import { dispatch } from '../../server/api/dispatch';
import type { Logger } from '../../server/context';
import { COLLECTIONS } from '../../server/collections';
import { CountingStore } from '../../server/ports/counting-store';
import { createTestBackend, type TestBackend } from '../support/test-backend';

describe('dispatch: every call answers an envelope', () => {
  let backend: TestBackend;
  beforeAll(async () => {
    backend = await createTestBackend();
  });
  afterAll(() => backend.close());

  it('answers an unknown action with UNKNOWN_ACTION and a Chinese message', async () => {
    const result = await backend.call('societies', { action: 'dropEverything' }, 'demo-county');
    expect(result).toEqual({ ok: false, error: { code: 'UNKNOWN_ACTION', message: '不支持的操作' } });
  });

  it.each([
    ['a prototype key as action', { action: 'constructor' }],
    ['a prototype key as action', { action: '__proto__' }],
  ])('answers %s with UNKNOWN_ACTION', async (_label, event) => {
    const result = await backend.call('societies', event, null);
    expect(result).toMatchObject({ ok: false, error: { code: 'UNKNOWN_ACTION' } });
  });

  it.each([
    ['no action', {}],
    ['a number', { action: 42 }],
    ['null', { action: null }],
    ['an array', { action: ['me'] }],
    ['an object that cannot become a string', { action: { toString: 1, valueOf: 1 } }],
  ])('answers an action that is not a string (%s) with BAD_REQUEST, never INTERNAL', async (_label, event) => {
    const result = await backend.call('societies', event, 'demo-county');
    expect(result).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
  });

  it.each([
    ['2026-13-01', '2026-13'],
    ['2026-02-30', '0000-01'],
    ['0000-01-01', '9999-12'],
    ['9999-01-01', '2101-01'],
  ])('R-FUND-3: refuses an impossible date (%s) or month (%s) with BAD_REQUEST', async (day, month) => {
    const asDay = await backend.call(
      'societies',
      { action: 'setWorkCalendar', year: 2027, holidays: [day], workdays: [] },
      'demo-county',
    );
    expect(asDay).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    const asMonth = await backend.call(
      'funds',
      { action: 'fundReport', societyId: 'soc-wangjia', from: month, to: month },
      'demo-member',
    );
    expect(asMonth).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
  });

  it.each([
    ['a missing field', {}],
    ['a number for an id', { societyId: 42 }],
    ['an operator in place of an id', { societyId: { $gt: '' } }],
    ['an id with a path in it', { societyId: '../etc/passwd' }],
    ['an unknown field', { societyId: 'soc-wangjia', role: 'president' }],
  ])('refuses %s with BAD_REQUEST in plain Chinese, naming the field by its Chinese label', async (label, payload) => {
    const result = await backend.call('societies', { action: 'getPublicPage', ...payload }, 'demo-resident');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('BAD_REQUEST');
    // An unknown field is the page's fault: the plain message; a wrong value names the field.
    expect(result.error.message).toBe(
      label === 'an unknown field' ? '请求内容有误，请检查后重试' : '填写的内容有误：互助社，请检查后重试',
    );
  });

  it('logs a refused payload in English, with its path and zod wording; the page sees only Chinese', async () => {
    const lines: string[] = [];
    const log: Logger = {
      info: (message, fields) => lines.push(`${message} ${JSON.stringify(fields)}`),
      error: (message, fields) => lines.push(`${message} ${JSON.stringify(fields)}`),
    };
    const echo = defineFunction('echo', 'test', {
      say: action({
        summary: 'test',
        access: 'anyone',
        payload: z.strictObject({ name: z.string().check(z.maxLength(3)), count: z.number() }),
        errors: [],
        handler: async () => null,
      }),
    });
    const result = await dispatch(echo, { action: 'say', name: 'abcd', count: 'two' }, null, { ...backend.ports, log });
    expect(result).toEqual({
      ok: false,
      error: { code: 'BAD_REQUEST', message: '填写的内容有误：姓名或名称，请检查后重试' },
    });
    // zod/mini has no messages of its own ("Invalid input"): dispatch installs zod's English ones.
    expect(lines.join('\n')).toContain(
      'invalid payload: name: Too big: expected string to have <=3 characters; count: Invalid input: expected number, received string',
    );
  });

  it('refuses an event that is not an object', async () => {
    for (const event of [null, 'getPublicPage', [1, 2], 7]) {
      const result = await backend.call('societies', event as never, null);
      expect(result).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    }
  });

  it('ignores the userInfo CloudBase adds to the event', async () => {
    const result = await backend.call(
      'societies',
      { action: 'getPublicPage', societyId: 'soc-wangjia', userInfo: { appId: 'wx1', openId: 'demo-county' } },
      null,
    );
    expect(result.ok).toBe(true);
  });

  it('tells an anonymous caller to identify and a known one without the role that it is forbidden', async () => {
    expect(await backend.call('societies', { action: 'list' }, null)).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHENTICATED' },
    });
    expect(await backend.call('societies', { action: 'list' }, 'demo-president')).toEqual({
      ok: false,
      error: { code: 'FORBIDDEN', message: '您没有权限进行此操作' },
    });
  });

  it('an action that ignores the caller (a public page) does not read the user: the handler gets an unknown caller', async () => {
    const seen = defineFunction('seen', 'test', {
      open: action({
        summary: 'test',
        access: 'anyone',
        ignoresCaller: true,
        payload: z.strictObject({}),
        errors: [],
        handler: async (ctx) => ({
          openid: ctx.caller.openid,
          user: ctx.caller.user,
          grants: ctx.caller.grants.length,
        }),
      }),
      // Only an action open to anyone may skip it: a role check still reads who calls.
      guarded: action({
        summary: 'test',
        access: ['county'],
        ignoresCaller: true,
        payload: z.strictObject({}),
        errors: [],
        handler: async () => 'in',
      }),
    });
    const counting = new CountingStore(backend.ports.store);
    counting.trace = [];
    const ports = { ...backend.ports, store: counting };
    expect(await dispatch(seen, { action: 'open' }, 'demo-county', ports)).toEqual({
      ok: true,
      data: { openid: 'demo-county', user: null, grants: 0 },
    });
    expect(counting.trace).toEqual([]);
    expect(await dispatch(seen, { action: 'guarded' }, 'demo-county', ports)).toEqual({ ok: true, data: 'in' });
    expect(await dispatch(seen, { action: 'guarded' }, 'demo-president', ports)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
  });

  it.each([
    ['notices', { action: 'publicPage', societyId: 'soc-wangjia' }],
    ['societies', { action: 'getPublicPage', societyId: 'soc-wangjia' }],
  ])('R-OVS-3: a public page (%s) answers the same to anyone, known or not, officer or not', async (fn, event) => {
    const page = (openid: string | null) => backend.call(fn, event, openid);
    const anonymous = await page(null);
    expect(anonymous.ok).toBe(true);
    for (const openid of ['demo-resident', 'demo-secretary', 'demo-county', 'somebody-new']) {
      expect(await page(openid)).toEqual(anonymous);
    }
  });

  it('turns a crash inside a use case into INTERNAL, logs it in English, and writes nothing', async () => {
    const lines: string[] = [];
    const log: Logger = {
      info: () => undefined,
      error: (message, fields) => lines.push(`${message} ${JSON.stringify(fields)}`),
    };
    const broken = defineFunction('broken', 'test', {
      explode: action({
        summary: 'test',
        access: 'anyone',
        payload: z.strictObject({}),
        errors: [],
        handler: async (ctx) =>
          ctx.store.transaction(async (tx) => {
            await tx.insert(COLLECTIONS.meta, { _id: 'half-written', value: 1, updatedAt: 'now' });
            throw new TypeError('boom');
          }),
      }),
    });
    const result = await dispatch(broken, { action: 'explode' }, null, { ...backend.ports, log });
    expect(result).toEqual({ ok: false, error: { code: 'INTERNAL', message: '系统繁忙，请稍后再试' } });
    expect(lines.join('\n')).toContain('TypeError: boom');
    expect(await backend.ports.store.get(COLLECTIONS.meta, 'half-written')).toBeNull();
  });
});
