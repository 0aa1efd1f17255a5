// The pack format as a JSON schema (draft-07), built from the same limits, syntaxes and rule kinds
// the validator uses. rules/pack.schema.json is this, written out by `npm run schema`; a unit test
// checks the file is current.
import { FLAGGED_PLACEHOLDER } from './flagged-words';
import { LIMITS } from './limits';
import { RULE_KINDS } from './rules';
import { CONTROL, MARKUP } from './text';
import { CATEGORY_SYNTAX, COLOUR_SYNTAX, FORBIDDEN_KEYS, ID_SYNTAX, LANGUAGE_SYNTAX, VERSION_SYNTAX } from './validate';
import { CORE_CATEGORIES, SEVERITIES } from './types';

const withMax = (ref: string, maxLength: number) => ({ allOf: [{ $ref: `#/definitions/${ref}` }, { maxLength }] });
const singleLineOf = (maxLength: number) => ({ allOf: [{ $ref: '#/definitions/plainText' }, { maxLength, not: { pattern: '[\\n\\t]' } }] });

/** A message or explanation: {flagged} is the only placeholder (filled with the flagged words in quotes). */
const withPlaceholder = (schema: { allOf: unknown[] }, what: string) => ({
  allOf: [...schema.allOf, { not: { pattern: '\\{(?!flagged\\})[A-Za-z][\\w-]*\\}' } }],
  description: `${what} ${FLAGGED_PLACEHOLDER} is replaced by the flagged words in quotes; no other {name} placeholder exists.`,
});

