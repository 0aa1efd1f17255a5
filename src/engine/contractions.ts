// What compromise reads into a sentence beyond its written words, so the pre-check that skips a
// pattern rule ("this sentence lacks a required word") never skips a sentence compromise would match.
import nlp from 'compromise';
import { wordSet } from './text';

type ContractionEntry = { word?: string; after?: string; out?: string[] };
const MODEL = (nlp.model() as { one: { contractions: ContractionEntry[] } }).one.contractions;

/** Whole-word shorthands and their expansions ("cannot" → can, not; "im" → i, am; "gonna" → going, to). */
const WHOLE_WORD = new Map<string, string[]>();
for (const c of MODEL) if (c.word && c.out) WHOLE_WORD.set(c.word.toLowerCase(), c.out.map((w) => w.toLowerCase()));

/**
 * Words compromise can produce from a suffix or from context rather than from a whole word
 * ("'ll" → will, "n't" → not, "ain't" → is/are/am/have, "'s" → is/has/us, "'d" → would/had/did,
 * "5-7" → to, French elisions): a pattern cannot rely on them being written.
 */
export const IMPLIED_WORDS = new Set<string>(['not', 'will', 'shall', 'have', 'are', 'am', 'is', 'has', 'us', 'would', 'had', 'did', 'do', 'does', 'to', 'le', 'la', 'les', 'de', 'du', 'je', 'me', 'se', 'ne', 'tu', 'que', 'ce']);
for (const c of MODEL) if (c.after) for (const w of c.out ?? []) IMPLIED_WORDS.add(w.toLowerCase());

/** compromise's own letter normalisation (ø → o, ł → l), applied to words with other letters than a-z. */
const UNICODE = new Map(Object.entries((nlp.model() as { one: { unicode: Record<string, string> } }).one.unicode));

/** The sentence's words (see wordSet) plus the expansions of whole-word shorthands. */
export function sentenceWords(sentence: string): Set<string> {
  const words = wordSet(sentence);
  for (const w of [...words]) {
    for (const expanded of WHOLE_WORD.get(w) ?? []) words.add(expanded);
    if (/[^\x00-\x7F]/.test(w)) words.add([...w].map((c) => UNICODE.get(c) ?? c).join('').toLowerCase());
  }
  return words;
}
