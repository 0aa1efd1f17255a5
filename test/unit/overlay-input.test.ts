// The overlay's input without a browser: which finding a point or the caret is on, what each key
// does, and hovering opening and closing cards (with a fake clock).
import type { Finding } from '../../src/engine/types';
import { findingAt, findingAtCaret, HOVER_CLOSE_MS, HOVER_OPEN_MS, HoverIntent, keyCommand, type KeyPress } from '../../src/content/overlay/input';

const finding = (start: number, end: number): Finding => ({
  ruleId: `t/${start}-${end}`,
  category: 'cant',
  severity: 'warning',
  start,
  end,
  text: 'x'.repeat(end - start),
  message: 'No.',
  explanation: 'Why.',
  suggestions: [],
});

describe('findingAt', () => {
  const wide = finding(0, 20);
  const narrow = finding(5, 8);
  const visible = [
    { finding: wide, boxes: [{ left: 0, top: 0, right: 200, bottom: 20 }] },
    { finding: narrow, boxes: [{ left: 50, top: 0, right: 80, bottom: 20 }] },
  ];

  test.each([
    ['on the wide finding alone', 10, 10, wide],
    ['where two findings overlap, on the narrowest', 60, 10, narrow],
    ['on a box edge', 80, 20, narrow],
    ['below every box', 60, 21, null],
  ])('a point %s', (_, x, y, expected) => {
    expect(findingAt(visible, x, y)).toBe(expected);
  });

  test('a finding drawn on two lines is found on its second line', () => {
    const wrapped = finding(30, 50);
    expect(findingAt([{ finding: wrapped, boxes: [{ left: 150, top: 0, right: 200, bottom: 20 }, { left: 0, top: 20, right: 40, bottom: 40 }] }], 10, 30)).toBe(wrapped);
  });
});

describe('findingAtCaret', () => {
  const first = finding(10, 20);
  const inner = finding(12, 15);
  const last = finding(40, 45);
  // Unsorted, as analyses answer them.
  const findings = [last, first, inner];

  test.each([
    ['inside two findings: the narrowest', 13, inner],
    ['at a finding end: that finding', 20, first],
    ['before every finding: the first', 0, first],
    ['between findings: the next one', 30, last],
    ['after every finding: the last one', 60, last],
  ])('a caret %s', (_, caret, expected) => {
    expect(findingAtCaret(findings, caret)).toBe(expected);
  });

  test('no caret in the editor finds nothing', () => {
    expect(findingAtCaret(findings, null)).toBeNull();
  });

  test('a draft without findings finds nothing', () => {
    expect(findingAtCaret([], 3)).toBeNull();
  });
});

describe('keyCommand', () => {
  const key = (k: string, mods: Partial<KeyPress> = {}): KeyPress => ({ key: k, shiftKey: false, ctrlKey: false, altKey: false, metaKey: false, ...mods });
  const inEditor = { inEditor: true, inCard: false, cardOpen: false, tabStops: false };

  test.each([
    ['Tab after a rewrite was applied selects a gap', key('Tab'), { tabStops: true }, 'gap'],
    ['Shift+Tab after a rewrite was applied selects a gap', key('Tab', { shiftKey: true }), { tabStops: true }, 'gap'],
    ['Tab with no rewrite applied is the editor’s', key('Tab'), {}, null],
    ['Ctrl+Tab is the browser’s', key('Tab', { ctrlKey: true }), { tabStops: true }, null],
    ['Tab outside the editor is the page’s', key('Tab'), { tabStops: true, inEditor: false }, null],
    ['Escape with a card open closes it', key('Escape'), { cardOpen: true }, 'close'],
    ['Escape in the card closes it', key('Escape'), { cardOpen: true, inEditor: false, inCard: true }, 'close'],
    ['Escape with no card open is the page’s', key('Escape'), {}, null],
    ['Escape elsewhere on the page leaves the card open', key('Escape'), { cardOpen: true, inEditor: false }, null],
    ['Alt+Enter in the editor opens a card', key('Enter', { altKey: true }), {}, 'open'],
    ['Enter alone is the editor’s', key('Enter'), {}, null],
    ['Ctrl+Alt+Enter is the page’s', key('Enter', { altKey: true, ctrlKey: true }), {}, null],
    ['Shift+Alt+Enter is the page’s', key('Enter', { altKey: true, shiftKey: true }), {}, null],
    ['Alt+Enter outside the editor is the page’s', key('Enter', { altKey: true }), { inEditor: false }, null],
    ['a letter is the editor’s', key('a'), { cardOpen: true, tabStops: true }, null],
  ])('%s', (_, press, where, expected) => {
    expect(keyCommand(press, { ...inEditor, ...where })).toBe(expected);
  });
});