export function packSchema(): Record<string, unknown> {
  const fields = RULE_KINDS.map((k) => k.field);
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'https://cando-coach.org/schema/pack.schema.json',
    title: 'CanDo rule pack',
    description:
      "A CanDo rule pack. The engine's own validator (src/engine/validate.ts) enforces the same shape and also compiles every pattern and runs every rule's examples. Generated from src/engine/schema.ts: do not edit.",
    type: 'object',
    additionalProperties: false,
    required: ['id', 'name', 'version', 'language', 'rules'],
    properties: {
      $schema: { type: 'string' },
      id: { $ref: '#/definitions/id' },
      name: withMax('singleLine', LIMITS.nameLength),
      version: { type: 'string', pattern: VERSION_SYNTAX.source },
      language: { type: 'string', pattern: LANGUAGE_SYNTAX.source, description: 'A BCP 47 language tag, e.g. en or en-GB.' },
      description: withMax('multiLine', LIMITS.descriptionLength),
      categories: {
        type: 'object',
        description: `Labels and underline colours of the pack's own categories, by category name. CanDo's categories (${CORE_CATEGORIES.join(', ')}) have theirs already.`,
        maxProperties: LIMITS.categories,
        propertyNames: { pattern: CATEGORY_SYNTAX.source, not: { enum: [...CORE_CATEGORIES, ...FORBIDDEN_KEYS] } },
        additionalProperties: {
          type: 'object',
          additionalProperties: false,
          required: ['label', 'colour'],
          properties: {
            label: withMax('singleLine', LIMITS.categoryLabelLength),
            colour: { type: 'string', pattern: COLOUR_SYNTAX.source, description: 'The underline colour, e.g. #1c7ed6.' },
          },
        },
      },
      rules: { type: 'array', minItems: 1, maxItems: LIMITS.rules, items: { $ref: '#/definitions/rule' } },
    },
    definitions: {
      id: {
        type: 'string',
        maxLength: LIMITS.idLength,
        pattern: ID_SYNTAX.source,
        description: 'Lower-case letters and digits, with - _ or . between them. Stable: settings and statistics key on pack-id/rule-id.',
      },
      plainText: {
        type: 'string',
        description: 'Plain text: no HTML tags or entities, no control or text-direction characters.',
        not: { pattern: `${MARKUP.source}|${CONTROL.source}` },
      },
      singleLine: { allOf: [{ $ref: '#/definitions/plainText' }, { pattern: '\\S', not: { pattern: '[\\n\\t]' } }] },
      multiLine: { allOf: [{ $ref: '#/definitions/plainText' }, { pattern: '\\S' }] },
      suggestion: {
        oneOf: [
          {
            ...singleLineOf(LIMITS.suggestionLength),
            description:
              'A template for the replacement of the flagged text: $1, $<name> and $& insert captures and the match; $$ is a dollar sign. An empty string offers to delete the flagged text.',
          },
          {
            type: 'object',
            additionalProperties: false,
            required: ['transform'],
            properties: {
              transform: { type: 'string', pattern: CATEGORY_SYNTAX.source, description: 'A transform registered in src/engine/transforms/index.ts.' },
              args: {
                type: 'object',
                maxProperties: LIMITS.transformArgs,
                propertyNames: { not: { enum: [...FORBIDDEN_KEYS] } },
                additionalProperties: singleLineOf(LIMITS.suggestionLength),
              },
            },
          },
        ],
      },
      exampleList: {
        type: 'array',
        minItems: 1,
        maxItems: LIMITS.examplesPerKind,
        items: {
          oneOf: [withMax('multiLine', LIMITS.exampleLength), { $ref: '#/definitions/contextExample' }],
          description: 'A reply; for a context rule, { "customer", "customerName"?, "text" } (a context rule takes only these).',
        },
      },
      contextExample: {
        type: 'object',
        additionalProperties: false,
        required: ['customer', 'text'],
        properties: {
          customer: withMax('multiLine', LIMITS.exampleLength),
          customerName: withMax('singleLine', LIMITS.nameLength),
          text: withMax('multiLine', LIMITS.exampleLength),
        },
      },
      unlessList: {
        type: 'array',
        minItems: 1,
        maxItems: LIMITS.unless,
        items: withMax('singleLine', LIMITS.patternLength),
      },
      rule: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'category', 'message', 'explanation', 'examples'],
        oneOf: fields.map((field) => ({ required: [field] })),
        dependencies: { unlessDraft: ['customer'], at: ['customer'], check: ['customer'] },
        properties: {
          id: { $ref: '#/definitions/id' },
          category: {
            type: 'string',
            pattern: CATEGORY_SYNTAX.source,
            description: `One of the coaching categories ${CORE_CATEGORIES.join(', ')}, or a kebab-case category of the pack's own.`,
          },
          severity: { enum: [...SEVERITIES], default: 'warning' },
          ...Object.fromEntries(RULE_KINDS.map((k) => [k.field, k.schema])),
          unless: {
            type: 'array',
            minItems: 1,
            maxItems: LIMITS.unless,
            items: {
              oneOf: [
                withMax('singleLine', LIMITS.patternLength),
                { type: 'object', minProperties: 1, maxProperties: 1, additionalProperties: false, properties: Object.fromEntries(RULE_KINDS.map((k) => [k.field, k.schema])) },
              ],
            },
            description: 'Exceptions: plain words (matched as a phrase), compromise patterns, or an object with one rule kind ({"clause": {...}}); a match they overlap is not flagged.',
          },
          customer: {
            type: 'object',
            additionalProperties: false,
            oneOf: fields.map((field) => ({ required: [field] })),
            properties: { ...Object.fromEntries(RULE_KINDS.map((k) => [k.field, k.schema])), unless: { $ref: '#/definitions/unlessList' } },
            description:
              "Makes this a context rule: it runs only when the customer's message (as the help desk shows it) has a match of this condition. Without a customer message a context rule never flags.",
          },
          unlessDraft: { $ref: '#/definitions/unlessList', description: 'Context rules: words or patterns anywhere in the draft that mean it already does what the rule asks.' },
          at: { enum: ['opening', 'closing'], description: "Context rules: match only in the draft's opening or closing sentence (greeting and sign-off aside)." },
          check: { type: 'string', pattern: CATEGORY_SYNTAX.source, description: 'Context rules: a named check against the customer\'s message (src/engine/context-checks.ts).' },
          message: withPlaceholder(withMax('singleLine', LIMITS.messageLength), 'One line: what the card says first.'),
          explanation: withPlaceholder(withMax('multiLine', LIMITS.explanationLength), 'Why, in a sentence or two, and what to write instead.'),
          suggestions: { type: 'array', maxItems: LIMITS.suggestions, items: { $ref: '#/definitions/suggestion' } },
          examples: {
            type: 'object',
            additionalProperties: false,
            required: ['flag', 'pass'],
            properties: { flag: { $ref: '#/definitions/exampleList' }, pass: { $ref: '#/definitions/exampleList' } },
          },
        },
      },
    },
  };
}
