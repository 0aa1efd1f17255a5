// Rule kind `clause`: who does what, rather than a list of phrasings. The sentence is read into
// clauses (split at commas and at words like "but", "because", "if"); in each clause the subject
// (the agent's side, the customer, someone else, a thing, an action), the verb group (negation,
// modality: can / allowed / will / do / must / should / need, voice) and what follows the verb are
// found, and a rule's frame says which combination to flag:
//   {"subject": ["speaker"], "negated": true, "modality": ["can"]}
// catches "we can't", "I'm unable to", "me and my team are not in a position to", "our agents won't
// be able to", "Im not able to", in any tense, with any adverbs between.
// The reading is shallow on purpose: it runs while the agent types. Words, contractions and their
// spans come from a regular expression; parts of speech from compromise's lexicon, and verb forms
// (lose → lost, losing, loses) from compromise's conjugation when the rule is compiled. Rules that
// name words are only read on sentences that contain one of them (`triggers`).
import nlp from 'compromise';
import { LIMITS } from '../limits';
import type { Matcher, MatcherResult, RawMatch, Sentence } from '../sentence';
import { IMPLIED_WORDS } from '../contractions';
import { foldWord, quotedRanges } from '../text';
import type { FieldCheck, RuleKindDefinition } from './kind';

export const SUBJECTS = ['speaker', 'team', 'customer', 'other', 'named', 'thing', 'doing'] as const;
export const MODALITIES = ['can', 'allowed', 'will', 'do', 'must', 'should', 'need', 'none'] as const;
export const MOODS = ['statement', 'question', 'condition'] as const;
type Subject = (typeof SUBJECTS)[number];
type Modality = (typeof MODALITIES)[number];
type Mood = (typeof MOODS)[number];

/** A clause frame as written in a pack. Every field given must hold; a list holds when one entry does. */
export interface ClauseSpec {
  subject?: string[];
  negated?: boolean;
  modality?: string[];
  past?: boolean;
  voice?: 'active' | 'passive';
  verbs?: string[];
  complement?: string[];
  about?: string[];
  object?: string[];
  mood?: string[];
  include?: string[];
}

// ---------------------------------------------------------------------------------------------
// Reading a sentence: tokens, contractions, quotes, clauses.

interface Token {
  /** Folded word ("can", "not", "we", ","): contractions are split into their words. */
  w: string;
  start: number;
  end: number;
  /** As written, for capitalisation (proper names). */
  raw: string;
}

