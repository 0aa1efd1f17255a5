// `unless` entries (a rule's exceptions, and a context rule's `unless` lists): an entry of plain
// words is matched as a phrase (fast, no parse needed); anything with pattern syntax (#Tag, (a|b),
// optional?) is a compromise pattern; an object is one rule kind's field ({"clause": {...}}), so an
// exception is written the same way as a rule.
import { compilePattern } from './rules/pattern';
import { compilePhrases } from './rules/phrases';
import { RULE_KINDS, type RuleKindFields } from './rules';
import type { MatcherResult } from './sentence';

const PLAIN_WORDS = /^[\p{L}\p{N}\s'\u2019\u2018\u02BC-]+$/u;

export function compileException(entry: string | RuleKindFields): MatcherResult {
  if (typeof entry === 'string') return PLAIN_WORDS.test(entry) ? compilePhrases([entry]) : compilePattern(entry);
  // validatePackShape let through only objects with exactly one kind's field.
  const kind = RULE_KINDS.find((k) => entry[k.field] !== undefined)!;
  const result = (kind.compile as (value: unknown) => MatcherResult)(entry[kind.field]);
  return result.ok ? result : { ok: false, message: `${kind.noun} ${result.message}` };
}
