// Engine behaviour: offsets (emoji, curly quotes, contractions), rule kinds, exceptions,
// suggestions, duplicates, skipped regions, incremental analysis and its bounded cache.
import { Analyzer, exampleText, findSkippedRegions, type Finding } from '../../../src/engine';
import { MAX_SENTENCE_CHARS, sentenceRanges } from '../../../src/engine/segment';
import { parseSettings } from '../../../src/engine/sentence';
import { catastrophicRegexProblem } from '../../../src/engine/regex-safety';
import { allPacks, compileInline, corpusTexts, seededRandom } from './support';

const rule = (over: object) => ({
  id: 'r',
  category: 'cant',
  message: 'Say what you can do.',
  explanation: 'Lead with what you can do.',
  examples: { flag: [], pass: [] },
  ...over,
});
const spans = (text: string, findings: Finding[]) => findings.map((f) => [text.slice(f.start, f.end), f.text]);

describe('offsets are JavaScript string indices', () => {
  const text = '😀 Hi “there” 👍🏽! Sorry, we can’t refund 🎁 your order — we can’t ship it 😀.';
  const expected = ['we can’t', 'we can’t'];
  test.each([
    ['phrases', { phrases: ["we can't"] }],
    ['pattern', { pattern: "we can't" }],
    ['regex', { regex: "we can['’]t" }],
  ])('%s', (_kind, over) => {
    const findings = new Analyzer([compileInlineKind(over)]).analyze(text);
    expect(findings.map((f) => f.text)).toEqual(expected);
    for (const f of findings) expect(text.slice(f.start, f.end)).toBe(f.text);
    expect(findings[0].start).toBe(text.indexOf('we can’t'));
    expect(findings[1].start).toBe(text.lastIndexOf('we can’t'));
  });
});

function compileInlineKind(over: object) {
  const flag = ['Sorry, we can’t refund it.'];
  return compileInline([rule({ ...over, examples: { flag, pass: ['We can.'] } })]);
}

test.each([
  // (Brackets, not quotes: quoted words are the customer's and never flagged.)
  ['👩‍👩‍👧 Hi,\t(we  can’t   refund) it', ['we  can’t   refund']],
  ['- 🎁🎁 (we cannot refund)!', ['we cannot refund']],
  ['é̃ é́ ok — WE CAN NOT refund ‼️', ['WE CAN NOT refund']],
  ['Hi\u00a0there, we\u00a0can\'t refund', ['we\u00a0can\'t refund']],
  ["Zürich: we can’t ship 🇩🇪 we can't refund", ['we can’t ship', "we can't refund"]],
])('pattern offsets stay exact around ZWJ emoji, flags, combining marks, tabs and no-break spaces: %j', (text, expected) => {
  const pack = compileInline([rule({ pattern: 'we can not #Verb', examples: { flag: ["we can't go"], pass: ['we can go'] } })]);
  const findings = new Analyzer([pack]).analyze(text);
  expect(findings.map((f) => text.slice(f.start, f.end))).toEqual(expected);
});

describe('phrases', () => {
  const pack = compileInline([rule({ phrases: ["we can't help", 'rules are rules'], examples: { flag: ['we can not help'], pass: ['we can help'] } })]);
  const a = new Analyzer([pack]);
  test.each([
    ['We CANNOT help.', 'We CANNOT help'],
    ['we can not\n help', null],
    ['We can’t  help', 'We can’t  help'],
    ['we can‘t help', 'we can‘t help'],
    ['Rules are rules.', 'Rules are rules'],
  ])('%j → %j', (text, flagged) => {
    const f = a.analyze(text);
    expect(f.map((x) => x.text)).toEqual(flagged === null ? [] : [flagged]);
  });
  test('word-bounded: no match inside longer words', () => {
    expect(a.analyze('Zerules are rulesy.')).toEqual([]);
  });
});

