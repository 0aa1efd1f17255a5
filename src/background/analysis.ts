// The engine, hosted in the background: holds the Analyzer for the active packs and answers
// analyse requests. The pack store decides which packs and rules are active (setActivePacks);
// until it has, the built-in packs are active with every rule on.
import builtinPacks from 'cando:builtin-packs';
import { Analyzer, compilePack, type CompiledPack, type TextRange } from '../engine';
import { MAX_DRAFT_CHARS, type AnalyzeResponse } from '../shared/protocol';

function compileBuiltins(): CompiledPack[] {
  const packs: CompiledPack[] = [];
  for (const spec of builtinPacks) {
    // Built-in packs are tested at build time (npm test); examples need not run again at every start.
    const result = compilePack(spec, { runExamples: false, source: 'built-in pack' });
    if (result.ok) packs.push(result.pack);
    else console.error('CanDo: a built-in pack is invalid', result.errors);
  }
  return packs;
}

const reportRuleError = (ruleId: string, error: unknown) => console.error(`CanDo: rule ${ruleId} failed on a sentence and was skipped there`, error);

let analyzer: Analyzer | undefined;

/**
 * Replaces the active packs and switched-off rules; the sentence cache starts afresh. The team's
 * packs (`preferredPacks`: imported, subscribed, policy) win over built-in rules on the same words.
 */
export function setActivePacks(packs: CompiledPack[], disabledRules: Iterable<string>, preferredPacks: Iterable<string> = []): void {
  analyzer = new Analyzer(packs, { disabledRules, preferredPacks, onRuleError: reportRuleError });
}

export function analyzeDraft(version: number, text: string, skip: TextRange[]): AnalyzeResponse {
  analyzer ??= new Analyzer(compileBuiltins(), { onRuleError: reportRuleError });
  const truncated = text.length > MAX_DRAFT_CHARS;
  // Cut before a lone high surrogate so an emoji is never split in half.
  const cut = truncated && /[\uD800-\uDBFF]/.test(text[MAX_DRAFT_CHARS - 1]) ? MAX_DRAFT_CHARS - 1 : MAX_DRAFT_CHARS;
  const analysed = truncated ? text.slice(0, cut) : text;
  const findings = analyzer.analyze(analysed, { skip });
  return { type: 'findings', version, findings, truncated, paused: false, lockedRules: [] };
}
