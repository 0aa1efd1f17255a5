// `clause`: a fixed replacement that also takes in what the flagged words govern, so nothing is
// left dangling: "I'm sorry you feel *that way*" → "I'm sorry this has been frustrating", "This was
// clearly stated in the terms *and conditions*" → "To explain how this works: [plain explanation]".
//
// Args: `text` (the replacement), `reach`: "clause" (default: up to the next comma, semicolon,
// colon, dash or the end of the sentence), "sentence" (up to the sentence's closing punctuation),
// or "lead-in" (only words that point back at an earlier message: "before", "yesterday", "in my
// last email", and a comma or "that": "like I said *before,* it shipped" → "to recap, it shipped").
import type { SuggestionTransform } from './types';
import { matchCase } from './grammar';

const CLAUSE_REST = /^[^,;:.!?\u2013\u2014]*?(?=\s+[-\u2013\u2014]\s|[,;:\u2013\u2014]|[.!?]+["'\u201D\u2019)]*\s*$|$)/;
const SENTENCE_REST = /^.*?(?=[.!?]+["'\u201D\u2019)]*\s*$|$)/s;
const LEAD_IN = /^(?:\s+(?:before|earlier|previously|already|above|several times|many times|yesterday|earlier today|this morning|last (?:week|time|month)|on (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)|in (?:my|our|the) (?:last|previous|earlier|first) (?:e-?mail|message|reply|response|mail|note|chat|call)))*(?:\s*,)?(?:\s+that(?=\s))?/i;

export const clause: SuggestionTransform = ({ match, after, args }) => {
  if (!args.text) return null;
  const reach = args.reach ?? 'clause';
  const pattern = reach === 'sentence' ? SENTENCE_REST : reach === 'lead-in' ? LEAD_IN : CLAUSE_REST;
  const rest = pattern.exec(after)?.[0] ?? '';
  return { text: matchCase(args.text, match), after: rest.length };
};
