// The pack editor's model, with no DOM: the form as strings (lists one entry a line), the pack it
// stands for, and what the engine says of it: the whole pack's errors (the same compilePack the
// import runs, so what the editor saves the import accepts) and, rule by rule, its own errors and
// whether each of its examples is flagged. Each rule is also compiled alone, so one rule's typo does
// not hide the other rules' example results.
import { compilePack, exampleFailures, type CompiledPack, type CompiledRule } from '../../engine';
import { canonicalPack } from '../../engine/pack-json';
import { RULE_KINDS } from '../../engine/rules';
import { describeExample, SEVERITIES, type PackError, type PackSpec, type Severity, type SuggestionSpec } from '../../engine/types';

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

export interface RuleDraft {
  key: number;
  id: string;
  category: string;
  severity: Severity;
  kind: string;
  /** The kind's value: one entry a line for a list kind. */
  matcher: string;
  unless: string;
  message: string;
  explanation: string;
  /** One a line; a line in JSON ("" to delete the words, {"transform": …}) is taken as written. */
  suggestions: string;
  flag: string;
  pass: string;
}

export interface PackDraft {
  id: string;
  name: string;
  version: string;
  language: string;
  description: string;
  categories: CategoryDraft[];
  rules: RuleDraft[];
}

let nextKey = 1;
const newKey = () => nextKey++;

export const emptyRule = (over: Partial<RuleDraft> = {}): RuleDraft => ({
  key: newKey(),
  id: '',
  category: 'cant',
  severity: 'warning',
  kind: MATCHER_KINDS[0].field,
  matcher: '',
  unless: '',
  message: '',
  explanation: '',
  suggestions: '',
  flag: '',
  pass: '',
  ...over,
});

export const emptyCategory = (): CategoryDraft => ({ key: newKey(), id: '', label: '', colour: '#0b7285' });

export const newPackDraft = (): PackDraft => ({ id: '', name: '', version: '1.0.0', language: 'en', description: '', categories: [], rules: [emptyRule()] });

/** The non-blank lines of a list field, trimmed. */
export const lines = (text: string): string[] =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');

const suggestionLine = (s: SuggestionSpec): string => (typeof s === 'string' && s !== '' && !/^["{]/.test(s) ? s : JSON.stringify(s));
const parseSuggestion = (line: string): SuggestionSpec => (/^["{]/.test(line) ? (parseJson(line) as SuggestionSpec) : line);

/** A JSON field's value, or the text itself when it is not JSON (the validator then names the field). */
function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** The form for an installed (validated) pack. */
export function draftFromSpec(spec: PackSpec): PackDraft {
  return {
    id: spec.id,
    name: spec.name,
    version: spec.version,
    language: spec.language,
    description: spec.description ?? '',
    categories: Object.entries(spec.categories ?? {}).map(([id, s]) => ({ key: newKey(), id, label: s.label, colour: s.colour })),
    rules: spec.rules.map((r) => {
      const record = r as unknown as Record<string, unknown>;
      const kind = MATCHER_KINDS.find((k) => record[k.field] !== undefined) ?? MATCHER_KINDS[0];
      const value = record[kind.field];
      const matcher = kind.input === 'lines' ? (value as string[]).join('\n') : kind.input === 'text' ? String(value) : JSON.stringify(value, null, 2);
      return emptyRule({
        id: r.id,
        category: r.category,
        severity: r.severity ?? 'warning',
        kind: kind.field,
        matcher,
        unless: (r.unless ?? []).join('\n'),
        message: r.message,
        explanation: r.explanation,
        suggestions: (r.suggestions ?? []).map(suggestionLine).join('\n'),
        flag: r.examples.flag.join('\n'),
        pass: r.examples.pass.join('\n'),
      });
    }),
  };
}

const kindOf = (rule: RuleDraft): MatcherKind => MATCHER_KINDS.find((k) => k.field === rule.kind) ?? MATCHER_KINDS[0];

/** The rule as a pack file has it (empty optional fields left out). */
export function ruleSpec(rule: RuleDraft): Record<string, unknown> {
  const kind = kindOf(rule);
  const unless = lines(rule.unless);
  const suggestions = lines(rule.suggestions).map(parseSuggestion);
  return {
    id: rule.id.trim(),
    category: rule.category,
    severity: rule.severity,
    [kind.field]: kind.input === 'lines' ? lines(rule.matcher) : kind.input === 'text' ? rule.matcher.trim() : parseJson(rule.matcher),
    ...(unless.length ? { unless } : {}),
    message: rule.message.trim(),
    explanation: rule.explanation.trim(),
    ...(suggestions.length ? { suggestions } : {}),
    examples: { flag: lines(rule.flag), pass: lines(rule.pass) },
  };
}

/** The pack the form stands for, keys in the schema's order: what export writes and save imports. */
export function packSpec(draft: PackDraft): Record<string, unknown> {
  const categories = draft.categories.filter((c) => c.id.trim() || c.label.trim());
  return canonicalPack({
    id: draft.id.trim(),
    name: draft.name.trim(),
    version: draft.version.trim(),
    language: draft.language.trim(),
    ...(draft.description.trim() ? { description: draft.description.trim() } : {}),
    ...(categories.length ? { categories: Object.fromEntries(categories.map((c) => [c.id.trim(), { label: c.label.trim(), colour: c.colour }])) } : {}),
    rules: draft.rules.map(ruleSpec),
  } as unknown as PackSpec);
}

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

/** The entry for the enterprise policy's `packs` list: the pack inline, or as a JSON string where the policy schema cannot type it (transform suggestions). */
export function policyEntry(spec: Record<string, unknown>): string {
  const rules = spec.rules as { suggestions?: unknown[] }[];
  const typed = rules.every((r) => (r.suggestions ?? []).every((s) => typeof s === 'string'));
  return JSON.stringify(typed ? { pack: spec } : { json: JSON.stringify(spec) }, null, 2);
}

export const isSeverity = (v: string): v is Severity => (SEVERITIES as readonly string[]).includes(v);
