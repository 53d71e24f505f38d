/**
 * Payload fuzzing of every action of every cloud function (issue 15), through the real dispatch
 * over the seeded demo county. Each action gets hostile payloads: database operator objects,
 * prototype keys, huge strings, wrong types, impossible dates, one field at a time on top of a
 * plausible payload built from its schema, plus the same at the top level. Whatever comes in:
 * - the answer is never INTERNAL (a crash the caller cannot act on);
 * - what the schema refuses is refused and commits nothing to the store (its commit mark does
 *   not move); what it takes (a date-like text is a fine id) is a real request and may be done;
 * - Object.prototype is untouched.
 * The action list is read from the definitions, so a new action is fuzzed without a new test.
 */
import { createTestBackend, type TestBackend } from '../support/test-backend';
import { FUNCTIONS } from '../../server/functions';
import { callerFor, plausiblePayload } from '../support/payloads';

jest.setTimeout(240_000);

const HOSTILE_VALUES: ReadonlyArray<readonly [string, unknown]> = [
  ['operator $ne', { $ne: null }],
  ['operator $gt', { $gt: '' }],
  ['operator $regex', { $regex: '.*' }],
  ['prototype key', JSON.parse('{"__proto__":{"polluted":true}}')],
  ['constructor key', { constructor: { prototype: { polluted: true } } }],
  ['huge string', 'x'.repeat(200_000)],
  ['string of NULs', '\u0000'.repeat(64)],
  ['huge number', 1e308],
  ['negative', -1],
  ['fraction', 0.5],
  ['NaN', Number.NaN],
  ['boolean', true],
  ['null', null],
  ['array', ['a', { $ne: null }]],
  ['month 13', '2026-13-01'],
  ['30 February', '2026-02-30'],
  ['year 0000', '0000-01-01'],
  ['year 9999 half', '9999-H2'],
  ['far timestamp', '+275760-09-13T00:00:00.000Z'],
];

const TOP_LEVEL: ReadonlyArray<readonly [string, Record<string, unknown>]> = [
  ['operator key', { $where: 'sleep(1000)' }],
  ['prototype key', JSON.parse('{"__proto__":{"polluted":true}}') as Record<string, unknown>],
  ['constructor key', { constructor: { prototype: { polluted: true } } }],
  ['unknown key', { zzUnknownField: 1 }],
];

interface Finding {
  where: string;
  what: string;
}

let backend: TestBackend;
beforeAll(async () => {
  backend = await createTestBackend();
});
afterAll(() => backend.close());

const actions = Object.values(FUNCTIONS).flatMap((fn) =>
  Object.entries(fn.actions).map(([name, definition]) => ({ fn: fn.name, name, definition })),
);

describe('payload fuzzing: every action refuses hostile input cleanly and writes nothing', () => {
  it('covers every action of every function', () => {
    expect(actions.length).toBeGreaterThan(60);
  });

  it.each(Object.keys(FUNCTIONS))('%s: 0 INTERNAL, 0 writes, no prototype pollution', async (fnName) => {
    const findings: Finding[] = [];
    let calls = 0;
    for (const { name, definition } of actions.filter((entry) => entry.fn === fnName)) {
      const base = plausiblePayload(definition.payload);
      const properties = Object.keys(base);
      const openid = callerFor(definition.access);
      const cases: Array<[string, Record<string, unknown>]> = [];
      for (const property of properties) {
        for (const [label, value] of HOSTILE_VALUES) {
          cases.push([`${property} = ${label}`, { ...base, [property]: value }]);
        }
      }
      for (const [label, extra] of TOP_LEVEL) cases.push([label, { ...base, ...extra }]);
      cases.push(['action as a number', { ...base, action: 42 }]);
      for (const [label, payload] of cases) {
        const event = { action: name, ...payload };
        if (label === 'action as a number') event.action = 42 as unknown as string;
        const mark = backend.ports.store.commitMark();
        const answer = await backend.call(fnName, event, openid);
        calls += 1;
        const where = `${fnName}.${name} [${label}]`;
        if (!answer.ok && answer.error.code === 'INTERNAL') findings.push({ where, what: 'INTERNAL' });
        // A value the schema takes (a date-like text is a fine id) is a real request: it may be done.
        // Anything the schema refuses must be refused, and write nothing.
        const valid = typeof event.action === 'string' && definition.payload.safeParse(payload).success;
        if (!valid) {
          if (answer.ok) findings.push({ where, what: 'accepted' });
          if (backend.ports.store.commitMark() !== mark) findings.push({ where, what: 'wrote to the store' });
        }
        if (({} as Record<string, unknown>).polluted !== undefined) {
          findings.push({ where, what: 'polluted Object.prototype' });
          delete (Object.prototype as Record<string, unknown>).polluted;
        }
      }
    }
    expect(calls).toBeGreaterThan(0);
    expect(findings).toEqual([]);
  });
});
