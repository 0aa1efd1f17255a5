// The pack editor's model, with no DOM: the form as strings (lists one entry a line), the pack it
// stands for, and what the engine says of it: the whole pack's errors (the same compilePack the
// import runs, so what the editor saves the import accepts) and, rule by rule, its own errors and
// whether each of its examples is flagged. Each rule is also compiled alone, so one rule's typo does
// not hide the other rules' example results.
import { compilePack, exampleFailures, type CompiledPack, type CompiledRule } from '../../engine';
import { canonicalPack } from '../../engine/pack-json';
import { RULE_KINDS } from '../../engine/rules';
import { CONTEXT_CHECKS } from '../../engine/context-checks';
import { managedPolicy } from '../../shared/rollout-policy';
import { describeExample, SEVERITIES, type PackError, type PackSpec, type RuleSpec, type Severity } from '../../engine/types';

/**
 * A rule kind as the form edits it: the field a rule of that kind sets, and how its value is typed:
 * a list of strings one a line, one line of text, or JSON for a kind whose value is anything else.
 */
export interface MatcherKind {
  field: string;
  label: string;
  input: 'lines' | 'text' | 'json';
  hint: string;
}

const KIND_LABELS: Record<string, string> = { phrases: 'Phrases', pattern: 'Pattern', regex: 'Regular expression' };
const inputOf = (schema: Record<string, unknown>): MatcherKind['input'] => {
  if (schema.type === 'string') return 'text';
  const items = schema.items as { type?: unknown; allOf?: unknown } | undefined;
  return schema.type === 'array' && (items?.type === 'string' || items?.allOf !== undefined) ? 'lines' : 'json';
};

/** The kinds of the engine's rule-kind registry, in its order: a kind added there appears in the form. */
export const MATCHER_KINDS: readonly MatcherKind[] = RULE_KINDS.map((k) => {
  const input = inputOf(k.schema);
  const described = typeof k.schema.description === 'string' ? k.schema.description : '';
  return {
    field: k.field,
    label: KIND_LABELS[k.field] ?? k.field.replace(/^./, (c) => c.toUpperCase()).replace(/-/g, ' '),
    input,
    hint: input === 'lines' ? `One a line. ${described}` : input === 'json' ? `As JSON. ${described}` : described,
  };
});

export interface CategoryDraft {
  /** Stable across edits, for the form's keys. */
  key: number;
  id: string;
  label: string;
  colour: string;
}

/** Where a context rule looks in the draft: anywhere (""), or only its opening or closing sentence. */
export const PLACES = ['', 'opening', 'closing'] as const;
export type Place = (typeof PLACES)[number];

export interface RuleDraft {
  key: number;
  id: string;
  category: string;
  severity: Severity;
  /** The pack wrote a severity (or the lead chose one): a rule that left it out stays without one. */
  severityWritten: boolean;
  kind: string;
  /** The kind's value: one entry a line for a list kind. */
  matcher: string;
  /** One a line; a line in JSON ({"clause": …}) is taken as written. */
  unless: string;
  /** Context rules: the rule kind of the condition on the customer's message; "" for a rule that does not read it. */
  customerKind: string;
  customerMatcher: string;
  customerUnless: string;
  /** Context rules: words in the draft that mean it already does what the rule asks, one a line. */
  unlessDraft: string;
  at: Place;
  /** Context rules: a named check of src/engine/context-checks.ts, or "". */
  check: string;
  message: string;
  explanation: string;
  /** One a line; a line in JSON ("" to delete the words, {"transform": …}) is taken as written. */
  suggestions: string;
  /** One example a line; a context rule's examples are JSON lines {"customer", "customerName"?, "text"}. */
  flag: string;
  pass: string;
  /** The rule's fields this form has no input for (a field added to the format later), written back as they were. */
  other: Record<string, unknown>;
}

export interface PackDraft {
  id: string;
  name: string;
  version: string;
  language: string;
  description: string;
  categories: CategoryDraft[];
  rules: RuleDraft[];
  /** The pack's fields this form has no input for (`$schema`, a field added later), written back as they were. */
  other: Record<string, unknown>;
}

