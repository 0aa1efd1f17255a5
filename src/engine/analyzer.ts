// The Analyzer: the active rules of the active packs, with a bounded cache of findings keyed by
// sentence text, so re-analysing a draft after an edit only matches the sentences that changed.
import type { CompiledPack, CompiledRule } from './compile';
import { findingsInText, matchRule, type SentenceFinding } from './match';
import { Sentence } from './sentence';
import type { Finding, TextRange } from './types';

export interface AnalyzerOptions {
  /** Full rule ids (`pack/rule`) that are switched off. */
  disabledRules?: Iterable<string>;
  /** Cache bounds: sentences kept, and their total characters. */
  cacheEntries?: number;
  cacheChars?: number;
  /** Told when a rule throws on a sentence; that rule's findings for that sentence are skipped. */
  onRuleError?: (ruleId: string, error: unknown) => void;
}

export class Analyzer {
  readonly rules: readonly CompiledRule[];
  private readonly cache = new Map<string, readonly SentenceFinding[]>();
  private cachedChars = 0;
  private readonly maxEntries: number;
  private readonly maxChars: number;
  private readonly onRuleError?: (ruleId: string, error: unknown) => void;

  constructor(packs: readonly CompiledPack[], opts: AnalyzerOptions = {}) {
    const disabled = new Set(opts.disabledRules ?? []);
    this.rules = packs.flatMap((p) => p.rules).filter((r) => !disabled.has(r.fullId));
    this.maxEntries = opts.cacheEntries ?? 5_000;
    this.maxChars = opts.cacheChars ?? 2_000_000;
    this.onRuleError = opts.onRuleError;
  }

  /** Findings for `text`, sorted; `skip` adds ranges to leave alone (e.g. a pasted quote). */
  analyze(text: string, opts: { skip?: readonly TextRange[] } = {}): Finding[] {
    return findingsInText(text, opts.skip ?? [], (sentence) => this.sentenceFindings(sentence));
  }

  /** Sentences currently cached (for the benchmark and tests). */
  get cacheSize(): { entries: number; chars: number } {
    return { entries: this.cache.size, chars: this.cachedChars };
  }

  private sentenceFindings(text: string): readonly SentenceFinding[] {
    const cached = this.cache.get(text);
    if (cached) {
      // Most recently used last: Map keeps insertion order, so the oldest is evicted first.
      this.cache.delete(text);
      this.cache.set(text, cached);
      return cached;
    }
    const sentence = new Sentence(text);
    const findings: SentenceFinding[] = [];
    for (const rule of this.rules) {
      try {
        findings.push(...matchRule(rule, sentence));
      } catch (error) {
        this.onRuleError?.(rule.fullId, error);
      }
    }
    this.remember(text, findings);
    return findings;
  }

  private remember(text: string, findings: readonly SentenceFinding[]): void {
    if (text.length > this.maxChars) return;
    this.cache.set(text, findings);
    this.cachedChars += text.length;
    while (this.cache.size > this.maxEntries || this.cachedChars > this.maxChars) {
      const oldest = this.cache.keys().next().value as string;
      this.cache.delete(oldest);
      this.cachedChars -= oldest.length;
    }
  }
}
