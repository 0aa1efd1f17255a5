// Small grammar helpers shared by the suggestion transforms: verb forms (via compromise's
// conjugation), agreement with "we", and keeping the case of the text a suggestion replaces.
import nlp from 'compromise';

export type VerbForm = 'Infinitive' | 'PastTense' | 'PresentTense' | 'Gerund';

type Conjugation = Partial<Record<VerbForm, string>>;

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

/** The first word of `phrase` and the rest (with its leading space). */
export function splitFirstWord(phrase: string): [string, string] {
  const m = /^(\S+)(.*)$/s.exec(phrase.trim());
  return m ? [m[1], m[2]] : ['', ''];
}

/** The conjugations of `verb`, read in a sentence ("we <verb>") so compromise tags it as a verb. */
function conjugate(verb: string): Conjugation | null {
  const [first] = nlp(`we ${verb}`).verbs().conjugate() as Conjugation[];
  return first ?? null;
}

/**
 * `phrase` ("make exceptions to the wait") with its verb in `form` ("making exceptions ..."), or
 * null if it does not start with a verb. Leading adverbs stay ("currently offer" → "currently offering").
 */
export function withVerbForm(phrase: string, form: VerbForm): string | null {
  const [word, rest] = splitFirstWord(phrase);
  if (!word) return null;
  const parsed = nlp(`we ${phrase.trim()}`);
  if (parsed.match('^we #Adverb #Verb').found && rest.trim()) {
    const converted = withVerbForm(rest, form);
    return converted === null ? null : `${word} ${converted}`;
  }
  if (!parsed.match('^we #Verb').found) return null;
  const converted = conjugate(word.toLowerCase())?.[form];
  if (!converted || /\s/.test(converted)) return null;
  return `${converted}${rest}`;
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
  if (nlp(`it ${phrase}`).match('^it #PresentTense').found && /s$/i.test(verb)) {
    const infinitive = conjugate(plain)?.Infinitive;
    if (infinitive && !/\s/.test(infinitive)) return `${infinitive}${rest}`;
  }
  return phrase.trim();
}

/** The past tense of a participle ("made" → "made", "given" → "gave", "lost" → "lost"). */
export function pastOfParticiple(participle: string): string {
  const forms = conjugate(participle.toLowerCase());
  const past = forms?.PastTense;
  return past && !/\s/.test(past) ? past : participle;
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
