// Gaps: the bracketed places in a rewrite that only the agent can fill ("what I can do is
// [what you can offer]"). Applying a rewrite selects its first gap; a gap left in the draft is a
// finding of its own (severity error) so no placeholder reaches a customer unnoticed.
import type { Finding, TextRange } from '../types';

/**
 * A bracketed placeholder: words in square brackets, not a Markdown link ("[text](url)"), not a
 * footnote number ("[1]"), not a checkbox ("[x]"). Words only, so "[sic]" aside, a gap is
 * something a reply would never say to a customer.
 */
const GAP = /\[(?=[^\]\n]*\p{L}{2})[^[\]\n]{2,80}\](?!\()/gu;

export const GAP_RULE_ID = 'cando/unfilled-gap';
export const GAP_MESSAGE = 'Fill this in before sending';

/** The gaps in `text`, in order. */
export function findGaps(text: string): TextRange[] {
  if (!text.includes('[')) return [];
  return [...text.matchAll(GAP)].filter((m) => m[0].toLowerCase() !== '[sic]').map((m) => ({ start: m.index, end: m.index + m[0].length }));
}

export const hasGap = (text: string): boolean => findGaps(text).length > 0;

/** A finding for each gap in the agent's own words (outside `skipped`). */
export function gapFindings(text: string, skipped: readonly TextRange[]): Finding[] {
  return findGaps(text)
    .filter((g) => !skipped.some((s) => s.start < g.end && g.start < s.end))
    .map((g) => ({
      ruleId: GAP_RULE_ID,
      category: 'gap',
      severity: 'error' as const,
      start: g.start,
      end: g.end,
      text: text.slice(g.start, g.end),
      message: GAP_MESSAGE,
      explanation: `"${text.slice(g.start + 1, g.end - 1)}" is a placeholder from a suggestion: replace it with the real detail, or the customer will see the brackets.`,
      suggestions: [],
    }));
}
