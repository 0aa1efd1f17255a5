// Named checks a context rule can add (`"check": "<name>"`) for what a phrase, pattern or regex
// cannot say alone: which of the customer's questions the draft leaves open, whether the greeting
// names the customer, whether the draft asks for something the customer said they already did.
// Each takes the rule's findings in the draft and returns those that stand, with their messages
// and suggestions completed. Pure and deterministic, like the rest of the engine.
import type { CustomerContext, Finding } from './types';

export interface ContextCheckInput {
  draft: string;
  /** The agent's own sentences of the draft (quotes and history left out), one a line. */
  ownText: string;
  customer: CustomerContext;
  /** The customer's own sentences (quoted history left out). */
  customerSentences: readonly string[];
  /** The text of each match of the rule's `customer` condition in the customer's message. */
  customerMatches: readonly string[];
  findings: Finding[];
}
export type ContextCheck = (input: ContextCheckInput) => Finding[];

// Words that carry no topic: question words, pronouns, auxiliaries, and what every support
// message says ("help", "please", "know").
const FUNCTION_WORDS = new Set(
  `a an the and or but if so as of to for on in at by with from about into over up out off than then this that these those there here
  i me my mine we us our you your yours he him his she her it its they them their
  what why how when where who whom which whose
  is are was were be been being am do does did done doing have has had having can could would will shall should may might must
  not no yes just still any anyone anything some someone something one ever again also too very really even already yet
  help please thanks thank hi hello hey know let get got getting need want like way go going make made able
  tell told say said ask asked try tried
  ok okay sure well guys team support`.split(/\s+/),
);

