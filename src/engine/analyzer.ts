// The Analyzer: the active rules of the active packs, with a bounded cache of findings keyed by
// sentence text, so re-analyzing a draft after an edit only matches the sentences that changed.
import type { CompiledPack, CompiledRule } from './compile';
import { contextFindings, hasCustomerMessage } from './context';
import { byPosition, findingsInText, matchRule, ownSentenceRanges, type SentenceFinding } from './match';
import { sentenceRewrites, type Flag } from './rewrite';
import { Sentence } from './sentence';
import type { CustomerContext, Finding, TextRange } from './types';

export interface AnalyzerOptions {
  /** Full rule ids (`pack/rule`) that are switched off. */
  disabledRules?: Iterable<string>;
  /** Cache bounds: sentences kept, and their total characters. */
  cacheEntries?: number;
  cacheChars?: number;
  /**
   * Packs a team chose (imported, subscribed, set by policy): where one of their rules and a rule of
   * another pack (a built-in one) flag the same or overlapping words, only theirs is shown.
   */
  preferredPacks?: Iterable<string>;
  /** Told when a rule throws on a sentence; that rule's findings for that sentence are skipped. */
  onRuleError?: (ruleId: string, error: unknown) => void;
}

const overlaps = (a: TextRange, b: TextRange) => a.start < b.end && b.start < a.end;

/** `findings` without those of other packs that overlap a finding of a preferred pack. */
export function preferOverlapping(findings: SentenceFinding[], preferred: ReadonlySet<string>): SentenceFinding[] {
  if (preferred.size === 0) return findings;
  const winners = findings.filter((f) => preferred.has(f.rule.packId));
  if (winners.length === 0) return findings;
  return findings.filter((f) => preferred.has(f.rule.packId) || !winners.some((w) => overlaps(w, f)));
}

/** A copy of `s` that does not share memory with the string it was sliced from. */
const ownCopy = (s: string): string => ` ${s}`.slice(1);

interface CacheEntry {
  key: string;
  findings: readonly SentenceFinding[];
  /** The sentence's rewrites, made the first time its findings are reported. */
  rewrites?: readonly string[];
  /** A rule threw on the sentence: its findings may be incomplete. */
  failed?: boolean;
}

export class Analyzer {
  readonly rules: readonly CompiledRule[];
  /** The rules that match the draft alone (cached by sentence), and those that also read the customer's message. */
  private readonly draftRules: readonly CompiledRule[];
  private readonly contextRules: readonly CompiledRule[];
  /** Sentence text → its findings; the entry keeps its own (copied) key, see remember(). */
  private readonly cache = new Map<string, CacheEntry>();
  private cachedChars = 0;
  private readonly maxEntries: number;
  private readonly maxChars: number;
  private readonly onRuleError?: (ruleId: string, error: unknown) => void;
  private readonly preferredPacks: ReadonlySet<string>;

  constructor(packs: readonly CompiledPack[], opts: AnalyzerOptions = {}) {
    const disabled = new Set(opts.disabledRules ?? []);
    this.rules = packs.flatMap((p) => p.rules).filter((r) => !disabled.has(r.fullId));
    this.draftRules = this.rules.filter((r) => !r.context);
    this.contextRules = this.rules.filter((r) => r.context);
    this.maxEntries = opts.cacheEntries ?? 5_000;
    this.maxChars = opts.cacheChars ?? 2_000_000;
    this.onRuleError = opts.onRuleError;
    this.preferredPacks = new Set(opts.preferredPacks ?? []);
  }

  /**
   * Findings for `text`, sorted; `skip` adds ranges to leave alone (e.g. a pasted quote). Context
   * rules run only when `customer` (the message the draft answers) has words.
   */
  analyze(text: string, opts: { skip?: readonly TextRange[]; customer?: CustomerContext } = {}): Finding[] {
    const skip = opts.skip ?? [];
    const findings = findingsInText(text, skip, (sentence) => this.sentenceFindings(sentence), { rewrites: (sentence) => this.sentenceRewrites(sentence), gaps: true });
    const { customer } = opts;
    if (!this.contextRules.length || !hasCustomerMessage(customer)) return findings;
    for (const rule of this.contextRules) {
      try {
        findings.push(...contextFindings(rule, rule.context!, text, skip, customer));
      } catch (error) {
        this.onRuleError?.(rule.fullId, error);
      }
    }
    return findings.sort(byPosition);
  }

  /**
   * Where `text` (a candidate rewrite) is flagged by the active rules, with each flag's fixes (gaps
   * are not flags); null if a rule threw on it, so it cannot be shown to be clean. Rule errors on
   * candidates are not reported: the agent's own sentence reported them already.
   */
  private flags(text: string): Flag[] | null {
    const sentences = ownSentenceRanges(text).map((range) => ({ range, entry: this.entry(text.slice(range.start, range.end), false) }));
    if (sentences.some(({ entry }) => entry.failed)) return null;
    return sentences.flatMap(({ range, entry }) =>
      entry.findings.map((f) => ({
        start: range.start + f.start,
        end: range.start + f.end,
        fixes: f.fixes.map((x) => ({ start: range.start + x.start, end: range.start + x.end, text: x.text })),
      })),
    ).sort((a, b) => a.start - b.start || b.end - a.end);
  }

  private sentenceRewrites(sentence: string): readonly string[] {
    const entry = this.entry(sentence);
    return (entry.rewrites ??= sentenceRewrites(sentence, (t) => this.flags(t)).map(ownCopy));
  }

  /** Sentences currently cached (for the benchmark and tests). */
  get cacheSize(): { entries: number; chars: number } {
    return { entries: this.cache.size, chars: this.cachedChars };
  }

  private sentenceFindings(text: string): readonly SentenceFinding[] {
    return this.entry(text).findings;
  }

  /** The sentence's cache entry, matched now if it is not cached (a sentence too long to cache gets a fresh one). */
  private entry(text: string, reportErrors = true): CacheEntry {
    const cached = this.cache.get(text);
    if (cached) {
      // Most recently used last: Map keeps insertion order, so the oldest is evicted first.
      this.cache.delete(text);
      this.cache.set(cached.key, cached);
      return cached;
    }
    const sentence = new Sentence(text);
    const findings: SentenceFinding[] = [];
    let failed = false;
    for (const rule of this.draftRules) {
      try {
        findings.push(...matchRule(rule, sentence));
      } catch (error) {
        failed = true;
        if (reportErrors) this.onRuleError?.(rule.fullId, error);
      }
    }
    return this.remember(text, preferOverlapping(findings, this.preferredPacks), failed);
  }

  private remember(sentence: string, findings: readonly SentenceFinding[], failed: boolean): CacheEntry {
    if (sentence.length > this.maxChars) return { key: sentence, findings, failed };
    // The sentence (and a suggestion made from its captures) is a slice of the whole draft, and
    // engines keep a slice's parent string alive: store copies, or every cached sentence would hold
    // on to the draft it came from.
    const text = ownCopy(sentence);
    const entry: CacheEntry = { key: text, findings: findings.map((f) => ({ ...f, suggestions: f.suggestions.map(ownCopy), fixes: f.fixes.map((x) => ({ ...x, text: ownCopy(x.text) })) })), failed };
    this.cache.set(text, entry);
    this.cachedChars += text.length;
    while (this.cache.size > this.maxEntries || this.cachedChars > this.maxChars) {
      const oldest = this.cache.keys().next().value as string;
      this.cache.delete(oldest);
      this.cachedChars -= oldest.length;
    }
    return entry;
  }
}
