// Export writes every object of a pack with its keys in the order rules/pack.schema.json lists
// them (so a re-exported pack diffs cleanly and a compared rule does not depend on where it was
// stored), and loses nothing.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packJson } from '../../../src/engine';
import type { PackSpec } from '../../../src/engine/types';
import { packFiles, root } from './support';

type Schema = { properties?: Record<string, Schema>; additionalProperties?: Schema; definitions?: Record<string, Schema>; oneOf?: Schema[] };
const schema = JSON.parse(readFileSync(join(root, 'rules', 'pack.schema.json'), 'utf8')) as Schema;
const defs = schema.definitions!;
const order = (s: Schema | undefined) => Object.keys(s?.properties ?? {});
const ORDER = {
  pack: order(schema),
  category: order(schema.properties!.categories.additionalProperties),
  rule: order(defs.rule),
  customer: order(defs.rule.properties!.customer),
  examples: order(defs.rule.properties!.examples),
  contextExample: order(defs.contextExample),
  transform: order(defs.suggestion.oneOf!.find((s) => s.properties)),
  clause: order(defs.rule.properties!.clause),
};

/** Every key is one the schema lists there, and they come in the schema's order. */
function expectSchemaOrder(value: object, keys: string[], where: string) {
  const actual = Object.keys(value);
  expect({ where, keys: actual }).toEqual({ where, keys: keys.filter((k) => actual.includes(k)) });
}

/** The same value with every object's keys sorted: what a browser's storage hands back. */
const sortedKeys = (v: unknown): unknown =>
  Array.isArray(v) ? v.map(sortedKeys) : v && typeof v === 'object' ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, sortedKeys((v as Record<string, unknown>)[k])])) : v;

const packs = packFiles().map((file) => [file, JSON.parse(readFileSync(join(root, 'rules', file), 'utf8')) as PackSpec] as const);

test('the schema lists the fields the export orders by', () => {
  expect(ORDER.rule).toEqual(expect.arrayContaining(['id', 'category', 'severity', 'phrases', 'clause', 'customer', 'unlessDraft', 'at', 'check', 'message', 'examples']));
  expect(ORDER.customer).toEqual(expect.arrayContaining(['phrases', 'regex', 'unless']));
  expect(ORDER.contextExample).toEqual(['customer', 'customerName', 'text']);
});

test.each(packs)('%s exports with every key in the schema’s order, nothing lost, whatever order it came in', (file, pack) => {
  const text = packJson(pack);
  const exported = JSON.parse(text) as Record<string, unknown> & { rules: Record<string, unknown>[]; categories?: Record<string, object> };
  expect(exported).toEqual(pack);
  expect(packJson(sortedKeys(pack) as PackSpec)).toBe(text);
  expectSchemaOrder(exported, ORDER.pack, file);
  for (const style of Object.values(exported.categories ?? {})) expectSchemaOrder(style, ORDER.category, `${file} categories`);
  for (const rule of exported.rules) {
    const where = `${file} ${String(rule.id)}`;
    expectSchemaOrder(rule, ORDER.rule, where);
    if (rule.clause) expectSchemaOrder(rule.clause as object, ORDER.clause, `${where} clause`);
    if (rule.customer) expectSchemaOrder(rule.customer as object, ORDER.customer, `${where} customer`);
    const examples = rule.examples as { flag: unknown[]; pass: unknown[] };
    expectSchemaOrder(examples, ORDER.examples, `${where} examples`);
    for (const e of [...examples.flag, ...examples.pass]) if (typeof e === 'object') expectSchemaOrder(e as object, ORDER.contextExample, `${where} example`);
    for (const s of (rule.suggestions as unknown[] | undefined) ?? []) if (typeof s === 'object') expectSchemaOrder(s as object, ORDER.transform, `${where} suggestion`);
  }
});

test('the built-in packs include a context rule, a clause rule and a transform suggestion, so the order of each is checked', () => {
  const rules = packs.flatMap(([, p]) => p.rules);
  expect(rules.some((r) => r.customer && r.check && r.at)).toBe(true);
  expect(rules.some((r) => r.clause)).toBe(true);
  expect(rules.some((r) => r.suggestions?.some((s) => typeof s === 'object' && s.args))).toBe(true);
});
