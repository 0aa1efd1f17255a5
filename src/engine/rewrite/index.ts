// Sentence rewrites: the unit of advice is the sentence. For a sentence with findings, the rules'
// suggestions are spliced in one finding at a time, the result re-analyzed with every active rule,
// and what is still flagged fixed in turn, until nothing is flagged. A candidate that is still
// flagged after a few steps, or that has a mechanical defect (mechanics.ts), is dropped, never
// shown. Candidates with fewer gaps come first (none is best); at most three are kept.
import { findGaps } from './gaps';
import { mechanicalDefects, tidy } from './mechanics';
import type { TextRange } from '../types';

/** A flagged range of a candidate and the replacements its rule offers, best first. */
export interface Flag extends TextRange {
  fixes: readonly (TextRange & { text: string })[];
}

export const MAX_REWRITES = 3;
/** Fixes applied one after another to reach a clean sentence. */
const MAX_STEPS = 4;
/** Candidates analyzed per sentence: each costs one analysis of a short sentence. */
const MAX_STATES = 40;
/** Replacements tried per step (over the findings of one overlapping group). */
const MAX_BRANCHES = 4;

const overlaps = (a: TextRange, b: TextRange) => a.start < b.end && b.start < a.end;

/**
 * Softeners of a refusal ("unfortunately", "I'm afraid", "sorry,") just before or at the end of the
 * clause a fix rewrites: once the clause leads with what the agent can do, they dangle
 * ("Unfortunately, what I can do is ..."), so the fix takes them in.
 */
