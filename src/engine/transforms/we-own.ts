// `we-own`: rewrites a sentence that blames someone else ("the warehouse shipped the wrong item",
// "the courier has lost your parcel", "mistakes were made") as an owned one with "we", verb agreement
// included: "it seems we shipped the wrong item", "we have lost your parcel", "we made mistakes".
//
// Captures, active voice: `verb` (the blamed party's verb phrase: "has lost your parcel").
// Passive voice: `thing` and `participle` ("mistakes" + "made" → "we made mistakes").
// Args: `lead` (default none), e.g. "it seems" → "it seems we shipped the wrong item".
import type { SuggestionTransform } from './types';
import { agreeWithWe, matchCase, pastOfParticiple } from './grammar';

export const weOwn: SuggestionTransform = ({ match, captures, args }) => {
  const lead = args.lead ? `${args.lead.trim()} ` : '';
  let owned: string;
  if (captures.participle && captures.thing) {
    owned = `we ${pastOfParticiple(captures.participle.trim())} ${captures.thing.trim().toLowerCase()}`;
  } else if (captures.verb && captures.verb.trim()) {
    owned = `we ${agreeWithWe(captures.verb)}`;
  } else return null;
  return matchCase(`${lead}${owned}`, match);
};
