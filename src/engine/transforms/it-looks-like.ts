// `it-looks-like`: "Obviously, the code expired" → "It looks like the code expired"; "You obviously
// didn't save it" → "It looks like you didn't save it" (the subject stays when it is in the match).
import type { SuggestionTransform } from './types';
import { matchCase } from './grammar';

export const itLooksLike: SuggestionTransform = ({ match }) => {
  const subject = /^\W*(you|we|they|it)\b/i.exec(match)?.[1];
  return matchCase(subject ? `it looks like ${subject.toLowerCase()}` : 'it looks like', match.replace(/^\W+/, ''));
};
