/**
 * The authorization matrix (issue 15), generated from the action definitions: every action of
 * every function × every kind of caller (no caller, a stranger, each demo role) × the caller's own
 * society (王家村, 青石镇) and another (石桥社区, 河口乡). Payloads are plausible (built from the
 * schema) so the call reaches the access checks, not the validation.
 *
 * What must hold:
 * - a caller holding none of the action's roles is refused (FORBIDDEN, or UNAUTHENTICATED without
 *   a caller), and an action for known users refuses a caller without a user record;
 * - a caller whose roles are bound to 王家村 or 青石镇 is refused for 石桥社区's society;
 * - every refusal commits nothing to the store;
 * - nothing answers INTERNAL.
 * Case-scoped actions against another society's case are covered in test/cases (their ids only
 * exist there); here they meet ids that exist nowhere, which must be refused all the same.
 */
import { createTestBackend, type TestBackend } from '../support/test-backend';
import { FUNCTIONS } from '../../server/functions';
import { OPENID_OF_ROLE, plausiblePayload } from '../support/payloads';
import { COLLECTIONS, type MembershipDoc, type UserDoc } from '../../server/collections';
import type { Role } from '../../miniprogram/domain/society';

jest.setTimeout(240_000);

const OWN_SOCIETY = 'soc-wangjia';
const OTHER_SOCIETY = 'soc-shiqiao';
/** Roles whose grants cover every society of the county. */
const COUNTY_WIDE: readonly Role[] = ['county', 'federation'];

interface Target {
  label: string;
  ids: Record<string, unknown>;
}
const TARGETS: readonly Target[] = [
  { label: 'own society', ids: { societyId: OWN_SOCIETY, caseId: 'demo-case-04' } },
  { label: 'other society', ids: { societyId: OTHER_SOCIETY, caseId: 'case-nowhere-0001' } },
];

interface CallerKind {
  label: string;
  openid: string | null;
  roles: readonly Role[];
}

let backend: TestBackend;
const callers: CallerKind[] = [
  { label: 'no caller', openid: null, roles: [] },
  { label: 'stranger', openid: 'matrix-stranger', roles: [] },
];

beforeAll(async () => {
  backend = await createTestBackend();
  const { store } = backend.ports;
  for (const openid of new Set(Object.values(OPENID_OF_ROLE).filter((id): id is string => id !== undefined))) {
    const [user] = await store.find<UserDoc>(COLLECTIONS.users, { where: { openid }, limit: 1 });
    const grants = user
      ? await store.find<MembershipDoc>(COLLECTIONS.memberships, { where: { userId: user._id, revokedAt: null } })
      : [];
    callers.push({ label: openid, openid, roles: grants.map((grant) => grant.role) });
  }
});
afterAll(() => backend.close());

interface Finding {
  where: string;
  what: string;
}

describe('authorization matrix: action × caller × society', () => {
  it('knows every demo role', () => {
    expect(callers.map((caller) => caller.roles.length > 0)).toEqual([
      false,
      false,
      ...Object.keys(OPENID_OF_ROLE).map(() => true),
    ]);
  });

  it.each(Object.keys(FUNCTIONS))('%s: denials refuse and write nothing', async (fnName) => {
    const fn = FUNCTIONS[fnName]!;
    const findings: Finding[] = [];
    let denials = 0;
    for (const [name, definition] of Object.entries(fn.actions)) {
      for (const target of TARGETS) {
        const payload = plausiblePayload(definition.payload, target.ids);
        if (!definition.payload.safeParse(payload).success) {
          findings.push({ where: `${fnName}.${name}`, what: 'no plausible payload: the matrix cannot reach it' });
          continue;
        }
        for (const caller of callers) {
          const where = `${fnName}.${name} as ${caller.label} on ${target.label}`;
          const access = definition.access;
          const holds = Array.isArray(access) ? caller.roles.some((role) => access.includes(role)) : true;
          // 'known' needs a user record: the two callers without a role have none.
          const mustRefuseRole = access === 'anyone' ? false : access === 'known' ? caller.roles.length === 0 : !holds;
          const boundElsewhere =
            target.label === 'other society' &&
            'societyId' in payload &&
            Array.isArray(access) &&
            holds &&
            !caller.roles.some((role) => access.includes(role) && COUNTY_WIDE.includes(role));
          const mark = backend.ports.store.commitMark();
          const answer = await backend.call(fnName, { action: name, ...payload }, caller.openid);
          const wrote = backend.ports.store.commitMark() !== mark;
          if (!answer.ok && answer.error.code === 'INTERNAL') findings.push({ where, what: 'INTERNAL' });
          if (!answer.ok && wrote) findings.push({ where, what: `refused (${answer.error.code}) but wrote` });
          if (mustRefuseRole) {
            denials += 1;
            if (answer.ok) findings.push({ where, what: 'a caller without the role was served' });
            else if (answer.error.code !== 'FORBIDDEN' && answer.error.code !== 'UNAUTHENTICATED') {
              findings.push({ where, what: `refused with ${answer.error.code}, not FORBIDDEN/UNAUTHENTICATED` });
            }
          } else if (boundElsewhere) {
            denials += 1;
            if (answer.ok) findings.push({ where, what: 'served for another society' });
          }
        }
      }
    }
    expect(denials).toBeGreaterThan(0);
    expect(findings).toEqual([]);
  });
});