describe('HoverIntent', () => {
  /** A fake clock: `tick(ms)` runs the timers due by then. */
  function fakeTimers() {
    let now = 0;
    let nextId = 1;
    const pending = new Map<number, { at: number; run: () => void }>();
    return {
      setTimeout: (run: () => void, ms: number) => {
        pending.set(nextId, { at: now + ms, run });
        return nextId++;
      },
      clearTimeout: (id: number) => void pending.delete(id),
      tick(ms: number) {
        now += ms;
        for (const [id, timer] of [...pending].sort((a, b) => a[1].at - b[1].at)) {
          if (timer.at > now) continue;
          pending.delete(id);
          timer.run();
        }
      },
    };
  }

  function hovering() {
    const timers = fakeTimers();
    const opened: Finding[] = [];
    let closed = 0;
    const hover = new HoverIntent(timers, (f) => opened.push(f), () => closed++);
    return { timers, hover, opened, closed: () => closed };
  }

  const a = finding(0, 5);
  const b = finding(10, 15);
  const hoveredCard = (findings: Finding[], pointerOnCard = false) => ({ findings, hovered: true, pointerOnCard });

  test('resting on an underline opens its card after the delay', () => {
    const { timers, hover, opened } = hovering();
    hover.moved(a, null);
    timers.tick(HOVER_OPEN_MS - 1);
    expect(opened).toEqual([]);
    timers.tick(1);
    expect(opened).toEqual([a]);
  });

  test('moving along the same underline does not restart the delay', () => {
    const { timers, hover, opened } = hovering();
    hover.moved(a, null);
    timers.tick(HOVER_OPEN_MS - 100);
    hover.moved(a, null);
    timers.tick(100);
    expect(opened).toEqual([a]);
  });

  test('passing over an underline on the way elsewhere opens nothing', () => {
    const { timers, hover, opened } = hovering();
    hover.moved(a, null);
    timers.tick(HOVER_OPEN_MS - 100);
    hover.moved(null, null);
    timers.tick(HOVER_OPEN_MS);
    expect(opened).toEqual([]);
  });

  test('moving to another underline opens that one, after its own delay', () => {
    const { timers, hover, opened } = hovering();
    hover.moved(a, null);
    timers.tick(HOVER_OPEN_MS - 100);
    hover.moved(b, null);
    timers.tick(HOVER_OPEN_MS - 1);
    expect(opened).toEqual([]);
    timers.tick(1);
    expect(opened).toEqual([b]);
  });

  test('resting on the open card’s own underline does not open it again', () => {
    const { timers, hover, opened } = hovering();
    hover.moved(a, { findings: [a], hovered: false, pointerOnCard: false });
    timers.tick(HOVER_OPEN_MS * 2);
    expect(opened).toEqual([]);
  });

  test('leaving a hovered card and its underline closes the card after the delay', () => {
    const { timers, hover, closed } = hovering();
    hover.moved(null, hoveredCard([a]));
    timers.tick(HOVER_CLOSE_MS - 1);
    expect(closed()).toBe(0);
    timers.tick(1);
    expect(closed()).toBe(1);
  });

  test('coming back onto the hovered card before the delay keeps it open', () => {
    const { timers, hover, closed } = hovering();
    hover.moved(null, hoveredCard([a]));
    timers.tick(HOVER_CLOSE_MS - 100);
    hover.moved(null, hoveredCard([a], true));
    timers.tick(HOVER_CLOSE_MS * 2);
    expect(closed()).toBe(0);
  });

  test('the pointer on the hovered card’s underline keeps it open', () => {
    const { timers, hover, closed } = hovering();
    hover.moved(a, hoveredCard([a]));
    timers.tick(HOVER_CLOSE_MS * 2);
    expect(closed()).toBe(0);
  });

  test('leaving a clicked card keeps it open', () => {
    const { timers, hover, closed } = hovering();
    hover.moved(null, { findings: [a], hovered: false, pointerOnCard: false });
    timers.tick(HOVER_CLOSE_MS * 2);
    expect(closed()).toBe(0);
  });

  test('a card opened meanwhile cancels the pending opening', () => {
    const { timers, hover, opened } = hovering();
    hover.moved(a, null);
    hover.cancel();
    timers.tick(HOVER_OPEN_MS * 2);
    expect(opened).toEqual([]);
  });

  test('a card opened meanwhile cancels the pending closing', () => {
    const { timers, hover, closed } = hovering();
    hover.moved(null, hoveredCard([a]));
    hover.cancel();
    timers.tick(HOVER_CLOSE_MS * 2);
    expect(closed()).toBe(0);
  });
});
