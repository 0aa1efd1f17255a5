// Named checks a context rule can add (`"check": "<name>"`) for what a phrase, pattern or regex
// cannot say alone: which of the customer's questions the draft leaves open, whether the greeting
// names the customer, whether the draft asks for something the customer said they already did.
// Each takes the rule's findings in the draft and returns those that stand, with their messages
// and suggestions completed. Pure and deterministic, like the rest of the engine.
import { hasTime, timesIn } from './time-expressions';
import type { CustomerContext, Finding, TextRange } from './types';

export interface ContextCheckInput {
  draft: string;
  /** The agent's own sentences of the draft (quotes and history left out), one a line. */
  ownText: string;
  /** Where those sentences are in the draft. */
  draftSentences: readonly TextRange[];
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
  ok okay sure well guys team support find things thing question questions now
  wonder wondering curious enquire inquire advise confirm explain reply respond response someone anyone somebody anybody`.split(/\s+/),
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

// Words support messages use for the same thing: a question about "cancelling a subscription" is
// answered by "end your plan". Each word's stem maps to its group's first stem.
const SYNONYM_GROUPS = [
  'ship deliver deliveries delivery send post dispatch courier arrive arrival reach',
  'cancel end stop terminate close unsubscribe quit',
  'subscription plan membership account contract',
  'refund money reimburse reimbursement repay credit',
  'price cost fee charge postage shipping rate pay',
  'open hour close closing',
  'discount offer deal promo coupon code voucher',
  'change update edit amend modify switch',
  'order purchase parcel package item',
  'invoice receipt bill statement',
  'broken damage faulty defective',
  'phone call ring',
  'email mail inbox',
  'store shop branch',
  'booking reservation',
  'login log sign password',
  'sell sold seller buy',
  'lock unlock block unblock suspend freeze',
  'accommodate fit seat capacity hold',
].map((group) => group.split(' ').map(stem));
const SYNONYM = new Map(SYNONYM_GROUPS.flatMap((group) => group.map((w) => [w, group[0]] as const)));
const canonical = (stems: Set<string>) => new Set([...stems].map((w) => SYNONYM.get(w) ?? w));

// Questions that vent rather than ask: no answer is expected in the reply.
const RHETORICAL =
  /\b(?:are you (?:kidding|serious|joking)|is this a joke|what(?:'s| is) (?:wrong|going on) with (?:you|your)|how (?:hard|difficult) (?:is|can) it|who does that|what the (?:hell|heck|f\w*)|seriously|why (?:is|does) (?:it|this|everything) (?:always|so hard)|how many (?:more )?times do i (?:have|need) to|how long do i have to wait|why (?:do|should) i (?:even )?bother|what kind of (?:company|service)|with you people|(?:this|that) is how you|is this how you|do you (?:even |actually )?care|what(?:'s| is) the point|why do you even)\b|^\W*what an?\b/i;

const LEAD = String.raw`^\W*(?:(?:and|also|so|but|ok|okay|plus|or|then|hi|hello|hey)\b[\s,]*)*`;
const SUBJECT = String.raw`(?:you|u|ya|i|we|they|it|he|she|there|this|that|these|those|my|our|the|your|a|an|anyone|someone|somebody|anybody|any|all|each|every)`;
// A question without its question mark ("can u tell me the status", "when it will arrive"):
// an auxiliary before its subject, or a question word before an auxiliary or a subject and "will".
const ASKS_DIRECTLY = new RegExp(
  `${LEAD}(?:(?:can|could|will|would|is|are|do|does|did|should|shall|may|might|have|has|was|were|am|isn't|aren't|don't|doesn't|didn't|won't|can't)\\s+(?:${SUBJECT}\\b|\\w+s?\\s+(?:be|get|still|also|really)\\b)` +
    `|(?:how|what|when|where|why|which|who)(?:'s|\\s+(?:(?:is|are|was|were|do|does|did|can|could|will|would|should|shall|has|have|much|many|long|soon|often|to|time|date|day)\\b|${SUBJECT}\\s+(?:will|would|can|should|could|is|are)\\b)))`,
  'i',
);
// A question asked in other words: "I would like to know whether...", "kindly let me know the
// procedure", "wondering if you ship to Canada", "please advise", "nobody can tell me why...".
const ASKS_INDIRECTLY =
  /\b(?:(?:would|'d|\u2019d)\s+(?:like|love|want)\s+to\s+(?:know|ask|check|find\s+out|confirm)|keen\s+to\s+(?:know|find\s+out)|let\s+(?:me|us)\s+know\s+(?:if|whether|how|what|when|where|which|why)|wish\s+to\s+(?:know|enquire|inquire|ask|check)|(?:want|need|needs|wanted|trying)\s+to\s+(?:know|find\s+out|ask|check\s+(?:if|whether)|understand\s+(?:why|how|what|when|if|whether))|(?:wondering|wonder|curious|unsure|not\s+sure|confused)\s+(?:if|whether|how|what|when|why|where|which|about)|(?:please|pls|plz|kindly|can\s+(?:you|u)|could\s+(?:you|u)|would\s+you|do)\s+(?:\w+\s+)?(?:let\s+(?:me|us)\s+know|tell\s+(?:me|us)|advise|advice|confirm|explain|clarify|inform\s+(?:me|us)|update\s+(?:me|us))|(?:help|tell|advise|show)\s+(?:me|us)\s+(?:what|how|where|when|which|why|if|whether)|(?:enquir|inquir)(?:e|ing)\s+(?:if|whether|about|as\s+to)|any\s+(?:idea|update|news|word|eta)s?\s+(?:on|about|when|if|why|regarding|re)\b)/i;

/** True when a customer's sentence asks something, with or without a question mark. */
export const asksSomething = (sentence: string): boolean => /\?\s*$/.test(sentence) || ((ASKS_DIRECTLY.test(sentence) || ASKS_INDIRECTLY.test(sentence)) && !/:\s*$/.test(sentence));

// Two questions in one sentence: "Do you deliver to Belfast, and how much is postage?"
const SECOND_QUESTION = /,?\s+(?:and|also|or|plus|but)\s+(?=(?:how|what|when|where|why|which|who|whether|if|is|are|can|could|do|does|will|would|should|tell|let)\b)/i;

const ABOUT_THE_PROBLEM = /\b(?:what|how|where|why)\b/i;

export interface CustomerQuestion {
  /** The question as the customer wrote it. */
  text: string;
  /** Its topic words: its own, or those of the sentence before for "what should I do now?". */
  topics: Set<string>;
}

/** The questions in the customer's message that expect an answer (venting and one-word questions left out). */
export function customerQuestionsWithTopics(sentences: readonly string[]): CustomerQuestion[] {
  const questions: CustomerQuestion[] = [];
  let before = new Set<string>();
  for (const sentence of sentences.flatMap((s) => s.split(/(?<=\?)\s+/))) {
    const text = sentence.replace(/^(?:@\w+\s*)+/, '').trim();
    if (!asksSomething(text)) {
      // Everything said so far is the problem "what should I do now?" asks about.
      before = new Set([...before, ...topicStems(text)]);
      continue;
    }
    for (const part of text.split(SECOND_QUESTION)) {
      const q = part.trim();
      if (RHETORICAL.test(q) || q.split(/\s+/).length < 3) continue;
      const own = topicStems(q);
      // "What should I do now?" asks about the problem just described; "can you help me?" asks nothing.
      const topics = own.size || !ABOUT_THE_PROBLEM.test(q) ? own : before;
      if (topics.size) questions.push({ text: q, topics });
    }
  }
  return questions;
}

const ASKED_LEAD = String.raw`^(?:\W*(?:and|also|so|but|ok|okay|or|plus|then)\b[\s,]*)*(?:.*?\b(?:know|tell\s+(?:me|us)|advise|wondering|wonder|enquire|inquire|confirm|explain)\s+)?`;
// What kind of answer a question wants, and what in a reply gives it.
const ASKS_TIME = new RegExp(`${ASKED_LEAD}(?:when|how\\s+(?:long|soon)|what\\s+(?:time|date|day)|by\\s+when)\\b|\\b(?:(?:last|latest|earliest|final|closing|due|cut-?off)\\s+(?:date|day|time)|deadline|cut-?off|make\\s+it\\s+(?:for|by|in\\s+time)|arrive|get\\s+here|be\\s+(?:here|ready|delivered)|in\\s+time|eta|any\\s+(?:update|news|word|progress)|status|progress)\\b`, 'i');
// "Any update?", "where is my order?": answered by a time, a "not yet" or what the agent is doing.
const ASKS_STATUS = new RegExp(`\\b(?:any\\s+(?:update|news|word|progress)|status|progress|eta)\\b|${ASKED_LEAD}where(?:'s|\\s+(?:is|are))\\s+(?:it|they|my|our|the)\\b`, 'i');
const SAYS_STATUS = /\b(?:not yet|nothing yet|no news|still|is now|on (?:its|the|their|your) way|in transit|out for delivery|has (?:been|left|arrived|shipped)|was (?:sent|shipped|dispatched|delivered|approved|issued|held)|(?:I|we)(?:'ll|\u2019ll| will|'ve|\u2019ve| have|'m|\u2019m| am|'re|\u2019re| are)\s+\w+)/i;
// "Can you resend my receipt?": answered by doing it.
const ASKS_FOR_ACTION = new RegExp(`${ASKED_LEAD}(?:(?:can|could|would|will)\\s+(?:you|u|someone|somebody)|(?:can|could|may)\\s+(?:i|we)\\s+(?:get|have|book|request|arrange|receive|order))\\b`, 'i');
const SAYS_DONE = /\b(?:I(?:'ve|\u2019ve| have)|we(?:'ve|\u2019ve| have)|I(?:'ll|\u2019ll| will)|we(?:'ll|\u2019ll| will)|done|sure|certainly|absolutely|no problem|of course|happy to|glad to|here is|here's|attached|will \w+ you)\b/i;
// "I'll look into it and get back to you": the honest "I don't know yet" answer (the time is another rule's).
const DEFERS = /\b(?:look(?:ing)? into|find(?:ing)? out|investigat\w*|get(?:ting)? back to you|follow(?:ing)? up|chas(?:e|ing)|keep you (?:posted|updated)|let you know|update you)\b/i;
const ASKS_QUANTITY = new RegExp(`${ASKED_LEAD}how\\s+(?:much|many|often)\\b|\\b(?:cost|price|fee|charge)s?\\b`, 'i');
const HAS_QUANTITY = /\d|\b(?:free|no (?:charge|cost|fee)|nothing|half|double|twice|once)\b/i;
const ASKS_YES_NO = new RegExp(`${ASKED_LEAD}(?:do|does|did|can|could|is|are|was|were|will|would|should|have|has|may|any|if|whether)\\b`, 'i');
const SAYS_YES_NO = /\b(?:yes|yep|yeah|yup|no|nope|not yet|correct|absolutely|of course|definitely|certainly|indeed|i'm afraid|i am afraid|includ\w*|exclud\w*|unfortunately not|i'm afraid not|you can|you can't|you cannot|you could|you won't|we do|we don't|we can|we can't|we won't|it is|it isn't|it does|it doesn't|there is|there isn't|there are|there aren't|they are|they're)\b/i;
const ASKS_WHERE = new RegExp(`${ASKED_LEAD}where\\b`, 'i');
const SAYS_WHERE = /\b(?:on|in|under|at|from|via|through)\s+(?:the\s+|your\s+|our\s+)?[\w-]+(?:\s+[\w-]+)?\s*(?:page|tab|menu|settings|section|app|site|website|portal|account|dashboard|store|shop|branch|folder|screen|link)\b|>|https?:\/\//i;
const ASKS_HOW = new RegExp(`${ASKED_LEAD}(?:how\\b(?!\\s+(?:much|many|long|soon|often))|what\\s+(?:should|do|can|must)\\s+(?:i|we)\\b|what\\s+(?:i|we)\\s+(?:should|can|must|need\\s+to)\\s+do\\b)|\\b(?:procedure|process|steps?|way)\\s+to\\b`, 'i');
const SAYS_HOW = /\b(?:please|try|go to|tap|click|select|choose|open|press|hold|enter|visit|head to|use|under|from|via|steps?|settings|you can|just|simply|follow)\b|>|https?:\/\//i;
const ASKS_WHY = new RegExp(`${ASKED_LEAD}why\\b`, 'i');
const SAYS_WHY = /\b(?:because|due to|caused by|as a result|the reason|reason|happened|was (?:a|an|the|caused)|since|so that|so|that's why|this is why|came from|comes from|for (?:security|safety)(?: reasons)?|to protect|go(?:es)? through|routed|duplicate|error|mistake|glitch|bug)\b/i;
// A link or a how-to is the answer on many help desks ("follow the steps here: ...").
const POINTS_TO_ANSWER = /https?:\/\/|\bwww\.|\b(?:article|guide|instructions|help (?:page|centre|center)|faq)\b/i;

/**
 * True when the reply says when: a time the question did not already name ("what time do you close
 * on Christmas Eve?" is not answered by "we're open on Christmas Eve"), said where the reply talks
 * about the question's topic (that sentence or the next) when it does, anywhere else when it does
 * not ("Done, it's now size M. It ships soon." leaves "when does it ship?" open).
 */
function givesTime(question: CustomerQuestion, ownText: string): boolean {
  const asked = new Set(timesIn(question.text));
  const sentences = ownText.split(/(?<=[.!?])\s+|\n+/);
  const wanted = canonical(question.topics);
  const onTopic = sentences.flatMap((s, i) => ([...canonical(topicStems(s))].some((w) => wanted.has(w)) ? [s, sentences[i + 1] ?? ''] : []));
  return (onTopic.length ? onTopic : sentences).some((s) => timesIn(s).some((t) => !asked.has(t)));
}

/**
 * The customer's questions the draft does not seem to answer. An answer covers most of the
 * question's topic words (in the reply's words or their synonyms), or shares one of them and gives
 * what the question asks for: a time for "when", a number for "how much", a yes or no, a place for
 * "where", steps for "how", a reason for "why". A link or an article answers everything.
 */
export function unansweredQuestions(questions: readonly (string | CustomerQuestion)[], ownText: string): string[] {
  if (POINTS_TO_ANSWER.test(ownText)) return [];
  const answer = canonical(topicStems(ownText));
  const asked = questions.map((q) => (typeof q === 'string' ? { text: q, topics: topicStems(q) } : q));
  const single = asked.length === 1;
  return asked
    .filter((question) => {
      const { text, topics } = question;
      const wanted = canonical(topics);
      const covered = [...wanted].filter((w) => answer.has(w)).length;
      const related = covered > 0 || single;
      if (covered > 0 && DEFERS.test(ownText)) return false;
      if (ASKS_STATUS.test(text)) return !(related && (givesTime(question, ownText) || SAYS_STATUS.test(ownText)));
      // "Why was I charged a fee?" wants a reason: "I've refunded the £5 fee" shares every word and gives none.
      if (ASKS_WHY.test(text)) return !(related && SAYS_WHY.test(ownText));
      // "When" and "how much" want a time or a number: the topic alone does not answer them.
      if (ASKS_QUANTITY.test(text)) return !(related && HAS_QUANTITY.test(ownText));
      if (ASKS_TIME.test(text)) return !(related && givesTime(question, ownText));
      if (covered / wanted.size >= 0.6) return false;
      if (ASKS_WHERE.test(text)) return !(covered > 0 && SAYS_WHERE.test(ownText));
      if (ASKS_HOW.test(text)) return !(covered > 0 && SAYS_HOW.test(ownText));
      if (ASKS_FOR_ACTION.test(text) && covered > 0 && SAYS_DONE.test(ownText)) return false;
      if (ASKS_YES_NO.test(text)) return !(related && SAYS_YES_NO.test(ownText));
      return covered === 0;
    })
    .map((q) => q.text);
}

const quoteList = (items: readonly string[]) => items.map((q) => `\u201C${q.length > 120 ? `${q.slice(0, 117)}...` : q}\u201D`).join(' ');

const questions: ContextCheck = ({ ownText, customerSentences, findings }) => {
  const open = unansweredQuestions(customerQuestionsWithTopics(customerSentences), ownText);
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
  // A short form is the same person: "Jo" for Joanna, "Priya" for Priyanka, "Alex" for Alejandro
  // (the first three letters shared).
  const samePerson = (greeted: string) =>
    parts.some((p) => p === greeted || (Math.min(p.length, greeted.length) >= 2 && (p.startsWith(greeted) || greeted.startsWith(p))) || (greeted.length >= 3 && p.length >= 3 && p.slice(0, 3) === greeted.slice(0, 3)));
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

// Troubleshooting steps, each in the words customers and agents use for it: "turned it off and on
// again" is a restart, "delete the app and install it again" a reinstall, "tried in Chrome and in
// Firefox" another browser. A customer's sentence and a draft's request name the same step when
// they share one of these, or the same specific verb.
const STEPS: readonly RegExp[] = [
  /\b(?:re-?start\w*|re-?boot\w*|power[- ]?cycl\w*|(?:turn|switch|power)\w*\s+(?:\w+\s+){0,2}?(?:off\s+and\s+(?:back\s+)?on|on\s+and\s+off)|(?:turn|switch|power)\w*\s+(?:\w+\s+){0,2}?off\b[^.!?]*\b(?:back\s+on|on\s+again)|unplug\w*)/i,
  /\b(?:factory\s+reset\w*|reset\w*\s+(?:\w+\s+){0,2}?to\s+factory|hard\s+reset\w*)/i,
  /\b(?:re-?install\w*|uninstall\w*|fresh\s+install|re-?download\w*|(?:delet|remov)\w*[^.!?]{0,40}?\b(?:re-?)?(?:install|download|add)\w*|(?:install|download)\w*\s+(?:\w+\s+)?again)/i,
  /\b(?:(?:different|another|other|second|new|2nd)\s+browsers?|browsers|chrome|firefox|safari|edge|opera|incognito|private\s+(?:window|browsing|mode))\b/i,
  /\b(?:(?:different|another|other|second|new|2nd|two|both)\s+(?:card|payment\s+method)s?|other\s+cards?)\b/i,
  /\b(?:(?:clear|delet|empt|wip)\w*\s+(?:\w+\s+){0,3}?(?:cache|cookies|browsing\s+data|history|temp\w*)|cache)\b/i,
  /\b(?:(?:log|sign)(?:ged|ging)?\s*(?:out|off)\b|re-?log\w*|(?:log|sign)(?:ged|ging)?\s+(?:back\s+)?in\s+again|(?:log|sign)(?:ged|ging)?\s+back\s+in)/i,
  /\b(?:(?:reset|chang|new)\w*\s+(?:\w+\s+){0,2}?password|password\s+reset|forgot(?:ten)?\s+(?:\w+\s+)?password)\b/i,
  /\b(?:mobile\s+data|wi-?fi|cellular|hotspot|ethernet|(?:different|another|other)\s+(?:network|connection|wi-?fi))\b/i,
  /\b(?:updat\w*|upgrad\w*|latest\s+version|firmware)\b/i,
  /\b(?:expir\w*|expiry)\b/i,
  /\b(?:re-?enter\w*|re-?typ\w*|(?:enter|typ|try|tri|us)\w*\s+(?:\w+\s+){0,3}?again|retry\w*|(?:\d+|several|many|multiple|few|like\s+\d+)\s+times)\b/i,
];
const stepsIn = (text: string) => new Set(STEPS.flatMap((step, i) => (step.test(text) ? [i] : [])));
// "I tried a different socket" and "try another socket": the same step for any thing swapped.
const OTHER_THING = /\b(?:different|another|other|second|new|spare)\s+(?:[\p{L}-]+\s+)?([\p{L}-]{3,})/giu;
const otherThings = (text: string) => new Set([...text.matchAll(OTHER_THING)].flatMap((m) => [stem(m[1]), ...(m[0].split(/\s+/).length > 2 ? [stem(m[0].split(/\s+/)[1])] : [])]));

// The verb of a request ("could you (please) try re-pairing the headphones" → "re-pairing"), for steps outside the list.
const REQUEST_LEAD = /^(?:.*?\b(?:have\s+you\s+(?:already\s+|ever\s+)?(?:tried|been\s+able\s+to|had\s+a\s+chance\s+to)|did\s+you\s+(?:try|manage\s+to)|(?:could|can|would)\s+you|please|kindly|try|make\s+sure\s+(?:to|you)|you\s+(?:may|might|could|can|should|will)(?:\s+(?:need|want|have)\s+to)?|i(?:['\u2019]d|\s+would)\s+(?:recommend|suggest)|first,?))(?:\s+(?:please|just|also|try|quickly|again|a|an|the|your|to))*\s+/i;
// Verbs too general to name a step alone.
const GENERAL_VERBS = new Set(['check', 'turn', 'switch', 'open', 'send', 'tell', 'let', 'share', 'make', 'confirm', 'use', 'go', 'see', 'look', 'give', 'provide', 'reply', 'contact', 'attach', 'describe', 'take', 'keep', 'wait', 'start', 'do'].map(stem));
function requestVerb(request: string): string | undefined {
  const word = /^[\p{L}'-]+/u.exec(request.replace(REQUEST_LEAD, ''))?.[0];
  return word && stem(word);
}

// A request that builds on what the customer did, or follows the agent's own fix ("Since a fresh
// install didn't help...", "I've cleared the hold, so please try again now"): not a repeat.
const BUILDS_ON = /\b(?:thanks?\s+(?:you\s+)?for|since\s+you|as\s+you(?:['\u2019]ve|\s+have|\s+already)|you(?:['\u2019]ve|\s+have)\s+already|(?<!have\s)you\s+already|i\s+see\s+(?:that\s+)?you|now\s+that|i(?:['\u2019]ve|\s+have)|we(?:['\u2019]ve|\s+have)|didn['\u2019]t\s+help|did\s+not\s+help)\b/i;

/** The draft asks the customer to do what they said they already did: the same step, in any words. */
const sameAction: ContextCheck = ({ customerSentences, customerMatches, findings }) => {
  // The whole sentence of each thing they did: "The card isn't expired, I checked the date twice."
  const done = customerSentences.filter((s) => customerMatches.some((m) => s.includes(m))).join('\n');
  const doneSteps = stepsIn(done);
  const doneWords = topicStems(customerMatches.join(' '));
  const doneOthers = otherThings(done);
  return findings.filter((f) => {
    if (BUILDS_ON.test(f.text)) return false;
    if ([...stepsIn(f.text)].some((s) => doneSteps.has(s))) return true;
    if ([...otherThings(f.text)].some((t) => doneOthers.has(t))) return true;
    const verb = requestVerb(f.text);
    if (verb === undefined || !doneWords.has(verb)) return false;
    // A general verb ("check") names the same step only with the same thing: "check your spam folder".
    return !GENERAL_VERBS.has(verb) || [...topicStems(f.text)].some((w) => w !== verb && !GENERAL_VERBS.has(w) && doneWords.has(w));
  });
};

/**
 * A promise stands only when it says no time (see time-expressions.ts): "I'll call you by Friday",
 * "Tomorrow morning, I'll call you". A time in an earlier clause of the sentence is not the
 * promise's: "We received it on the 3rd and your refund will be processed".
 */
const withoutTime: ContextCheck = ({ draft, draftSentences, findings }) =>
  findings.filter((f) => {
    const sentence = draftSentences.find((r) => r.start <= f.start && f.start < r.end) ?? f;
    const leadIn = draft.slice(sentence.start, f.start).split(/\s(?:and|but|so)\s|[;:]/i).pop() ?? '';
    return !hasTime(leadIn) && !hasTime(f.text);
  });

export const CONTEXT_CHECKS: ReadonlyMap<string, ContextCheck> = new Map(
  Object.entries({
    'unanswered-questions': questions,
    'other-name': otherName,
    'same-action': sameAction,
    'without-time': withoutTime,
  }),
);
