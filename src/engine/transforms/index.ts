// Suggestion transforms: named, pure functions a pack can use instead of a fixed template,
// e.g. { "transform": "can-do", "args": { "lead": "What I can do is" } }.
// A pack naming a transform that is not registered here is refused when it is compiled.
//
// To add one: write src/engine/transforms/<name>.ts exporting a SuggestionTransform, then add one
// line to TRANSFORM_MODULES below. Transforms run in the service worker on every analyzed sentence:
// keep them fast, pure (no DOM, no extension API, no state) and deterministic, because results are
// cached by sentence text.

import { addWhen } from './add-when';
import { canDo } from './can-do';
import { clause } from './clause';
import { giveReason } from './give-reason';
import { itLooksLike } from './it-looks-like';
import { sorryFor } from './sorry-for';
import { verbPhrase } from './verb-phrase';
import { weOwn } from './we-own';
import type { SuggestionTransform } from './types';

export type { Reaching, SuggestionTransform, TransformContext } from './types';

/** The registered transforms: name → function. Names are kebab-case. */
const TRANSFORM_MODULES: Record<string, SuggestionTransform> = {
  'add-when': addWhen,
  'can-do': canDo,
  clause,
  'give-reason': giveReason,
  'it-looks-like': itLooksLike,
  'sorry-for': sorryFor,
  'we-own': weOwn,
  'verb-phrase': verbPhrase,
};

export const TRANSFORMS: ReadonlyMap<string, SuggestionTransform> = new Map(Object.entries(TRANSFORM_MODULES));
