// A pack once compiled: what the analyzer and the matcher run (compile.ts builds it).
import type { RuleKind } from './rules';
import type { Matcher } from './sentence';
import type { CompiledSuggestion } from './suggestions';
import type { ContextCheck } from './context-checks';
import type { CategoryStyle, Example, Severity } from './types';

export interface CompiledRule {
  /** `pack-id/rule-id`. */
  readonly fullId: string;
  readonly id: string;
  readonly packId: string;
  readonly kind: RuleKind;
  readonly category: string;
  /** The label and colour the pack declared for its own category. */
  readonly categoryStyle?: CategoryStyle;
  readonly severity: Severity;
  readonly message: string;
  readonly explanation: string;
  readonly examples: { readonly flag: readonly Example[]; readonly pass: readonly Example[] };
  readonly matcher: Matcher;
  /** `unless`: a match overlapped by any of these is cancelled. */
  readonly exceptions: readonly Matcher[];
  readonly suggestions: readonly CompiledSuggestion[];
  /** Context rules only: the condition on the customer's message and the checks against it. */
  readonly context?: CompiledContext;
}

/** A context rule's condition on the customer's message: a matcher and its exceptions. */
export interface CompiledCondition {
  readonly matcher: Matcher;
  readonly exceptions: readonly Matcher[];
}

/** What a context rule adds to a rule (see context.ts). */
export interface CompiledContext {
  readonly customer: CompiledCondition;
  readonly unlessDraft: readonly Matcher[];
  readonly at?: 'opening' | 'closing';
  readonly check?: ContextCheck;
}

export interface CompiledPack {
  readonly id: string;
  readonly name: string;
  readonly version: string;
  readonly language: string;
  readonly description?: string;
  readonly categories?: Readonly<Record<string, CategoryStyle>>;
  readonly rules: readonly CompiledRule[];
}