let nextKey = 1;
const newKey = () => nextKey++;

export const emptyRule = (over: Partial<RuleDraft> = {}): RuleDraft => ({
  key: newKey(),
  id: '',
  category: 'cant',
  severity: 'warning',
  severityWritten: true,
  kind: MATCHER_KINDS[0].field,
  matcher: '',
  unless: '',
  customerKind: '',
  customerMatcher: '',
  customerUnless: '',
  unlessDraft: '',
  at: '',
  check: '',
  message: '',
  explanation: '',
  suggestions: '',
  flag: '',
  pass: '',
  other: {},
  ...over,
});

export const emptyCategory = (): CategoryDraft => ({ key: newKey(), id: '', label: '', colour: '#0b7285' });

export const newPackDraft = (): PackDraft => ({ id: '', name: '', version: '1.0.0', language: 'en', description: '', categories: [], rules: [emptyRule()], other: {} });

/** The non-blank lines of a list field, trimmed. */
export const lines = (text: string): string[] =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');

const startsLikeJson = (line: string) => /^["{]/.test(line);

/**
 * One entry of a list field as its line: as written, or as JSON where the bare line would not give
 * the entry back (an object, an empty string, spaces at either end, a line break, a leading `"` or `{`).
 */
export const entryLine = (entry: unknown): string =>
  typeof entry === 'string' && entry !== '' && entry === entry.trim() && !entry.includes('\n') && !startsLikeJson(entry) ? entry : JSON.stringify(entry);

/** A line of a list field as its entry: a line that reads as JSON is taken as written ("{walk}" is a pattern, not JSON). */
const lineEntry = (line: string): unknown => (startsLikeJson(line) ? parseJson(line) : line);

const listText = (list: readonly unknown[] | undefined): string => (list ?? []).map(entryLine).join('\n');
const listValue = (text: string): unknown[] => lines(text).map(lineEntry);

/** A JSON field's value, or the text itself when it is not JSON (the validator then names the field). */
function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

const kindNamed = (field: string): MatcherKind => MATCHER_KINDS.find((k) => k.field === field) ?? MATCHER_KINDS[0];

/** A rule kind's value as the form shows it. */
function matcherText(kind: MatcherKind, value: unknown): string {
  if (kind.input === 'lines') return listText(value as unknown[]);
  return kind.input === 'text' ? String(value) : JSON.stringify(value, null, 2);
}

/** What the form's text stands for: a pattern or regex exactly as typed (a space in a regex matters). */
function matcherValue(kind: MatcherKind, text: string): unknown {
  if (kind.input === 'lines') return listValue(text);
  return kind.input === 'text' ? text : parseJson(text);
}

/** The fields of `record` other than `known`. */
const otherFields = (record: object, known: ReadonlySet<string>): Record<string, unknown> =>
  Object.fromEntries(Object.entries(record).filter(([k]) => !known.has(k)));

// The fields the form has inputs for; any other field (one added to the format later) is kept in `other`.
const KIND_FIELDS = MATCHER_KINDS.map((k) => k.field);
const PACK_FIELDS = new Set(['id', 'name', 'version', 'language', 'description', 'categories', 'rules']);
const RULE_FIELDS = new Set(['id', 'category', 'severity', ...KIND_FIELDS, 'unless', 'customer', 'unlessDraft', 'at', 'check', 'message', 'explanation', 'suggestions', 'examples']);

/** The form for a rule of a pack. */
export function ruleDraft(rule: RuleSpec): RuleDraft {
  const record = rule as unknown as Record<string, unknown>;
  const kind = MATCHER_KINDS.find((k) => record[k.field] !== undefined) ?? MATCHER_KINDS[0];
  const condition = rule.customer as Record<string, unknown> | undefined;
  const customerKind = condition ? (MATCHER_KINDS.find((k) => condition[k.field] !== undefined) ?? MATCHER_KINDS[0]) : undefined;
  return emptyRule({
    id: rule.id,
    category: rule.category,
    severity: rule.severity ?? 'warning',
    severityWritten: rule.severity !== undefined,
    kind: kind.field,
    matcher: matcherText(kind, record[kind.field]),
    unless: listText(rule.unless),
    customerKind: customerKind?.field ?? '',
    customerMatcher: customerKind ? matcherText(customerKind, condition![customerKind.field]) : '',
    customerUnless: listText(rule.customer?.unless),
    unlessDraft: listText(rule.unlessDraft),
    at: rule.at ?? '',
    check: rule.check ?? '',
    message: rule.message,
    explanation: rule.explanation,
    suggestions: listText(rule.suggestions),
    flag: listText(rule.examples.flag),
    pass: listText(rule.examples.pass),
    other: otherFields(rule, RULE_FIELDS),
  });
}

/** The form for an installed (validated) pack. */
export function draftFromSpec(spec: PackSpec & { $schema?: string }): PackDraft {
  return {
    id: spec.id,
    name: spec.name,
    version: spec.version,
    language: spec.language,
    description: spec.description ?? '',
    categories: Object.entries(spec.categories ?? {}).map(([id, s]) => ({ key: newKey(), id, label: s.label, colour: s.colour })),
    rules: spec.rules.map(ruleDraft),
    other: otherFields(spec, PACK_FIELDS),
  };
}

/** The rule as a pack file has it (empty optional fields left out). */
export function ruleSpec(rule: RuleDraft): Record<string, unknown> {
  const kind = kindNamed(rule.kind);
  const unless = listValue(rule.unless);
  const suggestions = listValue(rule.suggestions);
  const customerKind = rule.customerKind ? kindNamed(rule.customerKind) : undefined;
  const customerUnless = listValue(rule.customerUnless);
  const unlessDraft = listValue(rule.unlessDraft);
  return {
    ...rule.other,
    id: rule.id.trim(),
    category: rule.category,
    ...(rule.severityWritten || rule.severity !== 'warning' ? { severity: rule.severity } : {}),
    [kind.field]: matcherValue(kind, rule.matcher),
    ...(unless.length ? { unless } : {}),
    ...(customerKind
      ? { customer: { [customerKind.field]: matcherValue(customerKind, rule.customerMatcher), ...(customerUnless.length ? { unless: customerUnless } : {}) } }
      : {}),
    ...(unlessDraft.length ? { unlessDraft } : {}),
    ...(rule.at ? { at: rule.at } : {}),
    ...(rule.check ? { check: rule.check } : {}),
    message: rule.message.trim(),
    explanation: rule.explanation.trim(),
    ...(suggestions.length ? { suggestions } : {}),
    examples: { flag: listValue(rule.flag), pass: listValue(rule.pass) },
  };
}

/** The pack the form stands for, keys in the schema's order: what export writes and save imports. */
export function packSpec(draft: PackDraft): Record<string, unknown> {
  const categories = draft.categories.filter((c) => c.id.trim() || c.label.trim());
  return canonicalPack({
    ...draft.other,
    id: draft.id.trim(),
    name: draft.name.trim(),
    version: draft.version.trim(),
    language: draft.language.trim(),
    ...(draft.description.trim() ? { description: draft.description.trim() } : {}),
    ...(categories.length ? { categories: Object.fromEntries(categories.map((c) => [c.id.trim(), { label: c.label.trim(), colour: c.colour }])) } : {}),
    rules: draft.rules.map(ruleSpec),
  } as unknown as PackSpec);
}

/** A context rule's example as the form edits it. */
export interface ContextExampleDraft {
  customer: string;
  customerName: string;
  text: string;
}

/** The examples of a list field as context examples (a plain line is a reply whose customer message is still to be written). */
export const contextExamples = (text: string): ContextExampleDraft[] =>
  listValue(text).map((entry) => {
    const e = (typeof entry === 'object' && entry !== null ? entry : { text: String(entry) }) as Partial<Record<keyof ContextExampleDraft, unknown>>;
    const field = (v: unknown) => (typeof v === 'string' ? v : v === undefined ? '' : JSON.stringify(v));
    return { customer: field(e.customer), customerName: field(e.customerName), text: field(e.text) };
  });

/** Context examples back as the list field's lines (a name left blank is left out). */
export const contextExampleLines = (examples: readonly ContextExampleDraft[]): string =>
  listText(examples.map((e) => ({ customer: e.customer, ...(e.customerName ? { customerName: e.customerName } : {}), text: e.text })));

/** The named checks a context rule can add. */
export const CHECK_NAMES: readonly string[] = [...CONTEXT_CHECKS.keys()];

export interface ExampleResult {
  text: string;
  /** The rule does with it what the example says (flags a flag example, leaves a pass example). */
  ok: boolean;
  /** The words it flagged, for a pass example it should not have. */
  flagged?: string;
}

export interface RuleCheck {
  /** The RuleDraft's key. */
  key: number;
  /** The rule's own errors (shape, matcher, suggestions), examples left out. */
  errors: PackError[];
  /** Per example, when the rule compiled. */
  flag: ExampleResult[];
  pass: ExampleResult[];
  compiled?: CompiledRule;
}

export interface DraftCheck {
  /** The whole pack, as the import would judge it: ok means it can be saved. */
  pack: { ok: true; compiled: CompiledPack } | { ok: false; errors: PackError[] };
  rules: RuleCheck[];
}

/** A header that is always valid, so a rule can be compiled alone while the pack's own header is being written. */
const RULE_ALONE = { id: 'draft', name: 'Draft', version: '0.0.0', language: 'en' };

function checkRule(rule: RuleDraft): RuleCheck {
  const result = compilePack({ ...RULE_ALONE, rules: [ruleSpec(rule)] }, { runExamples: false });
  if (!result.ok) return { key: rule.key, errors: result.errors, flag: [], pass: [] };
  const compiled = result.pack.rules[0];
  const failed = new Map(exampleFailures(compiled).map((e) => [e.field, e.message]));
  const results = (kind: 'flag' | 'pass') =>
    compiled.examples[kind].map((example, i): ExampleResult => {
      const text = describeExample(example);
      const failure = failed.get(`examples.${kind}[${i}]`);
      const flagged = failure ? /\(at "(.*)"\)$/.exec(failure)?.[1] : undefined;
      return { text, ok: !failure, ...(flagged !== undefined ? { flagged } : {}) };
    });
  return { key: rule.key, errors: [], flag: results('flag'), pass: results('pass'), compiled };
}

/**
 * Checks the form. `takenIds` are pack ids the import would refuse to replace (built-in, managed,
 * subscribed packs): saving under one is refused here already.
 */
export function checkDraft(draft: PackDraft, takenIds: ReadonlySet<string> = new Set()): DraftCheck {
  const rules = draft.rules.map(checkRule);
  const spec = packSpec(draft);
  const whole = compilePack(spec);
  const id = String(spec.id);
  const taken: PackError[] = takenIds.has(id) ? [{ pack: id, field: 'id', message: `"${id}" is the id of a pack that is not yours to replace (built in, your organisation’s or a subscription): give your pack its own id` }] : [];
  const pack: DraftCheck['pack'] = whole.ok && !taken.length ? { ok: true, compiled: whole.pack } : { ok: false, errors: [...taken, ...(whole.ok ? [] : whole.errors)] };
  return { pack, rules };
}

/** Errors of the whole pack that no rule shows by itself: the header, the categories, duplicate rule ids, the size. */
export function packLevelErrors(check: DraftCheck): PackError[] {
  if (check.pack.ok) return [];
  const shownByRules = new Set(check.rules.flatMap((r) => r.errors.map((e) => `${e.field}:${e.message}`)));
  return check.pack.errors.filter((e) => !e.rule || (!e.field?.startsWith('examples.') && !shownByRules.has(`${e.field}:${e.message}`)));
}

/**
 * The entry for the enterprise policy's `packs` list: the pack as a JSON string, as `cando policy`
 * writes it. The browsers check a policy against CanDo's schema (src/background/managed-schema.json),
 * which cannot type every pack field (transform suggestions, clause frames, context rules and their
 * examples); a string carries them all unchanged.
 */
export const policyEntry = (spec: Record<string, unknown>): string => JSON.stringify(managedPolicy({ packs: [spec] }).packs![0], null, 2);

export const isSeverity = (v: string): v is Severity => (SEVERITIES as readonly string[]).includes(v);