const SOFTENER_BEFORE = /(?:^|(?<=[\s,;:(-]))(?:(?:unfortunately|sadly|regrettably|(?:i['\u2019]m|i am) afraid(?: that)?|(?:i['\u2019]m |i am |we['\u2019]re |we are )?(?:so |very |really )?sorry(?: to say(?: that)?)?|apologies),?\s+)+$/i;
const SOFTENER_AFTER = /^,?\s+(?:(?:i['\u2019]m|i am) afraid|unfortunately|(?:(?:so|very) )?sorry(?: (?:for|about) (?:that|this|it|the inconvenience))?|(?:my )?apologies|sadly)(?=\s*[.!?]*\s*$)/i;

/** A list item's marker ("- ", "2. ") at the start of a replaced range stays: the rewrite is of the item's words. */
function keepListMarker(text: string, range: TextRange): TextRange {
  if (range.start !== 0) return range;
  const marker = /^\s*(?:[-*\u2022]|\d+[.)])\s+/.exec(text.slice(range.start, range.end));
  return marker ? { start: range.start + marker[0].length, end: range.end } : range;
}

/** A fix that turns a refusal into an offer: only these take in the softeners around them. */
const OFFER_LEAD = /^\W*(?:what (?:i|we) can|instead of|while|here's what|let me|we do this because|i['\u2019]ll)\b/i;

function widenOverSofteners(text: string, range: TextRange, replacement: string): TextRange {
  if (!OFFER_LEAD.test(replacement)) return range;
  const before = SOFTENER_BEFORE.exec(text.slice(0, range.start));
  const after = SOFTENER_AFTER.exec(text.slice(range.end));
  return { start: range.start - (before?.[0].length ?? 0), end: range.end + (after?.[0].length ?? 0) };
}

/**
 * A match that took in the space before or after its words (a regex's "\s*") keeps that space
 * when its replacement has none: "Any errors were made" must not become "Anywe made errors".
 */
function keepEdgeSpaces(text: string, range: TextRange, replacement: string): TextRange {
  const replaced = text.slice(range.start, range.end);
  const lead = /^\s*/.exec(replaced)![0].length;
  const trail = /\s*$/.exec(replaced.slice(lead))![0].length;
  return {
    start: range.start + (/^\s/.test(replacement) ? 0 : lead),
    end: range.end - (/\s$/.test(replacement) ? 0 : trail),
  };
}

/** A condition right after a refusal ("cannot be redirected once it has shipped"), up to the end of the clause. */
const CONDITION_AFTER = /^\s+((?:once|after|when|before|if|unless|until)\b[^,;:.!?]+)(?=\s*[.!?]*\s*$)/i;
/** A "while <refusal>, <offer>" fix. */
const WHILE_FRAME = /^(while\b[^,]+),(\s.+)$/is;

/**
 * A "while" fix of a refusal that a condition follows: the condition belongs to the refusal
 * ("while the package cannot be redirected once it has shipped, what I can do is ..."), not after
 * the offer, where it would now say when the offer applies.
 */
function takeInCondition(text: string, range: TextRange, replacement: string): { range: TextRange; text: string } {
  const frame = WHILE_FRAME.exec(replacement);
  const condition = frame && CONDITION_AFTER.exec(text.slice(range.end));
  if (!frame || !condition) return { range, text: replacement };
  return { range: { start: range.start, end: range.end + condition[0].length }, text: `${frame[1]} ${condition[1].trim()},${frame[2]}` };
}

/**
 * The replacements to try for the first problem of a sentence: the suggestions of the findings
 * that overlap the first one, the widest finding first (it fixes the most at once).
 */
function branches(flags: readonly Flag[]): { range: TextRange; text: string }[] {
  const first = flags[0];
  const group = flags.filter((f) => overlaps(f, first)).sort((a, b) => b.end - b.start - (a.end - a.start));
  const out: { range: TextRange; text: string }[] = [];
  const depth = Math.max(...group.map((f) => f.fixes.length));
  for (let i = 0; i < depth && out.length < MAX_BRANCHES; i++) {
    for (const f of group) if (i < f.fixes.length && out.length < MAX_BRANCHES) out.push({ range: f.fixes[i], text: f.fixes[i].text });
  }
  return out;
}

/**
 * Up to three rewrites of `sentence` with none of its findings, best first (no gap before gaps,
 * then in the rules' own order of suggestions). `analyze` returns the flags of any text with every
 * active rule, sorted by position, or null when that text cannot be analyzed fully (a rule threw).
 */
export function sentenceRewrites(sentence: string, analyze: (text: string) => readonly Flag[] | null): string[] {
  const finished: string[] = [];
  const seen = new Set<string>([sentence]);
  const stack: { text: string; depth: number; flags: readonly Flag[] | null }[] = [{ text: sentence, depth: 0, flags: analyze(sentence) }];
  let states = 1;
  while (stack.length) {
    const { text, depth, flags } = stack.pop()!;
    if (flags === null) continue;
    if (flags.length === 0) {
      if (text !== sentence && mechanicalDefects(sentence, text).length === 0) finished.push(text);
      continue;
    }
    if (depth >= MAX_STEPS) continue;
    const next: typeof stack = [];
    for (const branch of branches(flags)) {
      if (states >= MAX_STATES) break;
      const { range, text: replacement } = takeInCondition(text, keepEdgeSpaces(text, keepListMarker(text, branch.range), branch.text), branch.text);
      const widened = widenOverSofteners(text, range, replacement);
      const candidate = tidy(sentence, `${text.slice(0, widened.start)}${replacement}${text.slice(widened.end)}`);
      if (seen.has(candidate)) continue;
      seen.add(candidate);
      states++;
      next.push({ text: candidate, depth: depth + 1, flags: analyze(candidate) });
    }
    // Depth first, in the rules' order: the first suggestion's line is finished before the second's.
    stack.push(...next.reverse());
  }
  // Fewest gaps first (none is best: the agent can send it as it is); otherwise the rules' order.
  const gaps = new Map(finished.map((t) => [t, findGaps(t).length]));
  return finished.sort((a, b) => gaps.get(a)! - gaps.get(b)!).slice(0, MAX_REWRITES);
}

/**
 * The smallest range of `original` to replace (and its replacement) that turns it into `rewrite`,
 * widened to whole words so the change reads as words, not letters.
 */
export function changedRange(original: string, rewrite: string): { start: number; end: number; text: string } {
  let start = 0;
  while (start < original.length && start < rewrite.length && original[start] === rewrite[start]) start++;
  let end = 0;
  while (end < original.length - start && end < rewrite.length - start && original[original.length - 1 - end] === rewrite[rewrite.length - 1 - end]) end++;
  const isWordChar = (c: string | undefined) => c !== undefined && /[\p{L}\p{N}'\u2019-]/u.test(c);
  // Mid-word at either edge: take in the whole word.
  while (start > 0 && isWordChar(original[start - 1]) && (isWordChar(original[start]) || isWordChar(rewrite[start]))) start--;
  const suffixStart = () => original.length - end;
  while (end > 0 && isWordChar(original[suffixStart()]) && (isWordChar(original[suffixStart() - 1]) || isWordChar(rewrite[rewrite.length - end - 1]))) end--;
  return { start, end: original.length - end, text: rewrite.slice(start, rewrite.length - end) };
}
