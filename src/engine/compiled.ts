// A pack once compiled: what the analyser and the matcher run (compile.ts builds it).
import type { RuleKind } from './rules';
import type { Matcher } from './sentence';
import type { CompiledSuggestion } from './suggestions';
import type { Severity } from './types';

export interface CompiledRule {
  /** `pack-id/rule-id`. */
  readonly fullId: string;
  readonly id: string;
  readonly packId: string;
  readonly kind: RuleKind;
  readonly category: string;
  readonly severity: Severity;
  readonly message: string;
  readonly explanation: string;
  readonly examples: { readonly flag: readonly string[]; readonly pass: readonly string[] };
  readonly matcher: Matcher;
  /** `unless`: a match overlapped by any of these is cancelled. */
  readonly exceptions: readonly Matcher[];
  readonly suggestions: readonly CompiledSuggestion[];
}

export interface CompiledPack {
  readonly id: string;
  readonly name: string;
  readonly version: string;
  readonly language: string;
  readonly description?: string;
  readonly rules: readonly CompiledRule[];
}
