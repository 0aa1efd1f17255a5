// Splits text into sentences: the unit the engine matches in and caches by. Line breaks end a
// sentence (help-desk replies use them for lists and greetings), and so do . ! ? … followed by
// whitespace, except after common abbreviations and initials. One pass: this runs on every keystroke.
import type { TextRange } from './types';

const ABBREVIATIONS = new Set(['mr', 'mrs', 'ms', 'dr', 'st', 'jr', 'sr', 'vs', 'etc', 'e.g', 'i.e', 'inc', 'ltd', 'co', 'no', 'approx', 'dept', 'ref', 'tel', 'min', 'max', 'a.m', 'p.m']);
const BOUNDARY = /\n|[.!?\u2026]+["'\u201D\u2019)\]]*(?=\s)/g;
const WORD_BEFORE = /([\p{L}.]+)$/u;
const SPACE = /\s/;

/**
 * Longer "sentences" (a pasted log, a list without full stops) are cut into pieces of at most this
 * many characters, at a clause mark or a space, so an edit re-analyzes one piece, not all of it.
 */
export const MAX_SENTENCE_CHARS = 600;
const CLAUSE_MARK = /[,;:]\s|\s/g;

function isAbbreviation(text: string, from: number, dotAt: number): boolean {
  const word = WORD_BEFORE.exec(text.slice(Math.max(from, dotAt - 8), dotAt))?.[1] ?? '';
  return ABBREVIATIONS.has(word.toLowerCase()) || /^\p{Lu}$/u.test(word);
}

/** Where a piece of a long sentence starting at `start` ends: after its last clause mark, else its last space. */
function pieceEnd(text: string, start: number): number {
  const limit = start + MAX_SENTENCE_CHARS;
  let lastClause = -1;
  let lastSpace = -1;
  CLAUSE_MARK.lastIndex = start + 1;
  for (let m = CLAUSE_MARK.exec(text); m && m.index < limit; m = CLAUSE_MARK.exec(text)) {
    if (m[0].length === 2) lastClause = m.index + 1;
    else lastSpace = m.index;
  }
  if (lastClause > start + MAX_SENTENCE_CHARS / 2) return lastClause;
  if (lastSpace > start) return lastSpace;
  // No space at all: cut, but never between the two halves of an emoji.
  return /[\uD800-\uDBFF]/.test(text[limit - 1]) ? limit - 1 : limit;
}

/** Sentence ranges within [from, to) of text, trimmed of surrounding whitespace, in order. */
export function sentenceRanges(text: string, from = 0, to = text.length): TextRange[] {
  const ranges: TextRange[] = [];
  const push = (start: number, end: number) => {
    while (start < end && SPACE.test(text[start])) start++;
    while (end > start && SPACE.test(text[end - 1])) end--;
    while (end - start > MAX_SENTENCE_CHARS) {
      const cut = pieceEnd(text, start);
      ranges.push({ start, end: cut });
      start = cut;
      while (start < end && SPACE.test(text[start])) start++;
    }
    if (end > start) ranges.push({ start, end });
  };
  let sentenceStart = from;
  BOUNDARY.lastIndex = from;
  for (let m = BOUNDARY.exec(text); m && m.index < to; m = BOUNDARY.exec(text)) {
    const end = Math.min(m.index + m[0].length, to);
    if (m[0] === '.' && isAbbreviation(text, sentenceStart, m.index)) continue;
    push(sentenceStart, end);
    sentenceStart = end;
  }
  push(sentenceStart, to);
  return ranges;
}

/** The whole sentences of `text` that [start, end) touches: the range widened to their bounds. */
export function sentencesAround(text: string, start: number, end: number): TextRange {
  const touched = sentenceRanges(text).filter((r) => r.start <= end && start <= r.end);
  return touched.length ? { start: Math.min(start, touched[0].start), end: Math.max(end, touched[touched.length - 1].end) } : { start, end };
}
