// The engine, hosted in the background: holds the Analyzer for the active packs and answers
// analyze requests. The pack store decides which packs and rules are active (setActivePacks);
// until it has, the built-in packs are active with every rule on.
import builtinPacks from 'cando:builtin-packs';
import { Analyzer, compilePack, findStrengths, type CompiledPack, type CustomerContext, type Finding, type Strength, type TextRange } from '../engine';
import { draftToAnalyze } from '../shared/limits';

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

/** The findings and strengths in the draft's first MAX_DRAFT_CHARS characters: one analysis serves underlines and the reply check. */
export function analyzeDraft(text: string, skip: TextRange[], customer?: CustomerContext): { findings: Finding[]; strengths: Strength[] } {
  analyzer ??= new Analyzer(compileBuiltins(), { onRuleError: reportRuleError });
  const draft = draftToAnalyze(text);
  return { findings: analyzer.analyze(draft, { skip, customer }), strengths: findStrengths(draft, customer) };
}
