// The overlay's input, apart from the DOM: which finding the pointer or the caret is on, what a
// key does, and when resting the pointer opens a card or leaving it closes one. Pure, with the
// timers passed in: jest tests it in node (the overlay wires it to the page's events).
import type { Finding } from '../../engine/types';
import { contains, type Box } from './layout';

/** How long the pointer rests on an underline before its card opens, and away from both before a hovered card closes. */
export const HOVER_OPEN_MS = 450;
export const HOVER_CLOSE_MS = 400;

export type Opener = 'keyboard' | 'click' | 'hover';

/** Of overlapping findings, the narrowest, so each one can be reached. */
const narrowest = (findings: Finding[]): Finding | null =>
  findings.reduce<Finding | null>((best, f) => (!best || f.end - f.start < best.end - best.start ? f : best), null);

/** The finding drawn under the point (x, y) (top-viewport coordinates, like the boxes). */
export const findingAt = (visible: readonly { finding: Finding; boxes: Box[] }[], x: number, y: number): Finding | null =>
  narrowest(visible.filter(({ boxes }) => boxes.some((b) => contains(b, x, y))).map((v) => v.finding));

/** The finding under the caret, else the next one after it, else the last one before it. */
export function findingAtCaret(findings: readonly Finding[], caret: number | null): Finding | null {
  const sorted = [...findings].sort((a, b) => a.start - b.start);
  if (caret === null || !sorted.length) return null;
  return narrowest(sorted.filter((f) => f.start <= caret && caret <= f.end)) ?? sorted.find((f) => f.start > caret) ?? sorted[sorted.length - 1];
}

/** A key press: the key and its modifiers (a KeyboardEvent is one). */
export interface KeyPress {
  key: string;
  shiftKey: boolean;
  ctrlKey: boolean;
  altKey: boolean;
  metaKey: boolean;
}

/**
 * What a key press does: `gap` selects the applied rewrite's next gap (Tab; Shift+Tab the previous
 * one), `close` closes the card (Escape), `open` opens the card of the finding at the caret
 * (Alt+Enter); null leaves the key to the page.
 */
export function keyCommand(
  { key, ctrlKey, altKey, metaKey, shiftKey }: KeyPress,
  { inEditor, inCard, cardOpen, tabStops }: { inEditor: boolean; inCard: boolean; cardOpen: boolean; tabStops: boolean },
): 'gap' | 'close' | 'open' | null {
  if (key === 'Tab' && tabStops && inEditor && !ctrlKey && !altKey && !metaKey) return 'gap';
  if (key === 'Escape' && cardOpen && (inEditor || inCard)) return 'close';
  if (key === 'Enter' && altKey && inEditor && !ctrlKey && !metaKey && !shiftKey) return 'open';
  return null;
}

/** The timers of the window the overlay lives in (a fake clock in tests). */
export interface Timers {
  setTimeout(run: () => void, ms: number): number;
  clearTimeout(id: number): void;
}

/**
 * Hovering: the pointer resting on an underline opens its card; the pointer leaving both the
 * card and its underlines closes a card that hovering opened (not one clicked or opened by key).
 */
export class HoverIntent {
  #target: Finding | null = null;
  #openTimer = 0;
  #leaveTimer = 0;
  readonly #timers: Timers;
  readonly #open: (finding: Finding) => void;
  readonly #close: () => void;

  constructor(timers: Timers, open: (finding: Finding) => void, close: () => void) {
    this.#timers = timers;
    this.#open = open;
    this.#close = close;
  }

  /**
   * The pointer moved over `over` (null: over no underline, or outside the editor). `card` is the
   * open card (null when none): its findings, whether hovering opened it, and whether the pointer
   * is on the card itself.
   */
  moved(over: Finding | null, card: { findings: Finding[]; hovered: boolean; pointerOnCard: boolean } | null): void {
    const onCard = !!over && !!card?.findings.includes(over);
    if (over !== this.#target) {
      this.#timers.clearTimeout(this.#openTimer);
      this.#target = over;
      if (over && !onCard) this.#openTimer = this.#timers.setTimeout(() => this.#open(over), HOVER_OPEN_MS);
    }
    if (card?.hovered) {
      this.#timers.clearTimeout(this.#leaveTimer);
      if (!card.pointerOnCard && !onCard) this.#leaveTimer = this.#timers.setTimeout(this.#close, HOVER_CLOSE_MS);
    }
  }

  /** A card opened (or the overlay goes): nothing pending opens or closes one. */
  cancel(): void {
    this.#timers.clearTimeout(this.#openTimer);
    this.#timers.clearTimeout(this.#leaveTimer);
  }
}
