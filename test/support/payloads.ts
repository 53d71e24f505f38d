/**
 * Payloads built from an action's schema, for the suites that go over every action (fuzzing,
 * the authorization matrix): a plausible value for each field, ids pointing at the demo county.
 */
import * as z from 'zod/mini';
import type { Access } from '../../server/api/define';
import type { Role } from '../../miniprogram/domain/society';
import { makeIdNumber } from '../../miniprogram/domain/id-number';

interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  minItems?: number;
  minLength?: number;
  enum?: unknown[];
  const?: unknown;
  pattern?: string;
  minimum?: number;
  exclusiveMinimum?: number;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
}

/** The demo county's caller of each role; a role the demo has no one in is missing. */
export const OPENID_OF_ROLE: Partial<Record<Role, string>> = {
  applicant: 'demo-applicant',
  resident: 'demo-resident',
  donor: 'demo-donor',
  member: 'demo-member',
  secretary: 'demo-secretary',
  president: 'demo-president',
  supervisor: 'demo-supervisor',
  township: 'demo-township',
  county: 'demo-county',
  federation: 'demo-federation',
};

/** The caller the action is for: the first role it names, or a resident. */
export function callerFor(access: Access): string {
  if (access === 'anyone' || access === 'known') return 'demo-resident';
  return access.map((role) => OPENID_OF_ROLE[role]).find((openid) => openid !== undefined) ?? 'demo-resident';
}

/** Texts tried, in order, against a field's pattern: the first that matches is its value. */
const PATTERN_CANDIDATES = [
  '2026-12-01',
  '2026-11',
  '2026-H2',
  '2026-11-30T10:00:00+08:00',
  'local:cases/fuzz-photo.jpg',
  '13800138000',
  'fuzz-request-0001',
  'ABCD-EFGH',
  'qxlh-099',
  'abc123',
  '110101',
  '0123456789abcdef0123',
  'soc-wangjia',
];

/** A value of the right shape for a property, so the other fields do not hide the one under test. */
function plausible(schema: JsonSchema, name: string): unknown {
  if (schema.const !== undefined) return schema.const;
  if (schema.enum && schema.enum.length > 0) return schema.enum[0];
  const options = schema.anyOf ?? schema.oneOf;
  if (options && options.length > 0) {
    return plausible(options.find((option) => option.type !== 'null') ?? options[0]!, name);
  }
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'string': {
      // What the field's name suggests first, then texts of known shapes; the first its pattern takes.
      const preferred: string[] = [];
      if (name === 'idNumber') preferred.push(makeIdNumber({ birthDate: '1970-05-01', sequence: 901 }));
      if (/requestId|entryId/.test(name)) preferred.push('fuzz-request-0001');
      if (/societyId/.test(name)) preferred.push('soc-wangjia');
      if (/Id$/.test(name)) preferred.push('fuzz-id-0001');
      const candidates = [...preferred, ...PATTERN_CANDIDATES, '测试'];
      const pattern = schema.pattern ? new RegExp(schema.pattern) : null;
      const text = (pattern ? candidates.find((candidate) => pattern.test(candidate)) : preferred[0]) ?? '测试';
      return text.length < (schema.minLength ?? 0) ? text.padEnd(schema.minLength!, '测') : text;
    }
    case 'integer':
    case 'number':
      return Math.max(1, schema.minimum ?? 1, (schema.exclusiveMinimum ?? 0) + 1);
    case 'boolean':
      return false;
    case 'array':
      return Array.from({ length: schema.minItems ?? 0 }, () => (schema.items ? plausible(schema.items, name) : null));
    case 'object':
      return Object.fromEntries(
        Object.entries(schema.properties ?? {}).map(([property, inner]) => [property, plausible(inner, property)]),
      );
    default:
      return null;
  }
}

/** Every field of the payload's schema with a plausible value; `ids` overrides by field name. */
export function plausiblePayload(payload: z.ZodMiniType, ids: Record<string, unknown> = {}): Record<string, unknown> {
  const schema = z.toJSONSchema(payload, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  return Object.fromEntries(
    Object.entries(schema.properties ?? {}).map(([name, property]) => [
      name,
      name in ids ? ids[name] : plausible(property, name),
    ]),
  );
}
