// A rule's message and explanation may quote the words a finding flags: "{flagged}" is filled with
// the finding's text in quotes ("\"contact your bank\" sends the customer elsewhere..."), so the
// agent reads about their own words rather than a stock example that may not look like them.
// "{flagged}" is the only placeholder; the validator refuses any other "{name}" so a typo does not
// reach an agent's card.

export const FLAGGED_PLACEHOLDER = '{flagged}';
/** What looks like a placeholder: a name in braces. */
const PLACEHOLDER = /\{([A-Za-z][\w-]*)\}/g;
/** Longer flagged text is cut at a word boundary: the card quotes, it does not repeat the draft. */
const MAX_QUOTED = 60;

/** Why `template` cannot be filled (an unknown placeholder), or null. */
export function placeholderProblem(template: string): string | null {
  const unknown = [...template.matchAll(PLACEHOLDER)].map((m) => m[0]).filter((p) => p !== FLAGGED_PLACEHOLDER);
  return unknown.length ? `has the unknown placeholder ${unknown[0]} (the only placeholder is ${FLAGGED_PLACEHOLDER}, the flagged words in quotes)` : null;
}

/**
 * The flagged words as a quotation: on one line, trimmed of spaces and of the punctuation a match
 * may take in at its edges (a question keeps its question mark), case kept, cut at a word boundary when long.
 */
export function quoteFlagged(flagged: string): string {
  let words = flagged.replace(/\s+/g, ' ').replace(/^[\s,;:.!?-]+|[\s,;:.-]+$/g, '');
  if (words.length > MAX_QUOTED) {
    const cut = words.slice(0, MAX_QUOTED);
    words = `${cut.slice(0, Math.max(cut.lastIndexOf(' '), MAX_QUOTED / 2)).replace(/[\s,;:]+$/, '')}…`;
  }
  return `"${words}"`;
}

/** `template` with every "{flagged}" filled with the quoted `flagged` words. */
export function fillFlagged(template: string, flagged: string): string {
  return template.includes(FLAGGED_PLACEHOLDER) ? template.split(FLAGGED_PLACEHOLDER).join(quoteFlagged(flagged)) : template;
}