describe('pattern', () => {
  test('a match that starts inside a contraction underlines the whole word', () => {
    const pack = compileInline([rule({ pattern: 'not #Verb', examples: { flag: ["We can't refund it."], pass: ['We refund it.'] } })]);
    const text = 'Sadly we can’t refund it.';
    expect(spans(text, new Analyzer([pack]).analyze(text))).toEqual([['can’t refund', 'can’t refund']]);
  });
  test('numbered and named captures fill suggestion templates', () => {
    const pack = compileInline([
      rule({
        // "can not" matches can't, cannot and can not (compromise expands contractions).
        pattern: '[<who>(we|i)] can not [#Verb]',
        suggestions: ['$<who> can $1', '$& ($$5 credit)', "let's see how $<who> can $1"],
        examples: { flag: ['We cannot refund it.'], pass: ['We can refund it.'] },
      }),
    ]);
    const [f] = new Analyzer([pack]).analyze('Sorry, we cannot refund it.');
    expect(f.text).toBe('we cannot refund');
    expect(f.suggestions).toEqual(['we can refund', 'we cannot refund ($5 credit)', "let's see how we can refund"]);
    const [capitalised] = new Analyzer([pack]).analyze('We cannot refund it.');
    expect(capitalised.suggestions[0]).toBe('We can refund');
  });
  test('a capture that starts a sentence of the template starts with a capital', () => {
    const pack = compileInline([
      rule({
        pattern: 'thanks for [(writing|calling)] in',
        suggestions: ["I'm sorry for the wait. $&", 'Sorry! $1 again', 'so $& anyway'],
        examples: { flag: ['thanks for writing in'], pass: ['Thanks again.'] },
      }),
    ]);
    const [f] = new Analyzer([pack]).analyze('Hi Dana, thanks for writing in.');
    expect(f.suggestions).toEqual(["I'm sorry for the wait. Thanks for writing in", 'Sorry! Writing again', 'so thanks for writing in anyway']);
  });
});

test('pattern pre-check reads letters as compromise normalises them (ø → o, é → e)', () => {
  const pack = compileInline([rule({ pattern: 'bjorn (said|cafe)', examples: { flag: ['Bjorn said so.'], pass: ['Anna said so.'] } })]);
  expect(pack.rules[0].matcher.triggers).toEqual([['bjorn'], ['said', 'cafe']]);
  const text = 'Then Bjørn said no, and Bjørn Café.';
  expect(new Analyzer([pack]).analyze(text).map((f) => f.text)).toEqual(['Bjørn said', 'Bjørn Café']);
});

describe('regex', () => {
  test('case-insensitive, with numbered and named groups', () => {
    const pack = compileInline([rule({ regex: "(?P<who>we|i) (can't|cannot)", suggestions: ['$<who> can', '$2!'], examples: { flag: ["We can't."], pass: ['We can.'] } })]);
    const [f] = new Analyzer([pack]).analyze("Sorry, WE CAN'T.");
    expect(f).toMatchObject({ text: "WE CAN'T", suggestions: ['WE can', "CAN'T!"] });
  });
  test('(?-i) makes it case-sensitive', () => {
    const pack = compileInline([rule({ regex: '(?-i)ASAP', examples: { flag: ['Reply ASAP.'], pass: ['Reply asap.'] } })]);
    expect(new Analyzer([pack]).analyze('asap or ASAP').map((f) => f.start)).toEqual([8]);
  });
});

test('a clause opened by several leading words ("Please just ...", "Kindly please ...") is read, not looped on', () => {
  const a = new Analyzer(allPacks());
  for (const text of ['Please just follow the instructions.', 'Kindly please just contact your bank.', 'Just please, just check the email.']) {
    expect(Array.isArray(a.analyze(text))).toBe(true);
  }
  expect(a.analyze('Please just contact your bank about the charge.').map((f) => f.ruleId)).toContain('cando-blame/blame-hand-off');
});

test('unless: an exception that overlaps or contains the match cancels it', () => {
  const pack = compileInline([
    rule({ phrases: ["can't"], unless: ["can't wait", 'if you #Modal not'], examples: { flag: ["We can't."], pass: ["I can't wait!"] } }),
  ]);
  const a = new Analyzer([pack]);
  expect(a.analyze("I can’t wait! If you can't log in, call us. We can't refund it.").map((f) => f.start)).toEqual([47]);
});

