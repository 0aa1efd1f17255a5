// `add-when`: gives a promise a time. "I'll get back to you soon" → "I'll get back to you by
// [when]": a vague time at the end ("soon", "as soon as possible", "shortly") is replaced, and the
// bracketed gap is left for the agent, who alone knows when.
// Args: `when` (default "by [when]").
import type { SuggestionTransform } from './types';

const VAGUE_TIME = /[,\s]+(?:as soon as (?:possible|we can|I can|we're able|I'm able)|asap|soon|shortly|in due course|at some point|when (?:we|I) can|(?:very|real) soon)\s*$/i;

export const addWhen: SuggestionTransform = ({ match, args }) => {
  const promise = match.replace(/[\s,;:–—-]+$/, '').replace(VAGUE_TIME, '');
  if (!/\p{L}/u.test(promise)) return null;
  return `${promise} ${args.when?.trim() || 'by [when]'}${match.slice(match.replace(/[\s,;:–—-]+$/, '').length)}`;
};
