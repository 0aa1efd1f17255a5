// `we-own`: rewrites a sentence that blames someone else ("the warehouse shipped the wrong item",
// "the courier has lost your parcel", "mistakes were made") as an owned one with "we", verb agreement
// included: "it seems we shipped the wrong item", "we have lost your parcel", "we made mistakes".
//
// Captures, active voice: `verb` (the blamed party's verb phrase: "has lost your parcel").
// Passive voice: `thing` and `participle` ("mistakes" + "made" → "we made mistakes").
// Args: `lead` (default none), e.g. "it seems" → "it seems we shipped the wrong item".
import type { SuggestionTransform } from './types';
import { agreeWithWe, matchCase, pastOfParticiple } from './grammar';

/** A determiner just before a passive's subject ("Any errors were made"): owned, the errors are just "errors". */
const DETERMINER_BEFORE = /(?:^|\s)(any|all(?: the)?|the|these|those)\s*$/i;
/** The culprit of a passive ("... were made by the courier"): owning the mistake leaves no one to name. */
const BY_CULPRIT_AFTER = /^\s+by\s+[^,;:.!?]+/i;

export const weOwn: SuggestionTransform = ({ match, captures, args, before, after }) => {
  const lead = args.lead ? `${args.lead.trim()} ` : '';
  if (captures.participle && captures.thing) {
    const determiner = DETERMINER_BEFORE.exec(before);
    const culprit = BY_CULPRIT_AFTER.exec(after);
    const kept = determiner && !/^any$/i.test(determiner[1]) ? `${determiner[1].toLowerCase()} ` : '';
    const owned = `we ${pastOfParticiple(captures.participle.trim())} ${kept}${captures.thing.trim().toLowerCase()}`;
    const text = matchCase(`${lead}${owned}`, determiner ? determiner[1] : match);
    return determiner || culprit ? { text, before: determiner ? determiner[0].trimStart().length : 0, after: culprit ? culprit[0].length : 0 } : text;
  }
  if (!captures.verb?.trim()) return null;
  // The flagged words may go on past the verb ("our courier messed *it up*"): they stay.
  const verbEnd = match.lastIndexOf(captures.verb) + captures.verb.length;
  const rest = verbEnd >= captures.verb.length ? match.slice(verbEnd) : '';
  return matchCase(`${lead}we ${agreeWithWe(captures.verb)}${rest}`, match);
};
