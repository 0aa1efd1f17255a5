// A sentence under analysis: the engine's unit of matching and of caching. Its word set and its
// compromise parse are computed lazily, once, and only when a rule needs them.
import nlp from 'compromise';
import { sentenceWords } from './contractions';

type Doc = ReturnType<typeof nlp>;

/** Exported for the test that checks the tokens-only parse never changes a pattern's matches. */
export const parseSettings = { alwaysTag: false };

export class Sentence {
  private wordCache?: Set<string>;
  private docCache?: Doc;
  private tokensCache?: Doc;
  private lowerCache?: string;
  private contractionStarts?: Map<number, number>;

  constructor(readonly text: string) {}

  /** Lower case, for the regex pre-check (RE2 folds ſ and the Kelvin sign too). */
  get lower(): string {
    return (this.lowerCache ??= this.text.toLowerCase().replace(/\u017F/g, 's').replace(/\u212A/g, 'k'));
  }

  get words(): Set<string> {
    return (this.wordCache ??= sentenceWords(this.text));
  }

  /** The full parse, with part-of-speech tags (about 0.5-1 ms for a 17-word sentence). */
  get doc(): Doc {
    return (this.docCache ??= nlp(this.text));
  }

  /** Words and contractions only, no tags: several times cheaper, enough for word-only patterns. */
  get tokens(): Doc {
    if (parseSettings.alwaysTag || this.docCache) return this.doc;
    return (this.tokensCache ??= nlp.tokenize(this.text));
  }

  /**
   * Start of the written word that ends at `offset`. compromise splits a contraction into a written
   * term ("can't" → "can") and empty implicit terms ("not") placed at the contraction's end; a match
   * that begins on an implicit term must still underline the whole written word.
   */
  wordStartEndingAt(offset: number): number {
    if (!this.contractionStarts) {
      this.contractionStarts = new Map();
      for (const sentence of this.tokens.json({ offset: true }) as DocJson[]) {
        for (const t of sentence.terms) {
          if (t.text) this.contractionStarts.set(t.offset.start + t.text.length, t.offset.start);
        }
      }
    }
    return this.contractionStarts.get(offset) ?? offset;
  }
}

export interface TermJson {
  text: string;
  offset: { start: number; length: number };
}
export interface DocJson {
  terms: TermJson[];
}

/** A match inside one sentence, offsets relative to the sentence. */
export interface RawMatch {
  start: number;
  end: number;
  captures: Record<string, string>;
}

/** A compiled matcher of one rule kind. */
export interface Matcher {
  find(sentence: Sentence): RawMatch[];
  /**
   * Words the sentence must contain for a match to be possible: every inner list needs at least
   * one of its words in `Sentence.words`. null = no cheap pre-check, always run.
   */
  readonly triggers: string[][] | null;
  /** Strings the lower-cased sentence must contain: every inner list needs one. null = none. */
  readonly substrings: string[][] | null;
  /** Capture names a suggestion template may use ("1", "2", ... and named ones). */
  readonly captureNames: ReadonlySet<string>;
}

export type MatcherResult = { ok: true; matcher: Matcher } | { ok: false; message: string };

/** Each substring list as one regular expression: one scan of the sentence instead of one per entry. */
const substringTests = new WeakMap<Matcher, RegExp[]>();
const escapeLiteral = (s: string) => s.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');

export function mayMatch(matcher: Matcher, sentence: Sentence): boolean {
  if (matcher.triggers) {
    const words = sentence.words;
    if (!matcher.triggers.every((alternatives) => alternatives.some((w) => words.has(w)))) return false;
  }
  if (!matcher.substrings) return true;
  let tests = substringTests.get(matcher);
  if (!tests) {
    tests = matcher.substrings.map((alternatives) => new RegExp(alternatives.map(escapeLiteral).join('|')));
    substringTests.set(matcher, tests);
  }
  const lower = sentence.lower;
  return tests.every((test) => test.test(lower));
}
