// Matching one rule in one sentence, and assembling a text's findings from its sentences.
import type { CompiledRule } from './compiled';
import { fillFlagged } from './flagged-words';
import { sentenceRanges } from './segment';
import { mayMatch, Sentence } from './sentence';
import { changedRange } from './rewrite';
import { gapFindings } from './rewrite/gaps';
import { complementRanges, findSkippedRegions, normalizeRanges } from './skip';
import { quotedRanges } from './text';
import type { Finding, Rewrite, TextRange } from './types';

/** A replacement of [start, end) of a sentence: a suggestion, possibly reaching past the match. */
export interface Fix extends TextRange {
  readonly text: string;
}

/** A finding inside one sentence, offsets relative to the sentence. Cached by sentence text. */
export interface SentenceFinding {
  readonly rule: CompiledRule;
  readonly start: number;
  readonly end: number;
  /** Replacements of exactly [start, end). */
  readonly suggestions: readonly string[];
  /** Every replacement the rule offers, those reaching past the match included, best first. */
  readonly fixes: readonly Fix[];
}

const overlaps = (a: TextRange, b: TextRange) => a.start < b.end && b.start < a.end;

/** The rule's findings in one sentence; `withSuggestions` false skips the transforms (examples need none). */
export function matchRule(rule: CompiledRule, sentence: Sentence, withSuggestions = true): SentenceFinding[] {
  if (!mayMatch(rule.matcher, sentence)) return [];
  const matches = rule.matcher.find(sentence);
  if (matches.length === 0) return [];
  const exceptions = rule.exceptions.flatMap((e) => (mayMatch(e, sentence) ? e.find(sentence) : []));
  const quoted = quotedRanges(sentence.text);
  const findings: SentenceFinding[] = [];
  for (const m of matches) {
    if (exceptions.some((e) => overlaps(e, m))) continue;
    // The customer's own words quoted back are not the agent's phrasing, nor is a match that starts in them.
    if (quoted.some((q) => q.start <= m.start && m.start < q.end)) continue;
    const match = sentence.text.slice(m.start, m.end);
    const context = { match, captures: m.captures, sentence: sentence.text, before: sentence.text.slice(0, m.start), after: sentence.text.slice(m.end) };
    const suggestions = new Set<string>();
    const fixes = new Map<string, Fix>();
    for (const suggest of withSuggestions ? rule.suggestions : []) {
      const s = suggest(context);
      if (s === null) continue;
      const fix = { start: m.start - s.before, end: m.end + s.after, text: s.text };
      if (fix.text === sentence.text.slice(fix.start, fix.end)) continue;
      if (s.before === 0 && s.after === 0) suggestions.add(s.text);
      fixes.set(`${fix.start}:${fix.end}:${fix.text}`, fix);
    }
    findings.push({ rule, start: m.start, end: m.end, suggestions: [...suggestions], fixes: [...fixes.values()] });
  }
  return findings;
}

const SEVERITY_RANK = { error: 0, warning: 1, info: 2 } as const;

export interface FindingsOptions {
  /** Rewrites of a sentence that has findings, best first (see rewrite/index.ts). */
  rewrites?: (sentence: string) => readonly string[];
  /** Also report each unfilled gap ("[what you can offer]") as a finding. */
  gaps?: boolean;
}

/**
 * The findings of `text`: the agent's own words (minus `skip` and findSkippedRegions) are split
 * into sentences, each analyzed by `sentenceFindings`. Sorted by position; where several rules flag
 * the same span, the most severe (then the first) is kept; of overlapping spans of one category, the
 * first rule's. The findings of one sentence share its rewrites.
 */
export function findingsInText(text: string, skip: Iterable<TextRange>, sentenceFindings: (sentence: string) => readonly SentenceFinding[], opts: FindingsOptions = {}): Finding[] {
  const skipList = [...skip];
  const bySpan = new Map<string, Finding>();
  if (opts.gaps) for (const gap of gapFindings(text, normalizeRanges([...findSkippedRegions(text), ...skipList], text.length))) bySpan.set(`${gap.start}:${gap.end}`, gap);
  for (const range of ownSentenceRanges(text, skipList)) {
    const sentence = text.slice(range.start, range.end);
    const found = sentenceFindings(sentence);
    let rewrites: Rewrite[] | undefined;
    if (found.length && opts.rewrites) {
      rewrites = opts.rewrites(sentence).map((r) => {
        const changed = changedRange(sentence, r);
        return { start: range.start + changed.start, end: range.start + changed.end, text: changed.text };
      });
    }
    const seen: SentenceFinding[] = [];
    for (const f of found) {
      // One finding per problem: where a later rule flags an overlapping span of the same category
      // in other words (a general clause rule behind a specific one), the earlier rule's is kept.
      if (seen.some((s) => s.rule.category === f.rule.category && overlaps(s, f) && (s.start !== f.start || s.end !== f.end))) continue;
      seen.push(f);
      const finding = toFinding(text, range.start, f);
      if (rewrites?.length) finding.rewrites = rewrites;
      const key = `${finding.start}:${finding.end}`;
      const kept = bySpan.get(key);
      if (kept && SEVERITY_RANK[kept.severity] <= SEVERITY_RANK[f.rule.severity]) continue;
      bySpan.set(key, finding);
    }
  }
  return [...bySpan.values()].sort(byPosition);
}

export const byPosition = (a: Finding, b: Finding) => a.start - b.start || a.end - b.end || a.ruleId.localeCompare(b.ruleId);

/** The sentences of the agent's own words: `text` minus `skip` and findSkippedRegions (quotes, history, signature). */
export function ownSentenceRanges(text: string, skip: Iterable<TextRange> = []): TextRange[] {
  const skipped = normalizeRanges([...findSkippedRegions(text), ...skip], text.length);
  return complementRanges(skipped, text.length).flatMap((region) => sentenceRanges(text, region.start, region.end));
}

/** A sentence finding as a finding of the whole text, the sentence starting at `offset`. */
export function toFinding(text: string, offset: number, f: SentenceFinding): Finding {
  const start = offset + f.start;
  const end = offset + f.end;
  return {
    ruleId: f.rule.fullId,
    category: f.rule.category,
    ...(f.rule.categoryStyle && { categoryStyle: f.rule.categoryStyle }),
    severity: f.rule.severity,
    start,
    end,
    text: text.slice(start, end),
    message: fillFlagged(f.rule.message, text.slice(start, end)),
    explanation: fillFlagged(f.rule.explanation, text.slice(start, end)),
    suggestions: [...f.suggestions],
  };
}
