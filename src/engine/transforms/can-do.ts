// `can-do`: turns "we can't <action>" into a sentence that leads with what the agent can do, keeping
// the agent's own words for the request: "we can't refund this order" → "instead of refunding this
// order, what I can do is [what you can offer]". When the agent already wrote the alternative
// ("... but we can offer store credit"), that alternative becomes the lead: "what I can do is offer
// store credit".
//
// A refusal in the past ("we weren't able to waive the fee") keeps the agent's own negation and
// leads with what can be done now: "while we weren't able to waive the fee, what I can do now is
// ...". The "while" frame keeps a reason the agent gave ("... because it was used").
//
// Captures: `action` (the verb phrase after the negation; "to enable this" is accepted too),
// optionally `who` ("we", "I"; default args.who or "I") and `not` (the negation as written:
// "couldn't", "were unable to"; default "can't"). With args.phrase "after-to", the action is what
// follows "to" in the flagged words ("I'm not allowed to *give refunds*").
// Args: `frame` "instead" (default) or "while" ("while we can't refund this order, what I can do
// is ..."), `who` (the speaker of the refusal when the rule has no `who` capture), `gap` (default
// "[what you can offer]"). The offer is always "what I can do": research on support replies finds
// "I" for the agent's own actions does better than "we".
//
// Reaches past the match for an alternative or a reason in the next clause ("..., but we can
// offer credit", "..., as it was opened"), and turns "can't X until Y" into "I'll X as soon as Y".
import type { SuggestionTransform } from './types';
import { matchCase, phraseAfterTo, pronoun, withVerbForm } from './grammar';

/** Where the request ends and a clause the agent added begins ("... but we can offer credit"). */
const CLAUSE_BREAK = /\s+(?=(?:but|because|since|as(?! per\b)|so|although|though|however|unless|until|while|and (?:we|i|the|it|this|that|your|our|there|you)|or (?:we|i))\b)/i;
const ALTERNATIVE = /^(?:but|however),?\s+(?:we|i)\s+(?:can|could)\s+(?!not\b|n['\u2019]t\b)(.+)$/i;
/** The same alternative in the next clause: "we can't refund this, but we can offer credit". */
const ALTERNATIVE_AFTER = /^\s*[,;]\s*(?:but|however),?\s+(?:we|i)\s+(?:can|could)\s+(?!not\b|n['\u2019]t\b)((?:[^,.;:!?[\]]|\[[^\]]*\])+)/i;
const REASON = /^(?:because|since|as)\b/i;
/** A reason in the next clause: "we can't refund this order, as it was delivered in May". */
// A gap an earlier fix left ("because [reason, in the customer's terms]") is one unit: never cut inside it.
const REASON_AFTER = /^\s*,\s*((?:because|since|as)\b(?:[^,.;:!?[\]]|\[[^\]]*\])+)/i;
/** A condition right after the refusal ("cannot be redirected once it has shipped"): it belongs to the refusal. */
const CONDITION_AFTER = /^\s+((?:once|after|when|before|if|unless|until)\b(?:[^,.;:!?[\]]|\[[^\]]*\])+)/i;
const UNTIL = /^until\s+(.+)$/i;
/** A negation in the past: the refusal already happened, so the lead is what can be done now. */
const PAST_NEGATION = /^(?:could|couldn|was|wasn|were|weren|did|didn|had|hadn|have|haven|has|hasn)\b/i;

/** The negation as the agent wrote it, between the speaker and the action ("cannot", "am unable to"). */
function negationIn(match: string, who: string | undefined, action: string): string {
  if (!who || !action) return '';
  const whoAt = new RegExp(`\\b${who.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`, 'i').exec(match);
  const actionAt = match.lastIndexOf(action);
  if (!whoAt || actionAt < 0) return '';
  return match.slice(whoAt.index + whoAt[0].length, actionAt);
}

export const canDo: SuggestionTransform = ({ match, captures, args, after }) => {
  // The refusal keeps its speaker ("while we couldn't ..."); the offer is the agent's own: "I".
  const who = pronoun(captures.who || args.who || 'I');
  const gap = args.gap ?? '[what you can offer]';
  const action = (args.phrase === 'after-to' ? phraseAfterTo(match) : (captures.action ?? '')).trim().replace(/^to\s+/i, '');
  // The action runs into a gap an earlier fix left ("... because [reason, in the customer's terms]"): cutting it would break the gap.
  if (/\[[^\]]*$/.test(action)) return null;
  const negation = (captures.not || negationIn(match, captures.who, action)).trim().replace(/\s+/g, ' ') || "can't";
  const past = PAST_NEGATION.test(negation);
  const lead = `what I can do${past ? ' now' : ''} is`;
  const [request, ...tail] = action.split(CLAUSE_BREAK);
  const rest = tail.join(' ');
  const alternative = ALTERNATIVE.exec(rest);
  if (alternative) return matchCase(`${lead} ${alternative[1]}`, match);
  const alternativeAfter = rest ? null : ALTERNATIVE_AFTER.exec(after);
  if (alternativeAfter) return { text: matchCase(`${lead} ${alternativeAfter[1].trim()}`, match), after: alternativeAfter[0].length };
  const until = UNTIL.exec(rest);
  if (until && request && !past) {
    // "we can't refund it until we receive it" is a promise in disguise: make it one.
    const verb = withVerbForm(request, 'Infinitive');
    return verb === null ? null : matchCase(`I'll ${verb} as soon as ${until[1]}`, match);
  }
  if (args.frame === 'while' && request) {
    // "we" + "'re unable to" is "we're unable to", as the agent wrote it.
    const refusal = `while ${who}${/^['\u2019]/.test(negation) ? '' : ' '}${negation} ${action}`;
    if (!rest || REASON.test(rest)) {
      const reasonAfter = rest ? null : REASON_AFTER.exec(after);
      if (reasonAfter) return { text: matchCase(`${refusal}, ${reasonAfter[1].trim()}, ${lead} ${gap}`, match), after: reasonAfter[0].length };
      const conditionAfter = rest ? null : CONDITION_AFTER.exec(after);
      if (conditionAfter) return { text: matchCase(`${refusal} ${conditionAfter[1].trim()}, ${lead} ${gap}`, match), after: conditionAfter[0].length };
      return matchCase(`${refusal}, ${lead} ${gap}`, match);
    }
  }
  // A reason or condition follows: rewriting would drop or garble it.
  if (rest || REASON_AFTER.test(after) || CONDITION_AFTER.test(after)) return null;
  if (!request) return matchCase(`${lead} ${gap}`, match);
  const gerund = withVerbForm(request, 'Gerund');
  return gerund === null ? null : matchCase(`instead of ${gerund}, ${lead} ${gap}`, match);
};
