// Text helpers shared by the rule kinds: apostrophe tolerance, word tokens, plain-text checks.

/** Straight, curly and modifier apostrophes (and the backtick people type for one). */
export const APOSTROPHES = "'\u2019\u2018\u02BC`";
export const APOSTROPHE_CLASS = `['\u2019\u2018\u02BC\`]`;

/** A word character for word boundaries: any letter, mark or digit. */
export const WORD_CHAR = '[\\p{L}\\p{M}\\p{N}_]';

export function straightenApostrophes(s: string): string {
  return s.replace(/[\u2019\u2018\u02BC`]/g, "'");
}

/** Lower case, straight apostrophes, diacritics removed (as compromise normalises words). */
export function foldWord(s: string): string {
  return straightenApostrophes(s.toLowerCase()).normalize('NFD').replace(/\p{M}+/gu, '');
}

const NEGATED_STEMS: Record<string, string> = { "can't": 'can', "won't": 'will', "shan't": 'shall' };

/**
 * The words of a sentence as a set, generous on purpose: a rule is skipped when one of its
 * required words is absent, so this must contain every form compromise might match on. Each token
 * also contributes its apostrophe and hyphen parts ("client's" → client, s; "e-mail" → e, mail, email).
 */
export function wordSet(sentence: string): Set<string> {
  const words = new Set<string>();
  for (const raw of foldWord(sentence).split(/[^\p{L}\p{N}'-]+/u)) {
    const token = raw.replace(/^['-]+|['-]+$/g, '');
    if (!token) continue;
    words.add(token);
    if (/['-]/.test(token)) {
      for (const part of token.split(/['-]+/)) if (part) words.add(part);
      words.add(token.replace(/['-]+/g, ''));
      // "shouldn't" is read as "should not", "can't" as "can not", "won't" as "will not".
      if (token.endsWith("n't")) words.add(NEGATED_STEMS[token] ?? token.slice(0, -3));
    }
  }
  return words;
}

export const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u200E\u200F\u202A-\u202E\u2066-\u2069]/;
export const MARKUP = /(?<!\$)<[a-zA-Z!/?]|&(?:[a-zA-Z][a-zA-Z0-9]*|#[0-9]+|#x[0-9a-fA-F]+);/;

/** Why a plain-text field is refused, or null when it is fine. */
export function plainTextProblem(value: string, { multiline = false } = {}): string | null {
  if (CONTROL.test(value)) return 'contains a control or text-direction character';
  if (!multiline && /[\n\t]/.test(value)) return 'must be a single line';
  if (MARKUP.test(value)) return 'contains markup (an HTML tag or entity); it must be plain text';
  return null;
}

/**
 * Quoted words (straight or curly double quotes, or single quotes that are not apostrophes, with
 * apostrophes inside: 'it's your fault'): the
 * customer's words quoted back ("you said \"I can't log in\""), never the agent's own phrasing.
 */
export const QUOTED = /"[^"\n]{1,200}"|\u201C[^\u201D\n]{1,200}\u201D|(?<![\p{L}\p{N}])'(?:[^'\n]|(?<=[\p{L}\p{N}])'(?=[\p{L}\p{N}])){1,200}'(?![\p{L}\p{N}])|(?<![\p{L}\p{N}])\u2018(?:[^\u2019\n]|(?<=[\p{L}\p{N}])\u2019(?=[\p{L}\p{N}])){1,200}\u2019(?![\p{L}\p{N}])/gu;

export function quotedRanges(text: string): Array<{ start: number; end: number }> {
  if (!/["'\u201C\u2018]/.test(text)) return [];
  return [...text.matchAll(QUOTED)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
}
