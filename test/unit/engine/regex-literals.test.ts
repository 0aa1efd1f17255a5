// The regex pre-check must never hide a match: whenever re2js finds one, the sentence holds one
// string of every required set. Checked on the packs' regexes and on tricky constructs, with
// texts made from the regexes' own words (so matches actually happen) in random order and case.
import { RE2JS } from 're2js';
import { requiredSubstrings } from '../../../src/engine/regex-literals';
import { exampleText } from '../../../src/engine/types';
import { allPacks, seededRandom } from './support';

/** Regexes and some phrases they match; test texts mix those phrases with the regexes' own words. */
const tricky: [string, string[]][] = [
  ["we (can't|cannot) help", ["we can't help", 'we cannot help']],
  ['(?i)sorry(?P<x>a|bc)', ['sorrya', 'SORRYBC']],
  ['a{2}bc', ['aabc']],
  ['\\bfoo\\.bar\\b', ['foo.bar']],
  ['x(?:ab|cd)?yz', ['xyz', 'xabyz', 'xcdyz']],
  ['(?:please\\s+)?(?:read|check)\\s+(?:the|our)\\s+faq', ['please read the faq', 'check our faq']],
  ['(?-i)ASAP|asap please', ['ASAP', 'asap please']],
  ['(?:(?:do|so)\\s+){0,2}sorry', ['so sorry', 'do so sorry']],
  ["we(?:\\s+really)?\\s+can['’]?t", ["we can't", 'we really cant', 'we can’t']],
  ['[a-z]+ing\\s+order', ['shipping order']],
  ['colou?r', ['color', 'colour']],
  ['\\x41bc\\pLde\\x{263a}fg\\101hi', ['abcxde☺fgahi', 'ABCZDE☺FGAHI']],
  ["(?:it|that)(?:'s|\\s+is)\\s+policy", ["it's policy", 'that is policy']],
];

const holds = (requirement: string[][], text: string) => {
  const lower = text.toLowerCase();
  return requirement.every((set) => set.some((s) => lower.includes(s)));
};

const packRegexes = allPacks().flatMap((p) => p.rules.flatMap((r) => (r.kind === 'regex' ? [r] : [])));

test.each(tricky)('required strings of %s', (source, samples) => {
  const requirement = requiredSubstrings(source);
  const re = RE2JS.compile(source, RE2JS.CASE_INSENSITIVE);
  const words = [...samples, ...samples.join(' ').split(/\s+/), ...samples.join('').split('')];
  const random = seededRandom(source.length);
  let matched = 0;
  for (let i = 0; i < 600; i++) {
    let text = '';
    for (let n = 1 + Math.floor(random() * 6); n > 0; n--) {
      const w = words[Math.floor(random() * words.length)];
      text += (random() < 0.3 ? w.toUpperCase() : w) + (random() < 0.7 ? ' ' : '');
    }
    if (!re.test(text)) continue;
    matched++;
    expect({ text, holds: holds(requirement, text) }).toEqual({ text, holds: true });
  }
  expect(matched).toBeGreaterThan(0); // the texts did exercise the regex
});

test('every pack regex: each of its flag examples satisfies its required strings', () => {
  for (const rule of packRegexes) {
    for (const example of rule.examples.flag.map(exampleText)) {
      expect({ rule: rule.fullId, example, holds: holds(rule.matcher.substrings ?? [], example) }).toEqual({ rule: rule.fullId, example, holds: true });
    }
  }
});

test('concrete requirements', () => {
  expect(requiredSubstrings("we (can't|cannot) help")).toEqual([['we '], ["can't", 'cannot'], [' help']]);
  expect(requiredSubstrings('x(?:ab|cd)?yz')).toEqual([['yz']]);
  expect(requiredSubstrings('\\bfoo\\.bar\\b')).toEqual([['foo.bar']]);
  expect(requiredSubstrings('(?:(?:do|so)\\s+){0,2}sorry')).toEqual([['sorry']]);
  expect(requiredSubstrings('(we|i) can')).toEqual([[' can']]);
  expect(requiredSubstrings('\\Qa.b\\E')).toEqual([]);
  expect(requiredSubstrings('\\x41bc\\pLde\\x{263a}fg\\101hi')).toEqual([['bc'], ['de'], ['fg'], ['hi']]);
});
