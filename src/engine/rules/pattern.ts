// Rule kind `pattern`: compromise match syntax (https://observablehq.com/@spencermountain/compromise-match-syntax):
// tags (#Verb), optional words (word?), alternatives ((a|b)), captures ([...] numbered from $1,
// [<name> ...] named), and contractions ("can't" matches "can not"). Patterns are parsed once.
import nlp from 'compromise';
import { LIMITS } from '../limits';
import type { DocJson, Matcher, MatcherResult, RawMatch, Sentence } from '../sentence';
import { IMPLIED_WORDS } from '../contractions';
import { foldWord } from '../text';
import { validateSource, type RuleKindDefinition } from './kind';

type ParsedTerm = {
  word?: string;
  fastOr?: Set<string>;
  choices?: ParsedTerm[][];
  optional?: boolean;
  negative?: boolean;
  greedy?: boolean;
  group?: string;
  regex?: unknown;
  tag?: string;
  root?: string;
  fuzzy?: boolean;
  anything?: boolean;
  method?: string;
  chunk?: string;
};

const TAGS = new Set(Object.keys((nlp.model() as { one: { tagSet: Record<string, unknown> } }).one.tagSet));

function checkBrackets(pattern: string): string | null {
  const closers: Record<string, string> = { '(': ')', '[': ']', '{': '}' };
  const stack: string[] = [];
  let inRegex = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (c === '/') inRegex = !inRegex;
    if (inRegex) continue;
    if (c in closers) stack.push(closers[c]);
    else if (c === ')' || c === ']' || c === '}') {
      if (stack.pop() !== c) return `has an unmatched "${c}" at position ${i + 1}`;
    }
  }
  if (inRegex) return 'has an unterminated /regex/';
  if (stack.length) return `is missing a closing "${stack[stack.length - 1]}"`;
  return null;
}

/** The words one term requires (any one of), or null when the term cannot serve as a pre-check. */
function termTrigger(term: ParsedTerm): string[] | null {
  if (term.optional || term.negative) return null;
  let words: string[] | null = null;
  if (term.word !== undefined && !term.fuzzy && !term.regex && !term.tag && !term.root) words = [term.word];
  else if (term.fastOr) words = [...term.fastOr];
  else if (term.choices) {
    // Each alternative contributes one of its required words ("am unable to" → unable).
    words = [];
    for (const alternative of term.choices) {
      const w = alternative.map(termTrigger).find((t) => t !== null);
      if (!w) return null;
      words.push(...w);
    }
    return words;
  }
  if (!words || words.length === 0) return null;
  const folded = words.map(foldWord);
  // Only plain a-z words: compromise normalises other letters its own way (ø → o, ß → b).
  return folded.some((w) => IMPLIED_WORDS.has(w) || !/^[a-z0-9]+$/.test(w)) ? null : folded;
}

// Words the tokenizer alone does not produce: "'s" and "'d" are resolved (is/has/us, would/had/did)
// only with tags, so a pattern naming them needs the full parse.
const TAGGER_WORDS = new Set([...IMPLIED_WORDS].filter((w) => !['not', 'will', 'have', 'are', 'am'].includes(w)));

/** Whether a term needs part-of-speech tagging, rather than the (much cheaper) tokenizer alone. */
function needsTagger(term: ParsedTerm): boolean {
  if (term.tag !== undefined || term.root !== undefined || term.method !== undefined || term.chunk !== undefined || term.regex !== undefined) return true;
  const words = [...(term.word !== undefined ? [term.word] : []), ...(term.fastOr ?? [])].map(foldWord);
  if (words.some((w) => TAGGER_WORDS.has(w))) return true;
  return (term.choices ?? []).some((alternative) => alternative.some(needsTagger));
}

/**
 * The pattern with every term that needs tags made a wildcard ("#Adverb?" → ".?", "!#Verb" → "."):
 * it matches wherever the pattern does, on the tokens alone, so a sentence it misses is never tagged.
 * null when the pattern names a word only the tagger makes ("'d" → would): the tokens keep "we'd"
 * whole, and a wildcard would not stand in for it.
 */
function relaxed(terms: ParsedTerm[]): ParsedTerm[] | null {
  const out: ParsedTerm[] = [];
  for (const term of terms) {
    const words = [...(term.word !== undefined ? [term.word] : []), ...(term.fastOr ?? [])].map(foldWord);
    if (words.some((w) => TAGGER_WORDS.has(w))) return null;
    if (term.tag !== undefined || term.root !== undefined || term.method !== undefined || term.chunk !== undefined || term.regex !== undefined) {
      // Repetition, optionality and anchors stay; what the term asks of a word goes.
      const { tag, root, method, chunk, regex, negative, word, fastOr, ...rest } = term;
      out.push({ ...rest, anything: true });
      continue;
    }
    if (term.choices) {
      const choices: ParsedTerm[][] = [];
      for (const alternative of term.choices) {
        const r = relaxed(alternative);
        if (!r) return null;
        choices.push(r);
      }
      out.push({ ...term, choices });
      continue;
    }
    out.push(term);
  }
  return out;
}

