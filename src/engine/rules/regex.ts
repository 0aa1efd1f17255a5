// Rule kind `regex`: RE2 syntax run by re2js, which works in linear time. A pattern re2js cannot
// compile is refused (never run on the backtracking RegExp). Case-insensitive unless the pattern
// starts with (?-i). Captures: $1... and named groups (?<name>...) / (?P<name>...).
import { RE2JS } from 're2js';
import { LIMITS } from '../limits';
import { requiredSubstrings } from '../regex-literals';
import { catastrophicRegexProblem } from '../regex-safety';
import type { Matcher, MatcherResult, RawMatch, Sentence } from '../sentence';
import { validateSource, type RuleKindDefinition } from './kind';

export function compileRegex(source: string): MatcherResult {
  if (source === '') return { ok: false, message: 'is empty' };
  if (source.length > LIMITS.patternLength) return { ok: false, message: `is longer than ${LIMITS.patternLength} characters` };
  let re: RE2JS;
  try {
    re = RE2JS.compile(source, RE2JS.CASE_INSENSITIVE);
  } catch (e) {
    return { ok: false, message: `does not compile: ${e instanceof Error ? e.message : String(e)}` };
  }
  const catastrophic = catastrophicRegexProblem(source);
  if (catastrophic) return { ok: false, message: catastrophic };
  if (re.matcher('').find()) return { ok: false, message: 'can match empty text; a rule must flag at least one character' };

  const groupCount = re.groupCount();
  const named = Object.entries(re.namedGroups() as Record<string, number>);
  const captureNames = new Set<string>([...Array.from({ length: groupCount }, (_, i) => String(i + 1)), ...named.map(([n]) => n)]);
  const substrings = requiredSubstrings(source);
  const matcher: Matcher = {
    triggers: null,
    substrings: substrings.length ? substrings : null,
    captureNames,
    find(sentence: Sentence): RawMatch[] {
      // test() runs re2js's fast automaton without captures; most sentences stop here.
      if (!re.test(sentence.text)) return [];
      const found: RawMatch[] = [];
      const m = re.matcher(sentence.text);
      while (m.find()) {
        if (m.end() === m.start()) continue;
        const captures: Record<string, string> = Object.create(null);
        for (let g = 1; g <= groupCount; g++) captures[String(g)] = m.group(g) ?? '';
        for (const [name, g] of named) captures[name] = m.group(g) ?? '';
        found.push({ start: m.start(), end: m.end(), captures });
        // Another find() would scan the rest with the slow capturing engine even when nothing is
        // left to find; test() on the rest (from one character back, so \b sees its context) is
        // a cheap superset check.
        if (!re.test(sentence.text.slice(m.end() - 1))) break;
      }
      return found;
    },
  };
  return { ok: true, matcher };
}

export const regexKind: RuleKindDefinition<'regex', string> = {
  field: 'regex',
  noun: 'the regex',
  validate: (value, check) => validateSource(value, check, LIMITS.patternLength),
  compile: compileRegex,
  schema: {
    type: 'string',
    minLength: 1,
    maxLength: LIMITS.patternLength,
    description: 'RE2 syntax, case-insensitive unless it starts with (?-i). No nested unbounded repetition.',
  },
};
