// Size caps on packs: a pack is data from outside (file, URL, policy), so everything is bounded.
export const LIMITS = {
  packBytes: 1_000_000,
  rules: 2_000,
  idLength: 64,
  nameLength: 100,
  descriptionLength: 1_000,
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
