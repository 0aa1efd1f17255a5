// What a rule kind declares: the rule field that names it, how that field's value is checked and
// compiled, and its fragment of the pack schema. The kinds are listed in ./index.ts.
import type { Matcher, MatcherResult } from '../sentence';

/** Records problems with one rule field while its value is checked. */
export interface FieldCheck {
  /** A problem with the field, or with a part of it (`sub`, e.g. "[2]" or ".subject"). */
  fail(message: string, sub?: string): void;
  /** A non-empty list of plain-text strings; undefined (problems recorded) if it is not one. */
  textList(value: unknown, maxItems: number, maxLength: number, sub?: string): string[] | undefined;
}

export interface RuleKindDefinition<Field extends string = string, Value = unknown> {
  /** The rule field that selects this kind, e.g. "phrases". */
  readonly field: Field;
  /** How a compile error names the field's value: "a phrase", "the pattern". */
  readonly noun: string;
  /** The value as written, checked; undefined when `check` recorded a problem. */
  validate(value: unknown, check: FieldCheck): Value | undefined;
  compile(value: Value): MatcherResult;
  /** A warning about a compiled matcher that works but is slow or surprising. */
  warning?(matcher: Matcher): string | undefined;
  /** The field's JSON schema (draft-07); may refer to the pack schema's `#/definitions`. */
  readonly schema: Record<string, unknown>;
}

/** A plain non-empty string of at most `max` characters (patterns and regexes). */
export function validateSource(value: unknown, check: FieldCheck, max: number): string | undefined {
  if (typeof value !== 'string' || value === '') return void check.fail('must be a non-empty string');
  if (value.length > max) return void check.fail(`is longer than ${max} characters`);
  return value;
}