const CONTRACTED: Record<string, string[]> = {
  "can't": ['can', 'not'], cant: ['can', 'not'], cannot: ['can', 'not'], "won't": ['will', 'not'], "shan't": ['shall', 'not'],
  "ain't": ['is', 'not'], im: ['i', 'am'], dont: ['do', 'not'], didnt: ['did', 'not'], doesnt: ['does', 'not'], isnt: ['is', 'not'],
  wasnt: ['was', 'not'], couldnt: ['could', 'not'], wouldnt: ['would', 'not'], arent: ['are', 'not'], werent: ['were', 'not'], havent: ['have', 'not'],
  hasnt: ['has', 'not'], shouldnt: ['should', 'not'], ive: ['i', 'have'], youre: ['you', 'are'], theyre: ['they', 'are'],
  r: ['are'], u: ['you'], ur: ['your'], pls: ['please'], plz: ['please'], sry: ['sorry'], bcoz: ['because'], bcz: ['because'], coz: ['because'], cuz: ['because'], bcos: ['because'], cud: ['could'], shd: ['should'], wud: ['would'],
};
const SHORTHAND_WORDS = new Set(Object.values(CONTRACTED).flat());
const SUFFIXES: Record<string, string> = { re: 'are', m: 'am', ve: 'have', ll: 'will', d: "'d" };
const IS_AFTER = new Set(['it', 'that', 'this', 'there', 'here', 'he', 'she', 'what', 'who', 'where', 'how', 'let', 'everything', 'nothing', 'something', 'which']);
const TOKEN = /[\p{L}\p{N}]+(?:[-'\u2019\u2018\u02BC`&][\p{L}\p{N}]+)*|[,;:!?()\u2014\u2013]|\.(?!\w)|\s[-]\s/gu;

function tokenize(text: string): Token[] {
  const quoted = quotedRanges(text).map((r) => [r.start, r.end]);
  const tokens: Token[] = [];
  for (const m of text.matchAll(TOKEN)) {
    const start = m.index;
    const end = start + m[0].length;
    // Quoted words are someone else's: they stand as one opaque token.
    const inQuote = quoted.find(([s, e]) => start >= s && end <= e);
    if (inQuote) {
      if (tokens[tokens.length - 1]?.start !== inQuote[0]) tokens.push({ w: '"quote"', start: inQuote[0], end: inQuote[1], raw: text.slice(inQuote[0], inQuote[1]) });
      continue;
    }
    const raw = m[0].trim();
    const word = /^[A-Za-z0-9]+$/.test(raw) ? raw.toLowerCase() : foldWord(raw);
    const push = (w: string) => tokens.push({ w, start, end, raw });
    const whole = CONTRACTED[word];
    if (whole) {
      whole.forEach(push);
      continue;
    }
    const apostrophe = word.lastIndexOf("'");
    if (apostrophe > 0) {
      const stem = word.slice(0, apostrophe);
      const suffix = word.slice(apostrophe + 1);
      if (suffix === 't' && stem.endsWith('n')) {
        push(stem.slice(0, -1) === 'ca' ? 'can' : stem.slice(0, -1));
        push('not');
        continue;
      }
      if (SUFFIXES[suffix]) {
        push(stem);
        push(SUFFIXES[suffix]);
        continue;
      }
      if (suffix === 's') {
        push(stem);
        push(IS_AFTER.has(stem) ? 'is' : "'s");
        continue;
      }
    }
    push(word);
  }
  return tokens;
}

const CLAUSE_WORDS = new Set(['but', 'so', 'because', 'since', 'although', 'though', 'while', 'whilst', 'whereas', 'which', 'unless', 'if', 'when', 'whenever', 'once', 'until', 'after', 'however', 'as', 'otherwise', 'then', 'that', 'who', 'where']);
const CONDITION_LEADS = new Set(['if', 'unless', 'whether', 'when', 'whenever', 'once', 'until', 'after', 'in case', 'even if', 'as long as', 'provided', 'in the event']);
const CONCESSION_LEADS = new Set(['while', 'whilst', 'although', 'though', 'even though', 'whereas']);
const PRONOUN_SUBJECTS = new Set(['i', 'we', 'you', 'they', 'he', 'she', 'it', 'there']);
const PUNCTUATION = new Set([',', ';', ':', '(', ')', '\u2014', '\u2013', '-', '.', '!', '?']);

interface Clause {
  tokens: Token[];
  /** The word(s) that opened the clause ("if", "but", "in case"), or "" at the start of the sentence. */
  lead: string;
  mood: Mood;
}

function splitClauses(tokens: Token[], question: boolean): Clause[] {
  const clauses: Clause[] = [];
  let current: Token[] = [];
  let lead = '';
  const close = () => {
    if (current.length) clauses.push({ tokens: current, lead, mood: clauseMood(lead, current, question) });
    current = [];
    lead = '';
  };
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (PUNCTUATION.has(t.w)) {
      close();
      continue;
    }
    const two = `${t.w} ${tokens[i + 1]?.w ?? ''}`;
    // "and"/"or" join clauses before a subject ("and we can't") or an auxiliary with the subject left out ("and cannot").
    const next = tokens[i + 1]?.w ?? '';
    const opens = CLAUSE_WORDS.has(t.w) || ((t.w === 'and' || t.w === 'or') && (PRONOUN_SUBJECTS.has(next) || (next in MODALS && next !== "'d") || DO.has(next))) || CONDITION_LEADS.has(two) || CONCESSION_LEADS.has(two);
    // "that" opens a clause only after a verb of saying or feeling ("note that", "sorry that"), not as a determiner
    const thatLeads = t.w !== 'that' || /^(?:note|inform|understand|know|sorry|afraid|see|seems|regret|hope|say|said|think|believe|feel|realise|realize|confirm|appreciate)$/.test(tokens[i - 1]?.w ?? '');
    const whoLeads = (t.w !== 'who' && t.w !== 'where') || i > 0;
    const soLeads = t.w !== 'so' || PRONOUN_SUBJECTS.has(tokens[i + 1]?.w ?? '') || DETERMINERS.has(tokens[i + 1]?.w ?? '') || tokens[i + 1]?.w === 'please';
    if (opens && thatLeads && whoLeads && soLeads && !(t.w === 'as' && !PRONOUN_SUBJECTS.has(tokens[i + 1]?.w ?? '') && tokens[i + 1]?.w !== 'per')) {
      close();
      if (CONDITION_LEADS.has(two) || CONCESSION_LEADS.has(two)) {
        lead = two;
        i++;
      } else lead = t.w;
      continue;
    }
    current.push(t);
  }
  close();
  return clauses;
}

function clauseMood(lead: string, tokens: Token[], question: boolean): Mood {
  if (CONDITION_LEADS.has(lead)) return 'condition';
  // "Should the card be declined, ..." / "Were the item to be damaged, ..." / "Had you checked, ..."
  const first = tokens[0]?.w;
  if (!lead && (first === 'should' || first === 'were' || first === 'had') && !PRONOUN_SUBJECTS.has(first) && tokens.length > 2 && tokens[1].w !== 'not' && !question) {
    return 'condition';
  }
  return question ? 'question' : 'statement';
}

// ---------------------------------------------------------------------------------------------
// Reading a clause: subject, verb group, what follows.

const LEXICON = (nlp.model() as { one: { lexicon: Record<string, string | string[]> } }).one.lexicon;
const tagOf = (w: string): string => {
  const t = LEXICON[w];
  return Array.isArray(t) ? t[0] : (t ?? '');
};

const BE = new Set(['be', 'been', 'being', 'is', 'are', 'was', 'were', 'am']);
const HAVE = new Set(['have', 'has', 'had']);
const DO = new Set(['do', 'does', 'did']);
const MODALS: Record<string, Modality> = { can: 'can', could: 'can', will: 'will', would: 'will', shall: 'will', "'d": 'will', must: 'must', should: 'should', ought: 'should', may: 'can', might: 'can' };
const NEGATIONS = new Set(['not', 'never', 'no', 'nothing', 'unable', 'neither', 'nor']);
const GROUP_ADVERBS = new Set([
  'really', 'just', 'simply', 'currently', 'still', 'also', 'even', 'actually', 'clearly', 'obviously', 'probably', 'possibly', 'unfortunately', 'sadly',
  'presently', 'now', 'again', 'definitely', 'certainly', 'honestly', 'truly', 'surely', 'apparently', 'only', 'ever', 'already', 'properly', 'correctly',
  'then', 'therefore', 'afraid', 'so', 'very', 'quite', 'too', 'extremely', 'kindly', 'personally', 'technically', 'yet', 'exactly', 'fully', 'entirely', 'totally', 'strictly',
]);
/** Phrases in a verb group that carry a modality: "able to", "in a position to", "allowed to". */
const MODAL_PHRASES: Array<[string[], Modality]> = [
  [['able', 'to'], 'can'], [['unable', 'to'], 'can'], [['in', 'a', 'position', 'to'], 'can'], [['in', 'the', 'position', 'to'], 'can'],
  [['allowed', 'to'], 'allowed'], [['permitted', 'to'], 'allowed'], [['authorised', 'to'], 'allowed'], [['authorized', 'to'], 'allowed'],
  [['going', 'to'], 'will'], [['gonna'], 'will'], [['supposed', 'to'], 'should'], [['meant', 'to'], 'should'], [['required', 'to'], 'need'],
  [['need', 'to'], 'need'], [['needs', 'to'], 'need'], [['needed', 'to'], 'need'], [['have', 'to'], 'need'], [['has', 'to'], 'need'], [['had', 'to'], 'need'],
  [['got', 'to'], 'need'], [['ought', 'to'], 'should'],
];
/** Ability or permission as an object: "we have no way of", "I don't have the authority to". */
const HAVE_MODAL: Record<string, Modality> = { ability: 'can', means: 'can', option: 'can', way: 'can', power: 'can', capacity: 'can', authority: 'allowed', permission: 'allowed', clearance: 'allowed', authorisation: 'allowed', authorization: 'allowed', access: 'can', right: 'allowed', mandate: 'allowed', bandwidth: 'can' };

const TEAM_NOUNS = new Set(['team', 'teams', 'department', 'departments', 'desk', 'staff', 'specialists', 'support', 'squad', 'unit', 'division']);
const SPEAKER_NOUNS = new Set(['team', 'teams', 'staff', 'agents', 'agent', 'company', 'store', 'shop', 'department', 'specialists', 'side', 'end', 'business', 'organisation', 'organization', 'firm', 'brand', 'office', 'branch', 'desk', 'colleagues']);
export const PARTY_NOUNS = new Set([
  'courier', 'couriers', 'carrier', 'carriers', 'warehouse', 'supplier', 'suppliers', 'vendor', 'vendors', 'manufacturer', 'manufacturers', 'partner', 'partners',
  'provider', 'providers', 'system', 'systems', 'software', 'app', 'website', 'site', 'server', 'servers', 'colleague', 'colleagues', 'coworker', 'co-worker', 'coworkers', 'technician', 'technicians',
  'engineer', 'engineers', 'driver', 'drivers', 'agent', 'agents', 'department', 'team', 'staff', 'store', 'seller', 'sellers', 'merchant', 'bank', 'issuer', 'airline', 'hotel', 'processor',
  'gateway', 'contractor', 'contractors', 'installer', 'installers', 'accounts', 'billing', 'finance', 'logistics', 'retailer', 'reseller', 'shop', 'operator', 'network', 'isp', 'office',
  'postman', 'postie', 'post', 'mail', 'dispatch', 'packer', 'packers', 'person', 'rep', 'representative', 'whoever', 'someone', 'somebody', 'they', 'he', 'she', 'management', 'manager',
  'desk', 'firm', 'company', 'centre', 'center', 'factory', 'depot', 'hub', 'facility', 'lab', 'plant', 'distributor', 'wholesaler', 'landlord', 'insurer', 'broker', 'agency', 'marketplace', 'branch', 'platform', 'tool', 'portal', 'bot', 'algorithm', 'cloud', 'host', 'hosting', 'developer', 'developers',
]);
const DETERMINERS = new Set(['the', 'a', 'an', 'our', 'my', 'your', 'their', 'his', 'her', 'its', 'this', 'that', 'these', 'those', 'some', 'any', 'another', 'one', 'of', 'every', 'all', 'such', 'no']);
const THING_PRONOUNS = new Set(['it', 'that', 'this', 'these', 'those', 'there', 'which', 'what', 'nothing', 'something', 'everything', 'anything']);
const IRREGULAR_PARTICIPLES = new Set(['lost', 'sent', 'made', 'done', 'given', 'taken', 'broken', 'shown', 'told', 'held', 'put', 'set', 'left', 'paid', 'kept', 'sold', 'bought', 'brought', 'caught', 'found', 'met', 'read', 'won', 'shipped', 'built', 'cut', 'hit', 'run', 'seen', 'known', 'written', 'driven', 'stolen', 'chosen', 'forgotten', 'gotten', 'got', 'hidden', 'spent', 'laid']);

/**
 * The forms of `verb` from compromise's conjugation (lose → lose, lost, loses, losing). A phrasal
 * verb is matched by its verb ("show up" → show, showed, shown...): the reading keys on one word.
 */
export function verbForms(verb: string): string[] {
  const head = foldWord(verb.trim()).split(/\s+/)[0];
  if (BE.has(head)) return [...BE];
  if (HAVE.has(head)) return [...HAVE, 'having'];
  const forms = new Set([head]);
  const doc = nlp(head);
  doc.tag('Verb');
  const conjugated = (doc.verbs().conjugate() as Array<Record<string, string>>)[0];
  for (const [form, value] of Object.entries(conjugated ?? {})) if (form !== 'FutureTense' && value) forms.add(foldWord(value).split(/\s+/)[0]);
  if (!conjugated?.PastTense || conjugated.PastTense === head) {
    // compromise does not know its past: the regular forms (skip → skipped, skipping).
    const stem = /[^aeiou][aeiou][bdglmnprt]$/.test(head) ? head + head[head.length - 1] : head.replace(/e$/, '');
    forms.add(`${stem}ed`).add(`${stem}ing`).add(/(?:s|x|z|ch|sh)$/.test(head) ? `${head}es` : `${head}s`);
  }
  // British and American spellings double a final l differently (mislabelled / mislabeled).
  for (const form of [...forms]) {
    const single = /([aeiou])l(ed|ing)$/.exec(form);
    if (single && !/ll(ed|ing)$/.test(form)) forms.add(form.replace(/l(ed|ing)$/, 'll$1'));
    else if (/[aeiou]ll(ed|ing)$/.test(form) && !head.endsWith('ll')) forms.add(form.replace(/ll(ed|ing)$/, 'l$1'));
  }
  return [...forms];
}

const isParticiple = (w: string) => IRREGULAR_PARTICIPLES.has(w) || IRREGULAR_PARTICIPLES.has(w.replace(/^(?:mis|re|over|under|out)/, '')) || /[a-z]{2,}(?:ed|en|wn|ood|ught|elt|ept|ung|unk)$/.test(w) || ['PastTense', 'Participle'].includes(tagOf(w));
const isVerbLike = (w: string) => {
  const tag = tagOf(w);
  return /Verb|Tense|Infinitive|Gerund|Participle|Modal|Copula|Auxiliary/.test(tag) || /[a-z]{3,}ed$/.test(w);
};

interface Reading {
  subject: Token[];
  subjectClass: Subject | null;
  negated: boolean;
  modality: Set<Modality>;
  /** did, was/were, had, have + participle, a verb in -ed. */
  past: boolean;
  passive: boolean;
  /** The main verb, or the copula when the clause is "X is Y". */
  verb: Token | null;
  /** From the start of the verb group to the end of the clause. */
  group: Token[];
  rest: Token[];
  /** The subject was left out and is the previous clause's. */
  elided?: boolean;
}

const CALENDAR = /^(?:mon|tue|wed|thu|fri|sat|sun)|^(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)|^(?:christmas|easter|eid|diwali)$/;
const AUXILIARIES = new Set([...BE, ...HAVE, ...DO, ...Object.keys(MODALS), 'not']);
/** Words that can follow an imperative verb: "take it up", "call them", "refer to", "write to". */
const OBJECT_STARTS = new Set(['it', 'them', 'us', 'me', 'him', 'her', 'to', 'up', 'out', 'in', 'with', 'on', 'back', 'through', 'over', 'down', 'off', 'at', 'for', 'about']);
const PREPOSITIONS = new Set(['to', 'with', 'by', 'on', 'from', 'of', 'for', 'at', 'up', 'out', 'about', 'against', 'under', 'per', 'via', 'through', 'contact', 'call', 'email', 'approach', 'ring', 'ask', 'chase']);
const NP_STOPS = new Set([...GROUP_ADVERBS, 'here', 'there', 'today', 'tomorrow', 'tonight', 'directly', 'yourself', 'yourselves', 'instead', 'asap', 'first', 'and', 'or', 'as', 'well', 'please', 'right', 'any', 'anytime']);
/** What a possessive names as someone's: "the bank's side" is the bank. */
const OWNED_PARTS = new Set(['side', 'end', 'part', 'fault', 'mistake', 'error', 'doing', 'problem', 'issue']);
/** Words after a participle that make it describe the noun before it ("placed on", "sent by"). */
const REDUCED_RELATIVE_NEXT = new Set(['on', 'in', 'by', 'from', 'at', 'via', 'through', 'during', 'before', 'after', 'online', 'abroad', 'overseas']);
/** Modals that start a chat clause whose subject ("we", "I") was left out. */
const ELIDED_SPEAKER_MODALS = new Set(['can', 'could', 'will', 'would', 'shall']);
const QUANTIFIERS = new Set(['all', 'some', 'none', 'one', 'each', 'both', 'most', 'many']);

/** People of a company: "our reps" are the agent's side, "our warehouse lads" another team. */
const PEOPLE_NOUNS = new Set(['reps', 'representatives', 'advisors', 'advisers', 'associates', 'guys', 'lads', 'folks', 'crew', 'employees', 'members', 'people', 'dept', 'depts']);
/** Prepositions inside a noun phrase: "my colleague on the night shift", "one of our drivers". */
const NP_PREPOSITIONS = new Set(['on', 'in', 'at', 'from', 'of', 'with', 'for']);
const BLAMABLE = new Set<Subject>(['other', 'named', 'team']);

/** Who a noun phrase names. As a clause's subject (`asSubject`), what a party owns acts for it: "Apple's update broke it". */
function subjectClass(np: Token[], asSubject = false): Subject | null {
  const all = np.map((t) => t.w);
  const words = all.filter((w) => !GROUP_ADVERBS.has(w) && w !== 'and' && w !== 'or');
  if (words.length === 0) return null;
  // The head comes before a preposition ("my colleague on the night shift"), after "one of" ("one of our drivers").
  const cut = all.findIndex((w, n) => n > 0 && NP_PREPOSITIONS.has(w));
  if (cut > 0 && cut < all.length - 1) {
    const lead = np.slice(0, cut);
    return lead.every((t) => QUANTIFIERS.has(t.w) || DETERMINERS.has(t.w)) ? subjectClass(np.slice(cut + 1), asSubject) : subjectClass(lead, asSubject);
  }
  const first = words[0];
  const head = words[words.length - 1];
  const owner = all.indexOf("'s");
  if (owner > 0) {
    const ownerClass = subjectClass(np.slice(0, owner));
    // "Stripe's side", "the restaurant's doing", "the mistake is the shipping company's": whose it is.
    if (OWNED_PARTS.has(head) || owner === all.length - 1) return ownerClass === 'thing' ? 'other' : ownerClass;
    if (asSubject && ownerClass && BLAMABLE.has(ownerClass)) return ownerClass;
  }
  // "a billing team issue", "a courier problem": the words before say whose.
  if (OWNED_PARTS.has(head) && words.length > 2) {
    const whose = subjectClass(np.slice(0, -1));
    if (whose && BLAMABLE.has(whose)) return whose;
  }
  if (/ing$/.test(first) && !DETERMINERS.has(first) && tagOf(first) !== 'Noun') return 'doing';
  if (words.includes('i') || words.includes('we') || (all.includes('me') && all.includes('and')) || (first === 'us' && words.length === 1)) return 'speaker';
  if (first === 'you' || (QUANTIFIERS.has(first) && words.includes('you'))) return 'customer';
  // "our team" is the agent's side; "our billing team", "the installation team" another team of the company.
  if (TEAM_NOUNS.has(head) || PEOPLE_NOUNS.has(head)) return (first === 'our' || first === 'my' || first === 'the') && words.length === 2 ? 'speaker' : 'team';
  if (first === 'our' || first === 'my') return SPEAKER_NOUNS.has(head) ? 'speaker' : PARTY_NOUNS.has(head) ? 'other' : 'thing';
  if (PARTY_NOUNS.has(head) || words.some((w) => w === 'whoever' || w === 'someone' || w === 'somebody' || w === 'they')) return 'other';
  // A proper name ("Royal Mail", "DHL", "Evri"): a capital that is not the sentence's first letter,
  // or, first, a word the lexicon does not know ("Evri") or an acronym ("DHL").
  const last = np[np.length - 1];
  const capital = /^\p{Lu}/u.test(last.raw) && !CALENDAR.test(last.w) && !THING_PRONOUNS.has(first);
  if (capital && (last.start > 0 || (np.length === 1 && !tagOf(last.w) && (/^\p{Lu}+$/u.test(last.raw) || !/s$/.test(last.w))))) return 'named';
  return 'thing';
}

const LEADING_NOISE = new Set(['please', 'pls', 'unfortunately', 'sadly', 'regrettably', 'honestly', 'kindly', 'also', 'so', 'then', 'just', 'really', 'now', 'again', 'obviously', 'clearly', 'surely', 'basically', 'actually', 'ok', 'okay', 'well', 'hi', 'hey', 'hello', 'and', 'or', 'also', 'anyway', 'frankly', 'however', 'therefore', 'thus', 'hence', 'currently', 'presently', 'still', 'probably', 'apparently', 'perhaps', 'maybe', 'evidently', 'seemingly']);

/** Readings are cached on the clause: every clause rule of every pack reads the same sentence. */
const readings = new WeakMap<Clause, Reading | null>();

function readClause(clause: Clause, previous?: Clause): Reading | null {
  if (readings.has(clause)) return readings.get(clause)!;
  const reading = readClauseUncached(clause, previous);
  readings.set(clause, reading);
  return reading;
}

function readClauseUncached(clause: Clause, previous?: Clause): Reading | null {
  // "We are bound by the policy and cannot make an exception": the second clause's subject is the first's.
  if (previous && ['and', 'or', 'but'].includes(clause.lead) && (clause.tokens[0]?.w in MODALS || DO.has(clause.tokens[0]?.w ?? ''))) {
    const before = readClause(previous);
    if (before && before.subject.length) {
      const own = readClauseUncached({ ...clause, tokens: [...before.subject, ...clause.tokens], lead: '' });
      return own && { ...own, subject: before.subject, elided: true };
    }
  }
  const tokens = clause.tokens;
  let i = 0;
  let pleaded = false;
  // Not `pleaded ||= ...(tokens[i++])`: once true, that skips the increment and never ends ("Please just ...").
  for (; i < tokens.length && LEADING_NOISE.has(tokens[i].w); i++) if (['please', 'pls', 'kindly', 'just'].includes(tokens[i].w)) pleaded = true;
  // "I'm afraid a refund is ...": the regret is not the clause's subject.
  if (tokens[i]?.w === 'i' && tokens[i + 1]?.w === 'am' && tokens[i + 2]?.w === 'afraid' && tokens.length > i + 4) i += 3;
  // "(Please) note we ...": the notice is not the clause's subject.
  if ((tokens[i]?.w === 'note' || tokens[i]?.w === 'noted') && PRONOUN_SUBJECTS.has(tokens[i + 1]?.w ?? '')) i++;
  // The subject: up to 7 words before the first verb-group word. An auxiliary in reach wins over a
  // word that is only maybe a verb ("Moving the payment date is ...", "Royal Mail have ...").
  const subjectStart = i;
  const window = Math.min(tokens.length, i + 8);
  // Chat leaves out "we are" or "it is" before a negation: "Not able to amend the address", "Not possible to upgrade".
  const bareNegation = clause.mood === 'statement' && !clause.lead && (tokens[i]?.w === 'unable' || (tokens[i]?.w === 'not' && tokens.length > i + 1));
  let firstAux = -1;
  for (let j = i + 1; j < window && firstAux < 0; j++) if (AUXILIARIES.has(tokens[j].w) && tokens[j].w !== 'not') firstAux = j;
  let groupStart = bareNegation ? i : -1;
  for (let j = i; j < window && !bareNegation; j++) {
    if (firstAux > j && j > i && !(tagOf(tokens[j].w) === 'PastTense' || /ed$/.test(tokens[j].w))) continue;
    // A participle that describes the subject ("Orders placed on the app cannot ...", "Items bought
    // in the sale are ..."): the auxiliary further on is the clause's verb group.
    if (firstAux > j + 1 && j > i && /ed$/.test(tokens[j].w) && REDUCED_RELATIVE_NEXT.has(tokens[j + 1].w) && !PRONOUN_SUBJECTS.has(tokens[j - 1].w)) continue;
    const w = tokens[j].w;
    const prev = tokens[j - 1]?.w;
    const groupWord = BE.has(w) || HAVE.has(w) || DO.has(w) || w in MODALS || (j > subjectStart && (w === 'never' || w === 'unable')) || w === 'need' || w === 'needs' || w === 'got' || w === 'get' || w === 'gets' || w === 'lies' || w === 'lie';
    const afterPronoun = j === subjectStart + 1 && PRONOUN_SUBJECTS.has(tokens[subjectStart].w) && !GROUP_ADVERBS.has(w);
    const adjective = tagOf(w) === 'Adjective' && !/ed$/.test(w);
    // "our outsourced support team": a word before a noun of people modifies it.
    const next = tokens[j + 1]?.w ?? '';
    const modifier = !PRONOUN_SUBJECTS.has(prev ?? '') && (TEAM_NOUNS.has(next) || PEOPLE_NOUNS.has(next) || PARTY_NOUNS.has(next));
    // An irregular past after its subject: "DHL left the parcel", "the driver put it".
    const irregularPast = j > subjectStart && IRREGULAR_PARTICIPLES.has(w) && !DETERMINERS.has(prev ?? '') && prev !== "'s";
    if (groupWord || afterPronoun || irregularPast || (j > subjectStart && isVerbLike(w) && !DETERMINERS.has(prev ?? '') && prev !== "'s" && !/ing$/.test(w) && !adjective && !PARTY_NOUNS.has(w) && !modifier)) {
      groupStart = j;
      break;
    }
    // A clause that starts with a verb: an imperative ("Please take this up with ...") or an ellipsis;
    // not a subject followed by its auxiliary ("Finance haven't ...").
    const nextIsAux = AUXILIARIES.has(tokens[j + 1]?.w ?? '');
    const objectNext = DETERMINERS.has(tokens[j + 1]?.w ?? '') || OBJECT_STARTS.has(tokens[j + 1]?.w ?? '');
    if (j === subjectStart && !nextIsAux && (pleaded || ((isVerbLike(w) || tagOf(w) === 'Singular') && objectNext)) && !/ing$/.test(w) && !PRONOUN_SUBJECTS.has(w) && !DETERMINERS.has(w) && !THING_PRONOUNS.has(w)) {
      // A clause that starts with a verb: an imperative ("Please take this up with ...") or an ellipsis.
      groupStart = j;
      break;
    }
  }
  if (groupStart < 0) return null;
  // Adverbs before the verb belong to its group: "you [just needed to]", "I'm [only] permitted".
  while (groupStart > subjectStart + 1 && GROUP_ADVERBS.has(tokens[groupStart - 1].w)) groupStart--;
  let subject = tokens.slice(subjectStart, groupStart);
  // A phrase before the subject ("For that you must ...", "In that case we can't ...").
  if (subject.length > 1 && PREPOSITIONS.has(subject[0].w) && ['i', 'we', 'you', 'they'].includes(subject[subject.length - 1].w)) subject = subject.slice(-1);
  let group = tokens.slice(groupStart);
  // A question or an inverted condition puts the subject after the first auxiliary: "did you (not)
  // see", "were you even", "had you checked", "can't you".
  // In a statement the word after the auxiliary must be able to start a subject; otherwise the
  // subject was left out ("can't do partial refunds on bundles").
  const subjectAt = group[1]?.w === 'not' ? 2 : 1;
  const startsSubject = (w: string) => PRONOUN_SUBJECTS.has(w) || DETERMINERS.has(w) || QUANTIFIERS.has(w);
  const inverted =
    subject.length === 0 && group.length > 2 && (BE.has(group[0].w) || HAVE.has(group[0].w) || DO.has(group[0].w) || group[0].w in MODALS) && (clause.mood !== 'statement' || startsSubject(group[subjectAt]?.w ?? ''));
  if (inverted) {
    const at = subjectAt;
    const np = DETERMINERS.has(group[at]?.w ?? '') ? 2 : 1;
    subject = group.slice(at, at + np);
    group = [group[0], ...group.slice(1, at), ...group.slice(at + np)];
  }
  // Chat leaves out the speaker: "can't do partial refunds on bundles", "won't be able to change it".
  const elidedSpeaker = subject.length === 0 && !inverted && clause.mood === 'statement' && ELIDED_SPEAKER_MODALS.has(group[0].w);
  // A clause that starts with its verb speaks to the customer: "please take this up with your bank".
  const imperative = subject.length === 0 && !inverted && !elidedSpeaker && !bareNegation && !clause.lead.startsWith('as');
  let negated = false;
  let passive = false;
  let past = false;
  const modality = new Set<Modality>();
  let k = 0;
  let verb: Token | null = null;
  let sawBe = false;
  let sawHave = false;
  while (k < group.length) {
    const w = group[k].w;
    // "It was the previous agent", "that's a billing team issue": the copula is the verb, a noun phrase follows.
    if (sawBe && verb && DETERMINERS.has(w) && !NEGATIONS.has(w)) break;
    const phrase = MODAL_PHRASES.find(([words]) => words.every((p, n) => group[k + n]?.w === p));
    if (phrase) {
      modality.add(phrase[1]);
      if (phrase[0][0] === 'unable') negated = true;
      if (phrase[0][0] === 'needed' || phrase[0][0] === 'had') past = true;
      k += phrase[0].length;
      continue;
    }
    // "I don't have permission to": a permission needs no article.
    if (HAVE.has(w) && HAVE_MODAL[group[k + 1]?.w ?? ''] === 'allowed' && group[k + 2]?.w === 'to') {
      modality.add('allowed');
      k += 3;
      continue;
    }
    if (HAVE.has(w) && group[k + 1] && ['no', 'the', 'any'].includes(group[k + 1].w) && HAVE_MODAL[group[k + 2]?.w ?? '']) {
      modality.add(HAVE_MODAL[group[k + 2].w]);
      if (group[k + 1].w === 'no') negated = true;
      k += 3;
      if (group[k]?.w === 'to' || group[k]?.w === 'of') k++;
      continue;
    }
    if (NEGATIONS.has(w)) {
      negated = true;
      k++;
      continue;
    }
    if (w in MODALS) {
      modality.add(MODALS[w]);
      k++;
      continue;
    }
    // After a modal or another "do", "do" is the main verb: "can't do refunds", "we don't do price matching".
    if (DO.has(w) && modality.size > 0) {
      verb = group[k];
      k++;
      break;
    }
    if (DO.has(w)) {
      modality.add('do');
      if (w === 'did') past = true;
      k++;
      continue;
    }
    if (BE.has(w)) {
      sawBe = true;
      if (w === 'was' || w === 'were') past = true;
      verb = group[k];
      k++;
      continue;
    }
    // "have" is an auxiliary before a participle (adverbs between: "have already sent"), not in "had quite a week".
    let afterHave = k + 1;
    while (GROUP_ADVERBS.has(group[afterHave]?.w ?? '')) afterHave++;
    if (HAVE.has(w) && group[afterHave] && (isParticiple(group[afterHave].w) || NEGATIONS.has(group[afterHave].w) || group[afterHave].w === 'been')) {
      sawHave = true;
      past = true;
      k++;
      continue;
    }
    if (GROUP_ADVERBS.has(w)) {
      k++;
      continue;
    }
    if (w === 'get' || w === 'got' || w === 'gets') {
      if (group[k + 1] && isParticiple(group[k + 1].w)) {
        sawBe = true;
        if (w === 'got') past = true;
        k++;
        continue;
      }
    }
    if (w === 'to') {
      k++;
      continue;
    }
    if (sawBe && isParticiple(w) && !['able', 'unable'].includes(w)) passive = true;
    else if (!sawBe && !sawHave && modality.size === 0 && (tagOf(w) === 'PastTense' || /[a-z]{2,}ed$/.test(w) || IRREGULAR_PARTICIPLES.has(w))) past = true;
    verb = group[k];
    k++;
    break;
  }
  if (!verb && sawBe) verb = group.find((t) => BE.has(t.w)) ?? null;
  if (['nothing', 'never', 'not'].includes(group[k]?.w ?? '')) negated = true;
  if (modality.size === 0) modality.add('none');
  // "Orders placed on the app": the noun is what the subject is, not the app.
  const described = subject.findIndex((t, n) => n > 0 && /ed$/.test(t.w) && REDUCED_RELATIVE_NEXT.has(subject[n + 1]?.w ?? ''));
  const head = described > 0 ? subject.slice(0, described) : subject;
  // Left out before "not able to" is the speaker; before "not possible" a thing.
  const bareClass = modality.has('can') || modality.has('allowed') ? 'speaker' : 'thing';
  return { subject, subjectClass: imperative ? 'customer' : elidedSpeaker ? 'speaker' : bareNegation ? bareClass : subjectClass(head, true), negated, modality, past, passive, verb, group, rest: group.slice(k) };
}

// ---------------------------------------------------------------------------------------------
// The rule kind.

interface CompiledFrame {
  subject: { classes: Set<string>; words: Set<string> } | null;
  negated?: boolean;
  past?: boolean;
  modality: Set<string> | null;
  voice?: 'active' | 'passive';
  verbs: Set<string> | null;
  complement: string[][] | null;
  about: Set<string> | null;
  object: Set<string> | null;
  moods: Set<string>;
  include: Set<string>;
}

/** A literal word and its plural, so "engineer" also names "our engineers". */
const withPlural = (w: string) => [w, /(?:s|x|z|ch|sh)$/.test(w) ? `${w}es` : /[^aeiou]y$/.test(w) ? `${w.slice(0, -1)}ies` : `${w}s`];
const words = (phrase: string) => foldWord(phrase).split(/\s+/).filter(Boolean);
const containsAt = (tokens: Token[], phrase: string[], at: number) => phrase.every((p, n) => tokens[at + n]?.w === p);
const findPhrase = (tokens: Token[], phrase: string[]) => tokens.findIndex((_, i) => containsAt(tokens, phrase, i));

/** A clause that concedes and goes on to what the agent can do: "while we can't X, I can Y" / "we can't X, but I've Y". */
function offersAlternative(clauses: Clause[], index: number): boolean {
  const after = clauses.slice(index + 1);
  const positive = (c: Clause) => {
    const r = readClause(c);
    return r !== null && r.subjectClass === 'speaker' && !r.negated;
  };
  if (CONCESSION_LEADS.has(clauses[index].lead)) return after.some(positive);
  return after.some((c) => ['but', 'though', 'however', 'so'].includes(c.lead) && positive(c));
}

/**
 * Whether the noun phrase at `tokens[i]` names one of `wanted` (subject classes or words). The phrase
 * runs to the next preposition or adverb; its class is the whole phrase's ("the Creator Support
 * team" is a team, "the restaurant's doing" the restaurant).
 */
function namesOneOf(wanted: Set<string>, tokens: Token[], i: number): boolean {
  if (i >= tokens.length) return false;
  if (wanted.has(tokens[i].w)) return true;
  let j = i;
  const endsPhrase = (n: number) => tokens[n].w === 'not' || (n > i && /ing$/.test(tokens[n].w) && !DETERMINERS.has(tokens[n - 1].w) && tokens[n - 1].w !== "'s");
  while (j < Math.min(tokens.length, i + 5) && !PREPOSITIONS.has(tokens[j].w) && !NP_STOPS.has(tokens[j].w) && !endsPhrase(j)) j++;
  const cls = j > i ? subjectClass(tokens.slice(i, j)) : null;
  return cls !== null && wanted.has(cls);
}

function matchesFrame(frame: CompiledFrame, clauses: Clause[], index: number, sentenceWords: Set<string>): Reading | null {
  const clause = clauses[index];
  if (!frame.moods.has(clause.mood)) return null;
  const r = readClause(clause, clauses[index - 1]);
  if (!r) return null;
  if (frame.subject) {
    const head = r.subject.map((t) => t.w);
    const literal = head.some((w) => frame.subject!.words.has(w)) || frame.subject.words.has(head.join(' '));
    if (!literal && !(r.subjectClass && frame.subject.classes.has(r.subjectClass))) return null;
  }
  if (frame.negated !== undefined && frame.negated !== r.negated) return null;
  if (frame.past !== undefined && frame.past !== r.past) return null;
  if (frame.modality && ![...r.modality].some((m) => frame.modality!.has(m))) return null;
  if (frame.voice && (frame.voice === 'passive') !== r.passive) return null;
  if (frame.verbs && !(r.verb && frame.verbs.has(r.verb.w))) return null;
  if (frame.complement && !frame.complement.some((p) => findPhrase(r.group, p) >= 0)) return null;
  if (frame.about) {
    // Someone named after the verb: "caused by our courier", "down to the supplier", "with your bank
    // directly": a noun phrase that starts the rest or follows a preposition.
    let found = false;
    for (let i = 0; i < r.rest.length && !found; i++) {
      if (i > 0 && !PREPOSITIONS.has(r.rest[i - 1].w)) continue;
      found = namesOneOf(frame.about, r.rest, i);
    }
    if (!found) return null;
  }
  if (frame.object) {
    // The noun phrase right after the verb: "it was [the previous agent]", "that's [a billing team issue]".
    let i = 0;
    while (i < r.rest.length && GROUP_ADVERBS.has(r.rest[i].w)) i++;
    if (!namesOneOf(frame.object, r.rest, i)) return null;
  }
  if (!frame.include.has('alternative') && r.negated && offersAlternative(clauses, index)) return null;
  // A consequence of a condition ("once the refund is issued, we can't cancel it") explains, not refuses.
  if (!frame.include.has('consequence') && r.negated && index > 0 && clauses[index - 1].mood === 'condition' && !clause.lead) return null;
  if (!frame.include.has('narration') && r.negated && (sentenceWords.has('tried') || sentenceWords.has('attempted'))) return null;
  return r;
}

function compileFrame(spec: ClauseSpec): CompiledFrame {
  const subjectWords = (spec.subject ?? []).filter((s) => !(SUBJECTS as readonly string[]).includes(s)).flatMap((s) => withPlural(words(s).join(' ')));
  return {
    subject: spec.subject ? { classes: new Set(spec.subject), words: new Set(subjectWords) } : null,
    ...(spec.negated !== undefined && { negated: spec.negated }),
    ...(spec.past !== undefined && { past: spec.past }),
    modality: spec.modality ? new Set(spec.modality) : null,
    ...(spec.voice && { voice: spec.voice }),
    verbs: spec.verbs ? new Set(spec.verbs.flatMap(verbForms)) : null,
    // Read like the sentence, so "something we're able" meets "something we are able".
    complement: spec.complement ? spec.complement.map((c) => tokenize(c).map((t) => t.w)) : null,
    about: spec.about ? new Set(spec.about.flatMap((a) => withPlural(words(a).join(' ')))) : null,
    object: spec.object ? new Set(spec.object.flatMap((a) => withPlural(words(a).join(' ')))) : null,
    moods: new Set(spec.mood ?? ['statement']),
    include: new Set(spec.include ?? []),
  };
}

/**
 * Words the sentence must contain for the frame to match (its verbs; its subjects when they are all
 * literal words), as Matcher.triggers: a list is dropped when one of its words may be implied
 * rather than written ("'ve" → have) or is one this reader makes from chat shorthand.
 */
function frameTriggers(spec: ClauseSpec): string[][] | null {
  const sets: string[][] = [];
  // The sentence's word set also holds each part of a hyphenated word: "double-charged" → double.
  if (spec.verbs) sets.push([...new Set(spec.verbs.flatMap(verbForms).map((w) => w.split('-')[0]))]);
  if (spec.subject && spec.subject.every((s) => !(SUBJECTS as readonly string[]).includes(s))) sets.push([...new Set(spec.subject.flatMap((s) => withPlural(words(s)[0])).map((w) => w.split('-')[0]))]);
  const usable = sets.filter((set) => set.every((w) => /^[a-z0-9]+$/.test(w) && !IMPLIED_WORDS.has(w) && !SHORTHAND_WORDS.has(w)));
  return usable.length ? usable : null;
}

/** Words too common to be worth a pre-check: a complement is looked for by its other words. */
const COMMON = new Set(['the', 'a', 'an', 'to', 'of', 'on', 'for', 'from', 'with', 'their', 'our', 'my', 'your', 'that', 'this', 'what', 'not', 'is', 'was', 'it', 'we', 'i', 'by', 'in', 'at', 'as']);
const longest = (ws: string[]) => {
  const rare = ws.filter((w) => !COMMON.has(w));
  return (rare.length ? rare : ws).reduce((a, b) => (b.length > a.length ? b : a), '');
};

/** Lower-case strings one of which a clause with this negation or modality must contain. */
const NEGATION_SUBSTRINGS = ['not', "n't", 'n\u2019t', 'n\u2018t', 'n\u02BCt', 'n`t', 'never', 'unable', 'no ', 'no,', 'cant', 'dont', 'didnt', 'doesnt', 'isnt', 'wasnt', 'couldnt', 'wouldnt', 'arent', 'werent', 'havent', 'hasnt', 'shouldnt', 'wont'];
const MODALITY_SUBSTRINGS: Record<Modality, string[] | null> = {
  can: ['can', 'could', 'able', 'position', 'ability', 'way', 'means', 'option', 'power', 'capacity', 'access', 'bandwidth', 'may', 'might', 'cud'],
  allowed: ['allow', 'permit', 'permission', 'clearance', 'authori', 'right', 'mandate'],
  will: ['will', "'ll", '\u2019ll', 'would', "'d", '\u2019d', 'going', 'gonna', 'won', 'shall', 'wud'],
  do: ['do', 'did'],
  must: ['must'],
  should: ['should', 'ought', 'suppos', 'meant', 'shd'],
  need: ['need', 'have', "'ve", '\u2019ve', 'has', 'had', 'require', 'got'],
  none: null,
};

/** Matcher.substrings: from the negation, the modalities and the complements' first words. */
function frameSubstrings(spec: ClauseSpec): string[][] | null {
  const sets: string[][] = [];
  if (spec.negated) sets.push(NEGATION_SUBSTRINGS);
  const modal = (spec.modality ?? []).map((m) => MODALITY_SUBSTRINGS[m as Modality]);
  if (modal.length && modal.every((m) => m !== null)) sets.push([...new Set(modal.flat() as string[])]);
  // A word with an apostrophe is looked for up to it, so any apostrophe matches ("didn't" → "didn").
  // Each complement contributes its longest word, the rarest in practice ("at fault" → fault).
  // A phrase of short words ("not me") is looked for whole, with "not" also as "n't".
  // A phrase that starts with a word a contraction may imply ("is on" in "it's on") is looked for
  // without that word; a complement that is only such a word cannot be looked for at all.
  const written = (c: string) => (words(c)[0] === 'not' || !IMPLIED_WORDS.has(words(c)[0]) ? words(c) : words(c).slice(1));
  if (spec.complement && spec.complement.every((c) => written(c).length > 0)) {
    sets.push([
      ...new Set(
        // A contraction is matched as its words ("didn't" as "did not"): either spelling may be written.
        [...spec.complement, ...spec.complement.map((c) => tokenize(c).map((t) => t.w).join(' '))].flatMap((c) => {
          const word = longest(written(c).map((w) => w.split("'")[0]));
          if (word.length >= 4) return [word];
          const phrase = written(c).join(' ');
          return [phrase, phrase.replace(/^not /, "n't "), phrase.replace(/^not /, 'n\u2019t ')];
        }),
      ),
    ]);
  }
  return sets.length ? sets : null;
}

/** The sentence's clauses, read once per sentence whatever the number of clause rules. */
const sentenceClauses = new WeakMap<Sentence, Clause[]>();
function clausesOf(sentence: Sentence): Clause[] {
  let clauses = sentenceClauses.get(sentence);
  if (!clauses) {
    clauses = splitClauses(tokenize(sentence.text), /\?\s*\W*$/.test(sentence.text));
    sentenceClauses.set(sentence, clauses);
  }
  return clauses;
}

export function compileClause(spec: ClauseSpec): MatcherResult {
  const frame = compileFrame(spec);
  const triggers = frameTriggers(spec);
  const substrings = frameSubstrings(spec);
  const matcher: Matcher = {
    triggers,
    substrings,
    captureNames: new Set(['who', 'not', 'action', 'verb']),
    find(sentence: Sentence): RawMatch[] {
      const text = sentence.text;
      const clauses = clausesOf(sentence);
      const found: RawMatch[] = [];
      clauses.forEach((_, index) => {
        const r = matchesFrame(frame, clauses, index, sentence.words);
        if (!r) return;
        const first = r.elided || !r.subject.length ? r.group[0] : r.subject[0];
        // The whole clause: what the agent would rewrite, and what the captures describe.
        const last = r.group[r.group.length - 1];
        const start = first.start;
        const end = Math.max(last.end, first.end);
        const verbAt = r.verb ? r.group.indexOf(r.verb) : -1;
        const captures: Record<string, string> = Object.create(null);
        // The speaker as a pronoun, so a suggestion reads "what we can do" whatever the subject was
        // ("me and my team", "our agents").
        const said = r.subject.length ? text.slice(r.subject[0].start, r.subject[r.subject.length - 1].end) : '';
        captures.who = r.subjectClass === 'speaker' ? (r.subject.some((t) => t.w === 'i') && !r.subject.some((t) => t.w === 'we' || t.w === 'and') ? 'I' : 'we') : said;
        captures.not = verbAt > 0 ? text.slice(r.group[0].start, r.group[verbAt - 1].end) : '';
        const tail = [...(r.verb ? [r.verb] : []), ...r.rest];
        captures.action = tail.length ? text.slice(tail[0].start, tail[tail.length - 1].end) : '';
        captures.verb = r.verb ? text.slice(r.verb.start, r.verb.end) : '';
        found.push({ start, end, captures });
      });
      return found;
    },
  };
  return { ok: true, matcher };
}

// ---------------------------------------------------------------------------------------------
// Validation: a frame is an object of known fields with values from the known lists.

const FIELD_VALUES: Record<string, readonly string[] | 'words' | 'boolean' | 'voice'> = {
  subject: 'words', negated: 'boolean', past: 'boolean', modality: MODALITIES, voice: 'voice', verbs: 'words', complement: 'words', about: 'words', object: 'words', mood: MOODS, include: ['alternative', 'narration', 'consequence'],
};

function validateClause(value: unknown, check: FieldCheck): ClauseSpec | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return void check.fail('must be an object like {"subject": ["speaker"], "negated": true, "modality": ["can"]}');
  const spec: Record<string, unknown> = {};
  let ok = true;
  const keys = Object.keys(value);
  if (keys.length === 0) return void check.fail('must name at least one of subject, negated, modality, voice, verbs, complement, about, object');
  for (const key of keys) {
    const kind = Object.prototype.hasOwnProperty.call(FIELD_VALUES, key) ? FIELD_VALUES[key] : undefined;
    const v = (value as Record<string, unknown>)[key];
    if (!kind) {
      ok = false;
      check.fail(`has the unknown field "${key}"; a clause may have ${Object.keys(FIELD_VALUES).join(', ')}`, `.${key}`);
    } else if (kind === 'boolean') {
      if (typeof v !== 'boolean') (ok = false), check.fail('must be true or false', `.${key}`);
      else spec[key] = v;
    } else if (kind === 'voice') {
      if (v !== 'active' && v !== 'passive') (ok = false), check.fail('must be "active" or "passive"', `.${key}`);
      else spec[key] = v;
    } else {
      const list = check.textList(v, LIMITS.phrases, LIMITS.phraseLength, `.${key}`);
      if (!list) ok = false;
      else if (kind !== 'words') {
        const bad = list.filter((x) => !kind.includes(x));
        if (bad.length) (ok = false), check.fail(`has "${bad[0]}"; each entry must be one of ${kind.join(', ')}`, `.${key}`);
        else spec[key] = list;
      } else spec[key] = list;
    }
  }
  if (ok && ['subject', 'modality', 'verbs', 'complement', 'about', 'object'].every((k) => spec[k] === undefined)) {
    ok = false;
    check.fail('needs at least one of subject, modality, verbs, complement, about or object, or it would match every clause');
  }
  return ok ? (spec as ClauseSpec) : undefined;
}