test('findings are sorted, and a span flagged by two rules is reported once, most severe first', () => {
  const pack = compileInline([
    rule({ id: 'soft', severity: 'info', phrases: ['rules are rules'], examples: { flag: ['rules are rules'], pass: ['rules'] } }),
    rule({ id: 'hard', severity: 'error', regex: 'rules are rules', examples: { flag: ['rules are rules'], pass: ['rules'] } }),
    rule({ id: 'sorry', category: 'apology', phrases: ['sorry'], examples: { flag: ['sorry'], pass: ['fine'] } }),
  ]);
  const findings = new Analyzer([pack]).analyze('Rules are rules, sorry. Sorry!');
  expect(findings.map((f) => [f.ruleId, f.start])).toEqual([
    ['test/hard', 0],
    ['test/sorry', 17],
    ['test/sorry', 24],
  ]);
});

describe('text that is not the agent’s own words is skipped', () => {
  const a = new Analyzer([compileInline([rule({ phrases: ["we can't"], examples: { flag: ["we can't"], pass: ['we can'] } })])]);
  const flagged = (text: string) => a.analyze(text).map((f) => f.start);
  test.each([
    ['quoted lines', "We can't.\n> we can't\n  > > we can't\nThanks, we can't.", [0, 44]],
    ['On ... wrote: history', "We can't.\n\nOn Mon, 3 Feb 2025 at 10:04, Jane Doe <jane@example.com> wrote:\nwe can't\nwe can't", [0]],
    ['a header wrapped over two lines', "We can't.\nOn Mon, 3 Feb 2025 at 10:04, Jane Doe <jane@example.com>\nwrote:\nwe can't", [0]],
    ['"wrote on" history', "We can't.\nJane Doe wrote on 3 Feb 2025, 10:04:\nwe can't", [0]],
    ['French history', "We can't.\nLe lun. 3 févr. 2025 à 10:04, Jane <j@x.fr> a écrit :\nwe can't", [0]],
    ['German history', "We can't.\nAm Mo., 3. Feb. 2025 um 10:04 Uhr schrieb Jane <j@x.de>:\nwe can't", [0]],
    ['Outlook header block', "We can't.\nFrom: Jane Doe\nSent: Monday, 3 February 2025 10:04\nTo: Support\nSubject: Refund\nwe can't", [0]],
    ['Original Message', "We can't.\n-----Original Message-----\nwe can't", [0]],
    ['Gmail forward', "We can't.\n---------- Forwarded message ---------\nwe can't", [0]],
    ['Apple Mail forward', "We can't.\nBegin forwarded message:\nwe can't", [0]],
    ['Zendesk reply delimiter', "We can't.\n##- Please type your reply above this line -##\nwe can't", [0]],
    ['a signature after "-- "', "We can't.\n-- \nJane, we can't-do team", [0]],
  ])('%s', (_name, text, starts) => {
    expect(flagged(text as string)).toEqual(starts);
  });
  test('the agent’s own "on ... wrote" sentence mid-line is not history', () => {
    expect(flagged("On Monday you wrote to us and we can't find it.")).toEqual([30]);
  });
  test('the caller’s skip ranges are honoured too', () => {
    const text = "We can't. [we can't] we can't";
    expect(a.analyze(text, { skip: [{ start: 10, end: 20 }] }).map((f) => f.start)).toEqual([0, 21]);
  });
  test('findSkippedRegions returns sorted ranges', () => {
    const text = "Hi\n> quote\nOk\n-- \nsig";
    expect(findSkippedRegions(text)).toEqual([
      { start: 3, end: 10 },
      { start: 14, end: text.length },
    ]);
  });
});

test('sentences split at . ! ? and line breaks, not after abbreviations and initials', () => {
  const text = 'Hi Mr. Smith, see e.g. J. Doe. Done!  Next?\nLast line';
  expect(sentenceRanges(text).map((r) => text.slice(r.start, r.end))).toEqual(['Hi Mr. Smith, see e.g. J. Doe.', 'Done!', 'Next?', 'Last line']);
});

test('a very long sentence is analyzed in pieces, cut at clause marks or spaces, never inside an emoji', () => {
  const text = `${'we data, you should have seen it 😀 '.repeat(100)}${'x😀'.repeat(700)}`;
  const ranges = sentenceRanges(text);
  expect(ranges.length).toBeGreaterThan(3);
  for (const r of ranges) {
    expect(r.end - r.start).toBeLessThanOrEqual(MAX_SENTENCE_CHARS);
    expect(text.slice(r.start, r.end)).toBe(text.slice(r.start, r.end).trim());
    expect(/[\uD800-\uDBFF]/.test(text[r.end - 1])).toBe(false);
  }
  expect(ranges.map((r) => text.slice(r.start, r.end)).join('').replace(/\s/g, '')).toBe(text.replace(/\s/g, ''));
  expect(ranges.slice(0, 6).every((r) => /,$/.test(text.slice(r.start, r.end)))).toBe(true);
});

