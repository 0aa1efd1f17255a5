// The engine's public contract: rule packs in, findings out. Pure data, shared by the CLI,
// the service worker, the content script (findings only) and the options page.
import type { RuleKindFields } from './rules';

/** The coaching categories of shared/design/coaching.md; packs may add their own kebab-case ones. */
export const CORE_CATEGORIES = ['cant', 'blame', 'broken', 'apology', 'policy'] as const;
export type CoreCategory = (typeof CORE_CATEGORIES)[number];

/** Categories of the context rules (rules/cando-context.json): the reply read against the customer's message. */
export const CONTEXT_CATEGORIES = ['context-repeat', 'context-question', 'context-frustration', 'context-name', 'context-when', 'context-tried'] as const;

export const SEVERITIES = ['info', 'warning', 'error'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** A suggestion as a pack writes it: a template (`$1`, `$<name>`, `$&`) or a named transform. */
export type SuggestionSpec = string | { transform: string; args?: Record<string, string> };

/**
 * What the help desk shows of the conversation a reply answers: the customer's latest message and
 * their name. Read on the device and never sent anywhere; context rules run only when it is known.
 */
export interface CustomerContext {
  text: string;
  name?: string;
}

/** An exception: plain words or a compromise pattern, or any rule kind's field: `{"clause": {...}}`. */
export type UnlessSpec = string | RuleKindFields;

/** A condition on the customer's message: exactly one rule kind's field (phrases, pattern, regex...), with exceptions. */
export interface ConditionSpec extends RuleKindFields {
  unless?: string[];
}

/** An example of a context rule: the customer's message (and name) and the reply. */
export interface ContextExample {
  customer: string;
  customerName?: string;
  text: string;
}
export type Example = string | ContextExample;

/** The reply of an example (a context example also has the customer's message). */
export const exampleText = (example: Example): string => (typeof example === 'string' ? example : example.text);

/** An example as one line of text for people: the customer's message first for a context example. */
export const describeExample = (example: Example): string =>
  typeof example === 'string' ? example : `Customer: \u201C${example.customer}\u201D \u2192 reply: \u201C${example.text}\u201D`;

/** One rule as written in a pack (see rules/pack.schema.json). Exactly one rule kind's field is set. */
export interface RuleSpec extends RuleKindFields {
  id: string;
  category: string;
  severity?: Severity;
  unless?: UnlessSpec[];
  message: string;
  explanation: string;
  suggestions?: SuggestionSpec[];
  /** Context rules: the rule runs only when the customer's message meets this condition. */
  customer?: ConditionSpec;
  /** Context rules: words anywhere in the draft (outside quotes) that mean it already does what the rule asks. */
  unlessDraft?: string[];
  /** Context rules: match only in the draft's opening or closing sentence (greetings and sign-offs aside). */
  at?: 'opening' | 'closing';
  /** Context rules: a named check of the draft against the customer's message (src/engine/context-checks.ts). */
  check?: string;
  /** Context rules take ContextExample objects; other rules take strings. */
  examples: { flag: Example[]; pass: Example[] };
}

/** How a pack's own category is shown: its name and its underline colour (`#rrggbb`). */
export interface CategoryStyle {
  label: string;
  colour: string;
}

export interface PackSpec {
  id: string;
  name: string;
  version: string;
  language: string;
  description?: string;
  /** Labels and colours of the pack's own categories (the core ones have theirs). */
  categories?: Record<string, CategoryStyle>;
  rules: RuleSpec[];
}

/** A half-open range of string indices into the analyzed text. */
export interface TextRange {
  start: number;
  end: number;
}

export interface Finding {
  /** `pack-id/rule-id`: stable, settings and statistics key on it. */
  ruleId: string;
  category: string;
  /** The label and colour its pack declared for a category of its own. */
  categoryStyle?: CategoryStyle;
  severity: Severity;
  start: number;
  end: number;
  /** The flagged text, `input.slice(start, end)`. */
  text: string;
  message: string;
  explanation: string;
  /** Replacements for exactly `[start, end)`, best first. */
  suggestions: string[];
  /**
   * Rewrites of the finding's sentence that fix every finding in it, best first (at most three):
   * each replaces its own range of the text (the words that change). Findings of one sentence share
   * them. Tools apply `rewrites[0]` rather than `suggestions[0]` when there is one.
   */
  rewrites?: Rewrite[];
}

/** A replacement of `[start, end)` of the analyzed text by `text`. */
export interface Rewrite {
  start: number;
  end: number;
  text: string;
}

/** Why a pack was refused: names the pack, the rule and the field it concerns. */
export interface PackError {
  pack: string;
  rule?: string;
  field?: string;
  message: string;
}

/** A flag example whose finding another pack's rule replaces: the team would never see it. */
export interface ShadowedExample {
  ruleId: string;
  example: string;
  /** The rule shown instead, and its pack's name. */
  by: string;
  byPack: string;
}

/** A flag example a built-in rule also flags, where this pack's rule is shown instead. */
export interface OverriddenBuiltin {
  ruleId: string;
  example: string;
  over: string;
}