const wordList = (description: string) => ({ type: 'array', minItems: 1, maxItems: LIMITS.phrases, items: { allOf: [{ $ref: '#/definitions/singleLine' }, { maxLength: LIMITS.phraseLength }] }, description });

export const clauseKind: RuleKindDefinition<'clause', ClauseSpec> = {
  field: 'clause',
  noun: 'the clause',
  validate: validateClause,
  compile: compileClause,
  warning: (matcher) => (matcher.triggers || matcher.substrings ? undefined : 'names no verb, complement, modality or negation, so every sentence is read (slower)'),
  schema: {
    type: 'object',
    additionalProperties: false,
    minProperties: 1,
    description: 'Who does what, in any phrasing: the subject, negation, modality, voice, verb and complement of a clause (see the README).',
    properties: {
      subject: wordList(`Who the clause is about: ${SUBJECTS.join(', ')}, or literal words ("the courier").`),
      negated: { type: 'boolean' },
      past: { type: 'boolean', description: 'did, was/were, had, have + participle, a verb in the past tense.' },
      modality: { type: 'array', minItems: 1, items: { enum: [...MODALITIES] } },
      voice: { enum: ['active', 'passive'] },
      verbs: wordList('Main verbs, any form: "lose" also matches lost, loses, losing.'),
      complement: wordList('Words after the verb, one of which must appear: "possible", "fault", "down to".'),
      about: wordList(`Someone named after the verb ("caused by our courier"): ${SUBJECTS.join(', ')} or literal words.`),
      object: wordList(`The noun phrase right after the verb ("it was the courier", "that's a billing team issue"): ${SUBJECTS.join(', ')} or literal words.`),
      mood: { type: 'array', minItems: 1, items: { enum: [...MOODS] }, description: 'Which clauses count (default statement): statement, question, condition.' },
      include: {
        type: 'array',
        minItems: 1,
        items: { enum: ['alternative', 'narration', 'consequence'] },
        description: 'Also flag negated clauses left alone by default: one that goes on to an alternative, one after "tried", one that follows a condition.',
      },
    },
  },
};

/** How a sentence is read, clause by clause (for tests and for pack authors debugging a frame). */
export function readSentence(text: string) {
  const clauses = splitClauses(tokenize(text), /\?\s*\W*$/.test(text));
  return clauses.map((c) => {
    const r = readClause(c);
    return {
      clause: c.tokens.map((t) => t.w).join(' '),
      lead: c.lead,
      mood: c.mood,
      ...(r && {
        subject: r.subject.map((t) => t.w).join(' '),
        subjectClass: r.subjectClass,
        negated: r.negated,
        modality: [...r.modality],
        past: r.past,
        passive: r.passive,
        verb: r.verb?.w ?? null,
        rest: r.rest.map((t) => t.w).join(' '),
      }),
    };
  });
}
