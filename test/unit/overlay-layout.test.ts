// Where the suggestion card goes: never over the flagged line, flipped above it near the bottom of
// the window, kept inside the window horizontally.
import { placeCard } from '../../src/content/overlay/layout';

const viewport = { width: 1000, height: 800 };
const card = { width: 340, height: 200 };
const line = (top: number, left = 100, right = 300) => ({ left, right, top, bottom: top + 20 });

test('below the flagged line when there is room', () => {
  expect(placeCard([line(100)], card, viewport)).toEqual({ left: 100, top: 126 });
});

test('below the last line of a finding that wraps', () => {
  expect(placeCard([line(100, 600, 990), line(120, 10, 80)], card, viewport).top).toBe(146);
});

test('above the flagged line near the bottom of the window', () => {
  const pos = placeCard([line(700)], card, viewport);
  expect(pos.top + card.height).toBeLessThanOrEqual(700);
  expect(pos.top).toBe(494);
});

test('on the side with more room when it fits neither, still not over the line', () => {
  const small = { width: 1000, height: 300 };
  const pos = placeCard([line(100)], card, small);
  expect(pos.top).toBe(126);
  const low = placeCard([line(200)], card, small);
  expect(low.top + card.height).toBeLessThanOrEqual(200);
});

test('kept inside the window horizontally', () => {
  expect(placeCard([line(100, 900, 980)], card, viewport).left).toBe(1000 - 340 - 8);
  expect(placeCard([line(100, -50, 20)], card, viewport).left).toBe(8);
});

test('above the flagged line when the agent is typing on the line below it', () => {
  const caret = { left: 150, top: 120, right: 158, bottom: 140 };
  const pos = placeCard([line(300)], card, viewport, { ...caret, top: 320, bottom: 340 });
  expect(pos.top + card.height).toBeLessThanOrEqual(300);
  // A caret far away from where the card goes changes nothing.
  expect(placeCard([line(300)], card, viewport, caret)).toEqual({ left: 100, top: 326 });
});

test('below the caret line when neither side of the flagged line keeps clear of it', () => {
  const caret = { left: 150, top: 120, right: 158, bottom: 140 };
  const pos = placeCard([line(100)], card, viewport, caret);
  expect(pos.top).toBe(146);
});

test('clear of other flagged words when the other side of the flagged line has room', () => {
  const other = line(200);
  const pos = placeCard([line(300)], card, viewport, null, [{ ...other, top: 400, bottom: 420 }]);
  expect(pos.top + card.height).toBeLessThanOrEqual(300);
  // With no room that way either, the card goes below after all: never over its own line.
  expect(placeCard([line(100)], card, viewport, null, [line(200)]).top).toBe(126);
});
