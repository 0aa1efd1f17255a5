// compilePack: validate a pack, compile every rule once (matchers, exceptions, suggestions), and run
// each rule's own examples. A pack is all or nothing: any error refuses the whole pack.
import type { CompiledPack, CompiledRule } from './compiled';
import { describeJsonError } from './diagnostics';
import { LIMITS } from './limits';
import { RULE_KINDS, type RuleKind } from './rules';
import { compileContext, contextFindings } from './context';
import { compileException } from './exceptions';
import { findingsInText, matchRule } from './match';
import { Sentence, type Matcher, type MatcherResult } from './sentence';

import { compileSuggestion, type CompiledSuggestion } from './suggestions';
import type { CategoryStyle, Example, Finding, PackError, PackSpec, RuleSpec } from './types';
import { validatePackShape } from './validate';

export type { CompiledPack, CompiledRule, RuleKind };

export type CompileResult = { ok: true; pack: CompiledPack; warnings: PackError[] } | { ok: false; errors: PackError[] };

export interface CompileOptions {
  /** Run each rule's examples (default true). */
  runExamples?: boolean;
  /** Names the pack in errors before its id is known, e.g. the file name. */
  source?: string;
}

function byteLength(s: string): number {
  return new TextEncoder().encode(s).length;
}

export function compilePack(input: unknown, opts: CompileOptions = {}): CompileResult {
  const label = opts.source ?? '(pack)';
  let parsed = input;
  let size: number;
  try {
    size = byteLength(typeof input === 'string' ? input : (JSON.stringify(input) ?? ''));
  } catch (e) {
    return { ok: false, errors: [{ pack: label, message: `is not JSON data: ${e instanceof Error ? e.message : String(e)}` }] };
  }
  if (size > LIMITS.packBytes) {
    return { ok: false, errors: [{ pack: label, message: `is ${size} bytes; a pack may be at most ${LIMITS.packBytes} bytes` }] };
  }
  if (typeof input === 'string') {
    try {
      parsed = JSON.parse(input);
    } catch (e) {
      return { ok: false, errors: [{ pack: label, message: `is not valid JSON: ${describeJsonError(input, e)}` }] };
    }
  }
  const shape = validatePackShape(parsed, label);
  if (!shape.ok) return shape;
  const spec = shape.spec;
  const errors: PackError[] = [];
  const warnings: PackError[] = [];
  const rules: CompiledRule[] = [];
  for (const ruleSpec of spec.rules) {
    const compiled = compileRule(spec.id, ruleSpec, declaredStyle(spec.categories, ruleSpec.category), errors, warnings);
    if (compiled) rules.push(compiled);
  }
  if (errors.length) return { ok: false, errors };
  if (opts.runExamples !== false) {
    for (const rule of rules) errors.push(...exampleFailures(rule));
    if (errors.length) return { ok: false, errors };
  }
  const pack: CompiledPack = {
    id: spec.id,
    name: spec.name,
    version: spec.version,
    language: spec.language,
    ...(spec.description && { description: spec.description }),
    ...(spec.categories && { categories: spec.categories }),
    rules,
  };
  return { ok: true, pack, warnings };
}

const declaredStyle = (categories: PackSpec['categories'], category: string): CategoryStyle | undefined =>
  categories && Object.hasOwn(categories, category) ? categories[category] : undefined;

function compileRule(packId: string, spec: RuleSpec, categoryStyle: CategoryStyle | undefined, errors: PackError[], warnings: PackError[]): CompiledRule | undefined {
  const fail = (field: string, message: string) => errors.push({ pack: packId, rule: spec.id, field, message });
  const before = errors.length;
  // validatePackShape let through only rules with exactly one kind's field.
  const kind = RULE_KINDS.find((k) => spec[k.field] !== undefined)!;
  const result = (kind.compile as (value: unknown) => MatcherResult)(spec[kind.field]);
  if (!result.ok) return void fail(kind.field, `${kind.noun} ${result.message}`);
  const matcher = result.matcher;
  const warning = kind.warning?.(matcher);
  if (warning) warnings.push({ pack: packId, rule: spec.id, field: kind.field, message: warning });
  const exceptions: Matcher[] = [];
  (spec.unless ?? []).forEach((entry, i) => {
    const r = compileException(entry);
    if (r.ok) exceptions.push(r.matcher);
    else fail(`unless[${i}]`, `the exception ${r.message}`);
  });
  const suggestions: CompiledSuggestion[] = [];
  (spec.suggestions ?? []).forEach((s, i) => {
    const r = compileSuggestion(s, matcher.captureNames);
    if (r.ok) suggestions.push(r.suggestion);
    else fail(`suggestions[${i}]`, `the suggestion ${r.message}`);
  });
  const context = compileContext(spec, fail);
  if (errors.length > before) return undefined;
  return {
    fullId: `${packId}/${spec.id}`,
    id: spec.id,
    packId,
    kind: kind.field,
    category: spec.category,
    ...(categoryStyle && { categoryStyle }),
    severity: spec.severity ?? 'warning',
    message: spec.message,
    explanation: spec.explanation,
    examples: spec.examples,
    matcher,
    exceptions,
    suggestions,
    ...(context && { context }),
  };
}

const quote = (s: string) => `"${s.length > 80 ? `${s.slice(0, 77)}...` : s}"`;

/** A rule's findings for one example: a context rule reads it against its customer message. */
export function exampleFindings(rule: CompiledRule, example: Example): Finding[] {
  if (typeof example === 'string') {
    return rule.context ? [] : findingsInText(example, [], (sentence) => matchRule(rule, new Sentence(sentence), false));
  }
  if (!rule.context) return findingsInText(example.text, [], (sentence) => matchRule(rule, new Sentence(sentence), false));
  return contextFindings(rule, rule.context, example.text, [], { text: example.customer, ...(example.customerName && { name: example.customerName }) });
}

/**
 * A rule's message and explanation as a card shows them on its first flag example ({flagged}
 * filled with the words it flags there), for lists of rules that have no finding to quote.
 */
export function exampleTexts(rule: CompiledRule): { message: string; explanation: string } {
  const [finding] = rule.examples.flag.length ? exampleFindings(rule, rule.examples.flag[0]) : [];
  return finding ? { message: finding.message, explanation: finding.explanation } : { message: rule.message, explanation: rule.explanation };
}

const exampleLabel = (example: Example) => (typeof example === 'string' ? quote(example) : `${quote(example.text)} (customer: ${quote(example.customer)})`);

/** The rule's own examples that fail: flag examples it does not flag, pass examples it flags. */
export function exampleFailures(rule: CompiledRule): PackError[] {
  const failures: PackError[] = [];
  rule.examples.flag.forEach((example, i) => {
    if (exampleFindings(rule, example).length === 0) {
      failures.push({ pack: rule.packId, rule: rule.id, field: `examples.flag[${i}]`, message: `the flag example ${exampleLabel(example)} is not flagged by this rule` });
    }
  });
  rule.examples.pass.forEach((example, i) => {
    const found = exampleFindings(rule, example);
    if (found.length) {
      failures.push({ pack: rule.packId, rule: rule.id, field: `examples.pass[${i}]`, message: `the pass example ${exampleLabel(example)} is flagged by this rule (at ${quote(found[0].text)})` });
    }
  });
  return failures;
}
