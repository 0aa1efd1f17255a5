// `verb-phrase`: puts a captured verb into another form between fixed words, for rewrites that
// need grammar a template cannot do: "You should have checked" (+ " the size chart.") →
// "Next time, it helps to check" (+ " the size chart."), or "we can't refund this order" →
// "refunding this order". Leading adverbs are kept ("currently offer" → "currently offering").
//
// Args: `capture` (default "action"; "after-to" takes what follows "to" in the flagged words:
// "you are required to *show ID*"), `form` ("infinitive", "gerund", "past" or "present"; default
// "infinitive"), `before` and `after` (text around the converted phrase).
import type { SuggestionTransform } from './types';
import { matchCase, phraseAfterTo, withVerbForm, type VerbForm } from './grammar';

const FORMS: Record<string, VerbForm> = { infinitive: 'Infinitive', gerund: 'Gerund', past: 'PastTense', present: 'PresentTense' };

export const verbPhrase: SuggestionTransform = ({ match, captures, args }) => {
  const form = FORMS[args.form ?? 'infinitive'];
  const phrase = args.capture === 'after-to' ? phraseAfterTo(match) : captures[args.capture ?? 'action'];
  if (!form || !phrase) return null;
  const converted = withVerbForm(phrase, form);
  return converted === null ? null : matchCase(`${args.before ?? ''}${converted}${args.after ?? ''}`, match);
};
