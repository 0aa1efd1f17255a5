// Rule kind `phrases`: literal phrases, case-insensitive and word-bounded, tolerant of curly
// apostrophes, of any run of whitespace, and of "can't" / "cannot" / "can not" for one another.
// The phrases are literal text escaped into one alternation, so the RegExp cannot backtrack badly.
import { LIMITS } from '../limits';
import type { Matcher, MatcherResult, RawMatch, Sentence } from '../sentence';
import type { RuleKindDefinition } from './kind';
import { APOSTROPHE_CLASS, WORD_CHAR } from '../text';

const CANT_FORMS = `(?:can${APOSTROPHE_CLASS}t|cannot|can\\s+not)`;
const PIECES = /(\bcan['\u2019\u2018\u02BC`]t\b|\bcannot\b|\bcan\s+not\b|\s+|['\u2019\u2018\u02BC`])/giu;
const CANT_PIECE = /^(?:can['\u2019\u2018\u02BC`]t|cannot|can\s+not)$/iu;
const IS_WORD_CHAR = new RegExp(`^${WORD_CHAR}$`, 'u');

function escapeLiteral(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}

/** The regular-expression source for one literal phrase. */
export function phraseSource(phrase: string): string {
  const body = phrase
    .trim()
    .split(PIECES)
    .filter((piece) => piece !== '')
    .map((piece) => {
      if (/^\s+$/.test(piece)) return '\\s+';
      if (/^['\u2019\u2018\u02BC`]$/.test(piece)) return APOSTROPHE_CLASS;
      if (CANT_PIECE.test(piece)) return CANT_FORMS;
      return escapeLiteral(piece);
    })
    .join('');
  const trimmed = phrase.trim();
  const open = IS_WORD_CHAR.test(trimmed[0] ?? '') ? `(?<!${WORD_CHAR})` : '';
  const close = IS_WORD_CHAR.test(trimmed[trimmed.length - 1] ?? '') ? `(?!${WORD_CHAR})` : '';
  return `${open}${body}${close}`;
}

export function compilePhrases(phrases: readonly string[]): MatcherResult {
  if (phrases.length === 0) return { ok: false, message: 'needs at least one phrase' };
  if (phrases.length > LIMITS.phrases) return { ok: false, message: `has more than ${LIMITS.phrases} phrases` };
  for (const p of phrases) {
    if (!/[\p{L}\p{N}]/u.test(p)) return { ok: false, message: `phrase "${p}" has no letter or digit` };
    if (p.length > LIMITS.phraseLength) return { ok: false, message: `a phrase is longer than ${LIMITS.phraseLength} characters` };
  }
  // Longest first, so the longest phrase wins where several start at the same place.
  const sources = [...new Set(phrases.map((p) => p.trim()))].sort((a, b) => b.length - a.length).map(phraseSource);
  const regex = new RegExp(sources.join('|'), 'giu');
  const matcher: Matcher = {
    triggers: null,
    substrings: null,
    captureNames: new Set(),
    find(sentence: Sentence): RawMatch[] {
      const found: RawMatch[] = [];
      for (const m of sentence.text.matchAll(regex)) {
        found.push({ start: m.index, end: m.index + m[0].length, captures: Object.create(null) });
      }
      return found;
    },
  };
  return { ok: true, matcher };
}

export const phrasesKind: RuleKindDefinition<'phrases', string[]> = {
  field: 'phrases',
  noun: 'a phrase',
  validate: (value, check) => check.textList(value, LIMITS.phrases, LIMITS.phraseLength),
  compile: compilePhrases,
  schema: {
    type: 'array',
    minItems: 1,
    maxItems: LIMITS.phrases,
    items: { allOf: [{ $ref: '#/definitions/singleLine' }, { maxLength: LIMITS.phraseLength }] },
    description: "Literal phrases: case-insensitive, word-bounded, any apostrophe, can't = cannot = can not.",
  },
};
