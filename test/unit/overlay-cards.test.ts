// The card's state without a browser: one card per sentence (overlapping findings and findings
// sharing their sentence's rewrites together), the sentence before and after a choice, the open
// card followed through edits and new answers, an applied rewrite's gaps as tab stops, and the
// colour legend's count of cards read (with a fake clock).
import type { Finding, Rewrite } from '../../src/engine/types';
import { choicesOf, groupFindings, LegendCount, LEGEND_CARDS, OpenCard, previewOf, READ_MS, sentenceAround, TabStops } from '../../src/content/overlay/cards';

const TEXT = "Hi Sam. Unfortunately we can't refund it, it's the courier's fault. Thanks!";

function finding(words: string, extra: Partial<Finding> = {}): Finding {
  const start = TEXT.indexOf(words);
  return { ruleId: `t/${words}`, category: 'cant', severity: 'warning', start, end: start + words.length, text: words, message: `No “${words}”.`, explanation: 'Why.', suggestions: [], ...extra };
}

/** A rewrite of TEXT replacing `words` with `text`. */
const rewrite = (words: string, text: string): Rewrite => ({ start: TEXT.indexOf(words), end: TEXT.indexOf(words) + words.length, text });

describe('groupFindings', () => {
  test('findings sharing their sentence rewrites make one card offering those rewrites', () => {
    const rewrites = [rewrite("Unfortunately we can't refund it, it's the courier's fault", 'What I can do is [what you can offer]')];
    const cant = finding("we can't", { rewrites, suggestions: ['we can'] });
    // Across the messaging each finding carries its own copy of the rewrites.
    const blame = finding("the courier's fault", { rewrites: structuredClone(rewrites) });
    const groups = groupFindings([blame, cant]);
    expect(groups).toHaveLength(1);
    expect(groups[0].findings).toEqual([cant, blame]);
    expect(groups[0].choices).toEqual(rewrites);
    expect(groups[0]).toMatchObject({ start: cant.start, end: blame.end });
  });

  test('overlapping findings make one card; findings elsewhere keep their own', () => {
    const a = finding("we can't refund", { suggestions: ['we can refund'] });
    const b = finding("can't", { suggestions: ['can'] });
    const c = finding('Thanks');
    const groups = groupFindings([c, b, a]);
    expect(groups.map((g) => g.findings)).toEqual([[a, b], [c]]);
    // Without rewrites, a card offers its first finding's suggestions as replacements of its words.
    expect(groups[0].choices).toEqual([{ start: a.start, end: a.end, text: 'we can refund' }]);
    expect(groups[1].choices).toEqual([]);
  });

  test('a finding offers at most three choices, its rewrites before its suggestions', () => {
    const f = finding("we can't", { suggestions: ['a', 'b', 'c', 'd'] });
    expect(choicesOf(f).map((c) => c.text)).toEqual(['a', 'b', 'c']);
    expect(choicesOf({ ...f, rewrites: [rewrite("we can't", 'I can')] }).map((c) => c.text)).toEqual(['I can']);
  });
});

describe('the sentence before and after', () => {
  test('the sentence around the words, without the one before or after', () => {
    const range = sentenceAround(TEXT, TEXT.indexOf("can't"), TEXT.indexOf("can't") + 5);
    expect(TEXT.slice(range.start, range.end)).toBe("Unfortunately we can't refund it, it's the courier's fault.");
    const multiline = 'Line one\nwe cannot do it\nBye';
    const line = sentenceAround(multiline, multiline.indexOf('cannot'), multiline.indexOf('cannot') + 6);
    expect(multiline.slice(line.start, line.end)).toBe('we cannot do it');
  });

  test('a rewrite ending with the full stop ends the sentence there', () => {
    const choice = rewrite("it's the courier's fault.", 'I will sort it out.');
    const preview = previewOf(TEXT, choice);
    expect(preview).toEqual({ before: "Unfortunately we can't refund it, ", removed: "it's the courier's fault.", inserted: 'I will sort it out.', after: '' });
  });

  test('before and after differ only in the marked words', () => {
    const p = previewOf(TEXT, rewrite("we can't refund it", 'what I can do is [offer]'));
    expect(p.before + p.removed + p.after).toBe("Unfortunately we can't refund it, it's the courier's fault.");
    expect(p.before + p.inserted + p.after).toBe("Unfortunately what I can do is [offer], it's the courier's fault.");
  });
});

