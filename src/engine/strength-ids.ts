// The strengths the reply check recognises (see strengths.ts), with their names: on their own, so
// the options page's statistics can name them without bundling the engine.
export const STRENGTH_NAMES = {
  'owns-next-step': 'Owns the next step, with a time',
  'specific-apology': 'A specific apology',
  'can-do-offer': 'Says what you can do',
  'uses-name': "Uses the customer's name",
  'answers-questions': "Answers the customer's questions",
} as const;
export type StrengthId = keyof typeof STRENGTH_NAMES;
export const STRENGTH_IDS = Object.keys(STRENGTH_NAMES) as StrengthId[];
