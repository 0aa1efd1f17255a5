// The rule kinds. A rule names exactly one of these fields; compile.ts, validate.ts and the pack
// schema (schema.ts → rules/pack.schema.json) loop over this list, so adding a kind is one module
// (see kind.ts) and one entry here.
import { clauseKind } from './clause';
import type { RuleKindDefinition } from './kind';
import { patternKind } from './pattern';
import { phrasesKind } from './phrases';
import { regexKind } from './regex';

export const RULE_KINDS = [phrasesKind, patternKind, regexKind, clauseKind] as const;

type Kinds = (typeof RULE_KINDS)[number];
export type RuleKind = Kinds['field'];
/** The kind fields of a rule as written: one of them is set. */
export type RuleKindFields = { [K in Kinds as K['field']]?: K extends RuleKindDefinition<string, infer V> ? V : never };

export const ruleKind = (field: RuleKind): RuleKindDefinition => RULE_KINDS.find((k) => k.field === field) as RuleKindDefinition;
