// `unless` entries (a rule's exceptions, and a context rule's `unless` lists): an entry of plain
// words is matched as a phrase (fast, no parse needed); anything with pattern syntax (#Tag, (a|b),
// optional?) is a compromise pattern.
import { compilePattern } from './rules/pattern';
import { compilePhrases } from './rules/phrases';
import type { MatcherResult } from './sentence';

const PLAIN_WORDS = /^[\p{L}\p{N}\s'\u2019\u2018\u02BC-]+$/u;

export const compileException = (entry: string): MatcherResult => (PLAIN_WORDS.test(entry) ? compilePhrases([entry]) : compilePattern(entry));
