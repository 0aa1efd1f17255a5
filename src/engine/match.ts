// Matching one rule in one sentence, and assembling a text's findings from its sentences.
import type { CompiledRule } from './compile';
import { sentenceRanges } from './segment';
import { mayMatch, Sentence } from './sentence';
import { changedRange } from './rewrite';
import { gapFindings } from './rewrite/gaps';
import { complementRanges, findSkippedRegions, normalizeRanges } from './skip';
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
  const findings: SentenceFinding[] = [];
  for (const m of matches) {
    if (exceptions.some((e) => overlaps(e, m))) continue;
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

/** The sentences of the agent's own words in `text` (minus `skip` and findSkippedRegions). */
export function textSentences(text: string, skip: Iterable<TextRange> = []): TextRange[] {
  const skipped = normalizeRanges([...findSkippedRegions(text), ...skip], text.length);
  return complementRanges(skipped, text.length).flatMap((region) => sentenceRanges(text, region.start, region.end));
}

export interface FindingsOptions {
  /** Rewrites of a sentence that has findings, best first (see rewrite/index.ts). */
  rewrites?: (sentence: string) => readonly string[];
  /** Also report each unfilled gap ("[what you can offer]") as a finding. */
  gaps?: boolean;
}

/**
 * The findings of `text`: the agent's own words (minus `skip` and findSkippedRegions) are split
 * into sentences, each analysed by `sentenceFindings`. Sorted by position; where several rules flag
 * the same span, the most severe (then the first) is kept. The findings of one sentence share its
 * rewrites.
 */
export function findingsInText(text: string, skip: Iterable<TextRange>, sentenceFindings: (sentence: string) => readonly SentenceFinding[], opts: FindingsOptions = {}): Finding[] {
  const skipped = normalizeRanges([...findSkippedRegions(text), ...skip], text.length);
  const bySpan = new Map<string, Finding>();
  if (opts.gaps) for (const gap of gapFindings(text, skipped)) bySpan.set(`${gap.start}:${gap.end}`, gap);
  for (const region of complementRanges(skipped, text.length)) {
    for (const range of sentenceRanges(text, region.start, region.end)) {
      const sentence = text.slice(range.start, range.end);
      const found = sentenceFindings(sentence);
      let rewrites: Rewrite[] | undefined;
      if (found.length && opts.rewrites) {
        rewrites = opts.rewrites(sentence).map((r) => {
          const changed = changedRange(sentence, r);
          return { start: range.start + changed.start, end: range.start + changed.end, text: changed.text };
        });
      }
      for (const f of found) {
        const start = range.start + f.start;
        const end = range.start + f.end;
        const key = `${start}:${end}`;
        const kept = bySpan.get(key);
        if (kept && SEVERITY_RANK[kept.severity] <= SEVERITY_RANK[f.rule.severity]) continue;
        bySpan.set(key, {
          ruleId: f.rule.fullId,
          category: f.rule.category,
          severity: f.rule.severity,
          start,
          end,
          text: text.slice(start, end),
          message: f.rule.message,
          explanation: f.rule.explanation,
          suggestions: [...f.suggestions],
          ...(rewrites?.length && { rewrites }),
        });
      }
    }
  }
  return [...bySpan.values()].sort((a, b) => a.start - b.start || a.end - b.end || a.ruleId.localeCompare(b.ruleId));
}
