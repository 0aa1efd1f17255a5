// The mechanics of a rewritten sentence: `tidy` repairs what splicing suggestions into a sentence
// leaves behind (doubled commas, a capital mid-sentence, lower case in an ALL CAPS reply), and
// `mechanicalDefects` names what is still wrong, so that candidate is dropped rather than shown.
// Both compare with the agent's original sentence: what the agent wrote themselves is never a defect.
import { findGaps } from './gaps';

const LETTER = /\p{L}/u;
const UPPER = /\p{Lu}/u;
const LOWER = /\p{Ll}/u;

/** The sentence is written in capitals (at least a few letters, none lower case outside gaps). */
export function isAllCaps(sentence: string): boolean {
  const letters = withoutGaps(sentence).replace(/[^\p{L}]/gu, '');
  return letters.length >= 4 && !LOWER.test(letters);
}

function withoutGaps(text: string): string {
  let out = text;
  for (const g of findGaps(text).reverse()) out = `${out.slice(0, g.start)}${out.slice(g.end)}`;
  return out;
}

/** Index of the first letter, after list markers, quotes and the like. */
function firstLetterAt(text: string): number {
  for (let i = 0; i < text.length; i++) if (LETTER.test(text[i])) return i;
  return -1;
}

/** "I" and its contractions: the only words that keep a capital anywhere. */
const FIRST_PERSON = /^I(?:['\u2019](?:m|ll|ve|d))?$/;
const WORD = /[\p{L}][\p{L}'\u2019-]*/gu;
/** Text ending where a new sentence (or a quotation, or what follows a colon) may start. */
const SENTENCE_START_BEFORE = /[.!?:]["'\u201C(]?\s*$/;

/** Words of `candidate` written with a capital where a sentence does not start, that the original never wrote so. */
function newMidSentenceCapitals(original: string, candidate: string): { index: number; word: string }[] {
  // The original's first word is capitalised because it started the sentence, not because it is a name.
  const from = firstLetterAt(original);
  const known = new Set([...original.matchAll(WORD)].filter((m) => m.index !== from).map((m) => m[0]));
  const start = firstLetterAt(candidate);
  const found: { index: number; word: string }[] = [];
  for (const m of candidate.matchAll(WORD)) {
    const word = m[0];
    if (m.index === start || !UPPER.test(word[0]) || FIRST_PERSON.test(word) || known.has(word)) continue;
    if (SENTENCE_START_BEFORE.test(candidate.slice(0, m.index))) continue;
    if (insideGap(candidate, m.index)) continue;
    found.push({ index: m.index, word });
  }
  return found;
}

/** A sentence end, then a lower-case letter: a sentence the splice started, unless the agent wrote it so. */
const LOWER_AFTER_SENTENCE_END = /(?<!(?:^|[\s.(])\p{L}|\b(?:etc|vs|approx|incl|no))[.!?]["'\u201D\u2019)]?\s+\p{Ll}/gu;

/** Where `candidate` starts a sentence in lower case inside it ("… myself. thanks for writing in"), that the original did not. */
function newLowerCaseSentenceStarts(original: string, candidate: string): number[] {
  return [...candidate.matchAll(LOWER_AFTER_SENTENCE_END)]
    .filter((m) => !original.includes(m[0]) && !insideGap(candidate, m.index))
    .map((m) => m.index + m[0].length - 1);
}

function insideGap(text: string, index: number): boolean {
  return findGaps(text).some((g) => g.start <= index && index < g.end);
}

/** Punctuation marks that cannot follow each other (", ," ",." ";." ". ,"), as the agent never wrote them. */
const DOUBLED_PUNCTUATION = /[,;:]\s*[,;:.!?]|[.!?]\s*[,;]|(?<![.])\.\s*\.(?![.])/g;
const DOUBLED_WORD = /(?<![\p{L}'\u2019])([\p{L}'\u2019]+)\s+\1(?![\p{L}'\u2019])/giu;
/** Two frames stacked on one clause: "as to recap", "while instead of", "looks like it seems". */
const STACKED_FRAMES: RegExp[] = [
  /\b(?:as|while|although|though|because|since|if|when)\s+(?:to recap|just so it's|instead of|what (?:i|we) can (?:do|offer)|here's|it seems|it looks like|let me|next time)\b/i,
  /\b(?:it seems|(?:it )?looks like|it's possible that|apparently)\b[^.!?]*\b(?:it seems|(?:it )?looks like|it's possible that)\b/i,
  /\bwhat (?:i|we) can (?:do|offer)\b[^.!?]*\bwhat (?:i|we) can (?:do|offer)\b/i,
  /\binstead of\b[^.!?]*\binstead of\b/i,
  /\bsorry to say(?: that)?\s+(?:what (?:i|we) can|instead of|let me|here's what|while)\b/i,
  /\b(?:as|because|since|so|and|but)\s+(?:because|since)\b/i,
  /\b(?:to recap|just so it's easy to find)\b[^.!?]*\b(?:to recap|just so it's easy to find)\b/i,
];
/** Two words with no space between them ("isI'm"), as splicing into the middle of a word leaves them. */
const GLUED_WORDS = /\p{Ll}+(?:I['\u2019]|\p{Lu}\p{Ll})\p{L}*/gu;
/** A contraction split from its word ("we 're", "it 's"), as joining a pronoun to a captured verb group leaves it. */
const SPLIT_CONTRACTION = /\p{L}\s+['\u2019](?:re|s|ll|ve|d|m|t)\b/giu;
/** A clause left hanging: the sentence ends on a word that needs more ("... to.", "because."). */
const DANGLING_END = /\b(?:to|as|and|or|but|because|while|the|a|an|of|for|with|is|are|so|that|than|by|from|if)\s*[.!?]*["'\u201D\u2019)]*\s*$/i;
/**
 * Clauses glued together with a comma ("what I can do is [alternative], the system won't let me";
 * "it seems we lost it, let me take care of this"; "it's on us to fix, I'll make sure …"), or a
 * reason with no clause to belong to ("Because [reason] and ..."), or one followed by the infinitive
 * the replaced words governed
 * ("because [reason], to give out staff emails").
 */
const RUN_ON: RegExp[] = [/\bis \[[^\]]*\],\s+(?:the|it|this|that|we|they|he|she|you|i)\s+\p{L}/iu, /,\s+(?:let me|I['\u2019]ll make sure)\b/i, /^\W*because\s+\[[^\]]*\](?!,)/i, /\bbecause\s+\[[^\]]*\],\s+to\s/i];

/** Tidies a candidate made by splicing suggestions into `original`. */
export function tidy(original: string, candidate: string): string {
  let out = candidate
    .replace(/[ \t]{2,}/g, ' ')
    .replace(/[ \t]+([,.;:!?])/g, (m, mark: string) => (original.includes(m) ? m : mark))
    .replace(/([,;:])\s*([,;:])/g, (m, a: string, b: string) => (original.includes(m) ? m : b === ':' ? ':' : a === ':' ? ':' : a))
    .replace(/[,;:]+(\s*[.!?])/g, (m, end: string) => (original.includes(m) ? m : end.trim()))
    .replace(/^[\s,;:]+/, (m) => (original.startsWith(m) ? m : ''))
    .trim();
  // A doubled word the splice produced ("to to"): keep one, unless the agent wrote it.
  out = out.replace(DOUBLED_WORD, (m, word: string) => (original.toLowerCase().includes(m.toLowerCase()) ? m : word === word.toUpperCase() && m.startsWith(word) ? word : m.slice(0, word.length)));
  // Capitals: a new capital mid-sentence goes lower case; the sentence start follows the original.
  for (const { index, word } of newMidSentenceCapitals(original, out).reverse()) {
    if (word.length > 1 && word === word.toUpperCase()) continue; // an acronym (PO, FAQ)
    out = `${out.slice(0, index)}${word[0].toLowerCase()}${out.slice(index + 1)}`;
  }
  // A rewritten sentence starts with a capital, even in a reply written in lower case; so does one
  // the splice started inside it.
  for (const at of [...newLowerCaseSentenceStarts(original, out), firstLetterAt(out)]) if (at >= 0) out = `${out.slice(0, at)}${out[at].toUpperCase()}${out.slice(at + 1)}`;
  if (isAllCaps(original)) out = out.toUpperCase();
  return out;
}

/** What is mechanically wrong with `candidate` as a rewrite of `original`; empty when nothing is. */
export function mechanicalDefects(original: string, candidate: string): string[] {
  const defects: string[] = [];
  if (!LETTER.test(candidate)) defects.push('nothing left');
  const newMatches = (re: RegExp) => (candidate.match(re) ?? []).filter((m) => !original.includes(m));
  if (newMatches(DOUBLED_PUNCTUATION).length) defects.push('doubled punctuation');
  if ((candidate.match(DOUBLED_WORD) ?? []).some((m) => !original.toLowerCase().includes(m.toLowerCase()))) defects.push('doubled word');
  if (isAllCaps(original) && LOWER.test(candidate)) defects.push('lower case in an ALL CAPS sentence');
  const to = firstLetterAt(candidate);
  if ((to >= 0 && LOWER.test(candidate[to])) || newLowerCaseSentenceStarts(original, candidate).length) defects.push('sentence starts in lower case');
  if (newMatches(GLUED_WORDS).length) defects.push('words run together');
  if (newMatches(SPLIT_CONTRACTION).length) defects.push('split contraction');
  if (newMidSentenceCapitals(original, candidate).some(({ word }) => word.length === 1 || word !== word.toUpperCase())) defects.push('capital mid-sentence');
  if (STACKED_FRAMES.some((re) => re.test(candidate) && !re.test(original))) defects.push('stacked frames');
  if (DANGLING_END.test(candidate) && !DANGLING_END.test(original)) defects.push('dangling clause');
  if (RUN_ON.some((re) => re.test(candidate) && !re.test(original))) defects.push('clauses run together');
  if ((candidate.match(/\[/g) ?? []).length !== (candidate.match(/\]/g) ?? []).length || /\[[^\]]*\[/.test(candidate)) defects.push('broken gap');
  return defects;
}
