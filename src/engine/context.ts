// Context rules: rules that read the reply against the customer's message (the `customer`,
// `unlessDraft`, `at` and `check` fields of a rule). A context rule runs only when the customer's
// message is known and meets its condition; its own matcher then finds the span to underline in the
// draft, as any rule's does. Without a customer message there is never a context finding.
import type { CompiledContext, CompiledRule } from './compiled';
import { CONTEXT_CHECKS, type ContextCheck } from './context-checks';
import { compileException } from './exceptions';
import { matchRule, ownSentenceRanges, toFinding } from './match';
import { RULE_KINDS } from './rules';
import { mayMatch, Sentence, type Matcher, type MatcherResult, type RawMatch } from './sentence';
import type { ConditionSpec, CustomerContext, Finding, RuleSpec, TextRange } from './types';

type Fail = (field: string, message: string) => void;

/** Compiles a rule's context fields; undefined (with errors recorded) when one is wrong, null for a rule without context. */
export function compileContext(spec: RuleSpec, fail: Fail): CompiledContext | null | undefined {
  if (!spec.customer) return null;
  let ok = true;
  const exceptions = (entries: readonly string[] | undefined, field: string): Matcher[] =>
    (entries ?? []).flatMap((entry, i) => {
      const r = compileException(entry);
      if (r.ok) return [r.matcher];
      ok = false;
      fail(`${field}[${i}]`, `the exception ${r.message}`);
      return [];
    });
  const condition = compileCondition(spec.customer, fail);
  const customerExceptions = exceptions(spec.customer.unless, 'customer.unless');
  const unlessDraft = exceptions(spec.unlessDraft, 'unlessDraft');
  let check: ContextCheck | undefined;
  if (spec.check !== undefined) {
    check = CONTEXT_CHECKS.get(spec.check);
    if (!check) {
      ok = false;
      fail('check', `names the unknown check "${spec.check}" (known: ${[...CONTEXT_CHECKS.keys()].join(', ')})`);
    }
  }
  if (!condition || !ok) return undefined;
  return { customer: { matcher: condition, exceptions: customerExceptions }, unlessDraft, ...(spec.at && { at: spec.at }), ...(check && { check }) };
}

/** The condition's one rule-kind field, compiled as a rule's own would be (validatePackShape let through exactly one). */
function compileCondition(spec: ConditionSpec, fail: Fail): Matcher | undefined {
  const kind = RULE_KINDS.find((k) => spec[k.field] !== undefined)!;
  const result = (kind.compile as (value: unknown) => MatcherResult)(spec[kind.field]);
  if (result.ok) return result.matcher;
  fail(`customer.${kind.field}`, `${kind.noun} ${result.message}`);
  return undefined;
}

const overlaps = (a: TextRange, b: TextRange) => a.start < b.end && b.start < a.end;

/** The matches of a matcher (minus its exceptions) in one sentence. */
function conditionMatches(matcher: Matcher, exceptions: readonly Matcher[], sentence: Sentence): RawMatch[] {
  if (!mayMatch(matcher, sentence)) return [];
  const found = matcher.find(sentence);
  if (!found.length) return [];
  const cancelled = exceptions.flatMap((e) => (mayMatch(e, sentence) ? e.find(sentence) : []));
  return found.filter((m) => !cancelled.some((c) => overlaps(c, m)));
}

/** True when the customer's message has words (not only a mention, a link or punctuation). */
export function hasCustomerMessage(customer: CustomerContext | undefined): customer is CustomerContext {
  return !!customer && /\p{L}{2}/u.test(customer.text.replace(/https?:\/\/\S+|@\w+/g, ''));
}

/** The customer's own sentences: their message minus quoted history, as for a draft. */
export const customerSentences = (text: string): string[] => ownSentenceRanges(text).map((r) => text.slice(r.start, r.end));

// A greeting or mentions at the start of a reply ("Hi Maria,", "@acme @maria"), and a sign-off
// line at its end ("Thanks,", "Best regards", "-Dana", "^JD"): not the reply's opening or closing.
const LEADING_GREETING = /^(?:@\w+[\s,]*)*(?:(?:hi|hello|hey|dear|good (?:morning|afternoon|evening)|greetings)\b(?:\s+(?:there|again|all|team|everyone|folks)\b)?(?:\s+(?:mrs|mr|ms|miss|dr)\b\.?)?)?/i;
// The names after a greeting word, capitalised (a separate regex: with the i flag \p{Lu} would match any letter).
const GREETED_NAMES = /^(?:\s+\p{Lu}[\p{L}'-]*){0,2}\s*[,!.:]?\s*/u;
const SIGN_OFF = /^(?:(?:thanks|thank you|many thanks|cheers|best|regards|kind regards|best regards|warm regards|sincerely|warmly|take care|all the best)(?:\s+\p{L}+)?\s*[,!.]?|[-–—~^*]\s*\p{L}[\p{L}. ]{0,30})$/iu;
// A line that is only a name ("Sam", "Dana Kim"): capitalised, so a separate regex without the i flag.
const NAME_LINE = /^\p{Lu}[\p{L}'-]+(?:\s+\p{Lu}[\p{L}'-]+)?$/u;

/** The opening sentence of the draft (greeting and mentions cut off), or its closing one (sign-off lines skipped). */
function sentenceAt(draft: string, ranges: readonly TextRange[], at: 'opening' | 'closing'): TextRange | undefined {
  if (at === 'opening') {
    for (const r of ranges) {
      const sentence = draft.slice(r.start, r.end);
      const greeting = LEADING_GREETING.exec(sentence)?.[0] ?? '';
      const cut = greeting.length + (GREETED_NAMES.exec(sentence.slice(greeting.length))?.[0].length ?? 0);
      if (r.start + cut < r.end) return { start: r.start + cut, end: r.end };
    }
    return undefined;
  }
  return [...ranges].reverse().find((r) => {
    const line = draft.slice(r.start, r.end).trim();
    return !SIGN_OFF.test(line) && !NAME_LINE.test(line);
  });
}

/** The findings of one context rule for a draft answering `customer`. */
export function contextFindings(rule: CompiledRule, context: CompiledContext, draft: string, skip: readonly TextRange[], customer: CustomerContext | undefined): Finding[] {
  if (!hasCustomerMessage(customer)) return [];
  const customerMatches: string[] = [];
  const ownCustomerSentences = customerSentences(customer.text);
  for (const text of ownCustomerSentences) {
    const sentence = new Sentence(text);
    for (const m of conditionMatches(context.customer.matcher, context.customer.exceptions, sentence)) customerMatches.push(text.slice(m.start, m.end));
  }
  if (!customerMatches.length) return [];
  const draftSentences = ownSentenceRanges(draft, skip);
  let ranges = draftSentences;
  const sentences = ranges.map((r) => new Sentence(draft.slice(r.start, r.end)));
  if (context.unlessDraft.some((m) => sentences.some((s) => conditionMatches(m, [], s).length))) return [];
  if (context.at) {
    const only = sentenceAt(draft, ranges, context.at);
    ranges = only ? [only] : [];
  }
  let findings = ranges.flatMap((r) => matchRule(rule, new Sentence(draft.slice(r.start, r.end))).map((f) => toFinding(draft, r.start, f)));
  if (context.check) findings = context.check({ draft, draftSentences, ownText: sentences.map((s) => s.text).join('\n'), customer, customerSentences: ownCustomerSentences, customerMatches, findings });
  return findings;
}