function checkTerms(terms: ParsedTerm[]): string | null {
  for (const t of terms) {
    if (t.word !== undefined && /[()[\]{}|<>]/.test(t.word)) return `cannot be parsed near "${t.word}"`;
    if (t.tag !== undefined && !TAGS.has(t.tag)) return `uses the unknown tag #${t.tag}`;
    if (t.group !== undefined && !/^(?:\d+|[A-Za-z_][A-Za-z0-9_]*)$/.test(t.group)) return `has a bad capture name "${t.group}"`;
    for (const alternative of t.choices ?? []) {
      const problem = checkTerms(alternative);
      if (problem) return problem;
    }
  }
  return null;
}

export function compilePattern(pattern: string): MatcherResult {
  if (pattern.trim() === '') return { ok: false, message: 'is empty' };
  if (pattern.length > LIMITS.patternLength) return { ok: false, message: `is longer than ${LIMITS.patternLength} characters` };
  const bracketProblem = checkBrackets(pattern);
  if (bracketProblem) return { ok: false, message: bracketProblem };
  let parsed: ParsedTerm[];
  try {
    parsed = nlp.parseMatch(pattern) as ParsedTerm[];
  } catch (e) {
    return { ok: false, message: `cannot be parsed: ${e instanceof Error ? e.message : String(e)}` };
  }
  if (parsed.length === 0) return { ok: false, message: 'has no terms' };
  const termProblem = checkTerms(parsed);
  if (termProblem) return { ok: false, message: termProblem };
  if (parsed.every((t) => t.optional)) return { ok: false, message: 'only has optional terms, so it could match nothing' };

  // compromise numbers unnamed captures from 0; templates count from $1 as regular expressions do.
  const captureName = (group: string) => (/^\d+$/.test(group) ? String(Number(group) + 1) : group);
  const captureNames = new Set(parsed.filter((t) => t.group !== undefined).map((t) => captureName(t.group!)));
  const triggers = parsed.map(termTrigger).filter((t): t is string[] => t !== null);
  const needsTags = parsed.some(needsTagger);
  const precheck = needsTags ? relaxed(parsed) : null;

  const matcher: Matcher = {
    triggers: triggers.length ? triggers : null,
    substrings: null,
    captureNames,
    find(sentence: Sentence): RawMatch[] {
      // Tagging costs ~1 ms a sentence; the tokens alone say most sentences cannot match.
      if (precheck && !sentence.tokens.match(precheck as never).found) return [];
      const view = (needsTags ? sentence.doc : sentence.tokens).match(parsed as never);
      if (!view.found) return [];
      const spanOf = (terms: DocJson['terms']) => {
        let start = Infinity;
        let end = -Infinity;
        for (const t of terms) {
          const s = t.text ? t.offset.start : sentence.wordStartEndingAt(t.offset.start);
          start = Math.min(start, s);
          end = Math.max(end, t.offset.start + t.text.length);
        }
        return { start, end };
      };
      const matches: RawMatch[] = (view.json({ offset: true }) as DocJson[]).map((m) => ({ ...spanOf(m.terms), captures: Object.create(null) as Record<string, string> }));
      if (captureNames.size) {
        for (const [group, groupView] of Object.entries(view.groups() as Record<string, typeof view>)) {
          for (const occurrence of groupView.json({ offset: true }) as DocJson[]) {
            const span = spanOf(occurrence.terms);
            const owner = matches.find((m) => m.start <= span.start && span.end <= m.end);
            if (owner) owner.captures[captureName(group)] ??= sentence.text.slice(span.start, span.end);
          }
        }
      }
      return matches.filter((m) => m.end > m.start);
    },
  };
  return { ok: true, matcher };
}

export const patternKind: RuleKindDefinition<'pattern', string> = {
  field: 'pattern',
  noun: 'the pattern',
  validate: (value, check) => validateSource(value, check, LIMITS.patternLength),
  compile: compilePattern,
  warning: (matcher) => (matcher.triggers ? undefined : 'has no required literal word, so it is parsed on every sentence (slower)'),
  schema: { type: 'string', minLength: 1, maxLength: LIMITS.patternLength, description: 'compromise match syntax, e.g. "(we|i) (cannot|can\'t) #Verb".' },
};
