// `can-do`: turns "we can't <action>" into a sentence that leads with what the agent can do, keeping
// the agent's own words for the request: "we can't refund this order" → "instead of refunding this
// order, what we can do is [what you can offer]". When the agent already wrote the alternative
// ("... but we can offer store credit"), that alternative becomes the lead: "what we can do is offer
// store credit".
//
// A refusal in the past ("we weren't able to waive the fee") keeps the agent's own negation and
// leads with what can be done now: "while we weren't able to waive the fee, what we can do now is
// ...". The "while" frame keeps a reason the agent gave ("... because it was used").
//
// Captures: `action` (the verb phrase after the negation; "to enable this" is accepted too),
// optionally `who` ("we", "I"; default args.who or "I") and `not` (the negation as written:
// "couldn't", "were unable to"; default "can't").
// Args: `frame` "instead" (default) or "while" ("while we can't refund this order, what we can do
// is ..."), `who` (the speaker when the rule has no `who` capture), `gap` (default "[what you can offer]").
import type { SuggestionTransform } from './types';
import { matchCase, pronoun, withVerbForm } from './grammar';

/** Where the request ends and a clause the agent added begins ("... but we can offer credit"). */
const CLAUSE_BREAK = /\s+(?=(?:but|because|since|as|so|although|though|however|unless|until|while|and (?:we|i)|or (?:we|i))\b)/i;
const ALTERNATIVE = /^but\s+(?:we|i)\s+(?:can|could)\s+(?!not\b|n['\u2019]t\b)(.+)$/i;
const REASON = /^(?:because|since|as)\b/i;
/** A negation in the past: the refusal already happened, so the lead is what can be done now. */
const PAST_NEGATION = /^(?:could|couldn|was|wasn|were|weren|did|didn|had|hadn|have|haven|has|hasn)\b/i;

export const canDo: SuggestionTransform = ({ match, captures, args }) => {
  const who = pronoun(captures.who || args.who || 'I');
  const gap = args.gap ?? '[what you can offer]';
  const action = (captures.action ?? '').trim().replace(/^to\s+/i, '');
  const negation = (captures.not ?? '').trim().replace(/\s+/g, ' ') || "can't";
  const lead = `what ${who} can do${PAST_NEGATION.test(negation) ? ' now' : ''} is`;
  const [request, ...tail] = action.split(CLAUSE_BREAK);
  const rest = tail.join(' ');
  const alternative = ALTERNATIVE.exec(rest);
  if (alternative) return matchCase(`${lead} ${alternative[1]}`, match);
  if (args.frame === 'while' && request && (!rest || REASON.test(rest))) return matchCase(`while ${who} ${negation} ${action}, ${lead} ${gap}`, match);
  if (rest) return null; // a reason or condition follows: rewriting would drop or garble it
  if (!request) return matchCase(`${lead} ${gap}`, match);
  const gerund = withVerbForm(request, 'Gerund');
  return gerund === null ? null : matchCase(`instead of ${gerund}, ${lead} ${gap}`, match);
};
