// A pack written out as JSON in one fixed key order, the order in which the pack schema
// (src/engine/schema.ts → rules/pack.schema.json) lists each object's properties, whatever order
// its objects came in: browsers' storage hands objects back with their keys sorted, so without this
// an exported pack and a compared rule would depend on where the pack had been. The order is read
// from the schema, down to a clause frame or a context example, so a field or a rule kind added
// there is placed where the schema puts it.
import { packSchema } from './schema';
import type { PackSpec, RuleSpec } from './types';

interface SchemaNode {
  $ref?: string;
  properties?: Record<string, SchemaNode>;
  additionalProperties?: SchemaNode | boolean;
  items?: SchemaNode;
  oneOf?: SchemaNode[];
  anyOf?: SchemaNode[];
  allOf?: SchemaNode[];
}

const PACK_SCHEMA = packSchema() as unknown as SchemaNode & { definitions: Record<string, SchemaNode> };

const resolve = (node: SchemaNode): SchemaNode => (node.$ref ? PACK_SCHEMA.definitions[node.$ref.replace('#/definitions/', '')] : node);

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The part of `node` that describes an object (its properties, or the schema of a map's values), if any. */
function objectSchema(node: SchemaNode): SchemaNode | undefined {
  const n = resolve(node);
  if (n.properties || isObject(n.additionalProperties)) return n;
  for (const branch of [...(n.oneOf ?? []), ...(n.anyOf ?? []), ...(n.allOf ?? [])]) {
    const found = objectSchema(branch);
    if (found) return found;
  }
  return undefined;
}

/** The part of `node` that describes a list's items, if any. */
function itemsSchema(node: SchemaNode): SchemaNode | undefined {
  const n = resolve(node);
  if (n.items) return n.items;
  for (const branch of [...(n.oneOf ?? []), ...(n.anyOf ?? []), ...(n.allOf ?? [])]) {
    const found = itemsSchema(branch);
    if (found) return found;
  }
  return undefined;
}

/**
 * `value` with every object's keys in the order its schema lists them; a map's keys (category
 * names, transform arguments) and keys the schema does not know (only in a pack the validator
 * refuses) sorted, after the known ones. Values are kept as they are.
 */
function ordered(value: unknown, node: SchemaNode | undefined): unknown {
  if (Array.isArray(value)) {
    const items = node && itemsSchema(node);
    return value.map((v) => ordered(v, items));
  }
  if (!isObject(value)) return value;
  const object = node && objectSchema(node);
  const properties = object?.properties ?? {};
  const known = Object.keys(properties).filter((k) => Object.hasOwn(value, k));
  const rest = Object.keys(value)
    .filter((k) => !Object.hasOwn(properties, k))
    .sort();
  const out: Record<string, unknown> = {};
  for (const key of [...known, ...rest]) {
    if (value[key] === undefined) continue;
    const child = Object.hasOwn(properties, key) ? properties[key] : isObject(object?.additionalProperties) ? object.additionalProperties : undefined;
    out[key] = ordered(value[key], child);
  }
  return out;
}

/** The rule with its keys (and those of its matcher, condition, suggestions and examples) in the schema's order. */
export const canonicalRule = (rule: RuleSpec): Record<string, unknown> => ordered(rule, PACK_SCHEMA.definitions.rule) as Record<string, unknown>;

/** The pack with every object's keys in the schema's order; category names sorted. */
export const canonicalPack = (pack: PackSpec & { $schema?: string }): Record<string, unknown> => ordered(pack, PACK_SCHEMA) as Record<string, unknown>;

/** The pack file's text: two-space indented, keys in the schema's order, ending in a newline. */
export const packJson = (pack: PackSpec): string => `${JSON.stringify(canonicalPack(pack), null, 2)}\n`;