describe('OpenCard', () => {
  test('stays on the same words when a newer answer flags them in another span', () => {
    const first = groupFindings([finding("we can't")]);
    const open = new OpenCard(first[0], TEXT);
    // The agent typed at the end; the new answer flags a longer span over the same words.
    const typed = `${TEXT} Bye`;
    const wider = { ...finding("we can't refund"), ruleId: 't/other' };
    const group = open.follow(typed, groupFindings([wider]));
    expect(group?.findings).toEqual([wider]);
  });

  test('follows its words through an edit before them, and closes when an edit runs into them or nothing there is flagged', () => {
    const cant = finding("we can't");
    const open = new OpenCard(groupFindings([cant])[0], TEXT);
    const longer = `Hello again. ${TEXT}`;
    const moved = { ...cant, start: cant.start + 13, end: cant.end + 13 };
    expect(open.follow(longer, groupFindings([moved]))?.findings).toEqual([moved]);
    expect(open.follow(longer, [])).toBeNull();
    const typedInto = longer.replace("we can't", 'we cannot');
    expect(new OpenCard(moved, longer).follow(typedInto, groupFindings([moved]))).toBeNull();
  });
});

describe('TabStops', () => {
  const applied = 'Hi. What I can do is [what you can offer] by [day]. Bye.';
  const range = { start: 4, end: 51 };
  const at = (text: string, words: string) => ({ start: text.indexOf(words), end: text.indexOf(words) + words.length });

  test('Tab goes to the next gap of the rewrite, Shift+Tab to the previous one; none that way: null', () => {
    const stops = new TabStops(range, applied);
    const first = at(applied, '[what you can offer]');
    expect(stops.next(applied, first, false)).toEqual(at(applied, '[day]'));
    expect(stops.next(applied, at(applied, '[day]'), true)).toEqual(first);
    expect(stops.next(applied, first, true)).toBeNull();
    expect(stops.next(applied, at(applied, '[day]'), false)).toBeNull();
  });

  test('typing over a gap moves the next one; outside the rewrite, Tab is left alone', () => {
    const stops = new TabStops(range, applied);
    const filled = applied.replace('[what you can offer]', 'a refund');
    const caret = filled.indexOf('a refund') + 8;
    expect(stops.next(filled, { start: caret, end: caret }, false)).toEqual(at(filled, '[day]'));
    expect(stops.next(filled, { start: 1, end: 1 }, false)).toBeNull();
    const end = filled.length;
    expect(stops.next(filled, { start: end, end }, true)).toBeNull();
    // Text typed before the rewrite moves it.
    const before = `Dear Sam, ${filled}`;
    expect(stops.next(before, { start: 14, end: 14 }, false)).toEqual(at(before, '[day]'));
  });

  test('an edit across the rewrite ends its tab stops', () => {
    const stops = new TabStops(range, applied);
    const cut = applied.slice(0, 2) + applied.slice(10);
    expect(stops.follow(cut)).toBeNull();
  });
});

describe('LegendCount', () => {
  test('the legend shows until the agent has read a few cards; a card only glanced at does not count', () => {
    let now = 1000;
    const legend = new LegendCount(0, () => now);
    for (let i = 0; i < LEGEND_CARDS; i++) {
      expect(legend.showLegend).toBe(true);
      legend.opened();
      now += 100;
      expect(legend.closed()).toBe(false);
      legend.opened();
      now += READ_MS;
      expect(legend.closed()).toBe(true);
    }
    expect(legend.count).toBe(LEGEND_CARDS);
    expect(legend.showLegend).toBe(false);
    expect(new LegendCount(LEGEND_CARDS, () => now).showLegend).toBe(false);
  });
});
