// Size caps on packs: a pack is data from outside (file, URL, policy), so everything is bounded.
/** Its own constant so the content script's bundle takes this number without the whole table. */
export const PACK_BYTES = 1_000_000;
export const LIMITS = {
  packBytes: PACK_BYTES,
  rules: 2_000,
  idLength: 64,
  nameLength: 100,
  descriptionLength: 1_000,
  categories: 20,
  categoryLabelLength: 40,
  messageLength: 300,
  explanationLength: 2_000,
  patternLength: 4_000,
  phrases: 500,
  phraseLength: 200,
  unless: 50,
  suggestions: 10,
  suggestionLength: 300,
  transformArgs: 10,
  examplesPerKind: 50,
  exampleLength: 2_000,
} as const;
