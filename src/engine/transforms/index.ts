// Suggestion transforms: named, pure functions a pack can use instead of a fixed template,
// e.g. { "transform": "can-do", "args": { "lead": "What I can do is" } }.
// A pack naming a transform that is not registered here is refused when it is compiled.
//
// To add one: write src/engine/transforms/<name>.ts exporting a SuggestionTransform, then add one
// line to TRANSFORM_MODULES below. Transforms run in the service worker on every analysed sentence:
// keep them fast, pure (no DOM, no extension API, no state) and deterministic, because results are
// cached by sentence text.

import { canDo } from './can-do';
import { clause } from './clause';
import { giveReason } from './give-reason';
import { itLooksLike } from './it-looks-like';
import { sorryFor } from './sorry-for';
import { verbPhrase } from './verb-phrase';
import { weOwn } from './we-own';

/** What a transform sees of one match. Everything is text from the agent's own sentence. */
export interface TransformContext {
  /** The flagged text: the transform's result replaces exactly this range. */
  match: string;
  /** Captures by number ("1", "2", ...) and by name; a capture that did not take part is "". */
  captures: Readonly<Record<string, string>>;
  /** The whole sentence the match is in (sentences are the engine's unit of analysis and caching). */
  sentence: string;
  /** The sentence's text before and after the match. */
  before: string;
  after: string;
  /** The pack's `args` for this suggestion (plain text, validated). */
  args: Readonly<Record<string, string>>;
}

/**
 * A replacement that also covers words around the match: the last `before` characters of
 * `context.before` and the first `after` characters of `context.after` (the rest of a clause the
 * flagged words govern: "sorry you feel *that way*"). Only sentence rewrites use these; a finding's
 * `suggestions` keep the replacements of exactly the flagged range.
 */
export interface Reaching {
  text: string;
  before?: number;
  after?: number;
}

/** Returns the replacement for the flagged range (or a Reaching one), or null when it has nothing good to offer. */
export type SuggestionTransform = (context: TransformContext) => string | Reaching | null;

/** The registered transforms: name → function. Names are kebab-case. */
const TRANSFORM_MODULES: Record<string, SuggestionTransform> = {
  'can-do': canDo,
  clause,
  'give-reason': giveReason,
  'it-looks-like': itLooksLike,
  'sorry-for': sorryFor,
  'we-own': weOwn,
  'verb-phrase': verbPhrase,
};

export const TRANSFORMS: ReadonlyMap<string, SuggestionTransform> = new Map(Object.entries(TRANSFORM_MODULES));
