// A pack written out as JSON in one fixed key order (the order of rules/pack.schema.json), whatever
// order its object came in: browsers' storage hands objects back with their keys sorted, so without
// this an exported pack and a compared rule would depend on where the pack had been.
import type { PackSpec, RuleSpec, SuggestionSpec } from './types';

const PACK_KEYS = ['$schema', 'id', 'name', 'version', 'language', 'description', 'categories', 'rules'] as const;
const RULE_KEYS = ['id', 'category', 'severity', 'phrases', 'pattern', 'regex', 'unless', 'message', 'explanation', 'suggestions', 'examples'] as const;

/** A copy of `source` with `keys` first in that order, then any other keys (a rule kind added later) sorted. */
function ordered(source: object, keys: readonly string[], value: (key: string, v: unknown) => unknown = (_k, v) => v): Record<string, unknown> {
  const record = source as Record<string, unknown>;
  const rest = Object.keys(record).filter((k) => !keys.includes(k)).sort();
  const out: Record<string, unknown> = {};
  for (const key of [...keys, ...rest]) if (Object.hasOwn(record, key) && record[key] !== undefined) out[key] = value(key, record[key]);
  return out;
}

const suggestion = (s: SuggestionSpec): SuggestionSpec =>
  typeof s === 'string' ? s : (ordered(s, ['transform', 'args'], (k, v) => (k === 'args' ? ordered(v as object, []) : v)) as SuggestionSpec);

/** The rule with its keys in the schema's order. */
export function canonicalRule(rule: RuleSpec): Record<string, unknown> {
  return ordered(rule, RULE_KEYS, (key, v) => {
    if (key === 'suggestions') return (v as SuggestionSpec[]).map(suggestion);
    if (key === 'examples') return ordered(v as object, ['flag', 'pass']);
    return v;
  });
}

/** The pack with its keys, its categories' and its rules' keys in the schema's order; category names sorted. */
export function canonicalPack(pack: PackSpec & { $schema?: string }): Record<string, unknown> {
  return ordered(pack, PACK_KEYS, (key, v) => {
    if (key === 'rules') return (v as RuleSpec[]).map(canonicalRule);
    if (key === 'categories') return Object.fromEntries(Object.entries(v as object).sort(([a], [b]) => a.localeCompare(b)).map(([name, style]) => [name, ordered(style, ['label', 'colour'])]));
    return v;
  });
}

/** The pack file's text: two-space indented, keys in the schema's order, ending in a newline. */
export const packJson = (pack: PackSpec): string => `${JSON.stringify(canonicalPack(pack), null, 2)}\n`;