/** A rough stem, enough to match "restarted", "restarting" and "restart", or "refunds" and "refund". */
export function stem(word: string): string {
  let w = word.toLowerCase().replace(/['\u2019]s$/, '');
  if (w.length > 4 && w.endsWith('ies')) return `${w.slice(0, -3)}y`;
  if (w.length > 5 && /(?:ing|ed)$/.test(w)) w = w.replace(/(?:ing|ed)$/, '');
  else if (w.length > 3 && /[^s]s$/.test(w)) w = w.slice(0, -1);
  if (w.length > 3 && w.endsWith('e')) w = w.slice(0, -1);
  if (/([bdfglmnprt])\1$/.test(w)) w = w.slice(0, -1);
  return w;
}

/** Stems of a text's topic words: no function words, links, mentions or numbers-only tokens. */
export function topicStems(text: string): Set<string> {
  const words = text
    .replace(/https?:\/\/\S+|@\w+/g, ' ')
    .toLowerCase()
    .replace(/[\u2019\u2018]/g, "'")
    .split(/[^\p{L}\p{N}']+/u)
    .map((w) => w.replace(/^'+|'+$/g, ''))
    // Numbers count when long enough to name something (an order, a ticket): "#4821".
    .filter((w) => (w.length > 1 && !FUNCTION_WORDS.has(w) && !/n't$/.test(w) && /\p{L}/u.test(w)) || /^\d{3,}$/.test(w));
  return new Set(words.map(stem));
}

const shares = (a: Set<string>, b: Set<string>) => [...a].some((w) => b.has(w));

// Questions that vent rather than ask: no answer is expected in the reply.
const RHETORICAL =
  /\b(?:are you (?:kidding|serious|joking)|is this a joke|what(?:'s| is) (?:wrong|going on) with (?:you|your)|how (?:hard|difficult) (?:is|can) it|who does that|what the (?:hell|heck|f\w*)|seriously|why (?:is|does) (?:it|this|everything) (?:always|so hard)|how many (?:more )?times do i (?:have|need) to|how long do i have to wait|why (?:do|should) i (?:even )?bother|what kind of (?:company|service)|with you people)\b/i;

/** The questions in the customer's message that expect an answer (venting and one-word questions left out). */
export function customerQuestions(sentences: readonly string[]): string[] {
  return sentences
    .flatMap((s) => s.split(/(?<=\?)\s+/))
    .map((s) => s.replace(/^(?:@\w+\s*)+/, '').trim())
    .filter((q) => q.endsWith('?') && !RHETORICAL.test(q) && topicStems(q).size > 0 && q.split(/\s+/).length >= 3);
}

// How much, how long, when: answered with a number, a time or a price, not just the topic.
const ASKS_QUANTITY = /^(?:\W*(?:and|also|so|but|ok|okay)\b[\s,]*)?(?:how\s+(?:much|many|long|soon|often)|when\b|what\s+(?:time|date|day)\b)/i;
const HAS_QUANTITY = /\d|\b(?:today|tonight|tomorrow|yesterday|(?:mon|tues|wednes|thurs|fri|satur|sun)day|weekend|week|month|year|morning|afternoon|evening|noon|free|no (?:charge|cost|fee)|(?:an?|one|two|three|few) (?:minutes?|hours?|days?)|jan(?:uary)?|feb(?:ruary)?|march|april|may|june|july|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b/i;
// A question asking yes or no is answered by a yes or a no.
const ASKS_YES_NO = /^(?:\W*(?:and|also|so|but|ok|okay)\b[\s,]*)?(?:do|does|did|can|could|is|are|was|were|will|would|should|have|has|may|any)\b/i;
const SAYS_YES_NO = /\b(?:yes|yep|yeah|no|nope|not yet|correct|absolutely|of course|definitely|unfortunately not|you can|you can't|you cannot|we do|we don't|we can|it is|it isn't|there is|there isn't|there are)\b/i;
// A link or a how-to is the answer on many help desks ("follow the steps here: ...").
const POINTS_TO_ANSWER = /https?:\/\/|\bwww\.|\b(?:article|guide|steps?|instructions|help (?:page|centre|center)|faq)\b/i;

/**
 * The customer's questions the draft does not seem to answer: it shares none of their topic words
 * (and, for "how much / when", gives no number or time), gives no yes or no to a yes-no question,
 * and points to no article or link.
 */
export function unansweredQuestions(questions: readonly string[], ownText: string): string[] {
  const answer = topicStems(ownText);
  if (POINTS_TO_ANSWER.test(ownText)) return [];
  return questions.filter((q) => {
    const topical = shares(topicStems(q), answer);
    if (ASKS_QUANTITY.test(q)) return !(topical && HAS_QUANTITY.test(ownText));
    if (ASKS_YES_NO.test(q) && questions.length === 1 && SAYS_YES_NO.test(ownText)) return false;
    return !topical;
  });
}

const quoteList = (items: readonly string[]) => items.map((q) => `\u201C${q.length > 120 ? `${q.slice(0, 117)}...` : q}\u201D`).join(' ');

const questions: ContextCheck = ({ ownText, customerSentences, findings }) => {
  const open = unansweredQuestions(customerQuestions(customerSentences), ownText);
  if (!open.length || !findings.length) return [];
  const [first] = findings;
  return [{ ...first, message: `${first.message} ${quoteList(open)}`.slice(0, 600) }];
};

const NAME_WORD = /^\p{Lu}[\p{L}'-]+$/u;
const NOT_NAMES = new Set(['thanks', 'thank', 'regards', 'cheers', 'best', 'sincerely', 'please', 'help', 'urgent', 'sent', 'hello', 'hi']);
const SIGNED = /(?:^|\n)\s*(?:(?:thanks|thank you|many thanks|regards|kind regards|best regards|best|cheers|sincerely)[,!.]?\s+|[-–—~]\s*)?(\p{Lu}[\p{L}'-]+(?:\s+\p{Lu}[\p{L}'-]+)?)\s*\.?\s*$/iu;
const INTRODUCED = /\b(?:my name is|my name's|this is)\s+(\p{Lu}[\p{L}'-]+(?:\s+\p{Lu}[\p{L}'-]+)?)/u;

/** The customer's name: as the help desk shows it, else as they signed or introduced themselves. */
export function customerName(customer: CustomerContext): string | undefined {
  const shown = customer.name?.replace(/\s*[(<].*$/, '').trim();
  if (shown && /\p{L}/u.test(shown) && !shown.includes('@')) return shown;
  const signed = SIGNED.exec(customer.text.trimEnd())?.[1] ?? INTRODUCED.exec(customer.text)?.[1];
  if (!signed) return undefined;
  const words = signed.split(/\s+/);
  return words.every((w) => NAME_WORD.test(w) && !NOT_NAMES.has(w.toLowerCase())) ? signed : undefined;
}

const fold = (s: string) => s.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase();
const GREETING_WORDS = /^(?:(?:hi|hello|hey|dear|good\s+(?:morning|afternoon|evening)|greetings)[\s,]+)((?:(?:mr|mrs|ms|miss|dr)\.?\s+)?)(.+?)[\s,!.:]*$/iu;

/** The greeting names someone the customer is not: the suggestion greets the customer by the name they go by. */
const otherName: ContextCheck = ({ customer, findings }) => {
  const name = customerName(customer);
  if (!name) return [];
  const parts = name.split(/\s+/).map(fold);
  const samePerson = (greeted: string) => parts.some((p) => p === greeted || (p.length >= 3 && greeted.length >= 3 && (p.startsWith(greeted) || greeted.startsWith(p))));
  return findings.flatMap((f) => {
    const m = GREETING_WORDS.exec(f.text);
    if (!m) return [];
    const [, title, greeted] = m;
    const greetedFirst = fold(greeted.split(/\s+/)[0]);
    if (samePerson(greetedFirst)) return [];
    const nameWords = name.split(/\s+/);
    // "Dear Ms. Smith" greets by family name: keep the title and use the customer's family name.
    const replacement = title ? nameWords[nameWords.length - 1] : nameWords[0];
    const at = f.text.lastIndexOf(greeted);
    return [{ ...f, suggestions: [`${f.text.slice(0, at)}${replacement}${f.text.slice(at + greeted.length)}`] }];
  });
};

// Verbs too general to name an action alone ("check", "turn", "switch"): with one of them, the
// draft and the customer must also share what it was done to.
const GENERAL_VERBS = new Set(['check', 'turn', 'switch', 'open', 'app', 'phone'].map(stem));

/** The draft asks the customer to do what they said they already did: the same action (and object, for a general verb). */
const sameAction: ContextCheck = ({ customerMatches, findings }) => {
  const done = topicStems(customerMatches.join(' '));
  return findings.filter((f) => {
    const common = [...topicStems(f.text)].filter((w) => done.has(w));
    return common.some((w) => !GENERAL_VERBS.has(w)) && (common.length > 1 || !GENERAL_VERBS.has(common[0]));
  });
};

export const CONTEXT_CHECKS: ReadonlyMap<string, ContextCheck> = new Map(
  Object.entries({
    'unanswered-questions': questions,
    'other-name': otherName,
    'same-action': sameAction,
  }),
);
