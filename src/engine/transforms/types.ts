// The contract every suggestion transform implements (registered in index.ts).

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
