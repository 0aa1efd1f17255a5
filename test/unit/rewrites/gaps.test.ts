// gaps.ts: the bracketed places a rewrite leaves for the agent to fill. A gap is words in square
// brackets; links, footnotes, checkboxes, "[sic]" and quoted or code text are not gaps, and a gap
// inside a skipped region (quoted history, a code block) is not the agent's to fill.
import { findGaps, gapFindings, GAP_MESSAGE, GAP_RULE_ID, hasGap } from '../../../src/engine/rewrite/gaps';

const gapTexts = (text: string) => findGaps(text).map((g) => text.slice(g.start, g.end));

describe('findGaps', () => {
  test.each([
    ['What I can do is [what you can offer].', ['[what you can offer]']],
    ['I’ll call you by [day and time] about [the order].', ['[day and time]', '[the order]']],
    ['WHAT I CAN DO IS [WHAT YOU CAN OFFER].', ['[WHAT YOU CAN OFFER]']],
    ['Ticket [ref: 4471-B] is open.', ['[ref: 4471-B]']],
    // not gaps
    ['See [our returns page](https://example.com/returns).', []],
    ['As noted in the terms [1], refunds take 5 days.', []],
    ['- [x] Reset the router', []],
    ['- [ ] Reset the router', []],
    ['They wrote “teh” [sic] in the form.', []],
    ['arr[0] holds the first item', []],
    ['Run `ls [A-Z]` in a shell.', []], // letters, but a single one each side: a character class
    ['No brackets here.', []],
    ['An [unclosed bracket', []],
    ['Nested [outer [inner] words]', ['[inner]']],
    ['A line\n[split\nover lines]', []],
  ])('%j → %j', (text, gaps) => expect(gapTexts(text)).toEqual(gaps));

  test('a very long bracketed passage is not a gap', () => {
    expect(findGaps(`[${'word '.repeat(30)}]`)).toEqual([]);
  });

  test('hasGap agrees with findGaps', () => {
    expect(hasGap('I can [offer].')).toBe(true);
    expect(hasGap('I can [1].')).toBe(false);
  });
});

describe('gapFindings', () => {
  test('each gap of the agent’s own words is an error finding to fill in', () => {
    const text = 'What I can do is [what you can offer], by [day].';
    const findings = gapFindings(text, []);
    expect(findings.map((f) => [f.ruleId, f.severity, f.text, f.message])).toEqual([
      [GAP_RULE_ID, 'error', '[what you can offer]', GAP_MESSAGE],
      [GAP_RULE_ID, 'error', '[day]', GAP_MESSAGE],
    ]);
    expect(findings[0].explanation).toContain('"what you can offer"');
    for (const f of findings) expect(text.slice(f.start, f.end)).toBe(f.text);
  });

  test('a gap inside a skipped region (quoted history, code) is left alone', () => {
    const text = 'Done. > What I can do is [what you can offer].';
    const quoted = { start: text.indexOf('>'), end: text.length };
    expect(gapFindings(text, [quoted])).toEqual([]);
    expect(gapFindings(text, [{ start: text.indexOf('[') + 3, end: text.indexOf('[') + 5 }])).toEqual([]);
  });
});
