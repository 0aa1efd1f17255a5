// Small grammar helpers shared by the suggestion transforms: verb forms, agreement with "we", and
// keeping the case of the text a suggestion replaces. They use compromise's lexicon and its
// string-level conjugation, never a full parse: transforms run on every match, and a parse costs
// far more than the rest of a sentence's analysis.
import nlp from 'compromise';

export type VerbForm = 'Infinitive' | 'PastTense' | 'PresentTense' | 'Gerund';

type Conjugation = Partial<Record<VerbForm | 'Participle' | 'FutureTense', string>>;
interface VerbMethods {
  conjugate(infinitive: string, model: unknown): Conjugation;
  toInfinitive(word: string, model: unknown, tense: string): string;
}

const MODEL = nlp.model() as { one: { lexicon: Record<string, string | string[]> } };
const VERBS = (nlp.methods() as { two: { transform: { verb: VerbMethods } } }).two.transform.verb;

/** Words that can never start a verb phrase, by their lexicon tag. */
const CLOSED_CLASS = new Set(['Determiner', 'Preposition', 'Pronoun', 'Conjunction', 'Possessive', 'QuestionWord', 'Value', 'Negative', 'Modal']);

/** Auxiliaries and contractions whose "we" form is irregular (the courier has → we have). */
const WE_FORMS: Record<string, string> = {
  has: 'have',
  is: 'are',
  was: 'were',
  does: 'do',
  "hasn't": "haven't",
  "isn't": "aren't",
  "wasn't": "weren't",
  "doesn't": "don't",
};

const APOSTROPHES = /[\u2019\u2018\u02BC`]/g;

function lexiconTag(word: string): string | undefined {
  const tag = MODEL.one.lexicon[word];
  return Array.isArray(tag) ? tag[0] : tag;
}

const isAdverb = (word: string) => lexiconTag(word) === 'Adverb' || (lexiconTag(word) === undefined && /ly$/.test(word));

/** The infinitive of a verb in any form ("tried" → "try", "charges" → "charge", "make" stays), or null if `word` is not a verb. */
function infinitiveOf(word: string): string | null {
  const tag = lexiconTag(word);
  if (tag && CLOSED_CLASS.has(tag)) return null;
  if (!/^[a-z][a-z'-]*$/.test(word)) return null;
  // "anything", "nothing": not verbs, though they end in -ing ("can't do anything" → never "anythinging").
  if (/^(?:any|some|no|every)(?:thing|one|body|where)$/.test(word)) return null;
  // Participles the lexicon lists as adjectives too ("updated", "received") are verbs here.
  if (tag === 'PastTense' || tag === 'Participle' || ((tag === undefined || tag === 'Adjective') && /ed$/.test(word))) {
    return VERBS.toInfinitive(word, MODEL, tag === 'Participle' ? 'Participle' : 'PastTense');
  }
  if (tag === 'PresentTense') return VERBS.toInfinitive(word, MODEL, 'PresentTense');
  if (tag === 'Gerund' || (tag === undefined && /ing$/.test(word))) return VERBS.toInfinitive(word, MODEL, 'Gerund');
  return word;
}

/** The first word of `phrase` and the rest (with its leading space). */
export function splitFirstWord(phrase: string): [string, string] {
  const m = /^(\S+)(.*)$/s.exec(phrase.trim());
  return m ? [m[1], m[2]] : ['', ''];
}

/**
 * `phrase` ("make exceptions to the wait") with its verb in `form` ("making exceptions ..."), or
 * null if it does not start with a verb. Leading adverbs stay ("currently offer" → "currently offering").
 */
export function withVerbForm(phrase: string, form: VerbForm): string | null {
  const words = phrase.trim().split(/\s+/);
  let verbAt = 0;
  while (verbAt < 2 && verbAt < words.length - 1 && isAdverb(words[verbAt].toLowerCase())) verbAt++;
  const infinitive = infinitiveOf(words[verbAt].toLowerCase().replace(APOSTROPHES, "'"));
  if (!infinitive) return null;
  const converted = form === 'Infinitive' ? infinitive : VERBS.conjugate(infinitive, MODEL)[form];
  if (!converted || /\s/.test(converted)) return null;
  return [...words.slice(0, verbAt), converted, ...words.slice(verbAt + 1)].join(' ');
}

/**
 * `phrase` (a verb phrase whose subject was a third party) agreeing with "we": "has lost your
 * parcel" → "have lost your parcel", "charges twice" → "charge twice", "shipped it" stays.
 */
export function agreeWithWe(phrase: string): string {
  const [verb, rest] = splitFirstWord(phrase);
  const plain = verb.toLowerCase().replace(APOSTROPHES, "'");
  const irregular = WE_FORMS[plain];
  if (irregular) return `${irregular}${rest}`;
  const tag = lexiconTag(plain);
  if (tag === 'PresentTense' || (tag === undefined && /[^s]s$/.test(plain))) return `${VERBS.toInfinitive(plain, MODEL, 'PresentTense')}${rest}`;
  return phrase.trim();
}

/** The past tense of a participle ("made" → "made", "given" → "gave", "lost" → "lost"). */
export function pastOfParticiple(participle: string): string {
  const word = participle.toLowerCase();
  const forms = VERBS.conjugate(VERBS.toInfinitive(word, MODEL, lexiconTag(word) === 'Participle' ? 'Participle' : 'PastTense'), MODEL);
  return forms.PastTense && (forms.PastTense === word || forms.Participle === word) ? forms.PastTense : participle;
}

/** Upper-cases the first letter of `replacement` when the text it replaces starts with a capital. */
export function matchCase(replacement: string, original: string): string {
  const first = original.trim().charAt(0);
  if (first && first !== first.toLowerCase()) return replacement.charAt(0).toUpperCase() + replacement.slice(1);
  return replacement;
}

/** "I" stays a capital; any other pronoun is lower-cased for use mid-sentence. */
export function pronoun(word: string): string {
  const w = word.trim();
  return w.toLowerCase() === 'i' ? 'I' : w.toLowerCase();
}

/** The verb phrase after the first "to" of a flagged span ("I'm not allowed to give refunds" → "give refunds"), or "". */
export function phraseAfterTo(match: string): string {
  return /\bto\s+(.+)$/is.exec(match)?.[1].trim() ?? '';
}
