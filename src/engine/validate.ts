// Hand-written validation of a pack's shape (no code generated at runtime, so it runs under MV3's
// CSP). rules/pack.schema.json documents the same format; a unit test keeps the two in agreement.
// Reads only own properties and builds fresh objects, so keys like "__proto__" cannot pollute.
import { nearestName } from './diagnostics';
import { placeholderProblem } from './flagged-words';
import { LIMITS } from './limits';
import { RULE_KINDS } from './rules';
import type { FieldCheck } from './rules/kind';
import { plainTextProblem } from './text';
import { CORE_CATEGORIES, SEVERITIES, type CategoryStyle, type ConditionSpec, type ContextExample, type Example, type PackError, type PackSpec, type RuleSpec, type SuggestionSpec, type UnlessSpec } from './types';

export const ID_SYNTAX = /^[a-z0-9]+(?:[-_.][a-z0-9]+)*$/;
export const CATEGORY_SYNTAX = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;
export const VERSION_SYNTAX = /^\d+\.\d+\.\d+(?:[-+][0-9A-Za-z.-]+)?$/;
export const LANGUAGE_SYNTAX = /^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/;
export const COLOUR_SYNTAX = /^#[0-9a-fA-F]{6}$/;
export const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

const PACK_FIELDS = new Set(['$schema', 'id', 'name', 'version', 'language', 'description', 'categories', 'rules']);
const RULE_FIELDS = new Set(['id', 'category', 'severity', ...RULE_KINDS.map((k) => k.field), 'unless', 'message', 'explanation', 'suggestions', 'examples', 'customer', 'unlessDraft', 'at', 'check']);
const CATEGORY_FIELDS = new Set(['label', 'colour']);
const EXAMPLE_FIELDS = new Set(['flag', 'pass']);
const CONDITION_FIELDS = new Set([...RULE_KINDS.map((k) => k.field), 'unless']);
const KIND_FIELDS = new Set(RULE_KINDS.map((k) => k.field));
const CONTEXT_EXAMPLE_FIELDS = new Set(['customer', 'customerName', 'text']);
const CONTEXT_ONLY_FIELDS = ['unlessDraft', 'at', 'check'] as const;
const TRANSFORM_FIELDS = new Set(['transform', 'args']);

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const own = (o: Json, key: string): unknown => (Object.prototype.hasOwnProperty.call(o, key) ? o[key] : undefined);

export type ValidationResult = { ok: true; spec: PackSpec } | { ok: false; errors: PackError[] };

