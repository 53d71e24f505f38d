/** server/api/field-labels.ts: every field a payload can carry has a Chinese name for the page. */
import * as z from 'zod/mini';
import { FUNCTIONS } from '../../server/functions';
import { FIELD_LABELS, fieldLabelOf } from '../../server/api/field-labels';

interface JsonSchema {
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema | JsonSchema[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  additionalProperties?: JsonSchema | boolean;
}

/** Every property name at any depth of a JSON schema. */
function fieldNames(schema: JsonSchema, found = new Set<string>()): Set<string> {
  for (const [name, property] of Object.entries(schema.properties ?? {})) {
    found.add(name);
    fieldNames(property, found);
  }
  const items = Array.isArray(schema.items) ? schema.items : schema.items ? [schema.items] : [];
  for (const nested of [...items, ...(schema.anyOf ?? []), ...(schema.oneOf ?? []), ...(schema.allOf ?? [])]) {
    fieldNames(nested, found);
  }
  if (schema.additionalProperties && typeof schema.additionalProperties === 'object') {
    fieldNames(schema.additionalProperties, found);
  }
  return found;
}

const actions = Object.values(FUNCTIONS).flatMap((fn) =>
  Object.entries(fn.actions).map(([name, definition]) => [`${fn.name}.${name}`, definition.payload] as const),
);

describe('field labels', () => {
  it.each(actions)('%s: every payload field has a Chinese label', (_name, payload) => {
    const schema = z.toJSONSchema(payload, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
    const unlabelled = [...fieldNames(schema)].filter(
      (name) => !Object.prototype.hasOwnProperty.call(FIELD_LABELS, name),
    );
    expect(unlabelled).toEqual([]);
  });

  it('every label is Chinese with no English', () => {
    for (const label of Object.values(FIELD_LABELS)) expect(label).toMatch(/^[^A-Za-z]*[\u4e00-\u9fa5][^A-Za-z]*$/);
  });

  it('names the innermost field of a path, skipping list positions; unknown names get none', () => {
    expect(fieldLabelOf(['opinion', 'amountFen'])).toBe('金额');
    expect(fieldLabelOf(['visitors', 0])).toBe('核查人');
    expect(fieldLabelOf(['tiers', 'emergency', 2, 'label'])).toBe('档次名称');
    expect(fieldLabelOf(['constructor'])).toBeNull();
    expect(fieldLabelOf([])).toBeNull();
  });
});
