// "{flagged}" in a rule's message or explanation: filled with the finding's words in quotes, so the
// card talks about what the agent wrote; refused when misspelt; used by every built-in rule that
// flags words of the agent's (not a place in the draft, as unanswered-question does).
import { Analyzer, exampleTexts } from '../../../src/engine';
import { exampleFindings } from '../../../src/engine/compile';
import { fillFlagged, placeholderProblem, quoteFlagged } from '../../../src/engine/flagged-words';
import { allPacks, compileInline } from './support';

describe('quoteFlagged', () => {
  test.each([
    ['we can’t', '"we can’t"'],
    ['  Sorry,\n but ', '"Sorry, but"'],
    ['No, that won’t be possible.', '"No, that won’t be possible"'],
    ['Have you tried restarting it?', '"Have you tried restarting it?"'],
    ['WE CANNOT DO THAT', '"WE CANNOT DO THAT"'],
    [', as I said', '"as I said"'],
  ])('%j → %s', (flagged, quoted) => expect(quoteFlagged(flagged)).toBe(quoted));

  test('long flagged text is cut at a word boundary', () => {
    const quoted = quoteFlagged('Unfortunately the exchange option is not available for sale items bought in store');
    expect(quoted).toBe('"Unfortunately the exchange option is not available for sale…"');
  });
});

test('fillFlagged fills every placeholder and leaves other text alone', () => {
  expect(fillFlagged('{flagged} closes the door; {flagged} again.', 'we can’t')).toBe('"we can’t" closes the door; "we can’t" again.');
  expect(fillFlagged('Say what you can do.', 'we can’t')).toBe('Say what you can do.');
});

test('placeholderProblem names an unknown placeholder and accepts {flagged} and plain braces', () => {
  expect(placeholderProblem('{flagged} is vague')).toBeNull();
  expect(placeholderProblem('a set {1, 2} or { spaced }')).toBeNull();
  expect(placeholderProblem('{flaged} is vague')).toMatch(/unknown placeholder \{flaged\}/);
});

test("a finding's message and explanation quote its own words, in the agent's case", () => {
  const pack = compileInline([
    {
      id: 'r',
      category: 'cant',
      phrases: ["we can't", 'we cannot'],
      message: 'Lead with what you can do instead of {flagged}.',
      explanation: '{flagged} closes the door.',
      examples: { flag: ["We can't refund it."], pass: ['We can refund it.'] },
    },
  ]);
  const [first, second] = new Analyzer([pack]).analyze("WE CANNOT refund it. Sadly we can't ship it.");
  expect(first.message).toBe('Lead with what you can do instead of "WE CANNOT".');
  expect(first.explanation).toBe('"WE CANNOT" closes the door.');
  expect(second.explanation).toBe('"we can\'t" closes the door.');
  expect(exampleTexts(pack.rules[0])).toEqual({ message: 'Lead with what you can do instead of "We can\'t".', explanation: '"We can\'t" closes the door.' });
});

describe('built-in rules quote the flagged words', () => {
  // A place in the draft rather than words to change: its message quotes the customer's question instead.
  const placeOnly = new Set(['cando-context/unanswered-question']);
  const rules = allPacks().flatMap((p) => p.rules).filter((r) => !placeOnly.has(r.fullId));
  test.each(rules.map((r) => [r.fullId, r] as const))('%s', (_id, rule) => {
    expect(rule.explanation).toContain('{flagged}');
    const [finding] = exampleFindings(rule, rule.examples.flag[0]);
    expect(finding.explanation).toContain(quoteFlagged(finding.text));
    expect(exampleTexts(rule).explanation).toBe(finding.explanation);
  });
});