/** Checks a parsed pack's shape and plain-text fields. `packLabel` names it until its id is known. */
export function validatePackShape(input: unknown, packLabel: string): ValidationResult {
  const errors: PackError[] = [];
  if (!isObject(input)) return { ok: false, errors: [{ pack: packLabel, message: 'a pack must be a JSON object' }] };
  const rawId = own(input, 'id');
  const pack = typeof rawId === 'string' && rawId ? rawId : packLabel;
  const fail = (message: string, field?: string, rule?: string) => errors.push({ pack, ...(rule !== undefined && { rule }), ...(field !== undefined && { field }), message });

  const unknownFields = (o: Json, allowed: Set<string>, where: string, rule?: string) => {
    for (const key of Object.keys(o)) {
      if (FORBIDDEN_KEYS.has(key)) fail(`the key "${key}" is not allowed`, where ? `${where}.${key}` : key, rule);
      else if (!allowed.has(key)) {
        const near = nearestName(key, allowed);
        fail(`unknown field "${key}"${near ? `; did you mean "${near}"?` : ''}`, where ? `${where}.${key}` : key, rule);
      }
    }
  };
  const text = (value: unknown, field: string, max: number, opts: { rule?: string; required?: boolean; multiline?: boolean } = {}): string | undefined => {
    if (value === undefined) {
      if (opts.required !== false) fail('is missing', field, opts.rule);
      return undefined;
    }
    if (typeof value !== 'string') return void fail('must be a string', field, opts.rule);
    if (value.trim() === '') return void fail('must not be empty', field, opts.rule);
    if (value.length > max) return void fail(`is longer than ${max} characters`, field, opts.rule);
    const problem = plainTextProblem(value, { multiline: opts.multiline });
    if (problem) return void fail(problem, field, opts.rule);
    return value;
  };
  /** A message or explanation: plain text whose only placeholder is {flagged}. */
  const template = (value: string | undefined, field: string, rule: string): string | undefined => {
    const problem = value === undefined ? null : placeholderProblem(value);
    return problem ? void fail(problem, field, rule) : value;
  };
  const syntax = (value: unknown, field: string, re: RegExp, what: string, rule?: string): string | undefined => {
    if (value === undefined) return void fail('is missing', field, rule);
    if (typeof value !== 'string') return void fail('must be a string', field, rule);
    if (!re.test(value)) return void fail(`"${value.slice(0, 80)}" is not ${what}`, field, rule);
    return value;
  };
  const textList = (value: unknown, field: string, maxItems: number, maxLength: number, rule: string, multiline = false): string[] | undefined => {
    if (value === undefined) return undefined;
    if (!Array.isArray(value)) return void fail('must be a list of strings', field, rule);
    if (value.length === 0) return void fail('must not be an empty list', field, rule);
    if (value.length > maxItems) return void fail(`has more than ${maxItems} entries`, field, rule);
    const items = value.map((v, i) => text(v, `${field}[${i}]`, maxLength, { rule, multiline }));
    return items.every((v) => v !== undefined) ? (items as string[]) : undefined;
  };

  unknownFields(input, PACK_FIELDS, '');
  const id = syntax(rawId, 'id', ID_SYNTAX, `a valid id (lower-case letters, digits and - _ . between them, at most ${LIMITS.idLength} characters)`);
  if (id && id.length > LIMITS.idLength) fail(`is longer than ${LIMITS.idLength} characters`, 'id');
  const name = text(own(input, 'name'), 'name', LIMITS.nameLength);
  const version = syntax(own(input, 'version'), 'version', VERSION_SYNTAX, 'a version like 1.0.0');
  const language = syntax(own(input, 'language'), 'language', LANGUAGE_SYNTAX, 'a language tag like "en" or "en-GB"');
  const description = text(own(input, 'description'), 'description', LIMITS.descriptionLength, { required: false, multiline: true });
  const schema = own(input, '$schema');
  if (schema !== undefined && typeof schema !== 'string') fail('must be a string', '$schema');
  const categories = validateCategories(own(input, 'categories'));

  const rawRules = own(input, 'rules');
  const rules: RuleSpec[] = [];
  if (rawRules === undefined) fail('is missing', 'rules');
  else if (!Array.isArray(rawRules)) fail('must be a list of rules', 'rules');
  else if (rawRules.length === 0) fail('must contain at least one rule', 'rules');
  else if (rawRules.length > LIMITS.rules) fail(`has ${rawRules.length} rules; at most ${LIMITS.rules} are allowed`, 'rules');
  else {
    const seen = new Set<string>();
    rawRules.forEach((raw, index) => {
      const ruleSpec = validateRule(raw, index);
      if (!ruleSpec) return;
      if (seen.has(ruleSpec.id)) fail(`the rule id "${ruleSpec.id}" is used twice`, 'id', ruleSpec.id);
      seen.add(ruleSpec.id);
      rules.push(ruleSpec);
    });
  }

  function validateRule(raw: unknown, index: number): RuleSpec | undefined {
    const label = isObject(raw) && typeof own(raw, 'id') === 'string' && own(raw, 'id') ? (own(raw, 'id') as string) : `rules[${index}]`;
    if (!isObject(raw)) return void fail('a rule must be a JSON object', undefined, label);
    const before = errors.length;
    unknownFields(raw, RULE_FIELDS, '', label);
    const ruleId = syntax(own(raw, 'id'), 'id', ID_SYNTAX, 'a valid rule id (lower-case letters, digits and - _ . between them)', label);
    if (ruleId && ruleId.length > LIMITS.idLength) fail(`is longer than ${LIMITS.idLength} characters`, 'id', label);
    const category = syntax(own(raw, 'category'), 'category', CATEGORY_SYNTAX, `a category (${CORE_CATEGORIES.join(', ')}, or a kebab-case name of the pack's own)`, label);
    const severity = own(raw, 'severity');
    if (severity !== undefined && !SEVERITIES.includes(severity as never)) fail(`must be one of ${SEVERITIES.join(', ')}`, 'severity', label);

    const kindFields = matcherFields(raw, '', label, 'a rule');
    const unless = validateUnless(own(raw, 'unless'), label);
    const context = validateContext(raw, label);

    const message = template(text(own(raw, 'message'), 'message', LIMITS.messageLength, { rule: label }), 'message', label);
    const explanation = template(text(own(raw, 'explanation'), 'explanation', LIMITS.explanationLength, { rule: label, multiline: true }), 'explanation', label);
    const suggestions = validateSuggestions(own(raw, 'suggestions'), label);

    const examples = own(raw, 'examples');
    let flag: Example[] | undefined;
    let pass: Example[] | undefined;
    if (!isObject(examples)) fail(examples === undefined ? 'is missing' : 'must be an object with flag and pass lists', 'examples', label);
    else {
      unknownFields(examples, EXAMPLE_FIELDS, 'examples', label);
      for (const kind of ['flag', 'pass'] as const) {
        const list = own(examples, kind);
        if (list === undefined) fail(`is missing: every rule needs at least one ${kind} example`, `examples.${kind}`, label);
        const checked = context?.customer ? contextExamples(list, `examples.${kind}`, label) : textList(list, `examples.${kind}`, LIMITS.examplesPerKind, LIMITS.exampleLength, label, true);
        if (kind === 'flag') flag = checked;
        else pass = checked;
      }
    }
    if (errors.length > before) return undefined;
    return {
      id: ruleId!,
      category: category!,
      severity: (severity as RuleSpec['severity']) ?? 'warning',
      ...kindFields,
      ...(unless && { unless }),
      message: message!,
      explanation: explanation!,
      ...(suggestions && { suggestions }),
      ...context,
      examples: { flag: flag!, pass: pass! },
    };
  }

  /** The one rule-kind field of a rule or of its customer condition (`where` is "" or "customer."), checked by its kind. */
  function matcherFields(raw: Json, where: string, label: string, what: string): Record<string, unknown> {
    const kinds = RULE_KINDS.filter((k) => own(raw, k.field) !== undefined);
    if (kinds.length !== 1) {
      const fields = RULE_KINDS.map((k) => k.field);
      const oneOf = `${fields.slice(0, -1).join(', ')} or ${fields[fields.length - 1]}`;
      fail(kinds.length ? `has ${kinds.map((k) => k.field).join(' and ')}; ${what} has exactly one` : `needs one of ${oneOf}`, `${where}${kinds[1]?.field ?? fields[0]}`, label);
    }
    const kindFields: Record<string, unknown> = {};
    for (const kind of kinds) {
      const check: FieldCheck = {
        fail: (message, sub = '') => fail(message, `${where}${kind.field}${sub}`, label),
        textList: (value, maxItems, maxLength, sub = '') => textList(value, `${where}${kind.field}${sub}`, maxItems, maxLength, label),
      };
      const value = kind.validate(own(raw, kind.field), check);
      if (value !== undefined) kindFields[kind.field] = value;
    }
    return kindFields;
  }

  /** A rule's exceptions: plain words or a pattern as a string, or an object with one rule kind's field. */
  function validateUnless(value: unknown, rule: string): UnlessSpec[] | undefined {
    if (value === undefined) return undefined;
    if (!Array.isArray(value)) return void fail('must be a list', 'unless', rule);
    if (value.length === 0) return void fail('must not be an empty list', 'unless', rule);
    if (value.length > LIMITS.unless) return void fail(`has more than ${LIMITS.unless} entries`, 'unless', rule);
    const before = errors.length;
    const out = value.map((entry, i): UnlessSpec | undefined => {
      const field = `unless[${i}]`;
      if (!isObject(entry)) return text(entry, field, LIMITS.patternLength, { rule });
      unknownFields(entry, KIND_FIELDS, field, rule);
      if (RULE_KINDS.filter((k) => own(entry, k.field) !== undefined).length !== 1) {
        return void fail(`must be a string or an object with exactly one of ${RULE_KINDS.map((k) => k.field).join(', ')}`, field, rule);
      }
      return matcherFields(entry, `${field}.`, rule, 'an exception');
    });
    return errors.length > before ? undefined : (out as UnlessSpec[]);
  }

  /** The context fields: a condition on the customer's message and what goes with it. */
  function validateContext(raw: Json, label: string): Pick<RuleSpec, 'customer' | 'unlessDraft' | 'at' | 'check'> | undefined {
    const customer = own(raw, 'customer');
    if (customer === undefined) {
      for (const field of CONTEXT_ONLY_FIELDS) if (own(raw, field) !== undefined) fail('is only for context rules: add a "customer" condition on the customer\'s message', field, label);
      return undefined;
    }
    if (!isObject(customer)) return void fail('must be an object: { "phrases" | "pattern" | "regex", "unless"? } matched in the customer\'s message', 'customer', label);
    unknownFields(customer, CONDITION_FIELDS, 'customer', label);
    const condition: ConditionSpec = matcherFields(customer, 'customer.', label, 'a customer condition');
    const conditionUnless = textList(own(customer, 'unless'), 'customer.unless', LIMITS.unless, LIMITS.patternLength, label);
    if (conditionUnless) condition.unless = conditionUnless;
    const unlessDraft = textList(own(raw, 'unlessDraft'), 'unlessDraft', LIMITS.unless, LIMITS.patternLength, label);
    const at = own(raw, 'at');
    if (at !== undefined && at !== 'opening' && at !== 'closing') fail('must be "opening" or "closing"', 'at', label);
    const check = own(raw, 'check');
    if (check !== undefined) syntax(check, 'check', CATEGORY_SYNTAX, 'a check name (kebab-case)', label);
    return {
      customer: condition,
      ...(unlessDraft && { unlessDraft }),
      ...((at === 'opening' || at === 'closing') && { at }),
      ...(typeof check === 'string' && { check }),
    };
  }

  /** A context rule's examples: { "customer", "customerName"?, "text" }, the customer's message with the reply. */
  function contextExamples(value: unknown, field: string, rule: string): ContextExample[] | undefined {
    if (value === undefined) return undefined;
    if (!Array.isArray(value) || value.length === 0) return void fail('must be a non-empty list of { "customer", "text" } examples', field, rule);
    if (value.length > LIMITS.examplesPerKind) return void fail(`has more than ${LIMITS.examplesPerKind} entries`, field, rule);
    const out: ContextExample[] = [];
    value.forEach((item, i) => {
      const at = `${field}[${i}]`;
      if (!isObject(item)) return void fail('must be { "customer": the customer\'s message, "text": the reply } (a context rule is tested against a customer message)', at, rule);
      unknownFields(item, CONTEXT_EXAMPLE_FIELDS, at, rule);
      const customer = text(own(item, 'customer'), `${at}.customer`, LIMITS.exampleLength, { rule, multiline: true });
      const reply = text(own(item, 'text'), `${at}.text`, LIMITS.exampleLength, { rule, multiline: true });
      const customerName = text(own(item, 'customerName'), `${at}.customerName`, LIMITS.nameLength, { rule, required: false });
      if (customer !== undefined && reply !== undefined) out.push({ customer, ...(customerName && { customerName }), text: reply });
    });
    return out.length === value.length ? out : undefined;
  }

  function validateSuggestions(value: unknown, rule: string): SuggestionSpec[] | undefined {
    if (value === undefined) return undefined;
    if (!Array.isArray(value)) return void fail('must be a list', 'suggestions', rule);
    if (value.length > LIMITS.suggestions) return void fail(`has more than ${LIMITS.suggestions} entries`, 'suggestions', rule);
    const out: SuggestionSpec[] = [];
    value.forEach((s, i) => {
      const field = `suggestions[${i}]`;
      if (typeof s === 'string') {
        // An empty suggestion is allowed: it offers to delete the flagged text.
        const problem = s.length > LIMITS.suggestionLength ? `is longer than ${LIMITS.suggestionLength} characters` : plainTextProblem(s);
        if (problem) return void fail(problem, field, rule);
        return void out.push(s);
      }
      if (!isObject(s)) return void fail('must be a string or { "transform", "args" }', field, rule);
      unknownFields(s, TRANSFORM_FIELDS, field, rule);
      const transform = syntax(own(s, 'transform'), `${field}.transform`, CATEGORY_SYNTAX, 'a transform name (kebab-case)', rule);
      const rawArgs = own(s, 'args');
      const args: Record<string, string> = Object.create(null);
      if (rawArgs !== undefined) {
        if (!isObject(rawArgs)) return void fail('must be an object of strings', `${field}.args`, rule);
        const keys = Object.keys(rawArgs);
        if (keys.length > LIMITS.transformArgs) return void fail(`has more than ${LIMITS.transformArgs} entries`, `${field}.args`, rule);
        for (const key of keys) {
          const argField = `${field}.args.${key}`;
          if (FORBIDDEN_KEYS.has(key)) return void fail(`the key "${key}" is not allowed`, argField, rule);
          const v = rawArgs[key];
          if (typeof v !== 'string') return void fail('must be a string', argField, rule);
          const problem = v.length > LIMITS.suggestionLength ? `is longer than ${LIMITS.suggestionLength} characters` : plainTextProblem(v);
          if (problem) return void fail(problem, argField, rule);
          args[key] = v;
        }
      }
      if (transform) out.push(rawArgs === undefined ? { transform } : { transform, args });
    });
    return out.length === value.length ? out : undefined;
  }

  /** `{ "my-category": { "label": "…", "colour": "#rrggbb" } }` for the pack's own categories. */
  function validateCategories(value: unknown): Record<string, CategoryStyle> | undefined {
    if (value === undefined) return undefined;
    if (!isObject(value)) return void fail('must be an object of { "label", "colour" } by category', 'categories');
    const keys = Object.keys(value);
    if (keys.length > LIMITS.categories) return void fail(`has more than ${LIMITS.categories} categories`, 'categories');
    const out: [string, CategoryStyle][] = [];
    for (const key of keys) {
      const field = `categories.${key}`;
      if (FORBIDDEN_KEYS.has(key)) fail(`the key "${key}" is not allowed`, field);
      else if (!CATEGORY_SYNTAX.test(key)) fail(`"${key.slice(0, 80)}" is not a category name (kebab-case, starting with a letter)`, field);
      else if ((CORE_CATEGORIES as readonly string[]).includes(key)) fail(`"${key}" is one of CanDo's own categories, which have their labels and colours already`, field);
      else if (!isObject(value[key])) fail('must be an object with "label" and "colour"', field);
      else {
        const entry = value[key] as Json;
        unknownFields(entry, CATEGORY_FIELDS, field);
        const label = text(own(entry, 'label'), `${field}.label`, LIMITS.categoryLabelLength);
        const colour = syntax(own(entry, 'colour'), `${field}.colour`, COLOUR_SYNTAX, 'a colour like "#1c7ed6"');
        if (label && colour) out.push([key, { label, colour: colour.toLowerCase() }]);
      }
    }
    return Object.fromEntries(out);
  }

  if (errors.length) return { ok: false, errors };
  return {
    ok: true,
    spec: { id: id!, name: name!, version: version!, language: language!, ...(description && { description }), ...(categories && { categories }), rules },
  };
}
