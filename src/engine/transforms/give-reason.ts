// `give-reason`: a sentence that opens by citing a rule ("Per our policy, refunds are issued within
// 14 days.") keeps what it says and gives the reason instead of the rule: "Refunds are issued within
// 14 days because [reason]." Only where the citation opens the sentence and a clause follows it.
//
// Args: `gap` (default "[reason, in the customer's terms]").
import type { SuggestionTransform } from './types';

const REST = /^\s*,\s*([^.!?]*?[^\s.!?,;:])(?=[.!?]*["'\u201D\u2019)]*\s*$)/;

export const giveReason: SuggestionTransform = ({ match, before, after, args }) => {
  if (/\p{L}/u.test(before)) return null;
  const rest = REST.exec(after);
  if (!rest || /\bbecause\b/i.test(rest[1])) return null;
  const clause = rest[1];
  const first = match.trim().charAt(0);
  const text = first === first.toUpperCase() ? `${clause.charAt(0).toUpperCase()}${clause.slice(1)}` : clause;
  return { text: `${text} because ${args.gap ?? "[reason, in the customer's terms]"}`, after: rest[0].length };
};
