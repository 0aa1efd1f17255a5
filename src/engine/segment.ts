// Splits text into sentences: the unit the engine matches in and caches by. Lines are split
// first (help-desk replies use line breaks for lists and greetings), then sentences end at . ! ? …
// followed by whitespace, except after common abbreviations and initials.
import type { TextRange } from './types';

const ABBREVIATIONS = new Set(['mr', 'mrs', 'ms', 'dr', 'st', 'jr', 'sr', 'vs', 'etc', 'e.g', 'i.e', 'inc', 'ltd', 'co', 'no', 'approx', 'dept', 'ref', 'tel', 'min', 'max', 'a.m', 'p.m']);
const SENTENCE_END = /[.!?\u2026]+["'\u201D\u2019)\]]*(?=\s)/g;

/** Sentence ranges within [from, to) of text, trimmed of surrounding whitespace, in order. */
export function sentenceRanges(text: string, from = 0, to = text.length): TextRange[] {
  const ranges: TextRange[] = [];
  const push = (start: number, end: number) => {
    while (start < end && /\s/.test(text[start])) start++;
    while (end > start && /\s/.test(text[end - 1])) end--;
    if (end > start) ranges.push({ start, end });
  };
  let lineStart = from;
  while (lineStart < to) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd === -1 || lineEnd > to) lineEnd = to;
    const line = text.slice(lineStart, lineEnd);
    let sentenceStart = 0;
    for (const m of line.matchAll(SENTENCE_END)) {
      const end = m.index + m[0].length;
      const wordBefore = /([\p{L}.]+)$/u.exec(line.slice(sentenceStart, m.index))?.[1] ?? '';
      const isAbbreviation = m[0].startsWith('.') && m[0].length === 1 && (ABBREVIATIONS.has(wordBefore.toLowerCase()) || /^\p{Lu}$/u.test(wordBefore));
      if (isAbbreviation) continue;
      push(lineStart + sentenceStart, lineStart + end);
      sentenceStart = end;
    }
    push(lineStart + sentenceStart, lineEnd);
    lineStart = lineEnd + 1;
  }
  return ranges;
}