describe('incremental analysis', () => {
  const packs = allPacks();
  const sentences = [
    ...packs.flatMap((p) => p.rules.flatMap((r) => [...r.examples.flag, ...r.examples.pass].map(exampleText))),
    ...corpusTexts().slice(0, 300),
    '😀 Thanks for your patience!',
    // Contractions compromise expands: the pre-checks must read them as it does.
    "You shouldn't have opened it, and you didn't even read it.",
    "We won't be able to, it isn't possible and it wasn't our fault; they haven't.",
    "I'd've sent it but we're sorry you're upset, I'm afraid that's our policy.",
    "Don't worry, we can't and cannot and can not, gonna check, dunno, ain't so.",
    'Bjørn, the Café in Łódź said straße is fine; Œuvre ﬁnal.',
    '> a quoted line we can’t',
  ];

  test('equals a from-scratch run after every edit of random edit sequences', () => {
    for (const seed of [1, 2]) {
      const random = seededRandom(seed);
      const pick = <T>(xs: T[]) => xs[Math.floor(random() * xs.length)];
      let draft = Array.from({ length: 20 }, () => pick(sentences)).join(random() < 0.5 ? ' ' : '\n');
      const live = new Analyzer(packs, { cacheEntries: 64 });
      for (let step = 0; step < 100; step++) {
        const at = Math.floor(random() * (draft.length + 1));
        const r = random();
        if (r < 0.5) draft = draft.slice(0, at) + pick(['a', ' ', '.', '\n', 'ñ', '’', '😀', "n't"]) + draft.slice(at);
        else if (r < 0.8) draft = draft.slice(0, at) + draft.slice(at + 1 + Math.floor(random() * 3));
        else draft = draft.slice(0, at) + ` ${pick(sentences)} ` + draft.slice(at);
        expect(live.analyze(draft)).toEqual(new Analyzer(packs).analyze(draft));
      }
      expect(live.cacheSize.entries).toBeLessThanOrEqual(64);
    }
  });

  test('skipping rules whose required words are absent never changes the findings', () => {
    const unfiltered = packs.map((p) => ({ ...p, rules: p.rules.map((r) => ({ ...r, matcher: { ...r.matcher, triggers: null, substrings: null } })) }));
    const withPrecheck = new Analyzer(packs);
    const without = new Analyzer(unfiltered);
    for (const text of sentences) expect({ text, findings: withPrecheck.analyze(text) }).toEqual({ text, findings: without.analyze(text) });
  });

  test('word-only patterns matched on the tokens alone find what the full parse finds', () => {
    const tokensWhereEnough = sentences.map((text) => new Analyzer(packs).analyze(text));
    parseSettings.alwaysTag = true;
    try {
      sentences.forEach((text, i) => expect({ text, findings: new Analyzer(packs).analyze(text) }).toEqual({ text, findings: tokensWhereEnough[i] }));
    } finally {
      parseSettings.alwaysTag = false;
    }
  });

  test('the cache is bounded by characters too', () => {
    const a = new Analyzer(packs, { cacheChars: 500 });
    a.analyze(sentences.join('\n'));
    expect(a.cacheSize.chars).toBeLessThanOrEqual(500);
  });
});

describe('catastrophic regex detection', () => {
  test.each(['(a+)+b', '(a*)*b', '(x+x+)+y', '(?:(?:do|deeply)\\s+)+y', '(\\p{L}+\\s)*', '(?i)(a+)+', '(a|a)*', '(?<n>a|a)*', '(a|aa)+', '(|a)*b', '(?:a{1,}b?)+'])('refuses %s', (source) => {
    expect(catastrophicRegexProblem(source)).toMatch(/catastrophically/);
  });
  test.each(['(a|b\\s+)x', '(?:(?:do|deeply)\\s+){0,2}y', '[(]+a', '\\(a+\\)+', '(ab|c)*', '((a)|b)+', 'a+b+c*', '(?:we|i)\\s+can'])('accepts %s', (source) => {
    expect(catastrophicRegexProblem(source)).toBeNull();
  });
});
