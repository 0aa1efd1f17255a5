// `sorry-for`: a vague apology ("sorry for any inconvenience this may have caused") made specific
// with a gap, keeping the agent's own words for the apology ("I'm so sorry", "Apologies") and a
// clause the agent joined to it ("... and I hope this helps"), which the flagged words run into.
//
// Captures: `head` (the apology as written). Args: `gap` (default "[what went wrong, e.g. the late delivery]").
import type { SuggestionTransform } from './types';
import { matchCase } from './grammar';

/** Where the vague object ends and a clause of the agent's own begins. */
const JOINED_CLAUSE = /\s+(?:and|but|so|as)\s+(?:i|we|you|it|this|that|the|thanks?|thank|hope|please|let)\b.*$/is;

export const sorryFor: SuggestionTransform = ({ match, captures, args }) => {
  const head = captures.head?.trim();
  if (!head) return null;
  const joined = JOINED_CLAUSE.exec(match)?.[0] ?? '';
  return matchCase(`${head} for ${args.gap ?? '[what went wrong, e.g. the late delivery]'}${joined}`, match);
};
